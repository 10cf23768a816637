/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Logging in: the body of POST /session and its answer, a bearer token with
 * its expiry and the user it belongs to. Passwords and tokens are wiped
 * when freed.
 */
#pragma once

#include "protocol/codec.h"
#include "protocol/user.h"

G_BEGIN_DECLS

typedef enum {
    CORRAL_LOGIN_REQUEST_FIELD_USERNAME,
    CORRAL_LOGIN_REQUEST_FIELD_PASSWORD,
    CORRAL_LOGIN_REQUEST_FIELD_LAST
} CorralLoginRequestField;

typedef struct {
    guint64 present;
    char *username;
    char *password;
} CorralLoginRequest;
CORRAL_DECLARE_OBJECT(CorralLoginRequest, corral_login_request)

typedef enum {
    CORRAL_SESSION_FIELD_TOKEN,
    CORRAL_SESSION_FIELD_EXPIRES_AT,
    CORRAL_SESSION_FIELD_USER,
    CORRAL_SESSION_FIELD_LAST
} CorralSessionField;

typedef struct {
    guint64 present;
    char *token;
    gint64 expires_at;
    CorralUser user;
} CorralSession;
CORRAL_DECLARE_OBJECT(CorralSession, corral_session)

G_END_DECLS
