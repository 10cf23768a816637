/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The storage behind a guest's disks, in the API's terms and libvirt's:
 * finding or making the volume of each hard disk (a new qcow2 volume when
 * it is missing and size_bytes is above 0), finding the ISO file of each
 * CD-ROM, confined to its datastore's directory exactly as the datastore
 * file API is (datastore-files.h: no absolute paths, no "..", no link that
 * leads out), and the way back, from the disks in domain XML to
 * datastores, volumes and sizes. POST /vms and PATCH /vms/{id} both plan
 * their disks here, so a volume made for a request that then fails is
 * removed again.
 *
 * Blocks on libvirt; callable from any thread.
 */
#pragma once

#include <glib.h>
#include <libvirt/libvirt.h>

#include "hostd/domain-xml.h"
#include "hostd/inventory.h"

G_BEGIN_DECLS

typedef struct {
    virConnectPtr conn;
    guint n;
    CorraldDiskPlan *plans; /* one per disk */
    GPtrArray *strings;     /* the formats and files the plans point to */
    GPtrArray *created;     /* CorralVmDisk: the volumes made for them */
} CorraldVmDisks;

/* Checks what the codec cannot: every disk has a bus (PATCH bodies are
 * decoded without required fields, so @partial runs the codec's own disk
 * check too), and CD-ROMs are on sata or ide. @what names the list in
 * messages ("vm-spec.disks"). */
gboolean corrald_vm_disks_check(const GPtrArray *disks, const char *what, gboolean partial,
                                GError **error);

/* Finds the ISO of each CD-ROM of @disks without keeping anything: what
 * POST /vms refuses at once, before its task starts. */
gboolean corrald_vm_disks_check_isos(virConnectPtr conn, const GPtrArray *disks, const char *what,
                                     GError **error);

/* Plans @disks: each hard disk's volume is found, or made when it is
 * missing and its size_bytes is above 0; each CD-ROM's ISO is found in its
 * datastore. On failure nothing made here is left. @progress (may be NULL)
 * is told up to 80 %. */
CorraldVmDisks *corrald_vm_disks_prepare(virConnectPtr conn, const GPtrArray *disks,
                                         const char *what, CorraldProgressFunc progress,
                                         gpointer data, GError **error);

/* Removes the volumes that corrald_vm_disks_prepare() made, for a later
 * step that failed; they are forgotten, so it is safe to call again. */
void corrald_vm_disks_undo(CorraldVmDisks *disks);

void corrald_vm_disks_free(CorraldVmDisks *disks);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CorraldVmDisks, corrald_vm_disks_free)

/* The ISO file @path of datastore @datastore (a dir or NFS datastore) as a
 * path on the host: the datastore's directory, then the path as the
 * confined open resolved it (so no link below the directory remains).
 * Refused: a malformed path (CORRALD_ERROR_BAD_REQUEST), one that leads out
 * (CORRALD_ERROR_FORBIDDEN), a missing file (CORRALD_ERROR_NOT_FOUND), a
 * folder or other non-file (CORRALD_ERROR_INVALID), an iSCSI datastore
 * (CORRALD_ERROR_INVALID). @size gets the file's size. */
char *corrald_vm_disks_iso_file(virConnectPtr conn, const char *datastore, const char *path,
                                gint64 *size, GError **error);

/* Deletes a volume, logging (not failing) when it cannot. */
void corrald_vm_disks_delete_volume(virConnectPtr conn, const char *datastore, const char *volume);

/* Completes the disks of @vm as corrald_domain_xml_parse() read them:
 * sizes, the datastore and volume of file-backed disks, the datastore and
 * path of CD-ROM ISOs. Disks that no datastore holds are left out, and so
 * is their entry in @devs (the targets, in the same order) when given. */
void corrald_vm_disks_resolve(virConnectPtr conn, CorralVm *vm, GPtrArray *devs);

G_END_DECLS
