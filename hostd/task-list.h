/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Tasks: long operations (creating a guest, uploading a file) that a call
 * answers with 202 at once and that clients follow by id. Each task has a
 * kind, a target, a state, a progress of 0–100 and an error when it fails;
 * every change is also an event. The last CORRALD_TASK_KEEP tasks are kept.
 * Thread-safe.
 */
#pragma once

#include <glib.h>
#include <json-c/json.h>

#include "hostd/event-log.h"

G_BEGIN_DECLS

#define CORRALD_TASK_KEEP 1000

typedef struct CorraldTaskList CorraldTaskList;

/* The body of a task: runs in a thread of its own, reports progress through
 * corrald_task_list_progress(), and returns FALSE with @error set when the
 * operation fails. */
typedef gboolean (*CorraldTaskFunc)(CorraldTaskList *tasks, guint64 id, gpointer data,
                                    GError **error);

CorraldTaskList *corrald_task_list_new(CorraldEventLog *events);
void corrald_task_list_free(CorraldTaskList *tasks);

/* Starts @func in a new thread as a task; @data is freed by @data_free when
 * the task ends. Returns the task's JSON object as it is now (queued). */
json_object *corrald_task_list_start(CorraldTaskList *tasks, const char *kind, const char *target,
                                     const char *user, CorraldTaskFunc func, gpointer data,
                                     GDestroyNotify data_free);

void corrald_task_list_progress(CorraldTaskList *tasks, guint64 id, int percent);

/* Sets the target of a running task (a new guest's id, once known). */
void corrald_task_list_set_target(CorraldTaskList *tasks, guint64 id, const char *target);

/* All tasks, newest first, or one (NULL when unknown). */
json_object *corrald_task_list_to_json(CorraldTaskList *tasks);
json_object *corrald_task_list_get(CorraldTaskList *tasks, guint64 id);

/* Waits until no task runs (shutdown and tests). */
void corrald_task_list_drain(CorraldTaskList *tasks);

G_END_DECLS
