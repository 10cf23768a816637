/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The host configuration file STATE_DIR/host.json: its codec tables, the
 * defaults of a new host, and the checks that tie fields together.
 */
#include "config.h"

#include "common/hostcfg/host-config.h"

#include "common/atomic-file.h"
#include "common/error.h"
#include "common/hostcfg/host-validate.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <string.h>

static const CorralField services_fields[] = {
    [CORRAL_HOST_SERVICES_FIELD_SSH] =
        CORRAL_BOOL("ssh", CorralHostServices, ssh, CORRAL_FIELD_REQUIRED),
    [CORRAL_HOST_SERVICES_FIELD_SSH_TIMEOUT_MIN] = CORRAL_INT(
        "ssh_timeout_min", CorralHostServices, ssh_timeout_min, CORRAL_FIELD_REQUIRED, 0, 1440),
    [CORRAL_HOST_SERVICES_FIELD_SHELL] =
        CORRAL_BOOL("shell", CorralHostServices, shell, CORRAL_FIELD_REQUIRED),
    [CORRAL_HOST_SERVICES_FIELD_SHELL_TIMEOUT_MIN] = CORRAL_INT(
        "shell_timeout_min", CorralHostServices, shell_timeout_min, CORRAL_FIELD_REQUIRED, 0, 1440),
};
CORRAL_DEFINE_OBJECT(CorralHostServices, corral_host_services, "services", services_fields,
                     CORRAL_HOST_SERVICES_FIELD_LAST, NULL)

static const CorralField time_fields[] = {
    [CORRAL_HOST_TIME_FIELD_NTP] = CORRAL_BOOL("ntp", CorralHostTime, ntp, CORRAL_FIELD_REQUIRED),
    [CORRAL_HOST_TIME_FIELD_SERVERS] = CORRAL_STRING_ARRAY("servers", CorralHostTime, servers,
                                                           CORRAL_FIELD_REQUIRED, CORRAL_KIND_NAME),
    [CORRAL_HOST_TIME_FIELD_TIMEZONE] =
        CORRAL_STRING("timezone", CorralHostTime, timezone, CORRAL_FIELD_OPTIONAL),
};
CORRAL_DEFINE_OBJECT(CorralHostTime, corral_host_time, "time", time_fields,
                     CORRAL_HOST_TIME_FIELD_LAST, NULL)

static const CorralField config_fields[] = {
    [CORRAL_HOST_CONFIG_FIELD_HOSTNAME] =
        CORRAL_NAME("hostname", CorralHostConfig, hostname, CORRAL_FIELD_REQUIRED),
    [CORRAL_HOST_CONFIG_FIELD_MANAGEMENT] = CORRAL_OBJECT(
        "management", CorralHostConfig, management, CORRAL_FIELD_REQUIRED, &corral_management_type),
    [CORRAL_HOST_CONFIG_FIELD_IPV4_DISABLED] =
        CORRAL_BOOL("ipv4_disabled", CorralHostConfig, ipv4_disabled, CORRAL_FIELD_OPTIONAL),
    [CORRAL_HOST_CONFIG_FIELD_LOCKDOWN] = CORRAL_ENUM("lockdown", CorralHostConfig, lockdown,
                                                      CORRAL_FIELD_REQUIRED, &corral_lockdown_enum),
    [CORRAL_HOST_CONFIG_FIELD_SERVICES] = CORRAL_OBJECT(
        "services", CorralHostConfig, services, CORRAL_FIELD_REQUIRED, &corral_host_services_type),
    [CORRAL_HOST_CONFIG_FIELD_KEYBOARD] =
        CORRAL_STRING("keyboard", CorralHostConfig, keyboard, CORRAL_FIELD_REQUIRED),
    [CORRAL_HOST_CONFIG_FIELD_TIME] = CORRAL_OBJECT("time", CorralHostConfig, time,
                                                    CORRAL_FIELD_REQUIRED, &corral_host_time_type),
    [CORRAL_HOST_CONFIG_FIELD_ROLLBACK_S] =
        CORRAL_INT_DEFAULT("rollback_s", CorralHostConfig, rollback_s, CORRAL_FIELD_OPTIONAL, 5,
                           3600, CORRAL_HOST_CONFIG_ROLLBACK_S),
};

static gboolean config_check(const void *object, const char *path, GError **error);

CORRAL_DEFINE_OBJECT(CorralHostConfig, corral_host_config, "host", config_fields,
                     CORRAL_HOST_CONFIG_FIELD_LAST, config_check)

static gboolean
config_check(const void *object, const char *path, GError **error)
{
    return corral_host_config_check(object, error);
}

void
corral_host_config_normalize(CorralHostConfig *c)
{
    c->present = (G_GUINT64_CONSTANT(1) << CORRAL_HOST_CONFIG_FIELD_LAST) - 1;
    c->management.present = (G_GUINT64_CONSTANT(1) << CORRAL_MANAGEMENT_FIELD_LAST) - 1;
    c->management.dns.present = (G_GUINT64_CONSTANT(1) << CORRAL_DNS_FIELD_LAST) - 1;
    CORRAL_SET_PRESENT(&c->management.ipv4, CORRAL_IPV4_FIELD_MODE);
    CORRAL_SET_PRESENT(&c->management.ipv6, CORRAL_IPV6_FIELD_MODE);
    if (c->management.ipv4.mode == CORRAL_IPV4_MODE_STATIC)
        CORRAL_SET_PRESENT(&c->management.ipv4, CORRAL_IPV4_FIELD_PREFIX);
    if (c->management.ipv6.mode == CORRAL_IPV6_MODE_STATIC)
        CORRAL_SET_PRESENT(&c->management.ipv6, CORRAL_IPV6_FIELD_PREFIX);
    c->services.present = (G_GUINT64_CONSTANT(1) << CORRAL_HOST_SERVICES_FIELD_LAST) - 1;
    CORRAL_SET_PRESENT(&c->time, CORRAL_HOST_TIME_FIELD_NTP);
    CORRAL_SET_PRESENT(&c->time, CORRAL_HOST_TIME_FIELD_SERVERS);
}

CorralHostConfig *
corral_host_config_new_default(const char *hostname, const char *interface)
{
    CorralHostConfig *c = g_new0(CorralHostConfig, 1);

    c->hostname = g_strdup(hostname != NULL && *hostname != '\0' ? hostname : "localhost");
    c->management.interface = g_strdup(interface != NULL ? interface : "eth0");
    c->management.ipv4.mode = CORRAL_IPV4_MODE_DHCP;
    c->management.ipv6.mode = CORRAL_IPV6_MODE_AUTO;
    c->management.dns.servers = g_ptr_array_new_with_free_func(g_free);
    c->management.dns.search = g_ptr_array_new_with_free_func(g_free);
    c->lockdown = CORRAL_LOCKDOWN_OFF;
    c->services.ssh_timeout_min = 30;
    c->services.shell_timeout_min = 30;
    c->keyboard = g_strdup("us");
    c->time.servers = g_ptr_array_new_with_free_func(g_free);
    c->rollback_s = CORRAL_HOST_CONFIG_ROLLBACK_S;
    corral_host_config_normalize(c);
    return c;
}

static char *
config_path(const char *state_dir)
{
    return g_build_filename(state_dir, CORRAL_HOST_CONFIG_FILE, NULL);
}

CorralHostConfig *
corral_host_config_load(const char *state_dir, GError **error)
{
    g_autofree char *path = config_path(state_dir);
    g_autofree char *text = NULL;
    g_autoptr(GError) local = NULL;
    gsize len;
    CorralHostConfig *c;

    if (!g_file_get_contents(path, &text, &len, &local)) {
        gboolean missing = g_error_matches(local, G_FILE_ERROR, G_FILE_ERROR_NOENT);

        g_set_error(error, CORRAL_ERROR, missing ? CORRAL_ERROR_NOT_FOUND : CORRAL_ERROR_IO, "%s",
                    local->message);
        return NULL;
    }
    c = corral_codec_parse(&corral_host_config_type, text, len, CORRAL_DECODE_STRICT, &local);
    if (c == NULL) {
        g_set_error(error, CORRAL_ERROR, CORRAL_ERROR_CONFIG, "%s: %s", path, local->message);
        return NULL;
    }
    if (!CORRAL_HAS(c, CORRAL_HOST_CONFIG_FIELD_ROLLBACK_S))
        c->rollback_s = CORRAL_HOST_CONFIG_ROLLBACK_S;
    corral_host_config_normalize(c);
    return c;
}

gboolean
corral_host_config_save(const CorralHostConfig *config, const char *state_dir, GError **error)
{
    g_autofree char *path = config_path(state_dir);
    g_autofree char *text = NULL;

    if (!corral_host_config_check(config, error))
        return FALSE;
    text = corral_codec_format(&corral_host_config_type, config);
    return corral_atomic_write(path, text, strlen(text), 0600, error);
}

static gboolean
invalid_text(GError **error, const char *what, const char *message)
{
    g_set_error(error, CORRAL_ERROR, CORRAL_ERROR_INVALID, "%s: %s", what, message);
    return FALSE;
}

static gboolean
invalid(GError **error, const char *what, const GError *cause)
{
    return invalid_text(error, what, cause->message);
}

gboolean
corral_host_config_check(const CorralHostConfig *c, GError **error)
{
    const CorralManagement *m = &c->management;
    g_autoptr(GError) e = NULL;
    g_autofree char *servers = corral_validate_join_list(m->dns.servers);
    g_autofree char *search = corral_validate_join_list(m->dns.search);
    g_autofree char *ntp = corral_validate_join_list(c->time.servers);
    gint64 vlan = m->vlan;

    if (!corral_validate_hostname(c->hostname, &e))
        return invalid(error, _("Host name"), e);
    if (m->interface == NULL || *m->interface == '\0' || strlen(m->interface) > 15)
        return invalid_text(error, _("Network adapter"), _("Choose an adapter."));
    if (vlan < 0 || vlan > 4094)
        return invalid_text(error, _("VLAN"), _("A VLAN ID is 1 to 4094."));
    if (m->ipv4.mode == CORRAL_IPV4_MODE_STATIC) {
        if (!corral_validate_ipv4(m->ipv4.address, &e))
            return invalid(error, _("IPv4 address"), e);
        if (m->ipv4.prefix < 1 || m->ipv4.prefix > 32)
            return invalid_text(error, _("Subnet mask"),
                                _("A prefix length is a whole number from 1 to 32."));
        if (!corral_validate_gateway(m->ipv4.gateway, m->ipv4.address, m->ipv4.prefix, &e))
            return invalid(error, _("Default gateway"), e);
    }
    if (m->ipv6.mode == CORRAL_IPV6_MODE_STATIC) {
        if (!corral_validate_ipv6(m->ipv6.address, NULL, NULL, &e))
            return invalid(error, _("IPv6 address"), e);
        if (m->ipv6.prefix < 1 || m->ipv6.prefix > 128)
            return invalid_text(error, _("IPv6 address"), _("An IPv6 prefix length is 1 to 128."));
        if (m->ipv6.gateway != NULL && *m->ipv6.gateway != '\0' &&
            !corral_validate_ipv6(m->ipv6.gateway, NULL, NULL, &e))
            return invalid(error, _("IPv6 gateway"), e);
    }
    if (!corral_validate_address_list(servers, CORRAL_DNS_SERVERS_MAX, NULL, &e))
        return invalid(error, _("DNS servers"), e);
    if (!corral_validate_domain_list(search, NULL, &e))
        return invalid(error, _("DNS search suffixes"), e);
    if (!corral_validate_host_list(ntp, NULL, &e))
        return invalid(error, _("NTP servers"), e);
    return TRUE;
}

CorralHostConfig *
corral_host_config_copy(const CorralHostConfig *config)
{
    g_autoptr(json_object) json = corral_host_config_to_json(config);
    CorralHostConfig *copy =
        corral_codec_from_json(&corral_host_config_type, json, CORRAL_DECODE_PARTIAL, NULL);

    g_assert(copy != NULL);
    if (copy->management.dns.servers == NULL)
        copy->management.dns.servers = g_ptr_array_new_with_free_func(g_free);
    if (copy->management.dns.search == NULL)
        copy->management.dns.search = g_ptr_array_new_with_free_func(g_free);
    if (copy->time.servers == NULL)
        copy->time.servers = g_ptr_array_new_with_free_func(g_free);
    copy->rollback_s = config->rollback_s;
    corral_host_config_normalize(copy);
    return copy;
}

static char *
network_text(const CorralHostConfig *c)
{
    g_autoptr(json_object) json = corral_management_to_json(&c->management);

    return g_strdup_printf("%s|%d|%s", c->hostname, c->ipv4_disabled,
                           json_object_to_json_string_ext(json, JSON_C_TO_STRING_PLAIN));
}

gboolean
corral_host_config_network_differs(const CorralHostConfig *a, const CorralHostConfig *b)
{
    g_autofree char *ta = network_text(a);
    g_autofree char *tb = network_text(b);

    return strcmp(ta, tb) != 0;
}

char *
corral_host_config_dup_link_name(const CorralHostConfig *config)
{
    const CorralManagement *m = &config->management;
    char *name;

    if (m->vlan == 0)
        return g_strdup(m->interface);
    name = g_strdup_printf("%s.%" G_GINT64_FORMAT, m->interface, m->vlan);
    if (strlen(name) > 15) { /* IFNAMSIZ - 1 */
        g_free(name);
        name = g_strdup_printf("vlan%" G_GINT64_FORMAT, m->vlan);
    }
    return name;
}
