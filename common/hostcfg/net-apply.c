/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Applies the management network in a fixed order: links (VLAN, up), IPv4,
 * IPv6, resolv.conf, host name. Each step names itself in its error so the
 * console can say which one failed.
 */
#include "config.h"

#include "common/hostcfg/net-apply.h"

#include "common/atomic-file.h"
#include "common/error.h"
#include "common/hostcfg/dhcp-lease.h"
#include "common/hostcfg/netlink.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

void
corral_net_apply_options_init(CorralNetApplyOptions *o, const char *state_dir)
{
    /* config.h has no DATADIR; LOCALEDIR is DATADIR/locale. */
    g_autofree char *datadir = g_path_get_dirname(LOCALEDIR);

    memset(o, 0, sizeof *o);
    o->resolv_conf = g_strdup("/etc/resolv.conf");
    o->hostname_file = g_strdup("/etc/hostname");
    o->set_kernel_hostname = TRUE;
    o->dhcp_client = g_strdup("udhcpc");
    o->dhcp_script = g_build_filename(datadir, "corral", "udhcpc-script", NULL);
    o->lease_dir = g_strdup(state_dir);
    o->dhcp_timeout_s = 5;
}

void
corral_net_apply_options_clear(CorralNetApplyOptions *o)
{
    g_free(o->resolv_conf);
    g_free(o->hostname_file);
    g_free(o->dhcp_client);
    g_free(o->dhcp_script);
    g_free(o->lease_dir);
    memset(o, 0, sizeof *o);
}

#define OPTION_STRINGS(X)                                                                          \
    X(resolv_conf, "resolv_conf")                                                                  \
    X(hostname_file, "hostname_file")                                                              \
    X(dhcp_client, "dhcp_client")                                                                  \
    X(dhcp_script, "dhcp_script")                                                                  \
    X(lease_dir, "lease_dir")

json_object *
corral_net_apply_options_to_json(const CorralNetApplyOptions *o)
{
    json_object *json = json_object_new_object();

#define ADD(member, name)                                                                          \
    json_object_object_add(json, name,                                                             \
                           o->member != NULL ? json_object_new_string(o->member) : NULL);
    OPTION_STRINGS(ADD)
#undef ADD
    json_object_object_add(json, "set_kernel_hostname",
                           json_object_new_boolean(o->set_kernel_hostname));
    json_object_object_add(json, "dhcp_timeout_s", json_object_new_int(o->dhcp_timeout_s));
    return json;
}

gboolean
corral_net_apply_options_from_json(CorralNetApplyOptions *o, json_object *json, GError **error)
{
    json_object *v;

    memset(o, 0, sizeof *o);
    if (!json_object_is_type(json, json_type_object)) {
        g_set_error_literal(error, CORRAL_ERROR, CORRAL_ERROR_INVALID,
                            "apply options: not an object");
        return FALSE;
    }
#define GET(member, name)                                                                          \
    if (json_object_object_get_ex(json, name, &v) && json_object_is_type(v, json_type_string))     \
        o->member = g_strdup(json_object_get_string(v));
    OPTION_STRINGS(GET)
#undef GET
    if (json_object_object_get_ex(json, "set_kernel_hostname", &v))
        o->set_kernel_hostname = json_object_get_boolean(v);
    o->dhcp_timeout_s = json_object_object_get_ex(json, "dhcp_timeout_s", &v)
                            ? CLAMP(json_object_get_int(v), 1, 60)
                            : 5;
    if (o->resolv_conf == NULL || o->dhcp_client == NULL || o->dhcp_script == NULL ||
        o->lease_dir == NULL) {
        corral_net_apply_options_clear(o);
        g_set_error_literal(error, CORRAL_ERROR, CORRAL_ERROR_INVALID,
                            "apply options: a path is missing");
        return FALSE;
    }
    return TRUE;
}

static gboolean
write_sysctl(const char *link, const char *key, const char *value, GError **error)
{
    g_autofree char *path = g_strdup_printf("/proc/sys/net/ipv6/conf/%s/%s", link, key);
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    gboolean ok;

    if (fd < 0) {
        /* A kernel without IPv6 has IPv6 off already. */
        if (errno == ENOENT && strcmp(key, "disable_ipv6") == 0 && strcmp(value, "1") == 0)
            return TRUE;
        g_set_error(error, CORRAL_ERROR, CORRAL_ERROR_IO, "%s: %s", path, g_strerror(errno));
        return FALSE;
    }
    ok = write(fd, value, strlen(value)) == (ssize_t)strlen(value);
    if (!ok)
        g_set_error(error, CORRAL_ERROR, CORRAL_ERROR_IO, "%s: %s", path, g_strerror(errno));
    close(fd);
    return ok;
}

static int
find_link(CorralNetlink *nl, const char *name)
{
    return corral_netlink_link_index(nl, name, NULL);
}

/* Takes the management network off the links @previous used that @next
 * does not: its VLAN link goes, its adapter loses its addresses. */
static gboolean
clean_previous(CorralNetlink *nl, const CorralHostConfig *previous, const char *next_link,
               GError **error)
{
    g_autofree char *link = corral_host_config_dup_link_name(previous);
    int index;

    if (strcmp(link, next_link) == 0)
        return TRUE;
    index = find_link(nl, link);
    if (index == 0)
        return TRUE;
    if (previous->management.vlan != 0)
        return corral_netlink_delete_link(nl, index, error);
    return corral_netlink_flush_default_routes(nl, index, AF_INET, error) &&
           corral_netlink_flush_addresses(nl, index, AF_INET, error) &&
           corral_netlink_flush_addresses(nl, index, AF_INET6, error);
}

static int
bring_up(CorralNetlink *nl, const CorralHostConfig *next, const char *link, GError **error)
{
    const CorralManagement *m = &next->management;
    int parent = find_link(nl, m->interface);
    int index;

    if (parent == 0) {
        g_set_error(error, CORRAL_ERROR, CORRAL_ERROR_NOT_FOUND,
                    _("There is no network adapter named %s."), m->interface);
        return 0;
    }
    if (!corral_netlink_set_up(nl, parent, TRUE, error))
        return 0;
    if (m->vlan == 0)
        return parent;
    index = find_link(nl, link);
    if (index == 0) {
        if (!corral_netlink_add_vlan(nl, parent, link, (int)m->vlan, error))
            return 0;
        index = corral_netlink_link_index(nl, link, error);
        if (index == 0)
            return 0;
    }
    if (!corral_netlink_set_up(nl, index, TRUE, error))
        return 0;
    return index;
}

static gboolean
apply_ipv4(CorralNetlink *nl, int index, const char *link, const CorralHostConfig *next,
           const CorralNetApplyOptions *o, CorralDhcpLease **lease, GError **error)
{
    const CorralIpv4 *v4 = &next->management.ipv4;

    /* A DHCP client left from before goes whatever comes next: static, off,
     * another link, or DHCP again (restarting the management network). */
    corral_dhcp_client_stop(o->lease_dir);
    if (!corral_netlink_flush_default_routes(nl, index, AF_INET, error) ||
        !corral_netlink_flush_addresses(nl, index, AF_INET, error))
        return FALSE;
    if (next->ipv4_disabled)
        return TRUE;
    if (v4->mode == CORRAL_IPV4_MODE_STATIC) {
        if (!corral_netlink_address(nl, TRUE, index, v4->address, (int)v4->prefix, error))
            return FALSE;
        return v4->gateway == NULL || *v4->gateway == '\0' ||
               corral_netlink_add_default_route(nl, index, v4->gateway, error);
    }
    *lease = corral_dhcp_lease_acquire(link, o->dhcp_client, o->dhcp_script, o->lease_dir,
                                       o->dhcp_timeout_s, error);
    if (*lease == NULL)
        return FALSE;
    if (!corral_netlink_address(nl, TRUE, index, (*lease)->address, (*lease)->prefix, error))
        return FALSE;
    return (*lease)->router == NULL ||
           corral_netlink_add_default_route(nl, index, (*lease)->router, error);
}

static gboolean
apply_ipv6(CorralNetlink *nl, int index, const char *link, const CorralHostConfig *next,
           GError **error)
{
    const CorralIpv6 *v6 = &next->management.ipv6;

    if (v6->mode == CORRAL_IPV6_MODE_OFF)
        return write_sysctl(link, "disable_ipv6", "1", error);
    if (!write_sysctl(link, "disable_ipv6", "0", error) ||
        !write_sysctl(link, "autoconf", v6->mode == CORRAL_IPV6_MODE_AUTO ? "1" : "0", error) ||
        !write_sysctl(link, "accept_ra", v6->mode == CORRAL_IPV6_MODE_AUTO ? "1" : "0", error))
        return FALSE;
    if (v6->mode != CORRAL_IPV6_MODE_STATIC)
        return TRUE;
    if (!corral_netlink_flush_default_routes(nl, index, AF_INET6, error) ||
        !corral_netlink_flush_addresses(nl, index, AF_INET6, error) ||
        !corral_netlink_address(nl, TRUE, index, v6->address, (int)v6->prefix, error))
        return FALSE;
    return v6->gateway == NULL || *v6->gateway == '\0' ||
           corral_netlink_add_default_route(nl, index, v6->gateway, error);
}

static gboolean
write_resolv_conf(const CorralHostConfig *next, const CorralDhcpLease *lease,
                  const CorralNetApplyOptions *o, GError **error)
{
    const CorralDns *dns = &next->management.dns;
    g_autoptr(GString) text = g_string_new("# Written by Corral from the management network "
                                           "settings; changes here are overwritten.\n");
    gboolean dhcp = lease != NULL;

    if (dns->search->len > 0 || (dhcp && lease->domain != NULL)) {
        g_string_append(text, "search");
        for (guint i = 0; i < dns->search->len; i++)
            g_string_append_printf(text, " %s", (char *)dns->search->pdata[i]);
        if (dhcp && lease->domain != NULL)
            g_string_append_printf(text, " %s", lease->domain);
        g_string_append_c(text, '\n');
    }
    for (guint i = 0; i < dns->servers->len; i++)
        g_string_append_printf(text, "nameserver %s\n", (char *)dns->servers->pdata[i]);
    /* The servers the admin typed win; DHCP's fill in when there are none. */
    for (guint i = 0; dhcp && dns->servers->len == 0 && i < lease->dns->len; i++)
        g_string_append_printf(text, "nameserver %s\n", (char *)lease->dns->pdata[i]);
    return corral_atomic_write(o->resolv_conf, text->str, text->len, 0644, error);
}

static gboolean
apply_hostname(const CorralHostConfig *next, const CorralNetApplyOptions *o, GError **error)
{
    g_autofree char *line = g_strdup_printf("%s\n", next->hostname);

    if (o->hostname_file != NULL && *o->hostname_file != '\0' &&
        !corral_atomic_write(o->hostname_file, line, strlen(line), 0644, error))
        return FALSE;
    if (o->set_kernel_hostname && sethostname(next->hostname, strlen(next->hostname)) < 0) {
        g_set_error(error, CORRAL_ERROR, CORRAL_ERROR_FAILED, _("Setting the host name: %s"),
                    g_strerror(errno));
        return FALSE;
    }
    return TRUE;
}

gboolean
corral_net_apply(const CorralHostConfig *previous, const CorralHostConfig *next,
                 const CorralNetApplyOptions *o, GError **error)
{
    g_autoptr(CorralNetlink) nl = corral_netlink_open(error);
    g_autofree char *link = corral_host_config_dup_link_name(next);
    g_autoptr(CorralDhcpLease) lease = NULL;
    int index;

    if (nl == NULL)
        return FALSE;
    if (previous != NULL && !clean_previous(nl, previous, link, error))
        return FALSE;
    index = bring_up(nl, next, link, error);
    if (index == 0)
        return FALSE;
    return apply_ipv4(nl, index, link, next, o, &lease, error) &&
           apply_ipv6(nl, index, link, next, error) && write_resolv_conf(next, lease, o, error) &&
           apply_hostname(next, o, error);
}
