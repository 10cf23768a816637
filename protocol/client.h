/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The HTTP client of the Corral API: JSON requests under /api/v1 over HTTPS
 * with the host's certificate pinned by its SHA-256 thumbprint, or over
 * corrald's unix socket. The pin is checked inside the TLS handshake, so a
 * host that presents another certificate never sees a request line, a token
 * or a body. Without a pin (trust on first use) every request fails with
 * CORRAL_PROTOCOL_ERROR_UNTRUSTED and the client keeps the thumbprint it was
 * shown, for the caller to confirm with the user and pin.
 *
 * A client keeps one connection alive between requests. It is not thread
 * safe: use each client from one thread at a time; requests block.
 */
#pragma once

#include <gio/gio.h>
#include <glib.h>
#include <json-c/json.h>

/* g_autoptr(json_object) and the one JSON parser are defined there. */
#include "protocol/codec.h"

G_BEGIN_DECLS

/* Default limits; see corral_client_set_timeouts() and
 * corral_client_set_max_response_size(). */
#define CORRAL_CLIENT_CONNECT_TIMEOUT_S 10
#define CORRAL_CLIENT_TOTAL_TIMEOUT_S   60
#define CORRAL_CLIENT_MAX_RESPONSE      ((gsize)64 * 1024 * 1024)

typedef struct CorralClient CorralClient;

/* Called while a raw transfer runs, from the thread that runs it: @done of
 * @total bytes (0 while unknown) sent for an upload, received otherwise.
 * Returning FALSE cancels the transfer. */
typedef gboolean (*CorralClientProgressFunc)(guint64 done, guint64 total, gpointer user_data);

/* A client of the host at @base_url, "https://HOST[:PORT]" (443 by default).
 * Fails with CORRAL_PROTOCOL_ERROR_INVALID on another form. */
CorralClient *corral_client_new(const char *base_url, GError **error);

/* A client of corrald's unix socket at @socket_path: plain HTTP, no pin. */
CorralClient *corral_client_new_unix(const char *socket_path);

CorralClient *corral_client_ref(CorralClient *client);
void corral_client_unref(CorralClient *client);

/* "HOST:PORT" or the socket path: the peer as error messages name it. */
const char *corral_client_get_peer(CorralClient *client);

/* The bearer token sent with every request, or NULL for none. It is never
 * logged nor put in an error message. A token with characters that cannot go
 * in an HTTP header is refused. */
gboolean corral_client_set_token(CorralClient *client, const char *token, GError **error);
const char *corral_client_get_token(CorralClient *client);

/* The thumbprint the host's certificate must have (any form that
 * corral_thumbprint_parse() reads), or NULL to pin nothing. A new pin closes
 * the kept connection, so the next request shows the certificate again. */
gboolean corral_client_set_pinned_thumbprint(CorralClient *client, const char *thumbprint,
                                             GError **error);
const char *corral_client_get_pinned_thumbprint(CorralClient *client);

/* The thumbprint of the certificate the host presented in the last
 * handshake, canonical "AA:BB:…", or NULL before any. */
const char *corral_client_get_seen_thumbprint(CorralClient *client);

/* Seconds to connect (TCP and TLS) and for a whole JSON request. Raw
 * transfers take as long as they need but fail after @total_s seconds
 * without progress. 0 keeps the current value. */
void corral_client_set_timeouts(CorralClient *client, guint connect_s, guint total_s);

/* The most bytes of a response body accepted, for JSON and error bodies. */
void corral_client_set_max_response_size(CorralClient *client, gsize max_bytes);

/* Sends @method @path (relative to /api/v1, starting with '/', query
 * included and already escaped) with @body as JSON, or no body if NULL.
 * On a 2xx answer returns TRUE with @response the JSON object of the body
 * (NULL for an empty one); a body that is not one JSON object, as
 * corral_json_parse() reads it, or is larger than the limit fails with
 * CORRAL_PROTOCOL_ERROR_INVALID. Any other status (redirects are not
 * followed) fails with CORRAL_PROTOCOL_ERROR_HTTP and the server's message;
 * corral_client_get_last_status() and corral_client_get_last_error_code()
 * then tell the status and the API's error code. @status, if not NULL,
 * receives the status whenever an answer arrived, 0 otherwise. */
gboolean corral_client_request(CorralClient *client, const char *method, const char *path,
                               json_object *body, guint *status, json_object **response,
                               GError **error);

/* As corral_client_request() for bodies that are not JSON: sends
 * @upload_size bytes of @upload (NULL for no body) as @content_type and
 * writes a 2xx answer's body to @download (NULL to discard it). Error
 * answers are read as API errors, never written to @download. A read or
 * write error of the streams comes back in its own domain (G_IO_ERROR), and
 * a transfer that @progress cancels fails with G_IO_ERROR_CANCELLED. */
gboolean corral_client_request_raw(CorralClient *client, const char *method, const char *path,
                                   const char *content_type, GInputStream *upload,
                                   goffset upload_size, GOutputStream *download,
                                   CorralClientProgressFunc progress, gpointer user_data,
                                   guint *status, GError **error);

/* The status of the last answer, 0 if none arrived. */
guint corral_client_get_last_status(CorralClient *client);

/* The API error code ("vm-not-found") of the last error answer, or NULL. */
const char *corral_client_get_last_error_code(CorralClient *client);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CorralClient, corral_client_unref)

G_END_DECLS
