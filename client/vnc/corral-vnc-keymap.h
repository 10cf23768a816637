/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Hardware keycodes to the scancodes QEMU reads from VNC's extended key
 * events ("qnum": PC set-1 scancodes, with 0x80 added for the E0-prefixed
 * keys). Sending the scancode with the keysym lets the guest apply its own
 * keyboard layout to the physical key, so any layout types right, whatever
 * layout the client runs. The table is data (corral-vnc-keymap.c): one row
 * per Linux input key code, which is what X11's evdev driver, Xwayland and
 * Wayland compositors give as hardware keycode minus 8.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The qnum of X11/Wayland hardware keycode @keycode (evdev + 8), or 0 when
 * the key has none. */
guint16 corral_vnc_keymap_qnum(guint keycode);

/* The hardware keycode (evdev + 8) of a qnum, or 0: for keys the view sends
 * by itself (Ctrl+Alt+Del and friends). */
guint corral_vnc_keymap_keycode(guint16 qnum);

G_END_DECLS
