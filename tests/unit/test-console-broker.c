/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Console tickets: single use, bound to their user, gone when expired, and
 * capped so that unused tickets cannot grow corrald's memory.
 */
#include "check-tap.h"
#include "hostd/console-broker.h"
#include "hostd/hostd-error.h"

#define VM "6f1c2e8a-1d2b-4c3d-9e4f-5a6b7c8d9e0f"

START_TEST(test_single_use)
{
    g_autoptr(GError) error = NULL;
    CorraldConsoleBroker *broker = corrald_console_broker_new(30);
    g_autofree char *ticket = corrald_console_broker_issue(broker, "alice", VM, &error);
    g_autofree char *vm = NULL;
    g_autofree char *again = NULL;

    ck_assert_ptr_nonnull(ticket);
    ck_assert_uint_eq(strlen(ticket), 32);
    ck_assert_uint_eq(corrald_console_broker_count_tickets(broker), 1);
    vm = corrald_console_broker_redeem(broker, ticket, "alice", &error);
    ck_assert_ptr_nonnull(vm);
    ck_assert_str_eq(vm, VM);
    again = corrald_console_broker_redeem(broker, ticket, "alice", &error);
    ck_assert_ptr_null(again);
    ck_assert(g_error_matches(error, CORRALD_ERROR, CORRALD_ERROR_FORBIDDEN));
    ck_assert_ptr_null(strstr(error->message, ticket));
    ck_assert_uint_eq(corrald_console_broker_count_tickets(broker), 0);
    corrald_console_broker_free(broker);
}
END_TEST

START_TEST(test_other_user_burns_it)
{
    g_autoptr(GError) error = NULL;
    CorraldConsoleBroker *broker = corrald_console_broker_new(30);
    g_autofree char *ticket = corrald_console_broker_issue(broker, "alice", VM, &error);
    char *vm = corrald_console_broker_redeem(broker, ticket, "mallory", &error);

    ck_assert_ptr_null(vm);
    ck_assert(g_error_matches(error, CORRALD_ERROR, CORRALD_ERROR_FORBIDDEN));
    ck_assert_ptr_nonnull(strstr(error->message, "another user"));
    g_clear_error(&error);
    /* Tried once by anyone, it is gone for its owner too. */
    vm = corrald_console_broker_redeem(broker, ticket, "alice", &error);
    ck_assert_ptr_null(vm);
    corrald_console_broker_free(broker);
}
END_TEST

START_TEST(test_unique_tickets)
{
    g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    CorraldConsoleBroker *broker = corrald_console_broker_new(30);

    for (int i = 0; i < 1000; i++) {
        char *t = corrald_console_broker_issue(broker, "alice", VM, NULL);
        ck_assert(g_hash_table_add(seen, t));
    }
    corrald_console_broker_free(broker);
}
END_TEST

START_TEST(test_capped)
{
    g_autoptr(GError) error = NULL;
    CorraldConsoleBroker *broker = corrald_console_broker_new(30);
    char *t = NULL;
    int issued = 0;

    while (issued < 100000) {
        t = corrald_console_broker_issue(broker, "alice", VM, &error);
        if (t == NULL)
            break;
        g_free(t);
        issued++;
    }
    ck_assert_int_eq(issued, 4096);
    ck_assert(g_error_matches(error, CORRALD_ERROR, CORRALD_ERROR_UNAVAILABLE));
    corrald_console_broker_free(broker);
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("console-broker");
    TCase *tc = tcase_create("tickets");

    tcase_add_test(tc, test_single_use);
    tcase_add_test(tc, test_other_user_burns_it);
    tcase_add_test(tc, test_unique_tickets);
    tcase_add_test(tc, test_capped);
    suite_add_tcase(s, tc);
    return corral_check_run(s);
}
