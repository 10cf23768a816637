/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Atomic writes: a writer killed with SIGKILL at random moments, 200 times
 * and more, never leaves a torn or empty file; each file it leaves parses as
 * the old or the new configuration.
 */
#include "check-tap.h"

#include "common/atomic-file.h"
#include "common/config-file.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define KILLS 240

/* A configuration file of about 100 KiB whose every line depends on @version,
 * so any mix of two versions is told apart from both. */
static char *
make_version(int version)
{
    GString *s = g_string_new("[server]\n");

    g_string_append_printf(s, "listen=127.0.0.%d:8443\n", version);
    g_string_append(s, "[auth]\n");
    g_string_append_printf(s, "lockout-failures=%d\n", version);
    for (int i = 0; i < 4000; i++)
        g_string_append_printf(s, "# padding line %05d of version %d\n", i, version);
    return g_string_free(s, FALSE);
}

static char *tmpdir;

static void
setup(void)
{
    tmpdir = g_dir_make_tmp("corral-atomic-XXXXXX", NULL);
    ck_assert_ptr_nonnull(tmpdir);
}

static void
teardown(void)
{
    g_autoptr(GDir) dir = g_dir_open(tmpdir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name(dir)) != NULL) {
        g_autofree char *p = g_build_filename(tmpdir, name, NULL);
        g_unlink(p);
    }
    g_rmdir(tmpdir);
    g_clear_pointer(&tmpdir, g_free);
}

START_TEST(test_write_and_mode)
{
    g_autofree char *path = g_build_filename(tmpdir, "f.conf", NULL);
    g_autofree char *back = NULL;
    g_autoptr(GError) error = NULL;
    struct stat st;

    ck_assert(corral_atomic_write(path, "one\n", 4, 0600, &error));
    ck_assert(g_file_get_contents(path, &back, NULL, NULL));
    ck_assert_str_eq(back, "one\n");
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_int_eq(st.st_mode & 07777, 0600);
    ck_assert(corral_atomic_write(path, "", 0, 0644, &error));
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_int_eq(st.st_size, 0);
    ck_assert_int_eq(st.st_mode & 07777, 0644);
}
END_TEST

START_TEST(test_missing_directory_fails_cleanly)
{
    g_autofree char *path = g_build_filename(tmpdir, "no-such-dir", "f.conf", NULL);
    g_autoptr(GError) error = NULL;

    ck_assert(!corral_atomic_write(path, "x", 1, 0600, &error));
    ck_assert_ptr_nonnull(error);
    ck_assert_ptr_nonnull(strstr(error->message, "no-such-dir"));
}
END_TEST

START_TEST(test_sigkill_never_tears)
{
    g_autofree char *path = g_build_filename(tmpdir, "corrald.conf", NULL);
    g_autofree char *v1 = make_version(1);
    g_autofree char *v2 = make_version(2);
    GRand *rand = g_rand_new();
    int seen_old = 0, seen_new = 0;

    ck_assert(corral_atomic_write(path, v1, strlen(v1), 0600, NULL));

    for (int round = 0; round < KILLS; round++) {
        g_autofree char *back = NULL;
        CorralConfig config;
        pid_t child = fork();
        int status;

        ck_assert_int_ge(child, 0);
        if (child == 0) {
            /* Write the two versions in turn for ever, until killed. */
            for (unsigned n = 0;; n++) {
                const char *v = (n % 2) ? v1 : v2;
                if (!corral_atomic_write(path, v, strlen(v), 0600, NULL))
                    _exit(3);
            }
        }
        g_usleep(g_rand_int_range(rand, 0, 4000));
        ck_assert_int_eq(kill(child, SIGKILL), 0);
        ck_assert_int_eq(waitpid(child, &status, 0), child);
        ck_assert(WIFSIGNALED(status));

        ck_assert(g_file_get_contents(path, &back, NULL, NULL));
        if (g_str_equal(back, v1))
            seen_old++;
        else if (g_str_equal(back, v2))
            seen_new++;
        else
            ck_abort_msg("round %d: torn file of %zu bytes", round, strlen(back));

        /* And it parses as a configuration of one version or the other. */
        corral_config_init(&config);
        ck_assert(corral_config_load(&config, path, TRUE, NULL));
        ck_assert(config.lockout_failures == 1 || config.lockout_failures == 2);
        corral_config_clear(&config);
    }
    g_rand_free(rand);
    /* Both outcomes happened, so the kills did land mid-sequence. */
    ck_assert_int_gt(seen_old, 0);
    ck_assert_int_gt(seen_new, 0);
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("atomic-file");
    TCase *tc = tcase_create("core");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 240);
    tcase_add_test(tc, test_write_and_mode);
    tcase_add_test(tc, test_missing_directory_fails_cleanly);
    tcase_add_test(tc, test_sigkill_never_tears);
    suite_add_tcase(s, tc);
    return corral_check_run(s);
}
