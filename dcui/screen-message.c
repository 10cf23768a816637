/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A message: the title, text and detail the opener put in app->dialog,
 * closed with Enter or Esc.
 */
#include "config.h"

#include "dcui/app.h"
#include "dcui/paint.h"
#include "dcui/screen.h"

#include <glib/gi18n.h>

typedef struct {
    DcuiScreen parent;
} MessageScreen;

static guint
message_key(DcuiScreen *self, DcuiApp *app, const DcuiKey *key)
{
    if (key->action == DCUI_ACTION_ACCEPT || key->action == DCUI_ACTION_CANCEL) {
        self->result = DCUI_RESULT_DONE;
        return DCUI_CLOSE;
    }
    return 0;
}

static void
message_draw(DcuiScreen *self, DcuiApp *app)
{
    DcuiRect r;
    int y;

    dcui_paint_backdrop();
    r = dcui_paint_dialog(14, 70, app->dialog.title != NULL ? app->dialog.title : "",
                          _("<Enter> OK"));
    y = r.y + dcui_paint_wrap(r.y, r.x, r.w, 4, DCUI_ROLE_DIALOG, app->dialog.text) + 1;
    if (app->dialog.detail != NULL)
        dcui_paint_wrap(y, r.x, r.w, r.y + r.h - y, DCUI_ROLE_LABEL, app->dialog.detail);
}

const DcuiScreenClass dcui_screen_message_class = {
    .size = sizeof(MessageScreen),
    .draw = message_draw,
    .key = message_key,
};
