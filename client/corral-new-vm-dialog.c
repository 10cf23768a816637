/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The new-guest wizard (see corral-new-vm-dialog.h): a GtkStack of steps
 * with Back and Next; the last step's Next is Create.
 */
#include "client/corral-new-vm-dialog.h"

#include "client/corral-page-util.h"

#include <glib/gi18n.h>

#define N_STEPS 4

struct _CorralNewVmDialog {
    GtkWindow parent_instance;
    GtkStack *steps;
    GtkButton *back;
    GtkButton *next;
    GtkLabel *message;
    GtkEntry *name;
    GtkEntry *pool;
    GtkDropDown *datastore;
    GtkSpinButton *disk_gib;
    GtkSpinButton *vcpus;
    GtkSpinButton *memory_mib;
    GtkDropDown *network;
    GtkGrid *review;
    CorralHostConnection *connection;
    GStrv datastores;
    GStrv networks;
    int step;
};

G_DEFINE_FINAL_TYPE(CorralNewVmDialog, corral_new_vm_dialog, GTK_TYPE_WINDOW)

static const char *
dropdown_text(GtkDropDown *dropdown, GStrv names)
{
    guint i = gtk_drop_down_get_selected(dropdown);

    return names != NULL && i < g_strv_length(names) ? names[i] : NULL;
}

static CorralVmSpec *
spec_from_fields(CorralNewVmDialog *self)
{
    CorralVmSpec *spec = g_new0(CorralVmSpec, 1);
    const char *ds = dropdown_text(self->datastore, self->datastores);
    const char *net = dropdown_text(self->network, self->networks);

    spec->name = g_strdup(gtk_editable_get_text(GTK_EDITABLE(self->name)));
    spec->pool = g_strdup(gtk_editable_get_text(GTK_EDITABLE(self->pool)));
    spec->vcpus = gtk_spin_button_get_value_as_int(self->vcpus);
    spec->memory_bytes = (gint64)gtk_spin_button_get_value(self->memory_mib) * 1024 * 1024;
    spec->present = (1 << CORRAL_VM_SPEC_FIELD_NAME) | (1 << CORRAL_VM_SPEC_FIELD_POOL) |
                    (1 << CORRAL_VM_SPEC_FIELD_VCPUS) | (1 << CORRAL_VM_SPEC_FIELD_MEMORY_BYTES);
    spec->disks = g_ptr_array_new_with_free_func((GDestroyNotify)corral_vm_disk_free);
    spec->nics = g_ptr_array_new_with_free_func((GDestroyNotify)corral_vm_nic_free);
    if (ds != NULL) {
        CorralVmDisk *disk = g_new0(CorralVmDisk, 1);

        disk->datastore = g_strdup(ds);
        disk->volume = g_strdup_printf("%s.qcow2", spec->name);
        disk->size_bytes = (gint64)gtk_spin_button_get_value(self->disk_gib) * 1024 * 1024 * 1024;
        disk->bus = CORRAL_DISK_BUS_VIRTIO;
        disk->present = (1 << CORRAL_VM_DISK_FIELD_LAST) - 1;
        g_ptr_array_add(spec->disks, disk);
    }
    if (net != NULL) {
        CorralVmNic *nic = g_new0(CorralVmNic, 1);

        nic->network = g_strdup(net);
        nic->model = g_strdup("virtio");
        g_ptr_array_add(spec->nics, nic);
    }
    return spec;
}

static void
show_step(CorralNewVmDialog *self)
{
    g_autofree char *name = g_strdup_printf("step%d", self->step);

    gtk_stack_set_visible_child_name(self->steps, name);
    gtk_widget_set_sensitive(GTK_WIDGET(self->back), self->step > 0);
    gtk_button_set_label(self->next, self->step == N_STEPS - 1 ? _("C_reate") : _("_Next"));
    if (self->step == N_STEPS - 1) {
        g_autoptr(CorralVmSpec) spec = spec_from_fields(self);
        CorralGridRow rows[] = {
            {_("Name"), g_strdup(spec->name)},
            {_("Resource pool"), g_strdup(spec->pool)},
            {_("vCPUs"), g_strdup_printf("%lld", (long long)spec->vcpus)},
            {_("Memory"), g_format_size_full((guint64)spec->memory_bytes, G_FORMAT_SIZE_IEC_UNITS)},
            {_("Disk"),
             spec->disks->len > 0
                 ? g_strdup_printf("[%s] %s", ((CorralVmDisk *)spec->disks->pdata[0])->datastore,
                                   ((CorralVmDisk *)spec->disks->pdata[0])->volume)
                 : g_strdup(_("None"))},
            {_("Network"), spec->nics->len > 0
                               ? g_strdup(((CorralVmNic *)spec->nics->pdata[0])->network)
                               : g_strdup(_("None"))},
        };

        corral_grid_set_rows(self->review, rows, G_N_ELEMENTS(rows));
    }
}

static void
created(GObject *source, GAsyncResult *result, gpointer data)
{
    g_autoptr(CorralNewVmDialog) self = data;
    g_autoptr(GError) error = NULL;
    g_autoptr(json_object) answer =
        corral_host_connection_call_finish(CORRAL_HOST_CONNECTION(source), result, &error);

    gtk_widget_set_sensitive(GTK_WIDGET(self->next), TRUE);
    if (error != NULL) {
        gtk_label_set_label(self->message, error->message);
        return;
    }
    gtk_window_destroy(GTK_WINDOW(self));
}

static void
next_clicked(GtkButton *button, CorralNewVmDialog *self)
{
    g_autoptr(CorralVmSpec) spec = NULL;

    gtk_label_set_label(self->message, "");
    if (self->step == 0 && *gtk_editable_get_text(GTK_EDITABLE(self->name)) == '\0') {
        gtk_label_set_label(self->message, _("Enter a name for the guest."));
        return;
    }
    if (self->step < N_STEPS - 1) {
        self->step++;
        show_step(self);
        return;
    }
    spec = spec_from_fields(self);
    gtk_widget_set_sensitive(GTK_WIDGET(self->next), FALSE);
    corral_host_connection_operation_async(self->connection, _("Create guest"), spec->name, "POST",
                                           "/vms", corral_vm_spec_to_json(spec), created,
                                           g_object_ref(self));
}

static void
back_clicked(GtkButton *button, CorralNewVmDialog *self)
{
    if (self->step > 0)
        self->step--;
    show_step(self);
}

static void
corral_new_vm_dialog_finalize(GObject *object)
{
    CorralNewVmDialog *self = CORRAL_NEW_VM_DIALOG(object);

    g_clear_object(&self->connection);
    g_strfreev(self->datastores);
    g_strfreev(self->networks);
    G_OBJECT_CLASS(corral_new_vm_dialog_parent_class)->finalize(object);
}

static void
corral_new_vm_dialog_class_init(CorralNewVmDialogClass *klass)
{
    G_OBJECT_CLASS(klass)->finalize = corral_new_vm_dialog_finalize;
    /* Escape closes it, as it closes dialogs everywhere. */
    gtk_widget_class_add_binding_action(GTK_WIDGET_CLASS(klass), GDK_KEY_Escape, 0, "window.close",
                                        NULL);
}

static void
corral_new_vm_dialog_init(CorralNewVmDialog *self)
{
}

/* A labelled row of a step. */
static void
add_row(GtkGrid *grid, int row, const char *label, GtkWidget *field)
{
    GtkWidget *caption = gtk_label_new_with_mnemonic(label);

    gtk_label_set_xalign(GTK_LABEL(caption), 1);
    gtk_label_set_mnemonic_widget(GTK_LABEL(caption), field);
    gtk_grid_attach(grid, caption, 0, row, 1, 1);
    gtk_grid_attach(grid, field, 1, row, 1, 1);
}

static GtkGrid *
add_step(CorralNewVmDialog *self, int index, const char *title)
{
    GtkWidget *box = gtk_box_new(GTK_ORIENTATION_VERTICAL, 12);
    GtkWidget *grid = corral_grid_new();
    g_autofree char *name = g_strdup_printf("step%d", index);

    gtk_box_append(GTK_BOX(box), corral_heading_new(title));
    gtk_box_append(GTK_BOX(box), grid);
    gtk_stack_add_named(self->steps, box, name);
    return GTK_GRID(grid);
}

/* The names of @group's children in @inventory. */
static GStrv
names_of(CorralInventory *inventory, const char *group)
{
    GListModel *children =
        G_LIST_MODEL(corral_node_get_children(corral_inventory_get_root(inventory)));
    g_autoptr(GStrvBuilder) builder = g_strv_builder_new();

    for (guint i = 0; i < g_list_model_get_n_items(children); i++) {
        g_autoptr(CorralNode) node = g_list_model_get_item(children, i);

        if (corral_node_get_kind(node) != CORRAL_NODE_GROUP ||
            !g_str_equal(corral_node_get_id(node), group))
            continue;
        for (guint k = 0;
             k < g_list_model_get_n_items(G_LIST_MODEL(corral_node_get_children(node))); k++) {
            g_autoptr(CorralNode) leaf =
                g_list_model_get_item(G_LIST_MODEL(corral_node_get_children(node)), k);

            g_strv_builder_add(builder, corral_node_get_id(leaf));
        }
    }
    return g_strv_builder_end(builder);
}

CorralNewVmDialog *
corral_new_vm_dialog_new(GtkWindow *parent, CorralHostConnection *connection, const char *pool)
{
    CorralNewVmDialog *self = g_object_new(CORRAL_TYPE_NEW_VM_DIALOG, "transient-for", parent,
                                           "modal", TRUE, "title", _("New Guest"), NULL);
    CorralInventory *inventory = corral_host_connection_get_inventory(connection);
    GtkWidget *box = gtk_box_new(GTK_ORIENTATION_VERTICAL, 12);
    GtkWidget *buttons = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 6);
    GtkGrid *grid;

    self->connection = g_object_ref(connection);
    self->datastores = names_of(inventory, "datastores");
    self->networks = names_of(inventory, "networks");
    self->steps = GTK_STACK(gtk_stack_new());
    gtk_widget_set_size_request(GTK_WIDGET(self->steps), 420, 220);

    grid = add_step(self, 0, _("Name and resource pool"));
    self->name = GTK_ENTRY(gtk_entry_new());
    add_row(grid, 0, _("_Name"), GTK_WIDGET(self->name));
    self->pool = GTK_ENTRY(gtk_entry_new());
    gtk_editable_set_text(GTK_EDITABLE(self->pool), pool);
    add_row(grid, 1, _("_Resource pool"), GTK_WIDGET(self->pool));

    grid = add_step(self, 1, _("Storage"));
    self->datastore =
        GTK_DROP_DOWN(gtk_drop_down_new_from_strings((const char *const *)self->datastores));
    add_row(grid, 0, _("_Datastore"), GTK_WIDGET(self->datastore));
    self->disk_gib = GTK_SPIN_BUTTON(gtk_spin_button_new_with_range(1, 65536, 1));
    gtk_spin_button_set_value(self->disk_gib, 8);
    add_row(grid, 1, _("Disk size (_GiB)"), GTK_WIDGET(self->disk_gib));

    grid = add_step(self, 2, _("Hardware"));
    self->vcpus = GTK_SPIN_BUTTON(gtk_spin_button_new_with_range(1, 4096, 1));
    add_row(grid, 0, _("_vCPUs"), GTK_WIDGET(self->vcpus));
    self->memory_mib = GTK_SPIN_BUTTON(gtk_spin_button_new_with_range(16, 4194304, 64));
    gtk_spin_button_set_value(self->memory_mib, 1024);
    add_row(grid, 1, _("_Memory (MiB)"), GTK_WIDGET(self->memory_mib));
    self->network =
        GTK_DROP_DOWN(gtk_drop_down_new_from_strings((const char *const *)self->networks));
    add_row(grid, 2, _("N_etwork"), GTK_WIDGET(self->network));

    grid = add_step(self, 3, _("Ready to create"));
    self->review = grid;

    self->message = GTK_LABEL(gtk_label_new(NULL));
    gtk_label_set_wrap(self->message, TRUE);
    gtk_widget_add_css_class(GTK_WIDGET(self->message), "error");
    self->back = GTK_BUTTON(gtk_button_new_with_mnemonic(_("_Back")));
    self->next = GTK_BUTTON(gtk_button_new_with_mnemonic(_("_Next")));
    gtk_widget_add_css_class(GTK_WIDGET(self->next), "suggested-action");
    g_signal_connect(self->back, "clicked", G_CALLBACK(back_clicked), self);
    g_signal_connect(self->next, "clicked", G_CALLBACK(next_clicked), self);
    gtk_widget_set_halign(buttons, GTK_ALIGN_END);
    gtk_box_append(GTK_BOX(buttons), GTK_WIDGET(self->back));
    gtk_box_append(GTK_BOX(buttons), GTK_WIDGET(self->next));
    gtk_box_append(GTK_BOX(box), GTK_WIDGET(self->steps));
    gtk_box_append(GTK_BOX(box), GTK_WIDGET(self->message));
    gtk_box_append(GTK_BOX(box), buttons);
    gtk_widget_set_margin_start(box, 18);
    gtk_widget_set_margin_end(box, 18);
    gtk_widget_set_margin_top(box, 18);
    gtk_widget_set_margin_bottom(box, 18);
    gtk_window_set_child(GTK_WINDOW(self), box);
    gtk_window_set_default_widget(GTK_WINDOW(self), GTK_WIDGET(self->next));
    show_step(self);
    return self;
}
