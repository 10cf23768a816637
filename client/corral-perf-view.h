/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The Performance tab of hosts and guests: four charts (CPU, memory, disk,
 * network) read from a stats path (/host/stats or /vms/{id}/stats) when the
 * tab is shown and every 20 s while it stays mapped.
 */
#pragma once

#include <gtk/gtk.h>

#include "client/corral-host-connection.h"

G_BEGIN_DECLS

#define CORRAL_TYPE_PERF_VIEW (corral_perf_view_get_type())
G_DECLARE_FINAL_TYPE(CorralPerfView, corral_perf_view, CORRAL, PERF_VIEW, GtkBox)

GtkWidget *corral_perf_view_new(void);
void corral_perf_view_set_source(CorralPerfView *self, CorralHostConnection *connection,
                                 const char *path);

G_END_DECLS
