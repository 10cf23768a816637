/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Resource pools enforced (see pool-manager.h): checking a changed tree,
 * applying it to cgroups and libvirt, saving it, and starting guests
 * through admission control.
 */
#include "hostd/pool-manager.h"

#include "hostd/admission.h"
#include "hostd/cgroup.h"
#include "hostd/hostd-error.h"
#include "hostd/inventory.h"
#include "hostd/net-shaping.h"
#include "hostd/pool-tree.h"

#include "hostd/domain-xml.h"

#include <libvirt/virterror.h>
#include <stdlib.h>

#define MIB                 (G_GINT64_CONSTANT(1024) * 1024)
#define MEMORY_LIMIT_MIN    (16 * MIB)
#define POOLS_FILE          "pools.json"
#define DOMAIN_XML_FOR_EDIT (VIR_DOMAIN_XML_INACTIVE | VIR_DOMAIN_XML_SECURE)
#define BLKIO_WEIGHT_MIN    100
#define BLKIO_WEIGHT_MAX    1000

/* Disk shares by level are block I/O weights (1:2:4 within 100–1000). */
static const gint64 disk_weights[CORRAL_SHARES_LEVEL_LAST] = {
    [CORRAL_SHARES_LEVEL_LOW] = 250,
    [CORRAL_SHARES_LEVEL_NORMAL] = 500,
    [CORRAL_SHARES_LEVEL_HIGH] = 1000,
};

/* ESXi's shares by level: per vCPU and per MiB for guests, whole for
 * pools; custom has its own value. */
static const struct {
    gint64 vm_cpu_per_vcpu, vm_memory_per_mib, pool_cpu, pool_memory;
} share_levels[CORRAL_SHARES_LEVEL_LAST] = {
    [CORRAL_SHARES_LEVEL_LOW] = {500, 5, 2000, 81920},
    [CORRAL_SHARES_LEVEL_NORMAL] = {1000, 10, 4000, 163840},
    [CORRAL_SHARES_LEVEL_HIGH] = {2000, 20, 8000, 327680},
};

struct CorraldPoolManager {
    virConnectPtr conn;
    char *path;
    CorraldCgroup *cgroup; /* NULL: no cgroups found, only the root pool works */
    gint64 cpu_mhz;        /* one CPU */
    gint64 capacity_mhz;   /* all of them */
    gint64 capacity_bytes;
    GMutex lock;
    CorraldPoolTree *tree;
};

/* A guest with an entry in the tree, as libvirt has it now. */
typedef struct {
    char *id;
    char *name;
    virDomainPtr domain;
    gboolean active;
    gboolean persistent;
    gboolean saved; /* a managed save image waits */
    gint64 vcpus;
    gint64 memory_mib;
} Guest;

static void
guest_free(gpointer data)
{
    Guest *guest = data;

    g_free(guest->id);
    g_free(guest->name);
    if (guest->domain != NULL)
        virDomainFree(guest->domain);
    g_free(guest);
}

static Guest *
guest_new(virDomainPtr domain)
{
    Guest *guest = g_new0(Guest, 1);
    char uuid[VIR_UUID_STRING_BUFLEN] = "";
    virDomainInfo info = {0};

    virDomainRef(domain);
    guest->domain = domain;
    virDomainGetUUIDString(domain, uuid);
    guest->id = g_strdup(uuid);
    guest->name = g_strdup(virDomainGetName(domain));
    guest->active = virDomainIsActive(domain) == 1;
    guest->persistent = virDomainIsPersistent(domain) == 1;
    guest->saved = virDomainHasManagedSaveImage(domain, 0) == 1;
    if (virDomainGetInfo(domain, &info) == 0) {
        guest->vcpus = MAX(info.nrVirtCpu, 1);
        guest->memory_mib = (gint64)(info.maxMem / 1024);
    }
    return guest;
}

/* The guests that have an entry in @tree and that libvirt knows. */
static GPtrArray *
tree_guests(CorraldPoolManager *m, const CorraldPoolTree *tree)
{
    g_autoptr(GPtrArray) entries = corrald_pool_tree_vm_entries(tree);
    GPtrArray *guests = g_ptr_array_new_with_free_func(guest_free);

    for (guint i = 0; i < entries->len; i++) {
        const CorraldVmEntry *entry = entries->pdata[i];
        virDomainPtr domain = virDomainLookupByUUIDString(m->conn, entry->id);

        if (domain == NULL)
            continue;
        g_ptr_array_add(guests, guest_new(domain));
        virDomainFree(domain);
    }
    return guests;
}

/* Shares */

static gint64
share_value(const CorralShares *shares, gboolean pool, gboolean cpu, gint64 vcpus, gint64 mib)
{
    if (shares->level == CORRAL_SHARES_LEVEL_CUSTOM)
        return shares->value;
    if (pool)
        return cpu ? share_levels[shares->level].pool_cpu : share_levels[shares->level].pool_memory;
    return cpu ? share_levels[shares->level].vm_cpu_per_vcpu * MAX(vcpus, 1)
               : share_levels[shares->level].vm_memory_per_mib * MAX(mib, 1);
}

static void
fill_share_values(CorralResources *r, gboolean pool, gint64 vcpus, gint64 mib)
{
    r->cpu.shares.value = share_value(&r->cpu.shares, pool, TRUE, vcpus, mib);
    r->memory.shares.value = share_value(&r->memory.shares, pool, FALSE, vcpus, mib);
    CORRAL_SET_PRESENT(&r->cpu.shares, CORRAL_SHARES_FIELD_VALUE);
    CORRAL_SET_PRESENT(&r->memory.shares, CORRAL_SHARES_FIELD_VALUE);
}

/* Checks */

static gboolean
check_shares(const CorralShares *shares, const char *what, GError **error)
{
    gboolean custom = shares->level == CORRAL_SHARES_LEVEL_CUSTOM;

    if (custom != CORRAL_HAS(shares, CORRAL_SHARES_FIELD_VALUE)) {
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_INVALID,
                    custom ? "%s.shares: the custom level needs a value"
                           : "%s.shares.value: only the custom level takes a value",
                    what);
        return FALSE;
    }
    return TRUE;
}

static gboolean
check_resources(const CorralResources *r, GError **error)
{
    if (!check_shares(&r->cpu.shares, "resources.cpu", error) ||
        !check_shares(&r->memory.shares, "resources.memory", error))
        return FALSE;
    if (r->cpu.limit_mhz >= 0 && r->cpu.reservation_mhz > r->cpu.limit_mhz) {
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_INVALID,
                    "resources.cpu: the reservation (%" G_GINT64_FORMAT
                    " MHz) is above the limit (%" G_GINT64_FORMAT " MHz)",
                    r->cpu.reservation_mhz, r->cpu.limit_mhz);
        return FALSE;
    }
    if (r->memory.limit_bytes >= 0 && r->memory.reservation_bytes > r->memory.limit_bytes) {
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_INVALID,
                    "resources.memory: the reservation (%" G_GINT64_FORMAT
                    " bytes) is above the limit (%" G_GINT64_FORMAT " bytes)",
                    r->memory.reservation_bytes, r->memory.limit_bytes);
        return FALSE;
    }
    if (CORRAL_HAS(r, CORRAL_RESOURCES_FIELD_DISK) &&
        (!check_shares(&r->disk.shares, "resources.disk", error) ||
         (r->disk.shares.level == CORRAL_SHARES_LEVEL_CUSTOM &&
          (r->disk.shares.value < BLKIO_WEIGHT_MIN || r->disk.shares.value > BLKIO_WEIGHT_MAX)))) {
        if (error != NULL && *error == NULL)
            g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_INVALID,
                        "resources.disk.shares.value: a block I/O weight of %d to %d",
                        BLKIO_WEIGHT_MIN, BLKIO_WEIGHT_MAX);
        return FALSE;
    }
    if (CORRAL_HAS(r, CORRAL_RESOURCES_FIELD_NETWORK) &&
        (r->network.in_average_kib_s >= 0 || r->network.out_average_kib_s >= 0)) {
        const char *why = NULL;

        if (!corrald_net_shaping_supported(&why)) {
            g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_INVALID,
                        "resources.network: unsupported on this host (%s); only -1, no limit, "
                        "is accepted",
                        why);
            return FALSE;
        }
    }
    if (r->memory.limit_bytes >= 0 && r->memory.limit_bytes < MEMORY_LIMIT_MIN) {
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_INVALID,
                    "resources.memory.limit_bytes: at least %" G_GINT64_FORMAT
                    " (16 MiB), or -1 for no limit",
                    MEMORY_LIMIT_MIN);
        return FALSE;
    }
    return TRUE;
}

/* A pool's resources: no disk or network, which are guests'. */
static gboolean
check_pool_resources(const CorralResources *r, GError **error)
{
    if (CORRAL_HAS(r, CORRAL_RESOURCES_FIELD_DISK) ||
        CORRAL_HAS(r, CORRAL_RESOURCES_FIELD_NETWORK)) {
        g_set_error_literal(error, CORRALD_ERROR, CORRALD_ERROR_INVALID,
                            "resources: disk and network are set per guest, not per pool");
        return FALSE;
    }
    return check_resources(r, error);
}

/* A guest's resources: everything but `expandable`, which is for pools. */
static gboolean
check_vm_patch(const CorralResources *patch, GError **error)
{
    if (patch != NULL && CORRAL_HAS(patch, CORRAL_RESOURCES_FIELD_EXPANDABLE)) {
        g_set_error_literal(error, CORRALD_ERROR, CORRALD_ERROR_INVALID,
                            "resources.expandable: only pools have an expandable reservation");
        return FALSE;
    }
    return TRUE;
}

/* The index of each pool of @tree in its pool array, by id. */
static GHashTable *
pool_indices(const CorraldPoolTree *tree)
{
    const GPtrArray *pools = corrald_pool_tree_pools(tree);
    GHashTable *indices = g_hash_table_new(g_direct_hash, g_direct_equal);

    for (guint i = 0; i < pools->len; i++)
        g_hash_table_insert(indices,
                            GUINT_TO_POINTER(((const CorraldPoolNode *)pools->pdata[i])->id),
                            GUINT_TO_POINTER(i));
    return indices;
}

/* Admission control over @tree, with the guests that run (and @starting,
 * which is about to) holding their reservations. */
static gboolean
check_admission(CorraldPoolManager *m, const CorraldPoolTree *tree, GPtrArray *guests,
                const char *starting, GError **error)
{
    const GPtrArray *pools = corrald_pool_tree_pools(tree);
    guint n = pools->len + guests->len;
    g_autofree CorraldAdmissionNode *nodes = g_new0(CorraldAdmissionNode, n);
    g_autoptr(GHashTable) indices = pool_indices(tree);
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);

    for (int resource = 0; resource < CORRALD_ADMISSION_LAST; resource++) {
        gboolean cpu = resource == CORRALD_ADMISSION_CPU;

        for (guint i = 0; i < pools->len; i++) {
            const CorraldPoolNode *pool = pools->pdata[i];
            const CorralResources *r = &pool->resources;
            CorraldAdmissionNode *node = &nodes[i];

            if (names->len <= i)
                g_ptr_array_add(names, corrald_pool_tree_path(tree, pool));
            node->name = names->pdata[i];
            node->pool = TRUE;
            if (i == 0) {
                node->parent = -1;
                node->reservation = cpu ? m->capacity_mhz : m->capacity_bytes;
                node->limit = CORRAL_UNLIMITED;
                continue;
            }
            node->parent =
                GPOINTER_TO_INT(g_hash_table_lookup(indices, GUINT_TO_POINTER(pool->parent)));
            node->expandable = r->expandable;
            node->reservation = cpu ? r->cpu.reservation_mhz : r->memory.reservation_bytes;
            node->limit = cpu ? r->cpu.limit_mhz : r->memory.limit_bytes;
        }
        for (guint g = 0; g < guests->len; g++) {
            const Guest *guest = guests->pdata[g];
            const CorraldVmEntry *entry = corrald_pool_tree_vm(tree, guest->id);
            const CorralResources *r = &entry->resources;
            CorraldAdmissionNode *node = &nodes[pools->len + g];
            gboolean counts = guest->active || g_strcmp0(guest->id, starting) == 0;

            node->name = guest->name;
            node->parent =
                GPOINTER_TO_INT(g_hash_table_lookup(indices, GUINT_TO_POINTER(entry->pool)));
            node->reservation = !counts ? 0
                                : cpu   ? r->cpu.reservation_mhz
                                        : r->memory.reservation_bytes;
            node->limit = cpu ? r->cpu.limit_mhz : r->memory.limit_bytes;
        }
        if (!corrald_admission_check(nodes, n, resource, NULL, error))
            return FALSE;
    }
    return TRUE;
}

/* Enforcement */

static gint64
quota_of(CorraldPoolManager *m, gint64 limit_mhz)
{
    if (limit_mhz < 0)
        return -1;
    return limit_mhz * CORRALD_CGROUP_PERIOD_US / MAX(m->cpu_mhz, 1);
}

/* The smaller of two quotas, -1 being none. */
static gint64
quota_min(gint64 a, gint64 b)
{
    if (a < 0)
        return b;
    if (b < 0)
        return a;
    return MIN(a, b);
}

static int
affect_flags(const Guest *guest)
{
    return (guest->persistent ? VIR_DOMAIN_AFFECT_CONFIG : 0) |
           (guest->active ? VIR_DOMAIN_AFFECT_LIVE : 0);
}

static gboolean
libvirt_failed(GError **error, const char *doing, const Guest *guest)
{
    g_autofree char *what = g_strdup_printf("%s of vm %s", doing, guest->name);

    corrald_error_from_libvirt(error, what);
    return FALSE;
}

/* The live CFS quota of a running guest's whole group; -1 for none. */
static gint64
guest_live_quota(const Guest *guest)
{
    virTypedParameterPtr params = NULL;
    int n = 0;
    long long quota = -1;
    char *type = virDomainGetSchedulerType(guest->domain, &n);

    free(type);
    if (n <= 0)
        return -1;
    params = g_new0(virTypedParameter, n);
    if (virDomainGetSchedulerParametersFlags(guest->domain, params, &n, VIR_DOMAIN_AFFECT_LIVE) ==
        0)
        virTypedParamsGetLLong(params, n, VIR_DOMAIN_SCHEDULER_GLOBAL_QUOTA, &quota);
    virTypedParamsClear(params, n);
    g_free(params);
    return quota > 0 ? quota : -1;
}

static gboolean
set_guest_quota(const Guest *guest, gint64 quota, int flags, GError **error)
{
    virTypedParameterPtr params = NULL;
    int n = 0, max = 0;
    int rc;

    virTypedParamsAddULLong(&params, &n, &max, VIR_DOMAIN_SCHEDULER_GLOBAL_PERIOD,
                            CORRALD_CGROUP_PERIOD_US);
    virTypedParamsAddLLong(&params, &n, &max, VIR_DOMAIN_SCHEDULER_GLOBAL_QUOTA,
                           quota < 0 ? -1 : MAX(quota, 1000));
    rc = virDomainSetSchedulerParametersFlags(guest->domain, params, n, flags);
    virTypedParamsFree(params, n);
    return rc == 0 || libvirt_failed(error, "setting the CPU limit", guest);
}

static gboolean
set_guest_disk_weight(const Guest *guest, const CorralResources *r, GError **error)
{
    virTypedParameterPtr params = NULL;
    int n = 0, max = 0;
    int rc;
    gint64 weight = r->disk.shares.level == CORRAL_SHARES_LEVEL_CUSTOM
                        ? r->disk.shares.value
                        : disk_weights[r->disk.shares.level];

    virTypedParamsAddUInt(&params, &n, &max, VIR_DOMAIN_BLKIO_WEIGHT, (unsigned int)weight);
    rc = virDomainSetBlkioParameters(guest->domain, params, n, affect_flags(guest));
    virTypedParamsFree(params, n);
    return rc == 0 || libvirt_failed(error, "setting the disk weight", guest);
}

/* Average rates on every NIC (libvirt's unit is KiB/s; 0 removes one). */
static gboolean
set_guest_bandwidth(const Guest *guest, const CorralResources *r, GError **error)
{
    g_autofree char *xml = virDomainGetXMLDesc(guest->domain, 0);
    g_autoptr(CorralVm) vm = xml != NULL ? corrald_domain_xml_parse(xml, NULL) : NULL;

    for (guint i = 0; vm != NULL && i < vm->nics->len; i++) {
        const CorralVmNic *nic = vm->nics->pdata[i];
        virTypedParameterPtr params = NULL;
        int n = 0, max = 0;
        int rc;

        if (nic->mac == NULL)
            continue;
        virTypedParamsAddUInt(&params, &n, &max, VIR_DOMAIN_BANDWIDTH_IN_AVERAGE,
                              (unsigned int)MAX(r->network.in_average_kib_s, 0));
        virTypedParamsAddUInt(&params, &n, &max, VIR_DOMAIN_BANDWIDTH_OUT_AVERAGE,
                              (unsigned int)MAX(r->network.out_average_kib_s, 0));
        rc = virDomainSetInterfaceParameters(guest->domain, nic->mac, params, n,
                                             affect_flags(guest));
        virTypedParamsFree(params, n);
        if (rc < 0)
            return libvirt_failed(error, "setting the network rates", guest);
    }
    return TRUE;
}

/* Shares, memory limit and reservation of a guest. */
static gboolean
set_guest_knobs(const Guest *guest, const CorralResources *r, GError **error)
{
    virTypedParameterPtr params = NULL;
    int n = 0, max = 0;
    int flags = affect_flags(guest);
    int rc;
    unsigned long long unlimited = VIR_DOMAIN_MEMORY_PARAM_UNLIMITED;

    virTypedParamsAddULLong(&params, &n, &max, VIR_DOMAIN_SCHEDULER_CPU_SHARES,
                            (unsigned long long)CLAMP(r->cpu.shares.value, 2, 262144));
    rc = virDomainSetSchedulerParametersFlags(guest->domain, params, n, flags);
    virTypedParamsFree(params, n);
    if (rc < 0)
        return libvirt_failed(error, "setting the CPU shares", guest);

    params = NULL;
    n = max = 0;
    virTypedParamsAddULLong(
        &params, &n, &max, VIR_DOMAIN_MEMORY_HARD_LIMIT,
        r->memory.limit_bytes < 0 ? unlimited : (unsigned long long)r->memory.limit_bytes / 1024);
    virTypedParamsAddULLong(&params, &n, &max, VIR_DOMAIN_MEMORY_SOFT_LIMIT,
                            r->memory.reservation_bytes <= 0
                                ? unlimited
                                : (unsigned long long)r->memory.reservation_bytes / 1024);
    rc = virDomainSetMemoryParameters(guest->domain, params, n, flags);
    virTypedParamsFree(params, n);
    if (rc < 0)
        return libvirt_failed(error, "setting the memory limits", guest);
    if (CORRAL_HAS(r, CORRAL_RESOURCES_FIELD_DISK) && !set_guest_disk_weight(guest, r, error))
        return FALSE;
    if (CORRAL_HAS(r, CORRAL_RESOURCES_FIELD_NETWORK) && corrald_net_shaping_supported(NULL))
        return set_guest_bandwidth(guest, r, error);
    return TRUE;
}

static gboolean
ensure_partitions(CorraldPoolManager *m, const CorraldPoolTree *tree, GError **error)
{
    const GPtrArray *pools = corrald_pool_tree_pools(tree);

    if (pools->len > 1 && m->cgroup == NULL) {
        g_set_error_literal(error, CORRALD_ERROR, CORRALD_ERROR_UNAVAILABLE,
                            "resource pools need cgroups, and this host has no cgroup hierarchy "
                            "with the cpu and memory controllers");
        return FALSE;
    }
    for (guint i = 1; i < pools->len; i++) {
        g_autofree char *partition = corrald_pool_tree_partition(tree, pools->pdata[i]);

        if (!corrald_cgroup_ensure_partition(m->cgroup, partition, error))
            return FALSE;
    }
    return TRUE;
}

/* Puts each guest in its pool's partition (in its persistent XML); the
 * caller made sure none of them that must move is running. */
static gboolean
place_guests(CorraldPoolManager *m, const CorraldPoolTree *tree, GPtrArray *guests, GError **error)
{
    for (guint g = 0; g < guests->len; g++) {
        const Guest *guest = guests->pdata[g];
        const CorraldVmEntry *entry = corrald_pool_tree_vm(tree, guest->id);
        g_autofree char *want =
            corrald_pool_tree_partition(tree, corrald_pool_tree_get(tree, entry->pool));
        g_autofree char *xml = virDomainGetXMLDesc(guest->domain, DOMAIN_XML_FOR_EDIT);
        g_autofree char *have = xml != NULL ? corrald_domain_xml_partition(xml) : NULL;
        g_autofree char *edited = NULL;
        virDomainPtr defined;

        if (xml == NULL)
            return libvirt_failed(error, "reading the settings", guest);
        if (g_strcmp0(have != NULL ? have : "/machine", want) == 0)
            continue;
        edited = corrald_domain_xml_set_partition(xml, want, error);
        if (edited == NULL)
            return FALSE;
        defined = virDomainDefineXML(m->conn, edited);
        if (defined == NULL)
            return libvirt_failed(error, "moving the cgroup partition", guest);
        virDomainFree(defined);
    }
    return TRUE;
}

/* The guests that would change partition while running: refused. */
static gboolean
check_moves(const CorraldPoolTree *tree, GPtrArray *guests, GError **error)
{
    for (guint g = 0; g < guests->len; g++) {
        const Guest *guest = guests->pdata[g];
        const CorraldVmEntry *entry = corrald_pool_tree_vm(tree, guest->id);
        g_autofree char *want =
            corrald_pool_tree_partition(tree, corrald_pool_tree_get(tree, entry->pool));
        g_autofree char *xml = virDomainGetXMLDesc(guest->domain, 0);
        g_autofree char *have = xml != NULL ? corrald_domain_xml_partition(xml) : NULL;

        if (g_strcmp0(have != NULL ? have : "/machine", want) == 0)
            continue;
        if (guest->active || guest->saved) {
            g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_INVALID_STATE,
                        "vm %s is %s: a guest keeps its pool's cgroup while it runs; shut it "
                        "down, then move it",
                        guest->name, guest->active ? "running" : "suspended");
            return FALSE;
        }
    }
    return TRUE;
}

typedef struct {
    char *partition;    /* pools */
    const Guest *guest; /* guests */
    gint64 quota;       /* the target, clamped to the pools above */
} QuotaNode;

static void
quota_node_clear(gpointer data)
{
    g_free(((QuotaNode *)data)->partition);
}

/* CPU quotas, clamped to every pool above (v1 refuses a group's quota above
 * its parent's): first lowered from the leaves up, then set from the root
 * down, so no step ever passes a parent. */
static gboolean
apply_quotas(CorraldPoolManager *m, CorraldPoolTree *tree, GPtrArray *guests, GError **error)
{
    const GPtrArray *pools = corrald_pool_tree_pools(tree);
    g_autoptr(GArray) nodes = g_array_new(FALSE, TRUE, sizeof(QuotaNode));
    g_autoptr(GHashTable) indices = pool_indices(tree);

    g_array_set_clear_func(nodes, quota_node_clear);
    for (guint i = 0; i < pools->len; i++) {
        const CorraldPoolNode *pool = pools->pdata[i];
        QuotaNode node = {0};

        node.partition = corrald_pool_tree_partition(tree, pool);
        node.quota = quota_of(m, pool->resources.cpu.limit_mhz);
        if (i > 0) {
            guint p =
                GPOINTER_TO_UINT(g_hash_table_lookup(indices, GUINT_TO_POINTER(pool->parent)));
            node.quota = quota_min(node.quota, g_array_index(nodes, QuotaNode, p).quota);
        } else {
            node.quota = -1;
        }
        g_array_append_val(nodes, node);
    }
    for (guint g = 0; g < guests->len; g++) {
        const Guest *guest = guests->pdata[g];
        CorraldVmEntry *entry = corrald_pool_tree_vm(tree, guest->id);
        guint p = GPOINTER_TO_UINT(g_hash_table_lookup(indices, GUINT_TO_POINTER(entry->pool)));
        QuotaNode node = {0};

        node.guest = guest;
        node.quota = quota_min(quota_of(m, entry->resources.cpu.limit_mhz),
                               g_array_index(nodes, QuotaNode, p).quota);
        g_array_append_val(nodes, node);
    }

    /* Lower, leaves first (the root pool, index 0, is libvirt's /machine:
     * never touched). */
    for (guint k = nodes->len; k-- > 1;) {
        QuotaNode *node = &g_array_index(nodes, QuotaNode, k);
        gint64 current = -1;

        if (node->quota < 0)
            continue;
        if (node->guest != NULL) {
            if (!node->guest->active)
                continue;
            current = guest_live_quota(node->guest);
            if ((current < 0 || node->quota < current) &&
                !set_guest_quota(node->guest, node->quota, VIR_DOMAIN_AFFECT_LIVE, error))
                return FALSE;
        } else {
            if (!corrald_cgroup_get(m->cgroup, node->partition, CORRALD_KNOB_CPU_QUOTA, &current,
                                    error))
                return FALSE;
            if ((current < 0 || node->quota < current) &&
                !corrald_cgroup_set(m->cgroup, node->partition, CORRALD_KNOB_CPU_QUOTA, node->quota,
                                    error))
                return FALSE;
        }
    }
    /* Set, root first. */
    for (guint k = 1; k < nodes->len; k++) {
        QuotaNode *node = &g_array_index(nodes, QuotaNode, k);

        if (node->guest != NULL) {
            if (!set_guest_quota(node->guest, node->quota, affect_flags(node->guest), error))
                return FALSE;
        } else if (!corrald_cgroup_set(m->cgroup, node->partition, CORRALD_KNOB_CPU_QUOTA,
                                       node->quota, error)) {
            return FALSE;
        }
    }
    return TRUE;
}

static gboolean
apply_pool_knobs(CorraldPoolManager *m, const CorraldPoolTree *tree, GError **error)
{
    const GPtrArray *pools = corrald_pool_tree_pools(tree);

    for (guint i = 1; i < pools->len; i++) {
        const CorraldPoolNode *pool = pools->pdata[i];
        const CorralResources *r = &pool->resources;
        g_autofree char *partition = corrald_pool_tree_partition(tree, pool);

        if (!corrald_cgroup_set(m->cgroup, partition, CORRALD_KNOB_CPU_WEIGHT,
                                share_value(&r->cpu.shares, TRUE, TRUE, 0, 0), error) ||
            !corrald_cgroup_set(m->cgroup, partition, CORRALD_KNOB_MEMORY_LIMIT,
                                r->memory.limit_bytes, error) ||
            !corrald_cgroup_set(m->cgroup, partition, CORRALD_KNOB_MEMORY_RESERVATION,
                                r->memory.reservation_bytes, error))
            return FALSE;
    }
    return TRUE;
}

/* Removes the partitions of @old's pools that @next no longer has, deepest
 * first. */
static gboolean
remove_partitions(CorraldPoolManager *m, const CorraldPoolTree *old, const CorraldPoolTree *next,
                  GError **error)
{
    const GPtrArray *old_pools = corrald_pool_tree_pools(old);
    const GPtrArray *next_pools = corrald_pool_tree_pools(next);
    g_autoptr(GHashTable) keep = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);

    for (guint i = 1; i < next_pools->len; i++)
        g_hash_table_add(keep, corrald_pool_tree_partition(next, next_pools->pdata[i]));
    for (guint i = old_pools->len; i-- > 1;) {
        g_autofree char *partition = corrald_pool_tree_partition(old, old_pools->pdata[i]);

        if (!g_hash_table_contains(keep, partition) &&
            !corrald_cgroup_remove_partition(m->cgroup, partition, error))
            return FALSE;
    }
    return TRUE;
}

/* Enforces @tree for @guests. */
static gboolean
apply(CorraldPoolManager *m, CorraldPoolTree *tree, GPtrArray *guests, GError **error)
{
    if (!ensure_partitions(m, tree, error) || !place_guests(m, tree, guests, error))
        return FALSE;
    if (m->cgroup != NULL && !apply_pool_knobs(m, tree, error))
        return FALSE;
    for (guint g = 0; g < guests->len; g++) {
        const Guest *guest = guests->pdata[g];
        CorralResources r = corrald_pool_tree_vm(tree, guest->id)->resources;

        /* The values go to the kernel; the tree keeps the levels. */
        fill_share_values(&r, FALSE, guest->vcpus, guest->memory_mib);
        if (!set_guest_knobs(guest, &r, error))
            return FALSE;
    }
    return m->cgroup == NULL || corrald_pool_tree_pools(tree)->len == 1
               ? TRUE
               : apply_quotas(m, tree, guests, error);
}

/* A copy of the tree to change, without the guests libvirt no longer has
 * (deleted ones leave their entries behind). */
static CorraldPoolTree *
copy_tree(CorraldPoolManager *m)
{
    CorraldPoolTree *next = corrald_pool_tree_copy(m->tree);
    g_autoptr(GPtrArray) ids = corrald_inventory_list_ids(m->conn, NULL);
    g_autoptr(GHashTable) known = g_hash_table_new(g_str_hash, g_str_equal);

    for (guint i = 0; ids != NULL && i < ids->len; i++)
        g_hash_table_add(known, ids->pdata[i]);
    if (ids != NULL)
        corrald_pool_tree_prune(next, known);
    return next;
}

/* Checks, enforces and saves @next, then makes it the tree; takes @next
 * over. Runs with the lock held. */
static gboolean
commit(CorraldPoolManager *m, CorraldPoolTree *next_tree, GError **error)
{
    g_autoptr(CorraldPoolTree) next = next_tree;
    g_autoptr(GPtrArray) guests = tree_guests(m, next);
    g_autoptr(GError) local = NULL;

    if (!check_admission(m, next, guests, NULL, error) || !check_moves(next, guests, error))
        return FALSE;
    if (!apply(m, next, guests, &local) ||
        (m->cgroup != NULL && !remove_partitions(m, m->tree, next, &local)) ||
        !corrald_pool_tree_save(next, m->path, &local)) {
        g_autoptr(GPtrArray) old_guests = tree_guests(m, m->tree);
        g_autoptr(GError) undo = NULL;

        if (!apply(m, m->tree, old_guests, &undo))
            g_warning("pools: putting the old settings back: %s", undo->message);
        g_propagate_error(error, g_steal_pointer(&local));
        return FALSE;
    }
    corrald_pool_tree_free(m->tree);
    m->tree = g_steal_pointer(&next);
    return TRUE;
}

/* Life cycle */

CorraldPoolManager *
corrald_pool_manager_new(virConnectPtr conn, const char *state_dir, GError **error)
{
    CorraldPoolManager *m = g_new0(CorraldPoolManager, 1);
    virNodeInfo info;
    g_autoptr(GError) local = NULL;
    g_autoptr(GPtrArray) ids = NULL;
    g_autoptr(GHashTable) known = g_hash_table_new(g_str_hash, g_str_equal);
    g_autoptr(GPtrArray) guests = NULL;

    m->conn = conn;
    virConnectRef(conn);
    g_mutex_init(&m->lock);
    m->path = g_build_filename(state_dir, POOLS_FILE, NULL);
    m->tree = corrald_pool_tree_load(m->path, error);
    if (m->tree == NULL) {
        corrald_pool_manager_free(m);
        return NULL;
    }
    if (virNodeGetInfo(conn, &info) == 0) {
        m->cpu_mhz = info.mhz;
        m->capacity_mhz = (gint64)info.cpus * info.mhz;
        m->capacity_bytes = (gint64)info.memory * 1024;
    }
    m->cgroup = corrald_cgroup_detect(NULL, &local);
    if (m->cgroup == NULL)
        g_message("pools: %s; only the root pool is available", local->message);
    else
        g_info("pools: cgroup %s", corrald_cgroup_version_name(m->cgroup));

    /* Guests that are gone lose their entries; the rest get their settings
     * back. */
    ids = corrald_inventory_list_ids(conn, NULL);
    for (guint i = 0; ids != NULL && i < ids->len; i++)
        g_hash_table_add(known, ids->pdata[i]);
    if (ids != NULL)
        corrald_pool_tree_prune(m->tree, known);
    guests = tree_guests(m, m->tree);
    g_clear_error(&local);
    if (!apply(m, m->tree, guests, &local))
        g_warning("pools: applying the saved pools: %s", local->message);
    return m;
}

void
corrald_pool_manager_free(CorraldPoolManager *m)
{
    if (m == NULL)
        return;
    corrald_pool_tree_free(m->tree);
    corrald_cgroup_free(m->cgroup);
    if (m->conn != NULL)
        virConnectClose(m->conn);
    g_mutex_clear(&m->lock);
    g_free(m->path);
    g_free(m);
}

/* Reading */

static CorralPool *
pool_to_api(CorraldPoolManager *m, const CorraldPoolNode *node, GPtrArray *all_ids)
{
    const CorraldPoolTree *tree = m->tree;
    CorralPool *pool = g_new0(CorralPool, 1);
    g_autoptr(GPtrArray) children = corrald_pool_tree_children(tree, node);

    pool->present = ~G_GUINT64_CONSTANT(0);
    pool->path = corrald_pool_tree_path(tree, node);
    pool->name = g_strdup(node->name);
    if (node->id != CORRALD_POOL_ROOT)
        pool->parent = corrald_pool_tree_path(tree, corrald_pool_tree_get(tree, node->parent));
    pool->resources = node->resources;
    fill_share_values(&pool->resources, TRUE, 0, 0);
    if (node->id == CORRALD_POOL_ROOT) {
        pool->resources.cpu.reservation_mhz = m->capacity_mhz;
        pool->resources.cpu.limit_mhz = m->capacity_mhz;
        pool->resources.memory.reservation_bytes = m->capacity_bytes;
        pool->resources.memory.limit_bytes = m->capacity_bytes;
    }
    pool->children = g_ptr_array_new_with_free_func(g_free);
    for (guint i = 0; i < children->len; i++)
        g_ptr_array_add(pool->children, corrald_pool_tree_path(tree, children->pdata[i]));
    if (node->id != CORRALD_POOL_ROOT) {
        g_autoptr(GPtrArray) placed = corrald_pool_tree_vms_in(tree, node);

        /* Only guests libvirt still has. */
        pool->vms = g_ptr_array_new_with_free_func(g_free);
        for (guint i = 0; i < placed->len; i++)
            if (all_ids == NULL ||
                g_ptr_array_find_with_equal_func(all_ids, placed->pdata[i], g_str_equal, NULL))
                g_ptr_array_add(pool->vms, g_strdup(placed->pdata[i]));
    } else {
        /* The root holds every guest no other pool does. */
        pool->vms = g_ptr_array_new_with_free_func(g_free);
        for (guint i = 0; all_ids != NULL && i < all_ids->len; i++) {
            const CorraldVmEntry *entry = corrald_pool_tree_vm(tree, all_ids->pdata[i]);
            if (entry == NULL || entry->pool == CORRALD_POOL_ROOT)
                g_ptr_array_add(pool->vms, g_strdup(all_ids->pdata[i]));
        }
    }
    pool->usage.present = ~G_GUINT64_CONSTANT(0);
    return pool;
}

GPtrArray *
corrald_pool_manager_list(CorraldPoolManager *m)
{
    GPtrArray *result = g_ptr_array_new_with_free_func((GDestroyNotify)corral_pool_free);
    g_autoptr(GPtrArray) ids = corrald_inventory_list_ids(m->conn, NULL);
    const GPtrArray *pools;

    g_mutex_lock(&m->lock);
    pools = corrald_pool_tree_pools(m->tree);
    for (guint i = 0; i < pools->len; i++)
        g_ptr_array_add(result, pool_to_api(m, pools->pdata[i], ids));
    g_mutex_unlock(&m->lock);
    return result;
}

CorralPool *
corrald_pool_manager_get(CorraldPoolManager *m, const char *path, GError **error)
{
    g_autoptr(GPtrArray) ids = corrald_inventory_list_ids(m->conn, NULL);
    CorraldPoolNode *node;
    CorralPool *pool = NULL;

    g_mutex_lock(&m->lock);
    node = corrald_pool_tree_find(m->tree, path, error);
    if (node != NULL)
        pool = pool_to_api(m, node, ids);
    g_mutex_unlock(&m->lock);
    return pool;
}

void
corrald_pool_manager_fill_vm(CorraldPoolManager *m, CorralVm *vm)
{
    const CorraldVmEntry *entry;

    g_mutex_lock(&m->lock);
    entry = corrald_pool_tree_vm(m->tree, vm->id);
    g_free(vm->pool);
    if (entry != NULL) {
        vm->pool = corrald_pool_tree_path(m->tree, corrald_pool_tree_get(m->tree, entry->pool));
        vm->resources = entry->resources;
    } else {
        vm->pool = g_strdup("/");
        corrald_pool_tree_default_resources(&vm->resources);
        vm->resources.present &= ~(G_GUINT64_CONSTANT(1) << CORRAL_RESOURCES_FIELD_EXPANDABLE);
        vm->resources.expandable = FALSE;
    }
    g_mutex_unlock(&m->lock);
    fill_share_values(&vm->resources, FALSE, vm->vcpus, vm->memory_bytes / MIB);
    /* Network rates show, with whether the host can shape at all. */
    if (!CORRAL_HAS(&vm->resources, CORRAL_RESOURCES_FIELD_NETWORK)) {
        vm->resources.network.in_average_kib_s = CORRAL_UNLIMITED;
        vm->resources.network.out_average_kib_s = CORRAL_UNLIMITED;
        CORRAL_SET_PRESENT(&vm->resources, CORRAL_RESOURCES_FIELD_NETWORK);
    }
    vm->resources.network.supported = corrald_net_shaping_supported(NULL);
    vm->resources.network.present = ~G_GUINT64_CONSTANT(0);
    if (vm->state == CORRAL_VM_STATE_RUNNING || vm->state == CORRAL_VM_STATE_PAUSED) {
        virDomainPtr domain = virDomainLookupByUUIDString(m->conn, vm->id);
        virDomainInfo info;

        if (domain != NULL && virDomainGetInfo(domain, &info) == 0) {
            vm->resources.memory.balloon_bytes = (gint64)info.memory * 1024;
            CORRAL_SET_PRESENT(&vm->resources.memory, CORRAL_MEMORY_ALLOCATION_FIELD_BALLOON_BYTES);
        }
        if (domain != NULL)
            virDomainFree(domain);
    }
}

char *
corrald_pool_manager_pool_of(CorraldPoolManager *m, const char *vm_id)
{
    const CorraldVmEntry *entry;
    char *path;

    g_mutex_lock(&m->lock);
    entry = corrald_pool_tree_vm(m->tree, vm_id);
    path = entry == NULL
               ? g_strdup("/")
               : corrald_pool_tree_path(m->tree, corrald_pool_tree_get(m->tree, entry->pool));
    g_mutex_unlock(&m->lock);
    return path;
}

char *
corrald_pool_manager_partition(CorraldPoolManager *m, const char *path)
{
    CorraldPoolNode *node;
    char *partition = NULL;

    g_mutex_lock(&m->lock);
    node = corrald_pool_tree_find(m->tree, path, NULL);
    if (node != NULL)
        partition = corrald_pool_tree_partition(m->tree, node);
    g_mutex_unlock(&m->lock);
    return partition;
}

/* Changes */

char *
corrald_pool_manager_create(CorraldPoolManager *m, const CorralPoolSpec *spec, GError **error)
{
    g_autoptr(CorraldPoolTree) next = NULL;
    CorraldPoolNode *parent, *pool;
    CorralResources resources;
    char *path = NULL;

    corrald_pool_tree_default_resources(&resources);
    if (CORRAL_HAS(spec, CORRAL_POOL_SPEC_FIELD_RESOURCES))
        corrald_resources_merge(&resources, &spec->resources);
    if (!check_pool_resources(&resources, error))
        return NULL;
    g_mutex_lock(&m->lock);
    next = copy_tree(m);
    parent = corrald_pool_tree_find(next, spec->parent, error);
    pool =
        parent != NULL ? corrald_pool_tree_add(next, parent, spec->name, &resources, error) : NULL;
    if (pool != NULL)
        path = corrald_pool_tree_path(next, pool);
    if (path != NULL && !commit(m, g_steal_pointer(&next), error))
        g_clear_pointer(&path, g_free);
    g_mutex_unlock(&m->lock);
    return path;
}

char *
corrald_pool_manager_edit(CorraldPoolManager *m, const char *path, const CorralPoolSpec *patch,
                          GError **error)
{
    g_autoptr(CorraldPoolTree) next = NULL;
    CorraldPoolNode *pool, *parent = NULL;
    char *new_path = NULL;
    gboolean ok;

    g_mutex_lock(&m->lock);
    next = copy_tree(m);
    pool = corrald_pool_tree_find(next, path, error);
    ok = pool != NULL;
    if (ok && pool->id == CORRALD_POOL_ROOT) {
        g_set_error_literal(error, CORRALD_ERROR, CORRALD_ERROR_INVALID,
                            "pool /: the root pool is the host's capacity; it cannot be edited");
        ok = FALSE;
    }
    if (ok && CORRAL_HAS(patch, CORRAL_POOL_SPEC_FIELD_PARENT))
        ok = (parent = corrald_pool_tree_find(next, patch->parent, error)) != NULL;
    if (ok && (CORRAL_HAS(patch, CORRAL_POOL_SPEC_FIELD_NAME) || parent != NULL))
        ok = corrald_pool_tree_rename(
            next, pool, CORRAL_HAS(patch, CORRAL_POOL_SPEC_FIELD_NAME) ? patch->name : NULL, parent,
            error);
    if (ok && CORRAL_HAS(patch, CORRAL_POOL_SPEC_FIELD_RESOURCES)) {
        corrald_resources_merge(&pool->resources, &patch->resources);
        ok = check_pool_resources(&pool->resources, error);
    }
    if (ok)
        new_path = corrald_pool_tree_path(next, pool);
    if (ok && !commit(m, g_steal_pointer(&next), error))
        g_clear_pointer(&new_path, g_free);
    g_mutex_unlock(&m->lock);
    return new_path;
}

gboolean
corrald_pool_manager_delete(CorraldPoolManager *m, const char *path, gboolean move, GError **error)
{
    g_autoptr(CorraldPoolTree) next = NULL;
    CorraldPoolNode *pool;
    gboolean ok;

    g_mutex_lock(&m->lock);
    next = copy_tree(m);
    pool = corrald_pool_tree_find(next, path, error);
    ok = pool != NULL && corrald_pool_tree_remove(next, pool, move, error) &&
         commit(m, g_steal_pointer(&next), error);
    g_mutex_unlock(&m->lock);
    return ok;
}

static char *
domain_uuid(virDomainPtr domain)
{
    char uuid[VIR_UUID_STRING_BUFLEN] = "";

    virDomainGetUUIDString(domain, uuid);
    return g_strdup(uuid);
}

gboolean
corrald_pool_manager_move_vm(CorraldPoolManager *m, virDomainPtr domain, const char *path,
                             GError **error)
{
    g_autoptr(CorraldPoolTree) next = NULL;
    g_autofree char *id = domain_uuid(domain);
    CorraldPoolNode *pool;
    gboolean ok;

    g_mutex_lock(&m->lock);
    next = copy_tree(m);
    pool = corrald_pool_tree_find(next, path, error);
    ok = pool != NULL;
    if (ok)
        corrald_pool_tree_vm_ensure(next, id)->pool = pool->id;
    ok = ok && commit(m, g_steal_pointer(&next), error);
    g_mutex_unlock(&m->lock);
    return ok;
}

gboolean
corrald_pool_manager_set_vm_resources(CorraldPoolManager *m, virDomainPtr domain,
                                      const CorralResources *patch, GError **error)
{
    g_autoptr(CorraldPoolTree) next = NULL;
    g_autofree char *id = domain_uuid(domain);
    CorraldVmEntry *entry;
    gboolean ok;

    gboolean balloon = CORRAL_HAS(patch, CORRAL_RESOURCES_FIELD_MEMORY) &&
                       CORRAL_HAS(&patch->memory, CORRAL_MEMORY_ALLOCATION_FIELD_BALLOON_BYTES);

    if (!check_vm_patch(patch, error))
        return FALSE;
    if (balloon && virDomainIsActive(domain) != 1) {
        g_set_error_literal(error, CORRALD_ERROR, CORRALD_ERROR_INVALID_STATE,
                            "resources.memory.balloon_bytes: the balloon works while the guest "
                            "runs (memory_bytes in PATCH /vms/{id} sets its memory)");
        return FALSE;
    }
    g_mutex_lock(&m->lock);
    next = copy_tree(m);
    entry = corrald_pool_tree_vm_ensure(next, id);
    corrald_resources_merge(&entry->resources, patch);
    ok = check_resources(&entry->resources, error) && commit(m, g_steal_pointer(&next), error);
    g_mutex_unlock(&m->lock);
    /* The balloon is a live setting: applied, not kept. */
    if (ok && balloon &&
        virDomainSetMemoryFlags(domain, (unsigned long)(patch->memory.balloon_bytes / 1024),
                                VIR_DOMAIN_AFFECT_LIVE) < 0) {
        corrald_error_from_libvirt(error, "setting the memory balloon");
        return FALSE;
    }
    return ok;
}

gboolean
corrald_pool_manager_check_new_vm(CorraldPoolManager *m, const char *path,
                                  const CorralResources *resources, GError **error)
{
    CorralResources merged;
    gboolean ok;

    corrald_pool_tree_default_resources(&merged);
    if (resources != NULL)
        corrald_resources_merge(&merged, resources);
    if (!check_vm_patch(resources, error) || !check_resources(&merged, error))
        return FALSE;
    g_mutex_lock(&m->lock);
    ok = path == NULL || corrald_pool_tree_find(m->tree, path, error) != NULL;
    g_mutex_unlock(&m->lock);
    return ok;
}

gboolean
corrald_pool_manager_adopt_vm(CorraldPoolManager *m, virDomainPtr domain, const char *path,
                              const CorralResources *resources, GError **error)
{
    g_autoptr(CorraldPoolTree) next = NULL;
    g_autofree char *id = domain_uuid(domain);
    CorraldPoolNode *pool;
    CorraldVmEntry *entry;
    gboolean ok;

    if ((path == NULL || g_str_equal(path, "/")) && resources == NULL)
        return TRUE;
    if (!check_vm_patch(resources, error))
        return FALSE;
    g_mutex_lock(&m->lock);
    next = copy_tree(m);
    pool = corrald_pool_tree_find(next, path != NULL ? path : "/", error);
    ok = pool != NULL;
    if (ok) {
        entry = corrald_pool_tree_vm_ensure(next, id);
        entry->pool = pool->id;
        if (resources != NULL)
            corrald_resources_merge(&entry->resources, resources);
        ok = check_resources(&entry->resources, error) && commit(m, g_steal_pointer(&next), error);
    }
    g_mutex_unlock(&m->lock);
    return ok;
}

gboolean
corrald_pool_manager_power_on(CorraldPoolManager *m, virDomainPtr domain, CorralPowerAction action,
                              GError **error)
{
    g_autofree char *id = domain_uuid(domain);
    g_autoptr(GPtrArray) guests = NULL;
    gboolean ok = TRUE;

    g_mutex_lock(&m->lock);
    /* A guest that runs already (paused) has been admitted. */
    if (virDomainIsActive(domain) != 1 && corrald_pool_tree_vm(m->tree, id) != NULL) {
        guests = tree_guests(m, m->tree);
        ok = check_admission(m, m->tree, guests, id, error);
        /* libvirt removes partitions on some failed starts: make them
         * again, with their knobs. */
        if (ok && m->cgroup != NULL)
            ok = ensure_partitions(m, m->tree, error) && apply_pool_knobs(m, m->tree, error) &&
                 place_guests(m, m->tree, guests, error) && apply_quotas(m, m->tree, guests, error);
    }
    ok = ok && corrald_inventory_power(domain, action, error);
    g_mutex_unlock(&m->lock);
    return ok;
}
