/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The configuration of corrald and the DCUI: an INI file (GKeyFile) read
 * through one table of known settings with their types, defaults and ranges.
 * An unknown setting, a wrong type or an out-of-range number is refused with
 * the file, the group and the key named, and the configuration is unchanged.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
    char *state_dir;         /* [paths] state-dir */
    char *socket_path;       /* [paths] socket */
    char *listen;            /* [server] listen, ADDR:PORT */
    char *libvirt_uri;       /* [server] libvirt-uri */
    gint64 session_idle_s;   /* [auth] session-idle-s */
    gint64 session_max_s;    /* [auth] session-max-s */
    gint64 lockout_failures; /* [auth] lockout-failures */
    gint64 lockout_s;        /* [auth] lockout-s */
    gint64 failure_delay_ms; /* [auth] failure-delay-ms */
    gint64 ticket_s;         /* [console] ticket-s */
    char *restart_command;   /* [services] restart-agent, an argv in shell quoting */
    char *resolv_conf;       /* [network] resolv-conf: the resolver file to write */
    char *hostname_file;     /* [network] hostname-file: "" leaves it alone */
    char *dhcp_script;       /* [network] dhcp-script: udhcpc's script; "" = installed one */
    char *ssh_command;       /* [services] ssh-command: argv with {action} start or stop */
    char *shell_command;     /* [services] shell-command: the same for the local shell */
    char *ntp_command;       /* [services] ntp-command: {action} restart or stop */
    char *keyboard_file;     /* [system] keyboard-file: /etc/default/keyboard */
    char *keymap_command;    /* [system] keymap-command: argv with {keymap}, {layout} */
    char *zoneinfo_dir;      /* [system] zoneinfo: the time zone database */
    char *timezone_file;     /* [system] timezone-file: /etc/timezone */
    char *localtime_path;    /* [system] localtime: the symlink /etc/localtime */
    char *timesyncd_conf;    /* [system] timesyncd-conf: systemd-timesyncd's drop-in */
} CorralConfig;

/* Fills @config with the built-in defaults. */
void corral_config_init(CorralConfig *config);

/* Reads @path over the current values. A missing file is an error only when
 * @must_exist; on any error @config is left as it was. */
gboolean corral_config_load(CorralConfig *config, const char *path, gboolean must_exist,
                            GError **error);

/* Sets one setting from text, as a line of the file would (a program's
 * command-line option over the file); refused like a bad line. */
gboolean corral_config_set(CorralConfig *config, const char *group, const char *key,
                           const char *value, GError **error);

void corral_config_clear(CorralConfig *config);

G_END_DECLS
