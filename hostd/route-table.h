/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The API's routes: one static table of method, path pattern, handler, the
 * least role that may call it and the object that role is checked on. The
 * server asks this table for a route and the auth module for the caller's
 * role on the route's object; nothing else decides who may call what.
 *
 * Patterns are paths under /api/v1 whose segments are literal or "{name}"
 * (one segment) or, last, "{name*}" (the rest of the path, for pool paths and
 * datastore files).
 */
#pragma once

#include "hostd/call.h"
#include "hostd/role.h"

G_BEGIN_DECLS

typedef enum {
    CORRALD_OBJECT_HOST, /* the host: the user's host-wide role */
    CORRALD_OBJECT_VM,   /* the guest whose id is the first parameter */
    CORRALD_OBJECT_POOL, /* the pool whose path is the first parameter */
    CORRALD_OBJECT_SELF, /* the user named by the first parameter: oneself always */
} CorraldObjectKind;

struct CorraldRoute {
    const char *method;
    const char *pattern;
    CorraldHandler handler;
    CorraldRole min_role;
    CorraldObjectKind object;
};

typedef enum {
    CORRALD_MATCH_FOUND,
    CORRALD_MATCH_NO_PATH,   /* 404 */
    CORRALD_MATCH_NO_METHOD, /* 405: the path exists with other methods */
} CorraldMatch;

/* Finds the route for @method and @segments (the percent-decoded path
 * segments after /api/v1), storing its parameters (owned by the caller) in
 * @params. */
CorraldMatch corrald_route_match(const char *method, char **segments, const CorraldRoute **route,
                                 char *params[CORRALD_MAX_PARAMS]);

/* The whole table, for tests and documentation. */
const CorraldRoute *corrald_routes(guint *n_routes);

G_END_DECLS
