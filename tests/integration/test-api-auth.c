/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * corrald's access control through its real HTTPS port, on libvirt's test
 * driver: first boot, every route of the route table with no token, a dead
 * token and each role, lockout, delay, logout and password change.
 */
#include "check-tap.h"
#include "corrald-fixture.h"

#include "common/hostcfg/host-config.h"
#include "hostd/route-table.h"

#include <string.h>

#define PASSWORD     "correct horse battery"
#define TEST_VM_UUID "6695eb01-f6a4-8304-79aa-97f2502e193f"

static const struct {
    const char *name;
    const char *role;
    CorraldRole level;
} roles[] = {
    {"nobody1", "no-access", CORRALD_ROLE_NO_ACCESS},
    {"reader1", "read-only", CORRALD_ROLE_READ_ONLY},
    {"operator1", "operator", CORRALD_ROLE_OPERATOR},
    {"admin1", "admin", CORRALD_ROLE_ADMIN},
};

/* A body for each route that takes one; anything sensible, since the test
 * is about who gets past the door, not what happens after. */
static const struct {
    const char *method, *pattern, *body;
} bodies[] = {
    {"POST", "/session", "{\"username\": \"root\", \"password\": \"" PASSWORD "\"}"},
    {"POST", "/vms", "{\"name\": \"auth-probe\", \"vcpus\": 1, \"memory_bytes\": 67108864}"},
    {"PATCH", "/vms/{id}", "{\"guest_os\": \"linux\"}"},
    {"POST", "/vms/{id}/power", "{\"action\": \"resume\"}"},
    {"POST", "/vms/{id}/snapshots", "{\"name\": \"probe\"}"},
    {"POST", "/users",
     "{\"name\": \"probe\", \"role\": \"read-only\", \"password\": \"" PASSWORD "\"}"},
    {"PATCH", "/users/{name}", "{\"role\": \"read-only\"}"},
};

static const char *
body_for(const CorraldRoute *route)
{
    for (gsize i = 0; i < G_N_ELEMENTS(bodies); i++)
        if (g_str_equal(bodies[i].method, route->method) &&
            g_str_equal(bodies[i].pattern, route->pattern))
            return bodies[i].body;
    return NULL;
}

/* The route's pattern with its parameters filled in. */
static char *
path_for(const CorraldRoute *route)
{
    g_autoptr(GString) path = g_string_new(route->pattern);

    g_string_replace(path, "{id}", TEST_VM_UUID, 0);
    g_string_replace(path, "{name}/revert", "probe/revert", 0);
    g_string_replace(path, "snapshots/{name}", "snapshots/probe", 0);
    g_string_replace(path, "{name}", "target1", 0);
    g_string_replace(path, "{path*}", "pool1", 0);
    return g_string_free(g_steal_pointer(&path), FALSE);
}

static CorraldFixture *fixture;

static void
start(void)
{
    fixture = corrald_fixture_start("test:///default", "[auth]\nfailure-delay-ms=200\n");
}

static void
stop(void)
{
    g_clear_pointer(&fixture, corrald_fixture_stop);
}

START_TEST(test_first_boot_refuses_network_logins)
{
    g_autoptr(CorralClient) https = corrald_fixture_https(fixture);
    g_autoptr(json_object) answer = NULL;
    g_autofree char *token = NULL;
    guint status;

    status = corrald_fixture_call(https, "POST", "/session",
                                  "{\"username\": \"root\", \"password\": \"anything at all\"}",
                                  &answer);
    ck_assert_uint_eq(status, 403);
    ck_assert_ptr_nonnull(strstr(json_object_to_json_string(answer), "no-root-password"));

    /* A weak first password is refused; a good one opens the door. */
    {
        g_autoptr(CorralClient) local = corrald_fixture_local(fixture);
        ck_assert_uint_eq(corrald_fixture_call(local, "PATCH", "/users/root",
                                               "{\"password\": \"password1234\"}", NULL),
                          422);
    }
    corrald_fixture_add_user(fixture, "root", NULL, PASSWORD);
    token = corrald_fixture_login(fixture, "root", PASSWORD, &status);
    ck_assert_uint_eq(status, 200);
    ck_assert_uint_eq(strlen(token), 32);
}
END_TEST

/* Whether @status says the door was shut. */
static gboolean
refused(guint status)
{
    return status == 401 || status == 403;
}

START_TEST(test_every_route_every_role)
{
    guint n_routes, checked = 0;
    const CorraldRoute *routes = corrald_routes(&n_routes);

    corrald_fixture_add_user(fixture, "root", NULL, PASSWORD);
    for (gsize r = 0; r < G_N_ELEMENTS(roles); r++)
        corrald_fixture_add_user(fixture, roles[r].name, roles[r].role, PASSWORD);
    corrald_fixture_add_user(fixture, "target1", "no-access", PASSWORD);

    for (guint i = 0; i < n_routes; i++) {
        const CorraldRoute *route = &routes[i];
        g_autofree char *path = path_for(route);
        const char *body = body_for(route);
        g_autoptr(CorralClient) anonymous = corrald_fixture_https(fixture);
        guint status = corrald_fixture_call(anonymous, route->method, path, body, NULL);

        if (route->min_role == CORRALD_ROLE_PUBLIC) {
            ck_assert_msg(!refused(status), "%s %s public, got %u", route->method, path, status);
            continue;
        }
        ck_assert_msg(status == 401, "%s %s without a token: %u", route->method, path, status);

        /* A token that was good and has ended. */
        {
            g_autoptr(CorralClient) ended = corrald_fixture_https(fixture);
            g_autofree char *token = corrald_fixture_login(fixture, "admin1", PASSWORD, &status);
            ck_assert(corral_client_set_token(ended, token, NULL));
            ck_assert_uint_eq(corrald_fixture_call(ended, "DELETE", "/session", NULL, NULL), 204);
            status = corrald_fixture_call(ended, route->method, path, body, NULL);
            ck_assert_msg(status == 401, "%s %s with an ended token: %u", route->method, path,
                          status);
        }

        for (gsize r = 0; r < G_N_ELEMENTS(roles); r++) {
            g_autoptr(CorralClient) client = corrald_fixture_https(fixture);
            g_autofree char *token =
                corrald_fixture_login(fixture, roles[r].name, PASSWORD, &status);
            gboolean allowed =
                roles[r].level >= route->min_role || route->min_role == CORRALD_ROLE_LOGGED_IN;

            ck_assert(corral_client_set_token(client, token, NULL));
            status = corrald_fixture_call(client, route->method, path, body, NULL);
            if (allowed)
                ck_assert_msg(!refused(status) && status < 500, "%s %s as %s: %u", route->method,
                              path, roles[r].role, status);
            else
                ck_assert_msg(status == 403, "%s %s as %s: %u, expected 403", route->method, path,
                              roles[r].role, status);
            checked++;
        }
    }
    ck_assert_uint_ge(checked, 4 * 20);
}
END_TEST

START_TEST(test_own_password_only)
{
    g_autoptr(CorralClient) client = corrald_fixture_https(fixture);
    g_autofree char *token = NULL;
    guint status;

    corrald_fixture_add_user(fixture, "root", NULL, PASSWORD);
    corrald_fixture_add_user(fixture, "reader1", "read-only", PASSWORD);
    corrald_fixture_add_user(fixture, "other1", "read-only", PASSWORD);
    token = corrald_fixture_login(fixture, "reader1", PASSWORD, &status);
    ck_assert(corral_client_set_token(client, token, NULL));

    ck_assert_uint_eq(
        corrald_fixture_call(client, "PATCH", "/users/reader1", "{\"role\": \"admin\"}", NULL),
        403);
    ck_assert_uint_eq(corrald_fixture_call(client, "PATCH", "/users/other1",
                                           "{\"password\": \"another good password\"}", NULL),
                      403);
    ck_assert_uint_eq(corrald_fixture_call(client, "PATCH", "/users/reader1",
                                           "{\"password\": \"another good password\"}", NULL),
                      200);
    /* The password change ended the session it was made in. */
    ck_assert_uint_eq(corrald_fixture_call(client, "GET", "/vms", NULL, NULL), 401);
    g_free(corrald_fixture_login(fixture, "reader1", "another good password", &status));
    ck_assert_uint_eq(status, 200);
}
END_TEST

START_TEST(test_password_change_ends_sessions)
{
    g_autoptr(CorralClient) a = corrald_fixture_https(fixture);
    g_autoptr(CorralClient) b = corrald_fixture_https(fixture);
    g_autofree char *ta = NULL, *tb = NULL;
    guint status;

    corrald_fixture_add_user(fixture, "root", NULL, PASSWORD);
    corrald_fixture_add_user(fixture, "alice", "operator", PASSWORD);
    ta = corrald_fixture_login(fixture, "alice", PASSWORD, &status);
    tb = corrald_fixture_login(fixture, "alice", PASSWORD, &status);
    ck_assert(corral_client_set_token(a, ta, NULL));
    ck_assert(corral_client_set_token(b, tb, NULL));
    ck_assert_uint_eq(corrald_fixture_call(a, "GET", "/vms", NULL, NULL), 200);
    ck_assert_uint_eq(corrald_fixture_call(b, "GET", "/vms", NULL, NULL), 200);

    /* Logout ends one session at once, not the other. */
    ck_assert_uint_eq(corrald_fixture_call(a, "DELETE", "/session", NULL, NULL), 204);
    ck_assert_uint_eq(corrald_fixture_call(a, "GET", "/vms", NULL, NULL), 401);
    ck_assert_uint_eq(corrald_fixture_call(b, "GET", "/vms", NULL, NULL), 200);

    /* An admin's password change for alice ends all of hers. */
    corrald_fixture_add_user(fixture, "alice", NULL, "a brand new password");
    ck_assert_uint_eq(corrald_fixture_call(b, "GET", "/vms", NULL, NULL), 401);
}
END_TEST

/* Logs in with a wrong password and returns how long the answer took. */
static gint64
failed_login(const char *user, char **body)
{
    g_autoptr(CorralClient) https = corrald_fixture_https(fixture);
    g_autoptr(json_object) answer = NULL;
    g_autofree char *request =
        g_strdup_printf("{\"username\": \"%s\", \"password\": \"not the password\"}", user);
    gint64 start = g_get_monotonic_time();
    guint status = corrald_fixture_call(https, "POST", "/session", request, &answer);

    ck_assert_uint_eq(status, 401);
    *body = g_strdup(json_object_to_json_string(answer));
    return g_get_monotonic_time() - start;
}

START_TEST(test_lockout_and_delay)
{
    g_autofree char *unknown = NULL;
    g_autofree char *log = NULL;
    guint status;

    corrald_fixture_add_user(fixture, "root", NULL, PASSWORD);
    corrald_fixture_add_user(fixture, "carol", "operator", PASSWORD);

    /* Five failures, each delayed; unknown users answer the same. */
    for (int i = 0; i < 5; i++) {
        g_autofree char *body = NULL;
        gint64 took = failed_login("carol", &body);
        ck_assert_int_ge(took, 200 * 1000);
        if (i == 0) {
            gint64 took_unknown = failed_login("no-such-user", &unknown);
            ck_assert_str_eq(body, unknown);
            ck_assert_int_ge(took_unknown, 200 * 1000);
        }
    }
    /* Locked: the right password fails too, with the very same answer. */
    g_free(corrald_fixture_login(fixture, "carol", PASSWORD, &status));
    ck_assert_uint_eq(status, 401);

    /* The unix socket is never locked. */
    {
        g_autoptr(CorralClient) local = corrald_fixture_local(fixture);
        ck_assert_uint_eq(
            corrald_fixture_call(local, "POST", "/session",
                                 "{\"username\": \"carol\", \"password\": \"" PASSWORD "\"}", NULL),
            200);
    }
    log = corrald_fixture_log(fixture);
    ck_assert_ptr_nonnull(strstr(log, "authentication failure; rhost=127.0.0.1 user=carol"));
    ck_assert_ptr_nonnull(strstr(log, "authentication failure; rhost=127.0.0.1 user=no-such-user"));
    ck_assert_ptr_null(strstr(log, "not the password"));
    ck_assert_ptr_null(strstr(log, PASSWORD));
}
END_TEST

START_TEST(test_lockout_ends)
{
    g_autofree char *body = NULL;
    guint status;

    /* Same daemon code with a short lock, to see it lift. */
    corrald_fixture_stop(fixture);
    fixture = corrald_fixture_start(
        "test:///default", "[auth]\nfailure-delay-ms=0\nlockout-failures=5\nlockout-s=2\n");
    corrald_fixture_add_user(fixture, "root", NULL, PASSWORD);
    corrald_fixture_add_user(fixture, "dave", "operator", PASSWORD);
    for (int i = 0; i < 5; i++) {
        g_clear_pointer(&body, g_free);
        failed_login("dave", &body);
    }
    g_free(corrald_fixture_login(fixture, "dave", PASSWORD, &status));
    ck_assert_uint_eq(status, 401);
    g_usleep(2500 * 1000);
    g_free(corrald_fixture_login(fixture, "dave", PASSWORD, &status));
    ck_assert_uint_eq(status, 200);
}
END_TEST

START_TEST(test_tokens_never_logged)
{
    g_autofree char *token = NULL;
    g_autofree char *log = NULL;
    guint status;

    corrald_fixture_add_user(fixture, "root", NULL, PASSWORD);
    token = corrald_fixture_login(fixture, "root", PASSWORD, &status);
    ck_assert_uint_eq(status, 200);
    log = corrald_fixture_log(fixture);
    ck_assert_ptr_nonnull(strstr(log, "session opened; rhost=127.0.0.1 user=root"));
    ck_assert_ptr_null(strstr(log, token));
}
END_TEST

/* How many guests GET /vms shows @user. */
static gsize
listed_for(const char *user)
{
    g_autoptr(CorralClient) client = corrald_fixture_https(fixture);
    g_autoptr(json_object) answer = NULL;
    g_autofree char *token = NULL;
    json_object *vms;
    guint status;

    token = corrald_fixture_login(fixture, user, PASSWORD, &status);
    ck_assert(corral_client_set_token(client, token, NULL));
    ck_assert_uint_eq(corrald_fixture_call(client, "GET", "/vms", NULL, &answer), 200);
    ck_assert(json_object_object_get_ex(answer, "vms", &vms));
    return json_object_array_length(vms);
}

START_TEST(test_list_shows_what_roles_allow)
{
    g_autoptr(CorralClient) local = NULL;

    corrald_fixture_add_user(fixture, "root", NULL, PASSWORD);
    corrald_fixture_add_user(fixture, "reader1", "read-only", PASSWORD);
    corrald_fixture_add_user(fixture, "nobody1", "no-access", PASSWORD);
    corrald_fixture_add_user(fixture, "narrow1", "read-only", PASSWORD);
    local = corrald_fixture_local(fixture);
    /* nobody1 may read the test guest only; narrow1 everything but it. */
    ck_assert_uint_eq(corrald_fixture_call(local, "PATCH", "/users/nobody1",
                                           "{\"permissions\": [{\"object\": \"" TEST_VM_UUID
                                           "\", \"role\": \"read-only\", \"propagate\": false}]}",
                                           NULL),
                      200);
    ck_assert_uint_eq(corrald_fixture_call(local, "PATCH", "/users/narrow1",
                                           "{\"permissions\": [{\"object\": \"" TEST_VM_UUID
                                           "\", \"role\": \"no-access\", \"propagate\": false}]}",
                                           NULL),
                      200);
    ck_assert_uint_eq(listed_for("reader1"), 1);
    ck_assert_uint_eq(listed_for("nobody1"), 1);
    ck_assert_uint_eq(listed_for("narrow1"), 0);
}
END_TEST

static void
set_lockdown(CorralLockdown mode)
{
    g_autoptr(CorralHostConfig) config = corral_host_config_new_default("corral-test", "lo");

    config->lockdown = mode;
    ck_assert(corral_host_config_save(config, fixture->state_dir, NULL));
}

START_TEST(test_lockdown)
{
    g_autoptr(CorralClient) admin = corrald_fixture_https(fixture);
    g_autoptr(CorralClient) local = corrald_fixture_local(fixture);
    g_autoptr(json_object) answer = NULL;
    g_autofree char *admin_token = NULL;
    guint status;

    corrald_fixture_add_user(fixture, "root", NULL, PASSWORD);
    corrald_fixture_add_user(fixture, "admin1", "admin", PASSWORD);
    admin_token = corrald_fixture_login(fixture, "admin1", PASSWORD, &status);
    ck_assert(corral_client_set_token(admin, admin_token, NULL));

    /* Normal: root only at the console; named accounts go on working. */
    set_lockdown(CORRAL_LOCKDOWN_NORMAL);
    g_free(corrald_fixture_login(fixture, "root", PASSWORD, &status));
    ck_assert_uint_eq(status, 403);
    ck_assert_uint_eq(corrald_fixture_call(admin, "GET", "/vms", NULL, NULL), 200);

    /* Strict: nobody over the network, not even with an earlier session. */
    set_lockdown(CORRAL_LOCKDOWN_STRICT);
    g_free(corrald_fixture_login(fixture, "admin1", PASSWORD, &status));
    ck_assert_uint_eq(status, 403);
    ck_assert_uint_eq(corrald_fixture_call(admin, "GET", "/vms", NULL, &answer), 403);
    ck_assert_ptr_nonnull(strstr(json_object_to_json_string(answer), "lockdown-mode"));
    /* The unix socket (the console's way in) is never locked down. */
    ck_assert_uint_eq(corrald_fixture_call(local, "GET", "/vms", NULL, NULL), 200);

    set_lockdown(CORRAL_LOCKDOWN_OFF);
    g_free(corrald_fixture_login(fixture, "root", PASSWORD, &status));
    ck_assert_uint_eq(status, 200);
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("api-auth");
    TCase *tc = tcase_create("core");

    tcase_set_timeout(tc, 300);
    tcase_add_checked_fixture(tc, start, stop);
    tcase_add_test(tc, test_first_boot_refuses_network_logins);
    tcase_add_test(tc, test_every_route_every_role);
    tcase_add_test(tc, test_own_password_only);
    tcase_add_test(tc, test_password_change_ends_sessions);
    tcase_add_test(tc, test_lockout_and_delay);
    tcase_add_test(tc, test_lockout_ends);
    tcase_add_test(tc, test_tokens_never_logged);
    tcase_add_test(tc, test_lockdown);
    tcase_add_test(tc, test_list_shows_what_roles_allow);
    suite_add_tcase(s, tc);
    return corral_check_run(s);
}
