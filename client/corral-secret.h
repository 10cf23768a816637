/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Passwords kept in the desktop keyring through libsecret, per host and
 * user, when the build has libsecret and the session has a keyring; without
 * either, nothing is stored and lookups find nothing. Main thread only;
 * libsecret's own calls never block it.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Whether passwords can be remembered at all in this build. */
gboolean corral_secret_available(void);

/* Stores @password for @user on @host_port; failures are logged, never
 * shown with the password. */
void corral_secret_store(const char *host_port, const char *user, const char *password);

/* Looks the password up; finish returns it or NULL. */
void corral_secret_lookup_async(const char *host_port, const char *user, GCancellable *cancellable,
                                GAsyncReadyCallback callback, gpointer user_data);
char *corral_secret_lookup_finish(GAsyncResult *result, GError **error);

G_END_DECLS
