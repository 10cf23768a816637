/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * CorralVncConsole (see corral-vnc-console.h). Through corrald each
 * (re)connection asks for a new one-time ticket (protocol/console-tunnel.h);
 * the tunnel of the current connection lives as long as it does.
 */
#include "client/vnc/corral-vnc-console.h"

#include "protocol/console-tunnel.h"

#include <glib/gi18n.h>

struct _CorralVncConsole {
    GtkBox parent;
    CorralVncView *view;
    GtkLabel *status;
    GtkToggleButton *share;
    /* Through corrald */
    CorralClient *client;
    char *vm_id;
    CorralConsoleTunnel *tunnel;
    /* Directly */
    char *host, *port;
    char *title;
};

G_DEFINE_FINAL_TYPE(CorralVncConsole, corral_vnc_console, GTK_TYPE_BOX)

static int
open_through_corrald(gpointer data, GError **error)
{
    CorralVncConsole *self = data;

    g_clear_pointer(&self->tunnel, corral_console_tunnel_free);
    self->tunnel = corral_console_tunnel_open(self->client, self->vm_id, error);
    return self->tunnel != NULL ? corral_console_tunnel_steal_fd(self->tunnel) : -1;
}

/* The status line of an open console: by pointer mode, then grabbed. */
static const char *const status_texts[][2] = {
    [CORRAL_VNC_POINTER_ABSOLUTE] =
        {N_("Connected, %u × %u"),
         N_("Connected, %u × %u; keyboard grabbed: press Ctrl+Alt to release it")},
    [CORRAL_VNC_POINTER_RELATIVE] =
        {N_("Connected, %u × %u; the guest's pointer is relative: click into the console to "
            "hold the pointer there"),
         N_("Connected, %u × %u; keyboard and pointer held: press Ctrl+Alt to release them")},
    [CORRAL_VNC_POINTER_RELATIVE_FREE] =
        {N_("Connected, %u × %u; the guest's pointer is relative, which needs pointer lock: "
            "GTK 4 offers none here, so the pointer cannot be held in the console"),
         N_("Connected, %u × %u; keyboard grabbed: press Ctrl+Alt to release it. The guest's "
            "pointer is relative, which needs pointer lock: GTK 4 offers none here, so the "
            "pointer moves the guest's but can leave the console")},
};

static void
update_status(CorralVncConsole *self)
{
    const char *error = corral_vnc_view_get_error(self->view), *format;
    g_autofree char *text = NULL;
    guint w, h;

    if (!corral_vnc_view_is_connected(self->view)) {
        gtk_label_set_text(self->status, error != NULL ? error : _("Connecting…"));
        return;
    }
    corral_vnc_view_get_screen_size(self->view, &w, &h);
    format = _(status_texts[corral_vnc_view_get_pointer_mode(self->view)]
                           [corral_vnc_view_get_grabbed(self->view) ? 1 : 0]);
    /* Every format of the table takes the same two numbers. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    text = g_strdup_printf(format, w, h);
#pragma GCC diagnostic pop
    gtk_label_set_text(self->status, text);
}

static void
on_view_notify(GObject *object, GParamSpec *pspec, CorralVncConsole *self)
{
    update_status(self);
}

/* Actions, in the "console" group */

static void
on_send_keys(GSimpleAction *action, GVariant *param, gpointer data)
{
    CorralVncConsole *self = data;
    int keys = corral_vnc_keys_from_string(g_variant_get_string(param, NULL));

    if (keys >= 0)
        corral_vnc_view_send_keys(self->view, keys);
}

static void
on_toggle_fit(GSimpleAction *action, GVariant *param, gpointer data)
{
    CorralVncConsole *self = data;

    corral_vnc_view_set_scale_to_fit(self->view, !corral_vnc_view_get_scale_to_fit(self->view));
}

static void
on_fullscreen(GSimpleAction *action, GVariant *param, gpointer data)
{
    GtkWindow *window = GTK_WINDOW(gtk_widget_get_root(GTK_WIDGET(data)));

    if (window == NULL)
        return;
    if (gtk_window_is_fullscreen(window))
        gtk_window_unfullscreen(window);
    else
        gtk_window_fullscreen(window);
}

static void
on_type_clipboard(GSimpleAction *action, GVariant *param, gpointer data)
{
    corral_vnc_view_type_clipboard(((CorralVncConsole *)data)->view);
}

static void
on_screenshot(GSimpleAction *action, GVariant *param, gpointer data)
{
    CorralVncConsole *self = data;
    g_autoptr(GError) error = NULL;
    g_autoptr(GDateTime) now = g_date_time_new_now_local();
    g_autofree char *name = g_date_time_format(now, "console-%Y%m%d-%H%M%S.png");
    const char *dir = g_get_user_special_dir(G_USER_DIRECTORY_PICTURES);
    g_autofree char *path = g_build_filename(dir != NULL ? dir : g_get_home_dir(), name, NULL);
    g_autofree char *text = NULL;

    if (corral_vnc_view_screenshot(self->view, path, &error))
        text = g_strdup_printf(_("Saved %s"), path);
    gtk_label_set_text(self->status, text != NULL ? text : error->message);
}

/* A window of its own: a second console of the same guest (a new ticket). */
static void
on_detach(GSimpleAction *action, GVariant *param, gpointer data)
{
    CorralVncConsole *self = data;
    GtkWidget *window = gtk_window_new();
    GtkWidget *console;

    if (self->client != NULL)
        console = corral_vnc_console_new_for_guest(corral_client_ref(self->client), self->vm_id,
                                                   self->title);
    else
        console = corral_vnc_console_new_for_host(self->host, self->port);
    gtk_window_set_title(GTK_WINDOW(window), self->title != NULL ? self->title : "");
    gtk_window_set_default_size(GTK_WINDOW(window), 800, 500);
    gtk_window_set_child(GTK_WINDOW(window), console);
    gtk_window_present(GTK_WINDOW(window));
}

static GtkWidget *
keys_menu_button(void)
{
    g_autoptr(GMenu) menu = g_menu_new();
    GtkWidget *button = gtk_menu_button_new();

    for (int i = 0; i < CORRAL_VNC_KEYS_LAST; i++) {
        g_autoptr(GMenuItem) item = g_menu_item_new(corral_vnc_keys_get_label(i), NULL);
        g_menu_item_set_action_and_target(item, "console.send-keys", "s",
                                          corral_vnc_keys_to_string(i));
        g_menu_append_item(menu, item);
    }
    gtk_menu_button_set_menu_model(GTK_MENU_BUTTON(button), G_MENU_MODEL(menu));
    gtk_menu_button_set_label(GTK_MENU_BUTTON(button), _("Send Keys"));
    gtk_widget_set_focusable(button, FALSE);
    return button;
}

/* The toolbar's buttons: icon, tooltip, action. */
static const struct {
    const char *icon;
    const char *tooltip;
    const char *action;
} buttons[] = {
    {"zoom-fit-best-symbolic", N_("Scale to Fit or 1:1"), "console.toggle-fit"},
    {"view-fullscreen-symbolic", N_("Fullscreen"), "console.fullscreen"},
    {"window-new-symbolic", N_("Open in a Window of Its Own"), "console.detach"},
    {"edit-paste-symbolic", N_("Type the Clipboard"), "console.type-clipboard"},
    {"camera-photo-symbolic", N_("Save a Screenshot"), "console.screenshot"},
};

static void
on_map(GtkWidget *widget, CorralVncConsole *self)
{
    if (self->client != NULL)
        corral_vnc_view_set_open_func(self->view, open_through_corrald, self, NULL);
    else if (self->host != NULL)
        corral_vnc_view_open_host(self->view, self->host, self->port);
    gtk_widget_grab_focus(GTK_WIDGET(self->view));
}

static void
on_unmap(GtkWidget *widget, CorralVncConsole *self)
{
    corral_vnc_view_close(self->view);
    g_clear_pointer(&self->tunnel, corral_console_tunnel_free);
}

static void
corral_vnc_console_dispose(GObject *object)
{
    CorralVncConsole *self = CORRAL_VNC_CONSOLE(object);

    if (self->view != NULL)
        corral_vnc_view_close(self->view);
    g_clear_pointer(&self->tunnel, corral_console_tunnel_free);
    g_clear_pointer(&self->client, corral_client_unref);
    G_OBJECT_CLASS(corral_vnc_console_parent_class)->dispose(object);
}

static void
corral_vnc_console_finalize(GObject *object)
{
    CorralVncConsole *self = CORRAL_VNC_CONSOLE(object);

    g_free(self->vm_id);
    g_free(self->host);
    g_free(self->port);
    g_free(self->title);
    G_OBJECT_CLASS(corral_vnc_console_parent_class)->finalize(object);
}

static void
corral_vnc_console_class_init(CorralVncConsoleClass *klass)
{
    G_OBJECT_CLASS(klass)->dispose = corral_vnc_console_dispose;
    G_OBJECT_CLASS(klass)->finalize = corral_vnc_console_finalize;
}

static void
corral_vnc_console_init(CorralVncConsole *self)
{
    static const GActionEntry actions[] = {
        {"send-keys", on_send_keys, "s"},      {"toggle-fit", on_toggle_fit},
        {"fullscreen", on_fullscreen},         {"detach", on_detach},
        {"type-clipboard", on_type_clipboard}, {"screenshot", on_screenshot},
    };
    g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new();
    GtkWidget *bar = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 6);

    gtk_orientable_set_orientation(GTK_ORIENTABLE(self), GTK_ORIENTATION_VERTICAL);
    g_action_map_add_action_entries(G_ACTION_MAP(group), actions, G_N_ELEMENTS(actions), self);
    gtk_widget_insert_action_group(GTK_WIDGET(self), "console", G_ACTION_GROUP(group));

    gtk_box_append(GTK_BOX(bar), keys_menu_button());
    for (gsize i = 0; i < G_N_ELEMENTS(buttons); i++) {
        GtkWidget *b = gtk_button_new_from_icon_name(buttons[i].icon);
        gtk_widget_set_tooltip_text(b, _(buttons[i].tooltip));
        gtk_actionable_set_action_name(GTK_ACTIONABLE(b), buttons[i].action);
        gtk_widget_set_focusable(b, FALSE);
        gtk_box_append(GTK_BOX(bar), b);
    }
    self->share = GTK_TOGGLE_BUTTON(gtk_toggle_button_new_with_label(_("Share Clipboard")));
    gtk_widget_set_tooltip_text(GTK_WIDGET(self->share),
                                _("Share the clipboard with the guest (off by default)"));
    gtk_widget_set_focusable(GTK_WIDGET(self->share), FALSE);
    gtk_box_append(GTK_BOX(bar), GTK_WIDGET(self->share));
    gtk_widget_set_margin_start(bar, 6);
    gtk_widget_set_margin_top(bar, 6);
    gtk_widget_set_margin_bottom(bar, 6);
    gtk_box_append(GTK_BOX(self), bar);

    self->view = CORRAL_VNC_VIEW(corral_vnc_view_new());
    gtk_widget_set_hexpand(GTK_WIDGET(self->view), TRUE);
    gtk_widget_set_vexpand(GTK_WIDGET(self->view), TRUE);
    gtk_box_append(GTK_BOX(self), GTK_WIDGET(self->view));
    self->status = GTK_LABEL(gtk_label_new(NULL));
    gtk_label_set_xalign(self->status, 0);
    gtk_widget_set_margin_start(GTK_WIDGET(self->status), 6);
    gtk_box_append(GTK_BOX(self), GTK_WIDGET(self->status));

    g_object_bind_property(self->share, "active", self->view, "share-clipboard",
                           G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
    g_signal_connect(self->view, "notify::connected", G_CALLBACK(on_view_notify), self);
    g_signal_connect(self->view, "notify::grabbed", G_CALLBACK(on_view_notify), self);
    g_signal_connect(self->view, "notify::error", G_CALLBACK(on_view_notify), self);
    g_signal_connect(self->view, "notify::pointer-mode", G_CALLBACK(on_view_notify), self);
    g_signal_connect(self, "map", G_CALLBACK(on_map), self);
    g_signal_connect(self, "unmap", G_CALLBACK(on_unmap), self);
    update_status(self);
}

GtkWidget *
corral_vnc_console_new_for_guest(CorralClient *client, const char *vm_id, const char *title)
{
    CorralVncConsole *self = g_object_new(CORRAL_TYPE_VNC_CONSOLE, NULL);

    self->client = client;
    self->vm_id = g_strdup(vm_id);
    self->title = g_strdup(title);
    return GTK_WIDGET(self);
}

GtkWidget *
corral_vnc_console_new_for_host(const char *host, const char *port)
{
    CorralVncConsole *self = g_object_new(CORRAL_TYPE_VNC_CONSOLE, NULL);

    self->host = g_strdup(host);
    self->port = g_strdup(port);
    self->title = g_strdup_printf("vnc://%s:%s", host, port);
    return GTK_WIDGET(self);
}

CorralVncView *
corral_vnc_console_get_view(CorralVncConsole *self)
{
    g_return_val_if_fail(CORRAL_IS_VNC_CONSOLE(self), NULL);
    return self->view;
}
