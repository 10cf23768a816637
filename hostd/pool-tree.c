/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The resource pool tree and its file (see pool-tree.h). The file:
 *   {"version": 1, "tag": "…", "next_id": N,
 *    "pools": [{"id", "parent", "name", "resources"}…],   parents first
 *    "vms": [{"id", "pool", "resources"}…]}
 * with resources in the API's own encoding.
 */
#include "hostd/pool-tree.h"

#include "common/atomic-file.h"
#include "common/random.h"
#include "hostd/hostd-error.h"

#include <string.h>

#define FILE_VERSION 1
#define BIT(field)   (G_GUINT64_CONSTANT(1) << (field))
#define TAG_BYTES    4

struct CorraldPoolTree {
    char *tag;
    guint next_id;
    GPtrArray *pools; /* CorraldPoolNode *, parents before children; [0] is the root */
    GHashTable *vms;  /* UUID → CorraldVmEntry * */
};

static void
pool_node_free(gpointer data)
{
    CorraldPoolNode *pool = data;

    g_free(pool->name);
    corral_codec_clear(&corral_resources_type, &pool->resources);
    g_free(pool);
}

static void
vm_entry_free(gpointer data)
{
    CorraldVmEntry *entry = data;

    g_free(entry->id);
    corral_codec_clear(&corral_resources_type, &entry->resources);
    g_free(entry);
}

/* Copies resources (plain values only: they own nothing). */
static void
resources_copy(CorralResources *dst, const CorralResources *src)
{
    *dst = *src;
}

void
corrald_pool_tree_default_resources(CorralResources *resources)
{
    memset(resources, 0, sizeof *resources);
    /* disk and network are guests' and set only when asked for. */
    resources->present = BIT(CORRAL_RESOURCES_FIELD_CPU) | BIT(CORRAL_RESOURCES_FIELD_MEMORY) |
                         BIT(CORRAL_RESOURCES_FIELD_EXPANDABLE);
    resources->cpu.present = ~G_GUINT64_CONSTANT(0);
    resources->memory.present = BIT(CORRAL_MEMORY_ALLOCATION_FIELD_SHARES) |
                                BIT(CORRAL_MEMORY_ALLOCATION_FIELD_RESERVATION_BYTES) |
                                BIT(CORRAL_MEMORY_ALLOCATION_FIELD_LIMIT_BYTES);
    resources->cpu.shares.present = 1u << CORRAL_SHARES_FIELD_LEVEL;
    resources->memory.shares.present = 1u << CORRAL_SHARES_FIELD_LEVEL;
    resources->cpu.shares.level = CORRAL_SHARES_LEVEL_NORMAL;
    resources->memory.shares.level = CORRAL_SHARES_LEVEL_NORMAL;
    resources->cpu.limit_mhz = CORRAL_UNLIMITED;
    resources->memory.limit_bytes = CORRAL_UNLIMITED;
    resources->expandable = TRUE;
}

static void
merge_shares(CorralShares *shares, const CorralShares *patch)
{
    if (CORRAL_HAS(patch, CORRAL_SHARES_FIELD_LEVEL)) {
        shares->level = patch->level;
        /* A level of its own drops an old custom value. */
        shares->present &= ~(G_GUINT64_CONSTANT(1) << CORRAL_SHARES_FIELD_VALUE);
    }
    if (CORRAL_HAS(patch, CORRAL_SHARES_FIELD_VALUE)) {
        shares->value = patch->value;
        CORRAL_SET_PRESENT(shares, CORRAL_SHARES_FIELD_VALUE);
    }
}

void
corrald_resources_merge(CorralResources *r, const CorralResources *patch)
{
    const CorralCpuAllocation *cpu = &patch->cpu;
    const CorralMemoryAllocation *memory = &patch->memory;

    if (CORRAL_HAS(patch, CORRAL_RESOURCES_FIELD_CPU)) {
        if (CORRAL_HAS(cpu, CORRAL_CPU_ALLOCATION_FIELD_SHARES))
            merge_shares(&r->cpu.shares, &cpu->shares);
        if (CORRAL_HAS(cpu, CORRAL_CPU_ALLOCATION_FIELD_RESERVATION_MHZ))
            r->cpu.reservation_mhz = cpu->reservation_mhz;
        if (CORRAL_HAS(cpu, CORRAL_CPU_ALLOCATION_FIELD_LIMIT_MHZ))
            r->cpu.limit_mhz = cpu->limit_mhz;
    }
    if (CORRAL_HAS(patch, CORRAL_RESOURCES_FIELD_MEMORY)) {
        if (CORRAL_HAS(memory, CORRAL_MEMORY_ALLOCATION_FIELD_SHARES))
            merge_shares(&r->memory.shares, &memory->shares);
        if (CORRAL_HAS(memory, CORRAL_MEMORY_ALLOCATION_FIELD_RESERVATION_BYTES))
            r->memory.reservation_bytes = memory->reservation_bytes;
        if (CORRAL_HAS(memory, CORRAL_MEMORY_ALLOCATION_FIELD_LIMIT_BYTES))
            r->memory.limit_bytes = memory->limit_bytes;
    }
    if (CORRAL_HAS(patch, CORRAL_RESOURCES_FIELD_EXPANDABLE))
        r->expandable = patch->expandable;
    if (CORRAL_HAS(patch, CORRAL_RESOURCES_FIELD_DISK) &&
        CORRAL_HAS(&patch->disk, CORRAL_DISK_ALLOCATION_FIELD_SHARES)) {
        if (!CORRAL_HAS(r, CORRAL_RESOURCES_FIELD_DISK)) {
            r->disk.shares.level = CORRAL_SHARES_LEVEL_NORMAL;
            r->disk.shares.present = BIT(CORRAL_SHARES_FIELD_LEVEL);
        }
        merge_shares(&r->disk.shares, &patch->disk.shares);
        r->disk.present = BIT(CORRAL_DISK_ALLOCATION_FIELD_SHARES);
        CORRAL_SET_PRESENT(r, CORRAL_RESOURCES_FIELD_DISK);
    }
    if (CORRAL_HAS(patch, CORRAL_RESOURCES_FIELD_NETWORK)) {
        if (!CORRAL_HAS(r, CORRAL_RESOURCES_FIELD_NETWORK)) {
            r->network.in_average_kib_s = CORRAL_UNLIMITED;
            r->network.out_average_kib_s = CORRAL_UNLIMITED;
        }
        if (CORRAL_HAS(&patch->network, CORRAL_NETWORK_ALLOCATION_FIELD_IN_AVERAGE_KIB_S))
            r->network.in_average_kib_s = patch->network.in_average_kib_s;
        if (CORRAL_HAS(&patch->network, CORRAL_NETWORK_ALLOCATION_FIELD_OUT_AVERAGE_KIB_S))
            r->network.out_average_kib_s = patch->network.out_average_kib_s;
        r->network.present = BIT(CORRAL_NETWORK_ALLOCATION_FIELD_IN_AVERAGE_KIB_S) |
                             BIT(CORRAL_NETWORK_ALLOCATION_FIELD_OUT_AVERAGE_KIB_S);
        CORRAL_SET_PRESENT(r, CORRAL_RESOURCES_FIELD_NETWORK);
    }
}

static CorraldPoolNode *
node_new(guint id, guint parent, const char *name, const CorralResources *resources)
{
    CorraldPoolNode *pool = g_new0(CorraldPoolNode, 1);

    pool->id = id;
    pool->parent = parent;
    pool->name = g_strdup(name);
    resources_copy(&pool->resources, resources);
    return pool;
}

static CorraldPoolTree *
tree_alloc(void)
{
    CorraldPoolTree *tree = g_new0(CorraldPoolTree, 1);

    tree->pools = g_ptr_array_new_with_free_func(pool_node_free);
    tree->vms = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, vm_entry_free);
    tree->next_id = 1;
    return tree;
}

static void
add_root(CorraldPoolTree *tree)
{
    CorralResources resources;

    corrald_pool_tree_default_resources(&resources);
    resources.expandable = FALSE;
    g_ptr_array_add(tree->pools,
                    node_new(CORRALD_POOL_ROOT, CORRALD_POOL_ROOT, "host", &resources));
}

CorraldPoolTree *
corrald_pool_tree_new(void)
{
    CorraldPoolTree *tree = tree_alloc();
    guint8 bytes[TAG_BYTES];
    GString *tag = g_string_new(NULL);

    /* getrandom() does not fail for 4 bytes; a zero tag would still work. */
    if (!corral_random_bytes(bytes, sizeof bytes, NULL))
        memset(bytes, 0, sizeof bytes);
    for (gsize i = 0; i < sizeof bytes; i++)
        g_string_append_printf(tag, "%02x", bytes[i]);
    tree->tag = g_string_free(tag, FALSE);
    add_root(tree);
    return tree;
}

CorraldPoolTree *
corrald_pool_tree_copy(const CorraldPoolTree *tree)
{
    CorraldPoolTree *copy = tree_alloc();
    GHashTableIter iter;
    gpointer value;

    copy->tag = g_strdup(tree->tag);
    copy->next_id = tree->next_id;
    for (guint i = 0; i < tree->pools->len; i++) {
        const CorraldPoolNode *pool = tree->pools->pdata[i];
        g_ptr_array_add(copy->pools,
                        node_new(pool->id, pool->parent, pool->name, &pool->resources));
    }
    g_hash_table_iter_init(&iter, tree->vms);
    while (g_hash_table_iter_next(&iter, NULL, &value)) {
        const CorraldVmEntry *entry = value;
        CorraldVmEntry *dup = g_new0(CorraldVmEntry, 1);

        dup->id = g_strdup(entry->id);
        dup->pool = entry->pool;
        resources_copy(&dup->resources, &entry->resources);
        g_hash_table_insert(copy->vms, dup->id, dup);
    }
    return copy;
}

void
corrald_pool_tree_free(CorraldPoolTree *tree)
{
    if (tree == NULL)
        return;
    g_free(tree->tag);
    g_ptr_array_unref(tree->pools);
    g_hash_table_unref(tree->vms);
    g_free(tree);
}

const GPtrArray *
corrald_pool_tree_pools(const CorraldPoolTree *tree)
{
    return tree->pools;
}

GPtrArray *
corrald_pool_tree_vm_entries(const CorraldPoolTree *tree)
{
    GPtrArray *entries = g_ptr_array_new();
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init(&iter, tree->vms);
    while (g_hash_table_iter_next(&iter, NULL, &value))
        g_ptr_array_add(entries, value);
    return entries;
}

CorraldPoolNode *
corrald_pool_tree_get(const CorraldPoolTree *tree, guint id)
{
    for (guint i = 0; i < tree->pools->len; i++) {
        CorraldPoolNode *pool = tree->pools->pdata[i];
        if (pool->id == id)
            return pool;
    }
    return NULL;
}

static CorraldPoolNode *
child_named(const CorraldPoolTree *tree, guint parent, const char *name)
{
    for (guint i = 1; i < tree->pools->len; i++) {
        CorraldPoolNode *pool = tree->pools->pdata[i];
        if (pool->parent == parent && g_str_equal(pool->name, name))
            return pool;
    }
    return NULL;
}

CorraldPoolNode *
corrald_pool_tree_find(const CorraldPoolTree *tree, const char *path, GError **error)
{
    CorraldPoolNode *pool = tree->pools->pdata[0];
    g_auto(GStrv) parts = NULL;

    if (path == NULL || path[0] != '/')
        goto missing;
    parts = g_strsplit(path + 1, "/", -1);
    for (guint i = 0; parts[i] != NULL && pool != NULL; i++) {
        if (parts[i][0] == '\0' && parts[i + 1] == NULL && i == 0)
            break; /* "/" itself */
        pool = parts[i][0] != '\0' ? child_named(tree, pool->id, parts[i]) : NULL;
    }
    if (pool != NULL)
        return pool;
missing:
    g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_POOL_NOT_FOUND, "pool %s: no such pool", path);
    return NULL;
}

char *
corrald_pool_tree_path(const CorraldPoolTree *tree, const CorraldPoolNode *pool)
{
    GPtrArray *names = g_ptr_array_new();
    g_autoptr(GString) path = g_string_new(NULL);

    while (pool != NULL && pool->id != CORRALD_POOL_ROOT) {
        g_ptr_array_add(names, pool->name);
        pool = corrald_pool_tree_get(tree, pool->parent);
    }
    for (guint i = names->len; i-- > 0;)
        g_string_append_printf(path, "/%s", (const char *)names->pdata[i]);
    g_ptr_array_free(names, TRUE);
    if (path->len == 0)
        g_string_append_c(path, '/');
    return g_string_free(g_steal_pointer(&path), FALSE);
}

char *
corrald_pool_tree_partition(const CorraldPoolTree *tree, const CorraldPoolNode *pool)
{
    g_autoptr(GArray) ids = g_array_new(FALSE, FALSE, sizeof(guint));
    g_autoptr(GString) partition = g_string_new("/machine");

    while (pool != NULL && pool->id != CORRALD_POOL_ROOT) {
        g_array_append_val(ids, pool->id);
        pool = corrald_pool_tree_get(tree, pool->parent);
    }
    for (guint i = ids->len; i-- > 0;)
        g_string_append_printf(partition, "/corral-%s-%u", tree->tag, g_array_index(ids, guint, i));
    return g_string_free(g_steal_pointer(&partition), FALSE);
}

GPtrArray *
corrald_pool_tree_children(const CorraldPoolTree *tree, const CorraldPoolNode *pool)
{
    GPtrArray *children = g_ptr_array_new();

    for (guint i = 1; i < tree->pools->len; i++) {
        CorraldPoolNode *child = tree->pools->pdata[i];
        if (child->parent == pool->id)
            g_ptr_array_add(children, child);
    }
    return children;
}

gboolean
corrald_pool_tree_is_within(const CorraldPoolTree *tree, const CorraldPoolNode *pool,
                            const CorraldPoolNode *ancestor)
{
    while (pool != NULL) {
        if (pool->id == ancestor->id)
            return TRUE;
        if (pool->id == CORRALD_POOL_ROOT)
            return FALSE;
        pool = corrald_pool_tree_get(tree, pool->parent);
    }
    return FALSE;
}

CorraldPoolNode *
corrald_pool_tree_add(CorraldPoolTree *tree, CorraldPoolNode *parent, const char *name,
                      const CorralResources *resources, GError **error)
{
    CorraldPoolNode *pool;

    if (child_named(tree, parent->id, name) != NULL) {
        g_autofree char *path = corrald_pool_tree_path(tree, parent);
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_EXISTS, "pool %s already has a pool %s",
                    path, name);
        return NULL;
    }
    pool = node_new(tree->next_id++, parent->id, name, resources);
    g_ptr_array_add(tree->pools, pool);
    return pool;
}

/* Puts the pools back in an order where parents come first. */
static void
sort_pools(CorraldPoolTree *tree)
{
    g_autoptr(GPtrArray) sorted = g_ptr_array_new();
    g_autoptr(GHashTable) placed = g_hash_table_new(g_direct_hash, g_direct_equal);

    g_ptr_array_add(sorted, tree->pools->pdata[0]);
    g_hash_table_add(placed, GUINT_TO_POINTER(CORRALD_POOL_ROOT));
    while (sorted->len < tree->pools->len) {
        guint before = sorted->len;

        for (guint i = 1; i < tree->pools->len; i++) {
            CorraldPoolNode *pool = tree->pools->pdata[i];
            if (!g_hash_table_contains(placed, GUINT_TO_POINTER(pool->id)) &&
                g_hash_table_contains(placed, GUINT_TO_POINTER(pool->parent))) {
                g_ptr_array_add(sorted, pool);
                g_hash_table_add(placed, GUINT_TO_POINTER(pool->id));
            }
        }
        g_assert(sorted->len > before); /* the tree has no cycles */
    }
    memcpy(tree->pools->pdata, sorted->pdata, sorted->len * sizeof(gpointer));
}

gboolean
corrald_pool_tree_rename(CorraldPoolTree *tree, CorraldPoolNode *pool, const char *name,
                         CorraldPoolNode *parent, GError **error)
{
    guint parent_id = parent != NULL ? parent->id : pool->parent;
    const char *new_name = name != NULL ? name : pool->name;
    CorraldPoolNode *other;

    if (pool->id == CORRALD_POOL_ROOT) {
        g_set_error_literal(error, CORRALD_ERROR, CORRALD_ERROR_INVALID,
                            "pool /: the root pool is the host; it cannot be renamed or moved");
        return FALSE;
    }
    if (parent != NULL && corrald_pool_tree_is_within(tree, parent, pool)) {
        g_autofree char *path = corrald_pool_tree_path(tree, pool);
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_INVALID,
                    "pool %s cannot move into itself or a pool below it", path);
        return FALSE;
    }
    other = child_named(tree, parent_id, new_name);
    if (other != NULL && other != pool) {
        g_autofree char *path =
            corrald_pool_tree_path(tree, corrald_pool_tree_get(tree, parent_id));
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_EXISTS, "pool %s already has a pool %s",
                    path, new_name);
        return FALSE;
    }
    if (new_name != pool->name) {
        g_free(pool->name);
        pool->name = g_strdup(new_name);
    }
    pool->parent = parent_id;
    sort_pools(tree);
    return TRUE;
}

gboolean
corrald_pool_tree_remove(CorraldPoolTree *tree, CorraldPoolNode *pool, gboolean move,
                         GError **error)
{
    g_autoptr(GPtrArray) children = NULL;
    g_autoptr(GPtrArray) vms = NULL;
    g_autofree char *path = NULL;

    if (pool->id == CORRALD_POOL_ROOT) {
        g_set_error_literal(error, CORRALD_ERROR, CORRALD_ERROR_INVALID,
                            "pool /: the root pool is the host; it cannot be removed");
        return FALSE;
    }
    children = corrald_pool_tree_children(tree, pool);
    vms = corrald_pool_tree_vms_in(tree, pool);
    path = corrald_pool_tree_path(tree, pool);
    if (!move && (children->len > 0 || vms->len > 0)) {
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_CONFLICT,
                    "pool %s is not empty (%u pools, %u vms): move them out first, or remove "
                    "it with move=true (corral-cli pool rm --force) to hand them to its parent",
                    path, children->len, vms->len);
        return FALSE;
    }
    for (guint i = 0; i < children->len; i++)
        ((CorraldPoolNode *)children->pdata[i])->parent = pool->parent;
    for (guint i = 0; i < vms->len; i++)
        corrald_pool_tree_vm(tree, vms->pdata[i])->pool = pool->parent;
    g_ptr_array_remove(tree->pools, pool);
    sort_pools(tree);
    return TRUE;
}

static gint
compare_strings(gconstpointer a, gconstpointer b)
{
    return g_strcmp0(*(const char *const *)a, *(const char *const *)b);
}

GPtrArray *
corrald_pool_tree_vms_in(const CorraldPoolTree *tree, const CorraldPoolNode *pool)
{
    GPtrArray *ids = g_ptr_array_new_with_free_func(g_free);
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init(&iter, tree->vms);
    while (g_hash_table_iter_next(&iter, NULL, &value)) {
        const CorraldVmEntry *entry = value;
        if (entry->pool == pool->id)
            g_ptr_array_add(ids, g_strdup(entry->id));
    }
    g_ptr_array_sort(ids, compare_strings);
    return ids;
}

CorraldVmEntry *
corrald_pool_tree_vm(const CorraldPoolTree *tree, const char *id)
{
    return g_hash_table_lookup(tree->vms, id);
}

CorraldVmEntry *
corrald_pool_tree_vm_ensure(CorraldPoolTree *tree, const char *id)
{
    CorraldVmEntry *entry = g_hash_table_lookup(tree->vms, id);

    if (entry != NULL)
        return entry;
    entry = g_new0(CorraldVmEntry, 1);
    entry->id = g_strdup(id);
    entry->pool = CORRALD_POOL_ROOT;
    corrald_pool_tree_default_resources(&entry->resources);
    entry->resources.present &= ~(G_GUINT64_CONSTANT(1) << CORRAL_RESOURCES_FIELD_EXPANDABLE);
    entry->resources.expandable = FALSE;
    g_hash_table_insert(tree->vms, entry->id, entry);
    return entry;
}

guint
corrald_pool_tree_prune(CorraldPoolTree *tree, GHashTable *known)
{
    GHashTableIter iter;
    gpointer key;
    guint n = 0;

    g_hash_table_iter_init(&iter, tree->vms);
    while (g_hash_table_iter_next(&iter, &key, NULL))
        if (!g_hash_table_contains(known, key)) {
            g_hash_table_iter_remove(&iter);
            n++;
        }
    return n;
}

/* The file */

static gboolean
damaged(GError **error, const char *path, const char *what)
{
    g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_FAILED, "%s: damaged: %s", path, what);
    return FALSE;
}

static gboolean
read_resources(json_object *item, const char *path, CorralResources *resources, GError **error)
{
    json_object *json = NULL;
    g_autoptr(GError) local = NULL;
    CorralResources *decoded;

    if (!json_object_object_get_ex(item, "resources", &json))
        return damaged(error, path, "an entry has no resources");
    decoded = corral_codec_from_json(&corral_resources_type, json, CORRAL_DECODE_DEFAULT, &local);
    if (decoded == NULL)
        return damaged(error, path, local->message);
    resources_copy(resources, decoded);
    g_free(decoded);
    return TRUE;
}

static gboolean
read_pools(CorraldPoolTree *tree, json_object *array, const char *path, GError **error)
{
    for (size_t i = 0; i < json_object_array_length(array); i++) {
        json_object *item = json_object_array_get_idx(array, i);
        json_object *id, *parent, *name;
        CorralResources resources;
        CorraldPoolNode *parent_node;

        if (!json_object_object_get_ex(item, "id", &id) ||
            !json_object_object_get_ex(item, "parent", &parent) ||
            !json_object_object_get_ex(item, "name", &name) ||
            !json_object_is_type(name, json_type_string) || json_object_get_int64(id) <= 0 ||
            corral_name_validate(json_object_get_string(name), NULL) == FALSE)
            return damaged(error, path, "a pool lacks its id, parent or name");
        parent_node = corrald_pool_tree_get(tree, (guint)json_object_get_int64(parent));
        if (parent_node == NULL ||
            corrald_pool_tree_get(tree, (guint)json_object_get_int64(id)) != NULL)
            return damaged(error, path, "a pool's parent comes after it, or ids repeat");
        if (!read_resources(item, path, &resources, error))
            return FALSE;
        g_ptr_array_add(tree->pools, node_new((guint)json_object_get_int64(id), parent_node->id,
                                              json_object_get_string(name), &resources));
        tree->next_id = MAX(tree->next_id, (guint)json_object_get_int64(id) + 1);
    }
    return TRUE;
}

static gboolean
read_vms(CorraldPoolTree *tree, json_object *array, const char *path, GError **error)
{
    for (size_t i = 0; i < json_object_array_length(array); i++) {
        json_object *item = json_object_array_get_idx(array, i);
        json_object *id, *pool;
        CorraldVmEntry *entry;

        if (!json_object_object_get_ex(item, "id", &id) ||
            !json_object_object_get_ex(item, "pool", &pool) ||
            !g_uuid_string_is_valid(json_object_get_string(id)) ||
            corrald_pool_tree_get(tree, (guint)json_object_get_int64(pool)) == NULL)
            return damaged(error, path, "a vm entry lacks its id or names no known pool");
        entry = corrald_pool_tree_vm_ensure(tree, json_object_get_string(id));
        entry->pool = (guint)json_object_get_int64(pool);
        if (!read_resources(item, path, &entry->resources, error))
            return FALSE;
    }
    return TRUE;
}

CorraldPoolTree *
corrald_pool_tree_load(const char *path, GError **error)
{
    g_autoptr(CorraldPoolTree) tree = NULL;
    g_autofree char *text = NULL;
    gsize len = 0;
    g_autoptr(GError) local = NULL;
    g_autoptr(json_object) json = NULL;
    json_object *version, *tag, *pools, *vms, *next_id;

    if (!g_file_get_contents(path, &text, &len, &local)) {
        if (g_error_matches(local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
            return corrald_pool_tree_new();
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_FAILED, "%s", local->message);
        return NULL;
    }
    json = corral_json_parse(text, len, path, error);
    if (json == NULL)
        return NULL;
    if (!json_object_object_get_ex(json, "version", &version) ||
        json_object_get_int(version) != FILE_VERSION ||
        !json_object_object_get_ex(json, "tag", &tag) ||
        !json_object_is_type(tag, json_type_string) ||
        !json_object_object_get_ex(json, "pools", &pools) ||
        !json_object_is_type(pools, json_type_array) ||
        !json_object_object_get_ex(json, "vms", &vms) ||
        !json_object_is_type(vms, json_type_array)) {
        damaged(error, path, "expected version 1 with a tag, pools and vms");
        return NULL;
    }
    tree = tree_alloc();
    tree->tag = g_strdup(json_object_get_string(tag));
    if (!g_regex_match_simple("^[0-9a-f]{8}$", tree->tag, 0, 0)) {
        damaged(error, path, "the tag is not 8 hex digits");
        return NULL;
    }
    add_root(tree);
    if (!read_pools(tree, pools, path, error) || !read_vms(tree, vms, path, error))
        return NULL;
    if (json_object_object_get_ex(json, "next_id", &next_id))
        tree->next_id = MAX(tree->next_id, (guint)json_object_get_int64(next_id));
    return g_steal_pointer(&tree);
}

static gint
compare_entries(gconstpointer a, gconstpointer b)
{
    const CorraldVmEntry *x = *(const CorraldVmEntry *const *)a;
    const CorraldVmEntry *y = *(const CorraldVmEntry *const *)b;

    return g_strcmp0(x->id, y->id);
}

gboolean
corrald_pool_tree_save(const CorraldPoolTree *tree, const char *path, GError **error)
{
    g_autoptr(json_object) json = json_object_new_object();
    json_object *pools = json_object_new_array();
    json_object *vms = json_object_new_array();
    g_autoptr(GPtrArray) entries = corrald_pool_tree_vm_entries(tree);
    const char *text;

    for (guint i = 1; i < tree->pools->len; i++) {
        const CorraldPoolNode *pool = tree->pools->pdata[i];
        json_object *item = json_object_new_object();

        json_object_object_add(item, "id", json_object_new_int64(pool->id));
        json_object_object_add(item, "parent", json_object_new_int64(pool->parent));
        json_object_object_add(item, "name", json_object_new_string(pool->name));
        json_object_object_add(item, "resources",
                               corral_codec_to_json(&corral_resources_type, &pool->resources));
        json_object_array_add(pools, item);
    }
    g_ptr_array_sort(entries, compare_entries);
    for (guint i = 0; i < entries->len; i++) {
        const CorraldVmEntry *entry = entries->pdata[i];
        json_object *item = json_object_new_object();

        json_object_object_add(item, "id", json_object_new_string(entry->id));
        json_object_object_add(item, "pool", json_object_new_int64(entry->pool));
        json_object_object_add(item, "resources",
                               corral_codec_to_json(&corral_resources_type, &entry->resources));
        json_object_array_add(vms, item);
    }
    json_object_object_add(json, "version", json_object_new_int(FILE_VERSION));
    json_object_object_add(json, "tag", json_object_new_string(tree->tag));
    json_object_object_add(json, "next_id", json_object_new_int64(tree->next_id));
    json_object_object_add(json, "pools", pools);
    json_object_object_add(json, "vms", vms);
    text = json_object_to_json_string_ext(json, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED);
    return corral_atomic_write(path, text, strlen(text), 0600, error);
}
