/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Tests of the inventory cache on libvirt's test:///default driver (one
 * running guest, "test"): the fill, updates after a power action, a
 * define, a rename and an undefine, removal, name order, and the kept
 * text of the list: made once, made again after a change or when old.
 *
 * Check forks each test, so each starts from the driver's default state.
 */
#include "hostd/inventory-cache.h"
#include "hostd/inventory.h"

#include "check-tap.h"

#include <libvirt/virterror.h>
#include <string.h>

#define TEST_URI "test:///default"

G_DEFINE_AUTOPTR_CLEANUP_FUNC(virConnect, virConnectClose)

static virConnectPtr
open_test(void)
{
    virConnectPtr conn = virConnectOpen(TEST_URI);

    ck_assert_msg(conn != NULL, "%s", virGetLastErrorMessage());
    return conn;
}

static virDomainPtr
define_guest(virConnectPtr conn, const char *name)
{
    g_autofree char *xml =
        g_strdup_printf("<domain type='test'><name>%s</name><memory unit='MiB'>64</memory>"
                        "<vcpu>2</vcpu><os><type>hvm</type></os></domain>",
                        name);
    virDomainPtr domain = virDomainDefineXML(conn, xml);

    ck_assert_msg(domain != NULL, "%s", virGetLastErrorMessage());
    return domain;
}

static char *
uuid_of(virDomainPtr domain)
{
    char uuid[VIR_UUID_STRING_BUFLEN];

    ck_assert_int_eq(virDomainGetUUIDString(domain, uuid), 0);
    return g_strdup(uuid);
}

/* The state of @id in the cache, or -1 when it has no such guest. */
static int
cached_state(CorraldInventoryCache *cache, const char *id)
{
    g_autoptr(CorralVm) vm = corrald_inventory_cache_dup(cache, id);

    return vm != NULL ? (int)vm->state : -1;
}

static CorraldInventoryCache *
filled_cache(virConnectPtr conn)
{
    g_autoptr(GError) error = NULL;
    CorraldInventoryCache *cache = corrald_inventory_cache_new(conn);

    ck_assert_msg(corrald_inventory_cache_resync(cache, &error), "%s",
                  error != NULL ? error->message : "");
    return cache;
}

START_TEST(test_fill)
{
    g_autoptr(virConnect) conn = open_test();
    g_autoptr(CorraldInventoryCache) cache = filled_cache(conn);
    g_autoptr(virDomain) domain = virDomainLookupByName(conn, "test");
    g_autofree char *id = uuid_of(domain);
    g_autoptr(CorralVm) vm = corrald_inventory_cache_dup(cache, id);
    g_autoptr(GPtrArray) listed = corrald_inventory_list(conn, NULL);

    ck_assert_uint_eq(corrald_inventory_cache_size(cache), listed->len);
    ck_assert_ptr_nonnull(vm);
    ck_assert_str_eq(vm->name, "test");
    ck_assert_str_eq(vm->pool, "/");
    ck_assert_int_eq(vm->state, CORRAL_VM_STATE_RUNNING);
    ck_assert_int_eq(vm->vcpus, ((CorralVm *)listed->pdata[0])->vcpus);
    ck_assert_int_eq(vm->memory_bytes, ((CorralVm *)listed->pdata[0])->memory_bytes);
    ck_assert_ptr_null(corrald_inventory_cache_dup(cache, "00000000-0000-0000-0000-000000000000"));
}
END_TEST

START_TEST(test_updates)
{
    g_autoptr(virConnect) conn = open_test();
    g_autoptr(CorraldInventoryCache) cache = filled_cache(conn);
    g_autoptr(virDomain) running = virDomainLookupByName(conn, "test");
    g_autoptr(virDomain) added = NULL;
    g_autofree char *running_id = uuid_of(running);
    g_autofree char *added_id = NULL;
    g_autoptr(CorralVm) vm = NULL;

    /* A power action: the cache tells the old state until updated. */
    ck_assert_int_eq(virDomainDestroy(running), 0);
    ck_assert_int_eq(cached_state(cache, running_id), CORRAL_VM_STATE_RUNNING);
    corrald_inventory_cache_update(cache, running);
    ck_assert_int_eq(cached_state(cache, running_id), CORRAL_VM_STATE_SHUTOFF);

    /* A new guest, then its rename through a handle with the old name. */
    added = define_guest(conn, "added");
    added_id = uuid_of(added);
    ck_assert_int_eq(cached_state(cache, added_id), -1);
    corrald_inventory_cache_update(cache, added);
    vm = corrald_inventory_cache_dup(cache, added_id);
    ck_assert_str_eq(vm->name, "added");
    ck_assert_int_eq(vm->vcpus, 2);
    ck_assert_int_eq(vm->memory_bytes, 64 * 1024 * 1024);
    g_clear_pointer(&vm, corral_vm_free);
    {
        g_autoptr(virDomain) old_handle = virDomainLookupByUUIDString(conn, added_id);

        ck_assert_int_eq(virDomainRename(added, "renamed", 0), 0);
        corrald_inventory_cache_update(cache, old_handle);
    }
    vm = corrald_inventory_cache_dup(cache, added_id);
    ck_assert_str_eq(vm->name, "renamed");

    /* Undefined: an update finds it gone; remove forgets without asking. */
    ck_assert_int_eq(virDomainUndefine(added), 0);
    corrald_inventory_cache_update(cache, added);
    ck_assert_int_eq(cached_state(cache, added_id), -1);
    corrald_inventory_cache_remove(cache, running_id);
    ck_assert_int_eq(cached_state(cache, running_id), -1);
    corrald_inventory_cache_remove(cache, running_id);
}
END_TEST

static void
collect_name(const CorralVm *vm, gpointer data)
{
    g_ptr_array_add(data, g_strdup(vm->name));
}

START_TEST(test_order)
{
    g_autoptr(virConnect) conn = open_test();
    g_autoptr(virDomain) b = define_guest(conn, "b-guest");
    g_autoptr(virDomain) a = define_guest(conn, "a-guest");
    g_autoptr(CorraldInventoryCache) cache = filled_cache(conn);
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
    guint64 before, after;

    before = corrald_inventory_cache_foreach(cache, collect_name, names);
    ck_assert_uint_eq(names->len, 3);
    ck_assert_str_eq(names->pdata[0], "a-guest");
    ck_assert_str_eq(names->pdata[1], "b-guest");
    ck_assert_str_eq(names->pdata[2], "test");
    corrald_inventory_cache_update(cache, a);
    g_ptr_array_set_size(names, 0);
    after = corrald_inventory_cache_foreach(cache, collect_name, names);
    ck_assert_uint_gt(after, before);
    ck_assert_uint_eq(names->len, 3);
}
END_TEST

typedef struct {
    int made;
} Maker;

static void
count_vm(const CorralVm *vm, gpointer data)
{
    (*(guint *)data)++;
}

static GBytes *
make_text(CorraldInventoryCache *cache, guint64 *generation, gpointer data)
{
    Maker *maker = data;
    guint count = 0;
    char *text;

    maker->made++;
    *generation = corrald_inventory_cache_foreach(cache, count_vm, &count);
    text = g_strdup_printf("%u vms", count);
    return g_bytes_new_take(text, strlen(text));
}

START_TEST(test_text)
{
    g_autoptr(virConnect) conn = open_test();
    g_autoptr(CorraldInventoryCache) cache = filled_cache(conn);
    g_autoptr(virDomain) added = NULL;
    g_autoptr(GBytes) first = NULL;
    g_autoptr(GBytes) again = NULL;
    g_autoptr(GBytes) changed = NULL;
    g_autoptr(GBytes) aged = NULL;
    Maker maker = {0};

    first = corrald_inventory_cache_dup_text(cache, G_USEC_PER_SEC * 60, make_text, &maker);
    again = corrald_inventory_cache_dup_text(cache, G_USEC_PER_SEC * 60, make_text, &maker);
    ck_assert_int_eq(maker.made, 1);
    ck_assert_ptr_eq(first, again);
    ck_assert_mem_eq(g_bytes_get_data(first, NULL), "1 vms", 5);

    /* A change of the list makes it stale at once. */
    added = define_guest(conn, "added");
    corrald_inventory_cache_update(cache, added);
    changed = corrald_inventory_cache_dup_text(cache, G_USEC_PER_SEC * 60, make_text, &maker);
    ck_assert_int_eq(maker.made, 2);
    ck_assert_mem_eq(g_bytes_get_data(changed, NULL), "2 vms", 5);

    /* So does age. */
    aged = corrald_inventory_cache_dup_text(cache, 0, make_text, &maker);
    ck_assert_int_eq(maker.made, 3);
}
END_TEST

START_TEST(test_resync_heals)
{
    g_autoptr(virConnect) conn = open_test();
    g_autoptr(CorraldInventoryCache) cache = filled_cache(conn);
    g_autoptr(virDomain) running = virDomainLookupByName(conn, "test");
    g_autoptr(virDomain) added = define_guest(conn, "missed");
    g_autofree char *running_id = uuid_of(running);
    g_autofree char *added_id = uuid_of(added);
    g_autoptr(GError) error = NULL;

    /* Changes whose events were missed show after the next resync. */
    ck_assert_int_eq(virDomainDestroy(running), 0);
    ck_assert(corrald_inventory_cache_resync(cache, &error));
    ck_assert_int_eq(cached_state(cache, running_id), CORRAL_VM_STATE_SHUTOFF);
    ck_assert_int_eq(cached_state(cache, added_id), CORRAL_VM_STATE_SHUTOFF);
    ck_assert_int_eq(virDomainUndefine(added), 0);
    ck_assert(corrald_inventory_cache_resync(cache, &error));
    ck_assert_int_eq(cached_state(cache, added_id), -1);
}
END_TEST

static Suite *
inventory_cache_suite(void)
{
    Suite *suite = suite_create("inventory-cache");
    TCase *cache = tcase_create("cache");

    tcase_add_test(cache, test_fill);
    tcase_add_test(cache, test_updates);
    tcase_add_test(cache, test_order);
    tcase_add_test(cache, test_text);
    tcase_add_test(cache, test_resync_heals);
    suite_add_tcase(suite, cache);
    return suite;
}

int
main(void)
{
    return corral_check_run(inventory_cache_suite());
}
