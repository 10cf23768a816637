/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The HTTP side of corrald on libmicrohttpd: HTTPS on a TCP address (TLS 1.2
 * and 1.3 with Mozilla's "intermediate" suites) and plain HTTP on a unix
 * socket that only root peers may use. Each connection gets a thread; the
 * request goes to corrald_dispatch(). Caps: headers 16 KiB, bodies 1 MiB
 * (413 past that), 60 s idle.
 */
#pragma once

#include <glib.h>

#include "hostd/call.h"

G_BEGIN_DECLS

typedef struct CorraldHttpServer CorraldHttpServer;

/* Listens on @listen ("ADDR:PORT", "[V6]:PORT"; port 0 picks a free one)
 * with TLS, and on the unix socket @socket_path unless it is NULL. */
CorraldHttpServer *corrald_http_server_start(CorraldDaemon *daemon, const char *listen,
                                             const char *socket_path, GError **error);

/* The TCP port actually bound. */
guint16 corrald_http_server_port(CorraldHttpServer *server);

void corrald_http_server_stop(CorraldHttpServer *server);

G_END_DECLS
