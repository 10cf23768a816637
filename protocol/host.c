/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The field tables of the host summary and its management network.
 */
#include "protocol/host.h"

#include <sys/socket.h>

CORRAL_DEFINE_ENUM(CorralIpv4Mode, corral_ipv4_mode, CORRAL_IPV4_MODE_VALUES)
CORRAL_DEFINE_ENUM(CorralIpv6Mode, corral_ipv6_mode, CORRAL_IPV6_MODE_VALUES)
CORRAL_DEFINE_ENUM(CorralLockdown, corral_lockdown, CORRAL_LOCKDOWN_VALUES)

static const CorralField host_cpu_fields[] = {
    [CORRAL_HOST_CPU_FIELD_MODEL] =
        CORRAL_STRING("model", CorralHostCpu, model, CORRAL_FIELD_REQUIRED),
    [CORRAL_HOST_CPU_FIELD_SOCKETS] =
        CORRAL_INT("sockets", CorralHostCpu, sockets, CORRAL_FIELD_REQUIRED, 1, 4096),
    [CORRAL_HOST_CPU_FIELD_CORES] =
        CORRAL_INT("cores", CorralHostCpu, cores, CORRAL_FIELD_REQUIRED, 1, 65536),
    [CORRAL_HOST_CPU_FIELD_THREADS] =
        CORRAL_INT("threads", CorralHostCpu, threads, CORRAL_FIELD_REQUIRED, 1, 65536),
    [CORRAL_HOST_CPU_FIELD_MHZ] =
        CORRAL_INT("mhz", CorralHostCpu, mhz, CORRAL_FIELD_REQUIRED, 0, G_MAXINT32),
};
CORRAL_DEFINE_OBJECT(CorralHostCpu, corral_host_cpu, "cpu", host_cpu_fields,
                     CORRAL_HOST_CPU_FIELD_LAST, NULL)

static gboolean
static_address_check(const char *path, gboolean is_static, gboolean has_address,
                     gboolean has_prefix, GError **error)
{
    const char *missing = !has_address ? "address" : !has_prefix ? "prefix" : NULL;

    if (!is_static || missing == NULL)
        return TRUE;
    g_set_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_INVALID,
                "%s.%s: missing (the static mode needs an address and a prefix)", path, missing);
    return FALSE;
}

static gboolean
ipv4_check(const void *object, const char *path, GError **error)
{
    const CorralIpv4 *ipv4 = object;

    return static_address_check(path, ipv4->mode == CORRAL_IPV4_MODE_STATIC, ipv4->address != NULL,
                                CORRAL_HAS(ipv4, CORRAL_IPV4_FIELD_PREFIX), error);
}

static gboolean
ipv6_check(const void *object, const char *path, GError **error)
{
    const CorralIpv6 *ipv6 = object;

    return static_address_check(path, ipv6->mode == CORRAL_IPV6_MODE_STATIC, ipv6->address != NULL,
                                CORRAL_HAS(ipv6, CORRAL_IPV6_FIELD_PREFIX), error);
}

static const CorralField ipv4_fields[] = {
    [CORRAL_IPV4_FIELD_MODE] =
        CORRAL_ENUM("mode", CorralIpv4, mode, CORRAL_FIELD_REQUIRED, &corral_ipv4_mode_enum),
    [CORRAL_IPV4_FIELD_ADDRESS] =
        CORRAL_ADDRESS("address", CorralIpv4, address, CORRAL_FIELD_OPTIONAL, AF_INET),
    [CORRAL_IPV4_FIELD_PREFIX] =
        CORRAL_INT("prefix", CorralIpv4, prefix, CORRAL_FIELD_OPTIONAL, 0, 32),
    [CORRAL_IPV4_FIELD_GATEWAY] =
        CORRAL_ADDRESS("gateway", CorralIpv4, gateway, CORRAL_FIELD_OPTIONAL, AF_INET),
};
CORRAL_DEFINE_OBJECT(CorralIpv4, corral_ipv4, "ipv4", ipv4_fields, CORRAL_IPV4_FIELD_LAST,
                     ipv4_check)

static const CorralField ipv6_fields[] = {
    [CORRAL_IPV6_FIELD_MODE] =
        CORRAL_ENUM("mode", CorralIpv6, mode, CORRAL_FIELD_REQUIRED, &corral_ipv6_mode_enum),
    [CORRAL_IPV6_FIELD_ADDRESS] =
        CORRAL_ADDRESS("address", CorralIpv6, address, CORRAL_FIELD_OPTIONAL, AF_INET6),
    [CORRAL_IPV6_FIELD_PREFIX] =
        CORRAL_INT("prefix", CorralIpv6, prefix, CORRAL_FIELD_OPTIONAL, 0, 128),
    [CORRAL_IPV6_FIELD_GATEWAY] =
        CORRAL_ADDRESS("gateway", CorralIpv6, gateway, CORRAL_FIELD_OPTIONAL, AF_INET6),
};
CORRAL_DEFINE_OBJECT(CorralIpv6, corral_ipv6, "ipv6", ipv6_fields, CORRAL_IPV6_FIELD_LAST,
                     ipv6_check)

static const CorralField dns_fields[] = {
    [CORRAL_DNS_FIELD_SERVERS] =
        CORRAL_ADDRESS_ARRAY("servers", CorralDns, servers, CORRAL_FIELD_REQUIRED, 0),
    [CORRAL_DNS_FIELD_SEARCH] =
        CORRAL_STRING_ARRAY("search", CorralDns, search, CORRAL_FIELD_REQUIRED, CORRAL_KIND_NAME),
};
CORRAL_DEFINE_OBJECT(CorralDns, corral_dns, "dns", dns_fields, CORRAL_DNS_FIELD_LAST, NULL)

static const CorralField management_fields[] = {
    [CORRAL_MANAGEMENT_FIELD_INTERFACE] =
        CORRAL_NAME("interface", CorralManagement, interface, CORRAL_FIELD_REQUIRED),
    [CORRAL_MANAGEMENT_FIELD_VLAN] =
        CORRAL_INT("vlan", CorralManagement, vlan, CORRAL_FIELD_REQUIRED, 0, 4094),
    [CORRAL_MANAGEMENT_FIELD_IPV4] =
        CORRAL_OBJECT("ipv4", CorralManagement, ipv4, CORRAL_FIELD_REQUIRED, &corral_ipv4_type),
    [CORRAL_MANAGEMENT_FIELD_IPV6] =
        CORRAL_OBJECT("ipv6", CorralManagement, ipv6, CORRAL_FIELD_REQUIRED, &corral_ipv6_type),
    [CORRAL_MANAGEMENT_FIELD_DNS] =
        CORRAL_OBJECT("dns", CorralManagement, dns, CORRAL_FIELD_REQUIRED, &corral_dns_type),
};
CORRAL_DEFINE_OBJECT(CorralManagement, corral_management, "management", management_fields,
                     CORRAL_MANAGEMENT_FIELD_LAST, NULL)

static const CorralField host_fields[] = {
    [CORRAL_HOST_FIELD_NAME] = CORRAL_NAME("name", CorralHost, name, CORRAL_FIELD_REQUIRED),
    [CORRAL_HOST_FIELD_UUID] = CORRAL_UUID("uuid", CorralHost, uuid, CORRAL_FIELD_REQUIRED),
    [CORRAL_HOST_FIELD_VERSION] =
        CORRAL_STRING("version", CorralHost, version, CORRAL_FIELD_REQUIRED),
    [CORRAL_HOST_FIELD_CPU] =
        CORRAL_OBJECT("cpu", CorralHost, cpu, CORRAL_FIELD_REQUIRED, &corral_host_cpu_type),
    [CORRAL_HOST_FIELD_MEMORY_BYTES] =
        CORRAL_INT("memory_bytes", CorralHost, memory_bytes, CORRAL_FIELD_REQUIRED, 0, G_MAXINT64),
    [CORRAL_HOST_FIELD_UPTIME_S] =
        CORRAL_INT("uptime_s", CorralHost, uptime_s, CORRAL_FIELD_REQUIRED, 0, G_MAXINT64),
    [CORRAL_HOST_FIELD_MANAGEMENT] = CORRAL_OBJECT("management", CorralHost, management,
                                                   CORRAL_FIELD_REQUIRED, &corral_management_type),
    [CORRAL_HOST_FIELD_LOCKDOWN] =
        CORRAL_ENUM("lockdown", CorralHost, lockdown, CORRAL_FIELD_REQUIRED, &corral_lockdown_enum),
    [CORRAL_HOST_FIELD_THUMBPRINT_SHA256] =
        CORRAL_STRING("thumbprint_sha256", CorralHost, thumbprint_sha256, CORRAL_FIELD_REQUIRED),
    [CORRAL_HOST_FIELD_USAGE] =
        CORRAL_OBJECT("usage", CorralHost, usage, CORRAL_FIELD_REQUIRED, &corral_usage_type),
};
CORRAL_DEFINE_OBJECT(CorralHost, corral_host, "host", host_fields, CORRAL_HOST_FIELD_LAST, NULL)
