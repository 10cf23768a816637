/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Confined file operations on a datastore's directory (see
 * datastore-files.h). The kernel does the confining: openat2() with
 * RESOLVE_BENEATH refuses any resolution that would leave the starting
 * directory, by "..", an absolute link or a magic link; the textual checks
 * in front of it give the clear message for what a client typed.
 */
#include "hostd/datastore-files.h"

#include "hostd/hostd-error.h"
#include "protocol/datastore-file.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define PARTIAL_INFIX  ".partial-"
#define PATH_MAX_BYTES 4096

/* errno values of a failed open, as the API's errors. */
static const struct {
    int number;
    CorraldErrorCode code;
    const char *message; /* after the path */
} open_errors[] = {
    {EXDEV, CORRALD_ERROR_FORBIDDEN, "leads out of the datastore"},
    {ELOOP, CORRALD_ERROR_FORBIDDEN, "too many links, or a link where none may be"},
    {ENOENT, CORRALD_ERROR_NOT_FOUND, "no such file or folder"},
    {ENOTDIR, CORRALD_ERROR_INVALID, "a part of the path is not a folder"},
    {EISDIR, CORRALD_ERROR_INVALID, "is a folder"},
    {EEXIST, CORRALD_ERROR_EXISTS, "already exists"},
    {ENOTEMPTY, CORRALD_ERROR_INVALID_STATE, "the folder is not empty"},
    {EACCES, CORRALD_ERROR_FORBIDDEN, "permission denied"},
    {EPERM, CORRALD_ERROR_FORBIDDEN, "operation not permitted"},
    {ENOSPC, CORRALD_ERROR_TOO_LARGE, "the datastore is full"},
    {ENAMETOOLONG, CORRALD_ERROR_INVALID, "name too long"},
    {ENOSYS, CORRALD_ERROR_UNAVAILABLE,
     "this kernel has no openat2(), which confined file access needs (Linux 5.6 or newer)"},
};

static void
set_errno_error(GError **error, int number, const char *path)
{
    const char *shown = path[0] != '\0' ? path : "/";

    for (gsize i = 0; i < G_N_ELEMENTS(open_errors); i++)
        if (open_errors[i].number == number) {
            g_set_error(error, CORRALD_ERROR, open_errors[i].code, "%s: %s", shown,
                        open_errors[i].message);
            return;
        }
    g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_FAILED, "%s: %s", shown, g_strerror(number));
}

gboolean
corrald_datastore_path_check(const char *path, gboolean allow_root, GError **error)
{
    g_auto(GStrv) segments = NULL;
    const char *why = NULL;

    if (path == NULL || path[0] == '\0') {
        if (allow_root)
            return TRUE;
        why = "a path to a file or folder is needed";
    } else if (path[0] == '/') {
        why = "absolute paths are not allowed: give a path inside the datastore";
    } else if (strlen(path) >= PATH_MAX_BYTES) {
        why = "too long";
    } else if (!g_utf8_validate(path, -1, NULL)) {
        why = "not valid UTF-8";
    }
    for (const char *p = path; why == NULL && *p != '\0'; p++)
        if ((guchar)*p < 0x20 || *p == 0x7f)
            why = "contains a control character";
    if (why == NULL) {
        segments = g_strsplit(path, "/", -1);
        for (guint i = 0; why == NULL && segments[i] != NULL; i++) {
            if (segments[i][0] == '\0')
                why = "empty segments (\"//\" or a trailing \"/\") are not allowed";
            else if (g_str_equal(segments[i], ".") || g_str_equal(segments[i], ".."))
                why = "\".\" and \"..\" are not allowed";
        }
    }
    if (why == NULL)
        return TRUE;
    g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_BAD_REQUEST, "path %s: %s",
                path != NULL && g_utf8_validate(path, -1, NULL) ? path : "?", why);
    return FALSE;
}

int
corrald_datastore_openat(int root_fd, const char *path, int flags, mode_t mode, GError **error)
{
    struct open_how how = {
        .flags = (guint64)(flags | O_CLOEXEC),
        .mode = (flags & O_CREAT) != 0 ? mode : 0,
        .resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS,
    };
    int fd;

    if (!corrald_datastore_path_check(path, TRUE, error))
        return -1;
    do
        fd = (int)syscall(SYS_openat2, root_fd, path[0] != '\0' ? path : ".", &how, sizeof how);
    while (fd < 0 && errno == EAGAIN);
    if (fd < 0)
        set_errno_error(error, errno, path);
    return fd;
}

int
corrald_datastore_open_root(const char *dir, GError **error)
{
    int fd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);

    if (fd < 0)
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_UNAVAILABLE,
                    "the datastore's directory %s cannot be opened: %s", dir, g_strerror(errno));
    return fd;
}

int
corrald_datastore_open_parent(int root_fd, const char *path, char **leaf, GError **error)
{
    const char *slash;
    g_autofree char *parent = NULL;

    if (!corrald_datastore_path_check(path, FALSE, error))
        return -1;
    slash = strrchr(path, '/');
    parent = slash != NULL ? g_strndup(path, (gsize)(slash - path)) : g_strdup("");
    *leaf = g_strdup(slash != NULL ? slash + 1 : path);
    return corrald_datastore_openat(root_fd, parent, O_PATH | O_DIRECTORY, 0, error);
}

gboolean
corrald_datastore_is_partial(const char *name)
{
    return name[0] == '.' && strstr(name, PARTIAL_INFIX) != NULL;
}

char *
corrald_datastore_partial_name(const char *leaf)
{
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    char suffix[7];

    for (gsize i = 0; i < sizeof suffix - 1; i++)
        suffix[i] = alphabet[g_random_int_range(0, (gint32)sizeof alphabet - 1)];
    suffix[sizeof suffix - 1] = '\0';
    /* Names are at most 255 bytes: keep the leaf's start. */
    return g_strdup_printf(".%.230s" PARTIAL_INFIX "%s", leaf, suffix);
}

static gint
compare_names(gconstpointer a, gconstpointer b)
{
    const CorralDatastoreFile *x = *(CorralDatastoreFile *const *)a;
    const CorralDatastoreFile *y = *(CorralDatastoreFile *const *)b;

    return strcmp(x->name, y->name);
}

GPtrArray *
corrald_datastore_list_files(int root_fd, const char *path, GError **error)
{
    int fd = corrald_datastore_openat(root_fd, path, O_RDONLY | O_DIRECTORY, 0, error);
    DIR *dir;
    struct dirent *entry;
    GPtrArray *files;

    if (fd < 0)
        return NULL;
    dir = fdopendir(fd);
    if (dir == NULL) {
        set_errno_error(error, errno, path);
        close(fd);
        return NULL;
    }
    files = g_ptr_array_new_with_free_func((GDestroyNotify)corral_datastore_file_free);
    while ((entry = readdir(dir)) != NULL) {
        struct stat st;
        CorralDatastoreFile *file;

        if (g_str_equal(entry->d_name, ".") || g_str_equal(entry->d_name, "..") ||
            corrald_datastore_is_partial(entry->d_name) ||
            !g_utf8_validate(entry->d_name, -1, NULL) ||
            fstatat(dirfd(dir), entry->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
            !(S_ISREG(st.st_mode) || S_ISDIR(st.st_mode)))
            continue;
        file = g_new0(CorralDatastoreFile, 1);
        file->present = ~G_GUINT64_CONSTANT(0);
        file->name = g_strdup(entry->d_name);
        file->type = S_ISDIR(st.st_mode) ? CORRAL_FILE_TYPE_DIR : CORRAL_FILE_TYPE_FILE;
        file->size_bytes = S_ISREG(st.st_mode) ? (gint64)st.st_size : 0;
        file->modified = MAX((gint64)st.st_mtim.tv_sec, 0);
        g_ptr_array_add(files, file);
    }
    closedir(dir);
    g_ptr_array_sort(files, compare_names);
    return files;
}

gboolean
corrald_datastore_make_folder(int root_fd, const char *path, GError **error)
{
    g_autofree char *leaf = NULL;
    int parent = corrald_datastore_open_parent(root_fd, path, &leaf, error);
    int rc;

    if (parent < 0)
        return FALSE;
    rc = mkdirat(parent, leaf, 0755);
    if (rc < 0)
        set_errno_error(error, errno, path);
    close(parent);
    return rc == 0;
}

gboolean
corrald_datastore_delete_file(int root_fd, const char *path, GError **error)
{
    g_autofree char *leaf = NULL;
    int parent = corrald_datastore_open_parent(root_fd, path, &leaf, error);
    struct stat st;
    int rc = -1;

    if (parent < 0)
        return FALSE;
    if (fstatat(parent, leaf, &st, AT_SYMLINK_NOFOLLOW) == 0)
        rc = unlinkat(parent, leaf, S_ISDIR(st.st_mode) ? AT_REMOVEDIR : 0);
    if (rc < 0)
        set_errno_error(error, errno, path);
    close(parent);
    return rc == 0;
}
