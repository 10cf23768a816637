/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Admission control (see admission.h): one pass from the leaves up, since
 * every node's parent has a lower index.
 */
#include "hostd/admission.h"

#include "hostd/hostd-error.h"

static const char *const resource_names[CORRALD_ADMISSION_LAST] = {
    [CORRALD_ADMISSION_CPU] = "CPU",
    [CORRALD_ADMISSION_MEMORY] = "memory",
};

char *
corrald_admission_format(CorraldAdmissionResource resource, gint64 value)
{
    if (resource == CORRALD_ADMISSION_CPU)
        return g_strdup_printf("%" G_GINT64_FORMAT " MHz", value);
    if (value % (1024 * 1024) == 0)
        return g_strdup_printf("%" G_GINT64_FORMAT " MiB", value / (1024 * 1024));
    return g_strdup_printf("%" G_GINT64_FORMAT " bytes", value);
}

/* Fills @children (what each node's children take) and @demand (what each
 * node takes from its parent). */
static void
compute(const CorraldAdmissionNode *nodes, guint n, gint64 *children, gint64 *demand)
{
    for (guint i = 0; i < n; i++)
        children[i] = 0;
    for (guint k = n; k-- > 0;) {
        const CorraldAdmissionNode *node = &nodes[k];

        if (node->pool && node->expandable && node->parent >= 0)
            demand[k] = MAX(node->reservation, children[k]);
        else
            demand[k] = node->reservation;
        if (node->parent >= 0)
            children[node->parent] += demand[k];
    }
}

gint64
corrald_admission_demand(const CorraldAdmissionNode *nodes, guint n, guint index)
{
    g_autofree gint64 *children = g_new(gint64, n);
    g_autofree gint64 *demand = g_new(gint64, n);

    compute(nodes, n, children, demand);
    return demand[index];
}

gboolean
corrald_admission_check(const CorraldAdmissionNode *nodes, guint n,
                        CorraldAdmissionResource resource, int *short_node, GError **error)
{
    g_autofree gint64 *children = g_new(gint64, n);
    g_autofree gint64 *demand = g_new(gint64, n);
    const char *what = resource_names[resource];

    g_return_val_if_fail(n > 0 && nodes[0].parent < 0, FALSE);
    compute(nodes, n, children, demand);
    /* From the leaves up: the first failure is the most specific one. */
    for (guint k = n; k-- > 0;) {
        const CorraldAdmissionNode *node = &nodes[k];
        gboolean borrows = node->pool && node->expandable && node->parent >= 0;
        g_autofree char *need = corrald_admission_format(resource, children[k]);
        g_autofree char *have = corrald_admission_format(resource, node->reservation);
        g_autofree char *limit = corrald_admission_format(resource, node->limit);
        g_autofree char *taken = corrald_admission_format(resource, demand[k]);

        if (node->pool && !borrows && children[k] > node->reservation) {
            if (short_node != NULL)
                *short_node = (int)k;
            if (node->parent < 0)
                g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_INSUFFICIENT_RESOURCES,
                            "pool %s is short of %s: the reservations below it add up to %s, "
                            "the host has %s",
                            node->name, what, need, have);
            else
                g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_INSUFFICIENT_RESOURCES,
                            "pool %s is short of %s: the reservations below it add up to %s, "
                            "it reserves %s and is not expandable",
                            node->name, what, need, have);
            return FALSE;
        }
        if (node->limit >= 0 && demand[k] > node->limit) {
            if (short_node != NULL)
                *short_node = (int)k;
            g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_INSUFFICIENT_RESOURCES,
                        "%s %s is short of %s: it would reserve %s, above its limit of %s",
                        node->pool ? "pool" : "vm", node->name, what, taken, limit);
            return FALSE;
        }
    }
    return TRUE;
}
