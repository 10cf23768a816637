/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A performance chart: one or two series of samples (20 s apart, an hour)
 * drawn as lines with cairo through GtkSnapshot, with a title, the scale's
 * top value and the latest value. The chart reads the fields it is told
 * from CorralStats samples, so one widget serves CPU, memory, disk and
 * network.
 */
#pragma once

#include <gtk/gtk.h>

#include "protocol/stats.h"

G_BEGIN_DECLS

/* Which sample fields a chart shows, and how values are written. */
typedef enum {
    CORRAL_CHART_CPU,     /* cpu_pct, 0–100 */
    CORRAL_CHART_MEMORY,  /* memory_used_bytes */
    CORRAL_CHART_DISK,    /* disk_read_bps and disk_write_bps */
    CORRAL_CHART_NETWORK, /* net_rx_bps and net_tx_bps */
    CORRAL_CHART_LAST
} CorralChartKind;

#define CORRAL_TYPE_PERF_CHART (corral_perf_chart_get_type())
G_DECLARE_FINAL_TYPE(CorralPerfChart, corral_perf_chart, CORRAL, PERF_CHART, GtkWidget)

GtkWidget *corral_perf_chart_new(CorralChartKind kind);

/* Shows @stats (borrowed for the call; the values are copied). */
void corral_perf_chart_set_stats(CorralPerfChart *self, const CorralStats *stats);

/* The values of series @series (0 or 1) of @kind in @stats, for tests. */
double corral_perf_chart_value(CorralChartKind kind, guint series, const CorralSample *sample);

G_END_DECLS
