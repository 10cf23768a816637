/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The field tables of usage samples.
 */
#include "protocol/stats.h"

static const CorralField sample_fields[] = {
    [CORRAL_SAMPLE_FIELD_TIME] =
        CORRAL_INT("time", CorralSample, time, CORRAL_FIELD_REQUIRED, 0, G_MAXINT64),
    [CORRAL_SAMPLE_FIELD_CPU_PCT] =
        CORRAL_DOUBLE("cpu_pct", CorralSample, cpu_pct, CORRAL_FIELD_REQUIRED, 0, 100),
    [CORRAL_SAMPLE_FIELD_MEMORY_USED_BYTES] = CORRAL_INT(
        "memory_used_bytes", CorralSample, memory_used_bytes, CORRAL_FIELD_REQUIRED, 0, G_MAXINT64),
    [CORRAL_SAMPLE_FIELD_DISK_READ_BPS] = CORRAL_INT("disk_read_bps", CorralSample, disk_read_bps,
                                                     CORRAL_FIELD_REQUIRED, 0, G_MAXINT64),
    [CORRAL_SAMPLE_FIELD_DISK_WRITE_BPS] = CORRAL_INT(
        "disk_write_bps", CorralSample, disk_write_bps, CORRAL_FIELD_REQUIRED, 0, G_MAXINT64),
    [CORRAL_SAMPLE_FIELD_NET_RX_BPS] =
        CORRAL_INT("net_rx_bps", CorralSample, net_rx_bps, CORRAL_FIELD_REQUIRED, 0, G_MAXINT64),
    [CORRAL_SAMPLE_FIELD_NET_TX_BPS] =
        CORRAL_INT("net_tx_bps", CorralSample, net_tx_bps, CORRAL_FIELD_REQUIRED, 0, G_MAXINT64),
};
CORRAL_DEFINE_OBJECT(CorralSample, corral_sample, "sample", sample_fields, CORRAL_SAMPLE_FIELD_LAST,
                     NULL)

static const CorralField stats_fields[] = {
    [CORRAL_STATS_FIELD_INTERVAL_S] =
        CORRAL_INT("interval_s", CorralStats, interval_s, CORRAL_FIELD_REQUIRED, 1, 86400),
    [CORRAL_STATS_FIELD_SAMPLES] = CORRAL_OBJECT_ARRAY("samples", CorralStats, samples,
                                                       CORRAL_FIELD_REQUIRED, &corral_sample_type),
};
CORRAL_DEFINE_OBJECT(CorralStats, corral_stats, "stats", stats_fields, CORRAL_STATS_FIELD_LAST,
                     NULL)
