/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Network Adapters: the host's adapters with MAC address and link state;
 * the one chosen carries the management network.
 */
#include "config.h"

#include "common/hostcfg/netlink.h"
#include "dcui/app.h"
#include "dcui/paint.h"
#include "dcui/screen.h"

#include <glib/gi18n.h>

typedef struct {
    DcuiScreen parent;
    GPtrArray *links;
    guint selected;
    char *error;
} AdaptersScreen;

static void
adapters_init(DcuiScreen *self, DcuiApp *app)
{
    AdaptersScreen *s = (AdaptersScreen *)self;
    g_autoptr(GError) error = NULL;

    s->links = dcui_app_list_adapters(app, &error);
    if (s->links == NULL) {
        s->links = g_ptr_array_new();
        s->error = g_strdup(error->message);
    }
    for (guint i = 0; i < s->links->len; i++)
        if (g_strcmp0(((CorralNetLink *)s->links->pdata[i])->name,
                      app->draft->management.interface) == 0)
            s->selected = i;
}

static void
adapters_finalize(DcuiScreen *self)
{
    AdaptersScreen *s = (AdaptersScreen *)self;

    g_ptr_array_unref(s->links);
    g_free(s->error);
}

static guint
adapters_key(DcuiScreen *self, DcuiApp *app, const DcuiKey *key)
{
    AdaptersScreen *s = (AdaptersScreen *)self;
    guint n = s->links->len;

    switch (key->action) {
    case DCUI_ACTION_UP:
        if (n > 0)
            s->selected = (s->selected + n - 1) % n;
        return DCUI_REDRAW;
    case DCUI_ACTION_DOWN:
        if (n > 0)
            s->selected = (s->selected + 1) % n;
        return DCUI_REDRAW;
    case DCUI_ACTION_CANCEL:
        return DCUI_CLOSE;
    case DCUI_ACTION_ACCEPT:
        if (n > 0) {
            g_free(app->draft->management.interface);
            app->draft->management.interface =
                g_strdup(((CorralNetLink *)s->links->pdata[s->selected])->name);
        }
        return DCUI_CLOSE;
    default:
        return 0;
    }
}

static void
adapters_draw(DcuiScreen *self, DcuiApp *app)
{
    AdaptersScreen *s = (AdaptersScreen *)self;
    DcuiRect r;
    g_autofree char *head = NULL;

    dcui_paint_backdrop();
    r = dcui_paint_dialog(LINES - 4, MIN(COLS - 4, 90), _("Network Adapters"),
                          _("<Up/Down> Select  <Enter> OK  <Esc> Cancel"));
    dcui_paint_wrap(r.y, r.x, r.w, 2, DCUI_ROLE_DIALOG,
                    _("Select the adapter that carries the management network."));
    head = g_strdup_printf("    %-16s %-19s %s", _("Device"), _("MAC address"), _("Status"));
    dcui_paint_text(r.y + 3, r.x, r.w, DCUI_ROLE_LABEL, head);
    for (guint i = 0; i < s->links->len && (int)i + 4 < r.h; i++) {
        CorralNetLink *l = s->links->pdata[i];
        gboolean sel = i == s->selected;
        const char *state = !l->up ? _("Down") : l->carrier ? _("Connected") : _("Disconnected");
        g_autofree char *line = g_strdup_printf("%s %-16s %-19s %s", sel ? "[X]" : "[ ]", l->name,
                                                l->mac != NULL ? l->mac : "-", state);

        dcui_paint_text(r.y + 4 + (int)i, r.x, r.w, sel ? DCUI_ROLE_SELECTED : DCUI_ROLE_DIALOG,
                        line);
    }
    if (s->error != NULL)
        dcui_paint_wrap(r.y + r.h - 2, r.x, r.w, 2, DCUI_ROLE_ERROR, s->error);
}

const DcuiScreenClass dcui_screen_adapters_class = {
    .size = sizeof(AdaptersScreen),
    .needs_login = TRUE,
    .init = adapters_init,
    .finalize = adapters_finalize,
    .draw = adapters_draw,
    .key = adapters_key,
};
