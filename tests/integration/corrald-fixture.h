/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A real corrald for integration tests: started from the build tree in a
 * temporary state directory on 127.0.0.1 with a free port and a private
 * unix socket, its log kept in a file, stopped by PID at the end. Clients
 * are libcorral-protocol's, pinned to the corrald's own certificate. The
 * process itself is tests/common/corrald-process.h (shared with the
 * benches); this adds Check's assertions and the API helpers tests share.
 */
#pragma once

#include <glib.h>
#include <json-c/json.h>

#include "protocol/client.h"
#include "tests/common/corrald-process.h"

G_BEGIN_DECLS

/* The fields (pid, state_dir, socket_path, log_path, thumbprint, port) are
 * the process's. */
typedef CorraldProcess CorraldFixture;

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

/* Logs @user in (asserting 200) and returns an HTTPS client that sends the
 * token. */
CorralClient *corrald_fixture_session(CorraldFixture *fixture, const char *user,
                                      const char *password);

/* One request; returns the status and stores the answer (may be NULL). No
 * GError: API errors are answers too. */
guint corrald_fixture_call(CorralClient *client, const char *method, const char *path,
                           const char *body, json_object **answer);

/* Polls the task of a 202 answer (@accepted) every 100 ms until it
 * succeeds, and returns its target; fails the test when the task fails or
 * takes over 30 s. */
char *corrald_fixture_await_task(CorralClient *client, json_object *accepted);

/* The whole log so far. */
char *corrald_fixture_log(CorraldFixture *fixture);

/* Member @name of @object as a string; fails the test when it is missing. */
const char *corrald_json_member(json_object *object, const char *name);

/* The message of an API error answer; fails the test when @answer is not
 * one. */
const char *corrald_json_error_message(json_object *answer);

G_END_DECLS
