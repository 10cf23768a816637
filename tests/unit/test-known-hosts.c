/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The known_hosts store of corral-cli and the desktop client: lines parse
 * into pins with thumbprints in the canonical form; malformed lines refuse
 * the whole file and name their line; a pin is added once and never
 * replaced; saving is atomic (a rename over the old file, mode 0600, no
 * temporary left behind) and keeps the user's comments.
 */
#include "check-tap.h"

#include "protocol/known-hosts.h"
#include "protocol/protocol-error.h"
#include "tests/common/test-util.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TP_A                                                                                       \
    "AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:"   \
    "88:99"
#define TP_A_LOWER "aabbccddeeff00112233445566778899aabbccddeeff00112233445566778899"
#define TP_B                                                                                       \
    "01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:"   \
    "CD:EF"

static char *tmpdir;

static void
setup(void)
{
    tmpdir = g_dir_make_tmp("corral-known-hosts-XXXXXX", NULL);
    ck_assert_ptr_nonnull(tmpdir);
}

static void
teardown(void)
{
    corral_test_clear_tree(&tmpdir);
}

static CorralKnownHosts *
parse(const char *text, GError **error)
{
    return corral_known_hosts_parse("known_hosts", text, strlen(text), error);
}

START_TEST(test_parse_good)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(CorralKnownHosts) hosts = parse("# pins of my hosts\n"
                                              "\n"
                                              "esx1.example.org:8443 " TP_A "\n"
                                              "  10.0.0.5:443\t" TP_A_LOWER "  \r\n"
                                              "[fe80::1]:8443 " TP_B,
                                              &error);

    ck_assert_ptr_null(error);
    ck_assert_ptr_nonnull(hosts);
    ck_assert_str_eq(corral_known_hosts_lookup(hosts, "esx1.example.org:8443"), TP_A);
    /* Host names compare without regard to case; thumbprints come back in
     * the canonical form whatever form the file used. */
    ck_assert_str_eq(corral_known_hosts_lookup(hosts, "ESX1.Example.ORG:8443"), TP_A);
    ck_assert_str_eq(corral_known_hosts_lookup(hosts, "10.0.0.5:443"), TP_A);
    ck_assert_str_eq(corral_known_hosts_lookup(hosts, "[fe80::1]:8443"), TP_B);
    /* The port is part of the identity. */
    ck_assert_ptr_null(corral_known_hosts_lookup(hosts, "esx1.example.org:443"));
    ck_assert_ptr_null(corral_known_hosts_lookup(hosts, "esx2.example.org:8443"));
}
END_TEST

/* Each malformed line is refused, and the message names the line. */
static const struct {
    const char *text;
    const char *expected; /* in the message */
} bad_files[] = {
    {"host:443\n", "known_hosts:1: expected"},
    {"# ok\nhost:443 " TP_A " extra\n", "known_hosts:2: expected"},
    {"\n\nhost " TP_A "\n", "known_hosts:3: "},
    {"host:0 " TP_A "\n", "known_hosts:1: "},
    {"host:65536 " TP_A "\n", "known_hosts:1: "},
    {"host:44a " TP_A "\n", "known_hosts:1: "},
    {":443 " TP_A "\n", "known_hosts:1: "},
    {"fe80::1:443 " TP_A "\n", "known_hosts:1: "},
    {"[fe80::1:443 " TP_A "\n", "known_hosts:1: "},
    {"a/b:443 " TP_A "\n", "known_hosts:1: "},
    {"host:443 AA:BB\n", "known_hosts:1: the thumbprint of host:443"},
    {"host:443 " TP_A "\nx:1 zz\n", "known_hosts:2: the thumbprint"},
    {"host:443 " TP_A "\n# again\nHOST:443 " TP_B "\n", "known_hosts:3: HOST:443 is already "
                                                        "pinned on line 1"},
    {"host:443 " TP_A "\n\xff\xfe:1 " TP_B "\n", "known_hosts:2: the line is not UTF-8"},
};

START_TEST(test_parse_bad)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(CorralKnownHosts) hosts = parse(bad_files[_i].text, &error);

    ck_assert_ptr_null(hosts);
    ck_assert_ptr_nonnull(error);
    ck_assert(g_error_matches(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_INVALID));
    ck_assert_msg(strstr(error->message, bad_files[_i].expected) != NULL,
                  "case %d: “%s” does not contain “%s”", _i, error->message,
                  bad_files[_i].expected);
}
END_TEST

START_TEST(test_nul_byte_refused)
{
    static const char text[] = "host:443 " TP_A "\nhost2:443 \0" TP_B "\n";
    g_autoptr(GError) error = NULL;
    g_autoptr(CorralKnownHosts) hosts =
        corral_known_hosts_parse("known_hosts", text, sizeof text - 1, &error);

    ck_assert_ptr_null(hosts);
    ck_assert_ptr_nonnull(strstr(error->message, "known_hosts:2:"));
}
END_TEST

START_TEST(test_add_and_check)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(CorralKnownHosts) hosts = parse("", &error);

    ck_assert_int_eq(corral_known_hosts_check(hosts, "h:8443", TP_A), CORRAL_KNOWN_HOST_UNKNOWN);
    ck_assert(corral_known_hosts_add(hosts, "h:8443", TP_A_LOWER, &error));
    ck_assert_str_eq(corral_known_hosts_lookup(hosts, "h:8443"), TP_A);
    ck_assert_int_eq(corral_known_hosts_check(hosts, "h:8443", TP_A_LOWER),
                     CORRAL_KNOWN_HOST_MATCH);
    ck_assert_int_eq(corral_known_hosts_check(hosts, "H:8443", TP_A), CORRAL_KNOWN_HOST_MATCH);
    /* Adding the pin a host has is nothing new. */
    ck_assert(corral_known_hosts_add(hosts, "H:8443", TP_A, &error));
    ck_assert_ptr_null(error);
}
END_TEST

START_TEST(test_mismatch_never_replaces)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(CorralKnownHosts) hosts = parse("h:8443 " TP_A "\n", &error);

    ck_assert_int_eq(corral_known_hosts_check(hosts, "h:8443", TP_B), CORRAL_KNOWN_HOST_MISMATCH);
    /* A thumbprint that is no thumbprint never matches. */
    ck_assert_int_eq(corral_known_hosts_check(hosts, "h:8443", "nonsense"),
                     CORRAL_KNOWN_HOST_MISMATCH);
    ck_assert(!corral_known_hosts_add(hosts, "h:8443", TP_B, &error));
    ck_assert(g_error_matches(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_PIN_MISMATCH));
    ck_assert_ptr_nonnull(strstr(error->message, TP_A));
    ck_assert_str_eq(corral_known_hosts_lookup(hosts, "h:8443"), TP_A);
}
END_TEST

static const struct {
    const char *host;
    const char *thumbprint;
} bad_adds[] = {
    {"h", TP_A},        {"h:", TP_A},       {"h:99999", TP_A},
    {"h 1:443", TP_A},  {"h:443", "AA:BB"}, {"h:443", TP_A "00"},
    {"[::1]443", TP_A}, {"#h:443", TP_A},   {"h:443", ""},
};

START_TEST(test_add_refuses_malformed)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(CorralKnownHosts) hosts = parse("", &error);

    ck_assert(!corral_known_hosts_add(hosts, bad_adds[_i].host, bad_adds[_i].thumbprint, &error));
    ck_assert(g_error_matches(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_INVALID));
    ck_assert_ptr_null(corral_known_hosts_lookup(hosts, bad_adds[_i].host));
}
END_TEST

START_TEST(test_load_missing_is_empty)
{
    g_autofree char *path = g_build_filename(tmpdir, "none", "known_hosts", NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(CorralKnownHosts) hosts = corral_known_hosts_load(path, &error);

    ck_assert_ptr_nonnull(hosts);
    ck_assert_ptr_null(corral_known_hosts_lookup(hosts, "h:443"));
    ck_assert_str_eq(corral_known_hosts_get_path(hosts), path);
}
END_TEST

START_TEST(test_load_names_file_and_line)
{
    g_autofree char *path = g_build_filename(tmpdir, "known_hosts", NULL);
    g_autofree char *expected = g_strdup_printf("%s:2:", path);
    g_autoptr(GError) error = NULL;
    g_autoptr(CorralKnownHosts) hosts = NULL;

    ck_assert(g_file_set_contents(path, "a:1 " TP_A "\nb:1\n", -1, NULL));
    hosts = corral_known_hosts_load(path, &error);
    ck_assert_ptr_null(hosts);
    ck_assert_ptr_nonnull(strstr(error->message, expected));
}
END_TEST

/* The names in @dir, sorted, joined by spaces. */
static char *
list_dir(const char *dir)
{
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
    const char *name;

    while (d != NULL && (name = g_dir_read_name(d)) != NULL)
        g_ptr_array_add(names, g_strdup(name));
    g_ptr_array_sort(names, (GCompareFunc)g_strcmp0);
    g_ptr_array_add(names, NULL);
    return g_strjoinv(" ", (char **)names->pdata);
}

START_TEST(test_save_round_trip_atomic)
{
    g_autofree char *dir = g_build_filename(tmpdir, "config", "corral", NULL);
    g_autofree char *path = g_build_filename(dir, "known_hosts", NULL);
    g_autofree char *text = NULL;
    g_autofree char *names = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(CorralKnownHosts) hosts = NULL;
    g_autoptr(CorralKnownHosts) again = NULL;
    struct stat before, after, dir_st;

    /* First save: the folder is made, private. */
    hosts = corral_known_hosts_load(path, &error);
    ck_assert(corral_known_hosts_add(hosts, "one:8443", TP_A_LOWER, &error));
    ck_assert(corral_known_hosts_save(hosts, &error));
    ck_assert_int_eq(stat(dir, &dir_st), 0);
    ck_assert_int_eq(dir_st.st_mode & 07777, 0700);
    ck_assert(g_file_get_contents(path, &text, NULL, NULL));
    ck_assert_str_eq(text, "one:8443 " TP_A "\n");
    g_clear_pointer(&text, g_free);
    g_clear_pointer(&hosts, corral_known_hosts_free);

    /* The user adds a comment; a second pin keeps it. */
    ck_assert(g_file_set_contents(path, "# my lab\none:8443 " TP_A "\n\n", -1, NULL));
    ck_assert_int_eq(stat(path, &before), 0);
    hosts = corral_known_hosts_load(path, &error);
    ck_assert_ptr_nonnull(hosts);
    ck_assert(corral_known_hosts_add(hosts, "[::1]:8443", TP_B, &error));
    ck_assert(corral_known_hosts_save(hosts, &error));
    ck_assert(g_file_get_contents(path, &text, NULL, NULL));
    ck_assert_str_eq(text, "# my lab\none:8443 " TP_A "\n\n[::1]:8443 " TP_B "\n");

    /* Replaced by a rename (a new inode), private, nothing left beside it. */
    ck_assert_int_eq(stat(path, &after), 0);
    ck_assert(before.st_ino != after.st_ino);
    ck_assert_int_eq(after.st_mode & 07777, 0600);
    names = list_dir(dir);
    ck_assert_str_eq(names, "known_hosts");

    again = corral_known_hosts_load(path, &error);
    ck_assert_ptr_nonnull(again);
    ck_assert_str_eq(corral_known_hosts_lookup(again, "one:8443"), TP_A);
    ck_assert_str_eq(corral_known_hosts_lookup(again, "[::1]:8443"), TP_B);
}
END_TEST

START_TEST(test_save_failure_is_clean)
{
    g_autofree char *dir = g_build_filename(tmpdir, "cfg", NULL);
    g_autofree char *path = g_build_filename(dir, "known_hosts", NULL);
    g_autofree char *names = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(CorralKnownHosts) hosts = corral_known_hosts_new(path);

    /* A folder where the file should be: the rename fails (for root too),
     * and no temporary file is left behind. */
    ck_assert_int_eq(g_mkdir_with_parents(path, 0700), 0);
    ck_assert(corral_known_hosts_add(hosts, "two:8443", TP_B, &error));
    ck_assert(!corral_known_hosts_save(hosts, &error));
    ck_assert_ptr_nonnull(error);
    names = list_dir(dir);
    ck_assert_str_eq(names, "known_hosts");
    ck_assert(g_file_test(path, G_FILE_TEST_IS_DIR));
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("known-hosts");
    TCase *tc = tcase_create("core");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_parse_good);
    tcase_add_loop_test(tc, test_parse_bad, 0, G_N_ELEMENTS(bad_files));
    tcase_add_test(tc, test_nul_byte_refused);
    tcase_add_test(tc, test_add_and_check);
    tcase_add_test(tc, test_mismatch_never_replaces);
    tcase_add_loop_test(tc, test_add_refuses_malformed, 0, G_N_ELEMENTS(bad_adds));
    tcase_add_test(tc, test_load_missing_is_empty);
    tcase_add_test(tc, test_load_names_file_and_line);
    tcase_add_test(tc, test_save_round_trip_atomic);
    tcase_add_test(tc, test_save_failure_is_clean);
    suite_add_tcase(s, tc);
    return corral_check_run(s);
}
