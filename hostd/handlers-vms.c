/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The guests: GET/POST /vms, GET/PATCH/DELETE /vms/{id},
 * POST /vms/{id}/power and GET /vms/{id}/stats. The work is done by
 * inventory.c; these handlers decode, check, log the event and answer.
 * Creating a guest is a task; the rest answers when libvirt has. The list
 * comes from the inventory cache, which every handler that changes a
 * guest updates before it answers; a guest's details come from libvirt.
 */
#include "hostd/handlers-vms-private.h"

#include "hostd/auth.h"
#include "hostd/daemon.h"
#include "hostd/domain-xml.h"
#include "hostd/handlers.h"
#include "hostd/hostd-error.h"
#include "hostd/inventory-cache.h"
#include "hostd/pool-manager.h"
#include "hostd/sampler.h"
#include "hostd/vm-disks.h"

#include <json-c/printbuf.h>

/* Helpers shared with handlers-snapshots.c */

virDomainPtr
corrald_call_lookup_vm(CorraldCall *call, GError **error)
{
    return corrald_inventory_lookup(call->daemon->conn, call->params[0], error);
}

/* What the inventory does not know: the pool (auth.c decides) and the
 * latest usage (the sampler). */
static void
complete_vm(CorraldDaemon *daemon, CorralVm *vm)
{
    corrald_pool_manager_fill_vm(daemon->pools, vm);
    corrald_sampler_usage(daemon->sampler, vm->id, &vm->usage);
}

gboolean
corrald_call_reply_vm(CorraldCall *call, guint status, virDomainPtr domain, GError **error)
{
    g_autoptr(CorralVm) vm = corrald_inventory_get(domain, error);

    if (vm == NULL)
        return FALSE;
    complete_vm(call->daemon, vm);
    return corrald_call_reply(call, status, corral_vm_to_json(vm));
}

/* A true/false query parameter; absent is false. */
static gboolean
query_flag(CorraldCall *call, const char *name, gboolean *value, GError **error)
{
    static const struct {
        const char *text;
        gboolean value;
    } words[] = {{"true", TRUE}, {"1", TRUE}, {"false", FALSE}, {"0", FALSE}};
    const char *text = corrald_call_query(call, name);

    *value = FALSE;
    if (text == NULL)
        return TRUE;
    for (gsize i = 0; i < G_N_ELEMENTS(words); i++)
        if (g_str_equal(text, words[i].text)) {
            *value = words[i].value;
            return TRUE;
        }
    g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_BAD_REQUEST, "%s: expected true or false",
                name);
    return FALSE;
}

/* GET /vms */

/* How long the encoded list is used again: the usage in it is a sample of
 * 20 s, and a change of the list makes it stale at once anyway. */
#define LIST_TEXT_MAX_AGE_US (G_USEC_PER_SEC)

typedef struct {
    CorraldDaemon *daemon;
    const char *user;   /* NULL: everyone's list */
    json_object *array; /* NULL: only count the hidden guests */
    guint hidden;
} ListJob;

/* Runs under the cache's read lock: @vm is only borrowed, so what the
 * cache does not know goes into a shallow copy. */
static void
list_one(const CorralVm *vm, gpointer data)
{
    ListJob *job = data;
    CorralVm shown = *vm;
    g_autofree char *pool = NULL;

    if (job->user != NULL &&
        corrald_auth_role_on_vm(job->daemon, job->user, vm->id) < CORRALD_ROLE_READ_ONLY) {
        job->hidden++;
        return;
    }
    if (job->array == NULL)
        return;
    pool = corrald_auth_pool_of(job->daemon, vm->id);
    shown.pool = pool;
    corrald_sampler_usage(job->daemon->sampler, vm->id, &shown.usage);
    json_object_array_add(job->array, corral_vm_to_json(&shown));
}

/* The answer for @user, or everyone's when @user is NULL. */
static json_object *
list_reply(CorraldDaemon *daemon, const char *user, guint64 *generation)
{
    ListJob job = {daemon, user, NULL, 0};
    json_object *reply = json_object_new_object();

    job.array = json_object_new_array_ext((int)corrald_inventory_cache_size(daemon->inventory));
    *generation = corrald_inventory_cache_foreach(daemon->inventory, list_one, &job);
    json_object_object_add(reply, "vms", job.array);
    return reply;
}

static GBytes *
make_list_text(CorraldInventoryCache *cache, guint64 *generation, gpointer data)
{
    g_autoptr(json_object) reply = list_reply(data, NULL, generation);
    size_t length = 0;
    const char *text = json_object_to_json_string_length(
        reply, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE, &length);

    return g_bytes_new(text, length);
}

/* json-c serializes a reply made by text_reply() as its text. */
static int
append_text(json_object *object, struct printbuf *buffer, int level, int flags)
{
    gsize size;
    const char *data = g_bytes_get_data(json_object_get_userdata(object), &size);

    return printbuf_memappend(buffer, data, (int)size);
}

static void
unref_text(json_object *object, void *text)
{
    g_bytes_unref(text);
}

/* An (empty) object that serializes as @text, which it takes over. */
static json_object *
text_reply(GBytes *text)
{
    json_object *reply = json_object_new_object();

    json_object_set_serializer(reply, append_text, text, unref_text);
    return reply;
}

/* Whoever sees every guest gets the one shared text; others their own. */
gboolean
corrald_handle_vm_list(CorraldCall *call, GError **error)
{
    CorraldDaemon *daemon = call->daemon;
    ListJob visible = {daemon, call->user, NULL, 0};
    guint64 generation;

    /* Most callers may read everything: then no guest needs a lookup. */
    if (!call->local && !corral_user_store_at_least_everywhere(daemon->users, call->user,
                                                               CORRAL_USER_ROLE_READ_ONLY))
        corrald_inventory_cache_foreach(daemon->inventory, list_one, &visible);
    if (visible.hidden > 0)
        return corrald_call_reply(call, 200, list_reply(daemon, call->user, &generation));
    return corrald_call_reply(
        call, 200,
        text_reply(corrald_inventory_cache_dup_text(daemon->inventory, LIST_TEXT_MAX_AGE_US,
                                                    make_list_text, daemon)));
}

/* POST /vms */

typedef struct {
    CorraldDaemon *daemon;
    CorralVmSpec *spec;
    char *pool; /* the spec's pool, placed by the pool manager once defined */
    char *uuid;
    char *user;
    CorraldTaskList *tasks;
    guint64 task_id;
} CreateJob;

static void
create_job_free(gpointer data)
{
    CreateJob *job = data;

    corral_vm_spec_free(job->spec);
    g_free(job->pool);
    g_free(job->uuid);
    g_free(job->user);
    g_free(job);
}

static void
create_progress(int percent, gpointer data)
{
    CreateJob *job = data;

    corrald_task_list_progress(job->tasks, job->task_id, percent);
}

/* Runs in the task's own thread. */
static gboolean
create_task(CorraldTaskList *tasks, guint64 id, gpointer data, GError **error)
{
    CreateJob *job = data;
    g_autoptr(virDomain) domain = NULL;

    job->tasks = tasks;
    job->task_id = id;
    domain = corrald_inventory_create(job->daemon->conn, job->spec, job->uuid,
                                      corrald_domain_type_default(), create_progress, job, error);
    if (domain == NULL ||
        !corrald_pool_manager_adopt_vm(
            job->daemon->pools, domain, job->pool,
            CORRAL_HAS(job->spec, CORRAL_VM_SPEC_FIELD_RESOURCES) ? &job->spec->resources : NULL,
            error))
        return FALSE;
    corrald_inventory_cache_update(job->daemon->inventory, domain);
    corrald_event_log_add(job->daemon->events, "vm-create", job->uuid, job->user, "vm %s created",
                          job->spec->name);
    return TRUE;
}

gboolean
corrald_handle_vm_create(CorraldCall *call, GError **error)
{
    CorraldDaemon *daemon = call->daemon;
    g_autoptr(CorralVmSpec) spec =
        corrald_call_decode_body(call, &corral_vm_spec_type, CORRAL_DECODE_DEFAULT, error);
    g_autofree char *pool = NULL;
    CreateJob *job;
    json_object *task, *reply;

    /* What can be refused at once is, before any task starts. */
    if (spec != NULL && spec->disks == NULL)
        spec->disks = g_ptr_array_new_with_free_func(corral_vm_disk_type.free);
    if (spec != NULL && spec->nics == NULL)
        spec->nics = g_ptr_array_new_with_free_func(corral_vm_nic_type.free);
    if (spec == NULL ||
        !corrald_pool_manager_check_new_vm(
            daemon->pools, spec->pool,
            CORRAL_HAS(spec, CORRAL_VM_SPEC_FIELD_RESOURCES) ? &spec->resources : NULL, error))
        return FALSE;
    pool = g_steal_pointer(&spec->pool);
    if (!corrald_inventory_check_spec(spec, error) ||
        !corrald_vm_disks_check(spec->disks, "vm-spec.disks", FALSE, error) ||
        !corrald_vm_disks_check_isos(daemon->conn, spec->disks, "vm-spec.disks", error) ||
        !corrald_inventory_check_name_free(daemon->conn, spec->name, error))
        return FALSE;
    job = g_new0(CreateJob, 1);
    job->daemon = daemon;
    job->spec = g_steal_pointer(&spec);
    job->pool = g_steal_pointer(&pool);
    job->uuid = g_uuid_string_random();
    job->user = g_strdup(call->user);
    task = corrald_task_list_start(daemon->tasks, "vm-create", job->uuid, call->user, create_task,
                                   job, create_job_free);
    reply = json_object_new_object();
    json_object_object_add(reply, "task", task);
    return corrald_call_reply(call, 202, reply);
}

/* GET /vms/{id} */

gboolean
corrald_handle_vm_get(CorraldCall *call, GError **error)
{
    g_autoptr(virDomain) domain = corrald_call_lookup_vm(call, error);

    return domain != NULL && corrald_call_reply_vm(call, 200, domain, error);
}

/* PATCH /vms/{id} */

gboolean
corrald_handle_vm_edit(CorraldCall *call, GError **error)
{
    g_autoptr(virDomain) domain = corrald_call_lookup_vm(call, error);
    g_autoptr(CorralVmSpec) patch = NULL;
    g_autoptr(CorralVm) vm = NULL;
    g_autofree char *old_name = NULL;
    gboolean restart_needed = FALSE;

    if (domain == NULL)
        return FALSE;
    patch = corrald_call_decode_body(call, &corral_vm_spec_type, CORRAL_DECODE_PARTIAL, error);
    if (patch == NULL)
        return FALSE;
    if (patch->present == 0) {
        g_set_error_literal(error, CORRALD_ERROR, CORRALD_ERROR_INVALID,
                            "vm: nothing to change (send name, vcpus, memory_bytes, guest_os, "
                            "disks, tags or folder)");
        return FALSE;
    }
    old_name = g_strdup(virDomainGetName(domain));
    if (!corrald_inventory_edit_full(domain, patch, &restart_needed, error))
        return FALSE;
    corrald_inventory_cache_update(call->daemon->inventory, domain);
    corrald_event_log_add(
        call->daemon->events, "vm-edit", call->params[0], call->user,
        restart_needed ? "vm %s changed (disks: at its next start)" : "vm %s changed", old_name);
    vm = corrald_inventory_get(domain, error);
    if (vm == NULL)
        return FALSE;
    complete_vm(call->daemon, vm);
    /* What reached the settings only says so. */
    if (restart_needed) {
        vm->pending_restart = g_ptr_array_new_with_free_func(g_free);
        g_ptr_array_add(vm->pending_restart, g_strdup("disks"));
    }
    return corrald_call_reply(call, 200, corral_vm_to_json(vm));
}

/* DELETE /vms/{id} */

gboolean
corrald_handle_vm_delete(CorraldCall *call, GError **error)
{
    g_autoptr(virDomain) domain = corrald_call_lookup_vm(call, error);
    g_autofree char *name = NULL;
    char uuid[VIR_UUID_STRING_BUFLEN];
    gboolean force, delete_disks;

    if (domain == NULL || !query_flag(call, "force", &force, error) ||
        !query_flag(call, "delete_disks", &delete_disks, error))
        return FALSE;
    name = g_strdup(virDomainGetName(domain));
    if (!corrald_inventory_delete(domain, force, delete_disks, error))
        return FALSE;
    if (virDomainGetUUIDString(domain, uuid) == 0)
        corrald_inventory_cache_remove(call->daemon->inventory, uuid);
    corrald_event_log_add(call->daemon->events, "vm-delete", call->params[0], call->user,
                          delete_disks ? "vm %s deleted with its disks" : "vm %s deleted", name);
    return corrald_call_reply(call, 204, NULL);
}

/* POST /vms/{id}/power */

gboolean
corrald_handle_vm_power(CorraldCall *call, GError **error)
{
    g_autoptr(virDomain) domain = corrald_call_lookup_vm(call, error);
    g_autoptr(CorralPowerRequest) request = NULL;
    const char *action;
    g_autofree char *kind = NULL;

    if (domain == NULL)
        return FALSE;
    request =
        corrald_call_decode_body(call, &corral_power_request_type, CORRAL_DECODE_DEFAULT, error);
    if (request == NULL)
        return FALSE;
    /* Starts pass the pools' admission control. */
    if (request->action == CORRAL_POWER_ACTION_ON || request->action == CORRAL_POWER_ACTION_RESUME
            ? !corrald_pool_manager_power_on(call->daemon->pools, domain, request->action, error)
            : !corrald_inventory_power(domain, request->action, error))
        return FALSE;
    corrald_inventory_cache_update(call->daemon->inventory, domain);
    action = corral_power_action_to_string(request->action);
    kind = g_strconcat("vm-power-", action, NULL);
    corrald_event_log_add(call->daemon->events, kind, call->params[0], call->user,
                          "vm %s: power %s", virDomainGetName(domain), action);
    return corrald_call_reply_vm(call, 200, domain, error);
}

/* GET /vms/{id}/stats */

gboolean
corrald_handle_vm_stats(CorraldCall *call, GError **error)
{
    g_autoptr(virDomain) domain = corrald_call_lookup_vm(call, error);
    g_autoptr(CorralStats) stats = NULL;

    if (domain == NULL)
        return FALSE;
    stats = corrald_sampler_stats(call->daemon->sampler, call->params[0]);
    return corrald_call_reply(call, 200, corral_stats_to_json(stats));
}
