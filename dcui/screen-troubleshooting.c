/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Troubleshooting Options: SSH and the local shell on or off with their
 * timeouts (saved in host.json), and Restart Management Agents (F11),
 * which runs the configured restart-agent command after a question.
 */
#include "config.h"

#include "common/hostcfg/host-validate.h"
#include "dcui/agent.h"
#include "dcui/app.h"
#include "dcui/form.h"
#include "dcui/screen.h"

#include <glib/gi18n.h>

enum { FIELD_SSH, FIELD_SSH_TIMEOUT, FIELD_SHELL, FIELD_SHELL_TIMEOUT };

typedef struct {
    DcuiScreen parent;
    DcuiForm *form;
    char *message;
    DcuiRole role;
    gboolean restart_due; /* the question was answered yes: restart on the next tick */
} TroubleScreen;

static gboolean
check_minutes(DcuiForm *form, guint index, const char *text, gpointer data, GError **error)
{
    gint64 minutes;

    return corral_validate_minutes(text, &minutes, error);
}

static void
trouble_init(DcuiScreen *self, DcuiApp *app)
{
    TroubleScreen *s = (TroubleScreen *)self;
    const CorralHostServices *sv = &app->host->services;
    g_autofree char *ssh = g_strdup_printf("%" G_GINT64_FORMAT, sv->ssh_timeout_min);
    g_autofree char *shell = g_strdup_printf("%" G_GINT64_FORMAT, sv->shell_timeout_min);

    s->form = dcui_form_new(s);
    dcui_form_add_check(s->form, _("SSH enabled:"), sv->ssh);
    dcui_form_add_text(s->form, _("SSH timeout (minutes):"), ssh, check_minutes);
    dcui_form_add_check(s->form, _("Local shell enabled:"), sv->shell);
    dcui_form_add_text(s->form, _("Shell timeout (minutes):"), shell, check_minutes);
}

static void
trouble_finalize(DcuiScreen *self)
{
    TroubleScreen *s = (TroubleScreen *)self;

    dcui_form_free(s->form);
    g_free(s->message);
}

static void
set_message(TroubleScreen *s, DcuiRole role, const char *text)
{
    g_free(s->message);
    s->message = g_strdup(text);
    s->role = role;
}

static guint
save(TroubleScreen *s, DcuiApp *app)
{
    g_autoptr(GError) error = NULL;
    CorralHostConfig *next;

    if (!dcui_form_validate(s->form))
        return DCUI_REDRAW;
    next = corral_host_config_copy(app->host);
    next->services.ssh = dcui_form_field(s->form, FIELD_SSH)->checked;
    next->services.shell = dcui_form_field(s->form, FIELD_SHELL)->checked;
    corral_validate_minutes(dcui_form_text(s->form, FIELD_SSH_TIMEOUT),
                            &next->services.ssh_timeout_min, NULL);
    corral_validate_minutes(dcui_form_text(s->form, FIELD_SHELL_TIMEOUT),
                            &next->services.shell_timeout_min, NULL);
    if (dcui_app_save_host(app, next, &error))
        return DCUI_CLOSE;
    set_message(s, DCUI_ROLE_ERROR, error->message);
    return DCUI_REDRAW;
}

static guint
trouble_key(DcuiScreen *self, DcuiApp *app, const DcuiKey *key)
{
    TroubleScreen *s = (TroubleScreen *)self;
    guint flags = dcui_form_key(s->form, key);

    if (!(flags & DCUI_UNHANDLED))
        return flags;
    switch (key->action) {
    case DCUI_ACTION_CANCEL:
        return DCUI_CLOSE;
    case DCUI_ACTION_ACCEPT:
        return save(s, app);
    case DCUI_ACTION_CONFIRM:
        dcui_app_set_dialog(app, _("Restart Management Agents"),
                            _("Restart the management agents?"),
                            _("Clients lose their connection and running tasks are stopped "
                              "while corrald restarts. Virtual machines keep running."));
        return DCUI_OPEN_SCREEN(DCUI_SCREEN_CONFIRM);
    default:
        return 0;
    }
}

static guint
trouble_resume(DcuiScreen *self, DcuiApp *app, const DcuiScreen *child)
{
    TroubleScreen *s = (TroubleScreen *)self;

    if (child->id == DCUI_SCREEN_CONFIRM && child->result == DCUI_RESULT_YES) {
        s->restart_due = TRUE;
        set_message(s, DCUI_ROLE_LABEL, _("Restarting the management agents…"));
    }
    return DCUI_REDRAW;
}

static guint
trouble_tick(DcuiScreen *self, DcuiApp *app)
{
    TroubleScreen *s = (TroubleScreen *)self;
    g_autoptr(GError) error = NULL;

    if (!s->restart_due)
        return 0;
    s->restart_due = FALSE;
    if (dcui_agent_restart(app, &error))
        set_message(s, DCUI_ROLE_GOOD, _("The management agents were restarted."));
    else
        set_message(s, DCUI_ROLE_ERROR, error->message);
    return DCUI_REDRAW;
}

static void
trouble_draw(DcuiScreen *self, DcuiApp *app)
{
    TroubleScreen *s = (TroubleScreen *)self;
    g_autofree char *state = g_strdup_printf(_("Management agent: %s"),
                                             dcui_agent_running(app) ? _("running") : _("stopped"));

    dcui_form_draw_dialog(s->form, _("Troubleshooting Options"), state,
                          _("<Space> Switch  <Enter> Save  <F11> Restart Management Agents  "
                            "<Esc> Cancel"),
                          s->message, s->role);
}

const DcuiScreenClass dcui_screen_troubleshooting_class = {
    .size = sizeof(TroubleScreen),
    .needs_login = TRUE,
    .init = trouble_init,
    .finalize = trouble_finalize,
    .draw = trouble_draw,
    .key = trouble_key,
    .tick = trouble_tick,
    .resume = trouble_resume,
};
