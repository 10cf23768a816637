/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The field tables of the login request and the session it opens.
 */
#include "protocol/session.h"

static const CorralField login_request_fields[] = {
    [CORRAL_LOGIN_REQUEST_FIELD_USERNAME] =
        CORRAL_NAME("username", CorralLoginRequest, username, CORRAL_FIELD_REQUIRED),
    [CORRAL_LOGIN_REQUEST_FIELD_PASSWORD] = CORRAL_STRING(
        "password", CorralLoginRequest, password, CORRAL_FIELD_REQUIRED | CORRAL_FIELD_SECRET),
};
CORRAL_DEFINE_OBJECT(CorralLoginRequest, corral_login_request, "login", login_request_fields,
                     CORRAL_LOGIN_REQUEST_FIELD_LAST, NULL)

static const CorralField session_fields[] = {
    [CORRAL_SESSION_FIELD_TOKEN] =
        CORRAL_STRING("token", CorralSession, token, CORRAL_FIELD_REQUIRED | CORRAL_FIELD_SECRET),
    [CORRAL_SESSION_FIELD_EXPIRES_AT] =
        CORRAL_INT("expires_at", CorralSession, expires_at, CORRAL_FIELD_REQUIRED, 0, G_MAXINT64),
    [CORRAL_SESSION_FIELD_USER] =
        CORRAL_OBJECT("user", CorralSession, user, CORRAL_FIELD_REQUIRED, &corral_user_type),
};
CORRAL_DEFINE_OBJECT(CorralSession, corral_session, "session", session_fields,
                     CORRAL_SESSION_FIELD_LAST, NULL)
