/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Configure Management Network: a menu of the parts of the management
 * network over one draft of the settings. Leaving it with changes asks
 * whether to apply them, spelling out what applying does; yes applies
 * through hostcfg with the rollback guard armed and opens the countdown.
 */
#include "config.h"

#include "common/hostcfg/host-validate.h"
#include "dcui/app.h"
#include "dcui/paint.h"
#include "dcui/screen.h"

#include <glib/gi18n.h>

static const struct {
    const char *label;
    DcuiScreenId screen;
} items[] = {
    {N_("Network Adapters"), DCUI_SCREEN_ADAPTERS}, {N_("VLAN (optional)"), DCUI_SCREEN_VLAN},
    {N_("IPv4 Configuration"), DCUI_SCREEN_IPV4},   {N_("IPv6 Configuration"), DCUI_SCREEN_IPV6},
    {N_("DNS Configuration"), DCUI_SCREEN_DNS},
};

typedef enum { STATE_EDITING, STATE_APPLY_DUE } State;

typedef struct {
    DcuiScreen parent;
    guint selected;
    State state;
    char *error;
} NetworkScreen;

static void
network_init(DcuiScreen *self, DcuiApp *app)
{
    dcui_app_begin_draft(app);
}

static void
network_finalize(DcuiScreen *self)
{
    g_free(((NetworkScreen *)self)->error);
}

static guint
network_key(DcuiScreen *self, DcuiApp *app, const DcuiKey *key)
{
    NetworkScreen *s = (NetworkScreen *)self;
    guint n = G_N_ELEMENTS(items);

    if (s->state != STATE_EDITING)
        return 0;
    switch (key->action) {
    case DCUI_ACTION_UP:
        s->selected = (s->selected + n - 1) % n;
        return DCUI_REDRAW;
    case DCUI_ACTION_DOWN:
        s->selected = (s->selected + 1) % n;
        return DCUI_REDRAW;
    case DCUI_ACTION_ACCEPT:
        return DCUI_OPEN_SCREEN(items[s->selected].screen);
    case DCUI_ACTION_CANCEL:
        if (!dcui_app_draft_changed(app)) {
            dcui_app_end_draft(app);
            return DCUI_CLOSE;
        }
        {
            g_autofree char *detail = g_strdup_printf(
                _("The management network restarts with the new settings: clients connected "
                  "to this host lose their connection, and the host may get a new address. "
                  "Virtual machines keep running. Unless you confirm the change within %d "
                  "seconds, the previous settings come back by themselves."),
                app->options.rollback_s >= 0 ? app->options.rollback_s
                                             : (int)app->host->rollback_s);

            dcui_app_set_dialog(app, _("Configure Management Network: Confirm"),
                                _("Apply changes and restart management network?"), detail);
        }
        return DCUI_OPEN_SCREEN(DCUI_SCREEN_CONFIRM);
    default:
        return 0;
    }
}

static guint
network_resume(DcuiScreen *self, DcuiApp *app, const DcuiScreen *child)
{
    NetworkScreen *s = (NetworkScreen *)self;

    if (child->id != DCUI_SCREEN_CONFIRM)
        return DCUI_REDRAW;
    switch (child->result) {
    case DCUI_RESULT_YES:
        s->state = STATE_APPLY_DUE; /* drawn first, applied on the next tick */
        return DCUI_REDRAW;
    case DCUI_RESULT_NO:
        dcui_app_end_draft(app);
        return DCUI_CLOSE;
    default:
        return DCUI_REDRAW;
    }
}

static guint
network_tick(DcuiScreen *self, DcuiApp *app)
{
    NetworkScreen *s = (NetworkScreen *)self;
    g_autoptr(GError) error = NULL;

    if (s->state != STATE_APPLY_DUE)
        return 0;
    s->state = STATE_EDITING;
    if (!dcui_app_apply_network(app, app->draft, &error)) {
        g_free(s->error);
        s->error = g_strdup(error->message);
        return DCUI_REDRAW;
    }
    dcui_app_end_draft(app);
    return DCUI_CLOSE | DCUI_OPEN_SCREEN(DCUI_SCREEN_ROLLBACK);
}

/* One line per part, saying what the draft holds. */
static char *
summary(DcuiApp *app, guint item)
{
    const CorralHostConfig *d = app->draft;
    const CorralManagement *m = &d->management;
    g_autofree char *dns = NULL, *search = NULL;

    switch (items[item].screen) {
    case DCUI_SCREEN_ADAPTERS:
        return g_strdup(m->interface);
    case DCUI_SCREEN_VLAN:
        return m->vlan == 0 ? g_strdup(_("not set"))
                            : g_strdup_printf("%" G_GINT64_FORMAT, m->vlan);
    case DCUI_SCREEN_IPV4:
        if (d->ipv4_disabled)
            return g_strdup(_("disabled"));
        if (m->ipv4.mode == CORRAL_IPV4_MODE_DHCP)
            return g_strdup(_("DHCP"));
        return g_strdup_printf("%s/%" G_GINT64_FORMAT "%s%s", m->ipv4.address, m->ipv4.prefix,
                               m->ipv4.gateway != NULL ? _(", gateway ") : "",
                               m->ipv4.gateway != NULL ? m->ipv4.gateway : "");
    case DCUI_SCREEN_IPV6:
        if (m->ipv6.mode == CORRAL_IPV6_MODE_STATIC)
            return g_strdup_printf("%s/%" G_GINT64_FORMAT, m->ipv6.address, m->ipv6.prefix);
        return g_strdup(m->ipv6.mode == CORRAL_IPV6_MODE_OFF ? _("off") : _("automatic"));
    case DCUI_SCREEN_DNS:
        dns = corral_validate_join_list(m->dns.servers);
        search = corral_validate_join_list(m->dns.search);
        return g_strdup_printf(_("%s; servers: %s; suffixes: %s"), d->hostname,
                               *dns != '\0' ? dns : _("from DHCP"), *search != '\0' ? search : "-");
    default:
        return g_strdup("");
    }
}

static void
network_draw(DcuiScreen *self, DcuiApp *app)
{
    NetworkScreen *s = (NetworkScreen *)self;
    DcuiRect r;
    int list_w, y;

    dcui_paint_backdrop();
    r = dcui_paint_dialog(LINES - 2, MIN(COLS - 2, 110), _("Configure Management Network"),
                          _("<Up/Down> Select  <Enter> Change  <Esc> Exit"));
    list_w = MIN(r.w / 2 - 2, 30);
    for (guint i = 0; i < G_N_ELEMENTS(items) && (int)i < r.h; i++) {
        gboolean sel = i == s->selected;

        if (sel)
            dcui_paint_fill(r.y + (int)i, r.x, 1, list_w, DCUI_ROLE_SELECTED);
        dcui_paint_text(r.y + (int)i, r.x + 1, list_w - 2,
                        sel ? DCUI_ROLE_SELECTED : DCUI_ROLE_DIALOG, _(items[i].label));
    }
    y = r.y;
    for (guint i = 0; i < G_N_ELEMENTS(items); i++) {
        g_autofree char *text = summary(app, i);
        int dx = r.x + list_w + 2, dw = r.w - list_w - 2;

        if (i == s->selected) {
            dcui_paint_text(y, dx, dw, DCUI_ROLE_LABEL, _(items[i].label));
            dcui_paint_wrap(y + 1, dx + 2, dw - 2, 4, DCUI_ROLE_DIALOG, text);
        }
    }
    y = r.y + (int)G_N_ELEMENTS(items) + 2;
    if (s->state == STATE_APPLY_DUE)
        dcui_paint_wrap(y, r.x, r.w, 2, DCUI_ROLE_WARNING,
                        _("Applying the new settings to the management network…"));
    else if (s->error != NULL)
        dcui_paint_wrap(y, r.x, r.w, 4, DCUI_ROLE_ERROR, s->error);
    else if (dcui_app_draft_changed(app))
        dcui_paint_wrap(y, r.x, r.w, 2, DCUI_ROLE_WARNING,
                        _("Changed settings are applied when you leave this menu."));
}

const DcuiScreenClass dcui_screen_network_class = {
    .size = sizeof(NetworkScreen),
    .needs_login = TRUE,
    .init = network_init,
    .finalize = network_finalize,
    .draw = network_draw,
    .key = network_key,
    .tick = network_tick,
    .resume = network_resume,
};
