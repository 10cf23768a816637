/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Resource allocation of guests and pools (shares, reservations, limits)
 * and the usage figures that hosts, guests and pools report. A limit of -1
 * means unlimited; share levels follow the 1:2:4 ratio of low:normal:high.
 */
#pragma once

#include "protocol/codec.h"

G_BEGIN_DECLS

#define CORRAL_UNLIMITED (-1)

#define CORRAL_SHARES_LEVEL_VALUES(X)                                                              \
    X(CORRAL_SHARES_LEVEL_LOW, "low")                                                              \
    X(CORRAL_SHARES_LEVEL_NORMAL, "normal")                                                        \
    X(CORRAL_SHARES_LEVEL_HIGH, "high")                                                            \
    X(CORRAL_SHARES_LEVEL_CUSTOM, "custom")

typedef enum {
    CORRAL_SHARES_LEVEL_VALUES(CORRAL_ENUM_MEMBER) CORRAL_SHARES_LEVEL_LAST
} CorralSharesLevel;
CORRAL_DECLARE_ENUM(CorralSharesLevel, corral_shares_level)

/* `value` is required with the custom level and optional otherwise. */
typedef enum {
    CORRAL_SHARES_FIELD_LEVEL,
    CORRAL_SHARES_FIELD_VALUE,
    CORRAL_SHARES_FIELD_LAST
} CorralSharesField;

typedef struct {
    guint64 present;
    CorralSharesLevel level;
    gint64 value;
} CorralShares;
CORRAL_DECLARE_OBJECT(CorralShares, corral_shares)

typedef enum {
    CORRAL_CPU_ALLOCATION_FIELD_SHARES,
    CORRAL_CPU_ALLOCATION_FIELD_RESERVATION_MHZ,
    CORRAL_CPU_ALLOCATION_FIELD_LIMIT_MHZ,
    CORRAL_CPU_ALLOCATION_FIELD_LAST
} CorralCpuAllocationField;

typedef struct {
    guint64 present;
    CorralShares shares;
    gint64 reservation_mhz;
    gint64 limit_mhz;
} CorralCpuAllocation;
CORRAL_DECLARE_OBJECT(CorralCpuAllocation, corral_cpu_allocation)

/* `balloon_bytes` is for running guests only: the memory the balloon
 * leaves the guest now (set live, not kept). */
typedef enum {
    CORRAL_MEMORY_ALLOCATION_FIELD_SHARES,
    CORRAL_MEMORY_ALLOCATION_FIELD_RESERVATION_BYTES,
    CORRAL_MEMORY_ALLOCATION_FIELD_LIMIT_BYTES,
    CORRAL_MEMORY_ALLOCATION_FIELD_BALLOON_BYTES,
    CORRAL_MEMORY_ALLOCATION_FIELD_LAST
} CorralMemoryAllocationField;

typedef struct {
    guint64 present;
    CorralShares shares;
    gint64 reservation_bytes;
    gint64 limit_bytes;
    gint64 balloon_bytes;
} CorralMemoryAllocation;
CORRAL_DECLARE_OBJECT(CorralMemoryAllocation, corral_memory_allocation)

/* Guests only: disk I/O weight, as shares (low/normal/high are the block
 * weights 250/500/1000). */
typedef enum {
    CORRAL_DISK_ALLOCATION_FIELD_SHARES,
    CORRAL_DISK_ALLOCATION_FIELD_LAST
} CorralDiskAllocationField;

typedef struct {
    guint64 present;
    CorralShares shares;
} CorralDiskAllocation;
CORRAL_DECLARE_OBJECT(CorralDiskAllocation, corral_disk_allocation)

/* Guests only: average network rates of each NIC in KiB/s, -1 for none.
 * `supported` is false where the host kernel cannot shape traffic; then
 * only -1 is accepted. */
typedef enum {
    CORRAL_NETWORK_ALLOCATION_FIELD_IN_AVERAGE_KIB_S,
    CORRAL_NETWORK_ALLOCATION_FIELD_OUT_AVERAGE_KIB_S,
    CORRAL_NETWORK_ALLOCATION_FIELD_SUPPORTED,
    CORRAL_NETWORK_ALLOCATION_FIELD_LAST
} CorralNetworkAllocationField;

typedef struct {
    guint64 present;
    gint64 in_average_kib_s;
    gint64 out_average_kib_s;
    gboolean supported;
} CorralNetworkAllocation;
CORRAL_DECLARE_OBJECT(CorralNetworkAllocation, corral_network_allocation)

/* `expandable` is for pools only; `disk` and `network` for guests only. */
typedef enum {
    CORRAL_RESOURCES_FIELD_CPU,
    CORRAL_RESOURCES_FIELD_MEMORY,
    CORRAL_RESOURCES_FIELD_EXPANDABLE,
    CORRAL_RESOURCES_FIELD_DISK,
    CORRAL_RESOURCES_FIELD_NETWORK,
    CORRAL_RESOURCES_FIELD_LAST
} CorralResourcesField;

typedef struct {
    guint64 present;
    CorralCpuAllocation cpu;
    CorralMemoryAllocation memory;
    gboolean expandable;
    CorralDiskAllocation disk;
    CorralNetworkAllocation network;
} CorralResources;
CORRAL_DECLARE_OBJECT(CorralResources, corral_resources)

typedef enum {
    CORRAL_USAGE_FIELD_CPU_PCT,
    CORRAL_USAGE_FIELD_MEMORY_USED_BYTES,
    CORRAL_USAGE_FIELD_LAST
} CorralUsageField;

typedef struct {
    guint64 present;
    double cpu_pct;
    gint64 memory_used_bytes;
} CorralUsage;
CORRAL_DECLARE_OBJECT(CorralUsage, corral_usage)

G_END_DECLS
