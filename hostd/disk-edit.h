/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * PATCH /vms/{id} with `disks`: the list sent replaces the guest's disks.
 * The old and the new list are matched up: hard disks by datastore,
 * volume and bus, CD-ROM drives by their order among the CD-ROMs (so the
 * same list with another ISO, or with no datastore and volume, puts
 * another disc in a drive or ejects it). What is left over is removed
 * (detached only: volumes are never deleted here) or added (a new qcow2
 * volume when size_bytes is given and the volume does not exist).
 *
 * The persistent XML is edited here and defined by the caller, together
 * with the other fields of the PATCH. A running guest then gets what can
 * change live: discs inserted and ejected, virtio disks plugged and
 * unplugged. The rest (adding or removing a CD-ROM drive, a sata, scsi or
 * ide disk) waits for the guest's next start, and the edit says so.
 *
 * Blocks on libvirt; callable from any thread.
 */
#pragma once

#include <glib.h>
#include <libvirt/libvirt.h>

#include "protocol/objects.h"

G_BEGIN_DECLS

typedef struct CorraldDiskEdit CorraldDiskEdit;

/* Checks @disks, makes the volumes they need and works out the new
 * persistent XML from @xml (the guest's persistent XML now). Nothing is
 * left behind when it fails. */
CorraldDiskEdit *corrald_disk_edit_new(virDomainPtr domain, const char *xml, const GPtrArray *disks,
                                       GError **error);

/* The persistent XML with the new disks. */
const char *corrald_disk_edit_get_xml(const CorraldDiskEdit *edit);

/* After the caller defined the new XML: applies to a running guest what
 * can change live. When a step fails, the steps before it are undone and
 * it fails. @deferred is set when some change waits for the next start. */
gboolean corrald_disk_edit_apply_live(CorraldDiskEdit *edit, gboolean *deferred, GError **error);

/* Removes the volumes made for the edit, when a later step failed. */
void corrald_disk_edit_undo(CorraldDiskEdit *edit);

void corrald_disk_edit_free(CorraldDiskEdit *edit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CorraldDiskEdit, corrald_disk_edit_free)

G_END_DECLS
