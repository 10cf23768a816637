/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The password rules shared by the DCUI, corrald and corral-cli.
 */
#include "check-tap.h"

#include "common/password-policy.h"

#include <glib.h>
#include <string.h>

static const struct {
    const char *password;
    const char *user;
    const char *refusal; /* NULL: accepted */
} cases[] = {
    {"correct horse battery", "root", NULL},
    {"twelve chars", "root", NULL},
    {"árvíztűrő tükörfúrógép", "root", NULL}, /* counted in characters, not bytes */
    {"short", "root", "at least 12"},
    {"elevenchars", "root", "at least 12"},
    {"", "root", "at least 12"},
    {"Password1234", "root", "too common"},
    {"QWERTYUIOPAS", "root", "too common"},
    {"administrator", "bob", "too common"},
    {"operatoralice", "operatoralice", "user name"},
    {"tab\there in it", "root", "control characters"},
    {"new\nline in it", "root", "control characters"},
    {"\xff\xfe not utf-8 text", "root", "UTF-8"},
};

START_TEST(test_rules)
{
    g_autoptr(GError) error = NULL;
    gboolean ok = corral_password_policy_check(cases[_i].password, cases[_i].user, &error);

    if (cases[_i].refusal == NULL) {
        ck_assert_msg(ok, "refused \"%s\": %s", cases[_i].password, error->message);
    } else {
        ck_assert_msg(!ok, "accepted \"%s\"", cases[_i].password);
        ck_assert_msg(strstr(error->message, cases[_i].refusal) != NULL, "\"%s\" lacks \"%s\"",
                      error->message, cases[_i].refusal);
    }
}
END_TEST

START_TEST(test_300_characters_refused)
{
    g_autofree char *long_one = g_strnfill(300, 'x');
    g_autofree char *max_one = g_strnfill(CORRAL_PASSWORD_MAX_CHARS, 'y');
    g_autoptr(GError) error = NULL;

    ck_assert(!corral_password_policy_check(long_one, "root", &error));
    ck_assert_ptr_nonnull(strstr(error->message, "at most 128"));
    ck_assert(corral_password_policy_check(max_one, "root", NULL));
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("password-policy");
    TCase *tc = tcase_create("core");

    tcase_add_loop_test(tc, test_rules, 0, G_N_ELEMENTS(cases));
    tcase_add_test(tc, test_300_characters_refused);
    suite_add_tcase(s, tc);
    return corral_check_run(s);
}
