/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The field tables of a guest, its disks and its NICs.
 */
#include "protocol/vm.h"

CORRAL_DEFINE_ENUM(CorralVmState, corral_vm_state, CORRAL_VM_STATE_VALUES)
CORRAL_DEFINE_ENUM(CorralDiskBus, corral_disk_bus, CORRAL_DISK_BUS_VALUES)
CORRAL_DEFINE_ENUM(CorralDiskDevice, corral_disk_device, CORRAL_DISK_DEVICE_VALUES)

gboolean
corral_vm_disk_is_cdrom(const CorralVmDisk *disk)
{
    return CORRAL_HAS(disk, CORRAL_VM_DISK_FIELD_DEVICE) &&
           disk->device == CORRAL_DISK_DEVICE_CDROM;
}

gboolean
corral_vm_disk_check(const CorralVmDisk *disk, const char *path, GError **error)
{
    gboolean cdrom = corral_vm_disk_is_cdrom(disk);

    /* An empty CD-ROM drive names neither. */
    if (cdrom && disk->datastore == NULL && disk->volume == NULL)
        return TRUE;
    if (disk->datastore != NULL && disk->volume != NULL)
        return TRUE;
    g_set_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_INVALID, "%s.%s: missing (%s)",
                path, disk->datastore == NULL ? "datastore" : "volume",
                cdrom ? "a cdrom with a disc names its datastore and file; an empty one neither"
                      : "a disk names its datastore and volume");
    return FALSE;
}

static gboolean
vm_disk_check(const void *object, const char *path, GError **error)
{
    return corral_vm_disk_check(object, path, error);
}

/* The datastore and volume are optional for an empty CD-ROM drive only;
 * vm_disk_check() asks for them otherwise. */
static const CorralField vm_disk_fields[] = {
    [CORRAL_VM_DISK_FIELD_DATASTORE] =
        CORRAL_NAME("datastore", CorralVmDisk, datastore, CORRAL_FIELD_OPTIONAL),
    [CORRAL_VM_DISK_FIELD_VOLUME] =
        CORRAL_STRING("volume", CorralVmDisk, volume, CORRAL_FIELD_OPTIONAL),
    [CORRAL_VM_DISK_FIELD_SIZE_BYTES] =
        CORRAL_INT("size_bytes", CorralVmDisk, size_bytes, CORRAL_FIELD_REQUIRED, 0, G_MAXINT64),
    [CORRAL_VM_DISK_FIELD_BUS] =
        CORRAL_ENUM("bus", CorralVmDisk, bus, CORRAL_FIELD_REQUIRED, &corral_disk_bus_enum),
    [CORRAL_VM_DISK_FIELD_DEVICE] = CORRAL_ENUM("device", CorralVmDisk, device,
                                                CORRAL_FIELD_OPTIONAL, &corral_disk_device_enum),
};
CORRAL_DEFINE_OBJECT(CorralVmDisk, corral_vm_disk, "disk", vm_disk_fields,
                     CORRAL_VM_DISK_FIELD_LAST, vm_disk_check)

static const CorralField vm_nic_fields[] = {
    [CORRAL_VM_NIC_FIELD_NETWORK] =
        CORRAL_NAME("network", CorralVmNic, network, CORRAL_FIELD_REQUIRED),
    [CORRAL_VM_NIC_FIELD_MAC] = CORRAL_MAC("mac", CorralVmNic, mac, CORRAL_FIELD_OPTIONAL),
    [CORRAL_VM_NIC_FIELD_MODEL] = CORRAL_NAME("model", CorralVmNic, model, CORRAL_FIELD_REQUIRED),
};
CORRAL_DEFINE_OBJECT(CorralVmNic, corral_vm_nic, "nic", vm_nic_fields, CORRAL_VM_NIC_FIELD_LAST,
                     NULL)

static const CorralField vm_fields[] = {
    [CORRAL_VM_FIELD_ID] = CORRAL_UUID("id", CorralVm, id, CORRAL_FIELD_REQUIRED),
    [CORRAL_VM_FIELD_NAME] = CORRAL_NAME("name", CorralVm, name, CORRAL_FIELD_REQUIRED),
    [CORRAL_VM_FIELD_STATE] =
        CORRAL_ENUM("state", CorralVm, state, CORRAL_FIELD_REQUIRED, &corral_vm_state_enum),
    [CORRAL_VM_FIELD_POOL] = CORRAL_PATH("pool", CorralVm, pool, CORRAL_FIELD_REQUIRED),
    [CORRAL_VM_FIELD_VCPUS] =
        CORRAL_INT("vcpus", CorralVm, vcpus, CORRAL_FIELD_REQUIRED, 1, CORRAL_VM_VCPUS_MAX),
    [CORRAL_VM_FIELD_MEMORY_BYTES] =
        CORRAL_INT("memory_bytes", CorralVm, memory_bytes, CORRAL_FIELD_REQUIRED, 1, G_MAXINT64),
    [CORRAL_VM_FIELD_GUEST_OS] =
        CORRAL_STRING("guest_os", CorralVm, guest_os, CORRAL_FIELD_OPTIONAL),
    [CORRAL_VM_FIELD_DISKS] =
        CORRAL_OBJECT_ARRAY("disks", CorralVm, disks, CORRAL_FIELD_REQUIRED, &corral_vm_disk_type),
    [CORRAL_VM_FIELD_NICS] =
        CORRAL_OBJECT_ARRAY("nics", CorralVm, nics, CORRAL_FIELD_REQUIRED, &corral_vm_nic_type),
    [CORRAL_VM_FIELD_RESOURCES] = CORRAL_OBJECT("resources", CorralVm, resources,
                                                CORRAL_FIELD_REQUIRED, &corral_resources_type),
    [CORRAL_VM_FIELD_USAGE] =
        CORRAL_OBJECT("usage", CorralVm, usage, CORRAL_FIELD_REQUIRED, &corral_usage_type),
    [CORRAL_VM_FIELD_TAGS] =
        CORRAL_STRING_ARRAY_MAX("tags", CorralVm, tags, CORRAL_FIELD_OPTIONAL | CORRAL_FIELD_UNIQUE,
                                CORRAL_KIND_TAG, CORRAL_TAGS_MAX),
    [CORRAL_VM_FIELD_FOLDER] = CORRAL_FOLDER("folder", CorralVm, folder, CORRAL_FIELD_OPTIONAL),
    [CORRAL_VM_FIELD_PENDING_RESTART] = CORRAL_STRING_ARRAY(
        "pending_restart", CorralVm, pending_restart, CORRAL_FIELD_OPTIONAL, CORRAL_KIND_NAME),
};
CORRAL_DEFINE_OBJECT(CorralVm, corral_vm, "vm", vm_fields, CORRAL_VM_FIELD_LAST, NULL)
