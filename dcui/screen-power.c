/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * F12 Shut Down/Restart: after the login, F2 shuts the host down and F11
 * restarts it, by running the configured commands (--poweroff-command,
 * --reboot-command). Virtual machines are stopped by the host's own
 * shutdown, as libvirt's guest handling is set up to.
 */
#include "config.h"

#include "dcui/app.h"
#include "dcui/paint.h"
#include "dcui/screen.h"

#include <glib/gi18n.h>

#define POWEROFF_DEFAULT "systemctl poweroff"
#define REBOOT_DEFAULT   "systemctl reboot"

typedef struct {
    DcuiScreen parent;
    char *message;
    gboolean error;
} PowerScreen;

static void
power_finalize(DcuiScreen *self)
{
    g_free(((PowerScreen *)self)->message);
}

static guint
power_key(DcuiScreen *self, DcuiApp *app, const DcuiKey *key)
{
    PowerScreen *s = (PowerScreen *)self;
    g_autoptr(GError) error = NULL;
    const char *command;
    gboolean reboot;

    if (key->action == DCUI_ACTION_CANCEL)
        return DCUI_CLOSE;
    if (key->action != DCUI_ACTION_CUSTOMIZE && key->action != DCUI_ACTION_CONFIRM)
        return 0;
    reboot = key->action == DCUI_ACTION_CONFIRM;
    command = reboot ? app->options.reboot_command : app->options.poweroff_command;
    if (command == NULL)
        command = reboot ? REBOOT_DEFAULT : POWEROFF_DEFAULT;
    g_free(s->message);
    s->error = !dcui_app_run_command(command, &error);
    s->message = s->error ? g_strdup(error->message)
                          : g_strdup(reboot ? _("The host is restarting…")
                                            : _("The host is shutting down…"));
    return DCUI_REDRAW;
}

static void
power_draw(DcuiScreen *self, DcuiApp *app)
{
    PowerScreen *s = (PowerScreen *)self;
    DcuiRect r;

    dcui_paint_backdrop();
    r = dcui_paint_dialog(12, 72, _("Shut Down/Restart"),
                          _("<F2> Shut Down  <F11> Restart  <Esc> Cancel"));
    dcui_paint_wrap(r.y, r.x, r.w, 4, DCUI_ROLE_DIALOG,
                    _("Shutting down or restarting this host stops every virtual machine on it "
                      "that is still running."));
    if (s->message != NULL)
        dcui_paint_wrap(r.y + r.h - 2, r.x, r.w, 2, s->error ? DCUI_ROLE_ERROR : DCUI_ROLE_WARNING,
                        s->message);
}

const DcuiScreenClass dcui_screen_power_class = {
    .size = sizeof(PowerScreen),
    .needs_login = TRUE,
    .finalize = power_finalize,
    .draw = power_draw,
    .key = power_key,
};
