/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The field tables of the error body.
 */
#include "protocol/api-error.h"

static const CorralField api_error_detail_fields[] = {
    [CORRAL_API_ERROR_DETAIL_FIELD_CODE] =
        CORRAL_NAME("code", CorralApiErrorDetail, code, CORRAL_FIELD_REQUIRED),
    [CORRAL_API_ERROR_DETAIL_FIELD_MESSAGE] =
        CORRAL_STRING("message", CorralApiErrorDetail, message, CORRAL_FIELD_REQUIRED),
};
CORRAL_DEFINE_OBJECT(CorralApiErrorDetail, corral_api_error_detail, "error",
                     api_error_detail_fields, CORRAL_API_ERROR_DETAIL_FIELD_LAST, NULL)

static const CorralField api_error_fields[] = {
    [CORRAL_API_ERROR_FIELD_ERROR] = CORRAL_OBJECT(
        "error", CorralApiError, error, CORRAL_FIELD_REQUIRED, &corral_api_error_detail_type),
};
CORRAL_DEFINE_OBJECT(CorralApiError, corral_api_error, "api-error", api_error_fields,
                     CORRAL_API_ERROR_FIELD_LAST, NULL)

CorralApiError *
corral_api_error_new(const char *code, const char *message)
{
    CorralApiError *api_error = g_new0(CorralApiError, 1);

    api_error->error.code = g_strdup(code);
    api_error->error.message = g_strdup(message);
    return api_error;
}
