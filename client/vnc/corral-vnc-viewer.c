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
 * sees in ps). The header bar holds the console's controls: keys to send,
 * fit or 1:1, fullscreen, screenshot, type clipboard, and the clipboard
 * sharing switch (off by default). --screenshot-on-exit PATH saves the
 * screen when the window closes (tests).
 */
#include "config.h"

#include "client/vnc/corral-vnc-view.h"
#include "protocol/console-tunnel.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    CorralClient *client;
    char *vm;
    CorralConsoleTunnel *tunnel;
} Corrald;

typedef struct {
    GtkWindow *window;
    CorralVncView *view;
    GtkLabel *status;
    char *screenshot_on_exit;
} Viewer;

static int
open_through_corrald(gpointer data, GError **error)
{
    Corrald *c = data;

    g_clear_pointer(&c->tunnel, corral_console_tunnel_free);
    c->tunnel = corral_console_tunnel_open(c->client, c->vm, error);
    return c->tunnel != NULL ? corral_console_tunnel_steal_fd(c->tunnel) : -1;
}

static void
corrald_free(gpointer data)
{
    Corrald *c = data;

    g_clear_pointer(&c->tunnel, corral_console_tunnel_free);
    g_clear_pointer(&c->client, corral_client_unref);
    g_free(c->vm);
    g_free(c);
}

static void
update_status(Viewer *v)
{
    const char *error = corral_vnc_view_get_error(v->view);
    guint w, h;
    g_autofree char *text = NULL;

    corral_vnc_view_get_screen_size(v->view, &w, &h);
    if (corral_vnc_view_is_connected(v->view))
        text = g_strdup_printf(
            _("Connected, %u × %u%s"), w, h,
            corral_vnc_view_get_grabbed(v->view) ? _(" — grabbed: press Ctrl+Alt to release") : "");
    else
        text = g_strdup(error != NULL ? error : _("Connecting…"));
    gtk_label_set_text(v->status, text);
}

static void
on_view_changed(GObject *object, GParamSpec *pspec, Viewer *v)
{
    update_status(v);
}

static void
on_send_keys(GSimpleAction *action, GVariant *param, gpointer data)
{
    Viewer *v = data;
    int keys = corral_vnc_keys_from_string(g_variant_get_string(param, NULL));

    if (keys >= 0)
        corral_vnc_view_send_keys(v->view, keys);
}

static void
on_toggle_fit(GSimpleAction *action, GVariant *param, gpointer data)
{
    Viewer *v = data;

    corral_vnc_view_set_scale_to_fit(v->view, !corral_vnc_view_get_scale_to_fit(v->view));
}

static void
on_fullscreen(GSimpleAction *action, GVariant *param, gpointer data)
{
    Viewer *v = data;

    if (gtk_window_is_fullscreen(v->window))
        gtk_window_unfullscreen(v->window);
    else
        gtk_window_fullscreen(v->window);
}

static void
on_type_clipboard(GSimpleAction *action, GVariant *param, gpointer data)
{
    corral_vnc_view_type_clipboard(((Viewer *)data)->view);
}

static void
on_screenshot(GSimpleAction *action, GVariant *param, gpointer data)
{
    Viewer *v = data;
    g_autoptr(GError) error = NULL;
    g_autoptr(GDateTime) now = g_date_time_new_now_local();
    g_autofree char *name = g_date_time_format(now, "console-%Y%m%d-%H%M%S.png");
    const char *dir = g_get_user_special_dir(G_USER_DIRECTORY_PICTURES);
    g_autofree char *path = g_build_filename(dir != NULL ? dir : g_get_home_dir(), name, NULL);
    g_autofree char *text = NULL;

    if (corral_vnc_view_screenshot(v->view, path, &error))
        text = g_strdup_printf(_("Saved %s"), path);
    gtk_label_set_text(v->status, text != NULL ? text : error->message);
}

static GtkWidget *
keys_menu_button(void)
{
    g_autoptr(GMenu) menu = g_menu_new();
    GtkWidget *button = gtk_menu_button_new();

    for (int i = 0; i < CORRAL_VNC_KEYS_LAST; i++) {
        g_autoptr(GMenuItem) item = g_menu_item_new(corral_vnc_keys_get_label(i), NULL);
        g_menu_item_set_action_and_target(item, "win.send-keys", "s", corral_vnc_keys_to_string(i));
        g_menu_append_item(menu, item);
    }
    gtk_menu_button_set_menu_model(GTK_MENU_BUTTON(button), G_MENU_MODEL(menu));
    gtk_menu_button_set_label(GTK_MENU_BUTTON(button), _("Send Keys"));
    return button;
}

static GtkWidget *
action_button(const char *icon, const char *tooltip, const char *action)
{
    GtkWidget *button = gtk_button_new_from_icon_name(icon);

    gtk_widget_set_tooltip_text(button, tooltip);
    gtk_actionable_set_action_name(GTK_ACTIONABLE(button), action);
    gtk_widget_set_focusable(button, FALSE);
    return button;
}

static void
on_close(GtkWindow *window, Viewer *v)
{
    g_autoptr(GError) error = NULL;

    if (v->screenshot_on_exit != NULL &&
        !corral_vnc_view_screenshot(v->view, v->screenshot_on_exit, &error))
        g_printerr("corral-vnc-viewer: %s\n", error->message);
}

static Viewer *
viewer_new(GtkApplication *app, const char *title)
{
    static const GActionEntry actions[] = {
        {"send-keys", on_send_keys, "s"}, {"toggle-fit", on_toggle_fit},
        {"fullscreen", on_fullscreen},    {"type-clipboard", on_type_clipboard},
        {"screenshot", on_screenshot},
    };
    Viewer *v = g_new0(Viewer, 1);
    GtkWidget *header = gtk_header_bar_new();
    GtkWidget *share = gtk_toggle_button_new_with_label(_("Share Clipboard"));
    GtkWidget *box = gtk_box_new(GTK_ORIENTATION_VERTICAL, 0);

    v->window = GTK_WINDOW(gtk_application_window_new(app));
    v->view = CORRAL_VNC_VIEW(corral_vnc_view_new());
    v->status = GTK_LABEL(gtk_label_new(NULL));
    gtk_window_set_title(v->window, title);
    gtk_window_set_default_size(v->window, 800, 500);
    g_action_map_add_action_entries(G_ACTION_MAP(v->window), actions, G_N_ELEMENTS(actions), v);

    gtk_header_bar_pack_start(GTK_HEADER_BAR(header), keys_menu_button());
    gtk_header_bar_pack_start(
        GTK_HEADER_BAR(header),
        action_button("zoom-fit-best-symbolic", _("Scale to Fit or 1:1"), "win.toggle-fit"));
    gtk_header_bar_pack_start(
        GTK_HEADER_BAR(header),
        action_button("view-fullscreen-symbolic", _("Fullscreen"), "win.fullscreen"));
    gtk_header_bar_pack_end(
        GTK_HEADER_BAR(header),
        action_button("camera-photo-symbolic", _("Save a Screenshot"), "win.screenshot"));
    gtk_header_bar_pack_end(
        GTK_HEADER_BAR(header),
        action_button("edit-paste-symbolic", _("Type the Clipboard"), "win.type-clipboard"));
    gtk_widget_set_focusable(share, FALSE);
    gtk_widget_set_tooltip_text(share, _("Share the clipboard with the guest (off by default)"));
    g_object_bind_property(share, "active", v->view, "share-clipboard",
                           G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
    gtk_header_bar_pack_end(GTK_HEADER_BAR(header), share);
    gtk_window_set_titlebar(v->window, header);

    gtk_widget_set_hexpand(GTK_WIDGET(v->view), TRUE);
    gtk_widget_set_vexpand(GTK_WIDGET(v->view), TRUE);
    gtk_label_set_xalign(v->status, 0);
    gtk_widget_set_margin_start(GTK_WIDGET(v->status), 6);
    gtk_box_append(GTK_BOX(box), GTK_WIDGET(v->view));
    gtk_box_append(GTK_BOX(box), GTK_WIDGET(v->status));
    gtk_window_set_child(v->window, box);
    g_signal_connect(v->view, "notify::connected", G_CALLBACK(on_view_changed), v);
    g_signal_connect(v->view, "notify::grabbed", G_CALLBACK(on_view_changed), v);
    g_signal_connect(v->view, "notify::error", G_CALLBACK(on_view_changed), v);
    g_signal_connect(v->window, "close-request", G_CALLBACK(on_close), v);
    update_status(v);
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
} Options;

static Corrald *
corrald_new(const Options *o, GError **error)
{
    g_autoptr(CorralClient) client = NULL;
    g_autofree char *token = NULL;
    Corrald *c;

    if (o->socket_path != NULL) {
        client = corral_client_new_unix(o->socket_path);
    } else {
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
    }
    c = g_new0(Corrald, 1);
    c->client = g_steal_pointer(&client);
    c->vm = g_strdup(o->vm);
    return c;
}

static gboolean
parse_vnc_url(const char *url, char **host, char **port, GError **error)
{
    const char *rest = url + strlen("vnc://");
    const char *colon = strrchr(rest, ':');

    if (!g_str_has_prefix(url, "vnc://") || rest[0] == '\0') {
        g_set_error(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                    _("“%s” is not a VNC address: use vnc://HOST:PORT"), url);
        return FALSE;
    }
    if (colon != NULL && strchr(colon, ']') == NULL) {
        *host = g_strndup(rest, (gsize)(colon - rest));
        *port = g_strdup(colon + 1);
    } else {
        *host = g_strdup(rest);
        *port = g_strdup("5900");
    }
    if ((*host)[0] == '[' && g_str_has_suffix(*host, "]")) {
        char *bare = g_strndup(*host + 1, strlen(*host) - 2);
        g_free(*host);
        *host = bare;
    }
    return TRUE;
}

static void
on_activate(GtkApplication *app, Options *o)
{
    g_autoptr(GError) error = NULL;
    Viewer *v = viewer_new(app, o->url != NULL ? o->url : o->vm);

    v->screenshot_on_exit = g_strdup(o->screenshot_on_exit);
    corral_vnc_view_set_scale_to_fit(v->view, !o->one_to_one);
    corral_vnc_view_set_resize_guest(v->view, o->resize_guest);
    if (o->grab_keys != NULL && !corral_vnc_view_set_grab_keys(v->view, o->grab_keys))
        g_printerr("corral-vnc-viewer: --grab-keys %s: not a combination of modifiers\n",
                   o->grab_keys);
    if (o->url != NULL) {
        g_autofree char *host = NULL, *port = NULL;
        if (!parse_vnc_url(o->url, &host, &port, &error)) {
            g_printerr("corral-vnc-viewer: %s\n", error->message);
            g_application_quit(G_APPLICATION(app));
            return;
        }
        corral_vnc_view_open_host(v->view, host, port);
    } else {
        Corrald *c = corrald_new(o, &error);
        if (c == NULL) {
            g_printerr("corral-vnc-viewer: %s\n", error->message);
            g_application_quit(G_APPLICATION(app));
            return;
        }
        corral_vnc_view_set_open_func(v->view, open_through_corrald, c, corrald_free);
    }
    gtk_window_present(v->window);
    gtk_widget_grab_focus(GTK_WIDGET(v->view));
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
        {"resize-guest", 0, 0, G_OPTION_ARG_NONE, &o.resize_guest,
         N_("ask the guest for the window's size"), NULL},
        {"screenshot-on-exit", 0, 0, G_OPTION_ARG_FILENAME, &o.screenshot_on_exit,
         N_("save the screen as PNG when the window closes"), "PATH"},
        {NULL},
    };
    g_autoptr(GOptionContext) context = g_option_context_new("[vnc://HOST:PORT]");
    g_autoptr(GError) error = NULL;
    g_autoptr(GtkApplication) app = NULL;

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
