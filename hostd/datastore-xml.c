/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Storage pool XML for new datastores (see datastore-xml.h), one builder
 * per datastore type in a table.
 */
#include "hostd/datastore-xml.h"

typedef void (*SourceBuilder)(GString *xml, const CorralDatastoreSpec *spec, const char *mount_path,
                              const char *initiator);

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

static void
build_dir(GString *xml, const CorralDatastoreSpec *spec, const char *mount_path,
          const char *initiator)
{
    append_escaped(xml, "  <target>\n    <path>%s</path>\n  </target>\n", spec->source.path);
}

static void
build_nfs(GString *xml, const CorralDatastoreSpec *spec, const char *mount_path,
          const char *initiator)
{
    append_escaped(xml,
                   "  <source>\n"
                   "    <host name='%s'/>\n"
                   "    <dir path='%s'/>\n"
                   "    <format type='nfs'/>\n"
                   "  </source>\n"
                   "  <target>\n    <path>%s</path>\n  </target>\n",
                   spec->source.host, spec->source.export, mount_path);
}

static void
build_iscsi(GString *xml, const CorralDatastoreSpec *spec, const char *mount_path,
            const char *initiator)
{
    const CorralDatastoreSource *source = &spec->source;
    gint64 port = CORRAL_HAS(source, CORRAL_DATASTORE_SOURCE_FIELD_PORT)
                      ? source->port
                      : CORRAL_ISCSI_PORT_DEFAULT;

    append_escaped(xml,
                   "  <source>\n"
                   "    <host name='%s' port='%" G_GINT64_FORMAT "'/>\n"
                   "    <device path='%s'/>\n"
                   "    <initiator>\n      <iqn name='%s'/>\n    </initiator>\n"
                   "  </source>\n",
                   source->host, port, source->target,
                   source->initiator != NULL ? source->initiator : initiator);
}

static const struct {
    const char *libvirt_type;
    SourceBuilder build;
} builders[CORRAL_DATASTORE_TYPE_LAST] = {
    [CORRAL_DATASTORE_TYPE_DIR] = {"dir", build_dir},
    [CORRAL_DATASTORE_TYPE_NFS] = {"netfs", build_nfs},
    [CORRAL_DATASTORE_TYPE_ISCSI] = {"iscsi-direct", build_iscsi},
};

char *
corrald_datastore_xml_build(const CorralDatastoreSpec *spec, const char *mount_path,
                            const char *initiator)
{
    g_autoptr(GString) xml = g_string_new(NULL);

    g_return_val_if_fail(spec->type < CORRAL_DATASTORE_TYPE_LAST, NULL);
    append_escaped(xml, "<pool type='%s'>\n  <name>%s</name>\n", builders[spec->type].libvirt_type,
                   spec->name);
    builders[spec->type].build(xml, spec, mount_path, initiator);
    g_string_append(xml, "</pool>\n");
    return g_string_free(g_steal_pointer(&xml), FALSE);
}
