/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The API client over libcurl. libcurl's own certificate checks are off
 * (a Corral host's certificate is self-signed, issued by nobody); instead the
 * OpenSSL context libcurl makes for each connection gets a certificate
 * verification callback that compares the SHA-256 of the leaf certificate
 * with the pin. It runs inside the handshake, before libcurl writes a byte of
 * HTTP, and refusing there aborts the handshake: a host with the wrong
 * certificate learns nothing of the request, its token or its body.
 *
 * TLS session resumption is off so that every new connection shows its
 * certificate to that callback; kept-alive connections were checked when
 * they were made, and changing the pin closes them.
 */
#define G_LOG_DOMAIN "corral-protocol"

#include "protocol/client.h"

#include "config.h"
#include "protocol/client-private.h"
#include "protocol/protocol-error.h"
#include "protocol/reply-buffer.h"
#include "protocol/thumbprint.h"

#include <curl/curl.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <string.h>

/* libcurl's handles, freed by their own functions. */
typedef struct curl_slist CorralCurlSlist;
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CURLU, curl_url_cleanup)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CorralCurlSlist, curl_slist_free_all)

/* The longest server message and API code an error carries on. */
#define MAX_SERVER_MESSAGE 1024
#define MAX_ERROR_CODE     64

/* What the certificate callback decided in the last handshake. */
typedef enum {
    PIN_VERDICT_NONE,
    PIN_VERDICT_MATCH,
    PIN_VERDICT_MISMATCH,
    PIN_VERDICT_UNTRUSTED,
    PIN_VERDICT_NO_CERTIFICATE,
} PinVerdict;

struct CorralClient {
    gatomicrefcount ref_count;
    char *base_url;    /* "https://HOST:PORT" or "http://localhost" */
    char *socket_path; /* NULL over TCP */
    char *peer;        /* "HOST:PORT" or the socket path, for messages */
    char *token;
    gboolean has_pin;
    guint8 pin[CORRAL_THUMBPRINT_DIGEST_LEN];
    char *pin_text;
    char *seen_thumbprint;
    guint connect_timeout_s;
    guint total_timeout_s;
    gsize max_response;
    CURL *curl; /* kept between requests for its live connection */
    PinVerdict verdict;
    guint last_status;
    char *last_error_code;
    char errbuf[CURL_ERROR_SIZE];
};

/* One request in flight: where its body comes from and goes to. */
typedef struct {
    CorralClient *client;
    CorralReplyBuffer *buffer; /* JSON answers and error bodies */
    GOutputStream *download;   /* raw 2xx bodies, when set */
    GInputStream *upload;
    GError *stream_error;
    gboolean too_large;
    gboolean raw; /* 2xx bodies go to download, or nowhere */
    CorralClientProgressFunc progress;
    gpointer user_data;
    gboolean cancelled;
} Transfer;

static void
curl_init_once(void)
{
    static gsize done;

    if (g_once_init_enter(&done)) {
        CURLcode rc = curl_global_init(CURL_GLOBAL_DEFAULT);

        if (rc != CURLE_OK)
            g_error("libcurl cannot start: %s", curl_easy_strerror(rc));
        g_once_init_leave(&done, 1);
    }
}

static CorralClient *
client_alloc(void)
{
    CorralClient *client = g_new0(CorralClient, 1);

    curl_init_once();
    g_atomic_ref_count_init(&client->ref_count);
    client->connect_timeout_s = CORRAL_CLIENT_CONNECT_TIMEOUT_S;
    client->total_timeout_s = CORRAL_CLIENT_TOTAL_TIMEOUT_S;
    client->max_response = CORRAL_CLIENT_MAX_RESPONSE;
    return client;
}

static gboolean
invalid_url(const char *base_url, const char *why, GError **error)
{
    g_set_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_INVALID,
                "“%s” is not a host address of the form https://HOST[:PORT]: %s", base_url, why);
    return FALSE;
}

/* Reads "https://HOST[:PORT]" or "HOST[:PORT]" into @client's base URL and
 * peer name. */
static gboolean
parse_base_url(CorralClient *client, const char *base_url, GError **error)
{
    g_autoptr(CURLU) url = curl_url();
    g_autofree char *with_scheme = NULL;
    char *scheme = NULL, *host = NULL, *port = NULL, *path = NULL, *query = NULL, *user = NULL;
    gboolean ok = FALSE;

    if (strstr(base_url, "://") == NULL)
        with_scheme = g_strconcat("https://", base_url, NULL);
    else
        with_scheme = g_strdup(base_url);

    if (url == NULL)
        g_error("libcurl cannot allocate a URL");
    if (curl_url_set(url, CURLUPART_URL, with_scheme, 0) != CURLUE_OK)
        return invalid_url(base_url, "it is not a URL", error);
    curl_url_get(url, CURLUPART_SCHEME, &scheme, 0);
    curl_url_get(url, CURLUPART_HOST, &host, 0);
    curl_url_get(url, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT);
    curl_url_get(url, CURLUPART_PATH, &path, 0);
    curl_url_get(url, CURLUPART_QUERY, &query, 0);
    curl_url_get(url, CURLUPART_USER, &user, 0);

    if (scheme == NULL || g_ascii_strcasecmp(scheme, "https") != 0)
        invalid_url(base_url, "the scheme must be https", error);
    else if (host == NULL || *host == '\0')
        invalid_url(base_url, "it names no host", error);
    else if (user != NULL)
        invalid_url(base_url, "it must not carry a user name", error);
    else if ((path != NULL && strcmp(path, "/") != 0 && *path != '\0') || query != NULL)
        invalid_url(base_url, "it must not have a path or a query", error);
    else
        ok = TRUE;

    if (ok) {
        client->base_url = g_strdup_printf("https://%s:%s", host, port);
        client->peer = g_strdup_printf("%s:%s", host, port);
    }
    curl_free(scheme);
    curl_free(host);
    curl_free(port);
    curl_free(path);
    curl_free(query);
    curl_free(user);
    return ok;
}

CorralClient *
corral_client_new(const char *base_url, GError **error)
{
    g_autoptr(CorralClient) client = NULL;

    g_return_val_if_fail(base_url != NULL, NULL);
    client = client_alloc();
    if (!parse_base_url(client, base_url, error))
        return NULL;
    return g_steal_pointer(&client);
}

CorralClient *
corral_client_new_unix(const char *socket_path)
{
    CorralClient *client;

    g_return_val_if_fail(socket_path != NULL && *socket_path != '\0', NULL);
    client = client_alloc();
    client->base_url = g_strdup("http://localhost");
    client->socket_path = g_strdup(socket_path);
    client->peer = g_strdup(socket_path);
    return client;
}

CorralClient *
corral_client_ref(CorralClient *client)
{
    g_return_val_if_fail(client != NULL, NULL);
    g_atomic_ref_count_inc(&client->ref_count);
    return client;
}

static void
wipe_string(char **s)
{
    if (*s != NULL)
        memset(*s, 0, strlen(*s));
    g_clear_pointer(s, g_free);
}

void
corral_client_unref(CorralClient *client)
{
    if (client == NULL || !g_atomic_ref_count_dec(&client->ref_count))
        return;
    if (client->curl != NULL)
        curl_easy_cleanup(client->curl);
    wipe_string(&client->token);
    g_free(client->base_url);
    g_free(client->socket_path);
    g_free(client->peer);
    g_free(client->pin_text);
    g_free(client->seen_thumbprint);
    g_free(client->last_error_code);
    g_free(client);
}

const char *
corral_client_get_peer(CorralClient *client)
{
    g_return_val_if_fail(client != NULL, NULL);
    return client->peer;
}

gboolean
corral_client_set_token(CorralClient *client, const char *token, GError **error)
{
    g_return_val_if_fail(client != NULL, FALSE);

    /* A header value is visible ASCII; anything else could end the header
     * and start another. The message does not repeat the token. */
    for (const char *p = token; p != NULL && *p != '\0'; p++) {
        if (*p <= ' ' || *p >= 0x7f) {
            g_set_error_literal(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_INVALID,
                                "the session token has characters a token cannot have");
            return FALSE;
        }
    }
    wipe_string(&client->token);
    client->token = token != NULL && *token != '\0' ? g_strdup(token) : NULL;
    return TRUE;
}

const char *
corral_client_get_token(CorralClient *client)
{
    g_return_val_if_fail(client != NULL, NULL);
    return client->token;
}

gboolean
corral_client_set_pinned_thumbprint(CorralClient *client, const char *thumbprint, GError **error)
{
    guint8 digest[CORRAL_THUMBPRINT_DIGEST_LEN];

    g_return_val_if_fail(client != NULL, FALSE);
    if (thumbprint != NULL && !corral_thumbprint_parse(thumbprint, digest, error))
        return FALSE;

    /* The kept connection was checked against the old pin. */
    if (client->curl != NULL) {
        curl_easy_cleanup(client->curl);
        client->curl = NULL;
    }
    g_clear_pointer(&client->pin_text, g_free);
    client->has_pin = thumbprint != NULL;
    if (client->has_pin) {
        memcpy(client->pin, digest, sizeof digest);
        client->pin_text = corral_thumbprint_format(digest);
    }
    return TRUE;
}

const char *
corral_client_get_pinned_thumbprint(CorralClient *client)
{
    g_return_val_if_fail(client != NULL, NULL);
    return client->pin_text;
}

const char *
corral_client_get_seen_thumbprint(CorralClient *client)
{
    g_return_val_if_fail(client != NULL, NULL);
    return client->seen_thumbprint;
}

void
corral_client_set_timeouts(CorralClient *client, guint connect_s, guint total_s)
{
    g_return_if_fail(client != NULL);
    if (connect_s > 0)
        client->connect_timeout_s = connect_s;
    if (total_s > 0)
        client->total_timeout_s = total_s;
}

void
corral_client_set_max_response_size(CorralClient *client, gsize max_bytes)
{
    g_return_if_fail(client != NULL);
    g_return_if_fail(max_bytes > 0);
    client->max_response = max_bytes;
}

guint
corral_client_get_last_status(CorralClient *client)
{
    g_return_val_if_fail(client != NULL, 0);
    return client->last_status;
}

const char *
corral_client_get_last_error_code(CorralClient *client)
{
    g_return_val_if_fail(client != NULL, NULL);
    return client->last_error_code;
}

/* OpenSSL calls this in place of its chain verification, in the thread that
 * runs the request, when the server's certificate arrives. */
static int
verify_leaf(X509_STORE_CTX *store, void *data)
{
    CorralClient *client = data;
    X509 *leaf = X509_STORE_CTX_get0_cert(store);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;

    if (leaf == NULL || !X509_digest(leaf, EVP_sha256(), digest, &len) ||
        len != CORRAL_THUMBPRINT_DIGEST_LEN) {
        client->verdict = PIN_VERDICT_NO_CERTIFICATE;
        X509_STORE_CTX_set_error(store, X509_V_ERR_UNSPECIFIED);
        return 0;
    }
    g_free(client->seen_thumbprint);
    client->seen_thumbprint = corral_thumbprint_format(digest);

    if (!client->has_pin) {
        client->verdict = PIN_VERDICT_UNTRUSTED;
        X509_STORE_CTX_set_error(store, X509_V_ERR_CERT_UNTRUSTED);
        return 0;
    }
    if (CRYPTO_memcmp(digest, client->pin, CORRAL_THUMBPRINT_DIGEST_LEN) != 0) {
        client->verdict = PIN_VERDICT_MISMATCH;
        X509_STORE_CTX_set_error(store, X509_V_ERR_CERT_REJECTED);
        return 0;
    }
    client->verdict = PIN_VERDICT_MATCH;
    X509_STORE_CTX_set_error(store, X509_V_OK);
    return 1;
}

/* libcurl calls this for each new connection's OpenSSL context, after its
 * own set-up and before the handshake. */
static CURLcode
on_ssl_ctx(CURL *curl, void *ssl_ctx, void *data)
{
    /* libcurl asked for SSL_VERIFY_NONE, under which OpenSSL would carry on
     * after a failed verification; SSL_VERIFY_PEER makes it abort. */
    SSL_CTX_set_verify(ssl_ctx, SSL_VERIFY_PEER, NULL);
    SSL_CTX_set_cert_verify_callback(ssl_ctx, verify_leaf, data);
    return CURLE_OK;
}

static size_t
on_write(char *data, size_t size, size_t nmemb, void *user)
{
    Transfer *t = user;
    gsize len = size * nmemb;
    long code = 0;

    curl_easy_getinfo(t->client->curl, CURLINFO_RESPONSE_CODE, &code);
    if (code >= 200 && code < 300 && t->raw) {
        gsize written = 0;

        if (t->download != NULL &&
            !g_output_stream_write_all(t->download, data, len, &written, NULL, &t->stream_error))
            return 0;
        return len;
    }
    if (len > t->client->max_response - t->buffer->len) {
        t->too_large = TRUE;
        return 0;
    }
    if (!corral_reply_buffer_append(t->buffer, data, len, &t->stream_error))
        return 0;
    return len;
}

static size_t
on_read(char *buffer, size_t size, size_t nitems, void *user)
{
    Transfer *t = user;
    gssize n = g_input_stream_read(t->upload, buffer, size * nitems, NULL, &t->stream_error);

    if (n < 0)
        return CURL_READFUNC_ABORT;
    return (size_t)n;
}

static int
on_progress(void *user, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow)
{
    Transfer *t = user;
    gboolean go_on;

    if (t->upload != NULL)
        go_on = t->progress((guint64)ulnow, (guint64)ultotal, t->user_data);
    else
        go_on = t->progress((guint64)dlnow, (guint64)dltotal, t->user_data);
    if (!go_on) {
        t->cancelled = TRUE;
        return 1;
    }
    return 0;
}

/* Replaces control characters and bad UTF-8 in a server's text and cuts it
 * to a length an error message can show. */
static char *
sanitize_server_text(const char *text, gsize max)
{
    g_autofree char *valid = g_utf8_make_valid(text, -1);
    GString *out = g_string_new(NULL);

    for (const char *p = valid; *p != '\0'; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);

        if (out->len >= max) {
            g_string_append(out, "…");
            break;
        }
        if (g_unichar_iscntrl(c))
            g_string_append_c(out, ' ');
        else
            g_string_append_unichar(out, c);
    }
    return g_string_free(out, FALSE);
}

static gboolean
valid_error_code(const char *code)
{
    gsize len = strlen(code);

    if (len == 0 || len > MAX_ERROR_CODE)
        return FALSE;
    for (gsize i = 0; i < len; i++) {
        if (!g_ascii_islower(code[i]) && !g_ascii_isdigit(code[i]) && code[i] != '-')
            return FALSE;
    }
    return TRUE;
}

/* Sets @error for an answer of 300 or more, from its API error body when it
 * has one. */
static void
set_http_error(CorralClient *client, const char *method, const char *path, CorralReplyBuffer *body,
               GError **error)
{
    g_autoptr(json_object) doc = NULL;
    json_object *err_obj, *code_obj, *message_obj;
    const char *message = NULL;

    /* An error body that is not the API's is no error of its own. */
    if (body->len > 0)
        doc = corral_json_parse((const char *)body->data, body->len, "error", NULL);
    if (doc != NULL && json_object_object_get_ex(doc, "error", &err_obj) &&
        json_object_is_type(err_obj, json_type_object)) {
        if (json_object_object_get_ex(err_obj, "code", &code_obj) &&
            json_object_is_type(code_obj, json_type_string) &&
            valid_error_code(json_object_get_string(code_obj)))
            client->last_error_code = g_strdup(json_object_get_string(code_obj));
        if (json_object_object_get_ex(err_obj, "message", &message_obj) &&
            json_object_is_type(message_obj, json_type_string))
            message = json_object_get_string(message_obj);
    }

    if (message != NULL && *message != '\0') {
        g_autofree char *clean = sanitize_server_text(message, MAX_SERVER_MESSAGE);

        g_set_error_literal(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_HTTP, clean);
    } else if (client->last_error_code != NULL) {
        g_set_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_HTTP,
                    "%s answered %s /api/v1%s with HTTP %u (%s)", client->peer, method, path,
                    client->last_status, client->last_error_code);
    } else {
        g_set_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_HTTP,
                    "%s answered %s /api/v1%s with HTTP %u", client->peer, method, path,
                    client->last_status);
    }
}

/* Sets @error for a transfer that libcurl gave up on. */
static void
set_transfer_error(CorralClient *client, Transfer *t, CURLcode rc, gboolean raw, const char *method,
                   const char *path, GError **error)
{
    const char *detail = client->errbuf[0] != '\0' ? client->errbuf : curl_easy_strerror(rc);
    curl_off_t connected = 0, handshaken = 0;
    long os_errno = 0;

    if (client->verdict == PIN_VERDICT_MISMATCH) {
        g_set_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_PIN_MISMATCH,
                    "the certificate of %s has changed: expected SHA-256 %s, presented %s; "
                    "nothing was sent",
                    client->peer, client->pin_text, client->seen_thumbprint);
        return;
    }
    if (client->verdict == PIN_VERDICT_UNTRUSTED) {
        g_set_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_UNTRUSTED,
                    "the certificate of %s is not trusted yet: its SHA-256 thumbprint is %s",
                    client->peer, client->seen_thumbprint);
        return;
    }
    if (client->verdict == PIN_VERDICT_NO_CERTIFICATE) {
        g_set_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_TLS,
                    "TLS handshake with %s: it presented no usable certificate", client->peer);
        return;
    }
    if (t->cancelled) {
        g_set_error(error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s /api/v1%s on %s was cancelled",
                    method, path, client->peer);
        return;
    }
    if (t->stream_error != NULL) {
        g_propagate_prefixed_error(error, g_steal_pointer(&t->stream_error),
                                   "%s /api/v1%s on %s: ", method, path, client->peer);
        return;
    }
    if (t->too_large || rc == CURLE_FILESIZE_EXCEEDED) {
        g_autofree char *limit = g_format_size_full(client->max_response, G_FORMAT_SIZE_IEC_UNITS);

        g_set_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_INVALID,
                    "the answer of %s to %s /api/v1%s is larger than %s", client->peer, method,
                    path, limit);
        return;
    }

    curl_easy_getinfo(client->curl, CURLINFO_OS_ERRNO, &os_errno);
    curl_easy_getinfo(client->curl, CURLINFO_CONNECT_TIME_T, &connected);
    curl_easy_getinfo(client->curl, CURLINFO_APPCONNECT_TIME_T, &handshaken);

    switch (rc) {
    case CURLE_COULDNT_RESOLVE_HOST:
        g_set_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_CONNECT,
                    "resolving the name of %s: %s", client->peer, detail);
        return;
    case CURLE_COULDNT_CONNECT:
        if (os_errno != 0) {
            g_autofree char *reason = g_utf8_strdown(g_strerror((int)os_errno), -1);

            g_set_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_CONNECT,
                        "connecting to %s: %s", client->peer, reason);
        } else {
            g_set_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_CONNECT,
                        "connecting to %s: %s", client->peer, detail);
        }
        return;
    case CURLE_OPERATION_TIMEDOUT:
        if (connected == 0)
            g_set_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_TIMEOUT,
                        "timed out after %u s connecting to %s",
                        MIN(client->connect_timeout_s, client->total_timeout_s), client->peer);
        else if (client->socket_path == NULL && handshaken == 0)
            g_set_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_TIMEOUT,
                        "timed out after %u s in the TLS handshake with %s",
                        MIN(client->connect_timeout_s, client->total_timeout_s), client->peer);
        else if (raw)
            g_set_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_TIMEOUT,
                        "timed out after %u s without progress from %s", client->total_timeout_s,
                        client->peer);
        else
            g_set_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_TIMEOUT,
                        "timed out after %u s waiting for %s", client->total_timeout_s,
                        client->peer);
        return;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_ENGINE_INITFAILED:
        g_set_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_TLS,
                    "TLS handshake with %s: %s", client->peer, detail);
        return;
    case CURLE_GOT_NOTHING:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_PARTIAL_FILE:
        g_set_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_CONNECT,
                    "%s /api/v1%s on %s: the connection broke: %s", method, path, client->peer,
                    detail);
        return;
    default:
        g_set_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_FAILED,
                    "%s /api/v1%s on %s: %s", method, path, client->peer, detail);
        return;
    }
}

static gboolean
check_request(const char *method, const char *path, GError **error)
{
    g_return_val_if_fail(method != NULL && *method != '\0', FALSE);
    for (const char *p = method; *p != '\0'; p++)
        g_return_val_if_fail(g_ascii_isupper(*p), FALSE);
    g_return_val_if_fail(path != NULL, FALSE);

    if (path[0] != '/') {
        g_set_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_INVALID,
                    "the request path “%s” does not start with /", path);
        return FALSE;
    }
    for (const guchar *p = (const guchar *)path; *p != '\0'; p++) {
        if (*p <= ' ' || *p >= 0x7f) {
            g_set_error_literal(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_INVALID,
                                "the request path has a character that must be escaped");
            return FALSE;
        }
    }
    return TRUE;
}

/* The transport of every connection to @client's host: its unix socket, or
 * HTTPS with the pin checked inside the handshake. */
static void
set_transport(CorralClient *client, CURL *curl)
{
    if (client->socket_path != NULL) {
        curl_easy_setopt(curl, CURLOPT_UNIX_SOCKET_PATH, client->socket_path);
        curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http");
    } else {
        curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "https");
        curl_easy_setopt(curl, CURLOPT_SSLVERSION, (long)CURL_SSLVERSION_TLSv1_2);
        curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
        curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);
        curl_easy_setopt(curl, CURLOPT_SSL_SESSIONID_CACHE, 0L);
        curl_easy_setopt(curl, CURLOPT_SSL_CTX_FUNCTION, on_ssl_ctx);
        curl_easy_setopt(curl, CURLOPT_SSL_CTX_DATA, client);
    }
}

/* Sets up the kept handle for one request and runs it. A request body is
 * either @json (with its length) or @t's upload stream. */
static gboolean
perform(CorralClient *client, Transfer *t, const char *method, const char *path,
        const char *content_type, const char *json, gsize json_len, goffset upload_size,
        gboolean raw, guint *status, GError **error)
{
    g_autoptr(CorralCurlSlist) headers = NULL;
    g_autofree char *url = g_strconcat(client->base_url, "/api/v1", path, NULL);
    g_autofree char *auth = NULL;
    g_autofree char *type_header = NULL;
    gboolean has_body = json != NULL || t->upload != NULL;
    CURL *curl;
    CURLcode rc;
    long code = 0;

    if (client->curl == NULL) {
        client->curl = curl_easy_init();
        if (client->curl == NULL)
            g_error("libcurl cannot allocate a handle");
    }
    curl = client->curl;
    /* The reset keeps the live connection, so keep-alive still works. */
    curl_easy_reset(curl);
    client->verdict = PIN_VERDICT_NONE;
    client->last_status = 0;
    g_clear_pointer(&client->last_error_code, g_free);
    client->errbuf[0] = '\0';
    if (status != NULL)
        *status = 0;

    headers = curl_slist_append(headers, raw ? "Accept: */*" : "Accept: application/json");
    /* No "Expect: 100-continue" round trip before bodies. */
    headers = curl_slist_append(headers, "Expect:");
    if (has_body) {
        type_header = g_strdup_printf("Content-Type: %s",
                                      content_type != NULL ? content_type : "application/json");
        headers = curl_slist_append(headers, type_header);
    }
    if (client->token != NULL) {
        auth = g_strconcat("Authorization: Bearer ", client->token, NULL);
        headers = curl_slist_append(headers, auth);
    }

    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, client->errbuf);
    curl_easy_setopt(curl, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_1_1);
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "corral/" PACKAGE_VERSION);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, (long)client->connect_timeout_s);
    if (raw) {
        curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
        curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, (long)client->total_timeout_s);
    } else {
        curl_easy_setopt(curl, CURLOPT_TIMEOUT, (long)client->total_timeout_s);
        curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)client->max_response);
    }
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_write);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, t);
    if (t->progress != NULL) {
        curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
        curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, on_progress);
        curl_easy_setopt(curl, CURLOPT_XFERINFODATA, t);
    }

    set_transport(client, curl);

    if (strcmp(method, "HEAD") == 0) {
        curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    } else if (t->upload != NULL) {
        curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(curl, CURLOPT_READFUNCTION, on_read);
        curl_easy_setopt(curl, CURLOPT_READDATA, t);
        curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t)upload_size);
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method);
    } else if (json != NULL || strcmp(method, "POST") == 0 || strcmp(method, "PUT") == 0 ||
               strcmp(method, "PATCH") == 0) {
        /* Bodiless POSTs still say Content-Length: 0. */
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)json_len);
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, json != NULL ? json : "");
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method);
    } else if (strcmp(method, "GET") == 0) {
        curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
    } else {
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method);
    }

    rc = curl_easy_perform(curl);
    /* The header list holds the token: wipe it before it is freed. */
    if (auth != NULL)
        memset(auth, 0, strlen(auth));
    for (struct curl_slist *h = headers; h != NULL; h = h->next) {
        if (g_str_has_prefix(h->data, "Authorization:"))
            memset(h->data, 0, strlen(h->data));
    }
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, NULL);

    if (rc != CURLE_OK) {
        set_transfer_error(client, t, rc, raw, method, path, error);
        return FALSE;
    }
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
    client->last_status = (guint)code;
    if (status != NULL)
        *status = (guint)code;
    if (code < 200 || code >= 300) {
        set_http_error(client, method, path, t->buffer, error);
        return FALSE;
    }
    return TRUE;
}

static void
transfer_clear(Transfer *t)
{
    g_clear_pointer(&t->buffer, corral_reply_buffer_free);
    g_clear_error(&t->stream_error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(Transfer, transfer_clear)

gboolean
corral_client_request(CorralClient *client, const char *method, const char *path, json_object *body,
                      guint *status, json_object **response, GError **error)
{
    g_auto(Transfer) t = {0};
    const char *json = NULL;
    gsize json_len = 0;
    g_autofree char *what = NULL;
    json_object *doc;

    g_return_val_if_fail(client != NULL, FALSE);
    g_return_val_if_fail(response == NULL || *response == NULL, FALSE);
    if (!check_request(method, path, error))
        return FALSE;

    t.client = client;
    t.buffer = corral_reply_buffer_new();
    if (body != NULL) {
        size_t len = 0;

        json = json_object_to_json_string_length(body, JSON_C_TO_STRING_PLAIN, &len);
        json_len = len;
    }
    if (!perform(client, &t, method, path, NULL, json, json_len, 0, FALSE, status, error))
        return FALSE;

    if (t.buffer->len == 0) {
        if (response != NULL)
            *response = NULL;
        return TRUE;
    }
    what = g_strdup_printf("the answer of %s to %s /api/v1%s", client->peer, method, path);
    doc = corral_json_parse((const char *)t.buffer->data, t.buffer->len, what, error);
    if (doc == NULL)
        return FALSE;
    if (response != NULL)
        *response = doc;
    else
        json_object_put(doc);
    return TRUE;
}

gboolean
corral_client_request_raw(CorralClient *client, const char *method, const char *path,
                          const char *content_type, GInputStream *upload, goffset upload_size,
                          GOutputStream *download, CorralClientProgressFunc progress,
                          gpointer user_data, guint *status, GError **error)
{
    g_auto(Transfer) t = {0};

    g_return_val_if_fail(client != NULL, FALSE);
    g_return_val_if_fail(upload == NULL || upload_size >= 0, FALSE);
    if (!check_request(method, path, error))
        return FALSE;

    t.client = client;
    t.buffer = corral_reply_buffer_new();
    t.download = download;
    t.upload = upload;
    t.progress = progress;
    t.user_data = user_data;
    t.raw = TRUE;
    return perform(client, &t, method, path,
                   content_type != NULL ? content_type : "application/octet-stream", NULL, 0,
                   upload_size, TRUE, status, error);
}

CURL *
corral_client_connect_only(CorralClient *client, const char *what, GError **error)
{
    g_autofree char *url = NULL;
    Transfer t = {.client = client};
    CURL *curl;
    CURLcode rc;

    g_return_val_if_fail(client != NULL, NULL);
    curl = curl_easy_init();
    if (curl == NULL)
        g_error("libcurl cannot allocate a handle");
    url = g_strconcat(client->base_url, "/", NULL);
    client->verdict = PIN_VERDICT_NONE;
    client->errbuf[0] = '\0';
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_CONNECT_ONLY, 1L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, client->errbuf);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, (long)client->connect_timeout_s);
    curl_easy_setopt(curl, CURLOPT_TCP_NODELAY, 1L);
    set_transport(client, curl);
    rc = curl_easy_perform(curl);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, NULL);
    if (rc != CURLE_OK) {
        set_transfer_error(client, &t, rc, FALSE, "GET", what, error);
        curl_easy_cleanup(curl);
        return NULL;
    }
    return curl;
}
