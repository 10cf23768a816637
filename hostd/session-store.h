/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Login sessions: bearer tokens of 128 random bits, each bound to a user,
 * that die after an idle time (900 s by default), at an absolute age (2 h),
 * at logout, or when their user's password changes or the user is removed.
 * Thread-safe: every connection thread asks it. Time comes from a clock the
 * caller passes so tests can move it.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct CorraldSessionStore CorraldSessionStore;

/* Seconds on a monotonic scale. */
typedef gint64 (*CorraldClock)(gpointer data);

CorraldSessionStore *corrald_session_store_new(gint64 idle_s, gint64 max_s, CorraldClock clock,
                                               gpointer clock_data);
void corrald_session_store_free(CorraldSessionStore *store);

/* A new token for @user; @expires_in is set to the seconds until it expires
 * if unused. */
char *corrald_session_store_create(CorraldSessionStore *store, const char *user, gint64 *expires_in,
                                   GError **error);

/* The user of @token, renewing its idle time, or NULL if it is unknown or
 * expired (an expired token is forgotten). */
char *corrald_session_store_lookup(CorraldSessionStore *store, const char *token);

void corrald_session_store_remove(CorraldSessionStore *store, const char *token);
void corrald_session_store_remove_user(CorraldSessionStore *store, const char *user);

/* The wall-clock seconds of the monotonic clock, for CorraldClock. */
gint64 corrald_clock_monotonic(gpointer data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CorraldSessionStore, corrald_session_store_free)

G_END_DECLS
