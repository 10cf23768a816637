/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The host's self-signed TLS certificate, made and read with GnuTLS. The key
 * is written before the certificate, so a certificate on disk always has its
 * key beside it; both are written atomically, so a crash never leaves a torn
 * file. The thumbprint is the SHA-256 of the DER certificate, which is what a
 * client's pin and the direct console's screen compare.
 */
#define G_LOG_DOMAIN "corral-common"

#include "common/tls-cert.h"

#include "common/atomic-file.h"
#include "common/error.h"

#include <arpa/inet.h>
#include <errno.h>
#include <gnutls/abstract.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>

#define VALIDITY_SECONDS ((time_t)10 * 365 * 24 * 60 * 60)
/* A host whose clock runs behind the client's must still present a valid
 * certificate right after first boot. */
#define BACKDATE_SECONDS ((time_t)24 * 60 * 60)
#define SHA256_LEN       32

G_DEFINE_AUTO_CLEANUP_FREE_FUNC(gnutls_x509_crt_t, gnutls_x509_crt_deinit, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC(gnutls_x509_privkey_t, gnutls_x509_privkey_deinit, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC(gnutls_privkey_t, gnutls_privkey_deinit, NULL)

static void
datum_clear(gnutls_datum_t *datum)
{
    gnutls_free(datum->data);
    datum->data = NULL;
    datum->size = 0;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(gnutls_datum_t, datum_clear)

void
corral_tls_cert_free(CorralTlsCert *cert)
{
    if (cert == NULL)
        return;
    g_free(cert->cert_path);
    g_free(cert->key_path);
    g_free(cert->cert_pem);
    if (cert->key_pem != NULL)
        memset(cert->key_pem, 0, strlen(cert->key_pem));
    g_free(cert->key_pem);
    g_free(cert->thumbprint);
    g_free(cert);
}

static gboolean
gnutls_failed(int ret, const char *what, GError **error)
{
    if (ret >= 0)
        return FALSE;
    g_set_error(error, CORRAL_ERROR, CORRAL_ERROR_CRYPTO, "%s: %s", what, gnutls_strerror(ret));
    return TRUE;
}

static char *
format_thumbprint(const guint8 *digest, gsize len)
{
    GString *text = g_string_sized_new(len * 3);

    for (gsize i = 0; i < len; i++)
        g_string_append_printf(text, i == 0 ? "%02X" : ":%02X", digest[i]);
    return g_string_free(text, FALSE);
}

static char *
crt_thumbprint(gnutls_x509_crt_t crt, GError **error)
{
    guint8 digest[SHA256_LEN];
    size_t len = sizeof digest;

    if (gnutls_failed(gnutls_x509_crt_get_fingerprint(crt, GNUTLS_DIG_SHA256, digest, &len),
                      "computing the certificate's SHA-256", error))
        return NULL;
    return format_thumbprint(digest, len);
}

static gnutls_x509_crt_t
crt_from_pem(const char *pem, const char *origin, GError **error)
{
    g_auto(gnutls_x509_crt_t) crt = NULL;
    gnutls_datum_t data = {(unsigned char *)pem, (unsigned int)strlen(pem)};
    int ret;

    if (gnutls_failed(gnutls_x509_crt_init(&crt), "allocating a certificate", error))
        return NULL;
    ret = gnutls_x509_crt_import(crt, &data, GNUTLS_X509_FMT_PEM);
    if (ret < 0) {
        g_set_error(error, CORRAL_ERROR, CORRAL_ERROR_INVALID,
                    "%s does not hold a PEM certificate: %s", origin, gnutls_strerror(ret));
        return NULL;
    }
    return g_steal_pointer(&crt);
}

char *
corral_tls_cert_thumbprint(const char *pem, GError **error)
{
    g_auto(gnutls_x509_crt_t) crt = NULL;

    g_return_val_if_fail(pem != NULL, NULL);
    crt = crt_from_pem(pem, "the text", error);
    if (crt == NULL)
        return NULL;
    return crt_thumbprint(crt, error);
}

char *
corral_tls_cert_thumbprint_file(const char *path, GError **error)
{
    g_autofree char *pem = NULL;
    g_auto(gnutls_x509_crt_t) crt = NULL;

    g_return_val_if_fail(path != NULL, NULL);
    if (!g_file_get_contents(path, &pem, NULL, error))
        return NULL;
    crt = crt_from_pem(pem, path, error);
    if (crt == NULL)
        return NULL;
    return crt_thumbprint(crt, error);
}

static gboolean
add_ip_san(gnutls_x509_crt_t crt, int family, const char *text, GError **error)
{
    guint8 addr[16];
    int ret;

    ret = inet_pton(family, text, addr);
    g_assert(ret == 1);
    ret = gnutls_x509_crt_set_subject_alt_name(crt, GNUTLS_SAN_IPADDRESS, addr,
                                               family == AF_INET ? 4 : 16, GNUTLS_FSAN_APPEND);
    return !gnutls_failed(ret, "adding an address to the certificate", error);
}

static gboolean
add_dns_san(gnutls_x509_crt_t crt, const char *name, GError **error)
{
    int ret = gnutls_x509_crt_set_subject_alt_name(crt, GNUTLS_SAN_DNSNAME, name,
                                                   (unsigned int)strlen(name), GNUTLS_FSAN_APPEND);

    return !gnutls_failed(ret, "adding a name to the certificate", error);
}

/* Fills @cert's PEM fields with a new key and a certificate it signed. */
static gboolean
generate(CorralTlsCert *cert, const char *hostname, GError **error)
{
    g_auto(gnutls_x509_privkey_t) x509_key = NULL;
    g_auto(gnutls_privkey_t) key = NULL;
    g_auto(gnutls_x509_crt_t) crt = NULL;
    g_auto(gnutls_datum_t) cert_pem = {NULL, 0};
    g_auto(gnutls_datum_t) key_pem = {NULL, 0};
    guint8 serial[16];
    guint8 key_id[SHA256_LEN];
    size_t key_id_len = sizeof key_id;
    time_t now = time(NULL);

    if (gnutls_failed(gnutls_x509_privkey_init(&x509_key), "allocating a key", error) ||
        gnutls_failed(gnutls_x509_privkey_generate(x509_key, GNUTLS_PK_ECDSA,
                                                   GNUTLS_CURVE_TO_BITS(GNUTLS_ECC_CURVE_SECP256R1),
                                                   0),
                      "generating an ECDSA P-256 key", error) ||
        gnutls_failed(gnutls_privkey_init(&key), "allocating a key", error) ||
        gnutls_failed(gnutls_privkey_import_x509(key, x509_key, 0), "importing the key", error))
        return FALSE;

    /* A positive serial of 127 random bits, as RFC 5280 asks. */
    if (gnutls_failed(gnutls_rnd(GNUTLS_RND_NONCE, serial, sizeof serial),
                      "drawing a serial number", error))
        return FALSE;
    serial[0] &= 0x7f;
    serial[0] |= 0x01;

    if (gnutls_failed(gnutls_x509_crt_init(&crt), "allocating a certificate", error) ||
        gnutls_failed(gnutls_x509_crt_set_version(crt, 3), "setting the version", error) ||
        gnutls_failed(gnutls_x509_crt_set_serial(crt, serial, sizeof serial), "setting the serial",
                      error) ||
        gnutls_failed(gnutls_x509_crt_set_activation_time(crt, now - BACKDATE_SECONDS),
                      "setting the start of validity", error) ||
        gnutls_failed(gnutls_x509_crt_set_expiration_time(crt, now + VALIDITY_SECONDS),
                      "setting the end of validity", error) ||
        gnutls_failed(gnutls_x509_crt_set_dn_by_oid(crt, GNUTLS_OID_X520_COMMON_NAME, 0, hostname,
                                                    (unsigned int)strlen(hostname)),
                      "setting the common name", error) ||
        gnutls_failed(gnutls_x509_crt_set_key(crt, x509_key), "setting the public key", error) ||
        gnutls_failed(gnutls_x509_crt_set_basic_constraints(crt, 0, -1),
                      "setting the basic constraints", error) ||
        gnutls_failed(gnutls_x509_crt_set_key_usage(crt, GNUTLS_KEY_DIGITAL_SIGNATURE),
                      "setting the key usage", error) ||
        gnutls_failed(gnutls_x509_crt_set_key_purpose_oid(crt, GNUTLS_KP_TLS_WWW_SERVER, 0),
                      "setting the key purpose", error))
        return FALSE;

    if (!add_dns_san(crt, hostname, error) ||
        (strcmp(hostname, "localhost") != 0 && !add_dns_san(crt, "localhost", error)) ||
        !add_ip_san(crt, AF_INET, "127.0.0.1", error) || !add_ip_san(crt, AF_INET6, "::1", error))
        return FALSE;

    if (gnutls_failed(gnutls_x509_crt_get_key_id(crt, GNUTLS_KEYID_USE_SHA1, key_id, &key_id_len),
                      "computing the key identifier", error) ||
        gnutls_failed(gnutls_x509_crt_set_subject_key_id(crt, key_id, key_id_len),
                      "setting the key identifier", error) ||
        gnutls_failed(gnutls_x509_crt_privkey_sign(crt, crt, key, GNUTLS_DIG_SHA256, 0),
                      "signing the certificate", error))
        return FALSE;

    if (gnutls_failed(gnutls_x509_crt_export2(crt, GNUTLS_X509_FMT_PEM, &cert_pem),
                      "encoding the certificate", error) ||
        gnutls_failed(gnutls_x509_privkey_export2_pkcs8(x509_key, GNUTLS_X509_FMT_PEM, NULL,
                                                        GNUTLS_PKCS_PLAIN, &key_pem),
                      "encoding the key", error))
        return FALSE;

    cert->cert_pem = g_strndup((const char *)cert_pem.data, cert_pem.size);
    cert->key_pem = g_strndup((const char *)key_pem.data, key_pem.size);
    memset(key_pem.data, 0, key_pem.size);
    cert->thumbprint = crt_thumbprint(crt, error);
    return cert->thumbprint != NULL;
}

/* Reads the pair at @cert's paths and checks that the key is the
 * certificate's own. */
static gboolean
load(CorralTlsCert *cert, GError **error)
{
    g_auto(gnutls_x509_crt_t) crt = NULL;
    g_auto(gnutls_x509_privkey_t) key = NULL;
    gnutls_datum_t data;
    guint8 crt_id[SHA256_LEN], key_id[SHA256_LEN];
    size_t crt_id_len = sizeof crt_id, key_id_len = sizeof key_id;
    int ret;

    if (!g_file_get_contents(cert->cert_path, &cert->cert_pem, NULL, error) ||
        !g_file_get_contents(cert->key_path, &cert->key_pem, NULL, error))
        return FALSE;

    crt = crt_from_pem(cert->cert_pem, cert->cert_path, error);
    if (crt == NULL)
        return FALSE;

    if (gnutls_failed(gnutls_x509_privkey_init(&key), "allocating a key", error))
        return FALSE;
    data.data = (unsigned char *)cert->key_pem;
    data.size = (unsigned int)strlen(cert->key_pem);
    ret = gnutls_x509_privkey_import2(key, &data, GNUTLS_X509_FMT_PEM, NULL, 0);
    if (ret < 0) {
        g_set_error(error, CORRAL_ERROR, CORRAL_ERROR_INVALID,
                    "%s does not hold a PEM private key: %s", cert->key_path, gnutls_strerror(ret));
        return FALSE;
    }

    if (gnutls_failed(gnutls_x509_crt_get_key_id(crt, GNUTLS_KEYID_USE_SHA256, crt_id, &crt_id_len),
                      "computing the certificate's key identifier", error) ||
        gnutls_failed(
            gnutls_x509_privkey_get_key_id(key, GNUTLS_KEYID_USE_SHA256, key_id, &key_id_len),
            "computing the key's identifier", error))
        return FALSE;
    if (crt_id_len != key_id_len || memcmp(crt_id, key_id, crt_id_len) != 0) {
        g_set_error(error, CORRAL_ERROR, CORRAL_ERROR_INVALID,
                    "%s is not the private key of %s; remove both to make a new certificate",
                    cert->key_path, cert->cert_path);
        return FALSE;
    }

    cert->thumbprint = crt_thumbprint(crt, error);
    return cert->thumbprint != NULL;
}

CorralTlsCert *
corral_tls_cert_ensure_for_host(const char *state_dir, const char *hostname, GError **error)
{
    g_autoptr(CorralTlsCert) cert = g_new0(CorralTlsCert, 1);
    g_autofree char *dir = NULL;
    gboolean have_cert, have_key;

    g_return_val_if_fail(state_dir != NULL, NULL);
    g_return_val_if_fail(hostname != NULL && *hostname != '\0', NULL);

    dir = g_build_filename(state_dir, "tls", NULL);
    cert->cert_path = g_build_filename(dir, "cert.pem", NULL);
    cert->key_path = g_build_filename(dir, "key.pem", NULL);

    have_cert = g_file_test(cert->cert_path, G_FILE_TEST_EXISTS);
    have_key = g_file_test(cert->key_path, G_FILE_TEST_EXISTS);
    if (have_cert && !have_key) {
        g_set_error(error, CORRAL_ERROR, CORRAL_ERROR_NOT_FOUND,
                    "%s exists but its key %s is missing; remove it to make a new certificate",
                    cert->cert_path, cert->key_path);
        return NULL;
    }
    if (have_cert) {
        if (!load(cert, error))
            return NULL;
        return g_steal_pointer(&cert);
    }

    /* No certificate: a key left alone by an interrupted first start is
     * replaced along with it. */
    if (g_mkdir_with_parents(dir, 0700) != 0) {
        int saved_errno = errno;

        g_set_error(error, CORRAL_ERROR, CORRAL_ERROR_IO, "creating %s: %s", dir,
                    g_strerror(saved_errno));
        return NULL;
    }
    if (!generate(cert, hostname, error) ||
        !corral_atomic_write(cert->key_path, cert->key_pem, strlen(cert->key_pem), 0600, error) ||
        !corral_atomic_write(cert->cert_path, cert->cert_pem, strlen(cert->cert_pem), 0644, error))
        return NULL;
    g_info("made a TLS certificate for %s, SHA-256 %s", hostname, cert->thumbprint);
    return g_steal_pointer(&cert);
}

CorralTlsCert *
corral_tls_cert_ensure(const char *state_dir, GError **error)
{
    return corral_tls_cert_ensure_for_host(state_dir, g_get_host_name(), error);
}
