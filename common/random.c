/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Secure random bytes from getrandom(2); tokens as hex so they travel in
 * URLs and headers unescaped.
 */
#include "common/random.h"

#include "common/error.h"

#include <errno.h>
#include <sys/random.h>

gboolean
corral_random_bytes(void *buf, gsize len, GError **error)
{
    guint8 *p = buf;

    while (len > 0) {
        ssize_t n = getrandom(p, len, 0);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            g_set_error(error, CORRAL_ERROR, CORRAL_ERROR_CRYPTO, "getrandom: %s",
                        g_strerror(errno));
            return FALSE;
        }
        p += n;
        len -= (gsize)n;
    }
    return TRUE;
}

char *
corral_random_token(guint bits, GError **error)
{
    static const char hex[] = "0123456789abcdef";
    gsize len = bits / 8;
    g_autofree guint8 *raw = g_malloc(len);
    char *out;

    g_return_val_if_fail(bits > 0 && bits % 8 == 0, NULL);

    if (!corral_random_bytes(raw, len, error))
        return NULL;
    out = g_malloc(len * 2 + 1);
    for (gsize i = 0; i < len; i++) {
        out[2 * i] = hex[raw[i] >> 4];
        out[2 * i + 1] = hex[raw[i] & 0xf];
    }
    out[len * 2] = '\0';
    explicit_bzero(raw, len);
    return out;
}
