/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Trimming the heap after the frames (see corral-heap-trim.h). One timer
 * per frame clock, pushed back by each frame: a steady stream of frames
 * costs one g_source_set_ready_time() each, and the trim itself (well under
 * a millisecond for the client's heap) runs once the stream stops.
 */
#include "client/corral-heap-trim.h"

#include <malloc.h>

#define QUIET_US G_USEC_PER_SEC

void
corral_heap_trim(void)
{
    malloc_trim(0);
}

/* Runs when the ready time set by the last frame comes, then sleeps until
 * the next frame sets it again. */
static gboolean
dispatch(GSource *source, GSourceFunc callback, gpointer data)
{
    g_source_set_ready_time(source, -1);
    corral_heap_trim();
    return G_SOURCE_CONTINUE;
}

static GSourceFuncs trim_funcs = {.dispatch = dispatch};

static void
after_paint(GdkFrameClock *clock, gpointer data)
{
    g_source_set_ready_time(data, g_get_monotonic_time() + QUIET_US);
}

static void
source_gone(gpointer data, GClosure *closure)
{
    g_source_destroy(data);
}

static void
realized(GtkWidget *widget, gpointer data)
{
    GdkFrameClock *clock = gtk_widget_get_frame_clock(widget);
    GSource *source = g_source_new(&trim_funcs, sizeof(GSource));

    g_source_set_static_name(source, "[corral] heap trim");
    g_source_attach(source, NULL);
    g_signal_connect_data(clock, "after-paint", G_CALLBACK(after_paint), source, source_gone, 0);
    g_object_set_data(G_OBJECT(widget), "corral-heap-trim-clock", clock);
    g_source_unref(source);
}

static void
unrealized(GtkWidget *widget, gpointer data)
{
    GdkFrameClock *clock = g_object_steal_data(G_OBJECT(widget), "corral-heap-trim-clock");

    if (clock != NULL)
        g_signal_handlers_disconnect_matched(clock, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, after_paint,
                                             NULL);
}

void
corral_heap_trim_attach(GtkWidget *widget)
{
    g_signal_connect(widget, "realize", G_CALLBACK(realized), NULL);
    g_signal_connect(widget, "unrealize", G_CALLBACK(unrealized), NULL);
    if (gtk_widget_get_realized(widget))
        realized(widget, NULL);
}
