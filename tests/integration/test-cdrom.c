/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * CD-ROMs from ISO files on a datastore, and PATCH /vms/{id} with disks,
 * for real: two ISO images are made here (xorriso), each with a file
 * "marker", and uploaded through the API to a dir datastore added through
 * the API. A guest made through the API with one of them in a SATA CD-ROM
 * drive boots (the tiny guest of scripts/guest with "corral.cdrom=read",
 * which prints what its drive holds on the serial port); the disc is
 * ejected and the other one inserted through PATCH while it runs, and the
 * guest sees each change. A virtio disk is plugged in and out of the
 * running guest; a CD-ROM drive added while it runs waits for its next
 * start, and the answer says so. On a shut-off guest, disks added and
 * removed show in GET /vms/{id}, removed volumes stay on the datastore,
 * and a PATCH that fails leaves no volume behind. ISO paths that leave the
 * datastore, name a folder or a missing file, and CD-ROMs on virtio are
 * refused with clear 4xx answers.
 *
 * Direct kernel boot is not part of the API, so the test adds <kernel>,
 * <initrd> and <cmdline> to the guest's libvirt definition after creating
 * it through the API, as test-iscsi.c does.
 *
 * Needs root, libvirtd on qemu:///system (scripts/services) and xorriso;
 * skipped otherwise.
 */
#include "check-tap.h"
#include "tests/common/test-util.h"
#include "tests/integration/corrald-fixture.h"
#include "tests/integration/host-fixture.h"

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PASSWORD "correct horse battery"
#define SCRIPTS  TEST_FIXTURES "/../../scripts"
#define MIB      (1024 * 1024)

static CorraldFixture *fixture;
static char *work_dir;
static char *datastore;
static char *guest;
static char *marker[2];

static gboolean
here(void)
{
    g_autofree char *xorriso = g_find_program_in_path("xorriso");

    return xorriso != NULL && host_fixture_have_libvirt();
}

/* An ISO image holding one file "marker" with @text. */
static char *
make_iso(const char *name, const char *text)
{
    g_autofree char *tree = g_build_filename(work_dir, name, NULL);
    g_autofree char *file = g_build_filename(tree, "marker", NULL);
    char *iso = g_strconcat(tree, ".iso", NULL);

    ck_assert(mkdir(tree, 0755) == 0);
    ck_assert(g_file_set_contents(file, text, -1, NULL));
    host_fixture_run("xorriso -as mkisofs -quiet -V CORRAL -o %s %s", iso, tree);
    return iso;
}

static void
upload(CorralClient *api, const char *local, const char *path)
{
    g_autofree char *contents = NULL;
    g_autofree char *url = g_strdup_printf("/datastores/%s/files/%s", datastore, path);
    g_autoptr(GInputStream) in = NULL;
    g_autoptr(GError) error = NULL;
    gsize len = 0;
    guint status = 0;

    ck_assert(g_file_get_contents(local, &contents, &len, NULL));
    in = g_memory_input_stream_new_from_data(contents, (gssize)len, NULL);
    ck_assert_msg(corral_client_request_raw(api, "PUT", url, "application/octet-stream", in,
                                            (goffset)len, NULL, NULL, NULL, &status, &error),
                  "%s", error != NULL ? error->message : "?");
    ck_assert_uint_eq(status, 201);
}

/* Runs in the parent, once: the ISOs, the datastore and corrald. */
static void
start(void)
{
    g_autoptr(CorralClient) api = NULL;
    g_autofree char *store = NULL, *body = NULL, *folder = NULL, *link = NULL;
    g_autofree char *iso_a = NULL, *iso_b = NULL;
    int pid = (int)getpid();

    host_fixture_quiet_libvirt();
    work_dir = g_dir_make_tmp("corral-cdrom-XXXXXX", NULL);
    ck_assert_ptr_nonnull(work_dir);
    /* QEMU runs as libvirt-qemu: it must reach the ISOs. */
    ck_assert(chmod(work_dir, 0755) == 0);
    datastore = g_strdup_printf("it-cd-%d", pid);
    guest = g_strdup_printf("it-cd-guest-%d", pid);
    marker[0] = g_strdup_printf("disc-a-%d", pid);
    marker[1] = g_strdup_printf("disc-b-%d", pid);
    iso_a = make_iso("a", marker[0]);
    iso_b = make_iso("b", marker[1]);
    host_fixture_run("%s/guest build", SCRIPTS);
    fixture = corrald_fixture_start("qemu:///system", NULL);
    corrald_fixture_add_user(fixture, "root", NULL, PASSWORD);

    api = corrald_fixture_session(fixture, "root", PASSWORD);
    store = g_build_filename(work_dir, "store", NULL);
    body = g_strdup_printf("{\"name\": \"%s\", \"type\": \"dir\", \"source\": {\"path\": \"%s\"}}",
                           datastore, store);
    ck_assert_uint_eq(corrald_fixture_call(api, "POST", "/datastores", body, NULL), 201);
    folder = g_strdup_printf("/datastores/%s/files/isos?mkdir", datastore);
    ck_assert_uint_eq(corrald_fixture_call(api, "POST", folder, NULL, NULL), 201);
    upload(api, iso_a, "isos/a.iso");
    upload(api, iso_b, "isos/b.iso");
    /* A link inside the datastore that points out of it. */
    link = g_build_filename(store, "out.iso", NULL);
    ck_assert(symlink(iso_a, link) == 0);
}

/* Runs in the parent even when a test failed: nothing is left behind. */
static void
stop(void)
{
    virConnectPtr conn = virConnectOpen("qemu:///system");
    virDomainPtr *domains = NULL;
    int n = conn != NULL ? virConnectListAllDomains(conn, &domains, 0) : 0;

    for (int i = 0; i < n; i++) {
        if (g_str_has_prefix(virDomainGetName(domains[i]), guest)) {
            virDomainDestroy(domains[i]);
            virDomainUndefine(domains[i]);
        }
        virDomainFree(domains[i]);
    }
    free(domains);
    if (conn != NULL)
        virConnectClose(conn);
    host_fixture_remove_pool(datastore);
    g_clear_pointer(&fixture, corrald_fixture_stop);
    corral_test_remove_tree(work_dir);
}

/* JSON of one disk entry. */
static char *
hard_disk(const char *volume, gint64 size, const char *bus)
{
    return g_strdup_printf("{\"datastore\": \"%s\", \"volume\": \"%s\", \"size_bytes\": "
                           "%" G_GINT64_FORMAT ", \"bus\": \"%s\"}",
                           datastore, volume, size, bus);
}

static char *
cdrom(const char *path, const char *bus)
{
    if (path == NULL)
        return g_strdup_printf("{\"size_bytes\": 0, \"bus\": \"%s\", \"device\": \"cdrom\"}", bus);
    return g_strdup_printf("{\"datastore\": \"%s\", \"volume\": \"%s\", \"size_bytes\": 0, "
                           "\"bus\": \"%s\", \"device\": \"cdrom\"}",
                           datastore, path, bus);
}

static char *
create_body(const char *name, const char *disks)
{
    return g_strdup_printf("{\"name\": \"%s\", \"vcpus\": 1, \"memory_bytes\": 134217728, "
                           "\"disks\": [%s]}",
                           name, disks);
}

/* Creates a guest through the API; returns its id. */
static char *
create_vm(CorralClient *api, const char *name, const char *disks)
{
    g_autofree char *body = create_body(name, disks);
    g_autoptr(json_object) accepted = NULL;

    ck_assert_uint_eq(corrald_fixture_call(api, "POST", "/vms", body, &accepted), 202);
    return corrald_fixture_await_task(api, accepted);
}

/* PATCHes the disks of @id; returns the status and the answer. */
static guint
patch_disks(CorralClient *api, const char *id, const char *disks, json_object **answer)
{
    g_autofree char *path = g_strdup_printf("/vms/%s", id);
    g_autofree char *body = g_strdup_printf("{\"disks\": [%s]}", disks);

    return corrald_fixture_call(api, "PATCH", path, body, answer);
}

/* The disks of GET /vms/{id} as "device:datastore:volume:bus" lines. */
static char *
disk_summary(json_object *vm)
{
    GString *text = g_string_new(NULL);
    json_object *disks;

    ck_assert(json_object_object_get_ex(vm, "disks", &disks));
    for (size_t i = 0; i < json_object_array_length(disks); i++) {
        json_object *disk = json_object_array_get_idx(disks, i);
        json_object *value;

        g_string_append_printf(
            text, "%s:%s:%s:%s\n",
            json_object_object_get_ex(disk, "device", &value) ? json_object_get_string(value)
                                                              : "disk",
            json_object_object_get_ex(disk, "datastore", &value) ? json_object_get_string(value)
                                                                 : "-",
            json_object_object_get_ex(disk, "volume", &value) ? json_object_get_string(value) : "-",
            corrald_json_member(disk, "bus"));
    }
    return g_string_free(text, FALSE);
}

static char *
get_disks(CorralClient *api, const char *id)
{
    g_autofree char *path = g_strdup_printf("/vms/%s", id);
    g_autoptr(json_object) vm = NULL;

    ck_assert_uint_eq(corrald_fixture_call(api, "GET", path, NULL, &vm), 200);
    return disk_summary(vm);
}

static gboolean
store_has(const char *name)
{
    g_autofree char *path = g_build_filename(work_dir, "store", name, NULL);

    return g_file_test(path, G_FILE_TEST_EXISTS);
}

/* Refusals, and disks added and removed on a shut-off guest. */
START_TEST(test_shutoff)
{
    g_autoptr(CorralClient) api = corrald_fixture_session(fixture, "root", PASSWORD);
    g_autofree char *name = g_strdup_printf("%s-off", guest);
    g_autofree char *root = hard_disk("off-root.qcow2", 16 * MIB, "virtio");
    g_autofree char *data = hard_disk("off-data.qcow2", 8 * MIB, "virtio");
    g_autofree char *fail = hard_disk("off-fail.qcow2", 8 * MIB, "virtio");
    g_autofree char *disc_a = cdrom("isos/a.iso", "sata");
    g_autofree char *disc_b = cdrom("isos/b.iso", "sata");
    g_autofree char *empty_ide = cdrom(NULL, "ide");
    g_autofree char *disks = NULL, *id = NULL, *now = NULL, *want = NULL;
    g_autofree char *vm_path = NULL;
    g_autofree char *iso_a = g_build_filename(work_dir, "a.iso", NULL);
    g_autoptr(json_object) vm = NULL;
    json_object *list;
    struct stat st;
    static const struct {
        const char *path;
        const char *bus;
        guint status;
        const char *message;
    } refusals[] = {
        {"../a.iso", "sata", 400, "\"..\" are not allowed"},
        {"/etc/passwd", "sata", 400, "absolute paths are not allowed"},
        {"out.iso", "sata", 403, "leads out of the datastore"},
        {"isos/missing.iso", "sata", 404, "no such file or folder"},
        {"isos", "sata", 422, "not a file"},
        {"isos/a.iso", "virtio", 422, "a cdrom goes on sata or ide, not virtio"},
        {"isos/a.iso", "scsi", 422, "a cdrom goes on sata or ide, not scsi"},
    };

    /* Refused at once by POST /vms, and by PATCH, changing nothing. */
    for (gsize i = 0; i < G_N_ELEMENTS(refusals); i++) {
        g_autofree char *bad = cdrom(refusals[i].path, refusals[i].bus);
        g_autofree char *body = create_body(name, bad);
        g_autoptr(json_object) answer = NULL;

        ck_assert_uint_eq(corrald_fixture_call(api, "POST", "/vms", body, &answer),
                          refusals[i].status);
        ck_assert_msg(strstr(corrald_json_error_message(answer), refusals[i].message) != NULL,
                      "%s: %s", refusals[i].path, corrald_json_error_message(answer));
    }

    disks = g_strdup_printf("%s, %s", root, disc_a);
    id = create_vm(api, name, disks);
    vm_path = g_strdup_printf("/vms/%s", id);
    ck_assert_uint_eq(corrald_fixture_call(api, "GET", vm_path, NULL, &vm), 200);
    now = disk_summary(vm);
    want = g_strdup_printf("disk:%s:off-root.qcow2:virtio\ncdrom:%s:isos/a.iso:sata\n", datastore,
                           datastore);
    ck_assert_str_eq(now, want);
    /* The disc's size is the ISO's. */
    ck_assert(json_object_object_get_ex(vm, "disks", &list));
    ck_assert(stat(iso_a, &st) == 0);
    ck_assert_int_eq(
        g_ascii_strtoll(corrald_json_member(json_object_array_get_idx(list, 1), "size_bytes"), NULL,
                        10),
        st.st_size);

    for (gsize i = 0; i < G_N_ELEMENTS(refusals); i++) {
        g_autofree char *bad = cdrom(refusals[i].path, refusals[i].bus);
        g_autofree char *list_text = g_strdup_printf("%s, %s", root, bad);
        g_autoptr(json_object) answer = NULL;

        ck_assert_uint_eq(patch_disks(api, id, list_text, &answer), refusals[i].status);
        ck_assert_msg(strstr(corrald_json_error_message(answer), refusals[i].message) != NULL,
                      "%s: %s", refusals[i].path, corrald_json_error_message(answer));
    }
    g_clear_pointer(&now, g_free);
    now = get_disks(api, id);
    ck_assert_str_eq(now, want);

    /* A PATCH that fails after making a volume removes it again. */
    {
        g_autofree char *bad = cdrom("isos/missing.iso", "sata");
        g_autofree char *list_text = g_strdup_printf("%s, %s, %s", root, fail, bad);
        g_autoptr(json_object) answer = NULL;

        ck_assert_uint_eq(patch_disks(api, id, list_text, &answer), 404);
        ck_assert(!store_has("off-fail.qcow2"));
        g_clear_pointer(&now, g_free);
        now = get_disks(api, id);
        ck_assert_str_eq(now, want);
    }

    /* Add a new volume and an empty IDE drive, and change the disc. */
    g_clear_pointer(&disks, g_free);
    disks = g_strdup_printf("%s, %s, %s, %s", root, disc_b, data, empty_ide);
    ck_assert_uint_eq(patch_disks(api, id, disks, NULL), 200);
    ck_assert(store_has("off-data.qcow2"));
    g_clear_pointer(&now, g_free);
    g_clear_pointer(&want, g_free);
    now = get_disks(api, id);
    /* In libvirt's order: a new disk joins the others of its bus. */
    want = g_strdup_printf("disk:%s:off-root.qcow2:virtio\ndisk:%s:off-data.qcow2:virtio\n"
                           "cdrom:%s:isos/b.iso:sata\ncdrom:-:-:ide\n",
                           datastore, datastore, datastore);
    ck_assert_str_eq(now, want);

    /* Remove both again: detached, the volume stays. */
    g_clear_pointer(&disks, g_free);
    disks = g_strdup_printf("%s, %s", root, disc_b);
    ck_assert_uint_eq(patch_disks(api, id, disks, NULL), 200);
    g_clear_pointer(&now, g_free);
    g_clear_pointer(&want, g_free);
    now = get_disks(api, id);
    want = g_strdup_printf("disk:%s:off-root.qcow2:virtio\ncdrom:%s:isos/b.iso:sata\n", datastore,
                           datastore);
    ck_assert_str_eq(now, want);
    ck_assert(store_has("off-data.qcow2"));

    /* Deleting the guest with its disks takes only what it still has. */
    g_free(vm_path);
    vm_path = g_strdup_printf("/vms/%s?delete_disks=true", id);
    ck_assert_uint_eq(corrald_fixture_call(api, "DELETE", vm_path, NULL, NULL), 204);
    ck_assert(!store_has("off-root.qcow2"));
    ck_assert(store_has("off-data.qcow2"));
    ck_assert(store_has("isos/a.iso") && store_has("isos/b.iso"));
}
END_TEST

/* The running guest's disk at target @dev, as libvirt's live XML has it
 * ("<source file='…'" or the like), or NULL. */
static char *
live_disk(const char *id, const char *dev)
{
    virConnectPtr conn = virConnectOpen("qemu:///system");
    virDomainPtr domain = virDomainLookupByUUIDString(conn, id);
    g_autofree char *xml = virDomainGetXMLDesc(domain, 0);
    g_autofree char *target = g_strdup_printf("<target dev='%s'", dev);
    g_auto(GStrv) disks = g_strsplit(xml, "<disk ", -1);
    char *found = NULL;

    for (guint i = 1; disks[i] != NULL && found == NULL; i++) {
        char *end = strstr(disks[i], "</disk>");

        if (end != NULL)
            *end = '\0';
        if (strstr(disks[i], target) != NULL)
            found = g_strdup(disks[i]);
    }
    virDomainFree(domain);
    virConnectClose(conn);
    return found;
}

static gboolean
pending_restart(json_object *vm)
{
    json_object *pending;

    return json_object_object_get_ex(vm, "pending_restart", &pending) &&
           json_object_array_length(pending) == 1 &&
           g_str_equal(json_object_get_string(json_object_array_get_idx(pending, 0)), "disks");
}

/* The disc of a running guest, ejected and changed; a virtio disk plugged
 * in and out; a CD-ROM drive added for the next start. */
START_TEST(test_running)
{
    g_autoptr(CorralClient) api = corrald_fixture_session(fixture, "root", PASSWORD);
    g_autofree char *name = g_strdup_printf("%s-run", guest);
    g_autofree char *disc_a = cdrom("isos/a.iso", "sata");
    g_autofree char *disc_b = cdrom("isos/b.iso", "sata");
    g_autofree char *empty_sata = cdrom(NULL, "sata");
    g_autofree char *empty_ide = cdrom(NULL, "ide");
    g_autofree char *hot = hard_disk("run-hot.qcow2", 16 * MIB, "virtio");
    g_autofree char *id = NULL, *power = NULL, *log = NULL, *seen = NULL, *disk = NULL;
    g_autofree char *want = NULL, *disks = NULL, *now = NULL;
    g_autoptr(json_object) answer = NULL;
    gsize from = 0;

    id = create_vm(api, name, disc_a);
    host_fixture_add_kernel_boot(id, "corral.cdrom=read");
    power = g_strdup_printf("/vms/%s/power", id);
    log = g_strdup_printf("/var/log/libvirt/qemu/corral-%s-serial.log", id);
    ck_assert_uint_eq(corrald_fixture_call(api, "POST", power, "{\"action\": \"on\"}", NULL), 200);
    seen = host_fixture_await_serial(log, from, "cdrom ", 120, &from);
    want = g_strdup_printf("marker %s", marker[0]);
    ck_assert_str_eq(seen, want);

    /* Eject: live at once, the guest finds its drive empty. */
    ck_assert_uint_eq(patch_disks(api, id, empty_sata, &answer), 200);
    ck_assert(!pending_restart(answer));
    g_clear_pointer(&answer, json_object_put);
    disk = live_disk(id, "sda");
    ck_assert_msg(disk != NULL && strstr(disk, "file=") == NULL, "%s", disk);
    g_clear_pointer(&seen, g_free);
    seen = host_fixture_await_serial(log, from, "cdrom ", 30, &from);
    ck_assert_str_eq(seen, "empty");

    /* Insert the other disc. */
    ck_assert_uint_eq(patch_disks(api, id, disc_b, &answer), 200);
    ck_assert(!pending_restart(answer));
    g_clear_pointer(&answer, json_object_put);
    g_clear_pointer(&disk, g_free);
    disk = live_disk(id, "sda");
    ck_assert_msg(disk != NULL && strstr(disk, "isos/b.iso") != NULL, "%s", disk);
    g_clear_pointer(&seen, g_free);
    g_clear_pointer(&want, g_free);
    seen = host_fixture_await_serial(log, from, "cdrom ", 30, &from);
    want = g_strdup_printf("marker %s", marker[1]);
    ck_assert_str_eq(seen, want);

    /* A virtio disk, plugged into the running guest and out again. */
    disks = g_strdup_printf("%s, %s", disc_b, hot);
    ck_assert_uint_eq(patch_disks(api, id, disks, &answer), 200);
    ck_assert(!pending_restart(answer));
    g_clear_pointer(&answer, json_object_put);
    g_clear_pointer(&disk, g_free);
    disk = live_disk(id, "vda");
    ck_assert_msg(disk != NULL && strstr(disk, "run-hot.qcow2") != NULL, "%s", disk);
    ck_assert_uint_eq(patch_disks(api, id, disc_b, &answer), 200);
    ck_assert(!pending_restart(answer));
    g_clear_pointer(&answer, json_object_put);
    for (int i = 0; i < 50; i++) {
        g_clear_pointer(&disk, g_free);
        disk = live_disk(id, "vda");
        if (disk == NULL)
            break;
        g_usleep(200 * 1000);
    }
    ck_assert_msg(disk == NULL, "vda still plugged in: %s", disk);
    ck_assert(store_has("run-hot.qcow2"));

    /* A CD-ROM drive cannot be plugged in: it waits for the next start. */
    g_clear_pointer(&disks, g_free);
    disks = g_strdup_printf("%s, %s", disc_b, empty_ide);
    ck_assert_uint_eq(patch_disks(api, id, disks, &answer), 200);
    ck_assert_msg(pending_restart(answer), "%s", json_object_to_json_string(answer));
    g_clear_pointer(&disk, g_free);
    disk = live_disk(id, "hda");
    ck_assert_ptr_null(disk);
    now = get_disks(api, id);
    g_clear_pointer(&want, g_free);
    want = g_strdup_printf("cdrom:%s:isos/b.iso:sata\ncdrom:-:-:ide\n", datastore);
    ck_assert_str_eq(now, want);

    ck_assert_uint_eq(corrald_fixture_call(api, "POST", power, "{\"action\": \"off\"}", NULL), 200);
    g_free(power);
    power = g_strdup_printf("/vms/%s", id);
    ck_assert_uint_eq(corrald_fixture_call(api, "DELETE", power, NULL, NULL), 204);
    unlink(log);
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("cdrom");
    TCase *tc = tcase_create("dir");

    if (!here()) {
        printf("1..0 # SKIP needs root, libvirtd on qemu:///system (scripts/services) and "
               "xorriso\n");
        return 0;
    }
    tcase_set_timeout(tc, 280);
    tcase_add_unchecked_fixture(tc, start, stop);
    tcase_add_test(tc, test_shutoff);
    tcase_add_test(tc, test_running);
    suite_add_tcase(s, tc);
    return corral_check_run(s);
}
