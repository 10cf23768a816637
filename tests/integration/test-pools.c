/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Resource pools on real guests, measured. Four CPU-bound tiny guests
 * (scripts/guest with corral.burn=1, TCG) are defined through libvirt
 * (direct kernel boot is not in the API) and everything else goes through
 * corrald's HTTPS API: pools, moves, resources, power. A and B share
 * physical CPU 0 inside pool /flat, normal against high shares; C and D
 * share CPU 1 inside the nested pools /outer/n (normal) and /outer/h
 * (high). Each guest's emulator and vCPU threads are pinned together
 * (<vcpu cpuset>), so a guest competes as one. Over 20 s the CPU time
 * ratios B:A and D:C must be 2 within ±10 %; then a 25 % limit on guest B,
 * and on pool /outer (two levels above C and D), must hold them at or
 * under 27 % of a CPU.
 *
 * Also: admission control refuses reservations the host or a
 * non-expandable pool cannot cover, naming the pool, and changes nothing;
 * power-on is refused the same way; a running guest cannot move; corrald
 * puts every knob back after a restart; deleting the pools leaves no
 * cgroup partition behind. Runs in one process (CK_FORK=no) so the
 * fixture can restart corrald; the teardown removes guests and pools
 * whatever happened. Needs root and libvirtd on qemu:///system.
 */
#include "check-tap.h"
#include "tests/integration/corrald-fixture.h"
#include "tests/integration/host-fixture.h"

#include <glib/gstdio.h>
#include <libvirt/libvirt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PASSWORD        "correct horse battery"
#define N_GUESTS        4
#define SHARE_WINDOW_S  20
#define LIMIT_WINDOW_S  10
#define READY_TIMEOUT_S 120
#define SERIAL_LOG      "/var/log/libvirt/qemu/%s-serial.log"
#define QEMU_LOG        "/var/log/libvirt/qemu/%s.log"

static const struct {
    const char *letter;
    int cpu;          /* the physical CPU it is pinned to */
    const char *pool; /* where the test moves it */
} guest_table[N_GUESTS] = {
    {"a", 0, "/flat"},
    {"b", 0, "/flat"},
    {"c", 1, "/outer/n"},
    {"d", 1, "/outer/h"},
};

static CorraldFixture *fixture;
static CorralClient *api;
static virConnectPtr conn;
static char *names[N_GUESTS];
static char *ids[N_GUESTS];

/* Helpers */

/* The value at a dotted path ("resources.cpu.limit_mhz") of @object. */
static json_object *
at(json_object *object, const char *path)
{
    g_auto(GStrv) parts = g_strsplit(path, ".", -1);

    for (guint i = 0; parts[i] != NULL; i++)
        ck_assert_msg(json_object_object_get_ex(object, parts[i], &object), "no %s", path);
    return object;
}

/* Calls the API and checks the status; returns the answer (may be NULL). */
static json_object *
expect(guint status, const char *method, const char *path, const char *body)
{
    json_object *answer = NULL;
    guint got = corrald_fixture_call(api, method, path, body, &answer);

    ck_assert_msg(got == status, "%s %s: %u, expected %u: %s", method, path, got, status,
                  answer != NULL ? json_object_to_json_string(answer) : "");
    return answer;
}

static void
call_ok(guint status, const char *method, const char *path, const char *body)
{
    json_object *answer = expect(status, method, path, body);

    if (answer != NULL)
        json_object_put(answer);
}

/* An API error's message, checked to be of @code. */
static char *
refused(const char *method, const char *path, const char *body, guint status, const char *code)
{
    g_autoptr(json_object) answer = expect(status, method, path, body);
    json_object *error = at(answer, "error");

    ck_assert_str_eq(corrald_json_member(error, "code"), code);
    return g_strdup(corrald_json_member(error, "message"));
}

/* As refused(), for refusals whose message does not matter. */
static void
refuse(const char *method, const char *path, const char *body, guint status, const char *code)
{
    g_free(refused(method, path, body, status, code));
}

static void
login(void)
{
    g_clear_pointer(&api, corral_client_unref);
    api = corrald_fixture_session(fixture, "root", PASSWORD);
}

static gint64
host_mhz(void)
{
    g_autoptr(json_object) host = expect(200, "GET", "/host", NULL);

    return json_object_get_int64(at(host, "cpu.mhz"));
}

static gint64
cpu_time_ns(int g)
{
    virDomainPtr domain = virDomainLookupByUUIDString(conn, ids[g]);
    virTypedParameter params[8];
    int n;
    unsigned long long ns = 0;

    ck_assert_ptr_nonnull(domain);
    n = virDomainGetCPUStats(domain, params, G_N_ELEMENTS(params), -1, 1, 0);
    ck_assert_int_gt(n, 0);
    virTypedParamsGetULLong(params, n, VIR_DOMAIN_CPU_STATS_CPUTIME, &ns);
    virDomainFree(domain);
    return (gint64)ns;
}

/* The CPU time each guest used over @seconds, in seconds. */
static void
measure(int seconds, double used[N_GUESTS], double *wall)
{
    gint64 before[N_GUESTS];
    gint64 start = g_get_monotonic_time();

    for (int g = 0; g < N_GUESTS; g++)
        before[g] = cpu_time_ns(g);
    g_usleep((gulong)seconds * G_USEC_PER_SEC);
    for (int g = 0; g < N_GUESTS; g++)
        used[g] = (double)(cpu_time_ns(g) - before[g]) / 1e9;
    *wall = (double)(g_get_monotonic_time() - start) / G_USEC_PER_SEC;
}

static gboolean
guest_ready(int g)
{
    g_autofree char *path = g_strdup_printf(SERIAL_LOG, names[g]);
    g_autofree char *text = NULL;

    return g_file_get_contents(path, &text, NULL, NULL) &&
           strstr(text, "corral-guest: ready") != NULL;
}

static char *
source_root(void)
{
    g_autofree char *fixtures = g_canonicalize_filename(TEST_FIXTURES, NULL);
    g_autofree char *tests = g_path_get_dirname(fixtures);

    return g_path_get_dirname(tests);
}

/* The domain XML of scripts/guest, burning CPU, pinned to @cpu. */
static char *
guest_xml(const char *name, int cpu)
{
    g_autofree char *root = source_root();
    g_autofree char *script = g_build_filename(root, "scripts", "guest", NULL);
    const char *argv[] = {script, "xml", name, NULL};
    g_auto(GStrv) env =
        g_environ_setenv(g_get_environ(), "CORRAL_GUEST_CMDLINE", "corral.burn=1", TRUE);
    g_autofree char *out = NULL;
    g_autofree char *pinned = NULL;
    g_auto(GStrv) parts = NULL;
    g_autoptr(GError) error = NULL;
    int status = 0;

    ck_assert_msg(g_spawn_sync(NULL, (char **)argv, env, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                               &status, &error),
                  "scripts/guest xml: %s", error != NULL ? error->message : "?");
    ck_assert_int_eq(status, 0);
    pinned = g_strdup_printf("<vcpu cpuset='%d'>", cpu);
    ck_assert_ptr_nonnull(strstr(out, "<vcpu>"));
    parts = g_strsplit(out, "<vcpu>", 2);
    return g_strjoinv(pinned, parts);
}

/* Fixture */

static void
remove_guests(void)
{
    for (int g = 0; g < N_GUESTS; g++) {
        virDomainPtr domain = names[g] != NULL ? virDomainLookupByName(conn, names[g]) : NULL;
        g_autofree char *log = names[g] != NULL ? g_strdup_printf(SERIAL_LOG, names[g]) : NULL;

        if (domain != NULL) {
            if (virDomainIsActive(domain) == 1)
                virDomainDestroy(domain);
            virDomainUndefine(domain);
            virDomainFree(domain);
        }
        if (log != NULL) {
            g_autofree char *qemu_log = g_strdup_printf(QEMU_LOG, names[g]);

            g_unlink(log);
            g_unlink(qemu_log);
        }
    }
}

/* Deletes every pool, deepest first. */
static void
remove_pools(void)
{
    g_autoptr(json_object) answer = NULL;
    json_object *pools;

    if (api == NULL || corrald_fixture_call(api, "GET", "/pools", NULL, &answer) != 200 ||
        !json_object_object_get_ex(answer, "pools", &pools))
        return;
    for (size_t i = json_object_array_length(pools); i-- > 1;) {
        json_object *pool = json_object_array_get_idx(pools, i);
        json_object *path;
        g_autofree char *url = NULL;

        if (!json_object_object_get_ex(pool, "path", &path))
            continue;
        url = g_strdup_printf("/pools%s?move=true", json_object_get_string(path));
        corrald_fixture_call(api, "DELETE", url, NULL, NULL);
    }
}

static void
setup(void)
{
    g_autofree char *root = source_root();
    g_autofree char *script = g_build_filename(root, "scripts", "guest", NULL);
    const char *argv[] = {script, "build", NULL};
    int status = 0;

    ck_assert(g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                           &status, NULL));
    ck_assert_msg(status == 0, "scripts/guest build failed");
    conn = virConnectOpen("qemu:///system");
    ck_assert_ptr_nonnull(conn);
    for (int g = 0; g < N_GUESTS; g++) {
        g_autofree char *xml = NULL;
        virDomainPtr domain;
        char uuid[VIR_UUID_STRING_BUFLEN];

        names[g] = g_strdup_printf("corral-pooltest-%d-%s", (int)getpid(), guest_table[g].letter);
        xml = guest_xml(names[g], guest_table[g].cpu);
        domain = virDomainDefineXML(conn, xml);
        ck_assert_ptr_nonnull(domain);
        virDomainGetUUIDString(domain, uuid);
        ids[g] = g_strdup(uuid);
        virDomainFree(domain);
    }
    fixture = corrald_fixture_start("qemu:///system", NULL);
    corrald_fixture_add_user(fixture, "root", NULL, PASSWORD);
    login();
}

static void
teardown(void)
{
    /* Guests first: a partition that holds a guest cannot go. */
    for (int g = 0; g < N_GUESTS; g++) {
        virDomainPtr domain = names[g] != NULL ? virDomainLookupByName(conn, names[g]) : NULL;
        if (domain != NULL && virDomainIsActive(domain) == 1)
            virDomainDestroy(domain);
        if (domain != NULL)
            virDomainFree(domain);
    }
    remove_pools();
    remove_guests();
    g_clear_pointer(&api, corral_client_unref);
    g_clear_pointer(&fixture, corrald_fixture_stop);
    for (int g = 0; g < N_GUESTS; g++) {
        g_clear_pointer(&names[g], g_free);
        g_clear_pointer(&ids[g], g_free);
    }
    g_clear_pointer(&conn, virConnectClose);
}

/* Stops corrald and starts it again on the same state directory. */
static void
restart_corrald(void)
{
    corrald_process_stop(fixture);
    ck_assert_msg(corrald_process_start(fixture, NULL), "corrald did not come back in 30 s");
    login();
}

/* The directory of a pool's partition in the v1 cpu hierarchy (or v2),
 * from corrald's pools.json. */
static char *
cpu_dir(const char *name)
{
    g_autofree char *path = g_build_filename(fixture->state_dir, "pools.json", NULL);
    g_autoptr(json_object) json = json_object_from_file(path);
    json_object *pools;
    GString *dir;
    const char *hierarchy = g_file_test("/sys/fs/cgroup/cpu/machine", G_FILE_TEST_IS_DIR)
                                ? "/sys/fs/cgroup/cpu"
                                : "/sys/fs/cgroup";
    gint64 id = -1, parent = -1;

    ck_assert_ptr_nonnull(json);
    dir = g_string_new(NULL);
    pools = at(json, "pools");
    /* Walk up from the named pool. */
    for (size_t i = 0; i < json_object_array_length(pools); i++) {
        json_object *pool = json_object_array_get_idx(pools, i);
        if (g_str_equal(corrald_json_member(pool, "name"), name))
            id = json_object_get_int64(at(pool, "id"));
    }
    ck_assert_int_gt(id, 0);
    while (id > 0) {
        g_autofree char *component = g_strdup_printf("/corral-%s-%" G_GINT64_FORMAT ".partition",
                                                     corrald_json_member(json, "tag"), id);

        g_string_prepend(dir, component);
        for (size_t i = 0; i < json_object_array_length(pools); i++) {
            json_object *pool = json_object_array_get_idx(pools, i);
            if (json_object_get_int64(at(pool, "id")) == id)
                parent = json_object_get_int64(at(pool, "parent"));
        }
        id = parent;
    }
    g_string_prepend(dir, "/machine");
    g_string_prepend(dir, hierarchy);
    return g_string_free(dir, FALSE);
}

static char *
read_knob(const char *dir, const char *file)
{
    g_autofree char *path = g_build_filename(dir, file, NULL);
    char *text = NULL;

    ck_assert_msg(g_file_get_contents(path, &text, NULL, NULL), "reading %s", path);
    return g_strstrip(text);
}

static void
write_knob(const char *dir, const char *knob, const char *value)
{
    g_autofree char *path = g_build_filename(dir, knob, NULL);

    FILE *file = fopen(path, "w");

    ck_assert_msg(file != NULL, "opening %s", path);
    fputs(value, file);
    ck_assert_int_eq(fclose(file), 0);
}

/* Tests */

START_TEST(test_pools)
{
    g_autofree char *message = NULL;
    g_autofree char *body = NULL;
    g_autofree char *flat_dir = NULL;
    g_autofree char *outer_dir = NULL;
    double used[N_GUESTS], wall, ratio_flat, ratio_nested, limited, nested_limited;
    gint64 mhz = host_mhz(), capacity;
    g_autoptr(json_object) root = NULL;
    g_autoptr(json_object) vm = NULL;
    gint64 deadline;

    /* The tree, through the API. */
    call_ok(201, "POST", "/pools", "{\"name\": \"flat\", \"parent\": \"/\"}");
    call_ok(201, "POST", "/pools", "{\"name\": \"outer\", \"parent\": \"/\"}");
    call_ok(201, "POST", "/pools", "{\"name\": \"n\", \"parent\": \"/outer\"}");
    call_ok(201, "POST", "/pools",
            "{\"name\": \"h\", \"parent\": \"/outer\","
            " \"resources\": {\"cpu\": {\"shares\": {\"level\": \"high\"}}}}");
    refuse("POST", "/pools", "{\"name\": \"n\", \"parent\": \"/outer\"}", 409, "already-exists");
    refuse("POST", "/pools", "{\"name\": \"x\", \"parent\": \"/nowhere\"}", 404, "pool-not-found");
    for (int g = 0; g < N_GUESTS; g++) {
        g_autofree char *path = g_strdup_printf("/vms/%s/move", ids[g]);
        g_autofree char *move = g_strdup_printf("{\"pool\": \"%s\"}", guest_table[g].pool);
        call_ok(200, "POST", path, move);
    }
    {
        g_autofree char *path = g_strdup_printf("/vms/%s/resources", ids[1]);
        call_ok(200, "PUT", path, "{\"cpu\": {\"shares\": {\"level\": \"high\"}}}");
    }
    {
        g_autofree char *path = g_strdup_printf("/vms/%s", ids[1]);
        vm = expect(200, "GET", path, NULL);
        ck_assert_str_eq(corrald_json_member(vm, "pool"), "/flat");
        ck_assert_int_eq(json_object_get_int64(at(vm, "resources.cpu.shares.value")), 2000);
    }

    /* Admission control: larger than the host, named "/"; nothing changes. */
    root = expect(200, "GET", "/pools/flat", NULL);
    capacity = mhz * (gint64)sysconf(_SC_NPROCESSORS_ONLN);
    body = g_strdup_printf(
        "{\"resources\": {\"cpu\": {\"reservation_mhz\": %" G_GINT64_FORMAT "}}}", capacity + 1);
    message = refused("PATCH", "/pools/flat", body, 409, "insufficient-resources");
    ck_assert_msg(strstr(message, "pool / ") != NULL, "%s", message);
    {
        g_autoptr(json_object) again = expect(200, "GET", "/pools/flat", NULL);
        ck_assert_str_eq(json_object_to_json_string(at(again, "resources")),
                         json_object_to_json_string(at(root, "resources")));
    }
    /* Larger than a non-expandable parent allows, named. */
    call_ok(201, "POST", "/pools",
            "{\"name\": \"fixed\", \"parent\": \"/\", \"resources\": {\"cpu\":"
            " {\"reservation_mhz\": 100}, \"expandable\": false}}");
    g_free(message);
    message = refused("POST", "/pools",
                      "{\"name\": \"kid\", \"parent\": \"/fixed\","
                      " \"resources\": {\"cpu\": {\"reservation_mhz\": 200}}}",
                      409, "insufficient-resources");
    ck_assert_msg(strstr(message, "pool /fixed ") != NULL, "%s", message);
    refuse("GET", "/pools/fixed/kid", NULL, 404, "pool-not-found");
    /* Power-on of a guest whose reservation the pool cannot cover. */
    {
        g_autofree char *move = g_strdup_printf("/vms/%s/move", ids[0]);
        g_autofree char *res = g_strdup_printf("/vms/%s/resources", ids[0]);
        g_autofree char *power = g_strdup_printf("/vms/%s/power", ids[0]);
        g_autofree char *get = g_strdup_printf("/vms/%s", ids[0]);
        g_autoptr(json_object) after = NULL;

        call_ok(200, "POST", move, "{\"pool\": \"/fixed\"}");
        call_ok(200, "PUT", res, "{\"cpu\": {\"reservation_mhz\": 150}}");
        g_free(message);
        message = refused("POST", power, "{\"action\": \"on\"}", 409, "insufficient-resources");
        ck_assert_msg(strstr(message, "pool /fixed ") != NULL, "%s", message);
        after = expect(200, "GET", get, NULL);
        ck_assert_str_eq(corrald_json_member(after, "state"), "shutoff");
        call_ok(200, "PUT", res, "{\"cpu\": {\"reservation_mhz\": 0}}");
        call_ok(200, "POST", move, "{\"pool\": \"/flat\"}");
        call_ok(204, "DELETE", "/pools/fixed", NULL);
    }
    /* Bad input changes nothing. */
    refuse("PATCH", "/pools/flat", "{\"resources\": {\"cpu\": {\"limit_mhz\": -5}}}", 400,
           "bad-request");
    refuse("PATCH", "/pools/flat",
           "{\"resources\": {\"cpu\": {\"reservation_mhz\": 10, \"limit_mhz\": 5}}}", 422,
           "invalid-argument");
    refuse("DELETE", "/pools/outer", NULL, 409, "conflict");

    /* Per guest: disk weight; network rates only where the kernel can
     * shape (not on these machines); the balloon only while running. */
    {
        g_autofree char *res = g_strdup_printf("/vms/%s/resources", ids[0]);
        g_autofree char *get = g_strdup_printf("/vms/%s", ids[0]);
        g_autoptr(json_object) shown = NULL;
        virDomainPtr domain = virDomainLookupByUUIDString(conn, ids[0]);
        virTypedParameter params[8];
        int n = G_N_ELEMENTS(params);
        unsigned int weight = 0;

        call_ok(200, "PUT", res, "{\"disk\": {\"shares\": {\"level\": \"high\"}}}");
        ck_assert_int_eq(virDomainGetBlkioParameters(domain, params, &n, VIR_DOMAIN_AFFECT_CONFIG),
                         0);
        virTypedParamsGetUInt(params, n, VIR_DOMAIN_BLKIO_WEIGHT, &weight);
        virTypedParamsClear(params, n);
        ck_assert_uint_eq(weight, 1000);
        virDomainFree(domain);
        refuse("PUT", res, "{\"disk\": {\"shares\": {\"level\": \"custom\", \"value\": 5}}}", 422,
               "invalid-argument");
        shown = expect(200, "GET", get, NULL);
        if (!json_object_get_boolean(at(shown, "resources.network.supported"))) {
            g_free(message);
            message = refused("PUT", res, "{\"network\": {\"in_average_kib_s\": 1000}}", 422,
                              "invalid-argument");
            ck_assert_msg(strstr(message, "unsupported on this host") != NULL, "%s", message);
            printf("# network shaping: %s\n", message);
        }
        call_ok(200, "PUT", res, "{\"network\": {\"in_average_kib_s\": -1}}");
        refuse("PUT", res, "{\"memory\": {\"balloon_bytes\": 67108864}}", 409, "invalid-state");
    }

    /* Power on, wait until all four burn. */
    for (int g = 0; g < N_GUESTS; g++) {
        g_autofree char *path = g_strdup_printf("/vms/%s/power", ids[g]);
        call_ok(200, "POST", path, "{\"action\": \"on\"}");
    }
    deadline = g_get_monotonic_time() + READY_TIMEOUT_S * G_USEC_PER_SEC;
    for (int g = 0; g < N_GUESTS; g++)
        while (!guest_ready(g)) {
            ck_assert_msg(g_get_monotonic_time() < deadline, "guest %s did not boot", names[g]);
            g_usleep(200 * 1000);
        }
    /* The balloon, live. */
    {
        g_autofree char *res = g_strdup_printf("/vms/%s/resources", ids[0]);
        call_ok(200, "PUT", res, "{\"memory\": {\"balloon_bytes\": 100663296}}");
    }
    /* A running guest keeps its partition. */
    {
        g_autofree char *move = g_strdup_printf("/vms/%s/move", ids[0]);
        g_free(message);
        message = refused("POST", move, "{\"pool\": \"/outer\"}", 409, "invalid-state");
        ck_assert_msg(strstr(message, "running") != NULL, "%s", message);
    }

    /* Shares: normal against high, 20 s. */
    measure(SHARE_WINDOW_S, used, &wall);
    ratio_flat = used[1] / used[0];
    ratio_nested = used[3] / used[2];
    printf("# shares over %.1f s: /flat B:A = %.3f (%.2f s : %.2f s), "
           "/outer/h:/outer/n D:C = %.3f (%.2f s : %.2f s)\n",
           wall, ratio_flat, used[1], used[0], ratio_nested, used[3], used[2]);
    ck_assert_msg(ratio_flat >= 1.8 && ratio_flat <= 2.2, "B:A = %.3f", ratio_flat);
    ck_assert_msg(ratio_nested >= 1.8 && ratio_nested <= 2.2, "D:C = %.3f", ratio_nested);

    /* Limits: 25 % on guest B, and on /outer above C and D. */
    {
        g_autofree char *path = g_strdup_printf("/vms/%s/resources", ids[1]);
        g_autofree char *limit =
            g_strdup_printf("{\"cpu\": {\"limit_mhz\": %" G_GINT64_FORMAT "}}", mhz / 4);
        g_autofree char *pool_limit = g_strdup_printf(
            "{\"resources\": {\"cpu\": {\"limit_mhz\": %" G_GINT64_FORMAT "}}}", mhz / 4);

        call_ok(200, "PUT", path, limit);
        call_ok(200, "PATCH", "/pools/outer", pool_limit);
    }
    g_usleep(G_USEC_PER_SEC / 2);
    measure(LIMIT_WINDOW_S, used, &wall);
    limited = used[1] / wall;
    nested_limited = (used[2] + used[3]) / wall;
    printf("# limit 25 %% over %.1f s: guest B %.1f %%, pool /outer (C+D) %.1f %% (D %.1f %%)\n",
           wall, 100 * limited, 100 * nested_limited, 100 * used[3] / wall);
    ck_assert_msg(limited <= 0.27 && limited >= 0.15, "B used %.1f %%", 100 * limited);
    ck_assert_msg(nested_limited <= 0.27 && nested_limited >= 0.15, "/outer used %.1f %%",
                  100 * nested_limited);

    /* A restart puts every knob back. */
    flat_dir = cpu_dir("flat");
    outer_dir = cpu_dir("outer");
    write_knob(flat_dir, "cpu.shares", "2");
    write_knob(outer_dir, "cpu.cfs_quota_us", "-1");
    restart_corrald();
    {
        g_autofree char *shares = read_knob(flat_dir, "cpu.shares");
        g_autofree char *quota = read_knob(outer_dir, "cpu.cfs_quota_us");
        g_autofree char *want = g_strdup_printf("%" G_GINT64_FORMAT, mhz / 4 * 100000 / mhz);
        g_autoptr(json_object) pool = expect(200, "GET", "/pools/outer/h", NULL);

        if (g_file_test("/sys/fs/cgroup/cpu/machine", G_FILE_TEST_IS_DIR)) {
            ck_assert_str_eq(shares, "4000");
            ck_assert_str_eq(quota, want);
        }
        ck_assert_str_eq(corrald_json_member(at(pool, "resources.cpu.shares"), "level"), "high");
        ck_assert_int_eq(json_object_array_length(at(pool, "vms")), 1);
    }

    /* Pools go, and their partitions with them. */
    for (int g = 0; g < N_GUESTS; g++) {
        g_autofree char *path = g_strdup_printf("/vms/%s/power", ids[g]);
        call_ok(200, "POST", path, "{\"action\": \"off\"}");
    }
    /* A deleted guest leaves its pool empty. */
    {
        virDomainPtr domain = virDomainLookupByUUIDString(conn, ids[2]);

        ck_assert_int_eq(virDomainUndefine(domain), 0);
        virDomainFree(domain);
        call_ok(204, "DELETE", "/pools/outer/n", NULL);
    }
    remove_pools();
    {
        g_autoptr(json_object) pools = expect(200, "GET", "/pools", NULL);
        ck_assert_int_eq(json_object_array_length(at(pools, "pools")), 1);
    }
    ck_assert_msg(!g_file_test(flat_dir, G_FILE_TEST_EXISTS), "%s is left", flat_dir);
    ck_assert_msg(!g_file_test(outer_dir, G_FILE_TEST_EXISTS), "%s is left", outer_dir);
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("pools");
    TCase *tc = tcase_create("qemu");

    if (!host_fixture_have_libvirt() || sysconf(_SC_NPROCESSORS_ONLN) < 2) {
        printf("1..0 # SKIP needs root, two CPUs and libvirtd on qemu:///system\n");
        return 0;
    }
    /* One process: the test restarts the fixture's corrald. */
    g_setenv("CK_FORK", "no", TRUE);
    tcase_set_timeout(tc, 300);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_pools);
    suite_add_tcase(s, tc);
    return corral_check_run(s);
}
