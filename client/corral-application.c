/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The application (see corral-application.h). Tasks of all hosts are one
 * GtkFlattenListModel over each connection's list, so a new host's tasks
 * join the pane without copying.
 */
#include "config.h"

#include "client/corral-application.h"

#include "client/corral-window.h"

#include <glib/gi18n.h>

struct _CorralApplication {
    GtkApplication parent_instance;
    GListStore *connections; /* CorralHostConnection */
    GListStore *hosts;       /* CorralNode: each connection's root */
    GListStore *task_lists;  /* GListModel: each connection's tasks */
    GtkFlattenListModel *tasks;
    GSettings *settings;
};

G_DEFINE_FINAL_TYPE(CorralApplication, corral_application, GTK_TYPE_APPLICATION)

static void
corral_application_dispose(GObject *object)
{
    CorralApplication *self = CORRAL_APPLICATION(object);

    if (self->connections != NULL) {
        guint n = g_list_model_get_n_items(G_LIST_MODEL(self->connections));

        for (guint i = 0; i < n; i++) {
            g_autoptr(CorralHostConnection) c =
                g_list_model_get_item(G_LIST_MODEL(self->connections), i);

            corral_host_connection_disconnect(c);
        }
    }
    g_clear_object(&self->connections);
    g_clear_object(&self->hosts);
    g_clear_object(&self->tasks);
    g_clear_object(&self->settings);
    G_OBJECT_CLASS(corral_application_parent_class)->dispose(object);
}

static void
corral_application_activate(GApplication *app)
{
    GtkWindow *window = gtk_application_get_active_window(GTK_APPLICATION(app));

    if (window == NULL)
        window = GTK_WINDOW(corral_window_new(CORRAL_APPLICATION(app)));
    gtk_window_present(window);
}

static void
quit_activated(GSimpleAction *action, GVariant *parameter, gpointer data)
{
    g_application_quit(G_APPLICATION(data));
}

static void
about_activated(GSimpleAction *action, GVariant *parameter, gpointer data)
{
    GtkWindow *window = gtk_application_get_active_window(GTK_APPLICATION(data));

    gtk_show_about_dialog(window, "program-name", "Corral", "version", PACKAGE_VERSION, "comments",
                          _("Manage Corral hosts and their guests."), "logo-icon-name",
                          CORRAL_APPLICATION_ID, "license-type", GTK_LICENSE_GPL_2_0, NULL);
}

static const GActionEntry app_actions[] = {
    {"quit", quit_activated},
    {"about", about_activated},
};

/* The keyboard: one table of actions and their accelerators. */
static const struct {
    const char *action;
    const char *accels[2];
} accels[] = {
    {"app.quit", {"<Control>q", NULL}},           {"win.connect", {"<Control>o", NULL}},
    {"win.search", {"<Control>f", NULL}},         {"win.new-vm", {"<Control>n", NULL}},
    {"win.power-on", {"<Control>b", NULL}},       {"win.power-off", {"<Control>e", NULL}},
    {"win.shutdown", {"<Control>d", NULL}},       {"win.suspend", {"<Control>z", NULL}},
    {"win.reset", {"<Control>t", NULL}},          {"win.edit-settings", {"<Control>k", NULL}},
    {"win.tab('summary')", {"<Alt>1", NULL}},     {"win.tab('resources')", {"<Alt>2", NULL}},
    {"win.tab('performance')", {"<Alt>3", NULL}}, {"win.tab('snapshots')", {"<Alt>4", NULL}},
    {"win.tab('events')", {"<Alt>5", NULL}},      {"win.tab('console')", {"<Alt>6", NULL}},
};

static void
corral_application_startup(GApplication *app)
{
    CorralApplication *self = CORRAL_APPLICATION(app);
    GSettingsSchemaSource *source = g_settings_schema_source_get_default();
    g_autoptr(GSettingsSchema) schema = NULL;

    G_APPLICATION_CLASS(corral_application_parent_class)->startup(app);
    g_action_map_add_action_entries(G_ACTION_MAP(app), app_actions, G_N_ELEMENTS(app_actions), app);
    for (gsize i = 0; i < G_N_ELEMENTS(accels); i++)
        gtk_application_set_accels_for_action(GTK_APPLICATION(app), accels[i].action,
                                              accels[i].accels);
    if (source != NULL)
        schema = g_settings_schema_source_lookup(source, CORRAL_APPLICATION_ID, TRUE);
    if (schema != NULL)
        self->settings = g_settings_new(CORRAL_APPLICATION_ID);
    gtk_window_set_default_icon_name(CORRAL_APPLICATION_ID);
}

static void
corral_application_class_init(CorralApplicationClass *klass)
{
    G_OBJECT_CLASS(klass)->dispose = corral_application_dispose;
    G_APPLICATION_CLASS(klass)->activate = corral_application_activate;
    G_APPLICATION_CLASS(klass)->startup = corral_application_startup;
}

static void
corral_application_init(CorralApplication *self)
{
    self->connections = g_list_store_new(CORRAL_TYPE_HOST_CONNECTION);
    self->hosts = g_list_store_new(CORRAL_TYPE_NODE);
    self->task_lists = g_list_store_new(G_TYPE_LIST_MODEL);
    self->tasks = gtk_flatten_list_model_new(G_LIST_MODEL(g_object_ref(self->task_lists)));
}

CorralApplication *
corral_application_new(void)
{
    return g_object_new(CORRAL_TYPE_APPLICATION, "application-id", CORRAL_APPLICATION_ID, "flags",
                        G_APPLICATION_DEFAULT_FLAGS, NULL);
}

GListModel *
corral_application_get_hosts(CorralApplication *self)
{
    return G_LIST_MODEL(self->hosts);
}

GListModel *
corral_application_get_tasks(CorralApplication *self)
{
    return G_LIST_MODEL(self->tasks);
}

GSettings *
corral_application_get_settings(CorralApplication *self)
{
    return self->settings;
}

CorralHostConnection *
corral_application_lookup(CorralApplication *self, const char *host_port)
{
    guint n = g_list_model_get_n_items(G_LIST_MODEL(self->connections));

    for (guint i = 0; i < n; i++) {
        g_autoptr(CorralHostConnection) c =
            g_list_model_get_item(G_LIST_MODEL(self->connections), i);

        if (g_str_equal(corral_host_connection_get_host_port(c), host_port))
            return c;
    }
    return NULL;
}

void
corral_application_add_connection(CorralApplication *self, CorralHostConnection *connection)
{
    CorralInventory *inventory = corral_host_connection_get_inventory(connection);

    g_list_store_append(self->connections, connection);
    g_list_store_append(self->hosts, corral_inventory_get_root(inventory));
    g_list_store_insert(self->task_lists, 0, corral_host_connection_get_tasks(connection));
}
