/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Tags and folders of guests through corrald's HTTPS API on real libvirtd
 * (qemu:///system; a guest defined and left off is enough): given at
 * creation and by PATCH, shown by GET /vms and GET /vms/{id}, announced as
 * a vm-edit event, kept in the domain's metadata where `virsh dumpxml`
 * shows them, still there after corrald restarts, and followed when
 * someone changes the metadata by hand. Bad tags and folders are refused
 * with a message naming the field, and change nothing. Needs root and a
 * libvirtd on qemu:///system; skipped otherwise.
 */
#include "check-tap.h"
#include "tests/integration/corrald-fixture.h"
#include "tests/integration/host-fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PASSWORD "correct horse battery"
#define XMLNS_VM "https://corral.invalid/xmlns/vm/1"

static CorraldFixture *fixture;
static CorralClient *api;
static char *guest_name;

static void
login(void)
{
    g_clear_pointer(&api, corral_client_unref);
    api = corrald_fixture_session(fixture, "root", PASSWORD);
}

static void
start(void)
{
    fixture = corrald_fixture_start("qemu:///system", NULL);
    corrald_fixture_add_user(fixture, "root", NULL, PASSWORD);
    login();
    guest_name = g_strdup_printf("tagt-it-%d", (int)getpid());
}

static void
stop(void)
{
    g_autofree char *command =
        g_strdup_printf("virsh -q -c qemu:///system undefine %s", guest_name);

    /* The guest goes even when the test failed halfway. */
    g_spawn_command_line_sync(command, NULL, NULL, NULL, NULL);
    g_clear_pointer(&guest_name, g_free);
    g_clear_pointer(&api, corral_client_unref);
    g_clear_pointer(&fixture, corrald_fixture_stop);
}

/* What `virsh dumpxml --inactive` says of guest @id. */
static char *
dumpxml(const char *id)
{
    g_autofree char *command = g_strdup_printf("virsh -c qemu:///system dumpxml --inactive %s", id);
    g_autofree char *err = NULL;
    char *out = NULL;
    int status = -1;

    ck_assert(g_spawn_command_line_sync(command, &out, &err, &status, NULL));
    ck_assert_msg(status == 0, "virsh dumpxml: %s", err);
    return out;
}

/* "tag,tag|folder" of the guest in answer @vm, for comparing. */
static char *
labels_of(json_object *vm)
{
    GString *text = g_string_new(NULL);
    json_object *tags;

    ck_assert(json_object_object_get_ex(vm, "tags", &tags));
    for (size_t i = 0; i < json_object_array_length(tags); i++)
        g_string_append_printf(text, "%s%s", i > 0 ? "," : "",
                               json_object_get_string(json_object_array_get_idx(tags, i)));
    g_string_append_printf(text, "|%s", corrald_json_member(vm, "folder"));
    return g_string_free(text, FALSE);
}

static char *
detail_labels(const char *id)
{
    g_autofree char *path = g_strdup_printf("/vms/%s", id);
    g_autoptr(json_object) answer = NULL;

    ck_assert_uint_eq(corrald_fixture_call(api, "GET", path, NULL, &answer), 200);
    return labels_of(answer);
}

/* The labels of guest @id as GET /vms lists it. */
static char *
listed_labels(const char *id)
{
    g_autoptr(json_object) answer = NULL;
    json_object *vms;

    ck_assert_uint_eq(corrald_fixture_call(api, "GET", "/vms", NULL, &answer), 200);
    ck_assert(json_object_object_get_ex(answer, "vms", &vms));
    for (size_t i = 0; i < json_object_array_length(vms); i++) {
        json_object *vm = json_object_array_get_idx(vms, i);

        if (g_str_equal(corrald_json_member(vm, "id"), id))
            return labels_of(vm);
    }
    ck_abort_msg("guest %s is not listed", id);
    return NULL;
}

/* The seq of the newest event. */
static guint64
last_event(void)
{
    g_autoptr(json_object) answer = NULL;
    json_object *last;

    ck_assert_uint_eq(corrald_fixture_call(api, "GET", "/events?after=0&timeout=0", NULL, &answer),
                      200);
    ck_assert(json_object_object_get_ex(answer, "last", &last));
    return (guint64)json_object_get_int64(last);
}

/* Whether an event of @kind for @target came after @seq (within 10 s). */
static gboolean
await_event(guint64 seq, const char *kind, const char *target)
{
    gint64 deadline = g_get_monotonic_time() + 10 * G_USEC_PER_SEC;

    while (g_get_monotonic_time() < deadline) {
        g_autofree char *path =
            g_strdup_printf("/events?after=%" G_GUINT64_FORMAT "&timeout=5", seq);
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
        seq = (guint64)json_object_get_int64(last);
    }
    return FALSE;
}

/* Bad bodies for PATCH /vms/{id} and what the refusal must say. */
static const struct {
    const char *body;
    const char *message;
} bad_patches[] = {
    {"{\"tags\": [\"web\", \"web\"]}", "vm-spec.tags[1]: \"web\" is already in the list"},
    {"{\"tags\": [\"\"]}", "vm-spec.tags[0]: is empty"},
    {"{\"tags\": [\"ok\", "
     "\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"]}",
     "vm-spec.tags[1]: is longer than 64 characters"},
    {"{\"tags\": [\"a\\u0001b\"]}", "vm-spec.tags[0]: contains a control character (0x01)"},
    {"{\"tags\": [\"a,b\"]}", "vm-spec.tags[0]: contains \",\""},
    {"{\"tags\": \"web\"}", "vm-spec.tags: expected an array, got a string"},
    {"{\"tags\": [1]}", "vm-spec.tags[0]: expected a string, got an integer"},
    {"{\"tags\": [\"ok\"], \"folder\": \"Production\"}", "vm-spec.folder: must start with \"/\""},
    {"{\"folder\": \"/a//b\"}", "vm-spec.folder: component 2 is empty"},
    {"{\"folder\": \"/1/2/3/4/5/6/7/8/9\"}", "vm-spec.folder: is more than 8 folders deep"},
    {"{\"folder\": \"/a\\nb\"}", "vm-spec.folder: component 1 contains a control character"},
    {"{\"folder\": \"/a/..\"}", "vm-spec.folder: component 2 \"..\" is not a name"},
    {"{\"folder\": 5}", "vm-spec.folder: expected a string, got an integer"},
};

static char *
too_many_tags(void)
{
    GString *body = g_string_new("{\"tags\": [");

    for (int i = 0; i < 33; i++)
        g_string_append_printf(body, "%s\"t%d\"", i > 0 ? ", " : "", i);
    g_string_append(body, "]}");
    return g_string_free(body, FALSE);
}

START_TEST(test_labels)
{
    g_autofree char *body = g_strdup_printf(
        "{\"name\": \"%s\", \"vcpus\": 1, \"memory_bytes\": 67108864, \"guest_os\": \"other\", "
        "\"tags\": [\"web\", \"prod\"], \"folder\": \"/Production/Web\"}",
        guest_name);
    g_autofree char *bad_create = g_strdup_printf(
        "{\"name\": \"%s-bad\", \"vcpus\": 1, \"memory_bytes\": 67108864, \"tags\": [\"a\", "
        "\"a\"]}",
        guest_name);
    g_autoptr(json_object) accepted = NULL;
    g_autoptr(json_object) edited = NULL;
    g_autoptr(json_object) refused = NULL;
    g_autofree char *id = NULL, *vm_path = NULL, *xml = NULL, *labels = NULL;
    g_autofree char *before_xml = NULL, *many = too_many_tags();
    guint64 seq;

    /* Created with labels. */
    ck_assert_uint_eq(corrald_fixture_call(api, "POST", "/vms", body, &accepted), 202);
    id = corrald_fixture_await_task(api, accepted);
    vm_path = g_strdup_printf("/vms/%s", id);
    labels = detail_labels(id);
    ck_assert_str_eq(labels, "web,prod|/Production/Web");
    g_clear_pointer(&labels, g_free);
    labels = listed_labels(id);
    ck_assert_str_eq(labels, "web,prod|/Production/Web");
    g_clear_pointer(&labels, g_free);
    xml = dumpxml(id);
    ck_assert_msg(strstr(xml, "<corral:tag>web</corral:tag>") != NULL &&
                      strstr(xml, "<corral:folder>/Production/Web</corral:folder>") != NULL,
                  "not in the metadata:\n%s", xml);
    g_clear_pointer(&xml, g_free);

    /* A bad create is refused and makes no guest. */
    ck_assert_uint_eq(corrald_fixture_call(api, "POST", "/vms", bad_create, &refused), 400);
    ck_assert_ptr_nonnull(strstr(corrald_json_error_message(refused), "vm-spec.tags[1]"));
    g_clear_pointer(&refused, json_object_put);

    /* Changed by PATCH, announced as an event, the guest OS kept. */
    seq = last_event();
    ck_assert_uint_eq(corrald_fixture_call(api, "PATCH", vm_path,
                                           "{\"tags\": [\"db\", \"Ünïcode tag\"], \"folder\": "
                                           "\"/Test/Databases\"}",
                                           &edited),
                      200);
    labels = labels_of(edited);
    ck_assert_str_eq(labels, "db,Ünïcode tag|/Test/Databases");
    g_clear_pointer(&labels, g_free);
    ck_assert_str_eq(corrald_json_member(edited, "guest_os"), "other");
    ck_assert_msg(await_event(seq, "vm-edit", id), "no vm-edit event for %s", id);
    labels = listed_labels(id);
    ck_assert_str_eq(labels, "db,Ünïcode tag|/Test/Databases");
    g_clear_pointer(&labels, g_free);

    /* Bad input: a clear refusal, nothing changed (API and metadata). */
    before_xml = dumpxml(id);
    for (gsize i = 0; i <= G_N_ELEMENTS(bad_patches); i++) {
        const char *bad = i < G_N_ELEMENTS(bad_patches) ? bad_patches[i].body : many;
        const char *want = i < G_N_ELEMENTS(bad_patches)
                               ? bad_patches[i].message
                               : "vm-spec.tags: has 33 elements, at most 32 are allowed";
        g_autoptr(json_object) answer = NULL;

        ck_assert_uint_eq(corrald_fixture_call(api, "PATCH", vm_path, bad, &answer), 400);
        ck_assert_msg(strstr(corrald_json_error_message(answer), want) != NULL,
                      "%s: got \"%s\", want \"%s\"", bad, corrald_json_error_message(answer), want);
    }
    labels = detail_labels(id);
    ck_assert_str_eq(labels, "db,Ünïcode tag|/Test/Databases");
    g_clear_pointer(&labels, g_free);
    xml = dumpxml(id);
    ck_assert_str_eq(xml, before_xml);
    g_clear_pointer(&xml, g_free);

    /* The top folder: "" and "/" both; no <folder> left in the XML. */
    ck_assert_uint_eq(corrald_fixture_call(api, "PATCH", vm_path, "{\"folder\": \"\"}", NULL), 200);
    labels = detail_labels(id);
    ck_assert_str_eq(labels, "db,Ünïcode tag|/");
    g_clear_pointer(&labels, g_free);
    xml = dumpxml(id);
    ck_assert_ptr_null(strstr(xml, "<corral:folder>"));
    g_clear_pointer(&xml, g_free);
    ck_assert_uint_eq(
        corrald_fixture_call(api, "PATCH", vm_path, "{\"folder\": \"/Production/Web\"}", NULL),
        200);

    /* corrald restarts: the labels are read back from libvirt. */
    corrald_process_stop(fixture);
    {
        g_autoptr(GError) error = NULL;

        ck_assert_msg(corrald_process_start(fixture, &error), "%s",
                      error != NULL ? error->message : "");
    }
    login();
    labels = listed_labels(id);
    ck_assert_str_eq(labels, "db,Ünïcode tag|/Production/Web");
    g_clear_pointer(&labels, g_free);
    labels = detail_labels(id);
    ck_assert_str_eq(labels, "db,Ünïcode tag|/Production/Web");
    g_clear_pointer(&labels, g_free);

    /* Changed by hand with virsh: the list follows libvirt's event. */
    host_fixture_run("virsh -q -c qemu:///system metadata %s " XMLNS_VM " --key corral --config "
                     "--set '<vm><guest-os>other</guest-os><tag>by-hand</tag></vm>'",
                     id);
    for (int i = 0; i < 50; i++) {
        g_clear_pointer(&labels, g_free);
        labels = listed_labels(id);
        if (g_str_equal(labels, "by-hand|/"))
            break;
        g_usleep(100 * 1000);
    }
    ck_assert_str_eq(labels, "by-hand|/");

    ck_assert_uint_eq(corrald_fixture_call(api, "DELETE", vm_path, NULL, NULL), 204);
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("vm-labels");
    TCase *tc = tcase_create("qemu");

    if (!host_fixture_have_libvirt()) {
        printf("1..0 # SKIP needs root and libvirtd on qemu:///system\n");
        return 0;
    }
    tcase_set_timeout(tc, 240);
    tcase_add_checked_fixture(tc, start, stop);
    tcase_add_test(tc, test_labels);
    suite_add_tcase(s, tc);
    return corral_check_run(s);
}
