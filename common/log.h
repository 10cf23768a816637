/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Logging for Corral's programs: GLib structured logging to stderr, one line
 * per message, with the program, the level and the log domain. journald adds
 * the time when corrald runs under systemd; elsewhere the line carries it.
 * Never pass a password, token or console ticket to a log call.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Installs the writer. @verbose also shows debug and info messages. */
void corral_log_init(const char *program, gboolean verbose);

G_END_DECLS
