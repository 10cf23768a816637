/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Tests of the JSON codec: every object's golden file round-trips byte for
 * byte, every document of the malformed corpus is refused with a message
 * naming its field, enum names round-trip, PATCH bodies record which fields
 * they sent, and half-decoded objects are freed without leaks (ASan).
 *
 * Golden files are rewritten from their decoded form only when
 * CORRAL_REGENERATE_GOLDEN=1 is set.
 */
#include "protocol/objects.h"

#include "check-tap.h"

#include <string.h>

#define GOLDEN_DIR    TEST_FIXTURES "/golden"
#define MALFORMED_DIR TEST_FIXTURES "/malformed"
#define MALFORMED_MIN 60

/* The objects with a golden file each, named <type name>.json. */
static const CorralType *const golden_types[] = {
    &corral_about_type,
    &corral_host_type,
    &corral_management_type,
    &corral_resources_type,
    &corral_vm_type,
    &corral_vm_disk_type, /* a CD-ROM: the optional device field */
    &corral_pool_type,
    &corral_datastore_type,
    &corral_datastore_file_type,
    &corral_task_type,
    &corral_event_type,
    &corral_user_type,
    &corral_login_request_type,
    &corral_session_type,
    &corral_api_error_type,
    &corral_power_request_type,
    &corral_host_power_request_type,
    &corral_move_request_type,
    &corral_console_ticket_type,
    &corral_vm_spec_type,
    &corral_pool_spec_type,
    &corral_datastore_spec_type,
    &corral_network_type,
    &corral_snapshot_type,
    &corral_snapshot_spec_type,
    &corral_stats_type,
};

static const CorralEnum *const enums[] = {
    &corral_shares_level_enum,   &corral_ipv4_mode_enum,         &corral_ipv6_mode_enum,
    &corral_lockdown_enum,       &corral_vm_state_enum,          &corral_disk_bus_enum,
    &corral_datastore_type_enum, &corral_task_state_enum,        &corral_user_role_enum,
    &corral_power_action_enum,   &corral_host_power_action_enum, &corral_file_type_enum,
    &corral_disk_device_enum,
};

static const CorralType *
type_by_name(const char *name)
{
    for (guint i = 0; i < G_N_ELEMENTS(golden_types); i++) {
        if (strcmp(golden_types[i]->name, name) == 0)
            return golden_types[i];
    }
    return NULL;
}

static char *
read_fixture(const char *dir, const char *name, gsize *len)
{
    g_autofree char *path = g_build_filename(dir, name, NULL);
    g_autoptr(GError) error = NULL;
    char *text = NULL;

    if (!g_file_get_contents(path, &text, len, &error))
        ck_abort_msg("%s", error->message);
    return text;
}

/* Golden files */

START_TEST(test_golden_round_trip)
{
    const CorralType *type = golden_types[_i];
    g_autofree char *name = g_strconcat(type->name, ".json", NULL);
    g_autoptr(GError) error = NULL;
    g_autofree char *text = NULL;
    g_autofree char *encoded = NULL;
    g_autofree char *again = NULL;
    gpointer object;
    gpointer reread;
    gsize len;

    text = read_fixture(GOLDEN_DIR, name, &len);
    /* Golden files use every field they have, so even strict reads pass. */
    object = corral_codec_parse(type, text, len, CORRAL_DECODE_STRICT, &error);
    ck_assert_msg(object != NULL, "%s: %s", name, error->message);
    encoded = corral_codec_format(type, object);

    if (g_strcmp0(g_getenv("CORRAL_REGENERATE_GOLDEN"), "1") == 0) {
        g_autofree char *path = g_build_filename(GOLDEN_DIR, name, NULL);

        ck_assert(g_file_set_contents(path, encoded, -1, &error));
    } else {
        ck_assert_str_eq(encoded, text);
    }

    /* What the encoder writes decodes to the same document again. */
    reread = corral_codec_parse(type, encoded, strlen(encoded), CORRAL_DECODE_STRICT, &error);
    ck_assert_msg(reread != NULL, "%s: %s", name, error->message);
    again = corral_codec_format(type, reread);
    ck_assert_str_eq(again, encoded);
    corral_codec_free(type, reread);
    corral_codec_free(type, object);
}
END_TEST

/* The malformed corpus: EXPECTED lists file, type, decode mode and the
 * substring the refusal must contain. */

typedef struct {
    char *file;
    char *type;
    char *mode;
    char *expected;
} MalformedCase;

static GPtrArray *malformed_cases;

static void
malformed_case_free(gpointer data)
{
    MalformedCase *c = data;

    g_free(c->file);
    g_free(c->type);
    g_free(c->mode);
    g_free(c->expected);
    g_free(c);
}

static GPtrArray *
malformed_load(void)
{
    g_autofree char *text = NULL;
    g_auto(GStrv) lines = NULL;
    GPtrArray *cases = g_ptr_array_new_with_free_func(malformed_case_free);
    gsize len;

    text = read_fixture(MALFORMED_DIR, "EXPECTED", &len);
    lines = g_strsplit(text, "\n", -1);
    for (guint i = 0; lines[i] != NULL; i++) {
        g_auto(GStrv) columns = NULL;
        MalformedCase *c;

        if (lines[i][0] == '\0' || lines[i][0] == '#')
            continue;
        columns = g_strsplit(lines[i], "\t", 4);
        g_assert(g_strv_length(columns) == 4);
        c = g_new0(MalformedCase, 1);
        c->file = g_strdup(columns[0]);
        c->type = g_strdup(columns[1]);
        c->mode = g_strdup(columns[2]);
        c->expected = g_strdup(columns[3]);
        g_ptr_array_add(cases, c);
    }
    return cases;
}

START_TEST(test_malformed)
{
    const MalformedCase *c = malformed_cases->pdata[_i];
    const CorralType *type = type_by_name(c->type);
    CorralDecodeFlags flags = CORRAL_DECODE_DEFAULT;
    g_autoptr(GError) error = NULL;
    g_autofree char *text = NULL;
    gpointer object;
    gsize len;

    ck_assert_msg(type != NULL, "%s: unknown type %s", c->file, c->type);
    if (strcmp(c->mode, "strict") == 0)
        flags = CORRAL_DECODE_STRICT;
    else
        ck_assert_str_eq(c->mode, "lenient");

    text = read_fixture(MALFORMED_DIR, c->file, &len);
    object = corral_codec_parse(type, text, len, flags, &error);
    ck_assert_msg(object == NULL, "%s was accepted", c->file);
    ck_assert(g_error_matches(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_INVALID));
    ck_assert_msg(strstr(error->message, c->expected) != NULL, "%s: \"%s\" lacks \"%s\"", c->file,
                  error->message, c->expected);
}
END_TEST

/* Every file of the corpus has its line in EXPECTED, and the corpus is as
 * large as promised. */
START_TEST(test_malformed_corpus_complete)
{
    g_autoptr(GDir) dir = g_dir_open(MALFORMED_DIR, 0, NULL);
    const char *name;
    guint files = 0;

    ck_assert_ptr_nonnull(dir);
    while ((name = g_dir_read_name(dir)) != NULL) {
        gboolean listed = FALSE;

        if (strcmp(name, "EXPECTED") == 0)
            continue;
        files++;
        for (guint i = 0; i < malformed_cases->len && !listed; i++)
            listed = strcmp(((MalformedCase *)malformed_cases->pdata[i])->file, name) == 0;
        ck_assert_msg(listed, "%s is not in EXPECTED", name);
    }
    ck_assert_uint_eq(files, malformed_cases->len);
    ck_assert_uint_ge(files, MALFORMED_MIN);
}
END_TEST

/* Enums */

START_TEST(test_enum_round_trip)
{
    const CorralEnum *enumeration = enums[_i];

    for (guint v = 0; v < enumeration->n_values; v++) {
        const char *text = corral_enum_to_string(enumeration, (int)v);
        int back = -1;

        ck_assert_ptr_nonnull(text);
        ck_assert(corral_enum_from_string(enumeration, text, &back));
        ck_assert_int_eq(back, (int)v);
    }
    ck_assert_ptr_null(corral_enum_to_string(enumeration, (int)enumeration->n_values));
    ck_assert_ptr_null(corral_enum_to_string(enumeration, -1));
    ck_assert(!corral_enum_from_string(enumeration, "no-such-value", &(int){0}));
    ck_assert(!corral_enum_from_string(enumeration, "", &(int){0}));
}
END_TEST

START_TEST(test_enum_typed)
{
    CorralVmState state;
    CorralDiskBus bus;
    CorralUserRole role;

    ck_assert_str_eq(corral_vm_state_to_string(CORRAL_VM_STATE_CRASHED), "crashed");
    ck_assert_uint_eq(corral_vm_state_enum.n_values, CORRAL_VM_STATE_LAST);
    ck_assert(corral_vm_state_from_string("suspended", &state));
    ck_assert_int_eq(state, CORRAL_VM_STATE_SUSPENDED);
    ck_assert(corral_disk_bus_from_string("ide", &bus));
    ck_assert_int_eq(bus, CORRAL_DISK_BUS_IDE);
    ck_assert(!corral_disk_bus_from_string("floppy", &bus));
    ck_assert(corral_user_role_from_string("read-only", &role));
    ck_assert_int_eq(role, CORRAL_USER_ROLE_READ_ONLY);
    ck_assert_str_eq(corral_power_action_to_string(CORRAL_POWER_ACTION_RESUME), "resume");
    ck_assert_str_eq(corral_lockdown_to_string(CORRAL_LOCKDOWN_STRICT), "strict");
}
END_TEST

/* PATCH bodies and present bits */

START_TEST(test_patch_present)
{
    static const char body[] = "{\"vcpus\": 8, \"resources\": {\"cpu\": {\"limit_mhz\": 2000}}}";
    g_autoptr(GError) error = NULL;
    g_autoptr(CorralVm) vm = NULL;

    vm = corral_codec_parse(&corral_vm_type, body, strlen(body),
                            CORRAL_DECODE_STRICT | CORRAL_DECODE_PARTIAL, &error);
    ck_assert_msg(vm != NULL, "%s", error ? error->message : "");
    ck_assert(CORRAL_HAS(vm, CORRAL_VM_FIELD_VCPUS));
    ck_assert(CORRAL_HAS(vm, CORRAL_VM_FIELD_RESOURCES));
    ck_assert(!CORRAL_HAS(vm, CORRAL_VM_FIELD_NAME));
    ck_assert(!CORRAL_HAS(vm, CORRAL_VM_FIELD_DISKS));
    ck_assert_int_eq(vm->vcpus, 8);
    ck_assert(CORRAL_HAS(&vm->resources, CORRAL_RESOURCES_FIELD_CPU));
    ck_assert(!CORRAL_HAS(&vm->resources, CORRAL_RESOURCES_FIELD_MEMORY));
    ck_assert(CORRAL_HAS(&vm->resources.cpu, CORRAL_CPU_ALLOCATION_FIELD_LIMIT_MHZ));
    ck_assert(!CORRAL_HAS(&vm->resources.cpu, CORRAL_CPU_ALLOCATION_FIELD_SHARES));
    ck_assert_int_eq(vm->resources.cpu.limit_mhz, 2000);
    ck_assert_ptr_null(vm->name);
    ck_assert_uint_eq(vm->present,
                      (1u << CORRAL_VM_FIELD_VCPUS) | (1u << CORRAL_VM_FIELD_RESOURCES));
}
END_TEST

/* A PATCH body is still checked field by field, and an empty one is fine. */
START_TEST(test_patch_refusals)
{
    static const char bad[] = "{\"vcpus\": 0}";
    static const char unknown[] = "{\"flavour\": \"large\"}";
    static const char empty[] = "{}";
    const CorralDecodeFlags patch = CORRAL_DECODE_STRICT | CORRAL_DECODE_PARTIAL;
    g_autoptr(GError) error = NULL;
    g_autoptr(CorralVm) vm = NULL;

    ck_assert_ptr_null(corral_codec_parse(&corral_vm_type, bad, strlen(bad), patch, &error));
    ck_assert_str_eq(error->message, "vm.vcpus: 0 is out of range 1–4096");
    g_clear_error(&error);
    ck_assert_ptr_null(
        corral_codec_parse(&corral_vm_type, unknown, strlen(unknown), patch, &error));
    ck_assert_str_eq(error->message, "vm.flavour: unknown field");
    g_clear_error(&error);
    vm = corral_codec_parse(&corral_vm_type, empty, strlen(empty), patch, &error);
    ck_assert_ptr_nonnull(vm);
    ck_assert_uint_eq(vm->present, 0);
}
END_TEST

/* Answers may grow fields: lenient reads skip them, strict ones refuse. */
START_TEST(test_unknown_fields)
{
    static const char body[] = "{\"action\": \"on\", \"force\": true}";
    g_autoptr(GError) error = NULL;
    g_autoptr(CorralPowerRequest) power = NULL;

    power = corral_codec_parse(&corral_power_request_type, body, strlen(body),
                               CORRAL_DECODE_DEFAULT, &error);
    ck_assert_ptr_nonnull(power);
    ck_assert_int_eq(power->action, CORRAL_POWER_ACTION_ON);
    ck_assert_ptr_null(corral_codec_parse(&corral_power_request_type, body, strlen(body),
                                          CORRAL_DECODE_STRICT, &error));
    ck_assert_str_eq(error->message, "power.force: unknown field");
}
END_TEST

/* Encoding */

START_TEST(test_encode_optional_fields)
{
    CorralTask task = {0};
    g_autofree char *running = NULL;
    g_autofree char *finished = NULL;

    task.id = "task-1";
    task.kind = "vm.create";
    task.target = "/";
    task.state = CORRAL_TASK_STATE_RUNNING;
    task.progress = 10;
    task.finished = 99;
    running = corral_codec_format(&corral_task_type, &task);
    ck_assert_ptr_null(strstr(running, "finished"));
    ck_assert_ptr_null(strstr(running, "error"));

    CORRAL_SET_PRESENT(&task, CORRAL_TASK_FIELD_FINISHED);
    task.error = "no space left";
    finished = corral_codec_format(&corral_task_type, &task);
    ck_assert_ptr_nonnull(strstr(finished, "\"finished\": 99"));
    ck_assert_ptr_nonnull(strstr(finished, "\"error\": \"no space left\""));
    ck_assert(g_str_has_suffix(finished, "}\n"));
}
END_TEST

START_TEST(test_encode_doubles)
{
    static const struct {
        double value;
        const char *text;
    } cases[] = {
        {0.1, "\"cpu_pct\": 0.1,"},
        {12.0, "\"cpu_pct\": 12.0,"},
        {33.333333333333336, "\"cpu_pct\": 33.333333333333336,"},
        {100.0, "\"cpu_pct\": 100.0,"},
    };

    for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
        CorralUsage usage = {.cpu_pct = cases[i].value};
        g_autofree char *text = corral_codec_format(&corral_usage_type, &usage);
        g_autoptr(GError) error = NULL;
        g_autoptr(CorralUsage) back = NULL;

        ck_assert_msg(strstr(text, cases[i].text) != NULL, "%s", text);
        back = corral_codec_parse(&corral_usage_type, text, strlen(text), CORRAL_DECODE_STRICT,
                                  &error);
        ck_assert_ptr_nonnull(back);
        ck_assert(back->cpu_pct == cases[i].value);
    }
}
END_TEST

START_TEST(test_iscsi_port_default)
{
    static const char body[] = "{\"name\": \"san\", \"type\": \"iscsi\", \"source\": "
                               "{\"host\": \"192.0.2.9\", \"target\": \"iqn.2024-01.org.x:a\"}}";
    g_autoptr(GError) error = NULL;
    g_autoptr(CorralDatastoreSpec) spec = NULL;
    g_autoptr(json_object) json = NULL;

    spec = corral_codec_parse(&corral_datastore_spec_type, body, strlen(body), CORRAL_DECODE_STRICT,
                              &error);
    ck_assert_msg(spec != NULL, "%s", error ? error->message : "");
    ck_assert_int_eq(spec->source.port, CORRAL_ISCSI_PORT_DEFAULT);
    ck_assert(!CORRAL_HAS(&spec->source, CORRAL_DATASTORE_SOURCE_FIELD_PORT));
    ck_assert_ptr_null(spec->source.initiator);
    json = corral_datastore_spec_to_json(spec);
    ck_assert_str_eq(json_object_to_json_string_ext(json, JSON_C_TO_STRING_PLAIN),
                     "{\"name\":\"san\",\"type\":\"iscsi\",\"source\":"
                     "{\"host\":\"192.0.2.9\",\"target\":\"iqn.2024-01.org.x:a\"}}");
}
END_TEST

START_TEST(test_api_error_new)
{
    g_autoptr(CorralApiError) api_error = corral_api_error_new("vm-not-found", "no such guest");
    g_autofree char *text = corral_codec_format(&corral_api_error_type, api_error);

    ck_assert_str_eq(text, "{\n  \"error\": {\n    \"code\": \"vm-not-found\",\n"
                           "    \"message\": \"no such guest\"\n  }\n}\n");
}
END_TEST

/* Freeing */

/* Refusals at every depth leave half-built objects behind; the decoder
 * frees them (ASan's leak check judges). */
START_TEST(test_free_partial)
{
    static const char *const bodies[] = {
        "{\"id\": \"6f1c2a4e-8b3d-4c5e-9f70-1a2b3c4d5e6f\", \"name\": \"a\", \"vcpus\": 0}",
        "{\"name\": \"a\", \"disks\": [{\"datastore\": \"d\", \"volume\": \"v\", "
        "\"size_bytes\": 1, \"bus\": \"ide\"}, {\"datastore\": \"d\", \"bus\": \"floppy\"}]}",
        "{\"name\": \"a\", \"guest_os\": \"x\", \"disks\": [], \"nics\": [{\"network\": \"n\", "
        "\"model\": \"virtio\", \"mac\": \"zz\"}]}",
    };
    static const char pool[] = "{\"path\": \"/a\", \"name\": \"a\", \"children\": [\"/a/b\", "
                               "\"/a/c\", \"d\"]}";
    static const char session[] = "{\"token\": \"secret\", \"expires_at\": 1, \"user\": "
                                  "{\"name\": \"u\", \"role\": \"admin\", \"password\": \"pw\", "
                                  "\"permissions\": [{\"object\": \"/\", \"role\": \"x\"}]}}";
    g_autoptr(GError) error = NULL;

    for (guint i = 0; i < G_N_ELEMENTS(bodies); i++) {
        ck_assert_ptr_null(corral_codec_parse(&corral_vm_type, bodies[i], strlen(bodies[i]),
                                              CORRAL_DECODE_PARTIAL, &error));
        g_clear_error(&error);
    }
    ck_assert_ptr_null(
        corral_codec_parse(&corral_pool_type, pool, strlen(pool), CORRAL_DECODE_PARTIAL, &error));
    ck_assert_str_eq(error->message, "pool.children[2]: must start with \"/\"");
    g_clear_error(&error);
    ck_assert_ptr_null(corral_codec_parse(&corral_session_type, session, strlen(session),
                                          CORRAL_DECODE_DEFAULT, &error));
    ck_assert(strstr(error->message, "session.user.permissions[0].role") == error->message);
    corral_codec_free(&corral_vm_type, NULL);
}
END_TEST

START_TEST(test_nesting_limit)
{
    /* 31 arrays inside the top object: 32 levels, the most allowed. */
    g_autoptr(GString) ok = g_string_new("{\"x\": ");
    g_autoptr(GString) deep = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(json_object) json = NULL;

    for (guint i = 0; i < CORRAL_JSON_MAX_DEPTH - 1; i++)
        g_string_append_c(ok, '[');
    for (guint i = 0; i < CORRAL_JSON_MAX_DEPTH - 1; i++)
        g_string_append_c(ok, ']');
    g_string_append_c(ok, '}');
    json = corral_json_parse(ok->str, ok->len, "deep", &error);
    ck_assert_msg(json != NULL, "%s", error ? error->message : "");

    deep = g_string_new("{\"x\": [");
    g_string_append(deep, ok->str + strlen("{\"x\": "));
    g_string_append(deep, "]");
    ck_assert_ptr_null(corral_json_parse(deep->str, deep->len, "deep", &error));
    ck_assert_str_eq(error->message, "deep: nesting deeper than 32 levels");
}
END_TEST

START_TEST(test_name_validate)
{
    static const char *const good[] = {"web01", "ünïcødé", "a b", "...", ".hidden", "a.b-c_d"};
    static const char *const bad[] = {"", ".", "..", "a/b", "tab\there", "del\x7f", "\xff"};

    for (guint i = 0; i < G_N_ELEMENTS(good); i++)
        ck_assert_msg(corral_name_validate(good[i], NULL), "%s", good[i]);
    for (guint i = 0; i < G_N_ELEMENTS(bad); i++)
        ck_assert_msg(!corral_name_validate(bad[i], NULL), "%s", bad[i]);
    ck_assert(corral_path_validate("/", NULL));
    ck_assert(corral_path_validate("/prod/web", NULL));
    ck_assert(!corral_path_validate("/prod/", NULL));
    ck_assert(!corral_path_validate("prod", NULL));
    ck_assert(!corral_path_validate("/prod/../etc", NULL));
}
END_TEST

/* Tags and folders: what the CLI and the client check before sending. */
START_TEST(test_labels_validate)
{
    static const struct {
        const char *text;
        gboolean tag, folder;
    } cases[] = {
        {"web", TRUE, FALSE},
        {"a b/c", TRUE, FALSE},
        {"ünïcødé", TRUE, FALSE},
        {"", FALSE, TRUE},
        {"/", TRUE, TRUE},
        {"/Production/Web", TRUE, TRUE},
        {"/a/b/c/d/e/f/g/h", TRUE, TRUE},
        {"/a/b/c/d/e/f/g/h/i", TRUE, FALSE},
        {"/Production/", TRUE, FALSE},
        {"/a,b", FALSE, TRUE},
        {"Prod", TRUE, FALSE},
        {"web ", FALSE, FALSE},
        {"tab\there", FALSE, FALSE},
        {"c1\xc2\x85", FALSE, FALSE}, /* U+0085, a C1 control character */
        {"\xff", FALSE, FALSE},
    };
    g_autofree char *longest = g_strnfill(CORRAL_TAG_MAX_CHARS, 'x');
    g_autofree char *too_long = g_strnfill(CORRAL_TAG_MAX_CHARS + 1, 'x');
    g_autofree char *wide = NULL;
    GString *accents = g_string_new(NULL);

    for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
        ck_assert_msg(corral_tag_validate(cases[i].text, NULL) == cases[i].tag, "tag %s",
                      cases[i].text);
        ck_assert_msg(corral_folder_validate(cases[i].text, NULL) == cases[i].folder, "folder %s",
                      cases[i].text);
    }
    ck_assert(corral_tag_validate(longest, NULL));
    ck_assert(!corral_tag_validate(too_long, NULL));
    /* 64 characters of two bytes each are still 64 characters. */
    for (guint i = 0; i < CORRAL_TAG_MAX_CHARS; i++)
        g_string_append(accents, "é");
    wide = g_string_free(accents, FALSE);
    ck_assert(corral_tag_validate(wide, NULL));
}
END_TEST

/* A PATCH of labels only: present bits say what was sent; an empty list
 * and an empty folder are values, not absences. */
START_TEST(test_patch_labels)
{
    static const char body[] = "{\"tags\": [], \"folder\": \"\"}";
    g_autoptr(GError) error = NULL;
    g_autoptr(CorralVmSpec) spec = NULL;

    spec = corral_codec_parse(&corral_vm_spec_type, body, strlen(body),
                              CORRAL_DECODE_STRICT | CORRAL_DECODE_PARTIAL, &error);
    ck_assert_msg(spec != NULL, "%s", error ? error->message : "");
    ck_assert_uint_eq(spec->present,
                      (1u << CORRAL_VM_SPEC_FIELD_TAGS) | (1u << CORRAL_VM_SPEC_FIELD_FOLDER));
    ck_assert_uint_eq(spec->tags->len, 0);
    ck_assert_str_eq(spec->folder, "");
}
END_TEST

static Suite *
codec_suite(void)
{
    Suite *suite = suite_create("codec");
    TCase *golden = tcase_create("golden");
    TCase *malformed = tcase_create("malformed");
    TCase *enum_case = tcase_create("enums");
    TCase *patch = tcase_create("patch");
    TCase *encode = tcase_create("encode");
    TCase *memory = tcase_create("memory");

    tcase_add_loop_test(golden, test_golden_round_trip, 0, G_N_ELEMENTS(golden_types));
    suite_add_tcase(suite, golden);

    tcase_add_loop_test(malformed, test_malformed, 0, (int)malformed_cases->len);
    tcase_add_test(malformed, test_malformed_corpus_complete);
    tcase_add_test(malformed, test_nesting_limit);
    tcase_add_test(malformed, test_name_validate);
    tcase_add_test(malformed, test_labels_validate);
    suite_add_tcase(suite, malformed);

    tcase_add_loop_test(enum_case, test_enum_round_trip, 0, G_N_ELEMENTS(enums));
    tcase_add_test(enum_case, test_enum_typed);
    suite_add_tcase(suite, enum_case);

    tcase_add_test(patch, test_patch_present);
    tcase_add_test(patch, test_patch_refusals);
    tcase_add_test(patch, test_unknown_fields);
    tcase_add_test(patch, test_patch_labels);
    suite_add_tcase(suite, patch);

    tcase_add_test(encode, test_encode_optional_fields);
    tcase_add_test(encode, test_encode_doubles);
    tcase_add_test(encode, test_iscsi_port_default);
    tcase_add_test(encode, test_api_error_new);
    suite_add_tcase(suite, encode);

    tcase_add_test(memory, test_free_partial);
    suite_add_tcase(suite, memory);
    return suite;
}

int
main(void)
{
    int status;

    malformed_cases = malformed_load();
    status = corral_check_run(codec_suite());
    g_ptr_array_unref(malformed_cases);
    return status;
}
