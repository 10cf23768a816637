/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The event log: what happened on the host, numbered by a sequence that only
 * grows, kept in a ring of the last CORRALD_EVENT_LOG_SIZE events. Clients
 * long-poll it with `GET /events?after=SEQ&timeout=S`. Fed by libvirt's
 * domain events, by tasks and by logins. Thread-safe; waiting blocks only the
 * caller's connection thread.
 */
#pragma once

#include <glib.h>
#include <json-c/json.h>

G_BEGIN_DECLS

#define CORRALD_EVENT_LOG_SIZE 4096

typedef struct CorraldEventLog CorraldEventLog;

CorraldEventLog *corrald_event_log_new(void);
void corrald_event_log_free(CorraldEventLog *log);

/* Appends an event and wakes the waiters; returns its sequence number.
 * @user may be NULL (the host itself did it). */
guint64 corrald_event_log_add(CorraldEventLog *log, const char *kind, const char *target,
                              const char *user, const char *format, ...) G_GNUC_PRINTF(5, 6);

/* Events with a sequence above @after, waiting up to @timeout_ms for the
 * first one; at most @limit. Returns the API's array of event objects and
 * sets @last to the newest sequence number known. */
json_object *corrald_event_log_wait(CorraldEventLog *log, guint64 after, gint64 timeout_ms,
                                    guint limit, guint64 *last);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CorraldEventLog, corrald_event_log_free)

G_END_DECLS
