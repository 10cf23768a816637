/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Troubleshooting Options: SSH and the local shell on or off with their
 * timeouts, and Restart Management Agents (F11), which runs the
 * configured restart-agent command after a question. Enter starts or
 * stops the services that changed and arms their timers (hostcfg's
 * host-services.h), then saves host.json; a timer that runs out turns its
 * service off even when the console is gone, and this screen follows.
 */
#include "config.h"

#include "common/hostcfg/host-services.h"
#include "common/hostcfg/host-validate.h"
#include "common/hostcfg/service-timer.h"
#include "dcui/agent.h"
#include "dcui/app.h"
#include "dcui/form.h"
#include "dcui/screen.h"

#include <glib/gi18n.h>

enum { FIELD_SSH, FIELD_SSH_TIMEOUT, FIELD_SHELL, FIELD_SHELL_TIMEOUT };

/* The services with a timer, by their check box. */
static const struct {
    const char *service;
    guint field;
    const char *label; /* N_() */
} timed[] = {
    {"ssh", FIELD_SSH, N_("SSH")},
    {"shell", FIELD_SHELL, N_("Local shell")},
};

typedef struct {
    DcuiScreen parent;
    DcuiForm *form;
    char *message;
    DcuiRole role;
    gboolean restart_due; /* the question was answered yes: restart on the next tick */
    gint64 deadline[G_N_ELEMENTS(timed)]; /* of a running timer, or 0 */
} TroubleScreen;

static gboolean
check_minutes(DcuiForm *form, guint index, const char *text, gpointer data, GError **error)
{
    gint64 minutes;

    return corral_validate_minutes(text, &minutes, error);
}

/* Notes the deadlines of the running timers; a timer that ended since
 * the last look has turned its service off in host.json, so the screen
 * reloads it and shows the service off. Returns TRUE when one ended. */
static gboolean
follow_timers(TroubleScreen *s, DcuiApp *app)
{
    gboolean ended = FALSE;

    for (guint i = 0; i < G_N_ELEMENTS(timed); i++) {
        gint64 deadline = 0;

        corral_service_timer_get(app->options.state_dir, timed[i].service, &deadline);
        if (s->deadline[i] != 0 && deadline == 0) {
            dcui_app_reload_host(app);
            dcui_form_field(s->form, timed[i].field)->checked =
                timed[i].field == FIELD_SSH ? app->host->services.ssh : app->host->services.shell;
            ended = TRUE;
        }
        s->deadline[i] = deadline;
    }
    return ended;
}

static void
trouble_init(DcuiScreen *self, DcuiApp *app)
{
    TroubleScreen *s = (TroubleScreen *)self;
    const CorralHostServices *sv;
    g_autofree char *ssh = NULL, *shell = NULL;

    dcui_app_reload_host(app); /* a timer may have turned a service off */
    sv = &app->host->services;
    ssh = g_strdup_printf("%" G_GINT64_FORMAT, sv->ssh_timeout_min);
    shell = g_strdup_printf("%" G_GINT64_FORMAT, sv->shell_timeout_min);
    s->form = dcui_form_new(s);
    dcui_form_add_check(s->form, _("SSH enabled:"), sv->ssh);
    dcui_form_add_text(s->form, _("SSH timeout (minutes):"), ssh, check_minutes);
    dcui_form_add_check(s->form, _("Local shell enabled:"), sv->shell);
    dcui_form_add_text(s->form, _("Shell timeout (minutes):"), shell, check_minutes);
    follow_timers(s, app);
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
    g_autoptr(GError) failed = NULL;
    CorralHostConfig *next;

    if (!dcui_form_validate(s->form))
        return DCUI_REDRAW;
    dcui_app_reload_host(app);
    next = corral_host_config_copy(app->host);
    next->services.ssh = dcui_form_field(s->form, FIELD_SSH)->checked;
    next->services.shell = dcui_form_field(s->form, FIELD_SHELL)->checked;
    corral_validate_minutes(dcui_form_text(s->form, FIELD_SSH_TIMEOUT),
                            &next->services.ssh_timeout_min, NULL);
    corral_validate_minutes(dcui_form_text(s->form, FIELD_SHELL_TIMEOUT),
                            &next->services.shell_timeout_min, NULL);
    /* What failed stays as it was in @next, so host.json tells the truth. */
    corral_host_services_apply(&app->config, app->options.state_dir, &app->host->services,
                               &next->services, app->options.self_program, &failed);
    if (!dcui_app_save_host(app, next, &error)) {
        set_message(s, DCUI_ROLE_ERROR, error->message);
        return DCUI_REDRAW;
    }
    follow_timers(s, app);
    if (failed == NULL)
        return DCUI_CLOSE;
    dcui_form_field(s->form, FIELD_SSH)->checked = app->host->services.ssh;
    dcui_form_field(s->form, FIELD_SHELL)->checked = app->host->services.shell;
    set_message(s, DCUI_ROLE_ERROR, failed->message);
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
        return follow_timers(s, app) ? DCUI_REDRAW : 0;
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
    g_autoptr(GString) state = g_string_new(NULL);

    g_string_printf(state, _("Management agent: %s"),
                    dcui_agent_running(app) ? _("running") : _("stopped"));
    for (guint i = 0; i < G_N_ELEMENTS(timed); i++) {
        g_autoptr(GDateTime) at = NULL;
        g_autofree char *time = NULL;

        if (s->deadline[i] == 0)
            continue;
        at = g_date_time_new_from_unix_local(s->deadline[i]);
        time = g_date_time_format(at, "%H:%M:%S");
        g_string_append_c(state, '\n');
        g_string_append_printf(state, _("%1$s: turns off automatically at %2$s"), _(timed[i].label),
                               time);
    }

    dcui_form_draw_dialog(s->form, _("Troubleshooting Options"), state->str,
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
