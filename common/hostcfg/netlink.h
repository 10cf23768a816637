/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Part of the host configuration (hostcfg): a small rtnetlink client for
 * what the management network needs: list links and addresses, bring a
 * link up, add and remove addresses and default routes, make and delete
 * VLAN links. It talks to the kernel of the calling thread's network
 * namespace, so tests run it inside `ip netns exec` and the machine's own
 * network is never touched. Requests block until the kernel acknowledges.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct CorralNetlink CorralNetlink;

typedef struct {
    int index;
    char *name;
    char *mac;   /* "52:54:00:12:34:56", or NULL */
    char *kind;  /* "vlan", "veth", … or NULL for a plain device */
    int parent;  /* the lower link of a VLAN, 0 otherwise */
    gboolean up; /* administratively up */
    gboolean carrier;
    gboolean loopback;
} CorralNetLink;

typedef struct {
    int family; /* AF_INET or AF_INET6 */
    char *address;
    int prefix;
    gboolean global;  /* not link-local nor host scope */
    gboolean dynamic; /* has a finite lifetime (DHCP, SLAAC) */
} CorralNetAddress;

CorralNetlink *corral_netlink_open(GError **error);
void corral_netlink_close(CorralNetlink *nl);

/* The index of link @name, 0 with an error when there is none. */
int corral_netlink_link_index(CorralNetlink *nl, const char *name, GError **error);

/* Every link, CorralNetLink *, in index order. */
GPtrArray *corral_netlink_list_links(CorralNetlink *nl, GError **error);
void corral_net_link_free(CorralNetLink *link);

/* The addresses of link @index (0: every link) of @family (0: both). */
GPtrArray *corral_netlink_list_addresses(CorralNetlink *nl, int index, int family, GError **error);
void corral_net_address_free(CorralNetAddress *address);

gboolean corral_netlink_set_up(CorralNetlink *nl, int index, gboolean up, GError **error);

/* Adds or removes @address/@prefix on link @index; @address is text. */
gboolean corral_netlink_address(CorralNetlink *nl, gboolean add, int index, const char *address,
                                int prefix, GError **error);

/* Removes every global address of @family from link @index. */
gboolean corral_netlink_flush_addresses(CorralNetlink *nl, int index, int family, GError **error);

/* Adds (replacing any) the default route of @gateway's family via link
 * @index. */
gboolean corral_netlink_add_default_route(CorralNetlink *nl, int index, const char *gateway,
                                          GError **error);

/* Removes the default routes of @family that leave through link @index. */
gboolean corral_netlink_flush_default_routes(CorralNetlink *nl, int index, int family,
                                             GError **error);

/* Makes link @name, VLAN @vlan on top of link @parent. */
gboolean corral_netlink_add_vlan(CorralNetlink *nl, int parent, const char *name, int vlan,
                                 GError **error);
gboolean corral_netlink_delete_link(CorralNetlink *nl, int index, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CorralNetlink, corral_netlink_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CorralNetLink, corral_net_link_free)

G_END_DECLS
