/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Resource pools at work: the pool tree (pool-tree.h) made real. Every
 * change goes the same way: it is made on a copy of the tree, checked
 * (values, admission control, guests whose cgroup would have to change
 * while they run), then enforced (cgroup partitions and their knobs, the
 * guests' <resource><partition>, their CPU shares and quotas, memory limits
 * and disk weight through libvirt's tuning calls), then saved to
 * STATE_DIR/pools.json; only then does the copy replace the tree. A refused
 * change leaves everything as it was; one that fails half-way puts the old
 * tree's settings back.
 *
 * Shares follow ESXi: guests get 500/1000/2000 CPU shares per vCPU and
 * 5/10/20 memory shares per MiB for low/normal/high, pools 2000/4000/8000
 * and 81920/163840/327680 (a pool counts as a 4-vCPU, 16 GiB guest). A CPU
 * limit in MHz becomes a CFS quota: limit / (MHz of one CPU) of a period.
 * A memory reservation becomes the soft limit (v1) or memory.low (v2);
 * CPU reservations and memory shares have no kernel knob and are enforced
 * by admission control only.
 *
 * A guest's pool is its cgroup partition, fixed while it runs: moving a
 * running guest is refused (shut it down, move, start). Guests started
 * through corrald pass admission control first and find their partition
 * recreated if libvirt removed it.
 *
 * Thread-safe: one lock serialises changes and starts.
 */
#pragma once

#include <glib.h>
#include <libvirt/libvirt.h>

#include "protocol/objects.h"

G_BEGIN_DECLS

typedef struct CorraldPoolManager CorraldPoolManager;

/* Loads STATE_DIR/pools.json and enforces it again: recreates the
 * partitions and sets every knob (corrald's start after a restart or a
 * reboot). What cannot be applied is logged, not fatal. */
CorraldPoolManager *corrald_pool_manager_new(virConnectPtr conn, const char *state_dir,
                                             GError **error);
void corrald_pool_manager_free(CorraldPoolManager *manager);

/* Every pool, parents first, without usage. */
GPtrArray *corrald_pool_manager_list(CorraldPoolManager *manager);

/* One pool by path, without usage. */
CorralPool *corrald_pool_manager_get(CorraldPoolManager *manager, const char *path, GError **error);

/* POST /pools: a new pool; returns its path. */
char *corrald_pool_manager_create(CorraldPoolManager *manager, const CorralPoolSpec *spec,
                                  GError **error);

/* PATCH /pools/{path}: name, parent and resources, each when present;
 * returns the new path. */
char *corrald_pool_manager_edit(CorraldPoolManager *manager, const char *path,
                                const CorralPoolSpec *patch, GError **error);

/* DELETE /pools/{path}; with @move its pools and guests go to its parent. */
gboolean corrald_pool_manager_delete(CorraldPoolManager *manager, const char *path, gboolean move,
                                     GError **error);

/* POST /vms/{id}/move: puts a guest that is not running in pool @path. */
gboolean corrald_pool_manager_move_vm(CorraldPoolManager *manager, virDomainPtr domain,
                                      const char *path, GError **error);

/* PUT /vms/{id}/resources: the fields of @patch that are present. */
gboolean corrald_pool_manager_set_vm_resources(CorraldPoolManager *manager, virDomainPtr domain,
                                               const CorralResources *patch, GError **error);

/* A new guest's pool and resources (POST /vms), before it is defined:
 * checks that @path exists and @resources are valid. */
gboolean corrald_pool_manager_check_new_vm(CorraldPoolManager *manager, const char *path,
                                           const CorralResources *resources, GError **error);

/* Places a newly defined guest in @path (NULL: the root) with @resources
 * (NULL: the defaults). */
gboolean corrald_pool_manager_adopt_vm(CorraldPoolManager *manager, virDomainPtr domain,
                                       const char *path, const CorralResources *resources,
                                       GError **error);

/* Powers a guest on or resumes it (@action ON or RESUME) through
 * corrald_inventory_power, after admission control for its reservations
 * and with its pool's partition in place. */
gboolean corrald_pool_manager_power_on(CorraldPoolManager *manager, virDomainPtr domain,
                                       CorralPowerAction action, GError **error);

/* Sets @vm->pool and @vm->resources (share values worked out from its
 * vcpus and memory_bytes). */
void corrald_pool_manager_fill_vm(CorraldPoolManager *manager, CorralVm *vm);

/* The path of the pool that holds guest @vm_id. */
char *corrald_pool_manager_pool_of(CorraldPoolManager *manager, const char *vm_id);

/* The cgroup partition of pool @path (for tests and benchmarks), or NULL. */
char *corrald_pool_manager_partition(CorraldPoolManager *manager, const char *path);

G_END_DECLS
