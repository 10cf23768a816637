/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The libvirt storage pool XML of a new datastore, from a
 * CorralDatastoreSpec: a "dir" pool for a directory, a "netfs" pool (NFS)
 * mounted at a directory of corrald's, and an "iscsi-direct" pool (libiscsi
 * inside libvirtd, no kernel initiator needed) for an iSCSI target, whose
 * LUNs become volumes. A pure function over strings, so the unit tests check
 * every type, NFS included, without a storage server.
 */
#pragma once

#include <glib.h>

#include "protocol/objects.h"

G_BEGIN_DECLS

/* The pool XML for @spec. @mount_path is where an NFS export is mounted
 * (ignored for other types); @initiator is the IQN an iSCSI datastore logs
 * in with when the spec names none. Every string is escaped. */
char *corrald_datastore_xml_build(const CorralDatastoreSpec *spec, const char *mount_path,
                                  const char *initiator);

G_END_DECLS
