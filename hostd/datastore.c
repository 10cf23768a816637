/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Datastores as libvirt storage pools (see datastore.h). What libvirt says
 * when a pool cannot start is matched against one table of known causes,
 * each with the message a user can act on.
 */
#include "hostd/datastore.h"

#include "hostd/datastore-xml.h"
#include "hostd/domain-xml.h"
#include "hostd/hostd-error.h"
#include "hostd/inventory.h"
#include "protocol/datastore-file.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <libvirt/virterror.h>
#include <stdlib.h>
#include <string.h>

#define INITIATOR_FILE "/etc/iscsi/initiatorname.iscsi"
#define IQN_PREFIX     "iqn.2024-01.invalid.corral:"

G_LOCK_DEFINE_STATIC(retries);
static GHashTable *last_retry; /* datastore name → monotonic time of the last start attempt */

/* Messages for the causes of a failed start that libvirt reports in words;
 * @where is "HOST:PORT". */
typedef char *(*CauseMessage)(const CorralDatastoreSpec *spec, const char *where);

static char *
target_not_found(const CorralDatastoreSpec *spec, const char *where)
{
    return g_strdup_printf("datastore %s: the iSCSI target at %s has no target named %s "
                           "(check the IQN)",
                           spec->name, where, spec->source.target);
}

static char *
no_answer(const CorralDatastoreSpec *spec, const char *where)
{
    return g_strdup_printf("datastore %s: no iSCSI target answers at %s (check the host "
                           "and port, and that the target runs)",
                           spec->name, where);
}

static char *
login_refused(const CorralDatastoreSpec *spec, const char *where)
{
    return g_strdup_printf("datastore %s: the iSCSI target %s at %s refused the login of "
                           "initiator %s (check the target's access list)",
                           spec->name, spec->source.target, where,
                           spec->source.initiator != NULL ? spec->source.initiator
                                                          : "of this host");
}

static char *
nfs_unreachable(const CorralDatastoreSpec *spec, const char *where)
{
    return g_strdup_printf("datastore %s: the NFS export %s:%s could not be mounted", spec->name,
                           spec->source.host, spec->source.export);
}

static const struct {
    CorralDatastoreType type;
    const char *needle; /* in libvirt's message */
    CorraldErrorCode code;
    CauseMessage message;
} causes[] = {
    {CORRAL_DATASTORE_TYPE_ISCSI, "Target not found", CORRALD_ERROR_INVALID, target_not_found},
    {CORRAL_DATASTORE_TYPE_ISCSI, "Authorization failure", CORRALD_ERROR_INVALID, login_refused},
    {CORRAL_DATASTORE_TYPE_ISCSI, "Initiator", CORRALD_ERROR_INVALID, login_refused},
    {CORRAL_DATASTORE_TYPE_ISCSI, "Failed to connect", CORRALD_ERROR_INVALID, no_answer},
    {CORRAL_DATASTORE_TYPE_ISCSI, "iscsi_service failed", CORRALD_ERROR_INVALID, no_answer},
    {CORRAL_DATASTORE_TYPE_ISCSI, "Connection refused", CORRALD_ERROR_INVALID, no_answer},
    {CORRAL_DATASTORE_TYPE_NFS, "mount", CORRALD_ERROR_INVALID, nfs_unreachable},
};

static void
set_start_error(GError **error, const CorralDatastoreSpec *spec)
{
    const char *message = virGetLastErrorMessage();
    g_autofree char *where = g_strdup_printf(
        "%s:%" G_GINT64_FORMAT, spec->source.host != NULL ? spec->source.host : "",
        CORRAL_HAS(&spec->source, CORRAL_DATASTORE_SOURCE_FIELD_PORT) ? spec->source.port
                                                                      : CORRAL_ISCSI_PORT_DEFAULT);
    g_autofree char *what = NULL;

    for (gsize i = 0; i < G_N_ELEMENTS(causes); i++) {
        g_autofree char *text = NULL;

        if (causes[i].type != spec->type || message == NULL ||
            strstr(message, causes[i].needle) == NULL)
            continue;
        text = causes[i].message(spec, where);
        g_set_error(error, CORRALD_ERROR, causes[i].code, "%s (%s)", text, message);
        return;
    }
    what = g_strdup_printf("starting datastore %s", spec->name);
    corrald_error_from_libvirt(error, what);
}

/* Reading */

static CorralDatastore *
datastore_of(virStoragePoolPtr pool)
{
    g_autofree char *xml = virStoragePoolGetXMLDesc(pool, 0);
    CorralDatastore *datastore = xml != NULL ? corrald_storage_pool_xml_parse(xml) : NULL;
    virStoragePoolInfo info;

    if (datastore == NULL)
        return NULL;
    datastore->accessible = virStoragePoolIsActive(pool) == 1;
    if (datastore->accessible && virStoragePoolGetInfo(pool, &info) == 0) {
        datastore->capacity_bytes = (gint64)MIN(info.capacity, (guint64)G_MAXINT64);
        datastore->free_bytes = (gint64)MIN(info.available, (guint64)G_MAXINT64);
    }
    return datastore;
}

/* Whether a start of inactive @name may be tried now (rate limited). */
static gboolean
may_retry(const char *name)
{
    gint64 now = g_get_monotonic_time();
    gpointer last;
    gboolean ok;

    G_LOCK(retries);
    if (last_retry == NULL)
        last_retry = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    last = g_hash_table_lookup(last_retry, name);
    ok = last == NULL || now - *(gint64 *)last >= CORRALD_DATASTORE_RETRY_S * G_USEC_PER_SEC;
    if (ok)
        g_hash_table_replace(last_retry, g_strdup(name), g_memdup2(&now, sizeof now));
    G_UNLOCK(retries);
    return ok;
}

/* Brings @pool's figures up to date: a refresh when it is active, a new
 * start when it is not (its storage may be back). */
static void
bring_current(virStoragePoolPtr pool)
{
    if (virStoragePoolIsActive(pool) == 1) {
        if (virStoragePoolRefresh(pool, 0) < 0)
            g_message("datastore %s: refresh failed: %s", virStoragePoolGetName(pool),
                      virGetLastErrorMessage());
        return;
    }
    if (may_retry(virStoragePoolGetName(pool)) && virStoragePoolCreate(pool, 0) < 0)
        g_message("datastore %s is not accessible: %s", virStoragePoolGetName(pool),
                  virGetLastErrorMessage());
}

GPtrArray *
corrald_datastore_list(virConnectPtr conn, GError **error)
{
    virStoragePoolPtr *pools = NULL;
    int n = virConnectListAllStoragePools(conn, &pools, 0);
    GPtrArray *result;

    if (n < 0) {
        corrald_error_from_libvirt(error, "listing the datastores");
        return NULL;
    }
    result = g_ptr_array_new_with_free_func((GDestroyNotify)corral_datastore_free);
    for (int i = 0; i < n; i++) {
        g_autoptr(virStoragePool) pool = pools[i];
        CorralDatastore *datastore;

        bring_current(pool);
        datastore = datastore_of(pool);
        if (datastore != NULL)
            g_ptr_array_add(result, datastore);
    }
    free(pools);
    return result;
}

static virStoragePoolPtr
lookup(virConnectPtr conn, const char *name, GError **error)
{
    virStoragePoolPtr pool = virStoragePoolLookupByName(conn, name);

    if (pool == NULL) {
        if (virGetLastErrorCode() == VIR_ERR_NO_STORAGE_POOL)
            g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_DATASTORE_NOT_FOUND, "no datastore %s",
                        name);
        else
            corrald_error_from_libvirt(error, "looking up a datastore");
    }
    return pool;
}

CorralDatastore *
corrald_datastore_get(virConnectPtr conn, const char *name, GError **error)
{
    g_autoptr(virStoragePool) pool = lookup(conn, name, error);
    CorralDatastore *datastore;

    if (pool == NULL)
        return NULL;
    bring_current(pool);
    datastore = datastore_of(pool);
    if (datastore == NULL)
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_DATASTORE_NOT_FOUND,
                    "storage pool %s is not of a datastore type", name);
    return datastore;
}

GPtrArray *
corrald_datastore_volumes(virConnectPtr conn, const char *name, GError **error)
{
    g_autoptr(virStoragePool) pool = lookup(conn, name, error);
    virStorageVolPtr *volumes = NULL;
    GPtrArray *result;
    int n;

    if (pool == NULL)
        return NULL;
    n = virStoragePoolListAllVolumes(pool, &volumes, 0);
    if (n < 0) {
        g_autofree char *what = g_strdup_printf("listing the volumes of datastore %s", name);

        corrald_error_from_libvirt(error, what);
        return NULL;
    }
    result = g_ptr_array_new_with_free_func((GDestroyNotify)corral_datastore_file_free);
    for (int i = 0; i < n; i++) {
        g_autoptr(virStorageVol) volume = volumes[i];
        virStorageVolInfo info;
        CorralDatastoreFile *file;

        if (virStorageVolGetInfo(volume, &info) < 0 || info.capacity == 0)
            continue;
        file = g_new0(CorralDatastoreFile, 1);
        file->present = ~G_GUINT64_CONSTANT(0);
        file->name = g_strdup(virStorageVolGetName(volume));
        file->type = CORRAL_FILE_TYPE_FILE;
        file->size_bytes = (gint64)MIN(info.capacity, (guint64)G_MAXINT64);
        g_ptr_array_add(result, file);
    }
    free(volumes);
    return result;
}

void
corrald_datastore_refresh(virConnectPtr conn, const char *name)
{
    g_autoptr(virStoragePool) pool = virStoragePoolLookupByName(conn, name);

    if (pool != NULL && virStoragePoolIsActive(pool) == 1 && virStoragePoolRefresh(pool, 0) < 0)
        g_message("datastore %s: refresh failed: %s", name, virGetLastErrorMessage());
}

char *
corrald_datastore_dir(virConnectPtr conn, const char *name, GError **error)
{
    g_autoptr(CorralDatastore) datastore = NULL;
    g_autoptr(virStoragePool) pool = lookup(conn, name, error);
    g_autofree char *xml = NULL;

    if (pool == NULL)
        return NULL;
    xml = virStoragePoolGetXMLDesc(pool, 0);
    datastore = xml != NULL ? corrald_storage_pool_xml_parse(xml) : NULL;
    if (datastore == NULL || datastore->type == CORRAL_DATASTORE_TYPE_ISCSI) {
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_INVALID,
                    "datastore %s holds LUNs, not files: only dir and nfs datastores have files",
                    name);
        return NULL;
    }
    if (virStoragePoolIsActive(pool) != 1) {
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_UNAVAILABLE,
                    "datastore %s is not accessible now", name);
        return NULL;
    }
    return corrald_domain_xml_pool_target(xml);
}

/* Adding */

char *
corrald_datastore_host_iqn(void)
{
    g_autofree char *text = NULL;
    g_auto(GStrv) lines = NULL;
    GString *iqn;

    if (g_file_get_contents(INITIATOR_FILE, &text, NULL, NULL)) {
        lines = g_strsplit(text, "\n", -1);
        for (guint i = 0; lines[i] != NULL; i++)
            if (g_str_has_prefix(lines[i], "InitiatorName="))
                return g_strstrip(g_strdup(lines[i] + strlen("InitiatorName=")));
    }
    /* IQNs allow lower-case letters, digits, '.', '-' and ':'. */
    iqn = g_string_new(IQN_PREFIX);
    for (const char *p = g_get_host_name(); *p != '\0'; p++)
        g_string_append_c(iqn, g_ascii_isalnum(*p) || *p == '.' || *p == '-' ? g_ascii_tolower(*p)
                                                                             : '-');
    return g_string_free(iqn, FALSE);
}

static gboolean
check_spec(virConnectPtr conn, const CorralDatastoreSpec *spec, GError **error)
{
    g_autoptr(virStoragePool) existing = NULL;

    if (g_str_equal(spec->name, ".") || g_str_equal(spec->name, "..")) {
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_INVALID,
                    "datastore-spec.name: \"%s\" cannot name a datastore", spec->name);
        return FALSE;
    }
    existing = virStoragePoolLookupByName(conn, spec->name);
    if (existing != NULL) {
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_EXISTS,
                    "a datastore called %s already exists", spec->name);
        return FALSE;
    }
    if (spec->type == CORRAL_DATASTORE_TYPE_DIR && g_str_equal(spec->source.path, "/")) {
        g_set_error_literal(error, CORRALD_ERROR, CORRALD_ERROR_INVALID,
                            "datastore-spec.source.path: the root directory cannot be a "
                            "datastore");
        return FALSE;
    }
    return TRUE;
}

CorralDatastore *
corrald_datastore_add(virConnectPtr conn, const CorralDatastoreSpec *spec, GError **error)
{
    g_autofree char *mount_path = NULL;
    g_autofree char *initiator = NULL;
    g_autofree char *xml = NULL;
    g_autoptr(virStoragePool) pool = NULL;
    gboolean needs_dir = spec->type != CORRAL_DATASTORE_TYPE_ISCSI;
    const char *dir;
    gboolean made_dir;
    CorralDatastore *datastore;

    if (!check_spec(conn, spec, error))
        return NULL;
    mount_path = g_build_filename(CORRALD_DATASTORE_MOUNT_DIR, spec->name, NULL);
    initiator = corrald_datastore_host_iqn();
    xml = corrald_datastore_xml_build(spec, mount_path, initiator);
    dir = spec->type == CORRAL_DATASTORE_TYPE_NFS ? mount_path : spec->source.path;
    made_dir = needs_dir && !g_file_test(dir, G_FILE_TEST_EXISTS);

    pool = virStoragePoolDefineXML(conn, xml, 0);
    if (pool == NULL) {
        g_autofree char *what = g_strdup_printf("adding datastore %s", spec->name);

        if (virGetLastErrorCode() == VIR_ERR_STORAGE_POOL_BUILT ||
            virGetLastErrorCode() == VIR_ERR_OPERATION_FAILED) {
            /* A source that another pool has: "Storage source conflict". */
            g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_EXISTS, "%s: %s", what,
                        virGetLastErrorMessage());
            return NULL;
        }
        corrald_error_from_libvirt(error, what);
        return NULL;
    }
    if (needs_dir && virStoragePoolBuild(pool, 0) < 0) {
        g_autofree char *what = g_strdup_printf("making the directory of datastore %s", spec->name);

        corrald_error_from_libvirt(error, what);
        goto undo;
    }
    if (virStoragePoolCreate(pool, 0) < 0) {
        set_start_error(error, spec);
        goto undo;
    }
    if (virStoragePoolSetAutostart(pool, 1) < 0)
        g_message("datastore %s will not start with the host: %s", spec->name,
                  virGetLastErrorMessage());
    datastore = datastore_of(pool);
    if (datastore == NULL)
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_FAILED,
                    "datastore %s was added but cannot be read back", spec->name);
    return datastore;

undo:
    if (virStoragePoolIsActive(pool) == 1)
        virStoragePoolDestroy(pool);
    if (virStoragePoolUndefine(pool) < 0)
        g_warning("datastore %s: removing the failed definition: %s", spec->name,
                  virGetLastErrorMessage());
    if (made_dir && g_rmdir(dir) < 0 && errno != ENOENT)
        g_message("datastore %s: leaving %s: %s", spec->name, dir, g_strerror(errno));
    return NULL;
}

/* Removing */

/* The name of a guest with a disk on datastore @name, or NULL. */
static char *
guest_using(virConnectPtr conn, const char *name, const char *dir)
{
    virDomainPtr *domains = NULL;
    int n = virConnectListAllDomains(conn, &domains, 0);
    char *user = NULL;

    for (int i = 0; i < n; i++) {
        g_autoptr(virDomain) domain = domains[i];
        g_autofree char *xml =
            user == NULL ? virDomainGetXMLDesc(domain, VIR_DOMAIN_XML_INACTIVE) : NULL;

        if (xml != NULL && corrald_domain_xml_uses_datastore(xml, name, dir))
            user = g_strdup(virDomainGetName(domain));
    }
    free(domains);
    return user;
}

gboolean
corrald_datastore_remove(virConnectPtr conn, const char *name, GError **error)
{
    g_autoptr(virStoragePool) pool = lookup(conn, name, error);
    g_autofree char *xml = NULL;
    g_autofree char *dir = NULL;
    g_autofree char *user = NULL;

    if (pool == NULL)
        return FALSE;
    xml = virStoragePoolGetXMLDesc(pool, 0);
    dir = xml != NULL ? corrald_domain_xml_pool_target(xml) : NULL;
    user = guest_using(conn, name, dir);
    if (user != NULL) {
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_INVALID_STATE,
                    "datastore %s holds a disk of vm %s: remove the disk or the vm first", name,
                    user);
        return FALSE;
    }
    if (virStoragePoolIsActive(pool) == 1 && virStoragePoolDestroy(pool) < 0) {
        g_autofree char *what = g_strdup_printf("stopping datastore %s", name);

        corrald_error_from_libvirt(error, what);
        return FALSE;
    }
    if (virStoragePoolUndefine(pool) < 0) {
        g_autofree char *what = g_strdup_printf("removing datastore %s", name);

        corrald_error_from_libvirt(error, what);
        return FALSE;
    }
    return TRUE;
}
