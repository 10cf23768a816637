/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The field tables of a datastore and its source, and the rule that ties
 * a source's fields to the datastore's type.
 */
#include "protocol/datastore.h"

CORRAL_DEFINE_ENUM(CorralDatastoreType, corral_datastore_type, CORRAL_DATASTORE_TYPE_VALUES)

static const CorralField datastore_source_fields[] = {
    [CORRAL_DATASTORE_SOURCE_FIELD_PATH] =
        CORRAL_PATH("path", CorralDatastoreSource, path, CORRAL_FIELD_OPTIONAL),
    [CORRAL_DATASTORE_SOURCE_FIELD_HOST] =
        CORRAL_NAME("host", CorralDatastoreSource, host, CORRAL_FIELD_OPTIONAL),
    [CORRAL_DATASTORE_SOURCE_FIELD_EXPORT] =
        CORRAL_PATH("export", CorralDatastoreSource, export, CORRAL_FIELD_OPTIONAL),
    [CORRAL_DATASTORE_SOURCE_FIELD_PORT] =
        CORRAL_INT_DEFAULT("port", CorralDatastoreSource, port, CORRAL_FIELD_OPTIONAL, 1, 65535,
                           CORRAL_ISCSI_PORT_DEFAULT),
    [CORRAL_DATASTORE_SOURCE_FIELD_TARGET] =
        CORRAL_NAME("target", CorralDatastoreSource, target, CORRAL_FIELD_OPTIONAL),
    [CORRAL_DATASTORE_SOURCE_FIELD_INITIATOR] =
        CORRAL_NAME("initiator", CorralDatastoreSource, initiator, CORRAL_FIELD_OPTIONAL),
};
CORRAL_DEFINE_OBJECT(CorralDatastoreSource, corral_datastore_source, "source",
                     datastore_source_fields, CORRAL_DATASTORE_SOURCE_FIELD_LAST, NULL)

gboolean
corral_datastore_source_check(CorralDatastoreType type, const CorralDatastoreSource *source,
                              const char *path, GError **error)
{
    /* What each type needs, in the order the message names it. */
    const char *missing = NULL;

    switch (type) {
    case CORRAL_DATASTORE_TYPE_DIR:
        missing = source->path == NULL ? "path" : NULL;
        break;
    case CORRAL_DATASTORE_TYPE_NFS:
        missing = source->host == NULL ? "host" : source->export == NULL ? "export" : NULL;
        break;
    case CORRAL_DATASTORE_TYPE_ISCSI:
        missing = source->host == NULL ? "host" : source->target == NULL ? "target" : NULL;
        break;
    case CORRAL_DATASTORE_TYPE_LAST:
        g_assert_not_reached();
    }
    if (missing == NULL)
        return TRUE;
    g_set_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_INVALID,
                "%s.source.%s: missing (the %s type needs it)", path, missing,
                corral_datastore_type_to_string(type));
    return FALSE;
}

static gboolean
datastore_check(const void *object, const char *path, GError **error)
{
    const CorralDatastore *datastore = object;

    return corral_datastore_source_check(datastore->type, &datastore->source, path, error);
}

static const CorralField datastore_fields[] = {
    [CORRAL_DATASTORE_FIELD_NAME] =
        CORRAL_NAME("name", CorralDatastore, name, CORRAL_FIELD_REQUIRED),
    [CORRAL_DATASTORE_FIELD_TYPE] = CORRAL_ENUM("type", CorralDatastore, type,
                                                CORRAL_FIELD_REQUIRED, &corral_datastore_type_enum),
    [CORRAL_DATASTORE_FIELD_CAPACITY_BYTES] = CORRAL_INT(
        "capacity_bytes", CorralDatastore, capacity_bytes, CORRAL_FIELD_REQUIRED, 0, G_MAXINT64),
    [CORRAL_DATASTORE_FIELD_FREE_BYTES] =
        CORRAL_INT("free_bytes", CorralDatastore, free_bytes, CORRAL_FIELD_REQUIRED, 0, G_MAXINT64),
    [CORRAL_DATASTORE_FIELD_ACCESSIBLE] =
        CORRAL_BOOL("accessible", CorralDatastore, accessible, CORRAL_FIELD_REQUIRED),
    [CORRAL_DATASTORE_FIELD_SOURCE] = CORRAL_OBJECT(
        "source", CorralDatastore, source, CORRAL_FIELD_REQUIRED, &corral_datastore_source_type),
};
CORRAL_DEFINE_OBJECT(CorralDatastore, corral_datastore, "datastore", datastore_fields,
                     CORRAL_DATASTORE_FIELD_LAST, datastore_check)
