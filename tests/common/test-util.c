/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The test helpers of test-util.h.
 */
#include "tests/common/test-util.h"

#include <glib/gstdio.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* What the signal thread needs; set once, before it starts. */
static struct {
    sigset_t set;
    const char *program;
    void (*cleanup)(void);
} on_signal;

void
corral_test_remove_tree(const char *path)
{
    g_autoptr(GDir) dir = g_dir_open(path, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name(dir)) != NULL) {
        g_autofree char *child = g_build_filename(path, name, NULL);

        if (g_file_test(child, G_FILE_TEST_IS_DIR) && !g_file_test(child, G_FILE_TEST_IS_SYMLINK))
            corral_test_remove_tree(child);
        else
            g_unlink(child);
    }
    g_rmdir(path);
}

void
corral_test_clear_tree(char **path)
{
    if (*path == NULL)
        return;
    corral_test_remove_tree(*path);
    g_clear_pointer(path, g_free);
}

static gpointer
wait_for_signals(gpointer data)
{
    int signal_number = 0;

    if (sigwait(&on_signal.set, &signal_number) == 0) {
        fprintf(stderr, "%s: %s: cleaning up\n", on_signal.program, strsignal(signal_number));
        on_signal.cleanup();
        _exit(128 + signal_number);
    }
    return NULL;
}

void
corral_test_cleanup_on_signals(const char *program, void (*cleanup)(void))
{
    on_signal.program = program;
    on_signal.cleanup = cleanup;
    sigemptyset(&on_signal.set);
    sigaddset(&on_signal.set, SIGINT);
    sigaddset(&on_signal.set, SIGTERM);
    sigaddset(&on_signal.set, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &on_signal.set, NULL);
    g_thread_unref(g_thread_new("signals", wait_for_signals, NULL));
}
