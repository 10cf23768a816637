/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The management network through the API: PUT /host/network checks a new
 * management configuration and applies it at once as a task, with the same
 * rollback guard the direct console uses (common/hostcfg/network-change.h),
 * and POST
 * /host/network/confirm keeps it. A login over one of the new addresses
 * confirms it too: whoever reaches the host there has proved it works.
 */
#include "hostd/daemon.h"
#include "hostd/handlers.h"
#include "hostd/host-settings.h"
#include "hostd/hostd-error.h"

#include "common/hostcfg/network-change.h"
#include "common/hostcfg/rollback.h"

#include <string.h>

/* How corrald applies: the files and the DHCP script its configuration
 * names, the kernel hostname only when it also owns the hostname file. */
static void
apply_options(CorraldDaemon *daemon, CorralNetApplyOptions *options)
{
    const CorralConfig *c = &daemon->config;

    corral_net_apply_options_init(options, daemon->state_dir);
    g_free(options->resolv_conf);
    options->resolv_conf = g_strdup(c->resolv_conf);
    g_free(options->hostname_file);
    options->hostname_file = g_strdup(c->hostname_file);
    options->set_kernel_hostname = c->hostname_file[0] != '\0';
    if (c->dhcp_script[0] != '\0') {
        g_free(options->dhcp_script);
        options->dhcp_script = g_strdup(c->dhcp_script);
    }
}

typedef struct {
    CorraldDaemon *daemon;
    CorralHostConfig *current, *next;
} Change;

static void
change_free(gpointer data)
{
    Change *c = data;

    corral_host_config_free(c->current);
    corral_host_config_free(c->next);
    g_free(c);
}

/* Runs as a task, so the answer reaches the client before its connection's
 * address goes away: the change starts a moment after the 202. */
static gboolean
apply_change(CorraldTaskList *tasks, guint64 id, gpointer data, GError **error)
{
    Change *c = data;
    g_autofree char *self = g_file_read_link("/proc/self/exe", NULL);
    CorralNetApplyOptions options;
    gboolean ok;

    g_usleep(G_USEC_PER_SEC / 2);
    apply_options(c->daemon, &options);
    ok = corral_network_change(c->daemon->state_dir, c->current, c->next, &options,
                               (guint)c->next->rollback_s, self, error);
    corral_net_apply_options_clear(&options);
    return ok;
}

gboolean
corrald_handle_host_network(CorraldCall *call, GError **error)
{
    CorraldDaemon *daemon = call->daemon;
    g_autoptr(CorralManagement) management =
        corrald_call_decode_body(call, &corral_management_type, 0, error);
    Change *change;
    json_object *reply;

    if (management == NULL)
        return FALSE;
    change = g_new0(Change, 1);
    change->daemon = daemon;
    change->current = corrald_host_settings_load(daemon->state_dir, error);
    if (change->current == NULL) {
        change_free(change);
        return FALSE;
    }
    change->next = corral_host_config_copy(change->current);
    corral_codec_clear(&corral_management_type, &change->next->management);
    change->next->management = *management;
    memset(management, 0, sizeof *management);
    corral_host_config_normalize(change->next);
    /* What can be refused is refused now, before anything starts. */
    if (!corral_host_config_check(change->next, error)) {
        change_free(change);
        return FALSE;
    }

    reply = json_object_new_object();
    json_object_object_add(reply, "management",
                           corral_management_to_json(&change->next->management));
    json_object_object_add(reply, "rollback_in_s", json_object_new_int64(change->next->rollback_s));
    corrald_event_log_add(daemon->events, "host-network", "host", call->user,
                          "management network change; rolled back in %" G_GINT64_FORMAT
                          " s unless confirmed",
                          change->next->rollback_s);
    json_object_object_add(reply, "task",
                           corrald_task_list_start(daemon->tasks, "host-network", "host",
                                                   call->user, apply_change, change, change_free));
    return corrald_call_reply(call, 202, reply);
}

gboolean
corrald_handle_host_network_confirm(CorraldCall *call, GError **error)
{
    g_autoptr(GError) local = NULL;

    if (!corral_rollback_confirm(call->daemon->state_dir, &local)) {
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_CONFLICT,
                    "no management network change is waiting for confirmation: %s", local->message);
        return FALSE;
    }
    corrald_event_log_add(call->daemon->events, "host-network-confirmed", "host", call->user,
                          "management network change confirmed");
    return corrald_call_reply(call, 204, NULL);
}

/* Whether @address is one of @m's static addresses. */
static gboolean
is_management_address(const CorralManagement *m, const char *address)
{
    return (m->ipv4.address != NULL && g_str_equal(m->ipv4.address, address)) ||
           (m->ipv6.address != NULL && g_str_equal(m->ipv6.address, address));
}

void
corrald_network_confirm_by_login(CorraldDaemon *daemon, const char *server_address,
                                 const char *user)
{
    g_autoptr(CorralHostConfig) config = NULL;
    gint64 deadline;

    if (server_address == NULL || g_str_equal(server_address, "local") ||
        !corral_rollback_get_pending(daemon->state_dir, &deadline))
        return;
    config = corral_host_config_load(daemon->state_dir, NULL);
    if (config == NULL || !is_management_address(&config->management, server_address))
        return;
    if (corral_rollback_confirm(daemon->state_dir, NULL)) {
        g_message("management network change confirmed by a login over %s; user=%s", server_address,
                  user);
        corrald_event_log_add(daemon->events, "host-network-confirmed", "host", user,
                              "management network change confirmed by a login over %s",
                              server_address);
    }
}
