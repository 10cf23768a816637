/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A corrald of this build tree run as a child process, for the integration
 * tests (through tests/integration/corrald-fixture.h, which adds Check's
 * assertions) and the benches: a temporary state directory, 127.0.0.1 with
 * a free port, a private unix socket, its log in a file, stopped by PID.
 * Failures are GErrors, so nothing here needs Check.
 */
#pragma once

#include <glib.h>

#include "protocol/client.h"

G_BEGIN_DECLS

typedef struct {
    GPid pid; /* 0 while it is not running */
    char *state_dir;
    char *socket_path;
    char *log_path;
    char *config_path;
    char *libvirt_uri;
    char *thumbprint; /* of its certificate, once it has started */
    guint16 port;     /* its HTTPS port, once it has started */
    gboolean verbose;
} CorraldProcess;

/* Makes a state directory from @tmpl (as g_dir_make_tmp() takes it) with
 * @config_text (INI, may be NULL) as the configuration file, for a corrald
 * on @libvirt_uri. It is not started yet. */
CorraldProcess *corrald_process_new(const char *tmpl, const char *libvirt_uri,
                                    const char *config_text, gboolean verbose, GError **error);

/* Starts corrald and waits up to 30 s (ASan's slow start) for it to write
 * its port; then reads the thumbprint. Also starts it again after
 * corrald_process_stop(), on the same state. */
gboolean corrald_process_start(CorraldProcess *process, GError **error);

/* SIGTERM, and SIGKILL when it has not gone after 10 s. Safe when it is
 * not running. */
void corrald_process_stop(CorraldProcess *process);

/* Stops it and frees @process; the state directory stays (the caller
 * removes it, or keeps it to look at). */
void corrald_process_free(CorraldProcess *process);

/* A client on the HTTPS port, pinned to its certificate, with @token when
 * not NULL. */
CorralClient *corrald_process_https(CorraldProcess *process, const char *token, GError **error);

/* A client on the unix socket (root, no token needed). */
CorralClient *corrald_process_local(CorraldProcess *process);

/* Logs in over HTTPS; returns the token, or NULL with @error set. *@status
 * is the HTTP status, 0 when no answer came. */
char *corrald_process_login(CorraldProcess *process, const char *user, const char *password,
                            guint *status, GError **error);

/* The whole log so far. */
char *corrald_process_log(CorraldProcess *process);

G_END_DECLS
