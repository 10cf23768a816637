/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A real corrald for integration tests: started from the build tree in a
 * temporary state directory on 127.0.0.1 with a free port and a private
 * unix socket, its log kept in a file, stopped by PID at the end. Clients
 * are libcorral-protocol's, pinned to the corrald's own certificate.
 */
#pragma once

#include <glib.h>
#include <json-c/json.h>

#include "protocol/client.h"

G_BEGIN_DECLS

typedef struct {
    GPid pid;
    char *state_dir;
    char *socket_path;
    char *log_path;
    char *thumbprint;
    guint16 port;
} CorraldFixture;

/* Starts corrald on @libvirt_uri with @config_text (INI, may be NULL) as its
 * configuration file. Aborts the test when it does not come up. */
CorraldFixture *corrald_fixture_start(const char *libvirt_uri, const char *config_text);
void corrald_fixture_stop(CorraldFixture *fixture);

/* A client on the HTTPS port, pinned, with no token. */
CorralClient *corrald_fixture_https(CorraldFixture *fixture);

/* A client on the unix socket (root, no token needed). */
CorralClient *corrald_fixture_local(CorraldFixture *fixture);

/* Sets @user's password over the socket, creating the user with @role
 * first unless @role is NULL. */
void corrald_fixture_add_user(CorraldFixture *fixture, const char *user, const char *role,
                              const char *password);

/* Logs in over HTTPS; returns the token or NULL, and the status. */
char *corrald_fixture_login(CorraldFixture *fixture, const char *user, const char *password,
                            guint *status);

/* One request; returns the status and stores the answer (may be NULL). No
 * GError: API errors are answers too. */
guint corrald_fixture_call(CorralClient *client, const char *method, const char *path,
                           const char *body, json_object **answer);

/* The whole log so far. */
char *corrald_fixture_log(CorraldFixture *fixture);

G_END_DECLS
