/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The API client against real servers: a GnuTLS server on 127.0.0.1 with a
 * certificate from common/tls-cert, and a plain HTTP server on a unix socket,
 * each in a thread of the test that records every byte it receives after the
 * handshake and answers with canned HTTP/1.1 responses. It shows that a wrong
 * or missing pin stops the handshake before a single byte of HTTP is sent,
 * that failures say what failed and where, that bad answers are refused, and
 * that the bearer token never shows in an error message.
 */
#include "check-tap.h"

#include "common/tls-cert.h"
#include "protocol/client.h"
#include "protocol/protocol-error.h"
#include "protocol/thumbprint.h"
#include "tests/common/test-util.h"

#include <arpa/inet.h>
#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <gnutls/gnutls.h>
#include <netinet/in.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define TOKEN "tok-5f2a9c1e7b3d4068a1c2e3f4"

/* A server thread; see the top of the file. */
typedef struct {
    int listen_fd;
    int wake[2];
    gboolean tls;
    gboolean silent;    /* reads requests but never answers */
    const char *banner; /* sent on accepting, before anything else */
    gnutls_certificate_credentials_t creds;
    GPtrArray *responses; /* GBytes: the n-th answer, the last repeats */
    GThread *thread;
    GMutex lock;
    GCond cond;
    GByteArray *received; /* every byte after the handshake, all connections */
    guint requests;
    guint connections;
    guint finished;
    guint handshakes;
    int active_fd;
    gboolean stopping;
    guint16 port;
    char *socket_path;
} TestServer;

static char *tmpdir;
static CorralTlsCert *cert;  /* the server's */
static CorralTlsCert *other; /* another host's */

static void
setup(void)
{
    g_autoptr(GError) error = NULL;
    g_autofree char *other_dir = NULL;

    tmpdir = g_dir_make_tmp("corral-client-XXXXXX", NULL);
    ck_assert_ptr_nonnull(tmpdir);
    cert = corral_tls_cert_ensure_for_host(tmpdir, "esx-test", &error);
    ck_assert_msg(cert != NULL, "%s", error != NULL ? error->message : "");
    other_dir = g_build_filename(tmpdir, "other", NULL);
    other = corral_tls_cert_ensure_for_host(other_dir, "esx-test", &error);
    ck_assert_msg(other != NULL, "%s", error != NULL ? error->message : "");
}

static void
teardown(void)
{
    g_clear_pointer(&cert, corral_tls_cert_free);
    g_clear_pointer(&other, corral_tls_cert_free);
    corral_test_clear_tree(&tmpdir);
}

/* ---- the server ---- */

/* A JSON answer whose body may hold any bytes. */
static GBytes *
http_response_len(const char *status_line, const char *body, gsize len)
{
    g_autoptr(GByteArray) answer = g_byte_array_new();
    g_autofree char *head = g_strdup_printf("HTTP/1.1 %s\r\n"
                                            "Content-Type: application/json\r\n"
                                            "Content-Length: %zu\r\n\r\n",
                                            status_line, len);

    g_byte_array_append(answer, (const guint8 *)head, (guint)strlen(head));
    g_byte_array_append(answer, (const guint8 *)body, (guint)len);
    return g_byte_array_free_to_bytes(g_steal_pointer(&answer));
}

static GBytes *
http_response(const char *status_line, const char *extra_headers, const char *body)
{
    g_autofree char *text = g_strdup_printf("HTTP/1.1 %s\r\n"
                                            "Content-Type: application/json\r\n"
                                            "Content-Length: %zu\r\n"
                                            "%s\r\n"
                                            "%s",
                                            status_line, strlen(body),
                                            extra_headers != NULL ? extra_headers : "", body);

    return g_bytes_new(text, strlen(text));
}

/* The length of the first complete request in @buf, or 0. */
static gsize
complete_request(GByteArray *buf)
{
    const char *data = (const char *)buf->data;
    const char *end = g_strstr_len(data, buf->len, "\r\n\r\n");
    g_autofree char *head = NULL;
    g_autofree char *lower = NULL;
    const char *cl;
    gsize body = 0;

    if (end == NULL)
        return 0;
    head = g_strndup(data, end - data);
    lower = g_ascii_strdown(head, -1);
    cl = strstr(lower, "\r\ncontent-length:");
    if (cl != NULL)
        body = g_ascii_strtoull(cl + strlen("\r\ncontent-length:"), NULL, 10);
    if ((gsize)(end + 4 - data) + body > buf->len)
        return 0;
    return (gsize)(end + 4 - data) + body;
}

static gssize
server_recv(gnutls_session_t session, int fd, void *buf, gsize len)
{
    gssize n;

    if (session == NULL)
        return recv(fd, buf, len, 0);
    do
        n = gnutls_record_recv(session, buf, len);
    while (n == GNUTLS_E_AGAIN || n == GNUTLS_E_INTERRUPTED);
    return n;
}

static gboolean
server_send(gnutls_session_t session, int fd, const guint8 *data, gsize len)
{
    while (len > 0) {
        gssize n = session != NULL ? gnutls_record_send(session, data, len)
                                   : send(fd, data, len, MSG_NOSIGNAL);

        if (n == GNUTLS_E_AGAIN || n == GNUTLS_E_INTERRUPTED)
            continue;
        if (n <= 0)
            return FALSE;
        data += n;
        len -= (gsize)n;
    }
    return TRUE;
}

static void
serve_connection(TestServer *server, int fd)
{
    gnutls_session_t session = NULL;
    g_autoptr(GByteArray) pending = g_byte_array_new();
    guint8 buf[16384];
    int ret;

    if (server->banner != NULL)
        server_send(NULL, fd, (const guint8 *)server->banner, strlen(server->banner));
    if (server->tls) {
        gnutls_init(&session, GNUTLS_SERVER);
        gnutls_set_default_priority(session);
        gnutls_credentials_set(session, GNUTLS_CRD_CERTIFICATE, server->creds);
        gnutls_transport_set_int(session, fd);
        gnutls_handshake_set_timeout(session, 10000);
        do
            ret = gnutls_handshake(session);
        while (ret < 0 && !gnutls_error_is_fatal(ret));
        if (ret < 0) {
            gnutls_deinit(session);
            return;
        }
        g_mutex_lock(&server->lock);
        server->handshakes++;
        g_mutex_unlock(&server->lock);
    }

    for (;;) {
        gssize n = server_recv(session, fd, buf, sizeof buf);
        gsize len;

        if (n <= 0)
            break;
        g_mutex_lock(&server->lock);
        g_byte_array_append(server->received, buf, (guint)n);
        g_mutex_unlock(&server->lock);
        g_byte_array_append(pending, buf, (guint)n);

        while ((len = complete_request(pending)) > 0) {
            GBytes *answer;
            guint index;

            g_byte_array_remove_range(pending, 0, (guint)len);
            g_mutex_lock(&server->lock);
            index = MIN(server->requests, server->responses->len - 1);
            server->requests++;
            answer = g_bytes_ref(g_ptr_array_index(server->responses, index));
            g_mutex_unlock(&server->lock);
            if (!server->silent) {
                gsize size;
                const guint8 *data = g_bytes_get_data(answer, &size);

                server_send(session, fd, data, size);
            }
            g_bytes_unref(answer);
        }
    }
    if (session != NULL)
        gnutls_deinit(session);
}

static gpointer
server_thread(gpointer data)
{
    TestServer *server = data;

    for (;;) {
        struct pollfd fds[2] = {{server->listen_fd, POLLIN, 0}, {server->wake[0], POLLIN, 0}};
        int fd;

        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (fds[1].revents != 0)
            break;
        fd = accept(server->listen_fd, NULL, NULL);
        if (fd < 0)
            continue;
        g_mutex_lock(&server->lock);
        if (server->stopping) {
            g_mutex_unlock(&server->lock);
            close(fd);
            break;
        }
        server->connections++;
        server->active_fd = fd;
        g_mutex_unlock(&server->lock);

        serve_connection(server, fd);

        g_mutex_lock(&server->lock);
        server->active_fd = -1;
        server->finished++;
        g_cond_broadcast(&server->cond);
        g_mutex_unlock(&server->lock);
        close(fd);
    }
    return NULL;
}

static TestServer *
server_new(gboolean tls, const char *socket_path)
{
    TestServer *server = g_new0(TestServer, 1);

    server->tls = tls;
    server->active_fd = -1;
    server->received = g_byte_array_new();
    server->responses = g_ptr_array_new_with_free_func((GDestroyNotify)g_bytes_unref);
    g_mutex_init(&server->lock);
    g_cond_init(&server->cond);
    ck_assert_int_eq(pipe(server->wake), 0);

    if (socket_path != NULL) {
        struct sockaddr_un addr = {.sun_family = AF_UNIX};

        server->socket_path = g_strdup(socket_path);
        g_strlcpy(addr.sun_path, socket_path, sizeof addr.sun_path);
        server->listen_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        ck_assert_int_eq(bind(server->listen_fd, (struct sockaddr *)&addr, sizeof addr), 0);
    } else {
        struct sockaddr_in addr = {.sin_family = AF_INET};
        socklen_t len = sizeof addr;

        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        server->listen_fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        ck_assert_int_eq(bind(server->listen_fd, (struct sockaddr *)&addr, sizeof addr), 0);
        ck_assert_int_eq(getsockname(server->listen_fd, (struct sockaddr *)&addr, &len), 0);
        server->port = ntohs(addr.sin_port);
    }
    ck_assert_int_eq(listen(server->listen_fd, 8), 0);

    if (tls) {
        gnutls_datum_t c = {(unsigned char *)cert->cert_pem, (unsigned int)strlen(cert->cert_pem)};
        gnutls_datum_t k = {(unsigned char *)cert->key_pem, (unsigned int)strlen(cert->key_pem)};

        ck_assert_int_eq(gnutls_certificate_allocate_credentials(&server->creds), 0);
        ck_assert_int_ge(gnutls_certificate_set_x509_key_mem2(server->creds, &c, &k,
                                                              GNUTLS_X509_FMT_PEM, NULL, 0),
                         0);
    }
    return server;
}

static void
server_add_response(TestServer *server, GBytes *response)
{
    g_ptr_array_add(server->responses, response);
}

static void
server_start(TestServer *server)
{
    ck_assert_uint_gt(server->responses->len, 0);
    server->thread = g_thread_new("test-server", server_thread, server);
}

static void
server_free(TestServer *server)
{
    g_mutex_lock(&server->lock);
    server->stopping = TRUE;
    if (server->active_fd >= 0)
        shutdown(server->active_fd, SHUT_RDWR);
    g_mutex_unlock(&server->lock);
    ck_assert_int_eq(write(server->wake[1], "x", 1), 1);
    if (server->thread != NULL)
        g_thread_join(server->thread);
    close(server->listen_fd);
    close(server->wake[0]);
    close(server->wake[1]);
    if (server->creds != NULL)
        gnutls_certificate_free_credentials(server->creds);
    if (server->socket_path != NULL)
        g_unlink(server->socket_path);
    g_free(server->socket_path);
    g_byte_array_unref(server->received);
    g_ptr_array_unref(server->responses);
    g_mutex_clear(&server->lock);
    g_cond_clear(&server->cond);
    g_free(server);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(TestServer, server_free)

/* Waits until the server has finished @n connections. */
static void
server_wait_finished(TestServer *server, guint n)
{
    gint64 deadline = g_get_monotonic_time() + 10 * G_TIME_SPAN_SECOND;

    g_mutex_lock(&server->lock);
    while (server->finished < n) {
        if (!g_cond_wait_until(&server->cond, &server->lock, deadline))
            break;
    }
    g_mutex_unlock(&server->lock);
    ck_assert_uint_ge(server->finished, n);
}

/* What the server has received, as text. */
static char *
server_received(TestServer *server)
{
    char *text;

    g_mutex_lock(&server->lock);
    text = g_strndup((const char *)server->received->data, server->received->len);
    g_mutex_unlock(&server->lock);
    return text;
}

static TestServer *
tls_server_answering(GBytes *response)
{
    TestServer *server = server_new(TRUE, NULL);

    server_add_response(server, response);
    server_start(server);
    return server;
}

static CorralClient *
client_for(TestServer *server, const char *pin)
{
    g_autoptr(GError) error = NULL;
    g_autofree char *url = g_strdup_printf("https://127.0.0.1:%u", server->port);
    g_autoptr(CorralClient) client = corral_client_new(url, &error);

    ck_assert_msg(client != NULL, "%s", error != NULL ? error->message : "");
    ck_assert(corral_client_set_token(client, TOKEN, &error));
    if (pin != NULL)
        ck_assert_msg(corral_client_set_pinned_thumbprint(client, pin, &error), "%s",
                      error != NULL ? error->message : "");
    return g_steal_pointer(&client);
}

static void
assert_error(const GError *error, GQuark domain, int code, const char *contains)
{
    ck_assert_msg(error != NULL, "expected an error containing “%s”", contains);
    ck_assert_msg(error->domain == domain && error->code == code, "unexpected error %s/%d: %s",
                  g_quark_to_string(error->domain), error->code, error->message);
    ck_assert_msg(strstr(error->message, contains) != NULL, "“%s” lacks “%s”", error->message,
                  contains);
    ck_assert_msg(strstr(error->message, TOKEN) == NULL, "the token is in “%s”", error->message);
    ck_assert_msg(strstr(error->message, "tok-") == NULL, "the token is in “%s”", error->message);
}

/* ---- the tests ---- */

START_TEST(test_pinned_request)
{
    g_autoptr(TestServer) server = NULL;
    g_autoptr(CorralClient) client = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(json_object) about = NULL;
    g_autoptr(json_object) created = NULL;
    g_autoptr(json_object) body = json_object_new_object();
    g_autofree char *pin = NULL;
    g_autofree char *seen = NULL;
    json_object *product;
    guint status = 0;

    server = server_new(TRUE, NULL);
    server_add_response(
        server, http_response("200 OK", NULL, "{\"product\": \"Corral\", \"api_version\": 1}"));
    server_add_response(server, http_response("202 Accepted", NULL, "{\"task\": {\"id\": 7}}"));
    server_start(server);

    /* Pinned as a user might paste it: lower case, no colons. */
    pin = g_ascii_strdown(cert->thumbprint, -1);
    for (char *from = pin, *to = pin;; from++) {
        if (*from != ':')
            *to++ = *from;
        if (*from == '\0')
            break;
    }
    client = client_for(server, pin);
    ck_assert_str_eq(corral_client_get_pinned_thumbprint(client), cert->thumbprint);

    ck_assert_msg(corral_client_request(client, "GET", "/about", NULL, &status, &about, &error),
                  "%s", error != NULL ? error->message : "");
    ck_assert_uint_eq(status, 200);
    ck_assert(json_object_object_get_ex(about, "product", &product));
    ck_assert_str_eq(json_object_get_string(product), "Corral");
    ck_assert_str_eq(corral_client_get_seen_thumbprint(client), cert->thumbprint);

    json_object_object_add(body, "name", json_object_new_string("web-01"));
    ck_assert_msg(corral_client_request(client, "POST", "/vms", body, &status, &created, &error),
                  "%s", error != NULL ? error->message : "");
    ck_assert_uint_eq(status, 202);
    ck_assert_ptr_nonnull(created);

    seen = server_received(server);
    ck_assert_msg(strstr(seen, "GET /api/v1/about HTTP/1.1\r\n") != NULL, "%s", seen);
    ck_assert_msg(strstr(seen, "Authorization: Bearer " TOKEN "\r\n") != NULL, "%s", seen);
    ck_assert_msg(strstr(seen, "POST /api/v1/vms HTTP/1.1\r\n") != NULL, "%s", seen);
    ck_assert_msg(strstr(seen, "Content-Type: application/json\r\n") != NULL, "%s", seen);
    ck_assert_msg(g_str_has_suffix(seen, "{\"name\":\"web-01\"}"), "%s", seen);

    /* Both requests went over one kept connection. */
    ck_assert_uint_eq(server->connections, 1);
    ck_assert_uint_eq(server->requests, 2);
}
END_TEST

START_TEST(test_wrong_pin_sends_nothing)
{
    g_autoptr(TestServer) server =
        tls_server_answering(http_response("200 OK", NULL, "{\"ok\": true}"));
    g_autoptr(CorralClient) client = client_for(server, other->thumbprint);
    g_autoptr(GError) error = NULL;
    g_autoptr(json_object) body = json_object_new_object();
    g_autoptr(json_object) response = NULL;
    guint status = 99;

    json_object_object_add(body, "password", json_object_new_string("hunter2-secret"));
    ck_assert(!corral_client_request(client, "POST", "/session", body, &status, &response, &error));
    assert_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_PIN_MISMATCH,
                 other->thumbprint);
    ck_assert_msg(strstr(error->message, cert->thumbprint) != NULL, "%s", error->message);
    ck_assert_msg(strstr(error->message, "127.0.0.1") != NULL, "%s", error->message);
    ck_assert_uint_eq(status, 0);
    ck_assert_ptr_null(response);
    ck_assert_str_eq(corral_client_get_seen_thumbprint(client), cert->thumbprint);

    /* The server was reached, its handshake failed, and it got no byte of
     * HTTP: no request line, no token, no password. */
    server_wait_finished(server, 1);
    ck_assert_uint_eq(server->connections, 1);
    ck_assert_uint_eq(server->handshakes, 0);
    ck_assert_uint_eq(server->received->len, 0);
}
END_TEST

START_TEST(test_first_use_untrusted)
{
    g_autoptr(TestServer) server =
        tls_server_answering(http_response("200 OK", NULL, "{\"product\": \"Corral\"}"));
    g_autoptr(CorralClient) client = client_for(server, NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(json_object) response = NULL;
    g_autofree char *seen = NULL;
    guint status = 0;

    ck_assert_ptr_null(corral_client_get_seen_thumbprint(client));
    ck_assert(!corral_client_request(client, "GET", "/about", NULL, &status, &response, &error));
    assert_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_UNTRUSTED, cert->thumbprint);
    ck_assert_str_eq(corral_client_get_seen_thumbprint(client), cert->thumbprint);
    server_wait_finished(server, 1);
    ck_assert_uint_eq(server->received->len, 0);

    /* The user accepts what was shown: pin it and go on. */
    seen = g_strdup(corral_client_get_seen_thumbprint(client));
    g_clear_error(&error);
    ck_assert(corral_client_set_pinned_thumbprint(client, seen, &error));
    ck_assert_msg(corral_client_request(client, "GET", "/about", NULL, &status, &response, &error),
                  "%s", error != NULL ? error->message : "");
    ck_assert_uint_eq(status, 200);
}
END_TEST

START_TEST(test_connection_refused)
{
    struct sockaddr_in addr = {.sin_family = AF_INET};
    socklen_t len = sizeof addr;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    g_autoptr(GError) error = NULL;
    g_autofree char *url = NULL;
    g_autofree char *expected = NULL;
    g_autoptr(CorralClient) client = NULL;
    g_autoptr(json_object) response = NULL;

    /* A port that was free a moment ago and has no listener. */
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ck_assert_int_eq(bind(fd, (struct sockaddr *)&addr, sizeof addr), 0);
    ck_assert_int_eq(getsockname(fd, (struct sockaddr *)&addr, &len), 0);
    close(fd);

    url = g_strdup_printf("https://127.0.0.1:%u", ntohs(addr.sin_port));
    client = corral_client_new(url, &error);
    ck_assert(corral_client_set_token(client, TOKEN, &error));
    ck_assert(corral_client_set_pinned_thumbprint(client, cert->thumbprint, &error));
    ck_assert(!corral_client_request(client, "GET", "/host", NULL, NULL, &response, &error));
    expected =
        g_strdup_printf("connecting to 127.0.0.1:%u: connection refused", ntohs(addr.sin_port));
    assert_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_CONNECT, expected);
    ck_assert_str_eq(error->message, expected);
}
END_TEST

START_TEST(test_silent_server_times_out)
{
    g_autoptr(TestServer) server = server_new(TRUE, NULL);
    g_autoptr(CorralClient) client = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(json_object) response = NULL;
    g_autofree char *expected = NULL;
    gint64 start, elapsed;

    server->silent = TRUE;
    server_add_response(server, http_response("200 OK", NULL, "{}"));
    server_start(server);
    client = client_for(server, cert->thumbprint);
    corral_client_set_timeouts(client, 5, 1);

    start = g_get_monotonic_time();
    ck_assert(
        !corral_client_request(client, "GET", "/events?after=0", NULL, NULL, &response, &error));
    elapsed = g_get_monotonic_time() - start;
    expected = g_strdup_printf("timed out after 1 s waiting for 127.0.0.1:%u", server->port);
    assert_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_TIMEOUT, expected);
    ck_assert_int_ge(elapsed, 900 * G_TIME_SPAN_MILLISECOND);
    ck_assert_int_lt(elapsed, 3 * G_TIME_SPAN_SECOND);
    /* It did get the request: the wait was for the answer. */
    ck_assert_uint_eq(server->requests, 1);
}
END_TEST

START_TEST(test_not_tls)
{
    g_autoptr(TestServer) server = server_new(FALSE, NULL);
    g_autoptr(CorralClient) client = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(json_object) response = NULL;
    g_autofree char *expected = NULL;

    /* A plain HTTP server where TLS was expected. */
    server->banner = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n";
    server_add_response(server, http_response("400 Bad Request", NULL, ""));
    server_start(server);
    client = client_for(server, cert->thumbprint);
    corral_client_set_timeouts(client, 3, 3);
    ck_assert(!corral_client_request(client, "GET", "/about", NULL, NULL, &response, &error));
    expected = g_strdup_printf("TLS handshake with 127.0.0.1:%u: ", server->port);
    assert_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_TLS, expected);
    ck_assert_ptr_null(corral_client_get_seen_thumbprint(client));
}
END_TEST

START_TEST(test_api_error_answer)
{
    g_autoptr(TestServer) server = server_new(TRUE, NULL);
    g_autoptr(CorralClient) client = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(json_object) response = NULL;
    g_autofree char *expected = NULL;
    guint status = 0;

    server_add_response(server, http_response("404 Not Found", NULL,
                                              "{\"error\": {\"code\": \"vm-not-found\", "
                                              "\"message\": \"No guest has the id 42.\"}}"));
    server_add_response(server, http_response("502 Bad Gateway", NULL, "<html>oops</html>"));
    server_start(server);
    client = client_for(server, cert->thumbprint);

    ck_assert(!corral_client_request(client, "GET", "/vms/42", NULL, &status, &response, &error));
    assert_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_HTTP,
                 "No guest has the id 42.");
    ck_assert_str_eq(error->message, "No guest has the id 42.");
    ck_assert_uint_eq(status, 404);
    ck_assert_uint_eq(corral_client_get_last_status(client), 404);
    ck_assert_str_eq(corral_client_get_last_error_code(client), "vm-not-found");
    ck_assert_ptr_null(response);

    /* An error answer that is not the API's still says what happened. */
    g_clear_error(&error);
    ck_assert(
        !corral_client_request(client, "DELETE", "/vms/42", NULL, &status, &response, &error));
    expected =
        g_strdup_printf("127.0.0.1:%u answered DELETE /api/v1/vms/42 with HTTP 502", server->port);
    assert_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_HTTP, expected);
    ck_assert_uint_eq(status, 502);
    ck_assert_ptr_null(corral_client_get_last_error_code(client));
}
END_TEST

START_TEST(test_unix_socket)
{
    g_autofree char *path = g_build_filename(tmpdir, "corrald.sock", NULL);
    g_autoptr(TestServer) server = server_new(FALSE, path);
    g_autoptr(CorralClient) client = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(json_object) host = NULL;
    g_autofree char *seen = NULL;
    json_object *name;
    guint status = 0;

    server_add_response(server, http_response("200 OK", NULL, "{\"name\": \"esx-07\"}"));
    server_add_response(server, http_response("204 No Content", NULL, ""));
    server_start(server);
    client = corral_client_new_unix(path);
    ck_assert_str_eq(corral_client_get_peer(client), path);

    ck_assert_msg(corral_client_request(client, "GET", "/host", NULL, &status, &host, &error), "%s",
                  error != NULL ? error->message : "");
    ck_assert_uint_eq(status, 200);
    ck_assert(json_object_object_get_ex(host, "name", &name));
    ck_assert_str_eq(json_object_get_string(name), "esx-07");
    ck_assert_ptr_null(corral_client_get_seen_thumbprint(client));

    /* No body at all is no object, and that is fine. */
    g_clear_pointer(&host, json_object_put);
    ck_assert_msg(corral_client_request(client, "POST", "/reload", NULL, &status, &host, &error),
                  "%s", error != NULL ? error->message : "");
    ck_assert_uint_eq(status, 204);
    ck_assert_ptr_null(host);

    seen = server_received(server);
    ck_assert_msg(g_str_has_prefix(seen, "GET /api/v1/host HTTP/1.1\r\nHost: localhost\r\n"), "%s",
                  seen);
    ck_assert_msg(strstr(seen, "POST /api/v1/reload HTTP/1.1\r\n") != NULL, "%s", seen);
    ck_assert_msg(strstr(seen, "Content-Length: 0\r\n") != NULL, "%s", seen);
}
END_TEST

START_TEST(test_unix_socket_missing)
{
    g_autofree char *path = g_build_filename(tmpdir, "nobody.sock", NULL);
    g_autoptr(CorralClient) client = corral_client_new_unix(path);
    g_autoptr(GError) error = NULL;
    g_autoptr(json_object) response = NULL;
    g_autofree char *expected =
        g_strdup_printf("connecting to %s: no such file or directory", path);

    ck_assert(!corral_client_request(client, "GET", "/host", NULL, NULL, &response, &error));
    assert_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_CONNECT, expected);
}
END_TEST

/* Answers that are not one JSON object within the limits; the deepest case,
 * forty levels of nesting, is made in the test. */
#define BODY(text)                                                                                 \
    {                                                                                              \
        text, sizeof text - 1                                                                      \
    }
static const struct {
    const char *body;
    gsize len;
} bad_bodies[] = {
    BODY("hello"),                  /* not JSON */
    BODY("[1, 2, 3]"),              /* an array */
    BODY("\"text\""),               /* a string */
    BODY("{\"a\": 1} {\"b\": 2}"),  /* two documents */
    BODY("{\"a\": "),               /* cut short */
    BODY("{\"a\": 'x'}"),           /* not strict JSON */
    BODY("{\"a\": \"\xff\xfe\"}"),  /* not UTF-8 */
    BODY("{\"a\": 1}\0{\"b\": 2}"), /* a NUL, where json-c would stop */
};

START_TEST(test_bad_bodies_refused)
{
    g_autoptr(TestServer) server = server_new(TRUE, NULL);
    g_autoptr(CorralClient) client = NULL;
    g_autofree char *answer_of = NULL;
    GString *deep = g_string_new(NULL);

    for (guint i = 0; i < G_N_ELEMENTS(bad_bodies); i++)
        server_add_response(server,
                            http_response_len("200 OK", bad_bodies[i].body, bad_bodies[i].len));
    for (guint i = 0; i < 40; i++)
        g_string_append(deep, "{\"a\":");
    g_string_append(deep, "1");
    for (guint i = 0; i < 40; i++)
        g_string_append_c(deep, '}');
    server_add_response(server, http_response_len("200 OK", deep->str, deep->len));
    g_string_free(deep, TRUE);
    server_start(server);
    client = client_for(server, cert->thumbprint);
    answer_of = g_strdup_printf("the answer of 127.0.0.1:%u to GET /api/v1/host", server->port);

    for (guint i = 0; i <= G_N_ELEMENTS(bad_bodies); i++) {
        g_autoptr(GError) error = NULL;
        g_autoptr(json_object) response = NULL;

        ck_assert_msg(!corral_client_request(client, "GET", "/host", NULL, NULL, &response, &error),
                      "answer %u accepted", i);
        assert_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_INVALID, answer_of);
        ck_assert_ptr_null(response);
    }
    /* Refusing an answer does not break the connection. */
    ck_assert_uint_eq(server->connections, 1);
}
END_TEST

START_TEST(test_oversized_refused)
{
    g_autoptr(TestServer) server = server_new(TRUE, NULL);
    g_autoptr(CorralClient) client = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(json_object) response = NULL;
    g_autofree char *padding = g_strnfill(4096, ' ');
    g_autofree char *chunked = NULL;
    gint64 start;

    /* A declared 100 MiB body is refused on sight of its header. */
    server_add_response(server,
                        g_bytes_new_static("HTTP/1.1 200 OK\r\n"
                                           "Content-Type: application/json\r\n"
                                           "Content-Length: 104857600\r\n\r\n{\"a\": ",
                                           strlen("HTTP/1.1 200 OK\r\n"
                                                  "Content-Type: application/json\r\n"
                                                  "Content-Length: 104857600\r\n\r\n{\"a\": ")));
    /* An undeclared one when it passes the limit. */
    chunked = g_strdup_printf("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                              "%x\r\n{}%s\r\n0\r\n\r\n",
                              4098, padding);
    server_add_response(server, g_bytes_new(chunked, strlen(chunked)));
    server_start(server);
    client = client_for(server, cert->thumbprint);

    start = g_get_monotonic_time();
    ck_assert(!corral_client_request(client, "GET", "/host", NULL, NULL, &response, &error));
    assert_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_INVALID, "is larger than 64");
    ck_assert_msg(strstr(error->message, "MiB") != NULL, "%s", error->message);
    ck_assert_int_lt(g_get_monotonic_time() - start, 2 * G_TIME_SPAN_SECOND);

    g_clear_error(&error);
    corral_client_set_max_response_size(client, 1024);
    ck_assert(!corral_client_request(client, "GET", "/host", NULL, NULL, &response, &error));
    assert_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_INVALID, "is larger than 1.0");
    ck_assert_msg(strstr(error->message, "KiB") != NULL, "%s", error->message);
}
END_TEST

typedef struct {
    guint64 done;
    guint64 total;
    guint calls;
    guint64 stop_after;
} Progress;

static gboolean
on_progress(guint64 done, guint64 total, gpointer user_data)
{
    Progress *p = user_data;

    p->calls++;
    p->done = MAX(p->done, done);
    p->total = MAX(p->total, total);
    return p->stop_after == 0 || done < p->stop_after;
}

START_TEST(test_raw_transfers)
{
    g_autoptr(TestServer) server = server_new(TRUE, NULL);
    g_autoptr(CorralClient) client = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable();
    g_autoptr(GInputStream) in = NULL;
    g_autoptr(GBytes) upload = NULL;
    g_autofree char *head = NULL;
    g_autofree char *seen = NULL;
    guint8 *payload = g_malloc(300 * 1024);
    Progress progress = {0};
    guint status = 0;

    for (guint i = 0; i < 300 * 1024; i++)
        payload[i] = (guint8)(i * 7 + 3);
    upload = g_bytes_new_take(payload, 300 * 1024);
    head = g_strdup_printf("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
                           "Content-Length: %u\r\n\r\n",
                           300 * 1024);
    {
        g_autoptr(GByteArray) answer = g_byte_array_new();

        g_byte_array_append(answer, (const guint8 *)head, (guint)strlen(head));
        g_byte_array_append(answer, g_bytes_get_data(upload, NULL), 300 * 1024);
        server_add_response(server, g_byte_array_free_to_bytes(g_steal_pointer(&answer)));
    }
    server_add_response(server, http_response("202 Accepted", NULL, "{\"task\": {\"id\": 9}}"));
    server_start(server);
    client = client_for(server, cert->thumbprint);

    /* A download lands in the stream, byte for byte, with progress. */
    ck_assert_msg(corral_client_request_raw(client, "GET", "/datastores/ds1/files/a.iso", NULL,
                                            NULL, 0, out, on_progress, &progress, &status, &error),
                  "%s", error != NULL ? error->message : "");
    ck_assert_uint_eq(status, 200);
    ck_assert(g_output_stream_close(out, NULL, NULL));
    {
        g_autoptr(GBytes) got = g_memory_output_stream_steal_as_bytes(G_MEMORY_OUTPUT_STREAM(out));

        ck_assert(g_bytes_equal(got, upload));
    }
    ck_assert_uint_gt(progress.calls, 0);
    ck_assert_uint_eq(progress.done, 300 * 1024);

    /* An upload streams out with its length. */
    memset(&progress, 0, sizeof progress);
    in = g_memory_input_stream_new_from_bytes(upload);
    ck_assert_msg(corral_client_request_raw(client, "PUT", "/datastores/ds1/files/b.iso", NULL, in,
                                            300 * 1024, NULL, on_progress, &progress, &status,
                                            &error),
                  "%s", error != NULL ? error->message : "");
    ck_assert_uint_eq(status, 202);
    ck_assert_uint_eq(progress.done, 300 * 1024);
    ck_assert_uint_eq(progress.total, 300 * 1024);
    seen = server_received(server);
    ck_assert_msg(strstr(seen, "PUT /api/v1/datastores/ds1/files/b.iso HTTP/1.1\r\n") != NULL,
                  "%.300s", seen);
    ck_assert(strstr(seen, "Content-Type: application/octet-stream\r\n") != NULL);
    ck_assert(strstr(seen, "Content-Length: 307200\r\n") != NULL);
    ck_assert_uint_eq(server->connections, 1);
}
END_TEST

START_TEST(test_raw_cancel)
{
    g_autoptr(TestServer) server = server_new(TRUE, NULL);
    g_autoptr(CorralClient) client = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable();
    Progress progress = {.stop_after = 1};

    /* A body that is announced and never finished. */
    server_add_response(server, g_bytes_new_static("HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n"
                                                   "\r\nsome bytes",
                                                   strlen("HTTP/1.1 200 OK\r\nContent-Length: "
                                                          "1000000\r\n\r\nsome bytes")));
    server_start(server);
    client = client_for(server, cert->thumbprint);
    ck_assert(!corral_client_request_raw(client, "GET", "/datastores/ds1/files/a.iso", NULL, NULL,
                                         0, out, on_progress, &progress, NULL, &error));
    assert_error(error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");
}
END_TEST

START_TEST(test_token_and_path_checks)
{
    g_autoptr(CorralClient) client = corral_client_new("https://127.0.0.1:1", NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(json_object) response = NULL;

    ck_assert(!corral_client_set_token(client, "tok-abc\r\nX-Evil: 1", &error));
    assert_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_INVALID, "token");
    ck_assert_ptr_null(corral_client_get_token(client));
    g_clear_error(&error);
    ck_assert(corral_client_set_token(client, TOKEN, &error));
    ck_assert_str_eq(corral_client_get_token(client), TOKEN);
    ck_assert(corral_client_set_token(client, NULL, &error));
    ck_assert_ptr_null(corral_client_get_token(client));

    ck_assert(!corral_client_request(client, "GET", "vms", NULL, NULL, &response, &error));
    assert_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_INVALID, "start with /");
    g_clear_error(&error);
    ck_assert(!corral_client_request(client, "GET", "/vms/a b", NULL, NULL, &response, &error));
    assert_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_INVALID, "escaped");
    g_clear_error(&error);

    ck_assert(!corral_client_set_pinned_thumbprint(client, "AB:CD", &error));
    assert_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_INVALID, "4 hex digits");
    ck_assert_ptr_null(corral_client_get_pinned_thumbprint(client));
}
END_TEST

static const struct {
    const char *url;
    const char *peer; /* NULL: refused */
} base_urls[] = {
    {"https://127.0.0.1:8443", "127.0.0.1:8443"},
    {"https://esx-07.example.org", "esx-07.example.org:443"},
    {"esx-07:8443", "esx-07:8443"},
    {"https://[::1]:8443/", "[::1]:8443"},
    {"http://esx-07:8443", NULL},
    {"https://esx-07:8443/api", NULL},
    {"https://root@esx-07", NULL},
    {"https://", NULL},
};

START_TEST(test_base_urls)
{
    for (guint i = 0; i < G_N_ELEMENTS(base_urls); i++) {
        g_autoptr(GError) error = NULL;
        g_autoptr(CorralClient) client = corral_client_new(base_urls[i].url, &error);

        if (base_urls[i].peer != NULL) {
            ck_assert_msg(client != NULL, "%s: %s", base_urls[i].url, error->message);
            ck_assert_str_eq(corral_client_get_peer(client), base_urls[i].peer);
        } else {
            ck_assert_msg(client == NULL, "%s accepted", base_urls[i].url);
            ck_assert(g_error_matches(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_INVALID));
        }
    }
}
END_TEST

#define TP_UPPER                                                                                   \
    "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:"   \
    "67:"                                                                                          \
    "89"

static const struct {
    const char *input;
    const char *says; /* NULL: accepted as TP_UPPER */
} thumbprints[] = {
    {TP_UPPER, NULL},
    {"ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:"
     "67:89",
     NULL},
    {"abcdef0123456789ABCDEF0123456789abcdef0123456789ABCDEF0123456789", NULL},
    {"  " TP_UPPER "\n", NULL},
    {"", "empty"},
    {"AB:CD", "4 hex digits instead of 64"},
    {TP_UPPER ":00", "66 hex digits instead of 64"},
    {"AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:"
     "67:8G",
     "'G' at position 95 is not a hex digit"},
    {"ABC:DEF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:"
     "89",
     "colons must separate each pair"},
    {"AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:"
     "6789:",
     "colons must separate each pair"},
    {"AB-CD-EF", "'-' at position 3 is not a hex digit"},
    {"sha256:" TP_UPPER, "'s' at position 1"},
};

START_TEST(test_thumbprint_forms)
{
    guint8 digest[CORRAL_THUMBPRINT_DIGEST_LEN];
    g_autofree char *formatted = NULL;

    for (guint i = 0; i < G_N_ELEMENTS(thumbprints); i++) {
        g_autoptr(GError) error = NULL;
        g_autofree char *normal = corral_thumbprint_normalize(thumbprints[i].input, &error);

        if (thumbprints[i].says == NULL) {
            ck_assert_msg(normal != NULL, "%s: %s", thumbprints[i].input, error->message);
            ck_assert_str_eq(normal, TP_UPPER);
            ck_assert(corral_thumbprint_equal(thumbprints[i].input, TP_UPPER));
        } else {
            ck_assert_msg(normal == NULL, "“%s” accepted", thumbprints[i].input);
            assert_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_INVALID,
                         thumbprints[i].says);
            ck_assert(!corral_thumbprint_equal(thumbprints[i].input, TP_UPPER));
        }
    }
    ck_assert(!corral_thumbprint_equal(cert->thumbprint, other->thumbprint));
    ck_assert(!corral_thumbprint_equal(NULL, TP_UPPER));

    ck_assert(corral_thumbprint_parse(cert->thumbprint, digest, NULL));
    formatted = corral_thumbprint_format(digest);
    ck_assert_str_eq(formatted, cert->thumbprint);
    ck_assert_uint_eq(strlen(formatted), CORRAL_THUMBPRINT_TEXT_LEN);
}
END_TEST

static Suite *
client_suite(void)
{
    Suite *suite = suite_create("client");
    TCase *tc = tcase_create("client");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_pinned_request);
    tcase_add_test(tc, test_wrong_pin_sends_nothing);
    tcase_add_test(tc, test_first_use_untrusted);
    tcase_add_test(tc, test_connection_refused);
    tcase_add_test(tc, test_silent_server_times_out);
    tcase_add_test(tc, test_not_tls);
    tcase_add_test(tc, test_api_error_answer);
    tcase_add_test(tc, test_unix_socket);
    tcase_add_test(tc, test_unix_socket_missing);
    tcase_add_test(tc, test_bad_bodies_refused);
    tcase_add_test(tc, test_oversized_refused);
    tcase_add_test(tc, test_raw_transfers);
    tcase_add_test(tc, test_raw_cancel);
    tcase_add_test(tc, test_token_and_path_checks);
    tcase_add_test(tc, test_base_urls);
    tcase_add_test(tc, test_thumbprint_forms);
    suite_add_tcase(suite, tc);
    return suite;
}

int
main(void)
{
    return corral_check_run(client_suite());
}
