/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The guest page: Summary (state, guest OS, CPU, memory, disks, NICs, the
 * console thumbnail, power buttons, edit settings), Resource Allocation,
 * Performance, Snapshots, Events and Console. The console tab and the
 * summary's thumbnail hold placeholders until the console view of
 * client/vnc/ (issue #8) puts its widgets there with
 * corral_vm_page_set_console_widgets().
 */
#pragma once

#include <gtk/gtk.h>

#include "client/corral-host-connection.h"

G_BEGIN_DECLS

#define CORRAL_TYPE_VM_PAGE (corral_vm_page_get_type())
G_DECLARE_FINAL_TYPE(CorralVmPage, corral_vm_page, CORRAL, VM_PAGE, GtkBox)

void corral_vm_page_set_node(CorralVmPage *self, CorralNode *node,
                             CorralHostConnection *connection);

/* Shows a tab: summary, resources, performance, snapshots, events, console. */
void corral_vm_page_show_tab(CorralVmPage *self, const char *tab);

/* Opens the settings of the guest for editing (vCPUs, memory). */
void corral_vm_page_edit_settings(CorralVmPage *self);

/* For the console view: the guest shown (its node and connection), and the
 * place of the console: @console replaces the Console tab's placeholder and
 * @thumbnail (may be NULL) the summary's. The page keeps them across guests;
 * the caller follows "notify::guest" to switch what they show. */
CorralNode *corral_vm_page_get_node(CorralVmPage *self);
CorralHostConnection *corral_vm_page_get_connection(CorralVmPage *self);
void corral_vm_page_set_console_widgets(CorralVmPage *self, GtkWidget *console,
                                        GtkWidget *thumbnail);

G_END_DECLS
