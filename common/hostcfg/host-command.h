/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Part of the host configuration (hostcfg): the commands an administrator
 * configures to act on the host (load a keymap, start or stop a service).
 * A command is an argv in shell quoting, never run through a shell; a word
 * may hold placeholders such as {action} or {keymap}, each replaced by its
 * value. When a command fails the error names it, its exit status and the
 * last line it printed, for the console to show as it is.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Parses @command and replaces each "{name}" of @vars (name, value pairs,
 * NULL-terminated) in every word. An empty command is an error naming
 * @what, the setting that is missing. */
char **corral_host_command_argv(const char *command, const char *const *vars, GError **error);

/* Runs @argv (searched in PATH) with stdin from /dev/null and waits. Its
 * output goes to an anonymous file, not a pipe, so a daemon it leaves
 * behind cannot keep us waiting. */
gboolean corral_host_command_run_argv(const char *const *argv, GError **error);

/* Both of the above. */
gboolean corral_host_command_run(const char *command, const char *const *vars, GError **error);

G_END_DECLS
