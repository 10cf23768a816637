/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * GET /about, POST /session and DELETE /session.
 */
#include "config.h"

#include "hostd/auth.h"
#include "hostd/daemon.h"
#include "hostd/handlers.h"
#include "hostd/hostd-error.h"
#include "protocol/about.h"
#include "protocol/session.h"

gboolean
corrald_handle_about(CorraldCall *call, GError **error)
{
    CorralAbout about = {
        .present = ~G_GUINT64_CONSTANT(0),
        .product = "Corral",
        .version = PACKAGE_VERSION,
        .api_version = CORRAL_API_VERSION,
        .thumbprint_sha256 = call->daemon->cert->thumbprint,
    };

    return corrald_call_reply(call, 200, corral_about_to_json(&about));
}

gboolean
corrald_handle_login(CorraldCall *call, GError **error)
{
    g_autoptr(CorralLoginRequest) login = NULL;
    g_autoptr(json_object) user_json = NULL;
    g_autoptr(CorralUser) user = NULL;
    g_autofree char *token = NULL;
    CorralSession session = {.present = ~G_GUINT64_CONSTANT(0)};
    gint64 expires_in;
    json_object *reply;

    login = corrald_call_decode_body(call, &corral_login_request_type, 0, error);
    if (login == NULL)
        return FALSE;
    token = corrald_auth_login(call->daemon, login->username, login->password, call->peer,
                               &expires_in, error);
    if (token == NULL)
        return FALSE;
    corrald_network_confirm_by_login(call->daemon, call->server_address, login->username);

    user_json = corral_user_store_to_json(call->daemon->users, login->username);
    user = corral_user_from_json(user_json, error);
    if (user == NULL)
        return FALSE;
    session.token = token;
    session.expires_at = g_get_real_time() / G_USEC_PER_SEC + expires_in;
    session.user = *user;
    reply = corral_session_to_json(&session);
    return corrald_call_reply(call, 200, reply);
}

gboolean
corrald_handle_logout(CorraldCall *call, GError **error)
{
    if (call->token != NULL) {
        corrald_session_store_remove(call->daemon->sessions, call->token);
        g_message("session closed; rhost=%s user=%s", call->peer, call->user);
    }
    return corrald_call_reply(call, 204, NULL);
}
