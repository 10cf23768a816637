/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The user file (see user-store.h): the API's user objects, each with one
 * more member, "hash", the yescrypt hash:
 *   {"users": [{"name": "root", "role": "admin", "permissions": [],
 *               "hash": "$y$…"}]}
 * It is read once at start and written whole, atomically, on each change;
 * a change is made on a copy that becomes current only once it is on disk.
 */
#include "common/hostcfg/user-store.h"

#include "common/atomic-file.h"
#include "common/error.h"

#include <string.h>

typedef struct {
    CorralUser *api; /* name, role, permissions; never a password */
    char *hash;      /* NULL until a password is set */
} User;

struct CorralUserStore {
    GMutex lock;
    char *path;
    GPtrArray *users; /* User, in the order they were added */
};

static void
user_free(gpointer data)
{
    User *u = data;

    corral_user_free(u->api);
    if (u->hash != NULL)
        explicit_bzero(u->hash, strlen(u->hash));
    g_free(u->hash);
    g_free(u);
}

/* A deep copy through the codec: one definition of what a user holds. */
static CorralUser *
api_copy(const CorralUser *api)
{
    g_autoptr(json_object) json = corral_user_to_json(api);

    return corral_user_from_json(json, NULL);
}

static User *
user_copy(const User *u)
{
    User *c = g_new0(User, 1);

    c->api = api_copy(u->api);
    c->hash = g_strdup(u->hash);
    return c;
}

/* Called with the lock held. */
static User *
find(GPtrArray *users, const char *name, guint *index)
{
    for (guint i = 0; i < users->len; i++) {
        User *u = users->pdata[i];
        if (g_strcmp0(u->api->name, name) == 0) {
            if (index != NULL)
                *index = i;
            return u;
        }
    }
    return NULL;
}

static User *
root_user(void)
{
    User *u = g_new0(User, 1);

    u->api = g_new0(CorralUser, 1);
    u->api->name = g_strdup("root");
    u->api->role = CORRAL_USER_ROLE_ADMIN;
    u->api->permissions = g_ptr_array_new_with_free_func(corral_permission_type.free);
    u->api->present = ~G_GUINT64_CONSTANT(0);
    return u;
}

static gboolean
load_users(const char *path, GPtrArray *users, GError **error)
{
    g_autofree char *text = NULL;
    g_autoptr(json_object) json = NULL;
    g_autoptr(GError) local = NULL;
    json_object *array;
    gsize len;

    if (!g_file_get_contents(path, &text, &len, &local)) {
        if (g_error_matches(local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
            return TRUE;
        g_set_error(error, CORRAL_ERROR, CORRAL_ERROR_CONFIG, "%s", local->message);
        return FALSE;
    }
    json = corral_json_parse(text, len, path, error);
    if (json == NULL)
        return FALSE;
    if (!json_object_object_get_ex(json, "users", &array) ||
        !json_object_is_type(array, json_type_array)) {
        g_set_error(error, CORRAL_ERROR, CORRAL_ERROR_CONFIG, "%s: no \"users\" array", path);
        return FALSE;
    }
    for (size_t i = 0; i < json_object_array_length(array); i++) {
        json_object *entry = json_object_array_get_idx(array, i), *hash;
        User *u = g_new0(User, 1);

        g_ptr_array_add(users, u);
        u->api = corral_user_from_json(entry, error);
        if (u->api == NULL) {
            g_prefix_error(error, "%s: ", path);
            return FALSE;
        }
        if (json_object_object_get_ex(entry, "hash", &hash))
            u->hash = g_strdup(json_object_get_string(hash));
    }
    return TRUE;
}

CorralUserStore *
corral_user_store_load(const char *path, GError **error)
{
    g_autoptr(CorralUserStore) store = g_new0(CorralUserStore, 1);

    g_mutex_init(&store->lock);
    store->path = g_strdup(path);
    store->users = g_ptr_array_new_with_free_func(user_free);
    if (!load_users(path, store->users, error))
        return NULL;
    if (find(store->users, "root", NULL) == NULL)
        g_ptr_array_insert(store->users, 0, root_user());
    return g_steal_pointer(&store);
}

gboolean
corral_user_store_reload(CorralUserStore *store, GError **error)
{
    g_autoptr(GPtrArray) users = g_ptr_array_new_with_free_func(user_free);

    if (!load_users(store->path, users, error))
        return FALSE;
    if (find(users, "root", NULL) == NULL)
        g_ptr_array_insert(users, 0, root_user());
    g_mutex_lock(&store->lock);
    g_ptr_array_unref(store->users);
    store->users = g_steal_pointer(&users);
    g_mutex_unlock(&store->lock);
    return TRUE;
}

void
corral_user_store_free(CorralUserStore *store)
{
    if (store == NULL)
        return;
    if (store->users != NULL)
        g_ptr_array_unref(store->users);
    g_free(store->path);
    g_mutex_clear(&store->lock);
    g_free(store);
}

/* Writes @next to the file and makes it current; on failure @next is
 * dropped and nothing changes. Called with the lock held. */
static gboolean
commit(CorralUserStore *store, GPtrArray *next, GError **error)
{
    g_autoptr(json_object) json = json_object_new_object();
    json_object *array = json_object_new_array();
    const char *text;

    for (guint i = 0; i < next->len; i++) {
        User *u = next->pdata[i];
        json_object *entry = corral_user_to_json(u->api);
        if (u->hash != NULL)
            json_object_object_add(entry, "hash", json_object_new_string(u->hash));
        json_object_array_add(array, entry);
    }
    json_object_object_add(json, "users", array);
    text = json_object_to_json_string_ext(json,
                                          JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE);
    if (!corral_atomic_write(store->path, text, strlen(text), 0600, error)) {
        g_ptr_array_unref(next);
        return FALSE;
    }
    g_ptr_array_unref(store->users);
    store->users = next;
    return TRUE;
}

static GPtrArray *
copy_users(GPtrArray *users)
{
    GPtrArray *copy = g_ptr_array_new_with_free_func(user_free);

    for (guint i = 0; i < users->len; i++)
        g_ptr_array_add(copy, user_copy(users->pdata[i]));
    return copy;
}

static gboolean
no_such_user(const char *name, GError **error)
{
    g_set_error(error, CORRAL_ERROR, CORRAL_ERROR_NOT_FOUND, "no user %s", name);
    return FALSE;
}

gboolean
corral_user_store_exists(CorralUserStore *store, const char *name)
{
    gboolean found;

    g_mutex_lock(&store->lock);
    found = find(store->users, name, NULL) != NULL;
    g_mutex_unlock(&store->lock);
    return found;
}

char *
corral_user_store_dup_hash(CorralUserStore *store, const char *name)
{
    char *hash = NULL;
    User *u;

    g_mutex_lock(&store->lock);
    u = find(store->users, name, NULL);
    if (u != NULL)
        hash = g_strdup(u->hash);
    g_mutex_unlock(&store->lock);
    return hash;
}

/* The permission of @u on @object, or NULL; objects above the first count
 * only when the permission propagates. Called with the lock held. */
static const CorralPermission *
permission_on(const User *u, const char *object, gboolean inherited)
{
    for (guint i = 0; i < u->api->permissions->len; i++) {
        const CorralPermission *p = u->api->permissions->pdata[i];
        if (g_str_equal(p->object, object) && (!inherited || p->propagate))
            return p;
    }
    return NULL;
}

int
corral_user_store_role_on(CorralUserStore *store, const char *name, const char *const *objects)
{
    const CorralPermission *p = NULL;
    int role = -1;
    User *u;

    g_mutex_lock(&store->lock);
    u = find(store->users, name, NULL);
    for (guint level = 0; u != NULL && p == NULL && objects[level] != NULL; level++)
        p = permission_on(u, objects[level], level > 0);
    if (u != NULL)
        role = (int)(p != NULL ? p->role : u->api->role);
    g_mutex_unlock(&store->lock);
    return role;
}

/* The roles from least to most: the API lists them the other way round. */
static int
rank(CorralUserRole role)
{
    static const int ranks[CORRAL_USER_ROLE_LAST] = {
        [CORRAL_USER_ROLE_NO_ACCESS] = 0,
        [CORRAL_USER_ROLE_READ_ONLY] = 1,
        [CORRAL_USER_ROLE_OPERATOR] = 2,
        [CORRAL_USER_ROLE_ADMIN] = 3,
    };

    return (guint)role < CORRAL_USER_ROLE_LAST ? ranks[role] : 0;
}

gboolean
corral_user_store_at_least_everywhere(CorralUserStore *store, const char *name, CorralUserRole role)
{
    gboolean result = FALSE;
    User *u;

    g_mutex_lock(&store->lock);
    u = find(store->users, name, NULL);
    if (u != NULL) {
        result = rank(u->api->role) >= rank(role);
        for (guint i = 0; result && i < u->api->permissions->len; i++)
            result = rank(((CorralPermission *)u->api->permissions->pdata[i])->role) >= rank(role);
    }
    g_mutex_unlock(&store->lock);
    return result;
}

gboolean
corral_user_store_set_password(CorralUserStore *store, const char *name, const char *hash,
                               GError **error)
{
    GPtrArray *next;
    guint index;
    User *u;
    gboolean ok;

    g_mutex_lock(&store->lock);
    if (find(store->users, name, &index) == NULL) {
        g_mutex_unlock(&store->lock);
        return no_such_user(name, error);
    }
    next = copy_users(store->users);
    u = next->pdata[index];
    g_free(u->hash);
    u->hash = g_strdup(hash);
    ok = commit(store, next, error);
    g_mutex_unlock(&store->lock);
    return ok;
}

gboolean
corral_user_store_put(CorralUserStore *store, const CorralUser *user, const char *hash,
                      gboolean replace, GError **error)
{
    gboolean exists, ok;
    GPtrArray *next;
    guint index;
    User *u;

    if (g_str_equal(user->name, "root") && CORRAL_HAS(user, CORRAL_USER_FIELD_ROLE) &&
        user->role != CORRAL_USER_ROLE_ADMIN) {
        g_set_error_literal(error, CORRAL_ERROR, CORRAL_ERROR_INVALID, "root is always an admin");
        return FALSE;
    }
    g_mutex_lock(&store->lock);
    exists = find(store->users, user->name, &index) != NULL;
    if (exists != replace) {
        g_mutex_unlock(&store->lock);
        if (!exists)
            return no_such_user(user->name, error);
        g_set_error(error, CORRAL_ERROR, CORRAL_ERROR_EXISTS, "user %s already exists", user->name);
        return FALSE;
    }
    next = copy_users(store->users);
    if (!exists) {
        g_ptr_array_add(next, root_user());
        index = next->len - 1;
        u = next->pdata[index];
        g_free(u->api->name);
        u->api->name = g_strdup(user->name);
        u->api->role = CORRAL_USER_ROLE_NO_ACCESS;
    }
    u = next->pdata[index];
    if (CORRAL_HAS(user, CORRAL_USER_FIELD_ROLE))
        u->api->role = user->role;
    if (user->permissions != NULL) {
        g_autoptr(CorralUser) copy = api_copy(user);
        g_ptr_array_unref(u->api->permissions);
        u->api->permissions = g_steal_pointer(&copy->permissions);
    }
    if (hash != NULL) {
        g_free(u->hash);
        u->hash = g_strdup(hash);
    }
    ok = commit(store, next, error);
    g_mutex_unlock(&store->lock);
    return ok;
}

gboolean
corral_user_store_remove(CorralUserStore *store, const char *name, GError **error)
{
    GPtrArray *next;
    guint index;
    gboolean ok;

    if (g_str_equal(name, "root")) {
        g_set_error_literal(error, CORRAL_ERROR, CORRAL_ERROR_INVALID, "root cannot be removed");
        return FALSE;
    }
    g_mutex_lock(&store->lock);
    if (find(store->users, name, &index) == NULL) {
        g_mutex_unlock(&store->lock);
        return no_such_user(name, error);
    }
    next = copy_users(store->users);
    g_ptr_array_remove_index(next, index);
    ok = commit(store, next, error);
    g_mutex_unlock(&store->lock);
    return ok;
}

json_object *
corral_user_store_to_json(CorralUserStore *store, const char *name)
{
    json_object *json = NULL;
    User *u;

    g_mutex_lock(&store->lock);
    if (name != NULL) {
        u = find(store->users, name, NULL);
        if (u != NULL)
            json = corral_user_to_json(u->api);
    } else {
        json = json_object_new_array();
        for (guint i = 0; i < store->users->len; i++)
            json_object_array_add(json, corral_user_to_json(((User *)store->users->pdata[i])->api));
    }
    g_mutex_unlock(&store->lock);
    return json;
}
