/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Part of the host configuration (hostcfg), shared by corrald and the DCUI,
 * which changes it when corrald is stopped. Local users: name, host-wide role, yescrypt hash and
 * per-object permissions, kept in STATE_DIR/users.json and rewritten atomically on every change.
 * The root user always exists and is always an admin; until it has a password (first boot) no
 * network login works. Thread-safe.
 */
#pragma once

#include <glib.h>
#include <json-c/json.h>

#include "protocol/user.h"

G_BEGIN_DECLS

typedef struct CorralUserStore CorralUserStore;

CorralUserStore *corral_user_store_load(const char *path, GError **error);
void corral_user_store_free(CorralUserStore *store);

/* Re-reads the file (the DCUI writes it while corrald runs); on error the
 * users stay as they were. */
gboolean corral_user_store_reload(CorralUserStore *store, GError **error);

gboolean corral_user_store_exists(CorralUserStore *store, const char *name);

/* The stored hash (NULL when there is none or no such user). */
char *corral_user_store_dup_hash(CorralUserStore *store, const char *name);

/* The role of @name on the object chain @objects (most specific first, the
 * host last): the first permission found on an object, where objects after
 * the first count only if the permission propagates; otherwise the user's
 * host-wide role, as a CorralUserRole; -1 when there is no such user. */
int corral_user_store_role_on(CorralUserStore *store, const char *name, const char *const *objects);

/* Whether @name's role is at least @role everywhere: on the host and in
 * every permission it has. */
gboolean corral_user_store_at_least_everywhere(CorralUserStore *store, const char *name,
                                               CorralUserRole role);

gboolean corral_user_store_set_password(CorralUserStore *store, const char *name, const char *hash,
                                        GError **error);

/* Adds @user or, with @replace, changes the user of that name: its role
 * when present in @user, its permissions when not NULL, and its password
 * when @hash is not NULL. Permission objects are "host", a pool path
 * ("/prod") or a guest's UUID; with propagate they hold for what the object
 * contains. */
gboolean corral_user_store_put(CorralUserStore *store, const CorralUser *user, const char *hash,
                               gboolean replace, GError **error);

gboolean corral_user_store_remove(CorralUserStore *store, const char *name, GError **error);

/* The API's user objects, without hashes: one user, or all as an array. */
json_object *corral_user_store_to_json(CorralUserStore *store, const char *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CorralUserStore, corral_user_store_free)

G_END_DECLS
