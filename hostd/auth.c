/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Authentication and authorization (see auth.h).
 */
#include "hostd/auth.h"

#include "common/password.h"
#include "hostd/daemon.h"
#include "hostd/host-settings.h"
#include "hostd/hostd-error.h"
#include "hostd/pool-manager.h"

#include <string.h>

/* Names tracked for lockout at most; past that the oldest news is dropped
 * rather than letting a flood of made-up names grow memory. */
#define MAX_TRACKED_NAMES 10000

typedef struct {
    guint count;
    gint64 locked_until; /* monotonic seconds; 0 when not locked */
} Failures;

static gint64
now_s(void)
{
    return g_get_monotonic_time() / G_USEC_PER_SEC;
}

/* TRUE when @user may try a network login now. Called with auth_lock held. */
static gboolean
login_allowed(CorraldDaemon *daemon, const char *user)
{
    Failures *f = g_hash_table_lookup(daemon->failures, user);

    if (f == NULL || f->locked_until == 0)
        return TRUE;
    if (now_s() >= f->locked_until) {
        g_hash_table_remove(daemon->failures, user);
        return TRUE;
    }
    return FALSE;
}

static void
record_failure(CorraldDaemon *daemon, const char *user)
{
    Failures *f;

    g_mutex_lock(&daemon->auth_lock);
    f = g_hash_table_lookup(daemon->failures, user);
    if (f == NULL) {
        if (g_hash_table_size(daemon->failures) >= MAX_TRACKED_NAMES)
            g_hash_table_remove_all(daemon->failures);
        f = g_new0(Failures, 1);
        g_hash_table_insert(daemon->failures, g_strdup(user), f);
    }
    if (++f->count >= (guint)daemon->config.lockout_failures && f->locked_until == 0) {
        f->locked_until = now_s() + daemon->config.lockout_s;
        g_warning("account locked for %" G_GINT64_FORMAT " s after %u failures; user=%s",
                  daemon->config.lockout_s, f->count, user);
    }
    g_mutex_unlock(&daemon->auth_lock);
}

/* Lockdown, as ESXi has it: in normal mode root may not log in over the
 * network (named accounts may); in strict mode nobody may, and sessions
 * made before it stop working. The console and the unix socket are never
 * locked down. */
static gboolean
lockdown_allows(CorraldDaemon *daemon, const char *user, GError **error)
{
    CorralLockdown mode = corrald_host_settings_lockdown(daemon->state_dir);

    if (mode == CORRAL_LOCKDOWN_STRICT) {
        g_set_error_literal(error, CORRALD_ERROR, CORRALD_ERROR_LOCKDOWN,
                            "the host is in strict lockdown mode: manage it at its console");
        return FALSE;
    }
    if (mode == CORRAL_LOCKDOWN_NORMAL && g_str_equal(user, "root")) {
        g_set_error_literal(error, CORRALD_ERROR, CORRALD_ERROR_LOCKDOWN,
                            "the host is in lockdown mode: root may log in only at its console");
        return FALSE;
    }
    return TRUE;
}

char *
corrald_auth_login(CorraldDaemon *daemon, const char *user, const char *password, const char *peer,
                   gint64 *expires_in, GError **error)
{
    gboolean local = g_str_equal(peer, "local");
    g_autofree char *hash = corral_user_store_dup_hash(daemon->users, user);
    g_autofree char *root_hash = NULL;
    gboolean allowed, good;

    /* First boot: until root has a password, only the console may log in. */
    root_hash = corral_user_store_dup_hash(daemon->users, "root");
    if (root_hash == NULL && !local) {
        g_set_error_literal(error, CORRALD_ERROR, CORRALD_ERROR_NO_ROOT_PASSWORD,
                            "this host has no root password yet: set it at the host's console");
        return NULL;
    }

    if (!local && !lockdown_allows(daemon, user, error))
        return NULL;

    g_mutex_lock(&daemon->auth_lock);
    allowed = local || login_allowed(daemon, user);
    g_mutex_unlock(&daemon->auth_lock);

    /* Verify even when locked or unknown, so each answer takes as long. */
    good = corral_password_verify(password, hash) && allowed;
    if (!good) {
        g_warning("authentication failure; rhost=%s user=%s%s", peer, user,
                  allowed ? "" : " (locked)");
        if (!local)
            record_failure(daemon, user);
        g_usleep(daemon->config.failure_delay_ms * G_TIME_SPAN_MILLISECOND);
        g_set_error_literal(error, CORRALD_ERROR, CORRALD_ERROR_AUTH_FAILED,
                            "wrong user name or password");
        return NULL;
    }

    g_mutex_lock(&daemon->auth_lock);
    g_hash_table_remove(daemon->failures, user);
    g_mutex_unlock(&daemon->auth_lock);
    g_message("session opened; rhost=%s user=%s", peer, user);
    return corrald_session_store_create(daemon->sessions, user, expires_in, error);
}

char *
corrald_auth_pool_of(CorraldDaemon *daemon, const char *vm_id)
{
    if (daemon->pools == NULL)
        return g_strdup("/");
    return corrald_pool_manager_pool_of(daemon->pools, vm_id);
}

/* The objects whose permissions bear on @kind @param, most specific first:
 * the object, its pool and that pool's ancestors, then the host. */
static GPtrArray *
object_chain(CorraldDaemon *daemon, CorraldObjectKind kind, const char *param)
{
    GPtrArray *chain = g_ptr_array_new_with_free_func(g_free);
    g_autofree char *pool = NULL;

    if (kind == CORRALD_OBJECT_VM) {
        g_ptr_array_add(chain, g_strdup(param));
        pool = corrald_auth_pool_of(daemon, param);
    } else if (kind == CORRALD_OBJECT_POOL) {
        /* {path*} comes without its leading slash. */
        pool = param[0] == '/' ? g_strdup(param) : g_strconcat("/", param, NULL);
    }
    while (pool != NULL) {
        char *slash = strrchr(pool, '/');
        g_ptr_array_add(chain, g_strdup(pool));
        if (g_str_equal(pool, "/"))
            break;
        slash[slash == pool ? 1 : 0] = '\0';
    }
    g_ptr_array_add(chain, g_strdup("host"));
    g_ptr_array_add(chain, NULL);
    return chain;
}

static CorraldRole
role_on(CorraldDaemon *daemon, const char *user, CorraldObjectKind kind, const char *param)
{
    g_autoptr(GPtrArray) chain = object_chain(daemon, kind, param);
    int role = corral_user_store_role_on(daemon->users, user, (const char *const *)chain->pdata);

    return role < 0 ? CORRALD_ROLE_PUBLIC : corrald_role_from_user_role(role);
}

gboolean
corrald_auth_is_host_admin(CorraldDaemon *daemon, const char *user)
{
    return role_on(daemon, user, CORRALD_OBJECT_HOST, NULL) >= CORRALD_ROLE_ADMIN;
}

CorraldRole
corrald_auth_role_on_vm(CorraldDaemon *daemon, const char *user, const char *vm_id)
{
    return role_on(daemon, user, CORRALD_OBJECT_VM, vm_id);
}

static char *
bearer_token(const char *authorization)
{
    if (authorization == NULL || g_ascii_strncasecmp(authorization, "Bearer ", 7) != 0)
        return NULL;
    return g_strstrip(g_strdup(authorization + 7));
}

gboolean
corrald_auth_authorize(CorraldDaemon *daemon, CorraldCall *call, const char *authorization,
                       GError **error)
{
    const CorraldRoute *route = call->route;
    CorraldRole role;

    if (route->min_role == CORRALD_ROLE_PUBLIC)
        return TRUE;

    if (call->local) {
        call->user = g_strdup("root");
    } else {
        call->token = bearer_token(authorization);
        call->user = corrald_session_store_lookup(daemon->sessions, call->token);
    }
    if (call->user == NULL || !corral_user_store_exists(daemon->users, call->user)) {
        g_set_error_literal(error, CORRALD_ERROR, CORRALD_ERROR_UNAUTHORIZED,
                            call->token == NULL ? "log in first: no session token"
                                                : "the session has expired or ended: log in again");
        return FALSE;
    }
    if (!call->local && !lockdown_allows(daemon, call->user, error))
        return FALSE;
    if (route->min_role == CORRALD_ROLE_LOGGED_IN)
        return TRUE;
    if (route->object == CORRALD_OBJECT_SELF && g_strcmp0(call->params[0], call->user) == 0)
        return TRUE;

    role = role_on(daemon, call->user, route->object, call->params[0]);
    if (role < route->min_role) {
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_FORBIDDEN,
                    "%s may not do this: it needs the %s role on %s", call->user,
                    corrald_role_to_string(route->min_role),
                    route->object == CORRALD_OBJECT_VM || route->object == CORRALD_OBJECT_POOL
                        ? call->params[0]
                        : "the host");
        return FALSE;
    }
    return TRUE;
}

void
corrald_auth_forget_user(CorraldDaemon *daemon, const char *user)
{
    corrald_session_store_remove_user(daemon->sessions, user);
}
