/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The login dialog of F2 and F12: root or another administrator (the users
 * with console access). On success it opens what the status screen asked
 * for (app->after_login).
 */
#include "config.h"

#include "dcui/app.h"
#include "dcui/form.h"
#include "dcui/screen.h"

#include <glib/gi18n.h>

enum { FIELD_USER, FIELD_PASSWORD };

typedef struct {
    DcuiScreen parent;
    DcuiForm *form;
    char *error;
} LoginScreen;

static void
login_init(DcuiScreen *self, DcuiApp *app)
{
    LoginScreen *s = (LoginScreen *)self;

    s->form = dcui_form_new(s);
    dcui_form_add_text(s->form, _("Login name:"), "root", NULL);
    dcui_form_add_secret(s->form, _("Password:"), NULL);
    s->form->focus = FIELD_PASSWORD;
}

static void
login_finalize(DcuiScreen *self)
{
    LoginScreen *s = (LoginScreen *)self;

    dcui_form_free(s->form);
    g_free(s->error);
}

static guint
login_key(DcuiScreen *self, DcuiApp *app, const DcuiKey *key)
{
    LoginScreen *s = (LoginScreen *)self;
    g_autoptr(GError) error = NULL;
    guint flags = dcui_form_key(s->form, key);

    if (!(flags & DCUI_UNHANDLED))
        return flags;
    if (key->action == DCUI_ACTION_CANCEL)
        return DCUI_CLOSE;
    if (key->action != DCUI_ACTION_ACCEPT)
        return 0;
    if (s->form->focus == FIELD_USER) {
        s->form->focus = FIELD_PASSWORD;
        return DCUI_REDRAW;
    }
    g_clear_pointer(&s->error, g_free);
    if (!dcui_app_login(app, dcui_form_text(s->form, FIELD_USER),
                        dcui_form_text(s->form, FIELD_PASSWORD), &error)) {
        DcuiField *pw = dcui_form_field(s->form, FIELD_PASSWORD);

        s->error = g_strdup(error->message);
        g_string_truncate(pw->text, 0);
        pw->cursor = 0;
        return DCUI_REDRAW;
    }
    return DCUI_CLOSE | DCUI_OPEN_SCREEN(app->after_login);
}

static void
login_draw(DcuiScreen *self, DcuiApp *app)
{
    LoginScreen *s = (LoginScreen *)self;
    g_autofree char *intro = g_strdup_printf(_("Log in to %s"), app->host->hostname);

    dcui_form_draw_dialog(s->form, _("Authentication Required"), intro,
                          _("<Enter> OK  <Esc> Cancel"), s->error, DCUI_ROLE_ERROR);
}

const DcuiScreenClass dcui_screen_login_class = {
    .size = sizeof(LoginScreen),
    .init = login_init,
    .finalize = login_finalize,
    .draw = login_draw,
    .key = login_key,
};
