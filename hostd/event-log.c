/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The event ring (see event-log.h). Events are stored already encoded as
 * JSON objects, so a long poll answered to a hundred clients encodes each
 * event once.
 */
#include "hostd/event-log.h"

#include <stdarg.h>

struct CorraldEventLog {
    GMutex lock;
    GCond changed;
    json_object *ring[CORRALD_EVENT_LOG_SIZE];
    guint64 next_seq; /* the sequence number the next event gets; starts at 1 */
};

CorraldEventLog *
corrald_event_log_new(void)
{
    CorraldEventLog *log = g_new0(CorraldEventLog, 1);

    g_mutex_init(&log->lock);
    g_cond_init(&log->changed);
    log->next_seq = 1;
    return log;
}

void
corrald_event_log_free(CorraldEventLog *log)
{
    if (log == NULL)
        return;
    for (guint i = 0; i < CORRALD_EVENT_LOG_SIZE; i++)
        json_object_put(log->ring[i]);
    g_cond_clear(&log->changed);
    g_mutex_clear(&log->lock);
    g_free(log);
}

guint64
corrald_event_log_add(CorraldEventLog *log, const char *kind, const char *target, const char *user,
                      const char *format, ...)
{
    json_object *event = json_object_new_object();
    g_autofree char *message = NULL;
    va_list args;
    guint64 seq;
    guint slot;

    va_start(args, format);
    message = g_strdup_vprintf(format, args);
    va_end(args);

    g_mutex_lock(&log->lock);
    seq = log->next_seq++;
    json_object_object_add(event, "seq", json_object_new_int64((gint64)seq));
    json_object_object_add(event, "time",
                           json_object_new_int64(g_get_real_time() / G_USEC_PER_SEC));
    json_object_object_add(event, "kind", json_object_new_string(kind));
    json_object_object_add(event, "target", json_object_new_string(target != NULL ? target : ""));
    json_object_object_add(event, "message", json_object_new_string(message));
    json_object_object_add(event, "user", user != NULL ? json_object_new_string(user) : NULL);
    slot = seq % CORRALD_EVENT_LOG_SIZE;
    json_object_put(log->ring[slot]);
    log->ring[slot] = event;
    g_cond_broadcast(&log->changed);
    g_mutex_unlock(&log->lock);
    return seq;
}

json_object *
corrald_event_log_wait(CorraldEventLog *log, guint64 after, gint64 timeout_ms, guint limit,
                       guint64 *last)
{
    json_object *events = json_object_new_array();
    gint64 deadline = g_get_monotonic_time() + timeout_ms * G_TIME_SPAN_MILLISECOND;
    guint64 first, seq;

    g_mutex_lock(&log->lock);
    /* Wait only when the caller is up to date: a sequence from the future
     * (corrald restarted since) is answered at once, with @last telling. */
    while (log->next_seq == after + 1 && timeout_ms > 0)
        if (!g_cond_wait_until(&log->changed, &log->lock, deadline))
            break;

    /* The oldest event still in the ring: older ones are gone for good. */
    first = log->next_seq > CORRALD_EVENT_LOG_SIZE ? log->next_seq - CORRALD_EVENT_LOG_SIZE : 1;
    for (seq = MAX(after + 1, first); seq < log->next_seq && limit > 0; seq++, limit--)
        json_object_array_add(events, json_object_get(log->ring[seq % CORRALD_EVENT_LOG_SIZE]));
    *last = log->next_seq - 1;
    g_mutex_unlock(&log->lock);
    return events;
}
