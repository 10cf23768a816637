/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The names of the privilege levels (see role.h).
 */
#include "hostd/role.h"

static const char *const role_names[] = {
#define CORRALD_ROLE_NAME(code, name) [CORRALD_ROLE_##code] = name,
    CORRALD_ROLES(CORRALD_ROLE_NAME)
#undef CORRALD_ROLE_NAME
};

const char *
corrald_role_to_string(CorraldRole role)
{
    return (guint)role < CORRALD_ROLE_LAST ? role_names[role] : "no-access";
}

int
corrald_role_from_string(const char *name)
{
    for (int r = CORRALD_ROLE_NO_ACCESS; r < CORRALD_ROLE_LAST; r++)
        if (g_strcmp0(role_names[r], name) == 0)
            return r;
    return -1;
}

CorraldRole
corrald_role_from_user_role(CorralUserRole role)
{
    static const CorraldRole levels[CORRAL_USER_ROLE_LAST] = {
        [CORRAL_USER_ROLE_ADMIN] = CORRALD_ROLE_ADMIN,
        [CORRAL_USER_ROLE_OPERATOR] = CORRALD_ROLE_OPERATOR,
        [CORRAL_USER_ROLE_READ_ONLY] = CORRALD_ROLE_READ_ONLY,
        [CORRAL_USER_ROLE_NO_ACCESS] = CORRALD_ROLE_NO_ACCESS,
    };

    return (guint)role < CORRAL_USER_ROLE_LAST ? levels[role] : CORRALD_ROLE_NO_ACCESS;
}
