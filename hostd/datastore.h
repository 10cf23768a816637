/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Datastores over libvirt's storage pools: list them with capacity, free
 * space and whether they are accessible (refreshed as they are read), add a
 * directory, an NFS export or an iSCSI target, remove one, and find the
 * directory that holds the files of a file-backed datastore. libvirt's
 * refusals are turned into messages that say what was wrong: a target that
 * does not answer, an IQN the target does not know, a name or a source that
 * is already a datastore.
 *
 * Takes a libvirt connection, not the daemon, and blocks on libvirt:
 * callable from any connection thread.
 */
#pragma once

#include <glib.h>
#include <libvirt/libvirt.h>

#include "protocol/objects.h"

G_BEGIN_DECLS

/* Where NFS exports are mounted: one directory per datastore below it. */
#define CORRALD_DATASTORE_MOUNT_DIR "/var/lib/corral/datastores"

/* Every datastore, refreshed first. A datastore whose storage went away
 * reads as not accessible; corrald tries to bring it back at most every
 * CORRALD_DATASTORE_RETRY_S seconds. */
#define CORRALD_DATASTORE_RETRY_S 30
GPtrArray *corrald_datastore_list(virConnectPtr conn, GError **error);

/* One datastore by name (CORRALD_ERROR_DATASTORE_NOT_FOUND when unknown). */
CorralDatastore *corrald_datastore_get(virConnectPtr conn, const char *name, GError **error);

/* Adds a datastore and starts it; on any failure nothing is left behind. */
CorralDatastore *corrald_datastore_add(virConnectPtr conn, const CorralDatastoreSpec *spec,
                                       GError **error);

/* Removes a datastore (its files and LUNs stay where they are). Refused
 * with CORRALD_ERROR_INVALID_STATE while a guest has a disk on it. */
gboolean corrald_datastore_remove(virConnectPtr conn, const char *name, GError **error);

/* The directory of a dir or NFS datastore that is accessible; an iSCSI
 * datastore has no files (CORRALD_ERROR_INVALID). */
char *corrald_datastore_dir(virConnectPtr conn, const char *name, GError **error);

/* The volumes of datastore @name as folder entries (files with their
 * capacity): the LUNs of an iSCSI datastore, which has no folders. LUNs
 * without capacity (LUN 0, the target's controller) are left out. */
GPtrArray *corrald_datastore_volumes(virConnectPtr conn, const char *name, GError **error);

/* Tells libvirt to look at the datastore again (new files, new LUNs). */
void corrald_datastore_refresh(virConnectPtr conn, const char *name);

/* The IQN this host logs in to iSCSI targets with: open-iscsi's
 * /etc/iscsi/initiatorname.iscsi when it has one, else one made from the
 * host name. */
char *corrald_datastore_host_iqn(void);

G_END_DECLS
