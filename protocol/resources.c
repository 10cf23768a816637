/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The field tables of resource allocations and usage figures.
 */
#include "protocol/resources.h"

#define SHARES_VALUE_MAX 262144

CORRAL_DEFINE_ENUM(CorralSharesLevel, corral_shares_level, CORRAL_SHARES_LEVEL_VALUES)

static gboolean
shares_check(const void *object, const char *path, GError **error)
{
    const CorralShares *shares = object;

    if (shares->level == CORRAL_SHARES_LEVEL_CUSTOM &&
        !CORRAL_HAS(shares, CORRAL_SHARES_FIELD_VALUE)) {
        g_set_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_INVALID,
                    "%s.value: missing (the custom level needs a value)", path);
        return FALSE;
    }
    return TRUE;
}

static const CorralField shares_fields[] = {
    [CORRAL_SHARES_FIELD_LEVEL] =
        CORRAL_ENUM("level", CorralShares, level, CORRAL_FIELD_REQUIRED, &corral_shares_level_enum),
    [CORRAL_SHARES_FIELD_VALUE] =
        CORRAL_INT("value", CorralShares, value, CORRAL_FIELD_OPTIONAL, 1, SHARES_VALUE_MAX),
};
CORRAL_DEFINE_OBJECT(CorralShares, corral_shares, "shares", shares_fields, CORRAL_SHARES_FIELD_LAST,
                     shares_check)

static const CorralField cpu_allocation_fields[] = {
    [CORRAL_CPU_ALLOCATION_FIELD_SHARES] = CORRAL_OBJECT(
        "shares", CorralCpuAllocation, shares, CORRAL_FIELD_REQUIRED, &corral_shares_type),
    [CORRAL_CPU_ALLOCATION_FIELD_RESERVATION_MHZ] =
        CORRAL_INT("reservation_mhz", CorralCpuAllocation, reservation_mhz, CORRAL_FIELD_REQUIRED,
                   0, G_MAXINT32),
    [CORRAL_CPU_ALLOCATION_FIELD_LIMIT_MHZ] =
        CORRAL_INT("limit_mhz", CorralCpuAllocation, limit_mhz, CORRAL_FIELD_REQUIRED,
                   CORRAL_UNLIMITED, G_MAXINT32),
};
CORRAL_DEFINE_OBJECT(CorralCpuAllocation, corral_cpu_allocation, "cpu", cpu_allocation_fields,
                     CORRAL_CPU_ALLOCATION_FIELD_LAST, NULL)

static const CorralField memory_allocation_fields[] = {
    [CORRAL_MEMORY_ALLOCATION_FIELD_SHARES] = CORRAL_OBJECT(
        "shares", CorralMemoryAllocation, shares, CORRAL_FIELD_REQUIRED, &corral_shares_type),
    [CORRAL_MEMORY_ALLOCATION_FIELD_RESERVATION_BYTES] =
        CORRAL_INT("reservation_bytes", CorralMemoryAllocation, reservation_bytes,
                   CORRAL_FIELD_REQUIRED, 0, G_MAXINT64),
    [CORRAL_MEMORY_ALLOCATION_FIELD_LIMIT_BYTES] =
        CORRAL_INT("limit_bytes", CorralMemoryAllocation, limit_bytes, CORRAL_FIELD_REQUIRED,
                   CORRAL_UNLIMITED, G_MAXINT64),
    [CORRAL_MEMORY_ALLOCATION_FIELD_BALLOON_BYTES] =
        CORRAL_INT("balloon_bytes", CorralMemoryAllocation, balloon_bytes, CORRAL_FIELD_OPTIONAL, 0,
                   G_MAXINT64),
};
CORRAL_DEFINE_OBJECT(CorralMemoryAllocation, corral_memory_allocation, "memory",
                     memory_allocation_fields, CORRAL_MEMORY_ALLOCATION_FIELD_LAST, NULL)

static const CorralField disk_allocation_fields[] = {
    [CORRAL_DISK_ALLOCATION_FIELD_SHARES] = CORRAL_OBJECT(
        "shares", CorralDiskAllocation, shares, CORRAL_FIELD_REQUIRED, &corral_shares_type),
};
CORRAL_DEFINE_OBJECT(CorralDiskAllocation, corral_disk_allocation, "disk", disk_allocation_fields,
                     CORRAL_DISK_ALLOCATION_FIELD_LAST, NULL)

static const CorralField network_allocation_fields[] = {
    [CORRAL_NETWORK_ALLOCATION_FIELD_IN_AVERAGE_KIB_S] =
        CORRAL_INT("in_average_kib_s", CorralNetworkAllocation, in_average_kib_s,
                   CORRAL_FIELD_REQUIRED, CORRAL_UNLIMITED, G_MAXINT32),
    [CORRAL_NETWORK_ALLOCATION_FIELD_OUT_AVERAGE_KIB_S] =
        CORRAL_INT("out_average_kib_s", CorralNetworkAllocation, out_average_kib_s,
                   CORRAL_FIELD_REQUIRED, CORRAL_UNLIMITED, G_MAXINT32),
    [CORRAL_NETWORK_ALLOCATION_FIELD_SUPPORTED] =
        CORRAL_BOOL("supported", CorralNetworkAllocation, supported, CORRAL_FIELD_OPTIONAL),
};
CORRAL_DEFINE_OBJECT(CorralNetworkAllocation, corral_network_allocation, "network",
                     network_allocation_fields, CORRAL_NETWORK_ALLOCATION_FIELD_LAST, NULL)

static const CorralField resources_fields[] = {
    [CORRAL_RESOURCES_FIELD_CPU] = CORRAL_OBJECT("cpu", CorralResources, cpu, CORRAL_FIELD_REQUIRED,
                                                 &corral_cpu_allocation_type),
    [CORRAL_RESOURCES_FIELD_MEMORY] = CORRAL_OBJECT(
        "memory", CorralResources, memory, CORRAL_FIELD_REQUIRED, &corral_memory_allocation_type),
    [CORRAL_RESOURCES_FIELD_EXPANDABLE] =
        CORRAL_BOOL("expandable", CorralResources, expandable, CORRAL_FIELD_OPTIONAL),
    [CORRAL_RESOURCES_FIELD_DISK] = CORRAL_OBJECT(
        "disk", CorralResources, disk, CORRAL_FIELD_OPTIONAL, &corral_disk_allocation_type),
    [CORRAL_RESOURCES_FIELD_NETWORK] =
        CORRAL_OBJECT("network", CorralResources, network, CORRAL_FIELD_OPTIONAL,
                      &corral_network_allocation_type),
};
CORRAL_DEFINE_OBJECT(CorralResources, corral_resources, "resources", resources_fields,
                     CORRAL_RESOURCES_FIELD_LAST, NULL)

static const CorralField usage_fields[] = {
    [CORRAL_USAGE_FIELD_CPU_PCT] =
        CORRAL_DOUBLE("cpu_pct", CorralUsage, cpu_pct, CORRAL_FIELD_REQUIRED, 0.0, 100.0),
    [CORRAL_USAGE_FIELD_MEMORY_USED_BYTES] = CORRAL_INT(
        "memory_used_bytes", CorralUsage, memory_used_bytes, CORRAL_FIELD_REQUIRED, 0, G_MAXINT64),
};
CORRAL_DEFINE_OBJECT(CorralUsage, corral_usage, "usage", usage_fields, CORRAL_USAGE_FIELD_LAST,
                     NULL)
