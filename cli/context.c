/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The connection, trust and authentication of one corral-cli run (see
 * context.h).
 */
#include "cli/context.h"

#include "cli/prompt.h"
#include "cli/session-file.h"
#include "common/password-policy.h"
#include "protocol/thumbprint.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

/* Events are long polls of up to 50 s; every request may take that long. */
#define REQUEST_TIMEOUT_S 75

G_DEFINE_QUARK(corral - cli - error - quark, cli_error)

void
cli_context_clear(CliContext *ctx)
{
    cli_context_finish(ctx);
    g_clear_pointer(&ctx->client, corral_client_unref);
    g_clear_pointer(&ctx->known_hosts, corral_known_hosts_free);
    g_clear_pointer(&ctx->host, g_free);
    g_clear_pointer(&ctx->socket_path, g_free);
    g_clear_pointer(&ctx->user, g_free);
    g_clear_pointer(&ctx->password_file, g_free);
    g_clear_pointer(&ctx->trust, g_free);
    g_clear_pointer(&ctx->name, g_free);
    g_clear_pointer(&ctx->memory, g_free);
    g_clear_pointer(&ctx->disks, g_strfreev);
    g_clear_pointer(&ctx->cdroms, g_strfreev);
    g_clear_pointer(&ctx->networks, g_strfreev);
    g_clear_pointer(&ctx->tags, g_strfreev);
    g_clear_pointer(&ctx->folder, g_free);
    g_clear_pointer(&ctx->role, g_free);
    g_clear_pointer(&ctx->on, g_free);
    g_clear_pointer(&ctx->new_password_file, g_free);
}

gboolean
cli_context_is_local(CliContext *ctx)
{
    return ctx->socket_path != NULL;
}

const char *
cli_context_user(CliContext *ctx)
{
    return ctx->user != NULL ? ctx->user : "root";
}

static const char *
peer(CliContext *ctx)
{
    return corral_client_get_peer(ctx->client);
}

gboolean
cli_context_connect(CliContext *ctx, GError **error)
{
    g_autofree char *path = NULL;
    const char *pinned;

    if (ctx->host != NULL && ctx->socket_path != NULL) {
        g_set_error_literal(error, CLI_ERROR, CLI_ERROR_USAGE,
                            _("--host and --socket cannot be used together"));
        return FALSE;
    }
    if (ctx->host == NULL && ctx->socket_path == NULL) {
        g_set_error_literal(error, CLI_ERROR, CLI_ERROR_USAGE,
                            _("say which host to manage with --host HOST[:PORT] or --socket PATH"));
        return FALSE;
    }
    if (ctx->socket_path != NULL) {
        ctx->client = corral_client_new_unix(ctx->socket_path);
        corral_client_set_timeouts(ctx->client, 0, REQUEST_TIMEOUT_S);
        return TRUE;
    }

    ctx->client = corral_client_new(ctx->host, error);
    if (ctx->client == NULL)
        return FALSE;
    corral_client_set_timeouts(ctx->client, 0, REQUEST_TIMEOUT_S);

    path = corral_known_hosts_default_path();
    ctx->known_hosts = corral_known_hosts_load(path, error);
    if (ctx->known_hosts == NULL)
        return FALSE;
    pinned = corral_known_hosts_lookup(ctx->known_hosts, peer(ctx));
    if (pinned != NULL && ctx->trust != NULL && !corral_thumbprint_equal(pinned, ctx->trust)) {
        g_set_error(error, CLI_ERROR, CLI_ERROR_FAILED,
                    _("%1$s is pinned to SHA-256 %2$s in %3$s and --trust never replaces a pin: "
                      "if the host's certificate really changed, remove its line from that file"),
                    peer(ctx), pinned, corral_known_hosts_get_path(ctx->known_hosts));
        return FALSE;
    }
    if (pinned != NULL)
        return corral_client_set_pinned_thumbprint(ctx->client, pinned, error);
    if (ctx->trust != NULL) {
        g_autoptr(GError) why = NULL;

        if (!corral_client_set_pinned_thumbprint(ctx->client, ctx->trust, &why)) {
            g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE, _("--trust: %s"), why->message);
            return FALSE;
        }
        ctx->save_pin = TRUE;
    }
    /* An unknown host is settled first, with GET /about that needs no
     * login, so that no one is asked a password for a host they have not
     * trusted yet. */
    {
        g_autoptr(json_object) about = NULL;

        return cli_request(ctx, "GET", "/about", NULL, &about, error);
    }
}

/* Pins the thumbprint the host presented, now that it is trusted. */
static gboolean
save_pin(CliContext *ctx, GError **error)
{
    const char *seen = corral_client_get_seen_thumbprint(ctx->client);

    ctx->save_pin = FALSE;
    if (seen == NULL)
        return TRUE;
    if (!corral_known_hosts_add(ctx->known_hosts, peer(ctx), seen, error) ||
        !corral_known_hosts_save(ctx->known_hosts, error))
        return FALSE;
    fprintf(stderr, _("Pinned %1$s in %2$s.\n"), peer(ctx),
            corral_known_hosts_get_path(ctx->known_hosts));
    return TRUE;
}

/* An unknown host presented its certificate: asks the person at the
 * terminal whether to trust it, and pins it if so. */
static gboolean
confirm_unknown_host(CliContext *ctx, GError **error)
{
    const char *seen = corral_client_get_seen_thumbprint(ctx->client);

    if (!cli_prompt_is_interactive()) {
        g_set_error(error, CLI_ERROR, CLI_ERROR_FAILED,
                    _("%1$s is not a known host and there is no terminal to confirm it on; its "
                      "certificate's SHA-256 thumbprint is %2$s: run corral-cli interactively, "
                      "or compare that thumbprint with the one the host's console shows and add "
                      "--trust THUMBPRINT"),
                    peer(ctx), seen);
        return FALSE;
    }
    fprintf(stderr,
            _("The host %1$s is not known yet.\n"
              "Its certificate's SHA-256 thumbprint is:\n"
              "  %2$s\n"
              "Compare it with the thumbprint shown on the host's direct console.\n"),
            peer(ctx), seen);
    if (!cli_prompt_yes_no(_("Trust this host?"))) {
        g_set_error(error, CLI_ERROR, CLI_ERROR_FAILED, _("%s was not trusted; nothing was sent"),
                    peer(ctx));
        return FALSE;
    }
    if (!corral_client_set_pinned_thumbprint(ctx->client, seen, error))
        return FALSE;
    return save_pin(ctx, error);
}

/* The hard stop: the host presented another certificate than the pinned
 * one. Nothing was sent; nothing is offered to replace the pin. */
static void
set_mismatch_error(CliContext *ctx, GError **error)
{
    const char *seen = corral_client_get_seen_thumbprint(ctx->client);
    const char *pinned = corral_client_get_pinned_thumbprint(ctx->client);

    if (ctx->save_pin) {
        g_set_error(error, CLI_ERROR, CLI_ERROR_FAILED,
                    _("%1$s presented a certificate with SHA-256 %2$s, not the %3$s given with "
                      "--trust; nothing was sent"),
                    peer(ctx), seen, pinned);
        return;
    }
    g_set_error(error, CLI_ERROR, CLI_ERROR_FAILED,
                _("THE CERTIFICATE OF %1$s HAS CHANGED: pinned SHA-256 %2$s, presented %3$s. "
                  "Someone may be intercepting the connection; nothing was sent. If the host "
                  "was reinstalled or its certificate renewed, check the new thumbprint on its "
                  "console and remove the line of %1$s from %4$s"),
                peer(ctx), pinned, seen, corral_known_hosts_get_path(ctx->known_hosts));
}

gboolean
cli_request(CliContext *ctx, const char *method, const char *path, json_object *body,
            json_object **response, GError **error)
{
    for (int attempt = 0;; attempt++) {
        g_autoptr(GError) local = NULL;
        guint status = 0;

        if (corral_client_request(ctx->client, method, path, body, &status, response, &local)) {
            if (ctx->save_pin)
                return save_pin(ctx, error);
            return TRUE;
        }
        /* An answer, even an error, means the handshake matched the pin. */
        if (status != 0 && ctx->save_pin && !save_pin(ctx, error))
            return FALSE;

        if (g_error_matches(local, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_UNTRUSTED) &&
            attempt == 0) {
            if (!confirm_unknown_host(ctx, error))
                return FALSE;
            continue;
        }
        if (g_error_matches(local, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_PIN_MISMATCH)) {
            set_mismatch_error(ctx, error);
            return FALSE;
        }
        if (status == 401 && ctx->kept_session) {
            cli_session_file_remove(peer(ctx), NULL);
            g_set_error(error, CLI_ERROR, CLI_ERROR_FAILED,
                        _("the session on %1$s has ended (it expired, or the password changed): "
                          "log in again with corral-cli --host %1$s login"),
                        peer(ctx));
            return FALSE;
        }
        g_propagate_error(error, g_steal_pointer(&local));
        return FALSE;
    }
}

json_object *
cli_get(CliContext *ctx, const char *path, GError **error)
{
    json_object *response = NULL;

    if (!cli_request(ctx, "GET", path, NULL, &response, error))
        return NULL;
    if (response == NULL) {
        g_set_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_INVALID,
                    "%s answered GET /api/v1%s with an empty body", peer(ctx), path);
        return NULL;
    }
    return response;
}

CorralSession *
cli_login(CliContext *ctx, const char *user, const char *password, GError **error)
{
    CorralLoginRequest request = {
        .username = (char *)user,
        .password = (char *)password,
    };
    g_autoptr(json_object) body = corral_login_request_to_json(&request);
    g_autoptr(json_object) response = NULL;

    if (!cli_request(ctx, "POST", "/session", body, &response, error))
        return NULL;
    if (response == NULL) {
        g_set_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_INVALID,
                    "%s answered the login with an empty body", peer(ctx));
        return NULL;
    }
    return corral_session_from_json(response, error);
}

/* The password of --user for a login of this run only: --password-file, or
 * asked on the terminal. */
static CliSecret *
login_password(CliContext *ctx, GError **error)
{
    g_autofree char *question = NULL;

    if (ctx->password_file != NULL)
        return cli_secret_read_file(ctx->password_file, error);
    if (!cli_prompt_is_interactive()) {
        g_set_error(error, CLI_ERROR, CLI_ERROR_FAILED,
                    _("not logged in to %1$s: run corral-cli --host %1$s --user %2$s login, or "
                      "give the password with --password-file"),
                    peer(ctx), cli_context_user(ctx));
        return NULL;
    }
    question = g_strdup_printf(_("Password for %1$s on %2$s: "), cli_context_user(ctx), peer(ctx));
    return cli_prompt_secret(question, error);
}

gboolean
cli_context_authenticate(CliContext *ctx, GError **error)
{
    g_autoptr(CorralSession) session = NULL;
    g_autoptr(CliSecret) password = NULL;

    if (cli_context_is_local(ctx))
        return TRUE;

    /* A password on the command line means a login of its own, so scripts do
     * not depend on what `login` kept. */
    if (ctx->password_file == NULL) {
        g_autoptr(GError) local = NULL;

        session = cli_session_file_load(peer(ctx), &local);
        if (local != NULL) {
            g_propagate_error(error, g_steal_pointer(&local));
            return FALSE;
        }
        if (session != NULL && ctx->user != NULL && g_strcmp0(session->user.name, ctx->user) != 0)
            g_clear_pointer(&session, corral_session_free);
        if (session != NULL) {
            ctx->kept_session = TRUE;
            return corral_client_set_token(ctx->client, session->token, error);
        }
    }

    password = login_password(ctx, error);
    if (password == NULL)
        return FALSE;
    session = cli_login(ctx, cli_context_user(ctx), password, error);
    if (session == NULL)
        return FALSE;
    ctx->run_session = TRUE;
    return corral_client_set_token(ctx->client, session->token, error);
}

void
cli_context_finish(CliContext *ctx)
{
    if (!ctx->run_session || ctx->client == NULL)
        return;
    ctx->run_session = FALSE;
    corral_client_request(ctx->client, "DELETE", "/session", NULL, NULL, NULL, NULL);
}

CliSecret *
cli_new_password(CliContext *ctx, const char *user, GError **error)
{
    const char *file = ctx->new_password_file;
    g_autoptr(CliSecret) password = NULL;
    g_autoptr(GError) weak = NULL;

    if (file == NULL && cli_context_is_local(ctx))
        file = ctx->password_file;

    if (file != NULL) {
        password = cli_secret_read_file(file, error);
    } else if (cli_prompt_is_interactive()) {
        g_autofree char *question = g_strdup_printf(_("New password for %s: "), user);
        g_autoptr(CliSecret) again = NULL;

        password = cli_prompt_secret(question, error);
        if (password == NULL)
            return NULL;
        again = cli_prompt_secret(_("The same password again: "), error);
        if (again == NULL)
            return NULL;
        if (!g_str_equal(password, again)) {
            g_set_error_literal(error, CLI_ERROR, CLI_ERROR_FAILED,
                                _("the two passwords differ; nothing was changed"));
            return NULL;
        }
    } else {
        password = cli_secret_read_stdin(error);
    }
    if (password == NULL)
        return NULL;
    if (!corral_password_policy_check(password, user, &weak)) {
        g_set_error(error, CLI_ERROR, CLI_ERROR_FAILED, _("the password of %1$s: %2$s"), user,
                    weak->message);
        return NULL;
    }
    return g_steal_pointer(&password);
}
