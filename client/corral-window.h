/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The main window: the inventory of every connected host as a tree (a
 * GtkTreeListModel over the hosts' nodes, so only visible rows cost
 * widgets), a search that lists the matching guests, pools, datastores and
 * networks of all hosts, multi-select
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

/* Connects to @host as @user in the background with @password; without a
 * password, or when the host is not trusted yet, its certificate changed or
 * the login fails, the connect dialog opens for it, so the user decides. */
void corral_window_open_host(CorralWindow *self, const char *host, const char *user,
                             const char *password);

/* Connects again to the hosts remembered in the settings, with their
 * passwords from the keyring. */
void corral_window_reconnect_remembered(CorralWindow *self);

G_END_DECLS
