/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The field table of a task.
 */
#include "protocol/task.h"

CORRAL_DEFINE_ENUM(CorralTaskState, corral_task_state, CORRAL_TASK_STATE_VALUES)

static const CorralField task_fields[] = {
    [CORRAL_TASK_FIELD_ID] = CORRAL_NAME("id", CorralTask, id, CORRAL_FIELD_REQUIRED),
    [CORRAL_TASK_FIELD_KIND] = CORRAL_NAME("kind", CorralTask, kind, CORRAL_FIELD_REQUIRED),
    [CORRAL_TASK_FIELD_TARGET] = CORRAL_STRING("target", CorralTask, target, CORRAL_FIELD_REQUIRED),
    [CORRAL_TASK_FIELD_STATE] =
        CORRAL_ENUM("state", CorralTask, state, CORRAL_FIELD_REQUIRED, &corral_task_state_enum),
    [CORRAL_TASK_FIELD_PROGRESS] =
        CORRAL_INT("progress", CorralTask, progress, CORRAL_FIELD_REQUIRED, 0, 100),
    [CORRAL_TASK_FIELD_STARTED] =
        CORRAL_INT("started", CorralTask, started, CORRAL_FIELD_REQUIRED, 0, G_MAXINT64),
    [CORRAL_TASK_FIELD_FINISHED] =
        CORRAL_INT("finished", CorralTask, finished, CORRAL_FIELD_OPTIONAL, 0, G_MAXINT64),
    [CORRAL_TASK_FIELD_ERROR] = CORRAL_STRING("error", CorralTask, error, CORRAL_FIELD_OPTIONAL),
};
CORRAL_DEFINE_OBJECT(CorralTask, corral_task, "task", task_fields, CORRAL_TASK_FIELD_LAST, NULL)
