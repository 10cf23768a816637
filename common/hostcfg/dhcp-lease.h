/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Part of the host configuration (hostcfg): the DHCPv4 lease of the
 * management network from Debian's udhcpc, started with an argv, never
 * through a shell. udhcpc waits in the foreground for the first lease
 * (`-n`), then stays in the background as the lease's client and renews
 * it; its pid is in LEASE_DIR/udhcpc.pid. Its script writes the lease's
 * variables to a file named in CORRAL_LEASE_FILE, at the first lease and
 * at each renewal; this reads that file back, checks every value, and
 * leaves the kernel untouched: the caller applies the lease through
 * rtnetlink.
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

#define CORRAL_DHCP_PID_FILE   "udhcpc.pid"
#define CORRAL_DHCP_LEASE_FILE "dhcp-lease"

/* Asks for a lease on link @interface, trying for about @timeout_s
 * seconds, and leaves the client running to renew it (a client started
 * before from @lease_dir is stopped first). @client is the udhcpc binary,
 * @script its script; the lease and pid files are made in @lease_dir. */
CorralDhcpLease *corral_dhcp_lease_acquire(const char *interface, const char *client,
                                           const char *script, const char *lease_dir,
                                           guint timeout_s, GError **error);

/* Stops the client that corral_dhcp_lease_acquire() left running from
 * @lease_dir, if there is one; it releases its lease. */
void corral_dhcp_client_stop(const char *lease_dir);

/* Reads a lease file as the script writes it ("key=value" lines). */
CorralDhcpLease *corral_dhcp_lease_parse(const char *text, GError **error);

void corral_dhcp_lease_free(CorralDhcpLease *lease);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CorralDhcpLease, corral_dhcp_lease_free)

G_END_DECLS
