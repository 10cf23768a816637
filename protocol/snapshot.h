/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A guest's snapshot as GET /vms/{id}/snapshots lists it, and the body of
 * POST /vms/{id}/snapshots that takes one.
 */
#pragma once

#include "protocol/codec.h"
#include "protocol/vm.h"

G_BEGIN_DECLS

/* `state` is the guest's state when the snapshot was taken (a snapshot of a
 * running guest holds its memory too); `parent` is absent for the first. */
typedef enum {
    CORRAL_SNAPSHOT_FIELD_NAME,
    CORRAL_SNAPSHOT_FIELD_DESCRIPTION,
    CORRAL_SNAPSHOT_FIELD_CREATED,
    CORRAL_SNAPSHOT_FIELD_STATE,
    CORRAL_SNAPSHOT_FIELD_PARENT,
    CORRAL_SNAPSHOT_FIELD_CURRENT,
    CORRAL_SNAPSHOT_FIELD_LAST
} CorralSnapshotField;

typedef struct {
    guint64 present;
    char *name;
    char *description;
    gint64 created;
    CorralVmState state;
    char *parent;
    gboolean current;
} CorralSnapshot;
CORRAL_DECLARE_OBJECT(CorralSnapshot, corral_snapshot)

typedef enum {
    CORRAL_SNAPSHOT_SPEC_FIELD_NAME,
    CORRAL_SNAPSHOT_SPEC_FIELD_DESCRIPTION,
    CORRAL_SNAPSHOT_SPEC_FIELD_LAST
} CorralSnapshotSpecField;

typedef struct {
    guint64 present;
    char *name;
    char *description;
} CorralSnapshotSpec;
CORRAL_DECLARE_OBJECT(CorralSnapshotSpec, corral_snapshot_spec)

G_END_DECLS
