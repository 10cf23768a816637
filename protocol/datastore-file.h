/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * An entry of a datastore's folder, as GET /datastores/{name}/files?path=
 * lists it: a file or a folder with its size and the time it was last
 * changed. Only regular files and folders are listed; symbolic links and
 * special files are not (their targets may lie outside the datastore).
 */
#pragma once

#include "protocol/codec.h"

G_BEGIN_DECLS

#define CORRAL_FILE_TYPE_VALUES(X)                                                                 \
    X(CORRAL_FILE_TYPE_FILE, "file")                                                               \
    X(CORRAL_FILE_TYPE_DIR, "dir")

typedef enum { CORRAL_FILE_TYPE_VALUES(CORRAL_ENUM_MEMBER) CORRAL_FILE_TYPE_LAST } CorralFileType;
CORRAL_DECLARE_ENUM(CorralFileType, corral_file_type)

typedef enum {
    CORRAL_DATASTORE_FILE_FIELD_NAME,
    CORRAL_DATASTORE_FILE_FIELD_TYPE,
    CORRAL_DATASTORE_FILE_FIELD_SIZE_BYTES,
    CORRAL_DATASTORE_FILE_FIELD_MODIFIED,
    CORRAL_DATASTORE_FILE_FIELD_LAST
} CorralDatastoreFileField;

/* `size_bytes` is 0 for folders; `modified` is in Unix seconds. */
typedef struct {
    guint64 present;
    char *name;
    CorralFileType type;
    gint64 size_bytes;
    gint64 modified;
} CorralDatastoreFile;
CORRAL_DECLARE_OBJECT(CorralDatastoreFile, corral_datastore_file)

G_END_DECLS
