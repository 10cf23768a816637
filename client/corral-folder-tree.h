/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The folder view of one host's guests ("VMs and Templates", as vSphere
 * calls it): a root node that stands for the host, its folders nested by
 * path, and each guest in the folder its payload names (CorralVm.folder;
 * "/" or none is the top). Folders exist while a guest is in them, as the
 * host keeps folders only as paths of guests. The guest nodes are the
 * inventory's own (a node may sit in several stores), so a row's state,
 * selection and page are the same in both views. Like the inventory it is
 * built on GListStores that GtkTreeListModel shows, with no GTK, and a
 * whole list is placed with one splice per folder. Main thread only.
 */
#pragma once

#include <gio/gio.h>

#include "client/corral-node.h"

G_BEGIN_DECLS

#define CORRAL_TYPE_FOLDER_TREE (corral_folder_tree_get_type())
G_DECLARE_FINAL_TYPE(CorralFolderTree, corral_folder_tree, CORRAL, FOLDER_TREE, GObject)

/* The folder view of the host whose inventory root is @host: the view's
 * root is a host node with the same id that follows @host's label. */
CorralFolderTree *corral_folder_tree_new(CorralNode *host);

CorralNode *corral_folder_tree_get_root(CorralFolderTree *self);

/* The folder node of @path, or NULL when no guest is in it or below it. */
CorralNode *corral_folder_tree_lookup(CorralFolderTree *self, const char *path);

/* Places every guest node of @vms (CorralNode with a CorralVm payload)
 * anew; guests not in @vms leave the view. */
void corral_folder_tree_set_vms(CorralFolderTree *self, GPtrArray *vms);

/* Places guest node @vm by its payload, moving it when its folder or name
 * changed. */
void corral_folder_tree_update_vm(CorralFolderTree *self, CorralNode *vm);

void corral_folder_tree_remove_vm(CorralFolderTree *self, CorralNode *vm);

G_END_DECLS
