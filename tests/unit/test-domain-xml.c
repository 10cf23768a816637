/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Tests of libvirt XML generation and reading: each spec of
 * tests/fixtures/domain-xml/NAME.json builds exactly NAME.xml; hostile
 * strings in every user-controlled field stay text; what is built reads
 * back as the same guest; PATCH edits touch only what they name; snapshot,
 * volume, network, storage pool and sysinfo XML read as expected.
 *
 * Golden files are rewritten only when CORRAL_REGENERATE_GOLDEN=1 is set.
 */
#include "hostd/domain-xml.h"

#include "hostd/hostd-error.h"

#include "check-tap.h"

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <stdlib.h>
#include <string.h>

#define XML_DIR   TEST_FIXTURES "/domain-xml"
#define TEST_UUID "6f1c2a4e-8b3d-4c5e-9f70-1a2b3c4d5e6f"

static const CorraldDiskPlan plans_minimal[] = {{"qcow2", TRUE}};
static const CorraldDiskPlan plans_full[] = {
    {"qcow2", FALSE}, {"raw", FALSE}, {"qcow2", TRUE}, {NULL, FALSE}, {"qcow2", TRUE},
};
static const CorraldDiskPlan plans_escaping[] = {{"qcow2", TRUE}};
static const CorraldDiskPlan plans_cdrom[] = {
    {"qcow2", TRUE, NULL},
    {"raw", FALSE, "/srv/isos/debian/debian-12.7.0-amd64-netinst.iso"},
    {NULL, FALSE, NULL},
    {"qcow2", FALSE, NULL},
};

static const struct {
    const char *name;
    const char *type;
    const CorraldDiskPlan *plans;
} golden_cases[] = {
    {"minimal", "qemu", plans_minimal},
    {"full", "kvm", plans_full},
    {"escaping", "qemu", plans_escaping},
    {"cdrom", "qemu", plans_cdrom},
};

static CorralVmSpec *
load_spec(const char *name)
{
    g_autofree char *file = g_strconcat(name, ".json", NULL);
    g_autofree char *path = g_build_filename(XML_DIR, file, NULL);
    g_autofree char *text = NULL;
    g_autoptr(GError) error = NULL;
    gsize len;
    CorralVmSpec *spec;

    ck_assert_msg(g_file_get_contents(path, &text, &len, &error), "%s", error->message);
    spec = corral_codec_parse(&corral_vm_spec_type, text, len, CORRAL_DECODE_STRICT, &error);
    ck_assert_msg(spec != NULL, "%s: %s", path, error->message);
    return spec;
}

static char *
build_case(guint i)
{
    g_autoptr(CorralVmSpec) spec = load_spec(golden_cases[i].name);
    CorraldDomainOptions options = {golden_cases[i].type, TEST_UUID, golden_cases[i].plans};
    g_autoptr(GError) error = NULL;
    char *xml = corrald_domain_xml_build(spec, &options, &error);

    ck_assert_msg(xml != NULL, "%s", error != NULL ? error->message : "");
    return xml;
}

START_TEST(test_golden)
{
    g_autofree char *xml = build_case(_i);
    g_autofree char *file = g_strconcat(golden_cases[_i].name, ".xml", NULL);
    g_autofree char *path = g_build_filename(XML_DIR, file, NULL);
    g_autofree char *expected = NULL;
    g_autoptr(GError) error = NULL;

    if (g_strcmp0(g_getenv("CORRAL_REGENERATE_GOLDEN"), "1") == 0)
        ck_assert(g_file_set_contents(path, xml, -1, &error));
    ck_assert_msg(g_file_get_contents(path, &expected, NULL, &error), "%s", error->message);
    ck_assert_str_eq(xml, expected);
}
END_TEST

/* Built XML reads back as the spec it came from. */
START_TEST(test_round_trip)
{
    g_autoptr(CorralVmSpec) spec = load_spec(golden_cases[_i].name);
    g_autofree char *xml = build_case(_i);
    g_autoptr(GError) error = NULL;
    g_autoptr(CorralVm) vm = corrald_domain_xml_parse(xml, &error);

    ck_assert_msg(vm != NULL, "%s", error != NULL ? error->message : "");
    ck_assert_str_eq(vm->id, TEST_UUID);
    ck_assert_str_eq(vm->name, spec->name);
    ck_assert_int_eq(vm->vcpus, spec->vcpus);
    /* libvirt counts memory in KiB: rounded up. */
    ck_assert_int_eq(vm->memory_bytes, (spec->memory_bytes + 1023) / 1024 * 1024);
    ck_assert_str_eq(vm->guest_os != NULL ? vm->guest_os : "",
                     spec->guest_os != NULL ? spec->guest_os : "");
    ck_assert_uint_eq(vm->disks->len, spec->disks->len);
    for (guint i = 0; i < spec->disks->len; i++) {
        const CorralVmDisk *want = spec->disks->pdata[i];
        CorralVmDisk *got = vm->disks->pdata[i];
        const char *file = golden_cases[_i].plans[i].file;

        ck_assert_int_eq(corral_vm_disk_is_cdrom(got), corral_vm_disk_is_cdrom(want));
        /* An ISO reads back as its file, which its datastore's directory
         * turns into the datastore and the path inside it. */
        if (corral_vm_disk_is_cdrom(got) && file != NULL) {
            g_autofree char *dir = g_strndup(file, strlen(file) - strlen(want->volume) - 1);

            ck_assert_str_eq(got->volume, file);
            ck_assert(!corrald_domain_xml_disk_locate(got, "elsewhere", "/srv/isos/debian/x"));
            ck_assert(corrald_domain_xml_disk_locate(got, want->datastore, dir));
        }
        ck_assert_str_eq(got->datastore != NULL ? got->datastore : "(none)",
                         want->datastore != NULL ? want->datastore : "(none)");
        ck_assert_str_eq(got->volume != NULL ? got->volume : "(none)",
                         want->volume != NULL ? want->volume : "(none)");
        ck_assert_int_eq(got->bus, want->bus);
    }
    /* The labels come back as they went in; no folder is the top. */
    ck_assert_uint_eq(vm->tags->len, spec->tags != NULL ? spec->tags->len : 0);
    for (guint i = 0; i < vm->tags->len; i++)
        ck_assert_str_eq(vm->tags->pdata[i], spec->tags->pdata[i]);
    ck_assert_str_eq(vm->folder, spec->folder != NULL ? spec->folder : "/");
    ck_assert_uint_eq(vm->nics->len, spec->nics->len);
    for (guint i = 0; i < spec->nics->len; i++) {
        const CorralVmNic *want = spec->nics->pdata[i], *got = vm->nics->pdata[i];

        ck_assert_str_eq(got->network, want->network);
        ck_assert_str_eq(got->model, want->model);
        ck_assert_str_eq(got->mac != NULL ? got->mac : "", want->mac != NULL ? want->mac : "");
    }
}
END_TEST

static CorralVmDisk *
disk_new(const char *datastore, const char *volume, CorralDiskBus bus, gboolean cdrom)
{
    CorralVmDisk *disk = g_new0(CorralVmDisk, 1);

    disk->datastore = g_strdup(datastore);
    disk->volume = g_strdup(volume);
    disk->bus = bus;
    disk->device = cdrom ? CORRAL_DISK_DEVICE_CDROM : CORRAL_DISK_DEVICE_DISK;
    disk->present = G_GUINT64_CONSTANT(1) << CORRAL_VM_DISK_FIELD_DEVICE;
    return disk;
}

/* A CD-ROM on a bus that cannot hold one is refused with a message that
 * says where it can go. */
START_TEST(test_cdrom_bus)
{
    g_autoptr(CorralVmSpec) spec = load_spec("cdrom");
    CorraldDomainOptions options = {"qemu", TEST_UUID, plans_cdrom};
    g_autoptr(GError) error = NULL;
    g_autofree char *xml = NULL;

    ((CorralVmDisk *)spec->disks->pdata[1])->bus = CORRAL_DISK_BUS_VIRTIO;
    xml = corrald_domain_xml_build(spec, &options, &error);
    ck_assert_ptr_null(xml);
    ck_assert_str_eq(error->message,
                     "vm-spec.disks[1].bus: a cdrom goes on sata or ide, not virtio");
    ck_assert(corrald_disk_bus_allows_cdrom(CORRAL_DISK_BUS_IDE));
    ck_assert(!corrald_disk_bus_allows_cdrom(CORRAL_DISK_BUS_SCSI));
}
END_TEST

/* Disks removed, added and given another disc; the record of created
 * volumes follows; a target that is gone or a disc for a hard disk is
 * refused. */
START_TEST(test_edit_disks)
{
    g_autofree char *xml = build_case(3);
    g_autoptr(CorralVmDisk) installer = disk_new("local", "installer.qcow2", 0, FALSE);
    g_autoptr(CorralVmDisk) ejected = disk_new(NULL, NULL, CORRAL_DISK_BUS_SATA, TRUE);
    g_autoptr(CorralVmDisk) inserted = disk_new("isos", "b.iso", CORRAL_DISK_BUS_IDE, TRUE);
    g_autoptr(CorralVmDisk) fresh = disk_new("local", "fresh.qcow2", CORRAL_DISK_BUS_VIRTIO, FALSE);
    g_autoptr(CorralVmDisk) extra = disk_new("local", "extra.img", CORRAL_DISK_BUS_SATA, FALSE);
    static const CorraldDiskPlan insert_plan = {"raw", FALSE, "/srv/isos/b.iso"};
    static const CorraldDiskPlan fresh_plan = {"qcow2", TRUE, NULL};
    CorraldDiskChange changes[] = {
        {CORRALD_DISK_REMOVE, installer, NULL, g_strdup("vda"), NULL},
        {CORRALD_DISK_MEDIA, ejected, NULL, g_strdup("sda"), NULL},
        {CORRALD_DISK_MEDIA, inserted, &insert_plan, g_strdup("hda"), NULL},
        {CORRALD_DISK_ADD, fresh, &fresh_plan, NULL, NULL},
        {CORRALD_DISK_ADD, extra, NULL, NULL, NULL},
    };
    CorraldDiskChange gone = {CORRALD_DISK_REMOVE, installer, NULL, g_strdup("vdz"), NULL};
    CorraldDiskChange not_cdrom = {CORRALD_DISK_MEDIA, inserted, &insert_plan, g_strdup("sdb"),
                                   NULL};
    g_autoptr(GError) error = NULL;
    g_autofree char *edited = corrald_domain_xml_edit_disks(xml, changes, 5, &error);
    g_autoptr(CorralVm) vm = NULL;
    g_autoptr(GPtrArray) devs = NULL;
    g_autoptr(GPtrArray) created = NULL;
    g_autofree char *id = NULL;
    const CorralVmDisk *disk;

    ck_assert_msg(edited != NULL, "%s", error != NULL ? error->message : "");
    ck_assert(strstr(changes[0].element, "installer.qcow2") != NULL);
    ck_assert(strstr(changes[1].element, "<source") == NULL);
    ck_assert(strstr(changes[2].element, "/srv/isos/b.iso") != NULL);
    /* The freed virtio target is taken again; sata counts after sda, sdb. */
    ck_assert_str_eq(changes[3].dev, "vda");
    ck_assert_str_eq(changes[4].dev, "sdc");
    vm = corrald_domain_xml_parse_with_devs(edited, &devs, &error);
    ck_assert(vm != NULL);
    ck_assert_uint_eq(vm->disks->len, 5);
    ck_assert_str_eq(devs->pdata[0], "sda");
    disk = vm->disks->pdata[0];
    ck_assert(corral_vm_disk_is_cdrom(disk) && disk->volume == NULL);
    ck_assert_str_eq(devs->pdata[1], "hda");
    disk = vm->disks->pdata[1];
    ck_assert(corral_vm_disk_is_cdrom(disk));
    ck_assert_str_eq(disk->volume, "/srv/isos/b.iso");
    ck_assert_str_eq(devs->pdata[3], "vda");
    ck_assert_str_eq(((CorralVmDisk *)vm->disks->pdata[3])->volume, "fresh.qcow2");
    id = corrald_domain_xml_disk_identity(edited, "hda");
    ck_assert_str_eq(id, "cdrom file /srv/isos/b.iso");
    g_free(id);
    id = corrald_domain_xml_disk_identity(edited, "vda");
    ck_assert_str_eq(id, "disk volume local/fresh.qcow2");
    ck_assert_ptr_null(corrald_domain_xml_disk_identity(edited, "vdb"));
    /* installer.qcow2 was Corral's and stays on the datastore, no longer the guest's. */
    created = corrald_domain_xml_created_volumes(edited, &error);
    ck_assert_uint_eq(created->len, 1);
    ck_assert_str_eq(((CorralVmDisk *)created->pdata[0])->volume, "fresh.qcow2");

    ck_assert_ptr_null(corrald_domain_xml_edit_disks(xml, &gone, 1, &error));
    ck_assert(g_error_matches(error, CORRALD_ERROR, CORRALD_ERROR_CONFLICT));
    g_clear_error(&error);
    ck_assert_ptr_null(corrald_domain_xml_edit_disks(xml, &not_cdrom, 1, &error));
    ck_assert_str_eq(error->message, "disk sdb is not a cdrom: it holds no disc");
    for (gsize i = 0; i < G_N_ELEMENTS(changes); i++)
        corrald_disk_change_clear(&changes[i]);
    corrald_disk_change_clear(&gone);
    corrald_disk_change_clear(&not_cdrom);
}
END_TEST

static double
count(xmlXPathContext *ctx, const char *expr)
{
    xmlXPathObject *result = xmlXPathEvalExpression(BAD_CAST expr, ctx);
    double n = result != NULL ? result->floatval : -1;

    xmlXPathFreeObject(result);
    return n;
}

/* Every hostile string stays inside its own element or attribute: the
 * document has exactly the elements a guest with one disk and one NIC has,
 * and nothing points at /etc/shadow or a network called "evil". */
START_TEST(test_escaping)
{
    g_autofree char *xml = build_case(2);
    xmlDoc *doc = xmlReadMemory(xml, (int)strlen(xml), NULL, NULL, XML_PARSE_NONET);
    xmlXPathContext *ctx;

    ck_assert_msg(doc != NULL, "the XML does not parse:\n%s", xml);
    ctx = xmlXPathNewContext(doc);
    ck_assert(count(ctx, "count(/domain/name)") == 1);
    /* guest-os, two tags, folder, created-volume */
    ck_assert(count(ctx, "count(/domain/metadata/*/*)") == 5);
    ck_assert(count(ctx, "count(/domain/devices/*)") == 7);
    ck_assert(count(ctx, "count(/domain/devices/disk)") == 1);
    ck_assert(count(ctx, "count(/domain/devices/disk/source)") == 1);
    ck_assert(count(ctx, "count(/domain/devices/interface/source)") == 1);
    ck_assert(count(ctx, "count(/domain/devices/interface/model)") == 1);
    ck_assert(count(ctx, "count(//*[@file='/etc/shadow'])") == 0);
    ck_assert(count(ctx, "count(//*[@network='evil'])") == 0);
    ck_assert(count(ctx, "count(//*[@type='e1000'])") == 0);
    ck_assert(count(ctx, "count(/domain/*)") == 14);
    /* VNC listens on a unix socket only. */
    ck_assert(count(ctx, "count(//graphics/listen[@type='socket'])") == 1);
    ck_assert(count(ctx, "count(//graphics[@port or @listen])") == 0);
    xmlXPathFreeContext(ctx);
    xmlFreeDoc(doc);
}
END_TEST

/* The element for virDomainSetMetadata: bare, with the new labels and
 * everything else Corral keeps there; and the element as libvirt returns
 * it (in its namespace) reads back as those labels. */
START_TEST(test_metadata_element)
{
    static const char patch_json[] = "{\"tags\": [\"db\", \"<x>&\"], \"folder\": \"/A/B\"}";
    static const char clear_json[] = "{\"tags\": [], \"folder\": \"/\"}";
    g_autofree char *xml = build_case(1); /* full: guest OS, tags, folder, made volumes */
    g_autoptr(GError) error = NULL;
    g_autoptr(CorralVmSpec) patch =
        corral_codec_parse(&corral_vm_spec_type, patch_json, strlen(patch_json),
                           CORRAL_DECODE_STRICT | CORRAL_DECODE_PARTIAL, &error);
    g_autoptr(CorralVmSpec) clear =
        corral_codec_parse(&corral_vm_spec_type, clear_json, strlen(clear_json),
                           CORRAL_DECODE_STRICT | CORRAL_DECODE_PARTIAL, &error);
    g_autofree char *element = corrald_domain_xml_metadata_element(xml, patch, &error);
    g_autofree char *cleared = corrald_domain_xml_metadata_element(xml, clear, &error);
    g_autofree char *unchanged = corrald_domain_xml_metadata_element(
        "<domain><name>n</name><uuid>" TEST_UUID "</uuid></domain>", NULL, &error);
    g_autofree char *namespaced = NULL;
    g_autoptr(CorralVm) vm = g_new0(CorralVm, 1);

    ck_assert_msg(element != NULL && cleared != NULL && unchanged != NULL, "%s",
                  error != NULL ? error->message : "");
    ck_assert_ptr_null(strstr(element, "xmlns"));
    ck_assert_ptr_null(strstr(element, "corral:"));
    ck_assert_ptr_nonnull(strstr(element, "<guest-os>"));
    ck_assert_ptr_nonnull(strstr(element, "<created-volume "));
    ck_assert_ptr_nonnull(strstr(element, "<tag>db</tag><tag>&lt;x&gt;&amp;</tag>"));
    ck_assert_ptr_nonnull(strstr(element, "<folder>/A/B</folder>"));
    ck_assert_ptr_null(strstr(element, "<tag>web</tag>"));
    ck_assert_ptr_null(strstr(cleared, "<tag>"));
    ck_assert_ptr_null(strstr(cleared, "<folder>"));
    ck_assert_ptr_nonnull(strstr(cleared, "<guest-os>"));
    ck_assert_ptr_nonnull(strstr(unchanged, "<vm/>"));

    /* The element with its namespace and prefix reads back, */
    namespaced = g_strdup_printf("<corral:vm xmlns:corral='%s'><corral:tag>db</corral:tag>"
                                 "<corral:tag>db</corral:tag><corral:tag>bad,tag</corral:tag>"
                                 "<corral:tag>web</corral:tag><corral:folder>/A/B</corral:folder>"
                                 "</corral:vm>",
                                 CORRALD_XMLNS_VM);
    ck_assert(corrald_metadata_xml_labels(namespaced, vm, &error));
    /* What the API could not carry is left out: the repeat, the comma. */
    ck_assert_uint_eq(vm->tags->len, 2);
    ck_assert_str_eq(vm->tags->pdata[0], "db");
    ck_assert_str_eq(vm->tags->pdata[1], "web");
    ck_assert_str_eq(vm->folder, "/A/B");
    /* and libvirt's own reader returns it bare. */
    ck_assert(corrald_metadata_xml_labels("<vm>\n  <tag>x</tag>\n</vm>", vm, &error));
    ck_assert_uint_eq(vm->tags->len, 1);
    ck_assert_str_eq(vm->folder, "/");
    ck_assert(corrald_metadata_xml_labels("<vm/>", vm, &error));
    ck_assert_uint_eq(vm->tags->len, 0);
}
END_TEST

START_TEST(test_created_volumes)
{
    g_autofree char *xml = build_case(1);
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) volumes = corrald_domain_xml_created_volumes(xml, &error);

    ck_assert(volumes != NULL);
    ck_assert_uint_eq(volumes->len, 2);
    ck_assert_str_eq(((CorralVmDisk *)volumes->pdata[0])->volume, "db02-logs.qcow2");
    ck_assert_str_eq(((CorralVmDisk *)volumes->pdata[1])->volume, "db02-data.qcow2");
    ck_assert_str_eq(((CorralVmDisk *)volumes->pdata[1])->datastore, "local");
}
END_TEST

START_TEST(test_edit)
{
    g_autofree char *xml = build_case(0);
    g_autofree char *edited = NULL;
    g_autofree char *again = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(CorralVmSpec) patch = g_new0(CorralVmSpec, 1);
    g_autoptr(CorralVm) vm = NULL;
    g_autoptr(CorralVm) cleared = NULL;

    patch->vcpus = 6;
    patch->memory_bytes = G_GINT64_CONSTANT(2) << 30;
    patch->guest_os = g_strdup("win<11> & 'friends'");
    CORRAL_SET_PRESENT(patch, CORRAL_VM_SPEC_FIELD_VCPUS);
    CORRAL_SET_PRESENT(patch, CORRAL_VM_SPEC_FIELD_MEMORY_BYTES);
    CORRAL_SET_PRESENT(patch, CORRAL_VM_SPEC_FIELD_GUEST_OS);
    edited = corrald_domain_xml_edit(xml, patch, &error);
    ck_assert_msg(edited != NULL, "%s", error != NULL ? error->message : "");
    vm = corrald_domain_xml_parse(edited, &error);
    ck_assert(vm != NULL);
    ck_assert_int_eq(vm->vcpus, 6);
    ck_assert_int_eq(vm->memory_bytes, G_GINT64_CONSTANT(2) << 30);
    ck_assert_str_eq(vm->guest_os, "win<11> & 'friends'");
    ck_assert_str_eq(vm->name, "web01");
    ck_assert_uint_eq(vm->disks->len, 1);

    /* Only what is present changes; an empty guest_os removes it. */
    patch->present = 0;
    g_free(patch->guest_os);
    patch->guest_os = g_strdup("");
    CORRAL_SET_PRESENT(patch, CORRAL_VM_SPEC_FIELD_GUEST_OS);
    again = corrald_domain_xml_edit(edited, patch, &error);
    cleared = corrald_domain_xml_parse(again, &error);
    ck_assert(cleared != NULL);
    ck_assert_ptr_null(cleared->guest_os);
    ck_assert_int_eq(cleared->vcpus, 6);
}
END_TEST

/* A domain that libvirt wrote, with metadata missing, a file disk, a CD-ROM
 * and a bridged NIC without a model. */
static const char libvirt_domain[] = "<domain type='kvm' id='3'>\n"
                                     "  <name>legacy</name>\n"
                                     "  <uuid>11111111-2222-3333-4444-555555555555</uuid>\n"
                                     "  <memory unit='MiB'>2048</memory>\n"
                                     "  <vcpu placement='static' current='2'>4</vcpu>\n"
                                     "  <devices>\n"
                                     "    <disk type='file' device='disk'>\n"
                                     "      <source file='/var/lib/libvirt/images/legacy.img'/>\n"
                                     "      <target dev='sda' bus='sata'/>\n"
                                     "    </disk>\n"
                                     "    <disk type='file' device='cdrom'>\n"
                                     "      <source file='/iso/debian.iso'/>\n"
                                     "      <target dev='hdc' bus='ide'/>\n"
                                     "    </disk>\n"
                                     "    <interface type='bridge'>\n"
                                     "      <mac address='52:54:00:00:00:01'/>\n"
                                     "      <source bridge='br0'/>\n"
                                     "    </interface>\n"
                                     "  </devices>\n"
                                     "</domain>\n";

START_TEST(test_parse_libvirt)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(CorralVm) vm = corrald_domain_xml_parse(libvirt_domain, &error);
    const CorralVmDisk *disk;
    const CorralVmNic *nic;

    ck_assert(vm != NULL);
    ck_assert_int_eq(vm->vcpus, 2);
    ck_assert_int_eq(vm->memory_bytes, G_GINT64_CONSTANT(2048) << 20);
    ck_assert_ptr_null(vm->guest_os);
    ck_assert_uint_eq(vm->disks->len, 2);
    disk = vm->disks->pdata[0];
    ck_assert_ptr_null(disk->datastore);
    ck_assert_str_eq(disk->volume, "/var/lib/libvirt/images/legacy.img");
    ck_assert_int_eq(disk->bus, CORRAL_DISK_BUS_SATA);
    ck_assert(!corral_vm_disk_is_cdrom(disk));
    disk = vm->disks->pdata[1];
    ck_assert(corral_vm_disk_is_cdrom(disk));
    ck_assert_ptr_null(disk->datastore);
    ck_assert_str_eq(disk->volume, "/iso/debian.iso");
    ck_assert_int_eq(disk->bus, CORRAL_DISK_BUS_IDE);
    nic = vm->nics->pdata[0];
    ck_assert_str_eq(nic->network, "br0");
    ck_assert_str_eq(nic->model, "default");
    ck_assert_str_eq(nic->mac, "52:54:00:00:00:01");

    ck_assert_ptr_null(corrald_domain_xml_parse("<domain><name>x", &error));
}
END_TEST

START_TEST(test_snapshot_xml)
{
    g_autoptr(CorralSnapshotSpec) spec = g_new0(CorralSnapshotSpec, 1);
    g_autofree char *xml = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(CorralSnapshot) snapshot = NULL;
    static const char libvirt_snapshot[] = "<domainsnapshot><name>s2</name>"
                                           "<state>running</state><parent><name>s1</name>"
                                           "</parent><creationTime>1718000000</creationTime>"
                                           "<domain type='kvm'/></domainsnapshot>";

    spec->name = g_strdup("before <upgrade>");
    spec->description = g_strdup("it's \"risky\" & new");
    xml = corrald_snapshot_xml_build(spec);
    snapshot = corrald_snapshot_xml_parse(xml, &error);
    ck_assert(snapshot != NULL);
    ck_assert_str_eq(snapshot->name, spec->name);
    ck_assert_str_eq(snapshot->description, spec->description);
    g_clear_pointer(&snapshot, corral_snapshot_free);

    snapshot = corrald_snapshot_xml_parse(libvirt_snapshot, &error);
    ck_assert(snapshot != NULL);
    ck_assert_str_eq(snapshot->parent, "s1");
    ck_assert_int_eq(snapshot->created, 1718000000);
    ck_assert_int_eq(snapshot->state, CORRAL_VM_STATE_RUNNING);
}
END_TEST

static const struct {
    const char *xml;
    const char *forward;
} networks[] = {
    {"<network><name>a</name><forward mode='nat'/></network>", "nat"},
    {"<network><name>b</name><forward/></network>", "nat"},
    {"<network><name>c</name><forward mode='bridge'/></network>", "bridge"},
    {"<network><name>d</name></network>", "none"},
};

START_TEST(test_network_forward)
{
    g_autofree char *forward = corrald_network_xml_forward(networks[_i].xml);

    ck_assert_str_eq(forward, networks[_i].forward);
}
END_TEST

START_TEST(test_storage_pools)
{
    g_autoptr(CorralDatastore) dir = corrald_storage_pool_xml_parse(
        "<pool type='dir'><name>local</name><target><path>/srv/vm</path></target></pool>");
    g_autoptr(CorralDatastore) nfs =
        corrald_storage_pool_xml_parse("<pool type='netfs'><name>nas</name><source><host "
                                       "name='nas.lan'/><dir path='/export/vm'/></source></pool>");
    g_autoptr(CorralDatastore) iscsi = corrald_storage_pool_xml_parse(
        "<pool type='iscsi-direct'><name>san</name><source><host name='127.0.0.1'/>"
        "<device path='iqn.2024-01.lan:t1'/><initiator><iqn name='iqn.2024-01.lan:me'/>"
        "</initiator></source></pool>");
    g_autoptr(CorralDatastore) other =
        corrald_storage_pool_xml_parse("<pool type='logical'><name>vg</name></pool>");
    g_autofree char *json = NULL;

    ck_assert(dir != NULL && nfs != NULL && iscsi != NULL);
    ck_assert_ptr_null(other);
    ck_assert_int_eq(dir->type, CORRAL_DATASTORE_TYPE_DIR);
    ck_assert_str_eq(dir->source.path, "/srv/vm");
    ck_assert_int_eq(nfs->type, CORRAL_DATASTORE_TYPE_NFS);
    ck_assert_str_eq(nfs->source.host, "nas.lan");
    ck_assert_str_eq(nfs->source.export, "/export/vm");
    ck_assert_int_eq(iscsi->type, CORRAL_DATASTORE_TYPE_ISCSI);
    ck_assert_int_eq(iscsi->source.port, 3260);
    ck_assert_str_eq(iscsi->source.target, "iqn.2024-01.lan:t1");
    ck_assert_str_eq(iscsi->source.initiator, "iqn.2024-01.lan:me");
    json = corral_codec_format(&corral_datastore_type, iscsi);
    ck_assert_ptr_nonnull(strstr(json, "\"port\": 3260"));
}
END_TEST

START_TEST(test_small_readers)
{
    g_autofree char *format = corrald_volume_xml_format(
        "<volume><name>a</name><target><format type='qcow2'/></target></volume>");
    g_autofree char *none = corrald_volume_xml_format("<volume><name>a</name></volume>");
    g_autofree char *uuid = corrald_sysinfo_xml_uuid(
        "<sysinfo type='smbios'><system><entry name='manufacturer'>X</entry>"
        "<entry name='uuid'>" TEST_UUID "</entry></system></sysinfo>");
    g_autofree char *volume = corrald_volume_xml_build("d'<1>", 42, "qcow2");
    g_autofree char *socket = corrald_domain_xml_vnc_socket(
        "<domain><devices><graphics type='vnc' socket='/x/vnc.sock'><listen type='socket' "
        "socket='/x/vnc.sock'/></graphics></devices></domain>");
    g_autofree char *no_socket = corrald_domain_xml_vnc_socket(
        "<domain><devices><graphics type='vnc' port='5900'><listen type='address' "
        "address='127.0.0.1'/></graphics></devices></domain>");

    ck_assert_str_eq(format, "qcow2");
    ck_assert_ptr_null(none);
    ck_assert_str_eq(uuid, TEST_UUID);
    ck_assert_ptr_nonnull(strstr(volume, "<name>d&apos;&lt;1&gt;</name>"));
    ck_assert_str_eq(socket, "/x/vnc.sock");
    ck_assert_ptr_null(no_socket);
}
END_TEST

START_TEST(test_domain_type)
{
    /* The environment decides when it names a type (set in main()). */
    ck_assert_str_eq(corrald_domain_type_default(), "qemu");
}
END_TEST

static Suite *
domain_xml_suite(void)
{
    Suite *suite = suite_create("domain-xml");
    TCase *golden = tcase_create("golden");
    TCase *reading = tcase_create("reading");

    tcase_add_loop_test(golden, test_golden, 0, G_N_ELEMENTS(golden_cases));
    tcase_add_loop_test(golden, test_round_trip, 0, G_N_ELEMENTS(golden_cases));
    tcase_add_test(golden, test_escaping);
    tcase_add_test(golden, test_created_volumes);
    tcase_add_test(golden, test_metadata_element);
    tcase_add_test(golden, test_edit);
    tcase_add_test(golden, test_domain_type);
    tcase_add_test(golden, test_cdrom_bus);
    tcase_add_test(golden, test_edit_disks);
    suite_add_tcase(suite, golden);
    tcase_add_test(reading, test_parse_libvirt);
    tcase_add_test(reading, test_snapshot_xml);
    tcase_add_loop_test(reading, test_network_forward, 0, G_N_ELEMENTS(networks));
    tcase_add_test(reading, test_storage_pools);
    tcase_add_test(reading, test_small_readers);
    suite_add_tcase(suite, reading);
    return suite;
}

int
main(void)
{
    g_setenv("CORRAL_DOMAIN_TYPE", "qemu", TRUE);
    return corral_check_run(domain_xml_suite());
}
