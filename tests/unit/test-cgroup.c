/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The cgroup backends on directories laid out like the kernel's: a mounts
 * file names them, so detection, partition making (cpuset copied down, v2
 * controllers enabled), the knob tables of both versions and removal are
 * checked without touching the host's cgroups. (The real kernel's side is
 * tests/integration/test-pools.c.)
 */
#include "check-tap.h"

#include "hostd/cgroup.h"
#include "hostd/hostd-error.h"
#include "tests/common/test-util.h"

#include <glib/gstdio.h>
#include <string.h>

static char *base;

static void
put(const char *dir, const char *file, const char *text)
{
    g_autofree char *path = g_build_filename(dir, file, NULL);

    g_mkdir_with_parents(dir, 0755);
    ck_assert(g_file_set_contents(path, text, -1, NULL));
}

static char *
get(const char *dir, const char *file)
{
    g_autofree char *path = g_build_filename(dir, file, NULL);
    char *text = NULL;

    ck_assert_msg(g_file_get_contents(path, &text, NULL, NULL), "%s", path);
    return g_strstrip(text);
}

/* Checks that @file in @dir reads @want. */
static void
expect_file(const char *dir, const char *file, const char *want)
{
    g_autofree char *text = get(dir, file);

    ck_assert_str_eq(text, want);
}

static void
setup(void)
{
    base = g_dir_make_tmp("cgroup-XXXXXX", NULL);
}

static void
teardown(void)
{
    corral_test_clear_tree(&base);
}

/* A hybrid v1 host: cpu and cpuacct apart, as on these machines. */
static CorraldCgroup *
fake_v1(void)
{
    static const char *const controllers[] = {"cpu",    "cpuacct", "cpuset",
                                              "memory", "blkio",   "freezer"};
    g_autoptr(GString) mounts = g_string_new("proc /proc proc rw 0 0\n");
    g_autofree char *mounts_path = g_build_filename(base, "mounts", NULL);
    g_autofree char *cpuset = g_build_filename(base, "cpuset", "machine", NULL);
    g_autoptr(GError) error = NULL;
    CorraldCgroup *cgroup;

    for (gsize i = 0; i < G_N_ELEMENTS(controllers); i++) {
        g_autofree char *dir = g_build_filename(base, controllers[i], "machine", NULL);

        g_mkdir_with_parents(dir, 0755);
        g_string_append_printf(mounts, "cgroup %s/%s cgroup rw,nosuid,%s 0 0\n", base,
                               controllers[i], controllers[i]);
    }
    g_string_append_printf(mounts, "cgroup2 %s/unified cgroup2 rw,nosuid 0 0\n", base);
    {
        g_autofree char *unified = g_build_filename(base, "unified", NULL);
        g_mkdir_with_parents(unified, 0755);
    }
    put(cpuset, "cpuset.cpus", "0-1\n");
    put(cpuset, "cpuset.mems", "0\n");
    ck_assert(g_file_set_contents(mounts_path, mounts->str, -1, NULL));
    cgroup = corrald_cgroup_detect(mounts_path, &error);
    ck_assert_msg(cgroup != NULL, "%s", error != NULL ? error->message : "?");
    return cgroup;
}

START_TEST(test_v1)
{
    g_autoptr(CorraldCgroup) cgroup = fake_v1();
    g_autoptr(GError) error = NULL;
    const char *partition = "/machine/corral-00ff00ff-1/corral-00ff00ff-2";
    g_autofree char *inner_cpuset = g_build_filename(
        base, "cpuset/machine/corral-00ff00ff-1.partition", "corral-00ff00ff-2.partition", NULL);
    g_autofree char *inner_cpu = corrald_cgroup_partition_dir(cgroup, "cpu", partition);
    g_autofree char *inner_memory = corrald_cgroup_partition_dir(cgroup, "memory", partition);
    g_autofree char *unified =
        g_build_filename(base, "unified/machine/corral-00ff00ff-1.partition", NULL);
    g_autofree char *outer_cpuset =
        g_build_filename(base, "cpuset/machine/corral-00ff00ff-1.partition", NULL);
    g_autofree char *expected_cpu = g_build_filename(
        base, "cpu/machine/corral-00ff00ff-1.partition", "corral-00ff00ff-2.partition", NULL);
    g_autofree char *cpus = NULL;
    g_autofree char *mems = NULL;
    gint64 value = 0;

    ck_assert_int_eq(corrald_cgroup_version(cgroup), CORRALD_CGROUP_V1);
    ck_assert_str_eq(corrald_cgroup_version_name(cgroup), "v1");
    /* The kernel makes the files of a new group; here the test does. */
    ck_assert(!corrald_cgroup_partition_exists(cgroup, partition));
    put(outer_cpuset, "cpuset.cpus", "");
    put(outer_cpuset, "cpuset.mems", "");
    put(inner_cpuset, "cpuset.cpus", "");
    put(inner_cpuset, "cpuset.mems", "");
    ck_assert_msg(corrald_cgroup_ensure_partition(cgroup, partition, &error), "%s",
                  error != NULL ? error->message : "?");
    ck_assert(corrald_cgroup_partition_exists(cgroup, partition));
    cpus = get(inner_cpuset, "cpuset.cpus");
    mems = get(inner_cpuset, "cpuset.mems");
    ck_assert_str_eq(cpus, "0-1");
    ck_assert_str_eq(mems, "0");
    ck_assert(g_file_test(unified, G_FILE_TEST_IS_DIR));
    ck_assert_str_eq(inner_cpu, expected_cpu);

    /* The kernel's knob files; here the test makes them. */
    put(inner_cpu, "cpu.shares", "1024\n");
    put(inner_cpu, "cpu.cfs_quota_us", "-1\n");
    put(inner_cpu, "cpu.cfs_period_us", "100000\n");
    put(inner_memory, "memory.limit_in_bytes", "9223372036854771712\n");
    put(inner_memory, "memory.soft_limit_in_bytes", "9223372036854771712\n");

    /* The v1 table: file names and formats. */
    ck_assert(corrald_cgroup_set(cgroup, partition, CORRALD_KNOB_CPU_WEIGHT, 8000, NULL));
    expect_file(inner_cpu, "cpu.shares", "8000");
    ck_assert(corrald_cgroup_set(cgroup, partition, CORRALD_KNOB_CPU_QUOTA, 25000, NULL));
    expect_file(inner_cpu, "cpu.cfs_quota_us", "25000");
    expect_file(inner_cpu, "cpu.cfs_period_us", "100000");
    ck_assert(corrald_cgroup_set(cgroup, partition, CORRALD_KNOB_CPU_QUOTA, -1, NULL));
    expect_file(inner_cpu, "cpu.cfs_quota_us", "-1");
    ck_assert(corrald_cgroup_set(cgroup, partition, CORRALD_KNOB_MEMORY_LIMIT, 1 << 30, NULL));
    expect_file(inner_memory, "memory.limit_in_bytes", "1073741824");
    ck_assert(corrald_cgroup_set(cgroup, partition, CORRALD_KNOB_MEMORY_RESERVATION, 0, NULL));
    expect_file(inner_memory, "memory.soft_limit_in_bytes", "-1");
    /* What the kernel reads back for "none". */
    put(inner_memory, "memory.limit_in_bytes", "9223372036854771712\n");
    ck_assert(corrald_cgroup_get(cgroup, partition, CORRALD_KNOB_MEMORY_LIMIT, &value, NULL));
    ck_assert_int_eq(value, -1);
    put(inner_memory, "memory.limit_in_bytes", "garbage\n");
    ck_assert(!corrald_cgroup_get(cgroup, partition, CORRALD_KNOB_MEMORY_LIMIT, &value, &error));
    g_clear_error(&error);

    /* Removal: the partition, not its parent; twice is fine. The test
     * clears the files the kernel would not have. */
    {
        const char *const dirs[] = {"cpu",   "cpuacct", "cpuset", "memory",
                                    "blkio", "freezer", "unified"};
        for (gsize i = 0; i < G_N_ELEMENTS(dirs); i++) {
            g_autofree char *dir =
                g_build_filename(base, dirs[i], "machine/corral-00ff00ff-1.partition",
                                 "corral-00ff00ff-2.partition", NULL);
            g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
            const char *name;
            while (d != NULL && (name = g_dir_read_name(d)) != NULL) {
                g_autofree char *file = g_build_filename(dir, name, NULL);
                g_unlink(file);
            }
        }
    }
    ck_assert_msg(corrald_cgroup_remove_partition(cgroup, partition, &error), "%s",
                  error != NULL ? error->message : "?");
    ck_assert(!corrald_cgroup_partition_exists(cgroup, partition));
    ck_assert(corrald_cgroup_partition_exists(cgroup, "/machine/corral-00ff00ff-1"));
    ck_assert(corrald_cgroup_remove_partition(cgroup, partition, NULL));
}
END_TEST

START_TEST(test_v2)
{
    g_autofree char *root = g_build_filename(base, "v2", NULL);
    g_autofree char *machine = g_build_filename(root, "machine", NULL);
    g_autofree char *mounts_path = g_build_filename(base, "mounts", NULL);
    g_autofree char *mounts = g_strdup_printf("cgroup2 %s cgroup2 rw 0 0\n", root);
    g_autoptr(CorraldCgroup) cgroup = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *dir = NULL;
    gint64 value = 0;

    put(root, "cgroup.controllers", "cpuset cpu io memory pids\n");
    put(machine, "cgroup.controllers", "cpuset cpu io memory pids\n");
    put(root, "cgroup.subtree_control", "");
    put(machine, "cgroup.subtree_control", "");
    ck_assert(g_file_set_contents(mounts_path, mounts, -1, NULL));
    cgroup = corrald_cgroup_detect(mounts_path, &error);
    ck_assert_msg(cgroup != NULL, "%s", error != NULL ? error->message : "?");
    ck_assert_int_eq(corrald_cgroup_version(cgroup), CORRALD_CGROUP_V2);
    ck_assert(corrald_cgroup_ensure_partition(cgroup, "/machine/p", &error));
    dir = corrald_cgroup_partition_dir(cgroup, "memory", "/machine/p");
    ck_assert(g_str_has_suffix(dir, "/machine/p.partition"));
    /* The parent enabled controllers for it (a plain file keeps the
     * bytes of the last write, "+pids", over the longer earlier ones). */
    {
        g_autofree char *control = get(machine, "cgroup.subtree_control");
        ck_assert(g_str_has_prefix(control, "+pids"));
    }

    put(dir, "cpu.weight", "100\n");
    put(dir, "cpu.max", "max 100000\n");
    put(dir, "memory.max", "max\n");
    put(dir, "memory.low", "0\n");
    ck_assert(corrald_cgroup_set(cgroup, "/machine/p", CORRALD_KNOB_CPU_WEIGHT, 2048, NULL));
    expect_file(dir, "cpu.weight", "200");
    ck_assert(corrald_cgroup_get(cgroup, "/machine/p", CORRALD_KNOB_CPU_WEIGHT, &value, NULL));
    ck_assert_int_eq(value, 2048);
    ck_assert(corrald_cgroup_set(cgroup, "/machine/p", CORRALD_KNOB_CPU_QUOTA, 50000, NULL));
    expect_file(dir, "cpu.max", "50000 100000");
    ck_assert(corrald_cgroup_set(cgroup, "/machine/p", CORRALD_KNOB_CPU_QUOTA, -1, NULL));
    expect_file(dir, "cpu.max", "max 100000");
    ck_assert(corrald_cgroup_get(cgroup, "/machine/p", CORRALD_KNOB_CPU_QUOTA, &value, NULL));
    ck_assert_int_eq(value, -1);
    put(dir, "cpu.max", "5000 10000\n");
    ck_assert(corrald_cgroup_get(cgroup, "/machine/p", CORRALD_KNOB_CPU_QUOTA, &value, NULL));
    ck_assert_int_eq(value, 50000);
    ck_assert(corrald_cgroup_set(cgroup, "/machine/p", CORRALD_KNOB_MEMORY_LIMIT, -1, NULL));
    expect_file(dir, "memory.max", "max");
    ck_assert(
        corrald_cgroup_set(cgroup, "/machine/p", CORRALD_KNOB_MEMORY_RESERVATION, 4096, NULL));
    expect_file(dir, "memory.low", "4096");
}
END_TEST

START_TEST(test_refusals)
{
    g_autofree char *mounts_path = g_build_filename(base, "mounts", NULL);
    g_autoptr(GError) error = NULL;
    g_auto(GStrv) parts = NULL;
    static const char *const bad[] = {NULL,
                                      "",
                                      "/",
                                      "machine/a",
                                      "/machinery",
                                      "/machine//a",
                                      "/machine/../a",
                                      "/machine/_a",
                                      "/machine/a b"};

    ck_assert(g_file_set_contents(mounts_path, "proc /proc proc rw 0 0\n", -1, NULL));
    ck_assert_ptr_null(corrald_cgroup_detect(mounts_path, &error));
    ck_assert(g_error_matches(error, CORRALD_ERROR, CORRALD_ERROR_UNAVAILABLE));
    g_clear_error(&error);

    for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
        g_auto(GStrv) none = corrald_cgroup_partition_components(bad[i], &error);
        ck_assert_msg(none == NULL, "accepted %s", bad[i]);
        ck_assert(g_error_matches(error, CORRALD_ERROR, CORRALD_ERROR_INVALID));
        g_clear_error(&error);
    }
    parts = corrald_cgroup_partition_components("/machine/a/b", &error);
    ck_assert_uint_eq(g_strv_length(parts), 3);
    ck_assert_str_eq(parts[0], "machine");
    ck_assert_str_eq(parts[1], "a.partition");
    ck_assert_str_eq(parts[2], "b.partition");
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("cgroup");
    TCase *tc = tcase_create("backends");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_v1);
    tcase_add_test(tc, test_v2);
    tcase_add_test(tc, test_refusals);
    suite_add_tcase(s, tc);
    return corral_check_run(s);
}
