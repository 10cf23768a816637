/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The host's certificate: made once in STATE_DIR/tls with its key at 0600,
 * kept on later starts, and its thumbprint is the one OpenSSL computes for
 * the same file, which is the one a user compares on the direct console.
 */
#include "check-tap.h"

#include "common/error.h"
#include "common/tls-cert.h"
#include "tests/common/test-util.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

static char *tmpdir;

static void
setup(void)
{
    tmpdir = g_dir_make_tmp("corral-tls-XXXXXX", NULL);
    ck_assert_ptr_nonnull(tmpdir);
}

static void
teardown(void)
{
    corral_test_clear_tree(&tmpdir);
}

/* Runs `openssl ARGS -in PATH`; returns whether it exited with status 0 and
 * its standard output in @out. */
static gboolean
openssl_run(const char *args, const char *path, char **out)
{
    g_autofree char *quoted = g_shell_quote(path);
    g_autofree char *command = g_strdup_printf("openssl %s -in %s", args, quoted);
    g_autoptr(GError) error = NULL;
    int status = 0;

    ck_assert_msg(g_spawn_command_line_sync(command, out, NULL, &status, &error), "%s: %s", command,
                  error != NULL ? error->message : "");
    return g_spawn_check_wait_status(status, NULL);
}

static gboolean
openssl_succeeds(const char *args, const char *path)
{
    g_autofree char *out = NULL;

    return openssl_run(args, path, &out);
}

static char *
run_openssl(const char *args, const char *path)
{
    char *out = NULL;

    ck_assert_msg(openssl_run(args, path, &out), "openssl %s failed", args);
    return out;
}

START_TEST(test_thumbprint_matches_openssl)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(CorralTlsCert) cert = corral_tls_cert_ensure(tmpdir, &error);
    g_autofree char *out = NULL;
    g_autofree char *from_file = NULL;
    g_autofree char *from_pem = NULL;
    const char *eq;

    ck_assert_msg(cert != NULL, "%s", error != NULL ? error->message : "");
    ck_assert_uint_eq(strlen(cert->thumbprint), CORRAL_TLS_THUMBPRINT_LEN);

    /* OpenSSL 3 prints "sha256 Fingerprint=AA:BB:…", 1.1 "SHA256 Fingerprint=". */
    out = run_openssl("x509 -noout -fingerprint -sha256", cert->cert_path);
    g_strstrip(out);
    eq = strchr(out, '=');
    ck_assert_ptr_nonnull(eq);
    ck_assert_str_eq(eq + 1, cert->thumbprint);

    from_file = corral_tls_cert_thumbprint_file(cert->cert_path, &error);
    ck_assert_str_eq(from_file, cert->thumbprint);
    from_pem = corral_tls_cert_thumbprint(cert->cert_pem, &error);
    ck_assert_str_eq(from_pem, cert->thumbprint);
}
END_TEST

START_TEST(test_names_and_validity)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(CorralTlsCert) cert = corral_tls_cert_ensure_for_host(tmpdir, "esx-07", &error);
    g_autofree char *subject = NULL;
    g_autofree char *san = NULL;
    g_autofree char *key_text = NULL;

    ck_assert_msg(cert != NULL, "%s", error != NULL ? error->message : "");
    subject = run_openssl("x509 -noout -subject", cert->cert_path);
    ck_assert_msg(strstr(subject, "CN = esx-07") != NULL, "%s", subject);
    san = run_openssl("x509 -noout -ext subjectAltName", cert->cert_path);
    ck_assert_msg(strstr(san, "DNS:esx-07") != NULL, "%s", san);
    ck_assert_msg(strstr(san, "DNS:localhost") != NULL, "%s", san);
    ck_assert_msg(strstr(san, "IP Address:127.0.0.1") != NULL, "%s", san);
    ck_assert_msg(strstr(san, "IP Address:0:0:0:0:0:0:0:1") != NULL ||
                      strstr(san, "IP Address:::1") != NULL,
                  "%s", san);

    /* Valid for ten years: still valid in nine, no longer in eleven. */
    ck_assert(openssl_succeeds("x509 -noout -checkend 283824000", cert->cert_path));
    ck_assert(!openssl_succeeds("x509 -noout -checkend 346896000", cert->cert_path));

    /* The key is a P-256 key that OpenSSL reads. */
    key_text = run_openssl("pkey -noout -text", cert->key_path);
    ck_assert_msg(strstr(key_text, "prime256v1") != NULL || strstr(key_text, "P-256") != NULL, "%s",
                  key_text);
}
END_TEST

START_TEST(test_second_start_keeps_cert)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(CorralTlsCert) first = corral_tls_cert_ensure(tmpdir, &error);
    g_autoptr(CorralTlsCert) second = NULL;
    struct stat st;

    ck_assert_msg(first != NULL, "%s", error != NULL ? error->message : "");
    second = corral_tls_cert_ensure(tmpdir, &error);
    ck_assert_msg(second != NULL, "%s", error != NULL ? error->message : "");
    ck_assert_str_eq(first->thumbprint, second->thumbprint);
    ck_assert_str_eq(first->cert_pem, second->cert_pem);
    ck_assert_str_eq(first->key_pem, second->key_pem);

    ck_assert_int_eq(g_stat(second->key_path, &st), 0);
    ck_assert_uint_eq(st.st_mode & 07777, 0600);
    ck_assert_int_eq(g_stat(second->cert_path, &st), 0);
    ck_assert_uint_eq(st.st_mode & 07777, 0644);
}
END_TEST

START_TEST(test_two_hosts_differ)
{
    g_autoptr(GError) error = NULL;
    g_autofree char *other = g_build_filename(tmpdir, "other", NULL);
    g_autoptr(CorralTlsCert) a = corral_tls_cert_ensure(tmpdir, &error);
    g_autoptr(CorralTlsCert) b = corral_tls_cert_ensure(other, &error);

    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(b);
    ck_assert_str_ne(a->thumbprint, b->thumbprint);
}
END_TEST

START_TEST(test_foreign_key_refused)
{
    g_autoptr(GError) error = NULL;
    g_autofree char *other = g_build_filename(tmpdir, "other", NULL);
    g_autoptr(CorralTlsCert) a = corral_tls_cert_ensure(tmpdir, &error);
    g_autoptr(CorralTlsCert) b = corral_tls_cert_ensure(other, &error);
    g_autoptr(CorralTlsCert) mixed = NULL;

    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(b);
    ck_assert(g_file_set_contents(a->key_path, b->key_pem, -1, NULL));
    mixed = corral_tls_cert_ensure(tmpdir, &error);
    ck_assert_ptr_null(mixed);
    ck_assert(g_error_matches(error, CORRAL_ERROR, CORRAL_ERROR_INVALID));
    ck_assert_msg(strstr(error->message, "not the private key") != NULL, "%s", error->message);
}
END_TEST

START_TEST(test_missing_key_refused)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(CorralTlsCert) a = corral_tls_cert_ensure(tmpdir, &error);
    g_autoptr(CorralTlsCert) again = NULL;

    ck_assert_ptr_nonnull(a);
    ck_assert_int_eq(g_unlink(a->key_path), 0);
    again = corral_tls_cert_ensure(tmpdir, &error);
    ck_assert_ptr_null(again);
    ck_assert(g_error_matches(error, CORRAL_ERROR, CORRAL_ERROR_NOT_FOUND));
    ck_assert_msg(strstr(error->message, "key.pem") != NULL, "%s", error->message);
}
END_TEST

START_TEST(test_not_a_certificate)
{
    g_autoptr(GError) error = NULL;
    g_autofree char *path = g_build_filename(tmpdir, "junk.pem", NULL);
    g_autofree char *tp = NULL;

    tp = corral_tls_cert_thumbprint("hello", &error);
    ck_assert_ptr_null(tp);
    ck_assert(g_error_matches(error, CORRAL_ERROR, CORRAL_ERROR_INVALID));
    g_clear_error(&error);

    ck_assert(g_file_set_contents(path, "-----BEGIN CERTIFICATE-----\nAAAA\n", -1, NULL));
    tp = corral_tls_cert_thumbprint_file(path, &error);
    ck_assert_ptr_null(tp);
    ck_assert_msg(strstr(error->message, path) != NULL, "%s", error->message);
    g_clear_error(&error);

    tp = corral_tls_cert_thumbprint_file("/nonexistent/cert.pem", &error);
    ck_assert_ptr_null(tp);
    ck_assert(g_error_matches(error, G_FILE_ERROR, G_FILE_ERROR_NOENT));
}
END_TEST

static Suite *
tls_cert_suite(void)
{
    Suite *suite = suite_create("tls-cert");
    TCase *tc = tcase_create("tls-cert");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_thumbprint_matches_openssl);
    tcase_add_test(tc, test_names_and_validity);
    tcase_add_test(tc, test_second_start_keeps_cert);
    tcase_add_test(tc, test_two_hosts_differ);
    tcase_add_test(tc, test_foreign_key_refused);
    tcase_add_test(tc, test_missing_key_refused);
    tcase_add_test(tc, test_not_a_certificate);
    suite_add_tcase(suite, tc);
    return suite;
}

int
main(void)
{
    return corral_check_run(tls_cert_suite());
}
