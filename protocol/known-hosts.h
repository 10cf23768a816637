/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The known_hosts store: the certificate thumbprints that the user has
 * trusted, one line per host, `HOST:PORT SHA256-THUMBPRINT`, with blank
 * lines and `#` comments kept as they are. corral-cli and the desktop client
 * share the file (~/.config/corral/known_hosts), so both read and write it
 * through this module only.
 *
 * Trust on first use: an unknown host is pinned once the user confirms its
 * thumbprint; a pinned host that presents another certificate is a hard
 * stop. This module never replaces a pin: a changed certificate is settled
 * by the user editing the file, never by a program.
 *
 * Loading refuses the whole file when a line is malformed and names the line,
 * so a typo never silently unpins a host. Saving writes the file atomically
 * (common/atomic-file.h), so a reader sees the old pins or the new ones.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct CorralKnownHosts CorralKnownHosts;

typedef enum {
    CORRAL_KNOWN_HOST_UNKNOWN,  /* no pin for that host */
    CORRAL_KNOWN_HOST_MATCH,    /* pinned, and the thumbprint is the pinned one */
    CORRAL_KNOWN_HOST_MISMATCH, /* pinned to another thumbprint: a hard stop */
} CorralKnownHostVerdict;

/* ~/.config/corral/known_hosts (under $XDG_CONFIG_HOME when it is set). */
char *corral_known_hosts_default_path(void);

/* An empty store that will be saved at @path. */
CorralKnownHosts *corral_known_hosts_new(const char *path);

/* Reads @path; a missing file is an empty store. A malformed line fails the
 * load with CORRAL_PROTOCOL_ERROR_INVALID and a message "PATH:LINE: why". */
CorralKnownHosts *corral_known_hosts_load(const char *path, GError **error);

/* As corral_known_hosts_load(), from text already read; @path is used in
 * messages and by corral_known_hosts_save(). */
CorralKnownHosts *corral_known_hosts_parse(const char *path, const char *text, gsize len,
                                           GError **error);

void corral_known_hosts_free(CorralKnownHosts *hosts);

const char *corral_known_hosts_get_path(CorralKnownHosts *hosts);

/* The pinned thumbprint of @host_port ("HOST:PORT", host names without
 * regard to case) in the canonical "AA:BB:…" form, or NULL. */
const char *corral_known_hosts_lookup(CorralKnownHosts *hosts, const char *host_port);

/* Compares @thumbprint (any form corral_thumbprint_parse() reads) with the
 * pin of @host_port. */
CorralKnownHostVerdict corral_known_hosts_check(CorralKnownHosts *hosts, const char *host_port,
                                                const char *thumbprint);

/* Pins @host_port to @thumbprint, in memory; corral_known_hosts_save()
 * writes it. Adding the pin a host already has does nothing. A host pinned
 * to another thumbprint is refused with CORRAL_PROTOCOL_ERROR_PIN_MISMATCH:
 * pins are never replaced. A malformed host or thumbprint is refused with
 * CORRAL_PROTOCOL_ERROR_INVALID. */
gboolean corral_known_hosts_add(CorralKnownHosts *hosts, const char *host_port,
                                const char *thumbprint, GError **error);

/* Writes the store atomically, mode 0600, making the parent folder (0700)
 * when it is missing. Comments and blank lines of the loaded file are kept,
 * new pins come last. */
gboolean corral_known_hosts_save(CorralKnownHosts *hosts, GError **error);

/* Whether @host_port is of the form HOST:PORT that the store accepts; the
 * error says what is wrong. */
gboolean corral_known_hosts_validate_host(const char *host_port, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CorralKnownHosts, corral_known_hosts_free)

G_END_DECLS
