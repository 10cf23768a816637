/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * From an HTTP request to an API answer, independent of the transport: path
 * parsing, the route table, authentication, the role check, body decoding,
 * the handler, and errors turned into status and body. Runs in the
 * connection's thread.
 */
#pragma once

#include <glib.h>
#include <json-c/json.h>

#include "hostd/call.h"

G_BEGIN_DECLS

typedef struct {
    const char *method;
    const char *url;           /* as sent: still percent-encoded */
    GHashTable *query;         /* raw name → raw value (percent-encoded) */
    const char *authorization; /* the Authorization header, or NULL */
    const char *content_type;  /* or NULL */
    const char *body;          /* NULL or @body_len bytes */
    gsize body_len;
    const char *peer;           /* IP address, or "local" */
    const char *server_address; /* the host's address the client reached, or "local" */
    gboolean local;             /* root on the unix socket */
    /* The Upgrade header, or NULL; and where a 101 answer's upgrade goes
     * (NULL refuses them). */
    const char *upgrade;
    CorraldUpgrade *switched;
    CorraldTransfer *transfer; /* datastore file routes only (datastore-transfer.h), or NULL */
} CorraldRequest;

/* Answers @request: returns the JSON body (owned by the caller, NULL for
 * none) and sets @status. */
json_object *corrald_dispatch(CorraldDaemon *daemon, const CorraldRequest *request, guint *status);

G_END_DECLS
