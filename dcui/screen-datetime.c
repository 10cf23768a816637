/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Date, Time and NTP: shows the host's clock, and sets the time zone and
 * NTP. Enter saves them in host.json and applies them through hostcfg
 * (time-apply.h): the zone files, timesyncd's servers, and the NTP
 * service started or stopped. The clock itself is not set here: with NTP
 * on, timesyncd sets it.
 */
#include "config.h"

#include "common/hostcfg/host-validate.h"
#include "common/hostcfg/time-apply.h"
#include "dcui/app.h"
#include "dcui/form.h"
#include "dcui/screen.h"

#include <glib/gi18n.h>

enum { FIELD_NTP, FIELD_SERVERS, FIELD_ZONE };

typedef struct {
    DcuiScreen parent;
    DcuiForm *form;
    const char *zoneinfo_dir; /* the app's, for the zone check */
    char *error;
} DatetimeScreen;

static gboolean
check_servers(DcuiForm *form, guint index, const char *text, gpointer data, GError **error)
{
    return corral_validate_host_list(text, NULL, error);
}

static gboolean
check_zone(DcuiForm *form, guint index, const char *text, gpointer data, GError **error)
{
    DatetimeScreen *s = data;

    return *text == '\0' || corral_time_check_zone(s->zoneinfo_dir, text, error);
}

static void
datetime_init(DcuiScreen *self, DcuiApp *app)
{
    DatetimeScreen *s = (DatetimeScreen *)self;
    g_autofree char *servers = corral_validate_join_list(app->host->time.servers);

    s->zoneinfo_dir = app->config.zoneinfo_dir;
    s->form = dcui_form_new(s);
    dcui_form_add_check(s->form, _("Use NTP:"), app->host->time.ntp);
    dcui_form_add_text(s->form, _("NTP servers:"), servers, check_servers);
    dcui_form_add_text(s->form, _("Time zone:"),
                       app->host->time.timezone != NULL ? app->host->time.timezone
                                                        : CORRAL_TIME_DEFAULT_ZONE,
                       check_zone);
}

static void
datetime_finalize(DcuiScreen *self)
{
    DatetimeScreen *s = (DatetimeScreen *)self;

    dcui_form_free(s->form);
    g_free(s->error);
}

static guint
datetime_key(DcuiScreen *self, DcuiApp *app, const DcuiKey *key)
{
    DatetimeScreen *s = (DatetimeScreen *)self;
    g_autoptr(GError) error = NULL;
    guint flags = dcui_form_key(s->form, key);
    CorralHostConfig *next;
    GPtrArray *servers = NULL;

    if (!(flags & DCUI_UNHANDLED))
        return flags;
    if (key->action == DCUI_ACTION_CANCEL)
        return DCUI_CLOSE;
    if (key->action != DCUI_ACTION_ACCEPT || !dcui_form_validate(s->form))
        return DCUI_REDRAW;
    corral_validate_host_list(dcui_form_text(s->form, FIELD_SERVERS), &servers, NULL);
    next = corral_host_config_copy(app->host);
    next->time.ntp = dcui_form_field(s->form, FIELD_NTP)->checked;
    g_ptr_array_unref(next->time.servers);
    next->time.servers = servers;
    g_free(next->time.timezone);
    next->time.timezone = g_strdup(dcui_form_text(s->form, FIELD_ZONE));
    if (dcui_app_save_host(app, next, &error) &&
        corral_time_apply(&app->config, &app->host->time, &error))
        return DCUI_CLOSE;
    g_free(s->error);
    s->error = g_strdup(error->message);
    return DCUI_REDRAW;
}

static guint
datetime_tick(DcuiScreen *self, DcuiApp *app)
{
    return DCUI_REDRAW; /* the clock */
}

static void
datetime_draw(DcuiScreen *self, DcuiApp *app)
{
    DatetimeScreen *s = (DatetimeScreen *)self;
    g_autoptr(GDateTime) now = g_date_time_new_now_utc();
    g_autofree char *stamp = g_date_time_format(now, "%Y-%m-%d %H:%M:%S UTC");
    g_autofree char *intro = g_strdup_printf(_("The host's clock: %s"), stamp);

    dcui_form_draw_dialog(s->form, _("Date, Time and NTP"), intro,
                          _("<Space> Switch  <Enter> OK  <Esc> Cancel"), s->error, DCUI_ROLE_ERROR);
}

const DcuiScreenClass dcui_screen_datetime_class = {
    .size = sizeof(DatetimeScreen),
    .needs_login = TRUE,
    .init = datetime_init,
    .finalize = datetime_finalize,
    .draw = datetime_draw,
    .key = datetime_key,
    .tick = datetime_tick,
};
