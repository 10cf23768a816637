/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The key combinations a console sends on the user's behalf, because the
 * client's own desktop would take them: Ctrl+Alt+Del, Ctrl+Alt+Backspace,
 * Ctrl+Alt+F1…F12 and PrintScreen. One table (corral-vnc-keys.c) lists each
 * combination's keys as keysym and qnum, pressed in order and released in
 * reverse; it also gives the action names and labels the client's menus
 * use.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CORRAL_VNC_KEYS(X)                                                                         \
    X(CTRL_ALT_DEL, "ctrl-alt-del", N_("Ctrl+Alt+Del"))                                            \
    X(CTRL_ALT_BACKSPACE, "ctrl-alt-backspace", N_("Ctrl+Alt+Backspace"))                          \
    X(CTRL_ALT_F1, "ctrl-alt-f1", N_("Ctrl+Alt+F1"))                                               \
    X(CTRL_ALT_F2, "ctrl-alt-f2", N_("Ctrl+Alt+F2"))                                               \
    X(CTRL_ALT_F3, "ctrl-alt-f3", N_("Ctrl+Alt+F3"))                                               \
    X(CTRL_ALT_F4, "ctrl-alt-f4", N_("Ctrl+Alt+F4"))                                               \
    X(CTRL_ALT_F5, "ctrl-alt-f5", N_("Ctrl+Alt+F5"))                                               \
    X(CTRL_ALT_F6, "ctrl-alt-f6", N_("Ctrl+Alt+F6"))                                               \
    X(CTRL_ALT_F7, "ctrl-alt-f7", N_("Ctrl+Alt+F7"))                                               \
    X(CTRL_ALT_F8, "ctrl-alt-f8", N_("Ctrl+Alt+F8"))                                               \
    X(CTRL_ALT_F9, "ctrl-alt-f9", N_("Ctrl+Alt+F9"))                                               \
    X(CTRL_ALT_F10, "ctrl-alt-f10", N_("Ctrl+Alt+F10"))                                            \
    X(CTRL_ALT_F11, "ctrl-alt-f11", N_("Ctrl+Alt+F11"))                                            \
    X(CTRL_ALT_F12, "ctrl-alt-f12", N_("Ctrl+Alt+F12"))                                            \
    X(PRINT_SCREEN, "print-screen", N_("PrintScreen"))

typedef enum {
#define CORRAL_VNC_KEYS_ENUM(code, name, label) CORRAL_VNC_KEYS_##code,
    CORRAL_VNC_KEYS(CORRAL_VNC_KEYS_ENUM)
#undef CORRAL_VNC_KEYS_ENUM
        CORRAL_VNC_KEYS_LAST
} CorralVncKeys;

#define CORRAL_VNC_KEYS_MAX_KEYS 3

typedef struct {
    guint keysym;
    guint16 qnum;
} CorralVncKey;

/* The keys of @keys, in press order; returns how many. */
guint corral_vnc_keys_get(CorralVncKeys keys, CorralVncKey out[CORRAL_VNC_KEYS_MAX_KEYS]);

/* "ctrl-alt-del" and so on, for action names; -1 for an unknown name. */
const char *corral_vnc_keys_to_string(CorralVncKeys keys);
int corral_vnc_keys_from_string(const char *name);

/* The translated menu label. */
const char *corral_vnc_keys_get_label(CorralVncKeys keys);

G_END_DECLS
