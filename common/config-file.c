/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The settings table and its loader (see config.h). Adding a setting is one
 * row here and one field in CorralConfig.
 */
#include "common/config-file.h"

#include "config.h"

#include "common/error.h"

#include <errno.h>
#include <string.h>

typedef enum { SETTING_STRING, SETTING_INT } SettingKind;

typedef struct {
    const char *group;
    const char *key;
    SettingKind kind;
    gsize offset;
    const char *default_string;
    gint64 default_int, min, max;
} Setting;

#define STR(g, k, field, def)                                                                      \
    {                                                                                              \
        g, k, SETTING_STRING, G_STRUCT_OFFSET(CorralConfig, field), def, 0, 0, 0                   \
    }
#define INT(g, k, field, def, lo, hi)                                                              \
    {                                                                                              \
        g, k, SETTING_INT, G_STRUCT_OFFSET(CorralConfig, field), NULL, def, lo, hi                 \
    }

static const Setting settings[] = {
    STR("paths", "state-dir", state_dir, LOCALSTATEDIR "/lib/corral"),
    STR("paths", "socket", socket_path, "/run/corral/corrald.sock"),
    STR("server", "listen", listen, "0.0.0.0:443"),
    STR("server", "libvirt-uri", libvirt_uri, "qemu:///system"),
    INT("auth", "session-idle-s", session_idle_s, 900, 60, 86400),
    INT("auth", "session-max-s", session_max_s, 7200, 60, 7 * 86400),
    INT("auth", "lockout-failures", lockout_failures, 5, 1, 1000),
    INT("auth", "lockout-s", lockout_s, 900, 0, 86400),
    INT("auth", "failure-delay-ms", failure_delay_ms, 1000, 0, 10000),
    INT("console", "ticket-s", ticket_s, 30, 5, 600),
    STR("services", "restart-agent", restart_command, ""),
    STR("services", "ssh-command", ssh_command, "systemctl {action} ssh.service"),
    STR("services", "shell-command", shell_command, "systemctl {action} getty@tty2.service"),
    STR("services", "ntp-command", ntp_command, "systemctl {action} systemd-timesyncd.service"),
    STR("network", "resolv-conf", resolv_conf, "/etc/resolv.conf"),
    STR("network", "hostname-file", hostname_file, "/etc/hostname"),
    STR("network", "dhcp-script", dhcp_script, ""),
    STR("system", "keyboard-file", keyboard_file, "/etc/default/keyboard"),
    STR("system", "keymap-command", keymap_command, "loadkeys {keymap}"),
    STR("system", "zoneinfo", zoneinfo_dir, "/usr/share/zoneinfo"),
    STR("system", "timezone-file", timezone_file, "/etc/timezone"),
    STR("system", "localtime", localtime_path, "/etc/localtime"),
    STR("system", "timesyncd-conf", timesyncd_conf, "/etc/systemd/timesyncd.conf.d/corral.conf"),
};

#undef STR
#undef INT

static char **
string_slot(CorralConfig *config, const Setting *s)
{
    return G_STRUCT_MEMBER_P(config, s->offset);
}

static gint64 *
int_slot(CorralConfig *config, const Setting *s)
{
    return G_STRUCT_MEMBER_P(config, s->offset);
}

static const Setting *
find_setting(const char *group, const char *key)
{
    for (gsize i = 0; i < G_N_ELEMENTS(settings); i++)
        if (g_str_equal(settings[i].group, group) && g_str_equal(settings[i].key, key))
            return &settings[i];
    return NULL;
}

void
corral_config_init(CorralConfig *config)
{
    memset(config, 0, sizeof *config);
    for (gsize i = 0; i < G_N_ELEMENTS(settings); i++) {
        const Setting *s = &settings[i];
        if (s->kind == SETTING_STRING)
            *string_slot(config, s) = g_strdup(s->default_string);
        else
            *int_slot(config, s) = s->default_int;
    }
}

void
corral_config_clear(CorralConfig *config)
{
    for (gsize i = 0; i < G_N_ELEMENTS(settings); i++)
        if (settings[i].kind == SETTING_STRING)
            g_clear_pointer(string_slot(config, &settings[i]), g_free);
}

static gboolean
parse_value(const Setting *s, const char *text, CorralConfig *into, const char *path,
            GError **error)
{
    gint64 value;
    char *end;

    if (s->kind == SETTING_STRING) {
        g_free(*string_slot(into, s));
        *string_slot(into, s) = g_strdup(text);
        return TRUE;
    }
    errno = 0;
    value = g_ascii_strtoll(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || value < s->min || value > s->max) {
        g_set_error(error, CORRAL_ERROR, CORRAL_ERROR_CONFIG,
                    "%s: [%s] %s: \"%s\" is not an integer from %" G_GINT64_FORMAT
                    " to %" G_GINT64_FORMAT,
                    path, s->group, s->key, text, s->min, s->max);
        return FALSE;
    }
    *int_slot(into, s) = value;
    return TRUE;
}

gboolean
corral_config_set(CorralConfig *config, const char *group, const char *key, const char *value,
                  GError **error)
{
    const Setting *s = find_setting(group, key);

    if (s == NULL) {
        g_set_error(error, CORRAL_ERROR, CORRAL_ERROR_CONFIG, "[%s] %s: unknown setting", group,
                    key);
        return FALSE;
    }
    return parse_value(s, value, config, "command line", error);
}

gboolean
corral_config_load(CorralConfig *config, const char *path, gboolean must_exist, GError **error)
{
    g_autoptr(GKeyFile) file = g_key_file_new();
    g_autoptr(GError) local = NULL;
    g_auto(GStrv) groups = NULL;
    CorralConfig staged;

    if (!g_key_file_load_from_file(file, path, G_KEY_FILE_NONE, &local)) {
        if (!must_exist && g_error_matches(local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
            return TRUE;
        g_set_error(error, CORRAL_ERROR, CORRAL_ERROR_CONFIG, "%s: %s", path, local->message);
        return FALSE;
    }

    /* Parse into a copy so a bad line leaves @config untouched. */
    staged = *config;
    for (gsize i = 0; i < G_N_ELEMENTS(settings); i++)
        if (settings[i].kind == SETTING_STRING)
            *string_slot(&staged, &settings[i]) = g_strdup(*string_slot(config, &settings[i]));

    groups = g_key_file_get_groups(file, NULL);
    for (gsize g = 0; groups[g] != NULL; g++) {
        g_auto(GStrv) keys = g_key_file_get_keys(file, groups[g], NULL, NULL);
        for (gsize k = 0; keys != NULL && keys[k] != NULL; k++) {
            const Setting *s = find_setting(groups[g], keys[k]);
            g_autofree char *text = NULL;

            if (s == NULL) {
                g_set_error(error, CORRAL_ERROR, CORRAL_ERROR_CONFIG,
                            "%s: [%s] %s: unknown setting", path, groups[g], keys[k]);
                corral_config_clear(&staged);
                return FALSE;
            }
            text = g_key_file_get_string(file, groups[g], keys[k], &local);
            if (text == NULL) {
                g_set_error(error, CORRAL_ERROR, CORRAL_ERROR_CONFIG, "%s: [%s] %s: %s", path,
                            groups[g], keys[k], local->message);
                corral_config_clear(&staged);
                return FALSE;
            }
            if (!parse_value(s, text, &staged, path, error)) {
                corral_config_clear(&staged);
                return FALSE;
            }
        }
    }
    corral_config_clear(config);
    *config = staged;
    return TRUE;
}
