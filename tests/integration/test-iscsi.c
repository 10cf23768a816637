/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The seed's storage step, for real: tgtd on 127.0.0.1:3260 serves a
 * file-backed LUN; corrald adds the target as an iSCSI datastore through
 * its HTTPS API and lists the LUN; a guest is created through the API with
 * that LUN as its disk, boots (the tiny guest of scripts/guest with
 * "corral.disk=rw": it writes a file into a tar archive on its disk), is
 * powered off and on again through the API and reads the file back; the
 * LUN's backing file on the host holds it too. Also: a target that does not
 * answer, a wrong IQN and a duplicate name are refused with messages that
 * say which.
 *
 * Direct kernel boot is not part of the API, so the test adds <kernel>,
 * <initrd> and <cmdline> to the guest's libvirt definition after creating
 * it through the API (disks, power and deletion all go through the API).
 *
 * Needs root, libvirtd on qemu:///system and tgtd (scripts/services starts
 * both); skipped otherwise.
 */
#include "check-tap.h"
#include "tests/integration/corrald-fixture.h"
#include "tests/integration/host-fixture.h"

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PASSWORD  "correct horse battery"
#define LUN_BYTES (64 * 1024 * 1024)
#define SCRIPTS   TEST_FIXTURES "/../../scripts"
#define LUN_NAME  "unit:0:0:1"

static CorraldFixture *fixture;
static char *work_dir;
static char *lun_file;
static char *iqn;
static char *tid;
static char *datastore;
static char *guest;

static gboolean
tgtd_here(void)
{
    g_autofree char *out = NULL, *err = NULL;
    int status = -1;

    return g_spawn_command_line_sync("tgtadm --lld iscsi --op show --mode system", &out, &err,
                                     &status, NULL) &&
           g_spawn_check_wait_status(status, NULL);
}

/* Runs in the parent process, once: the target and its LUN, and corrald. */
static void
start(void)
{
    int pid = (int)getpid();

    host_fixture_quiet_libvirt();
    work_dir = g_dir_make_tmp("corral-iscsi-XXXXXX", NULL);
    ck_assert_ptr_nonnull(work_dir);
    lun_file = g_build_filename(work_dir, "lun1.img", NULL);
    iqn = g_strdup_printf("iqn.2024-01.invalid.corral:it-%d", pid);
    tid = g_strdup_printf("%d", 100 + pid % 800);
    datastore = g_strdup_printf("it-iscsi-%d", pid);
    guest = g_strdup_printf("it-iscsi-guest-%d", pid);
    host_fixture_run("truncate -s %d %s", LUN_BYTES, lun_file);
    host_fixture_run("tgtadm --lld iscsi --op new --mode target --tid %s -T %s", tid, iqn);
    host_fixture_run("tgtadm --lld iscsi --op new --mode logicalunit --tid %s --lun 1 -b %s", tid,
                     lun_file);
    host_fixture_run("tgtadm --lld iscsi --op bind --mode target --tid %s -I ALL", tid);
    host_fixture_run("%s/guest build", SCRIPTS);
    fixture = corrald_fixture_start("qemu:///system", NULL);
    corrald_fixture_add_user(fixture, "root", NULL, PASSWORD);
}

/* Runs in the parent even when a test failed: nothing is left behind. */
static void
stop(void)
{
    virConnectPtr conn = virConnectOpen("qemu:///system");
    virDomainPtr domain = conn != NULL ? virDomainLookupByName(conn, guest) : NULL;
    g_autofree char *command = NULL;
    g_autofree char *out = NULL, *err = NULL;

    if (domain != NULL) {
        virDomainDestroy(domain);
        virDomainUndefine(domain);
        virDomainFree(domain);
    }
    if (conn != NULL)
        virConnectClose(conn);
    host_fixture_remove_pool(datastore);
    g_clear_pointer(&fixture, corrald_fixture_stop);
    command = g_strdup_printf("tgtadm --lld iscsi --op delete --force --mode target --tid %s", tid);
    g_spawn_command_line_sync(command, &out, &err, NULL, NULL);
    unlink(lun_file);
    rmdir(work_dir);
}

static char *
iscsi_body(const char *name, int port, const char *target)
{
    return g_strdup_printf("{\"name\": \"%s\", \"type\": \"iscsi\", \"source\": {\"host\": "
                           "\"127.0.0.1\", \"port\": %d, \"target\": \"%s\"}}",
                           name, port, target);
}

static gsize
file_size(const char *path)
{
    g_autofree char *text = NULL;
    gsize len = 0;

    return g_file_get_contents(path, &text, &len, NULL) ? len : 0;
}

START_TEST(test_refusals)
{
    g_autoptr(CorralClient) api = corrald_fixture_session(fixture, "root", PASSWORD);
    g_autofree char *wrong_iqn = iscsi_body("it-iscsi-wrong-iqn", 3260, "iqn.2024-01.invalid:none");
    g_autofree char *wrong_port = iscsi_body("it-iscsi-wrong-port", 3261, iqn);
    g_autoptr(json_object) answer = NULL;
    g_autoptr(json_object) list = NULL;

    ck_assert_uint_eq(corrald_fixture_call(api, "POST", "/datastores", wrong_iqn, &answer), 422);
    ck_assert_msg(strstr(corrald_json_error_message(answer), "check the IQN") != NULL, "%s",
                  corrald_json_error_message(answer));
    g_clear_pointer(&answer, json_object_put);
    ck_assert_uint_eq(corrald_fixture_call(api, "POST", "/datastores", wrong_port, &answer), 422);
    ck_assert_msg(strstr(corrald_json_error_message(answer),
                         "no iSCSI target answers at 127.0.0.1:3261") != NULL,
                  "%s", corrald_json_error_message(answer));
    /* Nothing of either is left. */
    ck_assert_uint_eq(
        corrald_fixture_call(api, "GET", "/datastores/it-iscsi-wrong-iqn", NULL, &list), 404);
}
END_TEST

START_TEST(test_lun_guest)
{
    g_autoptr(CorralClient) api = corrald_fixture_session(fixture, "root", PASSWORD);
    g_autofree char *body = iscsi_body(datastore, 3260, iqn);
    g_autofree char *ds_path = g_strdup_printf("/datastores/%s", datastore);
    g_autofree char *files_path = g_strdup_printf("/datastores/%s/files", datastore);
    g_autofree char *vm_body = NULL, *id = NULL, *vm_path = NULL, *power = NULL, *log = NULL;
    g_autofree char *written = NULL, *found = NULL, *none = NULL, *image = NULL;
    g_autoptr(json_object) added = NULL;
    g_autoptr(json_object) dup = NULL;
    g_autoptr(json_object) files = NULL;
    g_autoptr(json_object) accepted = NULL;
    g_autoptr(json_object) vm = NULL;
    g_autoptr(json_object) busy = NULL;
    json_object *entries, *disks;
    gsize from;

    /* Add the target, see it and its LUN. */
    ck_assert_uint_eq(corrald_fixture_call(api, "POST", "/datastores", body, &added), 201);
    ck_assert_str_eq(corrald_json_member(added, "type"), "iscsi");
    ck_assert_str_eq(corrald_json_member(added, "accessible"), "true");
    /* libvirt's iscsi-direct counts one block less than the LUN has. */
    ck_assert_int_le(g_ascii_strtoll(corrald_json_member(added, "capacity_bytes"), NULL, 10),
                     LUN_BYTES);
    ck_assert_int_ge(g_ascii_strtoll(corrald_json_member(added, "capacity_bytes"), NULL, 10),
                     LUN_BYTES - 4096);
    ck_assert_uint_eq(corrald_fixture_call(api, "POST", "/datastores", body, &dup), 409);
    ck_assert_msg(strstr(corrald_json_error_message(dup), "already exists") != NULL, "%s",
                  corrald_json_error_message(dup));
    ck_assert_uint_eq(corrald_fixture_call(api, "GET", files_path, NULL, &files), 200);
    ck_assert(json_object_object_get_ex(files, "files", &entries));
    ck_assert_uint_eq(json_object_array_length(entries), 1);
    ck_assert_str_eq(corrald_json_member(json_object_array_get_idx(entries, 0), "name"), LUN_NAME);
    ck_assert_int_ge(
        g_ascii_strtoll(corrald_json_member(json_object_array_get_idx(entries, 0), "size_bytes"),
                        NULL, 10),
        LUN_BYTES - 4096);

    /* A guest whose disk is the LUN. */
    vm_body = g_strdup_printf("{\"name\": \"%s\", \"vcpus\": 1, \"memory_bytes\": 134217728, "
                              "\"disks\": [{\"datastore\": \"%s\", \"volume\": \"" LUN_NAME
                              "\", \"size_bytes\": 0, \"bus\": \"virtio\"}]}",
                              guest, datastore);
    ck_assert_uint_eq(corrald_fixture_call(api, "POST", "/vms", vm_body, &accepted), 202);
    id = corrald_fixture_await_task(api, accepted);
    vm_path = g_strdup_printf("/vms/%s", id);
    power = g_strdup_printf("/vms/%s/power", id);
    ck_assert_uint_eq(corrald_fixture_call(api, "GET", vm_path, NULL, &vm), 200);
    ck_assert(json_object_object_get_ex(vm, "disks", &disks));
    ck_assert_uint_eq(json_object_array_length(disks), 1);
    ck_assert_str_eq(corrald_json_member(json_object_array_get_idx(disks, 0), "datastore"),
                     datastore);
    ck_assert_str_eq(corrald_json_member(json_object_array_get_idx(disks, 0), "volume"), LUN_NAME);
    host_fixture_add_kernel_boot(id, "corral.disk=rw");

    /* Boot: the guest writes a file to its disk. */
    log = g_strdup_printf("/var/log/libvirt/qemu/corral-%s-serial.log", id);
    from = file_size(log);
    ck_assert_uint_eq(corrald_fixture_call(api, "POST", power, "{\"action\": \"on\"}", NULL), 200);
    none = host_fixture_await_serial(log, from, "found ", 90, NULL);
    ck_assert_str_eq(none, "no marker");
    written = host_fixture_await_serial(log, from, "wrote marker ", 30, NULL);
    ck_assert_uint_gt(strlen(written), 8);

    /* The datastore cannot go while the guest uses it. */
    ck_assert_uint_eq(corrald_fixture_call(api, "DELETE", ds_path, NULL, &busy), 409);

    /* Power-cycle: the next boot finds the file. */
    ck_assert_uint_eq(corrald_fixture_call(api, "POST", power, "{\"action\": \"off\"}", NULL), 200);
    from = file_size(log);
    ck_assert_uint_eq(corrald_fixture_call(api, "POST", power, "{\"action\": \"on\"}", NULL), 200);
    found = host_fixture_await_serial(log, from, "found marker ", 90, NULL);
    ck_assert_str_eq(found, written);

    /* The data is in the LUN's file on the host. */
    ck_assert_uint_eq(corrald_fixture_call(api, "POST", power, "{\"action\": \"off\"}", NULL), 200);
    ck_assert(g_file_get_contents(lun_file, &image, NULL, NULL));
    ck_assert_msg(memmem(image, 4096, "marker", 6) != NULL, "no tar header in the LUN");

    ck_assert_uint_eq(corrald_fixture_call(api, "DELETE", vm_path, NULL, NULL), 204);
    ck_assert_uint_eq(corrald_fixture_call(api, "DELETE", ds_path, NULL, NULL), 204);
    ck_assert_uint_eq(corrald_fixture_call(api, "GET", ds_path, NULL, NULL), 404);
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("iscsi");
    TCase *tc = tcase_create("tgtd");

    if (!host_fixture_have_libvirt() || !tgtd_here()) {
        printf("1..0 # SKIP needs root, libvirtd on qemu:///system and tgtd (scripts/services)\n");
        return 0;
    }
    tcase_set_timeout(tc, 280);
    tcase_add_unchecked_fixture(tc, start, stop);
    tcase_add_test(tc, test_refusals);
    tcase_add_test(tc, test_lun_guest);
    suite_add_tcase(s, tc);
    return corral_check_run(s);
}
