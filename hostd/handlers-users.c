/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Local users: GET/POST /users, PATCH/DELETE /users/{name}. A user may change
 * their own password whatever their role (the route lets them through for
 * their own name); only admins change roles, permissions or other users.
 * Any password change or removal ends the user's sessions at once.
 */
#include "hostd/auth.h"
#include "hostd/daemon.h"
#include "hostd/handlers.h"
#include "hostd/hostd-error.h"

#include "common/password-policy.h"
#include "common/password.h"

gboolean
corrald_handle_user_list(CorraldCall *call, GError **error)
{
    json_object *reply = json_object_new_object();

    json_object_object_add(reply, "users", corral_user_store_to_json(call->daemon->users, NULL));
    return corrald_call_reply(call, 200, reply);
}

static CorralUser *
decode_user(CorraldCall *call, GError **error)
{
    return corrald_call_decode_body(call, &corral_user_type, CORRAL_DECODE_PARTIAL, error);
}

/* The hash of @user's new password, or NULL with @error set. */
static char *
hash_password(const CorralUser *user, const char *name, GError **error)
{
    g_autoptr(GError) policy = NULL;

    if (!corral_password_policy_check(user->password, name, &policy)) {
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_WEAK_PASSWORD, "user.password: %s",
                    policy->message);
        return NULL;
    }
    return corral_password_hash(user->password, error);
}

static gboolean
reply_user(CorraldCall *call, guint status, const char *name)
{
    return corrald_call_reply(call, status, corral_user_store_to_json(call->daemon->users, name));
}

gboolean
corrald_handle_user_create(CorraldCall *call, GError **error)
{
    g_autoptr(CorralUser) user = decode_user(call, error);
    g_autofree char *hash = NULL;

    if (user == NULL)
        return FALSE;
    if (!CORRAL_HAS(user, CORRAL_USER_FIELD_NAME) || !CORRAL_HAS(user, CORRAL_USER_FIELD_ROLE) ||
        user->password == NULL) {
        g_set_error_literal(error, CORRALD_ERROR, CORRALD_ERROR_INVALID,
                            "user: name, role and password are required");
        return FALSE;
    }
    hash = hash_password(user, user->name, error);
    if (hash == NULL || !corral_user_store_put(call->daemon->users, user, hash, FALSE, error))
        return FALSE;
    corrald_event_log_add(call->daemon->events, "user-added", user->name, call->user,
                          "user %s added as %s", user->name,
                          corral_user_role_to_string(user->role));
    return reply_user(call, 201, user->name);
}

gboolean
corrald_handle_user_edit(CorraldCall *call, GError **error)
{
    const char *name = call->params[0];
    g_autoptr(CorralUser) user = decode_user(call, error);
    g_autofree char *hash = NULL;
    gboolean admin;

    if (user == NULL)
        return FALSE;
    if (CORRAL_HAS(user, CORRAL_USER_FIELD_NAME) && g_strcmp0(user->name, name) != 0) {
        g_set_error_literal(error, CORRALD_ERROR, CORRALD_ERROR_INVALID,
                            "user.name: users cannot be renamed");
        return FALSE;
    }
    admin = call->local || corrald_auth_is_host_admin(call->daemon, call->user);
    if (!admin && (CORRAL_HAS(user, CORRAL_USER_FIELD_ROLE) || user->permissions != NULL)) {
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_FORBIDDEN,
                    "%s may change only their own password", call->user);
        return FALSE;
    }
    if (!corral_user_store_exists(call->daemon->users, name)) {
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_USER_NOT_FOUND, "no user %s", name);
        return FALSE;
    }
    if (user->password != NULL && (hash = hash_password(user, name, error)) == NULL)
        return FALSE;

    g_free(user->name);
    user->name = g_strdup(name);
    if (!corral_user_store_put(call->daemon->users, user, hash, TRUE, error))
        return FALSE;
    if (hash != NULL) {
        corrald_auth_forget_user(call->daemon, name);
        corrald_event_log_add(call->daemon->events, "user-password", name, call->user,
                              "password of %s changed", name);
    }
    if (CORRAL_HAS(user, CORRAL_USER_FIELD_ROLE) || user->permissions != NULL)
        corrald_event_log_add(call->daemon->events, "user-role", name, call->user,
                              "role or permissions of %s changed", name);
    return reply_user(call, 200, name);
}

gboolean
corrald_handle_user_delete(CorraldCall *call, GError **error)
{
    const char *name = call->params[0];

    if (!corral_user_store_remove(call->daemon->users, name, error))
        return FALSE;
    corrald_auth_forget_user(call->daemon, name);
    corrald_event_log_add(call->daemon->events, "user-removed", name, call->user, "user %s removed",
                          name);
    return corrald_call_reply(call, 204, NULL);
}
