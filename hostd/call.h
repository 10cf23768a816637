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

/* The connection of a switched request: its socket, and its GnuTLS session
 * (gnutls_session_t) when it came over TLS; bytes the client sent after its
 * request are in @extra. */
typedef struct {
    int fd;
    gpointer tls;
    const char *extra;
    gsize extra_len;
} CorraldStream;

/* A handler that switches protocols (status 101) fills in a CorraldUpgrade:
 * after the 101 answer the HTTP layer calls @run in the connection's thread
 * with the connection, and closes it when @run returns; @run owns @data.
 * When the switch cannot happen, @data is given to @free instead. */
typedef void (*CorraldUpgradeFunc)(const CorraldStream *stream, gpointer data);

typedef struct {
    const char *protocol; /* the answer's Upgrade header, such as "vnc" */
    CorraldUpgradeFunc run;
    gpointer data;
    GDestroyNotify free;
} CorraldUpgrade;

typedef struct {
    CorraldDaemon *daemon;
    const CorraldRoute *route;
    char *params[CORRALD_MAX_PARAMS]; /* {id}, {name}, {path*} in pattern order */
    GHashTable *query;                /* name → value, percent-decoded */
    json_object *body;                /* the request body, NULL when there was none */
    const char *peer;                 /* the client's IP address, or "local" */
    const char *server_address;       /* the host's address it reached, or "local" */
    gboolean local;                   /* a root peer on the unix socket */
    char *user;                       /* the caller's user name; NULL for public routes */
    char *token;                      /* the caller's session token (never logged) */
    CorraldTransfer *transfer;        /* a datastore file upload or download, or NULL */
    const char *upgrade;              /* the request's Upgrade header, or NULL */
    CorraldUpgrade switch_to;         /* set by a handler that answers 101 */

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
