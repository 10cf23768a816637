/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The guests over libvirt, in the API's terms (see inventory.h). Power
 * actions are one table of what each does and which states allow it.
 */
#include "hostd/inventory.h"

#include "hostd/console-vnc-auth.h"
#include "hostd/disk-edit.h"
#include "hostd/domain-xml.h"
#include "hostd/hostd-error.h"
#include "hostd/vm-disks.h"
#include "hostd/vm-labels.h"

#include <libvirt/virterror.h>
#include <stdlib.h>

/* libvirt's virDomainState, in the API's terms. */
static const CorralVmState libvirt_states[] = {
    [VIR_DOMAIN_NOSTATE] = CORRAL_VM_STATE_SHUTOFF,
    [VIR_DOMAIN_RUNNING] = CORRAL_VM_STATE_RUNNING,
    [VIR_DOMAIN_BLOCKED] = CORRAL_VM_STATE_RUNNING,
    [VIR_DOMAIN_PAUSED] = CORRAL_VM_STATE_PAUSED,
    [VIR_DOMAIN_SHUTDOWN] = CORRAL_VM_STATE_RUNNING, /* shutting down, still running */
    [VIR_DOMAIN_SHUTOFF] = CORRAL_VM_STATE_SHUTOFF,
    [VIR_DOMAIN_CRASHED] = CORRAL_VM_STATE_CRASHED,
    [VIR_DOMAIN_PMSUSPENDED] = CORRAL_VM_STATE_SUSPENDED,
};

CorralVmState
corrald_vm_state_from_libvirt(int state, gboolean managed_save)
{
    CorralVmState mapped = state >= 0 && (gsize)state < G_N_ELEMENTS(libvirt_states)
                               ? libvirt_states[state]
                               : CORRAL_VM_STATE_SHUTOFF;

    return mapped == CORRAL_VM_STATE_SHUTOFF && managed_save ? CORRAL_VM_STATE_SUSPENDED : mapped;
}

static const char *
domain_name(virDomainPtr domain)
{
    const char *name = virDomainGetName(domain);

    return name != NULL ? name : "?";
}

/* @what for messages: "vm NAME". */
static void
set_libvirt_error(GError **error, const char *doing, virDomainPtr domain)
{
    g_autofree char *what = g_strdup_printf("%s vm %s", doing, domain_name(domain));

    corrald_error_from_libvirt(error, what);
}

gboolean
corrald_inventory_state(virDomainPtr domain, CorralVmState *state, GError **error)
{
    int libvirt_state = VIR_DOMAIN_NOSTATE, reason = 0;
    gboolean saved = FALSE;

    if (virDomainGetState(domain, &libvirt_state, &reason, 0) < 0) {
        set_libvirt_error(error, "reading the state of", domain);
        return FALSE;
    }
    if (libvirt_state == VIR_DOMAIN_SHUTOFF)
        saved = virDomainHasManagedSaveImage(domain, 0) > 0;
    *state = corrald_vm_state_from_libvirt(libvirt_state, saved);
    return TRUE;
}

virDomainPtr
corrald_inventory_lookup(virConnectPtr conn, const char *id, GError **error)
{
    virDomainPtr domain;

    if (id == NULL || !g_uuid_string_is_valid(id)) {
        g_autofree char *shown = g_strescape(id != NULL ? id : "", NULL);

        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_BAD_REQUEST, "vm id \"%s\" is not a UUID",
                    shown);
        return NULL;
    }
    domain = virDomainLookupByUUIDString(conn, id);
    if (domain == NULL) {
        if (virGetLastErrorCode() == VIR_ERR_NO_DOMAIN)
            g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_VM_NOT_FOUND, "no vm %s", id);
        else
            corrald_error_from_libvirt(error, "looking up a vm");
    }
    return domain;
}

static void
free_domains(virDomainPtr *domains, int n)
{
    for (int i = 0; i < n; i++)
        virDomainFree(domains[i]);
    free(domains);
}

/* The UUIDs of the guests with a managed save image: one call for all,
 * so the list needs no per-guest question for it. */
static GHashTable *
managed_saves(virConnectPtr conn)
{
    GHashTable *set = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    virDomainPtr *domains = NULL;
    int n = virConnectListAllDomains(conn, &domains, VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE);

    for (int i = 0; i < n; i++) {
        char uuid[VIR_UUID_STRING_BUFLEN];

        if (virDomainGetUUIDString(domains[i], uuid) == 0)
            g_hash_table_add(set, g_strdup(uuid));
    }
    free_domains(domains, n);
    return set;
}

static CorralVm *
vm_new(void)
{
    CorralVm *vm = g_new0(CorralVm, 1);

    vm->present = ~G_GUINT64_CONSTANT(0);
    vm->pool = g_strdup("/");
    vm->disks = g_ptr_array_new_with_free_func((GDestroyNotify)corral_vm_disk_free);
    vm->nics = g_ptr_array_new_with_free_func((GDestroyNotify)corral_vm_nic_free);
    corrald_resources_set_default(&vm->resources);
    return vm;
}

GPtrArray *
corrald_inventory_list(virConnectPtr conn, GError **error)
{
    virDomainPtr *domains = NULL;
    int n = virConnectListAllDomains(conn, &domains, 0);
    g_autoptr(GHashTable) saved = NULL;
    GPtrArray *vms;

    if (n < 0) {
        corrald_error_from_libvirt(error, "listing the vms");
        return NULL;
    }
    saved = managed_saves(conn);
    vms = g_ptr_array_new_full((guint)n, (GDestroyNotify)corral_vm_free);
    for (int i = 0; i < n; i++) {
        char uuid[VIR_UUID_STRING_BUFLEN];
        virDomainInfo info;
        CorralVm *vm;

        /* A guest undefined since the list was made is left out. */
        if (virDomainGetUUIDString(domains[i], uuid) < 0 || virDomainGetInfo(domains[i], &info) < 0)
            continue;
        vm = vm_new();
        vm->id = g_strdup(uuid);
        vm->name = g_strdup(domain_name(domains[i]));
        vm->state = corrald_vm_state_from_libvirt(info.state, g_hash_table_contains(saved, uuid));
        vm->vcpus = info.nrVirtCpu;
        vm->memory_bytes = (gint64)info.maxMem * 1024;
        corrald_vm_labels_read(domains[i], vm);
        g_ptr_array_add(vms, vm);
    }
    free_domains(domains, n);
    return vms;
}

GPtrArray *
corrald_inventory_list_ids(virConnectPtr conn, GError **error)
{
    virDomainPtr *domains = NULL;
    int n = virConnectListAllDomains(conn, &domains, 0);
    GPtrArray *ids;

    if (n < 0) {
        corrald_error_from_libvirt(error, "listing the vms");
        return NULL;
    }
    ids = g_ptr_array_new_full((guint)n, g_free);
    for (int i = 0; i < n; i++) {
        char uuid[VIR_UUID_STRING_BUFLEN];

        if (virDomainGetUUIDString(domains[i], uuid) == 0)
            g_ptr_array_add(ids, g_strdup(uuid));
    }
    free_domains(domains, n);
    return ids;
}

CorralVm *
corrald_inventory_get(virDomainPtr domain, GError **error)
{
    virConnectPtr conn = virDomainGetConnect(domain);
    /* The settings, as PATCH changes them: a running guest's take effect
     * at its next start. */
    unsigned int flags = virDomainIsPersistent(domain) == 1 ? VIR_DOMAIN_XML_INACTIVE : 0;
    g_autofree char *xml = virDomainGetXMLDesc(domain, flags);
    g_autoptr(CorralVm) vm = NULL;

    if (xml == NULL) {
        set_libvirt_error(error, "reading", domain);
        return NULL;
    }
    vm = corrald_domain_xml_parse(xml, error);
    if (vm == NULL || !corrald_inventory_state(domain, &vm->state, error))
        return NULL;
    corrald_vm_disks_resolve(conn, vm, NULL);
    return g_steal_pointer(&vm);
}

/* Creating */

gboolean
corrald_inventory_check_name_free(virConnectPtr conn, const char *name, GError **error)
{
    g_autoptr(virDomain) existing = virDomainLookupByName(conn, name);

    if (existing == NULL)
        return TRUE;
    g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_EXISTS, "a vm called %s already exists", name);
    return FALSE;
}

gboolean
corrald_inventory_check_spec(const CorralVmSpec *spec, GError **error)
{
    if (spec->pool != NULL && !g_str_equal(spec->pool, "/")) {
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_INVALID,
                    "vm-spec.pool: no pool %s (only the root pool \"/\" exists)", spec->pool);
        return FALSE;
    }
    return TRUE;
}

virDomainPtr
corrald_inventory_create(virConnectPtr conn, const CorralVmSpec *spec, const char *uuid,
                         const char *type, CorraldProgressFunc progress, gpointer data,
                         GError **error)
{
    g_autoptr(CorraldVmDisks) disks = NULL;
    CorraldDomainOptions options = {.type = type, .uuid = uuid};
    g_autofree char *xml = NULL;
    g_autofree char *vnc_password = NULL;
    virDomainPtr domain = NULL;

    if (!corrald_inventory_check_spec(spec, error) ||
        !corrald_vm_disks_check(spec->disks, "vm-spec.disks", FALSE, error))
        return NULL;
    disks = corrald_vm_disks_prepare(conn, spec->disks, "vm-spec.disks", progress, data, error);
    if (disks == NULL)
        return NULL;
    options.disks = disks->plans;
    /* Each guest's console wants its own password (console-vnc-auth.h). */
    vnc_password = corrald_vnc_password_new(error);
    if (vnc_password == NULL)
        return NULL;
    options.vnc_password = vnc_password;
    xml = corrald_domain_xml_build(spec, &options, error);
    if (xml != NULL) {
        domain = virDomainDefineXML(conn, xml);
        if (domain == NULL) {
            g_autofree char *what = g_strdup_printf("defining vm %s", spec->name);

            corrald_error_from_libvirt(error, what);
        }
    }
    if (domain == NULL)
        corrald_vm_disks_undo(disks);
    return domain;
}

/* Editing */

/* The fields of a CorralVmSpec that PATCH cannot change, and where to go. */
static const struct {
    CorralVmSpecField field;
    const char *message;
} not_editable[] = {
    {CORRAL_VM_SPEC_FIELD_POOL, "vm.pool: move a vm with POST /vms/{id}/move"},
    {CORRAL_VM_SPEC_FIELD_RESOURCES, "vm.resources: change them with PUT /vms/{id}/resources"},
    {CORRAL_VM_SPEC_FIELD_NICS, "vm.nics: cannot be changed by PATCH"},
};

gboolean
corrald_inventory_edit(virDomainPtr domain, const CorralVmSpec *patch, GError **error)
{
    return corrald_inventory_edit_full(domain, patch, NULL, error);
}

/* The settings part of an edit: disks, vcpus, memory, guest OS, name. */
static gboolean
edit_definition(virDomainPtr domain, const CorralVmSpec *patch, gboolean rename,
                gboolean *restart_needed, GError **error)
{
    virConnectPtr conn = virDomainGetConnect(domain);
    const guint64 config_fields = (G_GUINT64_CONSTANT(1) << CORRAL_VM_SPEC_FIELD_VCPUS) |
                                  (G_GUINT64_CONSTANT(1) << CORRAL_VM_SPEC_FIELD_MEMORY_BYTES) |
                                  (G_GUINT64_CONSTANT(1) << CORRAL_VM_SPEC_FIELD_GUEST_OS);
    g_autofree char *old_xml = NULL;
    g_autofree char *new_xml = NULL;
    g_autoptr(CorraldDiskEdit) disk_edit = NULL;
    const char *base_xml;
    gboolean deferred = FALSE;

    old_xml = virDomainGetXMLDesc(domain, VIR_DOMAIN_XML_INACTIVE | VIR_DOMAIN_XML_SECURE);
    if (old_xml == NULL) {
        set_libvirt_error(error, "reading", domain);
        return FALSE;
    }
    /* The disks first: they may make volumes, which any later failure
     * removes again. */
    base_xml = old_xml;
    if (CORRAL_HAS(patch, CORRAL_VM_SPEC_FIELD_DISKS)) {
        disk_edit = corrald_disk_edit_new(domain, old_xml, patch->disks, error);
        if (disk_edit == NULL)
            return FALSE;
        base_xml = corrald_disk_edit_get_xml(disk_edit);
    }
    if ((patch->present & config_fields) != 0 || disk_edit != NULL) {
        g_autoptr(virDomain) redefined = NULL;

        new_xml = (patch->present & config_fields) != 0
                      ? corrald_domain_xml_edit(base_xml, patch, error)
                      : g_strdup(base_xml);
        redefined = new_xml != NULL ? virDomainDefineXML(conn, new_xml) : NULL;
        if (redefined == NULL) {
            if (new_xml != NULL)
                set_libvirt_error(error, "changing", domain);
            if (disk_edit != NULL)
                corrald_disk_edit_undo(disk_edit);
            return FALSE;
        }
    }
    if ((disk_edit != NULL && !corrald_disk_edit_apply_live(disk_edit, &deferred, error)) ||
        (rename && virDomainRename(domain, patch->name, 0) < 0)) {
        if (error != NULL && *error == NULL)
            set_libvirt_error(error, "renaming", domain);
        /* Put the configuration back as it was. */
        if (new_xml != NULL) {
            g_autoptr(virDomain) restored = virDomainDefineXML(conn, old_xml);

            if (restored == NULL)
                g_warning("restoring vm %s after a failed change: %s", domain_name(domain),
                          virGetLastErrorMessage());
        }
        if (disk_edit != NULL)
            corrald_disk_edit_undo(disk_edit);
        return FALSE;
    }
    if (restart_needed != NULL)
        *restart_needed = deferred;
    return TRUE;
}

gboolean
corrald_inventory_edit_full(virDomainPtr domain, const CorralVmSpec *patch,
                            gboolean *restart_needed, GError **error)
{
    gboolean rename = CORRAL_HAS(patch, CORRAL_VM_SPEC_FIELD_NAME) &&
                      g_strcmp0(patch->name, domain_name(domain)) != 0;
    virConnectPtr conn = virDomainGetConnect(domain);
    CorraldVmLabelsUndo *labels = NULL;
    CorralVmState state;

    if (restart_needed != NULL)
        *restart_needed = FALSE;

    for (gsize i = 0; i < G_N_ELEMENTS(not_editable); i++)
        if (CORRAL_HAS(patch, not_editable[i].field)) {
            g_set_error_literal(error, CORRALD_ERROR, CORRALD_ERROR_INVALID,
                                not_editable[i].message);
            return FALSE;
        }
    if (rename) {
        if (!corrald_inventory_state(domain, &state, error))
            return FALSE;
        if (state != CORRAL_VM_STATE_SHUTOFF) {
            g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_INVALID_STATE,
                        "vm %s is %s: it can be renamed only when shut off", domain_name(domain),
                        corral_vm_state_to_string(state));
            return FALSE;
        }
        if (!corrald_inventory_check_name_free(conn, patch->name, error))
            return FALSE;
    }
    /* The labels first, as they are simplest to put back. */
    if (!corrald_vm_labels_apply(domain, patch, &labels, error))
        return FALSE;
    if (!edit_definition(domain, patch, rename, restart_needed, error)) {
        corrald_vm_labels_undo(labels);
        return FALSE;
    }
    corrald_vm_labels_undo_free(labels);
    return TRUE;
}

/* Deleting */

gboolean
corrald_inventory_delete(virDomainPtr domain, gboolean force, gboolean delete_disks, GError **error)
{
    static const unsigned int undefine_flags[] = {
        VIR_DOMAIN_UNDEFINE_MANAGED_SAVE | VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA |
            VIR_DOMAIN_UNDEFINE_NVRAM | VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA,
        /* Drivers without NVRAM or checkpoints (the test driver) refuse those flags. */
        VIR_DOMAIN_UNDEFINE_MANAGED_SAVE | VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA,
    };
    virConnectPtr conn = virDomainGetConnect(domain);
    gboolean active = virDomainIsActive(domain) == 1;
    g_autoptr(GPtrArray) volumes = NULL;
    int rc = -1;

    if (active && !force) {
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_INVALID_STATE,
                    "vm %s is running: shut it down first, or delete it with ?force=true",
                    domain_name(domain));
        return FALSE;
    }
    if (delete_disks) {
        g_autofree char *xml = virDomainGetXMLDesc(domain, VIR_DOMAIN_XML_INACTIVE);

        volumes = xml != NULL ? corrald_domain_xml_created_volumes(xml, error) : NULL;
        if (volumes == NULL) {
            if (xml == NULL)
                set_libvirt_error(error, "reading", domain);
            return FALSE;
        }
    }
    if (active && virDomainDestroy(domain) < 0) {
        set_libvirt_error(error, "powering off", domain);
        return FALSE;
    }
    if (virDomainIsPersistent(domain) == 1) {
        for (gsize i = 0; i < G_N_ELEMENTS(undefine_flags) && rc < 0; i++) {
            rc = virDomainUndefineFlags(domain, undefine_flags[i]);
            if (rc < 0 && virGetLastErrorCode() != VIR_ERR_INVALID_ARG &&
                virGetLastErrorCode() != VIR_ERR_NO_SUPPORT)
                break;
        }
        if (rc < 0) {
            set_libvirt_error(error, "deleting", domain);
            return FALSE;
        }
    }
    for (guint i = 0; volumes != NULL && i < volumes->len; i++) {
        const CorralVmDisk *disk = volumes->pdata[i];

        corrald_vm_disks_delete_volume(conn, disk->datastore, disk->volume);
    }
    return TRUE;
}

/* Power */

static int
power_on(virDomainPtr domain, CorralVmState state)
{
    return virDomainCreate(domain);
}

static int
power_off(virDomainPtr domain, CorralVmState state)
{
    if (state == CORRAL_VM_STATE_SUSPENDED)
        return virDomainManagedSaveRemove(domain, 0);
    return virDomainIsActive(domain) == 1 ? virDomainDestroy(domain) : 0;
}

static int
power_shutdown(virDomainPtr domain, CorralVmState state)
{
    return virDomainShutdown(domain);
}

static int
power_reboot(virDomainPtr domain, CorralVmState state)
{
    return virDomainReboot(domain, 0);
}

static int
power_reset(virDomainPtr domain, CorralVmState state)
{
    return virDomainReset(domain, 0);
}

static int
power_suspend(virDomainPtr domain, CorralVmState state)
{
    return virDomainManagedSave(domain, 0);
}

static int
power_resume(virDomainPtr domain, CorralVmState state)
{
    return state == CORRAL_VM_STATE_PAUSED ? virDomainResume(domain) : virDomainCreate(domain);
}

#define STATE(s) (1u << CORRAL_VM_STATE_##s)
#define NO_STATE (-1)

static const struct {
    int (*call)(virDomainPtr domain, CorralVmState state);
    guint allowed;    /* the states it starts from */
    int result;       /* the state it leads to, or NO_STATE */
    const char *verb; /* for messages */
} power_actions[CORRAL_POWER_ACTION_LAST] = {
    [CORRAL_POWER_ACTION_ON] = {power_on, STATE(SHUTOFF) | STATE(CRASHED) | STATE(SUSPENDED),
                                CORRAL_VM_STATE_RUNNING, "power on"},
    [CORRAL_POWER_ACTION_OFF] = {power_off,
                                 STATE(RUNNING) | STATE(PAUSED) | STATE(CRASHED) | STATE(SUSPENDED),
                                 CORRAL_VM_STATE_SHUTOFF, "power off"},
    [CORRAL_POWER_ACTION_SHUTDOWN] = {power_shutdown, STATE(RUNNING), CORRAL_VM_STATE_SHUTOFF,
                                      "shut down"},
    [CORRAL_POWER_ACTION_REBOOT] = {power_reboot, STATE(RUNNING), NO_STATE, "reboot"},
    [CORRAL_POWER_ACTION_RESET] = {power_reset, STATE(RUNNING) | STATE(PAUSED), NO_STATE, "reset"},
    [CORRAL_POWER_ACTION_SUSPEND] = {power_suspend, STATE(RUNNING) | STATE(PAUSED),
                                     CORRAL_VM_STATE_SUSPENDED, "suspend"},
    [CORRAL_POWER_ACTION_RESUME] = {power_resume, STATE(PAUSED) | STATE(SUSPENDED),
                                    CORRAL_VM_STATE_RUNNING, "resume"},
};

#undef STATE
#undef NO_STATE

gboolean
corrald_inventory_power(virDomainPtr domain, CorralPowerAction action, GError **error)
{
    CorralVmState state;

    g_return_val_if_fail(action < CORRAL_POWER_ACTION_LAST, FALSE);

    if (!corrald_inventory_state(domain, &state, error))
        return FALSE;
    if (!(power_actions[action].allowed & (1u << state))) {
        if (power_actions[action].result == (int)state)
            g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_INVALID_STATE, "vm is already %s",
                        corral_vm_state_to_string(state));
        else
            g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_INVALID_STATE,
                        "cannot %s a vm that is %s", power_actions[action].verb,
                        corral_vm_state_to_string(state));
        return FALSE;
    }
    if (power_actions[action].call(domain, state) < 0) {
        set_libvirt_error(error, power_actions[action].verb, domain);
        return FALSE;
    }
    return TRUE;
}

/* Snapshots */

static virDomainSnapshotPtr
lookup_snapshot(virDomainPtr domain, const char *name, GError **error)
{
    virDomainSnapshotPtr snapshot;

    if (!corral_name_validate(name, error))
        return NULL;
    snapshot = virDomainSnapshotLookupByName(domain, name, 0);
    if (snapshot == NULL) {
        if (virGetLastErrorCode() == VIR_ERR_NO_DOMAIN_SNAPSHOT)
            g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_SNAPSHOT_NOT_FOUND,
                        "vm %s has no snapshot %s", domain_name(domain), name);
        else
            set_libvirt_error(error, "reading the snapshots of", domain);
    }
    return snapshot;
}

static CorralSnapshot *
snapshot_to_api(virDomainSnapshotPtr snapshot, GError **error)
{
    g_autofree char *xml = virDomainSnapshotGetXMLDesc(snapshot, 0);
    CorralSnapshot *result;

    if (xml == NULL) {
        corrald_error_from_libvirt(error, "reading a snapshot");
        return NULL;
    }
    result = corrald_snapshot_xml_parse(xml, error);
    if (result != NULL)
        result->current = virDomainSnapshotIsCurrent(snapshot, 0) == 1;
    return result;
}

GPtrArray *
corrald_inventory_snapshots(virDomainPtr domain, GError **error)
{
    virDomainSnapshotPtr *snapshots = NULL;
    int n = virDomainListAllSnapshots(domain, &snapshots, VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL);
    GPtrArray *result;

    if (n < 0) {
        set_libvirt_error(error, "listing the snapshots of", domain);
        return NULL;
    }
    result = g_ptr_array_new_full((guint)n, (GDestroyNotify)corral_snapshot_free);
    for (int i = 0; i < n; i++) {
        CorralSnapshot *snapshot = result != NULL ? snapshot_to_api(snapshots[i], error) : NULL;

        if (snapshot != NULL)
            g_ptr_array_add(result, snapshot);
        else
            g_clear_pointer(&result, g_ptr_array_unref);
        virDomainSnapshotFree(snapshots[i]);
    }
    free(snapshots);
    return result;
}

CorralSnapshot *
corrald_inventory_snapshot_create(virDomainPtr domain, const CorralSnapshotSpec *spec,
                                  GError **error)
{
    g_autoptr(virDomainSnapshot) existing = virDomainSnapshotLookupByName(domain, spec->name, 0);
    g_autoptr(virDomainSnapshot) snapshot = NULL;
    g_autofree char *xml = NULL;

    if (existing != NULL) {
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_EXISTS,
                    "vm %s already has a snapshot called %s", domain_name(domain), spec->name);
        return NULL;
    }
    xml = corrald_snapshot_xml_build(spec);
    snapshot = virDomainSnapshotCreateXML(domain, xml, 0);
    if (snapshot == NULL) {
        set_libvirt_error(error, "taking a snapshot of", domain);
        return NULL;
    }
    return snapshot_to_api(snapshot, error);
}

gboolean
corrald_inventory_snapshot_revert(virDomainPtr domain, const char *name, GError **error)
{
    g_autoptr(virDomainSnapshot) snapshot = lookup_snapshot(domain, name, error);

    if (snapshot == NULL)
        return FALSE;
    if (virDomainRevertToSnapshot(snapshot, 0) < 0) {
        set_libvirt_error(error, "reverting", domain);
        return FALSE;
    }
    return TRUE;
}

gboolean
corrald_inventory_snapshot_delete(virDomainPtr domain, const char *name, GError **error)
{
    g_autoptr(virDomainSnapshot) snapshot = lookup_snapshot(domain, name, error);

    if (snapshot == NULL)
        return FALSE;
    if (virDomainSnapshotDelete(snapshot, 0) < 0) {
        set_libvirt_error(error, "deleting a snapshot of", domain);
        return FALSE;
    }
    return TRUE;
}
