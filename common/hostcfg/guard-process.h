/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Part of the host configuration (hostcfg): what the detached guards have
 * in common (the network rollback guard, the service timers). A guard is
 * the calling program started again with a hidden flag and the path of
 * its state file; it runs in its own session as nobody's child but
 * init's, so it outlives the console or agent that started it, even a
 * SIGKILL. Guards keep a log beside their state files.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Starts `@program @flag @path` detached, stdio on /dev/null. */
gboolean corral_guard_spawn(const char *program, const char *flag, const char *path,
                            GError **error);

/* Appends "ISO-TIME MESSAGE" to STATE_DIR/@file; failures are ignored. */
void corral_guard_log(const char *state_dir, const char *file, const char *format, ...)
    G_GNUC_PRINTF(3, 4);

G_END_DECLS
