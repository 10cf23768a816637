/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * corral-vnc-viewer: one console in a window, for tests, benchmarks and
 * scripts (the client `corral` embeds the same view in its guest pages).
 *
 *   corral-vnc-viewer vnc://HOST:PORT
 *   corral-vnc-viewer --host https://HOST:PORT --thumbprint SHA256
 *                     --token-file FILE --vm UUID
 *   corral-vnc-viewer --socket /run/corral/corrald.sock --vm UUID
 *
 * Through corrald each (re)connection asks for a new one-time ticket. The
 * token is read from a file, never from the command line (which any user
 * sees in ps). The window holds a CorralVncConsole: keys to send,
 * fit or 1:1, fullscreen, screenshot, type clipboard, and the clipboard
 * sharing switch (off by default). --screenshot-on-exit PATH saves the
 * screen when the window closes (tests). It draws as the client does
 * (client/main.c): with GTK's cairo renderer, OpenGL off, unless CORRAL_GL
 * or GDK_DEBUG is set; GTK 4.8's GL renderer on a software rasteriser
 * (llvmpipe: no GPU driver, a VM, Xvfb) costs a console 9.5 ms of CPU per
 * update against cairo's 1.3 (bench/console).
 */
#include "config.h"

#include "client/vnc/corral-vnc-console.h"
#include "client/vnc/corral-vnc-standalone.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    GtkWindow *window;
    CorralVncView *view;
    char *screenshot_on_exit;
} Viewer;

static gboolean
on_close(GtkWindow *window, Viewer *v)
{
    g_autoptr(GError) error = NULL;

    if (v->screenshot_on_exit != NULL &&
        !corral_vnc_view_screenshot(v->view, v->screenshot_on_exit, &error))
        g_printerr("corral-vnc-viewer: %s\n", error->message);
    return FALSE;
}

static Viewer *
viewer_new(GtkApplication *app, const char *title, GtkWidget *console)
{
    Viewer *v = g_new0(Viewer, 1);

    v->window = GTK_WINDOW(gtk_application_window_new(app));
    v->view = corral_vnc_console_get_view(CORRAL_VNC_CONSOLE(console));
    gtk_window_set_title(v->window, title);
    gtk_window_set_default_size(v->window, 800, 500);
    gtk_window_set_child(v->window, console);
    g_signal_connect(v->window, "close-request", G_CALLBACK(on_close), v);
    return v;
}

typedef struct {
    char *url;
    char *host;
    char *thumbprint;
    char *token_file;
    char *socket_path;
    char *vm;
    char *grab_keys;
    char *screenshot_on_exit;
    gboolean one_to_one;
    gboolean resize_guest;
    gboolean compress;
} Options;

static CorralClient *
corrald_client_new(const Options *o, GError **error)
{
    g_autoptr(CorralClient) client = NULL;
    g_autofree char *token = NULL;

    if (o->socket_path != NULL)
        return corral_client_new_unix(o->socket_path);
    client = corral_client_new(o->host, error);
    if (client == NULL || !corral_client_set_pinned_thumbprint(client, o->thumbprint, error))
        return NULL;
    if (o->token_file == NULL) {
        g_set_error_literal(error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                            _("--host needs --token-file"));
        return NULL;
    }
    if (!g_file_get_contents(o->token_file, &token, NULL, error) ||
        !corral_client_set_token(client, g_strstrip(token), error))
        return NULL;
    explicit_bzero(token, strlen(token));
    return g_steal_pointer(&client);
}

static void
on_activate(GtkApplication *app, Options *o)
{
    g_autoptr(GError) error = NULL;
    GtkWidget *console;
    Viewer *v;

    if (o->url != NULL) {
        g_autofree char *host = NULL, *port = NULL;
        if (!corral_vnc_standalone_parse(o->url, &host, &port, &error)) {
            g_printerr("corral-vnc-viewer: %s\n", error->message);
            g_application_quit(G_APPLICATION(app));
            return;
        }
        console = corral_vnc_console_new_for_host(host, port);
    } else {
        CorralClient *client = corrald_client_new(o, &error);
        if (client == NULL) {
            g_printerr("corral-vnc-viewer: %s\n", error->message);
            g_application_quit(G_APPLICATION(app));
            return;
        }
        console = corral_vnc_console_new_for_guest(client, o->vm, o->vm);
    }
    v = viewer_new(app, o->url != NULL ? o->url : o->vm, console);
    v->screenshot_on_exit = g_strdup(o->screenshot_on_exit);
    corral_vnc_view_set_scale_to_fit(v->view, !o->one_to_one);
    corral_vnc_view_set_resize_guest(v->view, o->resize_guest);
    corral_vnc_view_set_compress(v->view, o->compress);
    if (o->grab_keys != NULL && !corral_vnc_view_set_grab_keys(v->view, o->grab_keys))
        g_printerr("corral-vnc-viewer: --grab-keys %s: not a combination of modifiers\n",
                   o->grab_keys);
    gtk_window_present(v->window);
}

int
main(int argc, char **argv)
{
    Options o = {0};
    const GOptionEntry entries[] = {
        {"host", 0, 0, G_OPTION_ARG_STRING, &o.host, N_("corrald's address"), "https://HOST:PORT"},
        {"thumbprint", 0, 0, G_OPTION_ARG_STRING, &o.thumbprint,
         N_("the SHA-256 thumbprint of its certificate"), "SHA256"},
        {"token-file", 0, 0, G_OPTION_ARG_FILENAME, &o.token_file,
         N_("a file holding the session token"), "FILE"},
        {"socket", 0, 0, G_OPTION_ARG_FILENAME, &o.socket_path, N_("corrald's unix socket"),
         "PATH"},
        {"vm", 0, 0, G_OPTION_ARG_STRING, &o.vm, N_("the guest's id"), "UUID"},
        {"grab-keys", 0, 0, G_OPTION_ARG_STRING, &o.grab_keys,
         N_("the grab combination (default <Control><Alt>)"), "ACCEL"},
        {"one-to-one", 0, 0, G_OPTION_ARG_NONE, &o.one_to_one, N_("do not scale"), NULL},
        {"compress", 0, 0, G_OPTION_ARG_NONE, &o.compress,
         N_("ask for compressed updates (slow links)"), NULL},
        {"resize-guest", 0, 0, G_OPTION_ARG_NONE, &o.resize_guest,
         N_("ask the guest for the window's size"), NULL},
        {"screenshot-on-exit", 0, 0, G_OPTION_ARG_FILENAME, &o.screenshot_on_exit,
         N_("save the screen as PNG when the window closes"), "PATH"},
        {NULL},
    };
    g_autoptr(GOptionContext) context = g_option_context_new("[vnc://HOST:PORT]");
    g_autoptr(GError) error = NULL;
    g_autoptr(GtkApplication) app = NULL;

    if (g_getenv("CORRAL_GL") == NULL && g_getenv("GDK_DEBUG") == NULL)
        g_setenv("GDK_DEBUG", "gl-disable", FALSE);
    setlocale(LC_ALL, "");
    bindtextdomain(GETTEXT_PACKAGE, LOCALEDIR);
    bind_textdomain_codeset(GETTEXT_PACKAGE, "UTF-8");
    textdomain(GETTEXT_PACKAGE);
    g_option_context_add_main_entries(context, entries, GETTEXT_PACKAGE);
    if (!g_option_context_parse(context, &argc, &argv, &error)) {
        g_printerr("corral-vnc-viewer: %s\n", error->message);
        return 2;
    }
    if (argc == 2)
        o.url = g_strdup(argv[1]);
    if ((o.url == NULL) == (o.vm == NULL) || argc > 2 ||
        (o.vm != NULL && (o.host == NULL) == (o.socket_path == NULL))) {
        g_printerr("corral-vnc-viewer: give vnc://HOST:PORT, or --vm with --host or --socket\n");
        return 2;
    }
    app = gtk_application_new(NULL, G_APPLICATION_NON_UNIQUE);
    g_signal_connect(app, "activate", G_CALLBACK(on_activate), &o);
    return g_application_run(G_APPLICATION(app), 1, argv);
}
