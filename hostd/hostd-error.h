/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * corrald's error domain. Each code carries the HTTP status and the stable
 * API code it answers with, in one X-macro table; corrald_error_reply() is
 * the one place where any GError (corrald's, the codec's, common's or
 * libvirt's) becomes a status and an error body.
 */
#pragma once

#include <glib.h>
#include <json-c/json.h>

G_BEGIN_DECLS

#define CORRALD_ERROR (corrald_error_quark())

/* X(CODE, HTTP status, API code) */
#define CORRALD_ERROR_CODES(X)                                                                     \
    X(FAILED, 500, "internal-error")                                                               \
    X(BAD_REQUEST, 400, "bad-request")                                                             \
    X(UNAUTHORIZED, 401, "unauthorized")                                                           \
    X(AUTH_FAILED, 401, "authentication-failed")                                                   \
    X(NO_ROOT_PASSWORD, 403, "no-root-password")                                                   \
    X(FORBIDDEN, 403, "forbidden")                                                                 \
    X(LOCKDOWN, 403, "lockdown-mode")                                                              \
    X(NOT_FOUND, 404, "not-found")                                                                 \
    X(VM_NOT_FOUND, 404, "vm-not-found")                                                           \
    X(USER_NOT_FOUND, 404, "user-not-found")                                                       \
    X(TASK_NOT_FOUND, 404, "task-not-found")                                                       \
    X(SNAPSHOT_NOT_FOUND, 404, "snapshot-not-found")                                               \
    X(POOL_NOT_FOUND, 404, "pool-not-found")                                                       \
    X(DATASTORE_NOT_FOUND, 404, "datastore-not-found")                                             \
    X(METHOD_NOT_ALLOWED, 405, "method-not-allowed")                                               \
    X(CONFLICT, 409, "conflict")                                                                   \
    X(EXISTS, 409, "already-exists")                                                               \
    X(INVALID_STATE, 409, "invalid-state")                                                         \
    X(INSUFFICIENT_RESOURCES, 409, "insufficient-resources")                                       \
    X(TOO_LARGE, 413, "payload-too-large")                                                         \
    X(RANGE_NOT_SATISFIABLE, 416, "range-not-satisfiable")                                         \
    X(UNSUPPORTED_MEDIA, 415, "unsupported-media-type")                                            \
    X(INVALID, 422, "invalid-argument")                                                            \
    X(WEAK_PASSWORD, 422, "weak-password")                                                         \
    X(UNAVAILABLE, 503, "unavailable")

typedef enum {
#define CORRALD_ERROR_ENUM(code, status, name) CORRALD_ERROR_##code,
    CORRALD_ERROR_CODES(CORRALD_ERROR_ENUM)
#undef CORRALD_ERROR_ENUM
        CORRALD_ERROR_LAST
} CorraldErrorCode;

GQuark corrald_error_quark(void);

/* The HTTP status and the body {"error": {"code", "message"}} for @error. */
json_object *corrald_error_reply(const GError *error, guint *status);

/* Turns libvirt's last error of this thread into a GError, with @what
 * ("starting vm-1") in front of libvirt's message. */
void corrald_error_from_libvirt(GError **error, const char *what);

G_END_DECLS
