/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A local user: a role on the whole host plus per-object permissions (a
 * pool path or a guest UUID, with a role that may propagate to children).
 * `password` is only ever sent in requests (create a user, change a
 * password) and never appears in an answer.
 */
#pragma once

#include "protocol/codec.h"

G_BEGIN_DECLS

#define CORRAL_USER_ROLE_VALUES(X)                                                                 \
    X(CORRAL_USER_ROLE_ADMIN, "admin")                                                             \
    X(CORRAL_USER_ROLE_OPERATOR, "operator")                                                       \
    X(CORRAL_USER_ROLE_READ_ONLY, "read-only")                                                     \
    X(CORRAL_USER_ROLE_NO_ACCESS, "no-access")

typedef enum { CORRAL_USER_ROLE_VALUES(CORRAL_ENUM_MEMBER) CORRAL_USER_ROLE_LAST } CorralUserRole;
CORRAL_DECLARE_ENUM(CorralUserRole, corral_user_role)

typedef enum {
    CORRAL_PERMISSION_FIELD_OBJECT,
    CORRAL_PERMISSION_FIELD_ROLE,
    CORRAL_PERMISSION_FIELD_PROPAGATE,
    CORRAL_PERMISSION_FIELD_LAST
} CorralPermissionField;

typedef struct {
    guint64 present;
    char *object; /* a pool path or a guest UUID */
    CorralUserRole role;
    gboolean propagate;
} CorralPermission;
CORRAL_DECLARE_OBJECT(CorralPermission, corral_permission)

typedef enum {
    CORRAL_USER_FIELD_NAME,
    CORRAL_USER_FIELD_ROLE,
    CORRAL_USER_FIELD_PERMISSIONS,
    CORRAL_USER_FIELD_PASSWORD,
    CORRAL_USER_FIELD_LAST
} CorralUserField;

typedef struct {
    guint64 present;
    char *name;
    CorralUserRole role;
    GPtrArray *permissions; /* CorralPermission */
    char *password;         /* requests only; wiped when freed */
} CorralUser;
CORRAL_DECLARE_OBJECT(CorralUser, corral_user)

G_END_DECLS
