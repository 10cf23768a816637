/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The guest page (see corral-vm-page.h). The summary follows the node's
 * payload, so a state change from the events long poll shows at once; the
 * snapshot list is read when its tab is shown.
 */
#include "client/corral-vm-page.h"

#include "client/corral-events-view.h"
#include "client/corral-format.h"
#include "client/corral-labels-editor.h"
#include "client/corral-labels.h"
#include "client/corral-page-util.h"
#include "client/corral-perf-view.h"
#include "client/corral-resources-editor.h"

#ifdef HAVE_CORRAL_VNC
#include "client/vnc/corral-vnc-console.h"
#endif

#include <glib/gi18n.h>

struct _CorralVmPage {
    GtkBox parent_instance;
    GtkLabel *title;
    GtkStack *stack;
    GtkLabel *state;
    GtkGrid *summary;
    GtkGrid *hardware;
    GtkBox *thumbnail_slot;
    GtkBox *console_slot;
    GtkSpinButton *vcpus;
    GtkSpinButton *memory;
    GtkLabel *edit_message;
    GtkWidget *labels;
    GtkWidget *resources;
    GtkWidget *perf;
    GtkWidget *events;
    GtkListBox *snapshots;
    GtkEntry *snapshot_name;
    GtkLabel *snapshot_message;
    CorralNode *node;
    CorralHostConnection *connection;
    gulong handler;
};

G_DEFINE_FINAL_TYPE(CorralVmPage, corral_vm_page, GTK_TYPE_BOX)

enum { PROP_0, PROP_GUEST, N_PROPS };
static GParamSpec *props[N_PROPS];

/* Power buttons: label and window action. */
static const struct {
    const char *label;
    const char *action;
} power_buttons[] = {
    {N_("Power On"), "win.power-on"},   {N_("Shut Down"), "win.shutdown"},
    {N_("Power Off"), "win.power-off"}, {N_("Suspend"), "win.suspend"},
    {N_("Resume"), "win.resume"},       {N_("Reset"), "win.reset"},
};

static char *
disks_text(GPtrArray *disks)
{
    GString *text = g_string_new(NULL);

    for (guint i = 0; disks != NULL && i < disks->len; i++) {
        g_autofree char *line = corral_format_disk(disks->pdata[i]);

        g_string_append_printf(text, "%s%s", i > 0 ? "\n" : "", line);
    }
    return g_string_free(text, text->len == 0);
}

static char *
nics_text(GPtrArray *nics)
{
    GString *text = g_string_new(NULL);

    for (guint i = 0; nics != NULL && i < nics->len; i++) {
        CorralVmNic *nic = nics->pdata[i];

        g_string_append_printf(text, "%s%s  %s (%s)", i > 0 ? "\n" : "", nic->network,
                               nic->mac != NULL ? nic->mac : "",
                               nic->model != NULL ? nic->model : "");
    }
    return g_string_free(text, text->len == 0);
}

static void
update(CorralVmPage *self)
{
    CorralVm *vm = corral_node_get_payload(self->node, &corral_vm_type);
    g_autofree char *state = NULL;
    g_autofree char *tags = NULL;

    gtk_label_set_label(self->title, corral_node_get_label(self->node));
    if (vm == NULL)
        return;
    state = g_strdup_printf(_("State: %s"), corral_format_vm_state(vm->state));
    gtk_label_set_label(self->state, state);
    tags = corral_labels_format_tags(vm);
    {
        CorralGridRow rows[] = {
            {_("Guest OS"), g_strdup(vm->guest_os)},
            {_("CPU"), corral_format_vcpus(vm->vcpus)},
            {_("Memory"), corral_format_bytes(vm->memory_bytes)},
            {_("Resource pool"), g_strdup(vm->pool)},
            {_("Folder"), g_strdup(corral_labels_folder(vm))},
            {_("Tags"), *tags != '\0' ? g_strdup(tags) : g_strdup(_("None"))},
            {_("CPU usage"), corral_format_percent(vm->usage.cpu_pct)},
            {_("Memory used"), corral_format_bytes(vm->usage.memory_used_bytes)},
            {_("UUID"), g_strdup(vm->id)},
        };
        CorralGridRow hardware[] = {
            {_("Disks"), disks_text(vm->disks)},
            {_("Network adapters"), nics_text(vm->nics)},
        };

        corral_grid_set_rows(self->summary, rows, G_N_ELEMENTS(rows));
        corral_grid_set_rows(self->hardware, hardware, G_N_ELEMENTS(hardware));
    }
    corral_resources_editor_set(CORRAL_RESOURCES_EDITOR(self->resources), self->connection, vm->id,
                                &vm->resources);
}

static void
node_changed(CorralNode *node, GParamSpec *pspec, gpointer data)
{
    update(CORRAL_VM_PAGE(data));
}

/* Snapshots. */

static void snapshots_refresh(CorralVmPage *self);

static void
snapshots_read(GObject *source, GAsyncResult *result, gpointer data)
{
    g_autoptr(CorralVmPage) self = data;
    g_autoptr(GError) error = NULL;
    g_autoptr(json_object) answer =
        corral_host_connection_call_finish(CORRAL_HOST_CONNECTION(source), result, &error);
    json_object *array;
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child(GTK_WIDGET(self->snapshots))) != NULL)
        gtk_list_box_remove(self->snapshots, child);
    if (answer == NULL || !json_object_object_get_ex(answer, "snapshots", &array))
        return;
    for (gsize i = 0; i < json_object_array_length(array); i++) {
        g_autoptr(CorralSnapshot) snap =
            corral_snapshot_from_json(json_object_array_get_idx(array, i), NULL);
        g_autofree char *created = NULL, *text = NULL;
        GtkWidget *label;

        if (snap == NULL)
            continue;
        created = corral_format_time(snap->created);
        text = g_strdup_printf("%s%s   %s   %s", snap->current ? "● " : "", snap->name, created,
                               snap->description != NULL ? snap->description : "");
        label = gtk_label_new(text);
        gtk_label_set_xalign(GTK_LABEL(label), 0);
        g_object_set_data_full(G_OBJECT(label), "name", g_strdup(snap->name), g_free);
        gtk_list_box_append(self->snapshots, label);
    }
}

static void
snapshots_refresh(CorralVmPage *self)
{
    g_autofree char *path = NULL;

    if (self->node == NULL || self->connection == NULL)
        return;
    path = g_strdup_printf("/vms/%s/snapshots", corral_node_get_id(self->node));
    corral_host_connection_call_async(self->connection, "GET", path, NULL, NULL, snapshots_read,
                                      g_object_ref(self));
}

static void
snapshot_done(GObject *source, GAsyncResult *result, gpointer data)
{
    g_autoptr(CorralVmPage) self = data;
    g_autoptr(GError) error = NULL;
    g_autoptr(json_object) answer =
        corral_host_connection_call_finish(CORRAL_HOST_CONNECTION(source), result, &error);

    gtk_label_set_label(self->snapshot_message, error != NULL ? error->message : "");
    snapshots_refresh(self);
}

/* Take, revert, delete: which one is the button's "op" data. */
static void
snapshot_clicked(GtkButton *button, CorralVmPage *self)
{
    const char *op = g_object_get_data(G_OBJECT(button), "op");
    GtkListBoxRow *row = gtk_list_box_get_selected_row(self->snapshots);
    const char *name =
        row != NULL ? g_object_get_data(G_OBJECT(gtk_list_box_row_get_child(row)), "name") : NULL;
    const char *id = self->node != NULL ? corral_node_get_id(self->node) : NULL;
    g_autofree char *path = NULL, *escaped = NULL;
    json_object *body = NULL;

    if (id == NULL)
        return;
    if (g_str_equal(op, "take")) {
        const char *text = gtk_editable_get_text(GTK_EDITABLE(self->snapshot_name));

        if (*text == '\0') {
            gtk_label_set_label(self->snapshot_message, _("Enter a name for the snapshot."));
            return;
        }
        body = json_object_new_object();
        json_object_object_add(body, "name", json_object_new_string(text));
        path = g_strdup_printf("/vms/%s/snapshots", id);
        corral_host_connection_operation_async(self->connection, _("Take snapshot"),
                                               corral_node_get_label(self->node), "POST", path,
                                               body, snapshot_done, g_object_ref(self));
        return;
    }
    if (name == NULL) {
        gtk_label_set_label(self->snapshot_message, _("Select a snapshot first."));
        return;
    }
    escaped = g_uri_escape_string(name, NULL, FALSE);
    if (g_str_equal(op, "revert")) {
        path = g_strdup_printf("/vms/%s/snapshots/%s/revert", id, escaped);
        corral_host_connection_operation_async(self->connection, _("Revert to snapshot"),
                                               corral_node_get_label(self->node), "POST", path,
                                               NULL, snapshot_done, g_object_ref(self));
    } else {
        path = g_strdup_printf("/vms/%s/snapshots/%s", id, escaped);
        corral_host_connection_operation_async(self->connection, _("Delete snapshot"),
                                               corral_node_get_label(self->node), "DELETE", path,
                                               NULL, snapshot_done, g_object_ref(self));
    }
}

static GtkWidget *
build_snapshots(CorralVmPage *self)
{
    static const struct {
        const char *label;
        const char *op;
    } buttons[] = {
        {N_("_Take Snapshot"), "take"},
        {N_("_Revert"), "revert"},
        {N_("_Delete"), "delete"},
    };
    GtkWidget *box = gtk_box_new(GTK_ORIENTATION_VERTICAL, 8);
    GtkWidget *bar = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 6);

    self->snapshot_name = GTK_ENTRY(gtk_entry_new());
    gtk_entry_set_placeholder_text(self->snapshot_name, _("Snapshot name"));
    gtk_box_append(GTK_BOX(bar), GTK_WIDGET(self->snapshot_name));
    for (gsize i = 0; i < G_N_ELEMENTS(buttons); i++) {
        GtkWidget *button = gtk_button_new_with_mnemonic(_(buttons[i].label));

        g_object_set_data(G_OBJECT(button), "op", (gpointer)buttons[i].op);
        g_signal_connect(button, "clicked", G_CALLBACK(snapshot_clicked), self);
        gtk_box_append(GTK_BOX(bar), button);
    }
    gtk_box_append(GTK_BOX(box), bar);
    self->snapshot_message = GTK_LABEL(gtk_label_new(NULL));
    gtk_widget_add_css_class(GTK_WIDGET(self->snapshot_message), "error");
    gtk_label_set_xalign(self->snapshot_message, 0);
    gtk_box_append(GTK_BOX(box), GTK_WIDGET(self->snapshot_message));
    self->snapshots = GTK_LIST_BOX(gtk_list_box_new());
    gtk_widget_add_css_class(GTK_WIDGET(self->snapshots), "boxed-list");
    gtk_box_append(GTK_BOX(box), GTK_WIDGET(self->snapshots));
    return box;
}

/* Edit settings: vCPUs and memory, sent with PATCH /vms/{id}. */

static void
edit_done(GObject *source, GAsyncResult *result, gpointer data)
{
    g_autoptr(CorralVmPage) self = data;
    g_autoptr(GError) error = NULL;
    g_autoptr(json_object) answer =
        corral_host_connection_call_finish(CORRAL_HOST_CONNECTION(source), result, &error);
    CorralVm *vm = answer != NULL ? corral_vm_from_json(answer, NULL) : NULL;

    gtk_label_set_label(self->edit_message,
                        error != NULL ? error->message : _("The settings were saved."));
    if (vm != NULL)
        corral_inventory_update_vm(
            corral_host_connection_get_inventory(CORRAL_HOST_CONNECTION(source)), vm);
}

static void
edit_apply(GtkButton *button, CorralVmPage *self)
{
    json_object *body = json_object_new_object();
    g_autofree char *path = NULL;

    if (self->node == NULL)
        return;
    json_object_object_add(body, "vcpus",
                           json_object_new_int64(gtk_spin_button_get_value_as_int(self->vcpus)));
    json_object_object_add(
        body, "memory_bytes",
        json_object_new_int64((gint64)gtk_spin_button_get_value(self->memory) * 1024 * 1024));
    path = g_strdup_printf("/vms/%s", corral_node_get_id(self->node));
    corral_host_connection_operation_async(self->connection, _("Edit settings"),
                                           corral_node_get_label(self->node), "PATCH", path, body,
                                           edit_done, g_object_ref(self));
}

static GtkWidget *
build_edit(CorralVmPage *self)
{
    GtkWidget *grid = corral_grid_new();
    GtkWidget *apply = gtk_button_new_with_mnemonic(_("_Save Settings"));

    self->vcpus = GTK_SPIN_BUTTON(gtk_spin_button_new_with_range(1, 4096, 1));
    self->memory = GTK_SPIN_BUTTON(gtk_spin_button_new_with_range(16, 4 * 1024 * 1024, 64));
    gtk_grid_attach(GTK_GRID(grid), gtk_label_new(_("vCPUs")), 0, 0, 1, 1);
    gtk_grid_attach(GTK_GRID(grid), GTK_WIDGET(self->vcpus), 1, 0, 1, 1);
    gtk_grid_attach(GTK_GRID(grid), gtk_label_new(_("Memory (MiB)")), 0, 1, 1, 1);
    gtk_grid_attach(GTK_GRID(grid), GTK_WIDGET(self->memory), 1, 1, 1, 1);
    gtk_grid_attach(GTK_GRID(grid), apply, 1, 2, 1, 1);
    self->edit_message = GTK_LABEL(gtk_label_new(NULL));
    gtk_grid_attach(GTK_GRID(grid), GTK_WIDGET(self->edit_message), 0, 3, 2, 1);
    g_signal_connect(apply, "clicked", G_CALLBACK(edit_apply), self);
    return grid;
}

static GtkWidget *
placeholder(const char *text)
{
    GtkWidget *label = gtk_label_new(text);

    gtk_widget_add_css_class(label, "dim-label");
    gtk_widget_set_size_request(label, 240, 135);
    return label;
}

static void
stack_changed(GtkStack *stack, GParamSpec *pspec, CorralVmPage *self)
{
    if (g_strcmp0(gtk_stack_get_visible_child_name(stack), "snapshots") == 0)
        snapshots_refresh(self);
}

static void
corral_vm_page_dispose(GObject *object)
{
    CorralVmPage *self = CORRAL_VM_PAGE(object);

    if (self->node != NULL)
        g_clear_signal_handler(&self->handler, self->node);
    g_clear_object(&self->node);
    g_clear_object(&self->connection);
    G_OBJECT_CLASS(corral_vm_page_parent_class)->dispose(object);
}

static void
corral_vm_page_get_property(GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
    if (prop_id == PROP_GUEST)
        g_value_set_object(value, CORRAL_VM_PAGE(object)->node);
    else
        G_OBJECT_WARN_INVALID_PROPERTY_ID(object, prop_id, pspec);
}

static void
corral_vm_page_class_init(CorralVmPageClass *klass)
{
    GObjectClass *object_class = G_OBJECT_CLASS(klass);

    object_class->dispose = corral_vm_page_dispose;
    object_class->get_property = corral_vm_page_get_property;
    props[PROP_GUEST] = g_param_spec_object("guest", NULL, NULL, CORRAL_TYPE_NODE,
                                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
    g_object_class_install_properties(object_class, N_PROPS, props);
}

static void
corral_vm_page_init(CorralVmPage *self)
{
    GtkWidget *summary = gtk_box_new(GTK_ORIENTATION_VERTICAL, 6);
    GtkWidget *top = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 24);
    GtkWidget *power = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 6);

    gtk_orientable_set_orientation(GTK_ORIENTABLE(self), GTK_ORIENTATION_VERTICAL);
    gtk_box_set_spacing(GTK_BOX(self), 6);
    corral_page_build(GTK_BOX(self), "media-playback-start-symbolic", &self->title, &self->stack);

    self->state = GTK_LABEL(gtk_label_new(NULL));
    gtk_widget_add_css_class(GTK_WIDGET(self->state), "title-4");
    gtk_label_set_xalign(self->state, 0);
    gtk_box_append(GTK_BOX(summary), GTK_WIDGET(self->state));
    for (gsize i = 0; i < G_N_ELEMENTS(power_buttons); i++) {
        GtkWidget *button = gtk_button_new_with_label(_(power_buttons[i].label));

        gtk_actionable_set_action_name(GTK_ACTIONABLE(button), power_buttons[i].action);
        gtk_box_append(GTK_BOX(power), button);
    }
    gtk_box_append(GTK_BOX(summary), power);
    self->summary = GTK_GRID(corral_grid_new());
    gtk_widget_set_hexpand(GTK_WIDGET(self->summary), TRUE);
    gtk_box_append(GTK_BOX(top), GTK_WIDGET(self->summary));
    self->thumbnail_slot = GTK_BOX(gtk_box_new(GTK_ORIENTATION_VERTICAL, 0));
    gtk_box_append(self->thumbnail_slot, placeholder(_("Console")));
    gtk_box_append(GTK_BOX(top), GTK_WIDGET(self->thumbnail_slot));
    gtk_box_append(GTK_BOX(summary), top);
    gtk_box_append(GTK_BOX(summary), corral_heading_new(_("Virtual hardware")));
    self->hardware = GTK_GRID(corral_grid_new());
    gtk_box_append(GTK_BOX(summary), GTK_WIDGET(self->hardware));
    gtk_box_append(GTK_BOX(summary), corral_heading_new(_("Edit settings")));
    gtk_box_append(GTK_BOX(summary), build_edit(self));
    gtk_box_append(GTK_BOX(summary), corral_heading_new(_("Tags and folder")));
    self->labels = corral_labels_editor_new();
    gtk_box_append(GTK_BOX(summary), self->labels);
    corral_page_add_tab(self->stack, "summary", _("Summary"), summary);

    self->resources = corral_resources_editor_new(FALSE);
    corral_page_add_tab(self->stack, "resources", _("Resource Allocation"), self->resources);
    self->perf = corral_perf_view_new();
    corral_page_add_tab(self->stack, "performance", _("Performance"), self->perf);
    corral_page_add_tab(self->stack, "snapshots", _("Snapshots"), build_snapshots(self));
    self->events = corral_events_view_new();
    gtk_stack_add_titled(self->stack, self->events, "events", _("Events"));
    self->console_slot = GTK_BOX(gtk_box_new(GTK_ORIENTATION_VERTICAL, 0));
    gtk_widget_set_vexpand(GTK_WIDGET(self->console_slot), TRUE);
    gtk_box_append(self->console_slot,
                   placeholder(_("The console of this guest will be shown here.")));
    gtk_stack_add_titled(self->stack, GTK_WIDGET(self->console_slot), "console", _("Console"));
    g_signal_connect(self->stack, "notify::visible-child-name", G_CALLBACK(stack_changed), self);
}

#ifdef HAVE_CORRAL_VNC
/* The console tab: the guest's CorralVncConsole (client/vnc), which opens
 * the console only while the tab shows. Kept while the same guest stays. */
static void
set_console(CorralVmPage *self, CorralNode *node, CorralHostConnection *connection)
{
    const char *id = corral_node_get_id(node);
    g_autoptr(GError) error = NULL;
    CorralClient *client;

    if (g_strcmp0(g_object_get_data(G_OBJECT(self->console_slot), "vm-id"), id) == 0)
        return;
    client = corral_host_connection_new_client(connection, &error);
    if (client == NULL)
        return;
    corral_vm_page_set_console_widgets(
        self, corral_vnc_console_new_for_guest(client, id, corral_node_get_label(node)), NULL);
    g_object_set_data_full(G_OBJECT(self->console_slot), "vm-id", g_strdup(id), g_free);
}
#endif

void
corral_vm_page_set_node(CorralVmPage *self, CorralNode *node, CorralHostConnection *connection)
{
    CorralVm *vm = corral_node_get_payload(node, &corral_vm_type);
    g_autofree char *stats = g_strdup_printf("/vms/%s/stats", corral_node_get_id(node));

    if (self->node != NULL)
        g_clear_signal_handler(&self->handler, self->node);
    g_set_object(&self->node, node);
    g_set_object(&self->connection, connection);
    self->handler = g_signal_connect(node, "notify", G_CALLBACK(node_changed), self);
    if (vm != NULL) {
        gtk_spin_button_set_value(self->vcpus, (double)vm->vcpus);
        gtk_spin_button_set_value(self->memory, (double)(vm->memory_bytes / (1024 * 1024)));
    }
    gtk_label_set_label(self->edit_message, "");
    gtk_label_set_label(self->snapshot_message, "");
    corral_labels_editor_set(CORRAL_LABELS_EDITOR(self->labels), node, connection);
    corral_perf_view_set_source(CORRAL_PERF_VIEW(self->perf), connection, stats);
    corral_events_view_set_events(CORRAL_EVENTS_VIEW(self->events),
                                  corral_host_connection_get_events(connection),
                                  corral_node_get_id(node));
#ifdef HAVE_CORRAL_VNC
    set_console(self, node, connection);
#endif
    update(self);
    if (g_strcmp0(gtk_stack_get_visible_child_name(self->stack), "snapshots") == 0)
        snapshots_refresh(self);
    g_object_notify_by_pspec(G_OBJECT(self), props[PROP_GUEST]);
}

void
corral_vm_page_show_tab(CorralVmPage *self, const char *tab)
{
    if (gtk_stack_get_child_by_name(self->stack, tab) != NULL)
        gtk_stack_set_visible_child_name(self->stack, tab);
}

void
corral_vm_page_edit_settings(CorralVmPage *self)
{
    corral_vm_page_show_tab(self, "summary");
    gtk_widget_grab_focus(GTK_WIDGET(self->vcpus));
}

CorralNode *
corral_vm_page_get_node(CorralVmPage *self)
{
    return self->node;
}

CorralHostConnection *
corral_vm_page_get_connection(CorralVmPage *self)
{
    return self->connection;
}

/* Replaces what @slot holds by @widget. */
static void
fill_slot(GtkBox *slot, GtkWidget *widget)
{
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child(GTK_WIDGET(slot))) != NULL)
        gtk_box_remove(slot, child);
    gtk_box_append(slot, widget);
}

void
corral_vm_page_set_console_widgets(CorralVmPage *self, GtkWidget *console, GtkWidget *thumbnail)
{
    if (console != NULL)
        fill_slot(self->console_slot, console);
    if (thumbnail != NULL)
        fill_slot(self->thumbnail_slot, thumbnail);
}
