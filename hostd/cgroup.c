/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * cgroup partitions for resource pools, v1 and v2 (see cgroup.h). The two
 * versions differ only in the tables below: the hierarchies a partition is
 * made in, and the file and value format of each knob.
 */
#include "hostd/cgroup.h"

#include "hostd/hostd-error.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#define PARTITION_SUFFIX ".partition"
#define TOP_COMPONENT    "machine"
/* v1 reads "no limit" back as the largest page-aligned 63-bit value. */
#define V1_UNLIMITED_FLOOR (G_MAXINT64 - 65536)

/* The v1 controllers that libvirt places a guest in and so must find the
 * partition in; cpuset also needs cpus and mems copied down. */
static const char *const v1_controllers[] = {"cpu",    "cpuacct", "cpuset",
                                             "memory", "blkio",   "freezer"};

/* The v2 controllers a partition's parent enables for it; those the host
 * lacks are skipped. */
static const char *const v2_controllers[] = {"cpu", "memory", "io", "cpuset", "pids"};

/* The files cpuset needs filled before a group can hold tasks. */
static const char *const cpuset_files[] = {"cpuset.cpus", "cpuset.mems"};

typedef char *(*FormatFunc)(gint64 value);
typedef gboolean (*ParseFunc)(const char *text, gint64 *value);

typedef struct {
    const char *controller;   /* the hierarchy that holds the file */
    const char *file;         /* the knob's file in the partition */
    const char *prelude_file; /* written before it, with prelude_value; may be NULL */
    const char *prelude_value;
    FormatFunc format;
    ParseFunc parse;
} KnobFile;

struct CorraldCgroup {
    CorraldCgroupVersion version;
    /* controller name → its mount point; on v2 "" → the one hierarchy */
    GHashTable *mounts;
    /* every distinct mount point a partition is made in */
    GPtrArray *hierarchies;
    char *cpuset_mount; /* NULL on v2 or without cpuset */
};

/* Formats and parsers */

static gboolean
parse_int(const char *text, gint64 *value)
{
    char *end = NULL;
    g_autofree char *copy = g_strstrip(g_strdup(text));

    errno = 0;
    *value = g_ascii_strtoll(copy, &end, 10);
    return errno == 0 && end != copy && *end == '\0';
}

static char *
format_v1_shares(gint64 value)
{
    return g_strdup_printf("%" G_GINT64_FORMAT, CLAMP(value, 2, 262144));
}

static char *
format_v1_quota(gint64 value)
{
    return value < 0 ? g_strdup("-1") : g_strdup_printf("%" G_GINT64_FORMAT, MAX(value, 1000));
}

static char *
format_v1_bytes(gint64 value)
{
    return value < 0 ? g_strdup("-1") : g_strdup_printf("%" G_GINT64_FORMAT, value);
}

/* A soft limit of none is written as -1: reservation 0 means no claim. */
static char *
format_v1_soft(gint64 value)
{
    return value <= 0 ? g_strdup("-1") : g_strdup_printf("%" G_GINT64_FORMAT, value);
}

static gboolean
parse_v1_bytes(const char *text, gint64 *value)
{
    if (!parse_int(text, value))
        return FALSE;
    if (*value >= V1_UNLIMITED_FLOOR)
        *value = -1;
    return TRUE;
}

static gboolean
parse_v1_soft(const char *text, gint64 *value)
{
    if (!parse_v1_bytes(text, value))
        return FALSE;
    *value = MAX(*value, 0);
    return TRUE;
}

/* systemd's mapping of CPUShares= to CPUWeight=: 1024 shares are weight 100. */
static char *
format_v2_weight(gint64 value)
{
    return g_strdup_printf("%" G_GINT64_FORMAT, CLAMP(value * 100 / 1024, 1, 10000));
}

static gboolean
parse_v2_weight(const char *text, gint64 *value)
{
    if (!parse_int(text, value))
        return FALSE;
    *value = *value * 1024 / 100;
    return TRUE;
}

static char *
format_v2_quota(gint64 value)
{
    if (value < 0)
        return g_strdup_printf("max %d", CORRALD_CGROUP_PERIOD_US);
    return g_strdup_printf("%" G_GINT64_FORMAT " %d", MAX(value, 1000), CORRALD_CGROUP_PERIOD_US);
}

static gboolean
parse_v2_quota(const char *text, gint64 *value)
{
    g_autofree char *copy = g_strstrip(g_strdup(text));
    g_auto(GStrv) words = g_strsplit(copy, " ", 2);
    gint64 quota, period;

    if (words[0] == NULL || words[1] == NULL || !parse_int(words[1], &period) || period <= 0)
        return FALSE;
    if (g_str_equal(words[0], "max")) {
        *value = -1;
        return TRUE;
    }
    if (!parse_int(words[0], &quota))
        return FALSE;
    *value = quota * CORRALD_CGROUP_PERIOD_US / period;
    return TRUE;
}

static char *
format_v2_bytes(gint64 value)
{
    return value < 0 ? g_strdup("max") : g_strdup_printf("%" G_GINT64_FORMAT, value);
}

static char *
format_v2_low(gint64 value)
{
    return g_strdup_printf("%" G_GINT64_FORMAT, MAX(value, 0));
}

static gboolean
parse_v2_bytes(const char *text, gint64 *value)
{
    g_autofree char *copy = g_strstrip(g_strdup(text));

    if (g_str_equal(copy, "max")) {
        *value = -1;
        return TRUE;
    }
    return parse_int(copy, value);
}

/* The knob tables, one per version. */

static const KnobFile v1_knobs[CORRALD_KNOB_LAST] = {
    [CORRALD_KNOB_CPU_WEIGHT] = {"cpu", "cpu.shares", NULL, NULL, format_v1_shares, parse_int},
    [CORRALD_KNOB_CPU_QUOTA] = {"cpu", "cpu.cfs_quota_us", "cpu.cfs_period_us",
                                G_STRINGIFY(CORRALD_CGROUP_PERIOD_US), format_v1_quota, parse_int},
    [CORRALD_KNOB_MEMORY_LIMIT] = {"memory", "memory.limit_in_bytes", NULL, NULL, format_v1_bytes,
                                   parse_v1_bytes},
    [CORRALD_KNOB_MEMORY_RESERVATION] = {"memory", "memory.soft_limit_in_bytes", NULL, NULL,
                                         format_v1_soft, parse_v1_soft},
};

static const KnobFile v2_knobs[CORRALD_KNOB_LAST] = {
    [CORRALD_KNOB_CPU_WEIGHT] = {"", "cpu.weight", NULL, NULL, format_v2_weight, parse_v2_weight},
    [CORRALD_KNOB_CPU_QUOTA] = {"", "cpu.max", NULL, NULL, format_v2_quota, parse_v2_quota},
    [CORRALD_KNOB_MEMORY_LIMIT] = {"", "memory.max", NULL, NULL, format_v2_bytes, parse_v2_bytes},
    [CORRALD_KNOB_MEMORY_RESERVATION] = {"", "memory.low", NULL, NULL, format_v2_low,
                                         parse_v2_bytes},
};

static const KnobFile *const knob_tables[] = {
    [CORRALD_CGROUP_V1] = v1_knobs,
    [CORRALD_CGROUP_V2] = v2_knobs,
};

static const char *const version_names[] = {
    [CORRALD_CGROUP_V1] = "v1",
    [CORRALD_CGROUP_V2] = "v2",
};

/* Files */

static gboolean
write_file(const char *path, const char *value, GError **error)
{
    int fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
    gssize len = (gssize)strlen(value);
    int saved;

    if (fd < 0 || write(fd, value, (size_t)len) != len) {
        saved = errno;
        if (fd >= 0)
            close(fd);
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_FAILED, "writing %s to %s: %s", value, path,
                    g_strerror(saved));
        return FALSE;
    }
    close(fd);
    return TRUE;
}

static gboolean
read_file(const char *path, char **text, GError **error)
{
    g_autoptr(GError) local = NULL;

    if (g_file_get_contents(path, text, NULL, &local))
        return TRUE;
    g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_FAILED, "reading %s: %s", path, local->message);
    return FALSE;
}

/* Detection */

static gboolean
has_option(const char *options, const char *name)
{
    g_auto(GStrv) words = g_strsplit(options, ",", -1);

    return g_strv_contains((const char *const *)words, name);
}

static gboolean
v2_offers(const char *mount, const char *controller)
{
    g_autofree char *path = g_build_filename(mount, "cgroup.controllers", NULL);
    g_autofree char *text = NULL;
    g_auto(GStrv) words = NULL;

    if (!g_file_get_contents(path, &text, NULL, NULL))
        return FALSE;
    words = g_strsplit_set(g_strstrip(text), " \n", -1);
    return g_strv_contains((const char *const *)words, controller);
}

static void
add_hierarchy(CorraldCgroup *cgroup, const char *mount)
{
    for (guint i = 0; i < cgroup->hierarchies->len; i++)
        if (g_str_equal(cgroup->hierarchies->pdata[i], mount))
            return;
    g_ptr_array_add(cgroup->hierarchies, g_strdup(mount));
}

CorraldCgroup *
corrald_cgroup_detect(const char *mounts_file, GError **error)
{
    g_autoptr(CorraldCgroup) cgroup = g_new0(CorraldCgroup, 1);
    g_autofree char *text = NULL;
    g_auto(GStrv) lines = NULL;
    g_autofree char *v2_mount = NULL;

    if (!read_file(mounts_file != NULL ? mounts_file : "/proc/self/mounts", &text, error))
        return NULL;
    cgroup->mounts = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
    cgroup->hierarchies = g_ptr_array_new_with_free_func(g_free);
    lines = g_strsplit(text, "\n", -1);
    for (guint i = 0; lines[i] != NULL; i++) {
        g_auto(GStrv) f = g_strsplit(lines[i], " ", -1);

        if (g_strv_length(f) < 4)
            continue;
        if (g_str_equal(f[2], "cgroup2") && v2_mount == NULL) {
            v2_mount = g_strdup(f[1]);
        } else if (g_str_equal(f[2], "cgroup")) {
            for (gsize c = 0; c < G_N_ELEMENTS(v1_controllers); c++)
                if (has_option(f[3], v1_controllers[c]) &&
                    !g_hash_table_contains(cgroup->mounts, v1_controllers[c]))
                    g_hash_table_insert(cgroup->mounts, (gpointer)v1_controllers[c],
                                        g_strdup(f[1]));
        }
    }

    if (g_hash_table_contains(cgroup->mounts, "cpu") &&
        g_hash_table_contains(cgroup->mounts, "memory")) {
        cgroup->version = CORRALD_CGROUP_V1;
        for (gsize c = 0; c < G_N_ELEMENTS(v1_controllers); c++) {
            const char *mount = g_hash_table_lookup(cgroup->mounts, v1_controllers[c]);
            if (mount != NULL)
                add_hierarchy(cgroup, mount);
        }
        /* Hybrid hosts: libvirt also wants the partition in the empty
         * unified hierarchy. */
        if (v2_mount != NULL)
            add_hierarchy(cgroup, v2_mount);
        cgroup->cpuset_mount = g_strdup(g_hash_table_lookup(cgroup->mounts, "cpuset"));
    } else if (v2_mount != NULL && v2_offers(v2_mount, "cpu")) {
        cgroup->version = CORRALD_CGROUP_V2;
        g_hash_table_insert(cgroup->mounts, (gpointer) "", g_strdup(v2_mount));
        add_hierarchy(cgroup, v2_mount);
    } else {
        g_set_error_literal(error, CORRALD_ERROR, CORRALD_ERROR_UNAVAILABLE,
                            "cgroups: neither the v1 cpu and memory controllers nor a cgroup v2 "
                            "hierarchy with the cpu controller is mounted");
        return NULL;
    }
    return g_steal_pointer(&cgroup);
}

void
corrald_cgroup_free(CorraldCgroup *cgroup)
{
    if (cgroup == NULL)
        return;
    g_clear_pointer(&cgroup->mounts, g_hash_table_unref);
    g_clear_pointer(&cgroup->hierarchies, g_ptr_array_unref);
    g_free(cgroup->cpuset_mount);
    g_free(cgroup);
}

CorraldCgroupVersion
corrald_cgroup_version(const CorraldCgroup *cgroup)
{
    return cgroup->version;
}

const char *
corrald_cgroup_version_name(const CorraldCgroup *cgroup)
{
    return version_names[cgroup->version];
}

/* Partitions */

char **
corrald_cgroup_partition_components(const char *partition, GError **error)
{
    g_auto(GStrv) parts = NULL;
    GPtrArray *out;

    if (partition == NULL || !g_str_has_prefix(partition, "/" TOP_COMPONENT) ||
        (partition[strlen("/" TOP_COMPONENT)] != '\0' &&
         partition[strlen("/" TOP_COMPONENT)] != '/'))
        goto bad;
    parts = g_strsplit(partition + 1, "/", -1);
    out = g_ptr_array_new_with_free_func(g_free);
    g_ptr_array_add(out, g_strdup(TOP_COMPONENT));
    for (guint i = 1; parts[i] != NULL; i++) {
        if (parts[i][0] == '\0' || parts[i][0] == '.' || parts[i][0] == '_' ||
            strpbrk(parts[i], "\\ \t\n") != NULL) {
            g_ptr_array_unref(out);
            goto bad;
        }
        g_ptr_array_add(out, g_strconcat(parts[i], PARTITION_SUFFIX, NULL));
    }
    g_ptr_array_add(out, NULL);
    return (char **)g_ptr_array_free(out, FALSE);
bad:
    g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_INVALID,
                "cgroup partition %s: expected /machine followed by plain names", partition);
    return NULL;
}

static char *
join_components(const char *mount, char **components, guint n)
{
    g_autoptr(GString) path = g_string_new(mount);

    for (guint i = 0; i < n; i++)
        g_string_append_printf(path, "/%s", components[i]);
    return g_string_free(g_steal_pointer(&path), FALSE);
}

/* Copies the cpuset files that are empty in @dir from its parent. */
static gboolean
fill_cpuset(const char *dir, GError **error)
{
    g_autofree char *parent = g_path_get_dirname(dir);

    for (gsize i = 0; i < G_N_ELEMENTS(cpuset_files); i++) {
        g_autofree char *mine = g_build_filename(dir, cpuset_files[i], NULL);
        g_autofree char *theirs = g_build_filename(parent, cpuset_files[i], NULL);
        g_autofree char *current = NULL;
        g_autofree char *value = NULL;

        if (!read_file(mine, &current, error))
            return FALSE;
        if (g_strstrip(current)[0] != '\0')
            continue;
        if (!read_file(theirs, &value, error) || !write_file(mine, g_strstrip(value), error))
            return FALSE;
    }
    return TRUE;
}

/* Enables the v2 controllers the host offers in @dir's subtree. */
static void
enable_v2_controllers(const char *dir)
{
    g_autofree char *control = g_build_filename(dir, "cgroup.subtree_control", NULL);

    for (gsize i = 0; i < G_N_ELEMENTS(v2_controllers); i++) {
        g_autofree char *word = g_strconcat("+", v2_controllers[i], NULL);

        if (v2_offers(dir, v2_controllers[i]))
            write_file(control, word, NULL);
    }
}

gboolean
corrald_cgroup_ensure_partition(CorraldCgroup *cgroup, const char *partition, GError **error)
{
    g_auto(GStrv) components = corrald_cgroup_partition_components(partition, error);
    guint n;

    if (components == NULL)
        return FALSE;
    n = g_strv_length(components);
    for (guint h = 0; h < cgroup->hierarchies->len; h++) {
        const char *mount = cgroup->hierarchies->pdata[h];
        gboolean cpuset = g_strcmp0(mount, cgroup->cpuset_mount) == 0;

        for (guint depth = 1; depth <= n; depth++) {
            g_autofree char *dir = join_components(mount, components, depth);
            g_autofree char *parent = g_path_get_dirname(dir);

            if (cgroup->version == CORRALD_CGROUP_V2)
                enable_v2_controllers(parent);
            if (g_mkdir(dir, 0755) < 0 && errno != EEXIST) {
                int saved = errno;
                g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_FAILED, "making cgroup %s: %s", dir,
                            g_strerror(saved));
                return FALSE;
            }
            if (cpuset && !fill_cpuset(dir, error))
                return FALSE;
        }
    }
    return TRUE;
}

gboolean
corrald_cgroup_remove_partition(CorraldCgroup *cgroup, const char *partition, GError **error)
{
    g_auto(GStrv) components = corrald_cgroup_partition_components(partition, error);

    if (components == NULL)
        return FALSE;
    for (guint h = 0; h < cgroup->hierarchies->len; h++) {
        g_autofree char *dir =
            join_components(cgroup->hierarchies->pdata[h], components, g_strv_length(components));

        if (g_rmdir(dir) < 0 && errno != ENOENT) {
            int saved = errno;
            g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_INVALID_STATE, "removing cgroup %s: %s",
                        dir, g_strerror(saved));
            return FALSE;
        }
    }
    return TRUE;
}

char *
corrald_cgroup_partition_dir(CorraldCgroup *cgroup, const char *controller, const char *partition)
{
    g_auto(GStrv) components = corrald_cgroup_partition_components(partition, NULL);
    const char *mount =
        g_hash_table_lookup(cgroup->mounts, cgroup->version == CORRALD_CGROUP_V2 ? "" : controller);

    if (components == NULL || mount == NULL)
        return NULL;
    return join_components(mount, components, g_strv_length(components));
}

gboolean
corrald_cgroup_partition_exists(CorraldCgroup *cgroup, const char *partition)
{
    g_autofree char *dir = corrald_cgroup_partition_dir(cgroup, "cpu", partition);

    return dir != NULL && g_file_test(dir, G_FILE_TEST_IS_DIR);
}

static char *
knob_path(CorraldCgroup *cgroup, const char *partition, const char *file, const KnobFile *knob,
          GError **error)
{
    g_autofree char *dir = corrald_cgroup_partition_dir(cgroup, knob->controller, partition);

    if (dir == NULL) {
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_UNAVAILABLE,
                    "cgroup partition %s: no %s hierarchy", partition, knob->controller);
        return NULL;
    }
    return g_build_filename(dir, file, NULL);
}

gboolean
corrald_cgroup_set(CorraldCgroup *cgroup, const char *partition, CorraldKnob knob, gint64 value,
                   GError **error)
{
    const KnobFile *k = &knob_tables[cgroup->version][knob];
    g_autofree char *path = knob_path(cgroup, partition, k->file, k, error);
    g_autofree char *text = NULL;

    if (path == NULL)
        return FALSE;
    if (k->prelude_file != NULL) {
        g_autofree char *prelude = knob_path(cgroup, partition, k->prelude_file, k, error);

        if (prelude == NULL || !write_file(prelude, k->prelude_value, error))
            return FALSE;
    }
    text = k->format(value);
    return write_file(path, text, error);
}

gboolean
corrald_cgroup_get(CorraldCgroup *cgroup, const char *partition, CorraldKnob knob, gint64 *value,
                   GError **error)
{
    const KnobFile *k = &knob_tables[cgroup->version][knob];
    g_autofree char *path = knob_path(cgroup, partition, k->file, k, error);
    g_autofree char *text = NULL;

    if (path == NULL || !read_file(path, &text, error))
        return FALSE;
    if (!k->parse(text, value)) {
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_FAILED, "%s: unreadable value \"%s\"", path,
                    g_strstrip(text));
        return FALSE;
    }
    return TRUE;
}
