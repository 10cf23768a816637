/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The host and what it offers guests: GET /host, GET /host/stats,
 * and GET /networks; the pools are in handlers-pools.c, the datastores in
 * handlers-datastores.c. The management network is read
 * best effort from the running system (/proc/net/route, getifaddrs,
 * /etc/resolv.conf, DHCP lease files); the DCUI issue makes the host
 * configuration its source.
 */
#include "hostd/auth.h"
#include "hostd/daemon.h"
#include "hostd/domain-xml.h"
#include "hostd/handlers.h"
#include "hostd/hostd-error.h"
#include "hostd/inventory.h"
#include "hostd/sampler.h"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ZERO_UUID "00000000-0000-0000-0000-000000000000"

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

static char *
read_first_line(const char *path)
{
    g_autofree char *text = NULL;

    if (!g_file_get_contents(path, &text, NULL, NULL))
        return NULL;
    return g_strdup(g_strstrip(g_strdelimit(text, "\n", '\0')));
}

/* The host's UUID: SMBIOS's when it is a real one, else the machine id. */
static char *
host_uuid(virConnectPtr conn)
{
    g_autofree char *sysinfo = virConnectGetSysinfo(conn, 0);
    g_autofree char *uuid = sysinfo != NULL ? corrald_sysinfo_xml_uuid(sysinfo) : NULL;
    g_autofree char *machine_id = NULL;

    if (uuid != NULL && g_uuid_string_is_valid(uuid) && !g_str_equal(uuid, ZERO_UUID))
        return g_ascii_strdown(uuid, -1);
    machine_id = read_first_line("/etc/machine-id");
    if (machine_id == NULL)
        machine_id = read_first_line("/var/lib/dbus/machine-id");
    if (machine_id == NULL || strlen(machine_id) != 32)
        return g_strdup(ZERO_UUID);
    return g_strdup_printf("%.8s-%.4s-%.4s-%.4s-%.12s", machine_id, machine_id + 8, machine_id + 12,
                           machine_id + 16, machine_id + 20);
}

static char *
cpu_model(const char *fallback)
{
    g_autofree char *text = NULL;
    g_auto(GStrv) lines = NULL;

    if (g_file_get_contents("/proc/cpuinfo", &text, NULL, NULL)) {
        lines = g_strsplit(text, "\n", -1);
        for (guint i = 0; lines[i] != NULL; i++) {
            const char *colon = strchr(lines[i], ':');

            if (g_str_has_prefix(lines[i], "model name") && colon != NULL)
                return g_strstrip(g_strdup(colon + 1));
        }
    }
    return g_strdup(fallback);
}

static gint64
uptime_s(void)
{
    g_autofree char *text = NULL;

    if (!g_file_get_contents("/proc/uptime", &text, NULL, NULL))
        return 0;
    return (gint64)g_ascii_strtod(text, NULL);
}

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
read_management(CorralManagement *m)
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

gboolean
corrald_handle_host(CorraldCall *call, GError **error)
{
    CorraldDaemon *daemon = call->daemon;
    g_autoptr(CorralHost) host = g_new0(CorralHost, 1);
    virNodeInfo info;

    if (virNodeGetInfo(daemon->conn, &info) < 0) {
        corrald_error_from_libvirt(error, "reading the host's hardware");
        return FALSE;
    }
    host->present = ~G_GUINT64_CONSTANT(0);
    host->name = g_strdup(g_get_host_name());
    host->uuid = host_uuid(daemon->conn);
    host->version = g_strdup(daemon->version != NULL ? daemon->version : "Corral");
    host->cpu.present = ~G_GUINT64_CONSTANT(0);
    host->cpu.model = cpu_model(info.model);
    host->cpu.sockets = MAX((gint64)info.nodes * info.sockets, 1);
    host->cpu.cores = MAX((gint64)info.cores, 1);
    host->cpu.threads = MAX((gint64)info.threads, 1);
    host->cpu.mhz = info.mhz;
    host->memory_bytes = (gint64)info.memory * 1024;
    host->uptime_s = uptime_s();
    read_management(&host->management);
    host->lockdown = CORRAL_LOCKDOWN_OFF;
    host->thumbprint_sha256 = g_strdup(daemon->cert != NULL ? daemon->cert->thumbprint : "");
    corrald_sampler_usage(daemon->sampler, NULL, &host->usage);
    return corrald_call_reply(call, 200, corral_host_to_json(host));
}

gboolean
corrald_handle_host_stats(CorraldCall *call, GError **error)
{
    g_autoptr(CorralStats) stats = corrald_sampler_stats(call->daemon->sampler, NULL);

    return corrald_call_reply(call, 200, corral_stats_to_json(stats));
}

/* A list reply {@name: [...]} of objects of @type. */
static gboolean
reply_list(CorraldCall *call, const char *name, const CorralType *type, GPtrArray *objects)
{
    json_object *array = json_object_new_array_ext((int)objects->len);
    json_object *reply = json_object_new_object();

    for (guint i = 0; i < objects->len; i++)
        json_object_array_add(array, corral_codec_to_json(type, objects->pdata[i]));
    json_object_object_add(reply, name, array);
    return corrald_call_reply(call, 200, reply);
}

gboolean
corrald_handle_networks(CorraldCall *call, GError **error)
{
    virNetworkPtr *networks = NULL;
    int n = virConnectListAllNetworks(call->daemon->conn, &networks, 0);
    g_autoptr(GPtrArray) result = NULL;

    if (n < 0) {
        corrald_error_from_libvirt(error, "listing the networks");
        return FALSE;
    }
    result = g_ptr_array_new_with_free_func((GDestroyNotify)corral_network_free);
    for (int i = 0; i < n; i++) {
        g_autoptr(virNetwork) network = networks[i];
        g_autofree char *xml = virNetworkGetXMLDesc(network, 0);
        CorralNetwork *item = g_new0(CorralNetwork, 1);

        item->present = ~G_GUINT64_CONSTANT(0);
        item->name = g_strdup(virNetworkGetName(network));
        item->bridge = virNetworkGetBridgeName(network);
        item->forward = xml != NULL ? corrald_network_xml_forward(xml) : g_strdup("none");
        item->active = virNetworkIsActive(network) == 1;
        g_ptr_array_add(result, item);
    }
    free(networks);
    return reply_list(call, "networks", &corral_network_type, result);
}
