/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The field tables of a user and its permissions.
 */
#include "protocol/user.h"

CORRAL_DEFINE_ENUM(CorralUserRole, corral_user_role, CORRAL_USER_ROLE_VALUES)

static const CorralField permission_fields[] = {
    [CORRAL_PERMISSION_FIELD_OBJECT] =
        CORRAL_STRING("object", CorralPermission, object, CORRAL_FIELD_REQUIRED),
    [CORRAL_PERMISSION_FIELD_ROLE] =
        CORRAL_ENUM("role", CorralPermission, role, CORRAL_FIELD_REQUIRED, &corral_user_role_enum),
    [CORRAL_PERMISSION_FIELD_PROPAGATE] =
        CORRAL_BOOL("propagate", CorralPermission, propagate, CORRAL_FIELD_REQUIRED),
};
CORRAL_DEFINE_OBJECT(CorralPermission, corral_permission, "permission", permission_fields,
                     CORRAL_PERMISSION_FIELD_LAST, NULL)

static const CorralField user_fields[] = {
    [CORRAL_USER_FIELD_NAME] = CORRAL_NAME("name", CorralUser, name, CORRAL_FIELD_REQUIRED),
    [CORRAL_USER_FIELD_ROLE] =
        CORRAL_ENUM("role", CorralUser, role, CORRAL_FIELD_REQUIRED, &corral_user_role_enum),
    [CORRAL_USER_FIELD_PERMISSIONS] = CORRAL_OBJECT_ARRAY(
        "permissions", CorralUser, permissions, CORRAL_FIELD_REQUIRED, &corral_permission_type),
    [CORRAL_USER_FIELD_PASSWORD] = CORRAL_STRING("password", CorralUser, password,
                                                 CORRAL_FIELD_OPTIONAL | CORRAL_FIELD_SECRET),
};
CORRAL_DEFINE_OBJECT(CorralUser, corral_user, "user", user_fields, CORRAL_USER_FIELD_LAST, NULL)
