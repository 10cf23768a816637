/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Benchmark guests on libvirt (see bench-guests.h).
 */
#include "bench/bench-guests.h"

#include <gio/gio.h>
#include <libvirt/virterror.h>
#include <stdio.h>
#include <stdlib.h>

void
bench_free_domains(virDomainPtr *domains, int n)
{
    for (int i = 0; i < n; i++)
        virDomainFree(domains[i]);
    free(domains);
}

/* Defines the guests of the first @count that are not there yet; returns
 * how many it made, or -1. */
int
bench_guests_define(const BenchGuests *guests, int count, GError **error)
{
    g_autoptr(GHashTable) existing = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    virDomainPtr *domains = NULL;
    int n = virConnectListAllDomains(guests->conn, &domains, 0);
    int made = 0;

    if (n < 0) {
        g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, "listing the guests: %s",
                    virGetLastErrorMessage());
        return -1;
    }
    for (int i = 0; i < n; i++)
        g_hash_table_add(existing, g_strdup(virDomainGetName(domains[i])));
    bench_free_domains(domains, n);

    for (int i = 0; i < count; i++) {
        g_autofree char *name = g_strdup_printf("%s%04d", guests->prefix, i);
        g_autofree char *xml = NULL;
        virDomainPtr domain = NULL;

        if (g_hash_table_contains(existing, name))
            continue;
        xml = guests->xml(name, guests->xml_data);
        g_mutex_lock(guests->lock);
        if (!*guests->stopped)
            domain = virDomainDefineXML(guests->conn, xml);
        g_mutex_unlock(guests->lock);
        if (domain == NULL) {
            g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, "defining %s: %s", name,
                        *guests->stopped ? "interrupted" : virGetLastErrorMessage());
            return -1;
        }
        virDomainFree(domain);
        made++;
    }
    return made;
}

/* Undefines every guest of the prefix, running ones stopped first; says
 * on stderr, as @who, which could not be undefined. Returns how many went. */
int
bench_guests_undefine(const BenchGuests *guests, const char *who)
{
    virDomainPtr *domains = NULL;
    int n = virConnectListAllDomains(guests->conn, &domains, 0);
    int removed = 0;

    for (int i = 0; i < n; i++) {
        const char *name = virDomainGetName(domains[i]);

        if (name == NULL || !g_str_has_prefix(name, guests->prefix))
            continue;
        if (virDomainIsActive(domains[i]) == 1)
            virDomainDestroy(domains[i]);
        if (virDomainUndefine(domains[i]) == 0)
            removed++;
        else
            fprintf(stderr, "%s: undefining %s: %s\n", who, name, virGetLastErrorMessage());
    }
    bench_free_domains(domains, MAX(n, 0));
    return removed;
}
