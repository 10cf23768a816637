/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The countdown after a management network change: keep it (Enter or
 * F11) or go back now (Esc). When the deadline passes, the guard process
 * (not this screen) restores the previous settings, so the rollback also
 * happens if the console is killed; this screen only watches.
 */
#include "config.h"

#include "dcui/app.h"
#include "dcui/paint.h"
#include "dcui/screen.h"

#include <glib/gi18n.h>

typedef struct {
    DcuiScreen parent;
    gint64 deadline;
} RollbackScreen;

static guint
finish(DcuiApp *app, const char *text, const char *detail)
{
    dcui_app_set_dialog(app, _("Configure Management Network"), text, detail);
    return DCUI_CLOSE | DCUI_OPEN_SCREEN(DCUI_SCREEN_MESSAGE);
}

static guint
rollback_tick(DcuiScreen *self, DcuiApp *app)
{
    RollbackScreen *s = (RollbackScreen *)self;

    if (dcui_app_rollback_pending(app, &s->deadline))
        return DCUI_REDRAW;
    /* Not pending any more and not by us: the guard has rolled back. */
    dcui_app_reload_host(app);
    return finish(app,
                  _("The change was not confirmed in time; the previous management network "
                    "settings are back."),
                  NULL);
}

static guint
rollback_key(DcuiScreen *self, DcuiApp *app, const DcuiKey *key)
{
    g_autoptr(GError) error = NULL;

    if (key->action == DCUI_ACTION_ACCEPT || key->action == DCUI_ACTION_CONFIRM) {
        if (!dcui_app_confirm_network(app, &error)) {
            dcui_app_reload_host(app);
            return finish(app, _("The change could not be kept."), error->message);
        }
        return finish(app, _("The new management network settings are kept."), NULL);
    }
    if (key->action == DCUI_ACTION_CANCEL) {
        if (!dcui_app_revert_network(app, &error))
            return finish(app, _("Restoring the previous settings failed."), error->message);
        return finish(app, _("The previous management network settings are back."), NULL);
    }
    return 0;
}

static void
rollback_draw(DcuiScreen *self, DcuiApp *app)
{
    RollbackScreen *s = (RollbackScreen *)self;
    gint64 left = MAX(s->deadline - g_get_real_time() / G_USEC_PER_SEC, 0);
    g_autofree char *count =
        g_strdup_printf(ngettext("The previous settings come back in %d second.",
                                 "The previous settings come back in %d seconds.", (gulong)left),
                        (int)left);
    DcuiRect r;
    int y;

    dcui_paint_backdrop();
    r = dcui_paint_dialog(14, 72, _("Confirm Management Network"),
                          _("<Enter> Keep the new settings  <Esc> Go back now"));
    y = r.y +
        dcui_paint_wrap(r.y, r.x, r.w, 3, DCUI_ROLE_DIALOG,
                        _("The new management network settings are applied. Check that "
                          "the host can be reached, then keep them.")) +
        1;
    dcui_paint_wrap(y, r.x, r.w, 2, DCUI_ROLE_WARNING, count);
}

const DcuiScreenClass dcui_screen_rollback_class = {
    .size = sizeof(RollbackScreen),
    .draw = rollback_draw,
    .key = rollback_key,
    .tick = rollback_tick,
};
