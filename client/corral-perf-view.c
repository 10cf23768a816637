/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The Performance tab (see corral-perf-view.h).
 */
#include "client/corral-perf-view.h"

#include "client/corral-perf-chart.h"

#define REFRESH_S 20

struct _CorralPerfView {
    GtkBox parent_instance;
    GtkWidget *charts[CORRAL_CHART_LAST];
    CorralHostConnection *connection;
    char *path;
    guint timer;
};

G_DEFINE_FINAL_TYPE(CorralPerfView, corral_perf_view, GTK_TYPE_BOX)

static void
stats_read(GObject *source, GAsyncResult *result, gpointer data)
{
    g_autoptr(CorralPerfView) self = data;
    g_autoptr(json_object) answer =
        corral_host_connection_call_finish(CORRAL_HOST_CONNECTION(source), result, NULL);
    g_autoptr(CorralStats) stats = answer != NULL ? corral_stats_from_json(answer, NULL) : NULL;

    for (int i = 0; i < CORRAL_CHART_LAST; i++)
        corral_perf_chart_set_stats(CORRAL_PERF_CHART(self->charts[i]), stats);
}

static gboolean
refresh(gpointer data)
{
    CorralPerfView *self = data;

    if (self->connection != NULL && self->path != NULL && gtk_widget_get_mapped(GTK_WIDGET(self)))
        corral_host_connection_call_async(self->connection, "GET", self->path, NULL, NULL,
                                          stats_read, g_object_ref(self));
    return G_SOURCE_CONTINUE;
}

static void
mapped(GtkWidget *widget, gpointer data)
{
    refresh(widget);
}

static void
corral_perf_view_dispose(GObject *object)
{
    CorralPerfView *self = CORRAL_PERF_VIEW(object);

    g_clear_handle_id(&self->timer, g_source_remove);
    g_clear_object(&self->connection);
    g_clear_pointer(&self->path, g_free);
    G_OBJECT_CLASS(corral_perf_view_parent_class)->dispose(object);
}

static void
corral_perf_view_class_init(CorralPerfViewClass *klass)
{
    G_OBJECT_CLASS(klass)->dispose = corral_perf_view_dispose;
}

static void
corral_perf_view_init(CorralPerfView *self)
{
    GtkWidget *grid = gtk_grid_new();

    gtk_grid_set_row_spacing(GTK_GRID(grid), 12);
    gtk_grid_set_column_spacing(GTK_GRID(grid), 12);
    gtk_grid_set_column_homogeneous(GTK_GRID(grid), TRUE);
    for (int i = 0; i < CORRAL_CHART_LAST; i++) {
        self->charts[i] = corral_perf_chart_new((CorralChartKind)i);
        gtk_widget_set_hexpand(self->charts[i], TRUE);
        gtk_grid_attach(GTK_GRID(grid), self->charts[i], i % 2, i / 2, 1, 1);
    }
    gtk_box_append(GTK_BOX(self), grid);
    g_signal_connect(self, "map", G_CALLBACK(mapped), NULL);
    self->timer = g_timeout_add_seconds(REFRESH_S, refresh, self);
}

GtkWidget *
corral_perf_view_new(void)
{
    return g_object_new(CORRAL_TYPE_PERF_VIEW, "orientation", GTK_ORIENTATION_VERTICAL, NULL);
}

void
corral_perf_view_set_source(CorralPerfView *self, CorralHostConnection *connection,
                            const char *path)
{
    g_set_object(&self->connection, connection);
    g_free(self->path);
    self->path = g_strdup(path);
    for (int i = 0; i < CORRAL_CHART_LAST; i++)
        corral_perf_chart_set_stats(CORRAL_PERF_CHART(self->charts[i]), NULL);
    refresh(self);
}
