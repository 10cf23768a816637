/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The body of every error answer: {"error": {"code", "message"}}, where
 * `code` is a stable kebab-case word ("vm-not-found") and `message` is
 * English for people.
 */
#pragma once

#include "protocol/codec.h"

G_BEGIN_DECLS

typedef enum {
    CORRAL_API_ERROR_DETAIL_FIELD_CODE,
    CORRAL_API_ERROR_DETAIL_FIELD_MESSAGE,
    CORRAL_API_ERROR_DETAIL_FIELD_LAST
} CorralApiErrorDetailField;

typedef struct {
    guint64 present;
    char *code;
    char *message;
} CorralApiErrorDetail;
CORRAL_DECLARE_OBJECT(CorralApiErrorDetail, corral_api_error_detail)

typedef enum { CORRAL_API_ERROR_FIELD_ERROR, CORRAL_API_ERROR_FIELD_LAST } CorralApiErrorField;

typedef struct {
    guint64 present;
    CorralApiErrorDetail error;
} CorralApiError;
CORRAL_DECLARE_OBJECT(CorralApiError, corral_api_error)

CorralApiError *corral_api_error_new(const char *code, const char *message);

G_END_DECLS
