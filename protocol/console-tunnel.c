/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The console tunnel (see console-tunnel.h). The upgrade request is written
 * by hand over a libcurl CONNECT_ONLY handle, which already did the pinned
 * handshake (client-private.h); the answer's head is read up to a blank
 * line, and anything after it is the first RFB bytes. Then one thread polls
 * the connection's socket, the local socket and a stop eventfd.
 *
 * OpenSSL may hold decrypted bytes that poll cannot see: after a wake-up the
 * thread reads until libcurl says CURLE_AGAIN, and when its buffer filled
 * first it tries again as soon as there is room. A send that would block is
 * retried with the same bytes still in place (buffers only rewind when
 * empty), as OpenSSL wants.
 */
#define G_LOG_DOMAIN "corral-protocol"

#include "protocol/console-tunnel.h"

#include "config.h"
#include "protocol/api-error.h"
#include "protocol/client-private.h"
#include "protocol/protocol-error.h"
#include "protocol/requests.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#define BUFFER_SIZE   (64 * 1024)
#define MAX_HEAD      (16 * 1024)
#define MAX_BODY      (64 * 1024)
#define ANSWER_WAIT_S 30

typedef struct {
    guint8 *buf;
    gsize start, end;
    gboolean eof;
} Pipe;

struct CorralConsoleTunnel {
    CURL *curl;
    int remote_fd; /* libcurl's socket, for poll */
    int local_fd;  /* the tunnel's end of the socketpair */
    int user_fd;   /* the caller's end, until stolen */
    int stop_fd;
    Pipe up;                 /* local → host */
    Pipe down;               /* host → local */
    gboolean remote_pending; /* OpenSSL may hold bytes: read without poll */
    GThread *thread;
    GMutex lock;
    guint64 sent, received;
    gboolean open;
};

static void
set_failed(GError **error, const char *what)
{
    g_set_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_CONNECT,
                "opening the console: %s", what);
}

/* Waits until @fd is ready for @events, up to @deadline (monotonic µs). */
static gboolean
wait_fd(int fd, short events, gint64 deadline, GError **error)
{
    struct pollfd p = {.fd = fd, .events = events};
    gint64 left = (deadline - g_get_monotonic_time()) / 1000;
    int n;

    if (left <= 0)
        n = 0;
    else
        n = poll(&p, 1, (int)MIN(left, G_MAXINT));
    if (n <= 0) {
        g_set_error_literal(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_TIMEOUT,
                            "opening the console: the host did not answer in time");
        return FALSE;
    }
    return TRUE;
}

static gboolean
send_all(CURL *curl, int fd, const char *data, gsize len, gint64 deadline, GError **error)
{
    while (len > 0) {
        size_t n = 0;
        CURLcode rc = curl_easy_send(curl, data, len, &n);

        if (rc == CURLE_AGAIN) {
            if (!wait_fd(fd, POLLOUT, deadline, error))
                return FALSE;
            continue;
        }
        if (rc != CURLE_OK) {
            set_failed(error, curl_easy_strerror(rc));
            return FALSE;
        }
        data += n;
        len -= n;
    }
    return TRUE;
}

/* Reads into @buf until it holds @until (when not NULL) or @want bytes;
 * EOF ends it early. */
static gboolean
recv_until(CURL *curl, int fd, GString *buf, const char *until, gsize want, gint64 deadline,
           GError **error)
{
    char chunk[4096];

    while ((until == NULL || strstr(buf->str, until) == NULL) && buf->len < want) {
        size_t n = 0;
        CURLcode rc = curl_easy_recv(curl, chunk, MIN(sizeof chunk, want - buf->len), &n);

        if (rc == CURLE_AGAIN) {
            if (!wait_fd(fd, POLLIN, deadline, error))
                return FALSE;
            continue;
        }
        if (rc != CURLE_OK) {
            set_failed(error, curl_easy_strerror(rc));
            return FALSE;
        }
        if (n == 0)
            break;
        g_string_append_len(buf, chunk, (gssize)n);
    }
    return TRUE;
}

/* The value of header @name in @head, or NULL. */
static char *
header_value(char **lines, const char *name)
{
    gsize len = strlen(name);

    for (guint i = 1; lines[i] != NULL; i++) {
        if (g_ascii_strncasecmp(lines[i], name, len) == 0 && lines[i][len] == ':')
            return g_strstrip(g_strdup(lines[i] + len + 1));
    }
    return NULL;
}

/* Turns a refusal into an error with the server's message. */
static void
set_refused(CURL *curl, int fd, char **lines, GString *rest, guint status, gint64 deadline,
            GError **error)
{
    g_autofree char *length = header_value(lines, "Content-Length");
    gsize want = length != NULL ? MIN(g_ascii_strtoull(length, NULL, 10), MAX_BODY) : 0;
    g_autoptr(CorralApiError) api = NULL;

    if (!recv_until(curl, fd, rest, NULL, want, deadline, NULL) || rest->len == 0 ||
        (api = corral_codec_parse(&corral_api_error_type, rest->str, rest->len, 0, NULL)) == NULL) {
        g_set_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_HTTP,
                    "opening the console: the host answered HTTP %u", status);
        return;
    }
    g_set_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_HTTP,
                "opening the console: %s (HTTP %u, %s)", api->error.message, status,
                api->error.code);
}

static gboolean
set_nonblocking(int fd)
{
    int flags = fcntl(fd, F_GETFL);

    return flags >= 0 && fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0;
}

/* The copying thread's reads and writes on each side. */

static void
count(CorralConsoleTunnel *t, guint64 *counter, gsize n)
{
    g_mutex_lock(&t->lock);
    *counter += n;
    g_mutex_unlock(&t->lock);
}

static void
read_remote(CorralConsoleTunnel *t)
{
    Pipe *p = &t->down;

    t->remote_pending = FALSE;
    while (!p->eof) {
        size_t n = 0;
        CURLcode rc;

        if (p->start == p->end)
            p->start = p->end = 0;
        if (p->end == BUFFER_SIZE) {
            t->remote_pending = TRUE;
            break;
        }
        rc = curl_easy_recv(t->curl, p->buf + p->end, BUFFER_SIZE - p->end, &n);
        if (rc == CURLE_AGAIN)
            break;
        if (rc != CURLE_OK || n == 0)
            p->eof = TRUE;
        else
            p->end += n;
    }
}

static void
write_remote(CorralConsoleTunnel *t)
{
    Pipe *p = &t->up;

    while (p->start < p->end) {
        size_t n = 0;
        CURLcode rc = curl_easy_send(t->curl, p->buf + p->start, p->end - p->start, &n);

        if (rc == CURLE_AGAIN)
            return;
        if (rc != CURLE_OK) {
            p->eof = TRUE;
            p->start = p->end;
            return;
        }
        p->start += n;
        count(t, &t->sent, n);
    }
}

static void
read_local(CorralConsoleTunnel *t)
{
    Pipe *p = &t->up;
    ssize_t n;

    if (p->start == p->end)
        p->start = p->end = 0;
    if (p->end == BUFFER_SIZE)
        return;
    n = read(t->local_fd, p->buf + p->end, BUFFER_SIZE - p->end);
    if (n > 0)
        p->end += (gsize)n;
    else if (n == 0 || (errno != EAGAIN && errno != EINTR))
        p->eof = TRUE;
}

static void
write_local(CorralConsoleTunnel *t)
{
    Pipe *p = &t->down;
    ssize_t n = send(t->local_fd, p->buf + p->start, p->end - p->start, MSG_NOSIGNAL);

    if (n > 0) {
        p->start += (gsize)n;
        count(t, &t->received, (gsize)n);
    } else if (n < 0 && errno != EAGAIN && errno != EINTR) {
        /* The VNC client went away: nothing more to deliver. */
        p->eof = TRUE;
        p->start = p->end;
    }
}

static gpointer
pump(gpointer data)
{
    CorralConsoleTunnel *t = data;

    for (;;) {
        struct pollfd fds[3] = {
            {.fd = t->remote_fd},
            {.fd = t->local_fd},
            {.fd = t->stop_fd, .events = POLLIN},
        };
        gboolean down_room =
            !t->down.eof && (t->down.end < BUFFER_SIZE || t->down.start == t->down.end);
        gboolean up_room = !t->up.eof && (t->up.end < BUFFER_SIZE || t->up.start == t->up.end);

        /* Either side closing ends the console once its bytes are out. */
        if ((t->down.eof && t->down.start == t->down.end) ||
            (t->up.eof && t->up.start == t->up.end))
            break;
        if (down_room)
            fds[0].events |= POLLIN;
        if (t->up.start < t->up.end)
            fds[0].events |= POLLOUT;
        if (up_room)
            fds[1].events |= POLLIN;
        if (t->down.start < t->down.end)
            fds[1].events |= POLLOUT;

        if (poll(fds, G_N_ELEMENTS(fds), t->remote_pending && down_room ? 0 : -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (fds[2].revents != 0)
            break;
        if ((fds[0].events & POLLIN) &&
            (t->remote_pending || (fds[0].revents & (POLLIN | POLLHUP | POLLERR))))
            read_remote(t);
        if ((fds[1].revents & (POLLIN | POLLHUP | POLLERR)) && (fds[1].events & POLLIN))
            read_local(t);
        if (t->up.start < t->up.end && (fds[0].revents & (POLLOUT | POLLHUP | POLLERR)))
            write_remote(t);
        if (t->down.start < t->down.end)
            write_local(t);
        /* A peer that hung up while nothing was asked of it: over. */
        if (((fds[0].revents & (POLLHUP | POLLERR)) && fds[0].events == 0) ||
            ((fds[1].revents & (POLLHUP | POLLERR)) && fds[1].events == 0))
            break;
    }
    g_mutex_lock(&t->lock);
    t->open = FALSE;
    g_mutex_unlock(&t->lock);
    /* The VNC client sees the end of its stream. */
    shutdown(t->local_fd, SHUT_RDWR);
    return NULL;
}

static CorralConsoleTunnel *
tunnel_new(void)
{
    CorralConsoleTunnel *t = g_new0(CorralConsoleTunnel, 1);

    g_mutex_init(&t->lock);
    t->remote_fd = t->local_fd = t->user_fd = t->stop_fd = -1;
    t->up.buf = g_malloc(BUFFER_SIZE);
    t->down.buf = g_malloc(BUFFER_SIZE);
    return t;
}

void
corral_console_tunnel_free(CorralConsoleTunnel *t)
{
    guint64 one = 1;

    if (t == NULL)
        return;
    if (t->thread != NULL) {
        if (write(t->stop_fd, &one, sizeof one) < 0)
            g_warning("console tunnel: cannot stop its thread: %s", g_strerror(errno));
        g_thread_join(t->thread);
    }
    if (t->curl != NULL)
        curl_easy_cleanup(t->curl);
    if (t->local_fd >= 0)
        close(t->local_fd);
    if (t->user_fd >= 0)
        close(t->user_fd);
    if (t->stop_fd >= 0)
        close(t->stop_fd);
    g_free(t->up.buf);
    g_free(t->down.buf);
    g_mutex_clear(&t->lock);
    g_free(t);
}

/* Sends the upgrade request and reads the answer's head; on 101 the bytes
 * after the head go to the down buffer. */
static gboolean
upgrade(CorralConsoleTunnel *t, CorralClient *client, const char *ticket, guint *status,
        GError **error)
{
    gint64 deadline = g_get_monotonic_time() + ANSWER_WAIT_S * G_USEC_PER_SEC;
    const char *token = corral_client_get_token(client);
    g_autoptr(GString) request = g_string_new(NULL);
    g_autoptr(GString) answer = g_string_new(NULL);
    g_auto(GStrv) lines = NULL;
    g_autofree char *upgrade_to = NULL;
    g_autofree char *head = NULL;
    const char *end;
    guint code = 0;
    gboolean sent;

    for (const char *p = ticket; *p != '\0'; p++) {
        if (!g_ascii_isalnum(*p)) {
            g_set_error_literal(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_INVALID,
                                "a console ticket is letters and digits only");
            return FALSE;
        }
    }
    g_string_append_printf(request,
                           "GET /api/v1/console/%s HTTP/1.1\r\n"
                           "Host: %s\r\n"
                           "User-Agent: corral/" PACKAGE_VERSION "\r\n"
                           "Connection: Upgrade\r\n"
                           "Upgrade: vnc\r\n",
                           ticket, corral_client_get_peer(client));
    if (token != NULL)
        g_string_append_printf(request, "Authorization: Bearer %s\r\n", token);
    g_string_append(request, "\r\n");
    sent = send_all(t->curl, t->remote_fd, request->str, request->len, deadline, error);
    explicit_bzero(request->str, request->len);
    if (!sent)
        return FALSE;

    if (!recv_until(t->curl, t->remote_fd, answer, "\r\n\r\n", MAX_HEAD, deadline, error))
        return FALSE;
    end = strstr(answer->str, "\r\n\r\n");
    if (end == NULL) {
        set_failed(error, "the host's answer has no end of headers");
        return FALSE;
    }
    head = g_strndup(answer->str, (gsize)(end - answer->str));
    g_string_erase(answer, 0, end + 4 - answer->str);
    lines = g_strsplit(head, "\r\n", -1);
    if (sscanf(lines[0], "HTTP/1.%*1[01] %u", &code) != 1) {
        set_failed(error, "the host's answer is not HTTP");
        return FALSE;
    }
    if (status != NULL)
        *status = code;
    if (code != 101) {
        set_refused(t->curl, t->remote_fd, lines, answer, code, deadline, error);
        return FALSE;
    }
    upgrade_to = header_value(lines, "Upgrade");
    if (upgrade_to == NULL || g_ascii_strcasecmp(upgrade_to, "vnc") != 0) {
        set_failed(error, "the host switched to another protocol than vnc");
        return FALSE;
    }
    if (answer->len > BUFFER_SIZE) {
        set_failed(error, "too many bytes after the host's answer");
        return FALSE;
    }
    memcpy(t->down.buf, answer->str, answer->len);
    t->down.end = answer->len;
    return TRUE;
}

CorralConsoleTunnel *
corral_console_tunnel_open_ticket(CorralClient *client, const char *ticket, guint *status,
                                  GError **error)
{
    g_autoptr(CorralConsoleTunnel) t = tunnel_new();
    int pair[2];
    curl_socket_t sock = CURL_SOCKET_BAD;

    g_return_val_if_fail(client != NULL && ticket != NULL, NULL);
    if (status != NULL)
        *status = 0;
    t->curl = corral_client_connect_only(client, "/console", error);
    if (t->curl == NULL)
        return NULL;
    if (curl_easy_getinfo(t->curl, CURLINFO_ACTIVESOCKET, &sock) != CURLE_OK ||
        sock == CURL_SOCKET_BAD) {
        set_failed(error, "no socket");
        return NULL;
    }
    t->remote_fd = sock;
    if (!upgrade(t, client, ticket, status, error))
        return NULL;

    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) < 0) {
        set_failed(error, g_strerror(errno));
        return NULL;
    }
    t->local_fd = pair[0];
    t->user_fd = pair[1];
    t->stop_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (t->stop_fd < 0 || !set_nonblocking(t->local_fd)) {
        set_failed(error, g_strerror(errno));
        return NULL;
    }
    t->open = TRUE;
    t->thread = g_thread_new("console-tunnel", pump, t);
    return g_steal_pointer(&t);
}

CorralConsoleTunnel *
corral_console_tunnel_open(CorralClient *client, const char *vm_id, GError **error)
{
    g_autofree char *path = NULL;
    g_autoptr(json_object) answer = NULL;
    g_autoptr(CorralConsoleTicket) ticket = NULL;
    CorralConsoleTunnel *t;

    g_return_val_if_fail(client != NULL && vm_id != NULL, NULL);
    path = g_strdup_printf("/vms/%s/console", vm_id);
    if (!corral_client_request(client, "POST", path, NULL, NULL, &answer, error))
        return NULL;
    ticket = answer != NULL ? corral_codec_from_json(&corral_console_ticket_type, answer,
                                                     CORRAL_DECODE_DEFAULT, error)
                            : NULL;
    if (ticket == NULL) {
        if (answer == NULL)
            set_failed(error, "the host gave no ticket");
        return NULL;
    }
    t = corral_console_tunnel_open_ticket(client, ticket->ticket, NULL, error);
    return t;
}

int
corral_console_tunnel_steal_fd(CorralConsoleTunnel *t)
{
    int fd = t->user_fd;

    t->user_fd = -1;
    return fd;
}

void
corral_console_tunnel_get_counts(CorralConsoleTunnel *t, guint64 *sent, guint64 *received)
{
    g_mutex_lock(&t->lock);
    *sent = t->sent;
    *received = t->received;
    g_mutex_unlock(&t->lock);
}

gboolean
corral_console_tunnel_is_open(CorralConsoleTunnel *t)
{
    gboolean open;

    g_mutex_lock(&t->lock);
    open = t->open;
    g_mutex_unlock(&t->lock);
    return open;
}
