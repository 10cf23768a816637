/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * System Customization: the menu after login, one table of items on the
 * left and the selected item's description on the right. Most items open
 * a screen; two ask first and then act (Restart Management Network, Reset
 * System Configuration). Esc logs out.
 */
#include "config.h"

#include "common/hostcfg/user-store.h"
#include "dcui/app.h"
#include "dcui/paint.h"
#include "dcui/screen.h"

#include <glib/gi18n.h>

typedef enum { ITEM_OPEN, ITEM_RESTART_NETWORK, ITEM_RESET } ItemKind;

typedef struct {
    const char *label;
    const char *description;
    ItemKind kind;
    DcuiScreenId screen;
} Item;

static const Item items[] = {
    {N_("Configure Password"),
     N_("Set the root password, used here and to log in with the client."), ITEM_OPEN,
     DCUI_SCREEN_PASSWORD},
    {N_("Configure Lockdown Mode"),
     N_("In lockdown mode the host is managed only through the management API, not at this "
        "console."),
     ITEM_OPEN, DCUI_SCREEN_LOCKDOWN},
    {N_("Configure Management Network"),
     N_("The network adapter, VLAN, IPv4, IPv6, DNS servers, host name and search suffixes of "
        "the management network."),
     ITEM_OPEN, DCUI_SCREEN_NETWORK},
    {N_("Restart Management Network"),
     N_("Applies the management network settings again and renews the DHCP lease. Clients are "
        "disconnected for a moment."),
     ITEM_RESTART_NETWORK, DCUI_SCREEN_LAST},
    {N_("Test Management Network"),
     N_("Pings the default gateway and the DNS servers and resolves the host name."), ITEM_OPEN,
     DCUI_SCREEN_TEST_NETWORK},
    {N_("Network Restore Options"),
     N_("Restores the management network to its defaults: DHCP on the first adapter, no VLAN."),
     ITEM_OPEN, DCUI_SCREEN_RESTORE},
    {N_("Configure Keyboard"), N_("The layout of the keyboard attached to this host."), ITEM_OPEN,
     DCUI_SCREEN_KEYBOARD},
    {N_("Date, Time and NTP"), N_("The time zone and the NTP servers this host keeps time with."),
     ITEM_OPEN, DCUI_SCREEN_DATETIME},
    {N_("Troubleshooting Options"),
     N_("SSH and the local shell, with their timeouts, and Restart Management Agents."), ITEM_OPEN,
     DCUI_SCREEN_TROUBLESHOOTING},
    {N_("View System Logs"), N_("The management agent's log, with search."), ITEM_OPEN,
     DCUI_SCREEN_LOGS},
    {N_("View Support Information"),
     N_("Serial number, UUID, versions and the certificate thumbprint."), ITEM_OPEN,
     DCUI_SCREEN_SUPPORT},
    {N_("Virtual Machines"),
     N_("The virtual machines of this host, and their power, through the management agent."),
     ITEM_OPEN, DCUI_SCREEN_VMS},
    {N_("Reset System Configuration"),
     N_("Returns every setting to its default and removes the root password."), ITEM_RESET,
     DCUI_SCREEN_LAST},
};

typedef struct {
    DcuiScreen parent;
    guint selected;
} MenuScreen;

static guint
menu_key(DcuiScreen *self, DcuiApp *app, const DcuiKey *key)
{
    MenuScreen *s = (MenuScreen *)self;
    const Item *item = &items[s->selected];

    switch (key->action) {
    case DCUI_ACTION_UP:
        s->selected = (s->selected + G_N_ELEMENTS(items) - 1) % G_N_ELEMENTS(items);
        return DCUI_REDRAW;
    case DCUI_ACTION_DOWN:
        s->selected = (s->selected + 1) % G_N_ELEMENTS(items);
        return DCUI_REDRAW;
    case DCUI_ACTION_HOME:
        s->selected = 0;
        return DCUI_REDRAW;
    case DCUI_ACTION_END:
        s->selected = G_N_ELEMENTS(items) - 1;
        return DCUI_REDRAW;
    case DCUI_ACTION_CANCEL:
        return DCUI_HOME;
    case DCUI_ACTION_ACCEPT:
        break;
    default:
        return 0;
    }
    switch (item->kind) {
    case ITEM_OPEN:
        return DCUI_OPEN_SCREEN(item->screen);
    case ITEM_RESTART_NETWORK:
        dcui_app_set_dialog(app, _("Restart Management Network"),
                            _("Restart the management network?"),
                            _("Clients connected to this host are disconnected for a moment and "
                              "a new DHCP lease is requested. Virtual machines keep running."));
        return DCUI_OPEN_SCREEN(DCUI_SCREEN_CONFIRM);
    case ITEM_RESET:
        dcui_app_set_dialog(app, _("Reset System Configuration"),
                            _("Reset the whole system configuration?"),
                            _("Every setting returns to its default, the management network "
                              "goes back to DHCP and the root password is removed: you will be "
                              "asked for a new one. Virtual machines are not touched."));
        return DCUI_OPEN_SCREEN(DCUI_SCREEN_CONFIRM);
    }
    return 0;
}

static guint
show_result(DcuiApp *app, const char *title, const char *done, GError *error)
{
    dcui_app_set_dialog(app, title, error == NULL ? done : _("It did not work."),
                        error != NULL ? error->message : NULL);
    return DCUI_OPEN_SCREEN(DCUI_SCREEN_MESSAGE);
}

static guint
reset_configuration(DcuiApp *app)
{
    g_autoptr(GError) error = NULL;
    CorralHostConfig *defaults =
        corral_host_config_new_default(app->host->hostname, app->host->management.interface);

    if (!dcui_app_save_host(app, defaults, &error) ||
        !corral_user_store_set_password(app->users, "root", NULL, &error))
        return show_result(app, _("Reset System Configuration"), NULL, error);
    dcui_app_restart_network(app, NULL);
    return DCUI_HOME;
}

static guint
menu_resume(DcuiScreen *self, DcuiApp *app, const DcuiScreen *child)
{
    MenuScreen *s = (MenuScreen *)self;
    g_autoptr(GError) error = NULL;

    if (child->id != DCUI_SCREEN_CONFIRM || child->result != DCUI_RESULT_YES)
        return 0;
    switch (items[s->selected].kind) {
    case ITEM_RESTART_NETWORK:
        dcui_app_restart_network(app, &error);
        return show_result(app, _("Restart Management Network"),
                           _("The management network was restarted."), error);
    case ITEM_RESET:
        return reset_configuration(app);
    default:
        return 0;
    }
}

static void
menu_draw(DcuiScreen *self, DcuiApp *app)
{
    MenuScreen *s = (MenuScreen *)self;
    DcuiRect r;
    int list_w, y = 0;
    g_autofree char *who = NULL;

    dcui_paint_backdrop();
    r = dcui_paint_dialog(LINES - 2, MIN(COLS - 2, 110), _("System Customization"),
                          _("<Up/Down> Select  <Enter> Open  <Esc> Log Out"));
    list_w = MIN(r.w / 2, 38);
    for (guint i = 0; i < G_N_ELEMENTS(items); i++) {
        gboolean sel = i == s->selected;

        /* A blank line between the groups, as ESXi's menu has them. */
        if (i == 2 || i == 6 || i == 9 || i == 12)
            y++;
        if (y >= r.h)
            break;
        if (sel)
            dcui_paint_fill(r.y + y, r.x, 1, list_w, DCUI_ROLE_SELECTED);
        dcui_paint_text(r.y + y, r.x + 1, list_w - 2, sel ? DCUI_ROLE_SELECTED : DCUI_ROLE_DIALOG,
                        _(items[i].label));
        y++;
    }
    attrset(dcui_crt_attr(DCUI_ROLE_DIALOG));
    mvvline(r.y, r.x + list_w + 1, ACS_VLINE, r.h);
    attrset(A_NORMAL);
    {
        int dx = r.x + list_w + 3, dw = r.w - list_w - 3;
        int dy = r.y;

        dcui_paint_text(dy, dx, dw, DCUI_ROLE_LABEL, _(items[s->selected].label));
        dy += 2;
        dy += dcui_paint_wrap(dy, dx, dw, 8, DCUI_ROLE_DIALOG, _(items[s->selected].description));
        who = g_strdup_printf(_("Logged in as %s on %s."), app->user, app->host->hostname);
        dcui_paint_wrap(r.y + r.h - 2, dx, dw, 2, DCUI_ROLE_LABEL, who);
    }
}

const DcuiScreenClass dcui_screen_menu_class = {
    .size = sizeof(MenuScreen),
    .needs_login = TRUE,
    .draw = menu_draw,
    .key = menu_key,
    .resume = menu_resume,
};
