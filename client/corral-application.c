/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The application (see corral-application.h). Tasks of all hosts are one
 * GtkFlattenListModel over each connection's list, so a new host's tasks
 * join the pane without copying. The command line names hosts to connect
 * to; the remembered hosts are reconnected when the window first opens.
 */
#include "config.h"

#include "client/corral-application.h"

#include "client/corral-window.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

struct _CorralApplication {
    GtkApplication parent_instance;
    GListStore *connections; /* CorralHostConnection */
    GListStore *hosts;       /* CorralNode: each connection's root */
    GListStore *task_lists;  /* GListModel: each connection's tasks */
    GtkFlattenListModel *tasks;
    GSettings *settings;
    gint64 started_us;    /* when the application was made */
    gboolean timing;      /* --timing: print when the inventory shows */
    gboolean timing_done; /* printed once */
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

    if (window == NULL) {
        window = GTK_WINDOW(corral_window_new(CORRAL_APPLICATION(app)));
        corral_window_reconnect_remembered(CORRAL_WINDOW(window));
    }
    gtk_window_present(window);
}

/* The password in @path, relative to the caller's directory: its first
 * line. */
static char *
read_password_file(GApplicationCommandLine *cmdline, const char *path, GError **error)
{
    g_autoptr(GFile) file = g_application_command_line_create_file_for_arg(cmdline, path);
    g_autofree char *contents = NULL;
    gsize length = 0;

    if (!g_file_load_contents(file, NULL, &contents, &length, NULL, error))
        return NULL;
    if (memchr(contents, '\0', length) != NULL || !g_utf8_validate(contents, length, NULL)) {
        g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                    _("%s: the password file is not UTF-8 text"), path);
        return NULL;
    }
    contents[strcspn(contents, "\r\n")] = '\0';
    return g_steal_pointer(&contents);
}

/* corral [--timing] [--user USER] [--password-file FILE] [HOST[:PORT]…]:
 * every argument is checked before anything happens, so a bad one changes
 * nothing. */
static int
corral_application_command_line(GApplication *app, GApplicationCommandLine *cmdline)
{
    CorralApplication *self = CORRAL_APPLICATION(app);
    GVariantDict *options = g_application_command_line_get_options_dict(cmdline);
    g_autofree char *user = NULL, *password_file = NULL, *password = NULL;
    g_autofree const char **hosts = NULL;
    g_autoptr(GError) error = NULL;
    GtkWindow *window;

    if (!g_variant_dict_lookup(options, "user", "s", &user))
        user = g_strdup("root");
    g_variant_dict_lookup(options, "password-file", "^ay", &password_file);
    g_variant_dict_lookup(options, G_OPTION_REMAINING, "^a&s", &hosts);
    if (g_variant_dict_contains(options, "timing"))
        self->timing = TRUE;
    for (gsize i = 0; hosts != NULL && hosts[i] != NULL; i++) {
        g_autoptr(CorralHostConnection) probe = corral_host_connection_new(hosts[i], user, &error);

        if (probe == NULL) {
            g_application_command_line_printerr(cmdline, "corral: %s\n", error->message);
            return 1;
        }
    }
    if (password_file != NULL &&
        (password = read_password_file(cmdline, password_file, &error)) == NULL) {
        g_application_command_line_printerr(cmdline, "corral: %s\n", error->message);
        return 1;
    }
    g_application_activate(app);
    window = gtk_application_get_active_window(GTK_APPLICATION(app));
    for (gsize i = 0; hosts != NULL && hosts[i] != NULL; i++)
        corral_window_open_host(CORRAL_WINDOW(window), hosts[i], user, password);
    if (password != NULL)
        memset(password, 0, strlen(password));
    return 0;
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

static const GOptionEntry options[] = {
    {"timing", 0, 0, G_OPTION_ARG_NONE, NULL,
     N_("Print how long the inventory took to show, then keep running"), NULL},
    {"user", 'u', 0, G_OPTION_ARG_STRING, NULL, N_("Log in to the hosts named as USER (root)"),
     N_("USER")},
    {"password-file", 0, 0, G_OPTION_ARG_FILENAME, NULL,
     N_("Read the password for the hosts named from the first line of FILE"), N_("FILE")},
    {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL, NULL, N_("[HOST[:PORT]…]")},
    {NULL},
};

static const GActionEntry app_actions[] = {
    {"quit", quit_activated},
    {"about", about_activated},
};

/* The keyboard: one table of actions and their accelerators. */
static const struct {
    const char *action;
    const char *accels[2];
} accels[] = {
    {"app.quit", {"<Control>q", NULL}},          {"win.connect", {"<Control>o", NULL}},
    {"win.disconnect", {"<Control>w", NULL}},    {"win.search", {"<Control>f", NULL}},
    {"win.new-vm", {"<Control>n", NULL}},        {"win.power-on", {"<Control>b", NULL}},
    {"win.power-off", {"<Control>e", NULL}},     {"win.shutdown", {"<Control>d", NULL}},
    {"win.suspend", {"<Control>z", NULL}},       {"win.reset", {"<Control>t", NULL}},
    {"win.edit-settings", {"<Control>k", NULL}}, {"win.tab('summary')", {"<Alt>1", NULL}},
    {"win.tab('resources')", {"<Alt>2", NULL}},  {"win.tab('performance')", {"<Alt>3", NULL}},
    {"win.tab('snapshots')", {"<Alt>4", NULL}},  {"win.tab('events')", {"<Alt>5", NULL}},
    {"win.tab('console')", {"<Alt>6", NULL}},
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
    G_APPLICATION_CLASS(klass)->command_line = corral_application_command_line;
}

static void
corral_application_init(CorralApplication *self)
{
    self->connections = g_list_store_new(CORRAL_TYPE_HOST_CONNECTION);
    self->hosts = g_list_store_new(CORRAL_TYPE_NODE);
    self->task_lists = g_list_store_new(G_TYPE_LIST_MODEL);
    self->tasks = gtk_flatten_list_model_new(G_LIST_MODEL(g_object_ref(self->task_lists)));
    self->started_us = g_get_monotonic_time();
    g_application_add_main_option_entries(G_APPLICATION(self), options);
    g_application_set_option_context_parameter_string(G_APPLICATION(self), _("[HOST[:PORT]…]"));
    g_application_set_option_context_summary(
        G_APPLICATION(self), _("Manage Corral hosts and their guests. Hosts named are connected "
                               "to at once; without a password file their password is asked."));
}

CorralApplication *
corral_application_new(void)
{
    return g_object_new(CORRAL_TYPE_APPLICATION, "application-id", CORRAL_APPLICATION_ID, "flags",
                        G_APPLICATION_HANDLES_COMMAND_LINE, NULL);
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

void
corral_application_remove_connection(CorralApplication *self, CorralHostConnection *connection)
{
    CorralInventory *inventory = corral_host_connection_get_inventory(connection);
    struct {
        GListStore *store;
        gpointer item;
    } entries[] = {
        {self->connections, connection},
        {self->hosts, corral_inventory_get_root(inventory)},
        {self->task_lists, corral_host_connection_get_tasks(connection)},
    };

    corral_host_connection_disconnect(connection);
    for (gsize i = 0; i < G_N_ELEMENTS(entries); i++) {
        guint position;

        if (g_list_store_find(entries[i].store, entries[i].item, &position))
            g_list_store_remove(entries[i].store, position);
    }
}

void
corral_application_inventory_shown(CorralApplication *self, guint n_guests)
{
    if (!self->timing || self->timing_done)
        return;
    self->timing_done = TRUE;
    /* A log line for benchmarks and scripts, not translated. */
    printf("inventory shown: %u guests in %.0f ms\n", n_guests,
           (double)(g_get_monotonic_time() - self->started_us) / 1000.0);
    fflush(stdout);
}
