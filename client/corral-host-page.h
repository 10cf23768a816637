/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The host page: Summary (hardware, version, usage, management network,
 * certificate thumbprint), Performance (host CPU, memory, disk and network
 * over the last hour) and Events.
 */
#pragma once

#include <gtk/gtk.h>

#include "client/corral-host-connection.h"

G_BEGIN_DECLS

#define CORRAL_TYPE_HOST_PAGE (corral_host_page_get_type())
G_DECLARE_FINAL_TYPE(CorralHostPage, corral_host_page, CORRAL, HOST_PAGE, GtkBox)

void corral_host_page_set_connection(CorralHostPage *self, CorralHostConnection *connection);
void corral_host_page_show_tab(CorralHostPage *self, const char *tab);

G_END_DECLS
