/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The host's settings, configured or read live (see host-settings.h). The
 * live reading is best effort: /proc/net/route, getifaddrs, DHCP clients'
 * lease and pid files, /etc/resolv.conf.
 */
#include "hostd/host-settings.h"

#include "common/error.h"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

/* Where DHCP clients leave a trace of an interface they serve: a file
 * named by a prefix, the interface and a suffix. */
static const struct {
    const char *prefix, *suffix;
} dhcp_traces[] = {
    {"/var/lib/dhcp/dhclient.", ".leases"},
    {"/var/lib/dhclient/dhclient-", ".leases"},
    {"/run/dhclient.", ".pid"},
    {"/run/dhclient-", ".pid"},
    {"/run/udhcpc.", ".pid"},
    {"/var/run/udhcpc.", ".pid"},
};

/* Files that hold DHCP leases of any interface, naming it inside. */
static const char *const dhcp_lease_files[] = {
    "/var/lib/dhcp/dhclient.leases",
    "/var/lib/dhclient/dhclient.leases",
};

/* The interface of the default route with the lowest metric, and its
 * gateway; FALSE when there is none. */
static gboolean
default_route(char **interface, char **gateway)
{
    g_autofree char *text = NULL;
    g_auto(GStrv) lines = NULL;
    guint best_metric = G_MAXUINT;

    if (!g_file_get_contents("/proc/net/route", &text, NULL, NULL))
        return FALSE;
    lines = g_strsplit(text, "\n", -1);
    for (guint i = 1; lines[i] != NULL; i++) {
        char name[IF_NAMESIZE + 1];
        unsigned int destination, via, flags, metric;
        struct in_addr address;
        char buffer[INET_ADDRSTRLEN];

        if (sscanf(lines[i], "%16s %x %x %x %*d %*d %u", name, &destination, &via, &flags,
                   &metric) != 5 ||
            destination != 0 || metric >= best_metric)
            continue;
        best_metric = metric;
        address.s_addr = via;
        g_free(*interface);
        g_free(*gateway);
        *interface = g_strdup(name);
        *gateway = via != 0 ? g_strdup(inet_ntop(AF_INET, &address, buffer, sizeof buffer)) : NULL;
    }
    return *interface != NULL;
}

static int
prefix_of(const struct sockaddr *netmask, int family)
{
    const guint8 *bytes;
    gsize len;
    int prefix = 0;

    if (netmask == NULL)
        return 0;
    bytes = family == AF_INET ? (const guint8 *)&((const struct sockaddr_in *)netmask)->sin_addr
                              : (const guint8 *)&((const struct sockaddr_in6 *)netmask)->sin6_addr;
    len = family == AF_INET ? 4 : 16;
    for (gsize i = 0; i < len; i++)
        prefix += __builtin_popcount(bytes[i]);
    return prefix;
}

static gboolean
uses_dhcp(const char *interface)
{
    g_autofree char *pattern = g_strdup_printf("interface \"%s\"", interface);

    for (gsize i = 0; i < G_N_ELEMENTS(dhcp_traces); i++) {
        g_autofree char *path =
            g_strconcat(dhcp_traces[i].prefix, interface, dhcp_traces[i].suffix, NULL);

        if (g_file_test(path, G_FILE_TEST_EXISTS))
            return TRUE;
    }
    for (gsize i = 0; i < G_N_ELEMENTS(dhcp_lease_files); i++) {
        g_autofree char *text = NULL;

        if (g_file_get_contents(dhcp_lease_files[i], &text, NULL, NULL) &&
            strstr(text, pattern) != NULL)
            return TRUE;
    }
    return FALSE;
}

/* The addresses of @interface (the first up, non-loopback one when NULL). */
static void
read_addresses(CorralManagement *m)
{
    struct ifaddrs *list = NULL;
    char buffer[INET6_ADDRSTRLEN];

    if (getifaddrs(&list) < 0)
        return;
    for (struct ifaddrs *a = list; a != NULL; a = a->ifa_next) {
        int family = a->ifa_addr != NULL ? a->ifa_addr->sa_family : AF_UNSPEC;

        if (m->interface == NULL && !(a->ifa_flags & IFF_LOOPBACK) && (a->ifa_flags & IFF_UP) &&
            family == AF_INET)
            m->interface = g_strdup(a->ifa_name);
        if (g_strcmp0(a->ifa_name, m->interface) != 0)
            continue;
        if (family == AF_INET && m->ipv4.address == NULL) {
            inet_ntop(AF_INET, &((struct sockaddr_in *)a->ifa_addr)->sin_addr, buffer,
                      sizeof buffer);
            m->ipv4.address = g_strdup(buffer);
            m->ipv4.prefix = prefix_of(a->ifa_netmask, AF_INET);
            CORRAL_SET_PRESENT(&m->ipv4, CORRAL_IPV4_FIELD_PREFIX);
        } else if (family == AF_INET6 && m->ipv6.address == NULL) {
            const struct in6_addr *in6 = &((struct sockaddr_in6 *)a->ifa_addr)->sin6_addr;

            if (IN6_IS_ADDR_LINKLOCAL(in6))
                continue;
            inet_ntop(AF_INET6, in6, buffer, sizeof buffer);
            m->ipv6.mode = CORRAL_IPV6_MODE_AUTO;
            m->ipv6.address = g_strdup(buffer);
            m->ipv6.prefix = prefix_of(a->ifa_netmask, AF_INET6);
            CORRAL_SET_PRESENT(&m->ipv6, CORRAL_IPV6_FIELD_PREFIX);
        }
    }
    freeifaddrs(list);
}

static void
read_dns(CorralDns *dns)
{
    g_autofree char *text = NULL;
    g_auto(GStrv) lines = NULL;

    dns->servers = g_ptr_array_new_with_free_func(g_free);
    dns->search = g_ptr_array_new_with_free_func(g_free);
    if (!g_file_get_contents("/etc/resolv.conf", &text, NULL, NULL))
        return;
    lines = g_strsplit(text, "\n", -1);
    for (guint i = 0; lines[i] != NULL; i++) {
        g_auto(GStrv) words = g_strsplit_set(g_strstrip(lines[i]), " \t", -1);
        guint8 address[16];

        if (words[0] == NULL || words[1] == NULL)
            continue;
        if (g_str_equal(words[0], "nameserver") && (inet_pton(AF_INET, words[1], address) == 1 ||
                                                    inet_pton(AF_INET6, words[1], address) == 1))
            g_ptr_array_add(dns->servers, g_strdup(words[1]));
        else if (g_str_equal(words[0], "search") || g_str_equal(words[0], "domain"))
            for (guint w = 1; words[w] != NULL; w++)
                if (words[w][0] != '\0')
                    g_ptr_array_add(dns->search, g_strdup(words[w]));
    }
}

static void
read_live_management(CorralManagement *m)
{
    const char *dot;

    m->present = ~G_GUINT64_CONSTANT(0);
    m->ipv4.present = 0;
    m->ipv6.present = 0;
    m->ipv6.mode = CORRAL_IPV6_MODE_OFF;
    default_route(&m->interface, &m->ipv4.gateway);
    read_addresses(m);
    if (m->interface == NULL)
        m->interface = g_strdup("lo");
    dot = strchr(m->interface, '.');
    m->vlan = dot != NULL ? CLAMP(g_ascii_strtoll(dot + 1, NULL, 10), 0, 4094) : 0;
    /* Without an address there is nothing static about it. */
    m->ipv4.mode = m->ipv4.address == NULL || uses_dhcp(m->interface) ? CORRAL_IPV4_MODE_DHCP
                                                                      : CORRAL_IPV4_MODE_STATIC;
    read_dns(&m->dns);
}

CorralHostConfig *
corrald_host_settings_load(const char *state_dir, GError **error)
{
    g_autoptr(GError) local = NULL;
    CorralHostConfig *config = corral_host_config_load(state_dir, &local);

    if (config != NULL)
        return config;
    if (!g_error_matches(local, CORRAL_ERROR, CORRAL_ERROR_NOT_FOUND)) {
        g_propagate_error(error, g_steal_pointer(&local));
        return NULL;
    }
    config = corral_host_config_new_default(g_get_host_name(), NULL);
    corral_codec_clear(&corral_management_type, &config->management);
    memset(&config->management, 0, sizeof config->management);
    read_live_management(&config->management);
    return config;
}

/* Asked on every call, so the file is read again only when it changed:
 * the console writes it atomically, so a new inode or time means new text. */
CorralLockdown
corrald_host_settings_lockdown(const char *state_dir)
{
    static GMutex lock;
    static struct stat seen;
    static CorralLockdown mode = CORRAL_LOCKDOWN_OFF;
    g_autofree char *path = g_build_filename(state_dir, CORRAL_HOST_CONFIG_FILE, NULL);
    struct stat now = {0};
    CorralLockdown result;

    if (stat(path, &now) < 0)
        return CORRAL_LOCKDOWN_OFF;
    g_mutex_lock(&lock);
    if (now.st_ino != seen.st_ino || now.st_mtim.tv_sec != seen.st_mtim.tv_sec ||
        now.st_mtim.tv_nsec != seen.st_mtim.tv_nsec || now.st_size != seen.st_size) {
        g_autoptr(CorralHostConfig) config = corral_host_config_load(state_dir, NULL);
        mode = config != NULL ? config->lockdown : CORRAL_LOCKDOWN_OFF;
        seen = now;
    }
    result = mode;
    g_mutex_unlock(&lock);
    return result;
}
