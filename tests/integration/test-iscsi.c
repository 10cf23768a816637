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
#include "corrald-fixture.h"

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PASSWORD  "correct horse battery"
#define LUN_BYTES (64 * 1024 * 1024)
#define GUEST_DIR "/var/cache/corral/guest"
#define SCRIPTS   TEST_FIXTURES "/../../scripts"
#define LUN_NAME  "unit:0:0:1"

static CorraldFixture *fixture;
static char *work_dir;
static char *lun_file;
static char *iqn;
static char *tid;
static char *datastore;
static char *guest;

static void run(const char *format, ...) G_GNUC_PRINTF(1, 2);

static void
run(const char *format, ...)
{
    va_list args;
    g_autofree char *command = NULL;
    g_autofree char *out = NULL, *err = NULL;
    g_autoptr(GError) error = NULL;
    int status = -1;

    va_start(args, format);
    command = g_strdup_vprintf(format, args);
    va_end(args);
    ck_assert_msg(g_spawn_command_line_sync(command, &out, &err, &status, &error), "%s: %s",
                  command, error != NULL ? error->message : "?");
    ck_assert_msg(g_spawn_check_wait_status(status, NULL), "%s failed: %s%s", command, out, err);
}

static gboolean
tgtd_here(void)
{
    g_autofree char *out = NULL, *err = NULL;
    int status = -1;

    return g_spawn_command_line_sync("tgtadm --lld iscsi --op show --mode system", &out, &err,
                                     &status, NULL) &&
           g_spawn_check_wait_status(status, NULL);
}

static gboolean
libvirt_here(void)
{
    virConnectPtr conn;

    if (geteuid() != 0)
        return FALSE;
    conn = virConnectOpen("qemu:///system");
    if (conn == NULL)
        return FALSE;
    virConnectClose(conn);
    return TRUE;
}

/* Runs in the parent process, once: the target and its LUN, and corrald. */
static void
quiet(void *data, virErrorPtr error)
{
}

static void
start(void)
{
    int pid = (int)getpid();

    virSetErrorFunc(NULL, quiet);
    work_dir = g_dir_make_tmp("corral-iscsi-XXXXXX", NULL);
    ck_assert_ptr_nonnull(work_dir);
    lun_file = g_build_filename(work_dir, "lun1.img", NULL);
    iqn = g_strdup_printf("iqn.2024-01.invalid.corral:it-%d", pid);
    tid = g_strdup_printf("%d", 100 + pid % 800);
    datastore = g_strdup_printf("it-iscsi-%d", pid);
    guest = g_strdup_printf("it-iscsi-guest-%d", pid);
    run("truncate -s %d %s", LUN_BYTES, lun_file);
    run("tgtadm --lld iscsi --op new --mode target --tid %s -T %s", tid, iqn);
    run("tgtadm --lld iscsi --op new --mode logicalunit --tid %s --lun 1 -b %s", tid, lun_file);
    run("tgtadm --lld iscsi --op bind --mode target --tid %s -I ALL", tid);
    run("%s/guest build", SCRIPTS);
    fixture = corrald_fixture_start("qemu:///system", NULL);
    corrald_fixture_add_user(fixture, "root", NULL, PASSWORD);
}

/* Runs in the parent even when a test failed: nothing is left behind. */
static void
stop(void)
{
    virConnectPtr conn = virConnectOpen("qemu:///system");
    virDomainPtr domain = conn != NULL ? virDomainLookupByName(conn, guest) : NULL;
    virStoragePoolPtr pool = conn != NULL ? virStoragePoolLookupByName(conn, datastore) : NULL;
    g_autofree char *command = NULL;
    g_autofree char *out = NULL, *err = NULL;

    if (domain != NULL) {
        virDomainDestroy(domain);
        virDomainUndefine(domain);
        virDomainFree(domain);
    }
    if (pool != NULL) {
        virStoragePoolDestroy(pool);
        virStoragePoolUndefine(pool);
        virStoragePoolFree(pool);
    }
    if (conn != NULL)
        virConnectClose(conn);
    g_clear_pointer(&fixture, corrald_fixture_stop);
    command = g_strdup_printf("tgtadm --lld iscsi --op delete --force --mode target --tid %s", tid);
    g_spawn_command_line_sync(command, &out, &err, NULL, NULL);
    unlink(lun_file);
    rmdir(work_dir);
}

static CorralClient *
login(void)
{
    g_autofree char *token = NULL;
    CorralClient *api;
    guint status;

    token = corrald_fixture_login(fixture, "root", PASSWORD, &status);
    ck_assert_uint_eq(status, 200);
    api = corrald_fixture_https(fixture);
    ck_assert(corral_client_set_token(api, token, NULL));
    return api;
}

static const char *
member(json_object *object, const char *name)
{
    json_object *value;

    ck_assert_msg(json_object_object_get_ex(object, name, &value), "no \"%s\" in %s", name,
                  json_object_to_json_string(object));
    return json_object_get_string(value);
}

static const char *
error_message(json_object *answer)
{
    json_object *inner;

    ck_assert(json_object_object_get_ex(answer, "error", &inner));
    return member(inner, "message");
}

static char *
await_task(CorralClient *api, json_object *accepted)
{
    json_object *task;
    g_autofree char *path = NULL;

    ck_assert(json_object_object_get_ex(accepted, "task", &task));
    path = g_strdup_printf("/tasks/%s", member(task, "id"));
    for (int i = 0; i < 300; i++) {
        g_autoptr(json_object) now = NULL;
        const char *state;

        ck_assert_uint_eq(corrald_fixture_call(api, "GET", path, NULL, &now), 200);
        state = member(now, "state");
        if (g_str_equal(state, "success"))
            return g_strdup(member(now, "target"));
        ck_assert_msg(!g_str_equal(state, "error"), "task failed: %s",
                      json_object_to_json_string(now));
        g_usleep(100 * 1000);
    }
    ck_abort_msg("task did not finish in 30 s");
    return NULL;
}

static char *
iscsi_body(const char *name, int port, const char *target)
{
    return g_strdup_printf("{\"name\": \"%s\", \"type\": \"iscsi\", \"source\": {\"host\": "
                           "\"127.0.0.1\", \"port\": %d, \"target\": \"%s\"}}",
                           name, port, target);
}

/* Waits for a line "corral-guest: PREFIX…" in the serial log after byte
 * @from; returns the rest of the line. */
static char *
await_serial(const char *log, gsize from, const char *prefix, int timeout_s)
{
    g_autofree char *needle = g_strconcat("corral-guest: ", prefix, NULL);
    gint64 deadline = g_get_monotonic_time() + timeout_s * G_USEC_PER_SEC;

    while (g_get_monotonic_time() < deadline) {
        g_autofree char *text = NULL;
        gsize len = 0;
        const char *hit;

        if (g_file_get_contents(log, &text, &len, NULL) && len > from &&
            (hit = strstr(text + from, needle)) != NULL && strchr(hit, '\n') != NULL) {
            hit += strlen(needle);
            return g_strstrip(g_strndup(hit, (gsize)(strchr(hit, '\n') - hit)));
        }
        g_usleep(200 * 1000);
    }
    ck_abort_msg("no \"%s\" in %s within %d s", needle, log, timeout_s);
    return NULL;
}

static gsize
file_size(const char *path)
{
    g_autofree char *text = NULL;
    gsize len = 0;

    return g_file_get_contents(path, &text, &len, NULL) ? len : 0;
}

/* Adds direct kernel boot of the tiny guest to @id's definition. */
static void
add_kernel_boot(const char *id)
{
    virConnectPtr conn = virConnectOpen("qemu:///system");
    virDomainPtr domain = virDomainLookupByUUIDString(conn, id);
    g_autofree char *xml = virDomainGetXMLDesc(domain, VIR_DOMAIN_XML_INACTIVE);
    g_autofree char *boot =
        g_strdup_printf("hvm</type>\n    <kernel>%s/vmlinuz</kernel>\n    <initrd>%s/initramfs.gz"
                        "</initrd>\n    <cmdline>console=ttyS0 quiet nokaslr corral.disk=rw"
                        "</cmdline>",
                        GUEST_DIR, GUEST_DIR);
    g_auto(GStrv) parts = g_strsplit(xml, "hvm</type>", 2);
    g_autofree char *edited = NULL;
    virDomainPtr defined;

    ck_assert_ptr_nonnull(parts[1]);
    edited = g_strconcat(parts[0], boot, parts[1], NULL);
    defined = virDomainDefineXML(conn, edited);
    ck_assert_msg(defined != NULL, "redefining with kernel boot: %s", virGetLastErrorMessage());
    virDomainFree(defined);
    virDomainFree(domain);
    virConnectClose(conn);
}

START_TEST(test_refusals)
{
    g_autoptr(CorralClient) api = login();
    g_autofree char *wrong_iqn = iscsi_body("it-iscsi-wrong-iqn", 3260, "iqn.2024-01.invalid:none");
    g_autofree char *wrong_port = iscsi_body("it-iscsi-wrong-port", 3261, iqn);
    g_autoptr(json_object) answer = NULL;
    g_autoptr(json_object) list = NULL;

    ck_assert_uint_eq(corrald_fixture_call(api, "POST", "/datastores", wrong_iqn, &answer), 422);
    ck_assert_msg(strstr(error_message(answer), "check the IQN") != NULL, "%s",
                  error_message(answer));
    g_clear_pointer(&answer, json_object_put);
    ck_assert_uint_eq(corrald_fixture_call(api, "POST", "/datastores", wrong_port, &answer), 422);
    ck_assert_msg(strstr(error_message(answer), "no iSCSI target answers at 127.0.0.1:3261") !=
                      NULL,
                  "%s", error_message(answer));
    /* Nothing of either is left. */
    ck_assert_uint_eq(
        corrald_fixture_call(api, "GET", "/datastores/it-iscsi-wrong-iqn", NULL, &list), 404);
}
END_TEST

START_TEST(test_lun_guest)
{
    g_autoptr(CorralClient) api = login();
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
    ck_assert_str_eq(member(added, "type"), "iscsi");
    ck_assert_str_eq(member(added, "accessible"), "true");
    /* libvirt's iscsi-direct counts one block less than the LUN has. */
    ck_assert_int_le(g_ascii_strtoll(member(added, "capacity_bytes"), NULL, 10), LUN_BYTES);
    ck_assert_int_ge(g_ascii_strtoll(member(added, "capacity_bytes"), NULL, 10), LUN_BYTES - 4096);
    ck_assert_uint_eq(corrald_fixture_call(api, "POST", "/datastores", body, &dup), 409);
    ck_assert_msg(strstr(error_message(dup), "already exists") != NULL, "%s", error_message(dup));
    ck_assert_uint_eq(corrald_fixture_call(api, "GET", files_path, NULL, &files), 200);
    ck_assert(json_object_object_get_ex(files, "files", &entries));
    ck_assert_uint_eq(json_object_array_length(entries), 1);
    ck_assert_str_eq(member(json_object_array_get_idx(entries, 0), "name"), LUN_NAME);
    ck_assert_int_ge(
        g_ascii_strtoll(member(json_object_array_get_idx(entries, 0), "size_bytes"), NULL, 10),
        LUN_BYTES - 4096);

    /* A guest whose disk is the LUN. */
    vm_body = g_strdup_printf("{\"name\": \"%s\", \"vcpus\": 1, \"memory_bytes\": 134217728, "
                              "\"disks\": [{\"datastore\": \"%s\", \"volume\": \"" LUN_NAME
                              "\", \"size_bytes\": 0, \"bus\": \"virtio\"}]}",
                              guest, datastore);
    ck_assert_uint_eq(corrald_fixture_call(api, "POST", "/vms", vm_body, &accepted), 202);
    id = await_task(api, accepted);
    vm_path = g_strdup_printf("/vms/%s", id);
    power = g_strdup_printf("/vms/%s/power", id);
    ck_assert_uint_eq(corrald_fixture_call(api, "GET", vm_path, NULL, &vm), 200);
    ck_assert(json_object_object_get_ex(vm, "disks", &disks));
    ck_assert_uint_eq(json_object_array_length(disks), 1);
    ck_assert_str_eq(member(json_object_array_get_idx(disks, 0), "datastore"), datastore);
    ck_assert_str_eq(member(json_object_array_get_idx(disks, 0), "volume"), LUN_NAME);
    add_kernel_boot(id);

    /* Boot: the guest writes a file to its disk. */
    log = g_strdup_printf("/var/log/libvirt/qemu/corral-%s-serial.log", id);
    from = file_size(log);
    ck_assert_uint_eq(corrald_fixture_call(api, "POST", power, "{\"action\": \"on\"}", NULL), 200);
    none = await_serial(log, from, "found ", 90);
    ck_assert_str_eq(none, "no marker");
    written = await_serial(log, from, "wrote marker ", 30);
    ck_assert_uint_gt(strlen(written), 8);

    /* The datastore cannot go while the guest uses it. */
    ck_assert_uint_eq(corrald_fixture_call(api, "DELETE", ds_path, NULL, &busy), 409);

    /* Power-cycle: the next boot finds the file. */
    ck_assert_uint_eq(corrald_fixture_call(api, "POST", power, "{\"action\": \"off\"}", NULL), 200);
    from = file_size(log);
    ck_assert_uint_eq(corrald_fixture_call(api, "POST", power, "{\"action\": \"on\"}", NULL), 200);
    found = await_serial(log, from, "found marker ", 90);
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

    if (!libvirt_here() || !tgtd_here()) {
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
