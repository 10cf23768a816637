/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * What a password must be, the same at the direct console, in the API and in
 * corral-cli: at least 12 characters and at most 128, no control characters,
 * not the user's own name, and not on a list of common passwords. No
 * character-class rules: length is what makes a password strong (NIST SP
 * 800-63B).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CORRAL_PASSWORD_MIN_CHARS 12
#define CORRAL_PASSWORD_MAX_CHARS 128

/* TRUE when @password may be set for @user; otherwise an error whose message
 * says why, in words fit to show the person typing it. */
gboolean corral_password_policy_check(const char *password, const char *user, GError **error);

G_END_DECLS
