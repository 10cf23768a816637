/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The datastore page: Summary (type, source, capacity, free space) and the
 * file browser (folders, upload and download with progress in Recent
 * Tasks, new folder, delete) over GET/PUT/DELETE /datastores/{name}/files.
 */
#pragma once

#include <gtk/gtk.h>

#include "client/corral-host-connection.h"

G_BEGIN_DECLS

#define CORRAL_TYPE_DATASTORE_PAGE (corral_datastore_page_get_type())
G_DECLARE_FINAL_TYPE(CorralDatastorePage, corral_datastore_page, CORRAL, DATASTORE_PAGE, GtkBox)

void corral_datastore_page_set_node(CorralDatastorePage *self, CorralNode *node,
                                    CorralHostConnection *connection);

/* Shows the tab named @tab ("summary" or "files") if there is one. */
void corral_datastore_page_show_tab(CorralDatastorePage *self, const char *tab);

G_END_DECLS
