/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The field table of the about object.
 */
#include "protocol/about.h"

static const CorralField about_fields[] = {
    [CORRAL_ABOUT_FIELD_PRODUCT] =
        CORRAL_STRING("product", CorralAbout, product, CORRAL_FIELD_REQUIRED),
    [CORRAL_ABOUT_FIELD_VERSION] =
        CORRAL_STRING("version", CorralAbout, version, CORRAL_FIELD_REQUIRED),
    [CORRAL_ABOUT_FIELD_API_VERSION] =
        CORRAL_INT("api_version", CorralAbout, api_version, CORRAL_FIELD_REQUIRED, 1, G_MAXINT32),
    [CORRAL_ABOUT_FIELD_THUMBPRINT_SHA256] =
        CORRAL_STRING("thumbprint_sha256", CorralAbout, thumbprint_sha256, CORRAL_FIELD_REQUIRED),
};
CORRAL_DEFINE_OBJECT(CorralAbout, corral_about, "about", about_fields, CORRAL_ABOUT_FIELD_LAST,
                     NULL)
