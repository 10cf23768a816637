/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A yes/no question: the title, question and its impact that the opener
 * put in app->dialog. Y (or F11) answers yes, N no, Esc cancels; the
 * answer goes back to the opener's resume() in result.
 */
#include "config.h"

#include "dcui/app.h"
#include "dcui/paint.h"
#include "dcui/screen.h"

#include <glib/gi18n.h>

typedef struct {
    DcuiScreen parent;
} ConfirmScreen;

static guint
confirm_key(DcuiScreen *self, DcuiApp *app, const DcuiKey *key)
{
    gunichar c = g_unichar_tolower(key->ch);

    if (key->action == DCUI_ACTION_CONFIRM || (key->action == DCUI_ACTION_CHAR && c == 'y'))
        self->result = DCUI_RESULT_YES;
    else if (key->action == DCUI_ACTION_CHAR && c == 'n')
        self->result = DCUI_RESULT_NO;
    else if (key->action == DCUI_ACTION_CANCEL)
        self->result = DCUI_RESULT_CANCEL;
    else
        return 0;
    return DCUI_CLOSE;
}

static void
confirm_draw(DcuiScreen *self, DcuiApp *app)
{
    DcuiRect r;
    int y;

    dcui_paint_backdrop();
    r = dcui_paint_dialog(16, 72, app->dialog.title != NULL ? app->dialog.title : "",
                          _("<Y> Yes  <N> No  <Esc> Cancel"));
    y = r.y + dcui_paint_wrap(r.y, r.x, r.w, 3, DCUI_ROLE_DIALOG, app->dialog.text) + 1;
    if (app->dialog.detail != NULL)
        dcui_paint_wrap(y, r.x, r.w, r.y + r.h - y, DCUI_ROLE_WARNING, app->dialog.detail);
}

const DcuiScreenClass dcui_screen_confirm_class = {
    .size = sizeof(ConfirmScreen),
    .draw = confirm_draw,
    .key = confirm_key,
};
