/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Part of the host configuration (hostcfg): the console keyboard layouts
 * the host offers, and applying one. The layout goes to Debian's
 * /etc/default/keyboard (XKBLAYOUT, read at boot by console-setup and by
 * X), written atomically with its other lines kept, and the console keymap
 * is loaded at once by the configured keymap command (`loadkeys {keymap}`).
 */
#pragma once

#include <glib.h>

#include "common/config-file.h"

G_BEGIN_DECLS

typedef struct {
    const char *code;   /* the XKB layout: "hu" */
    const char *name;   /* N_() for the console */
    const char *keymap; /* the console keymap (console-data): "hu" */
} CorralKeyboardLayout;

/* The table of layouts, @n_layouts long. */
const CorralKeyboardLayout *corral_keyboard_layouts(guint *n_layouts);

/* The layout with @code, or NULL with an error saying it is not offered. */
const CorralKeyboardLayout *corral_keyboard_find(const char *code, GError **error);

/* The text of the keyboard file with @code as its layout: @old (may be
 * NULL) with XKBLAYOUT set and XKBVARIANT emptied, its other lines kept. */
char *corral_keyboard_file_text(const char *old, const char *code);

/* Writes @config's keyboard file, then runs its keymap command with
 * {keymap} and {layout} replaced. When only the command fails, the error
 * is CORRAL_ERROR_FAILED and says the file was written. */
gboolean corral_keyboard_apply(const CorralConfig *config, const char *code, GError **error);

G_END_DECLS
