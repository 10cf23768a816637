/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * corral-cli's pieces that need no host: sizes as people type them (K, M,
 * G, T suffixes, powers of 1024) and the command table (the longest words
 * win, a group word alone names no command, required options show in the
 * usage without brackets).
 */
#include "check-tap.h"

#include "cli/commands.h"
#include "cli/output.h"

#include <glib.h>
#include <string.h>

static const struct {
    const char *text;
    gint64 bytes;
} good_sizes[] = {
    {"0", 0},
    {"4096", 4096},
    {"1K", 1024},
    {"1k", 1024},
    {"512M", G_GINT64_CONSTANT(512) << 20},
    {"512MiB", G_GINT64_CONSTANT(512) << 20},
    {"512 MB", G_GINT64_CONSTANT(512) << 20},
    {"20G", G_GINT64_CONSTANT(20) << 30},
    {"1.5G", G_GINT64_CONSTANT(3) << 29},
    {"2T", G_GINT64_CONSTANT(2) << 40},
    {" 8G ", G_GINT64_CONSTANT(8) << 30},
};

START_TEST(test_size_good)
{
    g_autoptr(GError) error = NULL;
    gint64 bytes = -1;

    ck_assert_msg(cli_size_parse(good_sizes[_i].text, &bytes, &error), "“%s”: %s",
                  good_sizes[_i].text, error != NULL ? error->message : "");
    ck_assert_int_eq(bytes, good_sizes[_i].bytes);
}
END_TEST

static const char *const bad_sizes[] = {
    "", "M", "-1G", "12Q", "1.5", "1GG", "1 G B", "nan", "inf", "0x10", "99999999T", "1e3",
};

START_TEST(test_size_bad)
{
    g_autoptr(GError) error = NULL;
    gint64 bytes = 42;

    ck_assert_msg(!cli_size_parse(bad_sizes[_i], &bytes, &error), "“%s” was taken", bad_sizes[_i]);
    ck_assert_ptr_nonnull(error);
    ck_assert_int_eq(bytes, 42);
}
END_TEST

START_TEST(test_command_find)
{
    char *words[] = {"vm", "power", "test", "off", NULL};
    char *alone[] = {"vm", NULL};
    char *passwd[] = {"passwd", "root", NULL};
    char *unknown[] = {"reboot", NULL};
    const CliCommand *command;
    guint n = 0;

    command = cli_command_find(words, 4, &n);
    ck_assert_ptr_nonnull(command);
    ck_assert_str_eq(command->words, "vm power");
    ck_assert_uint_eq(n, 2);
    ck_assert_uint_eq(command->min_args, 2);

    ck_assert_ptr_null(cli_command_find(alone, 1, &n));
    ck_assert(cli_command_is_group("vm"));
    ck_assert(cli_command_is_group("user"));
    ck_assert(!cli_command_is_group("passwd"));

    command = cli_command_find(passwd, 2, &n);
    ck_assert_ptr_nonnull(command);
    ck_assert_str_eq(command->words, "passwd");
    ck_assert_uint_eq(n, 1);

    ck_assert_ptr_null(cli_command_find(unknown, 1, &n));
}
END_TEST

START_TEST(test_command_usage)
{
    char *create[] = {"vm", "create", NULL};
    char *add[] = {"user", "add", NULL};
    guint n = 0;
    g_autofree char *create_usage = cli_command_usage(cli_command_find(create, 2, &n));
    g_autofree char *add_usage = cli_command_usage(cli_command_find(add, 2, &n));

    ck_assert_str_eq(create_usage, "vm create --name NAME [--vcpus N] --memory SIZE "
                                   "[--disk DATASTORE:SIZE] [--cdrom DATASTORE:PATH] "
                                   "[--network NET] [--tag TAG] [--folder /FOLDER/PATH]");
    ck_assert_str_eq(add_usage, "user add NAME --role ROLE [--password-file FILE]");
}
END_TEST

START_TEST(test_command_options)
{
    char *add[] = {"user", "add", NULL};
    char *argv_in[] = {"corral-cli", "bob", "--role", "operator", "--json", NULL};
    char *missing_in[] = {"corral-cli", "bob", NULL};
    char *unknown_in[] = {"corral-cli", "bob", "--role", "admin", "--follow", NULL};
    char **argv = argv_in;
    int argc = 5;
    CliContext ctx = {0};
    g_autoptr(GError) error = NULL;
    guint n = 0;
    const CliCommand *command = cli_command_find(add, 2, &n);

    ck_assert(cli_command_parse_options(command, &ctx, &argc, &argv, &error));
    ck_assert_int_eq(argc, 2);
    ck_assert_str_eq(argv[1], "bob");
    ck_assert_str_eq(ctx.role, "operator");
    ck_assert(ctx.json);
    g_clear_pointer(&ctx.role, g_free);

    argv = missing_in;
    argc = 2;
    ck_assert(!cli_command_parse_options(command, &ctx, &argc, &argv, &error));
    ck_assert(g_error_matches(error, CLI_ERROR, CLI_ERROR_USAGE));
    ck_assert_ptr_nonnull(strstr(error->message, "--role"));
    g_clear_error(&error);

    /* An option of another command is refused. */
    argv = unknown_in;
    argc = 5;
    ck_assert(!cli_command_parse_options(command, &ctx, &argc, &argv, &error));
    ck_assert(g_error_matches(error, CLI_ERROR, CLI_ERROR_USAGE));
    cli_context_clear(&ctx);
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("cli");
    TCase *tc = tcase_create("core");

    tcase_add_loop_test(tc, test_size_good, 0, G_N_ELEMENTS(good_sizes));
    tcase_add_loop_test(tc, test_size_bad, 0, G_N_ELEMENTS(bad_sizes));
    tcase_add_test(tc, test_command_find);
    tcase_add_test(tc, test_command_usage);
    tcase_add_test(tc, test_command_options);
    suite_add_tcase(s, tc);
    return corral_check_run(s);
}
