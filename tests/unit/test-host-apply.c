/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * What hostcfg writes and runs to make host settings real: configured
 * commands with placeholders and their failures, the keyboard file, the
 * time zone check and files, timesyncd's drop-in, and the service timer
 * (cancel, re-arm and expiry, run in this process with a real argv).
 */
#include "check-tap.h"

#include "common/config-file.h"
#include "common/error.h"
#include "common/hostcfg/host-command.h"
#include "common/hostcfg/keyboard.h"
#include "common/hostcfg/service-timer.h"
#include "common/hostcfg/time-apply.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

START_TEST(test_command_argv)
{
    const char *vars[] = {"action", "start", "keymap", "hu", NULL};
    g_auto(GStrv) argv =
        corral_host_command_argv("'/usr/bin/my tool' --map={keymap} {action} {other}", vars, NULL);
    g_autoptr(GError) error = NULL;

    ck_assert_ptr_nonnull(argv);
    ck_assert_uint_eq(g_strv_length(argv), 4);
    ck_assert_str_eq(argv[0], "/usr/bin/my tool");
    ck_assert_str_eq(argv[1], "--map=hu");
    ck_assert_str_eq(argv[2], "start");
    ck_assert_str_eq(argv[3], "{other}");
    ck_assert_ptr_null(corral_host_command_argv("", vars, &error));
    ck_assert(g_error_matches(error, CORRAL_ERROR, CORRAL_ERROR_CONFIG));
    g_clear_error(&error);
    ck_assert_ptr_null(corral_host_command_argv("unterminated 'quote", vars, &error));
}
END_TEST

START_TEST(test_command_failure)
{
    g_autoptr(GError) error = NULL;

    ck_assert(corral_host_command_run("true", NULL, NULL));
    /* The last line the command printed, on stdout or stderr, is the reason. */
    ck_assert(!corral_host_command_run("sh -c 'echo first; echo \"no console here\" >&2; exit 3'",
                                       NULL, &error));
    ck_assert_str_eq(error->message, "sh failed with exit status 3: no console here");
    g_clear_error(&error);
    ck_assert(!corral_host_command_run("sh -c 'kill -KILL $$'", NULL, &error));
    ck_assert_str_eq(error->message, "sh was killed by signal 9.");
    g_clear_error(&error);
    ck_assert(!corral_host_command_run("/nonexistent/program", NULL, &error));
}
END_TEST

START_TEST(test_keyboard_file)
{
    g_autofree char *fresh = corral_keyboard_file_text(NULL, "hu");
    g_autofree char *kept = corral_keyboard_file_text("XKBMODEL=\"pc105\"\nXKBLAYOUT=\"us\"\n"
                                                      "XKBVARIANT=\"dvorak\"\n"
                                                      "XKBOPTIONS=\"compose:ralt\"\n",
                                                      "de");
    g_autoptr(GError) error = NULL;

    ck_assert_ptr_nonnull(strstr(fresh, "\nXKBLAYOUT=\"hu\"\n"));
    ck_assert_ptr_nonnull(strstr(fresh, "XKBMODEL=\"pc105\"\n"));
    ck_assert_str_eq(kept, "XKBMODEL=\"pc105\"\nXKBLAYOUT=\"de\"\nXKBVARIANT=\"\"\n"
                           "XKBOPTIONS=\"compose:ralt\"\n");
    ck_assert_str_eq(corral_keyboard_find("gb", NULL)->keymap, "uk");
    ck_assert_ptr_null(corral_keyboard_find("xx", &error));
    ck_assert(g_error_matches(error, CORRAL_ERROR, CORRAL_ERROR_INVALID));
}
END_TEST

START_TEST(test_keyboard_apply)
{
    g_autofree char *dir = g_dir_make_tmp("host-apply-XXXXXX", NULL);
    g_autofree char *file = g_build_filename(dir, "keyboard", NULL);
    g_autofree char *out = g_build_filename(dir, "argv", NULL);
    g_autofree char *text = NULL;
    g_autoptr(GError) error = NULL;
    CorralConfig c;

    corral_config_init(&c);
    ck_assert(corral_config_set(&c, "system", "keyboard-file", file, NULL));
    g_free(c.keymap_command);
    c.keymap_command = g_strdup_printf("sh -c 'echo \"$0 $1\" >%s' {keymap} {layout}", out);
    ck_assert(corral_keyboard_apply(&c, "ch", &error));
    ck_assert(g_file_get_contents(out, &text, NULL, NULL));
    ck_assert_str_eq(text, "sg ch\n");
    g_free(text);
    ck_assert(g_file_get_contents(file, &text, NULL, NULL));
    ck_assert_ptr_nonnull(strstr(text, "XKBLAYOUT=\"ch\"\n"));
    /* A failing command: the file is written and the error says so. */
    g_free(c.keymap_command);
    c.keymap_command = g_strdup("false {keymap}");
    ck_assert(!corral_keyboard_apply(&c, "hu", &error));
    ck_assert_ptr_nonnull(strstr(error->message, file));
    ck_assert_ptr_nonnull(strstr(error->message, "false failed with exit status 1"));
    g_free(text);
    ck_assert(g_file_get_contents(file, &text, NULL, NULL));
    ck_assert_ptr_nonnull(strstr(text, "XKBLAYOUT=\"hu\"\n"));
    g_clear_error(&error);
    /* An unknown layout: nothing is written. */
    ck_assert(!corral_keyboard_apply(&c, "zz", &error));
    g_free(text);
    ck_assert(g_file_get_contents(file, &text, NULL, NULL));
    ck_assert_ptr_nonnull(strstr(text, "XKBLAYOUT=\"hu\"\n"));
    g_unlink(file);
    g_unlink(out);
    g_rmdir(dir);
    corral_config_clear(&c);
}
END_TEST

static const struct {
    const char *zone;
    gboolean ok;
} zones[] = {
    {"UTC", TRUE},
    {"Europe/Budapest", TRUE},
    {"America/Argentina/Buenos_Aires", TRUE},
    {"Etc/GMT+5", TRUE},
    {"", FALSE},
    {"Mars/Olympus_Mons", FALSE},
    {"../../etc/passwd", FALSE},
    {"/etc/passwd", FALSE},
    {"Europe", FALSE}, /* a directory */
    {"Europe/", FALSE},
    {"Europe//Budapest", FALSE},
    {"Europe/Budapest ", FALSE},
    {"zone.tab", FALSE}, /* not a TZif file */
    {"-rf", FALSE},
};

START_TEST(test_zones)
{
    g_autoptr(GError) error = NULL;
    gboolean ok;

    if (!g_file_test("/usr/share/zoneinfo/Europe/Budapest", G_FILE_TEST_EXISTS))
        return; /* no tzdata */
    ok = corral_time_check_zone("/usr/share/zoneinfo", zones[_i].zone, &error);
    ck_assert_msg(ok == zones[_i].ok, "\"%s\": %s", zones[_i].zone,
                  ok ? "accepted" : error->message);
}
END_TEST

START_TEST(test_time_apply)
{
    g_autofree char *dir = g_dir_make_tmp("host-apply-XXXXXX", NULL);
    g_autofree char *tz = g_build_filename(dir, "timezone", NULL);
    g_autofree char *lt = g_build_filename(dir, "localtime", NULL);
    g_autofree char *conf_dir = g_build_filename(dir, "timesyncd.conf.d", NULL);
    g_autofree char *conf = g_build_filename(conf_dir, "corral.conf", NULL);
    g_autofree char *out = g_build_filename(dir, "argv", NULL);
    g_autofree char *text = NULL, *link = NULL, *ntp = NULL;
    g_autoptr(GPtrArray) servers = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GError) error = NULL;
    CorralHostTime time = {0};
    CorralConfig c;

    if (!g_file_test("/usr/share/zoneinfo/Europe/Budapest", G_FILE_TEST_EXISTS))
        return;
    corral_config_init(&c);
    ck_assert(corral_config_set(&c, "system", "timezone-file", tz, NULL));
    ck_assert(corral_config_set(&c, "system", "localtime", lt, NULL));
    ck_assert(corral_config_set(&c, "system", "timesyncd-conf", conf, NULL));
    g_free(c.ntp_command);
    c.ntp_command = g_strdup_printf("sh -c 'echo $0 >>%s' {action}", out);
    g_ptr_array_add(servers, g_strdup("ntp1.example.org"));
    g_ptr_array_add(servers, g_strdup("192.0.2.1"));
    time.ntp = TRUE;
    time.servers = servers;
    time.timezone = "Europe/Budapest";
    ck_assert(corral_time_apply(&c, &time, &error));
    ck_assert(g_file_get_contents(tz, &text, NULL, NULL));
    ck_assert_str_eq(text, "Europe/Budapest\n");
    link = g_file_read_link(lt, NULL);
    ck_assert_str_eq(link, "/usr/share/zoneinfo/Europe/Budapest");
    g_free(text);
    ck_assert(g_file_get_contents(conf, &text, NULL, NULL));
    ck_assert_ptr_nonnull(strstr(text, "\n[Time]\nNTP=ntp1.example.org 192.0.2.1\n"));
    /* Off, with no zone: UTC, and the service stopped. */
    time.ntp = FALSE;
    time.timezone = NULL;
    ck_assert(corral_time_apply(&c, &time, &error));
    g_free(link);
    link = g_file_read_link(lt, NULL);
    ck_assert_str_eq(link, "/usr/share/zoneinfo/UTC");
    ck_assert(g_file_get_contents(out, &ntp, NULL, NULL));
    ck_assert_str_eq(ntp, "restart\nstop\n");
    /* A bad zone changes nothing. */
    time.timezone = "Mars/Olympus_Mons";
    ck_assert(!corral_time_apply(&c, &time, &error));
    g_free(link);
    link = g_file_read_link(lt, NULL);
    ck_assert_str_eq(link, "/usr/share/zoneinfo/UTC");
    for (const char *const *f = (const char *const[]){conf, tz, lt, out, NULL}; *f != NULL; f++)
        g_unlink(*f);
    g_rmdir(conf_dir);
    ck_assert_int_eq(g_rmdir(dir), 0); /* no temporary symlink left */
    corral_config_clear(&c);
}
END_TEST

static int expired_calls;

static gboolean
count_expired(const char *state_dir, const char *service, GError **error)
{
    ck_assert_str_eq(service, "ssh");
    expired_calls++;
    return TRUE;
}

START_TEST(test_service_timer)
{
    g_autofree char *dir = g_dir_make_tmp("host-apply-XXXXXX", NULL);
    g_autofree char *path = g_build_filename(dir, "service-timer-ssh.json", NULL);
    g_autofree char *out = g_build_filename(dir, "stopped", NULL);
    g_autofree char *log = g_build_filename(dir, CORRAL_SERVICE_TIMER_LOG_FILE, NULL);
    const char *stop[] = {"touch", out, NULL};
    gint64 deadline = 0;

    /* The guard program here does nothing: this process plays the guard. */
    expired_calls = 0;
    ck_assert(corral_service_timer_arm(dir, "ssh", 0, stop, "/bin/true", NULL));
    ck_assert(corral_service_timer_get(dir, "ssh", &deadline));
    ck_assert(deadline > 0);
    /* Cancelled: the guard stands down without running anything. */
    ck_assert(corral_service_timer_cancel(dir, "ssh"));
    ck_assert(!corral_service_timer_get(dir, "ssh", NULL));
    ck_assert_int_eq(corral_service_timer_guard_main(path, count_expired), 0);
    ck_assert(!g_file_test(out, G_FILE_TEST_EXISTS));
    /* Expired: the stop argv runs, then the expiry function. */
    ck_assert(corral_service_timer_arm(dir, "ssh", 1, stop, "/bin/true", NULL));
    ck_assert_int_eq(corral_service_timer_guard_main(path, count_expired), 0);
    ck_assert(g_file_test(out, G_FILE_TEST_EXISTS));
    ck_assert_int_eq(expired_calls, 1);
    ck_assert(!g_file_test(path, G_FILE_TEST_EXISTS));
    g_unlink(out);
    g_unlink(log);
    ck_assert_int_eq(g_rmdir(dir), 0);
}
END_TEST

static Suite *
host_apply_suite(void)
{
    Suite *s = suite_create("host-apply");
    TCase *tc = tcase_create("core");

    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_command_argv);
    tcase_add_test(tc, test_command_failure);
    tcase_add_test(tc, test_keyboard_file);
    tcase_add_test(tc, test_keyboard_apply);
    tcase_add_loop_test(tc, test_zones, 0, G_N_ELEMENTS(zones));
    tcase_add_test(tc, test_time_apply);
    tcase_add_test(tc, test_service_timer);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    return corral_check_run(host_apply_suite());
}
