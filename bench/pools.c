/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * bench/pools: how exactly resource pools hold what they promise, on real
 * guests. It defines four CPU-bound tiny guests (scripts/guest with
 * corral.burn=1, TCG; named corral-benchpools-PID-X) on qemu:///system,
 * two pinned to physical CPU 0 and two to CPU 1 (emulator and vCPU threads
 * together), starts the corrald of this build tree, and through its API
 * puts A (normal shares) and B (high) in pool /flat, and C and D in the
 * nested pools /outer/n (normal) and /outer/h (high). It prints the CPU
 * time ratios B:A and D:C over a window (20 s by default) against the 2.0
 * that the shares promise; then it sets a limit of a quarter of a CPU on
 * guest B and on pool /outer and prints what B and /outer used against
 * that 25 %. Each figure is measured against its peer in the same run.
 *
 * Everything it made (guests, pools, their cgroup partitions, corrald and
 * its state) goes at the end, also after a failure or on SIGINT, SIGTERM or
 * SIGHUP. Needs root, two CPUs and libvirtd (scripts/services start).
 *
 *   bench/pools [SECONDS]
 */
#include "config.h"

#include "protocol/client.h"
#include "tests/common/corrald-process.h"
#include "tests/common/test-util.h"

#include <glib/gstdio.h>
#include <libvirt/libvirt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define LIBVIRT_URI     "qemu:///system"
#define N_GUESTS        4
#define LIMIT_WINDOW_S  10
#define READY_TIMEOUT_S 180
#define SERIAL_LOG      "/var/log/libvirt/qemu/%s-serial.log"
#define QEMU_LOG        "/var/log/libvirt/qemu/%s.log"

#define BENCH_ERROR (bench_error_quark())
static GQuark
bench_error_quark(void)
{
    return g_quark_from_static_string("bench-pools-error");
}

static const struct {
    const char *letter;
    int cpu;
    const char *pool;
    const char *shares;
} guest_table[N_GUESTS] = {
    {"a", 0, "/flat", "normal"},
    {"b", 0, "/flat", "high"},
    {"c", 1, "/outer/n", "normal"},
    {"d", 1, "/outer/h", "normal"},
};

/* The pools, parents first; deleted in reverse. */
static const char *const pool_specs[] = {
    "{\"name\": \"flat\", \"parent\": \"/\"}",
    "{\"name\": \"outer\", \"parent\": \"/\"}",
    "{\"name\": \"n\", \"parent\": \"/outer\"}",
    "{\"name\": \"h\", \"parent\": \"/outer\", \"resources\": {\"cpu\": {\"shares\": {\"level\": "
    "\"high\"}}}}",
};
static const char *const pool_paths[] = {"/flat", "/outer", "/outer/n", "/outer/h"};

static struct {
    GMutex lock;
    gboolean cleaned;
    virConnectPtr conn;
    CorraldProcess *corrald;
    CorralClient *api;
    char *names[N_GUESTS];
    char *ids[N_GUESTS];
} bench;

static gboolean
call(const char *method, const char *path, const char *body, json_object **answer, GError **error)
{
    g_autoptr(json_object) json = NULL;

    if (body != NULL) {
        json = json_tokener_parse(body);
        g_assert(json != NULL);
    }
    return corral_client_request(bench.api, method, path, json, NULL, answer, error);
}

/* Runs once, from main or from the signal thread: guests off, pools gone
 * (and with them their partitions), guests undefined, corrald stopped. */
static void
cleanup(void)
{
    g_mutex_lock(&bench.lock);
    if (bench.cleaned) {
        g_mutex_unlock(&bench.lock);
        return;
    }
    bench.cleaned = TRUE;
    for (int g = 0; g < N_GUESTS && bench.conn != NULL; g++) {
        virDomainPtr domain =
            bench.names[g] != NULL ? virDomainLookupByName(bench.conn, bench.names[g]) : NULL;
        if (domain != NULL && virDomainIsActive(domain) == 1)
            virDomainDestroy(domain);
        if (domain != NULL)
            virDomainFree(domain);
    }
    for (gsize i = G_N_ELEMENTS(pool_paths); i-- > 0 && bench.api != NULL;) {
        g_autofree char *path = g_strdup_printf("/pools%s?move=true", pool_paths[i]);
        call("DELETE", path, NULL, NULL, NULL);
    }
    for (int g = 0; g < N_GUESTS && bench.conn != NULL; g++) {
        virDomainPtr domain =
            bench.names[g] != NULL ? virDomainLookupByName(bench.conn, bench.names[g]) : NULL;
        g_autofree char *log =
            bench.names[g] != NULL ? g_strdup_printf(SERIAL_LOG, bench.names[g]) : NULL;

        if (domain != NULL) {
            virDomainUndefine(domain);
            virDomainFree(domain);
        }
        if (log != NULL) {
            g_autofree char *qemu_log = g_strdup_printf(QEMU_LOG, bench.names[g]);

            g_unlink(log);
            g_unlink(qemu_log);
        }
    }
    corrald_process_stop(bench.corrald);
    if (bench.corrald != NULL)
        corral_test_remove_tree(bench.corrald->state_dir);
    g_mutex_unlock(&bench.lock);
}

static gboolean
run(const char *const *argv, const char *const *env, char **out, GError **error)
{
    int status = 0;

    if (!g_spawn_sync(NULL, (char **)argv, (char **)env, G_SPAWN_DEFAULT, NULL, NULL, out, NULL,
                      &status, error) ||
        !g_spawn_check_wait_status(status, error))
        return FALSE;
    return TRUE;
}

static gboolean
define_guests(GError **error)
{
    g_autofree char *script = g_build_filename(SOURCE_ROOT, "scripts", "guest", NULL);
    const char *build[] = {script, "build", NULL};
    g_auto(GStrv) env =
        g_environ_setenv(g_get_environ(), "CORRAL_GUEST_CMDLINE", "corral.burn=1", TRUE);

    if (!run(build, NULL, NULL, error))
        return FALSE;
    for (int g = 0; g < N_GUESTS; g++) {
        const char *xml_argv[] = {script, "xml", NULL, NULL};
        g_autofree char *xml = NULL;
        g_autofree char *pinned = g_strdup_printf("<vcpu cpuset='%d'>", guest_table[g].cpu);
        g_auto(GStrv) parts = NULL;
        g_autofree char *joined = NULL;
        char uuid[VIR_UUID_STRING_BUFLEN];
        virDomainPtr domain;

        bench.names[g] =
            g_strdup_printf("corral-benchpools-%d-%s", (int)getpid(), guest_table[g].letter);
        xml_argv[2] = bench.names[g];
        if (!run(xml_argv, (const char *const *)env, &xml, error))
            return FALSE;
        parts = g_strsplit(xml, "<vcpu>", 2);
        joined = g_strjoinv(pinned, parts);
        domain = virDomainDefineXML(bench.conn, joined);
        if (domain == NULL) {
            g_set_error(error, BENCH_ERROR, 0, "defining %s failed", bench.names[g]);
            return FALSE;
        }
        virDomainGetUUIDString(domain, uuid);
        bench.ids[g] = g_strdup(uuid);
        virDomainFree(domain);
    }
    return TRUE;
}

static gboolean
start_corrald(GError **error)
{
    /* Stored before it starts, so that a signal's cleanup stops it. */
    bench.corrald =
        corrald_process_new("corral-benchpools-XXXXXX", LIBVIRT_URI, NULL, FALSE, error);
    if (bench.corrald == NULL || !corrald_process_start(bench.corrald, error))
        return FALSE;
    /* Root on the unix socket needs no login. */
    bench.api = corrald_process_local(bench.corrald);
    return TRUE;
}

static gint64
cpu_time_ns(int g)
{
    virDomainPtr domain = virDomainLookupByUUIDString(bench.conn, bench.ids[g]);
    virTypedParameter params[8];
    unsigned long long ns = 0;
    int n;

    if (domain == NULL)
        return 0;
    n = virDomainGetCPUStats(domain, params, G_N_ELEMENTS(params), -1, 1, 0);
    if (n > 0)
        virTypedParamsGetULLong(params, n, VIR_DOMAIN_CPU_STATS_CPUTIME, &ns);
    virDomainFree(domain);
    return (gint64)ns;
}

static double
measure(int seconds, double used[N_GUESTS])
{
    gint64 before[N_GUESTS];
    gint64 start = g_get_monotonic_time();

    for (int g = 0; g < N_GUESTS; g++)
        before[g] = cpu_time_ns(g);
    g_usleep((gulong)seconds * G_USEC_PER_SEC);
    for (int g = 0; g < N_GUESTS; g++)
        used[g] = (double)(cpu_time_ns(g) - before[g]) / 1e9;
    return (double)(g_get_monotonic_time() - start) / G_USEC_PER_SEC;
}

static gboolean
all_ready(void)
{
    for (int g = 0; g < N_GUESTS; g++) {
        g_autofree char *path = g_strdup_printf(SERIAL_LOG, bench.names[g]);
        g_autofree char *text = NULL;

        if (!g_file_get_contents(path, &text, NULL, NULL) ||
            strstr(text, "corral-guest: ready") == NULL)
            return FALSE;
    }
    return TRUE;
}

static gboolean
bench_run(int window, GError **error)
{
    g_autoptr(json_object) host = NULL;
    json_object *cpu, *mhz_json;
    gint64 mhz, deadline;
    double used[N_GUESTS], wall;
    g_autofree char *limit = NULL;
    g_autofree char *pool_limit = NULL;

    if (!define_guests(error) || !start_corrald(error))
        return FALSE;
    for (gsize i = 0; i < G_N_ELEMENTS(pool_specs); i++)
        if (!call("POST", "/pools", pool_specs[i], NULL, error))
            return FALSE;
    for (int g = 0; g < N_GUESTS; g++) {
        g_autofree char *move_path = g_strdup_printf("/vms/%s/move", bench.ids[g]);
        g_autofree char *move = g_strdup_printf("{\"pool\": \"%s\"}", guest_table[g].pool);
        g_autofree char *res_path = g_strdup_printf("/vms/%s/resources", bench.ids[g]);
        g_autofree char *res =
            g_strdup_printf("{\"cpu\": {\"shares\": {\"level\": \"%s\"}}}", guest_table[g].shares);

        if (!call("POST", move_path, move, NULL, error) || !call("PUT", res_path, res, NULL, error))
            return FALSE;
    }
    for (int g = 0; g < N_GUESTS; g++) {
        g_autofree char *path = g_strdup_printf("/vms/%s/power", bench.ids[g]);
        if (!call("POST", path, "{\"action\": \"on\"}", NULL, error))
            return FALSE;
    }
    deadline = g_get_monotonic_time() + READY_TIMEOUT_S * G_USEC_PER_SEC;
    while (!all_ready()) {
        if (g_get_monotonic_time() > deadline) {
            g_set_error_literal(error, BENCH_ERROR, 0, "the guests did not boot in time");
            return FALSE;
        }
        g_usleep(200 * 1000);
    }

    wall = measure(window, used);
    printf("bench/pools: shares high:normal over %.1f s, in one pool /flat: %.3f against 2.000 "
           "(ratio %.3f); through nested pools /outer/h:/outer/n: %.3f against 2.000 "
           "(ratio %.3f)\n",
           wall, used[1] / used[0], used[1] / used[0] / 2.0, used[3] / used[2],
           used[3] / used[2] / 2.0);

    if (!call("GET", "/host", NULL, &host, error))
        return FALSE;
    if (!json_object_object_get_ex(host, "cpu", &cpu) ||
        !json_object_object_get_ex(cpu, "mhz", &mhz_json)) {
        g_set_error_literal(error, BENCH_ERROR, 0, "GET /host: no cpu.mhz");
        return FALSE;
    }
    mhz = json_object_get_int64(mhz_json);
    limit = g_strdup_printf("{\"cpu\": {\"limit_mhz\": %" G_GINT64_FORMAT "}}", mhz / 4);
    pool_limit = g_strdup_printf("{\"resources\": %s}", limit);
    {
        g_autofree char *path = g_strdup_printf("/vms/%s/resources", bench.ids[1]);
        if (!call("PUT", path, limit, NULL, error) ||
            !call("PATCH", "/pools/outer", pool_limit, NULL, error))
            return FALSE;
    }
    g_usleep(G_USEC_PER_SEC / 2);
    wall = measure(LIMIT_WINDOW_S, used);
    printf("bench/pools: limit of 25.0 %% of a CPU (%" G_GINT64_FORMAT
           " MHz) over %.1f s: guest B used %.2f %% (ratio %.3f to the limit); pool /outer "
           "(C+D, two levels down) used %.2f %% (ratio %.3f)\n",
           mhz / 4, wall, 100 * used[1] / wall, used[1] / wall / 0.25,
           100 * (used[2] + used[3]) / wall, (used[2] + used[3]) / wall / 0.25);
    return TRUE;
}

int
main(int argc, char **argv)
{
    g_autoptr(GError) error = NULL;
    int window = argc > 1 ? atoi(argv[1]) : 20;
    gboolean ok;

    if (geteuid() != 0 || sysconf(_SC_NPROCESSORS_ONLN) < 2 || window <= 0) {
        fprintf(stderr, "bench/pools: needs root and two CPUs; usage: bench/pools [SECONDS]\n");
        return 77;
    }
    g_mutex_init(&bench.lock);
    corral_test_cleanup_on_signals("bench/pools", cleanup);

    bench.conn = virConnectOpen(LIBVIRT_URI);
    if (bench.conn == NULL) {
        fprintf(stderr, "bench/pools: cannot connect to %s\n", LIBVIRT_URI);
        return 1;
    }
    ok = bench_run(window, &error);
    if (!ok)
        fprintf(stderr, "bench/pools: %s\n", error->message);
    cleanup();
    g_clear_pointer(&bench.api, corral_client_unref);
    g_clear_pointer(&bench.corrald, corrald_process_free);
    virConnectClose(bench.conn);
    return ok ? 0 : 1;
}
