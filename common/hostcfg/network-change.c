/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A management network change with its rollback guard (see
 * network-change.h).
 */
#include "common/hostcfg/network-change.h"

#include "common/hostcfg/rollback.h"

gboolean
corral_network_change(const char *state_dir, const CorralHostConfig *current,
                      const CorralHostConfig *next, const CorralNetApplyOptions *options,
                      guint rollback_s, const char *guard_program, GError **error)
{
    g_autoptr(GError) local = NULL;

    if (!corral_host_config_check(next, error))
        return FALSE;
    /* The guard first: if applying hangs or kills the caller, it still restores. */
    if (!corral_rollback_arm(state_dir, current, options, rollback_s, guard_program, error))
        return FALSE;
    if (!corral_host_config_save(next, state_dir, &local) ||
        !corral_net_apply(current, next, options, &local)) {
        corral_rollback_revert_now(state_dir, NULL);
        g_propagate_error(error, g_steal_pointer(&local));
        return FALSE;
    }
    return TRUE;
}
