/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The storage behind a guest's disks (see vm-disks.h). ISO files are
 * opened with the datastore file API's confined open, and the path that
 * goes into the guest's XML is the one the kernel resolved for that open,
 * re-rooted at the datastore's directory as libvirt names it (so the
 * datastore still sees the guest as one of its users).
 */
#include "hostd/vm-disks.h"

#include "hostd/datastore-files.h"
#include "hostd/datastore.h"
#include "hostd/hostd-error.h"

#include <errno.h>
#include <fcntl.h>
#include <libvirt/virterror.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#define NEW_VOLUME_FORMAT "qcow2"
#define ISO_FORMAT        "raw"

gboolean
corrald_vm_disks_check(const GPtrArray *disks, const char *what, gboolean partial, GError **error)
{
    for (guint i = 0; disks != NULL && i < disks->len; i++) {
        const CorralVmDisk *disk = disks->pdata[i];
        g_autofree char *path = g_strdup_printf("%s[%u]", what, i);

        if (partial && !CORRAL_HAS(disk, CORRAL_VM_DISK_FIELD_BUS)) {
            g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_INVALID, "%s.bus: missing", path);
            return FALSE;
        }
        if (partial && !corral_vm_disk_check(disk, path, error))
            return FALSE;
        if (corral_vm_disk_is_cdrom(disk) && !corrald_disk_bus_allows_cdrom(disk->bus)) {
            g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_INVALID,
                        "%s.bus: a cdrom goes on sata or ide, not %s", path,
                        corral_disk_bus_to_string(disk->bus));
            return FALSE;
        }
    }
    return TRUE;
}

/* ISO files */

char *
corrald_vm_disks_iso_file(virConnectPtr conn, const char *datastore, const char *path, gint64 *size,
                          GError **error)
{
    g_autofree char *dir = NULL;
    g_autofree char *fd_link = NULL, *root_link = NULL;
    g_autofree char *real = NULL, *real_dir = NULL, *prefix = NULL;
    struct stat st;
    int root = -1, fd = -1;
    char *file = NULL;

    if (!corrald_datastore_path_check(path, FALSE, error))
        return NULL;
    dir = corrald_datastore_dir(conn, datastore, error);
    if (dir != NULL)
        root = corrald_datastore_open_root(dir, error);
    /* O_PATH: the file is only looked at, and a FIFO would block a read open. */
    if (root >= 0)
        fd = corrald_datastore_openat(root, path, O_PATH, 0, error);
    if (fd >= 0 && fstat(fd, &st) < 0) {
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_FAILED, "%s: %s", path, g_strerror(errno));
    } else if (fd >= 0 && !S_ISREG(st.st_mode)) {
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_INVALID,
                    "%s: not a file (a cdrom needs an ISO file)", path);
    } else if (fd >= 0) {
        fd_link = g_strdup_printf("/proc/self/fd/%d", fd);
        root_link = g_strdup_printf("/proc/self/fd/%d", root);
        real = g_file_read_link(fd_link, error);
        real_dir = real != NULL ? g_file_read_link(root_link, error) : NULL;
        prefix = real_dir != NULL
                     ? g_strconcat(real_dir, g_str_equal(real_dir, "/") ? "" : "/", NULL)
                     : NULL;
        /* The kernel kept the open below the root; this only says so again. */
        if (prefix != NULL && !g_str_has_prefix(real, prefix))
            g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_FORBIDDEN,
                        "%s: leads out of the datastore", path);
        else if (prefix != NULL)
            file = g_build_filename(dir, real + strlen(prefix), NULL);
        if (file != NULL && size != NULL)
            *size = (gint64)st.st_size;
    }
    if (fd >= 0)
        close(fd);
    if (root >= 0)
        close(root);
    return file;
}

/* Planning */

void
corrald_vm_disks_delete_volume(virConnectPtr conn, const char *datastore, const char *volume)
{
    g_autoptr(virStoragePool) pool = virStoragePoolLookupByName(conn, datastore);
    g_autoptr(virStorageVol) vol = pool != NULL ? virStorageVolLookupByName(pool, volume) : NULL;

    if (vol == NULL || virStorageVolDelete(vol, 0) < 0)
        g_warning("deleting volume %s of datastore %s: %s", volume, datastore,
                  virGetLastErrorMessage());
}

static gboolean
plan_cdrom(CorraldVmDisks *disks, const CorralVmDisk *disk, const char *path, CorraldDiskPlan *plan,
           GError **error)
{
    char *file;

    /* An empty drive needs nothing. */
    if (disk->datastore == NULL)
        return TRUE;
    file = corrald_vm_disks_iso_file(disks->conn, disk->datastore, disk->volume, NULL, error);
    if (file == NULL) {
        g_prefix_error(error, "%s: cdrom %s:%s: ", path, disk->datastore, disk->volume);
        return FALSE;
    }
    g_ptr_array_add(disks->strings, file);
    plan->file = file;
    plan->format = ISO_FORMAT;
    return TRUE;
}

/* Finds or makes the volume of a hard disk. */
static gboolean
plan_volume(CorraldVmDisks *disks, const CorralVmDisk *disk, const char *path,
            CorraldDiskPlan *plan, GError **error)
{
    g_autoptr(virStoragePool) pool = virStoragePoolLookupByName(disks->conn, disk->datastore);
    g_autoptr(virStorageVol) vol = NULL;
    g_autofree char *vol_xml = NULL;
    CorralVmDisk *made;

    if (pool == NULL) {
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_DATASTORE_NOT_FOUND,
                    "%s.datastore: no datastore %s", path, disk->datastore);
        return FALSE;
    }
    vol = virStorageVolLookupByName(pool, disk->volume);
    if (vol != NULL) {
        char *format;

        vol_xml = virStorageVolGetXMLDesc(vol, 0);
        format = vol_xml != NULL ? corrald_volume_xml_format(vol_xml) : NULL;
        if (format != NULL)
            g_ptr_array_add(disks->strings, format);
        plan->format = format;
        return TRUE;
    }
    if (virGetLastErrorCode() != VIR_ERR_NO_STORAGE_VOL) {
        corrald_error_from_libvirt(error, "looking up a volume");
        return FALSE;
    }
    if (disk->size_bytes <= 0) {
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_INVALID,
                    "%s: datastore %s has no volume %s (give size_bytes to create one)", path,
                    disk->datastore, disk->volume);
        return FALSE;
    }
    vol_xml = corrald_volume_xml_build(disk->volume, disk->size_bytes, NEW_VOLUME_FORMAT);
    vol = virStorageVolCreateXML(pool, vol_xml, 0);
    if (vol == NULL) {
        g_autofree char *what =
            g_strdup_printf("creating volume %s in datastore %s", disk->volume, disk->datastore);

        corrald_error_from_libvirt(error, what);
        return FALSE;
    }
    made = g_new0(CorralVmDisk, 1);
    made->datastore = g_strdup(disk->datastore);
    made->volume = g_strdup(disk->volume);
    g_ptr_array_add(disks->created, made);
    plan->format = NEW_VOLUME_FORMAT;
    plan->created = TRUE;
    return TRUE;
}

gboolean
corrald_vm_disks_check_isos(virConnectPtr conn, const GPtrArray *disks, const char *what,
                            GError **error)
{
    for (guint i = 0; disks != NULL && i < disks->len; i++) {
        const CorralVmDisk *disk = disks->pdata[i];
        g_autofree char *file = NULL;

        if (!corral_vm_disk_is_cdrom(disk) || disk->datastore == NULL)
            continue;
        file = corrald_vm_disks_iso_file(conn, disk->datastore, disk->volume, NULL, error);
        if (file == NULL) {
            g_prefix_error(error, "%s[%u]: cdrom %s:%s: ", what, i, disk->datastore, disk->volume);
            return FALSE;
        }
    }
    return TRUE;
}

CorraldVmDisks *
corrald_vm_disks_prepare(virConnectPtr conn, const GPtrArray *list, const char *what,
                         CorraldProgressFunc progress, gpointer data, GError **error)
{
    g_autoptr(CorraldVmDisks) disks = g_new0(CorraldVmDisks, 1);

    disks->conn = virConnectRef(conn) == 0 ? conn : NULL;
    disks->n = list != NULL ? list->len : 0;
    disks->plans = g_new0(CorraldDiskPlan, disks->n + 1);
    disks->strings = g_ptr_array_new_with_free_func(g_free);
    disks->created = g_ptr_array_new_with_free_func((GDestroyNotify)corral_vm_disk_free);
    for (guint i = 0; i < disks->n; i++) {
        const CorralVmDisk *disk = list->pdata[i];
        g_autofree char *path = g_strdup_printf("%s[%u]", what, i);
        gboolean ok = corral_vm_disk_is_cdrom(disk)
                          ? plan_cdrom(disks, disk, path, &disks->plans[i], error)
                          : plan_volume(disks, disk, path, &disks->plans[i], error);

        if (!ok) {
            corrald_vm_disks_undo(disks);
            return NULL;
        }
        if (progress != NULL)
            progress((int)((i + 1) * 80 / disks->n), data);
    }
    return g_steal_pointer(&disks);
}

void
corrald_vm_disks_undo(CorraldVmDisks *disks)
{
    for (guint i = 0; i < disks->created->len; i++) {
        const CorralVmDisk *made = disks->created->pdata[i];

        corrald_vm_disks_delete_volume(disks->conn, made->datastore, made->volume);
    }
    g_ptr_array_set_size(disks->created, 0);
}

void
corrald_vm_disks_free(CorraldVmDisks *disks)
{
    if (disks == NULL)
        return;
    if (disks->conn != NULL)
        virConnectClose(disks->conn);
    g_free(disks->plans);
    g_ptr_array_unref(disks->strings);
    g_ptr_array_unref(disks->created);
    g_free(disks);
}

/* Reading back */

typedef struct {
    char *name;
    char *dir;
} FileStore;

static void
file_store_free(gpointer data)
{
    FileStore *store = data;

    g_free(store->name);
    g_free(store->dir);
    g_free(store);
}

/* The directories of the active dir and NFS datastores. */
static GPtrArray *
file_stores(virConnectPtr conn)
{
    GPtrArray *stores = g_ptr_array_new_with_free_func(file_store_free);
    virStoragePoolPtr *pools = NULL;
    int n = virConnectListAllStoragePools(conn, &pools, VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE);

    for (int i = 0; i < n; i++) {
        g_autofree char *xml = virStoragePoolGetXMLDesc(pools[i], 0);
        g_autoptr(CorralDatastore) datastore =
            xml != NULL ? corrald_storage_pool_xml_parse(xml) : NULL;
        FileStore *store;

        virStoragePoolFree(pools[i]);
        if (datastore == NULL || datastore->type == CORRAL_DATASTORE_TYPE_ISCSI)
            continue;
        store = g_new0(FileStore, 1);
        store->name = g_strdup(datastore->name);
        store->dir = corrald_domain_xml_pool_target(xml);
        g_ptr_array_add(stores, store);
    }
    free(pools);
    return stores;
}

/* A CD-ROM: its ISO's datastore and size; FALSE when no datastore holds it. */
static gboolean
resolve_cdrom(virConnectPtr conn, CorralVmDisk *disk, GPtrArray **stores)
{
    struct stat st;

    if (disk->volume == NULL || disk->datastore != NULL)
        return TRUE;
    disk->size_bytes = stat(disk->volume, &st) == 0 ? (gint64)st.st_size : 0;
    if (*stores == NULL)
        *stores = file_stores(conn);
    for (guint i = 0; i < (*stores)->len; i++) {
        const FileStore *store = (*stores)->pdata[i];

        if (corrald_domain_xml_disk_locate(disk, store->name, store->dir))
            return TRUE;
    }
    return FALSE;
}

/* A hard disk: its size, and for file-backed disks the datastore that
 * holds the file; FALSE when no datastore holds it. */
static gboolean
resolve_volume(virConnectPtr conn, CorralVmDisk *disk)
{
    g_autoptr(virStoragePool) pool = NULL;
    g_autoptr(virStorageVol) vol = NULL;
    virStorageVolInfo info;

    if (disk->datastore != NULL) {
        pool = virStoragePoolLookupByName(conn, disk->datastore);
        vol = pool != NULL ? virStorageVolLookupByName(pool, disk->volume) : NULL;
    } else {
        vol = virStorageVolLookupByPath(conn, disk->volume);
        pool = vol != NULL ? virStoragePoolLookupByVolume(vol) : NULL;
        if (pool == NULL)
            return FALSE;
        disk->datastore = g_strdup(virStoragePoolGetName(pool));
        g_free(disk->volume);
        disk->volume = g_strdup(virStorageVolGetName(vol));
    }
    if (vol != NULL && virStorageVolGetInfo(vol, &info) == 0)
        disk->size_bytes = (gint64)MIN(info.capacity, (unsigned long long)G_MAXINT64);
    return TRUE;
}

void
corrald_vm_disks_resolve(virConnectPtr conn, CorralVm *vm, GPtrArray *devs)
{
    g_autoptr(GPtrArray) stores = NULL;

    for (guint i = vm->disks->len; i-- > 0;) {
        CorralVmDisk *disk = vm->disks->pdata[i];
        gboolean found = corral_vm_disk_is_cdrom(disk) ? resolve_cdrom(conn, disk, &stores)
                                                       : resolve_volume(conn, disk);

        if (found)
            continue;
        g_ptr_array_remove_index(vm->disks, i);
        if (devs != NULL)
            g_ptr_array_remove_index(devs, i);
    }
}
