/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * IPv4 Configuration: disabled, DHCP or static with address, subnet mask
 * and default gateway, each checked as typed.
 */
#include "config.h"

#include "common/hostcfg/host-validate.h"
#include "dcui/app.h"
#include "dcui/form.h"
#include "dcui/screen.h"

#include <glib/gi18n.h>

enum { FIELD_MODE, FIELD_ADDRESS, FIELD_MASK, FIELD_GATEWAY };
enum { MODE_DISABLED, MODE_DHCP, MODE_STATIC };

static const char *const modes[] = {N_("Disabled"), N_("DHCP"), N_("Static")};

typedef struct {
    DcuiScreen parent;
    DcuiForm *form;
} Ipv4Screen;

static gboolean
check_address(DcuiForm *form, guint index, const char *text, gpointer data, GError **error)
{
    return corral_validate_ipv4(text, error);
}

static gboolean
check_mask(DcuiForm *form, guint index, const char *text, gpointer data, GError **error)
{
    gint64 prefix;

    return corral_validate_netmask(text, &prefix, error);
}

static gboolean
check_gateway(DcuiForm *form, guint index, const char *text, gpointer data, GError **error)
{
    gint64 prefix = 0;

    corral_validate_netmask(dcui_form_text(form, FIELD_MASK), &prefix, NULL);
    return corral_validate_gateway(text, dcui_form_text(form, FIELD_ADDRESS), prefix, error);
}

static void
sync_visibility(Ipv4Screen *s)
{
    gboolean is_static = dcui_form_field(s->form, FIELD_MODE)->choice == MODE_STATIC;

    for (guint i = FIELD_ADDRESS; i <= FIELD_GATEWAY; i++) {
        dcui_form_set_hidden(s->form, i, !is_static);
        if (!is_static)
            dcui_form_recheck(s->form, i);
    }
}

static void
ipv4_init(DcuiScreen *self, DcuiApp *app)
{
    Ipv4Screen *s = (Ipv4Screen *)self;
    const CorralHostConfig *d = app->draft;
    const CorralIpv4 *v4 = &d->management.ipv4;
    gboolean is_static = v4->mode == CORRAL_IPV4_MODE_STATIC;
    g_autofree char *mask = is_static ? g_strdup_printf("%" G_GINT64_FORMAT, v4->prefix) : NULL;
    guint mode = d->ipv4_disabled ? MODE_DISABLED : is_static ? MODE_STATIC : MODE_DHCP;

    s->form = dcui_form_new(s);
    dcui_form_add_choice(s->form, _("IPv4:"), modes, G_N_ELEMENTS(modes), mode);
    dcui_form_add_text(s->form, _("IPv4 address:"), is_static ? v4->address : "", check_address);
    dcui_form_add_text(s->form, _("Subnet mask:"), mask != NULL ? mask : "255.255.255.0",
                       check_mask);
    dcui_form_add_text(s->form, _("Default gateway:"),
                       is_static && v4->gateway != NULL ? v4->gateway : "", check_gateway);
    sync_visibility(s);
}

static void
ipv4_finalize(DcuiScreen *self)
{
    dcui_form_free(((Ipv4Screen *)self)->form);
}

static void
store(Ipv4Screen *s, CorralHostConfig *d)
{
    guint mode = dcui_form_field(s->form, FIELD_MODE)->choice;
    CorralIpv4 *v4 = &d->management.ipv4;
    const char *gateway = dcui_form_text(s->form, FIELD_GATEWAY);

    d->ipv4_disabled = mode == MODE_DISABLED;
    v4->mode = mode == MODE_STATIC ? CORRAL_IPV4_MODE_STATIC : CORRAL_IPV4_MODE_DHCP;
    g_clear_pointer(&v4->address, g_free);
    g_clear_pointer(&v4->gateway, g_free);
    v4->prefix = 0;
    if (mode == MODE_STATIC) {
        v4->address = g_strdup(dcui_form_text(s->form, FIELD_ADDRESS));
        corral_validate_netmask(dcui_form_text(s->form, FIELD_MASK), &v4->prefix, NULL);
        v4->gateway = *gateway != '\0' ? g_strdup(gateway) : NULL;
    }
    corral_host_config_normalize(d);
}

static guint
ipv4_key(DcuiScreen *self, DcuiApp *app, const DcuiKey *key)
{
    Ipv4Screen *s = (Ipv4Screen *)self;
    guint flags = dcui_form_key(s->form, key);

    if (!(flags & DCUI_UNHANDLED)) {
        sync_visibility(s);
        /* The gateway depends on the address and the mask. */
        if (s->form->focus != FIELD_GATEWAY && *dcui_form_text(s->form, FIELD_GATEWAY) != '\0')
            dcui_form_recheck(s->form, FIELD_GATEWAY);
        return flags;
    }
    if (key->action == DCUI_ACTION_CANCEL)
        return DCUI_CLOSE;
    if (key->action != DCUI_ACTION_ACCEPT || !dcui_form_validate(s->form))
        return DCUI_REDRAW;
    store(s, app->draft);
    return DCUI_CLOSE;
}

static void
ipv4_draw(DcuiScreen *self, DcuiApp *app)
{
    dcui_form_draw_dialog(((Ipv4Screen *)self)->form, _("IPv4 Configuration"),
                          _("Get the address from a DHCP server, or set it here."),
                          _("<Left/Right> Choose  <Up/Down> Move  <Enter> OK  <Esc> Cancel"), NULL,
                          DCUI_ROLE_ERROR);
}

const DcuiScreenClass dcui_screen_ipv4_class = {
    .size = sizeof(Ipv4Screen),
    .needs_login = TRUE,
    .init = ipv4_init,
    .finalize = ipv4_finalize,
    .draw = ipv4_draw,
    .key = ipv4_key,
};
