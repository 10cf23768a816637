/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The files of a file-backed datastore, confined to its directory. A path
 * is relative to the datastore ("iso/debian.iso"); absolute paths, ".."
 * and "." segments, empty segments, NUL and control characters are refused
 * before anything is opened, and every open goes through openat2() with
 * RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS from the datastore's directory,
 * so a symbolic link that points out of the datastore is refused by the
 * kernel, whatever races with it. Operations on the last component use the
 * *at() calls on its parent, never following a link there.
 *
 * Plain system calls: callable from any thread.
 */
#pragma once

#include <glib.h>
#include <sys/types.h>

G_BEGIN_DECLS

/* Checks a datastore-relative path; "" (the datastore itself) is allowed
 * only when @allow_root. */
gboolean corrald_datastore_path_check(const char *path, gboolean allow_root, GError **error);

/* Opens @path (checked) below the directory @root_fd with @flags and
 * @mode, confined to it. A path that leads out (through a link) is
 * CORRALD_ERROR_FORBIDDEN; one that does not exist CORRALD_ERROR_NOT_FOUND. */
int corrald_datastore_openat(int root_fd, const char *path, int flags, mode_t mode, GError **error);

/* Opens the directory @dir of a datastore (O_PATH). */
int corrald_datastore_open_root(const char *dir, GError **error);

/* Opens the folder that holds @path (O_PATH, confined) and returns it,
 * with the last component of @path in @leaf. */
int corrald_datastore_open_parent(int root_fd, const char *path, char **leaf, GError **error);

/* The regular files and folders of folder @path (CorralDatastoreFile),
 * sorted by name; links, special files and unfinished uploads are left
 * out. */
GPtrArray *corrald_datastore_list_files(int root_fd, const char *path, GError **error);

/* Makes folder @path (its parent must exist). */
gboolean corrald_datastore_make_folder(int root_fd, const char *path, GError **error);

/* Deletes file @path, or folder @path when it is empty. */
gboolean corrald_datastore_delete_file(int root_fd, const char *path, GError **error);

/* Whether @name is the temporary name of an upload in progress. */
gboolean corrald_datastore_is_partial(const char *name);

/* The temporary name of an upload of @leaf: ".LEAF.partial-XXXXXX". */
char *corrald_datastore_partial_name(const char *leaf);

G_END_DECLS
