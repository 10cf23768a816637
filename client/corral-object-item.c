/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The list item of one API object (see corral-object-item.h).
 */
#include "client/corral-object-item.h"

struct _CorralObjectItem {
    GObject parent_instance;
    const CorralType *type;
    gpointer object;
    char *host;
};

G_DEFINE_FINAL_TYPE(CorralObjectItem, corral_object_item, G_TYPE_OBJECT)

enum { PROP_0, PROP_OBJECT, N_PROPS };
static GParamSpec *props[N_PROPS];

static void
corral_object_item_finalize(GObject *object)
{
    CorralObjectItem *self = CORRAL_OBJECT_ITEM(object);

    if (self->object != NULL)
        corral_codec_free(self->type, self->object);
    g_free(self->host);
    G_OBJECT_CLASS(corral_object_item_parent_class)->finalize(object);
}

static void
corral_object_item_get_property(GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
    CorralObjectItem *self = CORRAL_OBJECT_ITEM(object);

    if (prop_id == PROP_OBJECT)
        g_value_set_pointer(value, self->object);
    else
        G_OBJECT_WARN_INVALID_PROPERTY_ID(object, prop_id, pspec);
}

static void
corral_object_item_class_init(CorralObjectItemClass *klass)
{
    GObjectClass *object_class = G_OBJECT_CLASS(klass);

    object_class->finalize = corral_object_item_finalize;
    object_class->get_property = corral_object_item_get_property;
    props[PROP_OBJECT] =
        g_param_spec_pointer("object", NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
    g_object_class_install_properties(object_class, N_PROPS, props);
}

static void
corral_object_item_init(CorralObjectItem *self)
{
}

CorralObjectItem *
corral_object_item_new(const CorralType *type, gpointer object, const char *host)
{
    CorralObjectItem *self = g_object_new(CORRAL_TYPE_OBJECT_ITEM, NULL);

    self->type = type;
    self->object = object;
    self->host = g_strdup(host);
    return self;
}

const CorralType *
corral_object_item_get_object_type(CorralObjectItem *self)
{
    return self->type;
}

gpointer
corral_object_item_get_object(CorralObjectItem *self)
{
    return self->object;
}

const char *
corral_object_item_get_host(CorralObjectItem *self)
{
    return self->host;
}

void
corral_object_item_set_object(CorralObjectItem *self, gpointer object)
{
    if (self->object != NULL && self->object != object)
        corral_codec_free(self->type, self->object);
    self->object = object;
    g_object_notify_by_pspec(G_OBJECT(self), props[PROP_OBJECT]);
}
