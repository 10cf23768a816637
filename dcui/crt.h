/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The terminal: all of corral-dcui's ncurses setup and its colours, in the
 * manner of htop's CRT.c. Screens never name a colour: they paint with
 * roles (title, selected, error …), which this file maps to colour pairs,
 * or to attributes alone on a monochrome terminal.
 */
#pragma once

#include <glib.h>
#include <ncurses.h>

G_BEGIN_DECLS

/* X(role, foreground, background, colour attributes, monochrome attributes) */
#define DCUI_ROLES(X)                                                                              \
    X(DCUI_ROLE_DESKTOP, COLOR_BLACK, COLOR_YELLOW, A_NORMAL, A_NORMAL)                            \
    X(DCUI_ROLE_BANNER, COLOR_BLACK, COLOR_WHITE, A_NORMAL, A_REVERSE)                             \
    X(DCUI_ROLE_BANNER_STRONG, COLOR_BLUE, COLOR_WHITE, A_BOLD, A_REVERSE | A_BOLD)                \
    X(DCUI_ROLE_STRONG, COLOR_BLUE, COLOR_YELLOW, A_NORMAL, A_BOLD)                                \
    X(DCUI_ROLE_DIALOG, COLOR_BLACK, COLOR_WHITE, A_NORMAL, A_NORMAL)                              \
    X(DCUI_ROLE_TITLE, COLOR_BLACK, COLOR_YELLOW, A_NORMAL, A_REVERSE | A_BOLD)                    \
    X(DCUI_ROLE_LABEL, COLOR_BLUE, COLOR_WHITE, A_NORMAL, A_NORMAL)                                \
    X(DCUI_ROLE_SELECTED, COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE)                              \
    X(DCUI_ROLE_FIELD, COLOR_WHITE, COLOR_BLUE, A_NORMAL, A_UNDERLINE)                             \
    X(DCUI_ROLE_FIELD_FOCUS, COLOR_YELLOW, COLOR_BLUE, A_BOLD, A_REVERSE | A_UNDERLINE)            \
    X(DCUI_ROLE_ERROR, COLOR_RED, COLOR_WHITE, A_BOLD, A_BOLD)                                     \
    X(DCUI_ROLE_WARNING, COLOR_MAGENTA, COLOR_WHITE, A_BOLD, A_BOLD | A_UNDERLINE)                 \
    X(DCUI_ROLE_GOOD, COLOR_GREEN, COLOR_WHITE, A_BOLD, A_BOLD)                                    \
    X(DCUI_ROLE_HINT, COLOR_BLACK, COLOR_YELLOW, A_NORMAL, A_REVERSE)                              \
    X(DCUI_ROLE_QR, COLOR_BLACK, COLOR_WHITE, A_NORMAL, A_REVERSE)

#define DCUI_ROLE_ENUM(role, fg, bg, attr, mono) role,
typedef enum { DCUI_ROLES(DCUI_ROLE_ENUM) DCUI_ROLE_LAST } DcuiRole;
#undef DCUI_ROLE_ENUM

/* Sets up curses on the terminal: raw keys (Ctrl-C is a key, not a
 * signal), no echo, keypad, no cursor, a short Esc delay. Colours when the
 * terminal has them and @monochrome is FALSE. */
void dcui_crt_init(gboolean monochrome);
void dcui_crt_done(void);

/* The attributes that paint @role. */
attr_t dcui_crt_attr(DcuiRole role);
gboolean dcui_crt_is_monochrome(void);

/* Waits up to @timeout_ms for a key. Returns ERR on timeout, KEY_CODE_YES
 * with a KEY_* code in @ch for function keys, or OK with a character. */
int dcui_crt_read(int timeout_ms, wint_t *ch);

G_END_DECLS
