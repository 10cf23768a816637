/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Part of the host configuration (hostcfg), shared by corrald and the DCUI:
 * the host's name, its management network, lockdown mode, services (SSH and
 * the local shell), keyboard layout, time settings, and how long a network
 * change waits for confirmation. Kept in STATE_DIR/host.json, described by
 * one codec table like the API's objects, validated when read and written
 * atomically. The management network is the API's own CorralManagement.
 */
#pragma once

#include <glib.h>

#include "protocol/host.h"

G_BEGIN_DECLS

#define CORRAL_HOST_CONFIG_FILE       "host.json"
#define CORRAL_HOST_CONFIG_ROLLBACK_S 60

typedef enum {
    CORRAL_HOST_SERVICES_FIELD_SSH,
    CORRAL_HOST_SERVICES_FIELD_SSH_TIMEOUT_MIN,
    CORRAL_HOST_SERVICES_FIELD_SHELL,
    CORRAL_HOST_SERVICES_FIELD_SHELL_TIMEOUT_MIN,
    CORRAL_HOST_SERVICES_FIELD_LAST
} CorralHostServicesField;

/* Timeouts in minutes; 0 means the service stays on until turned off. */
typedef struct {
    guint64 present;
    gboolean ssh;
    gint64 ssh_timeout_min;
    gboolean shell;
    gint64 shell_timeout_min;
} CorralHostServices;

CORRAL_DECLARE_OBJECT(CorralHostServices, corral_host_services)

typedef enum {
    CORRAL_HOST_TIME_FIELD_NTP,
    CORRAL_HOST_TIME_FIELD_SERVERS,
    CORRAL_HOST_TIME_FIELD_TIMEZONE,
    CORRAL_HOST_TIME_FIELD_LAST
} CorralHostTimeField;

typedef struct {
    guint64 present;
    gboolean ntp;
    GPtrArray *servers; /* char *: host names or addresses */
    char *timezone;     /* "Europe/Budapest" */
} CorralHostTime;

CORRAL_DECLARE_OBJECT(CorralHostTime, corral_host_time)

typedef enum {
    CORRAL_HOST_CONFIG_FIELD_HOSTNAME,
    CORRAL_HOST_CONFIG_FIELD_MANAGEMENT,
    CORRAL_HOST_CONFIG_FIELD_IPV4_DISABLED,
    CORRAL_HOST_CONFIG_FIELD_LOCKDOWN,
    CORRAL_HOST_CONFIG_FIELD_SERVICES,
    CORRAL_HOST_CONFIG_FIELD_KEYBOARD,
    CORRAL_HOST_CONFIG_FIELD_TIME,
    CORRAL_HOST_CONFIG_FIELD_ROLLBACK_S,
    CORRAL_HOST_CONFIG_FIELD_LAST
} CorralHostConfigField;

/* ipv4_disabled: the API's management object knows only DHCP and static;
 * the console can also leave IPv4 off, which this flag records. */
typedef struct {
    guint64 present;
    char *hostname;
    CorralManagement management;
    gboolean ipv4_disabled;
    CorralLockdown lockdown;
    CorralHostServices services;
    char *keyboard;
    CorralHostTime time;
    gint64 rollback_s;
} CorralHostConfig;

CORRAL_DECLARE_OBJECT(CorralHostConfig, corral_host_config)

/* The settings of a new host: @hostname, DHCP on @interface, no VLAN, IPv6
 * automatic, lockdown off, services off, US keyboard, NTP off. */
CorralHostConfig *corral_host_config_new_default(const char *hostname, const char *interface);

/* Reads STATE_DIR/host.json. A missing file gives NULL with
 * CORRAL_ERROR_NOT_FOUND, for the caller to make the defaults. */
CorralHostConfig *corral_host_config_load(const char *state_dir, GError **error);

/* Checks every field (corral_host_config_check()) and writes the file
 * atomically, mode 0600. */
gboolean corral_host_config_save(const CorralHostConfig *config, const char *state_dir,
                                 GError **error);

/* The rules that the JSON types alone do not say: a valid host name, a
 * static address with its gateway inside its subnet, search domains. The
 * message names the setting in words for the person who typed it. */
gboolean corral_host_config_check(const CorralHostConfig *config, GError **error);

/* Marks every field present, as the encoder needs after fields were set
 * in C (a static mode's prefix included). */
void corral_host_config_normalize(CorralHostConfig *config);

CorralHostConfig *corral_host_config_copy(const CorralHostConfig *config);

/* TRUE when the two differ in what reaches the network: hostname,
 * management interface, VLAN, addresses or DNS. */
gboolean corral_host_config_network_differs(const CorralHostConfig *a, const CorralHostConfig *b);

/* The management interface as the kernel names it: "eth0", or "eth0.12"
 * with a VLAN. */
char *corral_host_config_dup_link_name(const CorralHostConfig *config);

G_END_DECLS
