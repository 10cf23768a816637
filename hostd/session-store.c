/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The session table (see session-store.h): a hash table from token to
 * session under one mutex. Expired sessions are dropped when they are looked
 * up and, so the table cannot grow without bound, swept whenever a new one is
 * made.
 */
#include "hostd/session-store.h"

#include "common/random.h"

#include <string.h>

typedef struct {
    char *user;
    gint64 created;
    gint64 last_used;
} Session;

struct CorraldSessionStore {
    GMutex lock;
    GHashTable *sessions; /* token → Session */
    gint64 idle_s, max_s;
    CorraldClock clock;
    gpointer clock_data;
};

static void
session_free(gpointer data)
{
    Session *s = data;

    g_free(s->user);
    g_free(s);
}

/* Tokens are secrets: wipe them as they leave the table. */
static void
token_free(gpointer data)
{
    char *token = data;

    explicit_bzero(token, strlen(token));
    g_free(token);
}

gint64
corrald_clock_monotonic(gpointer data)
{
    return g_get_monotonic_time() / G_USEC_PER_SEC;
}

CorraldSessionStore *
corrald_session_store_new(gint64 idle_s, gint64 max_s, CorraldClock clock, gpointer clock_data)
{
    CorraldSessionStore *store = g_new0(CorraldSessionStore, 1);

    g_mutex_init(&store->lock);
    store->sessions = g_hash_table_new_full(g_str_hash, g_str_equal, token_free, session_free);
    store->idle_s = idle_s;
    store->max_s = max_s;
    store->clock = clock != NULL ? clock : corrald_clock_monotonic;
    store->clock_data = clock_data;
    return store;
}

void
corrald_session_store_free(CorraldSessionStore *store)
{
    if (store == NULL)
        return;
    g_hash_table_destroy(store->sessions);
    g_mutex_clear(&store->lock);
    g_free(store);
}

static gboolean
expired(const CorraldSessionStore *store, const Session *s, gint64 now)
{
    return now - s->last_used >= store->idle_s || now - s->created >= store->max_s;
}

static gboolean
sweep_one(gpointer key, gpointer value, gpointer data)
{
    const CorraldSessionStore *store = data;

    return expired(store, value, store->clock(store->clock_data));
}

char *
corrald_session_store_create(CorraldSessionStore *store, const char *user, gint64 *expires_in,
                             GError **error)
{
    char *token = corral_random_token(128, error);
    Session *s;

    if (token == NULL)
        return NULL;
    s = g_new0(Session, 1);
    s->user = g_strdup(user);
    g_mutex_lock(&store->lock);
    g_hash_table_foreach_remove(store->sessions, sweep_one, store);
    s->created = s->last_used = store->clock(store->clock_data);
    g_hash_table_insert(store->sessions, g_strdup(token), s);
    g_mutex_unlock(&store->lock);
    if (expires_in != NULL)
        *expires_in = MIN(store->idle_s, store->max_s);
    return token;
}

char *
corrald_session_store_lookup(CorraldSessionStore *store, const char *token)
{
    char *user = NULL;
    Session *s;
    gint64 now;

    if (token == NULL)
        return NULL;
    g_mutex_lock(&store->lock);
    now = store->clock(store->clock_data);
    s = g_hash_table_lookup(store->sessions, token);
    if (s != NULL && expired(store, s, now)) {
        g_hash_table_remove(store->sessions, token);
    } else if (s != NULL) {
        s->last_used = now;
        user = g_strdup(s->user);
    }
    g_mutex_unlock(&store->lock);
    return user;
}

void
corrald_session_store_remove(CorraldSessionStore *store, const char *token)
{
    g_mutex_lock(&store->lock);
    g_hash_table_remove(store->sessions, token);
    g_mutex_unlock(&store->lock);
}

static gboolean
belongs_to(gpointer key, gpointer value, gpointer user)
{
    return g_str_equal(((Session *)value)->user, user);
}

void
corrald_session_store_remove_user(CorraldSessionStore *store, const char *user)
{
    g_mutex_lock(&store->lock);
    g_hash_table_foreach_remove(store->sessions, belongs_to, (gpointer)user);
    g_mutex_unlock(&store->lock);
}
