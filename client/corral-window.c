/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The main window (see corral-window.h). The sidebar switches between
 * three models: the tree of hosts, pools and guests; the tree of hosts,
 * folders and guests (made when first shown); and while a search is typed
 * a filter over every node of every host but the group folders, flat (made
 * at the first search, so a window that is never searched does not pay
 * for it). Rows bind their node's label and icon, so a state change
 * arriving from the events long poll redraws one row and nothing else.
 */
#include "client/corral-window-private.h"

#include "client/corral-format.h"
#include "client/corral-heap-trim.h"
#include "client/corral-tree-row.h"

#include <glib/gi18n.h>

G_DEFINE_FINAL_TYPE(CorralWindow, corral_window, GTK_TYPE_APPLICATION_WINDOW)

static CorralNode *
node_of_item(gpointer item)
{
    if (GTK_IS_TREE_LIST_ROW(item))
        return gtk_tree_list_row_get_item(item);
    return item != NULL ? g_object_ref(item) : NULL;
}

CorralHostConnection *
corral_window_connection_of(CorralNode *node)
{
    GObject *owner = node != NULL ? corral_node_dup_owner(node) : NULL;

    return owner != NULL ? CORRAL_HOST_CONNECTION(owner) : NULL;
}

GPtrArray *
corral_window_selected_nodes(CorralWindow *self)
{
    GPtrArray *nodes = g_ptr_array_new_with_free_func(g_object_unref);
    g_autoptr(GtkBitset) set =
        gtk_selection_model_get_selection(GTK_SELECTION_MODEL(self->selection));
    GtkBitsetIter iter;
    guint position;

    for (gboolean ok = gtk_bitset_iter_init_first(&iter, set, &position); ok;
         ok = gtk_bitset_iter_next(&iter, &position)) {
        g_autoptr(GObject) item = g_list_model_get_item(G_LIST_MODEL(self->selection), position);
        CorralNode *node = node_of_item(item);

        if (node != NULL)
            g_ptr_array_add(nodes, node);
    }
    return nodes;
}

/* The title names the object on the page, and a guest's state. */
static void
update_title(CorralWindow *self)
{
    g_autofree char *title = NULL;
    CorralNode *node = self->current;

    if (node == NULL)
        title = g_strdup("Corral");
    else if (corral_node_get_kind(node) == CORRAL_NODE_VM && corral_node_get_state(node) >= 0)
        /* TRANSLATORS: the window title: a guest's name and state */
        title = g_strdup_printf(_("%1$s (%2$s) – Corral"), corral_node_get_label(node),
                                corral_format_vm_state(corral_node_get_state(node)));
    else
        title = g_strdup_printf(_("%s – Corral"), corral_node_get_label(node));
    gtk_window_set_title(GTK_WINDOW(self), title);
}

static void
current_changed(CorralNode *node, GParamSpec *pspec, gpointer data)
{
    CorralWindow *self = data;

    update_title(self);
    corral_window_actions_update(self);
}

/* Page names by node kind. */
static const char *const kind_pages[CORRAL_NODE_LAST] = {
    [CORRAL_NODE_HOST] = "host",
    [CORRAL_NODE_POOL] = "pool",
    [CORRAL_NODE_VM] = "vm",
    [CORRAL_NODE_GROUP] = "other",
    [CORRAL_NODE_DATASTORE] = "datastore",
    [CORRAL_NODE_NETWORK] = "other",
    [CORRAL_NODE_FOLDER] = "other",
};

/* The pages of the kinds that have one, made when first shown: a window
 * that never shows a guest does not hold the guest page's few hundred
 * widgets. */
static const struct {
    GType (*get_type)(void);
    gsize offset;
} kind_page_types[CORRAL_NODE_LAST] = {
    [CORRAL_NODE_HOST] = {corral_host_page_get_type, G_STRUCT_OFFSET(CorralWindow, host_page)},
    [CORRAL_NODE_POOL] = {corral_pool_page_get_type, G_STRUCT_OFFSET(CorralWindow, pool_page)},
    [CORRAL_NODE_VM] = {corral_vm_page_get_type, G_STRUCT_OFFSET(CorralWindow, vm_page)},
    [CORRAL_NODE_DATASTORE] = {corral_datastore_page_get_type,
                               G_STRUCT_OFFSET(CorralWindow, datastore_page)},
};

static void
make_page(CorralWindow *self, CorralNodeKind kind)
{
    GtkWidget **page;

    if (kind_page_types[kind].get_type == NULL)
        return;
    page = G_STRUCT_MEMBER_P(self, kind_page_types[kind].offset);
    if (*page == NULL) {
        *page = g_object_new(kind_page_types[kind].get_type(), NULL);
        gtk_stack_add_named(self->pages, *page, kind_pages[kind]);
    }
}

static void
show_node(CorralWindow *self, CorralNode *node)
{
    g_autoptr(CorralHostConnection) connection = corral_window_connection_of(node);

    if (self->current != NULL) {
        g_clear_signal_handler(&self->current_handler, self->current);
        g_clear_object(&self->current);
    }
    if (node == NULL) {
        gtk_stack_set_visible_child_name(self->pages, "welcome");
        update_title(self);
        corral_window_actions_update(self);
        return;
    }
    self->current = g_object_ref(node);
    self->current_handler = g_signal_connect(node, "notify", G_CALLBACK(current_changed), self);
    make_page(self, corral_node_get_kind(node));
    switch (corral_node_get_kind(node)) {
    case CORRAL_NODE_HOST:
        corral_host_page_set_connection(self->host_page, connection);
        break;
    case CORRAL_NODE_VM:
        corral_vm_page_set_node(self->vm_page, node, connection);
        break;
    case CORRAL_NODE_POOL:
        corral_pool_page_set_node(self->pool_page, node, connection);
        break;
    case CORRAL_NODE_DATASTORE:
        corral_datastore_page_set_node(self->datastore_page, node, connection);
        break;
    default:
        gtk_label_set_label(self->other_label, corral_node_get_label(node));
        break;
    }
    gtk_stack_set_visible_child_name(self->pages, kind_pages[corral_node_get_kind(node)]);
    update_title(self);
    corral_window_actions_update(self);
}

static void
selection_changed(GtkSelectionModel *model, guint position, guint n_items, gpointer data)
{
    CorralWindow *self = data;
    g_autoptr(GPtrArray) nodes = corral_window_selected_nodes(self);

    show_node(self, nodes->len > 0 ? nodes->pdata[0] : NULL);
}

/* Rows: one CorralTreeRow each, bound to the tree's row or the node. */

static void
row_setup(GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
    gtk_list_item_set_child(item, corral_tree_row_new());
}

static void
row_bind(GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
    corral_tree_row_bind(CORRAL_TREE_ROW(gtk_list_item_get_child(item)),
                         gtk_list_item_get_item(item));
}

static void
row_unbind(GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
    corral_tree_row_bind(CORRAL_TREE_ROW(gtk_list_item_get_child(item)), NULL);
}

static GListModel *
create_children(gpointer item, gpointer data)
{
    GListStore *children = corral_node_get_children(CORRAL_NODE(item));

    return children != NULL ? G_LIST_MODEL(g_object_ref(children)) : NULL;
}

static gboolean
search_match(gpointer item, gpointer data)
{
    CorralWindow *self = data;

    return corral_node_get_kind(CORRAL_NODE(item)) != CORRAL_NODE_GROUP &&
           corral_node_matches(CORRAL_NODE(item), self->query);
}

/* Every node, flat: the tree with its rows passed through, all expanded. */
static GListModel *
search_model(CorralWindow *self)
{
    CorralApplication *app = CORRAL_APPLICATION(gtk_window_get_application(GTK_WINDOW(self)));
    GtkTreeListModel *all;

    if (self->search_model != NULL)
        return G_LIST_MODEL(self->search_model);
    all = gtk_tree_list_model_new(G_LIST_MODEL(g_object_ref(corral_application_get_hosts(app))),
                                  TRUE, TRUE, create_children, NULL, NULL);
    self->search_filter = gtk_custom_filter_new(search_match, self, NULL);
    self->search_model =
        gtk_filter_list_model_new(G_LIST_MODEL(all), GTK_FILTER(g_object_ref(self->search_filter)));
    g_object_unref(self->search_filter);
    return G_LIST_MODEL(self->search_model);
}

/* The folder view's roots: each host's folder root, in host order. */
static gpointer
folder_root_of(gpointer item, gpointer data)
{
    g_autoptr(CorralHostConnection) connection = corral_window_connection_of(item);
    CorralNode *root =
        connection != NULL
            ? corral_inventory_get_folder_root(corral_host_connection_get_inventory(connection))
            : item;

    g_object_unref(item);
    return g_object_ref(root);
}

/* The tree the sidebar shows while nothing is searched. */
static GListModel *
browse_model(CorralWindow *self)
{
    CorralApplication *app = CORRAL_APPLICATION(gtk_window_get_application(GTK_WINDOW(self)));
    GtkMapListModel *roots;

    if (!gtk_toggle_button_get_active(self->folder_view))
        return G_LIST_MODEL(self->tree_model);
    if (self->folder_model == NULL) {
        roots =
            gtk_map_list_model_new(G_LIST_MODEL(g_object_ref(corral_application_get_hosts(app))),
                                   folder_root_of, NULL, NULL);
        self->folder_model =
            gtk_tree_list_model_new(G_LIST_MODEL(roots), FALSE, TRUE, create_children, NULL, NULL);
    }
    return G_LIST_MODEL(self->folder_model);
}

static void
search_changed(GtkSearchEntry *entry, gpointer data)
{
    CorralWindow *self = data;
    const char *text = gtk_editable_get_text(GTK_EDITABLE(entry));
    GListModel *model;

    g_free(self->query);
    self->query = corral_node_fold_query(text);
    if (self->search_filter != NULL)
        gtk_filter_changed(GTK_FILTER(self->search_filter), GTK_FILTER_CHANGE_DIFFERENT);
    model = *self->query != '\0' ? search_model(self) : browse_model(self);
    if (gtk_multi_selection_get_model(self->selection) != model)
        gtk_multi_selection_set_model(self->selection, model);
}

/* Switching views shows each host's first level open. */
static void
view_toggled(GtkToggleButton *button, gpointer data)
{
    CorralWindow *self = data;
    GtkTreeListModel *tree;

    search_changed(self->search, self);
    tree = gtk_toggle_button_get_active(self->folder_view) ? self->folder_model : self->tree_model;
    for (guint i = 0; tree != NULL; i++) {
        g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_child_row(tree, i);

        if (row == NULL)
            break;
        gtk_tree_list_row_set_expanded(row, TRUE);
    }
}

/* Enter in the search selects the first match, and the list takes the
 * keyboard for arrows and power keys. */
static void
search_activated(GtkSearchEntry *entry, gpointer data)
{
    CorralWindow *self = data;

    if (g_list_model_get_n_items(G_LIST_MODEL(self->selection)) == 0)
        return;
    gtk_selection_model_select_item(GTK_SELECTION_MODEL(self->selection), 0, TRUE);
    gtk_widget_grab_focus(GTK_WIDGET(self->tree));
}

static void
search_stopped(GtkSearchEntry *entry, gpointer data)
{
    gtk_editable_set_text(GTK_EDITABLE(entry), "");
}

static void
corral_window_dispose(GObject *object)
{
    CorralWindow *self = CORRAL_WINDOW(object);

    if (self->current != NULL) {
        g_clear_signal_handler(&self->current_handler, self->current);
        g_clear_object(&self->current);
    }
    gtk_widget_dispose_template(GTK_WIDGET(self), CORRAL_TYPE_WINDOW);
    g_clear_object(&self->selection);
    g_clear_object(&self->tree_model);
    g_clear_object(&self->folder_model);
    g_clear_object(&self->search_model);
    G_OBJECT_CLASS(corral_window_parent_class)->dispose(object);
}

static void
corral_window_finalize(GObject *object)
{
    g_free(CORRAL_WINDOW(object)->query);
    G_OBJECT_CLASS(corral_window_parent_class)->finalize(object);
}

static void
corral_window_class_init(CorralWindowClass *klass)
{
    GObjectClass *object_class = G_OBJECT_CLASS(klass);
    GtkWidgetClass *widget_class = GTK_WIDGET_CLASS(klass);

    object_class->dispose = corral_window_dispose;
    object_class->finalize = corral_window_finalize;
    g_type_ensure(CORRAL_TYPE_TASKS_PANE);
    gtk_widget_class_set_template_from_resource(widget_class,
                                                "/org/corral/Client/corral-window.ui");
    gtk_widget_class_bind_template_child(widget_class, CorralWindow, search);
    gtk_widget_class_bind_template_child(widget_class, CorralWindow, tree);
    gtk_widget_class_bind_template_child(widget_class, CorralWindow, folder_view);
    gtk_widget_class_bind_template_child(widget_class, CorralWindow, status);
    gtk_widget_class_bind_template_child(widget_class, CorralWindow, pages);
    gtk_widget_class_bind_template_child(widget_class, CorralWindow, other_label);
    gtk_widget_class_bind_template_child(widget_class, CorralWindow, tasks_pane);
}

static void
corral_window_init(CorralWindow *self)
{
    gtk_widget_init_template(GTK_WIDGET(self));
    corral_heap_trim_attach(GTK_WIDGET(self));
    self->query = g_strdup("");
}

static void
build_models(CorralWindow *self, CorralApplication *app)
{
    GListModel *hosts = corral_application_get_hosts(app);
    GtkListItemFactory *factory = gtk_signal_list_item_factory_new();

    self->tree_model = gtk_tree_list_model_new(G_LIST_MODEL(g_object_ref(hosts)), FALSE, TRUE,
                                               create_children, NULL, NULL);
    self->selection = gtk_multi_selection_new(G_LIST_MODEL(g_object_ref(self->tree_model)));
    g_signal_connect(self->selection, "selection-changed", G_CALLBACK(selection_changed), self);
    g_signal_connect(factory, "setup", G_CALLBACK(row_setup), self);
    g_signal_connect(factory, "bind", G_CALLBACK(row_bind), self);
    g_signal_connect(factory, "unbind", G_CALLBACK(row_unbind), self);
    gtk_list_view_set_factory(self->tree, factory);
    corral_tree_row_add_shortcuts(GTK_WIDGET(self->tree));
    g_object_unref(factory);
    gtk_list_view_set_model(self->tree, GTK_SELECTION_MODEL(self->selection));
}

CorralWindow *
corral_window_new(CorralApplication *app)
{
    CorralWindow *self = g_object_new(CORRAL_TYPE_WINDOW, "application", app, NULL);

    build_models(self, app);
    corral_tasks_pane_set_model(self->tasks_pane, corral_application_get_tasks(app));
    g_signal_connect(self->search, "search-changed", G_CALLBACK(search_changed), self);
    g_signal_connect(self->search, "activate", G_CALLBACK(search_activated), self);
    g_signal_connect(self->search, "stop-search", G_CALLBACK(search_stopped), self);
    g_signal_connect(self->folder_view, "toggled", G_CALLBACK(view_toggled), self);
    corral_window_actions_init(self);
    corral_window_actions_update(self);
    return self;
}
