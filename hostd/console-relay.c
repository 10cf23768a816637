/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The console relay (see console-relay.h): one poll loop over the two
 * sockets and an eventfd for stop, in the thread that runs it. Both sockets
 * are non-blocking; a direction asks poll for input only while its buffer
 * has room and for output only while it holds bytes.
 *
 * Each end is read and written through a small table of operations: plain
 * socket calls, or GnuTLS records on the client's TLS session. GnuTLS may
 * hold decrypted bytes that poll cannot see (check_pending), and a send
 * that would block must be finished by sending again with no new data
 * (the record is already built inside GnuTLS).
 */
#include "hostd/console-relay.h"

#include "hostd/hostd-error.h"

#include <errno.h>
#include <fcntl.h>
#include <gnutls/gnutls.h>
#include <poll.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#define SEC_NONE 1

/* What a read or write did, beyond a count. */
#define IO_AGAIN  (-1)
#define IO_CLOSED (-2)
#define IO_ERROR  (-3)

typedef struct End End;

typedef struct {
    gssize (*read)(End *end, guint8 *buf, gsize len);
    gssize (*write)(End *end, const guint8 *buf, gsize len);
    gboolean (*pending)(End *end); /* readable without poll's word */
} EndOps;

struct End {
    const EndOps *ops;
    int fd;
    gnutls_session_t tls;
    gsize tls_unsent; /* bytes of a record GnuTLS holds after E_AGAIN */
    const char *name; /* for errors: "client" or "guest" */
};

typedef struct {
    End *from;
    End *to;
    guint8 *buf;
    gsize start, end; /* the bytes buf[start..end) wait to be written */
    gboolean eof;     /* the source closed */
    guint64 count;
} Direction;

struct CorraldConsoleRelay {
    End client;
    End guest;
    int stop_fd;
    gsize size;
    Direction dir[2]; /* 0: client → guest, 1: guest → client */
    gsize peak;
    GMutex lock; /* the counts, read from other threads */
};

static gssize
errno_result(void)
{
    if (errno == EAGAIN || errno == EINTR)
        return IO_AGAIN;
    if (errno == EPIPE || errno == ECONNRESET)
        return IO_CLOSED;
    return IO_ERROR;
}

static gssize
plain_read(End *end, guint8 *buf, gsize len)
{
    ssize_t n = read(end->fd, buf, len);

    return n > 0 ? n : n == 0 ? IO_CLOSED : errno_result();
}

static gssize
plain_write(End *end, const guint8 *buf, gsize len)
{
    ssize_t n = send(end->fd, buf, len, MSG_NOSIGNAL);

    return n >= 0 ? n : errno_result();
}

static gboolean
plain_pending(End *end)
{
    return FALSE;
}

static gssize
tls_result(ssize_t n)
{
    if (n == GNUTLS_E_AGAIN || n == GNUTLS_E_INTERRUPTED)
        return IO_AGAIN;
    if (n == GNUTLS_E_PREMATURE_TERMINATION || n == GNUTLS_E_PUSH_ERROR || n == GNUTLS_E_PULL_ERROR)
        return IO_CLOSED;
    return IO_ERROR;
}

static gssize
tls_read(End *end, guint8 *buf, gsize len)
{
    ssize_t n = gnutls_record_recv(end->tls, buf, len);

    return n > 0 ? n : n == 0 ? IO_CLOSED : tls_result(n);
}

static gssize
tls_write(End *end, const guint8 *buf, gsize len)
{
    ssize_t n;

    if (end->tls_unsent > 0) {
        n = gnutls_record_send(end->tls, NULL, 0);
        if (n >= 0) {
            n = (ssize_t)end->tls_unsent;
            end->tls_unsent = 0;
        }
    } else {
        len = MIN(len, gnutls_record_get_max_size(end->tls));
        n = gnutls_record_send(end->tls, buf, len);
        if (n == GNUTLS_E_AGAIN || n == GNUTLS_E_INTERRUPTED)
            end->tls_unsent = len;
    }
    return n >= 0 ? n : tls_result(n);
}

static gboolean
tls_pending(End *end)
{
    return gnutls_record_check_pending(end->tls) > 0;
}

static const EndOps plain_ops = {plain_read, plain_write, plain_pending};
static const EndOps tls_ops = {tls_read, tls_write, tls_pending};

static gboolean
set_nonblocking(int fd, GError **error)
{
    int flags = fcntl(fd, F_GETFL);

    if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0) {
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_FAILED, "console relay: %s",
                    g_strerror(errno));
        return FALSE;
    }
    return TRUE;
}

CorraldConsoleRelay *
corrald_console_relay_new(const CorraldStream *client, int guest_fd, gsize buffer_size,
                          GError **error)
{
    g_autoptr(CorraldConsoleRelay) relay = g_new0(CorraldConsoleRelay, 1);

    g_return_val_if_fail(buffer_size > 0, NULL);
    g_mutex_init(&relay->lock);
    relay->client = (End){client->tls != NULL ? &tls_ops : &plain_ops, client->fd, client->tls,
                          .name = "client"};
    relay->guest = (End){&plain_ops, guest_fd, .name = "guest"};
    relay->size = buffer_size;
    relay->stop_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    relay->dir[0] = (Direction){&relay->client, &relay->guest, g_malloc(buffer_size)};
    relay->dir[1] = (Direction){&relay->guest, &relay->client, g_malloc(buffer_size)};
    if (relay->stop_fd < 0) {
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_FAILED, "console relay: eventfd: %s",
                    g_strerror(errno));
        return NULL;
    }
    if (client->extra_len > buffer_size) {
        g_set_error_literal(error, CORRALD_ERROR, CORRALD_ERROR_BAD_REQUEST,
                            "console relay: too many bytes before the switch");
        return NULL;
    }
    memcpy(relay->dir[0].buf, client->extra, client->extra_len);
    relay->dir[0].end = client->extra_len;
    if (!set_nonblocking(client->fd, error) || !set_nonblocking(guest_fd, error))
        return NULL;
    return g_steal_pointer(&relay);
}

void
corrald_console_relay_free(CorraldConsoleRelay *relay)
{
    if (relay == NULL)
        return;
    if (relay->guest.fd >= 0)
        close(relay->guest.fd);
    if (relay->stop_fd >= 0)
        close(relay->stop_fd);
    g_free(relay->dir[0].buf);
    g_free(relay->dir[1].buf);
    g_mutex_clear(&relay->lock);
    g_free(relay);
}

void
corrald_console_relay_stop(CorraldConsoleRelay *relay)
{
    guint64 one = 1;

    if (write(relay->stop_fd, &one, sizeof one) < 0 && errno != EAGAIN)
        g_warning("console relay: cannot signal stop: %s", g_strerror(errno));
}

void
corrald_console_relay_get_counts(CorraldConsoleRelay *relay, guint64 *to_guest, guint64 *to_client)
{
    g_mutex_lock(&relay->lock);
    *to_guest = relay->dir[0].count;
    *to_client = relay->dir[1].count;
    g_mutex_unlock(&relay->lock);
}

gsize
corrald_console_relay_get_peak_buffered(CorraldConsoleRelay *relay)
{
    return relay->peak;
}

static gboolean
io_error(End *end, const char *verb, GError **error)
{
    g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_FAILED, "console relay: %s the %s failed", verb,
                end->name);
    return FALSE;
}

static gboolean
has_room(CorraldConsoleRelay *relay, Direction *d)
{
    return !d->eof && (d->end < relay->size || d->start > 0);
}

/* Reads what fits into @d's buffer, and what the source holds already. */
static gboolean
fill(CorraldConsoleRelay *relay, Direction *d, GError **error)
{
    do {
        gssize n;

        if (d->start == d->end) {
            d->start = d->end = 0;
        } else if (d->end == relay->size) {
            memmove(d->buf, d->buf + d->start, d->end - d->start);
            d->end -= d->start;
            d->start = 0;
        }
        n = d->from->ops->read(d->from, d->buf + d->end, relay->size - d->end);
        if (n == IO_CLOSED)
            d->eof = TRUE;
        else if (n == IO_ERROR)
            return io_error(d->from, "reading from", error);
        else if (n == IO_AGAIN)
            break;
        else
            d->end += (gsize)n;
    } while (has_room(relay, d) && d->from->ops->pending(d->from));
    return TRUE;
}

/* Writes what @d's destination takes. A closed destination ends the relay
 * like a closed source. */
static gboolean
drain(CorraldConsoleRelay *relay, Direction *d, gboolean *closed, GError **error)
{
    while (d->start < d->end) {
        gssize n = d->to->ops->write(d->to, d->buf + d->start, d->end - d->start);

        if (n == IO_AGAIN)
            break;
        if (n == IO_CLOSED) {
            *closed = TRUE;
            break;
        }
        if (n == IO_ERROR)
            return io_error(d->to, "writing to", error);
        d->start += (gsize)n;
        g_mutex_lock(&relay->lock);
        d->count += (guint64)n;
        g_mutex_unlock(&relay->lock);
    }
    return TRUE;
}

/* Blocking I/O on one end, for the greeting. */

static gboolean
wait_end(End *end, short events, gint64 deadline, GError **error)
{
    struct pollfd p = {.fd = end->fd, .events = events};
    gint64 left = (deadline - g_get_monotonic_time()) / 1000;

    if (events == POLLIN && end->ops->pending(end))
        return TRUE;
    if (left > 0 && poll(&p, 1, (int)MIN(left, G_MAXINT)) > 0)
        return TRUE;
    g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_FAILED,
                "console relay: the %s did not answer the greeting in time", end->name);
    return FALSE;
}

static gboolean
end_write_all(End *end, const guint8 *buf, gsize len, gint64 deadline, GError **error)
{
    while (len > 0) {
        gssize n = end->ops->write(end, buf, len);

        if (n == IO_AGAIN) {
            if (!wait_end(end, POLLOUT, deadline, error))
                return FALSE;
            continue;
        }
        if (n < 0)
            return io_error(end, "greeting", error);
        buf += n;
        len -= (gsize)n;
    }
    return TRUE;
}

static gboolean
end_read_exactly(End *end, guint8 *buf, gsize len, gint64 deadline, GError **error)
{
    while (len > 0) {
        gssize n;

        if (!wait_end(end, POLLIN, deadline, error))
            return FALSE;
        n = end->ops->read(end, buf, len);
        if (n == IO_AGAIN)
            continue;
        if (n < 0)
            return io_error(end, "greeting", error);
        buf += n;
        len -= (gsize)n;
    }
    return TRUE;
}

gboolean
corrald_console_relay_greet(CorraldConsoleRelay *relay, guint timeout_ms, GError **error)
{
    gint64 deadline = g_get_monotonic_time() + (gint64)timeout_ms * G_TIME_SPAN_MILLISECOND;
    End *client = &relay->client;
    guint8 version[12], choice;
    static const guint8 none_offered[] = {1, SEC_NONE};
    static const guint8 ok[4] = {0, 0, 0, 0};
    static const guint8 none_33[4] = {0, 0, 0, SEC_NONE};
    guint minor;

    if (relay->dir[0].end > 0) {
        g_set_error_literal(error, CORRALD_ERROR, CORRALD_ERROR_BAD_REQUEST,
                            "console relay: the client spoke before it was greeted");
        return FALSE;
    }
    if (!end_write_all(client, (const guint8 *)"RFB 003.008\n", 12, deadline, error) ||
        !end_read_exactly(client, version, sizeof version, deadline, error))
        return FALSE;
    if (memcmp(version, "RFB 003.", 8) != 0 || version[11] != '\n' ||
        !g_ascii_isdigit(version[8]) || !g_ascii_isdigit(version[9]) ||
        !g_ascii_isdigit(version[10])) {
        g_set_error_literal(error, CORRALD_ERROR, CORRALD_ERROR_BAD_REQUEST,
                            "console relay: the client does not speak RFB");
        return FALSE;
    }
    minor = (guint)((version[8] - '0') * 100 + (version[9] - '0') * 10 + (version[10] - '0'));
    if (minor < 7)
        return end_write_all(client, none_33, sizeof none_33, deadline, error);
    if (!end_write_all(client, none_offered, sizeof none_offered, deadline, error) ||
        !end_read_exactly(client, &choice, 1, deadline, error))
        return FALSE;
    if (choice != SEC_NONE) {
        g_set_error_literal(error, CORRALD_ERROR, CORRALD_ERROR_BAD_REQUEST,
                            "console relay: the client chose a security type not offered");
        return FALSE;
    }
    return minor < 8 || end_write_all(client, ok, sizeof ok, deadline, error);
}

gboolean
corrald_console_relay_run(CorraldConsoleRelay *relay, GError **error)
{
    gboolean closed = FALSE;

    while (!closed) {
        struct pollfd fds[3] = {
            {.fd = relay->client.fd},
            {.fd = relay->guest.fd},
            {.fd = relay->stop_fd, .events = POLLIN},
        };
        gboolean ready[2] = {FALSE, FALSE};
        gsize held = 0;
        int timeout = -1;

        for (guint i = 0; i < 2; i++) {
            Direction *d = &relay->dir[i];

            /* A source that closed ends the relay once its bytes are out. */
            if (d->eof && d->start == d->end)
                return TRUE;
            if (has_room(relay, d)) {
                fds[i].events |= POLLIN;
                ready[i] = d->from->ops->pending(d->from);
                if (ready[i])
                    timeout = 0;
            }
            if (d->start < d->end || d->to->tls_unsent > 0)
                fds[1 - i].events |= POLLOUT;
            held += d->end - d->start;
        }
        relay->peak = MAX(relay->peak, held);

        if (poll(fds, G_N_ELEMENTS(fds), timeout) < 0) {
            if (errno == EINTR)
                continue;
            g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_FAILED, "console relay: poll: %s",
                        g_strerror(errno));
            return FALSE;
        }
        if (fds[2].revents != 0)
            return TRUE;
        /* A side that hung up while the relay wanted nothing of it would
         * wake poll forever: the console is over. */
        if (((fds[0].revents & (POLLHUP | POLLERR)) && fds[0].events == 0) ||
            ((fds[1].revents & (POLLHUP | POLLERR)) && fds[1].events == 0))
            return TRUE;
        for (guint i = 0; i < 2; i++) {
            Direction *d = &relay->dir[i];
            short in = fds[i].revents, out = fds[1 - i].revents;

            if ((ready[i] || (in & (POLLIN | POLLHUP | POLLERR))) && (fds[i].events & POLLIN) &&
                !fill(relay, d, error))
                return FALSE;
            if ((out & (POLLOUT | POLLERR | POLLHUP)) && (fds[1 - i].events & POLLOUT) &&
                !drain(relay, d, &closed, error))
                return FALSE;
        }
    }
    return TRUE;
}
