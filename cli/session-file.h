/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The sessions corral-cli keeps between runs: after `login`, the answer of
 * POST /session (token, expiry, user) is kept in
 * ~/.config/corral/sessions/<HOST:PORT>, mode 0600 in a 0700 folder, as the
 * codec writes a CorralSession, so later commands reuse the token. The token
 * is a secret: it is never printed, and it is wiped from memory when freed.
 */
#pragma once

#include "protocol/session.h"

#include <glib.h>

G_BEGIN_DECLS

/* ~/.config/corral/sessions/@peer (under $XDG_CONFIG_HOME when set). */
char *cli_session_file_path(const char *peer);

/* The session kept for @peer, or NULL when there is none or it has expired
 * (an expired one is removed). A file that cannot be read is an error. */
CorralSession *cli_session_file_load(const char *peer, GError **error);

/* Keeps @session for @peer, replacing the one before. */
gboolean cli_session_file_save(const char *peer, const CorralSession *session, GError **error);

/* Forgets the session of @peer; no file is no error. */
gboolean cli_session_file_remove(const char *peer, GError **error);

G_END_DECLS
