/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The password rules (see password-policy.h). The blocklist holds the
 * passwords of 12 characters or more that lead the published lists of leaked
 * ones; it is compared without regard to case.
 */
#include "config.h"

#include "common/password-policy.h"

#include "common/error.h"

#include <glib/gi18n-lib.h>

static const char *const common_passwords[] = {
    "123456789012",     "1234567890123",       "12345678901234",   "123456789123",
    "1234567891011",    "qwertyuiopasdfghjkl", "qwertyuiop12",     "qwertyuiopas",
    "qwerty123456",     "123456qwerty",        "1q2w3e4r5t6y",     "1qaz2wsx3edc",
    "1qaz2wsx3edc4rfv", "zaq12wsxcde3",        "passwordpassword", "password1234",
    "password12345",    "password123456",      "password123!",     "passw0rd1234",
    "p@ssw0rd1234",     "administrator",       "administrator1",   "admin1234567",
    "adminadmin123",    "rootroot1234",        "changeme1234",     "changemenow!",
    "letmein12345",     "welcome12345",        "welcome123456",    "iloveyou1234",
    "abc123456789",     "abcdefghijkl",        "abcdefghijklm",    "aaaaaaaaaaaa",
    "111111111111",     "000000000000",        "987654321098",     "012345678910",
    "trustno11234",     "football1234",        "baseball1234",     "superman1234",
    "sunshine1234",     "princess1234",        "starwars1234",     "monkey123456",
    "dragon123456",     "master123456",        "vmware123456",     "vmware1234567",
    "esxiroot1234",     "virtualization",      "corral123456",
};

gboolean
corral_password_policy_check(const char *password, const char *user, GError **error)
{
    glong chars;

    if (!g_utf8_validate(password, -1, NULL)) {
        g_set_error_literal(error, CORRAL_ERROR, CORRAL_ERROR_INVALID,
                            _("The password is not valid UTF-8 text."));
        return FALSE;
    }
    for (const char *p = password; *p != '\0'; p++) {
        if ((guchar)*p < 0x20 || *p == 0x7f) {
            g_set_error_literal(error, CORRAL_ERROR, CORRAL_ERROR_INVALID,
                                _("The password may not contain control characters."));
            return FALSE;
        }
    }
    chars = g_utf8_strlen(password, -1);
    if (chars < CORRAL_PASSWORD_MIN_CHARS) {
        g_set_error(error, CORRAL_ERROR, CORRAL_ERROR_INVALID,
                    _("The password must be at least %d characters long."),
                    CORRAL_PASSWORD_MIN_CHARS);
        return FALSE;
    }
    if (chars > CORRAL_PASSWORD_MAX_CHARS) {
        g_set_error(error, CORRAL_ERROR, CORRAL_ERROR_INVALID,
                    _("The password may be at most %d characters long."),
                    CORRAL_PASSWORD_MAX_CHARS);
        return FALSE;
    }
    if (user != NULL && g_ascii_strcasecmp(password, user) == 0) {
        g_set_error_literal(error, CORRAL_ERROR, CORRAL_ERROR_INVALID,
                            _("The password may not be the user name."));
        return FALSE;
    }
    for (gsize i = 0; i < G_N_ELEMENTS(common_passwords); i++) {
        if (g_ascii_strcasecmp(password, common_passwords[i]) == 0) {
            g_set_error_literal(error, CORRAL_ERROR, CORRAL_ERROR_INVALID,
                                _("This password is too common; choose another."));
            return FALSE;
        }
    }
    return TRUE;
}
