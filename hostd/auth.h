/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Who may do what, decided in this one place: logins with their delay and
 * lockout, the session behind a bearer token, and each user's role on an
 * object (host, pool or guest) with permissions that propagate down the pool
 * tree. Lockdown joins here in the DCUI issue.
 */
#pragma once

#include "hostd/call.h"
#include "hostd/route-table.h"

G_BEGIN_DECLS

/* Checks @password for @user and makes a session. Every failure takes the
 * configured delay and answers the same (CORRALD_ERROR_AUTH_FAILED) whether
 * the user is unknown, the password wrong or the account locked; each is
 * logged as "authentication failure; rhost=IP user=NAME". After the
 * configured number of failures a network account is locked for the
 * configured time; the unix socket (@peer "local") is never locked. */
char *corrald_auth_login(CorraldDaemon *daemon, const char *user, const char *password,
                         const char *peer, gint64 *expires_in, GError **error);

/* Fills @call->user from its token (or the unix socket's root) and checks
 * the caller's role on the route's object against the route's minimum. */
gboolean corrald_auth_authorize(CorraldDaemon *daemon, CorraldCall *call, const char *authorization,
                                GError **error);

/* The role of @user on guest @vm_id, for filtering lists. */
CorraldRole corrald_auth_role_on_vm(CorraldDaemon *daemon, const char *user, const char *vm_id);

/* Whether @user is an admin of the whole host. */
gboolean corrald_auth_is_host_admin(CorraldDaemon *daemon, const char *user);

/* The pool that holds guest @vm_id ("/" until pools say otherwise). */
char *corrald_auth_pool_of(CorraldDaemon *daemon, const char *vm_id);

/* Drops every session of @user (password change, removal). */
void corrald_auth_forget_user(CorraldDaemon *daemon, const char *user);

G_END_DECLS
