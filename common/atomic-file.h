/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Atomic file replacement: a reader sees the old contents or the new ones,
 * never a torn or empty file, even if the writer is killed or the machine
 * loses power. Every piece of configuration Corral keeps is written here.
 */
#pragma once

#include <glib.h>
#include <sys/types.h>

G_BEGIN_DECLS

/* Writes @data to a temporary file beside @path, fsyncs it, renames it over
 * @path and fsyncs the directory. @mode applies to the new file. */
gboolean corral_atomic_write(const char *path, const void *data, gsize len, mode_t mode,
                             GError **error);

G_END_DECLS
