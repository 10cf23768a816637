/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * One row of the inventory tree as a single widget: the indent of its
 * depth, the expander triangle, the node's icon and its label, drawn
 * rather than built of a GtkTreeExpander, a box, an image and a label.
 * GTK 4.8's list view keeps about 200 rows however few are on screen, and
 * at seven widgets a row they were 3 MB of the client's heap whenever the
 * inventory had 200 nodes or more (see corral-tree-row.c).
 */
#pragma once

#include <gtk/gtk.h>

#include "client/corral-node.h"

G_BEGIN_DECLS

#define CORRAL_TYPE_TREE_ROW (corral_tree_row_get_type())
G_DECLARE_FINAL_TYPE(CorralTreeRow, corral_tree_row, CORRAL, TREE_ROW, GtkWidget)

GtkWidget *corral_tree_row_new(void);

/* Shows @item: a GtkTreeListRow whose item is a CorralNode (the tree), or
 * a CorralNode itself (the flat list of a search); NULL shows nothing. */
void corral_tree_row_bind(CorralTreeRow *self, gpointer item);

/* Keys for the focused row of @view, as GtkTreeExpander has them: plus or
 * asterisk expands, minus or slash collapses, Shift+Right and Shift+Left
 * expand and collapse. They sit on the view because the row itself never
 * takes the focus from its list item. */
void corral_tree_row_add_shortcuts(GtkWidget *view);

G_END_DECLS
