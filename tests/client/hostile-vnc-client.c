/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * One CorralVncView, shown in a window, against one VNC server on a unix
 * socket, for hostile-vnc.sh. It waits until the view reports the console
 * closed (printing "error: MESSAGE") or until TIMEOUT seconds pass with the
 * console still open ("alive"), then prints the process's peak resident
 * memory ("peak-kb: N") and the number of framebuffer updates it drew,
 * and a checksum of each region X,Y,W,H given ("checksum X,Y,W,H: N").
 * Exit status: 0 after an error, 3 when still alive.
 *
 *   hostile-vnc-client SOCKET TIMEOUT_S [X,Y,W,H…]
 */
#include "client/vnc/corral-vnc-view.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

typedef struct {
    const char *path;
    GMainLoop *loop;
    char *error;
} Run;

static int
open_socket(gpointer data, GError **error)
{
    Run *run = data;
    struct sockaddr_un sun = {.sun_family = AF_UNIX};
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

    g_strlcpy(sun.sun_path, run->path, sizeof sun.sun_path);
    if (fd < 0 || connect(fd, (struct sockaddr *)&sun, sizeof sun) < 0) {
        g_set_error(error, G_IO_ERROR, g_io_error_from_errno(errno), "%s: %s", run->path,
                    g_strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    return fd;
}

static void
on_disconnected(CorralVncView *view, const char *message, Run *run)
{
    if (run->error == NULL)
        run->error = g_strdup(message != NULL ? message : "(no message)");
    g_main_loop_quit(run->loop);
}

static gboolean
on_timeout(gpointer data)
{
    g_main_loop_quit(((Run *)data)->loop);
    return G_SOURCE_REMOVE;
}

static long
peak_kb(void)
{
    g_autofree char *status = NULL;
    const char *line;

    if (!g_file_get_contents("/proc/self/status", &status, NULL, NULL))
        return -1;
    line = strstr(status, "VmHWM:");
    return line != NULL ? strtol(line + 6, NULL, 10) : -1;
}

int
main(int argc, char **argv)
{
    Run run = {0};
    GtkWidget *window;
    CorralVncView *view;

    if (argc < 3) {
        fprintf(stderr, "usage: hostile-vnc-client SOCKET TIMEOUT_S [X,Y,W,H…]\n");
        return 2;
    }
    gtk_init();
    run.path = argv[1];
    run.loop = g_main_loop_new(NULL, FALSE);
    window = gtk_window_new();
    view = CORRAL_VNC_VIEW(corral_vnc_view_new());
    corral_vnc_view_set_handshake_timeout(view, 3);
    corral_vnc_view_set_reconnect(view, FALSE);
    gtk_window_set_child(GTK_WINDOW(window), GTK_WIDGET(view));
    gtk_window_set_default_size(GTK_WINDOW(window), 400, 300);
    gtk_window_present(GTK_WINDOW(window));
    g_signal_connect(view, "disconnected", G_CALLBACK(on_disconnected), &run);
    corral_vnc_view_set_open_func(view, open_socket, &run, NULL);
    g_timeout_add_seconds((guint)atoi(argv[2]), on_timeout, &run);
    g_main_loop_run(run.loop);

    if (run.error != NULL)
        printf("error: %s\n", run.error);
    else
        printf("alive\n");
    printf("updates: %" G_GUINT64_FORMAT "\n", corral_vnc_view_get_update_count(view));
    printf("peak-kb: %ld\n", peak_kb());
    for (int i = 3; i < argc; i++) {
        guint x, y, w, h;
        if (sscanf(argv[i], "%u,%u,%u,%u", &x, &y, &w, &h) == 4)
            printf("checksum %s: %08x\n", argv[i], corral_vnc_view_checksum(view, x, y, w, h));
    }
    corral_vnc_view_close(view);
    gtk_window_destroy(GTK_WINDOW(window));
    g_main_loop_unref(run.loop);
    return run.error != NULL ? 0 : 3;
}
