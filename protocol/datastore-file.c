/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The field table of a datastore's folder entry (see datastore-file.h).
 */
#include "protocol/datastore-file.h"

CORRAL_DEFINE_ENUM(CorralFileType, corral_file_type, CORRAL_FILE_TYPE_VALUES)

static const CorralField datastore_file_fields[] = {
    [CORRAL_DATASTORE_FILE_FIELD_NAME] =
        CORRAL_NAME("name", CorralDatastoreFile, name, CORRAL_FIELD_REQUIRED),
    [CORRAL_DATASTORE_FILE_FIELD_TYPE] = CORRAL_ENUM("type", CorralDatastoreFile, type,
                                                     CORRAL_FIELD_REQUIRED, &corral_file_type_enum),
    [CORRAL_DATASTORE_FILE_FIELD_SIZE_BYTES] = CORRAL_INT(
        "size_bytes", CorralDatastoreFile, size_bytes, CORRAL_FIELD_REQUIRED, 0, G_MAXINT64),
    [CORRAL_DATASTORE_FILE_FIELD_MODIFIED] =
        CORRAL_INT("modified", CorralDatastoreFile, modified, CORRAL_FIELD_REQUIRED, 0, G_MAXINT64),
};
CORRAL_DEFINE_OBJECT(CorralDatastoreFile, corral_datastore_file, "datastore-file",
                     datastore_file_fields, CORRAL_DATASTORE_FILE_FIELD_LAST, NULL)
