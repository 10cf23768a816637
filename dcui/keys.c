/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The key table. Enter arrives as 13 in raw mode with nonl(), 10 from some
 * terminals and KEY_ENTER from the keypad: all three accept. F2 customizes
 * (and shuts down in the power dialog), F11 confirms, F12 is power.
 */
#include "dcui/keys.h"

#include <ncurses.h>

typedef struct {
    gboolean function_key; /* a KEY_* code, not a character */
    guint code;
    DcuiAction action;
} Binding;

static const Binding bindings[] = {
    {TRUE, KEY_UP, DCUI_ACTION_UP},
    {TRUE, KEY_DOWN, DCUI_ACTION_DOWN},
    {TRUE, KEY_LEFT, DCUI_ACTION_LEFT},
    {TRUE, KEY_RIGHT, DCUI_ACTION_RIGHT},
    {TRUE, KEY_PPAGE, DCUI_ACTION_PAGE_UP},
    {TRUE, KEY_NPAGE, DCUI_ACTION_PAGE_DOWN},
    {TRUE, KEY_HOME, DCUI_ACTION_HOME},
    {TRUE, KEY_END, DCUI_ACTION_END},
    {TRUE, KEY_ENTER, DCUI_ACTION_ACCEPT},
    {FALSE, 10, DCUI_ACTION_ACCEPT},
    {FALSE, 13, DCUI_ACTION_ACCEPT},
    {FALSE, 27, DCUI_ACTION_CANCEL},
    {FALSE, '\t', DCUI_ACTION_NEXT},
    {TRUE, KEY_BTAB, DCUI_ACTION_PREVIOUS},
    {TRUE, KEY_BACKSPACE, DCUI_ACTION_ERASE_BACK},
    {FALSE, 127, DCUI_ACTION_ERASE_BACK},
    {FALSE, 8, DCUI_ACTION_ERASE_BACK},
    {TRUE, KEY_DC, DCUI_ACTION_ERASE},
    {TRUE, KEY_F(2), DCUI_ACTION_CUSTOMIZE},
    {TRUE, KEY_F(11), DCUI_ACTION_CONFIRM},
    {TRUE, KEY_F(12), DCUI_ACTION_POWER},
    {FALSE, 12, DCUI_ACTION_REDRAW}, /* Ctrl-L */
    {TRUE, KEY_RESIZE, DCUI_ACTION_RESIZE},
    {FALSE, 3, DCUI_ACTION_NONE}, /* Ctrl-C: raw mode makes it a key; ignore it */
};

#define DCUI_ACTION_NAME(id, name) [id] = name,
static const char *const names[] = {DCUI_ACTIONS(DCUI_ACTION_NAME)};
#undef DCUI_ACTION_NAME

DcuiKey
dcui_keys_lookup(int kind, guint code)
{
    gboolean function_key = kind == KEY_CODE_YES;

    for (gsize i = 0; i < G_N_ELEMENTS(bindings); i++)
        if (bindings[i].function_key == function_key && bindings[i].code == code)
            return (DcuiKey){bindings[i].action, 0};
    if (!function_key && g_unichar_isprint(code))
        return (DcuiKey){DCUI_ACTION_CHAR, code};
    return (DcuiKey){DCUI_ACTION_NONE, 0};
}

const char *
dcui_action_name(DcuiAction action)
{
    return action < DCUI_ACTION_LAST ? names[action] : "?";
}
