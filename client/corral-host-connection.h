/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * One host the desktop client manages: its trust (the SHA-256 pin in the
 * known_hosts file shared with corral-cli), its session, its inventory, its
 * Recent Tasks and its events. Every API call runs in a GTask thread on a
 * mutex-guarded CorralClient, and its result is applied in the main thread,
 * so the UI never waits on the network. A worker thread per host keeps the
 * events long poll (GET /events?after=SEQ&timeout=50) open on its own
 * client and hands each batch to the main thread, which refreshes only what
 * the events make stale; when the host goes away the worker retries with a
 * growing pause, logs in again, and reloads the inventory once it answers.
 * Tokens and passwords are never logged.
 */
#pragma once

#include <gio/gio.h>
#include <json-c/json.h>

#include "client/corral-inventory.h"
#include "client/corral-object-item.h"
#include "protocol/client.h"

G_BEGIN_DECLS

typedef enum {
    CORRAL_CONNECTION_DISCONNECTED,
    CORRAL_CONNECTION_CONNECTING,
    CORRAL_CONNECTION_CONNECTED,
    CORRAL_CONNECTION_RECONNECTING,
} CorralConnectionState;

#define CORRAL_TYPE_HOST_CONNECTION (corral_host_connection_get_type())
G_DECLARE_FINAL_TYPE(CorralHostConnection, corral_host_connection, CORRAL, HOST_CONNECTION, GObject)

/* A connection to @host ("HOST" or "HOST:PORT", 443 by default) as @user.
 * A malformed host fails with CORRAL_PROTOCOL_ERROR_INVALID. */
CorralHostConnection *corral_host_connection_new(const char *host, const char *user,
                                                 GError **error);

/* "HOST:PORT", the key of the known_hosts file. */
const char *corral_host_connection_get_host_port(CorralHostConnection *self);
const char *corral_host_connection_get_user(CorralHostConnection *self);
CorralConnectionState corral_host_connection_get_state(CorralHostConnection *self);

/* Why the connection is not (or no longer) up, translated; NULL if it is. */
const char *corral_host_connection_get_problem(CorralHostConnection *self);

CorralInventory *corral_host_connection_get_inventory(CorralHostConnection *self);

/* CorralObjectItem of CorralTask, newest first: the host's tasks and the
 * client's own operations on it. */
GListModel *corral_host_connection_get_tasks(CorralHostConnection *self);

/* CorralObjectItem of CorralEvent, newest first, the last 1,000. */
GListModel *corral_host_connection_get_events(CorralHostConnection *self);

/* The thumbprint the host presented, and the one pinned for it (canonical
 * form), after a connection attempt; NULL when there was none. */
const char *corral_host_connection_get_seen_thumbprint(CorralHostConnection *self);
const char *corral_host_connection_get_pinned_thumbprint(CorralHostConnection *self);

/* A client of its own to the host (address, pin and session token), for
 * the console of a guest (client/vnc); NULL before a login. */
CorralClient *corral_host_connection_new_client(CorralHostConnection *self, GError **error);

/* Checks the host's certificate, logs in with @password and reads the whole
 * inventory. @trust is the thumbprint the user has just accepted for a host
 * not yet pinned (it is pinned in known_hosts once the host presents it), or
 * NULL. Fails with CORRAL_PROTOCOL_ERROR_UNTRUSTED for an unknown host and
 * CORRAL_PROTOCOL_ERROR_PIN_MISMATCH for a changed certificate (a hard
 * stop), with both thumbprints then readable above. */
void corral_host_connection_connect_async(CorralHostConnection *self, const char *password,
                                          const char *trust, GCancellable *cancellable,
                                          GAsyncReadyCallback callback, gpointer user_data);
gboolean corral_host_connection_connect_finish(CorralHostConnection *self, GAsyncResult *result,
                                               GError **error);

/* Stops the events worker, any retrying, and forgets the session. */
void corral_host_connection_disconnect(CorralHostConnection *self);

/* Whether a failed connect_async means the host did not answer (as
 * opposed to a decision for the user: trust, password). */
gboolean corral_host_connection_error_is_unreachable(const GError *error);

/* After connect_async failed because the host did not answer: tries again
 * by itself, with the pause that grows as for a dropped connection
 * (corral_host_connection_next_retry_s), state RECONNECTING meanwhile, until
 * it connects (state CONNECTED, the inventory read), fails for another
 * reason (DISCONNECTED with the problem), or is disconnected. */
void corral_host_connection_retry(CorralHostConnection *self);

/* The pause before the next attempt to reach a host, after @previous_s
 * (0: the first): 1 s, doubling up to 30 s. */
guint corral_host_connection_next_retry_s(guint previous_s);

/* One API call: @method @path (under /api/v1) with @body (taken over, may
 * be NULL). The answer is a JSON object ({} for an empty body). */
void corral_host_connection_call_async(CorralHostConnection *self, const char *method,
                                       const char *path, json_object *body,
                                       GCancellable *cancellable, GAsyncReadyCallback callback,
                                       gpointer user_data);
json_object *corral_host_connection_call_finish(CorralHostConnection *self, GAsyncResult *result,
                                                GError **error);

/* As call_async, shown in Recent Tasks as @description on @target while it
 * runs, with its outcome after. */
void corral_host_connection_operation_async(CorralHostConnection *self, const char *description,
                                            const char *target, const char *method,
                                            const char *path, json_object *body,
                                            GAsyncReadyCallback callback, gpointer user_data);

/* Uploads @file to @path of @datastore (PUT …/files/PATH), in Recent Tasks
 * with its progress. */
void corral_host_connection_upload_async(CorralHostConnection *self, const char *datastore,
                                         const char *path, GFile *file,
                                         GAsyncReadyCallback callback, gpointer user_data);
/* Downloads @path of @datastore into @file, in Recent Tasks likewise. */
void corral_host_connection_download_async(CorralHostConnection *self, const char *datastore,
                                           const char *path, GFile *file,
                                           GAsyncReadyCallback callback, gpointer user_data);
gboolean corral_host_connection_transfer_finish(CorralHostConnection *self, GAsyncResult *result,
                                                GError **error);

/* Reads GET /vms/{id} again into the inventory. */
void corral_host_connection_refresh_vm(CorralHostConnection *self, const char *id);
void corral_host_connection_refresh_pools(CorralHostConnection *self);

G_END_DECLS
