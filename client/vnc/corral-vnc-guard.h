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
 *
 * Given a ready function, the guard also decodes raw rectangles itself:
 * gvnc reads 4 KiB at a time and returns to the main loop after every
 * rectangle, which costs a console more than drawing it (QEMU sends some
 * 400 rectangles a frame). Their pixels go into a shadow framebuffer in
 * the guard's thread; the ready function runs in the main context once an
 * update is in, and corral_vnc_guard_take() copies what changed into the
 * view's buffer. gvnc then sees the update without those rectangles (ended
 * by a LastRect). The other encodings still go to gvnc, in stream order:
 * the guard waits for gvnc to draw what it passed on before it writes
 * pixels itself, and for the view to take the shadow's pixels before it
 * passes on more. Pixels must be in the view's format (32-bit BGRX).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct CorralVncGuard CorralVncGuard;

#define CORRAL_VNC_GUARD_STALL_S 10

/* Runs in the main context when decoded pixels wait to be taken or an
 * update began arriving. */
typedef void (*CorralVncGuardReadyFunc)(gpointer user_data);

/* Called by corral_vnc_guard_take() for each rectangle it copied. */
typedef void (*CorralVncGuardDamageFunc)(gpointer user_data, guint x, guint y, guint width,
                                         guint height);

/* Guards @server_fd (taken over). Returns the guard and, in @client_fd,
 * the socket for gvnc (the caller's). With @ready, raw rectangles are
 * decoded by the guard (see above); @ready runs in the thread-default
 * main context of the caller. */
CorralVncGuard *corral_vnc_guard_new(int server_fd, int *client_fd, CorralVncGuardReadyFunc ready,
                                     gpointer user_data, GError **error);

/* Main thread: copies the rectangles decoded since the last call into
 * @buffer (@width × @height, @stride bytes a row; NULL drops them),
 * calling @damage for each; returns how many. */
guint corral_vnc_guard_take(CorralVncGuard *guard, guint8 *buffer, gsize stride, guint width,
                            guint height, CorralVncGuardDamageFunc damage, gpointer user_data);

/* Main thread: whether an update began arriving since the last call (the
 * ready function runs for that too): the time to ask for the next one, so
 * that the server has a request in hand when it next looks (QEMU slows
 * its refresh for a client that has none). */
gboolean corral_vnc_guard_update_began(CorralVncGuard *guard);

/* Main thread: gvnc drew one rectangle the guard passed on (its
 * vnc-framebuffer-update signal). */
void corral_vnc_guard_drawn(CorralVncGuard *guard);

/* What the guard found wrong, or NULL; thread safe. */
char *corral_vnc_guard_dup_error(CorralVncGuard *guard);

/* Stops the guard's threads and closes its sockets. */
void corral_vnc_guard_free(CorralVncGuard *guard);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CorralVncGuard, corral_vnc_guard_free)

G_END_DECLS
