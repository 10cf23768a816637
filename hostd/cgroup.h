/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The kernel side of resource pools: each pool is a cgroup partition under
 * libvirt's "machine" group, which libvirt places guests in
 * (<resource><partition>/machine/a/b</partition> lives in the directories
 * machine/a.partition/b.partition). libvirt needs the partition to exist
 * beforehand in every hierarchy it uses, so this module makes them, sets
 * their knobs and removes them.
 *
 * Two backends behind one interface: cgroup v1 (one mount per controller,
 * hybrid hosts like Debian 12 in a container also have an empty cgroup2 at
 * unified/) and cgroup v2 (one hierarchy, controllers enabled through
 * cgroup.subtree_control). What differs is data: which directories to make
 * and, for each knob, the file and the way a value is written, in one table
 * per version. Knob values are in Corral's units (CPU shares on ESXi's scale,
 * a CFS quota in microseconds per 100 ms period, bytes), -1 meaning none.
 *
 * Callable from any thread; every call touches the file system only.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The CFS period every quota is written against. */
#define CORRALD_CGROUP_PERIOD_US 100000

typedef enum {
    CORRALD_CGROUP_V1,
    CORRALD_CGROUP_V2,
} CorraldCgroupVersion;

typedef enum {
    CORRALD_KNOB_CPU_WEIGHT,         /* shares: cpu.shares · cpu.weight */
    CORRALD_KNOB_CPU_QUOTA,          /* µs per period, -1 none: cpu.cfs_quota_us · cpu.max */
    CORRALD_KNOB_MEMORY_LIMIT,       /* bytes, -1 none: memory.limit_in_bytes · memory.max */
    CORRALD_KNOB_MEMORY_RESERVATION, /* bytes, 0 none: memory.soft_limit_in_bytes · memory.low */
    CORRALD_KNOB_LAST
} CorraldKnob;

typedef struct CorraldCgroup CorraldCgroup;

/* Finds the cgroup hierarchies from @mounts_file (NULL: /proc/self/mounts;
 * tests pass a file naming directories of their own). Fails when neither
 * the v1 cpu and memory controllers nor a v2 hierarchy offering cpu are
 * mounted. */
CorraldCgroup *corrald_cgroup_detect(const char *mounts_file, GError **error);
void corrald_cgroup_free(CorraldCgroup *cgroup);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CorraldCgroup, corrald_cgroup_free)

CorraldCgroupVersion corrald_cgroup_version(const CorraldCgroup *cgroup);

/* "v1" or "v2", for logs. */
const char *corrald_cgroup_version_name(const CorraldCgroup *cgroup);

/* Makes the partition of libvirt's @partition path ("/machine/a/b"; the
 * first component is "machine", the others get ".partition") in every
 * hierarchy, its ancestors first, copying cpuset.cpus and cpuset.mems from
 * the parent where cpuset needs them. Existing directories are kept. */
gboolean corrald_cgroup_ensure_partition(CorraldCgroup *cgroup, const char *partition,
                                         GError **error);

/* Removes the partition's own directory (not its ancestors) from every
 * hierarchy; a partition that is not there is no error, one that still
 * holds groups is (EBUSY). */
gboolean corrald_cgroup_remove_partition(CorraldCgroup *cgroup, const char *partition,
                                         GError **error);

/* Whether the partition's directory exists in the CPU hierarchy. */
gboolean corrald_cgroup_partition_exists(CorraldCgroup *cgroup, const char *partition);

/* Writes @knob of @partition. */
gboolean corrald_cgroup_set(CorraldCgroup *cgroup, const char *partition, CorraldKnob knob,
                            gint64 value, GError **error);

/* Reads @knob of @partition back in Corral's units. */
gboolean corrald_cgroup_get(CorraldCgroup *cgroup, const char *partition, CorraldKnob knob,
                            gint64 *value, GError **error);

/* The directory of @partition in the hierarchy of @controller ("cpu",
 * "cpuset", …; on v2 every controller shares one), for tests and tools that
 * read counters such as cpuacct.usage; NULL when the controller has no
 * hierarchy. */
char *corrald_cgroup_partition_dir(CorraldCgroup *cgroup, const char *controller,
                                   const char *partition);

/* The directory name components of libvirt's @partition ("/machine/a/b" →
 * {"machine", "a.partition", "b.partition"}); NULL and an error when it is
 * not an absolute path under /machine of plain components. */
char **corrald_cgroup_partition_components(const char *partition, GError **error);

G_END_DECLS
