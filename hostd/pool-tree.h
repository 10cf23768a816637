/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The resource pool tree as corrald keeps it: pools with their names,
 * parents and resources, and the guests that were placed in a pool or given
 * resources of their own. Guests it does not know are in the root pool "/"
 * with the default resources.
 *
 * Each pool has a number that never changes, so its cgroup partition stays
 * the same when the pool is renamed: the partition of pool N is its
 * parent's partition plus "corral-TAG-N", where TAG is a random word of
 * this tree (two corralds on one host, as in tests, never share a
 * partition). The root pool's partition is libvirt's default, /machine.
 *
 * A plain value: no locking, no I/O but load and save. The pool manager
 * changes a copy, checks it and then swaps it in, so a refused change leaves
 * nothing behind. Persisted as JSON (STATE_DIR/pools.json), written
 * atomically.
 */
#pragma once

#include <glib.h>

#include "protocol/objects.h"

G_BEGIN_DECLS

#define CORRALD_POOL_ROOT 0

typedef struct {
    guint id; /* CORRALD_POOL_ROOT for the root */
    guint parent;
    char *name;
    CorralResources resources; /* everything present, values filled */
} CorraldPoolNode;

typedef struct {
    char *id;                  /* the guest's UUID */
    guint pool;                /* the id of its pool */
    CorralResources resources; /* what was set for it; present bits tell what */
} CorraldVmEntry;

typedef struct CorraldPoolTree CorraldPoolTree;

/* A tree with the root pool only. */
CorraldPoolTree *corrald_pool_tree_new(void);
CorraldPoolTree *corrald_pool_tree_copy(const CorraldPoolTree *tree);
void corrald_pool_tree_free(CorraldPoolTree *tree);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CorraldPoolTree, corrald_pool_tree_free)

/* Reads @path; a missing file is a new tree, a damaged one an error. */
CorraldPoolTree *corrald_pool_tree_load(const char *path, GError **error);
gboolean corrald_pool_tree_save(const CorraldPoolTree *tree, const char *path, GError **error);

/* The pools, each parent before its children; borrowed. */
const GPtrArray *corrald_pool_tree_pools(const CorraldPoolTree *tree);

/* The guests with an entry, in no order (CorraldVmEntry); borrowed. */
GPtrArray *corrald_pool_tree_vm_entries(const CorraldPoolTree *tree);

CorraldPoolNode *corrald_pool_tree_get(const CorraldPoolTree *tree, guint id);

/* The pool at @path ("/", "/a/b"), or NULL and CORRALD_ERROR_POOL_NOT_FOUND. */
CorraldPoolNode *corrald_pool_tree_find(const CorraldPoolTree *tree, const char *path,
                                        GError **error);

char *corrald_pool_tree_path(const CorraldPoolTree *tree, const CorraldPoolNode *pool);

/* libvirt's <partition> of @pool: "/machine" for the root. */
char *corrald_pool_tree_partition(const CorraldPoolTree *tree, const CorraldPoolNode *pool);

/* The direct child pools of @pool, in creation order. */
GPtrArray *corrald_pool_tree_children(const CorraldPoolTree *tree, const CorraldPoolNode *pool);

/* Whether @pool is @ancestor or lies below it. */
gboolean corrald_pool_tree_is_within(const CorraldPoolTree *tree, const CorraldPoolNode *pool,
                                     const CorraldPoolNode *ancestor);

/* Adds a pool called @name under @parent with @resources (all present);
 * CORRALD_ERROR_EXISTS when @parent has a child of that name. */
CorraldPoolNode *corrald_pool_tree_add(CorraldPoolTree *tree, CorraldPoolNode *parent,
                                       const char *name, const CorralResources *resources,
                                       GError **error);

/* Renames and/or moves @pool (NULL @name keeps it, NULL @parent keeps it);
 * refuses a name a sibling has and a parent inside @pool. */
gboolean corrald_pool_tree_rename(CorraldPoolTree *tree, CorraldPoolNode *pool, const char *name,
                                  CorraldPoolNode *parent, GError **error);

/* Removes @pool. With child pools or guests it is refused
 * (CORRALD_ERROR_CONFLICT) unless @move, which hands them to its parent. */
gboolean corrald_pool_tree_remove(CorraldPoolTree *tree, CorraldPoolNode *pool, gboolean move,
                                  GError **error);

/* The guests placed directly in @pool (UUIDs, sorted). */
GPtrArray *corrald_pool_tree_vms_in(const CorraldPoolTree *tree, const CorraldPoolNode *pool);

/* The entry of guest @id, or NULL (root pool, default resources). */
CorraldVmEntry *corrald_pool_tree_vm(const CorraldPoolTree *tree, const char *id);

/* The entry of guest @id, made when missing. */
CorraldVmEntry *corrald_pool_tree_vm_ensure(CorraldPoolTree *tree, const char *id);

/* Drops guests that are not in @known (UUIDs); returns how many. */
guint corrald_pool_tree_prune(CorraldPoolTree *tree, GHashTable *known);

/* Pools' default resources: normal shares, nothing reserved, no limit,
 * expandable. */
void corrald_pool_tree_default_resources(CorralResources *resources);

/* Applies the fields of @patch that are present (at any depth) to
 * @resources. */
void corrald_resources_merge(CorralResources *resources, const CorralResources *patch);

G_END_DECLS
