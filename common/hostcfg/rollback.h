/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Part of the host configuration (hostcfg): the guard that takes back a
 * management network change nobody confirmed. Before a change is applied,
 * corral_rollback_arm() records the settings to go back to in
 * STATE_DIR/network-pending.json and starts a detached guard process (its
 * own session, so it outlives the console or agent that started it, even
 * a SIGKILL). When the deadline passes and the file is still there, the
 * guard re-applies the previous settings and writes them back to host.json.
 *
 * Confirming removes the pending file; whichever of the confirmer and the
 * guard gets there first wins, decided by one unlink() or rename(). The
 * console confirms when the admin says so; corrald is meant to call
 * corral_rollback_confirm() when a client logs in over the new address.
 */
#pragma once

#include <glib.h>

#include "common/hostcfg/host-config.h"
#include "common/hostcfg/net-apply.h"

G_BEGIN_DECLS

#define CORRAL_ROLLBACK_PENDING_FILE "network-pending.json"
#define CORRAL_ROLLBACK_LOG_FILE     "network-rollback.log"

/* Records @previous as what to restore, unless a change is already
 * pending (then its older settings stay the ones to go back to), and
 * starts the guard: `@guard_program --rollback-guard PENDING_FILE`, which
 * must call corral_rollback_guard_main(). The deadline is @timeout_s from
 * now. */
gboolean corral_rollback_arm(const char *state_dir, const CorralHostConfig *previous,
                             const CorralNetApplyOptions *options, guint timeout_s,
                             const char *guard_program, GError **error);

/* Keeps the change. Fails with CORRAL_ERROR_NOT_FOUND when nothing is
 * pending: it was confirmed already or has been rolled back. */
gboolean corral_rollback_confirm(const char *state_dir, GError **error);

/* Rolls back at once, in the calling process (the admin chose to). */
gboolean corral_rollback_revert_now(const char *state_dir, GError **error);

/* TRUE while a change waits for confirmation, with its deadline (Unix
 * seconds) in @deadline. */
gboolean corral_rollback_get_pending(const char *state_dir, gint64 *deadline);

/* The body of the guard process: waits for the deadline of
 * @pending_path, then rolls back unless confirmed. Returns an exit
 * status. */
int corral_rollback_guard_main(const char *pending_path);

G_END_DECLS
