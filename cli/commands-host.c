/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The commands about the connection and the host as a whole: login, logout,
 * host show, tasks and events.
 */
#include "cli/commands.h"

#include "cli/output.h"
#include "cli/session-file.h"
#include "protocol/event.h"
#include "protocol/host.h"
#include "protocol/task.h"

#include <glib/gi18n.h>
#include <stdio.h>

/* How long one long poll of `events --follow` waits, in seconds. */
#define EVENTS_WAIT_S 50

gboolean
cli_cmd_login(CliContext *ctx, GError **error)
{
    const char *peer = corral_client_get_peer(ctx->client);
    g_autoptr(CliSecret) password = NULL;
    g_autoptr(CorralSession) session = NULL;
    g_autofree char *until = NULL;

    if (ctx->password_file != NULL) {
        password = cli_secret_read_file(ctx->password_file, error);
    } else if (cli_prompt_is_interactive()) {
        g_autofree char *question =
            g_strdup_printf(_("Password for %1$s on %2$s: "), cli_context_user(ctx), peer);

        password = cli_prompt_secret(question, error);
    } else {
        g_set_error_literal(error, CLI_ERROR, CLI_ERROR_FAILED,
                            _("login needs a terminal to ask the password on, or --password-file"));
    }
    if (password == NULL)
        return FALSE;

    session = cli_login(ctx, cli_context_user(ctx), password, error);
    if (session == NULL || !cli_session_file_save(peer, session, error))
        return FALSE;

    if (ctx->json) {
        /* The token is a secret: the session is shown without it. */
        g_autoptr(json_object) shown = corral_session_to_json(session);

        json_object_object_del(shown, "token");
        cli_print_json(shown, FALSE);
        return TRUE;
    }
    until = cli_time_format(session->expires_at);
    printf(_("Logged in to %1$s as %2$s (%3$s); the session lasts until %4$s at most.\n"), peer,
           session->user.name, corral_user_role_to_string(session->user.role), until);
    return TRUE;
}

gboolean
cli_cmd_logout(CliContext *ctx, GError **error)
{
    const char *peer = corral_client_get_peer(ctx->client);
    g_autoptr(GError) ignored = NULL;
    g_autoptr(CorralSession) session = cli_session_file_load(peer, &ignored);

    if (session == NULL) {
        if (ignored != NULL) {
            g_propagate_error(error, g_steal_pointer(&ignored));
            return FALSE;
        }
        printf(_("Not logged in to %s.\n"), peer);
        return TRUE;
    }
    /* The session dies on the host first; one that already ended (401) is
     * as good. Any other failure keeps the file, so logout can be retried. */
    if (!corral_client_set_token(ctx->client, session->token, error))
        return FALSE;
    if (!cli_request(ctx, "DELETE", "/session", NULL, NULL, &ignored) &&
        corral_client_get_last_status(ctx->client) != 401) {
        g_propagate_error(error, g_steal_pointer(&ignored));
        return FALSE;
    }
    if (!cli_session_file_remove(peer, error))
        return FALSE;
    printf(_("Logged out of %s.\n"), peer);
    return TRUE;
}

static char *
format_uptime(gint64 seconds)
{
    gint64 days = seconds / 86400, hours = seconds / 3600 % 24, minutes = seconds / 60 % 60;

    if (days > 0)
        return g_strdup_printf(_("%1$" G_GINT64_FORMAT " d %2$" G_GINT64_FORMAT " h"), days, hours);
    return g_strdup_printf(_("%1$" G_GINT64_FORMAT " h %2$" G_GINT64_FORMAT " min"), hours,
                           minutes);
}

gboolean
cli_cmd_host_show(CliContext *ctx, GError **error)
{
    g_autoptr(json_object) answer = cli_get(ctx, "/host", error);
    g_autoptr(CorralHost) host = NULL;
    g_autofree char *cpu = NULL, *memory = NULL, *used = NULL, *uptime = NULL;
    g_autofree char *address = NULL, *cpu_pct = NULL;
    const CorralManagement *mgmt;

    if (answer == NULL)
        return FALSE;
    if (ctx->json) {
        cli_print_json(answer, FALSE);
        return TRUE;
    }
    host = corral_host_from_json(answer, error);
    if (host == NULL)
        return FALSE;
    mgmt = &host->management;

    cpu = g_strdup_printf(_("%1$s, %2$" G_GINT64_FORMAT " × %3$" G_GINT64_FORMAT
                            " cores × %4$" G_GINT64_FORMAT " threads, %5$" G_GINT64_FORMAT " MHz"),
                          host->cpu.model != NULL ? host->cpu.model : "?", host->cpu.sockets,
                          host->cpu.cores, host->cpu.threads, host->cpu.mhz);
    memory = cli_size_format(host->memory_bytes);
    used = cli_size_format(host->usage.memory_used_bytes);
    uptime = format_uptime(host->uptime_s);
    cpu_pct = g_strdup_printf("%.1f %%", host->usage.cpu_pct);
    if (mgmt->ipv4.mode == CORRAL_IPV4_MODE_STATIC && mgmt->ipv4.address != NULL)
        address = g_strdup_printf("%s/%" G_GINT64_FORMAT " (static)", mgmt->ipv4.address,
                                  mgmt->ipv4.prefix);
    else
        address =
            g_strdup_printf("%s (dhcp)", mgmt->ipv4.address != NULL ? mgmt->ipv4.address : "-");
    {
        const char *const fields[] = {
            _("Name"),        host->name,
            _("UUID"),        host->uuid,
            _("Version"),     host->version,
            _("CPU"),         cpu,
            _("Memory"),      memory,
            _("Uptime"),      uptime,
            _("Interface"),   mgmt->interface,
            _("IPv4"),        address,
            _("Lockdown"),    corral_lockdown_to_string(host->lockdown),
            _("CPU usage"),   cpu_pct,
            _("Memory used"), used,
            _("Thumbprint"),  host->thumbprint_sha256,
        };

        cli_print_fields(fields, G_N_ELEMENTS(fields) / 2);
    }
    return TRUE;
}

gboolean
cli_cmd_tasks(CliContext *ctx, GError **error)
{
    g_autoptr(json_object) answer = cli_get(ctx, "/tasks", error);
    const char *const headers[] = {_("ID"),       _("KIND"),    _("TARGET"), _("STATE"),
                                   _("PROGRESS"), _("STARTED"), _("ERROR"),  NULL};
    g_autoptr(CliTable) table = NULL;
    json_object *tasks;

    if (answer == NULL)
        return FALSE;
    if (ctx->json) {
        cli_print_json(answer, FALSE);
        return TRUE;
    }
    tasks = cli_answer_array(answer, "tasks", error);
    if (tasks == NULL)
        return FALSE;
    table = cli_table_new(headers);
    for (gsize i = 0; i < json_object_array_length(tasks); i++) {
        g_autoptr(CorralTask) task =
            corral_task_from_json(json_object_array_get_idx(tasks, i), error);
        g_autofree char *progress = NULL, *started = NULL;

        if (task == NULL)
            return FALSE;
        progress = g_strdup_printf("%" G_GINT64_FORMAT " %%", task->progress);
        started = cli_time_format(task->started);
        cli_table_add_row(table, (const char *const[]){task->id, task->kind, task->target,
                                                       corral_task_state_to_string(task->state),
                                                       progress, started, task->error});
    }
    cli_table_print(table);
    return TRUE;
}

static void
print_event(const CorralEvent *event)
{
    g_autofree char *when = cli_time_format(event->time);

    printf("%s  %-16s %s: %s", when, event->kind, event->target != NULL ? event->target : "",
           event->message != NULL ? event->message : "");
    if (event->user != NULL)
        printf(" (%s)", event->user);
    putchar('\n');
}

/* Prints the events of one answer of GET /events; @last gets its "last". */
static gboolean
print_events(CliContext *ctx, json_object *answer, gint64 *last, GError **error)
{
    json_object *events = cli_answer_array(answer, "events", error);
    json_object *last_json;

    if (events == NULL)
        return FALSE;
    for (gsize i = 0; i < json_object_array_length(events); i++) {
        json_object *item = json_object_array_get_idx(events, i);
        g_autoptr(CorralEvent) event = corral_event_from_json(item, error);

        if (event == NULL)
            return FALSE;
        if (ctx->json)
            cli_print_json(item, TRUE);
        else
            print_event(event);
        *last = MAX(*last, event->seq);
    }
    if (json_object_object_get_ex(answer, "last", &last_json) &&
        json_object_is_type(last_json, json_type_int))
        *last = MAX(*last, json_object_get_int64(last_json));
    fflush(stdout);
    return TRUE;
}

gboolean
cli_cmd_events(CliContext *ctx, GError **error)
{
    gint64 last = 0;

    if (!ctx->follow) {
        g_autoptr(json_object) answer = cli_get(ctx, "/events?after=0&timeout=0", error);

        if (answer == NULL)
            return FALSE;
        if (ctx->json) {
            cli_print_json(answer, FALSE);
            return TRUE;
        }
        return print_events(ctx, answer, &last, error);
    }

    /* The log so far, then long polls one after the other until Ctrl-C
     * ends the process. */
    for (gboolean waiting = FALSE;; waiting = TRUE) {
        g_autofree char *path = g_strdup_printf("/events?after=%" G_GINT64_FORMAT "&timeout=%d",
                                                last, waiting ? EVENTS_WAIT_S : 0);
        g_autoptr(GError) local = NULL;
        g_autoptr(json_object) answer = cli_get(ctx, path, &local);

        if (answer == NULL) {
            /* A poll cut by a timeout is retried; anything else ends. */
            if (!g_error_matches(local, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_TIMEOUT)) {
                g_propagate_error(error, g_steal_pointer(&local));
                return FALSE;
            }
            continue;
        }
        if (!print_events(ctx, answer, &last, error))
            return FALSE;
    }
}
