/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The resource pool page: Summary (path, child pools, guests, usage) and
 * Resource Allocation, whose admission errors corrald reports in place.
 */
#pragma once

#include <gtk/gtk.h>

#include "client/corral-host-connection.h"

G_BEGIN_DECLS

#define CORRAL_TYPE_POOL_PAGE (corral_pool_page_get_type())
G_DECLARE_FINAL_TYPE(CorralPoolPage, corral_pool_page, CORRAL, POOL_PAGE, GtkBox)

void corral_pool_page_set_node(CorralPoolPage *self, CorralNode *node,
                               CorralHostConnection *connection);
void corral_pool_page_show_tab(CorralPoolPage *self, const char *tab);

G_END_DECLS
