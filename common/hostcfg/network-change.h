/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Part of the host configuration (hostcfg): one management network change,
 * done the same way from the direct console and from corrald's
 * PUT /host/network. The rollback guard is armed first, so that whatever
 * happens next (a hang, a crash, a change that cuts the admin off) the old
 * settings come back unless the change is confirmed in time; then the new
 * settings are saved and applied. A failure on the way restores the old
 * ones at once.
 */
#pragma once

#include <glib.h>

#include "common/hostcfg/host-config.h"
#include "common/hostcfg/net-apply.h"

G_BEGIN_DECLS

/* Changes the host from @current to @next. @guard_program is run as
 * `@guard_program --rollback-guard FILE` and must call
 * corral_rollback_guard_main(); @rollback_s is the time to confirm. */
gboolean corral_network_change(const char *state_dir, const CorralHostConfig *current,
                               const CorralHostConfig *next, const CorralNetApplyOptions *options,
                               guint rollback_s, const char *guard_program, GError **error);

G_END_DECLS
