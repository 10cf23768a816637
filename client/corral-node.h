/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * One node of the inventory tree that the desktop client shows: a host, a
 * resource pool, a guest, a datastore, a network, a group that holds
 * datastores or networks, or a folder of guests (the folder view). A node
 * keeps the API object it stands for (the "payload", decoded by
 * protocol/'s codec) and, unless it is a leaf, a GListStore of its
 * children, so GtkTreeListModel can show the tree and only the rows on
 * screen cost widgets. Nodes are plain GObjects without GTK, so the model
 * is tested without a display. Main thread only.
 */
#pragma once

#include <gio/gio.h>

#include "protocol/codec.h"

G_BEGIN_DECLS

typedef enum {
    CORRAL_NODE_HOST,
    CORRAL_NODE_POOL,
    CORRAL_NODE_VM,
    CORRAL_NODE_GROUP,
    CORRAL_NODE_DATASTORE,
    CORRAL_NODE_NETWORK,
    CORRAL_NODE_FOLDER,
    CORRAL_NODE_LAST
} CorralNodeKind;

#define CORRAL_TYPE_NODE (corral_node_get_type())
G_DECLARE_FINAL_TYPE(CorralNode, corral_node, CORRAL, NODE, GObject)

/* A node of @kind; @id is the API identifier (host:port, pool path, UUID,
 * datastore or network name, or the group's own word). */
CorralNode *corral_node_new(CorralNodeKind kind, const char *id, const char *label);

CorralNodeKind corral_node_get_kind(CorralNode *self);
const char *corral_node_get_id(CorralNode *self);
const char *corral_node_get_label(CorralNode *self);
void corral_node_set_label(CorralNode *self, const char *label);

/* Guests: their CorralVmState; -1 for other nodes and guests not yet read. */
int corral_node_get_state(CorralNode *self);
void corral_node_set_state(CorralNode *self, int state);

/* The icon name of the row: by kind, and for guests by state. */
const char *corral_node_get_icon_name(CorralNode *self);

/* The children, or NULL for a guest, datastore or network. */
GListStore *corral_node_get_children(CorralNode *self);

/* The API object the node stands for, of @type (CorralVm for guests…), or
 * NULL. set takes @object over and notifies "payload". */
gpointer corral_node_get_payload(CorralNode *self, const CorralType *type);
void corral_node_set_payload(CorralNode *self, const CorralType *type, gpointer object);

/* The object that owns this node's host (a CorralHostConnection), held
 * weakly: dup returns a new reference, or NULL once it is gone. */
GObject *corral_node_dup_owner(CorralNode *self);
void corral_node_set_owner(CorralNode *self, GObject *owner);

/* Whether the node matches @folded, a query already case-folded and
 * normalised with corral_node_fold_query(): the label or one of a guest's
 * tags contains it; "tag:NAME" matches the guests that have the tag NAME
 * (whole, in any case); an empty query matches all. */
gboolean corral_node_matches(CorralNode *self, const char *folded);
char *corral_node_fold_query(const char *query);

/* Sort order within a container: pools, then guests, then groups; by
 * label in the user's collation within a kind. */
int corral_node_compare(gconstpointer a, gconstpointer b, gpointer user_data);

G_END_DECLS
