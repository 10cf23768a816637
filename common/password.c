/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * yescrypt hashing and constant-time verification (see password.h). The
 * struct crypt_data scratch area is large (32 KiB), so it lives on the heap
 * and is wiped after use.
 */
#include "common/password.h"

#include "common/error.h"

#include <crypt.h>
#include <errno.h>
#include <string.h>

/* A valid yescrypt setting with a fixed salt, for verifying against when the
 * user or the stored hash does not exist. */
#define DUMMY_SETTING "$y$j9T$Hq7mVAUG8j0lYcB3Q7iC51$"

static char *
crypt_with(const char *password, const char *setting)
{
    g_autofree struct crypt_data *data = g_new0(struct crypt_data, 1);
    char *out = NULL;
    const char *h = crypt_rn(password, setting, data, sizeof *data);

    if (h != NULL && h[0] != '*')
        out = g_strdup(h);
    explicit_bzero(data, sizeof *data);
    return out;
}

char *
corral_password_hash(const char *password, GError **error)
{
    char setting[CRYPT_GENSALT_OUTPUT_SIZE];
    char *hash;

    if (crypt_gensalt_rn("$y$", 0, NULL, 0, setting, sizeof setting) == NULL) {
        g_set_error(error, CORRAL_ERROR, CORRAL_ERROR_CRYPTO, "yescrypt: cannot make a salt: %s",
                    g_strerror(errno));
        return NULL;
    }
    hash = crypt_with(password, setting);
    if (hash == NULL)
        g_set_error_literal(error, CORRAL_ERROR, CORRAL_ERROR_CRYPTO,
                            "yescrypt: hashing the password failed");
    return hash;
}

gboolean
corral_password_verify(const char *password, const char *hash)
{
    gboolean usable = hash != NULL && g_str_has_prefix(hash, "$y$");
    g_autofree char *computed = crypt_with(password, usable ? hash : DUMMY_SETTING);
    gsize len;
    guint8 diff = 0;

    if (!usable || computed == NULL)
        return FALSE;
    len = strlen(hash);
    if (strlen(computed) != len)
        return FALSE;
    for (gsize i = 0; i < len; i++)
        diff |= (guint8)(computed[i] ^ hash[i]);
    return diff == 0;
}
