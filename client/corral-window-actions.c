/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The main window's actions: connecting, searching, new guests, power
 * operations on every selected guest, and the page tabs. One table names
 * them; corral_window_actions_update() is the one place that enables them
 * from the selection.
 */
#include "client/corral-window-private.h"

#include "client/corral-connect-dialog.h"
#include "client/corral-new-vm-dialog.h"

#include <glib/gi18n.h>

/* Power actions: the action name, the API's action, the Recent Tasks text,
 * and the guest states it applies to (a bit per CorralVmState). */
#define STATE_BIT(s) (1u << (s))
static const struct {
    const char *action;
    const char *api;
    const char *description;
    guint states;
} power_actions[] = {
    {"power-on", "on", N_("Power on"),
     STATE_BIT(CORRAL_VM_STATE_SHUTOFF) | STATE_BIT(CORRAL_VM_STATE_CRASHED) |
         STATE_BIT(CORRAL_VM_STATE_SUSPENDED)},
    {"power-off", "off", N_("Power off"),
     STATE_BIT(CORRAL_VM_STATE_RUNNING) | STATE_BIT(CORRAL_VM_STATE_PAUSED) |
         STATE_BIT(CORRAL_VM_STATE_CRASHED)},
    {"shutdown", "shutdown", N_("Shut down guest"), STATE_BIT(CORRAL_VM_STATE_RUNNING)},
    {"reset", "reset", N_("Reset"), STATE_BIT(CORRAL_VM_STATE_RUNNING)},
    {"suspend", "suspend", N_("Suspend"), STATE_BIT(CORRAL_VM_STATE_RUNNING)},
    {"resume", "resume", N_("Resume"),
     STATE_BIT(CORRAL_VM_STATE_PAUSED) | STATE_BIT(CORRAL_VM_STATE_SUSPENDED)},
};

static void
power_done(GObject *source, GAsyncResult *result, gpointer data)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(json_object) answer =
        corral_host_connection_call_finish(CORRAL_HOST_CONNECTION(source), result, &error);
    CorralVm *vm;

    /* The failure is shown in Recent Tasks; the state comes with events,
     * and from the answer at once. */
    if (answer == NULL)
        return;
    vm = corral_vm_from_json(answer, NULL);
    if (vm != NULL)
        corral_inventory_update_vm(
            corral_host_connection_get_inventory(CORRAL_HOST_CONNECTION(source)), vm);
}

static void
power_activated(GSimpleAction *action, GVariant *parameter, gpointer data)
{
    CorralWindow *self = data;
    const char *name = g_action_get_name(G_ACTION(action));
    g_autoptr(GPtrArray) nodes = corral_window_selected_nodes(self);

    for (gsize i = 0; i < G_N_ELEMENTS(power_actions); i++) {
        if (!g_str_equal(power_actions[i].action, name))
            continue;
        for (guint k = 0; k < nodes->len; k++) {
            CorralNode *node = nodes->pdata[k];
            int state = corral_node_get_state(node);
            g_autoptr(CorralHostConnection) connection = corral_window_connection_of(node);
            g_autofree char *path = NULL;
            json_object *body;

            if (corral_node_get_kind(node) != CORRAL_NODE_VM || connection == NULL || state < 0 ||
                !(power_actions[i].states & STATE_BIT(state)))
                continue;
            path = g_strdup_printf("/vms/%s/power", corral_node_get_id(node));
            body = json_object_new_object();
            json_object_object_add(body, "action", json_object_new_string(power_actions[i].api));
            corral_host_connection_operation_async(connection, _(power_actions[i].description),
                                                   corral_node_get_label(node), "POST", path, body,
                                                   power_done, NULL);
        }
    }
}

static void
connect_activated(GSimpleAction *action, GVariant *parameter, gpointer data)
{
    corral_window_connect(CORRAL_WINDOW(data), NULL, NULL);
}

static void
disconnect_activated(GSimpleAction *action, GVariant *parameter, gpointer data)
{
    corral_window_disconnect_current(CORRAL_WINDOW(data));
}

static void
search_activated(GSimpleAction *action, GVariant *parameter, gpointer data)
{
    CorralWindow *self = data;

    gtk_widget_grab_focus(GTK_WIDGET(self->search));
}

static void
new_vm_activated(GSimpleAction *action, GVariant *parameter, gpointer data)
{
    CorralWindow *self = data;
    g_autoptr(CorralHostConnection) connection = corral_window_connection_of(self->current);
    CorralNode *pool =
        self->current != NULL && corral_node_get_kind(self->current) == CORRAL_NODE_POOL
            ? self->current
            : NULL;

    if (connection == NULL)
        return;
    gtk_window_present(GTK_WINDOW(corral_new_vm_dialog_new(
        GTK_WINDOW(self), connection, pool != NULL ? corral_node_get_id(pool) : "/")));
}

static void
edit_settings_activated(GSimpleAction *action, GVariant *parameter, gpointer data)
{
    CorralWindow *self = data;

    if (self->current != NULL && corral_node_get_kind(self->current) == CORRAL_NODE_VM)
        corral_vm_page_edit_settings(self->vm_page);
}

/* Each page's "show the tab named", by the kind of node shown. */
static void
host_tab(CorralWindow *self, const char *tab)
{
    corral_host_page_show_tab(self->host_page, tab);
}

static void
pool_tab(CorralWindow *self, const char *tab)
{
    corral_pool_page_show_tab(self->pool_page, tab);
}

static void
vm_tab(CorralWindow *self, const char *tab)
{
    corral_vm_page_show_tab(self->vm_page, tab);
}

static void
datastore_tab(CorralWindow *self, const char *tab)
{
    corral_datastore_page_show_tab(self->datastore_page, tab);
}

static void (*const show_tab[CORRAL_NODE_LAST])(CorralWindow *self, const char *tab) = {
    [CORRAL_NODE_HOST] = host_tab,
    [CORRAL_NODE_POOL] = pool_tab,
    [CORRAL_NODE_VM] = vm_tab,
    [CORRAL_NODE_DATASTORE] = datastore_tab,
};

static void
tab_activated(GSimpleAction *action, GVariant *parameter, gpointer data)
{
    CorralWindow *self = data;
    CorralNodeKind kind = self->current != NULL ? corral_node_get_kind(self->current) : 0;

    if (self->current != NULL && show_tab[kind] != NULL)
        show_tab[kind](self, g_variant_get_string(parameter, NULL));
}

static const GActionEntry window_actions[] = {
    {"connect", connect_activated},
    {"disconnect", disconnect_activated},
    {"search", search_activated},
    {"new-vm", new_vm_activated},
    {"edit-settings", edit_settings_activated},
    {"tab", tab_activated, "s"},
    {"power-on", power_activated},
    {"power-off", power_activated},
    {"shutdown", power_activated},
    {"reset", power_activated},
    {"suspend", power_activated},
    {"resume", power_activated},
};

void
corral_window_actions_init(CorralWindow *self)
{
    g_action_map_add_action_entries(G_ACTION_MAP(self), window_actions,
                                    G_N_ELEMENTS(window_actions), self);
}

static void
enable(CorralWindow *self, const char *name, gboolean enabled)
{
    GAction *action = g_action_map_lookup_action(G_ACTION_MAP(self), name);

    g_simple_action_set_enabled(G_SIMPLE_ACTION(action), enabled);
}

void
corral_window_actions_update(CorralWindow *self)
{
    g_autoptr(GPtrArray) nodes = corral_window_selected_nodes(self);
    g_autoptr(CorralHostConnection) connection = corral_window_connection_of(self->current);
    gboolean vm = self->current != NULL && corral_node_get_kind(self->current) == CORRAL_NODE_VM;

    for (gsize i = 0; i < G_N_ELEMENTS(power_actions); i++) {
        gboolean any = FALSE;

        for (guint k = 0; k < nodes->len && !any; k++) {
            int state = corral_node_get_state(nodes->pdata[k]);

            any = corral_node_get_kind(nodes->pdata[k]) == CORRAL_NODE_VM && state >= 0 &&
                  (power_actions[i].states & STATE_BIT(state));
        }
        enable(self, power_actions[i].action, any);
    }
    enable(self, "new-vm", connection != NULL);
    enable(self, "disconnect", connection != NULL);
    enable(self, "edit-settings", vm);
}

/* Connecting: the dialog runs the whole exchange, trust included. */

static void
connected(CorralConnectDialog *dialog, CorralHostConnection *connection, gpointer data)
{
    corral_window_host_connected(CORRAL_WINDOW(data), connection);
}

void
corral_window_connect(CorralWindow *self, const char *host, const char *user)
{
    CorralApplication *app = CORRAL_APPLICATION(gtk_window_get_application(GTK_WINDOW(self)));
    CorralConnectDialog *dialog = corral_connect_dialog_new(GTK_WINDOW(self), app, host, user);

    g_signal_connect_object(dialog, "connected", G_CALLBACK(connected), self, 0);
    gtk_window_present(GTK_WINDOW(dialog));
}
