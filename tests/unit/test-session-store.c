/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Session tokens with the figures of the issue: 128 random bits, idle expiry
 * at 900 s, absolute expiry at 2 h however busy, and dead at once on logout
 * or when the user's sessions are dropped (password change). Time is a
 * clock the test moves.
 */
#include "check-tap.h"

#include "common/config-file.h"
#include "hostd/session-store.h"

#include <string.h>

static gint64 fake_now;

static gint64
fake_clock(gpointer data)
{
    return fake_now;
}

static CorraldSessionStore *
default_store(void)
{
    CorralConfig config;
    CorraldSessionStore *store;

    /* The figures come from the shipped defaults, not from the test. */
    corral_config_init(&config);
    store =
        corrald_session_store_new(config.session_idle_s, config.session_max_s, fake_clock, NULL);
    corral_config_clear(&config);
    return store;
}

START_TEST(test_token_shape)
{
    g_autoptr(CorraldSessionStore) store = default_store();
    g_autofree char *a = corrald_session_store_create(store, "alice", NULL, NULL);
    g_autofree char *b = corrald_session_store_create(store, "alice", NULL, NULL);

    ck_assert_uint_eq(strlen(a), 32); /* 128 bits in hex */
    ck_assert_str_ne(a, b);
}
END_TEST

START_TEST(test_idle_expiry_at_900_s)
{
    g_autoptr(CorraldSessionStore) store = default_store();
    g_autofree char *token = NULL;
    g_autofree char *u1 = NULL, *u2 = NULL, *u3 = NULL;
    gint64 expires_in;

    fake_now = 1000;
    token = corrald_session_store_create(store, "alice", &expires_in, NULL);
    ck_assert_int_eq(expires_in, 900);
    fake_now += 899;
    u1 = corrald_session_store_lookup(store, token);
    ck_assert_str_eq(u1, "alice");
    fake_now += 899; /* 899 s after the last use: still alive */
    u2 = corrald_session_store_lookup(store, token);
    ck_assert_str_eq(u2, "alice");
    fake_now += 900; /* 900 s idle: dead */
    u3 = corrald_session_store_lookup(store, token);
    ck_assert_ptr_null(u3);
    fake_now -= 10; /* and it stays dead */
    ck_assert_ptr_null(corrald_session_store_lookup(store, token));
}
END_TEST

START_TEST(test_absolute_expiry_at_2_h)
{
    g_autoptr(CorraldSessionStore) store = default_store();
    g_autofree char *token = NULL;

    fake_now = 5000;
    token = corrald_session_store_create(store, "alice", NULL, NULL);
    /* Busy all along, every 10 minutes, until just before two hours. */
    for (gint64 t = 600; t < 7200; t += 600) {
        g_autofree char *user = NULL;
        fake_now = 5000 + t;
        user = corrald_session_store_lookup(store, token);
        ck_assert_msg(user != NULL, "dead at %" G_GINT64_FORMAT " s", t);
    }
    fake_now = 5000 + 7200;
    ck_assert_ptr_null(corrald_session_store_lookup(store, token));
}
END_TEST

START_TEST(test_logout_and_password_change)
{
    g_autoptr(CorraldSessionStore) store = default_store();
    g_autofree char *a = NULL, *b = NULL, *c = NULL;
    g_autofree char *bob = NULL;

    fake_now = 0;
    a = corrald_session_store_create(store, "alice", NULL, NULL);
    b = corrald_session_store_create(store, "alice", NULL, NULL);
    c = corrald_session_store_create(store, "bob", NULL, NULL);
    corrald_session_store_remove(store, a);
    ck_assert_ptr_null(corrald_session_store_lookup(store, a));
    corrald_session_store_remove_user(store, "alice");
    ck_assert_ptr_null(corrald_session_store_lookup(store, b));
    bob = corrald_session_store_lookup(store, c);
    ck_assert_str_eq(bob, "bob");
    ck_assert_ptr_null(corrald_session_store_lookup(store, "0123456789abcdef0123456789abcdef"));
    ck_assert_ptr_null(corrald_session_store_lookup(store, NULL));
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("session-store");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_token_shape);
    tcase_add_test(tc, test_idle_expiry_at_900_s);
    tcase_add_test(tc, test_absolute_expiry_at_2_h);
    tcase_add_test(tc, test_logout_and_password_change);
    suite_add_tcase(s, tc);
    return corral_check_run(s);
}
