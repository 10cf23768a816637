/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * DNS Configuration: the DNS servers (up to three; empty takes DHCP's),
 * the host name, and the search suffixes.
 */
#include "config.h"

#include "common/hostcfg/host-validate.h"
#include "dcui/app.h"
#include "dcui/form.h"
#include "dcui/screen.h"

#include <glib/gi18n.h>

enum { FIELD_SERVERS, FIELD_HOSTNAME, FIELD_SEARCH };

typedef struct {
    DcuiScreen parent;
    DcuiForm *form;
} DnsScreen;

static gboolean
check_servers(DcuiForm *form, guint index, const char *text, gpointer data, GError **error)
{
    return corral_validate_address_list(text, CORRAL_DNS_SERVERS_MAX, NULL, error);
}

static gboolean
check_hostname(DcuiForm *form, guint index, const char *text, gpointer data, GError **error)
{
    return corral_validate_hostname(text, error);
}

static gboolean
check_search(DcuiForm *form, guint index, const char *text, gpointer data, GError **error)
{
    return corral_validate_domain_list(text, NULL, error);
}

static void
dns_init(DcuiScreen *self, DcuiApp *app)
{
    DnsScreen *s = (DnsScreen *)self;
    const CorralDns *dns = &app->draft->management.dns;
    g_autofree char *servers = corral_validate_join_list(dns->servers);
    g_autofree char *search = corral_validate_join_list(dns->search);

    s->form = dcui_form_new(s);
    dcui_form_add_text(s->form, _("DNS servers:"), servers, check_servers);
    dcui_form_add_text(s->form, _("Host name:"), app->draft->hostname, check_hostname);
    dcui_form_add_text(s->form, _("Search suffixes:"), search, check_search);
}

static void
dns_finalize(DcuiScreen *self)
{
    dcui_form_free(((DnsScreen *)self)->form);
}

static guint
dns_key(DcuiScreen *self, DcuiApp *app, const DcuiKey *key)
{
    DnsScreen *s = (DnsScreen *)self;
    guint flags = dcui_form_key(s->form, key);
    CorralHostConfig *d = app->draft;
    GPtrArray *servers = NULL, *search = NULL;

    if (!(flags & DCUI_UNHANDLED))
        return flags;
    if (key->action == DCUI_ACTION_CANCEL)
        return DCUI_CLOSE;
    if (key->action != DCUI_ACTION_ACCEPT || !dcui_form_validate(s->form))
        return DCUI_REDRAW;
    corral_validate_address_list(dcui_form_text(s->form, FIELD_SERVERS), CORRAL_DNS_SERVERS_MAX,
                                 &servers, NULL);
    corral_validate_domain_list(dcui_form_text(s->form, FIELD_SEARCH), &search, NULL);
    g_ptr_array_unref(d->management.dns.servers);
    d->management.dns.servers = servers;
    g_ptr_array_unref(d->management.dns.search);
    d->management.dns.search = search;
    g_free(d->hostname);
    d->hostname = g_strdup(dcui_form_text(s->form, FIELD_HOSTNAME));
    return DCUI_CLOSE;
}

static void
dns_draw(DcuiScreen *self, DcuiApp *app)
{
    dcui_form_draw_dialog(((DnsScreen *)self)->form, _("DNS Configuration"),
                          _("Separate several servers or suffixes with commas. Without servers, "
                            "those from DHCP are used."),
                          _("<Up/Down> Move  <Enter> OK  <Esc> Cancel"), NULL, DCUI_ROLE_ERROR);
}

const DcuiScreenClass dcui_screen_dns_class = {
    .size = sizeof(DnsScreen),
    .needs_login = TRUE,
    .init = dns_init,
    .finalize = dns_finalize,
    .draw = dns_draw,
    .key = dns_key,
};
