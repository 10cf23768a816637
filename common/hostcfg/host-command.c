/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Configured host commands: placeholders, and a failure told in the words
 * the command itself printed.
 */
#include "config.h"

#include "common/hostcfg/host-command.h"

#include "common/error.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define OUTPUT_TAIL 4096

static char *
expand_word(const char *word, const char *const *vars)
{
    GString *out = g_string_new(word);

    for (guint i = 0; vars != NULL && vars[i] != NULL && vars[i + 1] != NULL; i += 2) {
        g_autofree char *placeholder = g_strdup_printf("{%s}", vars[i]);

        g_string_replace(out, placeholder, vars[i + 1], 0);
    }
    return g_string_free(out, FALSE);
}

char **
corral_host_command_argv(const char *command, const char *const *vars, GError **error)
{
    g_auto(GStrv) words = NULL;

    if (command == NULL || *command == '\0') {
        g_set_error_literal(error, CORRAL_ERROR, CORRAL_ERROR_CONFIG,
                            _("No command is configured for this."));
        return NULL;
    }
    if (!g_shell_parse_argv(command, NULL, &words, error))
        return NULL;
    for (guint i = 0; words[i] != NULL; i++) {
        char *expanded = expand_word(words[i], vars);

        g_free(words[i]);
        words[i] = expanded;
    }
    return g_steal_pointer(&words);
}

/* The last non-empty line of what the command printed, or NULL. */
static char *
last_line(int fd)
{
    char buf[OUTPUT_TAIL + 1];
    off_t end = lseek(fd, 0, SEEK_END);
    off_t start = end > OUTPUT_TAIL ? end - OUTPUT_TAIL : 0;
    ssize_t n = pread(fd, buf, OUTPUT_TAIL, start);
    char *line;

    if (n <= 0)
        return NULL;
    buf[n] = '\0';
    g_strchomp(buf);
    line = strrchr(buf, '\n');
    line = line != NULL ? line + 1 : buf;
    return *line != '\0' ? g_utf8_make_valid(line, -1) : NULL;
}

static gboolean
wait_child(GPid pid, int *status, GError **error)
{
    while (waitpid(pid, status, 0) < 0) {
        if (errno != EINTR) {
            g_set_error(error, CORRAL_ERROR, CORRAL_ERROR_FAILED, "waitpid: %s", g_strerror(errno));
            return FALSE;
        }
    }
    return TRUE;
}

gboolean
corral_host_command_run_argv(const char *const *argv, GError **error)
{
    g_autofree char *name = g_path_get_basename(argv[0]);
    g_autofree char *said = NULL;
    g_autofree char *how = NULL;
    int fd = memfd_create("corral-command", MFD_CLOEXEC);
    int status = 0;
    GPid pid;

    if (fd < 0) {
        g_set_error(error, CORRAL_ERROR, CORRAL_ERROR_FAILED, "memfd_create: %s",
                    g_strerror(errno));
        return FALSE;
    }
    if (!g_spawn_async_with_fds(NULL, (char **)argv, NULL,
                                G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD |
                                    G_SPAWN_STDIN_FROM_DEV_NULL,
                                NULL, NULL, &pid, -1, fd, fd, error) ||
        !wait_child(pid, &status, error)) {
        close(fd);
        return FALSE;
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        close(fd);
        return TRUE;
    }
    said = last_line(fd);
    close(fd);
    if (WIFEXITED(status))
        how = g_strdup_printf(_("%1$s failed with exit status %2$d"), name, WEXITSTATUS(status));
    else
        how = g_strdup_printf(_("%1$s was killed by signal %2$d"), name, WTERMSIG(status));
    if (said != NULL)
        g_set_error(error, CORRAL_ERROR, CORRAL_ERROR_FAILED, "%s: %s", how, said);
    else
        g_set_error(error, CORRAL_ERROR, CORRAL_ERROR_FAILED, "%s.", how);
    return FALSE;
}

gboolean
corral_host_command_run(const char *command, const char *const *vars, GError **error)
{
    g_auto(GStrv) argv = corral_host_command_argv(command, vars, error);

    return argv != NULL && corral_host_command_run_argv((const char *const *)argv, error);
}
