/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Drawing helpers. Text goes through wide-character calls so that UTF-8
 * (Hungarian accents, the QR code's half blocks) lands in the right
 * columns; widths come from wcwidth().
 */
#include "config.h"

#include "dcui/paint.h"

#include <glib/gi18n.h>
#include <string.h>
#include <wchar.h>

gboolean
dcui_paint_too_small(void)
{
    return COLS < DCUI_MIN_COLS || LINES < DCUI_MIN_LINES;
}

void
dcui_paint_small_notice(void)
{
    g_autofree char *text = g_strdup_printf(_("The console needs at least %d×%d characters."),
                                            DCUI_MIN_COLS, DCUI_MIN_LINES);

    dcui_paint_fill(0, 0, LINES, COLS, DCUI_ROLE_DESKTOP);
    dcui_paint_wrap(0, 0, COLS, LINES, DCUI_ROLE_STRONG, text);
}

void
dcui_paint_fill(int y, int x, int h, int w, DcuiRole role)
{
    attr_t attr = dcui_crt_attr(role);

    attrset(attr);
    for (int r = y; r < y + h && r < LINES; r++) {
        if (r < 0)
            continue;
        move(r, MAX(x, 0));
        for (int c = MAX(x, 0); c < x + w && c < COLS; c++)
            addch(' ');
    }
    attrset(A_NORMAL);
}

static int
char_width(gunichar c)
{
    int w = wcwidth((wchar_t)c);

    return w < 0 ? 1 : w;
}

int
dcui_paint_width(const char *text)
{
    int w = 0;

    for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char(p))
        w += char_width(g_utf8_get_char(p));
    return w;
}

int
dcui_paint_text(int y, int x, int w, DcuiRole role, const char *text)
{
    int used = 0;

    if (y < 0 || y >= LINES || text == NULL)
        return 0;
    attrset(dcui_crt_attr(role));
    move(y, x);
    for (const char *p = text; *p != '\0'; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char_validated(p, -1);
        wchar_t wc[2] = {0, 0};
        int cw;

        if (c == (gunichar)-1 || c == (gunichar)-2)
            break;
        if (c < 0x20 || c == 0x7f)
            c = '?';
        cw = char_width(c);
        if (used + cw > w || x + used + cw > COLS)
            break;
        wc[0] = (wchar_t)c;
        addnwstr(wc, 1);
        used += cw;
    }
    attrset(A_NORMAL);
    return used;
}

void
dcui_paint_center(int y, int x, int w, DcuiRole role, const char *text)
{
    int tw = MIN(dcui_paint_width(text), w);

    dcui_paint_text(y, x + (w - tw) / 2, w, role, text);
}

/* The byte length of the longest prefix of @text that fits @w columns,
 * broken at a space when there is one. */
static gsize
line_break(const char *text, int w, gsize *skip)
{
    int used = 0;
    const char *p = text, *last_space = NULL;

    for (; *p != '\0' && *p != '\n'; p = g_utf8_next_char(p)) {
        int cw = char_width(g_utf8_get_char(p));

        if (used + cw > w)
            break;
        if (*p == ' ')
            last_space = p;
        used += cw;
    }
    if (*p == '\0' || *p == '\n') {
        *skip = *p == '\n' ? 1 : 0;
        return p - text;
    }
    if (last_space != NULL && last_space > text) {
        *skip = 1;
        return last_space - text;
    }
    *skip = 0;
    return MAX(p - text, 1);
}

static int
wrap(int y, int x, int w, int max_lines, DcuiRole role, const char *text, gboolean paint)
{
    int lines = 0;
    const char *p = text;

    if (text == NULL || w <= 0)
        return 0;
    while (*p != '\0' && lines < max_lines) {
        gsize skip;
        gsize len = line_break(p, w, &skip);

        if (paint) {
            g_autofree char *line = g_strndup(p, len);

            dcui_paint_text(y + lines, x, w, role, line);
        }
        lines++;
        p += len + skip;
    }
    return lines;
}

int
dcui_paint_wrap(int y, int x, int w, int max_lines, DcuiRole role, const char *text)
{
    return wrap(y, x, w, max_lines, role, text, TRUE);
}

int
dcui_paint_wrap_lines(int w, const char *text)
{
    return wrap(0, 0, w, G_MAXINT, DCUI_ROLE_DIALOG, text, FALSE);
}

void
dcui_paint_backdrop(void)
{
    dcui_paint_fill(0, 0, LINES, COLS, DCUI_ROLE_DESKTOP);
    dcui_paint_fill(0, 0, 1, COLS, DCUI_ROLE_BANNER);
    dcui_paint_text(0, 1, COLS - 2, DCUI_ROLE_BANNER_STRONG, PACKAGE_NAME " " PACKAGE_VERSION);
}

DcuiRect
dcui_paint_dialog(int h, int w, const char *title, const char *hints)
{
    DcuiRect r;
    attr_t attr = dcui_crt_attr(DCUI_ROLE_DIALOG);

    h = MIN(h, LINES - 2);
    w = MIN(w, COLS - 2);
    r.y = (LINES - h) / 2;
    r.x = (COLS - w) / 2;
    dcui_paint_fill(r.y, r.x, h, w, DCUI_ROLE_DIALOG);
    attrset(attr);
    mvhline(r.y + h - 1, r.x, ACS_HLINE, w);
    mvvline(r.y + 1, r.x, ACS_VLINE, h - 2);
    mvvline(r.y + 1, r.x + w - 1, ACS_VLINE, h - 2);
    mvaddch(r.y + h - 1, r.x, ACS_LLCORNER);
    mvaddch(r.y + h - 1, r.x + w - 1, ACS_LRCORNER);
    attrset(A_NORMAL);
    dcui_paint_fill(r.y, r.x, 1, w, DCUI_ROLE_TITLE);
    dcui_paint_text(r.y, r.x + 2, w - 4, DCUI_ROLE_TITLE, title);
    if (hints != NULL) {
        dcui_paint_fill(r.y + h - 2, r.x + 1, 1, w - 2, DCUI_ROLE_HINT);
        dcui_paint_text(r.y + h - 2, r.x + 2, w - 4, DCUI_ROLE_HINT, hints);
    }
    return (DcuiRect){r.y + 2, r.x + 2, h - 5, w - 4};
}
