/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * One run of corral-cli: its options, the connection to the host and the
 * rules every command shares. Trust on first use lives here: a known host is
 * pinned from known_hosts before anything is sent; an unknown one is
 * confirmed by the person at the terminal or with --trust and then pinned;
 * a host whose certificate changed is a hard stop. So does authentication:
 * the session kept by `login`, or a login for this run only when a password
 * is given (--password-file, or asked on a terminal), ended when the run
 * ends.
 *
 * Everything runs in the main thread; requests block.
 */
#pragma once

#include "protocol/known-hosts.h"
#include "cli/prompt.h"
#include "protocol/client.h"
#include "protocol/session.h"

#include <glib.h>

G_BEGIN_DECLS

#define CLI_ERROR (cli_error_quark())

typedef enum {
    CLI_ERROR_FAILED, /* exit status 1 */
    CLI_ERROR_USAGE,  /* exit status 2: the command line is wrong */
} CliErrorCode;

GQuark cli_error_quark(void);

typedef struct {
    /* Options before the command. */
    char *host;
    char *socket_path;
    char *user;
    char *password_file;
    char *trust;
    gboolean json;

    /* Options of the commands; each command says which it takes. */
    char *name;
    int vcpus;
    char *memory;
    char **disks;
    char **cdroms; /* --cdrom DATASTORE:PATH */
    char **networks;
    char **tags; /* --tag TAG */
    char *folder;
    gboolean force;
    gboolean keep_disks;
    char *role;
    char *on;
    gboolean propagate;
    gboolean follow;
    char *new_password_file;

    /* The words after the command's own, and how many. */
    char **args;
    guint n_args;

    CorralClient *client;
    CorralKnownHosts *known_hosts;
    gboolean save_pin;     /* pin the presented thumbprint once a request got through */
    gboolean kept_session; /* the token is the one `login` kept */
    gboolean run_session;  /* the token was made for this run: log out at the end */
} CliContext;

void cli_context_clear(CliContext *ctx);

/* Whether the run talks to corrald's unix socket (no TLS, no login). */
gboolean cli_context_is_local(CliContext *ctx);

/* Makes the client of --host or --socket and pins a known host. */
gboolean cli_context_connect(CliContext *ctx, GError **error);

/* Gives the client a token: the kept session or a login for this run.
 * Nothing to do on the unix socket. */
gboolean cli_context_authenticate(CliContext *ctx, GError **error);

/* Ends a login made for this run; errors are ignored. */
void cli_context_finish(CliContext *ctx);

/* The user name to log in as: --user, or root. */
const char *cli_context_user(CliContext *ctx);

/* Sends one request as corral_client_request() does, with the trust on
 * first use, the hard stop on a changed certificate and the end of a kept
 * session turned into messages a person can act on. */
gboolean cli_request(CliContext *ctx, const char *method, const char *path, json_object *body,
                     json_object **response, GError **error);

/* As cli_request() for a GET whose answer must be an object. */
json_object *cli_get(CliContext *ctx, const char *path, GError **error);

/* Logs @user in with @password: returns the session, for the caller to keep
 * or to use for this run. */
CorralSession *cli_login(CliContext *ctx, const char *user, const char *password, GError **error);

/* The new password for a user: from the command's --password-file, or on the
 * unix socket from the global --password-file; else asked twice on a
 * terminal, else the first line of standard input. It is checked against
 * the password rules before it is sent. */
CliSecret *cli_new_password(CliContext *ctx, const char *user, GError **error);

G_END_DECLS
