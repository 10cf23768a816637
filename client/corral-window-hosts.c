/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The main window's hosts: a connection that came up joins the tree and
 * the remembered hosts (the GSettings key "hosts"); hosts named on the
 * command line or remembered from the last run connect in the background
 * with a password from a file or the keyring; "Disconnect" takes a host out
 * of the tree and out of the remembered ones. A host that does not answer
 * joins the tree all the same, "reconnecting…", and the connection keeps
 * trying by itself (corral_host_connection_retry) until its inventory
 * fills the tree. Whenever the user has to decide something (no password,
 * a host not trusted yet, a changed certificate, a refused login) the
 * connect dialog opens for that host instead, so nothing is trusted or
 * retried behind the user's back. Main thread only.
 */
#include "client/corral-window-private.h"

#include "client/corral-heap-trim.h"
#include "client/corral-host-list.h"
#include "client/corral-secret.h"

#include <glib/gi18n.h>
#include <string.h>

static CorralApplication *
application_of(CorralWindow *self)
{
    return CORRAL_APPLICATION(gtk_window_get_application(GTK_WINDOW(self)));
}

static void
show_status(CorralWindow *self, const char *host_port, const char *problem)
{
    g_autofree char *text = NULL;

    if (problem != NULL)
        /* TRANSLATORS: a host and why it is not connected */
        text = g_strdup_printf(_("%1$s: %2$s"), host_port, problem);
    gtk_label_set_label(self->status, text != NULL ? text : "");
    gtk_widget_set_visible(GTK_WIDGET(self->status), text != NULL);
}

static void
connection_problem_changed(CorralHostConnection *connection, GParamSpec *pspec, gpointer data)
{
    show_status(CORRAL_WINDOW(data), corral_host_connection_get_host_port(connection),
                corral_host_connection_get_problem(connection));
}

/* The first frame drawn after a host's inventory arrived: what building
 * and drawing it freed (the JSON, the paint surface) goes back to the
 * system at once, and with --timing the inventory is said to be shown. */
static void
after_paint(GdkFrameClock *clock, gpointer data)
{
    CorralWindow *self = data;
    CorralHostConnection *connection = g_object_get_data(G_OBJECT(self), "timed-connection");
    CorralInventory *inventory = corral_host_connection_get_inventory(connection);

    g_signal_handlers_disconnect_by_func(clock, after_paint, self);
    corral_heap_trim();
    corral_application_inventory_shown(
        application_of(self), g_list_model_get_n_items(corral_inventory_get_vms(inventory)));
    g_object_set_data(G_OBJECT(self), "timed-connection", NULL);
}

static void
remember(CorralWindow *self, CorralHostConnection *connection)
{
    GSettings *settings = corral_application_get_settings(application_of(self));
    g_autoptr(GVariant) list = NULL;

    if (settings == NULL)
        return;
    list = g_settings_get_value(settings, "hosts");
    g_settings_set_value(settings, "hosts",
                         corral_host_list_add(list,
                                              corral_host_connection_get_host_port(connection),
                                              corral_host_connection_get_user(connection)));
}

/* Puts @connection in the tree, instead of another one to the same host
 * still trying to reach it. */
static void
add_connection(CorralWindow *self, CorralHostConnection *connection)
{
    CorralApplication *app = application_of(self);
    CorralHostConnection *old =
        corral_application_lookup(app, corral_host_connection_get_host_port(connection));

    if (old == connection)
        return;
    if (old != NULL)
        corral_application_remove_connection(app, old);
    corral_application_add_connection(app, connection);
    g_signal_connect_object(connection, "notify::problem", G_CALLBACK(connection_problem_changed),
                            self, 0);
}

void
corral_window_host_connected(CorralWindow *self, CorralHostConnection *connection)
{
    CorralNode *root = corral_inventory_get_root(corral_host_connection_get_inventory(connection));
    GdkFrameClock *clock = gtk_widget_get_frame_clock(GTK_WIDGET(self));
    guint n;

    add_connection(self, connection);
    remember(self, connection);
    show_status(self, NULL, NULL);
    /* Show the new host's page. */
    n = g_list_model_get_n_items(G_LIST_MODEL(self->selection));
    for (guint i = 0; i < n; i++) {
        g_autoptr(GObject) item = g_list_model_get_item(G_LIST_MODEL(self->selection), i);
        g_autoptr(CorralNode) node =
            GTK_IS_TREE_LIST_ROW(item) ? gtk_tree_list_row_get_item(GTK_TREE_LIST_ROW(item)) : NULL;

        if (node == root) {
            gtk_selection_model_select_item(GTK_SELECTION_MODEL(self->selection), i, TRUE);
            break;
        }
    }
    gtk_widget_grab_focus(GTK_WIDGET(self->tree));
    if (clock != NULL && g_object_get_data(G_OBJECT(self), "timed-connection") == NULL) {
        g_object_set_data_full(G_OBJECT(self), "timed-connection", g_object_ref(connection),
                               g_object_unref);
        g_signal_connect(clock, "after-paint", G_CALLBACK(after_paint), self);
        gtk_widget_queue_draw(GTK_WIDGET(self));
    }
}

/* Connecting in the background. */

/* A host that did not answer at first has come up: it is remembered as a
 * host connected at once would be, but the user's selection stays. */
static void
retried_state_changed(CorralHostConnection *connection, GParamSpec *pspec, gpointer data)
{
    CorralWindow *self = CORRAL_WINDOW(data);
    const char *host_port = corral_host_connection_get_host_port(connection);
    CorralConnectionState state = corral_host_connection_get_state(connection);
    gboolean shown = corral_application_lookup(application_of(self), host_port) == connection;

    if (state == CORRAL_CONNECTION_CONNECTED) {
        g_signal_handlers_disconnect_by_func(connection, retried_state_changed, self);
        remember(self, connection);
    } else if (state == CORRAL_CONNECTION_DISCONNECTED && shown &&
               corral_host_connection_get_problem(connection) != NULL) {
        /* It answered, but needs the user (trust, password). */
        g_signal_handlers_disconnect_by_func(connection, retried_state_changed, self);
        corral_window_connect(self, host_port, corral_host_connection_get_user(connection));
    }
}

static void
background_done(GObject *source, GAsyncResult *result, gpointer data)
{
    g_autoptr(CorralWindow) self = data;
    CorralHostConnection *connection = CORRAL_HOST_CONNECTION(source);
    const char *host_port = corral_host_connection_get_host_port(connection);
    g_autoptr(GError) error = NULL;

    if (!corral_host_connection_connect_finish(connection, result, &error)) {
        show_status(self, host_port, error->message);
        /* Anything but an unreachable host is the user's decision. */
        if (!corral_host_connection_error_is_unreachable(error)) {
            corral_window_connect(self, host_port, corral_host_connection_get_user(connection));
            return;
        }
        /* Unreachable: in the tree, reconnecting by itself. */
        if (corral_application_lookup(application_of(self), host_port) != NULL)
            return;
        add_connection(self, connection);
        g_signal_connect_object(connection, "notify::state", G_CALLBACK(retried_state_changed),
                                self, 0);
        corral_host_connection_retry(connection);
        return;
    }
    if (corral_application_lookup(application_of(self), host_port) != NULL) {
        /* Connected meanwhile through the dialog. */
        corral_host_connection_disconnect(connection);
        return;
    }
    corral_window_host_connected(self, connection);
}

void
corral_window_open_host(CorralWindow *self, const char *host, const char *user,
                        const char *password)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(CorralHostConnection) connection = corral_host_connection_new(host, user, &error);

    if (connection == NULL) {
        show_status(self, host, error->message);
        return;
    }
    if (corral_application_lookup(application_of(self),
                                  corral_host_connection_get_host_port(connection)) != NULL)
        return;
    if (password == NULL) {
        corral_window_connect(self, host, user);
        return;
    }
    corral_host_connection_connect_async(connection, password, NULL, NULL, background_done,
                                         g_object_ref(self));
}

typedef struct {
    CorralWindow *window;
    char *host_port;
    char *user;
} Remembered;

static void
remembered_free(Remembered *r)
{
    g_object_unref(r->window);
    g_free(r->host_port);
    g_free(r->user);
    g_free(r);
}

static void
password_found(GObject *source, GAsyncResult *result, gpointer data)
{
    Remembered *r = data;
    g_autoptr(GError) error = NULL;
    char *password = corral_secret_lookup_finish(result, &error);

    if (error != NULL)
        g_message("the keyring could not be read: %s", error->message);
    corral_window_open_host(r->window, r->host_port, r->user, password);
    if (password != NULL) {
        memset(password, 0, strlen(password));
        g_free(password);
    }
    remembered_free(r);
}

void
corral_window_reconnect_remembered(CorralWindow *self)
{
    GSettings *settings = corral_application_get_settings(application_of(self));
    g_autoptr(GVariant) list = NULL;
    GVariantIter iter;
    const char *host_port, *user;

    if (settings == NULL)
        return;
    list = g_settings_get_value(settings, "hosts");
    g_variant_iter_init(&iter, list);
    while (g_variant_iter_next(&iter, "(&s&s)", &host_port, &user)) {
        Remembered *r = g_new0(Remembered, 1);

        r->window = g_object_ref(self);
        r->host_port = g_strdup(host_port);
        r->user = g_strdup(user);
        corral_secret_lookup_async(host_port, user, NULL, password_found, r);
    }
}

void
corral_window_disconnect_current(CorralWindow *self)
{
    g_autoptr(CorralHostConnection) connection = corral_window_connection_of(self->current);
    GSettings *settings = corral_application_get_settings(application_of(self));

    if (connection == NULL)
        return;
    if (settings != NULL) {
        g_autoptr(GVariant) list = g_settings_get_value(settings, "hosts");

        g_settings_set_value(
            settings, "hosts",
            corral_host_list_remove(list, corral_host_connection_get_host_port(connection)));
    }
    gtk_selection_model_unselect_all(GTK_SELECTION_MODEL(self->selection));
    corral_application_remove_connection(application_of(self), connection);
    show_status(self, NULL, NULL);
}
