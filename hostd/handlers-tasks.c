/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * GET /tasks, GET /tasks/{id} and the events long poll GET /events.
 */
#include "hostd/daemon.h"
#include "hostd/handlers.h"
#include "hostd/hostd-error.h"

#include <errno.h>

/* Long polls end before the server's 60 s idle cut. */
#define MAX_WAIT_S 55
#define MAX_EVENTS 1000

/* An unsigned number from the query, or @fallback when absent. */
static gboolean
query_number(CorraldCall *call, const char *name, guint64 max, guint64 fallback, guint64 *out,
             GError **error)
{
    const char *text = corrald_call_query(call, name);
    char *end;

    *out = fallback;
    if (text == NULL)
        return TRUE;
    errno = 0;
    *out = g_ascii_strtoull(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || text[0] == '-' || *out > max) {
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_BAD_REQUEST,
                    "%s: expected a whole number from 0 to %" G_GUINT64_FORMAT, name, max);
        return FALSE;
    }
    return TRUE;
}

gboolean
corrald_handle_task_list(CorraldCall *call, GError **error)
{
    json_object *reply = json_object_new_object();

    json_object_object_add(reply, "tasks", corrald_task_list_to_json(call->daemon->tasks));
    return corrald_call_reply(call, 200, reply);
}

gboolean
corrald_handle_task_get(CorraldCall *call, GError **error)
{
    guint64 id;
    char *end;
    json_object *task;

    id = g_ascii_strtoull(call->params[0], &end, 10);
    task = *end == '\0' ? corrald_task_list_get(call->daemon->tasks, id) : NULL;
    if (task == NULL) {
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_TASK_NOT_FOUND, "no task %s",
                    call->params[0]);
        return FALSE;
    }
    return corrald_call_reply(call, 200, task);
}

gboolean
corrald_handle_events(CorraldCall *call, GError **error)
{
    guint64 after, timeout, last;
    json_object *reply, *events;

    if (!query_number(call, "after", G_MAXINT64, 0, &after, error) ||
        !query_number(call, "timeout", MAX_WAIT_S, 0, &timeout, error))
        return FALSE;
    events = corrald_event_log_wait(call->daemon->events, after, (gint64)timeout * 1000, MAX_EVENTS,
                                    &last);
    reply = json_object_new_object();
    json_object_object_add(reply, "events", events);
    json_object_object_add(reply, "last", json_object_new_int64((gint64)last));
    return corrald_call_reply(call, 200, reply);
}
