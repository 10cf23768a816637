/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The host helpers of host-fixture.h.
 */
#include "tests/integration/host-fixture.h"

#include <check.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <string.h>
#include <unistd.h>

gboolean
host_fixture_have_libvirt(void)
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

static void
quiet(void *data, virErrorPtr error)
{
}

void
host_fixture_quiet_libvirt(void)
{
    virSetErrorFunc(NULL, quiet);
}

void
host_fixture_run(const char *format, ...)
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

void
host_fixture_remove_pool(const char *name)
{
    virConnectPtr conn = virConnectOpen("qemu:///system");
    virStoragePoolPtr pool = conn != NULL ? virStoragePoolLookupByName(conn, name) : NULL;

    if (pool != NULL) {
        virStoragePoolDestroy(pool);
        virStoragePoolUndefine(pool);
        virStoragePoolFree(pool);
    }
    if (conn != NULL)
        virConnectClose(conn);
}

void
host_fixture_add_kernel_boot(const char *id, const char *cmdline_extra)
{
    virConnectPtr conn = virConnectOpen("qemu:///system");
    virDomainPtr domain = virDomainLookupByUUIDString(conn, id);
    g_autofree char *xml = virDomainGetXMLDesc(domain, VIR_DOMAIN_XML_INACTIVE);
    g_autofree char *boot =
        g_strdup_printf("hvm</type>\n    <kernel>%s/vmlinuz</kernel>\n    <initrd>%s/initramfs.gz"
                        "</initrd>\n    <cmdline>console=ttyS0 quiet nokaslr %s</cmdline>",
                        HOST_FIXTURE_GUEST_DIR, HOST_FIXTURE_GUEST_DIR, cmdline_extra);
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

char *
host_fixture_await_serial(const char *log, gsize from, const char *prefix, int timeout_s,
                          gsize *end)
{
    g_autofree char *needle = g_strconcat("corral-guest: ", prefix, NULL);
    gint64 deadline = g_get_monotonic_time() + timeout_s * G_USEC_PER_SEC;

    while (g_get_monotonic_time() < deadline) {
        g_autofree char *text = NULL;
        gsize len = 0;
        const char *hit, *eol;

        if (g_file_get_contents(log, &text, &len, NULL) && len > from &&
            (hit = strstr(text + from, needle)) != NULL && (eol = strchr(hit, '\n')) != NULL) {
            if (end != NULL)
                *end = (gsize)(eol - text);
            hit += strlen(needle);
            return g_strstrip(g_strndup(hit, (gsize)(eol - hit)));
        }
        g_usleep(200 * 1000);
    }
    ck_abort_msg("no \"%s\" in %s within %d s", needle, log, timeout_s);
    return NULL;
}
