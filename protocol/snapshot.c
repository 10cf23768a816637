/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The field tables of a snapshot and of the request that takes one.
 */
#include "protocol/snapshot.h"

static const CorralField snapshot_fields[] = {
    [CORRAL_SNAPSHOT_FIELD_NAME] = CORRAL_NAME("name", CorralSnapshot, name, CORRAL_FIELD_REQUIRED),
    [CORRAL_SNAPSHOT_FIELD_DESCRIPTION] =
        CORRAL_STRING("description", CorralSnapshot, description, CORRAL_FIELD_OPTIONAL),
    [CORRAL_SNAPSHOT_FIELD_CREATED] =
        CORRAL_INT("created", CorralSnapshot, created, CORRAL_FIELD_REQUIRED, 0, G_MAXINT64),
    [CORRAL_SNAPSHOT_FIELD_STATE] =
        CORRAL_ENUM("state", CorralSnapshot, state, CORRAL_FIELD_REQUIRED, &corral_vm_state_enum),
    [CORRAL_SNAPSHOT_FIELD_PARENT] =
        CORRAL_NAME("parent", CorralSnapshot, parent, CORRAL_FIELD_OPTIONAL),
    [CORRAL_SNAPSHOT_FIELD_CURRENT] =
        CORRAL_BOOL("current", CorralSnapshot, current, CORRAL_FIELD_REQUIRED),
};
CORRAL_DEFINE_OBJECT(CorralSnapshot, corral_snapshot, "snapshot", snapshot_fields,
                     CORRAL_SNAPSHOT_FIELD_LAST, NULL)

static const CorralField snapshot_spec_fields[] = {
    [CORRAL_SNAPSHOT_SPEC_FIELD_NAME] =
        CORRAL_NAME("name", CorralSnapshotSpec, name, CORRAL_FIELD_REQUIRED),
    [CORRAL_SNAPSHOT_SPEC_FIELD_DESCRIPTION] =
        CORRAL_STRING("description", CorralSnapshotSpec, description, CORRAL_FIELD_OPTIONAL),
};
CORRAL_DEFINE_OBJECT(CorralSnapshotSpec, corral_snapshot_spec, "snapshot-spec",
                     snapshot_spec_fields, CORRAL_SNAPSHOT_SPEC_FIELD_LAST, NULL)
