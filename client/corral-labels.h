/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A guest's tags and folder as the client shows and takes them: tags as
 * one line, "web, db", read back split at commas with the spaces around
 * each trimmed, repeats dropped; and the checks of what an operator typed,
 * with messages in the user's language, made before anything is sent.
 * No GTK, so it is tested without a display.
 */
#pragma once

#include <glib.h>

#include "protocol/vm.h"

G_BEGIN_DECLS

/* The tags of @vm as one line ("" without tags). */
char *corral_labels_format_tags(const CorralVm *vm);

/* The folder of @vm, "/" for the top and for hosts that send none. */
const char *corral_labels_folder(const CorralVm *vm);

/* The tags in @text, a comma-separated line; NULL with a message when one
 * is not a tag or there are too many. */
GPtrArray *corral_labels_parse_tags(const char *text, GError **error);

/* @text as a folder path ("" is the top, "/" added in front when
 * missing); NULL with a message when it is not one. */
char *corral_labels_parse_folder(const char *text, GError **error);

G_END_DECLS
