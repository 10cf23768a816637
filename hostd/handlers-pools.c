/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The resource pool tree: GET/POST /pools, GET/PATCH/DELETE /pools/{path},
 * and a guest's place in it: PUT /vms/{id}/resources and
 * POST /vms/{id}/move. The pool manager does the work; these handlers
 * decode, add the pools' usage (the sum of their guests' latest samples),
 * log the event and answer.
 */
#include "hostd/daemon.h"
#include "hostd/handlers-vms-private.h"
#include "hostd/handlers.h"
#include "hostd/hostd-error.h"
#include "hostd/pool-manager.h"
#include "hostd/sampler.h"

/* The pool path of the call's {path*} ("prod/web" → "/prod/web"). */
static char *
call_pool_path(CorraldCall *call)
{
    return g_strconcat("/", call->params[0], NULL);
}

/* Adds the usage of @pool's own guests to it, and of each pool below it,
 * from the deepest up (@pools come parents first). */
static void
add_usage(CorraldDaemon *daemon, GPtrArray *pools)
{
    g_autoptr(GHashTable) by_path = g_hash_table_new(g_str_hash, g_str_equal);

    for (guint i = 0; i < pools->len; i++) {
        CorralPool *pool = pools->pdata[i];
        g_hash_table_insert(by_path, pool->path, pool);
        pool->usage.cpu_pct = 0;
        pool->usage.memory_used_bytes = 0;
        for (guint v = 0; v < pool->vms->len; v++) {
            CorralUsage usage = {0};

            if (corrald_sampler_usage(daemon->sampler, pool->vms->pdata[v], &usage)) {
                pool->usage.cpu_pct += usage.cpu_pct;
                pool->usage.memory_used_bytes += usage.memory_used_bytes;
            }
        }
    }
    for (guint i = pools->len; i-- > 0;) {
        CorralPool *pool = pools->pdata[i];
        CorralPool *parent =
            pool->parent != NULL ? g_hash_table_lookup(by_path, pool->parent) : NULL;

        pool->usage.cpu_pct = MIN(pool->usage.cpu_pct, 100.0);
        if (parent != NULL) {
            parent->usage.cpu_pct += pool->usage.cpu_pct;
            parent->usage.memory_used_bytes += pool->usage.memory_used_bytes;
        }
    }
}

/* Answers @status with the pool at @path and its usage. */
static gboolean
reply_pool(CorraldCall *call, guint status, const char *path, GError **error)
{
    CorraldDaemon *daemon = call->daemon;
    g_autoptr(GPtrArray) pools = corrald_pool_manager_list(daemon->pools);

    add_usage(daemon, pools);
    for (guint i = 0; i < pools->len; i++) {
        CorralPool *pool = pools->pdata[i];
        if (g_str_equal(pool->path, path))
            return corrald_call_reply(call, status, corral_pool_to_json(pool));
    }
    g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_POOL_NOT_FOUND, "pool %s: no such pool", path);
    return FALSE;
}

/* GET /pools */

gboolean
corrald_handle_pool_list(CorraldCall *call, GError **error)
{
    CorraldDaemon *daemon = call->daemon;
    g_autoptr(GPtrArray) pools = corrald_pool_manager_list(daemon->pools);
    json_object *array = json_object_new_array_ext((int)pools->len);
    json_object *reply = json_object_new_object();

    add_usage(daemon, pools);
    for (guint i = 0; i < pools->len; i++)
        json_object_array_add(array, corral_pool_to_json(pools->pdata[i]));
    json_object_object_add(reply, "pools", array);
    return corrald_call_reply(call, 200, reply);
}

/* POST /pools */

gboolean
corrald_handle_pool_create(CorraldCall *call, GError **error)
{
    CorraldDaemon *daemon = call->daemon;
    /* Partial: resources may leave out what takes the defaults. */
    g_autoptr(CorralPoolSpec) spec =
        corrald_call_decode_body(call, &corral_pool_spec_type, CORRAL_DECODE_PARTIAL, error);
    g_autofree char *path = NULL;

    if (spec == NULL)
        return FALSE;
    if (spec->name == NULL || spec->parent == NULL) {
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_INVALID, "pool-spec.%s: missing",
                    spec->name == NULL ? "name" : "parent");
        return FALSE;
    }
    path = corrald_pool_manager_create(daemon->pools, spec, error);
    if (path == NULL)
        return FALSE;
    corrald_event_log_add(daemon->events, "pool-create", path, call->user, "pool %s created", path);
    return reply_pool(call, 201, path, error);
}

/* GET /pools/{path} */

gboolean
corrald_handle_pool_get(CorraldCall *call, GError **error)
{
    g_autofree char *path = call_pool_path(call);
    g_autoptr(CorralPool) pool = corrald_pool_manager_get(call->daemon->pools, path, error);

    return pool != NULL && reply_pool(call, 200, path, error);
}

/* PATCH /pools/{path} */

gboolean
corrald_handle_pool_edit(CorraldCall *call, GError **error)
{
    CorraldDaemon *daemon = call->daemon;
    g_autofree char *path = call_pool_path(call);
    g_autoptr(CorralPoolSpec) patch =
        corrald_call_decode_body(call, &corral_pool_spec_type, CORRAL_DECODE_PARTIAL, error);
    g_autofree char *new_path = NULL;

    if (patch == NULL)
        return FALSE;
    if (patch->present == 0) {
        g_set_error_literal(error, CORRALD_ERROR, CORRALD_ERROR_INVALID,
                            "pool: nothing to change (send name, parent or resources)");
        return FALSE;
    }
    new_path = corrald_pool_manager_edit(daemon->pools, path, patch, error);
    if (new_path == NULL)
        return FALSE;
    corrald_event_log_add(daemon->events, "pool-edit", new_path, call->user, "pool %s changed",
                          path);
    return reply_pool(call, 200, new_path, error);
}

/* DELETE /pools/{path}?move=true */

gboolean
corrald_handle_pool_delete(CorraldCall *call, GError **error)
{
    CorraldDaemon *daemon = call->daemon;
    g_autofree char *path = call_pool_path(call);
    const char *move = corrald_call_query(call, "move");
    gboolean moving = g_strcmp0(move, "true") == 0 || g_strcmp0(move, "1") == 0;

    if (move != NULL && !moving && g_strcmp0(move, "false") != 0 && g_strcmp0(move, "0") != 0) {
        g_set_error_literal(error, CORRALD_ERROR, CORRALD_ERROR_BAD_REQUEST,
                            "move: expected true or false");
        return FALSE;
    }
    if (!corrald_pool_manager_delete(daemon->pools, path, moving, error))
        return FALSE;
    corrald_event_log_add(
        daemon->events, "pool-delete", path, call->user,
        moving ? "pool %s removed; its contents moved to its parent" : "pool %s removed", path);
    return corrald_call_reply(call, 204, NULL);
}

/* PUT /vms/{id}/resources */

gboolean
corrald_handle_vm_resources(CorraldCall *call, GError **error)
{
    CorraldDaemon *daemon = call->daemon;
    g_autoptr(virDomain) domain = corrald_call_lookup_vm(call, error);
    g_autoptr(CorralResources) patch = NULL;

    if (domain == NULL)
        return FALSE;
    patch = corrald_call_decode_body(call, &corral_resources_type, CORRAL_DECODE_PARTIAL, error);
    if (patch == NULL)
        return FALSE;
    if (!corrald_pool_manager_set_vm_resources(daemon->pools, domain, patch, error))
        return FALSE;
    corrald_event_log_add(daemon->events, "vm-resources", call->params[0], call->user,
                          "vm %s: resources changed", virDomainGetName(domain));
    return corrald_call_reply_vm(call, 200, domain, error);
}

/* POST /vms/{id}/move */

gboolean
corrald_handle_vm_move(CorraldCall *call, GError **error)
{
    CorraldDaemon *daemon = call->daemon;
    g_autoptr(virDomain) domain = corrald_call_lookup_vm(call, error);
    g_autoptr(CorralMoveRequest) request = NULL;

    if (domain == NULL)
        return FALSE;
    request =
        corrald_call_decode_body(call, &corral_move_request_type, CORRAL_DECODE_DEFAULT, error);
    if (request == NULL ||
        !corrald_pool_manager_move_vm(daemon->pools, domain, request->pool, error))
        return FALSE;
    corrald_event_log_add(daemon->events, "vm-move", call->params[0], call->user,
                          "vm %s moved to pool %s", virDomainGetName(domain), request->pool);
    return corrald_call_reply_vm(call, 200, domain, error);
}
