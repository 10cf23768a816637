/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A guest's snapshots: GET/POST /vms/{id}/snapshots,
 * POST /vms/{id}/snapshots/{name}/revert and
 * DELETE /vms/{id}/snapshots/{name}. A snapshot of a shut-off guest is
 * quick (disk metadata) and answered at once with 201; one of a running
 * guest also saves its memory and runs as a task (202).
 */
#include "hostd/handlers-vms-private.h"

#include "hostd/daemon.h"
#include "hostd/handlers.h"
#include "hostd/hostd-error.h"

gboolean
corrald_handle_snapshot_list(CorraldCall *call, GError **error)
{
    g_autoptr(virDomain) domain = corrald_call_lookup_vm(call, error);
    g_autoptr(GPtrArray) snapshots = NULL;
    json_object *array, *reply;

    if (domain == NULL)
        return FALSE;
    snapshots = corrald_inventory_snapshots(domain, error);
    if (snapshots == NULL)
        return FALSE;
    array = json_object_new_array_ext((int)snapshots->len);
    for (guint i = 0; i < snapshots->len; i++)
        json_object_array_add(array, corral_snapshot_to_json(snapshots->pdata[i]));
    reply = json_object_new_object();
    json_object_object_add(reply, "snapshots", array);
    return corrald_call_reply(call, 200, reply);
}

typedef struct {
    CorraldDaemon *daemon;
    virDomainPtr domain;
    CorralSnapshotSpec *spec;
    char *id;
    char *user;
} SnapshotJob;

static void
snapshot_job_free(gpointer data)
{
    SnapshotJob *job = data;

    virDomainFree(job->domain);
    corral_snapshot_spec_free(job->spec);
    g_free(job->id);
    g_free(job->user);
    g_free(job);
}

static void
log_snapshot(CorraldDaemon *daemon, const char *kind, const char *id, const char *user,
             virDomainPtr domain, const char *name, const char *verb)
{
    corrald_event_log_add(daemon->events, kind, id, user, "snapshot %s of vm %s %s", name,
                          virDomainGetName(domain), verb);
}

/* Runs in the task's own thread. */
static gboolean
snapshot_task(CorraldTaskList *tasks, guint64 task_id, gpointer data, GError **error)
{
    SnapshotJob *job = data;
    g_autoptr(CorralSnapshot) snapshot =
        corrald_inventory_snapshot_create(job->domain, job->spec, error);

    if (snapshot == NULL)
        return FALSE;
    log_snapshot(job->daemon, "vm-snapshot", job->id, job->user, job->domain, job->spec->name,
                 "taken");
    return TRUE;
}

gboolean
corrald_handle_snapshot_create(CorraldCall *call, GError **error)
{
    g_autoptr(virDomain) domain = corrald_call_lookup_vm(call, error);
    g_autoptr(CorralSnapshotSpec) spec = NULL;
    g_autoptr(CorralSnapshot) snapshot = NULL;
    CorralVmState state;
    SnapshotJob *job;
    json_object *reply;

    if (domain == NULL)
        return FALSE;
    spec = corrald_call_decode_body(call, &corral_snapshot_spec_type, CORRAL_DECODE_DEFAULT, error);
    if (spec == NULL || !corrald_inventory_state(domain, &state, error))
        return FALSE;
    if (state == CORRAL_VM_STATE_SHUTOFF) {
        snapshot = corrald_inventory_snapshot_create(domain, spec, error);
        if (snapshot == NULL)
            return FALSE;
        log_snapshot(call->daemon, "vm-snapshot", call->params[0], call->user, domain, spec->name,
                     "taken");
        return corrald_call_reply(call, 201, corral_snapshot_to_json(snapshot));
    }
    job = g_new0(SnapshotJob, 1);
    job->daemon = call->daemon;
    job->domain = g_steal_pointer(&domain);
    job->spec = g_steal_pointer(&spec);
    job->id = g_strdup(call->params[0]);
    job->user = g_strdup(call->user);
    reply = json_object_new_object();
    json_object_object_add(reply, "task",
                           corrald_task_list_start(call->daemon->tasks, "vm-snapshot", job->id,
                                                   call->user, snapshot_task, job,
                                                   snapshot_job_free));
    return corrald_call_reply(call, 202, reply);
}

gboolean
corrald_handle_snapshot_revert(CorraldCall *call, GError **error)
{
    g_autoptr(virDomain) domain = corrald_call_lookup_vm(call, error);
    const char *name = call->params[1];

    if (domain == NULL || !corrald_inventory_snapshot_revert(domain, name, error))
        return FALSE;
    log_snapshot(call->daemon, "vm-snapshot-revert", call->params[0], call->user, domain, name,
                 "restored");
    return corrald_call_reply_vm(call, 200, domain, error);
}

gboolean
corrald_handle_snapshot_delete(CorraldCall *call, GError **error)
{
    g_autoptr(virDomain) domain = corrald_call_lookup_vm(call, error);
    const char *name = call->params[1];

    if (domain == NULL || !corrald_inventory_snapshot_delete(domain, name, error))
        return FALSE;
    log_snapshot(call->daemon, "vm-snapshot-delete", call->params[0], call->user, domain, name,
                 "deleted");
    return corrald_call_reply(call, 204, NULL);
}
