/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Part of the host configuration (hostcfg): one DHCPv4 lease for the
 * management network from Debian's udhcpc, run once in the foreground
 * (`-f -q -n`) with an argv, never through a shell. Its script writes the
 * lease's variables to a file named in CORRAL_LEASE_FILE; this reads that
 * file back, checks every value, and leaves the kernel untouched: the
 * caller applies the lease through rtnetlink.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
    char *address;  /* "192.0.2.10" */
    int prefix;     /* 24 */
    char *router;   /* the first router, or NULL */
    GPtrArray *dns; /* char *: server addresses */
    char *domain;   /* the search domain, or NULL */
} CorralDhcpLease;

/* Asks for a lease on link @interface, trying for about @timeout_s
 * seconds. @client is the udhcpc binary, @script its script; the lease file
 * is made in @lease_dir. */
CorralDhcpLease *corral_dhcp_lease_acquire(const char *interface, const char *client,
                                           const char *script, const char *lease_dir,
                                           guint timeout_s, GError **error);

/* Reads a lease file as the script writes it ("key=value" lines). */
CorralDhcpLease *corral_dhcp_lease_parse(const char *text, GError **error);

void corral_dhcp_lease_free(CorralDhcpLease *lease);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CorralDhcpLease, corral_dhcp_lease_free)

G_END_DECLS
