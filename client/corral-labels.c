/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Tags and folder as text (see corral-labels.h). The rules are protocol/'s
 * (corral_tag_validate, corral_folder_validate); only the messages are the
 * client's own, translated.
 */
#include "client/corral-labels.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <string.h>

char *
corral_labels_format_tags(const CorralVm *vm)
{
    GString *text = g_string_new(NULL);

    for (guint i = 0; vm->tags != NULL && i < vm->tags->len; i++)
        g_string_append_printf(text, "%s%s", i > 0 ? ", " : "", (char *)vm->tags->pdata[i]);
    return g_string_free(text, FALSE);
}

const char *
corral_labels_folder(const CorralVm *vm)
{
    return vm->folder != NULL && *vm->folder != '\0' ? vm->folder : "/";
}

GPtrArray *
corral_labels_parse_tags(const char *text, GError **error)
{
    g_auto(GStrv) parts = g_strsplit(text, ",", -1);
    g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func(g_free);

    for (guint i = 0; parts[i] != NULL; i++) {
        char *tag = g_strstrip(parts[i]);

        if (*tag == '\0' || g_ptr_array_find_with_equal_func(tags, tag, g_str_equal, NULL))
            continue;
        if (!corral_tag_validate(tag, NULL)) {
            g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                        _("“%1$s” is not a tag: a tag is 1 to %2$d characters, without control "
                          "characters."),
                        tag, CORRAL_TAG_MAX_CHARS);
            return NULL;
        }
        g_ptr_array_add(tags, g_strdup(tag));
    }
    if (tags->len > CORRAL_TAGS_MAX) {
        g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                    ngettext("A guest has at most %d tag.", "A guest has at most %d tags.",
                             CORRAL_TAGS_MAX),
                    CORRAL_TAGS_MAX);
        return NULL;
    }
    return g_steal_pointer(&tags);
}

char *
corral_labels_parse_folder(const char *text, GError **error)
{
    g_autofree char *trimmed = g_strstrip(g_strdup(text));
    g_autofree char *folder = NULL;

    /* "/Production/" is meant as "/Production". */
    while (strlen(trimmed) > 1 && g_str_has_suffix(trimmed, "/"))
        trimmed[strlen(trimmed) - 1] = '\0';
    if (*trimmed == '\0')
        return g_strdup("/");
    folder = trimmed[0] == '/' ? g_strdup(trimmed) : g_strconcat("/", trimmed, NULL);
    if (!corral_folder_validate(folder, NULL)) {
        g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                    _("“%1$s” is not a folder: a path such as /Production/Web, at most %2$d "
                      "folders deep, each name 1 to %3$d characters without “/” or control "
                      "characters."),
                    trimmed, CORRAL_FOLDER_MAX_DEPTH, CORRAL_TAG_MAX_CHARS);
        return NULL;
    }
    return g_steal_pointer(&folder);
}
