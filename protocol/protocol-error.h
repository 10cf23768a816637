/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The error domain of libcorral-protocol. The codec refuses a malformed
 * document with CORRAL_PROTOCOL_ERROR_INVALID and a message that names the
 * offending field by its path; the HTTP client adds the codes of transport,
 * trust and server answers. Every function that can fail takes a trailing
 * GError ** and sets it exactly when it fails.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CORRAL_PROTOCOL_ERROR (corral_protocol_error_quark())

/* X(CODE, name): the name is a stable kebab-case word for logs and tests. */
#define CORRAL_PROTOCOL_ERROR_CODES(X)                                                             \
    X(FAILED, "failed")                                                                            \
    X(INVALID, "invalid-document")                                                                 \
    X(PIN_MISMATCH, "pin-mismatch")                                                                \
    X(UNTRUSTED, "untrusted")                                                                      \
    X(CONNECT, "connect")                                                                          \
    X(TIMEOUT, "timeout")                                                                          \
    X(HTTP, "http")                                                                                \
    X(TLS, "tls")

typedef enum {
#define CORRAL_PROTOCOL_ERROR_ENUM(code, name) CORRAL_PROTOCOL_ERROR_##code,
    CORRAL_PROTOCOL_ERROR_CODES(CORRAL_PROTOCOL_ERROR_ENUM)
#undef CORRAL_PROTOCOL_ERROR_ENUM
        CORRAL_PROTOCOL_ERROR_LAST
} CorralProtocolErrorCode;

GQuark corral_protocol_error_quark(void);
const char *corral_protocol_error_code_name(CorralProtocolErrorCode code);

G_END_DECLS
