/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Random tokens: the asked-for length, hex only, and no repeats.
 */
#include "check-tap.h"

#include "common/random.h"

#include <glib.h>
#include <string.h>

START_TEST(test_tokens)
{
    g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);

    for (int i = 0; i < 1000; i++) {
        char *t = corral_random_token(128, NULL);
        ck_assert_uint_eq(strlen(t), 32);
        ck_assert_uint_eq(strspn(t, "0123456789abcdef"), 32);
        ck_assert(g_hash_table_add(seen, t));
    }
}
END_TEST

START_TEST(test_bytes_fill_everything)
{
    guint8 buf[4096] = {0};
    int zeros = 0;

    ck_assert(corral_random_bytes(buf, sizeof buf, NULL));
    for (gsize i = 0; i < sizeof buf; i++)
        zeros += buf[i] == 0;
    /* About 16 zero bytes are expected in 4096; a buffer left unfilled has 4096. */
    ck_assert_int_lt(zeros, 64);
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("random");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_tokens);
    tcase_add_test(tc, test_bytes_fill_everything);
    suite_add_tcase(s, tc);
    return corral_check_run(s);
}
