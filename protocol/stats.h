/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Usage samples of the host or of a guest, as GET /host/stats and
 * GET /vms/{id}/stats answer: one sample every `interval_s` seconds for the
 * last hour, oldest first. Rates are per second over the interval before the
 * sample's time; `cpu_pct` is 0–100 of all the object's CPUs.
 */
#pragma once

#include "protocol/codec.h"

G_BEGIN_DECLS

typedef enum {
    CORRAL_SAMPLE_FIELD_TIME,
    CORRAL_SAMPLE_FIELD_CPU_PCT,
    CORRAL_SAMPLE_FIELD_MEMORY_USED_BYTES,
    CORRAL_SAMPLE_FIELD_DISK_READ_BPS,
    CORRAL_SAMPLE_FIELD_DISK_WRITE_BPS,
    CORRAL_SAMPLE_FIELD_NET_RX_BPS,
    CORRAL_SAMPLE_FIELD_NET_TX_BPS,
    CORRAL_SAMPLE_FIELD_LAST
} CorralSampleField;

typedef struct {
    guint64 present;
    gint64 time;
    double cpu_pct;
    gint64 memory_used_bytes;
    gint64 disk_read_bps;
    gint64 disk_write_bps;
    gint64 net_rx_bps;
    gint64 net_tx_bps;
} CorralSample;
CORRAL_DECLARE_OBJECT(CorralSample, corral_sample)

typedef enum {
    CORRAL_STATS_FIELD_INTERVAL_S,
    CORRAL_STATS_FIELD_SAMPLES,
    CORRAL_STATS_FIELD_LAST
} CorralStatsField;

typedef struct {
    guint64 present;
    gint64 interval_s;
    GPtrArray *samples; /* CorralSample, oldest first */
} CorralStats;
CORRAL_DECLARE_OBJECT(CorralStats, corral_stats)

G_END_DECLS
