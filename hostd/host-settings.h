/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The host's own settings as corrald sees them: the host configuration
 * (hostcfg's host.json, shared with the direct console) when there is one,
 * and otherwise what the running system shows — the interface of the
 * default route, its addresses, DHCP or not, and the resolver — so that a
 * host never configured through Corral still reports its management
 * network.
 */
#pragma once

#include "common/hostcfg/host-config.h"

G_BEGIN_DECLS

/* host.json from @state_dir, or a configuration read from the running
 * system when there is none yet. NULL only when host.json is unreadable. */
CorralHostConfig *corrald_host_settings_load(const char *state_dir, GError **error);

/* The lockdown mode in force: host.json's, "off" without one. */
CorralLockdown corrald_host_settings_lockdown(const char *state_dir);

G_END_DECLS
