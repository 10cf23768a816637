/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The guard (see corral-vnc-guard.h). Two threads: "down" reads the
 * server's stream with blocking reads, checks it message by message and
 * forwards what it checked; "up" copies the client's stream to the server.
 * The parser pulls bytes through need()/take(): take() forwards bytes once
 * they are checked, forward() streams a long payload through the buffer.
 *
 * The security type is the one the view picks (None when offered, else VNC
 * authentication), so the guard needs none of the client's bytes. The view
 * sets 32-bit pixels before it asks for any update, so rectangles are sized
 * at four bytes a pixel from the ServerInit on.
 *
 * With a ready function, raw rectangles land in the shadow (decode_raw())
 * and the main thread copies them out (corral_vnc_guard_take()). The lock
 * guards the shadow, its damage list, the count of rectangles gvnc drew
 * and the notification source; the condition wakes the down thread when
 * the main thread took pixels or gvnc drew.
 */
#include "client/vnc/corral-vnc-guard.h"

#include "client/vnc/corral-vnc-tiles.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <poll.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#define BUFFER_SIZE     (64 * 1024)
#define BYTES_PER_PIXEL 4
#define MAX_TEXT        4096          /* reasons, desktop names */
#define MAX_CUT_TEXT    (1024 * 1024) /* the clipboard */
#define MAX_SCREENS     16
#define SPLICE_MIN      (16 * 1024) /* payloads worth a splice */
#define HEADER_READ     4096
#define SPLICE_MAX      (1024 * 1024)
#define MAX_DAMAGE      1024   /* rectangles waiting; more merge into one */
#define MANY_RECTS      0xffff /* with LastRect: "until LastRect" */

/* RFB numbers */
enum {
    SEC_NONE = 1,
    SEC_VNC = 2,
    MSG_UPDATE = 0,
    MSG_COLOUR_MAP = 1,
    MSG_BELL = 2,
    MSG_CUT_TEXT = 3,
    ENC_RAW = 0,
    ENC_COPYRECT = 1,
    ENC_HEXTILE = 5,
    ENC_ZRLE = 16,
    ENC_DESKTOP_SIZE = -223,
    ENC_LAST_RECT = -224,
    ENC_POINTER_CHANGE = -257,
    ENC_EXT_KEY_EVENT = -258,
    ENC_LED_STATE = -261,
    ENC_DESKTOP_NAME = -307,
    ENC_EXT_DESKTOP_SIZE = -308,
    HEXTILE_RAW = 1,
    HEXTILE_BACKGROUND = 2,
    HEXTILE_FOREGROUND = 4,
    HEXTILE_SUBRECTS = 8,
    HEXTILE_COLOURED = 16,
};

struct CorralVncGuard {
    int server_fd;
    int inner_fd; /* the guard's end of the socketpair gvnc reads */
    int stop_fd;
    int pipe[2]; /* for splice(); -1 when there is none */
    GThread *down, *up;
    GMutex lock;
    GCond cond;
    char *error;

    /* Raw rectangles decoded here (ready != NULL); under the lock */
    CorralVncGuardReadyFunc ready;
    gpointer ready_data;
    GMainContext *context;
    GSource *notify;
    gboolean stopping;
    guint8 *shadow;
    guint shadow_width, shadow_height;
    GArray *damage; /* of Rect */
    gboolean began; /* an update began since corral_vnc_guard_update_began() */
    guint64 drawn;  /* rectangles gvnc drew */
    guint64 passed; /* rectangles passed on to gvnc (the down thread's) */

    /* The down thread's */
    guint8 buf[BUFFER_SIZE];
    gsize start, end;
    gboolean in_message;
    guint fb_width, fb_height;
};

typedef struct {
    guint x, y, w, h;
} Rect;

static gboolean G_GNUC_PRINTF(2, 3) fail(CorralVncGuard *g, const char *format, ...)
{
    va_list ap;
    char *message;

    va_start(ap, format);
    message = g_strdup_vprintf(format, ap);
    va_end(ap);
    g_mutex_lock(&g->lock);
    if (g->error == NULL)
        g->error = message;
    else
        g_free(message);
    g_mutex_unlock(&g->lock);
    return FALSE;
}

char *
corral_vnc_guard_dup_error(CorralVncGuard *g)
{
    char *error;

    g_mutex_lock(&g->lock);
    error = g_strdup(g->error);
    g_mutex_unlock(&g->lock);
    return error;
}

/* Waits for @fd to be readable; FALSE on stop, on a stall inside a message,
 * or on a poll error (a message is set for the stall only). */
static gboolean
wait_readable(CorralVncGuard *g, int fd, gboolean timed)
{
    struct pollfd fds[2] = {{.fd = fd, .events = POLLIN}, {.fd = g->stop_fd, .events = POLLIN}};
    int n;

    do
        n = poll(fds, 2, timed ? CORRAL_VNC_GUARD_STALL_S * 1000 : -1);
    while (n < 0 && errno == EINTR);
    if (n == 0)
        return fail(g, _("The console stopped sending in the middle of a message for %d seconds."),
                    CORRAL_VNC_GUARD_STALL_S);
    return n > 0 && fds[1].revents == 0;
}

/* Reads more of the server's stream into the buffer: all it has ready, so
 * that what goes on to gvnc goes in few large writes (each write wakes
 * gvnc's coroutine). Waits only when nothing is ready. */
static gboolean
fill(CorralVncGuard *g, gsize most)
{
    gsize limit;
    gboolean got = FALSE;

    if (g->start > 0) {
        memmove(g->buf, g->buf + g->start, g->end - g->start);
        g->end -= g->start;
        g->start = 0;
    }
    limit = MIN(sizeof g->buf, g->end + most);
    while (g->end < limit) {
        ssize_t n = recv(g->server_fd, g->buf + g->end, limit - g->end, MSG_DONTWAIT);

        if (n > 0) {
            g->end += (gsize)n;
            got = TRUE;
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else if (n < 0 && errno == EAGAIN && !got) {
            if (!wait_readable(g, g->server_fd, g->in_message))
                return FALSE;
        } else {
            /* EOF or an error ends the stream once the bytes in hand are
             * out; gvnc sees the server close. */
            return got;
        }
    }
    return TRUE;
}

static gboolean
need(CorralVncGuard *g, gsize n)
{
    g_assert(n <= sizeof g->buf);
    while (g->end - g->start < n) {
        /* Headers: a little at a time, so that large payloads stay in the
         * socket for splice_payload(). */
        if (!fill(g, MAX(n, HEADER_READ)))
            return FALSE;
    }
    return TRUE;
}

static gboolean
write_all(int fd, const guint8 *data, gsize len)
{
    while (len > 0) {
        ssize_t n = send(fd, data, len, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return FALSE;
        data += n;
        len -= (gsize)n;
    }
    return TRUE;
}

/* Forwards @n checked bytes at the buffer's start. */
static gboolean
take(CorralVncGuard *g, gsize n)
{
    gboolean ok = write_all(g->inner_fd, g->buf + g->start, n);

    g->start += n;
    return ok;
}

/* Moves up to @len bytes of payload from the server straight to gvnc
 * through the pipe, without bringing them into this process: the pixels of
 * raw rectangles need no checking. Returns the bytes moved, 0 when none
 * were ready, -1 at the end. */
static gssize
splice_payload(CorralVncGuard *g, guint64 len)
{
    ssize_t n = splice(g->server_fd, NULL, g->pipe[1], NULL, (size_t)MIN(len, SPLICE_MAX),
                       SPLICE_F_MOVE | SPLICE_F_NONBLOCK);

    if (n < 0 && (errno == EAGAIN || errno == EINTR))
        return 0;
    if (n <= 0)
        return -1;
    for (ssize_t left = n; left > 0;) {
        ssize_t m = splice(g->pipe[0], NULL, g->inner_fd, NULL, (size_t)left, SPLICE_F_MOVE);
        if (m < 0 && errno == EINTR)
            continue;
        if (m <= 0)
            return -1;
        left -= m;
    }
    return n;
}

/* Forwards @len bytes of payload, as they come. */
static gboolean
forward(CorralVncGuard *g, guint64 len)
{
    while (len > 0) {
        gsize have;

        if (g->start == g->end && len >= SPLICE_MIN && g->pipe[0] >= 0) {
            gssize n = splice_payload(g, len);
            if (n < 0)
                return FALSE;
            if (n > 0) {
                len -= (guint64)n;
                continue;
            }
            if (!wait_readable(g, g->server_fd, TRUE))
                return FALSE;
            continue;
        }
        if (g->start == g->end && !fill(g, sizeof g->buf))
            return FALSE;
        have = (gsize)MIN(len, g->end - g->start);
        if (!take(g, have))
            return FALSE;
        len -= have;
    }
    return TRUE;
}

/* The shadow: raw rectangles decoded in this thread */

static gboolean
on_notify(gpointer data)
{
    CorralVncGuard *g = data;

    g_mutex_lock(&g->lock);
    g_clear_pointer(&g->notify, g_source_unref);
    g_mutex_unlock(&g->lock);
    g->ready(g->ready_data);
    return G_SOURCE_REMOVE;
}

/* Tells the main thread that pixels wait or an update began, once until
 * it looks. Called with the lock held. */
static void
notify_locked(CorralVncGuard *g)
{
    if (g->notify != NULL || (g->damage->len == 0 && !g->began) || g->stopping)
        return;
    g->notify = g_idle_source_new();
    g_source_set_priority(g->notify, G_PRIORITY_DEFAULT);
    g_source_set_callback(g->notify, on_notify, g, NULL);
    g_source_attach(g->notify, g->context);
}

static gboolean
shadow_taken(CorralVncGuard *g)
{
    return g->damage->len == 0;
}

static gboolean
gvnc_caught_up(CorralVncGuard *g)
{
    return g->drawn >= g->passed;
}

/* Waits until @done holds: the other side of the stream order has caught
 * up. FALSE when the guard stops meanwhile. */
static gboolean
wait_until(CorralVncGuard *g, gboolean (*done)(CorralVncGuard *g))
{
    gboolean ok;

    g_mutex_lock(&g->lock);
    while (!g->stopping && !done(g)) {
        notify_locked(g);
        g_cond_wait(&g->cond, &g->lock);
    }
    ok = !g->stopping;
    g_mutex_unlock(&g->lock);
    return ok;
}

/* A rectangle's header or payload read but not passed on. */
static void
skip(CorralVncGuard *g, gsize n)
{
    g->start += n;
}

static void
add_damage_locked(CorralVncGuard *g, guint x, guint y, guint w, guint h)
{
    Rect r = {x, y, w, h};

    if (g->damage->len >= MAX_DAMAGE) {
        /* Bounded: everything waiting becomes its bounding box. */
        Rect box = r;
        for (guint i = 0; i < g->damage->len; i++) {
            const Rect *d = &g_array_index(g->damage, Rect, i);
            guint x1 = MAX(box.x + box.w, d->x + d->w), y1 = MAX(box.y + box.h, d->y + d->h);
            box.x = MIN(box.x, d->x);
            box.y = MIN(box.y, d->y);
            box.w = x1 - box.x;
            box.h = y1 - box.y;
        }
        g_array_set_size(g->damage, 0);
        r = box;
    }
    g_array_append_val(g->damage, r);
}

/* The pixels of a raw rectangle (its header judged and skipped) into the
 * shadow, as they come. */
static gboolean
decode_raw(CorralVncGuard *g, guint x, guint y, guint w, guint h)
{
    gsize row_bytes = (gsize)w * BYTES_PER_PIXEL, done = 0;
    guint row = 0;

    if (w == 0 || h == 0)
        return TRUE;
    if (!wait_until(g, gvnc_caught_up))
        return FALSE;
    g_mutex_lock(&g->lock);
    if (g->shadow_width != g->fb_width || g->shadow_height != g->fb_height) {
        g_free(g->shadow);
        g->shadow = g_malloc((gsize)g->fb_width * g->fb_height * BYTES_PER_PIXEL);
        g->shadow_width = g->fb_width;
        g->shadow_height = g->fb_height;
        g_array_set_size(g->damage, 0); /* of the old size */
    }
    g_mutex_unlock(&g->lock);
    while (row < h) {
        gsize have;

        if (g->start == g->end && !fill(g, sizeof g->buf))
            return FALSE;
        g_mutex_lock(&g->lock);
        for (have = g->end - g->start; have > 0 && row < h;) {
            gsize n = MIN(have, row_bytes - done);
            guint8 *dst = g->shadow + ((gsize)(y + row) * g->shadow_width + x) * BYTES_PER_PIXEL;

            memcpy(dst + done, g->buf + g->start, n);
            g->start += n;
            have -= n;
            done += n;
            if (done == row_bytes) {
                done = 0;
                row++;
            }
        }
        g_mutex_unlock(&g->lock);
    }
    g_mutex_lock(&g->lock);
    add_damage_locked(g, x, y, w, h);
    g_mutex_unlock(&g->lock);
    return TRUE;
}

guint
corral_vnc_guard_take(CorralVncGuard *g, guint8 *buffer, gsize stride, guint width, guint height,
                      CorralVncGuardDamageFunc damage, gpointer user_data)
{
    guint n;

    g_mutex_lock(&g->lock);
    n = g->damage->len;
    for (guint i = 0; buffer != NULL && i < n; i++) {
        const Rect *r = &g_array_index(g->damage, Rect, i);
        guint w, h;

        /* The view's buffer may still have the size before a resize. */
        if (r->x >= width || r->y >= height)
            continue;
        w = MIN(r->w, width - r->x);
        h = MIN(r->h, height - r->y);
        for (guint row = 0; row < h; row++)
            memcpy(buffer + (gsize)(r->y + row) * stride + (gsize)r->x * BYTES_PER_PIXEL,
                   g->shadow + ((gsize)(r->y + row) * g->shadow_width + r->x) * BYTES_PER_PIXEL,
                   (gsize)w * BYTES_PER_PIXEL);
        if (damage != NULL)
            damage(user_data, r->x, r->y, w, h);
    }
    g_array_set_size(g->damage, 0);
    g_cond_broadcast(&g->cond);
    g_mutex_unlock(&g->lock);
    return n;
}

gboolean
corral_vnc_guard_update_began(CorralVncGuard *g)
{
    gboolean began;

    g_mutex_lock(&g->lock);
    began = g->began;
    g->began = FALSE;
    g_mutex_unlock(&g->lock);
    return began;
}

void
corral_vnc_guard_drawn(CorralVncGuard *g)
{
    g_mutex_lock(&g->lock);
    g->drawn++;
    g_cond_broadcast(&g->cond);
    g_mutex_unlock(&g->lock);
}

static guint8
peek8(CorralVncGuard *g, gsize at)
{
    return g->buf[g->start + at];
}

static guint16
peek16(CorralVncGuard *g, gsize at)
{
    return (guint16)(peek8(g, at) << 8 | peek8(g, at + 1));
}

static guint32
peek32(CorralVncGuard *g, gsize at)
{
    return (guint32)peek16(g, at) << 16 | peek16(g, at + 2);
}

/* A reason string (length and text) the server gives for refusing. */
static gboolean
refused(CorralVncGuard *g)
{
    guint32 len;
    g_autofree char *text = NULL;

    if (!need(g, 4))
        return FALSE;
    len = peek32(g, 0);
    if (len > MAX_TEXT)
        return fail(g, _("The console sent a reason of %u bytes (at most %d)."), len, MAX_TEXT);
    if (!take(g, 4) || !need(g, len))
        return FALSE;
    text = g_strndup((const char *)g->buf + g->start, len);
    for (char *p = text; *p != '\0'; p++)
        if (!g_ascii_isprint(*p))
            *p = '?';
    take(g, len);
    return fail(g, _("The console refused the connection: %s"), text);
}

static gboolean
valid_pixel_format(CorralVncGuard *g, gsize at)
{
    guint bpp = peek8(g, at), depth = peek8(g, at + 1), true_colour = peek8(g, at + 3);

    if ((bpp != 8 && bpp != 16 && bpp != 32) || depth == 0 || depth > bpp || true_colour > 1)
        return FALSE;
    for (guint i = 0; true_colour && i < 3; i++) {
        guint max = peek16(g, at + 4 + 2 * i), shift = peek8(g, at + 10 + i);
        if (max == 0 || (max & (max + 1)) != 0 || shift + g_bit_storage(max) > bpp)
            return FALSE;
    }
    return TRUE;
}

static gboolean
valid_size(CorralVncGuard *g, guint w, guint h)
{
    if (w == 0 || h == 0 || w > CORRAL_VNC_MAX_WIDTH || h > CORRAL_VNC_MAX_HEIGHT)
        return fail(g, _("The console's screen size %u × %u is not supported (at most %u × %u)."),
                    w, h, CORRAL_VNC_MAX_WIDTH, CORRAL_VNC_MAX_HEIGHT);
    return TRUE;
}

static gboolean
handshake(CorralVncGuard *g)
{
    guint minor, type = 0, w, h;
    guint32 name_len;

    if (!need(g, 12))
        return FALSE;
    if (memcmp(g->buf + g->start, "RFB 003.", 8) != 0 || peek8(g, 11) != '\n' ||
        !g_ascii_isdigit(peek8(g, 8)) || !g_ascii_isdigit(peek8(g, 9)) ||
        !g_ascii_isdigit(peek8(g, 10)))
        return fail(g, _("The other end is not a VNC server."));
    minor = (guint)g_ascii_strtoull((const char *)g->buf + g->start + 8, NULL, 10);
    if (!take(g, 12))
        return FALSE;

    if (minor >= 7) {
        guint n;
        if (!need(g, 1))
            return FALSE;
        n = peek8(g, 0);
        if (n == 0)
            return take(g, 1) && refused(g);
        if (!need(g, 1 + n))
            return FALSE;
        for (guint i = 0; i < n; i++) {
            guint t = peek8(g, 1 + i);
            if (t == SEC_NONE || (t == SEC_VNC && type != SEC_NONE))
                type = t;
        }
        /* gvnc gets the one type the view picks: it keeps the list in ten
         * slots but takes up to forty (a stack overflow), and the view
         * could use no other. */
        skip(g, 1 + n);
        if (type == SEC_NONE || type == SEC_VNC) {
            guint8 chosen[2] = {1, (guint8)type};
            if (!write_all(g->inner_fd, chosen, sizeof chosen))
                return FALSE;
        }
    } else {
        if (!need(g, 4))
            return FALSE;
        type = peek32(g, 0);
        if (!take(g, 4))
            return FALSE;
        if (type == 0)
            return refused(g);
    }
    if (type != SEC_NONE && type != SEC_VNC)
        return fail(g, _("The console asks for an authentication Corral does not support."));
    if (type == SEC_VNC && (!need(g, 16) || !take(g, 16)))
        return FALSE;
    if (minor >= 8 || type == SEC_VNC) {
        if (!need(g, 4))
            return FALSE;
        if (peek32(g, 0) != 0) {
            if (!take(g, 4))
                return FALSE;
            return minor >= 8 ? refused(g) : fail(g, _("The console refused the password."));
        }
        if (!take(g, 4))
            return FALSE;
    }

    /* ServerInit */
    if (!need(g, 24))
        return FALSE;
    w = peek16(g, 0);
    h = peek16(g, 2);
    name_len = peek32(g, 20);
    if (!valid_size(g, w, h))
        return FALSE;
    if (!valid_pixel_format(g, 4))
        return fail(g, _("The console's pixel format is not valid."));
    if (name_len > MAX_TEXT)
        return fail(g, _("The console's name is %u bytes long (at most %d)."), name_len, MAX_TEXT);
    g->fb_width = w;
    g->fb_height = h;
    return take(g, 24) && forward(g, name_len);
}

static gboolean
inside(CorralVncGuard *g, guint x, guint y, guint w, guint h)
{
    if (x + w > g->fb_width || y + h > g->fb_height)
        return fail(g, _("The console drew %u × %u at %u,%u, outside its %u × %u screen."), w, h, x,
                    y, g->fb_width, g->fb_height);
    return TRUE;
}

static gboolean
hextile(CorralVncGuard *g, guint w, guint h)
{
    for (guint ty = 0; ty < h; ty += 16) {
        for (guint tx = 0; tx < w; tx += 16) {
            guint tw = MIN(16, w - tx), th = MIN(16, h - ty), sub, n, size;

            if (!need(g, 1))
                return FALSE;
            sub = peek8(g, 0);
            if (sub > 31)
                return fail(g, _("The console sent a hextile tile of unknown kind %u."), sub);
            if (!take(g, 1))
                return FALSE;
            if (sub & HEXTILE_RAW) {
                if (!forward(g, (guint64)tw * th * BYTES_PER_PIXEL))
                    return FALSE;
                continue;
            }
            if ((sub & HEXTILE_BACKGROUND) && !forward(g, BYTES_PER_PIXEL))
                return FALSE;
            if ((sub & HEXTILE_FOREGROUND) && !forward(g, BYTES_PER_PIXEL))
                return FALSE;
            if (!(sub & HEXTILE_SUBRECTS))
                continue;
            if (!need(g, 1))
                return FALSE;
            n = peek8(g, 0);
            size = (sub & HEXTILE_COLOURED ? BYTES_PER_PIXEL : 0) + 2;
            if (!take(g, 1))
                return FALSE;
            for (guint i = 0; i < n; i++) {
                guint xy, wh;
                if (!need(g, size))
                    return FALSE;
                xy = peek8(g, size - 2);
                wh = peek8(g, size - 1);
                if ((xy >> 4) + (wh >> 4) + 1 > tw || (xy & 15) + (wh & 15) + 1 > th)
                    return fail(g, _("The console sent a hextile part outside its tile."));
                if (!take(g, size))
                    return FALSE;
            }
        }
    }
    return TRUE;
}

/* Before a rectangle gvnc draws: the shadow's pixels are in the view's
 * buffer first, and gvnc's drawing is counted. */
static gboolean
pass_drawn(CorralVncGuard *g)
{
    if (g->ready == NULL)
        return TRUE;
    if (!wait_until(g, shadow_taken))
        return FALSE;
    g->passed++;
    return TRUE;
}

/* One rectangle of an update; @last is set by LastRect, @sent counts
 * the rectangles gvnc gets. */
static gboolean
rectangle(CorralVncGuard *g, gboolean *last, guint *sent)
{
    guint x, y, w, h, n;
    gint32 encoding;
    guint32 len;

    if (!need(g, 12))
        return FALSE;
    x = peek16(g, 0);
    y = peek16(g, 2);
    w = peek16(g, 4);
    h = peek16(g, 6);
    encoding = (gint32)peek32(g, 8);

    /* Nothing of a rectangle goes on before its header is judged: gvnc
     * acts on a header as soon as it has one. */
    if (encoding != ENC_RAW || g->ready == NULL)
        (*sent)++;
    switch (encoding) {
    case ENC_RAW:
        if (g->ready != NULL)
            return inside(g, x, y, w, h) && (skip(g, 12), decode_raw(g, x, y, w, h));
        return inside(g, x, y, w, h) && take(g, 12) && forward(g, (guint64)w * h * BYTES_PER_PIXEL);
    case ENC_COPYRECT:
        if (!inside(g, x, y, w, h) || !need(g, 16))
            return FALSE;
        return inside(g, peek16(g, 12), peek16(g, 14), w, h) && pass_drawn(g) && take(g, 16);
    case ENC_HEXTILE:
        return inside(g, x, y, w, h) && pass_drawn(g) && take(g, 12) && hextile(g, w, h);
    case ENC_ZRLE:
        if (!inside(g, x, y, w, h) || !need(g, 16))
            return FALSE;
        len = peek32(g, 12);
        /* Compressed, it cannot be much more than the raw pixels. */
        if (len > (guint64)w * h * (BYTES_PER_PIXEL + 1) + 4096)
            return fail(g, _("The console sent %u bytes of ZRLE for %u × %u pixels."), len, w, h);
        return pass_drawn(g) && take(g, 16) && forward(g, len);
    case ENC_DESKTOP_SIZE:
        if (!valid_size(g, w, h))
            return FALSE;
        g->fb_width = w;
        g->fb_height = h;
        return take(g, 12);
    case ENC_EXT_DESKTOP_SIZE:
        if (!need(g, 16))
            return FALSE;
        n = peek8(g, 12);
        if (n > MAX_SCREENS)
            return fail(g, _("The console describes %u screens (at most %d)."), n, MAX_SCREENS);
        /* y is the status: non-zero answers a refused request, no change. */
        if (y == 0) {
            if (!valid_size(g, w, h))
                return FALSE;
            g->fb_width = w;
            g->fb_height = h;
        }
        return take(g, 16) && forward(g, 16 * n);
    case ENC_LAST_RECT:
        *last = TRUE;
        return take(g, 12);
    case ENC_POINTER_CHANGE:
    case ENC_EXT_KEY_EVENT:
        return take(g, 12);
    case ENC_LED_STATE:
        return take(g, 12) && forward(g, 1);
    case ENC_DESKTOP_NAME:
        if (!need(g, 16))
            return FALSE;
        len = peek32(g, 12);
        if (len > MAX_TEXT)
            return fail(g, _("The console's name is %u bytes long (at most %d)."), len, MAX_TEXT);
        return take(g, 16) && forward(g, len);
    default:
        return fail(g, _("The console sent encoding %d, which Corral did not ask for."), encoding);
    }
}

static gboolean
message(CorralVncGuard *g)
{
    static const guint8 last_rect[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0x20};
    guint type, n, sent = 0;
    guint32 len;
    gboolean last = FALSE;

    g->in_message = FALSE;
    if (!need(g, 1))
        return FALSE;
    g->in_message = TRUE;
    type = peek8(g, 0);
    switch (type) {
    case MSG_UPDATE:
        if (!need(g, 4))
            return FALSE;
        n = peek16(g, 2);
        if (g->ready != NULL) {
            /* Raw rectangles stay here, so gvnc cannot count on the
             * server's number: it reads until a LastRect. */
            g->buf[g->start + 2] = g->buf[g->start + 3] = 0xff;
            g_mutex_lock(&g->lock);
            g->began = TRUE;
            notify_locked(g);
            g_mutex_unlock(&g->lock);
        }
        if (!take(g, 4))
            return FALSE;
        for (guint i = 0; i < n && !last; i++) {
            if (!rectangle(g, &last, &sent))
                return FALSE;
        }
        if (g->ready != NULL) {
            g_mutex_lock(&g->lock);
            notify_locked(g);
            g_mutex_unlock(&g->lock);
            if (!last && sent < MANY_RECTS)
                return write_all(g->inner_fd, last_rect, sizeof last_rect);
        }
        return TRUE;
    case MSG_COLOUR_MAP:
        return fail(g, _("The console sent a colour map for true-colour pixels."));
    case MSG_BELL:
        return take(g, 1);
    case MSG_CUT_TEXT:
        if (!need(g, 8))
            return FALSE;
        len = peek32(g, 4);
        if (len > MAX_CUT_TEXT)
            return fail(g, _("The console sent %u bytes of clipboard text (at most %d)."), len,
                        MAX_CUT_TEXT);
        return take(g, 8) && forward(g, len);
    default:
        return fail(g, _("The console sent a message of unknown type %u."), type);
    }
}

static gpointer
run_down(gpointer data)
{
    CorralVncGuard *g = data;

    if (handshake(g)) {
        while (message(g))
            ;
    }
    /* gvnc sees the end; the up thread stops with it. */
    shutdown(g->inner_fd, SHUT_RDWR);
    shutdown(g->server_fd, SHUT_RDWR);
    return NULL;
}

static gpointer
run_up(gpointer data)
{
    CorralVncGuard *g = data;
    guint8 chunk[16 * 1024];

    for (;;) {
        ssize_t n;

        if (!wait_readable(g, g->inner_fd, FALSE))
            break;
        n = read(g->inner_fd, chunk, sizeof chunk);
        if (n <= 0 || !write_all(g->server_fd, chunk, (gsize)n))
            break;
    }
    shutdown(g->server_fd, SHUT_WR);
    return NULL;
}

CorralVncGuard *
corral_vnc_guard_new(int server_fd, int *client_fd, CorralVncGuardReadyFunc ready,
                     gpointer user_data, GError **error)
{
    CorralVncGuard *g;
    int pair[2];

    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) < 0) {
        int saved = errno;
        close(server_fd);
        g_set_error(error, G_IO_ERROR, g_io_error_from_errno(saved), "socketpair: %s",
                    g_strerror(saved));
        return NULL;
    }
    g = g_new0(CorralVncGuard, 1);
    g_mutex_init(&g->lock);
    g_cond_init(&g->cond);
    g->ready = ready;
    g->ready_data = user_data;
    g->context = g_main_context_ref_thread_default();
    g->damage = g_array_new(FALSE, FALSE, sizeof(Rect));
    g->server_fd = server_fd;
    g->inner_fd = pair[0];
    g->stop_fd = eventfd(0, EFD_CLOEXEC);
    if (pipe2(g->pipe, O_CLOEXEC) == 0)
        fcntl(g->pipe[1], F_SETPIPE_SZ, SPLICE_MAX); /* a smaller pipe only costs calls */
    else
        g->pipe[0] = g->pipe[1] = -1;
    *client_fd = pair[1];
    g->down = g_thread_new("vnc-guard-down", run_down, g);
    g->up = g_thread_new("vnc-guard-up", run_up, g);
    return g;
}

void
corral_vnc_guard_free(CorralVncGuard *g)
{
    guint64 one = 1;

    if (g == NULL)
        return;
    g_mutex_lock(&g->lock);
    g->stopping = TRUE;
    g_cond_broadcast(&g->cond);
    g_mutex_unlock(&g->lock);
    if (write(g->stop_fd, &one, sizeof one) < 0)
        g_warning("vnc guard: cannot stop: %s", g_strerror(errno));
    shutdown(g->inner_fd, SHUT_RDWR);
    shutdown(g->server_fd, SHUT_RDWR);
    g_thread_join(g->down);
    g_thread_join(g->up);
    close(g->inner_fd);
    close(g->server_fd);
    close(g->stop_fd);
    if (g->pipe[0] >= 0) {
        close(g->pipe[0]);
        close(g->pipe[1]);
    }
    if (g->notify != NULL) {
        g_source_destroy(g->notify);
        g_source_unref(g->notify);
    }
    g_main_context_unref(g->context);
    g_array_unref(g->damage);
    g_free(g->shadow);
    g_free(g->error);
    g_cond_clear(&g->cond);
    g_mutex_clear(&g->lock);
    g_free(g);
}
