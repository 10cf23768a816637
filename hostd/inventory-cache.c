/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The guest list in memory (see inventory-cache.h): a hash table of
 * summaries by UUID and the same summaries in name order, both replaced or
 * changed only under the write lock. A full resync reads the list the way
 * corrald_inventory_list() always has, so the cache says exactly what a
 * list read from libvirt would.
 */
#include "hostd/inventory-cache.h"

#include "hostd/domain-xml.h"
#include "hostd/hostd-error.h"
#include "hostd/inventory.h"
#include "hostd/sampler.h"
#include "hostd/vm-labels.h"

#include <libvirt/virterror.h>

struct CorraldInventoryCache {
    virConnectPtr conn;

    /* Writers: held from reading libvirt to changing the tables. */
    GMutex write_lock;

    /* Readers and the change itself. */
    GRWLock lock;
    GHashTable *vms;  /* UUID → CorralVm, owned */
    GPtrArray *order; /* the same CorralVm, borrowed, by name */
    guint64 generation;

    /* The encoded list (see corrald_inventory_cache_get_text()). */
    GMutex text_lock;
    GBytes *text;
    guint64 text_generation;
    gint64 text_made_us;

    GThread *thread;
    GMutex wait_lock;
    GCond wake;
    gboolean stopping;
};

CorraldInventoryCache *
corrald_inventory_cache_new(virConnectPtr conn)
{
    CorraldInventoryCache *cache = g_new0(CorraldInventoryCache, 1);

    cache->conn = conn;
    g_mutex_init(&cache->write_lock);
    g_rw_lock_init(&cache->lock);
    g_mutex_init(&cache->text_lock);
    cache->vms =
        g_hash_table_new_full(g_str_hash, g_str_equal, NULL, (GDestroyNotify)corral_vm_free);
    cache->order = g_ptr_array_new();
    g_mutex_init(&cache->wait_lock);
    g_cond_init(&cache->wake);
    return cache;
}

void
corrald_inventory_cache_free(CorraldInventoryCache *cache)
{
    if (cache == NULL)
        return;
    if (cache->thread != NULL) {
        g_mutex_lock(&cache->wait_lock);
        cache->stopping = TRUE;
        g_cond_broadcast(&cache->wake);
        g_mutex_unlock(&cache->wait_lock);
        g_thread_join(cache->thread);
    }
    g_ptr_array_unref(cache->order);
    g_hash_table_unref(cache->vms);
    g_rw_lock_clear(&cache->lock);
    g_clear_pointer(&cache->text, g_bytes_unref);
    g_mutex_clear(&cache->text_lock);
    g_mutex_clear(&cache->write_lock);
    g_mutex_clear(&cache->wait_lock);
    g_cond_clear(&cache->wake);
    g_free(cache);
}

/* Summaries */

/* A summary as corrald_inventory_list() makes them. */
static CorralVm *
summary_new(const char *id, const char *name, CorralVmState state, guint vcpus, gint64 memory_bytes)
{
    CorralVm *vm = g_new0(CorralVm, 1);

    vm->present = ~G_GUINT64_CONSTANT(0);
    vm->id = g_strdup(id);
    vm->name = g_strdup(name);
    vm->state = state;
    vm->vcpus = vcpus;
    vm->memory_bytes = memory_bytes;
    vm->pool = g_strdup("/");
    vm->disks = g_ptr_array_new_with_free_func((GDestroyNotify)corral_vm_disk_free);
    vm->nics = g_ptr_array_new_with_free_func((GDestroyNotify)corral_vm_nic_free);
    corrald_resources_set_default(&vm->resources);
    return vm;
}

/* Guest @uuid's summary from libvirt; NULL with @gone set when libvirt no
 * longer has the guest. The guest is looked up again rather than read
 * through the caller's handle: after a rename, the name that an event's
 * handle carries is the old one. */
static CorralVm *
summary_read(virConnectPtr conn, const char *uuid, gboolean *gone)
{
    g_autoptr(virDomain) domain = virDomainLookupByUUIDString(conn, uuid);
    virDomainInfo info;
    gboolean saved = FALSE;
    CorralVm *vm;

    *gone = FALSE;
    if (domain == NULL || virDomainGetInfo(domain, &info) < 0) {
        *gone = virGetLastErrorCode() == VIR_ERR_NO_DOMAIN;
        return NULL;
    }
    if (info.state == VIR_DOMAIN_SHUTOFF)
        saved = virDomainHasManagedSaveImage(domain, 0) > 0;
    vm = summary_new(uuid, virDomainGetName(domain),
                     corrald_vm_state_from_libvirt(info.state, saved), info.nrVirtCpu,
                     (gint64)info.maxMem * 1024);
    corrald_vm_labels_read(domain, vm);
    return vm;
}

static int
compare_names(gconstpointer a, gconstpointer b)
{
    const CorralVm *x = *(CorralVm *const *)a, *y = *(CorralVm *const *)b;
    int by_name = g_strcmp0(x->name, y->name);

    return by_name != 0 ? by_name : g_strcmp0(x->id, y->id);
}

/* Under the write lock: the order again, after a change of the table. */
static void
changed(CorraldInventoryCache *cache)
{
    GHashTableIter iter;
    gpointer value;

    g_ptr_array_set_size(cache->order, 0);
    g_hash_table_iter_init(&iter, cache->vms);
    while (g_hash_table_iter_next(&iter, NULL, &value))
        g_ptr_array_add(cache->order, value);
    g_ptr_array_sort(cache->order, compare_names);
    cache->generation++;
}

/* Writers */

gboolean
corrald_inventory_cache_resync(CorraldInventoryCache *cache, GError **error)
{
    g_autoptr(GPtrArray) vms = NULL;

    g_mutex_lock(&cache->write_lock);
    vms = corrald_inventory_list(cache->conn, error);
    if (vms != NULL) {
        g_rw_lock_writer_lock(&cache->lock);
        g_hash_table_remove_all(cache->vms);
        /* The table takes the summaries over from the list. */
        g_ptr_array_set_free_func(vms, NULL);
        for (guint i = 0; i < vms->len; i++) {
            CorralVm *vm = vms->pdata[i];

            g_hash_table_replace(cache->vms, vm->id, vm);
        }
        changed(cache);
        g_rw_lock_writer_unlock(&cache->lock);
    }
    g_mutex_unlock(&cache->write_lock);
    return vms != NULL;
}

void
corrald_inventory_cache_update(CorraldInventoryCache *cache, virDomainPtr domain)
{
    char uuid[VIR_UUID_STRING_BUFLEN];
    gboolean gone;
    CorralVm *vm;

    if (virDomainGetUUIDString(domain, uuid) < 0)
        return;
    g_mutex_lock(&cache->write_lock);
    vm = summary_read(cache->conn, uuid, &gone);
    if (vm != NULL || gone) {
        g_rw_lock_writer_lock(&cache->lock);
        if (vm != NULL)
            g_hash_table_replace(cache->vms, vm->id, vm);
        else
            g_hash_table_remove(cache->vms, uuid);
        changed(cache);
        g_rw_lock_writer_unlock(&cache->lock);
    }
    g_mutex_unlock(&cache->write_lock);
}

void
corrald_inventory_cache_remove(CorraldInventoryCache *cache, const char *id)
{
    g_mutex_lock(&cache->write_lock);
    g_rw_lock_writer_lock(&cache->lock);
    if (g_hash_table_remove(cache->vms, id))
        changed(cache);
    g_rw_lock_writer_unlock(&cache->lock);
    g_mutex_unlock(&cache->write_lock);
}

/* Readers */

guint64
corrald_inventory_cache_foreach(CorraldInventoryCache *cache, CorraldInventoryCacheFunc func,
                                gpointer data)
{
    guint64 generation;

    g_rw_lock_reader_lock(&cache->lock);
    for (guint i = 0; i < cache->order->len; i++)
        func(cache->order->pdata[i], data);
    generation = cache->generation;
    g_rw_lock_reader_unlock(&cache->lock);
    return generation;
}

guint
corrald_inventory_cache_size(CorraldInventoryCache *cache)
{
    guint size;

    g_rw_lock_reader_lock(&cache->lock);
    size = g_hash_table_size(cache->vms);
    g_rw_lock_reader_unlock(&cache->lock);
    return size;
}

CorralVm *
corrald_inventory_cache_dup(CorraldInventoryCache *cache, const char *id)
{
    const CorralVm *vm;
    CorralVm *copy = NULL;

    g_rw_lock_reader_lock(&cache->lock);
    vm = g_hash_table_lookup(cache->vms, id);
    if (vm != NULL) {
        copy = summary_new(vm->id, vm->name, vm->state, vm->vcpus, vm->memory_bytes);
        copy->tags = g_ptr_array_new_with_free_func(g_free);
        for (guint i = 0; vm->tags != NULL && i < vm->tags->len; i++)
            g_ptr_array_add(copy->tags, g_strdup(vm->tags->pdata[i]));
        copy->folder = g_strdup(vm->folder);
    }
    g_rw_lock_reader_unlock(&cache->lock);
    return copy;
}

GBytes *
corrald_inventory_cache_dup_text(CorraldInventoryCache *cache, gint64 max_age_us,
                                 CorraldInventoryTextFunc make, gpointer data)
{
    guint64 generation;
    GBytes *text;

    g_rw_lock_reader_lock(&cache->lock);
    generation = cache->generation;
    g_rw_lock_reader_unlock(&cache->lock);

    g_mutex_lock(&cache->text_lock);
    if (cache->text == NULL || cache->text_generation != generation ||
        g_get_monotonic_time() - cache->text_made_us >= max_age_us) {
        g_clear_pointer(&cache->text, g_bytes_unref);
        cache->text = make(cache, &cache->text_generation, data);
        cache->text_made_us = g_get_monotonic_time();
    }
    text = g_bytes_ref(cache->text);
    g_mutex_unlock(&cache->text_lock);
    return text;
}

/* The resync thread */

/* Sleeps until @deadline (monotonic); FALSE when told to stop. */
static gboolean
sleep_until(CorraldInventoryCache *cache, gint64 deadline)
{
    gboolean go_on;

    g_mutex_lock(&cache->wait_lock);
    while (!cache->stopping && g_get_monotonic_time() < deadline)
        g_cond_wait_until(&cache->wake, &cache->wait_lock, deadline);
    go_on = !cache->stopping;
    g_mutex_unlock(&cache->wait_lock);
    return go_on;
}

static gpointer
run_resync(gpointer data)
{
    CorraldInventoryCache *cache = data;
    gint64 next = g_get_monotonic_time();

    for (;;) {
        g_autoptr(GError) error = NULL;

        next += (gint64)CORRALD_SAMPLE_INTERVAL_S * G_USEC_PER_SEC;
        if (!sleep_until(cache, next))
            return NULL;
        if (!corrald_inventory_cache_resync(cache, &error))
            g_warning("resyncing the vm list: %s", error->message);
    }
}

void
corrald_inventory_cache_start(CorraldInventoryCache *cache)
{
    g_return_if_fail(cache->thread == NULL);

    cache->thread = g_thread_new("inventory", run_resync, cache);
}
