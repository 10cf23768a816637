/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The application: one instance per session, one main window, the hosts it
 * is connected to (their inventory roots in one list the window's tree
 * shows) and the Recent Tasks of all of them. Main thread only.
 */
#pragma once

#include <gtk/gtk.h>

#include "client/corral-host-connection.h"

G_BEGIN_DECLS

#define CORRAL_APPLICATION_ID "org.corral.Client"

#define CORRAL_TYPE_APPLICATION (corral_application_get_type())
G_DECLARE_FINAL_TYPE(CorralApplication, corral_application, CORRAL, APPLICATION, GtkApplication)

CorralApplication *corral_application_new(void);

/* The host nodes (CorralNode), one per connection, in connection order. */
GListModel *corral_application_get_hosts(CorralApplication *self);

/* The Recent Tasks of every host, newest host first. */
GListModel *corral_application_get_tasks(CorralApplication *self);

/* The connection of @host_port, or NULL. */
CorralHostConnection *corral_application_lookup(CorralApplication *self, const char *host_port);

/* Adds a connection that has connected (its host node joins the tree). */
void corral_application_add_connection(CorralApplication *self, CorralHostConnection *connection);

/* Disconnects @connection and takes its host out of the tree and its tasks
 * out of Recent Tasks. */
void corral_application_remove_connection(CorralApplication *self,
                                          CorralHostConnection *connection);

/* Called when the window has drawn an inventory of @n_guests guests; with
 * --timing the first call prints "inventory shown: N guests in X ms"
 * (milliseconds since start) on standard output. */
void corral_application_inventory_shown(CorralApplication *self, guint n_guests);

/* The application's settings (GSettings org.corral.Client), or NULL when
 * its schema is not installed. */
GSettings *corral_application_get_settings(CorralApplication *self);

G_END_DECLS
