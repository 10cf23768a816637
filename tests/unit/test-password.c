/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * yescrypt hashing: the shadow format, salts that differ, verification that
 * accepts only the right password, and unknown users checked in about the
 * same time as wrong passwords.
 */
#include "check-tap.h"

#include "common/password.h"

#include <glib.h>
#include <string.h>

START_TEST(test_hash_and_verify)
{
    g_autoptr(GError) error = NULL;
    g_autofree char *a = corral_password_hash("correct horse battery", &error);
    g_autofree char *b = corral_password_hash("correct horse battery", &error);

    ck_assert_ptr_nonnull(a);
    ck_assert(g_str_has_prefix(a, "$y$"));
    ck_assert_str_ne(a, b); /* fresh salt each time */
    ck_assert(corral_password_verify("correct horse battery", a));
    ck_assert(corral_password_verify("correct horse battery", b));
    ck_assert(!corral_password_verify("correct horse batterY", a));
    ck_assert(!corral_password_verify("", a));
}
END_TEST

START_TEST(test_bad_hashes_never_match)
{
    ck_assert(!corral_password_verify("x", NULL));
    ck_assert(!corral_password_verify("x", ""));
    ck_assert(!corral_password_verify("x", "*"));
    ck_assert(!corral_password_verify("x", "!"));
    ck_assert(!corral_password_verify("x", "$1$abc$def"));
    ck_assert(!corral_password_verify("x", "$y$garbage"));
}
END_TEST

static gint64
time_verify(const char *hash)
{
    gint64 start = g_get_monotonic_time();

    for (int i = 0; i < 3; i++)
        corral_password_verify("wrong password", hash);
    return g_get_monotonic_time() - start;
}

START_TEST(test_unknown_user_costs_the_same)
{
    g_autofree char *hash = corral_password_hash("right password", NULL);
    gint64 known = time_verify(hash);
    gint64 unknown = time_verify(NULL);

    /* Both run yescrypt once per call: within a factor of two of each other. */
    ck_assert_int_lt(unknown, known * 2);
    ck_assert_int_lt(known, unknown * 2);
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("password");
    TCase *tc = tcase_create("core");

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_hash_and_verify);
    tcase_add_test(tc, test_bad_hashes_never_match);
    tcase_add_test(tc, test_unknown_user_costs_the_same);
    suite_add_tcase(s, tc);
    return corral_check_run(s);
}
