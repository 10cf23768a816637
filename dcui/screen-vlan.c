/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * VLAN (optional): the VLAN ID the management network is tagged with.
 */
#include "config.h"

#include "common/hostcfg/host-validate.h"
#include "dcui/app.h"
#include "dcui/form.h"
#include "dcui/screen.h"

#include <glib/gi18n.h>

typedef struct {
    DcuiScreen parent;
    DcuiForm *form;
} VlanScreen;

static gboolean
check_vlan(DcuiForm *form, guint index, const char *text, gpointer data, GError **error)
{
    gint64 vlan;

    return corral_validate_vlan(text, &vlan, error);
}

static void
vlan_init(DcuiScreen *self, DcuiApp *app)
{
    VlanScreen *s = (VlanScreen *)self;
    g_autofree char *text = app->draft->management.vlan == 0
                                ? g_strdup("")
                                : g_strdup_printf("%" G_GINT64_FORMAT, app->draft->management.vlan);

    s->form = dcui_form_new(s);
    dcui_form_add_text(s->form, _("VLAN ID:"), text, check_vlan);
}

static void
vlan_finalize(DcuiScreen *self)
{
    dcui_form_free(((VlanScreen *)self)->form);
}

static guint
vlan_key(DcuiScreen *self, DcuiApp *app, const DcuiKey *key)
{
    VlanScreen *s = (VlanScreen *)self;
    guint flags = dcui_form_key(s->form, key);

    if (!(flags & DCUI_UNHANDLED))
        return flags;
    if (key->action == DCUI_ACTION_CANCEL)
        return DCUI_CLOSE;
    if (key->action != DCUI_ACTION_ACCEPT || !dcui_form_validate(s->form))
        return DCUI_REDRAW;
    corral_validate_vlan(dcui_form_text(s->form, 0), &app->draft->management.vlan, NULL);
    return DCUI_CLOSE;
}

static void
vlan_draw(DcuiScreen *self, DcuiApp *app)
{
    dcui_form_draw_dialog(((VlanScreen *)self)->form, _("VLAN (optional)"),
                          _("If the management network is on a VLAN, enter its ID (1-4094). "
                            "Leave it empty for no VLAN."),
                          _("<Enter> OK  <Esc> Cancel"), NULL, DCUI_ROLE_ERROR);
}

const DcuiScreenClass dcui_screen_vlan_class = {
    .size = sizeof(VlanScreen),
    .needs_login = TRUE,
    .init = vlan_init,
    .finalize = vlan_finalize,
    .draw = vlan_draw,
    .key = vlan_key,
};
