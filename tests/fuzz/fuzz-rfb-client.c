/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * libFuzzer harness for the console's RFB client: each input is what a VNC
 * server sends. It goes through a socketpair into the guard
 * (client/vnc/corral-vnc-guard.c) and on to gvnc's VncConnection, set up as
 * CorralVncView sets it up (32-bit pixels, a framebuffer in our memory,
 * security None or VNC, raw rectangles decoded by the guard and taken into
 * the same framebuffer), and the main loop runs until the connection ends.
 * The writer closes its end after the input, so every run ends.
 */
#include "client/vnc/corral-vnc-guard.h"

#include <gvnc.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_INPUT  (256 * 1024)
#define MAX_PIXELS (1024 * 1024)

typedef struct {
    int fd;
    const uint8_t *data;
    size_t size;
} Writer;

typedef struct {
    VncConnection *conn;
    CorralVncGuard *guard;
    guint8 *pixels;
    int width, height;
    gboolean done;
} Run;

static const VncPixelFormat local_format = {
    .bits_per_pixel = 32,
    .depth = 24,
    .byte_order = G_LITTLE_ENDIAN,
    .true_color_flag = 1,
    .red_max = 255,
    .green_max = 255,
    .blue_max = 255,
    .red_shift = 16,
    .green_shift = 8,
    .blue_shift = 0,
};

/* Sends the input as the server, then reads and drops what the client
 * says until it closes. */
static void *
write_input(void *data)
{
    Writer *w = data;
    size_t off = 0;
    char sink[4096];

    while (off < w->size) {
        ssize_t n = send(w->fd, w->data + off, w->size - off, MSG_NOSIGNAL);
        if (n <= 0)
            break;
        off += (size_t)n;
    }
    shutdown(w->fd, SHUT_WR);
    while (read(w->fd, sink, sizeof sink) > 0)
        ;
    return NULL;
}

static void
set_framebuffer(Run *run)
{
    int w = vnc_connection_get_width(run->conn), h = vnc_connection_get_height(run->conn);
    VncBaseFramebuffer *fb;

    if (w <= 0 || h <= 0 || (gint64)w * h > MAX_PIXELS) {
        vnc_connection_shutdown(run->conn);
        return;
    }
    g_free(run->pixels);
    run->pixels = g_malloc0((gsize)w * h * 4);
    run->width = w;
    run->height = h;
    fb = vnc_base_framebuffer_new(run->pixels, (guint16)w, (guint16)h, w * 4, &local_format,
                                  vnc_connection_get_pixel_format(run->conn));
    vnc_connection_set_framebuffer(run->conn, VNC_FRAMEBUFFER(fb));
    g_object_unref(fb);
}

static void
on_initialized(VncConnection *conn, Run *run)
{
    gint32 encodings[] = {16, 5, 1, 0, -223, -308, -257, -258, -261, -307, -224};

    vnc_connection_set_pixel_format(conn, &local_format);
    vnc_connection_set_encodings(conn, G_N_ELEMENTS(encodings), encodings);
    set_framebuffer(run);
    vnc_connection_framebuffer_update_request(conn, FALSE, 0, 0,
                                              (guint16)vnc_connection_get_width(conn),
                                              (guint16)vnc_connection_get_height(conn));
}

static void
on_resize(VncConnection *conn, guint16 w, guint16 h, Run *run)
{
    set_framebuffer(run);
}

static void
on_choose_type(VncConnection *conn, GValueArray *types, Run *run)
{
    guint chosen = VNC_CONNECTION_AUTH_INVALID;

    /* As the view: None when offered, else VNC; gvnc takes one answer. */
    G_GNUC_BEGIN_IGNORE_DEPRECATIONS
    for (guint i = 0; i < types->n_values; i++) {
        guint type = g_value_get_enum(g_value_array_get_nth(types, i));
        if (type == VNC_CONNECTION_AUTH_NONE ||
            (type == VNC_CONNECTION_AUTH_VNC && chosen != VNC_CONNECTION_AUTH_NONE))
            chosen = type;
    }
    G_GNUC_END_IGNORE_DEPRECATIONS
    if (chosen != VNC_CONNECTION_AUTH_INVALID)
        vnc_connection_set_auth_type(conn, chosen);
    else
        vnc_connection_shutdown(conn);
}

static void
on_credential(VncConnection *conn, GValueArray *creds, Run *run)
{
    vnc_connection_set_credential(conn, VNC_CONNECTION_CREDENTIAL_PASSWORD, "fuzz");
}

static void
on_update(VncConnection *conn, guint16 x, guint16 y, guint16 w, guint16 h, Run *run)
{
    corral_vnc_guard_drawn(run->guard);
}

static void
on_guard_ready(gpointer data)
{
    Run *run = data;

    corral_vnc_guard_update_began(run->guard);
    corral_vnc_guard_take(run->guard, run->pixels, (gsize)run->width * 4, (guint)run->width,
                          (guint)run->height, NULL, NULL);
}

static void
on_disconnected(VncConnection *conn, Run *run)
{
    run->done = TRUE;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int pair[2], inner = -1;
    Writer writer;
    pthread_t thread;
    CorralVncGuard *guard;
    Run run = {0};
    gint64 deadline = g_get_monotonic_time() + 5 * G_USEC_PER_SEC;

    if (size > MAX_INPUT)
        return 0;
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) < 0)
        abort();
    writer = (Writer){pair[0], data, size};
    pthread_create(&thread, NULL, write_input, &writer);
    guard = corral_vnc_guard_new(pair[1], &inner, on_guard_ready, &run, NULL);
    run.guard = guard;
    run.conn = vnc_connection_new();
    g_signal_connect(run.conn, "vnc-framebuffer-update", G_CALLBACK(on_update), &run);
    g_signal_connect(run.conn, "vnc-initialized", G_CALLBACK(on_initialized), &run);
    g_signal_connect(run.conn, "vnc-desktop-resize", G_CALLBACK(on_resize), &run);
    g_signal_connect(run.conn, "vnc-auth-choose-type", G_CALLBACK(on_choose_type), &run);
    g_signal_connect(run.conn, "vnc-auth-credential", G_CALLBACK(on_credential), &run);
    g_signal_connect(run.conn, "vnc-disconnected", G_CALLBACK(on_disconnected), &run);
    vnc_connection_open_fd(run.conn, inner);
    while (!run.done && g_get_monotonic_time() < deadline)
        g_main_context_iteration(NULL, TRUE);
    if (!run.done) {
        /* Whatever is still waiting (gvnc inside a message) ends here. */
        vnc_connection_shutdown(run.conn);
        while (!run.done)
            g_main_context_iteration(NULL, TRUE);
    }
    g_object_unref(run.conn);
    corral_vnc_guard_free(guard);
    pthread_join(thread, NULL);
    close(pair[0]);
    g_free(run.pixels);
    return 0;
}
