/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Giving freed memory back to the system once the drawing has stopped.
 * Each frame GTK's cairo renderer paints into a surface of the damaged
 * area, up to the window's size (2.4 MB for the main window), and frees
 * it; glibc's heap keeps those pages, and after the first big frame it
 * keeps them for good (its mmap threshold rises to their size). A frame
 * clock with a trim attached returns them once it has drawn nothing for a
 * second, so a window scrolled or refreshed a while ago holds no paint
 * scratch, and a console that updates steadily pays nothing per frame.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Trims after @widget's frames, from when it is realized to when it is
 * unrealized. */
void corral_heap_trim_attach(GtkWidget *widget);

/* Trims now: the freed pages of the whole process go back. */
void corral_heap_trim(void);

G_END_DECLS
