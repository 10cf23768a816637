/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The folder view (see corral-folder-tree.h). Folder nodes are kept by
 * path; each guest node's current folder is remembered, so an update moves
 * only the guest whose folder changed, and a folder left empty goes with
 * its empty parents.
 */
#include "client/corral-folder-tree.h"

#include "protocol/vm.h"

#include <string.h>

struct _CorralFolderTree {
    GObject parent_instance;
    CorralNode *host;    /* the inventory's host node, followed for its label */
    CorralNode *root;    /* the view's host node */
    GHashTable *folders; /* path → CorralNode, not "/" */
    GHashTable *placed;  /* guest CorralNode → its folder's path */
    gulong label_handler;
};

G_DEFINE_FINAL_TYPE(CorralFolderTree, corral_folder_tree, G_TYPE_OBJECT)

static void
corral_folder_tree_dispose(GObject *object)
{
    CorralFolderTree *self = CORRAL_FOLDER_TREE(object);

    if (self->host != NULL)
        g_clear_signal_handler(&self->label_handler, self->host);
    g_clear_object(&self->host);
    g_clear_object(&self->root);
    g_clear_pointer(&self->folders, g_hash_table_unref);
    g_clear_pointer(&self->placed, g_hash_table_unref);
    G_OBJECT_CLASS(corral_folder_tree_parent_class)->dispose(object);
}

static void
corral_folder_tree_class_init(CorralFolderTreeClass *klass)
{
    G_OBJECT_CLASS(klass)->dispose = corral_folder_tree_dispose;
}

static void
corral_folder_tree_init(CorralFolderTree *self)
{
    self->folders = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_object_unref);
    self->placed = g_hash_table_new_full(g_direct_hash, g_direct_equal, g_object_unref, g_free);
}

static void
host_label_changed(CorralNode *host, GParamSpec *pspec, gpointer data)
{
    CorralFolderTree *self = data;

    corral_node_set_label(self->root, corral_node_get_label(host));
}

CorralFolderTree *
corral_folder_tree_new(CorralNode *host)
{
    CorralFolderTree *self = g_object_new(CORRAL_TYPE_FOLDER_TREE, NULL);

    self->host = g_object_ref(host);
    self->root =
        corral_node_new(CORRAL_NODE_HOST, corral_node_get_id(host), corral_node_get_label(host));
    self->label_handler =
        g_signal_connect(host, "notify::label", G_CALLBACK(host_label_changed), self);
    return self;
}

CorralNode *
corral_folder_tree_get_root(CorralFolderTree *self)
{
    g_autoptr(GObject) owner = corral_node_dup_owner(self->host);

    /* The host gets its owner after the tree is made: the root takes it
     * from there whenever it is asked for, before any guest arrives. */
    corral_node_set_owner(self->root, owner);
    return self->root;
}

CorralNode *
corral_folder_tree_lookup(CorralFolderTree *self, const char *path)
{
    return g_hash_table_lookup(self->folders, path);
}

/* The folder a guest's payload names; "/" for the top. */
static const char *
folder_of(CorralNode *vm)
{
    CorralVm *payload = corral_node_get_payload(vm, &corral_vm_type);

    if (payload == NULL || payload->folder == NULL || payload->folder[0] == '\0')
        return "/";
    return payload->folder;
}

/* "/a/b" → "/a"; "/a" → "/". */
static char *
parent_path(const char *path)
{
    const char *slash = strrchr(path, '/');

    return slash == path ? g_strdup("/") : g_strndup(path, (gsize)(slash - path));
}

/* The node of the folder at @path ("/": the root), made when missing;
 * @attach puts a new folder into its parent's store at once. */
static CorralNode *
ensure_folder(CorralFolderTree *self, const char *path, gboolean attach)
{
    g_autoptr(GObject) owner = NULL;
    g_autofree char *parent = NULL;
    CorralNode *node;

    if (g_str_equal(path, "/"))
        return self->root;
    node = g_hash_table_lookup(self->folders, path);
    if (node != NULL)
        return node;
    parent = parent_path(path);
    node = corral_node_new(CORRAL_NODE_FOLDER, path, strrchr(path, '/') + 1);
    owner = corral_node_dup_owner(self->host);
    corral_node_set_owner(node, owner);
    g_hash_table_insert(self->folders, g_strdup(path), node);
    if (attach)
        g_list_store_insert_sorted(corral_node_get_children(ensure_folder(self, parent, TRUE)),
                                   node, corral_node_compare, NULL);
    return node;
}

static void
store_remove(GListStore *store, gpointer item)
{
    guint position;

    if (g_list_store_find(store, item, &position))
        g_list_store_remove(store, position);
}

/* Takes away the folder at @path while it is empty, then its parents. */
static void
prune(CorralFolderTree *self, const char *path)
{
    g_autofree char *current = g_strdup(path);

    while (!g_str_equal(current, "/")) {
        CorralNode *node = g_hash_table_lookup(self->folders, current);
        g_autofree char *parent = parent_path(current);

        if (node == NULL ||
            g_list_model_get_n_items(G_LIST_MODEL(corral_node_get_children(node))) > 0)
            return;
        store_remove(corral_node_get_children(ensure_folder(self, parent, TRUE)), node);
        g_hash_table_remove(self->folders, current);
        g_free(current);
        current = g_steal_pointer(&parent);
    }
}

void
corral_folder_tree_remove_vm(CorralFolderTree *self, CorralNode *vm)
{
    g_autofree char *path = NULL;
    gpointer key, value;

    if (!g_hash_table_steal_extended(self->placed, vm, &key, &value))
        return;
    path = value;
    store_remove(corral_node_get_children(ensure_folder(self, path, TRUE)), vm);
    prune(self, path);
    g_object_unref(key);
}

/* Whether @vm sits at its sorted place in @store. */
static gboolean
in_order(GListStore *store, CorralNode *vm)
{
    GListModel *model = G_LIST_MODEL(store);
    guint position, n = g_list_model_get_n_items(model);
    g_autoptr(CorralNode) before = NULL, after = NULL;

    if (!g_list_store_find(store, vm, &position))
        return FALSE;
    before = position > 0 ? g_list_model_get_item(model, position - 1) : NULL;
    after = position + 1 < n ? g_list_model_get_item(model, position + 1) : NULL;
    return (before == NULL || corral_node_compare(before, vm, NULL) <= 0) &&
           (after == NULL || corral_node_compare(vm, after, NULL) <= 0);
}

void
corral_folder_tree_update_vm(CorralFolderTree *self, CorralNode *vm)
{
    const char *path = folder_of(vm);
    const char *was = g_hash_table_lookup(self->placed, vm);
    GListStore *store;

    /* A row that stays keeps its selection and expanded parents. */
    if (was != NULL && g_str_equal(was, path) &&
        in_order(corral_node_get_children(ensure_folder(self, path, TRUE)), vm))
        return;
    corral_folder_tree_remove_vm(self, vm);
    store = corral_node_get_children(ensure_folder(self, path, TRUE));
    g_list_store_insert_sorted(store, vm, corral_node_compare, NULL);
    g_hash_table_insert(self->placed, g_object_ref(vm), g_strdup(path));
}

static int
compare_slots(gconstpointer a, gconstpointer b)
{
    return corral_node_compare(*(CorralNode *const *)a, *(CorralNode *const *)b, NULL);
}

/* Adds @child to the children that @members keeps for @container. */
static void
add_member(GHashTable *members, CorralNode *container, CorralNode *child)
{
    GPtrArray *list = g_hash_table_lookup(members, container);

    if (list == NULL) {
        list = g_ptr_array_new();
        g_hash_table_insert(members, container, list);
    }
    g_ptr_array_add(list, child);
}

void
corral_folder_tree_set_vms(CorralFolderTree *self, GPtrArray *vms)
{
    g_autoptr(GHashTable) members = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
                                                          (GDestroyNotify)g_ptr_array_unref);
    g_autoptr(GHashTable) old_folders = g_steal_pointer(&self->folders);
    GHashTableIter iter;
    gpointer key, value;
    g_autoptr(GObject) owner = corral_node_dup_owner(self->host);

    corral_node_set_owner(self->root, owner);
    self->folders = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_object_unref);
    g_hash_table_remove_all(self->placed);
    add_member(members, self->root, NULL);
    for (guint i = 0; i < vms->len; i++) {
        CorralNode *vm = vms->pdata[i];
        const char *path = folder_of(vm);
        const char *slash = path;

        /* The folder and its parents from the top, each kept from before
         * when it was there. */
        while (!g_str_equal(path, "/") && slash != NULL) {
            g_autofree char *prefix = NULL;
            g_autofree char *parent = NULL;
            CorralNode *node;

            slash = strchr(slash + 1, '/');
            prefix = slash != NULL ? g_strndup(path, (gsize)(slash - path)) : g_strdup(path);
            if (g_hash_table_contains(self->folders, prefix))
                continue;
            parent = parent_path(prefix);
            node = g_hash_table_lookup(old_folders, prefix);
            if (node != NULL)
                g_hash_table_insert(self->folders, g_strdup(prefix), g_object_ref(node));
            else
                node = ensure_folder(self, prefix, FALSE);
            corral_node_set_owner(node, owner);
            add_member(members, ensure_folder(self, parent, FALSE), node);
        }
        add_member(members, ensure_folder(self, path, FALSE), vm);
        g_hash_table_insert(self->placed, g_object_ref(vm), g_strdup(path));
    }
    /* Folders gone: emptied, so that nothing keeps their guests. */
    g_hash_table_iter_init(&iter, old_folders);
    while (g_hash_table_iter_next(&iter, &key, &value))
        if (!g_hash_table_contains(self->folders, key))
            g_list_store_remove_all(corral_node_get_children(value));
    g_hash_table_iter_init(&iter, members);
    while (g_hash_table_iter_next(&iter, &key, &value)) {
        GPtrArray *children = value;
        GListStore *store = corral_node_get_children(key);

        g_ptr_array_remove(children, NULL);
        g_ptr_array_sort(children, compare_slots);
        g_list_store_splice(store, 0, g_list_model_get_n_items(G_LIST_MODEL(store)),
                            children->pdata, children->len);
    }
}
