/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The host summary of GET /host and its management network, which is also
 * the body of PUT /host/network.
 */
#pragma once

#include "protocol/codec.h"
#include "protocol/resources.h"

G_BEGIN_DECLS

#define CORRAL_IPV4_MODE_VALUES(X)                                                                 \
    X(CORRAL_IPV4_MODE_DHCP, "dhcp")                                                               \
    X(CORRAL_IPV4_MODE_STATIC, "static")

typedef enum { CORRAL_IPV4_MODE_VALUES(CORRAL_ENUM_MEMBER) CORRAL_IPV4_MODE_LAST } CorralIpv4Mode;
CORRAL_DECLARE_ENUM(CorralIpv4Mode, corral_ipv4_mode)

#define CORRAL_IPV6_MODE_VALUES(X)                                                                 \
    X(CORRAL_IPV6_MODE_OFF, "off")                                                                 \
    X(CORRAL_IPV6_MODE_AUTO, "auto")                                                               \
    X(CORRAL_IPV6_MODE_STATIC, "static")

typedef enum { CORRAL_IPV6_MODE_VALUES(CORRAL_ENUM_MEMBER) CORRAL_IPV6_MODE_LAST } CorralIpv6Mode;
CORRAL_DECLARE_ENUM(CorralIpv6Mode, corral_ipv6_mode)

#define CORRAL_LOCKDOWN_VALUES(X)                                                                  \
    X(CORRAL_LOCKDOWN_OFF, "off")                                                                  \
    X(CORRAL_LOCKDOWN_NORMAL, "normal")                                                            \
    X(CORRAL_LOCKDOWN_STRICT, "strict")

typedef enum { CORRAL_LOCKDOWN_VALUES(CORRAL_ENUM_MEMBER) CORRAL_LOCKDOWN_LAST } CorralLockdown;
CORRAL_DECLARE_ENUM(CorralLockdown, corral_lockdown)

typedef enum {
    CORRAL_HOST_CPU_FIELD_MODEL,
    CORRAL_HOST_CPU_FIELD_SOCKETS,
    CORRAL_HOST_CPU_FIELD_CORES,
    CORRAL_HOST_CPU_FIELD_THREADS,
    CORRAL_HOST_CPU_FIELD_MHZ,
    CORRAL_HOST_CPU_FIELD_LAST
} CorralHostCpuField;

typedef struct {
    guint64 present;
    char *model;
    gint64 sockets;
    gint64 cores;
    gint64 threads;
    gint64 mhz;
} CorralHostCpu;
CORRAL_DECLARE_OBJECT(CorralHostCpu, corral_host_cpu)

/* address, prefix and gateway are for the static mode. */
typedef enum {
    CORRAL_IPV4_FIELD_MODE,
    CORRAL_IPV4_FIELD_ADDRESS,
    CORRAL_IPV4_FIELD_PREFIX,
    CORRAL_IPV4_FIELD_GATEWAY,
    CORRAL_IPV4_FIELD_LAST
} CorralIpv4Field;

typedef struct {
    guint64 present;
    CorralIpv4Mode mode;
    char *address;
    gint64 prefix;
    char *gateway;
} CorralIpv4;
CORRAL_DECLARE_OBJECT(CorralIpv4, corral_ipv4)

typedef enum {
    CORRAL_IPV6_FIELD_MODE,
    CORRAL_IPV6_FIELD_ADDRESS,
    CORRAL_IPV6_FIELD_PREFIX,
    CORRAL_IPV6_FIELD_GATEWAY,
    CORRAL_IPV6_FIELD_LAST
} CorralIpv6Field;

typedef struct {
    guint64 present;
    CorralIpv6Mode mode;
    char *address;
    gint64 prefix;
    char *gateway;
} CorralIpv6;
CORRAL_DECLARE_OBJECT(CorralIpv6, corral_ipv6)

typedef enum {
    CORRAL_DNS_FIELD_SERVERS,
    CORRAL_DNS_FIELD_SEARCH,
    CORRAL_DNS_FIELD_LAST
} CorralDnsField;

typedef struct {
    guint64 present;
    GPtrArray *servers; /* char *: IPv4 or IPv6 addresses */
    GPtrArray *search;  /* char *: domain names */
} CorralDns;
CORRAL_DECLARE_OBJECT(CorralDns, corral_dns)

/* vlan 0 means untagged. */
typedef enum {
    CORRAL_MANAGEMENT_FIELD_INTERFACE,
    CORRAL_MANAGEMENT_FIELD_VLAN,
    CORRAL_MANAGEMENT_FIELD_IPV4,
    CORRAL_MANAGEMENT_FIELD_IPV6,
    CORRAL_MANAGEMENT_FIELD_DNS,
    CORRAL_MANAGEMENT_FIELD_LAST
} CorralManagementField;

typedef struct {
    guint64 present;
    char *interface;
    gint64 vlan;
    CorralIpv4 ipv4;
    CorralIpv6 ipv6;
    CorralDns dns;
} CorralManagement;
CORRAL_DECLARE_OBJECT(CorralManagement, corral_management)

typedef enum {
    CORRAL_HOST_FIELD_NAME,
    CORRAL_HOST_FIELD_UUID,
    CORRAL_HOST_FIELD_VERSION,
    CORRAL_HOST_FIELD_CPU,
    CORRAL_HOST_FIELD_MEMORY_BYTES,
    CORRAL_HOST_FIELD_UPTIME_S,
    CORRAL_HOST_FIELD_MANAGEMENT,
    CORRAL_HOST_FIELD_LOCKDOWN,
    CORRAL_HOST_FIELD_THUMBPRINT_SHA256,
    CORRAL_HOST_FIELD_USAGE,
    CORRAL_HOST_FIELD_LAST
} CorralHostField;

typedef struct {
    guint64 present;
    char *name;
    char *uuid;
    char *version;
    CorralHostCpu cpu;
    gint64 memory_bytes;
    gint64 uptime_s;
    CorralManagement management;
    CorralLockdown lockdown;
    char *thumbprint_sha256;
    CorralUsage usage;
} CorralHost;
CORRAL_DECLARE_OBJECT(CorralHost, corral_host)

G_END_DECLS
