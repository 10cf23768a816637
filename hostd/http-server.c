/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * libmicrohttpd glue (see http-server.h). MHD calls on_request() several
 * times per request: once with the headers, once per chunk of body, and once
 * more with no data, when the answer is made. URLs are kept percent-encoded
 * (an identity unescaper) so the dispatcher can tell an encoded "/" or NUL
 * from a real one.
 */
#include "hostd/http-server.h"

#include "hostd/daemon.h"
#include "hostd/datastore-transfer.h"
#include "hostd/dispatch.h"
#include "hostd/hostd-error.h"

#include <arpa/inet.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#define MAX_BODY       (1024 * 1024)
#define MAX_HEADERS    (16 * 1024)
#define IDLE_TIMEOUT_S 60

/* Mozilla's "intermediate" configuration in GnuTLS terms: TLS 1.2 and 1.3,
 * AEAD ciphers only, forward-secret key exchange. */
#define TLS_PRIORITIES                                                                             \
    "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2:-CIPHER-ALL:+AES-128-GCM:+AES-256-GCM:"            \
    "+CHACHA20-POLY1305:-MAC-ALL:+AEAD:-KX-ALL:+ECDHE-ECDSA:+ECDHE-RSA:+DHE-RSA:"                  \
    "-GROUP-ALL:+GROUP-X25519:+GROUP-SECP256R1:+GROUP-SECP384R1:+GROUP-FFDHE2048"

struct CorraldHttpServer {
    CorraldDaemon *daemon;
    struct MHD_Daemon *tls;
    struct MHD_Daemon *unix_socket;
    char *socket_path;
    guint16 port;
};

typedef struct {
    GString *body;
    gboolean too_large;
    CorraldTransfer *transfer; /* datastore file routes: streamed, never buffered */
} Pending;

static size_t
keep_escaped(void *cls, struct MHD_Connection *connection, char *s)
{
    return strlen(s);
}

static enum MHD_Result
collect_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    g_hash_table_replace(cls, g_strdup(key), g_strdup(value != NULL ? value : ""));
    return MHD_YES;
}

static char *
format_address(const struct sockaddr *sa)
{
    char text[INET6_ADDRSTRLEN] = "unknown";

    if (sa != NULL && sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, text, sizeof text);
    else if (sa != NULL && sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, text, sizeof text);
    return g_strdup(text);
}

static char *
peer_address(struct MHD_Connection *connection)
{
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);

    return format_address(info != NULL ? info->client_addr : NULL);
}

/* The address of this host that the client connected to. */
static char *
server_address(struct MHD_Connection *connection)
{
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CONNECTION_FD);
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;

    if (info == NULL || getsockname(info->connect_fd, (struct sockaddr *)&ss, &len) < 0)
        return format_address(NULL);
    return format_address((struct sockaddr *)&ss);
}

static enum MHD_Result
send_json(struct MHD_Connection *connection, guint status, json_object *body)
{
    const char *text = body != NULL
                           ? json_object_to_json_string_ext(
                                 body, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE)
                           : "";
    struct MHD_Response *response =
        MHD_create_response_from_buffer(strlen(text), (void *)text, MHD_RESPMEM_MUST_COPY);
    enum MHD_Result ret;

    if (body != NULL)
        MHD_add_response_header(response, MHD_HTTP_HEADER_CONTENT_TYPE, "application/json");
    MHD_add_response_header(response, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    ret = MHD_queue_response(connection, status, response);
    MHD_destroy_response(response);
    return ret;
}

static enum MHD_Result
send_error(struct MHD_Connection *connection, CorraldErrorCode code, const char *message)
{
    g_autoptr(GError) error = g_error_new_literal(CORRALD_ERROR, code, message);
    guint status;
    json_object *body = corrald_error_reply(error, &status);
    enum MHD_Result ret = send_json(connection, status, body);

    json_object_put(body);
    return ret;
}

/* MHD calls this in the connection's thread once the 101 answer is out,
 * and then, over TLS, would copy bytes between the TLS session and @sock
 * through buffers carved from what is left of the connection's memory pool:
 * a few bytes, so a record per few bytes. Instead the new protocol runs
 * here, in this thread, on the connection's own socket and GnuTLS session,
 * and closes the handle before MHD's copying starts; MHD then finds nothing
 * to copy and ends the connection. */
static void
on_upgraded(void *cls, struct MHD_Connection *connection, void *req_cls, const char *extra_in,
            size_t extra_in_size, MHD_socket sock, struct MHD_UpgradeResponseHandle *urh)
{
    CorraldUpgrade *upgrade = cls;
    const union MHD_ConnectionInfo *tls =
        MHD_get_connection_info(connection, MHD_CONNECTION_INFO_GNUTLS_SESSION);
    const union MHD_ConnectionInfo *fd =
        MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CONNECTION_FD);
    CorraldStream stream = {
        .fd = sock,
        .extra = extra_in,
        .extra_len = extra_in_size,
    };

    if (tls != NULL && tls->tls_session != NULL && fd != NULL) {
        stream.tls = tls->tls_session;
        stream.fd = fd->connect_fd;
    }
    upgrade->run(&stream, upgrade->data);
    MHD_upgrade_action(urh, MHD_UPGRADE_ACTION_CLOSE);
    g_free(upgrade);
}

static enum MHD_Result
send_upgrade(struct MHD_Connection *connection, const CorraldUpgrade *upgrade)
{
    CorraldUpgrade *copy = g_memdup2(upgrade, sizeof *upgrade);
    struct MHD_Response *response = MHD_create_response_for_upgrade(on_upgraded, copy);
    enum MHD_Result ret = MHD_NO;

    if (response != NULL &&
        MHD_add_response_header(response, MHD_HTTP_HEADER_UPGRADE, upgrade->protocol) == MHD_YES)
        ret = MHD_queue_response(connection, MHD_HTTP_SWITCHING_PROTOCOLS, response);
    if (response != NULL)
        MHD_destroy_response(response);
    if (ret != MHD_YES) {
        g_warning("could not switch a connection to %s", upgrade->protocol);
        if (upgrade->free != NULL)
            upgrade->free(upgrade->data);
        g_free(copy);
    }
    return ret;
}

/* An accepted upload: each chunk goes to its file, the last call answers. */
static enum MHD_Result
stream_upload(struct MHD_Connection *connection, CorraldTransfer *transfer, const char *data,
              size_t *size)
{
    json_object *reply;
    enum MHD_Result ret;
    guint status;

    if (*size > 0) {
        corrald_transfer_write(transfer, data, *size);
        *size = 0;
        return MHD_YES;
    }
    reply = corrald_transfer_finish(transfer, &status);
    ret = send_json(connection, status, reply);
    json_object_put(reply);
    return ret;
}

/* A download the handler set up: streamed from its descriptor, which MHD
 * closes. FALSE when there is none. */
static gboolean
send_download(struct MHD_Connection *connection, CorraldTransfer *transfer, enum MHD_Result *ret)
{
    g_autofree char *content_range = NULL;
    struct MHD_Response *response;
    guint64 offset, length;
    guint status;
    int fd;

    if (transfer == NULL ||
        !corrald_transfer_steal_download(transfer, &fd, &offset, &length, &status, &content_range))
        return FALSE;
    response = MHD_create_response_from_fd_at_offset64(length, fd, offset);
    if (response == NULL) {
        close(fd);
        *ret = MHD_NO;
        return TRUE;
    }
    MHD_add_response_header(response, MHD_HTTP_HEADER_CONTENT_TYPE, "application/octet-stream");
    MHD_add_response_header(response, MHD_HTTP_HEADER_ACCEPT_RANGES, "bytes");
    MHD_add_response_header(response, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    if (content_range != NULL)
        MHD_add_response_header(response, MHD_HTTP_HEADER_CONTENT_RANGE, content_range);
    *ret = MHD_queue_response(connection, status, response);
    MHD_destroy_response(response);
    return TRUE;
}

static struct MHD_Daemon *
daemon_of(struct MHD_Connection *connection)
{
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(connection, MHD_CONNECTION_INFO_DAEMON);

    return info != NULL ? info->daemon : NULL;
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *connection, const char *url, const char *method,
           const char *version, const char *upload_data, size_t *upload_data_size, void **state)
{
    CorraldHttpServer *server = cls;
    gboolean local = daemon_of(connection) == server->unix_socket;
    Pending *pending = *state;
    g_autoptr(GHashTable) query = NULL;
    g_autofree char *peer = NULL;
    g_autofree char *server_addr = NULL;
    CorraldRequest request;
    CorraldUpgrade switched = {0};
    json_object *reply;
    enum MHD_Result ret;
    guint status;

    if (pending == NULL) {
        const char *length = MHD_lookup_connection_value(connection, MHD_HEADER_KIND,
                                                         MHD_HTTP_HEADER_CONTENT_LENGTH);
        CorraldTransfer *transfer = corrald_transfer_new(
            method, url, length,
            MHD_lookup_connection_value(connection, MHD_HEADER_KIND, MHD_HTTP_HEADER_RANGE));
        gboolean upload = transfer != NULL && corrald_transfer_is_upload(transfer);

        if (!upload && length != NULL && g_ascii_strtoull(length, NULL, 10) > MAX_BODY) {
            corrald_transfer_free(transfer);
            return send_error(connection, CORRALD_ERROR_TOO_LARGE,
                              "the request body is larger than 1 MiB");
        }
        pending = g_new0(Pending, 1);
        pending->body = g_string_new(NULL);
        pending->transfer = transfer;
        *state = pending;
        /* An upload is routed, authorized and accepted (or refused) now,
         * before any of its body is read. */
        if (!upload)
            return MHD_YES;
    } else if (pending->transfer != NULL && corrald_transfer_upload_accepted(pending->transfer)) {
        return stream_upload(connection, pending->transfer, upload_data, upload_data_size);
    }
    if (*upload_data_size > 0) {
        if (pending->body->len + *upload_data_size > MAX_BODY)
            pending->too_large = TRUE;
        else
            g_string_append_len(pending->body, upload_data, (gssize)*upload_data_size);
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (pending->too_large)
        return send_error(connection, CORRALD_ERROR_TOO_LARGE,
                          "the request body is larger than 1 MiB");

    query = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    MHD_get_connection_values(connection, MHD_GET_ARGUMENT_KIND, collect_arg, query);
    peer = local ? g_strdup("local") : peer_address(connection);
    server_addr = local ? g_strdup("local") : server_address(connection);
    request = (CorraldRequest){
        .method = method,
        .url = url,
        .query = query,
        .authorization =
            MHD_lookup_connection_value(connection, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION),
        .content_type =
            MHD_lookup_connection_value(connection, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE),
        .body = pending->body->str,
        .body_len = pending->body->len,
        .peer = peer,
        .server_address = server_addr,
        .local = local,
        .upgrade =
            MHD_lookup_connection_value(connection, MHD_HEADER_KIND, MHD_HTTP_HEADER_UPGRADE),
        .switched = &switched,
        .transfer = pending->transfer,
    };
    reply = corrald_dispatch(server->daemon, &request, &status);
    if (pending->transfer != NULL && corrald_transfer_upload_accepted(pending->transfer)) {
        json_object_put(reply);
        return MHD_YES;
    }
    if (send_download(connection, pending->transfer, &ret)) {
        json_object_put(reply);
        return ret;
    }
    if (switched.run != NULL) {
        json_object_put(reply);
        return send_upgrade(connection, &switched);
    }
    ret = send_json(connection, status, reply);
    json_object_put(reply);
    return ret;
}

static void
on_completed(void *cls, struct MHD_Connection *connection, void **state,
             enum MHD_RequestTerminationCode code)
{
    Pending *pending = *state;

    if (pending == NULL)
        return;
    corrald_transfer_free(pending->transfer);
    g_string_free(pending->body, TRUE);
    g_free(pending);
    *state = NULL;
}

/* Only root may use the unix socket: others are cut off as they connect. */
static void
on_connection(void *cls, struct MHD_Connection *connection, void **socket_context,
              enum MHD_ConnectionNotificationCode code)
{
    CorraldHttpServer *server = cls;
    const union MHD_ConnectionInfo *info;
    struct ucred cred;
    socklen_t len = sizeof cred;

    if (code != MHD_CONNECTION_NOTIFY_STARTED || daemon_of(connection) != server->unix_socket)
        return;
    info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CONNECTION_FD);
    if (info == NULL || getsockopt(info->connect_fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) < 0 ||
        cred.uid != 0) {
        g_warning("refusing a unix socket peer that is not root (uid %d)",
                  info != NULL ? (int)cred.uid : -1);
        shutdown(info != NULL ? info->connect_fd : -1, SHUT_RDWR);
    }
}

static gboolean
parse_listen(const char *listen, struct sockaddr_storage *ss, socklen_t *len, GError **error)
{
    g_autofree char *host = NULL;
    const char *colon = strrchr(listen, ':');
    guint64 port;
    char *end;

    memset(ss, 0, sizeof *ss);
    if (colon == NULL)
        goto bad;
    port = g_ascii_strtoull(colon + 1, &end, 10);
    if (*end != '\0' || end == colon + 1 || port > 65535)
        goto bad;
    host = g_strndup(listen, (gsize)(colon - listen));
    if (host[0] == '[' && g_str_has_suffix(host, "]")) {
        struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;
        host[strlen(host) - 1] = '\0';
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons((guint16)port);
        if (inet_pton(AF_INET6, host + 1, &in6->sin6_addr) != 1)
            goto bad;
        *len = sizeof *in6;
    } else {
        struct sockaddr_in *in = (struct sockaddr_in *)ss;
        in->sin_family = AF_INET;
        in->sin_port = htons((guint16)port);
        if (inet_pton(AF_INET, host, &in->sin_addr) != 1)
            goto bad;
        *len = sizeof *in;
    }
    return TRUE;
bad:
    g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_INVALID,
                "--listen %s: expected ADDRESS:PORT, such as 127.0.0.1:8443 or [::1]:8443", listen);
    return FALSE;
}

static int
bind_unix_socket(const char *path, GError **error)
{
    struct sockaddr_un sun = {.sun_family = AF_UNIX};
    g_autofree char *dir = g_path_get_dirname(path);
    int fd;

    if (strlen(path) >= sizeof sun.sun_path) {
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_INVALID, "socket path too long: %s", path);
        return -1;
    }
    strcpy(sun.sun_path, path);
    g_mkdir_with_parents(dir, 0755);
    g_unlink(path);
    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0 || bind(fd, (struct sockaddr *)&sun, sizeof sun) < 0 || chmod(path, 0600) < 0 ||
        listen(fd, 64) < 0) {
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_FAILED, "binding %s: %s", path,
                    g_strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    return fd;
}

static const unsigned int common_flags = MHD_USE_THREAD_PER_CONNECTION |
                                         MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG |
                                         MHD_ALLOW_UPGRADE | MHD_USE_POLL;

CorraldHttpServer *
corrald_http_server_start(CorraldDaemon *daemon, const char *listen, const char *socket_path,
                          GError **error)
{
    g_autofree CorraldHttpServer *server = g_new0(CorraldHttpServer, 1);
    struct sockaddr_storage ss;
    socklen_t ss_len;
    const union MHD_DaemonInfo *info;

    server->daemon = daemon;
    if (!parse_listen(listen, &ss, &ss_len, error))
        return NULL;

    server->tls = MHD_start_daemon(
        common_flags | MHD_USE_TLS | (ss.ss_family == AF_INET6 ? MHD_USE_IPv6 : 0), 0, NULL, NULL,
        on_request, server, MHD_OPTION_SOCK_ADDR, &ss, MHD_OPTION_HTTPS_MEM_KEY,
        daemon->cert->key_pem, MHD_OPTION_HTTPS_MEM_CERT, daemon->cert->cert_pem,
        MHD_OPTION_HTTPS_PRIORITIES, TLS_PRIORITIES, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
        (size_t)MAX_HEADERS * 2, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)IDLE_TIMEOUT_S,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned int)1000, MHD_OPTION_UNESCAPE_CALLBACK, keep_escaped,
        NULL, MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL, MHD_OPTION_END);
    if (server->tls == NULL) {
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_FAILED, "cannot listen on %s: %s", listen,
                    g_strerror(errno));
        return NULL;
    }
    info = MHD_get_daemon_info(server->tls, MHD_DAEMON_INFO_BIND_PORT);
    server->port = info != NULL ? info->port : 0;

    if (socket_path != NULL) {
        int fd = bind_unix_socket(socket_path, error);
        if (fd < 0) {
            MHD_stop_daemon(server->tls);
            return NULL;
        }
        server->unix_socket =
            MHD_start_daemon(common_flags, 0, NULL, NULL, on_request, server,
                             MHD_OPTION_LISTEN_SOCKET, fd, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
                             (size_t)MAX_HEADERS * 2, MHD_OPTION_CONNECTION_TIMEOUT,
                             (unsigned int)IDLE_TIMEOUT_S, MHD_OPTION_UNESCAPE_CALLBACK,
                             keep_escaped, NULL, MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
                             MHD_OPTION_NOTIFY_CONNECTION, on_connection, server, MHD_OPTION_END);
        if (server->unix_socket == NULL) {
            g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_FAILED, "cannot serve %s", socket_path);
            close(fd);
            MHD_stop_daemon(server->tls);
            return NULL;
        }
        server->socket_path = g_strdup(socket_path);
    }
    return g_steal_pointer(&server);
}

guint16
corrald_http_server_port(CorraldHttpServer *server)
{
    return server->port;
}

void
corrald_http_server_stop(CorraldHttpServer *server)
{
    if (server == NULL)
        return;
    if (server->unix_socket != NULL)
        MHD_stop_daemon(server->unix_socket);
    MHD_stop_daemon(server->tls);
    if (server->socket_path != NULL)
        g_unlink(server->socket_path);
    g_free(server->socket_path);
    g_free(server);
}
