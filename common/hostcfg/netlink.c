/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The rtnetlink client: one NETLINK_ROUTE socket, requests built in a
 * fixed buffer with the attribute helpers below, acknowledged one at a
 * time; dumps are read until NLMSG_DONE.
 */
#include "config.h"

#include "common/hostcfg/netlink.h"

#include "common/error.h"

#include <arpa/inet.h>
#include <errno.h>
/* net/if.h before the kernel headers, which then skip what it defines. */
#include <net/if.h>
#include <linux/if_link.h>
#include <linux/if_vlan.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define BUF_SIZE 32768

#ifndef IFF_LOWER_UP
#define IFF_LOWER_UP 0x10000 /* linux/if.h: the carrier is present */
#endif

struct CorralNetlink {
    int fd;
    guint32 seq;
    int last_errno; /* of the last refused request */
};

typedef struct {
    struct nlmsghdr *hdr;
    guint8 buf[4096];
} Request;

static gboolean
fail_errno(GError **error, int err, const char *what)
{
    g_set_error(error, CORRAL_ERROR,
                err == EPERM || err == EACCES ? CORRAL_ERROR_PERMISSION : CORRAL_ERROR_FAILED,
                "%s: %s", what, g_strerror(err));
    return FALSE;
}

CorralNetlink *
corral_netlink_open(GError **error)
{
    struct sockaddr_nl sa = {.nl_family = AF_NETLINK};
    CorralNetlink *nl;
    int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);

    if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0) {
        fail_errno(error, errno, "rtnetlink");
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    nl = g_new0(CorralNetlink, 1);
    nl->fd = fd;
    nl->seq = (guint32)g_get_monotonic_time();
    return nl;
}

void
corral_netlink_close(CorralNetlink *nl)
{
    if (nl == NULL)
        return;
    close(nl->fd);
    g_free(nl);
}

static void *
request_init(Request *r, int type, int flags, gsize header_len)
{
    memset(r, 0, sizeof *r);
    r->hdr = (struct nlmsghdr *)r->buf;
    r->hdr->nlmsg_len = NLMSG_LENGTH(header_len);
    r->hdr->nlmsg_type = type;
    r->hdr->nlmsg_flags = NLM_F_REQUEST | flags;
    return NLMSG_DATA(r->hdr);
}

static struct rtattr *
add_attr(Request *r, int type, const void *data, gsize len)
{
    struct rtattr *rta = (struct rtattr *)(r->buf + NLMSG_ALIGN(r->hdr->nlmsg_len));

    g_assert(NLMSG_ALIGN(r->hdr->nlmsg_len) + RTA_SPACE(len) <= sizeof r->buf);
    rta->rta_type = type;
    rta->rta_len = RTA_LENGTH(len);
    if (len > 0)
        memcpy(RTA_DATA(rta), data, len);
    r->hdr->nlmsg_len = NLMSG_ALIGN(r->hdr->nlmsg_len) + RTA_ALIGN(rta->rta_len);
    return rta;
}

static void
end_nest(Request *r, struct rtattr *nest)
{
    nest->rta_len = (guint8 *)r->buf + r->hdr->nlmsg_len - (guint8 *)nest;
}

/* Sends @r and calls @each for every answer until the acknowledgement or
 * the end of the dump. */
typedef void (*EachFunc)(struct nlmsghdr *h, gpointer data);

static gboolean
transact(CorralNetlink *nl, Request *r, EachFunc each, gpointer data, const char *what,
         GError **error)
{
    g_autofree guint8 *buf = g_malloc(BUF_SIZE);
    struct sockaddr_nl sa = {.nl_family = AF_NETLINK};
    guint32 seq = ++nl->seq;

    r->hdr->nlmsg_seq = seq;
    if (sendto(nl->fd, r->buf, r->hdr->nlmsg_len, 0, (struct sockaddr *)&sa, sizeof sa) < 0)
        return fail_errno(error, errno, what);
    for (;;) {
        ssize_t n = recv(nl->fd, buf, BUF_SIZE, 0);
        struct nlmsghdr *h;

        if (n < 0) {
            if (errno == EINTR)
                continue;
            return fail_errno(error, errno, what);
        }
        for (h = (struct nlmsghdr *)buf; NLMSG_OK(h, (guint32)n); h = NLMSG_NEXT(h, n)) {
            if (h->nlmsg_seq != seq)
                continue;
            if (h->nlmsg_type == NLMSG_DONE)
                return TRUE;
            if (h->nlmsg_type == NLMSG_ERROR) {
                struct nlmsgerr *e = NLMSG_DATA(h);

                if (e->error == 0)
                    return TRUE;
                nl->last_errno = -e->error;
                return fail_errno(error, -e->error, what);
            }
            if (each != NULL)
                each(h, data);
        }
    }
}

int
corral_netlink_link_index(CorralNetlink *nl, const char *name, GError **error)
{
    int index = (int)if_nametoindex(name);

    if (index == 0)
        g_set_error(error, CORRAL_ERROR, CORRAL_ERROR_NOT_FOUND, "%s: %s", name,
                    g_strerror(ENODEV));
    return index;
}

void
corral_net_link_free(CorralNetLink *link)
{
    if (link == NULL)
        return;
    g_free(link->name);
    g_free(link->mac);
    g_free(link->kind);
    g_free(link);
}

static void
parse_linkinfo(CorralNetLink *link, struct rtattr *info)
{
    int len = RTA_PAYLOAD(info);

    for (struct rtattr *a = RTA_DATA(info); RTA_OK(a, len); a = RTA_NEXT(a, len))
        if (a->rta_type == IFLA_INFO_KIND)
            link->kind = g_strndup(RTA_DATA(a), RTA_PAYLOAD(a));
}

static void
each_link(struct nlmsghdr *h, gpointer data)
{
    GPtrArray *links = data;
    struct ifinfomsg *ifi = NLMSG_DATA(h);
    int len = IFLA_PAYLOAD(h);
    CorralNetLink *link;

    if (h->nlmsg_type != RTM_NEWLINK)
        return;
    link = g_new0(CorralNetLink, 1);
    link->index = ifi->ifi_index;
    link->up = (ifi->ifi_flags & IFF_UP) != 0;
    link->carrier = (ifi->ifi_flags & IFF_LOWER_UP) != 0;
    link->loopback = (ifi->ifi_flags & IFF_LOOPBACK) != 0;
    for (struct rtattr *a = IFLA_RTA(ifi); RTA_OK(a, len); a = RTA_NEXT(a, len)) {
        switch (a->rta_type) {
        case IFLA_IFNAME:
            link->name = g_strndup(RTA_DATA(a), RTA_PAYLOAD(a));
            break;
        case IFLA_ADDRESS:
            if (RTA_PAYLOAD(a) == 6) {
                const guint8 *m = RTA_DATA(a);

                link->mac = g_strdup_printf("%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3],
                                            m[4], m[5]);
            }
            break;
        case IFLA_LINK:
            link->parent = *(int *)RTA_DATA(a);
            break;
        case IFLA_LINKINFO:
            parse_linkinfo(link, a);
            break;
        default:
            break;
        }
    }
    g_ptr_array_add(links, link);
}

GPtrArray *
corral_netlink_list_links(CorralNetlink *nl, GError **error)
{
    g_autoptr(GPtrArray) links =
        g_ptr_array_new_with_free_func((GDestroyNotify)corral_net_link_free);
    Request r;
    struct ifinfomsg *ifi = request_init(&r, RTM_GETLINK, NLM_F_DUMP, sizeof *ifi);

    ifi->ifi_family = AF_UNSPEC;
    if (!transact(nl, &r, each_link, links, "listing network adapters", error))
        return NULL;
    return g_steal_pointer(&links);
}

void
corral_net_address_free(CorralNetAddress *address)
{
    if (address == NULL)
        return;
    g_free(address->address);
    g_free(address);
}

typedef struct {
    GPtrArray *list;
    int index;
    int family;
} AddrDump;

static void
each_address(struct nlmsghdr *h, gpointer data)
{
    AddrDump *d = data;
    struct ifaddrmsg *ifa = NLMSG_DATA(h);
    int len = IFA_PAYLOAD(h);
    char text[INET6_ADDRSTRLEN] = "";
    const void *local = NULL, *address = NULL;
    gboolean dynamic = FALSE;
    CorralNetAddress *a;

    if (h->nlmsg_type != RTM_NEWADDR || (d->index != 0 && (int)ifa->ifa_index != d->index) ||
        (d->family != 0 && ifa->ifa_family != d->family))
        return;
    for (struct rtattr *rta = IFA_RTA(ifa); RTA_OK(rta, len); rta = RTA_NEXT(rta, len)) {
        if (rta->rta_type == IFA_LOCAL)
            local = RTA_DATA(rta);
        else if (rta->rta_type == IFA_ADDRESS)
            address = RTA_DATA(rta);
        else if (rta->rta_type == IFA_CACHEINFO)
            dynamic = ((struct ifa_cacheinfo *)RTA_DATA(rta))->ifa_valid != G_MAXUINT32;
    }
    if (local == NULL)
        local = address;
    if (local == NULL || inet_ntop(ifa->ifa_family, local, text, sizeof text) == NULL)
        return;
    a = g_new0(CorralNetAddress, 1);
    a->family = ifa->ifa_family;
    a->address = g_strdup(text);
    a->prefix = ifa->ifa_prefixlen;
    a->global = ifa->ifa_scope == RT_SCOPE_UNIVERSE;
    a->dynamic = dynamic;
    g_ptr_array_add(d->list, a);
}

GPtrArray *
corral_netlink_list_addresses(CorralNetlink *nl, int index, int family, GError **error)
{
    AddrDump d = {g_ptr_array_new_with_free_func((GDestroyNotify)corral_net_address_free), index,
                  family};
    Request r;
    struct ifaddrmsg *ifa = request_init(&r, RTM_GETADDR, NLM_F_DUMP, sizeof *ifa);

    ifa->ifa_family = family;
    if (!transact(nl, &r, each_address, &d, "listing addresses", error)) {
        g_ptr_array_unref(d.list);
        return NULL;
    }
    return d.list;
}

gboolean
corral_netlink_set_up(CorralNetlink *nl, int index, gboolean up, GError **error)
{
    Request r;
    struct ifinfomsg *ifi = request_init(&r, RTM_NEWLINK, NLM_F_ACK, sizeof *ifi);

    ifi->ifi_family = AF_UNSPEC;
    ifi->ifi_index = index;
    ifi->ifi_change = IFF_UP;
    ifi->ifi_flags = up ? IFF_UP : 0;
    return transact(nl, &r, NULL, NULL, "bringing the adapter up", error);
}

static gboolean
parse_address(const char *text, int *family, guint8 *buf, GError **error)
{
    if (inet_pton(AF_INET, text, buf) == 1) {
        *family = AF_INET;
        return TRUE;
    }
    if (inet_pton(AF_INET6, text, buf) == 1) {
        *family = AF_INET6;
        return TRUE;
    }
    g_set_error(error, CORRAL_ERROR, CORRAL_ERROR_INVALID, "not an address: %s", text);
    return FALSE;
}

gboolean
corral_netlink_address(CorralNetlink *nl, gboolean add, int index, const char *address, int prefix,
                       GError **error)
{
    guint8 bin[16];
    int family;
    Request r;
    struct ifaddrmsg *ifa;
    gsize len;
    g_autofree char *what = NULL;

    if (!parse_address(address, &family, bin, error))
        return FALSE;
    len = family == AF_INET ? 4 : 16;
    ifa = request_init(&r, add ? RTM_NEWADDR : RTM_DELADDR,
                       NLM_F_ACK | (add ? NLM_F_CREATE | NLM_F_REPLACE : 0), sizeof *ifa);
    ifa->ifa_family = family;
    ifa->ifa_prefixlen = prefix;
    ifa->ifa_index = index;
    ifa->ifa_scope = RT_SCOPE_UNIVERSE;
    add_attr(&r, IFA_LOCAL, bin, len);
    add_attr(&r, IFA_ADDRESS, bin, len);
    if (family == AF_INET && add && prefix < 31) {
        guint32 a, mask = prefix == 0 ? 0 : ~(0xffffffffu >> prefix);

        memcpy(&a, bin, 4);
        a = htonl((ntohl(a) & mask) | ~mask);
        add_attr(&r, IFA_BROADCAST, &a, 4);
    }
    what = g_strdup_printf(add ? "adding %s/%d" : "removing %s/%d", address, prefix);
    return transact(nl, &r, NULL, NULL, what, error);
}

gboolean
corral_netlink_flush_addresses(CorralNetlink *nl, int index, int family, GError **error)
{
    g_autoptr(GPtrArray) list = corral_netlink_list_addresses(nl, index, family, error);

    if (list == NULL)
        return FALSE;
    for (guint i = 0; i < list->len; i++) {
        CorralNetAddress *a = list->pdata[i];

        if (a->global && !corral_netlink_address(nl, FALSE, index, a->address, a->prefix, error))
            return FALSE;
    }
    return TRUE;
}

gboolean
corral_netlink_add_default_route(CorralNetlink *nl, int index, const char *gateway, GError **error)
{
    guint8 bin[16];
    int family;
    Request r;
    struct rtmsg *rtm;
    guint32 oif = index;

    if (!parse_address(gateway, &family, bin, error))
        return FALSE;
    rtm = request_init(&r, RTM_NEWROUTE, NLM_F_ACK | NLM_F_CREATE | NLM_F_REPLACE, sizeof *rtm);
    rtm->rtm_family = family;
    rtm->rtm_table = RT_TABLE_MAIN;
    rtm->rtm_protocol = RTPROT_STATIC;
    rtm->rtm_scope = RT_SCOPE_UNIVERSE;
    rtm->rtm_type = RTN_UNICAST;
    add_attr(&r, RTA_GATEWAY, bin, family == AF_INET ? 4 : 16);
    add_attr(&r, RTA_OIF, &oif, sizeof oif);
    return transact(nl, &r, NULL, NULL, "adding the default route", error);
}

typedef struct {
    GArray *routes; /* struct rtmsg copies plus gateway, as Request */
    int index;
    int family;
} RouteDump;

typedef struct {
    struct rtmsg rtm;
    guint8 gateway[16];
    gboolean has_gateway;
} Route;

static void
each_route(struct nlmsghdr *h, gpointer data)
{
    RouteDump *d = data;
    struct rtmsg *rtm = NLMSG_DATA(h);
    int len = RTM_PAYLOAD(h);
    Route route = {.rtm = *rtm};
    int oif = 0;

    if (h->nlmsg_type != RTM_NEWROUTE || rtm->rtm_dst_len != 0 || rtm->rtm_table != RT_TABLE_MAIN ||
        rtm->rtm_family != d->family)
        return;
    for (struct rtattr *a = RTM_RTA(rtm); RTA_OK(a, len); a = RTA_NEXT(a, len)) {
        if (a->rta_type == RTA_OIF)
            oif = *(int *)RTA_DATA(a);
        else if (a->rta_type == RTA_GATEWAY && RTA_PAYLOAD(a) <= sizeof route.gateway) {
            memcpy(route.gateway, RTA_DATA(a), RTA_PAYLOAD(a));
            route.has_gateway = TRUE;
        }
    }
    if (oif == d->index)
        g_array_append_val(d->routes, route);
}

gboolean
corral_netlink_flush_default_routes(CorralNetlink *nl, int index, int family, GError **error)
{
    g_autoptr(GArray) routes = g_array_new(FALSE, TRUE, sizeof(Route));
    RouteDump d = {routes, index, family};
    Request r;
    struct rtmsg *rtm = request_init(&r, RTM_GETROUTE, NLM_F_DUMP, sizeof *rtm);

    rtm->rtm_family = family;
    if (!transact(nl, &r, each_route, &d, "listing routes", error))
        return FALSE;
    for (guint i = 0; i < routes->len; i++) {
        Route *route = &g_array_index(routes, Route, i);
        guint32 oif = index;
        g_autoptr(GError) local = NULL;

        rtm = request_init(&r, RTM_DELROUTE, NLM_F_ACK, sizeof *rtm);
        *rtm = route->rtm;
        add_attr(&r, RTA_OIF, &oif, sizeof oif);
        if (route->has_gateway)
            add_attr(&r, RTA_GATEWAY, route->gateway, family == AF_INET ? 4 : 16);
        /* A route the kernel dropped meanwhile is as good as removed. */
        if (!transact(nl, &r, NULL, NULL, "removing the default route", &local) &&
            nl->last_errno != ESRCH) {
            g_propagate_error(error, g_steal_pointer(&local));
            return FALSE;
        }
    }
    return TRUE;
}

gboolean
corral_netlink_add_vlan(CorralNetlink *nl, int parent, const char *name, int vlan, GError **error)
{
    Request r;
    struct ifinfomsg *ifi =
        request_init(&r, RTM_NEWLINK, NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, sizeof *ifi);
    struct rtattr *info, *data;
    guint32 link = parent;
    guint16 id = vlan;
    g_autofree char *what = g_strdup_printf("making VLAN %d on the adapter", vlan);

    ifi->ifi_family = AF_UNSPEC;
    add_attr(&r, IFLA_LINK, &link, sizeof link);
    add_attr(&r, IFLA_IFNAME, name, strlen(name) + 1);
    info = add_attr(&r, IFLA_LINKINFO, NULL, 0);
    add_attr(&r, IFLA_INFO_KIND, "vlan", 4);
    data = add_attr(&r, IFLA_INFO_DATA, NULL, 0);
    add_attr(&r, IFLA_VLAN_ID, &id, sizeof id);
    end_nest(&r, data);
    end_nest(&r, info);
    return transact(nl, &r, NULL, NULL, what, error);
}

gboolean
corral_netlink_delete_link(CorralNetlink *nl, int index, GError **error)
{
    Request r;
    struct ifinfomsg *ifi = request_init(&r, RTM_DELLINK, NLM_F_ACK, sizeof *ifi);

    ifi->ifi_family = AF_UNSPEC;
    ifi->ifi_index = index;
    return transact(nl, &r, NULL, NULL, "removing the VLAN adapter", error);
}
