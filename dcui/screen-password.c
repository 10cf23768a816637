/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Configure Password, and the first-boot question that comes before
 * anything else while root has no password (then Esc does nothing). The
 * rules are the shared password policy; each field is checked as typed.
 */
#include "config.h"

#include "common/error.h"
#include "common/password-policy.h"
#include "dcui/app.h"
#include "dcui/form.h"
#include "dcui/screen.h"

#include <glib/gi18n.h>
#include <string.h>

enum { FIELD_NEW, FIELD_CONFIRM };

typedef struct {
    DcuiScreen parent;
    DcuiForm *form;
    gboolean first_boot;
    char *error;
} PasswordScreen;

static gboolean
check_new(DcuiForm *form, guint index, const char *text, gpointer data, GError **error)
{
    return corral_password_policy_check(text, "root", error);
}

static gboolean
check_confirm(DcuiForm *form, guint index, const char *text, gpointer data, GError **error)
{
    if (strcmp(text, dcui_form_text(form, FIELD_NEW)) == 0)
        return TRUE;
    g_set_error_literal(error, CORRAL_ERROR, CORRAL_ERROR_INVALID, _("The two passwords differ."));
    return FALSE;
}

static void
password_init(DcuiScreen *self, DcuiApp *app)
{
    PasswordScreen *s = (PasswordScreen *)self;

    s->first_boot = dcui_app_first_boot(app);
    s->form = dcui_form_new(s);
    dcui_form_add_secret(s->form, _("New password:"), check_new);
    dcui_form_add_secret(s->form, _("Confirm password:"), check_confirm);
}

static void
password_finalize(DcuiScreen *self)
{
    PasswordScreen *s = (PasswordScreen *)self;

    dcui_form_free(s->form);
    g_free(s->error);
}

static guint
password_key(DcuiScreen *self, DcuiApp *app, const DcuiKey *key)
{
    PasswordScreen *s = (PasswordScreen *)self;
    g_autoptr(GError) error = NULL;
    guint flags = dcui_form_key(s->form, key);

    if (s->form->focus == FIELD_NEW && !(flags & DCUI_UNHANDLED) &&
        dcui_form_field(s->form, FIELD_CONFIRM)->error != NULL)
        dcui_form_recheck(s->form, FIELD_CONFIRM);
    if (!(flags & DCUI_UNHANDLED))
        return flags;
    if (key->action == DCUI_ACTION_CANCEL)
        return s->first_boot ? 0 : DCUI_CLOSE;
    if (key->action != DCUI_ACTION_ACCEPT)
        return 0;
    if (s->form->focus == FIELD_NEW && dcui_form_field(s->form, FIELD_NEW)->error == NULL &&
        *dcui_form_text(s->form, FIELD_CONFIRM) == '\0') {
        dcui_form_recheck(s->form, FIELD_NEW);
        if (dcui_form_field(s->form, FIELD_NEW)->error == NULL)
            s->form->focus = FIELD_CONFIRM;
        return DCUI_REDRAW;
    }
    if (!dcui_form_validate(s->form))
        return DCUI_REDRAW;
    g_clear_pointer(&s->error, g_free);
    if (!dcui_app_set_password(app, "root", dcui_form_text(s->form, FIELD_NEW), &error)) {
        s->error = g_strdup(error->message);
        return DCUI_REDRAW;
    }
    dcui_app_set_dialog(app, _("Configure Password"), _("The root password is set."),
                        s->first_boot ? _("Log in with it here (F2) and with the client.") : NULL);
    return DCUI_CLOSE | DCUI_OPEN_SCREEN(DCUI_SCREEN_MESSAGE);
}

static void
password_draw(DcuiScreen *self, DcuiApp *app)
{
    PasswordScreen *s = (PasswordScreen *)self;
    g_autofree char *rules = g_strdup_printf(
        _("At least %d characters; long phrases are good. Common passwords are refused."),
        CORRAL_PASSWORD_MIN_CHARS);
    g_autofree char *intro =
        s->first_boot ? g_strdup_printf(
                            "%s %s", _("Welcome. Set the root password of this host first."), rules)
                      : g_strdup(rules);

    dcui_form_draw_dialog(s->form, _("Configure Password"), intro,
                          s->first_boot ? _("<Enter> OK") : _("<Enter> OK  <Esc> Cancel"), s->error,
                          DCUI_ROLE_ERROR);
}

const DcuiScreenClass dcui_screen_password_class = {
    .size = sizeof(PasswordScreen),
    .init = password_init,
    .finalize = password_finalize,
    .draw = password_draw,
    .key = password_key,
};
