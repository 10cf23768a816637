/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * corrald as the console sees it: over its unix socket when it runs (root
 * needs no token there), through the state directory when it does not.
 * Every call here works, or fails with a message, with corrald stopped.
 */
#pragma once

#include <glib.h>
#include <json-c/json.h>

#include "dcui/app.h"

G_BEGIN_DECLS

gboolean dcui_agent_running(DcuiApp *app);

/* The certificate thumbprint corrald serves ("AA:BB:…"): asked from
 * corrald, else read from STATE_DIR/tls/cert.pem; NULL when neither. */
char *dcui_agent_dup_thumbprint(DcuiApp *app);

/* The HTTPS port: STATE_DIR/port, else the configured listen port. */
guint dcui_agent_port(DcuiApp *app);

/* Tells a running corrald to re-read users and settings: SIGHUP to the
 * process that owns the socket (SO_PEERCRED). TRUE when it is stopped. */
gboolean dcui_agent_reload(DcuiApp *app, GError **error);

/* Runs the configured restart-agent command, then waits up to 10 s for
 * corrald's socket to answer. */
gboolean dcui_agent_restart(DcuiApp *app, GError **error);

/* One API request over the socket; the answer's JSON object. */
json_object *dcui_agent_request(DcuiApp *app, const char *method, const char *path,
                                json_object *body, GError **error);

G_END_DECLS
