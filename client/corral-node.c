/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The inventory node (see corral-node.h). The label's case-folded form and
 * collation key are computed once when the label changes, and a guest's
 * folded tags when its payload does, so searching and sorting thousands of
 * guests compares bytes only.
 */
#include "client/corral-node.h"

#include "protocol/vm.h"

#include <string.h>

struct _CorralNode {
    GObject parent_instance;
    CorralNodeKind kind;
    char *id;
    char *label;
    char *folded;
    char *collate_key;
    char *folded_tags; /* guests: "\nweb\ndb\n", or NULL without tags */
    int state;
    GListStore *children;
    const CorralType *payload_type;
    gpointer payload;
    GWeakRef owner;
};

G_DEFINE_FINAL_TYPE(CorralNode, corral_node, G_TYPE_OBJECT)

enum { PROP_0, PROP_LABEL, PROP_STATE, PROP_ICON_NAME, PROP_PAYLOAD, N_PROPS };
static GParamSpec *props[N_PROPS];

/* Icons by kind; guests pick theirs by state from the second table. */
static const char *const kind_icons[CORRAL_NODE_LAST] = {
    [CORRAL_NODE_HOST] = "computer-symbolic",
    [CORRAL_NODE_POOL] = "view-grid-symbolic",
    [CORRAL_NODE_VM] = "media-playback-stop-symbolic",
    [CORRAL_NODE_GROUP] = "folder-symbolic",
    [CORRAL_NODE_DATASTORE] = "drive-harddisk-symbolic",
    [CORRAL_NODE_NETWORK] = "network-wired-symbolic",
    [CORRAL_NODE_FOLDER] = "folder-symbolic",
};

static const char *const vm_state_icons[CORRAL_VM_STATE_LAST] = {
    [CORRAL_VM_STATE_RUNNING] = "media-playback-start-symbolic",
    [CORRAL_VM_STATE_PAUSED] = "media-playback-pause-symbolic",
    [CORRAL_VM_STATE_SHUTOFF] = "media-playback-stop-symbolic",
    [CORRAL_VM_STATE_CRASHED] = "dialog-error-symbolic",
    [CORRAL_VM_STATE_SUSPENDED] = "media-playback-pause-symbolic",
};

/* Rank of each kind in a container's order. */
static const int kind_rank[CORRAL_NODE_LAST] = {
    [CORRAL_NODE_HOST] = 0,   [CORRAL_NODE_POOL] = 1,      [CORRAL_NODE_VM] = 2,
    [CORRAL_NODE_GROUP] = 3,  [CORRAL_NODE_DATASTORE] = 4, [CORRAL_NODE_NETWORK] = 5,
    [CORRAL_NODE_FOLDER] = 1, /* folders and pools never share a container */
};

static void
clear_payload(CorralNode *self)
{
    if (self->payload != NULL)
        corral_codec_free(self->payload_type, self->payload);
    self->payload = NULL;
    self->payload_type = NULL;
}

static void
corral_node_finalize(GObject *object)
{
    CorralNode *self = CORRAL_NODE(object);

    clear_payload(self);
    g_clear_object(&self->children);
    g_weak_ref_clear(&self->owner);
    g_free(self->id);
    g_free(self->label);
    g_free(self->folded);
    g_free(self->collate_key);
    g_free(self->folded_tags);
    G_OBJECT_CLASS(corral_node_parent_class)->finalize(object);
}

static void
corral_node_get_property(GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
    CorralNode *self = CORRAL_NODE(object);

    switch (prop_id) {
    case PROP_LABEL:
        g_value_set_string(value, self->label);
        break;
    case PROP_STATE:
        g_value_set_int(value, self->state);
        break;
    case PROP_ICON_NAME:
        g_value_set_string(value, corral_node_get_icon_name(self));
        break;
    case PROP_PAYLOAD:
        g_value_set_pointer(value, self->payload);
        break;
    default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID(object, prop_id, pspec);
    }
}

static void
corral_node_class_init(CorralNodeClass *klass)
{
    GObjectClass *object_class = G_OBJECT_CLASS(klass);

    object_class->finalize = corral_node_finalize;
    object_class->get_property = corral_node_get_property;
    props[PROP_LABEL] =
        g_param_spec_string("label", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
    props[PROP_STATE] = g_param_spec_int("state", NULL, NULL, -1, G_MAXINT, -1,
                                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
    props[PROP_ICON_NAME] = g_param_spec_string("icon-name", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
    props[PROP_PAYLOAD] =
        g_param_spec_pointer("payload", NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
    g_object_class_install_properties(object_class, N_PROPS, props);
}

static void
corral_node_init(CorralNode *self)
{
    self->state = -1;
    g_weak_ref_init(&self->owner, NULL);
}

char *
corral_node_fold_query(const char *query)
{
    g_autofree char *normal = g_utf8_normalize(query != NULL ? query : "", -1, G_NORMALIZE_ALL);

    return g_utf8_casefold(normal != NULL ? normal : "", -1);
}

CorralNode *
corral_node_new(CorralNodeKind kind, const char *id, const char *label)
{
    CorralNode *self = g_object_new(CORRAL_TYPE_NODE, NULL);

    g_return_val_if_fail(kind < CORRAL_NODE_LAST, NULL);

    self->kind = kind;
    self->id = g_strdup(id);
    if (kind == CORRAL_NODE_HOST || kind == CORRAL_NODE_POOL || kind == CORRAL_NODE_GROUP ||
        kind == CORRAL_NODE_FOLDER)
        self->children = g_list_store_new(CORRAL_TYPE_NODE);
    self->label = g_strdup(label);
    self->folded = corral_node_fold_query(label);
    self->collate_key = g_utf8_collate_key(label, -1);
    return self;
}

CorralNodeKind
corral_node_get_kind(CorralNode *self)
{
    return self->kind;
}

const char *
corral_node_get_id(CorralNode *self)
{
    return self->id;
}

const char *
corral_node_get_label(CorralNode *self)
{
    return self->label;
}

void
corral_node_set_label(CorralNode *self, const char *label)
{
    if (g_strcmp0(self->label, label) == 0)
        return;
    g_free(self->label);
    g_free(self->folded);
    g_free(self->collate_key);
    self->label = g_strdup(label);
    self->folded = corral_node_fold_query(label);
    self->collate_key = g_utf8_collate_key(label, -1);
    g_object_notify_by_pspec(G_OBJECT(self), props[PROP_LABEL]);
}

int
corral_node_get_state(CorralNode *self)
{
    return self->state;
}

void
corral_node_set_state(CorralNode *self, int state)
{
    if (self->state == state)
        return;
    self->state = state;
    g_object_notify_by_pspec(G_OBJECT(self), props[PROP_STATE]);
    g_object_notify_by_pspec(G_OBJECT(self), props[PROP_ICON_NAME]);
}

const char *
corral_node_get_icon_name(CorralNode *self)
{
    if (self->kind == CORRAL_NODE_VM && self->state >= 0 && self->state < CORRAL_VM_STATE_LAST)
        return vm_state_icons[self->state];
    return kind_icons[self->kind];
}

GListStore *
corral_node_get_children(CorralNode *self)
{
    return self->children;
}

gpointer
corral_node_get_payload(CorralNode *self, const CorralType *type)
{
    return self->payload_type == type ? self->payload : NULL;
}

/* A guest's tags, folded and each between newlines, for whole-tag and
 * substring searches alike. */
static char *
fold_tags(GPtrArray *tags)
{
    g_autoptr(GString) text = NULL;

    if (tags == NULL || tags->len == 0)
        return NULL;
    text = g_string_new("\n");
    for (guint i = 0; i < tags->len; i++) {
        g_autofree char *folded = corral_node_fold_query(tags->pdata[i]);

        g_string_append_printf(text, "%s\n", folded);
    }
    return g_string_free(g_steal_pointer(&text), FALSE);
}

void
corral_node_set_payload(CorralNode *self, const CorralType *type, gpointer object)
{
    clear_payload(self);
    self->payload_type = object != NULL ? type : NULL;
    self->payload = object;
    g_clear_pointer(&self->folded_tags, g_free);
    if (type == &corral_vm_type && object != NULL)
        self->folded_tags = fold_tags(((CorralVm *)object)->tags);
    g_object_notify_by_pspec(G_OBJECT(self), props[PROP_PAYLOAD]);
}

GObject *
corral_node_dup_owner(CorralNode *self)
{
    return g_weak_ref_get(&self->owner);
}

void
corral_node_set_owner(CorralNode *self, GObject *owner)
{
    g_weak_ref_set(&self->owner, owner);
}

/* The prefix of a whole-tag query, folded as queries are. */
#define TAG_QUERY "tag:"

gboolean
corral_node_matches(CorralNode *self, const char *folded)
{
    if (folded == NULL || *folded == '\0')
        return TRUE;
    if (g_str_has_prefix(folded, TAG_QUERY)) {
        const char *tag = folded + strlen(TAG_QUERY);
        const char *at;
        gsize len = strlen(tag);

        if (self->folded_tags == NULL || len == 0)
            return FALSE;
        /* A whole tag: between two newlines. */
        for (at = strstr(self->folded_tags, tag); at != NULL; at = strstr(at + 1, tag))
            if (at[-1] == '\n' && at[len] == '\n')
                return TRUE;
        return FALSE;
    }
    return strstr(self->folded, folded) != NULL ||
           (self->folded_tags != NULL && strstr(self->folded_tags, folded) != NULL);
}

int
corral_node_compare(gconstpointer a, gconstpointer b, gpointer user_data)
{
    CorralNode *x = CORRAL_NODE((gpointer)a), *y = CORRAL_NODE((gpointer)b);

    if (kind_rank[x->kind] != kind_rank[y->kind])
        return kind_rank[x->kind] - kind_rank[y->kind];
    return strcmp(x->collate_key, y->collate_key);
}
