/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The performance chart (see corral-perf-chart.h). Series are read through
 * one table per chart kind; the scale is the largest value rounded up,
 * except for CPU, always 0–100 %.
 */
#include "client/corral-perf-chart.h"

#include "client/corral-format.h"

#include <glib/gi18n.h>

#define MAX_SERIES 2
#define SPAN_S     3600

struct _CorralPerfChart {
    GtkWidget parent_instance;
    CorralChartKind kind;
    GArray *times;              /* gint64 */
    GArray *values[MAX_SERIES]; /* double */
};

G_DEFINE_FINAL_TYPE(CorralPerfChart, corral_perf_chart, GTK_TYPE_WIDGET)

static const struct {
    const char *title;
    guint n_series;
    const char *series[MAX_SERIES];
    gboolean bytes; /* values are bytes (or bytes/s), not a percentage */
    gboolean rate;
} kinds[CORRAL_CHART_LAST] = {
    [CORRAL_CHART_CPU] = {N_("CPU"), 1, {N_("Usage")}, FALSE, FALSE},
    [CORRAL_CHART_MEMORY] = {N_("Memory"), 1, {N_("Used")}, TRUE, FALSE},
    [CORRAL_CHART_DISK] = {N_("Disk"), 2, {N_("Read"), N_("Write")}, TRUE, TRUE},
    [CORRAL_CHART_NETWORK] = {N_("Network"), 2, {N_("Received"), N_("Sent")}, TRUE, TRUE},
};

static const GdkRGBA series_colors[MAX_SERIES] = {
    {0.21, 0.52, 0.89, 1.0},
    {0.90, 0.38, 0.0, 1.0},
};

double
corral_perf_chart_value(CorralChartKind kind, guint series, const CorralSample *sample)
{
    switch (kind) {
    case CORRAL_CHART_CPU:
        return sample->cpu_pct;
    case CORRAL_CHART_MEMORY:
        return (double)sample->memory_used_bytes;
    case CORRAL_CHART_DISK:
        return (double)(series == 0 ? sample->disk_read_bps : sample->disk_write_bps);
    case CORRAL_CHART_NETWORK:
        return (double)(series == 0 ? sample->net_rx_bps : sample->net_tx_bps);
    default:
        return 0;
    }
}

static char *
format_value(CorralPerfChart *self, double value)
{
    if (!kinds[self->kind].bytes)
        return corral_format_percent(value);
    if (kinds[self->kind].rate)
        return corral_format_rate((gint64)value);
    return corral_format_bytes((gint64)value);
}

static void
corral_perf_chart_snapshot(GtkWidget *widget, GtkSnapshot *snapshot)
{
    CorralPerfChart *self = CORRAL_PERF_CHART(widget);
    int width = gtk_widget_get_width(widget), height = gtk_widget_get_height(widget);
    cairo_t *cr = gtk_snapshot_append_cairo(snapshot, &GRAPHENE_RECT_INIT(0, 0, width, height));
    double top = kinds[self->kind].bytes ? 1.0 : 100.0;
    double left = 8, right = width - 8, y0 = 28, y1 = height - 8;
    gint64 now = self->times->len > 0 ? g_array_index(self->times, gint64, self->times->len - 1)
                                      : g_get_real_time() / G_USEC_PER_SEC;
    g_autoptr(GString) caption = g_string_new(_(kinds[self->kind].title));
    g_autofree char *top_text = NULL;
    PangoLayout *layout;

    for (guint s = 0; s < kinds[self->kind].n_series && kinds[self->kind].bytes; s++)
        for (guint i = 0; i < self->values[s]->len; i++)
            top = MAX(top, g_array_index(self->values[s], double, i) * 1.1);
    for (guint s = 0; s < kinds[self->kind].n_series; s++) {
        g_autofree char *last = NULL;

        if (self->values[s]->len == 0)
            continue;
        last = format_value(self, g_array_index(self->values[s], double, self->values[s]->len - 1));
        g_string_append_printf(caption, "   %s: %s", _(kinds[self->kind].series[s]), last);
    }
    top_text = format_value(self, top);
    g_string_append_printf(caption, "   (%s)", top_text);

    /* Frame and grid. */
    cairo_set_source_rgba(cr, 0.5, 0.5, 0.5, 0.6);
    cairo_set_line_width(cr, 1);
    cairo_rectangle(cr, left + 0.5, y0 + 0.5, right - left - 1, y1 - y0 - 1);
    cairo_stroke(cr);
    cairo_set_source_rgba(cr, 0.5, 0.5, 0.5, 0.25);
    for (int q = 1; q < 4; q++) {
        double y = y0 + (y1 - y0) * q / 4.0;

        cairo_move_to(cr, left, y + 0.5);
        cairo_line_to(cr, right, y + 0.5);
    }
    cairo_stroke(cr);

    /* The series, over the last hour. */
    cairo_set_line_width(cr, 1.5);
    for (guint s = 0; s < kinds[self->kind].n_series; s++) {
        gdk_cairo_set_source_rgba(cr, &series_colors[s]);
        for (guint i = 0; i < self->values[s]->len; i++) {
            gint64 t = g_array_index(self->times, gint64, i);
            double x = right - (double)(now - t) / SPAN_S * (right - left);
            double v = g_array_index(self->values[s], double, i);
            double y = y1 - CLAMP(v / top, 0, 1) * (y1 - y0);

            if (i == 0)
                cairo_move_to(cr, MAX(x, left), y);
            else
                cairo_line_to(cr, MAX(x, left), y);
        }
        cairo_stroke(cr);
    }
    cairo_destroy(cr);

    layout = gtk_widget_create_pango_layout(widget, caption->str);
    gtk_snapshot_save(snapshot);
    gtk_snapshot_translate(snapshot, &GRAPHENE_POINT_INIT(left, 4));
    gtk_snapshot_append_layout(snapshot, layout, &(GdkRGBA){0.2, 0.2, 0.2, 1.0});
    gtk_snapshot_restore(snapshot);
    g_object_unref(layout);
}

static void
corral_perf_chart_measure(GtkWidget *widget, GtkOrientation orientation, int for_size, int *minimum,
                          int *natural, int *minimum_baseline, int *natural_baseline)
{
    *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 200 : 120;
    *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 420 : 150;
}

static void
corral_perf_chart_finalize(GObject *object)
{
    CorralPerfChart *self = CORRAL_PERF_CHART(object);

    g_array_unref(self->times);
    for (guint s = 0; s < MAX_SERIES; s++)
        g_array_unref(self->values[s]);
    G_OBJECT_CLASS(corral_perf_chart_parent_class)->finalize(object);
}

static void
corral_perf_chart_class_init(CorralPerfChartClass *klass)
{
    G_OBJECT_CLASS(klass)->finalize = corral_perf_chart_finalize;
    GTK_WIDGET_CLASS(klass)->snapshot = corral_perf_chart_snapshot;
    GTK_WIDGET_CLASS(klass)->measure = corral_perf_chart_measure;
}

static void
corral_perf_chart_init(CorralPerfChart *self)
{
    self->times = g_array_new(FALSE, FALSE, sizeof(gint64));
    for (guint s = 0; s < MAX_SERIES; s++)
        self->values[s] = g_array_new(FALSE, FALSE, sizeof(double));
}

GtkWidget *
corral_perf_chart_new(CorralChartKind kind)
{
    CorralPerfChart *self = g_object_new(CORRAL_TYPE_PERF_CHART, NULL);

    self->kind = kind;
    return GTK_WIDGET(self);
}

void
corral_perf_chart_set_stats(CorralPerfChart *self, const CorralStats *stats)
{
    g_array_set_size(self->times, 0);
    for (guint s = 0; s < MAX_SERIES; s++)
        g_array_set_size(self->values[s], 0);
    for (guint i = 0; stats != NULL && stats->samples != NULL && i < stats->samples->len; i++) {
        const CorralSample *sample = stats->samples->pdata[i];

        g_array_append_val(self->times, sample->time);
        for (guint s = 0; s < kinds[self->kind].n_series; s++) {
            double v = corral_perf_chart_value(self->kind, s, sample);

            g_array_append_val(self->values[s], v);
        }
    }
    gtk_widget_queue_draw(GTK_WIDGET(self));
}
