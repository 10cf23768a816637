/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The events list (see corral-events-view.h).
 */
#include "client/corral-events-view.h"

#include "client/corral-format.h"
#include "client/corral-object-item.h"
#include "protocol/event.h"

#include <glib/gi18n.h>

struct _CorralEventsView {
    GtkBox parent_instance;
    GtkListView *list;
    char *target;
};

G_DEFINE_FINAL_TYPE(CorralEventsView, corral_events_view, GTK_TYPE_BOX)

static void
row_setup(GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
    GtkWidget *label = gtk_label_new(NULL);

    gtk_label_set_xalign(GTK_LABEL(label), 0);
    gtk_label_set_ellipsize(GTK_LABEL(label), PANGO_ELLIPSIZE_END);
    gtk_list_item_set_child(item, label);
}

static void
row_bind(GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
    const CorralEvent *event = corral_object_item_get_object(gtk_list_item_get_item(item));
    g_autofree char *time = corral_format_time(event->time);
    g_autofree char *text = NULL;

    if (event->user != NULL)
        /* TRANSLATORS: an event: its time, message and the user who did it */
        text = g_strdup_printf(_("%1$s   %2$s   (%3$s)"), time, event->message, event->user);
    else
        text = g_strdup_printf("%s   %s", time, event->message);
    gtk_label_set_label(GTK_LABEL(gtk_list_item_get_child(item)), text);
}

static gboolean
event_matches(gpointer item, gpointer data)
{
    CorralEventsView *self = data;
    const CorralEvent *event = corral_object_item_get_object(item);

    return self->target == NULL || g_strcmp0(event->target, self->target) == 0;
}

static void
corral_events_view_finalize(GObject *object)
{
    g_free(CORRAL_EVENTS_VIEW(object)->target);
    G_OBJECT_CLASS(corral_events_view_parent_class)->finalize(object);
}

static void
corral_events_view_class_init(CorralEventsViewClass *klass)
{
    G_OBJECT_CLASS(klass)->finalize = corral_events_view_finalize;
}

static void
corral_events_view_init(CorralEventsView *self)
{
    GtkListItemFactory *factory = gtk_signal_list_item_factory_new();
    GtkWidget *scrolled = gtk_scrolled_window_new();

    g_signal_connect(factory, "setup", G_CALLBACK(row_setup), NULL);
    g_signal_connect(factory, "bind", G_CALLBACK(row_bind), NULL);
    self->list = GTK_LIST_VIEW(gtk_list_view_new(NULL, factory));
    gtk_widget_add_css_class(GTK_WIDGET(self->list), "rich-list");
    gtk_scrolled_window_set_child(GTK_SCROLLED_WINDOW(scrolled), GTK_WIDGET(self->list));
    gtk_widget_set_vexpand(scrolled, TRUE);
    gtk_box_append(GTK_BOX(self), scrolled);
}

GtkWidget *
corral_events_view_new(void)
{
    return g_object_new(CORRAL_TYPE_EVENTS_VIEW, "orientation", GTK_ORIENTATION_VERTICAL, NULL);
}

void
corral_events_view_set_events(CorralEventsView *self, GListModel *events, const char *target)
{
    GtkFilterListModel *filtered;
    GtkNoSelection *selection;

    g_free(self->target);
    self->target = g_strdup(target);
    if (events == NULL) {
        gtk_list_view_set_model(self->list, NULL);
        return;
    }
    filtered = gtk_filter_list_model_new(
        g_object_ref(events), GTK_FILTER(gtk_custom_filter_new(event_matches, self, NULL)));
    selection = gtk_no_selection_new(G_LIST_MODEL(filtered));
    gtk_list_view_set_model(self->list, GTK_SELECTION_MODEL(selection));
    g_object_unref(selection);
}
