/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The pool tree as a value: paths, partitions, names, moves and removal,
 * guest entries, merging partial resources, and its file (a round trip, a
 * missing file, damaged files refused).
 */
#include "check-tap.h"

#include "hostd/hostd-error.h"
#include "hostd/pool-tree.h"

#include <glib/gstdio.h>
#include <string.h>

#define VM1 "6f1c2a4e-8b3d-4c5e-9f70-1a2b3c4d5e6f"
#define VM2 "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"

static CorraldPoolNode *
add(CorraldPoolTree *tree, const char *parent, const char *name)
{
    g_autoptr(GError) error = NULL;
    CorralResources resources;
    CorraldPoolNode *node;

    corrald_pool_tree_default_resources(&resources);
    node = corrald_pool_tree_add(tree, corrald_pool_tree_find(tree, parent, NULL), name, &resources,
                                 &error);
    ck_assert_msg(node != NULL, "%s", error != NULL ? error->message : "?");
    return node;
}

static char *
path_of(CorraldPoolTree *tree, const char *path)
{
    return corrald_pool_tree_path(tree, corrald_pool_tree_find(tree, path, NULL));
}

START_TEST(test_paths)
{
    g_autoptr(CorraldPoolTree) tree = corrald_pool_tree_new();
    g_autoptr(GError) error = NULL;
    CorraldPoolNode *prod = add(tree, "/", "prod");
    CorraldPoolNode *web = add(tree, "/prod", "web");
    g_autofree char *root_path = path_of(tree, "/");
    g_autofree char *web_path = corrald_pool_tree_path(tree, web);
    g_autofree char *root_partition =
        corrald_pool_tree_partition(tree, corrald_pool_tree_find(tree, "/", NULL));
    g_autofree char *web_partition = corrald_pool_tree_partition(tree, web);
    g_autoptr(GPtrArray) children = corrald_pool_tree_children(tree, prod);
    g_auto(GStrv) parts = NULL;

    ck_assert_str_eq(root_path, "/");
    ck_assert_str_eq(web_path, "/prod/web");
    ck_assert_str_eq(root_partition, "/machine");
    parts = g_strsplit(web_partition, "/", -1);
    ck_assert_uint_eq(g_strv_length(parts), 4);
    ck_assert_str_eq(parts[1], "machine");
    ck_assert(g_str_has_prefix(parts[2], "corral-"));
    ck_assert(g_str_has_suffix(parts[2], "-1"));
    ck_assert(g_str_has_suffix(parts[3], "-2"));
    ck_assert_uint_eq(children->len, 1);
    ck_assert(corrald_pool_tree_is_within(tree, web, prod));
    ck_assert(!corrald_pool_tree_is_within(tree, prod, web));

    ck_assert_ptr_null(corrald_pool_tree_find(tree, "/prod/db", &error));
    ck_assert(g_error_matches(error, CORRALD_ERROR, CORRALD_ERROR_POOL_NOT_FOUND));
    g_clear_error(&error);
    ck_assert_ptr_null(corrald_pool_tree_find(tree, "prod", &error));
    g_clear_error(&error);
    ck_assert_ptr_null(corrald_pool_tree_add(tree, prod, "web", &web->resources, &error));
    ck_assert(g_error_matches(error, CORRALD_ERROR, CORRALD_ERROR_EXISTS));
}
END_TEST

/* A rename keeps the partition; a move changes it. */
START_TEST(test_rename_move)
{
    g_autoptr(CorraldPoolTree) tree = corrald_pool_tree_new();
    g_autoptr(GError) error = NULL;
    CorraldPoolNode *a = add(tree, "/", "a");
    CorraldPoolNode *b = add(tree, "/a", "b");
    CorraldPoolNode *c = add(tree, "/", "c");
    g_autofree char *before = corrald_pool_tree_partition(tree, b);
    g_autofree char *renamed = NULL;
    g_autofree char *moved = NULL;
    g_autofree char *path = NULL;

    ck_assert(corrald_pool_tree_rename(tree, b, "bee", NULL, &error));
    renamed = corrald_pool_tree_partition(tree, b);
    ck_assert_str_eq(before, renamed);
    ck_assert(corrald_pool_tree_rename(tree, a, NULL, c, &error));
    path = corrald_pool_tree_path(tree, b);
    ck_assert_str_eq(path, "/c/a/bee");
    moved = corrald_pool_tree_partition(tree, b);
    ck_assert_str_ne(before, moved);
    /* Parents still come first. */
    ck_assert_ptr_eq(corrald_pool_tree_pools(tree)->pdata[1], c);

    ck_assert(!corrald_pool_tree_rename(tree, c, NULL, b, &error));
    ck_assert(g_error_matches(error, CORRALD_ERROR, CORRALD_ERROR_INVALID));
    g_clear_error(&error);
    add(tree, "/", "x");
    ck_assert(!corrald_pool_tree_rename(tree, c, "x", NULL, &error));
    ck_assert(g_error_matches(error, CORRALD_ERROR, CORRALD_ERROR_EXISTS));
    g_clear_error(&error);
    ck_assert(!corrald_pool_tree_rename(tree, corrald_pool_tree_find(tree, "/", NULL), "root", NULL,
                                        &error));
}
END_TEST

START_TEST(test_remove)
{
    g_autoptr(CorraldPoolTree) tree = corrald_pool_tree_new();
    g_autoptr(GError) error = NULL;
    CorraldPoolNode *a = add(tree, "/", "a");
    CorraldPoolNode *b;
    g_autofree char *path = NULL;

    add(tree, "/a", "b");
    corrald_pool_tree_vm_ensure(tree, VM1)->pool = a->id;
    ck_assert(!corrald_pool_tree_remove(tree, a, FALSE, &error));
    ck_assert(g_error_matches(error, CORRALD_ERROR, CORRALD_ERROR_CONFLICT));
    ck_assert_ptr_nonnull(corrald_pool_tree_find(tree, "/a/b", NULL));
    ck_assert(corrald_pool_tree_remove(tree, a, TRUE, NULL));
    b = corrald_pool_tree_find(tree, "/b", NULL);
    ck_assert_ptr_nonnull(b);
    ck_assert_uint_eq(corrald_pool_tree_vm(tree, VM1)->pool, CORRALD_POOL_ROOT);
    ck_assert(corrald_pool_tree_remove(tree, b, FALSE, NULL));
    ck_assert_uint_eq(corrald_pool_tree_pools(tree)->len, 1);
    g_clear_error(&error);
    ck_assert(
        !corrald_pool_tree_remove(tree, corrald_pool_tree_find(tree, "/", NULL), TRUE, &error));
    path = corrald_pool_tree_path(tree, corrald_pool_tree_find(tree, "/", NULL));
    ck_assert_str_eq(path, "/");
}
END_TEST

START_TEST(test_copy_is_independent)
{
    g_autoptr(CorraldPoolTree) tree = corrald_pool_tree_new();
    g_autoptr(CorraldPoolTree) copy = NULL;
    g_autofree char *tree_partition = NULL;
    g_autofree char *copy_partition = NULL;

    add(tree, "/", "a");
    corrald_pool_tree_vm_ensure(tree, VM1);
    copy = corrald_pool_tree_copy(tree);
    add(copy, "/a", "b");
    corrald_pool_tree_vm_ensure(copy, VM2);
    corrald_pool_tree_find(copy, "/a", NULL)->resources.cpu.limit_mhz = 100;
    ck_assert_ptr_null(corrald_pool_tree_find(tree, "/a/b", NULL));
    ck_assert_ptr_null(corrald_pool_tree_vm(tree, VM2));
    ck_assert_int_eq(corrald_pool_tree_find(tree, "/a", NULL)->resources.cpu.limit_mhz, -1);
    tree_partition = corrald_pool_tree_partition(tree, corrald_pool_tree_find(tree, "/a", NULL));
    copy_partition = corrald_pool_tree_partition(copy, corrald_pool_tree_find(copy, "/a", NULL));
    ck_assert_str_eq(tree_partition, copy_partition);
}
END_TEST

START_TEST(test_merge)
{
    CorralResources r, patch = {0};

    corrald_pool_tree_default_resources(&r);
    CORRAL_SET_PRESENT(&patch, CORRAL_RESOURCES_FIELD_CPU);
    CORRAL_SET_PRESENT(&patch.cpu, CORRAL_CPU_ALLOCATION_FIELD_LIMIT_MHZ);
    patch.cpu.limit_mhz = 500;
    corrald_resources_merge(&r, &patch);
    ck_assert_int_eq(r.cpu.limit_mhz, 500);
    ck_assert_int_eq(r.cpu.reservation_mhz, 0);
    ck_assert_int_eq(r.cpu.shares.level, CORRAL_SHARES_LEVEL_NORMAL);
    ck_assert_int_eq(r.memory.limit_bytes, -1);
    ck_assert(r.expandable);

    /* A custom value, then a level that drops it. */
    memset(&patch, 0, sizeof patch);
    CORRAL_SET_PRESENT(&patch, CORRAL_RESOURCES_FIELD_MEMORY);
    CORRAL_SET_PRESENT(&patch.memory, CORRAL_MEMORY_ALLOCATION_FIELD_SHARES);
    CORRAL_SET_PRESENT(&patch.memory.shares, CORRAL_SHARES_FIELD_LEVEL);
    CORRAL_SET_PRESENT(&patch.memory.shares, CORRAL_SHARES_FIELD_VALUE);
    patch.memory.shares.level = CORRAL_SHARES_LEVEL_CUSTOM;
    patch.memory.shares.value = 777;
    corrald_resources_merge(&r, &patch);
    ck_assert_int_eq(r.memory.shares.level, CORRAL_SHARES_LEVEL_CUSTOM);
    ck_assert(CORRAL_HAS(&r.memory.shares, CORRAL_SHARES_FIELD_VALUE));
    ck_assert_int_eq(r.cpu.limit_mhz, 500);
    patch.memory.shares.present = 1u << CORRAL_SHARES_FIELD_LEVEL;
    patch.memory.shares.level = CORRAL_SHARES_LEVEL_HIGH;
    corrald_resources_merge(&r, &patch);
    ck_assert(!CORRAL_HAS(&r.memory.shares, CORRAL_SHARES_FIELD_VALUE));
}
END_TEST

START_TEST(test_file_round_trip)
{
    g_autofree char *dir = g_dir_make_tmp("pool-tree-XXXXXX", NULL);
    g_autofree char *path = g_build_filename(dir, "pools.json", NULL);
    g_autoptr(CorraldPoolTree) tree = corrald_pool_tree_new();
    g_autoptr(CorraldPoolTree) loaded = NULL;
    g_autoptr(CorraldPoolTree) fresh = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *a = NULL;
    g_autofree char *b = NULL;
    g_autofree char *again = NULL;
    g_autofree char *text = NULL;
    g_autofree char *text2 = NULL;
    CorraldPoolNode *web;
    CorraldVmEntry *entry;
    g_autoptr(GHashTable) known = g_hash_table_new(g_str_hash, g_str_equal);

    fresh = corrald_pool_tree_load(path, &error);
    ck_assert_msg(fresh != NULL, "a missing file is a new tree");
    ck_assert_uint_eq(corrald_pool_tree_pools(fresh)->len, 1);

    add(tree, "/", "prod");
    web = add(tree, "/prod", "web");
    web->resources.cpu.limit_mhz = 1200;
    web->resources.expandable = FALSE;
    entry = corrald_pool_tree_vm_ensure(tree, VM1);
    entry->pool = web->id;
    entry->resources.memory.reservation_bytes = 1 << 20;
    corrald_pool_tree_vm_ensure(tree, VM2);
    ck_assert(corrald_pool_tree_save(tree, path, &error));
    ck_assert(g_file_get_contents(path, &text, NULL, NULL));

    loaded = corrald_pool_tree_load(path, &error);
    ck_assert_msg(loaded != NULL, "%s", error != NULL ? error->message : "?");
    a = corrald_pool_tree_partition(tree, web);
    b = corrald_pool_tree_partition(loaded, corrald_pool_tree_find(loaded, "/prod/web", NULL));
    ck_assert_str_eq(a, b);
    ck_assert_int_eq(corrald_pool_tree_find(loaded, "/prod/web", NULL)->resources.cpu.limit_mhz,
                     1200);
    ck_assert(!corrald_pool_tree_find(loaded, "/prod/web", NULL)->resources.expandable);
    ck_assert_uint_eq(corrald_pool_tree_vm(loaded, VM1)->pool, web->id);
    ck_assert_int_eq(corrald_pool_tree_vm(loaded, VM1)->resources.memory.reservation_bytes,
                     1 << 20);
    /* Saving what was loaded writes the same file. */
    ck_assert(corrald_pool_tree_save(loaded, path, &error));
    ck_assert(g_file_get_contents(path, &text2, NULL, NULL));
    ck_assert_str_eq(text, text2);
    /* New pools never reuse a number. */
    again = corrald_pool_tree_partition(loaded, add(loaded, "/", "next"));
    ck_assert(g_str_has_suffix(again, "-3"));

    g_hash_table_add(known, (gpointer)VM1);
    ck_assert_uint_eq(corrald_pool_tree_prune(loaded, known), 1);
    ck_assert_ptr_null(corrald_pool_tree_vm(loaded, VM2));

    g_unlink(path);
    g_rmdir(dir);
}
END_TEST

static const char *const damaged_files[] = {
    "",
    "[]",
    "{\"version\": 2, \"tag\": \"0011aabb\", \"pools\": [], \"vms\": []}",
    "{\"version\": 1, \"tag\": \"../../x\", \"pools\": [], \"vms\": []}",
    "{\"version\": 1, \"tag\": \"0011aabb\", \"pools\": {}, \"vms\": []}",
    "{\"version\": 1, \"tag\": \"0011aabb\", \"pools\": [{\"id\": 2, \"parent\": 1, \"name\": "
    "\"a\", \"resources\": {}}], \"vms\": []}",
    "{\"version\": 1, \"tag\": \"0011aabb\", \"pools\": [{\"id\": 1, \"parent\": 0, \"name\": "
    "\"a/b\"}], \"vms\": []}",
    "{\"version\": 1, \"tag\": \"0011aabb\", \"pools\": [], \"vms\": [{\"id\": \"nope\", "
    "\"pool\": 0}]}",
    "{\"version\": 1, \"tag\": \"0011aabb\", \"pools\": [], \"vms\": [{\"id\": \"" VM1 "\", "
    "\"pool\": 7, \"resources\": {}}]}",
};

START_TEST(test_damaged)
{
    g_autofree char *dir = g_dir_make_tmp("pool-tree-XXXXXX", NULL);
    g_autofree char *path = g_build_filename(dir, "pools.json", NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(CorraldPoolTree) tree = NULL;

    ck_assert(g_file_set_contents(path, damaged_files[_i], -1, NULL));
    tree = corrald_pool_tree_load(path, &error);
    ck_assert_msg(tree == NULL, "accepted: %s", damaged_files[_i]);
    ck_assert_ptr_nonnull(error);
    g_unlink(path);
    g_rmdir(dir);
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("pool-tree");
    TCase *tc = tcase_create("tree");

    tcase_add_test(tc, test_paths);
    tcase_add_test(tc, test_rename_move);
    tcase_add_test(tc, test_remove);
    tcase_add_test(tc, test_copy_is_independent);
    tcase_add_test(tc, test_merge);
    tcase_add_test(tc, test_file_round_trip);
    tcase_add_loop_test(tc, test_damaged, 0, G_N_ELEMENTS(damaged_files));
    suite_add_tcase(s, tc);
    return corral_check_run(s);
}
