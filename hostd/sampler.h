/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The stats sampler: every CORRALD_SAMPLE_INTERVAL_S seconds it samples the
 * host (CPU from /proc/stat, memory from /proc/meminfo, disks from
 * /proc/diskstats, network from /proc/net/dev) and every running guest (one
 * virConnectGetAllDomainStats call for all of them per tick), and keeps the
 * last CORRALD_SAMPLE_KEEP samples (an hour) of each in a ring.
 *
 * Samples are taken in a thread of the sampler's own, never on the main
 * loop, so a slow libvirt cannot stall it; the first sample is taken as
 * soon as the thread starts. Readers call from any thread (one mutex).
 */
#pragma once

#include <glib.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "protocol/objects.h"

G_BEGIN_DECLS

#define CORRALD_SAMPLE_INTERVAL_S 20
#define CORRALD_SAMPLE_KEEP       180

typedef struct CorraldSampler CorraldSampler;

/* @conn is borrowed and must outlive the sampler. */
CorraldSampler *corrald_sampler_new(virConnectPtr conn);

/* Starts the sampling thread; it samples at once, then every interval. */
void corrald_sampler_start(CorraldSampler *sampler);

/* Stops the thread (if started) and frees the sampler. */
void corrald_sampler_free(CorraldSampler *sampler);

/* Takes one sample of everything now, in the caller's thread (tests). */
void corrald_sampler_sample_now(CorraldSampler *sampler);

/* The latest usage of guest @vm_id, or of the host when @vm_id is NULL;
 * FALSE (and @usage zeroed) when there is no sample yet. */
gboolean corrald_sampler_usage(CorraldSampler *sampler, const char *vm_id, CorralUsage *usage);

/* The samples of guest @vm_id, or of the host when NULL, oldest first;
 * empty when there are none. */
CorralStats *corrald_sampler_stats(CorraldSampler *sampler, const char *vm_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CorraldSampler, corrald_sampler_free)

G_END_DECLS
