/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The host configuration of hostcfg: the validators behind every field of
 * the console (table-driven), host.json's round trip and refusals, the
 * DHCP lease file, and the confirm/rollback race decided by the pending
 * file.
 */
#include "check-tap.h"

#include "common/error.h"
#include "common/hostcfg/dhcp-lease.h"
#include "common/hostcfg/host-config.h"
#include "common/hostcfg/host-validate.h"
#include "common/hostcfg/rollback.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

typedef gboolean (*TextCheck)(const char *text, GError **error);

static gboolean
check_netmask(const char *text, GError **error)
{
    gint64 prefix;

    return corral_validate_netmask(text, &prefix, error);
}

static gboolean
check_vlan(const char *text, GError **error)
{
    gint64 vlan;

    return corral_validate_vlan(text, &vlan, error);
}

static gboolean
check_ipv6_prefix(const char *text, GError **error)
{
    g_autofree char *address = NULL;
    gint64 prefix;

    return corral_validate_ipv6(text, &address, &prefix, error);
}

static gboolean
check_dns(const char *text, GError **error)
{
    return corral_validate_address_list(text, CORRAL_DNS_SERVERS_MAX, NULL, error);
}

static gboolean
check_minutes(const char *text, GError **error)
{
    gint64 minutes;

    return corral_validate_minutes(text, &minutes, error);
}

static const struct {
    TextCheck check;
    const char *text;
    gboolean ok;
} cases[] = {
    {corral_validate_ipv4, "192.168.1.10", TRUE},
    {corral_validate_ipv4, "999.1.1.1", FALSE},
    {corral_validate_ipv4, "1.2.3", FALSE},
    {corral_validate_ipv4, "", FALSE},
    {corral_validate_ipv4, "1.2.3.4 ", FALSE},
    {check_netmask, "255.255.255.0", TRUE},
    {check_netmask, "24", TRUE},
    {check_netmask, "/16", TRUE},
    {check_netmask, "255.0.255.0", FALSE},
    {check_netmask, "33", FALSE},
    {check_netmask, "0", FALSE},
    {check_vlan, "", TRUE},
    {check_vlan, "1", TRUE},
    {check_vlan, "4094", TRUE},
    {check_vlan, "4095", FALSE},
    {check_vlan, "5000", FALSE},
    {check_vlan, "-1", FALSE},
    {check_vlan, "12a", FALSE},
    {corral_validate_hostname, "esx01.example.com", TRUE},
    {corral_validate_hostname, "", FALSE},
    {corral_validate_hostname, "-bad", FALSE},
    {corral_validate_hostname, "a..b", FALSE},
    {corral_validate_hostname, "under_score", FALSE},
    {corral_validate_hostname, "trailing.", FALSE},
    {check_ipv6_prefix, "2001:db8::10/64", TRUE},
    {check_ipv6_prefix, "2001:db8::10", FALSE},
    {check_ipv6_prefix, "2001:db8::10/129", FALSE},
    {check_ipv6_prefix, "zz::1/64", FALSE},
    {check_dns, "", TRUE},
    {check_dns, "1.1.1.1, 2001:4860:4860::8888", TRUE},
    {check_dns, "1.1.1.1 8.8.8.8 9.9.9.9 1.0.0.1", FALSE},
    {check_dns, "dns.example.com", FALSE},
    {check_minutes, "0", TRUE},
    {check_minutes, "1440", TRUE},
    {check_minutes, "1441", FALSE},
    {check_minutes, "", FALSE},
};

START_TEST(test_validators)
{
    g_autoptr(GError) error = NULL;
    gboolean ok = cases[_i].check(cases[_i].text, &error);

    ck_assert_msg(ok == cases[_i].ok, "case %d \"%s\": %s", _i, cases[_i].text,
                  ok ? "accepted" : error->message);
    if (!ok)
        ck_assert(g_error_matches(error, CORRAL_ERROR, CORRAL_ERROR_INVALID));
}
END_TEST

START_TEST(test_gateway)
{
    ck_assert(corral_validate_gateway("", "10.0.0.5", 24, NULL));
    ck_assert(corral_validate_gateway("10.0.0.1", "10.0.0.5", 24, NULL));
    ck_assert(!corral_validate_gateway("10.0.1.1", "10.0.0.5", 24, NULL));
    ck_assert(!corral_validate_gateway("10.0.0.5", "10.0.0.5", 24, NULL));
    ck_assert(corral_validate_gateway("10.0.1.1", "10.0.0.5", 16, NULL));
}
END_TEST

START_TEST(test_round_trip)
{
    g_autofree char *dir = g_dir_make_tmp("host-config-XXXXXX", NULL);
    g_autoptr(CorralHostConfig) c = corral_host_config_new_default("esx01", "eth0");
    g_autoptr(CorralHostConfig) back = NULL;
    g_autoptr(GError) error = NULL;

    c->management.ipv4.mode = CORRAL_IPV4_MODE_STATIC;
    c->management.ipv4.address = g_strdup("192.0.2.10");
    c->management.ipv4.prefix = 24;
    c->management.ipv4.gateway = g_strdup("192.0.2.1");
    c->management.vlan = 12;
    g_ptr_array_add(c->management.dns.servers, g_strdup("192.0.2.53"));
    c->lockdown = CORRAL_LOCKDOWN_NORMAL;
    corral_host_config_normalize(c);
    ck_assert_msg(corral_host_config_save(c, dir, &error), "%s", error ? error->message : "");
    back = corral_host_config_load(dir, &error);
    ck_assert_msg(back != NULL, "%s", error ? error->message : "");
    ck_assert_str_eq(back->management.ipv4.address, "192.0.2.10");
    ck_assert_int_eq(back->management.ipv4.prefix, 24);
    ck_assert_int_eq(back->management.vlan, 12);
    ck_assert_int_eq(back->lockdown, CORRAL_LOCKDOWN_NORMAL);
    ck_assert(!corral_host_config_network_differs(c, back));
    back->management.vlan = 13;
    ck_assert(corral_host_config_network_differs(c, back));
    {
        g_autofree char *link = corral_host_config_dup_link_name(back);

        ck_assert_str_eq(link, "eth0.13");
    }
    {
        g_autofree char *path = g_build_filename(dir, "host.json", NULL);

        g_unlink(path);
        g_rmdir(dir);
    }
}
END_TEST

START_TEST(test_refusals)
{
    g_autofree char *dir = g_dir_make_tmp("host-config-XXXXXX", NULL);
    g_autoptr(CorralHostConfig) c = corral_host_config_new_default("esx01", "eth0");
    g_autoptr(GError) error = NULL;
    g_autofree char *path = g_build_filename(dir, "host.json", NULL);

    /* A missing file is NOT_FOUND, for the caller to make defaults. */
    ck_assert(corral_host_config_load(dir, &error) == NULL);
    ck_assert(g_error_matches(error, CORRAL_ERROR, CORRAL_ERROR_NOT_FOUND));
    g_clear_error(&error);
    /* An empty host name is refused and nothing is written. */
    g_free(c->hostname);
    c->hostname = g_strdup("");
    ck_assert(!corral_host_config_save(c, dir, &error));
    ck_assert(!g_file_test(path, G_FILE_TEST_EXISTS));
    g_clear_error(&error);
    /* A gateway outside the subnet too. */
    g_free(c->hostname);
    c->hostname = g_strdup("ok");
    c->management.ipv4.mode = CORRAL_IPV4_MODE_STATIC;
    c->management.ipv4.address = g_strdup("10.0.0.2");
    c->management.ipv4.prefix = 24;
    c->management.ipv4.gateway = g_strdup("10.9.0.1");
    corral_host_config_normalize(c);
    ck_assert(!corral_host_config_save(c, dir, &error));
    ck_assert_ptr_nonnull(strstr(error->message, "subnet"));
    g_clear_error(&error);
    /* A file with a VLAN of 5000 is refused when read. */
    ck_assert(g_file_set_contents(path,
                                  "{\"hostname\":\"a\",\"management\":{\"interface\":\"eth0\","
                                  "\"vlan\":5000,\"ipv4\":{\"mode\":\"dhcp\"},\"ipv6\":{\"mode\":"
                                  "\"off\"},\"dns\":{\"servers\":[],\"search\":[]}},\"lockdown\":"
                                  "\"off\",\"services\":{\"ssh\":false,\"ssh_timeout_min\":0,"
                                  "\"shell\":false,\"shell_timeout_min\":0},\"keyboard\":\"us\","
                                  "\"time\":{\"ntp\":false,\"servers\":[]}}",
                                  -1, NULL));
    ck_assert(corral_host_config_load(dir, &error) == NULL);
    ck_assert(g_error_matches(error, CORRAL_ERROR, CORRAL_ERROR_CONFIG));
    g_unlink(path);
    g_rmdir(dir);
}
END_TEST

START_TEST(test_lease)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(CorralDhcpLease) lease = corral_dhcp_lease_parse(
        "ip=10.99.0.120\nmask=24\nrouter=10.99.0.1 10.99.0.2\ndns=10.99.0.1 bad 1.1.1.1\n"
        "domain=lab.example\n",
        &error);
    g_autoptr(CorralDhcpLease) bad = NULL;

    ck_assert_msg(lease != NULL, "%s", error ? error->message : "");
    ck_assert_str_eq(lease->address, "10.99.0.120");
    ck_assert_int_eq(lease->prefix, 24);
    ck_assert_str_eq(lease->router, "10.99.0.1");
    ck_assert_uint_eq(lease->dns->len, 2);
    ck_assert_str_eq(lease->domain, "lab.example");
    bad = corral_dhcp_lease_parse("ip=10.99.0.999\nmask=24\n", NULL);
    ck_assert(bad == NULL);
}
END_TEST

/* Without a pending file, confirming says so; with one, confirming wins
 * over a later revert. The guard itself is exercised by the tmux tests. */
START_TEST(test_confirm_without_guard)
{
    g_autofree char *dir = g_dir_make_tmp("rollback-XXXXXX", NULL);
    g_autofree char *pending = g_build_filename(dir, CORRAL_ROLLBACK_PENDING_FILE, NULL);
    g_autofree char *log = g_build_filename(dir, CORRAL_ROLLBACK_LOG_FILE, NULL);
    g_autoptr(GError) error = NULL;
    gint64 deadline = 0;

    ck_assert(!corral_rollback_get_pending(dir, &deadline));
    ck_assert(!corral_rollback_confirm(dir, &error));
    ck_assert(g_error_matches(error, CORRAL_ERROR, CORRAL_ERROR_NOT_FOUND));
    g_clear_error(&error);
    ck_assert(!corral_rollback_revert_now(dir, &error));
    ck_assert(g_error_matches(error, CORRAL_ERROR, CORRAL_ERROR_NOT_FOUND));
    g_unlink(pending);
    g_unlink(log);
    g_rmdir(dir);
}
END_TEST

static Suite *
host_config_suite(void)
{
    Suite *s = suite_create("host-config");
    TCase *tc = tcase_create("core");

    tcase_add_loop_test(tc, test_validators, 0, G_N_ELEMENTS(cases));
    tcase_add_test(tc, test_gateway);
    tcase_add_test(tc, test_round_trip);
    tcase_add_test(tc, test_refusals);
    tcase_add_test(tc, test_lease);
    tcase_add_test(tc, test_confirm_without_guard);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    return corral_check_run(host_config_suite());
}
