/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Part of the host configuration (hostcfg): SSH and the local shell made
 * real. Each service has a configured command run with {action} start or
 * stop, and its timeout in host.json is a service timer
 * (service-timer.h): when it runs out the service is stopped and recorded
 * as off, whether or not the console that turned it on still runs.
 */
#pragma once

#include <glib.h>

#include "common/config-file.h"
#include "common/hostcfg/host-config.h"

G_BEGIN_DECLS

/* Makes @next real where it differs from @previous: a service turned on
 * is started and its timer armed when it has a timeout; turned off, its
 * timer goes and it is stopped; a new timeout re-arms the timer from now.
 * A service whose command fails keeps its @previous settings in @next,
 * and the error says which and why. @guard_program runs the timers. */
gboolean corral_host_services_apply(const CorralConfig *config, const char *state_dir,
                                    const CorralHostServices *previous, CorralHostServices *next,
                                    const char *guard_program, GError **error);

/* A timer's end (CorralServiceTimerExpired): @service is off in host.json. */
gboolean corral_host_services_expired(const char *state_dir, const char *service, GError **error);

G_END_DECLS
