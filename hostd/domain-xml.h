/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * libvirt's XML, both ways: the domain XML of a new guest from a
 * CorralVmSpec, the guest back from libvirt's domain XML, the persistent
 * XML of a guest with a PATCH applied, snapshot XML and the format of a
 * storage volume. Pure functions over strings (no libvirt calls), so the
 * golden tests run without a hypervisor.
 *
 * Guests get VNC on a unix socket only, a PS/2 keyboard, VGA video and a
 * serial console on a pty that is also logged to
 * /var/log/libvirt/qemu/corral-UUID-serial.log.
 *
 * Every user-controlled string goes into the XML escaped; nothing is read
 * back with entity expansion or network access.
 */
#pragma once

#include <glib.h>

#include "protocol/objects.h"

G_BEGIN_DECLS

/* The namespace of Corral's own <metadata> element in domain XML. */
#define CORRALD_XMLNS_VM "https://corral.invalid/xmlns/vm/1"

/* How each disk of a spec is backed, found out by the caller. */
typedef struct {
    const char *format; /* the volume's format ("qcow2", "raw"); NULL lets libvirt decide */
    gboolean created;   /* Corral made the volume: it may delete it with the guest */
    const char *file;   /* a CD-ROM's ISO file on the host, confined to its datastore's
                         * directory by the caller; NULL for an empty drive */
} CorraldDiskPlan;

/* A change to the disks of a guest's XML, for corrald_domain_xml_edit_disks(). */
typedef enum {
    CORRALD_DISK_ADD,    /* @disk with @plan gets a free target; its name goes to @dev */
    CORRALD_DISK_REMOVE, /* the disk at target @dev goes; @disk is what it was */
    CORRALD_DISK_MEDIA,  /* the CD-ROM at target @dev gets @plan's file (none: ejected) */
} CorraldDiskOp;

typedef struct {
    CorraldDiskOp op;
    const CorralVmDisk *disk;
    const CorraldDiskPlan *plan;
    char *dev;     /* owned */
    char *element; /* set by the edit: the <disk> element after the change (before it, for
                    * REMOVE), as libvirt's device calls take it; owned */
} CorraldDiskChange;

/* Frees what a change owns. */
void corrald_disk_change_clear(CorraldDiskChange *change);

typedef struct {
    const char *type;             /* <domain type=…>: "kvm" or "qemu" */
    const char *uuid;             /* the new guest's UUID */
    const CorraldDiskPlan *disks; /* one per spec disk; NULL means no formats, none created */
    const char *vnc_password;     /* the guest's VNC password, or NULL for none */
} CorraldDomainOptions;

/* The domain type for new guests: $CORRAL_DOMAIN_TYPE ("kvm" or "qemu")
 * when set, else "kvm" when /dev/kvm exists and the CPU flags show vmx or
 * svm (nested KVM without them cannot boot an OS in useful time), else
 * "qemu". Decided once per process. */
const char *corrald_domain_type_default(void);

/* The domain XML of a new guest. */
char *corrald_domain_xml_build(const CorralVmSpec *spec, const CorraldDomainOptions *options,
                               GError **error);

/* The guest described by libvirt's domain XML: id, name, vcpus,
 * memory_bytes, guest_os, tags, folder ("/" when none), disks and NICs. The state, pool and usage
 * are not in the XML: the state reads as shutoff, the pool as "/". Disks of type volume name their
 * datastore and volume; other disks have a NULL datastore and their path or source name as volume,
 * for the caller to resolve; size_bytes is 0. CD-ROMs read as described at
 * corrald_domain_xml_parse_with_devs(); floppies and LUN pass-through are
 * left out. */
CorralVm *corrald_domain_xml_parse(const char *xml, GError **error);

/* corrald_domain_xml_parse(), with the target (<target dev>) of each disk
 * it returns in @devs (strings, in the same order). CD-ROMs are disks with
 * their device present and set to cdrom; one with a disc has a NULL
 * datastore and the ISO's path on the host as volume (see
 * corrald_domain_xml_disk_locate()), an empty one neither. */
CorralVm *corrald_domain_xml_parse_with_devs(const char *xml, GPtrArray **devs, GError **error);

/* Turns a CD-ROM's ISO path (@disk's volume, a path on the host) into
 * datastore @name and the path inside it when the file lies below the
 * datastore's directory @dir; FALSE, changing nothing, otherwise. */
gboolean corrald_domain_xml_disk_locate(CorralVmDisk *disk, const char *name, const char *dir);

/* Whether a CD-ROM may sit on @bus: sata and ide emulate CD-ROM drives;
 * virtio-blk cannot, and scsi would need a controller Corral does not add. */
gboolean corrald_disk_bus_allows_cdrom(CorralDiskBus bus);

/* One <disk> element of @disk backed as @plan says, at target @dev. */
char *corrald_domain_xml_disk_element(const CorralVmDisk *disk, const CorraldDiskPlan *plan,
                                      const char *dev);

/* What sits at target @dev of domain XML @xml: "DEVICE TYPE SOURCE" (such
 * as "disk volume local/a.qcow2" or "cdrom file -"), or NULL when nothing
 * does. Two XMLs with the same identity there have the same disk there. */
char *corrald_domain_xml_disk_identity(const char *xml, const char *dev);

/* The <disk> element at target @dev of domain XML @xml, or NULL. */
char *corrald_domain_xml_disk_at(const char *xml, const char *dev);

/* The XML @xml with @changes applied in order: disks added after the last
 * disk with the first free target of their bus, removed, or given another
 * disc; Corral's record of the volumes it created follows (an added disk
 * with plan->created joins it, a removed one leaves it, as its volume is
 * kept). Sets each change's @element (and @dev for additions). */
char *corrald_domain_xml_edit_disks(const char *xml, CorraldDiskChange *changes, guint n,
                                    GError **error);

/* The volumes that Corral created for the guest (CorralVmDisk with
 * datastore and volume set), from its metadata. */
GPtrArray *corrald_domain_xml_created_volumes(const char *xml, GError **error);

/* The persistent XML @xml with the vcpus, memory_bytes and guest_os of
 * @patch applied (those whose present bits are set). */
char *corrald_domain_xml_edit(const char *xml, const CorralVmSpec *patch, GError **error);

/* Whether @folder names the top of the folders: NULL, "" or "/". Guests
 * there have no <folder> in their metadata. */
gboolean corrald_folder_is_top(const char *folder);

/* Corral's metadata element of domain XML @xml, bare (no namespace) as
 * virDomainSetMetadata takes it, with the tags and folder of @patch
 * applied (those whose present bits are set; @patch NULL: as it is). Its
 * other children stay as they are; a guest without one gets one. */
char *corrald_domain_xml_metadata_element(const char *xml, const CorralVmSpec *patch,
                                          GError **error);

/* Sets @vm's tags and folder from Corral's metadata element as
 * virDomainGetMetadata returns it (bare; with its namespace is fine too). */
gboolean corrald_metadata_xml_labels(const char *element, CorralVm *vm, GError **error);

/* <domainsnapshot> for virDomainSnapshotCreateXML. */
char *corrald_snapshot_xml_build(const CorralSnapshotSpec *spec);

/* A snapshot from libvirt's snapshot XML; `current` is left FALSE. */
CorralSnapshot *corrald_snapshot_xml_parse(const char *xml, GError **error);

/* The format of a storage volume ("qcow2", "raw", …) from its XML, or NULL
 * when it names none. */
char *corrald_volume_xml_format(const char *xml);

/* The XML of a new volume of @format and @capacity bytes. */
char *corrald_volume_xml_build(const char *name, gint64 capacity, const char *format);

/* The unix socket of a running guest's VNC server, from its live XML, or
 * NULL. New guests listen on a socket that libvirt makes in the guest's
 * private directory (…/domain-N-NAME/vnc.sock), never on TCP: libvirt
 * drops socket paths that a definition names under its own directory. */
char *corrald_domain_xml_vnc_socket(const char *xml);

/* The VNC password of a guest, from XML read with VIR_DOMAIN_XML_SECURE,
 * or NULL when it has none. */
char *corrald_domain_xml_vnc_password(const char *xml);

/* The UUID of the host's SMBIOS system from virConnectGetSysinfo()'s XML,
 * or NULL. */
char *corrald_sysinfo_xml_uuid(const char *xml);

/* The forward mode of a libvirt network from its XML: "nat", "route",
 * "bridge", …, or "none" for an isolated network. */
char *corrald_network_xml_forward(const char *xml);

/* A datastore's name, type and source from its libvirt storage pool XML
 * (capacity and state are the caller's); NULL for pool types that are not
 * dir, fs, netfs, iscsi or iscsi-direct. */
CorralDatastore *corrald_storage_pool_xml_parse(const char *xml);

/* The directory of a storage pool (its <target><path>), or NULL. */
char *corrald_domain_xml_pool_target(const char *pool_xml);

/* Whether the guest of domain XML @xml has a disk, CD-ROM, kernel or
 * initrd on datastore @name: a volume of that pool, or a file below its
 * directory @dir (NULL for none). */
gboolean corrald_domain_xml_uses_datastore(const char *xml, const char *name, const char *dir);

/* The cgroup partition of domain XML (<resource><partition>), or NULL when
 * it names none (libvirt's default, /machine). */
char *corrald_domain_xml_partition(const char *xml);

/* The domain XML @xml placed in cgroup partition @partition. */
char *corrald_domain_xml_set_partition(const char *xml, const char *partition, GError **error);

/* Sets guest defaults for resources: normal shares, no reservation, no
 * limit. */
void corrald_resources_set_default(CorralResources *resources);

G_END_DECLS
