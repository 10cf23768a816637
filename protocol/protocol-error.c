/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The error domain of libcorral-protocol and the names of its codes.
 */
#include "protocol/protocol-error.h"

/* clang-format off */
G_DEFINE_QUARK(corral-protocol-error-quark, corral_protocol_error)
/* clang-format on */

static const char *const protocol_error_names[] = {
#define CORRAL_PROTOCOL_ERROR_NAME(code, name) [CORRAL_PROTOCOL_ERROR_##code] = name,
    CORRAL_PROTOCOL_ERROR_CODES(CORRAL_PROTOCOL_ERROR_NAME)
#undef CORRAL_PROTOCOL_ERROR_NAME
};

const char *
corral_protocol_error_code_name(CorralProtocolErrorCode code)
{
    if ((guint)code >= G_N_ELEMENTS(protocol_error_names))
        return "failed";
    return protocol_error_names[code];
}
