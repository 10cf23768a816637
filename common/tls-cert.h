/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The host's TLS certificate. corrald serves its API with a self-signed
 * certificate made on first start and kept in STATE_DIR/tls; clients pin it by
 * the SHA-256 thumbprint of its DER encoding, the "AA:BB:…" form that ESXi's
 * direct console shows and that `corrald --print-thumbprint` prints.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "AA:" times 31 plus "AA": 32 bytes of SHA-256 in colon-separated hex. */
#define CORRAL_TLS_THUMBPRINT_LEN 95

typedef struct {
    char *cert_path;  /* STATE_DIR/tls/cert.pem */
    char *key_path;   /* STATE_DIR/tls/key.pem, mode 0600 */
    char *cert_pem;   /* the certificate, PEM */
    char *key_pem;    /* its private key, PEM (PKCS #8) */
    char *thumbprint; /* SHA-256 of the DER certificate, "AA:BB:…" */
} CorralTlsCert;

/* Loads STATE_DIR/tls/cert.pem and key.pem, checking that the key belongs to
 * the certificate; when neither exists yet, makes a self-signed ECDSA P-256
 * certificate for this host's name (SAN: the name, localhost, 127.0.0.1 and
 * ::1; ten years) and writes both atomically, the key first and mode 0600. */
CorralTlsCert *corral_tls_cert_ensure(const char *state_dir, GError **error);

/* As corral_tls_cert_ensure(), naming the certificate after @hostname. */
CorralTlsCert *corral_tls_cert_ensure_for_host(const char *state_dir, const char *hostname,
                                               GError **error);

void corral_tls_cert_free(CorralTlsCert *cert);

/* The thumbprint of the first certificate in @pem (NUL-terminated PEM). */
char *corral_tls_cert_thumbprint(const char *pem, GError **error);

/* The thumbprint of the first certificate in the PEM file at @path. */
char *corral_tls_cert_thumbprint_file(const char *path, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CorralTlsCert, corral_tls_cert_free)

G_END_DECLS
