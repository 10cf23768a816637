/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The inventory of one host as the client shows it: the host node, its
 * resource pools nested under it, each guest under its pool, and the
 * "Datastores" and "Networks" groups; plus a flat list of every guest for
 * searching. Whole lists from the API (GET /vms, /pools, /datastores,
 * /networks) are merged into the tree keeping the nodes that stay, so rows,
 * selection and open pages survive a refresh; one guest's answer updates
 * its node in place. What an event of the long poll makes stale is decided
 * by one table (corral_inventory_refresh_for_event). Main thread only; no
 * GTK, so it is tested without a display.
 */
#pragma once

#include <gio/gio.h>

#include "client/corral-node.h"
#include "protocol/objects.h"

G_BEGIN_DECLS

/* What an event makes stale. */
typedef enum {
    CORRAL_REFRESH_NONE = 0,
    CORRAL_REFRESH_VM = 1 << 0,      /* GET /vms/{target} */
    CORRAL_REFRESH_VM_GONE = 1 << 1, /* the guest {target} no longer exists */
    CORRAL_REFRESH_VMS = 1 << 2,     /* GET /vms */
    CORRAL_REFRESH_POOLS = 1 << 3,
    CORRAL_REFRESH_DATASTORES = 1 << 4,
    CORRAL_REFRESH_TASK = 1 << 5, /* GET /tasks */
    CORRAL_REFRESH_HOST = 1 << 6,
    CORRAL_REFRESH_NETWORKS = 1 << 7,
} CorralRefresh;

#define CORRAL_TYPE_INVENTORY (corral_inventory_get_type())
G_DECLARE_FINAL_TYPE(CorralInventory, corral_inventory, CORRAL, INVENTORY, GObject)

/* The inventory of the host @host_port, labelled @host_port until
 * corral_inventory_set_host() names it. */
CorralInventory *corral_inventory_new(const char *host_port);

CorralNode *corral_inventory_get_root(CorralInventory *self);

/* The folder view of the same host: its own host node, the folders, and
 * the guest nodes of this inventory in them (corral-folder-tree.h). */
CorralNode *corral_inventory_get_folder_root(CorralInventory *self);

/* Every guest node, flat, in no particular order. */
GListModel *corral_inventory_get_vms(CorralInventory *self);

CorralNode *corral_inventory_lookup_vm(CorralInventory *self, const char *id);
CorralNode *corral_inventory_lookup_pool(CorralInventory *self, const char *path);
CorralNode *corral_inventory_lookup_datastore(CorralInventory *self, const char *name);
/* The folder node of @path in the folder view, or NULL. */
CorralNode *corral_inventory_lookup_folder(CorralInventory *self, const char *path);

/* Each takes its argument over. */
void corral_inventory_set_host(CorralInventory *self, CorralHost *host);
void corral_inventory_set_vms(CorralInventory *self, GPtrArray *vms);
void corral_inventory_update_vm(CorralInventory *self, CorralVm *vm);
void corral_inventory_set_pools(CorralInventory *self, GPtrArray *pools);
void corral_inventory_set_datastores(CorralInventory *self, GPtrArray *datastores);
void corral_inventory_set_networks(CorralInventory *self, GPtrArray *networks);

/* Whether the client is trying to reach the host again: its label says
 * so meanwhile. */
void corral_inventory_set_reconnecting(CorralInventory *self, gboolean reconnecting);

void corral_inventory_remove_vm(CorralInventory *self, const char *id);

/* What @event (its `kind`) makes stale. */
CorralRefresh corral_inventory_refresh_for_event(const CorralEvent *event);

G_END_DECLS
