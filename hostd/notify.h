/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The service manager's notification protocol (sd_notify), spoken directly
 * so corrald needs no libsystemd: READY=1 once serving, WATCHDOG=1 from the
 * main loop while it turns, STOPPING=1 on the way out. Without
 * $NOTIFY_SOCKET every call does nothing.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void corrald_notify(const char *state);

/* Starts WATCHDOG=1 pings at half of $WATCHDOG_USEC on the default main
 * context, when the service manager asked for them. */
void corrald_notify_start_watchdog(void);

G_END_DECLS
