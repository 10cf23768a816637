/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Atomic file replacement (see atomic-file.h). The temporary file lives in
 * the same directory so that rename(2) stays within one filesystem; its name
 * starts with a dot and ends in a random suffix so readers that list the
 * directory skip it and two writers never share one.
 */
#include "common/atomic-file.h"

#include "common/error.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

static gboolean
set_errno_error(GError **error, int err, const char *what, const char *path)
{
    g_set_error(error, CORRAL_ERROR, CORRAL_ERROR_IO, "%s %s: %s", what, path, g_strerror(err));
    return FALSE;
}

static gboolean
write_all(int fd, const char *data, gsize len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return FALSE;
        }
        data += n;
        len -= (gsize)n;
    }
    return TRUE;
}

static gboolean
fsync_directory(const char *path, GError **error)
{
    g_autofree char *dir = g_path_get_dirname(path);
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int err;

    if (fd < 0)
        return set_errno_error(error, errno, "opening directory", dir);
    err = fsync(fd) < 0 ? errno : 0;
    close(fd);
    if (err != 0)
        return set_errno_error(error, err, "syncing directory", dir);
    return TRUE;
}

gboolean
corral_atomic_write(const char *path, const void *data, gsize len, mode_t mode, GError **error)
{
    g_autofree char *dir = g_path_get_dirname(path);
    g_autofree char *base = g_path_get_basename(path);
    g_autofree char *tmp = g_strdup_printf("%s/.%s.XXXXXX", dir, base);
    int fd, err = 0;
    const char *what = NULL;

    fd = g_mkstemp_full(tmp, O_WRONLY | O_CLOEXEC, mode);
    if (fd < 0)
        return set_errno_error(error, errno, "creating temporary file for", path);

    /* mkstemp applies the umask; the caller's mode is what it asked for. */
    if (fchmod(fd, mode) < 0)
        err = errno, what = "setting the mode of";
    else if (!write_all(fd, data, len))
        err = errno, what = "writing";
    else if (fsync(fd) < 0)
        err = errno, what = "syncing";

    if (close(fd) < 0 && err == 0)
        err = errno, what = "closing";
    if (err == 0 && rename(tmp, path) < 0)
        err = errno, what = "renaming into place";

    if (err != 0) {
        g_unlink(tmp);
        return set_errno_error(error, err, what, path);
    }
    return fsync_directory(path, error);
}
