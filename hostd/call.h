/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * One API call as a handler sees it: the matched route and its parameters,
 * the query, the decoded body and who is asking; the handler fills in the
 * status and the reply. Handlers run in the connection's own thread (corrald
 * serves each connection in a thread of its own), so they may block on
 * libvirt or on a long poll.
 */
#pragma once

#include <glib.h>
#include <json-c/json.h>

#include "hostd/role.h"
#include "protocol/codec.h"

G_BEGIN_DECLS

typedef struct CorraldDaemon CorraldDaemon;
typedef struct CorraldRoute CorraldRoute;
typedef struct CorraldTransfer CorraldTransfer; /* datastore-transfer.h */

#define CORRALD_MAX_PARAMS 3

typedef struct {
    CorraldDaemon *daemon;
    const CorraldRoute *route;
    char *params[CORRALD_MAX_PARAMS]; /* {id}, {name}, {path*} in pattern order */
    GHashTable *query;                /* name → value, percent-decoded */
    json_object *body;                /* the request body, NULL when there was none */
    const char *peer;                 /* the client's IP address, or "local" */
    gboolean local;                   /* a root peer on the unix socket */
    char *user;                       /* the caller's user name; NULL for public routes */
    char *token;                      /* the caller's session token (never logged) */
    CorraldTransfer *transfer;        /* a datastore file upload or download, or NULL */

    guint status;       /* set by the handler; 200 when left 0 */
    json_object *reply; /* set by the handler; owned by the call */
} CorraldCall;

typedef gboolean (*CorraldHandler)(CorraldCall *call, GError **error);

/* A query parameter, or NULL. */
const char *corrald_call_query(CorraldCall *call, const char *name);

/* The call's body decoded strictly as @type (with @flags added); a
 * missing body is CORRALD_ERROR_BAD_REQUEST. */
gpointer corrald_call_decode_body(CorraldCall *call, const CorralType *type,
                                  CorralDecodeFlags flags, GError **error);

/* Answers @status with @reply (taken over). */
gboolean corrald_call_reply(CorraldCall *call, guint status, json_object *reply);

G_END_DECLS
