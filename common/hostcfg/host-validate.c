/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The checks of the host's settings. They parse strictly (inet_pton, whole
 * numbers only) so that what passes here can go to the kernel as it is.
 */
#include "config.h"

#include "common/hostcfg/host-validate.h"

#include "common/error.h"

#include <arpa/inet.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#define HOSTNAME_MAX 253
#define LABEL_MAX    63

static gboolean
invalid(GError **error, const char *message)
{
    g_set_error_literal(error, CORRAL_ERROR, CORRAL_ERROR_INVALID, message);
    return FALSE;
}

static gboolean
parse_number(const char *text, gint64 min, gint64 max, gint64 *value)
{
    guint64 v;

    if (text == NULL || *text == '\0' || strlen(text) > 10)
        return FALSE;
    if (!g_ascii_string_to_unsigned(text, 10, 0, G_MAXINT64, &v, NULL))
        return FALSE;
    if ((gint64)v < min || (gint64)v > max)
        return FALSE;
    *value = (gint64)v;
    return TRUE;
}

static gboolean
label_ok(const char *label, gsize len)
{
    if (len == 0 || len > LABEL_MAX || label[0] == '-' || label[len - 1] == '-')
        return FALSE;
    for (gsize i = 0; i < len; i++)
        if (!g_ascii_isalnum(label[i]) && label[i] != '-')
            return FALSE;
    return TRUE;
}

gboolean
corral_validate_hostname(const char *text, GError **error)
{
    const char *p;
    gsize len;

    if (text == NULL || *text == '\0')
        return invalid(error, _("Enter a host name."));
    len = strlen(text);
    if (len > HOSTNAME_MAX)
        return invalid(error, _("A host name may be at most 253 characters long."));
    p = text;
    while (*p != '\0') {
        const char *dot = strchr(p, '.');
        gsize n = dot != NULL ? (gsize)(dot - p) : strlen(p);

        if (!label_ok(p, n))
            return invalid(error, _("Use letters, digits and '-' in dot-separated parts of 1 to "
                                    "63 characters, not starting or ending with '-'."));
        p += n;
        if (*p == '.') {
            p++;
            if (*p == '\0')
                return invalid(error, _("A host name may not end with a dot."));
        }
    }
    return TRUE;
}

gboolean
corral_validate_ipv4(const char *text, GError **error)
{
    struct in_addr a;

    if (text == NULL || *text == '\0')
        return invalid(error, _("Enter an IPv4 address such as 192.168.1.10."));
    if (inet_pton(AF_INET, text, &a) != 1)
        return invalid(error, _("Not an IPv4 address: four numbers 0-255 separated by dots, "
                                "such as 192.168.1.10."));
    return TRUE;
}

gboolean
corral_validate_netmask(const char *text, gint64 *prefix, GError **error)
{
    struct in_addr a;
    const char *digits = text != NULL && text[0] == '/' ? text + 1 : text;
    guint32 mask;
    gint64 bits = 0;

    if (text == NULL || *text == '\0')
        return invalid(error, _("Enter a subnet mask such as 255.255.255.0 or a prefix length "
                                "such as 24."));
    if (strchr(text, '.') == NULL) {
        if (!parse_number(digits, 1, 32, &bits))
            return invalid(error, _("A prefix length is a whole number from 1 to 32."));
        *prefix = bits;
        return TRUE;
    }
    if (inet_pton(AF_INET, text, &a) != 1)
        return invalid(error, _("Not a subnet mask: four numbers 0-255 separated by dots, such "
                                "as 255.255.255.0."));
    mask = ntohl(a.s_addr);
    while (bits < 32 && (mask & (0x80000000u >> bits)) != 0)
        bits++;
    if (bits == 0 || (bits < 32 && (mask << bits) != 0))
        return invalid(error, _("Not a subnet mask: its ones must come first, as in "
                                "255.255.255.0."));
    *prefix = bits;
    return TRUE;
}

gboolean
corral_validate_gateway(const char *text, const char *address, gint64 prefix, GError **error)
{
    struct in_addr gw, addr;
    guint32 mask;

    if (text == NULL || *text == '\0')
        return TRUE;
    if (!corral_validate_ipv4(text, error))
        return FALSE;
    if (address == NULL || inet_pton(AF_INET, address, &addr) != 1 || prefix < 1 || prefix > 32)
        return TRUE; /* the address field says what is wrong */
    inet_pton(AF_INET, text, &gw);
    mask = prefix == 32 ? 0xffffffffu : ~(0xffffffffu >> prefix);
    if ((ntohl(gw.s_addr) & mask) != (ntohl(addr.s_addr) & mask))
        return invalid(error, _("The gateway must be in the host's subnet."));
    if (gw.s_addr == addr.s_addr)
        return invalid(error, _("The gateway cannot be the host's own address."));
    return TRUE;
}

gboolean
corral_validate_ipv6(const char *text, char **address, gint64 *prefix, GError **error)
{
    struct in6_addr a;
    g_autofree char *copy = g_strdup(text);
    char *slash;

    if (text == NULL || *text == '\0')
        return invalid(error, prefix != NULL ? _("Enter an IPv6 address with its prefix, such as "
                                                 "2001:db8::10/64.")
                                             : _("Enter an IPv6 address such as 2001:db8::1."));
    slash = strchr(copy, '/');
    if (prefix != NULL) {
        if (slash == NULL)
            return invalid(error, _("Add the prefix length after a slash, such as /64."));
        *slash = '\0';
        if (!parse_number(slash + 1, 1, 128, prefix))
            return invalid(error, _("An IPv6 prefix length is a whole number from 1 to 128."));
    } else if (slash != NULL) {
        return invalid(error, _("Enter the address without a prefix length."));
    }
    if (inet_pton(AF_INET6, copy, &a) != 1)
        return invalid(error, _("Not an IPv6 address, such as 2001:db8::10."));
    if (address != NULL)
        *address = g_strdup(copy);
    return TRUE;
}

gboolean
corral_validate_vlan(const char *text, gint64 *vlan, GError **error)
{
    if (text == NULL || *text == '\0') {
        *vlan = 0;
        return TRUE;
    }
    if (!parse_number(text, 0, 4094, vlan))
        return invalid(error, _("A VLAN ID is a whole number from 1 to 4094; leave it empty for "
                                "no VLAN."));
    return TRUE;
}

typedef gboolean (*ItemCheck)(const char *item);

static gboolean
address_ok(const char *item)
{
    guint8 buf[16];

    return inet_pton(AF_INET, item, buf) == 1 || inet_pton(AF_INET6, item, buf) == 1;
}

static gboolean
domain_ok(const char *item)
{
    return corral_validate_hostname(item, NULL);
}

static gboolean
host_ok(const char *item)
{
    return address_ok(item) || domain_ok(item);
}

/* Splits on commas and white space; NULL on the first item @check refuses,
 * with that item in @bad. */
static GPtrArray *
split_list(const char *text, ItemCheck check, char **bad)
{
    g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func(g_free);
    g_auto(GStrv) parts = g_strsplit_set(text != NULL ? text : "", ", \t", -1);

    for (guint i = 0; parts[i] != NULL; i++) {
        if (parts[i][0] == '\0')
            continue;
        if (!check(parts[i])) {
            *bad = g_strdup(parts[i]);
            return NULL;
        }
        g_ptr_array_add(items, g_strdup(parts[i]));
    }
    return g_steal_pointer(&items);
}

gboolean
corral_validate_address_list(const char *text, guint max, GPtrArray **addresses, GError **error)
{
    g_autofree char *bad = NULL;
    g_autoptr(GPtrArray) items = split_list(text, address_ok, &bad);

    if (items == NULL) {
        g_set_error(error, CORRAL_ERROR, CORRAL_ERROR_INVALID,
                    _("“%s” is not an IPv4 or IPv6 address."), bad);
        return FALSE;
    }
    if (items->len > max) {
        g_set_error(error, CORRAL_ERROR, CORRAL_ERROR_INVALID,
                    ngettext("At most %u address.", "At most %u addresses.", max), max);
        return FALSE;
    }
    if (addresses != NULL)
        *addresses = g_steal_pointer(&items);
    return TRUE;
}

gboolean
corral_validate_domain_list(const char *text, GPtrArray **domains, GError **error)
{
    g_autofree char *bad = NULL;
    g_autoptr(GPtrArray) items = split_list(text, domain_ok, &bad);

    if (items == NULL) {
        g_set_error(error, CORRAL_ERROR, CORRAL_ERROR_INVALID,
                    _("“%s” is not a domain name such as example.com."), bad);
        return FALSE;
    }
    if (domains != NULL)
        *domains = g_steal_pointer(&items);
    return TRUE;
}

gboolean
corral_validate_host_list(const char *text, GPtrArray **hosts, GError **error)
{
    g_autofree char *bad = NULL;
    g_autoptr(GPtrArray) items = split_list(text, host_ok, &bad);

    if (items == NULL) {
        g_set_error(error, CORRAL_ERROR, CORRAL_ERROR_INVALID,
                    _("“%s” is not a host name or an address."), bad);
        return FALSE;
    }
    if (hosts != NULL)
        *hosts = g_steal_pointer(&items);
    return TRUE;
}

gboolean
corral_validate_minutes(const char *text, gint64 *minutes, GError **error)
{
    if (!parse_number(text, 0, 1440, minutes))
        return invalid(error, _("Enter whole minutes from 0 to 1440 (0: no timeout)."));
    return TRUE;
}

char *
corral_validate_join_list(const GPtrArray *items)
{
    GString *s = g_string_new(NULL);

    for (guint i = 0; items != NULL && i < items->len; i++)
        g_string_append_printf(s, "%s%s", i > 0 ? ", " : "", (const char *)items->pdata[i]);
    return g_string_free(s, FALSE);
}
