/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Part of the host configuration (hostcfg): a service that turns itself
 * off after a while, as ESXi's SSH and shell timeouts do. Arming a timer
 * records, in STATE_DIR/service-timer-NAME.json, a random token, the
 * deadline and the argv that stops the service, and starts a detached
 * guard (guard-process.h) that outlives whoever armed it. At the deadline
 * the guard claims the file (one rename()), runs the argv and calls the
 * expiry function it was given, which records the service as off.
 *
 * Cancelling removes the file; re-arming replaces the token, which tells
 * the older guard to stand down. One timer type for every service.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CORRAL_SERVICE_TIMER_FLAG     "--service-timer"
#define CORRAL_SERVICE_TIMER_LOG_FILE "service-timer.log"

/* What the guard does after the stop argv ran: @service is off now. */
typedef gboolean (*CorralServiceTimerExpired)(const char *state_dir, const char *service,
                                              GError **error);

/* Arms (or re-arms) @service's timer for @timeout_s from now; the guard is
 * `@guard_program --service-timer FILE`, which must call
 * corral_service_timer_guard_main(). @service is a plain word ("ssh"). */
gboolean corral_service_timer_arm(const char *state_dir, const char *service, guint timeout_s,
                                  const char *const *stop_argv, const char *guard_program,
                                  GError **error);

/* Takes the timer off; TRUE when one was armed. */
gboolean corral_service_timer_cancel(const char *state_dir, const char *service);

/* TRUE while @service's timer runs, with its deadline (Unix seconds). */
gboolean corral_service_timer_get(const char *state_dir, const char *service, gint64 *deadline);

/* The body of the guard process for the timer file @path. Returns an
 * exit status. */
int corral_service_timer_guard_main(const char *path, CorralServiceTimerExpired expired);

G_END_DECLS
