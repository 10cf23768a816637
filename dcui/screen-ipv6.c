/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * IPv6 Configuration: off, automatic (router advertisements) or static
 * with address/prefix and gateway.
 */
#include "config.h"

#include "common/hostcfg/host-validate.h"
#include "dcui/app.h"
#include "dcui/form.h"
#include "dcui/screen.h"

#include <glib/gi18n.h>

enum { FIELD_MODE, FIELD_ADDRESS, FIELD_GATEWAY };

static const char *const modes[] = {N_("Off"), N_("Automatic"), N_("Static")};

typedef struct {
    DcuiScreen parent;
    DcuiForm *form;
} Ipv6Screen;

static gboolean
check_address(DcuiForm *form, guint index, const char *text, gpointer data, GError **error)
{
    g_autofree char *address = NULL;
    gint64 prefix;

    return corral_validate_ipv6(text, &address, &prefix, error);
}

static gboolean
check_gateway(DcuiForm *form, guint index, const char *text, gpointer data, GError **error)
{
    return *text == '\0' || corral_validate_ipv6(text, NULL, NULL, error);
}

static void
sync_visibility(Ipv6Screen *s)
{
    gboolean is_static = dcui_form_field(s->form, FIELD_MODE)->choice == CORRAL_IPV6_MODE_STATIC;

    for (guint i = FIELD_ADDRESS; i <= FIELD_GATEWAY; i++) {
        dcui_form_set_hidden(s->form, i, !is_static);
        if (!is_static)
            dcui_form_recheck(s->form, i);
    }
}

static void
ipv6_init(DcuiScreen *self, DcuiApp *app)
{
    Ipv6Screen *s = (Ipv6Screen *)self;
    const CorralIpv6 *v6 = &app->draft->management.ipv6;
    gboolean is_static = v6->mode == CORRAL_IPV6_MODE_STATIC;
    g_autofree char *address =
        is_static ? g_strdup_printf("%s/%" G_GINT64_FORMAT, v6->address, v6->prefix) : NULL;

    s->form = dcui_form_new(s);
    dcui_form_add_choice(s->form, _("IPv6:"), modes, G_N_ELEMENTS(modes), v6->mode);
    dcui_form_add_text(s->form, _("Address/prefix:"), address, check_address);
    dcui_form_add_text(s->form, _("Default gateway:"),
                       is_static && v6->gateway != NULL ? v6->gateway : "", check_gateway);
    sync_visibility(s);
}

static void
ipv6_finalize(DcuiScreen *self)
{
    dcui_form_free(((Ipv6Screen *)self)->form);
}

static guint
ipv6_key(DcuiScreen *self, DcuiApp *app, const DcuiKey *key)
{
    Ipv6Screen *s = (Ipv6Screen *)self;
    guint flags = dcui_form_key(s->form, key);
    CorralIpv6 *v6 = &app->draft->management.ipv6;
    const char *gateway;

    if (!(flags & DCUI_UNHANDLED)) {
        sync_visibility(s);
        return flags;
    }
    if (key->action == DCUI_ACTION_CANCEL)
        return DCUI_CLOSE;
    if (key->action != DCUI_ACTION_ACCEPT || !dcui_form_validate(s->form))
        return DCUI_REDRAW;
    v6->mode = dcui_form_field(s->form, FIELD_MODE)->choice;
    g_clear_pointer(&v6->address, g_free);
    g_clear_pointer(&v6->gateway, g_free);
    v6->prefix = 0;
    if (v6->mode == CORRAL_IPV6_MODE_STATIC) {
        corral_validate_ipv6(dcui_form_text(s->form, FIELD_ADDRESS), &v6->address, &v6->prefix,
                             NULL);
        gateway = dcui_form_text(s->form, FIELD_GATEWAY);
        v6->gateway = *gateway != '\0' ? g_strdup(gateway) : NULL;
    }
    corral_host_config_normalize(app->draft);
    return DCUI_CLOSE;
}

static void
ipv6_draw(DcuiScreen *self, DcuiApp *app)
{
    dcui_form_draw_dialog(((Ipv6Screen *)self)->form, _("IPv6 Configuration"),
                          _("Automatic takes the address from router advertisements."),
                          _("<Left/Right> Choose  <Up/Down> Move  <Enter> OK  <Esc> Cancel"), NULL,
                          DCUI_ROLE_ERROR);
}

const DcuiScreenClass dcui_screen_ipv6_class = {
    .size = sizeof(Ipv6Screen),
    .needs_login = TRUE,
    .init = ipv6_init,
    .finalize = ipv6_finalize,
    .draw = ipv6_draw,
    .key = ipv6_key,
};
