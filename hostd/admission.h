/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Admission control for resource pools, as pure functions over a flat
 * description of the tree, so the rules are tested table by table without
 * a hypervisor.
 *
 * The rules, one resource (CPU MHz or memory bytes) at a time: the root
 * pool's reservation is the host's capacity and it cannot borrow. A pool's
 * pools and powered-on guests reserve what they ask for; a pool that is not
 * expandable must hold the sum of its children's reservations within its
 * own, while an expandable pool takes what its own reservation does not
 * cover from its parent, and so on up to the first pool that is not
 * expandable (at the latest, the root). Nothing may reserve more than its
 * own limit, counting what an expandable pool borrows for its children.
 * The caller describes the tree as it would be after a change; a refusal
 * names the pool that is short.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
    int parent;          /* index of the parent node, always lower; -1 for the root */
    gboolean pool;       /* a pool, or else a guest */
    gboolean expandable; /* pools: may borrow from the parent */
    gint64 reservation;  /* guests: what they reserve while powered on, 0 when off */
    gint64 limit;        /* -1: unlimited */
    const char *name;    /* the pool's path or the guest's name, for messages */
} CorraldAdmissionNode;

typedef enum {
    CORRALD_ADMISSION_CPU,    /* MHz */
    CORRALD_ADMISSION_MEMORY, /* bytes */
    CORRALD_ADMISSION_LAST
} CorraldAdmissionResource;

/* Checks the tree of @n @nodes (node 0 is the root; its reservation is the
 * host's capacity) for @resource. On refusal, sets @error
 * (CORRALD_ERROR_INSUFFICIENT_RESOURCES) naming the most specific pool
 * that is short, and @short_node (may be NULL) to its index. */
gboolean corrald_admission_check(const CorraldAdmissionNode *nodes, guint n,
                                 CorraldAdmissionResource resource, int *short_node,
                                 GError **error);

/* What node @index takes from its parent: its reservation, or for an
 * expandable pool the larger of that and what its children take. */
gint64 corrald_admission_demand(const CorraldAdmissionNode *nodes, guint n, guint index);

/* A figure of @resource as people read it: "2600 MHz", "512 MiB". */
char *corrald_admission_format(CorraldAdmissionResource resource, gint64 value);

G_END_DECLS
