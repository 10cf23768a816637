/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The error domain of libcorral-common. Every function that can fail takes a
 * trailing GError ** and sets it exactly when it fails. The codes name what
 * went wrong in terms a caller can act on; corrald maps them to HTTP status in
 * one place.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CORRAL_ERROR (corral_error_quark())

/* X(CODE, api-code): the API code is the stable kebab-case word of API.md. */
#define CORRAL_ERROR_CODES(X)                                                                      \
    X(FAILED, "failed")                                                                            \
    X(INVALID, "invalid-argument")                                                                 \
    X(NOT_FOUND, "not-found")                                                                      \
    X(EXISTS, "already-exists")                                                                    \
    X(PERMISSION, "permission-denied")                                                             \
    X(IO, "io-error")                                                                              \
    X(CONFIG, "bad-configuration")                                                                 \
    X(CRYPTO, "crypto-error")

typedef enum {
#define CORRAL_ERROR_ENUM(code, name) CORRAL_ERROR_##code,
    CORRAL_ERROR_CODES(CORRAL_ERROR_ENUM)
#undef CORRAL_ERROR_ENUM
        CORRAL_ERROR_LAST
} CorralErrorCode;

GQuark corral_error_quark(void);
const char *corral_error_code_name(CorralErrorCode code);

G_END_DECLS
