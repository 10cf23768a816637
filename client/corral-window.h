/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The main window: the inventory of every connected host as a tree (a
 * GtkTreeListModel over the hosts' nodes, so only visible rows cost
 * widgets), a search that lists matching guests of all hosts, multi-select
 * for power operations, the selected object's page, and Recent Tasks. Its
 * title names the selected object and, for a guest, its state. Main thread
 * only.
 */
#pragma once

#include <gtk/gtk.h>

#include "client/corral-application.h"

G_BEGIN_DECLS

#define CORRAL_TYPE_WINDOW (corral_window_get_type())
G_DECLARE_FINAL_TYPE(CorralWindow, corral_window, CORRAL, WINDOW, GtkApplicationWindow)

CorralWindow *corral_window_new(CorralApplication *app);

G_END_DECLS
