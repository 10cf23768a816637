/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Password hashing with yescrypt through libcrypt: the same "$y$…" strings
 * that /etc/shadow holds, so an admin can read them with the usual tools.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Hashes @password with a fresh random salt. */
char *corral_password_hash(const char *password, GError **error);

/* TRUE when @password matches @hash. A NULL or malformed @hash is checked
 * against a dummy hash so the time taken does not tell an unknown user from
 * a wrong password; it never matches. */
gboolean corral_password_verify(const char *password, const char *hash);

G_END_DECLS
