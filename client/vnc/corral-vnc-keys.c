/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The table of key combinations (see corral-vnc-keys.h). Keysyms are X11's
 * (GDK keyvals are the same numbers); qnums are set-1 scancodes.
 */
#include "client/vnc/corral-vnc-keys.h"

#include <glib/gi18n.h>

#define KS_CONTROL_L 0xffe3
#define KS_ALT_L     0xffe9
#define KS_DELETE    0xffff
#define KS_BACKSPACE 0xff08
#define KS_F1        0xffbe
#define KS_PRINT     0xff61
#define QN_CONTROL_L 0x1d
#define QN_ALT_L     0x38
#define QN_DELETE    0xd3
#define QN_BACKSPACE 0x0e
#define QN_PRINT     0xb7
#define CTRL                                                                                       \
    {                                                                                              \
        KS_CONTROL_L, QN_CONTROL_L                                                                 \
    }
#define ALT                                                                                        \
    {                                                                                              \
        KS_ALT_L, QN_ALT_L                                                                         \
    }
#define CTRL_ALT_F(n)                                                                              \
    {                                                                                              \
        3,                                                                                         \
        {                                                                                          \
            CTRL, ALT,                                                                             \
            {                                                                                      \
                KS_F1 + (n)-1, (n) <= 10 ? 0x3a + (n) : 0x56 + (n)-10                              \
            }                                                                                      \
        }                                                                                          \
    }

static const struct {
    guint n;
    CorralVncKey keys[CORRAL_VNC_KEYS_MAX_KEYS];
} table[CORRAL_VNC_KEYS_LAST] = {
    [CORRAL_VNC_KEYS_CTRL_ALT_DEL] = {3, {CTRL, ALT, {KS_DELETE, QN_DELETE}}},
    [CORRAL_VNC_KEYS_CTRL_ALT_BACKSPACE] = {3, {CTRL, ALT, {KS_BACKSPACE, QN_BACKSPACE}}},
    [CORRAL_VNC_KEYS_CTRL_ALT_F1] = CTRL_ALT_F(1),
    [CORRAL_VNC_KEYS_CTRL_ALT_F2] = CTRL_ALT_F(2),
    [CORRAL_VNC_KEYS_CTRL_ALT_F3] = CTRL_ALT_F(3),
    [CORRAL_VNC_KEYS_CTRL_ALT_F4] = CTRL_ALT_F(4),
    [CORRAL_VNC_KEYS_CTRL_ALT_F5] = CTRL_ALT_F(5),
    [CORRAL_VNC_KEYS_CTRL_ALT_F6] = CTRL_ALT_F(6),
    [CORRAL_VNC_KEYS_CTRL_ALT_F7] = CTRL_ALT_F(7),
    [CORRAL_VNC_KEYS_CTRL_ALT_F8] = CTRL_ALT_F(8),
    [CORRAL_VNC_KEYS_CTRL_ALT_F9] = CTRL_ALT_F(9),
    [CORRAL_VNC_KEYS_CTRL_ALT_F10] = CTRL_ALT_F(10),
    [CORRAL_VNC_KEYS_CTRL_ALT_F11] = CTRL_ALT_F(11),
    [CORRAL_VNC_KEYS_CTRL_ALT_F12] = CTRL_ALT_F(12),
    [CORRAL_VNC_KEYS_PRINT_SCREEN] = {1, {{KS_PRINT, QN_PRINT}}},
};

static const char *const names[CORRAL_VNC_KEYS_LAST] = {
#define CORRAL_VNC_KEYS_NAME(code, name, label) [CORRAL_VNC_KEYS_##code] = name,
    CORRAL_VNC_KEYS(CORRAL_VNC_KEYS_NAME)
#undef CORRAL_VNC_KEYS_NAME
};

static const char *const labels[CORRAL_VNC_KEYS_LAST] = {
#define CORRAL_VNC_KEYS_LABEL(code, name, label) [CORRAL_VNC_KEYS_##code] = label,
    CORRAL_VNC_KEYS(CORRAL_VNC_KEYS_LABEL)
#undef CORRAL_VNC_KEYS_LABEL
};

guint
corral_vnc_keys_get(CorralVncKeys keys, CorralVncKey out[CORRAL_VNC_KEYS_MAX_KEYS])
{
    g_return_val_if_fail(keys < CORRAL_VNC_KEYS_LAST, 0);
    for (guint i = 0; i < table[keys].n; i++)
        out[i] = table[keys].keys[i];
    return table[keys].n;
}

const char *
corral_vnc_keys_to_string(CorralVncKeys keys)
{
    g_return_val_if_fail(keys < CORRAL_VNC_KEYS_LAST, NULL);
    return names[keys];
}

int
corral_vnc_keys_from_string(const char *name)
{
    for (int i = 0; i < CORRAL_VNC_KEYS_LAST; i++) {
        if (g_strcmp0(names[i], name) == 0)
            return i;
    }
    return -1;
}

const char *
corral_vnc_keys_get_label(CorralVncKeys keys)
{
    g_return_val_if_fail(keys < CORRAL_VNC_KEYS_LAST, NULL);
    return g_dgettext("corral", labels[keys]);
}
