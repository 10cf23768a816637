/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The configuration loader: defaults, overrides, and refusals that name the
 * file, group and key while leaving the configuration as it was.
 */
#include "check-tap.h"

#include "common/config-file.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

static char *
write_temp(const char *text)
{
    char *path = NULL;
    int fd = g_file_open_tmp("corral-config-XXXXXX.conf", &path, NULL);

    ck_assert_int_ge(fd, 0);
    ck_assert(g_file_set_contents(path, text, -1, NULL));
    close(fd);
    return path;
}

START_TEST(test_defaults)
{
    CorralConfig c;

    corral_config_init(&c);
    ck_assert_int_eq(c.session_idle_s, 900);
    ck_assert_int_eq(c.session_max_s, 7200);
    ck_assert_int_eq(c.lockout_failures, 5);
    ck_assert_int_eq(c.lockout_s, 900);
    ck_assert_int_eq(c.ticket_s, 30);
    ck_assert_str_eq(c.libvirt_uri, "qemu:///system");
    ck_assert_str_eq(c.socket_path, "/run/corral/corrald.sock");
    corral_config_clear(&c);
}
END_TEST

START_TEST(test_override)
{
    g_autofree char *path = write_temp("[server]\nlibvirt-uri=test:///default\n"
                                       "[auth]\nsession-idle-s=120\n");
    CorralConfig c;

    corral_config_init(&c);
    ck_assert(corral_config_load(&c, path, TRUE, NULL));
    ck_assert_str_eq(c.libvirt_uri, "test:///default");
    ck_assert_int_eq(c.session_idle_s, 120);
    ck_assert_int_eq(c.lockout_s, 900);
    corral_config_clear(&c);
    g_unlink(path);
}
END_TEST

static const struct {
    const char *text;
    const char *expect;
} bad_files[] = {
    {"[server]\nlisten=1.2.3.4:1\n[auth]\nsession-idle-s=abc\n", "[auth] session-idle-s"},
    {"[auth]\nsession-idle-s=5\n", "is not an integer from 60"},
    {"[auth]\nlockout-failures=99999999999999999999\n", "lockout-failures"},
    {"[server]\nlisten=1.2.3.4:1\nlisen=typo\n", "[server] lisen: unknown setting"},
    {"[nosuch]\nkey=1\n", "[nosuch] key: unknown setting"},
    {"this is not an ini file\n", "corral-config-"},
    {"[auth]\nsession-idle-s=\n", "session-idle-s"},
};

START_TEST(test_bad_file_changes_nothing)
{
    g_autofree char *path = write_temp(bad_files[_i].text);
    g_autoptr(GError) error = NULL;
    CorralConfig c;

    corral_config_init(&c);
    ck_assert(!corral_config_load(&c, path, TRUE, &error));
    ck_assert_ptr_nonnull(error);
    ck_assert_msg(strstr(error->message, bad_files[_i].expect) != NULL,
                  "message \"%s\" lacks \"%s\"", error->message, bad_files[_i].expect);
    ck_assert_str_eq(c.listen, "0.0.0.0:443");
    ck_assert_int_eq(c.session_idle_s, 900);
    corral_config_clear(&c);
    g_unlink(path);
}
END_TEST

START_TEST(test_missing_file)
{
    CorralConfig c;
    g_autoptr(GError) error = NULL;

    corral_config_init(&c);
    ck_assert(corral_config_load(&c, "/nonexistent/corrald.conf", FALSE, NULL));
    ck_assert(!corral_config_load(&c, "/nonexistent/corrald.conf", TRUE, &error));
    ck_assert_ptr_nonnull(strstr(error->message, "/nonexistent/corrald.conf"));
    corral_config_clear(&c);
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("config-file");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_defaults);
    tcase_add_test(tc, test_override);
    tcase_add_loop_test(tc, test_bad_file_changes_nothing, 0, G_N_ELEMENTS(bad_files));
    tcase_add_test(tc, test_missing_file);
    suite_add_tcase(s, tc);
    return corral_check_run(s);
}
