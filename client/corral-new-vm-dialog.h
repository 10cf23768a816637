/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The new-guest wizard: name and pool, then datastore and disk size, then
 * vCPUs, memory and network, then a review; Create sends POST /vms, whose
 * task shows in Recent Tasks, and a refusal is shown in place.
 */
#pragma once

#include <gtk/gtk.h>

#include "client/corral-host-connection.h"

G_BEGIN_DECLS

#define CORRAL_TYPE_NEW_VM_DIALOG (corral_new_vm_dialog_get_type())
G_DECLARE_FINAL_TYPE(CorralNewVmDialog, corral_new_vm_dialog, CORRAL, NEW_VM_DIALOG, GtkWindow)

CorralNewVmDialog *corral_new_vm_dialog_new(GtkWindow *parent, CorralHostConnection *connection,
                                            const char *pool);

G_END_DECLS
