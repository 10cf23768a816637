/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The inventory of one host (see corral-inventory.h). Guests hang under the
 * node of their pool: the host node stands for the root pool "/". Merging a
 * list rebuilds each container's store with one splice, reusing the nodes
 * whose identifier stays, which keeps 5,000 guests to a few milliseconds.
 */
#include "client/corral-inventory.h"

#include "client/corral-folder-tree.h"

#include <glib/gi18n.h>
#include <string.h>

struct _CorralInventory {
    GObject parent_instance;
    CorralNode *root;
    /* The same guests by folder. */
    CorralFolderTree *folders;
    CorralNode *datastores; /* the "Datastores" group */
    CorralNode *networks;   /* the "Networks" group */
    GListStore *vm_list;    /* every guest node */
    GHashTable *vms;        /* id → CorralNode */
    GHashTable *pools;      /* path → CorralNode, not "/" */
    gboolean reconnecting;  /* the host's label says so */
};

G_DEFINE_FINAL_TYPE(CorralInventory, corral_inventory, G_TYPE_OBJECT)

/* Event kinds by prefix: the first row whose prefix matches wins. */
static const struct {
    const char *prefix;
    CorralRefresh refresh;
} event_table[] = {
    {"vm-create", CORRAL_REFRESH_VMS | CORRAL_REFRESH_POOLS},
    {"vm-defined", CORRAL_REFRESH_VMS | CORRAL_REFRESH_POOLS},
    {"vm-undefined", CORRAL_REFRESH_VM_GONE | CORRAL_REFRESH_POOLS},
    {"vm-delete", CORRAL_REFRESH_VM_GONE | CORRAL_REFRESH_POOLS},
    {"vm-move", CORRAL_REFRESH_VM | CORRAL_REFRESH_POOLS},
    {"vm-", CORRAL_REFRESH_VM},
    {"snapshot-", CORRAL_REFRESH_VM},
    {"pool-", CORRAL_REFRESH_POOLS},
    {"datastore-", CORRAL_REFRESH_DATASTORES},
    {"file-", CORRAL_REFRESH_DATASTORES},
    {"network-", CORRAL_REFRESH_NETWORKS},
    {"task-", CORRAL_REFRESH_TASK},
    {"host-", CORRAL_REFRESH_HOST},
};

CorralRefresh
corral_inventory_refresh_for_event(const CorralEvent *event)
{
    if (event->kind == NULL)
        return CORRAL_REFRESH_NONE;
    for (gsize i = 0; i < G_N_ELEMENTS(event_table); i++)
        if (g_str_has_prefix(event->kind, event_table[i].prefix))
            return event_table[i].refresh;
    return CORRAL_REFRESH_NONE;
}

static void
corral_inventory_finalize(GObject *object)
{
    CorralInventory *self = CORRAL_INVENTORY(object);

    g_hash_table_unref(self->vms);
    g_hash_table_unref(self->pools);
    g_object_unref(self->vm_list);
    g_object_unref(self->datastores);
    g_object_unref(self->networks);
    g_object_unref(self->folders);
    g_object_unref(self->root);
    G_OBJECT_CLASS(corral_inventory_parent_class)->finalize(object);
}

static void
corral_inventory_class_init(CorralInventoryClass *klass)
{
    G_OBJECT_CLASS(klass)->finalize = corral_inventory_finalize;
}

static void
corral_inventory_init(CorralInventory *self)
{
    self->vm_list = g_list_store_new(CORRAL_TYPE_NODE);
    self->vms = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_object_unref);
    self->pools = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_object_unref);
}

CorralInventory *
corral_inventory_new(const char *host_port)
{
    CorralInventory *self = g_object_new(CORRAL_TYPE_INVENTORY, NULL);
    CorralNode *groups[2];

    self->root = corral_node_new(CORRAL_NODE_HOST, host_port, host_port);
    self->datastores = corral_node_new(CORRAL_NODE_GROUP, "datastores", _("Datastores"));
    self->networks = corral_node_new(CORRAL_NODE_GROUP, "networks", _("Networks"));
    groups[0] = self->datastores;
    groups[1] = self->networks;
    g_list_store_splice(corral_node_get_children(self->root), 0, 0, (gpointer *)groups, 2);
    self->folders = corral_folder_tree_new(self->root);
    return self;
}

CorralNode *
corral_inventory_get_root(CorralInventory *self)
{
    return self->root;
}

CorralNode *
corral_inventory_get_folder_root(CorralInventory *self)
{
    return corral_folder_tree_get_root(self->folders);
}

CorralNode *
corral_inventory_lookup_folder(CorralInventory *self, const char *path)
{
    return corral_folder_tree_lookup(self->folders, path);
}

GListModel *
corral_inventory_get_vms(CorralInventory *self)
{
    return G_LIST_MODEL(self->vm_list);
}

CorralNode *
corral_inventory_lookup_vm(CorralInventory *self, const char *id)
{
    return g_hash_table_lookup(self->vms, id);
}

CorralNode *
corral_inventory_lookup_pool(CorralInventory *self, const char *path)
{
    if (path == NULL || g_str_equal(path, "/"))
        return self->root;
    return g_hash_table_lookup(self->pools, path);
}

static CorralNode *
find_child(CorralNode *parent, const char *id)
{
    GListModel *children = G_LIST_MODEL(corral_node_get_children(parent));
    guint n = g_list_model_get_n_items(children);

    for (guint i = 0; i < n; i++) {
        g_autoptr(CorralNode) child = g_list_model_get_item(children, i);

        if (g_str_equal(corral_node_get_id(child), id))
            return child;
    }
    return NULL;
}

CorralNode *
corral_inventory_lookup_datastore(CorralInventory *self, const char *name)
{
    return find_child(self->datastores, name);
}

/* The host's label: its name and address, and whether it is being
 * reached again. */
static void
update_host_label(CorralInventory *self)
{
    CorralHost *host = corral_node_get_payload(self->root, &corral_host_type);
    const char *id = corral_node_get_id(self->root);
    g_autofree char *label = NULL;

    if (host != NULL && host->name != NULL && *host->name != '\0')
        label = g_strdup_printf("%s (%s)", host->name, id);
    else
        label = g_strdup(id);
    if (self->reconnecting) {
        /* TRANSLATORS: a host in the inventory while the client tries to
         * reach it again */
        g_autofree char *text = g_strdup_printf(_("%s — reconnecting…"), label);

        corral_node_set_label(self->root, text);
    } else {
        corral_node_set_label(self->root, label);
    }
}

void
corral_inventory_set_host(CorralInventory *self, CorralHost *host)
{
    corral_node_set_payload(self->root, &corral_host_type, host);
    update_host_label(self);
}

void
corral_inventory_set_reconnecting(CorralInventory *self, gboolean reconnecting)
{
    if (self->reconnecting == reconnecting)
        return;
    self->reconnecting = reconnecting;
    update_host_label(self);
}

/* The container of a guest: its pool's node, or the host's. */
static CorralNode *
container_of(CorralInventory *self, const char *pool)
{
    CorralNode *node = corral_inventory_lookup_pool(self, pool);

    return node != NULL ? node : self->root;
}

static void
apply_vm(CorralNode *node, CorralVm *vm)
{
    corral_node_set_label(node, vm->name != NULL ? vm->name : vm->id);
    corral_node_set_state(node, (int)vm->state);
    corral_node_set_payload(node, &corral_vm_type, vm);
}

/* corral_node_compare() on two slots of a GPtrArray. */
static int
compare_slots(gconstpointer a, gconstpointer b, gpointer data)
{
    return corral_node_compare(*(CorralNode *const *)a, *(CorralNode *const *)b, data);
}

/* Rebuilds every container's store: its child pools, then its guests, then
 * (for the host) the groups, each sorted. @members maps a container node to
 * the GPtrArray of its new children. */
static void
rebuild_containers(CorralInventory *self, GHashTable *members)
{
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init(&iter, members);
    while (g_hash_table_iter_next(&iter, &key, &value)) {
        CorralNode *container = key;
        GPtrArray *children = value;
        GListStore *store = corral_node_get_children(container);

        g_ptr_array_sort_with_data(children, compare_slots, NULL);
        g_list_store_splice(store, 0, g_list_model_get_n_items(G_LIST_MODEL(store)),
                            children->pdata, children->len);
    }
}

/* The current children of every container, minus the guests or pools that
 * are about to be re-placed: @drop_kind's nodes are left out. */
static GHashTable *
current_members(CorralInventory *self, CorralNodeKind drop_kind)
{
    GHashTable *members = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
                                                (GDestroyNotify)g_ptr_array_unref);
    GHashTableIter iter;
    gpointer node;
    g_autoptr(GPtrArray) containers = g_ptr_array_new();

    g_ptr_array_add(containers, self->root);
    g_hash_table_iter_init(&iter, self->pools);
    while (g_hash_table_iter_next(&iter, NULL, &node))
        g_ptr_array_add(containers, node);
    for (guint i = 0; i < containers->len; i++) {
        CorralNode *container = containers->pdata[i];
        GListModel *children = G_LIST_MODEL(corral_node_get_children(container));
        GPtrArray *kept = g_ptr_array_new_with_free_func(g_object_unref);
        guint n = g_list_model_get_n_items(children);

        for (guint k = 0; k < n; k++) {
            CorralNode *child = g_list_model_get_item(children, k);

            if (corral_node_get_kind(child) == drop_kind)
                g_object_unref(child);
            else
                g_ptr_array_add(kept, child);
        }
        g_hash_table_insert(members, container, kept);
    }
    return members;
}

static void
add_member(GHashTable *members, CorralNode *container, CorralNode *child)
{
    GPtrArray *list = g_hash_table_lookup(members, container);

    if (list == NULL) {
        list = g_ptr_array_new_with_free_func(g_object_unref);
        g_hash_table_insert(members, container, list);
    }
    g_ptr_array_add(list, g_object_ref(child));
}

void
corral_inventory_set_vms(CorralInventory *self, GPtrArray *vms)
{
    g_autoptr(GHashTable) members = current_members(self, CORRAL_NODE_VM);
    g_autoptr(GHashTable) next =
        g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_object_unref);
    g_autoptr(GPtrArray) flat = g_ptr_array_new();
    g_autoptr(GObject) owner = corral_node_dup_owner(self->root);

    /* The nodes take the objects over one by one. */
    g_ptr_array_set_free_func(vms, NULL);
    for (guint i = 0; i < vms->len; i++) {
        CorralVm *vm = vms->pdata[i];
        CorralNode *node = g_hash_table_lookup(self->vms, vm->id);

        if (node != NULL)
            g_object_ref(node);
        else
            node = corral_node_new(CORRAL_NODE_VM, vm->id, vm->name);
        corral_node_set_owner(node, owner);
        add_member(members, container_of(self, vm->pool), node);
        g_hash_table_replace(next, (gpointer)corral_node_get_id(node), node);
        g_ptr_array_add(flat, node);
        apply_vm(node, vm);
    }
    g_ptr_array_unref(vms);
    rebuild_containers(self, members);
    g_list_store_splice(self->vm_list, 0, g_list_model_get_n_items(G_LIST_MODEL(self->vm_list)),
                        flat->pdata, flat->len);
    corral_folder_tree_set_vms(self->folders, flat);
    g_hash_table_unref(self->vms);
    self->vms = g_steal_pointer(&next);
}

/* Removes @node from @store if it is there. */
static void
store_remove(GListStore *store, CorralNode *node)
{
    guint position;

    if (g_list_store_find(store, node, &position))
        g_list_store_remove(store, position);
}

static void
insert_sorted(GListStore *store, CorralNode *node)
{
    g_list_store_insert_sorted(store, node, corral_node_compare, NULL);
}

void
corral_inventory_update_vm(CorralInventory *self, CorralVm *vm)
{
    CorralNode *node = g_hash_table_lookup(self->vms, vm->id);
    CorralNode *container = container_of(self, vm->pool);
    g_autoptr(GObject) owner = corral_node_dup_owner(self->root);

    if (node == NULL) {
        node = corral_node_new(CORRAL_NODE_VM, vm->id, vm->name);
        corral_node_set_owner(node, owner);
        g_hash_table_replace(self->vms, (gpointer)corral_node_get_id(node), node);
        g_list_store_append(self->vm_list, node);
        apply_vm(node, vm);
        insert_sorted(corral_node_get_children(container), node);
        corral_folder_tree_update_vm(self->folders, node);
        return;
    }
    /* A new name or pool moves the row; otherwise it updates in place. */
    if (g_strcmp0(corral_node_get_label(node), vm->name) != 0 ||
        !g_list_store_find(corral_node_get_children(container), node, NULL)) {
        g_autoptr(CorralNode) keep = g_object_ref(node);
        GHashTableIter iter;
        gpointer pool;

        store_remove(corral_node_get_children(self->root), node);
        g_hash_table_iter_init(&iter, self->pools);
        while (g_hash_table_iter_next(&iter, NULL, &pool))
            store_remove(corral_node_get_children(pool), node);
        apply_vm(node, vm);
        insert_sorted(corral_node_get_children(container), node);
        corral_folder_tree_update_vm(self->folders, node);
        return;
    }
    apply_vm(node, vm);
    corral_folder_tree_update_vm(self->folders, node);
}

void
corral_inventory_remove_vm(CorralInventory *self, const char *id)
{
    CorralNode *node = g_hash_table_lookup(self->vms, id);
    GHashTableIter iter;
    gpointer pool;

    if (node == NULL)
        return;
    store_remove(corral_node_get_children(self->root), node);
    g_hash_table_iter_init(&iter, self->pools);
    while (g_hash_table_iter_next(&iter, NULL, &pool))
        store_remove(corral_node_get_children(pool), node);
    store_remove(self->vm_list, node);
    corral_folder_tree_remove_vm(self->folders, node);
    g_hash_table_remove(self->vms, id);
}

void
corral_inventory_set_pools(CorralInventory *self, GPtrArray *pools)
{
    g_autoptr(GHashTable) next =
        g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_object_unref);
    g_autoptr(GHashTable) members = NULL;
    g_autoptr(GObject) owner = corral_node_dup_owner(self->root);
    GHashTableIter iter;
    gpointer node;

    g_ptr_array_set_free_func(pools, NULL);
    for (guint i = 0; i < pools->len; i++) {
        CorralPool *pool = pools->pdata[i];
        CorralNode *found;

        if (pool->path == NULL || g_str_equal(pool->path, "/")) {
            /* The root pool is the host itself. */
            corral_pool_free(pool);
            continue;
        }
        found = g_hash_table_lookup(self->pools, pool->path);
        if (found != NULL)
            g_object_ref(found);
        else
            found = corral_node_new(CORRAL_NODE_POOL, pool->path, pool->name);
        corral_node_set_owner(found, owner);
        corral_node_set_label(found, pool->name != NULL ? pool->name : pool->path);
        corral_node_set_payload(found, &corral_pool_type, pool);
        g_hash_table_replace(next, (gpointer)corral_node_get_id(found), found);
    }
    g_ptr_array_unref(pools);

    /* Guests of vanished pools go back to the host; every pool goes under
     * its parent. */
    members = current_members(self, CORRAL_NODE_POOL);
    g_hash_table_iter_init(&iter, self->pools);
    while (g_hash_table_iter_next(&iter, NULL, &node)) {
        GPtrArray *orphans = g_hash_table_lookup(members, node);

        if (g_hash_table_contains(next, corral_node_get_id(node)) || orphans == NULL)
            continue;
        for (guint i = 0; i < orphans->len; i++)
            add_member(members, self->root, orphans->pdata[i]);
        g_hash_table_remove(members, node);
        g_list_store_remove_all(corral_node_get_children(node));
    }
    g_hash_table_unref(self->pools);
    self->pools = g_steal_pointer(&next);
    g_hash_table_iter_init(&iter, self->pools);
    while (g_hash_table_iter_next(&iter, NULL, &node)) {
        CorralPool *pool = corral_node_get_payload(node, &corral_pool_type);
        CorralNode *parent = corral_inventory_lookup_pool(self, pool->parent);

        add_member(members, parent != NULL ? parent : self->root, node);
        if (!g_hash_table_contains(members, node))
            g_hash_table_insert(members, node, g_ptr_array_new_with_free_func(g_object_unref));
    }
    rebuild_containers(self, members);
}

/* Replaces the children of @group by one leaf node per object, named by the
 * object's string member at @name_offset. */
static void
set_group(CorralInventory *self, CorralNode *group, CorralNodeKind kind, const CorralType *type,
          gsize name_offset, GPtrArray *objects)
{
    g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func(g_object_unref);
    g_autoptr(GObject) owner = corral_node_dup_owner(self->root);
    GListStore *store = corral_node_get_children(group);

    g_ptr_array_set_free_func(objects, NULL);
    for (guint i = 0; i < objects->len; i++) {
        const char *name = G_STRUCT_MEMBER(const char *, objects->pdata[i], name_offset);
        CorralNode *node = find_child(group, name);

        node = node != NULL ? g_object_ref(node) : corral_node_new(kind, name, name);
        corral_node_set_owner(node, owner);
        corral_node_set_payload(node, type, objects->pdata[i]);
        g_ptr_array_add(nodes, node);
    }
    g_ptr_array_unref(objects);
    g_ptr_array_sort_with_data(nodes, compare_slots, NULL);
    g_list_store_splice(store, 0, g_list_model_get_n_items(G_LIST_MODEL(store)), nodes->pdata,
                        nodes->len);
}

void
corral_inventory_set_datastores(CorralInventory *self, GPtrArray *datastores)
{
    set_group(self, self->datastores, CORRAL_NODE_DATASTORE, &corral_datastore_type,
              G_STRUCT_OFFSET(CorralDatastore, name), datastores);
}

void
corral_inventory_set_networks(CorralInventory *self, GPtrArray *networks)
{
    set_group(self, self->networks, CORRAL_NODE_NETWORK, &corral_network_type,
              G_STRUCT_OFFSET(CorralNetwork, name), networks);
}
