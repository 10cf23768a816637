/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Configure Keyboard: the console keyboard layout, from hostcfg's table
 * of layouts. Enter saves it in host.json and applies it (the keyboard
 * file for the next boot, the console keymap at once); a keymap command
 * that fails is shown as it said it, not hidden.
 */
#include "config.h"

#include "common/hostcfg/keyboard.h"
#include "dcui/app.h"
#include "dcui/paint.h"
#include "dcui/screen.h"

#include <glib/gi18n.h>

typedef struct {
    DcuiScreen parent;
    guint selected;
    char *error;
} KeyboardScreen;

static void
keyboard_init(DcuiScreen *self, DcuiApp *app)
{
    KeyboardScreen *s = (KeyboardScreen *)self;
    guint n;
    const CorralKeyboardLayout *layouts = corral_keyboard_layouts(&n);

    for (guint i = 0; i < n; i++)
        if (g_strcmp0(layouts[i].code, app->host->keyboard) == 0)
            s->selected = i;
}

static void
keyboard_finalize(DcuiScreen *self)
{
    g_free(((KeyboardScreen *)self)->error);
}

static guint
accept(KeyboardScreen *s, DcuiApp *app)
{
    guint n;
    const CorralKeyboardLayout *layout = &corral_keyboard_layouts(&n)[s->selected];
    g_autoptr(GError) error = NULL;
    CorralHostConfig *next = corral_host_config_copy(app->host);

    g_free(next->keyboard);
    next->keyboard = g_strdup(layout->code);
    if (dcui_app_save_host(app, next, &error) &&
        corral_keyboard_apply(&app->config, layout->code, &error))
        return DCUI_CLOSE;
    g_free(s->error);
    s->error = g_strdup(error->message);
    return DCUI_REDRAW;
}

static guint
keyboard_key(DcuiScreen *self, DcuiApp *app, const DcuiKey *key)
{
    KeyboardScreen *s = (KeyboardScreen *)self;
    guint n;

    corral_keyboard_layouts(&n);
    switch (key->action) {
    case DCUI_ACTION_UP:
        s->selected = (s->selected + n - 1) % n;
        return DCUI_REDRAW;
    case DCUI_ACTION_DOWN:
        s->selected = (s->selected + 1) % n;
        return DCUI_REDRAW;
    case DCUI_ACTION_CANCEL:
        return DCUI_CLOSE;
    case DCUI_ACTION_ACCEPT:
        return accept(s, app);
    default:
        return 0;
    }
}

static void
keyboard_draw(DcuiScreen *self, DcuiApp *app)
{
    KeyboardScreen *s = (KeyboardScreen *)self;
    guint n;
    const CorralKeyboardLayout *layouts = corral_keyboard_layouts(&n);
    DcuiRect r;
    int y;

    dcui_paint_backdrop();
    r = dcui_paint_dialog(LINES - 4, 60, _("Configure Keyboard"),
                          _("<Up/Down> Select  <Enter> OK  <Esc> Cancel"));
    dcui_paint_text(r.y, r.x, r.w, DCUI_ROLE_DIALOG, _("Select the keyboard layout:"));
    for (y = 0; y < (int)n && y + 2 < r.h; y++) {
        gboolean sel = (guint)y == s->selected;
        g_autofree char *line = g_strdup_printf("%s %s", sel ? "(o)" : "( )", _(layouts[y].name));

        dcui_paint_text(r.y + 2 + y, r.x + 1, r.w - 2, sel ? DCUI_ROLE_SELECTED : DCUI_ROLE_DIALOG,
                        line);
    }
    /* Under the list, as many lines as the message takes and the dialog has. */
    y += 3;
    if (s->error != NULL && y < r.h)
        dcui_paint_wrap(r.y + y, r.x, r.w, r.h - y, DCUI_ROLE_ERROR, s->error);
}

const DcuiScreenClass dcui_screen_keyboard_class = {
    .size = sizeof(KeyboardScreen),
    .needs_login = TRUE,
    .init = keyboard_init,
    .finalize = keyboard_finalize,
    .draw = keyboard_draw,
    .key = keyboard_key,
};
