/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Recent Tasks: every host's tasks and the client's own operations, newest
 * first, in a GtkColumnView with the task, its target and host, its state,
 * a progress bar, its start time and, when it failed, why. Rows follow
 * their item, so progress moves without rebuilding the list.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CORRAL_TYPE_TASKS_PANE (corral_tasks_pane_get_type())
G_DECLARE_FINAL_TYPE(CorralTasksPane, corral_tasks_pane, CORRAL, TASKS_PANE, GtkBox)

/* @tasks: CorralObjectItem of CorralTask. */
void corral_tasks_pane_set_model(CorralTasksPane *self, GListModel *tasks);

G_END_DECLS
