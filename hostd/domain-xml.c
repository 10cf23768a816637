/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * libvirt's XML both ways (see domain-xml.h). Generation is text through
 * g_markup_printf_escaped(), which escapes every string argument; reading
 * and editing go through libxml2 and XPath, with no entity expansion and no
 * network access.
 */
#include "hostd/domain-xml.h"

#include "hostd/hostd-error.h"

#include <errno.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <string.h>
#include <unistd.h>

G_DEFINE_AUTOPTR_CLEANUP_FUNC(xmlDoc, xmlFreeDoc)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(xmlXPathContext, xmlXPathFreeContext)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(xmlXPathObject, xmlXPathFreeObject)

#define VNC_SOCKET_FORMAT "/var/lib/libvirt/qemu/corral-%s.vnc"
#define SERIAL_LOG_FORMAT "/var/log/libvirt/qemu/corral-%s-serial.log"
#define XML_PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)
#define NS_PREFIX         "corral"
#define DEFAULT_NIC_MODEL "default"

/* The device name prefix of each bus; sata and scsi disks share "sd". */
static const char *const bus_prefixes[CORRAL_DISK_BUS_LAST] = {
    [CORRAL_DISK_BUS_VIRTIO] = "vd",
    [CORRAL_DISK_BUS_SATA] = "sd",
    [CORRAL_DISK_BUS_SCSI] = "sd",
    [CORRAL_DISK_BUS_IDE] = "hd",
};

/* The units libvirt accepts for sizes, by their multiplier. */
static const struct {
    const char *unit;
    guint64 scale;
} size_units[] = {
    {"b", 1},
    {"bytes", 1},
    {"KB", 1000},
    {"k", 1024},
    {"KiB", 1024},
    {"MB", 1000 * 1000},
    {"M", 1024 * 1024},
    {"MiB", 1024 * 1024},
    {"GB", G_GUINT64_CONSTANT(1000) * 1000 * 1000},
    {"G", G_GUINT64_CONSTANT(1) << 30},
    {"GiB", G_GUINT64_CONSTANT(1) << 30},
    {"TB", G_GUINT64_CONSTANT(1000) * 1000 * 1000 * 1000},
    {"T", G_GUINT64_CONSTANT(1) << 40},
    {"TiB", G_GUINT64_CONSTANT(1) << 40},
};

/* libvirt's snapshot states, as the API's guest states. */
static const struct {
    const char *libvirt;
    CorralVmState state;
} snapshot_states[] = {
    {"running", CORRAL_VM_STATE_RUNNING},       {"blocked", CORRAL_VM_STATE_RUNNING},
    {"paused", CORRAL_VM_STATE_PAUSED},         {"crashed", CORRAL_VM_STATE_CRASHED},
    {"pmsuspended", CORRAL_VM_STATE_SUSPENDED}, {"shutdown", CORRAL_VM_STATE_RUNNING},
};

/* Domain type */

static gboolean
cpu_has_virtualization(void)
{
    g_autofree char *cpuinfo = NULL;
    g_auto(GStrv) lines = NULL;

    if (!g_file_get_contents("/proc/cpuinfo", &cpuinfo, NULL, NULL))
        return FALSE;
    lines = g_strsplit(cpuinfo, "\n", -1);
    for (guint i = 0; lines[i] != NULL; i++) {
        g_auto(GStrv) flags = NULL;
        const char *colon;

        if (!g_str_has_prefix(lines[i], "flags") || (colon = strchr(lines[i], ':')) == NULL)
            continue;
        flags = g_strsplit(colon + 1, " ", -1);
        return g_strv_contains((const char *const *)flags, "vmx") ||
               g_strv_contains((const char *const *)flags, "svm");
    }
    return FALSE;
}

const char *
corrald_domain_type_default(void)
{
    static gsize type;

    if (g_once_init_enter(&type)) {
        const char *env = g_getenv("CORRAL_DOMAIN_TYPE");
        const char *chosen;

        if (g_strcmp0(env, "kvm") == 0 || g_strcmp0(env, "qemu") == 0)
            chosen = g_intern_string(env);
        else if (access("/dev/kvm", R_OK | W_OK) == 0 && cpu_has_virtualization())
            chosen = "kvm";
        else
            chosen = "qemu";
        if (env != NULL && g_strcmp0(env, chosen) != 0)
            g_warning("CORRAL_DOMAIN_TYPE=%s: expected kvm or qemu; using %s", env, chosen);
        g_once_init_leave(&type, (gsize)chosen);
    }
    return (const char *)type;
}

/* Building */

static gint64
kib_of(gint64 bytes)
{
    return bytes / 1024 + (bytes % 1024 != 0);
}

/* "a", "b", …, "z", "aa", "ab", …: libvirt's disk naming. */
static char *
disk_dev_name(const char *prefix, guint index)
{
    char suffix[8];
    guint n = 0;
    guint i = index + 1;

    while (i > 0 && n < sizeof suffix - 1) {
        i--;
        suffix[n++] = (char)('a' + i % 26);
        i /= 26;
    }
    suffix[n] = '\0';
    g_strreverse(suffix);
    return g_strconcat(prefix, suffix, NULL);
}

static void append_escaped(GString *xml, const char *format, ...) G_GNUC_PRINTF(2, 3);

static void
append_escaped(GString *xml, const char *format, ...)
{
    va_list args;
    g_autofree char *text = NULL;

    va_start(args, format);
    text = g_markup_vprintf_escaped(format, args);
    va_end(args);
    g_string_append(xml, text);
}

gboolean
corrald_folder_is_top(const char *folder)
{
    return folder == NULL || folder[0] == '\0' || g_str_equal(folder, "/");
}

static void
append_metadata(GString *xml, const CorralVmSpec *spec, const CorraldDomainOptions *options)
{
    append_escaped(xml, "  <metadata>\n    <" NS_PREFIX ":vm xmlns:" NS_PREFIX "='%s'>\n",
                   CORRALD_XMLNS_VM);
    if (spec->guest_os != NULL)
        append_escaped(xml, "      <" NS_PREFIX ":guest-os>%s</" NS_PREFIX ":guest-os>\n",
                       spec->guest_os);
    for (guint i = 0; spec->tags != NULL && i < spec->tags->len; i++)
        append_escaped(xml, "      <" NS_PREFIX ":tag>%s</" NS_PREFIX ":tag>\n",
                       (const char *)spec->tags->pdata[i]);
    if (!corrald_folder_is_top(spec->folder))
        append_escaped(xml, "      <" NS_PREFIX ":folder>%s</" NS_PREFIX ":folder>\n",
                       spec->folder);
    for (guint i = 0; options->disks != NULL && i < spec->disks->len; i++) {
        const CorralVmDisk *disk = spec->disks->pdata[i];

        if (options->disks[i].created)
            append_escaped(xml,
                           "      <" NS_PREFIX ":created-volume datastore='%s' volume='%s'/>\n",
                           disk->datastore, disk->volume);
    }
    g_string_append(xml, "    </" NS_PREFIX ":vm>\n  </metadata>\n");
}

gboolean
corrald_disk_bus_allows_cdrom(CorralDiskBus bus)
{
    return bus == CORRAL_DISK_BUS_SATA || bus == CORRAL_DISK_BUS_IDE;
}

/* A hard disk is a volume of its datastore; a CD-ROM is the ISO file the
 * caller resolved (libvirt's dir pools list only the files at their top,
 * and an ISO may sit in a folder), read-only. */
static void
append_disk(GString *xml, const CorralVmDisk *disk, const CorraldDiskPlan *plan, const char *dev)
{
    const char *format = plan != NULL ? plan->format : NULL;

    if (corral_vm_disk_is_cdrom(disk)) {
        g_string_append(xml, "    <disk type='file' device='cdrom'>\n"
                             "      <driver name='qemu' type='raw'/>\n");
        if (plan != NULL && plan->file != NULL)
            append_escaped(xml, "      <source file='%s'/>\n", plan->file);
    } else {
        g_string_append(xml, "    <disk type='volume' device='disk'>\n");
        if (format != NULL)
            append_escaped(xml, "      <driver name='qemu' type='%s'/>\n", format);
        append_escaped(xml, "      <source pool='%s' volume='%s'/>\n", disk->datastore,
                       disk->volume);
    }
    append_escaped(xml, "      <target dev='%s' bus='%s'/>\n", dev,
                   corral_disk_bus_to_string(disk->bus));
    if (corral_vm_disk_is_cdrom(disk))
        g_string_append(xml, "      <readonly/>\n");
    g_string_append(xml, "    </disk>\n");
}

char *
corrald_domain_xml_disk_element(const CorralVmDisk *disk, const CorraldDiskPlan *plan,
                                const char *dev)
{
    GString *xml = g_string_new(NULL);

    append_disk(xml, disk, plan, dev);
    return g_string_free(xml, FALSE);
}

static gboolean
check_cdrom_buses(const CorralVmSpec *spec, GError **error)
{
    for (guint i = 0; i < spec->disks->len; i++) {
        const CorralVmDisk *disk = spec->disks->pdata[i];

        if (corral_vm_disk_is_cdrom(disk) && !corrald_disk_bus_allows_cdrom(disk->bus)) {
            g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_INVALID,
                        "vm-spec.disks[%u].bus: a cdrom goes on sata or ide, not %s", i,
                        corral_disk_bus_to_string(disk->bus));
            return FALSE;
        }
    }
    return TRUE;
}

static void
append_disks(GString *xml, const CorralVmSpec *spec, const CorraldDomainOptions *options)
{
    guint used[CORRAL_DISK_BUS_LAST] = {0};

    for (guint i = 0; i < spec->disks->len; i++) {
        const CorralVmDisk *disk = spec->disks->pdata[i];
        const char *prefix = bus_prefixes[disk->bus];
        g_autofree char *dev = NULL;
        guint index = 0;

        /* Buses that share a prefix share its letters. */
        for (int b = 0; b < CORRAL_DISK_BUS_LAST; b++)
            if (g_str_equal(bus_prefixes[b], prefix))
                index += used[b];
        used[disk->bus]++;
        dev = disk_dev_name(prefix, index);
        append_disk(xml, disk, options->disks != NULL ? &options->disks[i] : NULL, dev);
    }
}

static void
append_nics(GString *xml, const CorralVmSpec *spec)
{
    for (guint i = 0; i < spec->nics->len; i++) {
        const CorralVmNic *nic = spec->nics->pdata[i];

        g_string_append(xml, "    <interface type='network'>\n");
        if (nic->mac != NULL)
            append_escaped(xml, "      <mac address='%s'/>\n", nic->mac);
        append_escaped(xml, "      <source network='%s'/>\n", nic->network);
        if (g_strcmp0(nic->model, DEFAULT_NIC_MODEL) != 0)
            append_escaped(xml, "      <model type='%s'/>\n", nic->model);
        g_string_append(xml, "    </interface>\n");
    }
}

char *
corrald_domain_xml_build(const CorralVmSpec *spec, const CorraldDomainOptions *options,
                         GError **error)
{
    g_autoptr(GString) xml = g_string_new(NULL);
    gint64 kib = kib_of(spec->memory_bytes);

    if (!g_uuid_string_is_valid(options->uuid) || spec->name == NULL || spec->disks == NULL ||
        spec->nics == NULL) {
        g_set_error_literal(error, CORRALD_ERROR, CORRALD_ERROR_INVALID,
                            "vm-spec: name, disks, nics and a UUID are needed");
        return NULL;
    }
    if (!check_cdrom_buses(spec, error))
        return NULL;
    append_escaped(xml, "<domain type='%s'>\n  <name>%s</name>\n  <uuid>%s</uuid>\n", options->type,
                   spec->name, options->uuid);
    append_metadata(xml, spec, options);
    append_escaped(xml,
                   "  <memory unit='KiB'>%" G_GINT64_FORMAT "</memory>\n"
                   "  <currentMemory unit='KiB'>%" G_GINT64_FORMAT "</currentMemory>\n"
                   "  <vcpu placement='static'>%" G_GINT64_FORMAT "</vcpu>\n",
                   kib, kib, spec->vcpus);
    g_string_append(xml, "  <resource>\n    <partition>/machine</partition>\n  </resource>\n"
                         "  <os>\n    <type>hvm</type>\n    <boot dev='hd'/>\n  </os>\n"
                         "  <features>\n    <acpi/>\n    <apic/>\n  </features>\n"
                         "  <clock offset='utc'/>\n"
                         "  <on_poweroff>destroy</on_poweroff>\n"
                         "  <on_reboot>restart</on_reboot>\n"
                         "  <on_crash>destroy</on_crash>\n"
                         "  <devices>\n");
    append_disks(xml, spec, options);
    append_nics(xml, spec);
    append_escaped(xml,
                   "    <serial type='pty'>\n"
                   "      <log file='" SERIAL_LOG_FORMAT "' append='on'/>\n"
                   "      <target port='0'/>\n"
                   "    </serial>\n"
                   "    <console type='pty'>\n"
                   "      <target type='serial' port='0'/>\n"
                   "    </console>\n"
                   "    <input type='keyboard' bus='ps2'/>\n",
                   options->uuid);
    /* A password makes QEMU offer VNC authentication only (see
     * console-vnc-auth.h). */
    if (options->vnc_password != NULL)
        append_escaped(xml, "    <graphics type='vnc' passwd='%s'>\n", options->vnc_password);
    else
        g_string_append(xml, "    <graphics type='vnc'>\n");
    g_string_append(xml, "      <listen type='socket'/>\n"
                         "    </graphics>\n"
                         "    <video>\n"
                         "      <model type='vga'/>\n"
                         "    </video>\n"
                         "  </devices>\n"
                         "</domain>\n");
    return g_string_free(g_steal_pointer(&xml), FALSE);
}

char *
corrald_snapshot_xml_build(const CorralSnapshotSpec *spec)
{
    g_autoptr(GString) xml = g_string_new("<domainsnapshot>\n");

    append_escaped(xml, "  <name>%s</name>\n", spec->name);
    if (spec->description != NULL)
        append_escaped(xml, "  <description>%s</description>\n", spec->description);
    g_string_append(xml, "</domainsnapshot>\n");
    return g_string_free(g_steal_pointer(&xml), FALSE);
}

char *
corrald_volume_xml_build(const char *name, gint64 capacity, const char *format)
{
    return g_markup_printf_escaped("<volume>\n"
                                   "  <name>%s</name>\n"
                                   "  <capacity unit='bytes'>%" G_GINT64_FORMAT "</capacity>\n"
                                   "  <target>\n"
                                   "    <format type='%s'/>\n"
                                   "  </target>\n"
                                   "</volume>\n",
                                   name, capacity, format);
}

void
corrald_resources_set_default(CorralResources *resources)
{
    resources->cpu.shares.level = CORRAL_SHARES_LEVEL_NORMAL;
    resources->cpu.reservation_mhz = 0;
    resources->cpu.limit_mhz = CORRAL_UNLIMITED;
    resources->memory.shares.level = CORRAL_SHARES_LEVEL_NORMAL;
    resources->memory.reservation_bytes = 0;
    resources->memory.limit_bytes = CORRAL_UNLIMITED;
}

/* Reading */

static xmlDoc *
parse_document(const char *xml, const char *what, GError **error)
{
    xmlDoc *doc = xmlReadMemory(xml, (int)strlen(xml), NULL, NULL, XML_PARSE_OPTIONS);

    if (doc == NULL || xmlDocGetRootElement(doc) == NULL) {
        const xmlError *last = xmlGetLastError();
        g_autofree char *message =
            g_strdup(last != NULL && last->message != NULL ? last->message : "?");

        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_FAILED, "%s: unreadable XML: %s", what,
                    g_strchomp(message));
        xmlFreeDoc(doc);
        return NULL;
    }
    return doc;
}

static xmlXPathContext *
xpath_context(xmlDoc *doc)
{
    xmlXPathContext *ctx = xmlXPathNewContext(doc);

    xmlXPathRegisterNs(ctx, BAD_CAST "c", BAD_CAST CORRALD_XMLNS_VM);
    return ctx;
}

/* The string value of @expr evaluated at @node (the document when NULL),
 * or NULL when it is empty. */
static char *
xpath_string(xmlXPathContext *ctx, xmlNode *node, const char *expr)
{
    g_autofree char *wrapped = g_strdup_printf("string(%s)", expr);
    g_autoptr(xmlXPathObject) result = NULL;

    ctx->node = node != NULL ? node : xmlDocGetRootElement(ctx->doc);
    result = xmlXPathEvalExpression(BAD_CAST wrapped, ctx);
    if (result == NULL || result->type != XPATH_STRING || result->stringval == NULL ||
        result->stringval[0] == '\0')
        return NULL;
    return g_strdup((const char *)result->stringval);
}

static gboolean
parse_unsigned(const char *text, guint64 *value)
{
    char *end;

    if (text == NULL || !g_ascii_isdigit(text[0]))
        return FALSE;
    errno = 0;
    *value = g_ascii_strtoull(text, &end, 10);
    return errno == 0 && *end == '\0';
}

/* A size element (<memory unit='KiB'>…) in bytes; libvirt's default unit
 * is KiB. */
static gint64
xpath_size(xmlXPathContext *ctx, const char *expr)
{
    g_autofree char *unit_expr = g_strconcat(expr, "/@unit", NULL);
    g_autofree char *text = xpath_string(ctx, NULL, expr);
    g_autofree char *unit = xpath_string(ctx, NULL, unit_expr);
    guint64 value;

    if (!parse_unsigned(text, &value))
        return 0;
    for (gsize i = 0; i < G_N_ELEMENTS(size_units); i++)
        if (g_str_equal(size_units[i].unit, unit != NULL ? unit : "KiB"))
            return (gint64)MIN(value * size_units[i].scale, (guint64)G_MAXINT64);
    return 0;
}

static gint64
xpath_int(xmlXPathContext *ctx, xmlNode *node, const char *expr, gint64 fallback)
{
    g_autofree char *text = xpath_string(ctx, node, expr);
    guint64 value;

    return parse_unsigned(text, &value) && value <= G_MAXINT64 ? (gint64)value : fallback;
}

/* Each node that @expr selects, in document order. */
static xmlXPathObject *
xpath_nodes(xmlXPathContext *ctx, const char *expr)
{
    ctx->node = xmlDocGetRootElement(ctx->doc);
    return xmlXPathEvalExpression(BAD_CAST expr, ctx);
}

#define NODES_LEN(obj)                                                                             \
    ((obj) != NULL && (obj)->nodesetval != NULL ? (guint)(obj)->nodesetval->nodeNr : 0)

/* The first node @expr selects, or NULL. */
static xmlNode *
xpath_node(xmlXPathContext *ctx, const char *expr)
{
    g_autoptr(xmlXPathObject) nodes = xpath_nodes(ctx, expr);

    return NODES_LEN(nodes) > 0 ? nodes->nodesetval->nodeTab[0] : NULL;
}

/* The first source attribute a disk has, in the order of its types. */
static const char *const disk_sources[] = {"source/@file", "source/@dev", "source/@name",
                                           "source/@dir"};
static const char *const nic_sources[] = {"source/@network", "source/@bridge", "source/@dev"};

static char *
first_of(xmlXPathContext *ctx, xmlNode *node, const char *const *exprs, gsize n)
{
    for (gsize i = 0; i < n; i++) {
        char *value = xpath_string(ctx, node, exprs[i]);

        if (value != NULL)
            return value;
    }
    return NULL;
}

#define DISKS_XPATH "/domain/devices/disk[not(@device) or @device='disk' or @device='cdrom']"

static void
parse_disks(xmlXPathContext *ctx, CorralVm *vm, GPtrArray *devs)
{
    g_autoptr(xmlXPathObject) nodes = xpath_nodes(ctx, DISKS_XPATH);

    for (guint i = 0; i < NODES_LEN(nodes); i++) {
        xmlNode *node = nodes->nodesetval->nodeTab[i];
        g_autofree char *type = xpath_string(ctx, node, "@type");
        g_autofree char *bus = xpath_string(ctx, node, "target/@bus");
        g_autofree char *device = xpath_string(ctx, node, "@device");
        g_autoptr(CorralVmDisk) disk = g_new0(CorralVmDisk, 1);

        if (bus == NULL || !corral_disk_bus_from_string(bus, &disk->bus)) {
            g_debug("disk %u: bus %s has no API name; left out", i, bus);
            continue;
        }
        if (g_strcmp0(device, "cdrom") == 0) {
            disk->device = CORRAL_DISK_DEVICE_CDROM;
            CORRAL_SET_PRESENT(disk, CORRAL_VM_DISK_FIELD_DEVICE);
        }
        if (g_strcmp0(type, "volume") == 0) {
            disk->datastore = xpath_string(ctx, node, "source/@pool");
            disk->volume = xpath_string(ctx, node, "source/@volume");
        } else {
            disk->volume = first_of(ctx, node, disk_sources, G_N_ELEMENTS(disk_sources));
        }
        /* An empty CD-ROM drive is still a drive. */
        if (disk->volume == NULL && !corral_vm_disk_is_cdrom(disk))
            continue;
        if (devs != NULL)
            g_ptr_array_add(devs, xpath_string(ctx, node, "target/@dev"));
        g_ptr_array_add(vm->disks, g_steal_pointer(&disk));
    }
}

static void
parse_nics(xmlXPathContext *ctx, CorralVm *vm)
{
    g_autoptr(xmlXPathObject) nodes = xpath_nodes(ctx, "/domain/devices/interface");

    for (guint i = 0; i < NODES_LEN(nodes); i++) {
        xmlNode *node = nodes->nodesetval->nodeTab[i];
        g_autoptr(CorralVmNic) nic = g_new0(CorralVmNic, 1);

        nic->network = first_of(ctx, node, nic_sources, G_N_ELEMENTS(nic_sources));
        nic->mac = xpath_string(ctx, node, "mac/@address");
        nic->model = xpath_string(ctx, node, "model/@type");
        if (nic->model == NULL)
            nic->model = g_strdup(DEFAULT_NIC_MODEL);
        if (nic->network == NULL)
            nic->network = xpath_string(ctx, node, "@type");
        g_ptr_array_add(vm->nics, g_steal_pointer(&nic));
    }
}

/* The tags and folder that @tags_expr and @folder_expr select. What the
 * API could not carry (written there by hand: an invalid or repeated tag,
 * tags beyond the most, an invalid folder) is left out, so that every
 * guest still decodes. */
static void
read_labels(xmlXPathContext *ctx, const char *tags_expr, const char *folder_expr, CorralVm *vm)
{
    g_autoptr(xmlXPathObject) nodes = xpath_nodes(ctx, tags_expr);
    g_autofree char *folder = xpath_string(ctx, NULL, folder_expr);

    vm->tags = g_ptr_array_new_with_free_func(g_free);
    for (guint i = 0; i < NODES_LEN(nodes) && vm->tags->len < CORRAL_TAGS_MAX; i++) {
        g_autofree char *tag = xpath_string(ctx, nodes->nodesetval->nodeTab[i], ".");

        if (tag == NULL || !corral_tag_validate(tag, NULL) ||
            g_ptr_array_find_with_equal_func(vm->tags, tag, g_str_equal, NULL))
            g_debug("vm %s: tag %s left out", vm->name, tag);
        else
            g_ptr_array_add(vm->tags, g_steal_pointer(&tag));
    }
    if (corrald_folder_is_top(folder) || !corral_folder_validate(folder, NULL))
        vm->folder = g_strdup("/");
    else
        vm->folder = g_steal_pointer(&folder);
}

gboolean
corrald_metadata_xml_labels(const char *element, CorralVm *vm, GError **error)
{
    g_autoptr(xmlDoc) doc = parse_document(element, "metadata", error);
    g_autoptr(xmlXPathContext) ctx = NULL;

    if (doc == NULL)
        return FALSE;
    ctx = xpath_context(doc);
    g_clear_pointer(&vm->tags, g_ptr_array_unref);
    g_clear_pointer(&vm->folder, g_free);
    /* libvirt returns the element of the namespace it was asked for, bare. */
    read_labels(ctx, "/*[local-name()='vm']/*[local-name()='tag']",
                "/*[local-name()='vm']/*[local-name()='folder']", vm);
    return TRUE;
}

CorralVm *
corrald_domain_xml_parse(const char *xml, GError **error)
{
    return corrald_domain_xml_parse_with_devs(xml, NULL, error);
}

CorralVm *
corrald_domain_xml_parse_with_devs(const char *xml, GPtrArray **devs, GError **error)
{
    g_autoptr(xmlDoc) doc = parse_document(xml, "domain", error);
    g_autoptr(xmlXPathContext) ctx = NULL;
    g_autoptr(CorralVm) vm = NULL;

    if (doc == NULL)
        return NULL;
    ctx = xpath_context(doc);
    vm = g_new0(CorralVm, 1);
    vm->present = ~G_GUINT64_CONSTANT(0);
    vm->id = xpath_string(ctx, NULL, "/domain/uuid");
    vm->name = xpath_string(ctx, NULL, "/domain/name");
    if (vm->id == NULL || vm->name == NULL) {
        g_set_error_literal(error, CORRALD_ERROR, CORRALD_ERROR_FAILED,
                            "domain: the XML has no name or UUID");
        return NULL;
    }
    vm->state = CORRAL_VM_STATE_SHUTOFF;
    vm->pool = g_strdup("/");
    vm->vcpus =
        xpath_int(ctx, NULL, "/domain/vcpu/@current", xpath_int(ctx, NULL, "/domain/vcpu", 1));
    vm->memory_bytes = xpath_size(ctx, "/domain/memory");
    vm->guest_os = xpath_string(ctx, NULL, "/domain/metadata/c:vm/c:guest-os");
    read_labels(ctx, "/domain/metadata/c:vm/c:tag", "/domain/metadata/c:vm/c:folder", vm);
    vm->disks = g_ptr_array_new_with_free_func((GDestroyNotify)corral_vm_disk_free);
    vm->nics = g_ptr_array_new_with_free_func((GDestroyNotify)corral_vm_nic_free);
    if (devs != NULL)
        *devs = g_ptr_array_new_with_free_func(g_free);
    parse_disks(ctx, vm, devs != NULL ? *devs : NULL);
    parse_nics(ctx, vm);
    corrald_resources_set_default(&vm->resources);
    return g_steal_pointer(&vm);
}

gboolean
corrald_domain_xml_disk_locate(CorralVmDisk *disk, const char *name, const char *dir)
{
    g_autofree char *prefix = NULL;
    char *inside;

    if (disk->datastore != NULL || disk->volume == NULL || dir == NULL)
        return FALSE;
    prefix = g_str_has_suffix(dir, "/") ? g_strdup(dir) : g_strconcat(dir, "/", NULL);
    if (!g_str_has_prefix(disk->volume, prefix) || disk->volume[strlen(prefix)] == '\0')
        return FALSE;
    inside = g_strdup(disk->volume + strlen(prefix));
    g_free(disk->volume);
    disk->volume = inside;
    disk->datastore = g_strdup(name);
    return TRUE;
}

GPtrArray *
corrald_domain_xml_created_volumes(const char *xml, GError **error)
{
    g_autoptr(xmlDoc) doc = parse_document(xml, "domain", error);
    g_autoptr(xmlXPathContext) ctx = NULL;
    g_autoptr(xmlXPathObject) nodes = NULL;
    GPtrArray *volumes;

    if (doc == NULL)
        return NULL;
    ctx = xpath_context(doc);
    nodes = xpath_nodes(ctx, "/domain/metadata/c:vm/c:created-volume");
    volumes = g_ptr_array_new_with_free_func((GDestroyNotify)corral_vm_disk_free);
    for (guint i = 0; i < NODES_LEN(nodes); i++) {
        xmlNode *node = nodes->nodesetval->nodeTab[i];
        CorralVmDisk *disk = g_new0(CorralVmDisk, 1);

        disk->datastore = xpath_string(ctx, node, "@datastore");
        disk->volume = xpath_string(ctx, node, "@volume");
        if (disk->datastore == NULL || disk->volume == NULL)
            corral_vm_disk_free(disk);
        else
            g_ptr_array_add(volumes, disk);
    }
    return volumes;
}

CorralSnapshot *
corrald_snapshot_xml_parse(const char *xml, GError **error)
{
    g_autoptr(xmlDoc) doc = parse_document(xml, "snapshot", error);
    g_autoptr(xmlXPathContext) ctx = NULL;
    g_autofree char *state = NULL;
    CorralSnapshot *snapshot;

    if (doc == NULL)
        return NULL;
    ctx = xpath_context(doc);
    snapshot = g_new0(CorralSnapshot, 1);
    snapshot->present = ~G_GUINT64_CONSTANT(0);
    snapshot->name = xpath_string(ctx, NULL, "/domainsnapshot/name");
    snapshot->description = xpath_string(ctx, NULL, "/domainsnapshot/description");
    snapshot->created = xpath_int(ctx, NULL, "/domainsnapshot/creationTime", 0);
    snapshot->parent = xpath_string(ctx, NULL, "/domainsnapshot/parent/name");
    state = xpath_string(ctx, NULL, "/domainsnapshot/state");
    snapshot->state = CORRAL_VM_STATE_SHUTOFF;
    for (gsize i = 0; i < G_N_ELEMENTS(snapshot_states); i++)
        if (g_strcmp0(state, snapshot_states[i].libvirt) == 0)
            snapshot->state = snapshot_states[i].state;
    if (snapshot->name == NULL) {
        corral_snapshot_free(snapshot);
        g_set_error_literal(error, CORRALD_ERROR, CORRALD_ERROR_FAILED,
                            "snapshot: the XML has no name");
        return NULL;
    }
    return snapshot;
}

/* The text of the first match of @expr in the document @xml, or NULL. */
static char *
document_string(const char *xml, const char *root, const char *expr)
{
    g_autoptr(xmlDoc) doc = parse_document(xml, root, NULL);
    g_autoptr(xmlXPathContext) ctx = NULL;

    if (doc == NULL)
        return NULL;
    ctx = xpath_context(doc);
    return xpath_string(ctx, NULL, expr);
}

char *
corrald_volume_xml_format(const char *xml)
{
    return document_string(xml, "volume", "/volume/target/format/@type");
}

char *
corrald_domain_xml_vnc_password(const char *xml)
{
    return document_string(xml, "domain", "/domain/devices/graphics[@type='vnc']/@passwd");
}

char *
corrald_sysinfo_xml_uuid(const char *xml)
{
    return document_string(xml, "sysinfo", "/sysinfo/system/entry[@name='uuid']");
}

char *
corrald_domain_xml_vnc_socket(const char *xml)
{
    return document_string(xml, "domain",
                           "/domain/devices/graphics[@type='vnc']/listen[@type='socket']/@socket");
}

char *
corrald_network_xml_forward(const char *xml)
{
    g_autoptr(xmlDoc) doc = parse_document(xml, "network", NULL);
    g_autoptr(xmlXPathContext) ctx = NULL;
    char *mode;

    if (doc == NULL)
        return g_strdup("none");
    ctx = xpath_context(doc);
    mode = xpath_string(ctx, NULL, "/network/forward/@mode");
    if (mode != NULL)
        return mode;
    /* A <forward/> without a mode is NAT; no <forward> at all is isolated. */
    return g_strdup(xpath_node(ctx, "/network/forward") != NULL ? "nat" : "none");
}

/* libvirt's storage pool types that are datastores. */
static const struct {
    const char *libvirt;
    CorralDatastoreType type;
} pool_types[] = {
    {"dir", CORRAL_DATASTORE_TYPE_DIR},
    {"fs", CORRAL_DATASTORE_TYPE_DIR},
    {"netfs", CORRAL_DATASTORE_TYPE_NFS},
    {"iscsi", CORRAL_DATASTORE_TYPE_ISCSI},
    {"iscsi-direct", CORRAL_DATASTORE_TYPE_ISCSI},
};

CorralDatastore *
corrald_storage_pool_xml_parse(const char *xml)
{
    g_autoptr(xmlDoc) doc = parse_document(xml, "storage pool", NULL);
    g_autoptr(xmlXPathContext) ctx = NULL;
    g_autofree char *type = NULL;
    g_autoptr(CorralDatastore) datastore = NULL;
    CorralDatastoreSource *source;
    gsize i;

    if (doc == NULL)
        return NULL;
    ctx = xpath_context(doc);
    type = xpath_string(ctx, NULL, "/pool/@type");
    for (i = 0; i < G_N_ELEMENTS(pool_types); i++)
        if (g_strcmp0(type, pool_types[i].libvirt) == 0)
            break;
    if (i == G_N_ELEMENTS(pool_types))
        return NULL;
    datastore = g_new0(CorralDatastore, 1);
    datastore->present = ~G_GUINT64_CONSTANT(0);
    datastore->name = xpath_string(ctx, NULL, "/pool/name");
    datastore->type = pool_types[i].type;
    source = &datastore->source;
    source->present = G_GUINT64_CONSTANT(1) << CORRAL_DATASTORE_SOURCE_FIELD_PORT;
    switch (datastore->type) {
    case CORRAL_DATASTORE_TYPE_DIR:
        source->present = 0;
        source->path = xpath_string(ctx, NULL, "/pool/target/path");
        break;
    case CORRAL_DATASTORE_TYPE_NFS:
        source->present = 0;
        source->host = xpath_string(ctx, NULL, "/pool/source/host/@name");
        source->export = xpath_string(ctx, NULL, "/pool/source/dir/@path");
        break;
    case CORRAL_DATASTORE_TYPE_ISCSI:
        source->host = xpath_string(ctx, NULL, "/pool/source/host/@name");
        source->port = xpath_int(ctx, NULL, "/pool/source/host/@port", CORRAL_ISCSI_PORT_DEFAULT);
        source->target = xpath_string(ctx, NULL, "/pool/source/device/@path");
        source->initiator = xpath_string(ctx, NULL, "/pool/source/initiator/iqn/@name");
        break;
    case CORRAL_DATASTORE_TYPE_LAST:
        g_assert_not_reached();
    }
    return datastore->name != NULL ? g_steal_pointer(&datastore) : NULL;
}

char *
corrald_domain_xml_pool_target(const char *pool_xml)
{
    return document_string(pool_xml, "storage pool", "/pool/target/path");
}

/* Where a guest may name a file: disk sources and direct kernel boot. */
static const char *const file_references[] = {
    "/domain/devices/disk/source/@file",
    "/domain/os/kernel",
    "/domain/os/initrd",
};

gboolean
corrald_domain_xml_uses_datastore(const char *xml, const char *name, const char *dir)
{
    g_autoptr(xmlDoc) doc = parse_document(xml, "domain", NULL);
    g_autoptr(xmlXPathContext) ctx = NULL;
    g_autoptr(xmlXPathObject) pools = NULL;
    g_autofree char *prefix = dir != NULL ? g_strconcat(dir, "/", NULL) : NULL;

    if (doc == NULL)
        return FALSE;
    ctx = xpath_context(doc);
    pools = xpath_nodes(ctx, "/domain/devices/disk/source/@pool");
    for (guint i = 0; i < NODES_LEN(pools); i++) {
        g_autofree char *pool = xpath_string(ctx, pools->nodesetval->nodeTab[i], ".");

        if (g_strcmp0(pool, name) == 0)
            return TRUE;
    }
    for (gsize i = 0; prefix != NULL && i < G_N_ELEMENTS(file_references); i++) {
        g_autoptr(xmlXPathObject) files = xpath_nodes(ctx, file_references[i]);

        for (guint k = 0; k < NODES_LEN(files); k++) {
            g_autofree char *file = xpath_string(ctx, files->nodesetval->nodeTab[k], ".");

            if (file != NULL && g_str_has_prefix(file, prefix))
                return TRUE;
        }
    }
    return FALSE;
}

/* Editing */

/* The text of a document, as libxml2 writes it. */
static char *
document_text(xmlDoc *doc)
{
    xmlChar *text = NULL;
    char *result;
    int len = 0;

    xmlDocDumpMemory(doc, &text, &len);
    result = g_strndup((const char *)text, (gsize)len);
    xmlFree(text);
    return result;
}

/* Sets element @expr (made under the root when missing) to a number. */
static void
set_number(xmlXPathContext *ctx, const char *expr, const char *name, gint64 value, const char *unit)
{
    xmlNode *node = xpath_node(ctx, expr);
    g_autofree char *text = g_strdup_printf("%" G_GINT64_FORMAT, value);

    if (node == NULL)
        node = xmlNewChild(xmlDocGetRootElement(ctx->doc), NULL, BAD_CAST name, NULL);
    xmlNodeSetContent(node, BAD_CAST text);
    if (unit != NULL)
        xmlSetProp(node, BAD_CAST "unit", BAD_CAST unit);
}

static xmlNode *
ensure_metadata(xmlXPathContext *ctx)
{
    xmlNode *root = xmlDocGetRootElement(ctx->doc);
    xmlNode *metadata = xpath_node(ctx, "/domain/metadata");
    xmlNode *vm = xpath_node(ctx, "/domain/metadata/c:vm");
    xmlNs *ns;

    if (vm != NULL)
        return vm;
    if (metadata == NULL)
        metadata = xmlNewChild(root, NULL, BAD_CAST "metadata", NULL);
    vm = xmlNewChild(metadata, NULL, BAD_CAST "vm", NULL);
    ns = xmlNewNs(vm, BAD_CAST CORRALD_XMLNS_VM, BAD_CAST NS_PREFIX);
    xmlSetNs(vm, ns);
    return vm;
}

static void
set_guest_os(xmlXPathContext *ctx, const char *guest_os)
{
    xmlNode *old = xpath_node(ctx, "/domain/metadata/c:vm/c:guest-os");
    xmlNode *vm;

    if (old != NULL) {
        xmlUnlinkNode(old);
        xmlFreeNode(old);
    }
    if (guest_os == NULL || guest_os[0] == '\0')
        return;
    vm = ensure_metadata(ctx);
    /* xmlNewTextChild escapes its content. */
    xmlNewTextChild(vm, vm->ns, BAD_CAST "guest-os", BAD_CAST guest_os);
}

char *
corrald_domain_xml_edit(const char *xml, const CorralVmSpec *patch, GError **error)
{
    g_autoptr(xmlDoc) doc = parse_document(xml, "domain", error);
    g_autoptr(xmlXPathContext) ctx = NULL;

    if (doc == NULL)
        return NULL;
    ctx = xpath_context(doc);
    if (CORRAL_HAS(patch, CORRAL_VM_SPEC_FIELD_VCPUS)) {
        set_number(ctx, "/domain/vcpu", "vcpu", patch->vcpus, NULL);
        xmlUnsetProp(xpath_node(ctx, "/domain/vcpu"), BAD_CAST "current");
    }
    if (CORRAL_HAS(patch, CORRAL_VM_SPEC_FIELD_MEMORY_BYTES)) {
        gint64 kib = kib_of(patch->memory_bytes);

        set_number(ctx, "/domain/memory", "memory", kib, "KiB");
        set_number(ctx, "/domain/currentMemory", "currentMemory", kib, "KiB");
    }
    if (CORRAL_HAS(patch, CORRAL_VM_SPEC_FIELD_GUEST_OS))
        set_guest_os(ctx, patch->guest_os);
    return document_text(doc);
}

/* Tags and folder (the client issue: virDomainSetMetadata) */

/* Drops @node's namespace and its children's: virDomainSetMetadata takes
 * the element bare and puts it in the namespace it is given. */
static void
strip_namespace(xmlNode *node)
{
    for (xmlNode *child = node->children; child != NULL; child = child->next)
        if (child->type == XML_ELEMENT_NODE)
            strip_namespace(child);
    node->ns = NULL;
    if (node->nsDef != NULL) {
        xmlFreeNsList(node->nsDef);
        node->nsDef = NULL;
    }
}

static void
remove_children(xmlXPathContext *ctx, const char *expr)
{
    g_autoptr(xmlXPathObject) nodes = xpath_nodes(ctx, expr);

    for (guint i = 0; i < NODES_LEN(nodes); i++) {
        xmlUnlinkNode(nodes->nodesetval->nodeTab[i]);
        xmlFreeNode(nodes->nodesetval->nodeTab[i]);
    }
}

char *
corrald_domain_xml_metadata_element(const char *xml, const CorralVmSpec *patch, GError **error)
{
    g_autoptr(xmlDoc) doc = parse_document(xml, "domain", error);
    g_autoptr(xmlXPathContext) ctx = NULL;
    g_autoptr(xmlDoc) out = NULL;
    xmlNode *vm, *copy;

    if (doc == NULL)
        return NULL;
    ctx = xpath_context(doc);
    vm = ensure_metadata(ctx);
    if (patch != NULL && CORRAL_HAS(patch, CORRAL_VM_SPEC_FIELD_TAGS)) {
        remove_children(ctx, "/domain/metadata/c:vm/c:tag");
        for (guint i = 0; patch->tags != NULL && i < patch->tags->len; i++)
            xmlNewTextChild(vm, vm->ns, BAD_CAST "tag", BAD_CAST patch->tags->pdata[i]);
    }
    if (patch != NULL && CORRAL_HAS(patch, CORRAL_VM_SPEC_FIELD_FOLDER)) {
        remove_children(ctx, "/domain/metadata/c:vm/c:folder");
        if (!corrald_folder_is_top(patch->folder))
            xmlNewTextChild(vm, vm->ns, BAD_CAST "folder", BAD_CAST patch->folder);
    }
    /* The element alone, as a document of its own, without namespaces. */
    out = xmlNewDoc(BAD_CAST "1.0");
    copy = xmlDocCopyNode(vm, out, 1);
    xmlDocSetRootElement(out, copy);
    strip_namespace(copy);
    return document_text(out);
}

/* Resource partitions (the pools issue) */

char *
corrald_domain_xml_partition(const char *xml)
{
    return document_string(xml, "domain", "/domain/resource/partition");
}

char *
corrald_domain_xml_set_partition(const char *xml, const char *partition, GError **error)
{
    g_autoptr(xmlDoc) doc = parse_document(xml, "domain", error);
    g_autoptr(xmlXPathContext) ctx = NULL;
    xmlNode *resource, *node;

    if (doc == NULL)
        return NULL;
    ctx = xpath_context(doc);
    resource = xpath_node(ctx, "/domain/resource");
    if (resource == NULL)
        resource = xmlNewChild(xmlDocGetRootElement(doc), NULL, BAD_CAST "resource", NULL);
    node = xpath_node(ctx, "/domain/resource/partition");
    if (node == NULL)
        node = xmlNewChild(resource, NULL, BAD_CAST "partition", NULL);
    /* xmlNodeAddContent escapes what it adds; SetContent would not. */
    xmlNodeSetContent(node, NULL);
    xmlNodeAddContent(node, BAD_CAST partition);
    return document_text(doc);
}

/* Disks (the datastores issue: PATCH /vms/{id} with disks) */

void
corrald_disk_change_clear(CorraldDiskChange *change)
{
    g_clear_pointer(&change->dev, g_free);
    g_clear_pointer(&change->element, g_free);
}

/* The <disk> of @xml's devices at target @dev, or NULL. Compared in C, so
 * no target name ever goes into an XPath expression. */
static xmlNode *
disk_at(xmlXPathContext *ctx, const char *dev)
{
    g_autoptr(xmlXPathObject) nodes = xpath_nodes(ctx, "/domain/devices/disk");

    for (guint i = 0; i < NODES_LEN(nodes); i++) {
        xmlNode *node = nodes->nodesetval->nodeTab[i];
        g_autofree char *target = xpath_string(ctx, node, "target/@dev");

        if (g_strcmp0(target, dev) == 0)
            return node;
    }
    return NULL;
}

static char *
node_text(xmlDoc *doc, xmlNode *node)
{
    xmlBuffer *buffer = xmlBufferCreate();
    char *text;

    xmlNodeDump(buffer, doc, node, 0, 0);
    text = g_strdup((const char *)xmlBufferContent(buffer));
    xmlBufferFree(buffer);
    return text;
}

static char *
disk_identity(xmlXPathContext *ctx, xmlNode *node)
{
    g_autofree char *device = xpath_string(ctx, node, "@device");
    g_autofree char *type = xpath_string(ctx, node, "@type");
    g_autofree char *source = NULL;

    if (g_strcmp0(type, "volume") == 0) {
        g_autofree char *pool = xpath_string(ctx, node, "source/@pool");
        g_autofree char *volume = xpath_string(ctx, node, "source/@volume");

        source = g_strdup_printf("%s/%s", pool != NULL ? pool : "", volume != NULL ? volume : "");
    } else {
        source = first_of(ctx, node, disk_sources, G_N_ELEMENTS(disk_sources));
    }
    return g_strdup_printf("%s %s %s", device != NULL ? device : "disk",
                           type != NULL ? type : "file", source != NULL ? source : "-");
}

/* What @render makes of the disk at target @dev of the domain @xml, or NULL. */
static char *
render_disk_at(const char *xml, const char *dev,
               char *(*render)(xmlDoc *doc, xmlXPathContext *ctx, xmlNode *node))
{
    g_autoptr(xmlDoc) doc = parse_document(xml, "domain", NULL);
    g_autoptr(xmlXPathContext) ctx = NULL;
    xmlNode *node;

    if (doc == NULL)
        return NULL;
    ctx = xpath_context(doc);
    node = disk_at(ctx, dev);
    return node != NULL ? render(doc, ctx, node) : NULL;
}

static char *
render_identity(xmlDoc *doc, xmlXPathContext *ctx, xmlNode *node)
{
    return disk_identity(ctx, node);
}

static char *
render_text(xmlDoc *doc, xmlXPathContext *ctx, xmlNode *node)
{
    return node_text(doc, node);
}

char *
corrald_domain_xml_disk_identity(const char *xml, const char *dev)
{
    return render_disk_at(xml, dev, render_identity);
}

char *
corrald_domain_xml_disk_at(const char *xml, const char *dev)
{
    return render_disk_at(xml, dev, render_text);
}

/* The first target of @bus's prefix that no disk of the document has. */
static char *
free_dev(xmlXPathContext *ctx, CorralDiskBus bus)
{
    for (guint index = 0;; index++) {
        char *dev = disk_dev_name(bus_prefixes[bus], index);

        if (disk_at(ctx, dev) == NULL)
            return dev;
        g_free(dev);
    }
}

static void
forget_created_volume(xmlXPathContext *ctx, const CorralVmDisk *disk)
{
    g_autoptr(xmlXPathObject) nodes = NULL;

    if (disk == NULL || disk->datastore == NULL || disk->volume == NULL)
        return;
    nodes = xpath_nodes(ctx, "/domain/metadata/c:vm/c:created-volume");
    for (guint i = 0; i < NODES_LEN(nodes); i++) {
        xmlNode *node = nodes->nodesetval->nodeTab[i];
        g_autofree char *datastore = xpath_string(ctx, node, "@datastore");
        g_autofree char *volume = xpath_string(ctx, node, "@volume");

        if (g_strcmp0(datastore, disk->datastore) == 0 && g_strcmp0(volume, disk->volume) == 0) {
            xmlUnlinkNode(node);
            xmlFreeNode(node);
        }
    }
}

static void
record_created_volume(xmlXPathContext *ctx, const CorralVmDisk *disk)
{
    xmlNode *vm = ensure_metadata(ctx);
    xmlNode *node = xmlNewChild(vm, vm->ns, BAD_CAST "created-volume", NULL);

    /* Attribute values are escaped when the document is written. */
    xmlSetProp(node, BAD_CAST "datastore", BAD_CAST disk->datastore);
    xmlSetProp(node, BAD_CAST "volume", BAD_CAST disk->volume);
}

static gboolean
add_disk(xmlXPathContext *ctx, CorraldDiskChange *change, xmlNode *unused, GError **error)
{
    g_autofree char *text = NULL;
    g_autoptr(xmlDoc) parsed = NULL;
    xmlNode *devices = xpath_node(ctx, "/domain/devices");
    g_autoptr(xmlXPathObject) disks = xpath_nodes(ctx, "/domain/devices/disk");
    xmlNode *copy;

    if (devices == NULL)
        devices = xmlNewChild(xmlDocGetRootElement(ctx->doc), NULL, BAD_CAST "devices", NULL);
    g_free(change->dev);
    change->dev = free_dev(ctx, change->disk->bus);
    text = corrald_domain_xml_disk_element(change->disk, change->plan, change->dev);
    parsed = parse_document(text, "disk", error);
    if (parsed == NULL)
        return FALSE;
    copy = xmlDocCopyNode(xmlDocGetRootElement(parsed), ctx->doc, 1);
    if (NODES_LEN(disks) > 0)
        xmlAddNextSibling(disks->nodesetval->nodeTab[NODES_LEN(disks) - 1], copy);
    else if (devices->children != NULL)
        xmlAddPrevSibling(devices->children, copy);
    else
        xmlAddChild(devices, copy);
    if (change->plan != NULL && change->plan->created)
        record_created_volume(ctx, change->disk);
    g_free(change->element);
    change->element = g_steal_pointer(&text);
    return TRUE;
}

static gboolean
remove_disk(xmlXPathContext *ctx, CorraldDiskChange *change, xmlNode *node, GError **error)
{
    g_free(change->element);
    change->element = node_text(ctx->doc, node);
    xmlUnlinkNode(node);
    xmlFreeNode(node);
    forget_created_volume(ctx, change->disk);
    return TRUE;
}

static gboolean
change_media(xmlXPathContext *ctx, CorraldDiskChange *change, xmlNode *node, GError **error)
{
    g_autofree char *device = xpath_string(ctx, node, "@device");
    xmlNode *child = node->children;
    xmlNode *source;

    if (g_strcmp0(device, "cdrom") != 0) {
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_INVALID,
                    "disk %s is not a cdrom: it holds no disc", change->dev);
        return FALSE;
    }
    while (child != NULL) {
        xmlNode *next = child->next;

        if (child->type == XML_ELEMENT_NODE && xmlStrEqual(child->name, BAD_CAST "source")) {
            xmlUnlinkNode(child);
            xmlFreeNode(child);
        }
        child = next;
    }
    if (change->plan != NULL && change->plan->file != NULL) {
        source = xmlNewChild(node, NULL, BAD_CAST "source", NULL);
        xmlSetProp(source, BAD_CAST "file", BAD_CAST change->plan->file);
    }
    xmlSetProp(node, BAD_CAST "type", BAD_CAST "file");
    g_free(change->element);
    change->element = node_text(ctx->doc, node);
    return TRUE;
}

typedef gboolean (*DiskEditFunc)(xmlXPathContext *ctx, CorraldDiskChange *change, xmlNode *node,
                                 GError **error);

static const DiskEditFunc disk_edits[] = {
    [CORRALD_DISK_ADD] = add_disk,
    [CORRALD_DISK_REMOVE] = remove_disk,
    [CORRALD_DISK_MEDIA] = change_media,
};

char *
corrald_domain_xml_edit_disks(const char *xml, CorraldDiskChange *changes, guint n, GError **error)
{
    g_autoptr(xmlDoc) doc = parse_document(xml, "domain", error);
    g_autoptr(xmlXPathContext) ctx = NULL;

    if (doc == NULL)
        return NULL;
    ctx = xpath_context(doc);
    for (guint i = 0; i < n; i++) {
        CorraldDiskChange *change = &changes[i];
        xmlNode *node = change->op != CORRALD_DISK_ADD ? disk_at(ctx, change->dev) : NULL;

        if (change->op != CORRALD_DISK_ADD && node == NULL) {
            g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_CONFLICT,
                        "the vm has no disk %s any more", change->dev);
            return NULL;
        }
        if (!disk_edits[change->op](ctx, change, node, error))
            return NULL;
    }
    return document_text(doc);
}
