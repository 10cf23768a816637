/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Configure Lockdown Mode: off, normal or strict, saved in host.json for
 * corrald to enforce.
 */
#include "config.h"

#include "dcui/app.h"
#include "dcui/form.h"
#include "dcui/screen.h"

#include <glib/gi18n.h>

static const char *const modes[] = {N_("Off"), N_("Normal"), N_("Strict")};

typedef struct {
    DcuiScreen parent;
    DcuiForm *form;
    char *error;
} LockdownScreen;

static void
lockdown_init(DcuiScreen *self, DcuiApp *app)
{
    LockdownScreen *s = (LockdownScreen *)self;

    s->form = dcui_form_new(s);
    dcui_form_add_choice(s->form, _("Lockdown mode:"), modes, G_N_ELEMENTS(modes),
                         app->host->lockdown);
}

static void
lockdown_finalize(DcuiScreen *self)
{
    LockdownScreen *s = (LockdownScreen *)self;

    dcui_form_free(s->form);
    g_free(s->error);
}

static guint
lockdown_key(DcuiScreen *self, DcuiApp *app, const DcuiKey *key)
{
    LockdownScreen *s = (LockdownScreen *)self;
    g_autoptr(GError) error = NULL;
    guint flags = dcui_form_key(s->form, key);
    CorralHostConfig *next;

    if (!(flags & DCUI_UNHANDLED))
        return flags;
    if (key->action == DCUI_ACTION_CANCEL)
        return DCUI_CLOSE;
    if (key->action != DCUI_ACTION_ACCEPT)
        return 0;
    next = corral_host_config_copy(app->host);
    next->lockdown = dcui_form_field(s->form, 0)->choice;
    if (!dcui_app_save_host(app, next, &error)) {
        g_free(s->error);
        s->error = g_strdup(error->message);
        return DCUI_REDRAW;
    }
    return DCUI_CLOSE;
}

static void
lockdown_draw(DcuiScreen *self, DcuiApp *app)
{
    LockdownScreen *s = (LockdownScreen *)self;

    dcui_form_draw_dialog(s->form, _("Configure Lockdown Mode"),
                          _("Normal: the host is managed through the management API only; this "
                            "console still works for administrators. Strict: this console is "
                            "closed too, except for its status screen."),
                          _("<Left/Right> Choose  <Enter> OK  <Esc> Cancel"), s->error,
                          DCUI_ROLE_ERROR);
}

const DcuiScreenClass dcui_screen_lockdown_class = {
    .size = sizeof(LockdownScreen),
    .needs_login = TRUE,
    .init = lockdown_init,
    .finalize = lockdown_finalize,
    .draw = lockdown_draw,
    .key = lockdown_key,
};
