/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The answer of GET /about, served without authentication: what the host
 * runs and the SHA-256 thumbprint of its certificate, for pinning.
 */
#pragma once

#include "protocol/codec.h"

G_BEGIN_DECLS

typedef enum {
    CORRAL_ABOUT_FIELD_PRODUCT,
    CORRAL_ABOUT_FIELD_VERSION,
    CORRAL_ABOUT_FIELD_API_VERSION,
    CORRAL_ABOUT_FIELD_THUMBPRINT_SHA256,
    CORRAL_ABOUT_FIELD_LAST
} CorralAboutField;

typedef struct {
    guint64 present;
    char *product;
    char *version;
    gint64 api_version;
    char *thumbprint_sha256;
} CorralAbout;
CORRAL_DECLARE_OBJECT(CorralAbout, corral_about)

G_END_DECLS
