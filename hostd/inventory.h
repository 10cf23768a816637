/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The guests as libvirt holds them, in the API's terms: lookups by UUID,
 * the state mapping, the guest list, a guest's details, and the operations
 * the handlers offer (create, edit, delete, power, snapshots). Everything
 * here takes a libvirt connection, not the daemon, so the unit tests run it
 * on libvirt's test:///default driver. Callable from any thread (libvirt
 * connections are thread-safe); every call blocks on libvirt.
 *
 * The g_autoptr cleanups of libvirt's handles are defined here, once.
 */
#pragma once

#include <glib.h>
#include <libvirt/libvirt.h>

#include "protocol/objects.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomain, virDomainFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainSnapshot, virDomainSnapshotFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virNetwork, virNetworkFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virStoragePool, virStoragePoolFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virStorageVol, virStorageVolFree)

/* The API's state of a guest in libvirt's state @state (virDomainState);
 * a shut-off guest with a managed save image is "suspended". */
CorralVmState corrald_vm_state_from_libvirt(int state, gboolean managed_save);

/* A guest's state, asking libvirt. */
gboolean corrald_inventory_state(virDomainPtr domain, CorralVmState *state, GError **error);

/* The guest with UUID @id: a malformed id is CORRALD_ERROR_BAD_REQUEST, an
 * unknown one CORRALD_ERROR_VM_NOT_FOUND. */
virDomainPtr corrald_inventory_lookup(virConnectPtr conn, const char *id, GError **error);

/* Every guest as a summary (CorralVm with id, name, state, vcpus,
 * memory_bytes, pool "/", default resources; disks and NICs empty, usage
 * zero), from one virDomainGetInfo each and no XML. */
GPtrArray *corrald_inventory_list(virConnectPtr conn, GError **error);

/* The UUIDs of every guest. */
GPtrArray *corrald_inventory_list_ids(virConnectPtr conn, GError **error);

/* A guest's details from its persistent XML (its settings: what PATCH
 * changed shows at once, and applies to a running guest at its next
 * start), with its state and disk sizes. */
CorralVm *corrald_inventory_get(virDomainPtr domain, GError **error);

/* Called by long operations as they go, with a percentage. */
typedef void (*CorraldProgressFunc)(int percent, gpointer data);

/* Fails with CORRALD_ERROR_EXISTS when a guest is called @name. */
gboolean corrald_inventory_check_name_free(virConnectPtr conn, const char *name, GError **error);

/* Refuses what POST /vms cannot do (a pool other than "/", for now). */
gboolean corrald_inventory_check_spec(const CorralVmSpec *spec, GError **error);

/* Defines a new guest from @spec with UUID @uuid and domain type @type:
 * finds each disk's volume in its datastore (the libvirt storage pool of
 * that name), creating a qcow2 volume when it is missing and size_bytes is
 * above 0, and each CD-ROM's ISO file (vm-disks.h), then defines the
 * domain. Volumes made here are removed again if a later step fails. */
virDomainPtr corrald_inventory_create(virConnectPtr conn, const CorralVmSpec *spec,
                                      const char *uuid, const char *type,
                                      CorraldProgressFunc progress, gpointer data, GError **error);

/* Applies a PATCH (vcpus, memory_bytes, guest_os, name, disks) to the
 * persistent configuration; a rename needs the guest shut off. The disks
 * replace the guest's (disk-edit.h), and a running guest gets at once what
 * it can take live. Changes nothing when it fails. Other fields of @patch
 * are refused with CORRALD_ERROR_INVALID. */
gboolean corrald_inventory_edit(virDomainPtr domain, const CorralVmSpec *patch, GError **error);

/* corrald_inventory_edit(), setting @restart_needed (may be NULL) when a
 * change of the disks waits for the running guest's next start. */
gboolean corrald_inventory_edit_full(virDomainPtr domain, const CorralVmSpec *patch,
                                     gboolean *restart_needed, GError **error);

/* Deletes a guest: refused with CORRALD_ERROR_INVALID_STATE while it runs
 * unless @force (which powers it off first); removes its snapshot
 * metadata, managed save image and NVRAM; with @delete_disks also the
 * volumes Corral created for it. */
gboolean corrald_inventory_delete(virDomainPtr domain, gboolean force, gboolean delete_disks,
                                  GError **error);

/* Power actions; an action that the guest's state does not allow fails with
 * CORRALD_ERROR_INVALID_STATE and a message such as "vm is already
 * running". `suspend` saves the guest to disk (libvirt's managed save), so
 * it reads as "suspended" and `on` or `resume` restores it; `resume` also
 * continues a guest that libvirt paused. */
gboolean corrald_inventory_power(virDomainPtr domain, CorralPowerAction action, GError **error);

/* Snapshots */
GPtrArray *corrald_inventory_snapshots(virDomainPtr domain, GError **error);
CorralSnapshot *corrald_inventory_snapshot_create(virDomainPtr domain,
                                                  const CorralSnapshotSpec *spec, GError **error);
gboolean corrald_inventory_snapshot_revert(virDomainPtr domain, const char *name, GError **error);
gboolean corrald_inventory_snapshot_delete(virDomainPtr domain, const char *name, GError **error);

G_END_DECLS
