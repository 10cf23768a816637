/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Admission control, table by table: each case is a tree (node 0 the root
 * with the host's capacity), and whether it fits, and if not which node is
 * named short.
 */
#include "check-tap.h"

#include "hostd/admission.h"
#include "hostd/hostd-error.h"

#include <string.h>

#define MAX_NODES 8
#define POOL(parent, expandable, reservation, limit, name)                                         \
    {                                                                                              \
        parent, TRUE, expandable, reservation, limit, name                                         \
    }
#define VM(parent, reservation, limit, name)                                                       \
    {                                                                                              \
        parent, FALSE, FALSE, reservation, limit, name                                             \
    }
#define ROOT(capacity) POOL(-1, FALSE, capacity, -1, "/")

typedef struct {
    const char *what;
    CorraldAdmissionNode nodes[MAX_NODES];
    guint n;
    int short_node; /* -1: admitted */
} Case;

static const Case cases[] = {
    {"empty host", {ROOT(1000)}, 1, -1},
    {"one pool fits", {ROOT(1000), POOL(0, TRUE, 600, -1, "/a")}, 2, -1},
    {"exactly the host", {ROOT(1000), POOL(0, TRUE, 1000, -1, "/a")}, 2, -1},
    {"larger than the host", {ROOT(1000), POOL(0, TRUE, 1001, -1, "/a")}, 2, 0},
    {"siblings add up past the host",
     {ROOT(1000), POOL(0, FALSE, 600, -1, "/a"), POOL(0, FALSE, 500, -1, "/b")},
     3,
     0},
    {"child within a fixed parent",
     {ROOT(1000), POOL(0, FALSE, 500, -1, "/a"), POOL(1, TRUE, 500, -1, "/a/b")},
     3,
     -1},
    {"child above a fixed parent",
     {ROOT(1000), POOL(0, FALSE, 500, -1, "/a"), POOL(1, TRUE, 501, -1, "/a/b")},
     3,
     1},
    {"child borrows through an expandable parent",
     {ROOT(1000), POOL(0, TRUE, 100, -1, "/a"), POOL(1, TRUE, 900, -1, "/a/b")},
     3,
     -1},
    {"borrowing stops at the host",
     {ROOT(1000), POOL(0, TRUE, 100, -1, "/a"), POOL(1, TRUE, 1100, -1, "/a/b")},
     3,
     0},
    {"borrowing stops at the first fixed pool",
     {ROOT(10000), POOL(0, FALSE, 300, -1, "/a"), POOL(1, TRUE, 100, -1, "/a/b"),
      POOL(2, TRUE, 400, -1, "/a/b/c")},
     4,
     1},
    {"expandable pool capped by its limit",
     {ROOT(10000), POOL(0, TRUE, 100, 300, "/a"), POOL(1, TRUE, 400, -1, "/a/b")},
     3,
     1},
    {"reservation above its own limit", {ROOT(10000), POOL(0, TRUE, 500, 400, "/a")}, 2, 1},
    {"running guests count in their pool",
     {ROOT(1000), POOL(0, FALSE, 500, -1, "/a"), VM(1, 300, -1, "vm1"), VM(1, 200, -1, "vm2")},
     4,
     -1},
    {"a guest more than its pool has",
     {ROOT(1000), POOL(0, FALSE, 500, -1, "/a"), VM(1, 300, -1, "vm1"), VM(1, 201, -1, "vm2")},
     4,
     1},
    {"guests off reserve nothing",
     {ROOT(1000), POOL(0, FALSE, 500, -1, "/a"), VM(1, 500, -1, "vm1"), VM(1, 0, -1, "vm2")},
     4,
     -1},
    {"guest in an expandable pool borrows",
     {ROOT(1000), POOL(0, TRUE, 0, -1, "/a"), VM(1, 800, -1, "vm1")},
     3,
     -1},
    {"sibling pools and guests in the root",
     {ROOT(1000), POOL(0, TRUE, 400, -1, "/a"), VM(0, 400, -1, "vm1"), VM(1, 300, -1, "vm2"),
      VM(0, 201, -1, "vm3")},
     5,
     0},
};

START_TEST(test_case)
{
    const Case *c = &cases[_i];
    g_autoptr(GError) error = NULL;
    int short_node = -1;
    gboolean ok =
        corrald_admission_check(c->nodes, c->n, CORRALD_ADMISSION_CPU, &short_node, &error);

    ck_assert_msg(ok == (c->short_node < 0), "%s: %s", c->what,
                  error != NULL ? error->message : "admitted");
    if (ok)
        return;
    ck_assert_msg(short_node == c->short_node, "%s: short %d, expected %d (%s)", c->what,
                  short_node, c->short_node, error->message);
    ck_assert(g_error_matches(error, CORRALD_ERROR, CORRALD_ERROR_INSUFFICIENT_RESOURCES));
    ck_assert_msg(strstr(error->message, c->nodes[short_node].name) != NULL, "%s: %s", c->what,
                  error->message);
    ck_assert_ptr_nonnull(strstr(error->message, "CPU"));
}
END_TEST

START_TEST(test_demand)
{
    const CorraldAdmissionNode nodes[] = {
        ROOT(10000),         POOL(0, TRUE, 100, -1, "/a"),  POOL(1, FALSE, 300, -1, "/a/b"),
        VM(1, 50, -1, "vm"), POOL(0, FALSE, 200, -1, "/c"), VM(4, 150, -1, "vm2"),
    };

    /* /a takes what /a/b and its guest take, above its own 100. */
    ck_assert_int_eq(corrald_admission_demand(nodes, G_N_ELEMENTS(nodes), 1), 350);
    /* A fixed pool takes its reservation, whatever is below. */
    ck_assert_int_eq(corrald_admission_demand(nodes, G_N_ELEMENTS(nodes), 4), 200);
}
END_TEST

START_TEST(test_memory_message)
{
    const CorraldAdmissionNode nodes[] = {
        ROOT(G_GINT64_CONSTANT(1) << 30),
        POOL(0, FALSE, 256 << 20, -1, "/db"),
        VM(1, 512 << 20, -1, "big"),
    };
    g_autoptr(GError) error = NULL;
    g_autofree char *mib = corrald_admission_format(CORRALD_ADMISSION_MEMORY, 512 << 20);
    g_autofree char *odd = corrald_admission_format(CORRALD_ADMISSION_MEMORY, 1000);
    g_autofree char *mhz = corrald_admission_format(CORRALD_ADMISSION_CPU, 2600);

    ck_assert_str_eq(mib, "512 MiB");
    ck_assert_str_eq(odd, "1000 bytes");
    ck_assert_str_eq(mhz, "2600 MHz");
    ck_assert(!corrald_admission_check(nodes, G_N_ELEMENTS(nodes), CORRALD_ADMISSION_MEMORY, NULL,
                                       &error));
    ck_assert_str_eq(error->message, "pool /db is short of memory: the reservations below it add "
                                     "up to 512 MiB, it reserves 256 MiB and is not expandable");
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("admission");
    TCase *tc = tcase_create("rules");

    tcase_add_loop_test(tc, test_case, 0, G_N_ELEMENTS(cases));
    tcase_add_test(tc, test_demand);
    tcase_add_test(tc, test_memory_message);
    suite_add_tcase(s, tc);
    return corral_check_run(s);
}
