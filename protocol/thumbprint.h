/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Certificate thumbprints as people type and paste them: the SHA-256 of a
 * DER certificate, shown as "AA:BB:…" (95 characters, the form of ESXi's
 * direct console). Input in lower case or without colons is accepted and
 * normalised to that form; anything else is refused with a message that says
 * what is wrong with it.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CORRAL_THUMBPRINT_DIGEST_LEN 32
#define CORRAL_THUMBPRINT_TEXT_LEN   95

/* The canonical text of a raw SHA-256 digest: upper case, colon-separated. */
char *corral_thumbprint_format(const guint8 digest[CORRAL_THUMBPRINT_DIGEST_LEN]);

/* Reads @text (64 hex digits, or 32 colon-separated pairs; either case;
 * surrounding blanks ignored) into @digest. */
gboolean corral_thumbprint_parse(const char *text, guint8 digest[CORRAL_THUMBPRINT_DIGEST_LEN],
                                 GError **error);

/* @text in the canonical form, or NULL and an error if it is no thumbprint. */
char *corral_thumbprint_normalize(const char *text, GError **error);

/* Whether @a and @b name the same digest; FALSE if either is not a valid
 * thumbprint. */
gboolean corral_thumbprint_equal(const char *a, const char *b);

G_END_DECLS
