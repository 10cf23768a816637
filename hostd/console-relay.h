/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * One console connection: bytes copied both ways between the client's
 * upgraded HTTP stream and the guest's VNC unix socket. Each direction has
 * one fixed buffer; while it is full the relay stops reading from that
 * direction's source, so a client (or guest) that stops reading holds up its
 * peer through TCP's own flow control instead of growing corrald's memory.
 * RFB is not parsed: the relay is a pipe with a bound.
 */
#pragma once

#include <glib.h>

#include "hostd/call.h"

G_BEGIN_DECLS

typedef struct CorraldConsoleRelay CorraldConsoleRelay;

/* The default size of each direction's buffer. */
#define CORRALD_CONSOLE_RELAY_BUFFER (64 * 1024)

/* A relay between the switched connection @client (borrowed: its owner
 * closes it; over TLS when it has a session) and @guest_fd (taken over:
 * closed by corrald_console_relay_free()), with @buffer_size bytes of buffer
 * per direction. The client's extra bytes are relayed first. */
CorraldConsoleRelay *corrald_console_relay_new(const CorraldStream *client, int guest_fd,
                                               gsize buffer_size, GError **error);

/* The server's side of the RFB handshake, to the client: version 3.8 and
 * security None (corrald has authenticated to the guest already, see
 * console-vnc-auth.h). Blocks up to @timeout_ms. */
gboolean corrald_console_relay_greet(CorraldConsoleRelay *relay, guint timeout_ms, GError **error);

/* Copies until one side closes, an error, or corrald_console_relay_stop().
 * Blocks the calling thread. A side closing is a success. */
gboolean corrald_console_relay_run(CorraldConsoleRelay *relay, GError **error);

/* Makes a running corrald_console_relay_run() return soon; from any thread. */
void corrald_console_relay_stop(CorraldConsoleRelay *relay);

/* Bytes relayed so far, each way. */
void corrald_console_relay_get_counts(CorraldConsoleRelay *relay, guint64 *to_guest,
                                      guint64 *to_client);

/* The most bytes held in the relay's buffers at any time: never more than
 * twice the buffer size. */
gsize corrald_console_relay_get_peak_buffered(CorraldConsoleRelay *relay);

void corrald_console_relay_free(CorraldConsoleRelay *relay);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CorraldConsoleRelay, corrald_console_relay_free)

G_END_DECLS
