/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * View System Logs: a pager over the management agent's log (the last
 * lines of --log-file), with search: '/' asks for a text, Enter finds it
 * downwards, 'n' finds the next match. Lines are cut, not wrapped.
 */
#include "config.h"

#include "dcui/app.h"
#include "dcui/paint.h"
#include "dcui/screen.h"

#include <glib/gi18n.h>
#include <string.h>

#define DEFAULT_LOG "/var/log/corral/corrald.log"
#define MAX_BYTES   (4 * 1024 * 1024)

typedef struct {
    DcuiScreen parent;
    GPtrArray *lines;
    char *path;
    char *error;
    int top;
    int match; /* the line of the last match, -1 for none */
    gboolean searching;
    GString *query;
    char *notice;
} LogsScreen;

static int
page_height(void)
{
    return LINES - 3;
}

static void
load(LogsScreen *s)
{
    g_autoptr(GError) error = NULL;
    g_autofree char *text = NULL;
    gsize len;
    const char *start;
    g_auto(GStrv) lines = NULL;

    g_ptr_array_set_size(s->lines, 0);
    if (!g_file_get_contents(s->path, &text, &len, &error)) {
        s->error = g_strdup(error->message);
        return;
    }
    /* Keep the end of a large log. */
    start = len > MAX_BYTES ? text + len - MAX_BYTES : text;
    lines = g_strsplit(start, "\n", -1);
    for (guint i = 0; lines[i] != NULL; i++) {
        if (lines[i + 1] == NULL && *lines[i] == '\0')
            break;
        g_ptr_array_add(s->lines, g_utf8_make_valid(lines[i], -1));
    }
}

static void
logs_init(DcuiScreen *self, DcuiApp *app)
{
    LogsScreen *s = (LogsScreen *)self;

    s->lines = g_ptr_array_new_with_free_func(g_free);
    s->path = g_strdup(app->options.log_path != NULL ? app->options.log_path : DEFAULT_LOG);
    s->query = g_string_new(NULL);
    s->match = -1;
    load(s);
    s->top = MAX((int)s->lines->len - page_height(), 0);
}

static void
logs_finalize(DcuiScreen *self)
{
    LogsScreen *s = (LogsScreen *)self;

    g_ptr_array_unref(s->lines);
    g_free(s->path);
    g_free(s->error);
    g_string_free(s->query, TRUE);
    g_free(s->notice);
}

static void
clamp_top(LogsScreen *s)
{
    s->top = CLAMP(s->top, 0, MAX((int)s->lines->len - page_height(), 0));
}

static void
find(LogsScreen *s, int from)
{
    g_autofree char *needle = g_utf8_casefold(s->query->str, -1);

    g_clear_pointer(&s->notice, g_free);
    if (*needle == '\0')
        return;
    for (guint n = 0; n < s->lines->len; n++) {
        int i = (from + (int)n) % (int)s->lines->len;
        g_autofree char *hay = g_utf8_casefold(s->lines->pdata[i], -1);

        if (strstr(hay, needle) != NULL) {
            s->match = i;
            s->top = i - page_height() / 2;
            clamp_top(s);
            return;
        }
    }
    s->match = -1;
    s->notice = g_strdup_printf(_("Not found: %s"), s->query->str);
}

static guint
search_key(LogsScreen *s, const DcuiKey *key)
{
    switch (key->action) {
    case DCUI_ACTION_CANCEL:
        s->searching = FALSE;
        return DCUI_REDRAW;
    case DCUI_ACTION_ACCEPT:
        s->searching = FALSE;
        find(s, s->match >= 0 ? s->match + 1 : s->top);
        return DCUI_REDRAW;
    case DCUI_ACTION_ERASE_BACK:
        if (s->query->len > 0) {
            const char *prev = g_utf8_prev_char(s->query->str + s->query->len);

            g_string_truncate(s->query, prev - s->query->str);
        }
        return DCUI_REDRAW;
    case DCUI_ACTION_CHAR:
        if (s->query->len < 200)
            g_string_append_unichar(s->query, key->ch);
        return DCUI_REDRAW;
    default:
        return 0;
    }
}

static guint
logs_key(DcuiScreen *self, DcuiApp *app, const DcuiKey *key)
{
    LogsScreen *s = (LogsScreen *)self;
    int page = page_height();

    if (s->searching)
        return search_key(s, key);
    switch (key->action) {
    case DCUI_ACTION_UP:
        s->top--;
        break;
    case DCUI_ACTION_DOWN:
        s->top++;
        break;
    case DCUI_ACTION_PAGE_UP:
        s->top -= page;
        break;
    case DCUI_ACTION_PAGE_DOWN:
    case DCUI_ACTION_CHAR:
        if (key->action == DCUI_ACTION_CHAR && key->ch == '/') {
            s->searching = TRUE;
            g_string_truncate(s->query, 0);
            return DCUI_REDRAW;
        }
        if (key->action == DCUI_ACTION_CHAR && key->ch == 'n') {
            find(s, s->match + 1);
            return DCUI_REDRAW;
        }
        if (key->action == DCUI_ACTION_CHAR && key->ch != ' ')
            return 0;
        s->top += page;
        break;
    case DCUI_ACTION_HOME:
        s->top = 0;
        break;
    case DCUI_ACTION_END:
        s->top = (int)s->lines->len;
        break;
    case DCUI_ACTION_CANCEL:
        return DCUI_CLOSE;
    default:
        return 0;
    }
    clamp_top(s);
    return DCUI_REDRAW;
}

static void
logs_draw(DcuiScreen *self, DcuiApp *app)
{
    LogsScreen *s = (LogsScreen *)self;
    int page = page_height();
    g_autofree char *title = g_strdup_printf(_("System Log: %s"), s->path);
    g_autofree char *position =
        g_strdup_printf(_("Lines %d-%d of %u"), s->lines->len ? s->top + 1 : 0,
                        MIN(s->top + page, (int)s->lines->len), s->lines->len);

    dcui_paint_fill(0, 0, LINES, COLS, DCUI_ROLE_DIALOG);
    dcui_paint_fill(0, 0, 1, COLS, DCUI_ROLE_TITLE);
    dcui_paint_text(0, 1, COLS - 2, DCUI_ROLE_TITLE, title);
    if (s->error != NULL)
        dcui_paint_wrap(2, 1, COLS - 2, 3, DCUI_ROLE_ERROR, s->error);
    for (int i = 0; i < page && s->top + i < (int)s->lines->len; i++)
        dcui_paint_text(1 + i, 0, COLS,
                        s->top + i == s->match ? DCUI_ROLE_SELECTED : DCUI_ROLE_DIALOG,
                        s->lines->pdata[s->top + i]);
    dcui_paint_fill(LINES - 2, 0, 1, COLS, DCUI_ROLE_LABEL);
    if (s->searching) {
        g_autofree char *prompt = g_strdup_printf(_("Search: %s"), s->query->str);

        dcui_paint_text(LINES - 2, 1, COLS - 2, DCUI_ROLE_FIELD_FOCUS, prompt);
    } else {
        dcui_paint_text(LINES - 2, 1, COLS - 2, s->notice ? DCUI_ROLE_ERROR : DCUI_ROLE_LABEL,
                        s->notice != NULL ? s->notice : position);
    }
    dcui_paint_fill(LINES - 1, 0, 1, COLS, DCUI_ROLE_HINT);
    dcui_paint_text(LINES - 1, 1, COLS - 2, DCUI_ROLE_HINT,
                    _("<Up/Down/PgUp/PgDn> Scroll  </> Search  <n> Next match  <Esc> Back"));
}

const DcuiScreenClass dcui_screen_logs_class = {
    .size = sizeof(LogsScreen),
    .needs_login = TRUE,
    .init = logs_init,
    .finalize = logs_finalize,
    .draw = logs_draw,
    .key = logs_key,
};
