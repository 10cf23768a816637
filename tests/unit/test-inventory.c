/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Tests of the inventory on libvirt's test:///default driver (a running
 * guest "test", a network "default" and a storage pool "default-pool"):
 * state mapping, lookups, the list, details, creating, editing, power
 * actions and their wrong states, snapshots, deleting with and without
 * force and disks; the lifecycle event table and the sampler.
 *
 * Check forks each test, so each starts from the driver's default state.
 */
#include "hostd/domain-xml.h"
#include "hostd/hostd-error.h"
#include "hostd/inventory.h"
#include "hostd/sampler.h"
#include "hostd/virt-events.h"

#include "check-tap.h"

#include <libvirt/virterror.h>
#include <string.h>

#define TEST_URI  "test:///default"
#define DATASTORE "default-pool"

G_DEFINE_AUTOPTR_CLEANUP_FUNC(virConnect, virConnectClose)

static virConnectPtr
open_test(void)
{
    virConnectPtr conn = virConnectOpen(TEST_URI);

    ck_assert_msg(conn != NULL, "%s", virGetLastErrorMessage());
    return conn;
}

static CorralVmSpec *
new_spec(const char *name, gint64 disk_size)
{
    CorralVmSpec *spec = g_new0(CorralVmSpec, 1);
    CorralVmDisk *disk = g_new0(CorralVmDisk, 1);
    CorralVmNic *nic = g_new0(CorralVmNic, 1);

    spec->present = ~G_GUINT64_CONSTANT(0);
    spec->name = g_strdup(name);
    spec->vcpus = 2;
    spec->memory_bytes = 256 * 1024 * 1024;
    spec->guest_os = g_strdup("debian12");
    spec->disks = g_ptr_array_new_with_free_func((GDestroyNotify)corral_vm_disk_free);
    spec->nics = g_ptr_array_new_with_free_func((GDestroyNotify)corral_vm_nic_free);
    disk->datastore = g_strdup(DATASTORE);
    disk->volume = g_strconcat(name, "-disk0.qcow2", NULL);
    disk->size_bytes = disk_size;
    disk->bus = CORRAL_DISK_BUS_VIRTIO;
    g_ptr_array_add(spec->disks, disk);
    nic->network = g_strdup("default");
    nic->model = g_strdup("virtio");
    g_ptr_array_add(spec->nics, nic);
    return spec;
}

static virDomainPtr
create_vm(virConnectPtr conn, const char *name, char **uuid_out)
{
    g_autoptr(CorralVmSpec) spec = new_spec(name, 1 << 20);
    g_autofree char *uuid = g_uuid_string_random();
    g_autoptr(GError) error = NULL;
    virDomainPtr domain = corrald_inventory_create(conn, spec, uuid, "kvm", NULL, NULL, &error);

    ck_assert_msg(domain != NULL, "%s", error != NULL ? error->message : "");
    if (uuid_out != NULL)
        *uuid_out = g_steal_pointer(&uuid);
    return domain;
}

static gboolean
volume_exists(virConnectPtr conn, const char *name)
{
    g_autoptr(virStoragePool) pool = virStoragePoolLookupByName(conn, DATASTORE);
    g_autoptr(virStorageVol) vol = virStorageVolLookupByName(pool, name);

    return vol != NULL;
}

static CorralVmState
state_of(virDomainPtr domain)
{
    CorralVmState state = CORRAL_VM_STATE_LAST;

    ck_assert(corrald_inventory_state(domain, &state, NULL));
    return state;
}

static const struct {
    int libvirt;
    gboolean saved;
    CorralVmState state;
} state_cases[] = {
    {VIR_DOMAIN_RUNNING, FALSE, CORRAL_VM_STATE_RUNNING},
    {VIR_DOMAIN_BLOCKED, FALSE, CORRAL_VM_STATE_RUNNING},
    {VIR_DOMAIN_PAUSED, FALSE, CORRAL_VM_STATE_PAUSED},
    {VIR_DOMAIN_SHUTDOWN, FALSE, CORRAL_VM_STATE_RUNNING},
    {VIR_DOMAIN_SHUTOFF, FALSE, CORRAL_VM_STATE_SHUTOFF},
    {VIR_DOMAIN_SHUTOFF, TRUE, CORRAL_VM_STATE_SUSPENDED},
    {VIR_DOMAIN_CRASHED, FALSE, CORRAL_VM_STATE_CRASHED},
    {VIR_DOMAIN_PMSUSPENDED, FALSE, CORRAL_VM_STATE_SUSPENDED},
    {VIR_DOMAIN_NOSTATE, FALSE, CORRAL_VM_STATE_SHUTOFF},
    {99, FALSE, CORRAL_VM_STATE_SHUTOFF},
};

START_TEST(test_state_mapping)
{
    ck_assert_int_eq(corrald_vm_state_from_libvirt(state_cases[_i].libvirt, state_cases[_i].saved),
                     state_cases[_i].state);
}
END_TEST

START_TEST(test_lookup)
{
    g_autoptr(virConnect) conn = open_test();
    g_autoptr(GError) error = NULL;
    g_autoptr(virDomain) test = virDomainLookupByName(conn, "test");
    char uuid[VIR_UUID_STRING_BUFLEN];
    g_autoptr(virDomain) found = NULL;

    ck_assert_ptr_null(corrald_inventory_lookup(conn, "not-a-uuid", &error));
    ck_assert(g_error_matches(error, CORRALD_ERROR, CORRALD_ERROR_BAD_REQUEST));
    g_clear_error(&error);
    ck_assert_ptr_null(
        corrald_inventory_lookup(conn, "00000000-0000-0000-0000-000000000001", &error));
    ck_assert(g_error_matches(error, CORRALD_ERROR, CORRALD_ERROR_VM_NOT_FOUND));
    g_clear_error(&error);

    ck_assert_int_eq(virDomainGetUUIDString(test, uuid), 0);
    found = corrald_inventory_lookup(conn, uuid, &error);
    ck_assert_ptr_nonnull(found);
    ck_assert_str_eq(virDomainGetName(found), "test");
}
END_TEST

START_TEST(test_list_and_get)
{
    g_autoptr(virConnect) conn = open_test();
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) vms = NULL;
    g_autoptr(GPtrArray) ids = NULL;
    g_autoptr(virDomain) created = create_vm(conn, "web01", NULL);
    g_autoptr(virDomain) test = virDomainLookupByName(conn, "test");
    g_autoptr(CorralVm) details = NULL;
    g_autoptr(CorralVm) decoded = NULL;
    g_autofree char *json = NULL;
    const CorralVm *listed_test = NULL, *listed_web = NULL;

    vms = corrald_inventory_list(conn, &error);
    ck_assert_ptr_nonnull(vms);
    ck_assert_uint_eq(vms->len, 2);
    for (guint i = 0; i < vms->len; i++) {
        const CorralVm *vm = vms->pdata[i];

        if (g_str_equal(vm->name, "test"))
            listed_test = vm;
        if (g_str_equal(vm->name, "web01"))
            listed_web = vm;
    }
    ck_assert(listed_test != NULL && listed_web != NULL);
    ck_assert_int_eq(listed_test->state, CORRAL_VM_STATE_RUNNING);
    ck_assert_int_eq(listed_web->state, CORRAL_VM_STATE_SHUTOFF);
    ck_assert_int_eq(listed_web->vcpus, 2);
    ck_assert_int_eq(listed_web->memory_bytes, 256 * 1024 * 1024);
    ck_assert_str_eq(listed_web->pool, "/");
    /* A summary encodes as a whole vm object that decodes again. */
    json = corral_codec_format(&corral_vm_type, listed_web);
    decoded = corral_codec_parse(&corral_vm_type, json, strlen(json), CORRAL_DECODE_STRICT, &error);
    ck_assert_msg(decoded != NULL, "%s", error != NULL ? error->message : "");

    ids = corrald_inventory_list_ids(conn, &error);
    ck_assert_uint_eq(ids->len, 2);

    details = corrald_inventory_get(created, &error);
    ck_assert_msg(details != NULL, "%s", error != NULL ? error->message : "");
    ck_assert_str_eq(details->name, "web01");
    ck_assert_str_eq(details->guest_os, "debian12");
    ck_assert_uint_eq(details->disks->len, 1);
    ck_assert_str_eq(((CorralVmDisk *)details->disks->pdata[0])->datastore, DATASTORE);
    ck_assert_int_eq(((CorralVmDisk *)details->disks->pdata[0])->size_bytes, 1 << 20);
    ck_assert_uint_eq(details->nics->len, 1);
    ck_assert_str_eq(((CorralVmNic *)details->nics->pdata[0])->network, "default");
    g_clear_pointer(&details, corral_vm_free);

    details = corrald_inventory_get(test, &error);
    ck_assert_ptr_nonnull(details);
    ck_assert_int_eq(details->state, CORRAL_VM_STATE_RUNNING);
}
END_TEST

START_TEST(test_create_refusals)
{
    g_autoptr(virConnect) conn = open_test();
    g_autoptr(GError) error = NULL;
    g_autoptr(CorralVmSpec) no_size = new_spec("nosize", 0);
    g_autoptr(CorralVmSpec) bad_store = new_spec("badstore", 1 << 20);
    g_autoptr(CorralVmSpec) bad_pool = new_spec("badpool", 1 << 20);
    g_autoptr(CorralVmSpec) rollback = new_spec("rollback", 1 << 20);
    g_autofree char *uuid = g_uuid_string_random();

    ck_assert(!corrald_inventory_check_name_free(conn, "test", &error));
    ck_assert(g_error_matches(error, CORRALD_ERROR, CORRALD_ERROR_EXISTS));
    g_clear_error(&error);

    ck_assert_ptr_null(corrald_inventory_create(conn, no_size, uuid, "kvm", NULL, NULL, &error));
    ck_assert(g_error_matches(error, CORRALD_ERROR, CORRALD_ERROR_INVALID));
    g_clear_error(&error);

    g_free(((CorralVmDisk *)bad_store->disks->pdata[0])->datastore);
    ((CorralVmDisk *)bad_store->disks->pdata[0])->datastore = g_strdup("nowhere");
    ck_assert_ptr_null(corrald_inventory_create(conn, bad_store, uuid, "kvm", NULL, NULL, &error));
    ck_assert(g_error_matches(error, CORRALD_ERROR, CORRALD_ERROR_DATASTORE_NOT_FOUND));
    g_clear_error(&error);

    bad_pool->pool = g_strdup("/prod");
    ck_assert(!corrald_inventory_check_spec(bad_pool, &error));
    ck_assert(g_error_matches(error, CORRALD_ERROR, CORRALD_ERROR_INVALID));
    g_clear_error(&error);

    /* A failed define removes the volume it made. */
    ck_assert_ptr_null(
        corrald_inventory_create(conn, rollback, "not-a-uuid", "kvm", NULL, NULL, &error));
    ck_assert(!volume_exists(conn, "rollback-disk0.qcow2"));
}
END_TEST

static const struct {
    CorralPowerAction action;
    gboolean ok;
    CorralVmState after;
    const char *message; /* part of the refusal */
} power_steps[] = {
    {CORRAL_POWER_ACTION_SHUTDOWN, FALSE, CORRAL_VM_STATE_SHUTOFF, "already shutoff"},
    {CORRAL_POWER_ACTION_RESUME, FALSE, CORRAL_VM_STATE_SHUTOFF, "cannot resume"},
    {CORRAL_POWER_ACTION_ON, TRUE, CORRAL_VM_STATE_RUNNING, NULL},
    {CORRAL_POWER_ACTION_ON, FALSE, CORRAL_VM_STATE_RUNNING, "vm is already running"},
    {CORRAL_POWER_ACTION_REBOOT, TRUE, CORRAL_VM_STATE_RUNNING, NULL},
    {CORRAL_POWER_ACTION_RESET, TRUE, CORRAL_VM_STATE_RUNNING, NULL},
    {CORRAL_POWER_ACTION_SUSPEND, TRUE, CORRAL_VM_STATE_SUSPENDED, NULL},
    {CORRAL_POWER_ACTION_SUSPEND, FALSE, CORRAL_VM_STATE_SUSPENDED, "already suspended"},
    {CORRAL_POWER_ACTION_RESUME, TRUE, CORRAL_VM_STATE_RUNNING, NULL},
    {CORRAL_POWER_ACTION_OFF, TRUE, CORRAL_VM_STATE_SHUTOFF, NULL},
    {CORRAL_POWER_ACTION_OFF, FALSE, CORRAL_VM_STATE_SHUTOFF, "already shutoff"},
    {CORRAL_POWER_ACTION_ON, TRUE, CORRAL_VM_STATE_RUNNING, NULL},
    {CORRAL_POWER_ACTION_SHUTDOWN, TRUE, CORRAL_VM_STATE_SHUTOFF, NULL},
};

START_TEST(test_power)
{
    g_autoptr(virConnect) conn = open_test();
    g_autoptr(virDomain) domain = create_vm(conn, "power", NULL);

    for (guint i = 0; i < G_N_ELEMENTS(power_steps); i++) {
        g_autoptr(GError) error = NULL;
        gboolean ok = corrald_inventory_power(domain, power_steps[i].action, &error);

        ck_assert_msg(ok == power_steps[i].ok, "step %u (%s): %s", i,
                      corral_power_action_to_string(power_steps[i].action),
                      error != NULL ? error->message : "succeeded");
        if (!ok) {
            ck_assert(g_error_matches(error, CORRALD_ERROR, CORRALD_ERROR_INVALID_STATE));
            ck_assert_msg(strstr(error->message, power_steps[i].message) != NULL, "step %u: %s", i,
                          error->message);
        }
        ck_assert_int_eq(state_of(domain), power_steps[i].after);
    }
}
END_TEST

START_TEST(test_list_suspended)
{
    g_autoptr(virConnect) conn = open_test();
    g_autoptr(virDomain) domain = create_vm(conn, "saved", NULL);
    g_autoptr(GPtrArray) vms = NULL;

    ck_assert(corrald_inventory_power(domain, CORRAL_POWER_ACTION_ON, NULL));
    ck_assert(corrald_inventory_power(domain, CORRAL_POWER_ACTION_SUSPEND, NULL));
    vms = corrald_inventory_list(conn, NULL);
    for (guint i = 0; i < vms->len; i++) {
        const CorralVm *vm = vms->pdata[i];

        if (g_str_equal(vm->name, "saved"))
            ck_assert_int_eq(vm->state, CORRAL_VM_STATE_SUSPENDED);
    }
}
END_TEST

START_TEST(test_edit)
{
    g_autoptr(virConnect) conn = open_test();
    g_autofree char *uuid = NULL;
    g_autoptr(virDomain) domain = create_vm(conn, "edit", &uuid);
    g_autoptr(CorralVmSpec) patch = g_new0(CorralVmSpec, 1);
    g_autoptr(CorralVmSpec) bad = g_new0(CorralVmSpec, 1);
    g_autoptr(GError) error = NULL;
    g_autoptr(CorralVm) vm = NULL;
    g_autoptr(virDomain) renamed = NULL;

    patch->vcpus = 4;
    patch->memory_bytes = 512 * 1024 * 1024;
    patch->guest_os = g_strdup("win11");
    patch->name = g_strdup("edited");
    patch->present = (1 << CORRAL_VM_SPEC_FIELD_VCPUS) | (1 << CORRAL_VM_SPEC_FIELD_MEMORY_BYTES) |
                     (1 << CORRAL_VM_SPEC_FIELD_GUEST_OS) | (1 << CORRAL_VM_SPEC_FIELD_NAME);

    /* Renaming a running guest is refused, and nothing changes. */
    ck_assert(corrald_inventory_power(domain, CORRAL_POWER_ACTION_ON, NULL));
    ck_assert(!corrald_inventory_edit(domain, patch, &error));
    ck_assert(g_error_matches(error, CORRALD_ERROR, CORRALD_ERROR_INVALID_STATE));
    g_clear_error(&error);
    vm = corrald_inventory_get(domain, &error);
    ck_assert_int_eq(vm->vcpus, 2);
    g_clear_pointer(&vm, corral_vm_free);

    /* Fields PATCH does not change are refused. */
    bad->pool = g_strdup("/x");
    CORRAL_SET_PRESENT(bad, CORRAL_VM_SPEC_FIELD_POOL);
    ck_assert(!corrald_inventory_edit(domain, bad, &error));
    ck_assert(g_error_matches(error, CORRALD_ERROR, CORRALD_ERROR_INVALID));
    g_clear_error(&error);

    ck_assert(corrald_inventory_power(domain, CORRAL_POWER_ACTION_OFF, NULL));
    ck_assert_msg(corrald_inventory_edit(domain, patch, &error), "%s",
                  error != NULL ? error->message : "");
    renamed = corrald_inventory_lookup(conn, uuid, &error);
    vm = corrald_inventory_get(renamed, &error);
    ck_assert_str_eq(vm->name, "edited");
    ck_assert_int_eq(vm->vcpus, 4);
    ck_assert_int_eq(vm->memory_bytes, 512 * 1024 * 1024);
    ck_assert_str_eq(vm->guest_os, "win11");
}
END_TEST

static gboolean
list_has_labels(GPtrArray *vms, const char *uuid, const char *tag, const char *folder)
{
    for (guint i = 0; i < vms->len; i++) {
        const CorralVm *vm = vms->pdata[i];

        if (g_str_equal(vm->id, uuid))
            return vm->tags->len == 1 && g_str_equal(vm->tags->pdata[0], tag) &&
                   g_str_equal(vm->folder, folder);
    }
    return FALSE;
}

/* Tags and folder go to the metadata of both definitions of a running
 * guest, keep the guest OS beside them, and show in the list and details;
 * an edit that fails after them takes them back. */
START_TEST(test_edit_labels)
{
    g_autoptr(virConnect) conn = open_test();
    g_autofree char *uuid = NULL;
    g_autoptr(virDomain) domain = create_vm(conn, "labels", &uuid);
    g_autoptr(CorralVmSpec) patch = g_new0(CorralVmSpec, 1);
    g_autoptr(CorralVmSpec) failing = g_new0(CorralVmSpec, 1);
    g_autoptr(GError) error = NULL;
    g_autoptr(CorralVm) vm = NULL;
    g_autoptr(GPtrArray) vms = NULL;
    g_autofree char *live = NULL;

    patch->tags = g_ptr_array_new_with_free_func(g_free);
    g_ptr_array_add(patch->tags, g_strdup("web"));
    patch->folder = g_strdup("/Production/Web");
    patch->guest_os = g_strdup("debian12");
    patch->present = (1 << CORRAL_VM_SPEC_FIELD_TAGS) | (1 << CORRAL_VM_SPEC_FIELD_FOLDER) |
                     (1 << CORRAL_VM_SPEC_FIELD_GUEST_OS);
    ck_assert(corrald_inventory_power(domain, CORRAL_POWER_ACTION_ON, NULL));
    ck_assert_msg(corrald_inventory_edit(domain, patch, &error), "%s",
                  error != NULL ? error->message : "");
    vm = corrald_inventory_get(domain, &error);
    ck_assert_uint_eq(vm->tags->len, 1);
    ck_assert_str_eq(vm->tags->pdata[0], "web");
    ck_assert_str_eq(vm->folder, "/Production/Web");
    ck_assert_str_eq(vm->guest_os, "debian12");
    live = virDomainGetXMLDesc(domain, 0);
    ck_assert_ptr_nonnull(strstr(live, "<corral:folder>/Production/Web</corral:folder>"));
    vms = corrald_inventory_list(conn, &error);
    ck_assert(list_has_labels(vms, uuid, "web", "/Production/Web"));

    /* A rename of the running guest is refused before any label moves. */
    failing->tags = g_ptr_array_new_with_free_func(g_free);
    g_ptr_array_add(failing->tags, g_strdup("db"));
    failing->name = g_strdup("other-name");
    failing->present = (1 << CORRAL_VM_SPEC_FIELD_TAGS) | (1 << CORRAL_VM_SPEC_FIELD_NAME);
    ck_assert(!corrald_inventory_edit(domain, failing, &error));
    g_clear_error(&error);
    /* A failure after the labels (a disk on a datastore that does not
     * exist) puts them back. */
    g_clear_pointer(&failing->name, g_free);
    failing->disks = g_ptr_array_new_with_free_func((GDestroyNotify)corral_vm_disk_free);
    {
        CorralVmDisk *disk = g_new0(CorralVmDisk, 1);

        disk->datastore = g_strdup("no-such-datastore");
        disk->volume = g_strdup("x.qcow2");
        disk->size_bytes = 1024 * 1024;
        g_ptr_array_add(failing->disks, disk);
    }
    failing->present = (1 << CORRAL_VM_SPEC_FIELD_TAGS) | (1 << CORRAL_VM_SPEC_FIELD_DISKS);
    ck_assert(!corrald_inventory_edit(domain, failing, &error));
    g_clear_pointer(&vms, g_ptr_array_unref);
    vms = corrald_inventory_list(conn, &error);
    ck_assert(list_has_labels(vms, uuid, "web", "/Production/Web"));
    ck_assert(corrald_inventory_power(domain, CORRAL_POWER_ACTION_OFF, NULL));
}
END_TEST

START_TEST(test_snapshots)
{
    g_autoptr(virConnect) conn = open_test();
    g_autoptr(virDomain) domain = create_vm(conn, "snap", NULL);
    g_autoptr(CorralSnapshotSpec) spec = g_new0(CorralSnapshotSpec, 1);
    g_autoptr(CorralSnapshot) taken = NULL;
    g_autoptr(CorralSnapshot) again = NULL;
    g_autoptr(GPtrArray) list = NULL;
    g_autoptr(GError) error = NULL;

    spec->name = g_strdup("first");
    spec->description = g_strdup("before <changes>");
    taken = corrald_inventory_snapshot_create(domain, spec, &error);
    ck_assert_msg(taken != NULL, "%s", error != NULL ? error->message : "");
    ck_assert_str_eq(taken->name, "first");
    ck_assert_str_eq(taken->description, "before <changes>");
    ck_assert(taken->current);

    again = corrald_inventory_snapshot_create(domain, spec, &error);
    ck_assert_ptr_null(again);
    ck_assert(g_error_matches(error, CORRALD_ERROR, CORRALD_ERROR_EXISTS));
    g_clear_error(&error);

    list = corrald_inventory_snapshots(domain, &error);
    ck_assert_uint_eq(list->len, 1);

    ck_assert(corrald_inventory_snapshot_revert(domain, "first", &error));
    ck_assert(!corrald_inventory_snapshot_revert(domain, "second", &error));
    ck_assert(g_error_matches(error, CORRALD_ERROR, CORRALD_ERROR_SNAPSHOT_NOT_FOUND));
    g_clear_error(&error);
    ck_assert(!corrald_inventory_snapshot_delete(domain, "a/b", &error));
    g_clear_error(&error);
    ck_assert(corrald_inventory_snapshot_delete(domain, "first", &error));
    g_clear_pointer(&list, g_ptr_array_unref);
    list = corrald_inventory_snapshots(domain, &error);
    ck_assert_uint_eq(list->len, 0);
}
END_TEST

START_TEST(test_delete)
{
    g_autoptr(virConnect) conn = open_test();
    g_autofree char *uuid = NULL;
    g_autoptr(virDomain) domain = create_vm(conn, "gone", &uuid);
    g_autoptr(virDomain) kept = create_vm(conn, "kept", NULL);
    g_autoptr(GError) error = NULL;

    ck_assert(corrald_inventory_power(domain, CORRAL_POWER_ACTION_ON, NULL));
    ck_assert(!corrald_inventory_delete(domain, FALSE, TRUE, &error));
    ck_assert(g_error_matches(error, CORRALD_ERROR, CORRALD_ERROR_INVALID_STATE));
    g_clear_error(&error);
    ck_assert(volume_exists(conn, "gone-disk0.qcow2"));

    ck_assert_msg(corrald_inventory_delete(domain, TRUE, TRUE, &error), "%s",
                  error != NULL ? error->message : "");
    ck_assert_ptr_null(corrald_inventory_lookup(conn, uuid, &error));
    ck_assert(!volume_exists(conn, "gone-disk0.qcow2"));

    /* Without delete_disks the volume stays. */
    ck_assert(corrald_inventory_delete(kept, FALSE, FALSE, NULL));
    ck_assert(volume_exists(conn, "kept-disk0.qcow2"));
}
END_TEST

static const struct {
    int event, detail;
    const char *kind; /* NULL: not logged */
} event_cases[] = {
    {VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_BOOTED, "vm-started"},
    {VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_RESTORED, "vm-resumed"},
    {VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN, "vm-stopped"},
    {VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_CRASHED, "vm-crashed"},
    {VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_SAVED, "vm-suspended"},
    {VIR_DOMAIN_EVENT_SUSPENDED, VIR_DOMAIN_EVENT_SUSPENDED_PAUSED, "vm-paused"},
    {VIR_DOMAIN_EVENT_RESUMED, VIR_DOMAIN_EVENT_RESUMED_UNPAUSED, "vm-resumed"},
    {VIR_DOMAIN_EVENT_DEFINED, VIR_DOMAIN_EVENT_DEFINED_ADDED, "vm-defined"},
    {VIR_DOMAIN_EVENT_DEFINED, VIR_DOMAIN_EVENT_DEFINED_UPDATED, "vm-updated"},
    {VIR_DOMAIN_EVENT_UNDEFINED, VIR_DOMAIN_EVENT_UNDEFINED_REMOVED, "vm-undefined"},
    {VIR_DOMAIN_EVENT_CRASHED, VIR_DOMAIN_EVENT_CRASHED_PANICKED, "vm-crashed"},
    {VIR_DOMAIN_EVENT_SHUTDOWN, VIR_DOMAIN_EVENT_SHUTDOWN_FINISHED, NULL},
    {1000, 0, NULL},
};

START_TEST(test_event_table)
{
    const char *kind = NULL, *words = NULL;
    gboolean logged =
        corrald_virt_event_describe(event_cases[_i].event, event_cases[_i].detail, &kind, &words);

    ck_assert_int_eq(logged, event_cases[_i].kind != NULL);
    if (logged) {
        ck_assert_str_eq(kind, event_cases[_i].kind);
        ck_assert_ptr_nonnull(words);
    }
}
END_TEST

START_TEST(test_sampler)
{
    g_autoptr(virConnect) conn = open_test();
    g_autoptr(CorraldSampler) sampler = corrald_sampler_new(conn);
    g_autoptr(CorralStats) before = corrald_sampler_stats(sampler, NULL);
    g_autoptr(CorralStats) host = NULL;
    g_autoptr(CorralStats) unknown = NULL;
    CorralUsage usage;

    ck_assert_uint_eq(before->samples->len, 0);
    ck_assert(!corrald_sampler_usage(sampler, NULL, &usage));
    corrald_sampler_sample_now(sampler); /* primes */
    g_usleep(20 * 1000);
    corrald_sampler_sample_now(sampler);
    host = corrald_sampler_stats(sampler, NULL);
    ck_assert_int_eq(host->interval_s, CORRALD_SAMPLE_INTERVAL_S);
    ck_assert_uint_eq(host->samples->len, 1);
    ck_assert(corrald_sampler_usage(sampler, NULL, &usage));
    ck_assert(usage.cpu_pct >= 0 && usage.cpu_pct <= 100);
    ck_assert_int_gt(usage.memory_used_bytes, 0);
    unknown = corrald_sampler_stats(sampler, "00000000-0000-0000-0000-000000000001");
    ck_assert_uint_eq(unknown->samples->len, 0);

    /* The thread starts and stops cleanly. */
    corrald_sampler_start(sampler);
}
END_TEST

static void
quiet(void *data, virErrorPtr error)
{
}

static Suite *
inventory_suite(void)
{
    Suite *suite = suite_create("inventory");
    TCase *mapping = tcase_create("mapping");
    TCase *guests = tcase_create("guests");

    tcase_add_loop_test(mapping, test_state_mapping, 0, G_N_ELEMENTS(state_cases));
    tcase_add_loop_test(mapping, test_event_table, 0, G_N_ELEMENTS(event_cases));
    suite_add_tcase(suite, mapping);
    tcase_add_test(guests, test_lookup);
    tcase_add_test(guests, test_list_and_get);
    tcase_add_test(guests, test_create_refusals);
    tcase_add_test(guests, test_power);
    tcase_add_test(guests, test_list_suspended);
    tcase_add_test(guests, test_edit);
    tcase_add_test(guests, test_edit_labels);
    tcase_add_test(guests, test_snapshots);
    tcase_add_test(guests, test_delete);
    tcase_add_test(guests, test_sampler);
    suite_add_tcase(suite, guests);
    return suite;
}

int
main(void)
{
    virSetErrorFunc(NULL, quiet);
    return corral_check_run(inventory_suite());
}
