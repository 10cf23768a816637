/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The handlers of the route table, grouped by the file that holds them.
 */
#pragma once

#include "hostd/call.h"

G_BEGIN_DECLS

/* handlers-session.c */
gboolean corrald_handle_about(CorraldCall *call, GError **error);
gboolean corrald_handle_login(CorraldCall *call, GError **error);
gboolean corrald_handle_logout(CorraldCall *call, GError **error);

/* handlers-users.c */
gboolean corrald_handle_user_list(CorraldCall *call, GError **error);
gboolean corrald_handle_user_create(CorraldCall *call, GError **error);
gboolean corrald_handle_user_edit(CorraldCall *call, GError **error);
gboolean corrald_handle_user_delete(CorraldCall *call, GError **error);

/* handlers-network.c */
gboolean corrald_handle_host_network(CorraldCall *call, GError **error);
gboolean corrald_handle_host_network_confirm(CorraldCall *call, GError **error);
/* Confirms a pending network change when a login arrived over one of the
 * new management addresses. */
void corrald_network_confirm_by_login(CorraldDaemon *daemon, const char *server_address,
                                      const char *user);

/* handlers-host.c */
gboolean corrald_handle_host(CorraldCall *call, GError **error);
gboolean corrald_handle_host_stats(CorraldCall *call, GError **error);
gboolean corrald_handle_networks(CorraldCall *call, GError **error);

/* handlers-pools.c */
gboolean corrald_handle_pool_list(CorraldCall *call, GError **error);
gboolean corrald_handle_pool_create(CorraldCall *call, GError **error);
gboolean corrald_handle_pool_get(CorraldCall *call, GError **error);
gboolean corrald_handle_pool_edit(CorraldCall *call, GError **error);
gboolean corrald_handle_pool_delete(CorraldCall *call, GError **error);
gboolean corrald_handle_vm_resources(CorraldCall *call, GError **error);
gboolean corrald_handle_vm_move(CorraldCall *call, GError **error);

/* handlers-datastores.c */
gboolean corrald_handle_datastore_list(CorraldCall *call, GError **error);
gboolean corrald_handle_datastore_add(CorraldCall *call, GError **error);
gboolean corrald_handle_datastore_get(CorraldCall *call, GError **error);
gboolean corrald_handle_datastore_remove(CorraldCall *call, GError **error);
gboolean corrald_handle_datastore_files(CorraldCall *call, GError **error);
gboolean corrald_handle_datastore_download(CorraldCall *call, GError **error);
gboolean corrald_handle_datastore_upload(CorraldCall *call, GError **error);
gboolean corrald_handle_datastore_mkdir(CorraldCall *call, GError **error);
gboolean corrald_handle_datastore_file_delete(CorraldCall *call, GError **error);

/* handlers-vms.c */
gboolean corrald_handle_vm_list(CorraldCall *call, GError **error);
gboolean corrald_handle_vm_create(CorraldCall *call, GError **error);
gboolean corrald_handle_vm_get(CorraldCall *call, GError **error);
gboolean corrald_handle_vm_edit(CorraldCall *call, GError **error);
gboolean corrald_handle_vm_delete(CorraldCall *call, GError **error);
gboolean corrald_handle_vm_power(CorraldCall *call, GError **error);
gboolean corrald_handle_vm_stats(CorraldCall *call, GError **error);

/* handlers-snapshots.c */
gboolean corrald_handle_snapshot_list(CorraldCall *call, GError **error);
gboolean corrald_handle_snapshot_create(CorraldCall *call, GError **error);
gboolean corrald_handle_snapshot_revert(CorraldCall *call, GError **error);
gboolean corrald_handle_snapshot_delete(CorraldCall *call, GError **error);

/* handlers-console.c */
gboolean corrald_handle_console_ticket(CorraldCall *call, GError **error);
gboolean corrald_handle_console_open(CorraldCall *call, GError **error);

/* handlers-tasks.c */
gboolean corrald_handle_task_list(CorraldCall *call, GError **error);
gboolean corrald_handle_task_get(CorraldCall *call, GError **error);
gboolean corrald_handle_events(CorraldCall *call, GError **error);

G_END_DECLS
