/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * View Support Information: what a support call asks for first.
 */
#include "config.h"

#include "dcui/agent.h"
#include "dcui/app.h"
#include "dcui/paint.h"
#include "dcui/screen.h"
#include "dcui/sysinfo.h"

#include <glib/gi18n.h>

typedef struct {
    DcuiScreen parent;
    DcuiSysinfo *info;
    char *thumbprint;
} SupportScreen;

static void
support_init(DcuiScreen *self, DcuiApp *app)
{
    SupportScreen *s = (SupportScreen *)self;

    s->info = dcui_sysinfo_read();
    s->thumbprint = dcui_agent_dup_thumbprint(app);
}

static void
support_finalize(DcuiScreen *self)
{
    SupportScreen *s = (SupportScreen *)self;

    dcui_sysinfo_free(s->info);
    g_free(s->thumbprint);
}

static guint
support_key(DcuiScreen *self, DcuiApp *app, const DcuiKey *key)
{
    return key->action == DCUI_ACTION_CANCEL || key->action == DCUI_ACTION_ACCEPT ? DCUI_CLOSE : 0;
}

static void
support_draw(DcuiScreen *self, DcuiApp *app)
{
    SupportScreen *s = (SupportScreen *)self;
    const struct {
        const char *label;
        const char *value;
    } rows[] = {
        {_("Product:"), PACKAGE_NAME " " PACKAGE_VERSION},
        {_("Host name:"), app->host->hostname},
        {_("Vendor:"), s->info->vendor},
        {_("Model:"), s->info->model},
        {_("Serial number:"), s->info->serial},
        {_("UUID:"), s->info->uuid},
        {_("State directory:"), app->options.state_dir},
        {_("Certificate thumbprint (SHA-256):"),
         s->thumbprint != NULL ? s->thumbprint : _("unknown")},
    };
    DcuiRect r;
    int y;

    dcui_paint_backdrop();
    r = dcui_paint_dialog(LINES - 4, MIN(COLS - 4, 90), _("Support Information"), _("<Esc> Back"));
    y = r.y;
    for (gsize i = 0; i < G_N_ELEMENTS(rows) && y < r.y + r.h; i++) {
        dcui_paint_text(y++, r.x, r.w, DCUI_ROLE_LABEL, rows[i].label);
        y += dcui_paint_wrap(y, r.x + 2, r.w - 2, 3, DCUI_ROLE_DIALOG, rows[i].value);
    }
}

const DcuiScreenClass dcui_screen_support_class = {
    .size = sizeof(SupportScreen),
    .needs_login = TRUE,
    .init = support_init,
    .finalize = support_finalize,
    .draw = support_draw,
    .key = support_key,
};
