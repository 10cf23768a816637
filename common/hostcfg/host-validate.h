/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Part of the host configuration (hostcfg): the checks of every setting an
 * admin types at the console or sends to the API, one function per kind of
 * value. Each takes the text as typed, returns the parsed value through its
 * out parameters, and on refusal sets a CORRAL_ERROR_INVALID whose message
 * (translated) says what is wrong and what would be right, fit to show
 * right under the field.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CORRAL_DNS_SERVERS_MAX 3

/* A host name: labels of letters, digits and '-' joined by dots, 1–253
 * characters, no label longer than 63 or starting or ending with '-'. */
gboolean corral_validate_hostname(const char *text, GError **error);

/* A dotted-quad IPv4 address (each part 0–255). */
gboolean corral_validate_ipv4(const char *text, GError **error);

/* A subnet mask as "255.255.255.0", or a prefix length "24" or "/24". */
gboolean corral_validate_netmask(const char *text, gint64 *prefix, GError **error);

/* A default gateway for @address/@prefix: empty means none; otherwise an
 * IPv4 address inside that subnet, other than the host's own. */
gboolean corral_validate_gateway(const char *text, const char *address, gint64 prefix,
                                 GError **error);

/* An IPv6 address; with @prefix not NULL, "ADDRESS/PREFIX" (1–128). */
gboolean corral_validate_ipv6(const char *text, char **address, gint64 *prefix, GError **error);

/* A VLAN ID 1–4094, or empty (or 0) for none. */
gboolean corral_validate_vlan(const char *text, gint64 *vlan, GError **error);

/* Up to @max IPv4 or IPv6 addresses separated by commas or spaces. */
gboolean corral_validate_address_list(const char *text, guint max, GPtrArray **addresses,
                                      GError **error);

/* Domain names separated by commas or spaces (search suffixes). */
gboolean corral_validate_domain_list(const char *text, GPtrArray **domains, GError **error);

/* Host names or addresses separated by commas or spaces (NTP servers). */
gboolean corral_validate_host_list(const char *text, GPtrArray **hosts, GError **error);

/* Whole minutes 0–1440 (0: no timeout). */
gboolean corral_validate_minutes(const char *text, gint64 *minutes, GError **error);

/* The list back in the form the validators read: "a, b, c". */
char *corral_validate_join_list(const GPtrArray *items);

G_END_DECLS
