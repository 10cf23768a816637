/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The user commands: user list, add, passwd, role and rm, and passwd, which
 * on corrald's unix socket sets the first root password. Request bodies are
 * CorralUser objects encoded by the codec; PATCH bodies keep only the
 * members that change, so a password change never resends a role.
 */
#include "cli/commands.h"

#include "cli/output.h"
#include "protocol/user.h"

#include <glib/gi18n.h>
#include <stdio.h>

static char *
user_path(const char *name)
{
    g_autofree char *segment = cli_path_segment(name);

    return g_strconcat("/users/", segment, NULL);
}

static gboolean
parse_role(const char *text, CorralUserRole *role, GError **error)
{
    if (corral_user_role_from_string(text, role))
        return TRUE;
    g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE,
                _("unknown role “%s”: expected admin, operator, read-only or no-access"), text);
    return FALSE;
}

/* The users of GET /users, decoded. */
static GPtrArray *
list_users(CliContext *ctx, json_object **raw, GError **error)
{
    g_autoptr(json_object) answer = cli_get(ctx, "/users", error);
    g_autoptr(GPtrArray) users = NULL;
    json_object *array;

    if (answer == NULL)
        return NULL;
    array = cli_answer_array(answer, "users", error);
    if (array == NULL)
        return NULL;
    users = g_ptr_array_new_with_free_func((GDestroyNotify)corral_user_free);
    for (gsize i = 0; i < json_object_array_length(array); i++) {
        CorralUser *user = corral_user_from_json(json_object_array_get_idx(array, i), error);

        if (user == NULL)
            return NULL;
        g_ptr_array_add(users, user);
    }
    if (raw != NULL)
        *raw = g_steal_pointer(&answer);
    return g_steal_pointer(&users);
}

/* Sends @user as the body of PATCH /users/{name}, with only @keep. */
static gboolean
patch_user(CliContext *ctx, const CorralUser *user, const char *const *keep, GError **error)
{
    g_autofree char *path = user_path(user->name);
    g_autoptr(json_object) body = cli_encode_only(&corral_user_type, user, keep);
    g_autoptr(json_object) answer = NULL;

    if (!cli_request(ctx, "PATCH", path, body, &answer, error))
        return FALSE;
    if (ctx->json && answer != NULL)
        cli_print_json(answer, FALSE);
    return TRUE;
}

gboolean
cli_cmd_user_list(CliContext *ctx, GError **error)
{
    g_autoptr(json_object) raw = NULL;
    g_autoptr(GPtrArray) users = list_users(ctx, &raw, error);
    const char *const headers[] = {_("NAME"), _("ROLE"), _("PERMISSIONS"), NULL};
    g_autoptr(CliTable) table = NULL;

    if (users == NULL)
        return FALSE;
    if (ctx->json) {
        cli_print_json(raw, FALSE);
        return TRUE;
    }
    table = cli_table_new(headers);
    for (guint i = 0; i < users->len; i++) {
        const CorralUser *user = users->pdata[i];
        g_autoptr(GString) permissions = g_string_new(NULL);

        for (guint k = 0; user->permissions != NULL && k < user->permissions->len; k++) {
            const CorralPermission *p = user->permissions->pdata[k];

            g_string_append_printf(permissions, "%s%s=%s%s", k > 0 ? ", " : "", p->object,
                                   corral_user_role_to_string(p->role), p->propagate ? "+" : "");
        }
        cli_table_add_row(table,
                          (const char *const[]){user->name, corral_user_role_to_string(user->role),
                                                permissions->str});
    }
    cli_table_print(table);
    return TRUE;
}

gboolean
cli_cmd_user_add(CliContext *ctx, GError **error)
{
    g_autoptr(CliSecret) password = NULL;
    g_autoptr(json_object) body = NULL;
    g_autoptr(json_object) answer = NULL;
    g_autoptr(GError) why = NULL;
    CorralUser user = {0};

    if (!corral_name_validate(ctx->args[0], &why)) {
        g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE, _("user name: %s"), why->message);
        return FALSE;
    }
    if (!parse_role(ctx->role, &user.role, error))
        return FALSE;
    password = cli_new_password(ctx, ctx->args[0], error);
    if (password == NULL)
        return FALSE;

    user.name = ctx->args[0];
    user.password = password;
    CORRAL_SET_PRESENT(&user, CORRAL_USER_FIELD_ROLE);
    body = corral_user_to_json(&user);
    if (!cli_request(ctx, "POST", "/users", body, &answer, error))
        return FALSE;
    if (ctx->json && answer != NULL)
        cli_print_json(answer, FALSE);
    else if (!ctx->json)
        printf(_("Added %1$s as %2$s.\n"), user.name, ctx->role);
    return TRUE;
}

gboolean
cli_cmd_user_passwd(CliContext *ctx, GError **error)
{
    static const char *const keep[] = {"password", NULL};
    g_autoptr(CliSecret) password = cli_new_password(ctx, ctx->args[0], error);
    CorralUser user = {0};

    if (password == NULL)
        return FALSE;
    user.name = ctx->args[0];
    user.password = password;
    if (!patch_user(ctx, &user, keep, error))
        return FALSE;
    if (!ctx->json)
        printf(_("The password of %s is set.\n"), user.name);
    return TRUE;
}

/* The object of --on: a pool path as it is, a guest by id or by name. */
static char *
resolve_object(CliContext *ctx, const char *text, GError **error)
{
    g_autoptr(json_object) answer = NULL;
    json_object *vms;
    const char *found = NULL;

    if (text[0] == '/' || g_uuid_string_is_valid(text))
        return g_strdup(text);
    answer = cli_get(ctx, "/vms", error);
    if (answer == NULL)
        return NULL;
    vms = cli_answer_array(answer, "vms", error);
    if (vms == NULL)
        return NULL;
    for (gsize i = 0; i < json_object_array_length(vms); i++) {
        json_object *vm = json_object_array_get_idx(vms, i), *name, *id;

        if (json_object_object_get_ex(vm, "name", &name) &&
            g_strcmp0(json_object_get_string(name), text) == 0 &&
            json_object_object_get_ex(vm, "id", &id))
            found = json_object_get_string(id);
    }
    if (found == NULL) {
        g_set_error(error, CLI_ERROR, CLI_ERROR_FAILED,
                    _("--on %s: not a pool path (/…), a guest id or a guest's name"), text);
        return NULL;
    }
    return g_strdup(found);
}

gboolean
cli_cmd_user_role(CliContext *ctx, GError **error)
{
    static const char *const keep_role[] = {"role", NULL};
    static const char *const keep_permissions[] = {"permissions", NULL};
    const char *name = ctx->args[0];
    g_autoptr(GPtrArray) users = NULL;
    g_autofree char *object = NULL;
    CorralUser *user = NULL;
    CorralPermission *permission = NULL;
    CorralUserRole role;

    if (!parse_role(ctx->args[1], &role, error))
        return FALSE;
    if (ctx->propagate && ctx->on == NULL) {
        g_set_error_literal(error, CLI_ERROR, CLI_ERROR_USAGE,
                            _("--propagate goes with --on OBJECT"));
        return FALSE;
    }
    if (ctx->on == NULL) {
        CorralUser change = {.name = (char *)name, .role = role};

        if (!patch_user(ctx, &change, keep_role, error))
            return FALSE;
        if (!ctx->json)
            printf(_("%1$s is now %2$s on the host.\n"), name, ctx->args[1]);
        return TRUE;
    }

    /* Permissions are sent as a whole: the user's own, with this one added
     * or replaced. */
    object = resolve_object(ctx, ctx->on, error);
    if (object == NULL)
        return FALSE;
    users = list_users(ctx, NULL, error);
    if (users == NULL)
        return FALSE;
    for (guint i = 0; i < users->len && user == NULL; i++)
        if (g_str_equal(((CorralUser *)users->pdata[i])->name, name))
            user = users->pdata[i];
    if (user == NULL) {
        g_set_error(error, CLI_ERROR, CLI_ERROR_FAILED, _("no user %s"), name);
        return FALSE;
    }
    if (user->permissions == NULL)
        user->permissions = g_ptr_array_new_with_free_func((GDestroyNotify)corral_permission_free);
    for (guint i = 0; i < user->permissions->len && permission == NULL; i++)
        if (g_str_equal(((CorralPermission *)user->permissions->pdata[i])->object, object))
            permission = user->permissions->pdata[i];
    if (permission == NULL) {
        permission = g_new0(CorralPermission, 1);
        permission->object = g_strdup(object);
        g_ptr_array_add(user->permissions, permission);
    }
    permission->role = role;
    permission->propagate = ctx->propagate;
    if (!patch_user(ctx, user, keep_permissions, error))
        return FALSE;
    if (!ctx->json)
        printf(_("%1$s is now %2$s on %3$s%4$s.\n"), name, ctx->args[1], object,
               ctx->propagate ? _(" and below") : "");
    return TRUE;
}

gboolean
cli_cmd_user_rm(CliContext *ctx, GError **error)
{
    g_autofree char *path = user_path(ctx->args[0]);

    if (!cli_request(ctx, "DELETE", path, NULL, NULL, error))
        return FALSE;
    if (!ctx->json)
        printf(_("Removed %s.\n"), ctx->args[0]);
    return TRUE;
}
