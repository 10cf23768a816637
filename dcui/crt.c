/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ncurses setup and the colour roles. Only this file calls initscr(),
 * start_color() and init_pair(); everything else paints through
 * dcui_crt_attr().
 */
#include "dcui/crt.h"

#include <stdlib.h>

typedef struct {
    short fg, bg;
    attr_t attr, mono;
} Role;

#define DCUI_ROLE_ROW(role, fg, bg, attr, mono) [role] = {fg, bg, attr, mono},
static const Role roles[] = {DCUI_ROLES(DCUI_ROLE_ROW)};
#undef DCUI_ROLE_ROW

static gboolean mono;

void
dcui_crt_init(gboolean monochrome)
{
    initscr();
    raw();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    set_escdelay(25);
    curs_set(0);
    mono = monochrome || !has_colors();
    if (!mono) {
        start_color();
        for (int r = 0; r < DCUI_ROLE_LAST; r++)
            init_pair((short)(r + 1), roles[r].fg, roles[r].bg);
    }
}

void
dcui_crt_done(void)
{
    endwin();
}

attr_t
dcui_crt_attr(DcuiRole role)
{
    if (mono)
        return roles[role].mono;
    return COLOR_PAIR(role + 1) | roles[role].attr;
}

gboolean
dcui_crt_is_monochrome(void)
{
    return mono;
}

int
dcui_crt_read(int timeout_ms, wint_t *ch)
{
    timeout(timeout_ms);
    return get_wch(ch);
}
