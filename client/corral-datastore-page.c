/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The datastore page (see corral-datastore-page.h). The browser keeps the
 * folder shown as a path inside the datastore; double-clicking a folder
 * goes in, "Up" goes back. Transfers run on their own client and report
 * progress in Recent Tasks; the list is read again when they end.
 */
#include "client/corral-datastore-page.h"

#include "client/corral-format.h"
#include "client/corral-page-util.h"
#include "protocol/datastore-file.h"

#include <glib/gi18n.h>
#include <string.h>

struct _CorralDatastorePage {
    GtkBox parent_instance;
    GtkLabel *title;
    GtkStack *stack;
    GtkGrid *summary;
    GtkLabel *folder;
    GtkListBox *files;
    GtkEntry *new_folder;
    GtkLabel *message;
    CorralNode *node;
    CorralHostConnection *connection;
    char *path; /* the folder shown: "" for the top */
};

G_DEFINE_FINAL_TYPE(CorralDatastorePage, corral_datastore_page, GTK_TYPE_BOX)

static void list_folder(CorralDatastorePage *self);

static char *
escaped_name(CorralDatastorePage *self)
{
    return g_uri_escape_string(corral_node_get_id(self->node), NULL, FALSE);
}

/* @name inside the folder shown, without a leading "/". */
static char *
child_path(CorralDatastorePage *self, const char *name)
{
    return *self->path != '\0' ? g_strdup_printf("%s/%s", self->path, name) : g_strdup(name);
}

static void
show_message(CorralDatastorePage *self, const GError *error)
{
    gtk_label_set_label(self->message, error != NULL ? error->message : "");
}

static void
files_read(GObject *source, GAsyncResult *result, gpointer data)
{
    g_autoptr(CorralDatastorePage) self = data;
    g_autoptr(GError) error = NULL;
    g_autoptr(json_object) answer =
        corral_host_connection_call_finish(CORRAL_HOST_CONNECTION(source), result, &error);
    json_object *array;
    GtkWidget *child;

    show_message(self, error);
    while ((child = gtk_widget_get_first_child(GTK_WIDGET(self->files))) != NULL)
        gtk_list_box_remove(self->files, child);
    if (answer == NULL || !json_object_object_get_ex(answer, "files", &array))
        return;
    for (gsize i = 0; i < json_object_array_length(array); i++) {
        g_autoptr(CorralDatastoreFile) file =
            corral_datastore_file_from_json(json_object_array_get_idx(array, i), NULL);
        g_autofree char *size = NULL, *time = NULL, *text = NULL;
        GtkWidget *row;

        if (file == NULL)
            continue;
        size = file->type == CORRAL_FILE_TYPE_DIR ? g_strdup(_("Folder"))
                                                  : corral_format_bytes(file->size_bytes);
        time = corral_format_time(file->modified);
        text = g_strdup_printf("%s%s   %s   %s", file->name,
                               file->type == CORRAL_FILE_TYPE_DIR ? "/" : "", size, time);
        row = gtk_label_new(text);
        gtk_label_set_xalign(GTK_LABEL(row), 0);
        g_object_set_data_full(G_OBJECT(row), "name", g_strdup(file->name), g_free);
        g_object_set_data(G_OBJECT(row), "dir",
                          GINT_TO_POINTER(file->type == CORRAL_FILE_TYPE_DIR));
        gtk_list_box_append(self->files, row);
    }
}

static void
list_folder(CorralDatastorePage *self)
{
    g_autofree char *ds = NULL, *query = NULL, *path = NULL, *shown = NULL;

    if (self->node == NULL || self->connection == NULL)
        return;
    ds = escaped_name(self);
    /* The top is the empty path: corrald takes paths inside the datastore. */
    query = g_uri_escape_string(self->path, "/", FALSE);
    path = g_strdup_printf("/datastores/%s/files?path=%s", ds, query);
    shown = g_strdup_printf("[%s] /%s", corral_node_get_id(self->node), self->path);
    gtk_label_set_label(self->folder, shown);
    corral_host_connection_call_async(self->connection, "GET", path, NULL, NULL, files_read,
                                      g_object_ref(self));
}

static const char *
selected(CorralDatastorePage *self, gboolean *dir)
{
    GtkListBoxRow *row = gtk_list_box_get_selected_row(self->files);
    GtkWidget *child = row != NULL ? gtk_list_box_row_get_child(row) : NULL;

    if (child == NULL)
        return NULL;
    if (dir != NULL)
        *dir = GPOINTER_TO_INT(g_object_get_data(G_OBJECT(child), "dir"));
    return g_object_get_data(G_OBJECT(child), "name");
}

static void
row_activated(GtkListBox *box, GtkListBoxRow *row, CorralDatastorePage *self)
{
    gboolean dir = FALSE;
    const char *name = selected(self, &dir);
    char *path;

    if (name == NULL || !dir)
        return;
    path = child_path(self, name);
    g_free(self->path);
    self->path = path;
    list_folder(self);
}

static void
up_clicked(GtkButton *button, CorralDatastorePage *self)
{
    char *slash = strrchr(self->path, '/');

    if (slash != NULL)
        *slash = '\0';
    else
        self->path[0] = '\0';
    list_folder(self);
}

static void
changed_done(GObject *source, GAsyncResult *result, gpointer data)
{
    g_autoptr(CorralDatastorePage) self = data;
    g_autoptr(GError) error = NULL;
    g_autoptr(json_object) answer =
        corral_host_connection_call_finish(CORRAL_HOST_CONNECTION(source), result, &error);

    list_folder(self);
    show_message(self, error);
}

static void
mkdir_clicked(GtkButton *button, CorralDatastorePage *self)
{
    const char *name = gtk_editable_get_text(GTK_EDITABLE(self->new_folder));
    g_autofree char *ds = NULL, *rel = NULL, *escaped = NULL, *path = NULL;

    if (*name == '\0' || self->node == NULL)
        return;
    ds = escaped_name(self);
    rel = child_path(self, name);
    escaped = g_uri_escape_string(rel, "/", FALSE);
    path = g_strdup_printf("/datastores/%s/files/%s?mkdir", ds, escaped);
    corral_host_connection_call_async(self->connection, "POST", path, NULL, NULL, changed_done,
                                      g_object_ref(self));
}

static void
delete_clicked(GtkButton *button, CorralDatastorePage *self)
{
    const char *name = selected(self, NULL);
    g_autofree char *ds = NULL, *rel = NULL, *escaped = NULL, *path = NULL, *what = NULL;

    if (name == NULL)
        return;
    ds = escaped_name(self);
    rel = child_path(self, name);
    escaped = g_uri_escape_string(rel, "/", FALSE);
    path = g_strdup_printf("/datastores/%s/files/%s", ds, escaped);
    what = g_strdup_printf(_("Delete %s"), name);
    corral_host_connection_operation_async(self->connection, what, corral_node_get_id(self->node),
                                           "DELETE", path, NULL, changed_done, g_object_ref(self));
}

static void
transfer_done(GObject *source, GAsyncResult *result, gpointer data)
{
    g_autoptr(CorralDatastorePage) self = data;
    g_autoptr(GError) error = NULL;

    corral_host_connection_transfer_finish(CORRAL_HOST_CONNECTION(source), result, &error);
    show_message(self, error);
    list_folder(self);
}

static void
upload_chosen(GtkNativeDialog *dialog, int response, CorralDatastorePage *self)
{
    g_autoptr(GFile) file = gtk_file_chooser_get_file(GTK_FILE_CHOOSER(dialog));

    if (response == GTK_RESPONSE_ACCEPT && file != NULL && self->node != NULL) {
        g_autofree char *name = g_file_get_basename(file);
        g_autofree char *rel = child_path(self, name);

        corral_host_connection_upload_async(self->connection, corral_node_get_id(self->node), rel,
                                            file, transfer_done, g_object_ref(self));
    }
    g_object_unref(dialog);
}

static void
download_chosen(GtkNativeDialog *dialog, int response, CorralDatastorePage *self)
{
    g_autoptr(GFile) file = gtk_file_chooser_get_file(GTK_FILE_CHOOSER(dialog));
    const char *name = g_object_get_data(G_OBJECT(dialog), "name");

    if (response == GTK_RESPONSE_ACCEPT && file != NULL && self->node != NULL) {
        g_autofree char *rel = child_path(self, name);

        corral_host_connection_download_async(self->connection, corral_node_get_id(self->node), rel,
                                              file, transfer_done, g_object_ref(self));
    }
    g_object_unref(dialog);
}

static void
upload_clicked(GtkButton *button, CorralDatastorePage *self)
{
    GtkFileChooserNative *dialog = gtk_file_chooser_native_new(
        _("Upload a File"), GTK_WINDOW(gtk_widget_get_root(GTK_WIDGET(self))),
        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Upload"), _("_Cancel"));

    g_signal_connect(dialog, "response", G_CALLBACK(upload_chosen), self);
    gtk_native_dialog_show(GTK_NATIVE_DIALOG(dialog));
}

static void
download_clicked(GtkButton *button, CorralDatastorePage *self)
{
    gboolean dir = FALSE;
    const char *name = selected(self, &dir);
    GtkFileChooserNative *dialog;

    if (name == NULL || dir)
        return;
    dialog = gtk_file_chooser_native_new(_("Download a File"),
                                         GTK_WINDOW(gtk_widget_get_root(GTK_WIDGET(self))),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
    gtk_file_chooser_set_current_name(GTK_FILE_CHOOSER(dialog), name);
    g_object_set_data_full(G_OBJECT(dialog), "name", g_strdup(name), g_free);
    g_signal_connect(dialog, "response", G_CALLBACK(download_chosen), self);
    gtk_native_dialog_show(GTK_NATIVE_DIALOG(dialog));
}

static void
update(CorralDatastorePage *self)
{
    CorralDatastore *ds = corral_node_get_payload(self->node, &corral_datastore_type);
    const CorralDatastoreSource *src;
    char *source;

    gtk_label_set_label(self->title, corral_node_get_label(self->node));
    if (ds == NULL)
        return;
    src = &ds->source;
    source = src->path != NULL ? g_strdup(src->path)
             : src->export != NULL
                 ? g_strdup_printf("%s:%s", src->host, src->export)
                 : g_strdup_printf("%s:%lld %s", src->host != NULL ? src->host : "",
                                   (long long)src->port, src->target != NULL ? src->target : "");
    {
        CorralGridRow rows[] = {
            {_("Type"), g_strdup(corral_datastore_type_to_string(ds->type))},
            {_("Source"), source},
            {_("Capacity"), corral_format_bytes(ds->capacity_bytes)},
            {_("Free"), corral_format_bytes(ds->free_bytes)},
            {_("Accessible"), g_strdup(ds->accessible ? _("Yes") : _("No"))},
        };

        corral_grid_set_rows(self->summary, rows, G_N_ELEMENTS(rows));
    }
}

static void
corral_datastore_page_dispose(GObject *object)
{
    CorralDatastorePage *self = CORRAL_DATASTORE_PAGE(object);

    g_clear_object(&self->node);
    g_clear_object(&self->connection);
    g_clear_pointer(&self->path, g_free);
    G_OBJECT_CLASS(corral_datastore_page_parent_class)->dispose(object);
}

static void
corral_datastore_page_class_init(CorralDatastorePageClass *klass)
{
    G_OBJECT_CLASS(klass)->dispose = corral_datastore_page_dispose;
}

static void
corral_datastore_page_init(CorralDatastorePage *self)
{
    static const struct {
        const char *label;
        GCallback clicked;
    } buttons[] = {
        {N_("_Up"), G_CALLBACK(up_clicked)},
        {N_("U_pload…"), G_CALLBACK(upload_clicked)},
        {N_("_Download…"), G_CALLBACK(download_clicked)},
        {N_("_Delete"), G_CALLBACK(delete_clicked)},
        {N_("_New Folder"), G_CALLBACK(mkdir_clicked)},
    };
    GtkWidget *browser = gtk_box_new(GTK_ORIENTATION_VERTICAL, 8);
    GtkWidget *bar = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 6);

    gtk_orientable_set_orientation(GTK_ORIENTABLE(self), GTK_ORIENTATION_VERTICAL);
    gtk_box_set_spacing(GTK_BOX(self), 6);
    self->path = g_strdup("");
    corral_page_build(GTK_BOX(self), "drive-harddisk-symbolic", &self->title, &self->stack);
    self->summary = GTK_GRID(corral_grid_new());
    corral_page_add_tab(self->stack, "summary", _("Summary"), GTK_WIDGET(self->summary));
    for (gsize i = 0; i < G_N_ELEMENTS(buttons); i++) {
        GtkWidget *button = gtk_button_new_with_mnemonic(_(buttons[i].label));

        g_signal_connect(button, "clicked", buttons[i].clicked, self);
        gtk_box_append(GTK_BOX(bar), button);
    }
    self->new_folder = GTK_ENTRY(gtk_entry_new());
    gtk_entry_set_placeholder_text(self->new_folder, _("New folder name"));
    gtk_box_append(GTK_BOX(bar), GTK_WIDGET(self->new_folder));
    gtk_box_append(GTK_BOX(browser), bar);
    self->folder = GTK_LABEL(gtk_label_new(NULL));
    gtk_label_set_xalign(self->folder, 0);
    gtk_widget_add_css_class(GTK_WIDGET(self->folder), "heading");
    gtk_box_append(GTK_BOX(browser), GTK_WIDGET(self->folder));
    self->message = GTK_LABEL(gtk_label_new(NULL));
    gtk_label_set_xalign(self->message, 0);
    gtk_widget_add_css_class(GTK_WIDGET(self->message), "error");
    gtk_box_append(GTK_BOX(browser), GTK_WIDGET(self->message));
    self->files = GTK_LIST_BOX(gtk_list_box_new());
    gtk_widget_add_css_class(GTK_WIDGET(self->files), "boxed-list");
    g_signal_connect(self->files, "row-activated", G_CALLBACK(row_activated), self);
    gtk_box_append(GTK_BOX(browser), GTK_WIDGET(self->files));
    corral_page_add_tab(self->stack, "files", _("_Files"), browser);
}

void
corral_datastore_page_show_tab(CorralDatastorePage *self, const char *tab)
{
    if (gtk_stack_get_child_by_name(self->stack, tab) != NULL)
        gtk_stack_set_visible_child_name(self->stack, tab);
}

void
corral_datastore_page_set_node(CorralDatastorePage *self, CorralNode *node,
                               CorralHostConnection *connection)
{
    g_set_object(&self->node, node);
    g_set_object(&self->connection, connection);
    self->path[0] = '\0';
    show_message(self, NULL);
    update(self);
    list_folder(self);
}
