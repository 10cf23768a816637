/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The console's model: its options, the host configuration as saved and
 * as being edited, the users file, who is logged in, and the text of the
 * dialog a screen asked for. Screens read and change it; the functions
 * here do what changes the host (passwords, settings, the network) and
 * report failure through GError. Used from the one UI thread only.
 */
#pragma once

#include <glib.h>

#include "common/config-file.h"
#include "common/hostcfg/host-config.h"
#include "common/hostcfg/net-apply.h"
#include "common/hostcfg/user-store.h"

G_BEGIN_DECLS

typedef struct {
    char *state_dir;
    char *socket_path;
    char *config_path;
    char *log_path;
    char *poweroff_command;
    char *reboot_command;
    char *interface_filter; /* a GLib regex of adapters to show, or NULL */
    char *self_program;     /* this binary, for the rollback guard */
    guint idle_s;
    int rollback_s; /* < 0: from host.json */
    gboolean monochrome;
    CorralNetApplyOptions net;
    GPtrArray *settings; /* char *: group, key, value, ...: over corrald.conf's */
} DcuiOptions;

typedef struct {
    char *title;
    char *text;
    char *detail;
} DcuiDialog;

struct DcuiApp {
    DcuiOptions options;
    CorralConfig config;
    guint idle_s;
    CorralHostConfig *host;  /* as saved in host.json */
    CorralHostConfig *draft; /* the management network being edited */
    CorralUserStore *users;
    char *user; /* logged in, or NULL */
    gint64 last_input_us;
    DcuiDialog dialog; /* for the confirm and message screens */
    int after_login;   /* the DcuiScreenId the login screen opens */
};

typedef struct DcuiApp DcuiApp;

/* Takes over @options. Loads the configuration, the users and host.json
 * (making the defaults when there is none). */
DcuiApp *dcui_app_new(DcuiOptions *options, GError **error);
void dcui_app_free(DcuiApp *app);

/* Root has no password yet. */
gboolean dcui_app_first_boot(DcuiApp *app);

/* Checks the password of @user, who must be an admin (console access). */
gboolean dcui_app_login(DcuiApp *app, const char *user, const char *password, GError **error);
void dcui_app_logout(DcuiApp *app);

/* Sets @user's password after the policy check; tells corrald. */
gboolean dcui_app_set_password(DcuiApp *app, const char *user, const char *password,
                               GError **error);

/* Saves @next as host.json and makes it the current settings (takes it
 * over); tells corrald. For settings that do not touch the network. */
gboolean dcui_app_save_host(DcuiApp *app, CorralHostConfig *next, GError **error);

/* Starts editing the management network: a copy of the saved settings. */
void dcui_app_begin_draft(DcuiApp *app);
void dcui_app_end_draft(DcuiApp *app);
gboolean dcui_app_draft_changed(DcuiApp *app);

/* Applies @next to the network with the rollback guard armed, and saves
 * it. On failure the previous settings are back when it returns. */
gboolean dcui_app_apply_network(DcuiApp *app, const CorralHostConfig *next, GError **error);

/* Re-applies the saved settings (DHCP asks again), without a guard. */
gboolean dcui_app_restart_network(DcuiApp *app, GError **error);

gboolean dcui_app_rollback_pending(DcuiApp *app, gint64 *deadline);
gboolean dcui_app_confirm_network(DcuiApp *app, GError **error);
gboolean dcui_app_revert_network(DcuiApp *app, GError **error);

/* Re-reads host.json (after a rollback). */
void dcui_app_reload_host(DcuiApp *app);

/* Runs a configured command (shell quoting, no shell) and waits for it. */
gboolean dcui_app_run_command(const char *command, GError **error);

/* Sets the text of the next confirm or message dialog. */
void dcui_app_set_dialog(DcuiApp *app, const char *title, const char *text, const char *detail);

/* The adapters to offer: links that pass the filter, not loopback, not
 * VLANs; CorralNetLink *. */
GPtrArray *dcui_app_list_adapters(DcuiApp *app, GError **error);

G_END_DECLS
