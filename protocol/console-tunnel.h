/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The client's end of a guest console through corrald: a ticket from
 * POST /vms/{id}/console, then a connection of its own to the host (pinned
 * TLS or the unix socket, exactly as the API client connects) that sends
 * GET /api/v1/console/{ticket} with "Upgrade: vnc" and, on 101, carries raw
 * RFB. The tunnel joins that connection to one end of a socketpair; the
 * other end is what a VNC client (gvnc's vnc_connection_open_fd()) reads and
 * writes. A thread of the tunnel's own copies bytes between them through
 * bounded buffers. Tickets and tokens are never logged nor put in errors.
 */
#pragma once

#include <glib.h>

#include "protocol/client.h"

G_BEGIN_DECLS

typedef struct CorralConsoleTunnel CorralConsoleTunnel;

/* Asks @client's host for a ticket to guest @vm_id's console and opens it.
 * Blocks; use from the thread that uses @client. */
CorralConsoleTunnel *corral_console_tunnel_open(CorralClient *client, const char *vm_id,
                                                GError **error);

/* Opens a console with @ticket, sending @client's token. An answer other
 * than 101 fails with CORRAL_PROTOCOL_ERROR_HTTP and the server's message;
 * @status (may be NULL) receives the status, 0 when none came. */
CorralConsoleTunnel *corral_console_tunnel_open_ticket(CorralClient *client, const char *ticket,
                                                       guint *status, GError **error);

/* The local end of the console's byte stream, for the VNC client: the
 * caller owns it from now on; -1 after the first call. */
int corral_console_tunnel_steal_fd(CorralConsoleTunnel *tunnel);

/* Bytes carried so far: sent to the host, received from it. */
void corral_console_tunnel_get_counts(CorralConsoleTunnel *tunnel, guint64 *sent,
                                      guint64 *received);

/* FALSE once either side has closed. */
gboolean corral_console_tunnel_is_open(CorralConsoleTunnel *tunnel);

/* Stops the copying thread and closes the connection. */
void corral_console_tunnel_free(CorralConsoleTunnel *tunnel);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CorralConsoleTunnel, corral_console_tunnel_free)

G_END_DECLS
