/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A guest's life through corrald's HTTPS API on real libvirtd and QEMU:
 * create it (a task), power it on, see "running" in the list and a
 * vm-started event in the long poll, power it off, see it stop, delete it.
 * Needs root and a libvirtd on qemu:///system (scripts/services starts one);
 * skipped otherwise.
 */
#include "check-tap.h"
#include "tests/integration/corrald-fixture.h"
#include "tests/integration/host-fixture.h"

#include <libvirt/libvirt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PASSWORD "correct horse battery"

static CorraldFixture *fixture;
static CorralClient *api;

static void
start(void)
{
    fixture = corrald_fixture_start("qemu:///system", NULL);
    corrald_fixture_add_user(fixture, "root", NULL, PASSWORD);
    api = corrald_fixture_session(fixture, "root", PASSWORD);
}

static void
stop(void)
{
    g_clear_pointer(&api, corral_client_unref);
    g_clear_pointer(&fixture, corrald_fixture_stop);
}

/* The state of guest @id as GET /vms lists it, or NULL when it is not listed. */
static char *
listed_state(const char *id)
{
    g_autoptr(json_object) answer = NULL;
    json_object *vms;

    ck_assert_uint_eq(corrald_fixture_call(api, "GET", "/vms", NULL, &answer), 200);
    ck_assert(json_object_object_get_ex(answer, "vms", &vms));
    for (size_t i = 0; i < json_object_array_length(vms); i++) {
        json_object *vm = json_object_array_get_idx(vms, i);
        if (g_str_equal(corrald_json_member(vm, "id"), id))
            return g_strdup(corrald_json_member(vm, "state"));
    }
    return NULL;
}

/* Long-polls the events after *@seq until one of @kind for @target comes,
 * or 30 s pass. */
static gboolean
await_event(guint64 *seq, const char *kind, const char *target)
{
    gint64 deadline = g_get_monotonic_time() + 30 * G_USEC_PER_SEC;

    while (g_get_monotonic_time() < deadline) {
        g_autofree char *path =
            g_strdup_printf("/events?after=%" G_GUINT64_FORMAT "&timeout=5", *seq);
        g_autoptr(json_object) answer = NULL;
        json_object *events, *last;

        ck_assert_uint_eq(corrald_fixture_call(api, "GET", path, NULL, &answer), 200);
        ck_assert(json_object_object_get_ex(answer, "events", &events));
        ck_assert(json_object_object_get_ex(answer, "last", &last));
        for (size_t i = 0; i < json_object_array_length(events); i++) {
            json_object *e = json_object_array_get_idx(events, i);
            if (g_str_equal(corrald_json_member(e, "kind"), kind) &&
                g_str_equal(corrald_json_member(e, "target"), target))
                return TRUE;
        }
        *seq = (guint64)json_object_get_int64(last);
    }
    return FALSE;
}

START_TEST(test_create_power_delete)
{
    g_autofree char *name = g_strdup_printf("corral-it-%d", (int)getpid());
    g_autofree char *body = g_strdup_printf(
        "{\"name\": \"%s\", \"vcpus\": 1, \"memory_bytes\": 67108864, \"guest_os\": \"other\"}",
        name);
    g_autoptr(json_object) accepted = NULL;
    g_autoptr(json_object) detail = NULL;
    g_autofree char *id = NULL, *state = NULL, *vm_path = NULL, *power_path = NULL;
    guint64 seq = 0;

    ck_assert_uint_eq(corrald_fixture_call(api, "POST", "/vms", body, &accepted), 202);
    id = corrald_fixture_await_task(api, accepted);
    vm_path = g_strdup_printf("/vms/%s", id);
    power_path = g_strdup_printf("/vms/%s/power", id);

    ck_assert_uint_eq(corrald_fixture_call(api, "GET", vm_path, NULL, &detail), 200);
    ck_assert_str_eq(corrald_json_member(detail, "name"), name);
    state = listed_state(id);
    ck_assert_str_eq(state, "shutoff");

    /* A second guest of the same name is refused. */
    ck_assert_uint_eq(corrald_fixture_call(api, "POST", "/vms", body, NULL), 409);

    ck_assert_uint_eq(corrald_fixture_call(api, "POST", power_path, "{\"action\": \"on\"}", NULL),
                      200);
    ck_assert_msg(await_event(&seq, "vm-started", id), "no vm-started event for %s", id);
    g_free(state);
    state = listed_state(id);
    ck_assert_str_eq(state, "running");

    /* Powering on a running guest says why it cannot. */
    ck_assert_uint_eq(corrald_fixture_call(api, "POST", power_path, "{\"action\": \"on\"}", NULL),
                      409);
    /* A running guest is not deleted without force. */
    ck_assert_uint_eq(corrald_fixture_call(api, "DELETE", vm_path, NULL, NULL), 409);

    ck_assert_uint_eq(corrald_fixture_call(api, "POST", power_path, "{\"action\": \"off\"}", NULL),
                      200);
    ck_assert_msg(await_event(&seq, "vm-stopped", id), "no vm-stopped event for %s", id);
    g_free(state);
    state = listed_state(id);
    ck_assert_str_eq(state, "shutoff");

    ck_assert_uint_eq(corrald_fixture_call(api, "DELETE", vm_path, NULL, NULL), 204);
    ck_assert_uint_eq(corrald_fixture_call(api, "GET", vm_path, NULL, NULL), 404);
    g_free(state);
    state = listed_state(id);
    ck_assert_ptr_null(state);
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("vm-lifecycle");
    TCase *tc = tcase_create("qemu");

    if (!host_fixture_have_libvirt()) {
        printf("1..0 # SKIP needs root and libvirtd on qemu:///system\n");
        return 0;
    }
    tcase_set_timeout(tc, 240);
    tcase_add_checked_fixture(tc, start, stop);
    tcase_add_test(tc, test_create_power_delete);
    suite_add_tcase(s, tc);
    return corral_check_run(s);
}
