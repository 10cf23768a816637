/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The guest list in memory, as ESXi's hostd keeps its inventory: each
 * guest's summary (id, name, state, vcpus, memory_bytes, pool, tags and
 * folder) by UUID, so GET /vms answers without asking libvirt about every
 * guest. It is filled at start and kept current three ways: the handlers
 * update a guest synchronously once libvirt has done what they asked (so a
 * caller sees the new state in the very next list), libvirt's lifecycle and
 * metadata events update the guest they name whoever changed it, and a full
 * resync every CORRALD_SAMPLE_INTERVAL_S seconds heals whatever an event
 * missed.
 *
 * Readers share a GRWLock and never wait for each other nor for libvirt;
 * a writer reads libvirt first, outside the read-write lock, under a
 * mutex of the writers, so that the last writer is always the one that
 * read libvirt last. Callable from any thread.
 */
#pragma once

#include <glib.h>
#include <libvirt/libvirt.h>

#include "protocol/objects.h"

G_BEGIN_DECLS

typedef struct CorraldInventoryCache CorraldInventoryCache;

/* An empty cache over @conn (borrowed; it must outlive the cache). */
CorraldInventoryCache *corrald_inventory_cache_new(virConnectPtr conn);

/* Stops the resync thread (if started) and frees the cache. */
void corrald_inventory_cache_free(CorraldInventoryCache *cache);

/* Starts the thread that resyncs every CORRALD_SAMPLE_INTERVAL_S seconds. */
void corrald_inventory_cache_start(CorraldInventoryCache *cache);

/* Replaces the whole cache with what libvirt has now; on failure the cache
 * is left as it was. */
gboolean corrald_inventory_cache_resync(CorraldInventoryCache *cache, GError **error);

/* Re-reads guest @domain from libvirt: updates its entry, adds it when it
 * is new, removes it when libvirt no longer knows it. Other failures
 * (libvirt unreachable) leave the entry as it was, for the resync. */
void corrald_inventory_cache_update(CorraldInventoryCache *cache, virDomainPtr domain);

/* Forgets guest @id (after a delete). */
void corrald_inventory_cache_remove(CorraldInventoryCache *cache, const char *id);

/* Called for each guest in name order, under the read lock: @vm is
 * borrowed for the call only and must not be changed nor kept. */
typedef void (*CorraldInventoryCacheFunc)(const CorralVm *vm, gpointer data);

/* Calls @func for every guest; returns the cache's generation, which
 * grows with every change, read under the same lock. */
guint64 corrald_inventory_cache_foreach(CorraldInventoryCache *cache,
                                        CorraldInventoryCacheFunc func, gpointer data);

/* How many guests the cache holds. */
guint corrald_inventory_cache_size(CorraldInventoryCache *cache);

/* Encodes the whole list into one text (GET /vms's answer for a user who
 * sees every guest); called with the text lock held, and returns the
 * text and the generation that foreach gave it. */
typedef GBytes *(*CorraldInventoryTextFunc)(CorraldInventoryCache *cache, guint64 *generation,
                                            gpointer data);

/* The encoded list, kept beside the list so that a thousand guests are
 * not encoded again for every caller: a new reference to the kept text
 * while the list has not changed since it was made and it is younger than
 * @max_age_us (usage and pools change without the list); else @make makes
 * it again. One caller makes it while the others wait for that text, so
 * a change under load costs one encoding, not one per caller. */
GBytes *corrald_inventory_cache_dup_text(CorraldInventoryCache *cache, gint64 max_age_us,
                                         CorraldInventoryTextFunc make, gpointer data);

/* A copy of guest @id's summary, or NULL when the cache has none. */
CorralVm *corrald_inventory_cache_dup(CorraldInventoryCache *cache, const char *id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CorraldInventoryCache, corrald_inventory_cache_free)

G_END_DECLS
