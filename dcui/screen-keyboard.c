/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Configure Keyboard: the console keyboard layout, one table of layouts,
 * saved in host.json (the boot loads it with the console's keymap).
 */
#include "config.h"

#include "dcui/app.h"
#include "dcui/paint.h"
#include "dcui/screen.h"

#include <glib/gi18n.h>

static const struct {
    const char *code;
    const char *name;
} layouts[] = {
    {"us", N_("US English")}, {"gb", N_("United Kingdom English")},
    {"hu", N_("Hungarian")},  {"de", N_("German")},
    {"fr", N_("French")},     {"it", N_("Italian")},
    {"es", N_("Spanish")},    {"pl", N_("Polish")},
    {"cz", N_("Czech")},      {"sk", N_("Slovak")},
    {"ro", N_("Romanian")},   {"ch", N_("Swiss German")},
};

typedef struct {
    DcuiScreen parent;
    guint selected;
    char *error;
} KeyboardScreen;

static void
keyboard_init(DcuiScreen *self, DcuiApp *app)
{
    KeyboardScreen *s = (KeyboardScreen *)self;

    for (guint i = 0; i < G_N_ELEMENTS(layouts); i++)
        if (g_strcmp0(layouts[i].code, app->host->keyboard) == 0)
            s->selected = i;
}

static void
keyboard_finalize(DcuiScreen *self)
{
    g_free(((KeyboardScreen *)self)->error);
}

static guint
keyboard_key(DcuiScreen *self, DcuiApp *app, const DcuiKey *key)
{
    KeyboardScreen *s = (KeyboardScreen *)self;
    guint n = G_N_ELEMENTS(layouts);
    g_autoptr(GError) error = NULL;
    CorralHostConfig *next;

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
        next = corral_host_config_copy(app->host);
        g_free(next->keyboard);
        next->keyboard = g_strdup(layouts[s->selected].code);
        if (dcui_app_save_host(app, next, &error))
            return DCUI_CLOSE;
        g_free(s->error);
        s->error = g_strdup(error->message);
        return DCUI_REDRAW;
    default:
        return 0;
    }
}

static void
keyboard_draw(DcuiScreen *self, DcuiApp *app)
{
    KeyboardScreen *s = (KeyboardScreen *)self;
    DcuiRect r;

    dcui_paint_backdrop();
    r = dcui_paint_dialog(LINES - 4, 60, _("Configure Keyboard"),
                          _("<Up/Down> Select  <Enter> OK  <Esc> Cancel"));
    dcui_paint_text(r.y, r.x, r.w, DCUI_ROLE_DIALOG, _("Select the keyboard layout:"));
    for (guint i = 0; i < G_N_ELEMENTS(layouts) && (int)i + 2 < r.h; i++) {
        gboolean sel = i == s->selected;
        g_autofree char *line = g_strdup_printf("%s %s", sel ? "(o)" : "( )", _(layouts[i].name));

        dcui_paint_text(r.y + 2 + (int)i, r.x + 1, r.w - 2,
                        sel ? DCUI_ROLE_SELECTED : DCUI_ROLE_DIALOG, line);
    }
    if (s->error != NULL)
        dcui_paint_wrap(r.y + r.h - 1, r.x, r.w, 1, DCUI_ROLE_ERROR, s->error);
}

const DcuiScreenClass dcui_screen_keyboard_class = {
    .size = sizeof(KeyboardScreen),
    .needs_login = TRUE,
    .init = keyboard_init,
    .finalize = keyboard_finalize,
    .draw = keyboard_draw,
    .key = keyboard_key,
};
