/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The keycode table (see corral-vnc-keymap.h). Linux input codes 1 to 88
 * are the set-1 scancodes themselves (the kernel took them from the PC
 * keyboard); the rest are listed one by one, from linux/input-event-codes.h
 * and QEMU's qnum numbering (ui/keycodemapdb).
 */
#include "client/vnc/corral-vnc-keymap.h"

#define EVDEV_OFFSET 8

/* Linux input code → qnum, for the codes past the identical range. */
static const struct {
    guint16 evdev;
    guint16 qnum;
} extra_keys[] = {
    {84, 0xb8},  /* none in Linux: XKB's <LVL3>, where xdotool finds ISO_Level3_Shift: AltGr */
    {85, 0x76},  /* KEY_ZENKAKUHANKAKU */
    {86, 0x56},  /* KEY_102ND: the key left of Z on ISO keyboards (hu: í) */
    {87, 0x57},  /* KEY_F11 */
    {88, 0x58},  /* KEY_F12 */
    {89, 0x73},  /* KEY_RO */
    {90, 0x78},  /* KEY_KATAKANA */
    {91, 0x77},  /* KEY_HIRAGANA */
    {92, 0x79},  /* KEY_HENKAN */
    {93, 0x70},  /* KEY_KATAKANAHIRAGANA */
    {94, 0x7b},  /* KEY_MUHENKAN */
    {95, 0x5c},  /* KEY_KPJPCOMMA */
    {96, 0x9c},  /* KEY_KPENTER */
    {97, 0x9d},  /* KEY_RIGHTCTRL */
    {98, 0xb5},  /* KEY_KPSLASH */
    {99, 0xb7},  /* KEY_SYSRQ: PrintScreen */
    {100, 0xb8}, /* KEY_RIGHTALT: AltGr */
    {102, 0xc7}, /* KEY_HOME */
    {103, 0xc8}, /* KEY_UP */
    {104, 0xc9}, /* KEY_PAGEUP */
    {105, 0xcb}, /* KEY_LEFT */
    {106, 0xcd}, /* KEY_RIGHT */
    {107, 0xcf}, /* KEY_END */
    {108, 0xd0}, /* KEY_DOWN */
    {109, 0xd1}, /* KEY_PAGEDOWN */
    {110, 0xd2}, /* KEY_INSERT */
    {111, 0xd3}, /* KEY_DELETE */
    {113, 0xa0}, /* KEY_MUTE */
    {114, 0xae}, /* KEY_VOLUMEDOWN */
    {115, 0xb0}, /* KEY_VOLUMEUP */
    {116, 0xde}, /* KEY_POWER */
    {117, 0x59}, /* KEY_KPEQUAL */
    {119, 0xc6}, /* KEY_PAUSE */
    {121, 0x7e}, /* KEY_KPCOMMA */
    {122, 0x72}, /* KEY_HANGEUL */
    {123, 0x71}, /* KEY_HANJA */
    {124, 0x7d}, /* KEY_YEN */
    {125, 0xdb}, /* KEY_LEFTMETA */
    {126, 0xdc}, /* KEY_RIGHTMETA */
    {127, 0xdd}, /* KEY_COMPOSE: the menu key */
    {142, 0xdf}, /* KEY_SLEEP */
    {143, 0xe3}, /* KEY_WAKEUP */
    {183, 0x5d}, /* KEY_F13 */
    {184, 0x5e}, /* KEY_F14 */
    {185, 0x5f}, /* KEY_F15 */
};

/* XKB's virtual ISO_Level3_Shift key: the reverse lookup prefers AltGr's
 * real code. */
#define LVL3 84

/* Codes 1–83 map to themselves. */
#define IDENTICAL_LAST 83

guint16
corral_vnc_keymap_qnum(guint keycode)
{
    guint evdev;

    if (keycode <= EVDEV_OFFSET)
        return 0;
    evdev = keycode - EVDEV_OFFSET;
    if (evdev <= IDENTICAL_LAST)
        return (guint16)evdev;
    for (gsize i = 0; i < G_N_ELEMENTS(extra_keys); i++) {
        if (extra_keys[i].evdev == evdev)
            return extra_keys[i].qnum;
    }
    return 0;
}

guint
corral_vnc_keymap_keycode(guint16 qnum)
{
    if (qnum >= 1 && qnum <= IDENTICAL_LAST)
        return qnum + EVDEV_OFFSET;
    for (gsize i = 0; i < G_N_ELEMENTS(extra_keys); i++) {
        if (extra_keys[i].qnum == qnum && extra_keys[i].evdev != LVL3)
            return extra_keys[i].evdev + EVDEV_OFFSET;
    }
    return 0;
}
