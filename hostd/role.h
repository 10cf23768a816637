/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Privilege levels, ordered so that a comparison says "at least". The API's
 * roles (no-access, read-only, operator, admin) are the levels a user can
 * hold; routes also name the two levels below them: open to anyone, and open
 * to any logged-in user whatever their role.
 */
#pragma once

#include <glib.h>

#include "protocol/user.h"

G_BEGIN_DECLS

#define CORRALD_ROLES(X)                                                                           \
    X(PUBLIC, "public")                                                                            \
    X(LOGGED_IN, "logged-in")                                                                      \
    X(NO_ACCESS, "no-access")                                                                      \
    X(READ_ONLY, "read-only")                                                                      \
    X(OPERATOR, "operator")                                                                        \
    X(ADMIN, "admin")

typedef enum {
#define CORRALD_ROLE_ENUM(code, name) CORRALD_ROLE_##code,
    CORRALD_ROLES(CORRALD_ROLE_ENUM)
#undef CORRALD_ROLE_ENUM
        CORRALD_ROLE_LAST
} CorraldRole;

const char *corrald_role_to_string(CorraldRole role);

/* Only the four roles a user can hold; anything else is -1. */
int corrald_role_from_string(const char *name);

/* The level of one of the API's roles. */
CorraldRole corrald_role_from_user_role(CorralUserRole role);

G_END_DECLS
