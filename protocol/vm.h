/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A guest as GET /vms/{id} describes it: identity, power state, pool,
 * virtual hardware (disks and NICs), resource allocation and usage.
 */
#pragma once

#include "protocol/codec.h"
#include "protocol/resources.h"

G_BEGIN_DECLS

#define CORRAL_VM_VCPUS_MAX 4096

#define CORRAL_VM_STATE_VALUES(X)                                                                  \
    X(CORRAL_VM_STATE_RUNNING, "running")                                                          \
    X(CORRAL_VM_STATE_PAUSED, "paused")                                                            \
    X(CORRAL_VM_STATE_SHUTOFF, "shutoff")                                                          \
    X(CORRAL_VM_STATE_CRASHED, "crashed")                                                          \
    X(CORRAL_VM_STATE_SUSPENDED, "suspended")

typedef enum { CORRAL_VM_STATE_VALUES(CORRAL_ENUM_MEMBER) CORRAL_VM_STATE_LAST } CorralVmState;
CORRAL_DECLARE_ENUM(CorralVmState, corral_vm_state)

#define CORRAL_DISK_BUS_VALUES(X)                                                                  \
    X(CORRAL_DISK_BUS_VIRTIO, "virtio")                                                            \
    X(CORRAL_DISK_BUS_SATA, "sata")                                                                \
    X(CORRAL_DISK_BUS_SCSI, "scsi")                                                                \
    X(CORRAL_DISK_BUS_IDE, "ide")

typedef enum { CORRAL_DISK_BUS_VALUES(CORRAL_ENUM_MEMBER) CORRAL_DISK_BUS_LAST } CorralDiskBus;
CORRAL_DECLARE_ENUM(CorralDiskBus, corral_disk_bus)

typedef enum {
    CORRAL_VM_DISK_FIELD_DATASTORE,
    CORRAL_VM_DISK_FIELD_VOLUME,
    CORRAL_VM_DISK_FIELD_SIZE_BYTES,
    CORRAL_VM_DISK_FIELD_BUS,
    CORRAL_VM_DISK_FIELD_LAST
} CorralVmDiskField;

typedef struct {
    guint64 present;
    char *datastore;
    char *volume; /* a path inside the datastore */
    gint64 size_bytes;
    CorralDiskBus bus;
} CorralVmDisk;
CORRAL_DECLARE_OBJECT(CorralVmDisk, corral_vm_disk)

typedef enum {
    CORRAL_VM_NIC_FIELD_NETWORK,
    CORRAL_VM_NIC_FIELD_MAC,
    CORRAL_VM_NIC_FIELD_MODEL,
    CORRAL_VM_NIC_FIELD_LAST
} CorralVmNicField;

/* `mac` is optional in create requests, where the host picks one. */
typedef struct {
    guint64 present;
    char *network;
    char *mac;
    char *model;
} CorralVmNic;
CORRAL_DECLARE_OBJECT(CorralVmNic, corral_vm_nic)

typedef enum {
    CORRAL_VM_FIELD_ID,
    CORRAL_VM_FIELD_NAME,
    CORRAL_VM_FIELD_STATE,
    CORRAL_VM_FIELD_POOL,
    CORRAL_VM_FIELD_VCPUS,
    CORRAL_VM_FIELD_MEMORY_BYTES,
    CORRAL_VM_FIELD_GUEST_OS,
    CORRAL_VM_FIELD_DISKS,
    CORRAL_VM_FIELD_NICS,
    CORRAL_VM_FIELD_RESOURCES,
    CORRAL_VM_FIELD_USAGE,
    CORRAL_VM_FIELD_LAST
} CorralVmField;

typedef struct {
    guint64 present;
    char *id;
    char *name;
    CorralVmState state;
    char *pool;
    gint64 vcpus;
    gint64 memory_bytes;
    char *guest_os;
    GPtrArray *disks; /* CorralVmDisk */
    GPtrArray *nics;  /* CorralVmNic */
    CorralResources resources;
    CorralUsage usage;
} CorralVm;
CORRAL_DECLARE_OBJECT(CorralVm, corral_vm)

G_END_DECLS
