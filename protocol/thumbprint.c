/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Parsing, normalising and comparing SHA-256 certificate thumbprints. The
 * parser is strict about shape, since a thumbprint is a trust decision: a
 * digit too few or a stray character is an error, never a guess.
 */
#include "protocol/thumbprint.h"

#include "protocol/protocol-error.h"

#include <string.h>

char *
corral_thumbprint_format(const guint8 digest[CORRAL_THUMBPRINT_DIGEST_LEN])
{
    static const char hex[] = "0123456789ABCDEF";
    char *text = g_malloc(CORRAL_THUMBPRINT_TEXT_LEN + 1);

    for (guint i = 0; i < CORRAL_THUMBPRINT_DIGEST_LEN; i++) {
        text[i * 3] = hex[digest[i] >> 4];
        text[i * 3 + 1] = hex[digest[i] & 0x0f];
        if (i + 1 < CORRAL_THUMBPRINT_DIGEST_LEN)
            text[i * 3 + 2] = ':';
    }
    text[CORRAL_THUMBPRINT_TEXT_LEN] = '\0';
    return text;
}

static gboolean invalid(GError **error, const char *format, ...) G_GNUC_PRINTF(2, 3);

static gboolean
invalid(GError **error, const char *format, ...)
{
    va_list args;
    g_autofree char *message = NULL;

    va_start(args, format);
    message = g_strdup_vprintf(format, args);
    va_end(args);
    g_set_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_INVALID,
                "not a SHA-256 thumbprint: %s", message);
    return FALSE;
}

gboolean
corral_thumbprint_parse(const char *text, guint8 digest[CORRAL_THUMBPRINT_DIGEST_LEN],
                        GError **error)
{
    g_autofree char *copy = NULL;
    char *s;
    gsize len, digits = 0;
    gboolean colons;

    g_return_val_if_fail(text != NULL, FALSE);
    copy = g_strdup(text);
    s = g_strstrip(copy);
    len = strlen(s);
    if (len == 0)
        return invalid(error, "it is empty");

    for (gsize i = 0; i < len; i++) {
        guchar c = (guchar)s[i];

        if (g_ascii_isxdigit(c)) {
            digits++;
        } else if (c != ':') {
            if (g_ascii_isprint(c))
                return invalid(error, "'%c' at position %" G_GSIZE_FORMAT " is not a hex digit", c,
                               i + 1);
            return invalid(error, "byte 0x%02X at position %" G_GSIZE_FORMAT " is not a hex digit",
                           c, i + 1);
        }
    }
    if (digits != CORRAL_THUMBPRINT_DIGEST_LEN * 2)
        return invalid(error, "it has %" G_GSIZE_FORMAT " hex digits instead of 64", digits);

    /* Colons, when present, separate every pair: "AA:BB:…". */
    colons = strchr(s, ':') != NULL;
    if (colons && len != CORRAL_THUMBPRINT_TEXT_LEN)
        return invalid(error, "its colons must separate each pair of hex digits (AA:BB:…)");
    for (guint i = 0; i < CORRAL_THUMBPRINT_DIGEST_LEN; i++) {
        const char *pair = s + (colons ? i * 3 : i * 2);

        if (colons && i > 0 && pair[-1] != ':')
            return invalid(error, "its colons must separate each pair of hex digits (AA:BB:…)");
        if (!g_ascii_isxdigit(pair[0]) || !g_ascii_isxdigit(pair[1]))
            return invalid(error, "its colons must separate each pair of hex digits (AA:BB:…)");
        digest[i] = (guint8)(g_ascii_xdigit_value(pair[0]) << 4 | g_ascii_xdigit_value(pair[1]));
    }
    return TRUE;
}

char *
corral_thumbprint_normalize(const char *text, GError **error)
{
    guint8 digest[CORRAL_THUMBPRINT_DIGEST_LEN];

    if (!corral_thumbprint_parse(text, digest, error))
        return NULL;
    return corral_thumbprint_format(digest);
}

gboolean
corral_thumbprint_equal(const char *a, const char *b)
{
    guint8 da[CORRAL_THUMBPRINT_DIGEST_LEN], db[CORRAL_THUMBPRINT_DIGEST_LEN];

    if (a == NULL || b == NULL)
        return FALSE;
    if (!corral_thumbprint_parse(a, da, NULL) || !corral_thumbprint_parse(b, db, NULL))
        return FALSE;
    return memcmp(da, db, sizeof da) == 0;
}
