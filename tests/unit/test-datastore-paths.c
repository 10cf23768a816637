/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Tests of what keeps the datastore file API inside its datastore and
 * what it sends libvirt, without libvirt: the path checks (table-driven),
 * confined opens against real links in a temporary directory (pointing
 * out, absolute, through "..", and inside), Range parsing, and the storage
 * pool XML of every datastore type against golden files, NFS included
 * (no NFS server runs here: see the report of the datastores issue).
 * Golden files are rewritten only when CORRAL_REGENERATE_GOLDEN=1 is set.
 */
#include "check-tap.h"

#include "hostd/datastore-files.h"
#include "hostd/datastore-transfer.h"
#include "hostd/datastore-xml.h"
#include "hostd/hostd-error.h"
#include "protocol/objects.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#define XML_DIR TEST_FIXTURES "/datastore-xml"

static const struct {
    const char *path;
    gboolean root_ok; /* allow "" */
    gboolean valid;
} paths[] = {
    {"", TRUE, TRUE},
    {"", FALSE, FALSE},
    {"a", FALSE, TRUE},
    {"iso/debian 12.iso", FALSE, TRUE},
    {"ünï/cödé", FALSE, TRUE},
    {"..a/b..", FALSE, TRUE},
    {".hidden", FALSE, TRUE},
    {"..", TRUE, FALSE},
    {".", TRUE, FALSE},
    {"a/../b", TRUE, FALSE},
    {"a/..", TRUE, FALSE},
    {"../a", TRUE, FALSE},
    {"/etc/passwd", TRUE, FALSE},
    {"/", TRUE, FALSE},
    {"a//b", TRUE, FALSE},
    {"a/", TRUE, FALSE},
    {"a/./b", TRUE, FALSE},
    {"a\nb", TRUE, FALSE},
    {"a\x7f", TRUE, FALSE},
    {"\xff\xfe", TRUE, FALSE},
};

START_TEST(test_path_check)
{
    g_autoptr(GError) error = NULL;
    gboolean ok = corrald_datastore_path_check(paths[_i].path, paths[_i].root_ok, &error);

    ck_assert_msg(ok == paths[_i].valid, "%s: expected %s", paths[_i].path,
                  paths[_i].valid ? "valid" : "refused");
    if (!ok)
        ck_assert(g_error_matches(error, CORRALD_ERROR, CORRALD_ERROR_BAD_REQUEST));
}
END_TEST

/* A datastore directory with links of every kind, next to a secret. */
static char *base;
static int root_fd = -1;

static void
make_tree(void)
{
    g_autofree char *store = NULL;
    g_autofree char *secret = NULL;

    base = g_dir_make_tmp("corral-paths-XXXXXX", NULL);
    store = g_build_filename(base, "store", NULL);
    secret = g_build_filename(base, "secret", NULL);
    ck_assert_int_eq(g_mkdir(store, 0755), 0);
    ck_assert(g_file_set_contents(secret, "secret", -1, NULL));
    ck_assert_int_eq(chdir(store), 0);
    ck_assert_int_eq(g_mkdir("sub", 0755), 0);
    ck_assert(g_file_set_contents("sub/inside.txt", "inside", -1, NULL));
    ck_assert_int_eq(symlink("../secret", "up"), 0);
    ck_assert_int_eq(symlink(secret, "absolute"), 0);
    ck_assert_int_eq(symlink("sub/inside.txt", "near"), 0);
    ck_assert_int_eq(symlink("..", "sub/parent"), 0);
    ck_assert_int_eq(symlink("/proc/self/root", "magic"), 0);
    root_fd = corrald_datastore_open_root(store, NULL);
    ck_assert_int_ge(root_fd, 0);
}

static void
remove_tree(void)
{
    g_autofree char *command = g_strdup_printf("rm -rf %s", base);

    close(root_fd);
    ck_assert_int_eq(chdir("/"), 0);
    g_spawn_command_line_sync(command, NULL, NULL, NULL, NULL);
    g_clear_pointer(&base, g_free);
}

static const struct {
    const char *path;
    int code; /* -1: opens */
} opens[] = {
    {"sub/inside.txt", -1},
    {"near", -1},
    {"up", CORRALD_ERROR_FORBIDDEN},
    {"absolute", CORRALD_ERROR_FORBIDDEN},
    {"sub/parent/up", CORRALD_ERROR_FORBIDDEN},
    {"sub/parent/sub/inside.txt", -1},
    {"magic", CORRALD_ERROR_FORBIDDEN},
    {"missing", CORRALD_ERROR_NOT_FOUND},
    {"sub/inside.txt/x", CORRALD_ERROR_INVALID},
    {"../secret", CORRALD_ERROR_BAD_REQUEST},
};

START_TEST(test_confined_open)
{
    g_autoptr(GError) error = NULL;
    int fd = corrald_datastore_openat(root_fd, opens[_i].path, O_RDONLY, 0, &error);

    if (opens[_i].code < 0) {
        ck_assert_msg(fd >= 0, "%s: %s", opens[_i].path, error != NULL ? error->message : "?");
        close(fd);
    } else {
        ck_assert_msg(fd < 0, "%s opened", opens[_i].path);
        ck_assert_msg(g_error_matches(error, CORRALD_ERROR, opens[_i].code), "%s: %s (%d)",
                      opens[_i].path, error->message, error->code);
    }
}
END_TEST

START_TEST(test_list_and_folders)
{
    g_autoptr(GPtrArray) files = NULL;
    g_autoptr(GError) error = NULL;

    /* Unfinished uploads and links are not listed. */
    ck_assert(g_file_set_contents(".big.iso.partial-abc123", "x", -1, NULL));
    files = corrald_datastore_list_files(root_fd, "", &error);
    ck_assert_ptr_nonnull(files);
    ck_assert_uint_eq(files->len, 1);
    ck_assert_str_eq(((CorralDatastoreFile *)files->pdata[0])->name, "sub");
    ck_assert(corrald_datastore_make_folder(root_fd, "sub/new", NULL));
    ck_assert(!corrald_datastore_make_folder(root_fd, "sub/new", NULL));
    ck_assert(!corrald_datastore_make_folder(root_fd, "up/new", NULL));
    ck_assert(!corrald_datastore_delete_file(root_fd, "sub", NULL)); /* not empty */
    ck_assert(corrald_datastore_delete_file(root_fd, "sub/new", NULL));
    /* Deleting a link removes the link, never its target. */
    ck_assert(corrald_datastore_delete_file(root_fd, "absolute", NULL));
    ck_assert(g_file_test("../secret", G_FILE_TEST_EXISTS));
}
END_TEST

START_TEST(test_partial_names)
{
    g_autofree char *name = corrald_datastore_partial_name("disk.qcow2");
    g_autofree char *long_leaf = g_strnfill(255, 'a');
    g_autofree char *long_name = corrald_datastore_partial_name(long_leaf);

    ck_assert(corrald_datastore_is_partial(name));
    ck_assert(g_str_has_prefix(name, ".disk.qcow2.partial-"));
    ck_assert(!corrald_datastore_is_partial("disk.qcow2"));
    ck_assert_uint_le(strlen(long_name), 255);
}
END_TEST

static const struct {
    const char *range;
    guint64 total;
    gboolean ok;
    int code;
    guint64 offset, length;
    gboolean partial;
} ranges[] = {
    {NULL, 100, TRUE, 0, 0, 100, FALSE},
    {"bytes=0-9", 100, TRUE, 0, 0, 10, TRUE},
    {"bytes=90-", 100, TRUE, 0, 90, 10, TRUE},
    {"bytes=90-500", 100, TRUE, 0, 90, 10, TRUE},
    {"bytes=-10", 100, TRUE, 0, 90, 10, TRUE},
    {"bytes=-500", 100, TRUE, 0, 0, 100, TRUE},
    {"bytes=99-99", 100, TRUE, 0, 99, 1, TRUE},
    {"bytes=100-", 100, FALSE, CORRALD_ERROR_RANGE_NOT_SATISFIABLE},
    {"bytes=-0", 100, FALSE, CORRALD_ERROR_RANGE_NOT_SATISFIABLE},
    {"bytes=0-", 0, FALSE, CORRALD_ERROR_RANGE_NOT_SATISFIABLE},
    {"bytes=5-4", 100, FALSE, CORRALD_ERROR_BAD_REQUEST},
    {"bytes=0-1,5-6", 100, FALSE, CORRALD_ERROR_BAD_REQUEST},
    {"items=0-1", 100, FALSE, CORRALD_ERROR_BAD_REQUEST},
    {"bytes=a-b", 100, FALSE, CORRALD_ERROR_BAD_REQUEST},
    {"bytes=-", 100, FALSE, CORRALD_ERROR_BAD_REQUEST},
    {"bytes=1", 100, FALSE, CORRALD_ERROR_BAD_REQUEST},
    {"bytes=99999999999999999999999-", 100, FALSE, CORRALD_ERROR_BAD_REQUEST},
};

START_TEST(test_range)
{
    g_autoptr(GError) error = NULL;
    guint64 offset = 7, length = 7;
    gboolean partial = FALSE;
    gboolean ok = corrald_transfer_parse_range(ranges[_i].range, ranges[_i].total, &offset, &length,
                                               &partial, &error);

    ck_assert_msg(ok == ranges[_i].ok, "%s", ranges[_i].range);
    if (!ok) {
        ck_assert_msg(g_error_matches(error, CORRALD_ERROR, ranges[_i].code), "%s: %s",
                      ranges[_i].range, error->message);
        return;
    }
    ck_assert_uint_eq(offset, ranges[_i].offset);
    ck_assert_uint_eq(length, ranges[_i].length);
    ck_assert_int_eq(partial, ranges[_i].partial);
}
END_TEST

static const char *const pool_cases[] = {"dir", "nfs", "iscsi", "iscsi-full"};

START_TEST(test_pool_xml)
{
    g_autofree char *json_path = g_strdup_printf(XML_DIR "/%s.json", pool_cases[_i]);
    g_autofree char *xml_path = g_strdup_printf(XML_DIR "/%s.xml", pool_cases[_i]);
    g_autofree char *json = NULL, *expected = NULL, *xml = NULL;
    g_autoptr(CorralDatastoreSpec) spec = NULL;
    g_autoptr(GError) error = NULL;
    gsize len;

    ck_assert(g_file_get_contents(json_path, &json, &len, NULL));
    spec = corral_codec_parse(&corral_datastore_spec_type, json, len, CORRAL_DECODE_STRICT, &error);
    ck_assert_msg(spec != NULL, "%s: %s", json_path, error != NULL ? error->message : "?");
    xml = corrald_datastore_xml_build(spec, "/var/lib/corral/datastores/shared",
                                      "iqn.2024-01.invalid.corral:host");
    if (g_strcmp0(g_getenv("CORRAL_REGENERATE_GOLDEN"), "1") == 0)
        ck_assert(g_file_set_contents(xml_path, xml, -1, NULL));
    ck_assert_msg(g_file_get_contents(xml_path, &expected, NULL, NULL), "no %s", xml_path);
    ck_assert_str_eq(xml, expected);
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("datastore-paths");
    TCase *checks = tcase_create("checks");
    TCase *tree = tcase_create("tree");
    TCase *xml = tcase_create("xml");

    tcase_add_loop_test(checks, test_path_check, 0, G_N_ELEMENTS(paths));
    tcase_add_loop_test(checks, test_range, 0, G_N_ELEMENTS(ranges));
    tcase_add_test(checks, test_partial_names);
    tcase_add_checked_fixture(tree, make_tree, remove_tree);
    tcase_add_loop_test(tree, test_confined_open, 0, G_N_ELEMENTS(opens));
    tcase_add_test(tree, test_list_and_folders);
    tcase_add_loop_test(xml, test_pool_xml, 0, G_N_ELEMENTS(pool_cases));
    suite_add_tcase(s, checks);
    suite_add_tcase(s, tree);
    suite_add_tcase(s, xml);
    return corral_check_run(s);
}
