/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A datastore: a directory, an NFS export or an iSCSI target that holds
 * guest disks. Its source says where the storage is, with the fields its
 * type needs: {path} for dir, {host, export} for nfs, {host, port, target,
 * initiator} for iscsi.
 */
#pragma once

#include "protocol/codec.h"

G_BEGIN_DECLS

#define CORRAL_ISCSI_PORT_DEFAULT 3260

#define CORRAL_DATASTORE_TYPE_VALUES(X)                                                            \
    X(CORRAL_DATASTORE_TYPE_DIR, "dir")                                                            \
    X(CORRAL_DATASTORE_TYPE_NFS, "nfs")                                                            \
    X(CORRAL_DATASTORE_TYPE_ISCSI, "iscsi")

typedef enum {
    CORRAL_DATASTORE_TYPE_VALUES(CORRAL_ENUM_MEMBER) CORRAL_DATASTORE_TYPE_LAST
} CorralDatastoreType;
CORRAL_DECLARE_ENUM(CorralDatastoreType, corral_datastore_type)

/* `port` reads as 3260 when absent; `initiator` absent means the host's
 * own IQN. */
typedef enum {
    CORRAL_DATASTORE_SOURCE_FIELD_PATH,
    CORRAL_DATASTORE_SOURCE_FIELD_HOST,
    CORRAL_DATASTORE_SOURCE_FIELD_EXPORT,
    CORRAL_DATASTORE_SOURCE_FIELD_PORT,
    CORRAL_DATASTORE_SOURCE_FIELD_TARGET,
    CORRAL_DATASTORE_SOURCE_FIELD_INITIATOR,
    CORRAL_DATASTORE_SOURCE_FIELD_LAST
} CorralDatastoreSourceField;

typedef struct {
    guint64 present;
    char *path;
    char *host;
    char *export;
    gint64 port;
    char *target;
    char *initiator;
} CorralDatastoreSource;
CORRAL_DECLARE_OBJECT(CorralDatastoreSource, corral_datastore_source)

/* POST /datastores sends a CorralDatastoreSpec (requests.h). */
typedef enum {
    CORRAL_DATASTORE_FIELD_NAME,
    CORRAL_DATASTORE_FIELD_TYPE,
    CORRAL_DATASTORE_FIELD_CAPACITY_BYTES,
    CORRAL_DATASTORE_FIELD_FREE_BYTES,
    CORRAL_DATASTORE_FIELD_ACCESSIBLE,
    CORRAL_DATASTORE_FIELD_SOURCE,
    CORRAL_DATASTORE_FIELD_LAST
} CorralDatastoreField;

typedef struct {
    guint64 present;
    char *name;
    CorralDatastoreType type;
    gint64 capacity_bytes;
    gint64 free_bytes;
    gboolean accessible;
    CorralDatastoreSource source;
} CorralDatastore;
CORRAL_DECLARE_OBJECT(CorralDatastore, corral_datastore)

/* Refuses a source that lacks what its type needs; `path` names the
 * datastore in the message. */
gboolean corral_datastore_source_check(CorralDatastoreType type,
                                       const CorralDatastoreSource *source, const char *path,
                                       GError **error);

G_END_DECLS
