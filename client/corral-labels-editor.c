/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The tags and folder editor (see corral-labels-editor.h). The fields are
 * filled when a guest is shown and after a save, not on every update of
 * the guest, so what the operator is typing is never overwritten.
 */
#include "client/corral-labels-editor.h"

#include "client/corral-labels.h"

#include <glib/gi18n.h>

struct _CorralLabelsEditor {
    GtkGrid parent_instance;
    GtkEntry *tags;
    GtkEntry *folder;
    GtkLabel *message;
    CorralNode *node;
    CorralHostConnection *connection;
};

G_DEFINE_FINAL_TYPE(CorralLabelsEditor, corral_labels_editor, GTK_TYPE_GRID)

static void
fill(CorralLabelsEditor *self)
{
    CorralVm *vm = self->node != NULL ? corral_node_get_payload(self->node, &corral_vm_type) : NULL;
    g_autofree char *tags = vm != NULL ? corral_labels_format_tags(vm) : g_strdup("");

    gtk_editable_set_text(GTK_EDITABLE(self->tags), tags);
    gtk_editable_set_text(GTK_EDITABLE(self->folder), vm != NULL ? corral_labels_folder(vm) : "/");
}

static void
show_message(CorralLabelsEditor *self, const char *text, gboolean failed)
{
    gtk_label_set_label(self->message, text);
    if (failed)
        gtk_widget_add_css_class(GTK_WIDGET(self->message), "error");
    else
        gtk_widget_remove_css_class(GTK_WIDGET(self->message), "error");
}

static void
save_done(GObject *source, GAsyncResult *result, gpointer data)
{
    g_autoptr(CorralLabelsEditor) self = data;
    g_autoptr(GError) error = NULL;
    g_autoptr(json_object) answer =
        corral_host_connection_call_finish(CORRAL_HOST_CONNECTION(source), result, &error);
    CorralVm *vm = answer != NULL ? corral_vm_from_json(answer, NULL) : NULL;

    if (error != NULL) {
        show_message(self, error->message, TRUE);
        return;
    }
    show_message(self, _("The tags and folder were saved."), FALSE);
    if (vm != NULL)
        corral_inventory_update_vm(
            corral_host_connection_get_inventory(CORRAL_HOST_CONNECTION(source)), vm);
    fill(self);
}

static void
save_clicked(GtkButton *button, CorralLabelsEditor *self)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) tags = NULL;
    g_autofree char *folder = NULL;
    g_autofree char *path = NULL;
    json_object *body, *array;

    if (self->node == NULL || self->connection == NULL)
        return;
    tags = corral_labels_parse_tags(gtk_editable_get_text(GTK_EDITABLE(self->tags)), &error);
    if (tags != NULL)
        folder =
            corral_labels_parse_folder(gtk_editable_get_text(GTK_EDITABLE(self->folder)), &error);
    if (folder == NULL) {
        show_message(self, error->message, TRUE);
        return;
    }
    body = json_object_new_object();
    array = json_object_new_array();
    for (guint i = 0; i < tags->len; i++)
        json_object_array_add(array, json_object_new_string(tags->pdata[i]));
    json_object_object_add(body, "tags", array);
    json_object_object_add(body, "folder", json_object_new_string(folder));
    path = g_strdup_printf("/vms/%s", corral_node_get_id(self->node));
    show_message(self, "", FALSE);
    corral_host_connection_operation_async(self->connection, _("Edit tags and folder"),
                                           corral_node_get_label(self->node), "PATCH", path, body,
                                           save_done, g_object_ref(self));
}

static void
corral_labels_editor_dispose(GObject *object)
{
    CorralLabelsEditor *self = CORRAL_LABELS_EDITOR(object);

    g_clear_object(&self->node);
    g_clear_object(&self->connection);
    G_OBJECT_CLASS(corral_labels_editor_parent_class)->dispose(object);
}

static void
corral_labels_editor_class_init(CorralLabelsEditorClass *klass)
{
    G_OBJECT_CLASS(klass)->dispose = corral_labels_editor_dispose;
}

/* A label for @entry with the mnemonic @text, in column 0 of @row. */
static void
attach_field(CorralLabelsEditor *self, const char *text, GtkEntry *entry, int row)
{
    GtkWidget *label = gtk_label_new_with_mnemonic(text);

    gtk_label_set_xalign(GTK_LABEL(label), 0);
    gtk_label_set_mnemonic_widget(GTK_LABEL(label), GTK_WIDGET(entry));
    gtk_widget_set_hexpand(GTK_WIDGET(entry), TRUE);
    gtk_grid_attach(GTK_GRID(self), label, 0, row, 1, 1);
    gtk_grid_attach(GTK_GRID(self), GTK_WIDGET(entry), 1, row, 1, 1);
}

static void
corral_labels_editor_init(CorralLabelsEditor *self)
{
    GtkWidget *save = gtk_button_new_with_mnemonic(_("Save T_ags and Folder"));
    GtkWidget *bar = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 12);

    gtk_grid_set_row_spacing(GTK_GRID(self), 6);
    gtk_grid_set_column_spacing(GTK_GRID(self), 12);
    self->tags = GTK_ENTRY(gtk_entry_new());
    gtk_entry_set_placeholder_text(self->tags, _("web, production"));
    self->folder = GTK_ENTRY(gtk_entry_new());
    gtk_entry_set_placeholder_text(self->folder, _("/Production/Web"));
    attach_field(self, _("_Tags"), self->tags, 0);
    attach_field(self, _("F_older"), self->folder, 1);
    /* The answer beside the button, where the eyes are after a click. */
    self->message = GTK_LABEL(gtk_label_new(NULL));
    gtk_label_set_xalign(self->message, 0);
    gtk_label_set_wrap(self->message, TRUE);
    gtk_widget_set_hexpand(GTK_WIDGET(self->message), TRUE);
    gtk_box_append(GTK_BOX(bar), save);
    gtk_box_append(GTK_BOX(bar), GTK_WIDGET(self->message));
    gtk_grid_attach(GTK_GRID(self), bar, 1, 2, 1, 1);
    g_signal_connect(save, "clicked", G_CALLBACK(save_clicked), self);
    g_signal_connect_swapped(self->tags, "activate", G_CALLBACK(gtk_widget_activate), save);
    g_signal_connect_swapped(self->folder, "activate", G_CALLBACK(gtk_widget_activate), save);
}

GtkWidget *
corral_labels_editor_new(void)
{
    return g_object_new(CORRAL_TYPE_LABELS_EDITOR, NULL);
}

void
corral_labels_editor_set(CorralLabelsEditor *self, CorralNode *node,
                         CorralHostConnection *connection)
{
    g_set_object(&self->node, node);
    g_set_object(&self->connection, connection);
    show_message(self, "", FALSE);
    fill(self);
}

void
corral_labels_editor_focus(CorralLabelsEditor *self)
{
    gtk_widget_grab_focus(GTK_WIDGET(self->tags));
}
