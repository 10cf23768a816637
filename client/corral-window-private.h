/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * What corral-window.c and corral-window-actions.c share: the instance and
 * the selection helpers.
 */
#pragma once

#include "client/corral-window.h"

#include "client/corral-datastore-page.h"
#include "client/corral-host-page.h"
#include "client/corral-pool-page.h"
#include "client/corral-tasks-pane.h"
#include "client/corral-vm-page.h"

G_BEGIN_DECLS

struct _CorralWindow {
    GtkApplicationWindow parent_instance;

    GtkSearchEntry *search;
    GtkListView *tree;
    GtkLabel *status;
    GtkStack *pages;
    GtkLabel *other_label;
    CorralHostPage *host_page; /* the pages: NULL until first shown */
    CorralVmPage *vm_page;
    CorralPoolPage *pool_page;
    CorralDatastorePage *datastore_page;
    CorralTasksPane *tasks_pane;

    GtkToggleButton *folder_view; /* pressed: "VMs and Templates" */
    GtkTreeListModel *tree_model;
    GtkTreeListModel *folder_model; /* made when first shown */
    GtkFilterListModel *search_model;
    GtkCustomFilter *search_filter;
    char *query; /* folded */
    GtkMultiSelection *selection;
    CorralNode *current; /* the node whose page is shown */
    gulong current_handler;
};

/* The selected nodes, in order (new references). */
GPtrArray *corral_window_selected_nodes(CorralWindow *self);

/* The connection that @node belongs to (a new reference), or NULL. */
CorralHostConnection *corral_window_connection_of(CorralNode *node);

/* Installs the window's actions and keeps their enabled state. */
void corral_window_actions_init(CorralWindow *self);
void corral_window_actions_update(CorralWindow *self);

/* Opens the connect dialog, optionally for @host as @user. */
void corral_window_connect(CorralWindow *self, const char *host, const char *user);

/* A connection has come up: its host joins the tree and is shown, and is
 * remembered for the next start. */
void corral_window_host_connected(CorralWindow *self, CorralHostConnection *connection);

/* Disconnects the host of the page shown and forgets it. */
void corral_window_disconnect_current(CorralWindow *self);

G_END_DECLS
