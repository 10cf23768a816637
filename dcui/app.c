/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The console's model and the actions that change the host. Host settings
 * go through hostcfg (host.json, the users file, the network), so all of
 * this works with corrald stopped; when it runs it is told to reload.
 */
#include "config.h"

#include "dcui/app.h"

#include "common/error.h"
#include "common/hostcfg/netlink.h"
#include "common/hostcfg/network-change.h"
#include "common/hostcfg/rollback.h"
#include "common/password-policy.h"
#include "common/password.h"
#include "dcui/agent.h"

#include <glib/gi18n.h>
#include <string.h>
#include <unistd.h>

static void
options_clear(DcuiOptions *o)
{
    g_free(o->state_dir);
    g_free(o->socket_path);
    g_free(o->config_path);
    g_free(o->log_path);
    g_free(o->poweroff_command);
    g_free(o->reboot_command);
    g_free(o->interface_filter);
    g_free(o->self_program);
    corral_net_apply_options_clear(&o->net);
    g_clear_pointer(&o->settings, g_ptr_array_unref);
}

static char *
first_adapter(DcuiApp *app)
{
    g_autoptr(GPtrArray) links = dcui_app_list_adapters(app, NULL);

    if (links == NULL || links->len == 0)
        return NULL;
    return g_strdup(((CorralNetLink *)links->pdata[0])->name);
}

static CorralHostConfig *
default_host(DcuiApp *app)
{
    char name[256] = "";
    g_autofree char *adapter = first_adapter(app);

    gethostname(name, sizeof name - 1);
    return corral_host_config_new_default(name, adapter);
}

DcuiApp *
dcui_app_new(DcuiOptions *options, GError **error)
{
    DcuiApp *app = g_new0(DcuiApp, 1);
    g_autofree char *users = NULL;
    g_autoptr(GError) local = NULL;

    app->options = *options;
    memset(options, 0, sizeof *options);
    corral_config_init(&app->config);
    if (app->options.config_path != NULL &&
        !corral_config_load(&app->config, app->options.config_path, TRUE, error))
        goto fail;
    for (guint i = 0; app->options.settings != NULL && i + 2 < app->options.settings->len; i += 3)
        if (!corral_config_set(&app->config, app->options.settings->pdata[i],
                               app->options.settings->pdata[i + 1],
                               app->options.settings->pdata[i + 2], error))
            goto fail;
    if (app->options.state_dir == NULL)
        app->options.state_dir = g_strdup(app->config.state_dir);
    if (app->options.socket_path == NULL)
        app->options.socket_path = g_strdup(app->config.socket_path);
    if (app->options.net.resolv_conf == NULL) {
        CorralNetApplyOptions defaults;

        corral_net_apply_options_init(&defaults, app->options.state_dir);
        app->options.net = defaults;
    }
    app->idle_s = app->options.idle_s;
    g_mkdir_with_parents(app->options.state_dir, 0700);
    users = g_build_filename(app->options.state_dir, "users.json", NULL);
    app->users = corral_user_store_load(users, error);
    if (app->users == NULL)
        goto fail;
    app->host = corral_host_config_load(app->options.state_dir, &local);
    if (app->host == NULL) {
        if (!g_error_matches(local, CORRAL_ERROR, CORRAL_ERROR_NOT_FOUND)) {
            g_propagate_error(error, g_steal_pointer(&local));
            goto fail;
        }
        app->host = default_host(app);
    }
    app->last_input_us = g_get_monotonic_time();
    return app;
fail:
    dcui_app_free(app);
    return NULL;
}

void
dcui_app_free(DcuiApp *app)
{
    if (app == NULL)
        return;
    options_clear(&app->options);
    corral_config_clear(&app->config);
    g_clear_pointer(&app->host, corral_host_config_free);
    g_clear_pointer(&app->draft, corral_host_config_free);
    g_clear_pointer(&app->users, corral_user_store_free);
    g_free(app->user);
    dcui_app_set_dialog(app, NULL, NULL, NULL);
    g_free(app);
}

gboolean
dcui_app_first_boot(DcuiApp *app)
{
    g_autofree char *hash = NULL;

    corral_user_store_reload(app->users, NULL);
    hash = corral_user_store_dup_hash(app->users, "root");
    return hash == NULL || *hash == '\0';
}

gboolean
dcui_app_login(DcuiApp *app, const char *user, const char *password, GError **error)
{
    static const char *const host[] = {"host", NULL};
    g_autofree char *hash = NULL;

    corral_user_store_reload(app->users, NULL);
    hash = corral_user_store_dup_hash(app->users, user);
    /* Verify even without a hash, so the time taken tells nothing. */
    if (!corral_password_verify(password, hash)) {
        g_set_error_literal(error, CORRAL_ERROR, CORRAL_ERROR_PERMISSION,
                            _("Wrong user name or password."));
        return FALSE;
    }
    if (corral_user_store_role_on(app->users, user, host) != CORRAL_USER_ROLE_ADMIN) {
        g_set_error_literal(error, CORRAL_ERROR, CORRAL_ERROR_PERMISSION,
                            _("This user has no console access (administrators only)."));
        return FALSE;
    }
    g_free(app->user);
    app->user = g_strdup(user);
    return TRUE;
}

void
dcui_app_logout(DcuiApp *app)
{
    g_clear_pointer(&app->user, g_free);
    g_clear_pointer(&app->draft, corral_host_config_free);
}

gboolean
dcui_app_set_password(DcuiApp *app, const char *user, const char *password, GError **error)
{
    g_autofree char *hash = NULL;

    if (!corral_password_policy_check(password, user, error))
        return FALSE;
    hash = corral_password_hash(password, error);
    if (hash == NULL || !corral_user_store_set_password(app->users, user, hash, error))
        return FALSE;
    dcui_agent_reload(app, NULL);
    return TRUE;
}

gboolean
dcui_app_save_host(DcuiApp *app, CorralHostConfig *next, GError **error)
{
    corral_host_config_normalize(next);
    if (!corral_host_config_save(next, app->options.state_dir, error)) {
        corral_host_config_free(next);
        return FALSE;
    }
    corral_host_config_free(app->host);
    app->host = next;
    dcui_agent_reload(app, NULL);
    return TRUE;
}

void
dcui_app_begin_draft(DcuiApp *app)
{
    g_clear_pointer(&app->draft, corral_host_config_free);
    app->draft = corral_host_config_copy(app->host);
}

void
dcui_app_end_draft(DcuiApp *app)
{
    g_clear_pointer(&app->draft, corral_host_config_free);
}

gboolean
dcui_app_draft_changed(DcuiApp *app)
{
    return app->draft != NULL && corral_host_config_network_differs(app->host, app->draft);
}

static guint
rollback_seconds(DcuiApp *app)
{
    return app->options.rollback_s >= 0 ? (guint)app->options.rollback_s
                                        : (guint)app->host->rollback_s;
}

gboolean
dcui_app_apply_network(DcuiApp *app, const CorralHostConfig *next_in, GError **error)
{
    g_autoptr(CorralHostConfig) next = corral_host_config_copy(next_in);

    if (!corral_network_change(app->options.state_dir, app->host, next, &app->options.net,
                               rollback_seconds(app), app->options.self_program, error)) {
        dcui_app_reload_host(app);
        return FALSE;
    }
    corral_host_config_free(app->host);
    app->host = g_steal_pointer(&next);
    dcui_agent_reload(app, NULL);
    return TRUE;
}

gboolean
dcui_app_restart_network(DcuiApp *app, GError **error)
{
    return corral_net_apply(app->host, app->host, &app->options.net, error);
}

gboolean
dcui_app_rollback_pending(DcuiApp *app, gint64 *deadline)
{
    return corral_rollback_get_pending(app->options.state_dir, deadline);
}

gboolean
dcui_app_confirm_network(DcuiApp *app, GError **error)
{
    return corral_rollback_confirm(app->options.state_dir, error);
}

gboolean
dcui_app_revert_network(DcuiApp *app, GError **error)
{
    gboolean ok = corral_rollback_revert_now(app->options.state_dir, error);

    dcui_app_reload_host(app);
    dcui_agent_reload(app, NULL);
    return ok;
}

void
dcui_app_reload_host(DcuiApp *app)
{
    CorralHostConfig *host = corral_host_config_load(app->options.state_dir, NULL);

    if (host == NULL)
        return;
    corral_host_config_free(app->host);
    app->host = host;
}

gboolean
dcui_app_run_command(const char *command, GError **error)
{
    g_auto(GStrv) argv = NULL;
    int status = 0;

    if (command == NULL || *command == '\0') {
        g_set_error_literal(error, CORRAL_ERROR, CORRAL_ERROR_CONFIG,
                            _("No command is configured for this."));
        return FALSE;
    }
    if (!g_shell_parse_argv(command, NULL, &argv, error))
        return FALSE;
    /* No pipes: a command that leaves a daemon behind must not keep us
     * waiting for its output to close. */
    if (!g_spawn_sync(NULL, argv, NULL,
                      G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                      NULL, NULL, NULL, NULL, &status, error))
        return FALSE;
    return g_spawn_check_wait_status(status, error);
}

void
dcui_app_set_dialog(DcuiApp *app, const char *title, const char *text, const char *detail)
{
    g_free(app->dialog.title);
    g_free(app->dialog.text);
    g_free(app->dialog.detail);
    app->dialog.title = g_strdup(title);
    app->dialog.text = g_strdup(text);
    app->dialog.detail = g_strdup(detail);
}

GPtrArray *
dcui_app_list_adapters(DcuiApp *app, GError **error)
{
    g_autoptr(CorralNetlink) nl = corral_netlink_open(error);
    g_autoptr(GPtrArray) links = NULL;
    g_autoptr(GRegex) filter = NULL;
    GPtrArray *out;

    if (nl == NULL)
        return NULL;
    links = corral_netlink_list_links(nl, error);
    if (links == NULL)
        return NULL;
    if (app->options.interface_filter != NULL)
        filter = g_regex_new(app->options.interface_filter, 0, 0, NULL);
    out = g_ptr_array_new_with_free_func((GDestroyNotify)corral_net_link_free);
    for (guint i = 0; i < links->len; i++) {
        CorralNetLink *l = links->pdata[i];

        if (l->loopback || g_strcmp0(l->kind, "vlan") == 0 || l->name == NULL)
            continue;
        if (filter != NULL && !g_regex_match(filter, l->name, 0, NULL))
            continue;
        g_ptr_array_add(out, g_steal_pointer(&links->pdata[i]));
    }
    return out;
}
