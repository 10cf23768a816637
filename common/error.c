/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The error domain of libcorral-common and the names of its codes.
 */
#include "common/error.h"

/* clang-format off */
G_DEFINE_QUARK(corral-error-quark, corral_error)
/* clang-format on */

static const char *const error_names[] = {
#define CORRAL_ERROR_NAME(code, name) [CORRAL_ERROR_##code] = name,
    CORRAL_ERROR_CODES(CORRAL_ERROR_NAME)
#undef CORRAL_ERROR_NAME
};

const char *
corral_error_code_name(CorralErrorCode code)
{
    if ((guint)code >= G_N_ELEMENTS(error_names))
        return "failed";
    return error_names[code];
}
