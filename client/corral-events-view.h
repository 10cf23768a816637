/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A list of a host's events, newest first: time, message and user; limited
 * to one target (a guest's UUID) when asked. A GtkFilterListModel over the
 * connection's event list, so it follows the long poll by itself.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CORRAL_TYPE_EVENTS_VIEW (corral_events_view_get_type())
G_DECLARE_FINAL_TYPE(CorralEventsView, corral_events_view, CORRAL, EVENTS_VIEW, GtkBox)

GtkWidget *corral_events_view_new(void);

/* @events: CorralObjectItem of CorralEvent; @target NULL for all. */
void corral_events_view_set_events(CorralEventsView *self, GListModel *events, const char *target);

G_END_DECLS
