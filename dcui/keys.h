/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The key table: every key the console reacts to, mapped to a named action
 * (htop's Action.c, tig's requests). Screens see actions, never key codes,
 * so a key is rebound in one place; printable characters arrive as
 * DCUI_ACTION_CHAR with the character.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DCUI_ACTIONS(X)                                                                            \
    X(DCUI_ACTION_NONE, "none")                                                                    \
    X(DCUI_ACTION_UP, "up")                                                                        \
    X(DCUI_ACTION_DOWN, "down")                                                                    \
    X(DCUI_ACTION_LEFT, "left")                                                                    \
    X(DCUI_ACTION_RIGHT, "right")                                                                  \
    X(DCUI_ACTION_PAGE_UP, "page-up")                                                              \
    X(DCUI_ACTION_PAGE_DOWN, "page-down")                                                          \
    X(DCUI_ACTION_HOME, "home")                                                                    \
    X(DCUI_ACTION_END, "end")                                                                      \
    X(DCUI_ACTION_ACCEPT, "accept")                                                                \
    X(DCUI_ACTION_CANCEL, "cancel")                                                                \
    X(DCUI_ACTION_NEXT, "next-field")                                                              \
    X(DCUI_ACTION_PREVIOUS, "previous-field")                                                      \
    X(DCUI_ACTION_ERASE_BACK, "erase-back")                                                        \
    X(DCUI_ACTION_ERASE, "erase")                                                                  \
    X(DCUI_ACTION_CUSTOMIZE, "customize")                                                          \
    X(DCUI_ACTION_CONFIRM, "confirm")                                                              \
    X(DCUI_ACTION_POWER, "power")                                                                  \
    X(DCUI_ACTION_REDRAW, "redraw")                                                                \
    X(DCUI_ACTION_RESIZE, "resize")                                                                \
    X(DCUI_ACTION_CHAR, "char")

#define DCUI_ACTION_ENUM(id, name) id,
typedef enum { DCUI_ACTIONS(DCUI_ACTION_ENUM) DCUI_ACTION_LAST } DcuiAction;
#undef DCUI_ACTION_ENUM

typedef struct {
    DcuiAction action;
    gunichar ch; /* DCUI_ACTION_CHAR: the character typed */
} DcuiKey;

/* The action of what dcui_crt_read() returned. */
DcuiKey dcui_keys_lookup(int kind, guint code);

const char *dcui_action_name(DcuiAction action);

G_END_DECLS
