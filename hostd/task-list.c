/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The task table (see task-list.h). A task is a record under the list's
 * mutex plus one worker thread; progress and the end are written back into
 * the record and announced in the event log.
 */
#include "hostd/task-list.h"

#include "protocol/task.h"

typedef struct {
    guint64 id;
    char *kind, *target, *user, *error;
    CorralTaskState state;
    int progress;
    gint64 started, finished;
} Task;

struct CorraldTaskList {
    GMutex lock;
    GCond idle;
    GQueue tasks; /* Task *, newest first */
    guint64 next_id;
    guint running;
    CorraldEventLog *events;
};

typedef struct {
    CorraldTaskList *tasks;
    guint64 id;
    CorraldTaskFunc func;
    gpointer data;
    GDestroyNotify data_free;
} Job;

static void
task_free(gpointer data)
{
    Task *t = data;

    g_free(t->kind);
    g_free(t->target);
    g_free(t->user);
    g_free(t->error);
    g_free(t);
}

CorraldTaskList *
corrald_task_list_new(CorraldEventLog *events)
{
    CorraldTaskList *tasks = g_new0(CorraldTaskList, 1);

    g_mutex_init(&tasks->lock);
    g_cond_init(&tasks->idle);
    g_queue_init(&tasks->tasks);
    tasks->next_id = 1;
    tasks->events = events;
    return tasks;
}

void
corrald_task_list_free(CorraldTaskList *tasks)
{
    if (tasks == NULL)
        return;
    corrald_task_list_drain(tasks);
    g_queue_clear_full(&tasks->tasks, task_free);
    g_cond_clear(&tasks->idle);
    g_mutex_clear(&tasks->lock);
    g_free(tasks);
}

/* Called with the lock held. */
static Task *
find(CorraldTaskList *tasks, guint64 id)
{
    for (GList *l = tasks->tasks.head; l != NULL; l = l->next)
        if (((Task *)l->data)->id == id)
            return l->data;
    return NULL;
}

/* Called with the lock held. */
static json_object *
task_to_json(const Task *t)
{
    CorralTask api = {
        .id = g_strdup_printf("%" G_GUINT64_FORMAT, t->id),
        .kind = t->kind,
        .target = t->target,
        .state = t->state,
        .progress = t->progress,
        .started = t->started,
        .finished = t->finished,
        .error = t->error,
    };
    json_object *json = corral_task_to_json(&api);

    g_free(api.id);
    return json;
}

static gpointer
run_job(gpointer data)
{
    Job *job = data;
    CorraldTaskList *tasks = job->tasks;
    g_autoptr(GError) error = NULL;
    gboolean ok;
    Task *t;

    g_mutex_lock(&tasks->lock);
    find(tasks, job->id)->state = CORRAL_TASK_STATE_RUNNING;
    g_mutex_unlock(&tasks->lock);

    ok = job->func(tasks, job->id, job->data, &error);

    g_mutex_lock(&tasks->lock);
    t = find(tasks, job->id);
    t->state = ok ? CORRAL_TASK_STATE_SUCCESS : CORRAL_TASK_STATE_ERROR;
    t->progress = ok ? 100 : t->progress;
    t->finished = g_get_real_time() / G_USEC_PER_SEC;
    t->error = ok ? NULL : g_strdup(error->message);
    corrald_event_log_add(tasks->events, ok ? "task-succeeded" : "task-failed", t->target, t->user,
                          "%s %s%s%s", t->kind, ok ? "succeeded" : "failed", ok ? "" : ": ",
                          ok ? "" : t->error);
    tasks->running--;
    g_cond_broadcast(&tasks->idle);
    g_mutex_unlock(&tasks->lock);

    if (job->data_free != NULL)
        job->data_free(job->data);
    g_free(job);
    return NULL;
}

json_object *
corrald_task_list_start(CorraldTaskList *tasks, const char *kind, const char *target,
                        const char *user, CorraldTaskFunc func, gpointer data,
                        GDestroyNotify data_free)
{
    Task *t = g_new0(Task, 1);
    Job *job = g_new0(Job, 1);
    json_object *json;

    t->kind = g_strdup(kind);
    t->target = g_strdup(target != NULL ? target : "");
    t->user = g_strdup(user);
    t->state = CORRAL_TASK_STATE_QUEUED;
    t->started = g_get_real_time() / G_USEC_PER_SEC;

    g_mutex_lock(&tasks->lock);
    t->id = tasks->next_id++;
    g_queue_push_head(&tasks->tasks, t);
    while (tasks->tasks.length > CORRALD_TASK_KEEP) {
        Task *old = g_queue_peek_tail(&tasks->tasks);
        if (old->state == CORRAL_TASK_STATE_RUNNING || old->state == CORRAL_TASK_STATE_QUEUED)
            break;
        task_free(g_queue_pop_tail(&tasks->tasks));
    }
    tasks->running++;
    json = task_to_json(t);
    corrald_event_log_add(tasks->events, "task-started", t->target, user, "%s started", kind);
    g_mutex_unlock(&tasks->lock);

    *job = (Job){tasks, t->id, func, data, data_free};
    g_thread_unref(g_thread_new("corrald-task", run_job, job));
    return json;
}

void
corrald_task_list_progress(CorraldTaskList *tasks, guint64 id, int percent)
{
    Task *t;

    g_mutex_lock(&tasks->lock);
    t = find(tasks, id);
    if (t != NULL)
        t->progress = CLAMP(percent, 0, 100);
    g_mutex_unlock(&tasks->lock);
}

void
corrald_task_list_set_target(CorraldTaskList *tasks, guint64 id, const char *target)
{
    Task *t;

    g_mutex_lock(&tasks->lock);
    t = find(tasks, id);
    if (t != NULL) {
        g_free(t->target);
        t->target = g_strdup(target);
    }
    g_mutex_unlock(&tasks->lock);
}

json_object *
corrald_task_list_to_json(CorraldTaskList *tasks)
{
    json_object *array = json_object_new_array();

    g_mutex_lock(&tasks->lock);
    for (GList *l = tasks->tasks.head; l != NULL; l = l->next)
        json_object_array_add(array, task_to_json(l->data));
    g_mutex_unlock(&tasks->lock);
    return array;
}

json_object *
corrald_task_list_get(CorraldTaskList *tasks, guint64 id)
{
    json_object *json = NULL;
    Task *t;

    g_mutex_lock(&tasks->lock);
    t = find(tasks, id);
    if (t != NULL)
        json = task_to_json(t);
    g_mutex_unlock(&tasks->lock);
    return json;
}

void
corrald_task_list_drain(CorraldTaskList *tasks)
{
    g_mutex_lock(&tasks->lock);
    while (tasks->running > 0)
        g_cond_wait(&tasks->idle, &tasks->lock);
    g_mutex_unlock(&tasks->lock);
}
