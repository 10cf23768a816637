/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Network Restore Options: back to the default management network (DHCP
 * on the first adapter, no VLAN, IPv6 automatic, DNS from DHCP), applied
 * like any other change: with the countdown and its rollback.
 */
#include "config.h"

#include "dcui/app.h"
#include "dcui/paint.h"
#include "dcui/screen.h"

#include "common/hostcfg/netlink.h"

#include <glib/gi18n.h>
#include <string.h>

typedef struct {
    DcuiScreen parent;
    gboolean apply_due;
    char *error;
} RestoreScreen;

static void
restore_finalize(DcuiScreen *self)
{
    g_free(((RestoreScreen *)self)->error);
}

static guint
restore_key(DcuiScreen *self, DcuiApp *app, const DcuiKey *key)
{
    if (key->action == DCUI_ACTION_CANCEL)
        return DCUI_CLOSE;
    if (key->action != DCUI_ACTION_ACCEPT)
        return 0;
    dcui_app_set_dialog(app, _("Network Restore Options"),
                        _("Restore the default network settings?"),
                        _("The management network goes back to DHCP on the first adapter, "
                          "without a VLAN. Clients lose their connection and the host may get a "
                          "new address. The change is rolled back unless you confirm it."));
    return DCUI_OPEN_SCREEN(DCUI_SCREEN_CONFIRM);
}

static guint
restore_resume(DcuiScreen *self, DcuiApp *app, const DcuiScreen *child)
{
    RestoreScreen *s = (RestoreScreen *)self;

    s->apply_due = child->id == DCUI_SCREEN_CONFIRM && child->result == DCUI_RESULT_YES;
    return DCUI_REDRAW;
}

static guint
restore_tick(DcuiScreen *self, DcuiApp *app)
{
    RestoreScreen *s = (RestoreScreen *)self;
    g_autoptr(GPtrArray) adapters = NULL;
    g_autoptr(CorralHostConfig) next = NULL;
    g_autoptr(GError) error = NULL;

    if (!s->apply_due)
        return 0;
    s->apply_due = FALSE;
    adapters = dcui_app_list_adapters(app, NULL);
    next = corral_host_config_copy(app->host);
    {
        g_autoptr(CorralHostConfig) defaults = corral_host_config_new_default(
            next->hostname, adapters != NULL && adapters->len > 0
                                ? ((CorralNetLink *)adapters->pdata[0])->name
                                : next->management.interface);

        corral_codec_clear(&corral_management_type, &next->management);
        next->management = defaults->management;
        memset(&defaults->management, 0, sizeof defaults->management);
        next->ipv4_disabled = FALSE;
        corral_host_config_normalize(next);
    }
    if (!dcui_app_apply_network(app, next, &error)) {
        g_free(s->error);
        s->error = g_strdup(error->message);
        return DCUI_REDRAW;
    }
    return DCUI_CLOSE | DCUI_OPEN_SCREEN(DCUI_SCREEN_ROLLBACK);
}

static void
restore_draw(DcuiScreen *self, DcuiApp *app)
{
    RestoreScreen *s = (RestoreScreen *)self;
    DcuiRect r;

    dcui_paint_backdrop();
    r = dcui_paint_dialog(12, 72, _("Network Restore Options"), _("<Enter> Restore  <Esc> Back"));
    dcui_paint_text(r.y, r.x, r.w, DCUI_ROLE_SELECTED, _("Restore Network Settings"));
    dcui_paint_wrap(r.y + 2, r.x, r.w, 3, DCUI_ROLE_DIALOG,
                    _("Sets the management network back to DHCP on the first adapter, without a "
                      "VLAN, keeping the host name."));
    if (s->apply_due)
        dcui_paint_wrap(r.y + r.h - 2, r.x, r.w, 2, DCUI_ROLE_WARNING,
                        _("Applying the new settings to the management network…"));
    else if (s->error != NULL)
        dcui_paint_wrap(r.y + r.h - 2, r.x, r.w, 2, DCUI_ROLE_ERROR, s->error);
}

const DcuiScreenClass dcui_screen_restore_class = {
    .size = sizeof(RestoreScreen),
    .needs_login = TRUE,
    .finalize = restore_finalize,
    .draw = restore_draw,
    .key = restore_key,
    .tick = restore_tick,
    .resume = restore_resume,
};
