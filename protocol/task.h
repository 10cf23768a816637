/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A task: the record of a long operation (create a guest, upload a file),
 * returned with 202 and polled through GET /tasks/{id}.
 */
#pragma once

#include "protocol/codec.h"

G_BEGIN_DECLS

#define CORRAL_TASK_STATE_VALUES(X)                                                                \
    X(CORRAL_TASK_STATE_QUEUED, "queued")                                                          \
    X(CORRAL_TASK_STATE_RUNNING, "running")                                                        \
    X(CORRAL_TASK_STATE_SUCCESS, "success")                                                        \
    X(CORRAL_TASK_STATE_ERROR, "error")

typedef enum {
    CORRAL_TASK_STATE_VALUES(CORRAL_ENUM_MEMBER) CORRAL_TASK_STATE_LAST
} CorralTaskState;
CORRAL_DECLARE_ENUM(CorralTaskState, corral_task_state)

/* `finished` is present once the task ends, `error` (a message) when it
 * failed. */
typedef enum {
    CORRAL_TASK_FIELD_ID,
    CORRAL_TASK_FIELD_KIND,
    CORRAL_TASK_FIELD_TARGET,
    CORRAL_TASK_FIELD_STATE,
    CORRAL_TASK_FIELD_PROGRESS,
    CORRAL_TASK_FIELD_STARTED,
    CORRAL_TASK_FIELD_FINISHED,
    CORRAL_TASK_FIELD_ERROR,
    CORRAL_TASK_FIELD_LAST
} CorralTaskField;

typedef struct {
    guint64 present;
    char *id;
    char *kind;
    char *target;
    CorralTaskState state;
    gint64 progress;
    gint64 started;
    gint64 finished;
    char *error;
} CorralTask;
CORRAL_DECLARE_OBJECT(CorralTask, corral_task)

G_END_DECLS
