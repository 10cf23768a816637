/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A checkpoint between a VNC server and gvnc. gvnc decodes whatever a
 * server sends, asked for or not, and some of what it was not asked for
 * (rich cursors, Tight JPEG) crashes it on bad input. The guard reads the
 * server's stream first, message by message, in a thread of its own, and
 * passes on only what is well formed: the handshake for security None or
 * VNC, then the encodings the view asks for (raw, CopyRect, hextile, ZRLE
 * and the pseudo-encodings of corral-vnc-view.c) within the framebuffer,
 * with lengths under fixed caps. Anything else ends the connection with a
 * message saying what was wrong, and so does a message left unfinished for
 * CORRAL_VNC_GUARD_STALL_S seconds. It holds no message whole: bytes go on
 * as they are checked, so its memory is one buffer. The client's stream
 * goes to the server unchanged.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct CorralVncGuard CorralVncGuard;

#define CORRAL_VNC_GUARD_STALL_S 10

/* Guards @server_fd (taken over). Returns the guard and, in @client_fd,
 * the socket for gvnc (the caller's). */
CorralVncGuard *corral_vnc_guard_new(int server_fd, int *client_fd, GError **error);

/* What the guard found wrong, or NULL; thread safe. */
char *corral_vnc_guard_dup_error(CorralVncGuard *guard);

/* Stops the guard's threads and closes its sockets. */
void corral_vnc_guard_free(CorralVncGuard *guard);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CorralVncGuard, corral_vnc_guard_free)

G_END_DECLS
