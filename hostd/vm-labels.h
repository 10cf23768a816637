/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A guest's tags and folder, the operator's own labels: kept in Corral's
 * element of the domain's libvirt <metadata> (domain-xml.h), so they
 * travel with the guest's definition and outlive corrald. They are read
 * from the settings (the persistent definition), and written with
 * virDomainSetMetadata to the settings and, while the guest runs, to its
 * live definition too, so the two never disagree. Callable from any
 * thread; every call blocks on libvirt.
 */
#pragma once

#include <libvirt/libvirt.h>

#include "protocol/objects.h"

G_BEGIN_DECLS

/* Sets @vm's tags and folder from @domain's metadata: none and "/" when it
 * has none, or when libvirt cannot say (the list keeps going). */
void corrald_vm_labels_read(virDomainPtr domain, CorralVm *vm);

/* What a change replaced, to put it back. */
typedef struct CorraldVmLabelsUndo CorraldVmLabelsUndo;

/* Applies the tags and folder of @patch (those present; a patch with
 * neither changes nothing) to @domain. Either both definitions change or,
 * with an error, neither. On success *@undo can put back what was there
 * (corrald_vm_labels_undo) or be dropped (corrald_vm_labels_undo_free). */
gboolean corrald_vm_labels_apply(virDomainPtr domain, const CorralVmSpec *patch,
                                 CorraldVmLabelsUndo **undo, GError **error);

/* Puts back what the change replaced (a failure is logged), and frees @undo. */
void corrald_vm_labels_undo(CorraldVmLabelsUndo *undo);

void corrald_vm_labels_undo_free(CorraldVmLabelsUndo *undo);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CorraldVmLabelsUndo, corrald_vm_labels_undo_free)

G_END_DECLS
