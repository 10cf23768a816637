/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * What the pages share: a property grid filled from label/value pairs, and
 * the error text of a failed call as users read it.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A row of a property grid; values are owned by the caller. */
typedef struct {
    const char *label;
    char *value;
} CorralGridRow;

/* Replaces the rows of @grid by @rows, and frees their values. */
void corral_grid_set_rows(GtkGrid *grid, CorralGridRow *rows, gsize n_rows);

/* A new GtkGrid for corral_grid_set_rows(). */
GtkWidget *corral_grid_new(void);

/* A heading label for a page section. */
GtkWidget *corral_heading_new(const char *text);

/* A page's header (an icon and a title label, returned in @title) and a
 * tab strip over a new GtkStack (returned in @stack), appended to @page. */
void corral_page_build(GtkBox *page, const char *icon_name, GtkLabel **title, GtkStack **stack);

/* Adds a scrolled tab @name titled @title holding @child; an underline in
 * @title marks its mnemonic. */
void corral_page_add_tab(GtkStack *stack, const char *name, const char *title, GtkWidget *child);

G_END_DECLS
