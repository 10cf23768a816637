/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * corral-dcui: the direct console on the host's screen. Parses the command
 * line, sets up gettext and the terminal, and runs the screen manager.
 * With the hidden `--rollback-guard FILE` it is instead the detached guard
 * that rolls back an unconfirmed management network change, and with
 * `--service-timer FILE` the one that turns a service off at its timeout.
 */
#include "config.h"

#include "common/hostcfg/host-services.h"
#include "common/hostcfg/rollback.h"
#include "common/hostcfg/service-timer.h"
#include "dcui/app.h"
#include "dcui/crt.h"
#include "dcui/screen-manager.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

/* Options that set one setting of corrald.conf, over the file. */
static const struct {
    const char *flag, *group, *key, *help, *arg;
} setting_flags[] = {
    {"keyboard-file", "system", "keyboard-file",
     "The keyboard layout file to write (default /etc/default/keyboard)", "FILE"},
    {"keymap-command", "system", "keymap-command",
     "Command that loads the console keymap, {keymap} its name (default loadkeys {keymap})",
     "COMMAND"},
    {"zoneinfo", "system", "zoneinfo", "The time zone database (default /usr/share/zoneinfo)",
     "DIR"},
    {"timezone-file", "system", "timezone-file",
     "The time zone file to write (default /etc/timezone)", "FILE"},
    {"localtime", "system", "localtime",
     "The symlink to the zone's file to replace (default /etc/localtime)", "FILE"},
    {"timesyncd-conf", "system", "timesyncd-conf",
     "systemd-timesyncd's drop-in to write (default "
     "/etc/systemd/timesyncd.conf.d/corral.conf)",
     "FILE"},
    {"ntp-command", "services", "ntp-command",
     "Command that restarts or stops NTP, {action} restart or stop", "COMMAND"},
    {"ssh-command", "services", "ssh-command",
     "Command that starts or stops SSH, {action} start or stop", "COMMAND"},
    {"shell-command", "services", "shell-command",
     "Command that starts or stops the local shell, {action} start or stop", "COMMAND"},
};

typedef struct {
    DcuiOptions app;
    char *settings[G_N_ELEMENTS(setting_flags)];
    char *rollback_guard;
    char *service_timer;
    char *resolv_conf;
    char *hostname_file;
    char *dhcp_script;
    gboolean no_kernel_hostname;
    int idle_s;
} Options;

static gboolean
parse_options(int *argc, char ***argv, Options *o, GError **error)
{
    const GOptionEntry entries[] = {
        {"state-dir", 0, 0, G_OPTION_ARG_FILENAME, &o->app.state_dir,
         "corrald's state directory (default from the configuration)", "DIR"},
        {"socket", 0, 0, G_OPTION_ARG_FILENAME, &o->app.socket_path, "corrald's unix socket",
         "PATH"},
        {"config", 0, 0, G_OPTION_ARG_FILENAME, &o->app.config_path,
         "corrald.conf, for the restart-agent command", "FILE"},
        {"log-file", 0, 0, G_OPTION_ARG_FILENAME, &o->app.log_path,
         "The log that View System Logs shows", "FILE"},
        {"poweroff-command", 0, 0, G_OPTION_ARG_STRING, &o->app.poweroff_command,
         "Command that shuts the host down", "COMMAND"},
        {"reboot-command", 0, 0, G_OPTION_ARG_STRING, &o->app.reboot_command,
         "Command that restarts the host", "COMMAND"},
        {"interface-filter", 0, 0, G_OPTION_ARG_STRING, &o->app.interface_filter,
         "Offer only network adapters matching this regular expression", "REGEX"},
        {"idle-timeout", 0, 0, G_OPTION_ARG_INT, &o->idle_s,
         "Log out after this many idle seconds (default 600, 0: never)", "S"},
        {"rollback-timeout", 0, 0, G_OPTION_ARG_INT, &o->app.rollback_s,
         "Seconds a network change waits for confirmation (default from host.json)", "S"},
        {"resolv-conf", 0, 0, G_OPTION_ARG_FILENAME, &o->resolv_conf,
         "The resolver file to write (default /etc/resolv.conf)", "FILE"},
        {"hostname-file", 0, 0, G_OPTION_ARG_FILENAME, &o->hostname_file,
         "The host name file to write (default /etc/hostname; empty: none)", "FILE"},
        {"no-kernel-hostname", 0, 0, G_OPTION_ARG_NONE, &o->no_kernel_hostname,
         "Do not set the kernel's host name", NULL},
        {"dhcp-script", 0, 0, G_OPTION_ARG_FILENAME, &o->dhcp_script, "udhcpc's script", "FILE"},
        {"monochrome", 0, 0, G_OPTION_ARG_NONE, &o->app.monochrome, "Do not use colours", NULL},
        {"rollback-guard", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &o->rollback_guard, NULL,
         NULL},
        {"service-timer", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &o->service_timer, NULL,
         NULL},
        {NULL},
    };
    GOptionEntry settings[G_N_ELEMENTS(setting_flags) + 1] = {{NULL}};
    g_autoptr(GOptionContext) context = g_option_context_new("- the Corral direct console");

    for (guint i = 0; i < G_N_ELEMENTS(setting_flags); i++)
        settings[i] = (GOptionEntry){setting_flags[i].flag,
                                     0,
                                     0,
                                     G_OPTION_ARG_STRING,
                                     &o->settings[i],
                                     setting_flags[i].help,
                                     setting_flags[i].arg};
    o->idle_s = 600;
    o->app.rollback_s = -1;
    g_option_context_add_main_entries(context, entries, NULL);
    g_option_context_add_main_entries(context, settings, NULL);
    return g_option_context_parse(context, argc, argv, error);
}

/* Curses owns the terminal: log lines would tear the screen. */
static GLogWriterOutput
drop_log(GLogLevelFlags level, const GLogField *fields, gsize n_fields, gpointer data)
{
    return G_LOG_WRITER_HANDLED;
}

static void
finish_options(Options *o)
{
    CorralNetApplyOptions *net = &o->app.net;

    o->app.idle_s = (guint)MAX(o->idle_s, 0);
    o->app.self_program = g_file_read_link("/proc/self/exe", NULL);
    corral_net_apply_options_init(net, o->app.state_dir != NULL ? o->app.state_dir : ".");
    if (o->resolv_conf != NULL) {
        g_free(net->resolv_conf);
        net->resolv_conf = g_steal_pointer(&o->resolv_conf);
    }
    if (o->hostname_file != NULL) {
        g_free(net->hostname_file);
        net->hostname_file = g_steal_pointer(&o->hostname_file);
    }
    if (o->dhcp_script != NULL) {
        g_free(net->dhcp_script);
        net->dhcp_script = g_steal_pointer(&o->dhcp_script);
    }
    net->set_kernel_hostname = !o->no_kernel_hostname;
    o->app.settings = g_ptr_array_new_with_free_func(g_free);
    for (guint i = 0; i < G_N_ELEMENTS(setting_flags); i++) {
        if (o->settings[i] == NULL)
            continue;
        g_ptr_array_add(o->app.settings, g_strdup(setting_flags[i].group));
        g_ptr_array_add(o->app.settings, g_strdup(setting_flags[i].key));
        g_ptr_array_add(o->app.settings, g_steal_pointer(&o->settings[i]));
    }
}

int
main(int argc, char **argv)
{
    Options o = {0};
    g_autoptr(GError) error = NULL;
    const char *localedir = g_getenv("CORRAL_LOCALEDIR");
    DcuiScreenManager *manager;
    DcuiApp *app;

    setlocale(LC_ALL, "");
    bindtextdomain(GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
    bind_textdomain_codeset(GETTEXT_PACKAGE, "UTF-8");
    textdomain(GETTEXT_PACKAGE);

    if (!parse_options(&argc, &argv, &o, &error)) {
        fprintf(stderr, "corral-dcui: %s\n", error->message);
        return 2;
    }
    if (o.rollback_guard != NULL)
        return corral_rollback_guard_main(o.rollback_guard);
    if (o.service_timer != NULL)
        return corral_service_timer_guard_main(o.service_timer, corral_host_services_expired);
    finish_options(&o);
    app = dcui_app_new(&o.app, &error);
    if (app == NULL) {
        fprintf(stderr, "corral-dcui: %s\n", error->message);
        return 1;
    }
    /* The lease file goes where the state is, once that is known. */
    g_free(app->options.net.lease_dir);
    app->options.net.lease_dir = g_strdup(app->options.state_dir);

    g_log_set_writer_func(drop_log, NULL, NULL);
    dcui_crt_init(app->options.monochrome || g_getenv("CORRAL_DCUI_MONOCHROME") != NULL);
    manager = dcui_screen_manager_new(app);
    dcui_screen_manager_run(manager);
    dcui_screen_manager_free(manager);
    dcui_crt_done();
    dcui_app_free(app);
    g_free(o.rollback_guard);
    return 0;
}
