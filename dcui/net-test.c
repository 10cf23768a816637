/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ICMP echo and name resolution for Test Management Network.
 */
#include "config.h"

#include "dcui/net-test.h"

#include "common/error.h"

#include <arpa/inet.h>
#include <errno.h>
#include <glib/gi18n.h>
#include <netdb.h>
#include <netinet/icmp6.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static guint16
checksum(const void *data, gsize len)
{
    const guint8 *p = data;
    guint32 sum = 0;

    for (gsize i = 0; i + 1 < len; i += 2)
        sum += (guint32)(p[i] << 8 | p[i + 1]);
    if (len % 2)
        sum += (guint32)p[len - 1] << 8;
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return htons((guint16)~sum);
}

/* Whether @buf (as received) is our echo reply. */
static gboolean
is_reply(const guint8 *buf, gssize n, gboolean v6, guint16 id)
{
    if (v6) {
        const struct icmp6_hdr *h = (const void *)buf;

        return n >= (gssize)sizeof *h && h->icmp6_type == ICMP6_ECHO_REPLY &&
               h->icmp6_id == htons(id);
    } else {
        const struct ip *ip = (const void *)buf;
        gssize hl = (gssize)ip->ip_hl * 4;
        const struct icmp *h = (const void *)(buf + hl);

        return n >= hl + 8 && h->icmp_type == ICMP_ECHOREPLY && h->icmp_id == htons(id);
    }
}

gboolean
dcui_net_test_ping(const char *address, guint count, guint timeout_ms, GError **error)
{
    struct sockaddr_storage sa = {0};
    gboolean v6 = strchr(address, ':') != NULL;
    socklen_t salen = v6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);
    guint16 id = (guint16)(getpid() & 0xffff);
    int fd;

    if (v6) {
        struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&sa;

        s6->sin6_family = AF_INET6;
        if (inet_pton(AF_INET6, address, &s6->sin6_addr) != 1)
            goto bad;
    } else {
        struct sockaddr_in *s4 = (struct sockaddr_in *)&sa;

        s4->sin_family = AF_INET;
        if (inet_pton(AF_INET, address, &s4->sin_addr) != 1)
            goto bad;
    }
    fd = socket(v6 ? AF_INET6 : AF_INET, SOCK_RAW | SOCK_CLOEXEC,
                v6 ? IPPROTO_ICMPV6 : IPPROTO_ICMP);
    if (fd < 0) {
        g_set_error(error, CORRAL_ERROR, CORRAL_ERROR_PERMISSION, _("Cannot send a ping: %s"),
                    g_strerror(errno));
        return FALSE;
    }
    for (guint seq = 1; seq <= count; seq++) {
        guint8 packet[64] = {0};
        gint64 deadline = g_get_monotonic_time() + (gint64)timeout_ms * 1000;

        if (v6) {
            struct icmp6_hdr *h = (void *)packet;

            h->icmp6_type = ICMP6_ECHO_REQUEST;
            h->icmp6_id = htons(id);
            h->icmp6_seq = htons(seq);
        } else {
            struct icmp *h = (void *)packet;

            h->icmp_type = ICMP_ECHO;
            h->icmp_id = htons(id);
            h->icmp_seq = htons(seq);
            h->icmp_cksum = checksum(packet, sizeof packet);
        }
        if (sendto(fd, packet, sizeof packet, 0, (struct sockaddr *)&sa, salen) < 0)
            continue;
        for (;;) {
            gint64 left = (deadline - g_get_monotonic_time()) / 1000;
            struct pollfd pfd = {fd, POLLIN, 0};
            guint8 buf[1500];
            gssize n;

            if (left <= 0 || poll(&pfd, 1, (int)left) <= 0)
                break;
            n = recv(fd, buf, sizeof buf, 0);
            if (n > 0 && is_reply(buf, n, v6, id)) {
                close(fd);
                return TRUE;
            }
        }
    }
    close(fd);
    g_set_error(error, CORRAL_ERROR, CORRAL_ERROR_FAILED, _("No answer from %s."), address);
    return FALSE;
bad:
    g_set_error(error, CORRAL_ERROR, CORRAL_ERROR_INVALID, _("Not an address: %s"), address);
    return FALSE;
}

char *
dcui_net_test_resolve(const char *name, GError **error)
{
    struct addrinfo hints = {.ai_socktype = SOCK_STREAM};
    struct addrinfo *res = NULL;
    char text[INET6_ADDRSTRLEN] = "";
    int rc = getaddrinfo(name, NULL, &hints, &res);

    if (rc != 0) {
        g_set_error(error, CORRAL_ERROR, CORRAL_ERROR_NOT_FOUND, _("Cannot resolve %s: %s"), name,
                    gai_strerror(rc));
        return NULL;
    }
    if (res->ai_family == AF_INET)
        inet_ntop(AF_INET, &((struct sockaddr_in *)res->ai_addr)->sin_addr, text, sizeof text);
    else
        inet_ntop(AF_INET6, &((struct sockaddr_in6 *)res->ai_addr)->sin6_addr, text, sizeof text);
    freeaddrinfo(res);
    return g_strdup(text);
}
