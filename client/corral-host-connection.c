/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * One managed host (see corral-host-connection.h). Three kinds of threads
 * touch it: the main thread owns the GObject, its inventory and its lists;
 * GTask threads run calls on the shared client under `lock`; the events
 * worker runs on its own client and state (Worker), and reaches the
 * connection only through a weak reference from main-thread callbacks, so a
 * worker blocked in a long poll never keeps a closed host alive.
 */
#include "client/corral-host-connection.h"

#include "protocol/client.h"
#include "protocol/known-hosts.h"
#include "protocol/objects.h"
#include "protocol/thumbprint.h"

#include <glib/gi18n.h>
#include <string.h>

#define EVENTS_WAIT_S   50
#define EVENTS_KEEP     1000
#define TASK_POLL_MS    1000
#define RETRY_FIRST_S   1
#define RETRY_LAST_S    30
#define DEFAULT_PORT    443
#define LOCAL_TASK_KIND "client"
#define UPLOAD_KIND     "datastore-upload"

typedef struct Worker Worker;

struct _CorralHostConnection {
    GObject parent_instance;
    char *host_port;
    char *base_url;
    char *user;
    char *password; /* kept for logging in again; wiped when freed */
    char *seen;
    char *pinned;
    char *problem;
    CorralConnectionState state;
    CorralInventory *inventory;
    GListStore *tasks;
    GListStore *events;
    Worker *worker;
    guint task_poll_id;
    guint local_tasks;
    /* Uploads: corrald's task target ("DS/PATH") → the client's own row,
     * until corrald's task for it is seen; then that task's id stands for
     * the row, so each upload is one row. */
    GHashTable *uploads;
    GHashTable *upload_ids;
    /* Retrying a host that did not answer (corral_host_connection_retry). */
    guint retry_id;
    guint retry_s;
    guint retry_generation; /* disconnecting makes attempts under way stale */
    gboolean retrying;

    /* Guards client and token, which GTask threads use. */
    GMutex lock;
    CorralClient *client;
    char *token;
};

G_DEFINE_FINAL_TYPE(CorralHostConnection, corral_host_connection, G_TYPE_OBJECT)

enum { PROP_0, PROP_STATE, PROP_PROBLEM, N_PROPS };
static GParamSpec *props[N_PROPS];

static void worker_stop(Worker *worker);
static void start_worker(CorralHostConnection *self, gint64 after);
static void poll_tasks_soon(CorralHostConnection *self);

static void
json_free(gpointer json)
{
    json_object_put(json);
}

static void
wipe_string(char **text)
{
    if (*text != NULL) {
        explicit_bzero(*text, strlen(*text));
        g_clear_pointer(text, g_free);
    }
}

static void
corral_host_connection_finalize(GObject *object)
{
    CorralHostConnection *self = CORRAL_HOST_CONNECTION(object);

    if (self->worker != NULL)
        worker_stop(self->worker);
    g_clear_handle_id(&self->task_poll_id, g_source_remove);
    g_clear_handle_id(&self->retry_id, g_source_remove);
    g_clear_pointer(&self->uploads, g_hash_table_unref);
    g_clear_pointer(&self->upload_ids, g_hash_table_unref);
    g_clear_pointer(&self->client, corral_client_unref);
    wipe_string(&self->token);
    wipe_string(&self->password);
    g_mutex_clear(&self->lock);
    g_clear_object(&self->inventory);
    g_clear_object(&self->tasks);
    g_clear_object(&self->events);
    g_free(self->host_port);
    g_free(self->base_url);
    g_free(self->user);
    g_free(self->seen);
    g_free(self->pinned);
    g_free(self->problem);
    G_OBJECT_CLASS(corral_host_connection_parent_class)->finalize(object);
}

static void
corral_host_connection_get_property(GObject *object, guint prop_id, GValue *value,
                                    GParamSpec *pspec)
{
    CorralHostConnection *self = CORRAL_HOST_CONNECTION(object);

    switch (prop_id) {
    case PROP_STATE:
        g_value_set_int(value, (int)self->state);
        break;
    case PROP_PROBLEM:
        g_value_set_string(value, self->problem);
        break;
    default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID(object, prop_id, pspec);
    }
}

static void
corral_host_connection_class_init(CorralHostConnectionClass *klass)
{
    GObjectClass *object_class = G_OBJECT_CLASS(klass);

    object_class->finalize = corral_host_connection_finalize;
    object_class->get_property = corral_host_connection_get_property;
    props[PROP_STATE] = g_param_spec_int("state", NULL, NULL, 0, CORRAL_CONNECTION_RECONNECTING, 0,
                                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
    props[PROP_PROBLEM] =
        g_param_spec_string("problem", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
    g_object_class_install_properties(object_class, N_PROPS, props);
}

static void
corral_host_connection_init(CorralHostConnection *self)
{
    g_mutex_init(&self->lock);
    self->tasks = g_list_store_new(CORRAL_TYPE_OBJECT_ITEM);
    self->events = g_list_store_new(CORRAL_TYPE_OBJECT_ITEM);
    self->uploads = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_object_unref);
    self->upload_ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
}

static void
set_state(CorralHostConnection *self, CorralConnectionState state, const char *problem)
{
    if (g_strcmp0(self->problem, problem) != 0) {
        g_free(self->problem);
        self->problem = g_strdup(problem);
        g_object_notify_by_pspec(G_OBJECT(self), props[PROP_PROBLEM]);
    }
    if (self->state != state) {
        self->state = state;
        g_object_notify_by_pspec(G_OBJECT(self), props[PROP_STATE]);
    }
    if (self->inventory != NULL)
        corral_inventory_set_reconnecting(
            self->inventory, state == CORRAL_CONNECTION_RECONNECTING || self->retrying);
}

guint
corral_host_connection_next_retry_s(guint previous_s)
{
    return previous_s == 0 ? RETRY_FIRST_S : MIN(previous_s * 2, RETRY_LAST_S);
}

CorralHostConnection *
corral_host_connection_new(const char *host, const char *user, GError **error)
{
    g_autoptr(CorralHostConnection) self = NULL;
    g_autofree char *host_port = NULL;
    g_autofree char *trimmed = g_strstrip(g_strdup(host != NULL ? host : ""));
    const char *colon = strrchr(trimmed, ':');
    gboolean bare_ipv6 = colon != NULL && strchr(trimmed, ':') != colon && trimmed[0] != '[';

    /* "host" and "[v6]" get the default port; "host:port" stays. */
    if (colon == NULL || bare_ipv6 || (trimmed[0] == '[' && g_str_has_suffix(trimmed, "]")))
        host_port = bare_ipv6 ? g_strdup_printf("[%s]:%d", trimmed, DEFAULT_PORT)
                              : g_strdup_printf("%s:%d", trimmed, DEFAULT_PORT);
    else
        host_port = g_strdup(trimmed);
    if (!corral_known_hosts_validate_host(host_port, error))
        return NULL;
    if (user == NULL || *user == '\0') {
        g_set_error_literal(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_INVALID,
                            _("Enter a user name."));
        return NULL;
    }
    self = g_object_new(CORRAL_TYPE_HOST_CONNECTION, NULL);
    self->host_port = g_ascii_strdown(host_port, -1);
    self->base_url = g_strdup_printf("https://%s", self->host_port);
    self->user = g_strdup(user);
    self->inventory = corral_inventory_new(self->host_port);
    corral_node_set_owner(corral_inventory_get_root(self->inventory), G_OBJECT(self));
    return g_steal_pointer(&self);
}

const char *
corral_host_connection_get_host_port(CorralHostConnection *self)
{
    return self->host_port;
}

const char *
corral_host_connection_get_user(CorralHostConnection *self)
{
    return self->user;
}

CorralConnectionState
corral_host_connection_get_state(CorralHostConnection *self)
{
    return self->state;
}

const char *
corral_host_connection_get_problem(CorralHostConnection *self)
{
    return self->problem;
}

CorralInventory *
corral_host_connection_get_inventory(CorralHostConnection *self)
{
    return self->inventory;
}

GListModel *
corral_host_connection_get_tasks(CorralHostConnection *self)
{
    return G_LIST_MODEL(self->tasks);
}

GListModel *
corral_host_connection_get_events(CorralHostConnection *self)
{
    return G_LIST_MODEL(self->events);
}

const char *
corral_host_connection_get_seen_thumbprint(CorralHostConnection *self)
{
    return self->seen;
}

const char *
corral_host_connection_get_pinned_thumbprint(CorralHostConnection *self)
{
    return self->pinned;
}

/* Decoding. */

/* The array @member of @answer decoded as @type, leniently. */
static GPtrArray *
decode_list(json_object *answer, const char *member, const CorralType *type, GError **error)
{
    g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func(type->free);
    json_object *array;
    gsize n;

    if (answer == NULL || !json_object_object_get_ex(answer, member, &array) ||
        !json_object_is_type(array, json_type_array)) {
        g_set_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_INVALID,
                    /* TRANSLATORS: %s is a JSON member, as "vms" */
                    _("The host's answer has no list “%s”."), member);
        return NULL;
    }
    n = json_object_array_length(array);
    for (gsize i = 0; i < n; i++) {
        gpointer object = corral_codec_from_json(type, json_object_array_get_idx(array, i),
                                                 CORRAL_DECODE_DEFAULT, error);

        if (object == NULL)
            return NULL;
        g_ptr_array_add(list, object);
    }
    return g_steal_pointer(&list);
}

/* The requests, in GTask threads. */

/* A client of the host pinned to @pin (NULL: none). */
static CorralClient *
make_client(const char *base_url, const char *pin, const char *token, GError **error)
{
    g_autoptr(CorralClient) client = corral_client_new(base_url, error);

    if (client == NULL)
        return NULL;
    if (pin != NULL && !corral_client_set_pinned_thumbprint(client, pin, error))
        return NULL;
    if (token != NULL && !corral_client_set_token(client, token, error))
        return NULL;
    return g_steal_pointer(&client);
}

CorralClient *
corral_host_connection_new_client(CorralHostConnection *self, GError **error)
{
    if (self->token == NULL) {
        g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED, _("Not logged in."));
        return NULL;
    }
    return make_client(self->base_url, self->pinned, self->token, error);
}

/* POST /session on @client; returns the token. */
static char *
login(CorralClient *client, const char *user, const char *password, GError **error)
{
    CorralLoginRequest request = {0};
    g_autoptr(json_object) body = NULL;
    g_autoptr(json_object) answer = NULL;
    g_autoptr(CorralSession) session = NULL;

    request.username = (char *)user;
    request.password = (char *)password;
    body = corral_login_request_to_json(&request);
    if (!corral_client_set_token(client, NULL, error) ||
        !corral_client_request(client, "POST", "/session", body, NULL, &answer, error))
        return NULL;
    session = corral_session_from_json(answer, error);
    if (session == NULL)
        return NULL;
    if (!corral_client_set_token(client, session->token, error))
        return NULL;
    return g_strdup(session->token);
}

typedef struct {
    char *method;
    char *path;
    json_object *body;
    CorralObjectItem *task; /* the Recent Tasks row, for operations */
} Call;

static void
call_free(Call *call)
{
    g_free(call->method);
    g_free(call->path);
    json_object_put(call->body);
    g_clear_object(&call->task);
    g_free(call);
}

/* Runs one call on the shared client, logging in again once when the
 * session has ended. Takes the lock. */
static json_object *
shared_request(CorralHostConnection *self, const char *method, const char *path, json_object *body,
               GError **error)
{
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&self->lock);
    json_object *answer = NULL;
    g_autoptr(GError) local = NULL;
    guint status = 0;

    if (self->client == NULL) {
        self->client = make_client(self->base_url, self->pinned, self->token, error);
        if (self->client == NULL)
            return NULL;
    }
    if (!corral_client_request(self->client, method, path, body, &status, &answer, &local)) {
        g_autofree char *token = NULL;

        if (status != 401 || self->password == NULL) {
            g_propagate_error(error, g_steal_pointer(&local));
            return NULL;
        }
        token = login(self->client, self->user, self->password, error);
        if (token == NULL)
            return NULL;
        wipe_string(&self->token);
        self->token = g_steal_pointer(&token);
        if (!corral_client_request(self->client, method, path, body, NULL, &answer, error))
            return NULL;
    }
    return answer != NULL ? answer : json_object_new_object();
}

static void
call_thread(GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
    CorralHostConnection *self = source;
    Call *call = data;
    GError *error = NULL;
    json_object *answer = shared_request(self, call->method, call->path, call->body, &error);

    if (answer == NULL)
        g_task_return_error(task, error);
    else
        g_task_return_pointer(task, answer, json_free);
}

void
corral_host_connection_call_async(CorralHostConnection *self, const char *method, const char *path,
                                  json_object *body, GCancellable *cancellable,
                                  GAsyncReadyCallback callback, gpointer user_data)
{
    g_autoptr(GTask) task = g_task_new(self, cancellable, callback, user_data);
    Call *call = g_new0(Call, 1);

    call->method = g_strdup(method);
    call->path = g_strdup(path);
    call->body = body;
    g_task_set_source_tag(task, corral_host_connection_call_async);
    g_task_set_task_data(task, call, (GDestroyNotify)call_free);
    g_task_run_in_thread(task, call_thread);
}

json_object *
corral_host_connection_call_finish(CorralHostConnection *self, GAsyncResult *result, GError **error)
{
    return g_task_propagate_pointer(G_TASK(result), error);
}

/* Recent Tasks rows for the client's own operations. */

static CorralObjectItem *
begin_local_task(CorralHostConnection *self, const char *description, const char *target)
{
    CorralTask *task = g_new0(CorralTask, 1);
    g_autoptr(CorralObjectItem) item = NULL;

    task->id = g_strdup_printf("local-%u", ++self->local_tasks);
    task->kind = g_strdup(description);
    task->target = g_strdup(target);
    task->state = CORRAL_TASK_STATE_RUNNING;
    task->started = g_get_real_time() / G_USEC_PER_SEC;
    CORRAL_SET_PRESENT(task, CORRAL_TASK_FIELD_PROGRESS);
    item = corral_object_item_new(&corral_task_type, task, self->host_port);
    g_list_store_insert(self->tasks, 0, item);
    return g_steal_pointer(&item);
}

/* Ends a local task with @error's message, or as a success. */
static void
end_local_task(CorralObjectItem *item, const GError *error)
{
    CorralTask *old = corral_object_item_get_object(item);
    CorralTask *task = g_new0(CorralTask, 1);

    task->id = g_strdup(old->id);
    task->kind = g_strdup(old->kind);
    task->target = g_strdup(old->target);
    task->started = old->started;
    task->finished = g_get_real_time() / G_USEC_PER_SEC;
    task->state = error != NULL ? CORRAL_TASK_STATE_ERROR : CORRAL_TASK_STATE_SUCCESS;
    task->progress = 100;
    task->present = old->present;
    CORRAL_SET_PRESENT(task, CORRAL_TASK_FIELD_FINISHED);
    if (error != NULL)
        task->error = g_strdup(error->message);
    corral_object_item_set_object(item, task);
}

static void
set_local_progress(CorralObjectItem *item, gint64 progress)
{
    CorralTask *task = corral_object_item_get_object(item);

    if (task->progress == progress)
        return;
    task->progress = progress;
    corral_object_item_set_object(item, task);
}

typedef struct {
    CorralObjectItem *item;
    GTask *outer;
} Operation;

static void
operation_done(GObject *source, GAsyncResult *result, gpointer data)
{
    Operation *op = data;
    g_autoptr(GError) error = NULL;
    json_object *answer =
        corral_host_connection_call_finish(CORRAL_HOST_CONNECTION(source), result, &error);

    end_local_task(op->item, error);
    if (answer == NULL)
        g_task_return_error(op->outer, g_steal_pointer(&error));
    else
        g_task_return_pointer(op->outer, answer, json_free);
    g_object_unref(op->item);
    g_object_unref(op->outer);
    g_free(op);
}

void
corral_host_connection_operation_async(CorralHostConnection *self, const char *description,
                                       const char *target, const char *method, const char *path,
                                       json_object *body, GAsyncReadyCallback callback,
                                       gpointer user_data)
{
    Operation *op = g_new0(Operation, 1);

    op->outer = g_task_new(self, NULL, callback, user_data);
    g_task_set_source_tag(op->outer, corral_host_connection_call_async);
    op->item = begin_local_task(self, description, target);
    corral_host_connection_call_async(self, method, path, body, NULL, operation_done, op);
}

/* Whether @task, not in the list, is corrald's side of one of the
 * client's own uploads, which the client's row shows: known by its id, or
 * on the target of an upload not yet matched (which it then matches). */
static gboolean
upload_shown(CorralHostConnection *self, const CorralTask *task)
{
    if (task->id == NULL || g_hash_table_contains(self->upload_ids, task->id))
        return task->id != NULL;
    if (g_strcmp0(task->kind, UPLOAD_KIND) != 0 || task->target == NULL ||
        !g_hash_table_remove(self->uploads, task->target))
        return FALSE;
    g_hash_table_add(self->upload_ids, g_strdup(task->id));
    return TRUE;
}

static gboolean
upload_ended(gpointer key, gpointer value, gpointer data)
{
    CorralTask *task = corral_object_item_get_object(value);

    return task->state != CORRAL_TASK_STATE_RUNNING;
}

/* Merges GET /tasks into the list: corrald's tasks by id, newest first,
 * after the client's own running rows. */
static void
merge_tasks(CorralHostConnection *self, GPtrArray *tasks)
{
    gboolean active = FALSE;

    for (guint i = tasks->len; i > 0; i--) {
        CorralTask *task = g_ptr_array_steal_index(tasks, i - 1);
        guint n = g_list_model_get_n_items(G_LIST_MODEL(self->tasks));
        gboolean found = FALSE;

        active |=
            task->state == CORRAL_TASK_STATE_QUEUED || task->state == CORRAL_TASK_STATE_RUNNING;
        for (guint k = 0; k < n && !found; k++) {
            g_autoptr(CorralObjectItem) item = g_list_model_get_item(G_LIST_MODEL(self->tasks), k);
            CorralTask *old = corral_object_item_get_object(item);

            if (g_strcmp0(old->id, task->id) == 0) {
                corral_object_item_set_object(item, task);
                found = TRUE;
            }
        }
        if (!found && upload_shown(self, task)) {
            corral_task_type.free(task);
        } else if (!found) {
            g_autoptr(CorralObjectItem) item =
                corral_object_item_new(&corral_task_type, task, self->host_port);

            g_list_store_insert(self->tasks, 0, item);
        }
    }
    /* An upload that has ended and whose task corrald does not list
     * never reached it (refused before it began): nothing to match. */
    g_hash_table_foreach_remove(self->uploads, upload_ended, NULL);
    if (active)
        poll_tasks_soon(self);
}

static void
tasks_read(GObject *source, GAsyncResult *result, gpointer data)
{
    g_autoptr(CorralHostConnection) self = data;
    g_autoptr(json_object) answer = corral_host_connection_call_finish(self, result, NULL);
    g_autoptr(GPtrArray) tasks = NULL;

    if (answer != NULL)
        tasks = decode_list(answer, "tasks", &corral_task_type, NULL);
    if (tasks != NULL)
        merge_tasks(self, tasks);
}

static void
refresh_tasks(CorralHostConnection *self)
{
    corral_host_connection_call_async(self, "GET", "/tasks", NULL, NULL, tasks_read,
                                      g_object_ref(self));
}

static gboolean
poll_tasks_now(gpointer data)
{
    CorralHostConnection *self = data;

    self->task_poll_id = 0;
    refresh_tasks(self);
    return G_SOURCE_REMOVE;
}

/* Progress of running tasks may change without an event: poll while some
 * run. */
static void
poll_tasks_soon(CorralHostConnection *self)
{
    if (self->task_poll_id == 0 && self->state == CORRAL_CONNECTION_CONNECTED)
        self->task_poll_id = g_timeout_add(TASK_POLL_MS, poll_tasks_now, self);
}

/* The whole inventory, read in one thread. */

typedef struct {
    CorralHost *host;
    GPtrArray *vms, *pools, *datastores, *networks, *tasks, *events;
    gint64 last_event;
} Snapshot;

static void
snapshot_free(Snapshot *snap)
{
    g_clear_pointer(&snap->host, corral_host_free);
    g_clear_pointer(&snap->vms, g_ptr_array_unref);
    g_clear_pointer(&snap->pools, g_ptr_array_unref);
    g_clear_pointer(&snap->datastores, g_ptr_array_unref);
    g_clear_pointer(&snap->networks, g_ptr_array_unref);
    g_clear_pointer(&snap->tasks, g_ptr_array_unref);
    g_clear_pointer(&snap->events, g_ptr_array_unref);
    g_free(snap);
}

/* The lists of a snapshot: what a host must answer, and what a host may
 * lack (an older corrald without pools or networks) and still be shown. */
static const struct {
    const char *path;
    const char *member;
    const CorralType *type;
    gsize offset;
    gboolean required;
} snapshot_lists[] = {
    {"/vms", "vms", &corral_vm_type, G_STRUCT_OFFSET(Snapshot, vms), TRUE},
    {"/pools", "pools", &corral_pool_type, G_STRUCT_OFFSET(Snapshot, pools), FALSE},
    {"/datastores", "datastores", &corral_datastore_type, G_STRUCT_OFFSET(Snapshot, datastores),
     FALSE},
    {"/networks", "networks", &corral_network_type, G_STRUCT_OFFSET(Snapshot, networks), FALSE},
    {"/tasks", "tasks", &corral_task_type, G_STRUCT_OFFSET(Snapshot, tasks), FALSE},
    {"/events?after=0&timeout=0", "events", &corral_event_type, G_STRUCT_OFFSET(Snapshot, events),
     FALSE},
};

static Snapshot *
read_snapshot(CorralHostConnection *self, GError **error)
{
    Snapshot *snap = g_new0(Snapshot, 1);
    g_autoptr(json_object) host = shared_request(self, "GET", "/host", NULL, error);

    if (host == NULL || (snap->host = corral_host_from_json(host, error)) == NULL) {
        snapshot_free(snap);
        return NULL;
    }
    for (gsize i = 0; i < G_N_ELEMENTS(snapshot_lists); i++) {
        g_autoptr(GError) local = NULL;
        g_autoptr(json_object) answer =
            shared_request(self, "GET", snapshot_lists[i].path, NULL, &local);
        GPtrArray *list = NULL;
        json_object *last;

        if (answer != NULL)
            list = decode_list(answer, snapshot_lists[i].member, snapshot_lists[i].type, &local);
        if (answer != NULL && json_object_object_get_ex(answer, "last", &last))
            snap->last_event = json_object_get_int64(last);
        if (list == NULL && snapshot_lists[i].required) {
            g_propagate_error(error, g_steal_pointer(&local));
            snapshot_free(snap);
            return NULL;
        }
        if (list == NULL) {
            g_debug("%s: %s", snapshot_lists[i].path, local->message);
            list = g_ptr_array_new_with_free_func(snapshot_lists[i].type->free);
        }
        G_STRUCT_MEMBER(GPtrArray *, snap, snapshot_lists[i].offset) = list;
    }
    return snap;
}

static void apply_events(CorralHostConnection *self, GPtrArray *events, gboolean refresh);

static void
apply_snapshot(CorralHostConnection *self, Snapshot *snap)
{
    /* Pools first, so guests find their pool's node. */
    corral_inventory_set_host(self->inventory, g_steal_pointer(&snap->host));
    corral_inventory_set_pools(self->inventory, g_steal_pointer(&snap->pools));
    corral_inventory_set_vms(self->inventory, g_steal_pointer(&snap->vms));
    corral_inventory_set_datastores(self->inventory, g_steal_pointer(&snap->datastores));
    corral_inventory_set_networks(self->inventory, g_steal_pointer(&snap->networks));
    merge_tasks(self, snap->tasks);
    apply_events(self, g_steal_pointer(&snap->events), FALSE);
}

/* Connecting. */

typedef struct {
    char *password;
    char *trust;
    char *pinned; /* out */
    char *seen;   /* out */
    char *token;  /* out */
    Snapshot *snapshot;
} Connect;

static void
connect_free(Connect *c)
{
    wipe_string(&c->password);
    wipe_string(&c->token);
    g_free(c->trust);
    g_free(c->pinned);
    g_free(c->seen);
    if (c->snapshot != NULL)
        snapshot_free(c->snapshot);
    g_free(c);
}

/* Checks the certificate against known_hosts (GET /about), pins a newly
 * trusted one, logs in. */
static CorralClient *
trusted_login(CorralHostConnection *self, Connect *c, GError **error)
{
    g_autofree char *path = corral_known_hosts_default_path();
    g_autoptr(CorralKnownHosts) known = corral_known_hosts_load(path, error);
    g_autoptr(CorralClient) client = NULL;
    g_autoptr(json_object) about = NULL;
    g_autoptr(GError) local = NULL;
    const char *pinned;

    if (known == NULL)
        return NULL;
    pinned = corral_known_hosts_lookup(known, self->host_port);
    c->pinned = g_strdup(pinned);
    client = make_client(self->base_url, pinned != NULL ? pinned : c->trust, NULL, error);
    if (client == NULL)
        return NULL;
    if (!corral_client_request(client, "GET", "/about", NULL, NULL, &about, &local)) {
        c->seen = g_strdup(corral_client_get_seen_thumbprint(client));
        g_propagate_error(error, g_steal_pointer(&local));
        return NULL;
    }
    c->seen = g_strdup(corral_client_get_seen_thumbprint(client));
    if (pinned == NULL) {
        /* The host presented the thumbprint the user accepted. */
        if (!corral_known_hosts_add(known, self->host_port, c->seen, error) ||
            !corral_known_hosts_save(known, error))
            return NULL;
        c->pinned = g_strdup(c->seen);
    }
    c->token = login(client, self->user, c->password, error);
    if (c->token == NULL)
        return NULL;
    return g_steal_pointer(&client);
}

static void
connect_thread(GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
    CorralHostConnection *self = source;
    Connect *c = data;
    GError *error = NULL;
    CorralClient *client = trusted_login(self, c, &error);

    if (client == NULL) {
        g_task_return_error(task, error);
        return;
    }
    g_mutex_lock(&self->lock);
    g_clear_pointer(&self->client, corral_client_unref);
    self->client = client;
    g_free(self->pinned);
    self->pinned = g_strdup(c->pinned);
    wipe_string(&self->token);
    self->token = g_strdup(c->token);
    wipe_string(&self->password);
    self->password = g_strdup(c->password);
    g_mutex_unlock(&self->lock);
    c->snapshot = read_snapshot(self, &error);
    if (c->snapshot == NULL)
        g_task_return_error(task, error);
    else
        g_task_return_boolean(task, TRUE);
}

void
corral_host_connection_connect_async(CorralHostConnection *self, const char *password,
                                     const char *trust, GCancellable *cancellable,
                                     GAsyncReadyCallback callback, gpointer user_data)
{
    g_autoptr(GTask) task = g_task_new(self, cancellable, callback, user_data);
    Connect *c = g_new0(Connect, 1);

    c->password = g_strdup(password != NULL ? password : "");
    c->trust = g_strdup(trust);
    /* Kept for trying again while the host does not answer. */
    g_mutex_lock(&self->lock);
    wipe_string(&self->password);
    self->password = g_strdup(c->password);
    g_mutex_unlock(&self->lock);
    g_task_set_source_tag(task, corral_host_connection_connect_async);
    g_task_set_task_data(task, c, (GDestroyNotify)connect_free);
    set_state(self, CORRAL_CONNECTION_CONNECTING, NULL);
    g_task_run_in_thread(task, connect_thread);
}

gboolean
corral_host_connection_connect_finish(CorralHostConnection *self, GAsyncResult *result,
                                      GError **error)
{
    Connect *c = g_task_get_task_data(G_TASK(result));
    g_autoptr(GError) local = NULL;

    g_free(self->seen);
    self->seen = g_strdup(c->seen);
    if (c->snapshot == NULL) {
        g_free(self->pinned);
        self->pinned = g_strdup(c->pinned);
    }
    if (!g_task_propagate_boolean(G_TASK(result), &local)) {
        /* A host being retried that still does not answer stays
         * reconnecting; any other failure ends the retrying. */
        self->retrying = self->retrying && corral_host_connection_error_is_unreachable(local);
        set_state(self,
                  self->retrying ? CORRAL_CONNECTION_RECONNECTING : CORRAL_CONNECTION_DISCONNECTED,
                  local->message);
        g_propagate_error(error, g_steal_pointer(&local));
        return FALSE;
    }
    self->retrying = FALSE;
    self->retry_s = 0;
    set_state(self, CORRAL_CONNECTION_CONNECTED, NULL);
    apply_snapshot(self, c->snapshot);
    start_worker(self, c->snapshot->last_event);
    return TRUE;
}

void
corral_host_connection_disconnect(CorralHostConnection *self)
{
    if (self->worker != NULL)
        worker_stop(g_steal_pointer(&self->worker));
    g_clear_handle_id(&self->task_poll_id, g_source_remove);
    g_clear_handle_id(&self->retry_id, g_source_remove);
    self->retrying = FALSE;
    self->retry_generation++;
    g_mutex_lock(&self->lock);
    g_clear_pointer(&self->client, corral_client_unref);
    wipe_string(&self->token);
    g_mutex_unlock(&self->lock);
    set_state(self, CORRAL_CONNECTION_DISCONNECTED, NULL);
}

/* Trying again while the host does not answer. */

gboolean
corral_host_connection_error_is_unreachable(const GError *error)
{
    return g_error_matches(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_CONNECT) ||
           g_error_matches(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_TIMEOUT);
}

static void
retry_done(GObject *source, GAsyncResult *result, gpointer data)
{
    CorralHostConnection *self = CORRAL_HOST_CONNECTION(source);
    g_autoptr(GError) error = NULL;

    if (GPOINTER_TO_UINT(data) != self->retry_generation) {
        /* Disconnected meanwhile: forget what this attempt set up. */
        g_task_propagate_boolean(G_TASK(result), NULL);
        corral_host_connection_disconnect(self);
        return;
    }
    if (!corral_host_connection_connect_finish(self, result, &error) && self->retrying)
        corral_host_connection_retry(self);
}

static gboolean
retry_now(gpointer data)
{
    CorralHostConnection *self = data;
    g_autofree char *problem = g_strdup(self->problem);
    char *password;

    self->retry_id = 0;
    g_mutex_lock(&self->lock);
    password = g_strdup(self->password);
    g_mutex_unlock(&self->lock);
    corral_host_connection_connect_async(self, password, NULL, NULL, retry_done,
                                         GUINT_TO_POINTER(self->retry_generation));
    wipe_string(&password);
    /* Still reconnecting, for the same reason, while the attempt runs. */
    set_state(self, CORRAL_CONNECTION_RECONNECTING, problem);
    return G_SOURCE_REMOVE;
}

void
corral_host_connection_retry(CorralHostConnection *self)
{
    if (self->retry_id != 0)
        return;
    self->retrying = TRUE;
    self->retry_s = corral_host_connection_next_retry_s(self->retry_s);
    set_state(self, CORRAL_CONNECTION_RECONNECTING, self->problem);
    self->retry_id = g_timeout_add_seconds(self->retry_s, retry_now, self);
}

/* Refreshing what events make stale. */

static void
vm_read(GObject *source, GAsyncResult *result, gpointer data)
{
    g_autoptr(CorralHostConnection) self = CORRAL_HOST_CONNECTION(source);
    g_autofree char *id = data;
    g_autoptr(GError) error = NULL;
    g_autoptr(json_object) answer = corral_host_connection_call_finish(self, result, &error);
    CorralVm *vm;

    if (answer == NULL) {
        if (g_error_matches(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_HTTP))
            corral_inventory_remove_vm(self->inventory, id);
        return;
    }
    vm = corral_vm_from_json(answer, NULL);
    if (vm != NULL)
        corral_inventory_update_vm(self->inventory, vm);
}

void
corral_host_connection_refresh_vm(CorralHostConnection *self, const char *id)
{
    g_autofree char *path = g_strdup_printf("/vms/%s", id);

    corral_host_connection_call_async(g_object_ref(self), "GET", path, NULL, NULL, vm_read,
                                      g_strdup(id));
}

/* A whole list: which one is in the row of snapshot_lists. */
static void
list_read(GObject *source, GAsyncResult *result, gpointer data)
{
    g_autoptr(CorralHostConnection) self = CORRAL_HOST_CONNECTION(source);
    gsize row = GPOINTER_TO_SIZE(data);
    g_autoptr(json_object) answer = corral_host_connection_call_finish(self, result, NULL);
    GPtrArray *list = NULL;

    if (answer != NULL)
        list = decode_list(answer, snapshot_lists[row].member, snapshot_lists[row].type, NULL);
    if (list == NULL)
        return;
    if (snapshot_lists[row].type == &corral_vm_type)
        corral_inventory_set_vms(self->inventory, list);
    else if (snapshot_lists[row].type == &corral_pool_type)
        corral_inventory_set_pools(self->inventory, list);
    else if (snapshot_lists[row].type == &corral_datastore_type)
        corral_inventory_set_datastores(self->inventory, list);
    else if (snapshot_lists[row].type == &corral_network_type)
        corral_inventory_set_networks(self->inventory, list);
    else
        g_ptr_array_unref(list);
}

static void
refresh_list(CorralHostConnection *self, const CorralType *type)
{
    for (gsize i = 0; i < G_N_ELEMENTS(snapshot_lists); i++)
        if (snapshot_lists[i].type == type)
            corral_host_connection_call_async(g_object_ref(self), "GET", snapshot_lists[i].path,
                                              NULL, NULL, list_read, GSIZE_TO_POINTER(i));
}

void
corral_host_connection_refresh_pools(CorralHostConnection *self)
{
    refresh_list(self, &corral_pool_type);
}

static void
host_read(GObject *source, GAsyncResult *result, gpointer data)
{
    g_autoptr(CorralHostConnection) self = CORRAL_HOST_CONNECTION(source);
    g_autoptr(json_object) answer = corral_host_connection_call_finish(self, result, NULL);
    CorralHost *host = answer != NULL ? corral_host_from_json(answer, NULL) : NULL;

    if (host != NULL)
        corral_inventory_set_host(self->inventory, host);
}

/* Adds @events (oldest first; taken over) to the list, and with @refresh
 * asks again for what they make stale. */
static void
apply_events(CorralHostConnection *self, GPtrArray *events, gboolean refresh)
{
    CorralRefresh all = CORRAL_REFRESH_NONE;
    g_autoptr(GHashTable) vms = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    GHashTableIter iter;
    gpointer id;
    guint n;

    for (guint i = 0; i < events->len; i++) {
        CorralEvent *event = events->pdata[i];
        CorralRefresh what = corral_inventory_refresh_for_event(event);
        g_autoptr(CorralObjectItem) item = NULL;

        if ((what & CORRAL_REFRESH_VM_GONE) && event->target != NULL)
            corral_inventory_remove_vm(self->inventory, event->target);
        else if ((what & CORRAL_REFRESH_VM) && event->target != NULL)
            g_hash_table_add(vms, g_strdup(event->target));
        all |= what;
        events->pdata[i] = NULL;
        item = corral_object_item_new(&corral_event_type, event, self->host_port);
        g_list_store_insert(self->events, 0, item);
    }
    g_ptr_array_unref(events);
    n = g_list_model_get_n_items(G_LIST_MODEL(self->events));
    if (n > EVENTS_KEEP)
        g_list_store_splice(self->events, EVENTS_KEEP, n - EVENTS_KEEP, NULL, 0);
    if (!refresh)
        return;
    if (all & CORRAL_REFRESH_VMS)
        refresh_list(self, &corral_vm_type);
    else {
        g_hash_table_iter_init(&iter, vms);
        while (g_hash_table_iter_next(&iter, &id, NULL))
            corral_host_connection_refresh_vm(self, id);
    }
    if (all & CORRAL_REFRESH_POOLS)
        refresh_list(self, &corral_pool_type);
    if (all & CORRAL_REFRESH_DATASTORES)
        refresh_list(self, &corral_datastore_type);
    if (all & CORRAL_REFRESH_NETWORKS)
        refresh_list(self, &corral_network_type);
    if (all & CORRAL_REFRESH_TASK)
        refresh_tasks(self);
    if (all & CORRAL_REFRESH_HOST)
        corral_host_connection_call_async(g_object_ref(self), "GET", "/host", NULL, NULL, host_read,
                                          NULL);
}

/* The events worker. */

struct Worker {
    gint refs;
    GMutex lock;
    GCond cond;
    gboolean stop;
    char *base_url;
    char *pin;
    char *user;
    char *password;
    char *token;
    gint64 after;
    GWeakRef connection;
    GMainContext *context;
};

static Worker *
worker_ref(Worker *worker)
{
    g_atomic_int_inc(&worker->refs);
    return worker;
}

static void
worker_unref(Worker *worker)
{
    if (!g_atomic_int_dec_and_test(&worker->refs))
        return;
    g_mutex_clear(&worker->lock);
    g_cond_clear(&worker->cond);
    g_free(worker->base_url);
    g_free(worker->pin);
    g_free(worker->user);
    wipe_string(&worker->password);
    wipe_string(&worker->token);
    g_weak_ref_clear(&worker->connection);
    g_main_context_unref(worker->context);
    g_free(worker);
}

/* Tells the worker to end; it does at its next wake-up, without touching
 * the connection again. */
static void
worker_stop(Worker *worker)
{
    g_mutex_lock(&worker->lock);
    worker->stop = TRUE;
    g_cond_broadcast(&worker->cond);
    g_mutex_unlock(&worker->lock);
    worker_unref(worker);
}

static gboolean
worker_stopped(Worker *worker)
{
    gboolean stop;

    g_mutex_lock(&worker->lock);
    stop = worker->stop;
    g_mutex_unlock(&worker->lock);
    return stop;
}

/* Waits @seconds or until stopped; returns whether stopped. */
static gboolean
worker_sleep(Worker *worker, guint seconds)
{
    gint64 until = g_get_monotonic_time() + (gint64)seconds * G_USEC_PER_SEC;
    gboolean stop;

    g_mutex_lock(&worker->lock);
    while (!worker->stop && g_cond_wait_until(&worker->cond, &worker->lock, until))
        ;
    stop = worker->stop;
    g_mutex_unlock(&worker->lock);
    return stop;
}

/* What the worker hands to the main thread. */
typedef struct {
    Worker *worker;
    GPtrArray *events;  /* a batch, or NULL */
    char *problem;      /* the host is unreachable: why */
    gboolean recovered; /* the host answers again after a problem */
} Delivery;

static gboolean
deliver(gpointer data)
{
    Delivery *d = data;
    g_autoptr(CorralHostConnection) self = NULL;

    if (!worker_stopped(d->worker))
        self = g_weak_ref_get(&d->worker->connection);
    if (self != NULL && self->worker == d->worker) {
        if (d->problem != NULL)
            set_state(self, CORRAL_CONNECTION_RECONNECTING, d->problem);
        if (d->recovered) {
            set_state(self, CORRAL_CONNECTION_CONNECTED, NULL);
            for (gsize i = 0; i < G_N_ELEMENTS(snapshot_lists); i++)
                if (snapshot_lists[i].type != &corral_event_type)
                    refresh_list(self, snapshot_lists[i].type);
            corral_host_connection_call_async(g_object_ref(self), "GET", "/host", NULL, NULL,
                                              host_read, NULL);
            refresh_tasks(self);
        }
        if (d->events != NULL)
            apply_events(self, g_steal_pointer(&d->events), TRUE);
    }
    g_clear_pointer(&d->events, g_ptr_array_unref);
    g_free(d->problem);
    worker_unref(d->worker);
    g_free(d);
    return G_SOURCE_REMOVE;
}

static void
worker_deliver(Worker *worker, GPtrArray *events, const char *problem, gboolean recovered)
{
    Delivery *d = g_new0(Delivery, 1);

    d->worker = worker_ref(worker);
    d->events = events;
    d->problem = g_strdup(problem);
    d->recovered = recovered;
    g_main_context_invoke(worker->context, deliver, d);
}

static gpointer
worker_thread(gpointer data)
{
    Worker *worker = data;
    g_autoptr(CorralClient) client = NULL;
    guint pause = corral_host_connection_next_retry_s(0);
    gboolean failing = FALSE;

    while (!worker_stopped(worker)) {
        g_autoptr(GError) error = NULL;
        g_autoptr(json_object) answer = NULL;
        g_autofree char *path = NULL;
        GPtrArray *events = NULL;
        json_object *last;
        guint status = 0;

        if (client == NULL) {
            client = make_client(worker->base_url, worker->pin, worker->token, &error);
            if (client == NULL) {
                g_warning("events of %s: %s", worker->base_url, error->message);
                break;
            }
            corral_client_set_timeouts(client, 0, EVENTS_WAIT_S + 20);
        }
        path = g_strdup_printf("/events?after=%" G_GINT64_FORMAT "&timeout=%d", worker->after,
                               EVENTS_WAIT_S);
        if (corral_client_request(client, "GET", path, NULL, &status, &answer, &error))
            events = decode_list(answer, "events", &corral_event_type, &error);
        if (events != NULL) {
            gint64 seq = json_object_object_get_ex(answer, "last", &last)
                             ? json_object_get_int64(last)
                             : worker->after;

            /* A restarted host numbers its events from 1 again. */
            worker->after = seq;
            worker_deliver(worker, events->len > 0 ? events : NULL, NULL, failing);
            if (events->len == 0)
                g_ptr_array_unref(events);
            failing = FALSE;
            pause = corral_host_connection_next_retry_s(0);
            continue;
        }
        if (worker_stopped(worker))
            break;
        if (status == 401 && worker->password != NULL) {
            g_autoptr(GError) why = NULL;
            char *token = login(client, worker->user, worker->password, &why);

            if (token != NULL) {
                wipe_string(&worker->token);
                worker->token = token;
                continue;
            }
            g_clear_error(&error);
            error = g_steal_pointer(&why);
        }
        failing = TRUE;
        worker_deliver(worker, NULL, error->message, FALSE);
        if (worker_sleep(worker, pause))
            break;
        pause = corral_host_connection_next_retry_s(pause);
        /* A fresh connection: the old one may be half dead. */
        g_clear_pointer(&client, corral_client_unref);
    }
    worker_unref(worker);
    return NULL;
}

static void
start_worker(CorralHostConnection *self, gint64 after)
{
    Worker *worker = g_new0(Worker, 1);
    g_autoptr(GError) error = NULL;
    GThread *thread;

    worker->refs = 1;
    g_mutex_init(&worker->lock);
    g_cond_init(&worker->cond);
    worker->base_url = g_strdup(self->base_url);
    worker->pin = g_strdup(self->pinned);
    worker->user = g_strdup(self->user);
    g_mutex_lock(&self->lock);
    worker->password = g_strdup(self->password);
    worker->token = g_strdup(self->token);
    g_mutex_unlock(&self->lock);
    worker->after = after;
    g_weak_ref_init(&worker->connection, self);
    worker->context = g_main_context_ref_thread_default();
    if (self->worker != NULL)
        worker_stop(self->worker);
    self->worker = worker;
    thread = g_thread_try_new("corral-events", worker_thread, worker_ref(worker), &error);
    if (thread == NULL) {
        g_warning("events of %s: %s", self->host_port, error->message);
        worker_unref(worker);
        return;
    }
    g_thread_unref(thread);
}

/* Transfers (datastore files). */

typedef struct {
    char *path;
    GFile *file;
    gboolean upload;
    CorralObjectItem *item;
    gint progress; /* 0–100, written by the thread */
    guint watch;
    GMainContext *context;
} Transfer;

static void
transfer_free(Transfer *t)
{
    g_free(t->path);
    g_clear_object(&t->file);
    g_clear_object(&t->item);
    g_free(t);
}

static gboolean
transfer_progress(guint64 done, guint64 total, gpointer data)
{
    Transfer *t = data;

    if (total > 0)
        g_atomic_int_set(&t->progress, (gint)(done * 100 / total));
    return TRUE;
}

static gboolean
transfer_watch(gpointer data)
{
    Transfer *t = data;

    set_local_progress(t->item, g_atomic_int_get(&t->progress));
    return G_SOURCE_CONTINUE;
}

static void
transfer_thread(GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
    CorralHostConnection *self = source;
    Transfer *t = data;
    g_autoptr(CorralClient) client = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(GInputStream) in = NULL;
    g_autoptr(GOutputStream) out = NULL;
    g_autoptr(GFileInfo) info = NULL;
    gboolean ok;

    /* A transfer takes its own client, so calls go on beside it. */
    g_mutex_lock(&self->lock);
    client = make_client(self->base_url, self->pinned, self->token, &error);
    g_mutex_unlock(&self->lock);
    if (client == NULL) {
        g_task_return_error(task, g_steal_pointer(&error));
        return;
    }
    if (t->upload) {
        info = g_file_query_info(t->file, G_FILE_ATTRIBUTE_STANDARD_SIZE, 0, NULL, &error);
        in = info != NULL ? G_INPUT_STREAM(g_file_read(t->file, NULL, &error)) : NULL;
        ok = in != NULL &&
             corral_client_request_raw(client, "PUT", t->path, "application/octet-stream", in,
                                       g_file_info_get_size(info), NULL, transfer_progress, t, NULL,
                                       &error);
    } else {
        out = G_OUTPUT_STREAM(
            g_file_replace(t->file, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, &error));
        ok = out != NULL &&
             corral_client_request_raw(client, "GET", t->path, NULL, NULL, 0, out,
                                       transfer_progress, t, NULL, &error) &&
             g_output_stream_close(out, NULL, &error);
    }
    if (!ok)
        g_task_return_error(task, g_steal_pointer(&error));
    else
        g_task_return_boolean(task, TRUE);
}

static void
transfer_done(GObject *source, GAsyncResult *result, gpointer data)
{
    GTask *outer = data;
    Transfer *t = g_task_get_task_data(G_TASK(result));
    g_autoptr(GError) error = NULL;

    g_source_remove(t->watch);
    if (!g_task_propagate_boolean(G_TASK(result), &error)) {
        end_local_task(t->item, error);
        g_task_return_error(outer, g_steal_pointer(&error));
    } else {
        end_local_task(t->item, NULL);
        g_task_return_boolean(outer, TRUE);
    }
    /* corrald's task of an upload exists by now: match it. */
    if (t->upload)
        refresh_tasks(CORRAL_HOST_CONNECTION(source));
    g_object_unref(outer);
}

static void
transfer_start(CorralHostConnection *self, gboolean upload, const char *datastore, const char *path,
               GFile *file, GAsyncReadyCallback callback, gpointer user_data)
{
    GTask *outer = g_task_new(self, NULL, callback, user_data);
    g_autoptr(GTask) inner = g_task_new(self, NULL, transfer_done, outer);
    Transfer *t = g_new0(Transfer, 1);
    const char *relative = path[0] == '/' ? path + 1 : path;
    g_autofree char *ds = g_uri_escape_string(datastore, NULL, FALSE);
    g_autofree char *rel = g_uri_escape_string(relative, "/", FALSE);
    g_autofree char *name = g_file_get_basename(file);
    g_autofree char *description = NULL;
    /* The target as corrald names it in its task. */
    g_autofree char *target = g_strdup_printf("%s/%s", datastore, relative);

    t->upload = upload;
    t->file = g_object_ref(file);
    t->path = g_strdup_printf("/datastores/%s/files/%s", ds, rel);
    description = g_strdup_printf(upload ? _("Upload %s") : _("Download %s"), name);
    t->item = begin_local_task(self, description, target);
    if (upload)
        g_hash_table_replace(self->uploads, g_strdup(target), g_object_ref(t->item));
    set_local_progress(t->item, 0);
    t->watch = g_timeout_add(200, transfer_watch, t);
    g_task_set_task_data(inner, t, (GDestroyNotify)transfer_free);
    g_task_run_in_thread(inner, transfer_thread);
}

void
corral_host_connection_upload_async(CorralHostConnection *self, const char *datastore,
                                    const char *path, GFile *file, GAsyncReadyCallback callback,
                                    gpointer user_data)
{
    transfer_start(self, TRUE, datastore, path, file, callback, user_data);
}

void
corral_host_connection_download_async(CorralHostConnection *self, const char *datastore,
                                      const char *path, GFile *file, GAsyncReadyCallback callback,
                                      gpointer user_data)
{
    transfer_start(self, FALSE, datastore, path, file, callback, user_data);
}

gboolean
corral_host_connection_transfer_finish(CorralHostConnection *self, GAsyncResult *result,
                                       GError **error)
{
    return g_task_propagate_boolean(G_TASK(result), error);
}
