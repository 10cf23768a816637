/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Detached guard processes and their log.
 */
#include "config.h"

#include "common/hostcfg/guard-process.h"

#include "common/error.h"

#include <stdio.h>
#include <unistd.h>

static void
guard_child_setup(gpointer data)
{
    setsid();
}

gboolean
corral_guard_spawn(const char *program, const char *flag, const char *path, GError **error)
{
    const char *argv[] = {program, flag, path, NULL};

    if (program == NULL) {
        g_set_error_literal(error, CORRAL_ERROR, CORRAL_ERROR_FAILED,
                            "no program to start the guard with");
        return FALSE;
    }
    /* Without G_SPAWN_DO_NOT_REAP_CHILD GLib forks twice: the guard is
     * nobody's child but init's, and setsid() takes it off the terminal. */
    return g_spawn_async(NULL, (char **)argv, NULL,
                         G_SPAWN_STDIN_FROM_DEV_NULL | G_SPAWN_STDOUT_TO_DEV_NULL |
                             G_SPAWN_STDERR_TO_DEV_NULL,
                         guard_child_setup, NULL, NULL, error);
}

void
corral_guard_log(const char *state_dir, const char *file, const char *format, ...)
{
    g_autofree char *path = g_build_filename(state_dir, file, NULL);
    g_autoptr(GDateTime) now = g_date_time_new_now_utc();
    g_autofree char *stamp = g_date_time_format_iso8601(now);
    g_autofree char *message = NULL;
    va_list args;
    FILE *f;

    va_start(args, format);
    message = g_strdup_vprintf(format, args);
    va_end(args);
    f = fopen(path, "ae");
    if (f == NULL)
        return;
    fprintf(f, "%s %s\n", stamp, message);
    fclose(f);
}
