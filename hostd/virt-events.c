/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Domain lifecycle events into the event log (see virt-events.h), through
 * one table from libvirt's (event, detail) to an event kind and message;
 * metadata changes into the inventory cache.
 */
#include "hostd/virt-events.h"

#include "hostd/daemon.h"
#include "hostd/hostd-error.h"
#include "hostd/inventory-cache.h"

#include <libvirt/virterror.h>

#define ANY_DETAIL (-1)

/* The first row that matches wins; a NULL kind means "not logged". Note
 * that libvirt's "suspended" is the API's "paused", and a guest saved to
 * disk (the API's suspend) stops with the detail "saved". QEMU guests also
 * "resume" while they start: a resume counts only after a pause. */
static const struct {
    int event;
    int detail;
    const char *kind;
    const char *words;
    gboolean after_pause;
} lifecycle[] = {
    {VIR_DOMAIN_EVENT_DEFINED, VIR_DOMAIN_EVENT_DEFINED_UPDATED, "vm-updated", "reconfigured"},
    {VIR_DOMAIN_EVENT_DEFINED, VIR_DOMAIN_EVENT_DEFINED_RENAMED, "vm-renamed", "renamed"},
    {VIR_DOMAIN_EVENT_DEFINED, VIR_DOMAIN_EVENT_DEFINED_FROM_SNAPSHOT, "vm-updated",
     "reconfigured from a snapshot"},
    {VIR_DOMAIN_EVENT_DEFINED, ANY_DETAIL, "vm-defined", "defined"},
    {VIR_DOMAIN_EVENT_UNDEFINED, VIR_DOMAIN_EVENT_UNDEFINED_RENAMED, NULL, NULL},
    {VIR_DOMAIN_EVENT_UNDEFINED, ANY_DETAIL, "vm-undefined", "deleted"},
    {VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_RESTORED, "vm-resumed",
     "resumed from disk"},
    {VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_FROM_SNAPSHOT, "vm-started",
     "started from a snapshot"},
    {VIR_DOMAIN_EVENT_STARTED, ANY_DETAIL, "vm-started", "started"},
    {VIR_DOMAIN_EVENT_SUSPENDED, ANY_DETAIL, "vm-paused", "paused"},
    {VIR_DOMAIN_EVENT_RESUMED, ANY_DETAIL, "vm-resumed", "resumed", TRUE},
    {VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_CRASHED, "vm-crashed", "crashed"},
    {VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_SAVED, "vm-suspended", "suspended to disk"},
    {VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN, "vm-stopped", "shut down"},
    {VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_DESTROYED, "vm-stopped", "powered off"},
    {VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_FAILED, "vm-stopped", "failed"},
    {VIR_DOMAIN_EVENT_STOPPED, ANY_DETAIL, "vm-stopped", "stopped"},
    {VIR_DOMAIN_EVENT_SHUTDOWN, ANY_DETAIL, NULL, NULL}, /* "stopped" follows */
    {VIR_DOMAIN_EVENT_PMSUSPENDED, ANY_DETAIL, "vm-suspended", "suspended by its guest"},
    {VIR_DOMAIN_EVENT_CRASHED, ANY_DETAIL, "vm-crashed", "crashed"},
};

/* The callback registrations; one connection per process. */
static int callback_id = -1;
static int metadata_callback_id = -1;

/* The UUIDs of guests that libvirt paused; only the event thread uses it. */
static GHashTable *paused;

static gssize
find_row(int event, int detail)
{
    for (gsize i = 0; i < G_N_ELEMENTS(lifecycle); i++)
        if (lifecycle[i].event == event &&
            (lifecycle[i].detail == ANY_DETAIL || lifecycle[i].detail == detail))
            return (gssize)i;
    return -1;
}

gboolean
corrald_virt_event_describe(int event, int detail, const char **kind, const char **words)
{
    gssize row = find_row(event, detail);

    if (row < 0)
        return FALSE;
    *kind = lifecycle[row].kind;
    *words = lifecycle[row].words;
    return lifecycle[row].kind != NULL;
}

/* Whether to log the event: a resume only when the guest was paused. */
static gboolean
worth_logging(const char *uuid, int event, int detail)
{
    gssize row = find_row(event, detail);
    gboolean was_paused = g_hash_table_remove(paused, uuid);

    if (event == VIR_DOMAIN_EVENT_SUSPENDED)
        g_hash_table_add(paused, g_strdup(uuid));
    return row >= 0 && (!lifecycle[row].after_pause || was_paused);
}

/* Runs in libvirt's event loop thread. */
static int
on_lifecycle(virConnectPtr conn, virDomainPtr domain, int event, int detail, void *opaque)
{
    CorraldDaemon *daemon = opaque;
    char uuid[VIR_UUID_STRING_BUFLEN];
    const char *kind, *words;

    /* Every event, logged or not, may change what the list shows. */
    if (daemon->inventory != NULL)
        corrald_inventory_cache_update(daemon->inventory, domain);
    if (virDomainGetUUIDString(domain, uuid) < 0 || !worth_logging(uuid, event, detail) ||
        !corrald_virt_event_describe(event, detail, &kind, &words))
        return 0;
    corrald_event_log_add(daemon->events, kind, uuid, NULL, "%s %s", virDomainGetName(domain),
                          words);
    return 0;
}

/* Runs in libvirt's event loop thread. A change of the metadata (the tags
 * and folder, by corrald or by hand) only refreshes the list: corrald
 * logs its own changes, as "vm-edit". */
static void
on_metadata(virConnectPtr conn, virDomainPtr domain, int type, const char *nsuri, void *opaque)
{
    CorraldDaemon *daemon = opaque;

    if (daemon->inventory != NULL)
        corrald_inventory_cache_update(daemon->inventory, domain);
}

gboolean
corrald_virt_events_start(CorraldDaemon *daemon, GError **error)
{
    g_return_val_if_fail(callback_id < 0, FALSE);

    if (paused == NULL)
        paused = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    callback_id =
        virConnectDomainEventRegisterAny(daemon->conn, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                         VIR_DOMAIN_EVENT_CALLBACK(on_lifecycle), daemon, NULL);
    if (callback_id < 0) {
        corrald_error_from_libvirt(error, "listening to libvirt's domain events");
        return FALSE;
    }
    metadata_callback_id =
        virConnectDomainEventRegisterAny(daemon->conn, NULL, VIR_DOMAIN_EVENT_ID_METADATA_CHANGE,
                                         VIR_DOMAIN_EVENT_CALLBACK(on_metadata), daemon, NULL);
    if (metadata_callback_id < 0)
        g_warning("libvirt reports no metadata changes: %s (the list heals at its resync)",
                  virGetLastErrorMessage());
    return TRUE;
}

void
corrald_virt_events_stop(CorraldDaemon *daemon)
{
    if (callback_id < 0)
        return;
    virConnectDomainEventDeregisterAny(daemon->conn, callback_id);
    callback_id = -1;
    if (metadata_callback_id >= 0)
        virConnectDomainEventDeregisterAny(daemon->conn, metadata_callback_id);
    metadata_callback_id = -1;
}
