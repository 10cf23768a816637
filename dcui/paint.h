/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Drawing helpers for screens: text clipped to a width in terminal
 * columns (UTF-8 in, wide characters out), word wrapping, the backdrop, and
 * the centred dialog with its title bar and key hints that most screens
 * are. Every call paints with a role (dcui/crt.h).
 */
#pragma once

#include <glib.h>

#include "dcui/crt.h"

G_BEGIN_DECLS

#define DCUI_MIN_COLS  80
#define DCUI_MIN_LINES 25

typedef struct {
    int y, x, h, w;
} DcuiRect;

/* The terminal is smaller than 80×25. */
gboolean dcui_paint_too_small(void);
void dcui_paint_small_notice(void);

void dcui_paint_fill(int y, int x, int h, int w, DcuiRole role);

/* Text at y, x, cut to @w columns; returns the columns used. */
int dcui_paint_text(int y, int x, int w, DcuiRole role, const char *text);
void dcui_paint_center(int y, int x, int w, DcuiRole role, const char *text);

/* Wraps @text at spaces (or anywhere in a word longer than @w) into at
 * most @max_lines lines; returns how many it used. */
int dcui_paint_wrap(int y, int x, int w, int max_lines, DcuiRole role, const char *text);

/* The number of lines dcui_paint_wrap() needs. */
int dcui_paint_wrap_lines(int w, const char *text);

/* The backdrop behind dialogs: the product banner and the yellow desktop. */
void dcui_paint_backdrop(void);

/* A dialog of about @h × @w (shrunk to the terminal, centred) with @title
 * in its bar and @hints ("<Enter> OK  <Esc> Cancel") at its foot. Returns
 * the inner area. */
DcuiRect dcui_paint_dialog(int h, int w, const char *title, const char *hints);

/* The columns @text takes. */
int dcui_paint_width(const char *text);

G_END_DECLS
