/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The corrald test fixture (see corrald-fixture.h): the Check side of
 * tests/common/corrald-process.c.
 */
#include "tests/integration/corrald-fixture.h"

#include "protocol/codec.h"
#include "tests/common/test-util.h"

#include <check.h>

CorraldFixture *
corrald_fixture_start(const char *libvirt_uri, const char *config_text)
{
    g_autoptr(GError) error = NULL;
    CorraldFixture *f =
        corrald_process_new("corrald-test-XXXXXX", libvirt_uri, config_text, TRUE, &error);

    ck_assert_msg(f != NULL, "%s", error != NULL ? error->message : "?");
    ck_assert_msg(corrald_process_start(f, &error), "%s", error != NULL ? error->message : "?");
    return f;
}

void
corrald_fixture_stop(CorraldFixture *f)
{
    if (f == NULL)
        return;
    corrald_process_stop(f);
    if (g_getenv("CORRAL_KEEP_TEST_STATE") == NULL)
        corral_test_remove_tree(f->state_dir);
    corrald_process_free(f);
}

CorralClient *
corrald_fixture_https(CorraldFixture *f)
{
    g_autoptr(GError) error = NULL;
    CorralClient *client = corrald_process_https(f, NULL, &error);

    ck_assert_ptr_nonnull(client);
    return client;
}

CorralClient *
corrald_fixture_local(CorraldFixture *f)
{
    return corrald_process_local(f);
}

guint
corrald_fixture_call(CorralClient *client, const char *method, const char *path, const char *body,
                     json_object **answer)
{
    g_autoptr(json_object) request = NULL;
    g_autoptr(GError) error = NULL;
    json_object *response = NULL;
    guint status = 0;

    if (body != NULL) {
        request = json_tokener_parse(body);
        ck_assert_msg(request != NULL, "test body is not JSON: %s", body);
    }
    if (!corral_client_request(client, method, path, request, &status, &response, &error)) {
        const char *code = corral_client_get_last_error_code(client);
        status = corral_client_get_last_status(client);
        if (status != 0) {
            /* Rebuild the error body the client turned into a GError. */
            json_object *inner = json_object_new_object();
            response = json_object_new_object();
            json_object_object_add(inner, "code", json_object_new_string(code != NULL ? code : ""));
            json_object_object_add(inner, "message", json_object_new_string(error->message));
            json_object_object_add(response, "error", inner);
        }
    }
    ck_assert_msg(status != 0, "%s %s: no answer: %s", method, path,
                  error != NULL ? error->message : "?");
    if (answer != NULL)
        *answer = response;
    else
        json_object_put(response);
    return status;
}

void
corrald_fixture_add_user(CorraldFixture *f, const char *user, const char *role,
                         const char *password)
{
    g_autoptr(CorralClient) local = corrald_fixture_local(f);
    g_autofree char *path = g_strdup_printf("/users/%s", user);
    g_autofree char *body = NULL;
    guint status;

    if (role != NULL) {
        body = g_strdup_printf("{\"name\": \"%s\", \"role\": \"%s\", \"password\": \"%s\"}", user,
                               role, password);
        status = corrald_fixture_call(local, "POST", "/users", body, NULL);
        ck_assert_msg(status == 201, "adding %s: HTTP %u", user, status);
    } else {
        body = g_strdup_printf("{\"password\": \"%s\"}", password);
        status = corrald_fixture_call(local, "PATCH", path, body, NULL);
        ck_assert_msg(status == 200, "setting the password of %s: HTTP %u", user, status);
    }
}

char *
corrald_fixture_login(CorraldFixture *f, const char *user, const char *password, guint *status)
{
    g_autoptr(GError) error = NULL;
    char *token = corrald_process_login(f, user, password, status, &error);

    ck_assert_msg(*status != 0, "POST /session: no answer: %s",
                  error != NULL ? error->message : "?");
    return token;
}

CorralClient *
corrald_fixture_session(CorraldFixture *f, const char *user, const char *password)
{
    g_autofree char *token = NULL;
    CorralClient *api;
    guint status;

    token = corrald_fixture_login(f, user, password, &status);
    ck_assert_uint_eq(status, 200);
    api = corrald_fixture_https(f);
    ck_assert(corral_client_set_token(api, token, NULL));
    return api;
}

char *
corrald_fixture_await_task(CorralClient *api, json_object *accepted)
{
    json_object *task;
    g_autofree char *path = NULL;

    ck_assert(json_object_object_get_ex(accepted, "task", &task));
    path = g_strdup_printf("/tasks/%s", corrald_json_member(task, "id"));
    for (int i = 0; i < 300; i++) {
        g_autoptr(json_object) now = NULL;
        const char *state;

        ck_assert_uint_eq(corrald_fixture_call(api, "GET", path, NULL, &now), 200);
        state = corrald_json_member(now, "state");
        if (g_str_equal(state, "success"))
            return g_strdup(corrald_json_member(now, "target"));
        ck_assert_msg(!g_str_equal(state, "error"), "task failed: %s",
                      json_object_to_json_string(now));
        g_usleep(100 * 1000);
    }
    ck_abort_msg("task did not finish in 30 s");
    return NULL;
}

char *
corrald_fixture_log(CorraldFixture *f)
{
    return corrald_process_log(f);
}

const char *
corrald_json_member(json_object *object, const char *name)
{
    json_object *value;

    ck_assert_msg(json_object_object_get_ex(object, name, &value), "no \"%s\" in %s", name,
                  json_object_to_json_string(object));
    return json_object_get_string(value);
}

const char *
corrald_json_error_message(json_object *answer)
{
    json_object *inner;

    ck_assert_msg(json_object_object_get_ex(answer, "error", &inner), "not an error: %s",
                  json_object_to_json_string(answer));
    return corrald_json_member(inner, "message");
}
