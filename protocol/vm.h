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

/* What a disk entry is: a hard disk (the default, written only when set)
 * or a CD-ROM drive. */
#define CORRAL_DISK_DEVICE_VALUES(X)                                                               \
    X(CORRAL_DISK_DEVICE_DISK, "disk")                                                             \
    X(CORRAL_DISK_DEVICE_CDROM, "cdrom")

typedef enum {
    CORRAL_DISK_DEVICE_VALUES(CORRAL_ENUM_MEMBER) CORRAL_DISK_DEVICE_LAST
} CorralDiskDevice;
CORRAL_DECLARE_ENUM(CorralDiskDevice, corral_disk_device)

typedef enum {
    CORRAL_VM_DISK_FIELD_DATASTORE,
    CORRAL_VM_DISK_FIELD_VOLUME,
    CORRAL_VM_DISK_FIELD_SIZE_BYTES,
    CORRAL_VM_DISK_FIELD_BUS,
    CORRAL_VM_DISK_FIELD_DEVICE,
    CORRAL_VM_DISK_FIELD_LAST
} CorralVmDiskField;

/* A hard disk names its datastore and volume. A CD-ROM names the ISO file
 * it holds the same way (`volume` is then a file's path inside a dir or
 * NFS datastore), or neither when the drive is empty. */
typedef struct {
    guint64 present;
    char *datastore;
    char *volume; /* a path inside the datastore */
    gint64 size_bytes;
    CorralDiskBus bus;
    CorralDiskDevice device;
} CorralVmDisk;
CORRAL_DECLARE_OBJECT(CorralVmDisk, corral_vm_disk)

/* The rules that tie a disk's fields together (run by the decoder, except
 * on PATCH bodies, whose callers run it themselves): a hard disk has a
 * datastore and a volume, a CD-ROM both or neither. @path names the disk
 * in the message ("vm.disks[1]"). */
gboolean corral_vm_disk_check(const CorralVmDisk *disk, const char *path, GError **error);

/* Whether @disk is a CD-ROM drive. */
gboolean corral_vm_disk_is_cdrom(const CorralVmDisk *disk);

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
    CORRAL_VM_FIELD_TAGS,
    CORRAL_VM_FIELD_FOLDER,
    CORRAL_VM_FIELD_PENDING_RESTART,
    CORRAL_VM_FIELD_LAST
} CorralVmField;

/* `tags` (at most CORRAL_TAGS_MAX, each once) and `folder` (a path such
 * as "/Production/Web"; "/" is the top) are the operator's own labels,
 * kept by the host in the guest's libvirt metadata. Hosts that predate
 * them send neither.
 *
 * `pending_restart` is in PATCH answers only, and only when some change
 * reached the settings but waits for the running guest's next start: the
 * names of the fields it touched ("disks"). */
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
    GPtrArray *tags; /* char *, or NULL */
    char *folder;
    GPtrArray *pending_restart; /* char *, or NULL */
} CorralVm;
CORRAL_DECLARE_OBJECT(CorralVm, corral_vm)

G_END_DECLS
