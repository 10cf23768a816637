/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The one loop of corral-dcui: reads a key, turns it into an action through
 * the key table, hands it to the top screen, acts on the flags it returns
 * (open, close, home, quit), logs an idle session out, and draws. Nothing
 * else reads keys or refreshes the terminal.
 */
#pragma once

#include "dcui/app.h"
#include "dcui/screen.h"

G_BEGIN_DECLS

typedef struct DcuiScreenManager DcuiScreenManager;

DcuiScreenManager *dcui_screen_manager_new(DcuiApp *app);
void dcui_screen_manager_free(DcuiScreenManager *manager);

/* Runs until a screen returns DCUI_QUIT. Curses must be set up. */
void dcui_screen_manager_run(DcuiScreenManager *manager);

G_END_DECLS
