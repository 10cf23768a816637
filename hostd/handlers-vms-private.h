/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * What the guest handlers (handlers-vms.c, handlers-snapshots.c) share:
 * finding the call's guest and answering with a guest.
 */
#pragma once

#include "hostd/call.h"
#include "hostd/inventory.h"

G_BEGIN_DECLS

/* The guest named by the call's {id}. */
virDomainPtr corrald_call_lookup_vm(CorraldCall *call, GError **error);

/* Answers @status with @domain's details, pool and usage. */
gboolean corrald_call_reply_vm(CorraldCall *call, guint status, virDomainPtr domain,
                               GError **error);

G_END_DECLS
