/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The route table and its matcher (see route-table.h). The table is short
 * enough that a linear scan over pre-split patterns costs less than the TLS
 * record it arrives in.
 */
#include "hostd/route-table.h"

#include "hostd/handlers.h"

#include <string.h>

#define R(m, p, h, role, obj)                                                                      \
    {                                                                                              \
        m, p, corrald_handle_##h, CORRALD_ROLE_##role, CORRALD_OBJECT_##obj                        \
    }

static const CorraldRoute routes[] = {
    R("GET", "/about", about, PUBLIC, HOST),
    R("POST", "/session", login, PUBLIC, HOST),
    R("DELETE", "/session", logout, LOGGED_IN, HOST),

    R("GET", "/host", host, READ_ONLY, HOST),
    R("GET", "/host/stats", host_stats, READ_ONLY, HOST),
    R("PUT", "/host/network", host_network, ADMIN, HOST),
    R("POST", "/host/network/confirm", host_network_confirm, ADMIN, HOST),
    R("GET", "/networks", networks, READ_ONLY, HOST),
    R("GET", "/pools", pool_list, LOGGED_IN, HOST),
    R("POST", "/pools", pool_create, ADMIN, HOST),
    R("GET", "/pools/{path*}", pool_get, READ_ONLY, POOL),
    R("PATCH", "/pools/{path*}", pool_edit, ADMIN, POOL),
    R("DELETE", "/pools/{path*}", pool_delete, ADMIN, POOL),
    R("GET", "/datastores", datastore_list, READ_ONLY, HOST),
    R("POST", "/datastores", datastore_add, ADMIN, HOST),
    R("GET", "/datastores/{name}", datastore_get, READ_ONLY, HOST),
    R("DELETE", "/datastores/{name}", datastore_remove, ADMIN, HOST),
    R("GET", "/datastores/{name}/files", datastore_files, READ_ONLY, HOST),
    R("GET", "/datastores/{name}/files/{path*}", datastore_download, READ_ONLY, HOST),
    R("PUT", "/datastores/{name}/files/{path*}", datastore_upload, ADMIN, HOST),
    R("POST", "/datastores/{name}/files/{path*}", datastore_mkdir, ADMIN, HOST),
    R("DELETE", "/datastores/{name}/files/{path*}", datastore_file_delete, ADMIN, HOST),

    R("GET", "/vms", vm_list, LOGGED_IN, HOST),
    R("POST", "/vms", vm_create, ADMIN, HOST),
    R("GET", "/vms/{id}", vm_get, READ_ONLY, VM),
    R("PATCH", "/vms/{id}", vm_edit, ADMIN, VM),
    R("DELETE", "/vms/{id}", vm_delete, ADMIN, VM),
    R("POST", "/vms/{id}/power", vm_power, OPERATOR, VM),
    R("GET", "/vms/{id}/stats", vm_stats, READ_ONLY, VM),
    R("PUT", "/vms/{id}/resources", vm_resources, ADMIN, VM),
    R("POST", "/vms/{id}/move", vm_move, ADMIN, VM),
    R("GET", "/vms/{id}/snapshots", snapshot_list, READ_ONLY, VM),
    R("POST", "/vms/{id}/snapshots", snapshot_create, OPERATOR, VM),
    R("POST", "/vms/{id}/snapshots/{name}/revert", snapshot_revert, OPERATOR, VM),
    R("DELETE", "/vms/{id}/snapshots/{name}", snapshot_delete, ADMIN, VM),
    R("POST", "/vms/{id}/console", console_ticket, OPERATOR, VM),
    R("GET", "/console/{ticket}", console_open, LOGGED_IN, HOST),

    R("GET", "/tasks", task_list, LOGGED_IN, HOST),
    R("GET", "/tasks/{id}", task_get, LOGGED_IN, HOST),
    R("GET", "/events", events, LOGGED_IN, HOST),

    R("GET", "/users", user_list, ADMIN, HOST),
    R("POST", "/users", user_create, ADMIN, HOST),
    R("PATCH", "/users/{name}", user_edit, ADMIN, SELF),
    R("DELETE", "/users/{name}", user_delete, ADMIN, HOST),
};

#undef R

const CorraldRoute *
corrald_routes(guint *n_routes)
{
    *n_routes = G_N_ELEMENTS(routes);
    return routes;
}

/* Matches @pattern against @segments; fills @params on success. */
static gboolean
match_pattern(const char *pattern, char **segments, char *params[CORRALD_MAX_PARAMS])
{
    g_auto(GStrv) parts = g_strsplit(pattern + 1, "/", -1);
    guint n = 0, i;

    for (i = 0; parts[i] != NULL; i++) {
        const char *p = parts[i];
        gboolean param = p[0] == '{';
        gboolean rest = param && g_str_has_suffix(p, "*}");

        if (segments[i] == NULL)
            break;
        if (rest) {
            params[n++] = g_strjoinv("/", segments + i);
            return TRUE;
        }
        if (param)
            params[n++] = g_strdup(segments[i]);
        else if (!g_str_equal(p, segments[i]))
            break;
    }
    if (parts[i] == NULL && segments[i] == NULL)
        return TRUE;
    for (guint k = 0; k < n; k++)
        g_clear_pointer(&params[k], g_free);
    return FALSE;
}

CorraldMatch
corrald_route_match(const char *method, char **segments, const CorraldRoute **route,
                    char *params[CORRALD_MAX_PARAMS])
{
    CorraldMatch result = CORRALD_MATCH_NO_PATH;

    for (gsize i = 0; i < G_N_ELEMENTS(routes); i++) {
        char *found[CORRALD_MAX_PARAMS] = {NULL};

        if (!match_pattern(routes[i].pattern, segments, found))
            continue;
        if (g_str_equal(routes[i].method, method)) {
            memcpy(params, found, sizeof found);
            *route = &routes[i];
            return CORRALD_MATCH_FOUND;
        }
        for (guint k = 0; k < CORRALD_MAX_PARAMS; k++)
            g_free(found[k]);
        result = CORRALD_MATCH_NO_METHOD;
    }
    return result;
}
