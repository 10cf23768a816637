/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Property grids and headings shared by the pages (see corral-page-util.h).
 */
#include "client/corral-page-util.h"

void
corral_grid_set_rows(GtkGrid *grid, CorralGridRow *rows, gsize n_rows)
{
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child(GTK_WIDGET(grid))) != NULL)
        gtk_grid_remove(grid, child);
    for (gsize i = 0; i < n_rows; i++) {
        GtkWidget *label = gtk_label_new(rows[i].label);
        GtkWidget *value = gtk_label_new(rows[i].value != NULL ? rows[i].value : "—");

        gtk_label_set_xalign(GTK_LABEL(label), 1);
        gtk_label_set_yalign(GTK_LABEL(label), 0);
        gtk_widget_add_css_class(label, "dim-label");
        gtk_label_set_xalign(GTK_LABEL(value), 0);
        gtk_label_set_selectable(GTK_LABEL(value), TRUE);
        gtk_label_set_wrap(GTK_LABEL(value), TRUE);
        gtk_grid_attach(grid, label, 0, (int)i, 1, 1);
        gtk_grid_attach(grid, value, 1, (int)i, 1, 1);
        g_free(rows[i].value);
        rows[i].value = NULL;
    }
}

GtkWidget *
corral_grid_new(void)
{
    GtkWidget *grid = gtk_grid_new();

    gtk_grid_set_row_spacing(GTK_GRID(grid), 6);
    gtk_grid_set_column_spacing(GTK_GRID(grid), 18);
    return grid;
}

GtkWidget *
corral_heading_new(const char *text)
{
    GtkWidget *label = gtk_label_new(text);

    gtk_label_set_xalign(GTK_LABEL(label), 0);
    gtk_widget_add_css_class(label, "title-4");
    gtk_widget_set_margin_top(label, 12);
    return label;
}

void
corral_page_build(GtkBox *page, const char *icon_name, GtkLabel **title, GtkStack **stack)
{
    GtkWidget *header = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 12);
    GtkWidget *image = gtk_image_new_from_icon_name(icon_name);
    GtkWidget *switcher = gtk_stack_switcher_new();

    gtk_image_set_pixel_size(GTK_IMAGE(image), 32);
    *title = GTK_LABEL(gtk_label_new(NULL));
    gtk_widget_add_css_class(GTK_WIDGET(*title), "title-2");
    gtk_label_set_xalign(*title, 0);
    gtk_label_set_ellipsize(*title, PANGO_ELLIPSIZE_END);
    gtk_box_append(GTK_BOX(header), image);
    gtk_box_append(GTK_BOX(header), GTK_WIDGET(*title));
    gtk_widget_set_margin_start(header, 18);
    gtk_widget_set_margin_top(header, 12);
    gtk_box_append(page, header);
    *stack = GTK_STACK(gtk_stack_new());
    gtk_stack_switcher_set_stack(GTK_STACK_SWITCHER(switcher), *stack);
    gtk_widget_set_halign(switcher, GTK_ALIGN_START);
    gtk_widget_set_margin_start(switcher, 18);
    gtk_box_append(page, switcher);
    gtk_widget_set_vexpand(GTK_WIDGET(*stack), TRUE);
    gtk_box_append(page, GTK_WIDGET(*stack));
}

void
corral_page_add_tab(GtkStack *stack, const char *name, const char *title, GtkWidget *child)
{
    GtkWidget *scrolled = gtk_scrolled_window_new();

    gtk_widget_set_margin_start(child, 18);
    gtk_widget_set_margin_end(child, 18);
    gtk_widget_set_margin_top(child, 12);
    gtk_widget_set_margin_bottom(child, 12);
    gtk_scrolled_window_set_child(GTK_SCROLLED_WINDOW(scrolled), child);
    /* A "_" in the title makes Alt and its letter show the tab. */
    gtk_stack_page_set_use_underline(gtk_stack_add_titled(stack, scrolled, name, title), TRUE);
}
