/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The status screen, always at the bottom of the stack: product and
 * version, the machine, the management URL(s) tagged DHCP or STATIC, the
 * certificate thumbprint, and a QR code of the URL with the thumbprint for
 * the client to pin. F2 customizes (after a login), F12 shuts down.
 */
#include "config.h"

#include "common/hostcfg/netlink.h"
#include "dcui/agent.h"
#include "dcui/app.h"
#include "dcui/paint.h"
#include "dcui/qr.h"
#include "dcui/screen.h"
#include "dcui/sysinfo.h"

#include <glib/gi18n.h>
#include <string.h>
#include <sys/socket.h>

#define REFRESH_S 5

typedef struct {
    DcuiScreen parent;
    DcuiSysinfo *info;
    char *thumbprint;
    GPtrArray *urls; /* char *: "https://…/ (DHCP)" */
    char *qr_text;
    GStrv qr;
    guint ticks;
} StatusScreen;

static void
status_finalize(DcuiScreen *self)
{
    StatusScreen *s = (StatusScreen *)self;

    dcui_sysinfo_free(s->info);
    g_free(s->thumbprint);
    g_ptr_array_unref(s->urls);
    g_free(s->qr_text);
    g_strfreev(s->qr);
}

static const char *
mode_tag(const CorralHostConfig *host, int family)
{
    if (family == AF_INET)
        return host->management.ipv4.mode == CORRAL_IPV4_MODE_DHCP ? _("DHCP") : _("STATIC");
    return host->management.ipv6.mode == CORRAL_IPV6_MODE_STATIC ? _("STATIC") : _("AUTO");
}

static void
read_urls(StatusScreen *s, DcuiApp *app)
{
    g_autoptr(CorralNetlink) nl = corral_netlink_open(NULL);
    g_autofree char *link = corral_host_config_dup_link_name(app->host);
    g_autoptr(GPtrArray) addresses = NULL;
    guint port = dcui_agent_port(app);
    int index;

    g_ptr_array_set_size(s->urls, 0);
    index = nl != NULL ? corral_netlink_link_index(nl, link, NULL) : 0;
    if (index != 0)
        addresses = corral_netlink_list_addresses(nl, index, 0, NULL);
    for (guint i = 0; addresses != NULL && i < addresses->len; i++) {
        CorralNetAddress *a = addresses->pdata[i];
        gboolean v6 = a->family == AF_INET6;

        if (!a->global)
            continue;
        g_ptr_array_add(s->urls,
                        g_strdup_printf("https://%s%s%s:%u/ (%s)", v6 ? "[" : "", a->address,
                                        v6 ? "]" : "", port, mode_tag(app->host, a->family)));
    }
}

static void
refresh_status(StatusScreen *s, DcuiApp *app)
{
    g_autofree char *text = NULL;

    read_urls(s, app);
    g_free(s->thumbprint);
    s->thumbprint = dcui_agent_dup_thumbprint(app);
    if (s->urls->len == 0 || s->thumbprint == NULL)
        return;
    /* The first URL without its tag, and the thumbprint without colons:
     * short enough for a version-5 code beside the text on 80×25. */
    {
        g_auto(GStrv) parts = g_strsplit(s->urls->pdata[0], " ", 2);
        GString *hex = g_string_new(NULL);

        for (const char *p = s->thumbprint; *p != '\0'; p++)
            if (g_ascii_isxdigit(*p))
                g_string_append_c(hex, *p);
        text = g_strdup_printf("%s#thumbprint=%s", parts[0], hex->str);
        g_string_free(hex, TRUE);
    }
    if (g_strcmp0(text, s->qr_text) != 0) {
        g_free(s->qr_text);
        s->qr_text = g_steal_pointer(&text);
        g_strfreev(s->qr);
        s->qr = dcui_qr_render(s->qr_text);
    }
}

static void
status_init(DcuiScreen *self, DcuiApp *app)
{
    StatusScreen *s = (StatusScreen *)self;

    s->info = dcui_sysinfo_read();
    s->urls = g_ptr_array_new_with_free_func(g_free);
}

static guint
status_tick(DcuiScreen *self, DcuiApp *app)
{
    StatusScreen *s = (StatusScreen *)self;

    if (s->ticks++ % REFRESH_S != 0)
        return 0;
    refresh_status(s, app);
    return DCUI_REDRAW;
}

static guint
status_resume(DcuiScreen *self, DcuiApp *app, const DcuiScreen *child)
{
    StatusScreen *s = (StatusScreen *)self;

    s->ticks = 0;
    return status_tick(self, app);
}

static guint
status_key(DcuiScreen *self, DcuiApp *app, const DcuiKey *key)
{
    switch (key->action) {
    case DCUI_ACTION_CUSTOMIZE:
        if (app->host->lockdown == CORRAL_LOCKDOWN_STRICT) {
            dcui_app_set_dialog(app, _("Strict Lockdown Mode"),
                                _("This host is in strict lockdown mode: it is managed through "
                                  "the management API only."),
                                _("An administrator can turn lockdown mode off with the client."));
            return DCUI_OPEN_SCREEN(DCUI_SCREEN_MESSAGE);
        }
        app->after_login = DCUI_SCREEN_MENU;
        return DCUI_OPEN_SCREEN(app->user != NULL ? DCUI_SCREEN_MENU : DCUI_SCREEN_LOGIN);
    case DCUI_ACTION_POWER:
        app->after_login = DCUI_SCREEN_POWER;
        return DCUI_OPEN_SCREEN(app->user != NULL ? DCUI_SCREEN_POWER : DCUI_SCREEN_LOGIN);
    default:
        return 0;
    }
}

static void
status_draw(DcuiScreen *self, DcuiApp *app)
{
    StatusScreen *s = (StatusScreen *)self;
    int qr_h = s->qr != NULL ? (int)g_strv_length(s->qr) : 0;
    int qr_w = qr_h > 0 ? dcui_paint_width(s->qr[0]) : 0;
    gboolean show_qr = qr_h > 0 && qr_h <= LINES - 3 && COLS - qr_w >= 34;
    int text_w = (show_qr ? COLS - qr_w - 2 : COLS) - 2;
    int top_h = LINES * 2 / 5, y;
    g_autofree char *memory = g_format_size_full(s->info->memory_bytes, G_FORMAT_SIZE_IEC_UNITS);
    g_autofree char *cpu = g_strdup_printf(_("%u × %s"), s->info->cpus, s->info->cpu_model);
    g_autofree char *machine = s->info->has_dmi
                                   ? g_strdup_printf("%s %s", s->info->vendor, s->info->model)
                                   : g_strdup(_("Hardware vendor and model not reported"));
    g_autofree char *mem_line = g_strdup_printf(_("%s memory"), memory);

    dcui_paint_fill(0, 0, top_h, COLS, DCUI_ROLE_BANNER);
    dcui_paint_fill(top_h, 0, LINES - top_h, COLS, DCUI_ROLE_DESKTOP);
    y = 1;
    dcui_paint_text(y++, 2, text_w, DCUI_ROLE_BANNER_STRONG,
                    PACKAGE_NAME " " PACKAGE_VERSION " — KVM");
    y++;
    dcui_paint_text(y++, 2, text_w, DCUI_ROLE_BANNER, machine);
    y += dcui_paint_wrap(y, 2, text_w, 2, DCUI_ROLE_BANNER, cpu);
    dcui_paint_text(y++, 2, text_w, DCUI_ROLE_BANNER, mem_line);

    y = top_h + 1;
    if (s->urls->len > 0) {
        dcui_paint_text(y++, 2, text_w, DCUI_ROLE_DESKTOP, _("To manage this host, go to:"));
        for (guint i = 0; i < s->urls->len && y < LINES - 8; i++)
            y += dcui_paint_wrap(y, 2, text_w, 2, DCUI_ROLE_STRONG, s->urls->pdata[i]);
    } else {
        y += dcui_paint_wrap(y, 2, text_w, 3, DCUI_ROLE_STRONG,
                             _("The management network has no address. Press F2 to configure "
                               "it."));
    }
    y++;
    dcui_paint_text(y++, 2, text_w, DCUI_ROLE_DESKTOP, _("Certificate thumbprint (SHA-256):"));
    y += dcui_paint_wrap(y, 2, text_w, 4, DCUI_ROLE_STRONG,
                         s->thumbprint != NULL ? s->thumbprint
                                               : _("(not made yet: corrald makes it on its first "
                                                   "start)"));
    if (qr_h > 0 && !show_qr)
        dcui_paint_wrap(LINES - 3, 2, text_w, 1, DCUI_ROLE_DESKTOP,
                        _("Enlarge the console to see the QR code."));
    if (show_qr) {
        int qy = MAX((LINES - 1 - qr_h) / 2, 0), qx = COLS - qr_w - 1;

        for (int r = 0; r < qr_h; r++)
            dcui_paint_text(qy + r, qx, qr_w, DCUI_ROLE_QR, s->qr[r]);
    }
    dcui_paint_fill(LINES - 1, 0, 1, COLS, DCUI_ROLE_HINT);
    dcui_paint_text(LINES - 1, 1, COLS / 2, DCUI_ROLE_HINT, _("<F2> Customize System/View Logs"));
    {
        const char *right = _("<F12> Shut Down/Restart");
        int rw = dcui_paint_width(right);

        dcui_paint_text(LINES - 1, COLS - rw - 1, rw, DCUI_ROLE_HINT, right);
    }
}

const DcuiScreenClass dcui_screen_status_class = {
    .size = sizeof(StatusScreen),
    .init = status_init,
    .finalize = status_finalize,
    .draw = status_draw,
    .key = status_key,
    .tick = status_tick,
    .resume = status_resume,
};
