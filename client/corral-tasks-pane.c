/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Recent Tasks (see corral-tasks-pane.h). The columns are one table: a
 * title and a function that writes a task into the cell's label, except
 * the progress column, which holds a GtkProgressBar.
 */
#include "client/corral-tasks-pane.h"

#include "client/corral-format.h"
#include "client/corral-object-item.h"
#include "protocol/task.h"

#include <glib/gi18n.h>

struct _CorralTasksPane {
    GtkBox parent_instance;
    GtkColumnView *view;
};

G_DEFINE_FINAL_TYPE(CorralTasksPane, corral_tasks_pane, GTK_TYPE_BOX)

typedef char *(*CellText)(const CorralTask *task, CorralObjectItem *item);

static char *
task_name(const CorralTask *task, CorralObjectItem *item)
{
    return g_strdup(corral_format_task_kind(task->kind));
}

static char *
task_target(const CorralTask *task, CorralObjectItem *item)
{
    return g_strdup(task->target);
}

static char *
task_host(const CorralTask *task, CorralObjectItem *item)
{
    return g_strdup(corral_object_item_get_host(item));
}

static char *
task_state(const CorralTask *task, CorralObjectItem *item)
{
    if (task->state == CORRAL_TASK_STATE_ERROR && task->error != NULL)
        /* TRANSLATORS: a failed task and why */
        return g_strdup_printf(_("%1$s: %2$s"), corral_format_task_state(task->state), task->error);
    return g_strdup(corral_format_task_state(task->state));
}

static char *
task_started(const CorralTask *task, CorralObjectItem *item)
{
    return corral_format_time(task->started);
}

static const struct {
    const char *title;
    CellText text; /* NULL: the progress bar */
    gboolean expand;
} columns[] = {
    {N_("Task"), task_name, FALSE}, {N_("Target"), task_target, FALSE},
    {N_("Host"), task_host, FALSE}, {N_("Status"), task_state, TRUE},
    {N_("Progress"), NULL, FALSE},  {N_("Started"), task_started, FALSE},
};

static void
fill_cell(GtkListItem *cell)
{
    CorralObjectItem *item = gtk_list_item_get_item(cell);
    const CorralTask *task = corral_object_item_get_object(item);
    gsize column = GPOINTER_TO_SIZE(g_object_get_data(G_OBJECT(cell), "column"));
    GtkWidget *child = gtk_list_item_get_child(cell);

    if (columns[column].text != NULL) {
        g_autofree char *text = columns[column].text(task, item);

        gtk_label_set_label(GTK_LABEL(child), text != NULL ? text : "");
        return;
    }
    gtk_progress_bar_set_fraction(
        GTK_PROGRESS_BAR(child),
        task->state == CORRAL_TASK_STATE_SUCCESS ? 1.0 : CLAMP(task->progress, 0, 100) / 100.0);
    gtk_progress_bar_set_text(GTK_PROGRESS_BAR(child), NULL);
}

static void
item_changed(CorralObjectItem *item, GParamSpec *pspec, GtkListItem *cell)
{
    fill_cell(cell);
}

static void
cell_setup(GtkSignalListItemFactory *factory, GtkListItem *cell, gpointer data)
{
    gsize column = GPOINTER_TO_SIZE(data);
    GtkWidget *child;

    if (columns[column].text != NULL) {
        child = gtk_label_new(NULL);
        gtk_label_set_xalign(GTK_LABEL(child), 0);
        gtk_label_set_ellipsize(GTK_LABEL(child), PANGO_ELLIPSIZE_END);
    } else {
        child = gtk_progress_bar_new();
        gtk_progress_bar_set_show_text(GTK_PROGRESS_BAR(child), TRUE);
        gtk_widget_set_valign(child, GTK_ALIGN_CENTER);
        gtk_widget_set_size_request(child, 120, -1);
    }
    g_object_set_data(G_OBJECT(cell), "column", data);
    gtk_list_item_set_child(cell, child);
}

static void
cell_bind(GtkSignalListItemFactory *factory, GtkListItem *cell, gpointer data)
{
    CorralObjectItem *item = gtk_list_item_get_item(cell);
    gulong id = g_signal_connect(item, "notify::object", G_CALLBACK(item_changed), cell);

    g_object_set_data(G_OBJECT(cell), "handler", GSIZE_TO_POINTER(id));
    fill_cell(cell);
}

static void
cell_unbind(GtkSignalListItemFactory *factory, GtkListItem *cell, gpointer data)
{
    gulong id = GPOINTER_TO_SIZE(g_object_get_data(G_OBJECT(cell), "handler"));

    if (id != 0)
        g_signal_handler_disconnect(gtk_list_item_get_item(cell), id);
    g_object_set_data(G_OBJECT(cell), "handler", NULL);
}

static void
corral_tasks_pane_dispose(GObject *object)
{
    gtk_widget_dispose_template(GTK_WIDGET(object), CORRAL_TYPE_TASKS_PANE);
    G_OBJECT_CLASS(corral_tasks_pane_parent_class)->dispose(object);
}

static void
corral_tasks_pane_class_init(CorralTasksPaneClass *klass)
{
    GtkWidgetClass *widget_class = GTK_WIDGET_CLASS(klass);

    G_OBJECT_CLASS(klass)->dispose = corral_tasks_pane_dispose;
    gtk_widget_class_set_template_from_resource(widget_class,
                                                "/org/corral/Client/corral-tasks-pane.ui");
    gtk_widget_class_bind_template_child(widget_class, CorralTasksPane, view);
}

static void
corral_tasks_pane_init(CorralTasksPane *self)
{
    gtk_widget_init_template(GTK_WIDGET(self));
    for (gsize i = 0; i < G_N_ELEMENTS(columns); i++) {
        GtkListItemFactory *factory = gtk_signal_list_item_factory_new();
        GtkColumnViewColumn *column;

        g_signal_connect(factory, "setup", G_CALLBACK(cell_setup), GSIZE_TO_POINTER(i));
        g_signal_connect(factory, "bind", G_CALLBACK(cell_bind), NULL);
        g_signal_connect(factory, "unbind", G_CALLBACK(cell_unbind), NULL);
        column = gtk_column_view_column_new(_(columns[i].title), factory);
        gtk_column_view_column_set_expand(column, columns[i].expand);
        gtk_column_view_column_set_resizable(column, TRUE);
        gtk_column_view_append_column(self->view, column);
        g_object_unref(column);
    }
}

void
corral_tasks_pane_set_model(CorralTasksPane *self, GListModel *tasks)
{
    GtkNoSelection *selection = gtk_no_selection_new(g_object_ref(tasks));

    gtk_column_view_set_model(self->view, GTK_SELECTION_MODEL(selection));
    g_object_unref(selection);
}
