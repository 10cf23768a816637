/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Replacing a guest's disks (see disk-edit.h). Live changes are one table
 * of what each kind of change calls on libvirt, what undoes it, and when a
 * running guest can take it.
 */
#include "hostd/disk-edit.h"

#include "hostd/domain-xml.h"
#include "hostd/hostd-error.h"
#include "hostd/inventory.h"
#include "hostd/vm-disks.h"

#include <libvirt/virterror.h>

#define LIVE VIR_DOMAIN_AFFECT_LIVE

struct CorraldDiskEdit {
    virDomainPtr domain;
    GPtrArray *disks;     /* the new list (CorralVmDisk, borrowed) */
    CorralVm *old;        /* the guest's disks before, resolved */
    GPtrArray *old_devs;  /* their targets */
    CorraldVmDisks *plan; /* the backing of the new list */
    GArray *changes;      /* CorraldDiskChange */
    char *old_xml;
    char *xml;
};

static void
change_clear(gpointer data)
{
    corrald_disk_change_clear(data);
}

void
corrald_disk_edit_free(CorraldDiskEdit *edit)
{
    if (edit == NULL)
        return;
    if (edit->domain != NULL)
        virDomainFree(edit->domain);
    g_clear_pointer(&edit->old, corral_vm_free);
    g_clear_pointer(&edit->old_devs, g_ptr_array_unref);
    g_clear_pointer(&edit->plan, corrald_vm_disks_free);
    g_clear_pointer(&edit->changes, g_array_unref);
    g_free(edit->old_xml);
    g_free(edit->xml);
    g_free(edit);
}

static gboolean
same_string(const char *a, const char *b)
{
    return g_strcmp0(a, b) == 0;
}

static gboolean
same_volume(const CorralVmDisk *a, const CorralVmDisk *b)
{
    return same_string(a->datastore, b->datastore) && same_string(a->volume, b->volume);
}

/* For each new disk, the index of the old disk it is, or -1: hard disks by
 * datastore, volume and bus; CD-ROM drives in order, when on the same bus. */
static int *
match_disks(const GPtrArray *new_disks, const GPtrArray *old_disks)
{
    int *match = g_new(int, new_disks->len + 1);
    g_autofree gboolean *taken = g_new0(gboolean, old_disks->len + 1);
    guint next_cdrom = 0;

    for (guint i = 0; i < new_disks->len; i++) {
        const CorralVmDisk *disk = new_disks->pdata[i];
        gboolean cdrom = corral_vm_disk_is_cdrom(disk);

        match[i] = -1;
        for (guint j = cdrom ? next_cdrom : 0; j < old_disks->len; j++) {
            const CorralVmDisk *old = old_disks->pdata[j];

            if (taken[j] || corral_vm_disk_is_cdrom(old) != cdrom)
                continue;
            if (cdrom) {
                /* The next drive in order, whatever it holds. */
                next_cdrom = j + 1;
                if (old->bus == disk->bus) {
                    match[i] = (int)j;
                    taken[j] = TRUE;
                }
                break;
            }
            if (old->bus == disk->bus && same_volume(old, disk)) {
                match[i] = (int)j;
                taken[j] = TRUE;
                break;
            }
        }
    }
    return match;
}

static void
add_change(CorraldDiskEdit *edit, CorraldDiskOp op, const CorralVmDisk *disk,
           const CorraldDiskPlan *plan, const char *dev)
{
    CorraldDiskChange change = {op, disk, plan, g_strdup(dev), NULL};

    g_array_append_val(edit->changes, change);
}

/* Removals first (their targets become free), then discs, then additions. */
static void
plan_changes(CorraldDiskEdit *edit, const int *match)
{
    g_autofree gboolean *kept = g_new0(gboolean, edit->old->disks->len + 1);

    for (guint i = 0; i < edit->disks->len; i++)
        if (match[i] >= 0)
            kept[match[i]] = TRUE;
    for (guint j = 0; j < edit->old->disks->len; j++)
        if (!kept[j])
            add_change(edit, CORRALD_DISK_REMOVE, edit->old->disks->pdata[j], NULL,
                       edit->old_devs->pdata[j]);
    for (guint i = 0; i < edit->disks->len; i++) {
        const CorralVmDisk *disk = edit->disks->pdata[i];

        if (match[i] >= 0 && corral_vm_disk_is_cdrom(disk) &&
            !same_volume(disk, edit->old->disks->pdata[match[i]]))
            add_change(edit, CORRALD_DISK_MEDIA, disk, &edit->plan->plans[i],
                       edit->old_devs->pdata[match[i]]);
    }
    for (guint i = 0; i < edit->disks->len; i++)
        if (match[i] < 0)
            add_change(edit, CORRALD_DISK_ADD, edit->disks->pdata[i], &edit->plan->plans[i], NULL);
}

CorraldDiskEdit *
corrald_disk_edit_new(virDomainPtr domain, const char *xml, const GPtrArray *disks, GError **error)
{
    virConnectPtr conn = virDomainGetConnect(domain);
    g_autoptr(CorraldDiskEdit) edit = g_new0(CorraldDiskEdit, 1);
    g_autofree int *match = NULL;

    if (!corrald_vm_disks_check(disks, "vm.disks", TRUE, error))
        return NULL;
    edit->domain = virDomainRef(domain) == 0 ? domain : NULL;
    edit->disks = (GPtrArray *)disks;
    edit->old_xml = g_strdup(xml);
    edit->changes = g_array_new(FALSE, TRUE, sizeof(CorraldDiskChange));
    g_array_set_clear_func(edit->changes, change_clear);
    edit->old = corrald_domain_xml_parse_with_devs(xml, &edit->old_devs, error);
    if (edit->old == NULL)
        return NULL;
    corrald_vm_disks_resolve(conn, edit->old, edit->old_devs);
    edit->plan = corrald_vm_disks_prepare(conn, disks, "vm.disks", NULL, NULL, error);
    if (edit->plan == NULL)
        return NULL;
    match = match_disks(disks, edit->old->disks);
    plan_changes(edit, match);
    edit->xml = corrald_domain_xml_edit_disks(xml, (CorraldDiskChange *)edit->changes->data,
                                              edit->changes->len, error);
    if (edit->xml == NULL) {
        corrald_vm_disks_undo(edit->plan);
        return NULL;
    }
    return g_steal_pointer(&edit);
}

const char *
corrald_disk_edit_get_xml(const CorraldDiskEdit *edit)
{
    return edit->xml;
}

void
corrald_disk_edit_undo(CorraldDiskEdit *edit)
{
    corrald_vm_disks_undo(edit->plan);
}

/* Live changes */

typedef int (*DeviceCall)(virDomainPtr domain, const char *xml, unsigned int flags);

/* What a running guest can take: a virtio hard disk plugged or unplugged
 * (PCI hot-plug), a disc put in or taken out of a drive it has. */
static gboolean
live_possible(const CorraldDiskChange *change, const char *live_id, const char *old_id)
{
    const CorralVmDisk *disk = change->disk;
    gboolean virtio_disk = !corral_vm_disk_is_cdrom(disk) && disk->bus == CORRAL_DISK_BUS_VIRTIO;

    switch (change->op) {
    case CORRALD_DISK_ADD:
        return virtio_disk && live_id == NULL;
    case CORRALD_DISK_REMOVE:
        return virtio_disk && same_string(live_id, old_id);
    case CORRALD_DISK_MEDIA:
        return live_id != NULL && g_str_has_prefix(live_id, "cdrom ");
    }
    return FALSE;
}

static const struct {
    DeviceCall call, undo;
    const char *doing;
} live_calls[] = {
    [CORRALD_DISK_ADD] = {virDomainAttachDeviceFlags, virDomainDetachDeviceFlags,
                          "plugging a disk into"},
    [CORRALD_DISK_REMOVE] = {virDomainDetachDeviceFlags, virDomainAttachDeviceFlags,
                             "unplugging a disk from"},
    [CORRALD_DISK_MEDIA] = {virDomainUpdateDeviceFlags, virDomainUpdateDeviceFlags,
                            "changing the disc of"},
};

typedef struct {
    DeviceCall undo;
    char *xml;
} LiveStep;

static void
live_step_clear(gpointer data)
{
    g_free(((LiveStep *)data)->xml);
}

static void
undo_live(virDomainPtr domain, GArray *done)
{
    for (guint i = done->len; i-- > 0;) {
        LiveStep *step = &g_array_index(done, LiveStep, i);

        if (step->undo(domain, step->xml, LIVE) < 0)
            g_warning("vm %s: undoing a disk change: %s", virDomainGetName(domain),
                      virGetLastErrorMessage());
    }
}

gboolean
corrald_disk_edit_apply_live(CorraldDiskEdit *edit, gboolean *deferred, GError **error)
{
    g_autofree char *live_xml = NULL;
    g_autoptr(GArray) done = g_array_new(FALSE, TRUE, sizeof(LiveStep));

    *deferred = FALSE;
    g_array_set_clear_func(done, live_step_clear);
    if (edit->changes->len == 0 || virDomainIsActive(edit->domain) != 1)
        return TRUE;
    live_xml = virDomainGetXMLDesc(edit->domain, 0);
    if (live_xml == NULL) {
        corrald_error_from_libvirt(error, "reading the running vm");
        return FALSE;
    }
    for (guint i = 0; i < edit->changes->len; i++) {
        const CorraldDiskChange *change = &g_array_index(edit->changes, CorraldDiskChange, i);
        g_autofree char *live_id = corrald_domain_xml_disk_identity(live_xml, change->dev);
        g_autofree char *old_id = corrald_domain_xml_disk_identity(edit->old_xml, change->dev);
        g_autofree char *before = corrald_domain_xml_disk_at(live_xml, change->dev);
        LiveStep step = {live_calls[change->op].undo, NULL};

        if (!live_possible(change, live_id, old_id)) {
            *deferred = TRUE;
            continue;
        }
        if (live_calls[change->op].call(edit->domain, change->element, LIVE) < 0) {
            g_autofree char *what = g_strdup_printf("%s vm %s (%s)", live_calls[change->op].doing,
                                                    virDomainGetName(edit->domain), change->dev);

            corrald_error_from_libvirt(error, what);
            undo_live(edit->domain, done);
            return FALSE;
        }
        /* Undo a plug by unplugging the same; the others by what was there. */
        step.xml =
            change->op == CORRALD_DISK_ADD ? g_strdup(change->element) : g_steal_pointer(&before);
        g_array_append_val(done, step);
    }
    return TRUE;
}
