/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Keyboard layouts: one table from the XKB layout to its name and its
 * console keymap, and the writer of /etc/default/keyboard.
 */
#include "config.h"

#include "common/hostcfg/keyboard.h"

#include "common/atomic-file.h"
#include "common/error.h"
#include "common/hostcfg/host-command.h"

#include <glib/gi18n-lib.h>
#include <string.h>

static const CorralKeyboardLayout layouts[] = {
    {"us", N_("US English"), "us"}, {"gb", N_("United Kingdom English"), "uk"},
    {"hu", N_("Hungarian"), "hu"},  {"de", N_("German"), "de"},
    {"fr", N_("French"), "fr"},     {"it", N_("Italian"), "it"},
    {"es", N_("Spanish"), "es"},    {"pl", N_("Polish"), "pl"},
    {"cz", N_("Czech"), "cz-lat2"}, {"sk", N_("Slovak"), "sk-qwertz"},
    {"ro", N_("Romanian"), "ro"},   {"ch", N_("Swiss German"), "sg"},
};

const CorralKeyboardLayout *
corral_keyboard_layouts(guint *n_layouts)
{
    *n_layouts = G_N_ELEMENTS(layouts);
    return layouts;
}

const CorralKeyboardLayout *
corral_keyboard_find(const char *code, GError **error)
{
    for (guint i = 0; i < G_N_ELEMENTS(layouts); i++)
        if (g_strcmp0(layouts[i].code, code) == 0)
            return &layouts[i];
    g_set_error(error, CORRAL_ERROR, CORRAL_ERROR_INVALID,
                _("“%s” is not a keyboard layout this host offers."), code != NULL ? code : "");
    return NULL;
}

char *
corral_keyboard_file_text(const char *old, const char *code)
{
    g_auto(GStrv) lines = g_strsplit(old != NULL ? old : "", "\n", -1);
    GString *text = g_string_new(NULL);
    gboolean have_layout = FALSE, have_variant = FALSE;

    if (old == NULL || *old == '\0')
        g_string_append(text, "# KEYBOARD CONFIGURATION FILE, written by Corral's console.\n"
                              "# Consult the keyboard(5) manual page.\n\n"
                              "XKBMODEL=\"pc105\"\n");
    for (guint i = 0; lines[i] != NULL; i++) {
        const char *line = lines[i];

        if (lines[i + 1] == NULL && *line == '\0')
            break; /* the split's empty tail after the last newline */
        if (g_str_has_prefix(line, "XKBLAYOUT=")) {
            if (!have_layout)
                g_string_append_printf(text, "XKBLAYOUT=\"%s\"\n", code);
            have_layout = TRUE;
        } else if (g_str_has_prefix(line, "XKBVARIANT=")) {
            if (!have_variant)
                g_string_append(text, "XKBVARIANT=\"\"\n");
            have_variant = TRUE;
        } else {
            g_string_append_printf(text, "%s\n", line);
        }
    }
    if (!have_layout)
        g_string_append_printf(text, "XKBLAYOUT=\"%s\"\n", code);
    if (!have_variant)
        g_string_append(text, "XKBVARIANT=\"\"\n");
    return g_string_free(text, FALSE);
}

gboolean
corral_keyboard_apply(const CorralConfig *config, const char *code, GError **error)
{
    const CorralKeyboardLayout *layout = corral_keyboard_find(code, error);
    g_autofree char *old = NULL;
    g_autofree char *text = NULL;
    g_autoptr(GError) local = NULL;
    const char *vars[] = {"keymap", NULL, "layout", NULL, NULL};

    if (layout == NULL)
        return FALSE;
    g_file_get_contents(config->keyboard_file, &old, NULL, NULL);
    text = corral_keyboard_file_text(old, layout->code);
    if (!corral_atomic_write(config->keyboard_file, text, strlen(text), 0644, error))
        return FALSE;
    vars[1] = layout->keymap;
    vars[3] = layout->code;
    if (!corral_host_command_run(config->keymap_command, vars, &local)) {
        g_set_error(error, CORRAL_ERROR, CORRAL_ERROR_FAILED,
                    _("The layout is written to %1$s for the next boot, but loading the "
                      "console keymap failed: %2$s"),
                    config->keyboard_file, local->message);
        return FALSE;
    }
    return TRUE;
}
