/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A resource pool of the pool tree: "/" is the host's root pool, "/prod/web"
 * a child. It lists its child pools by path and its guests by UUID.
 */
#pragma once

#include "protocol/codec.h"
#include "protocol/resources.h"

G_BEGIN_DECLS

/* `parent` is absent for the root pool. */
typedef enum {
    CORRAL_POOL_FIELD_PATH,
    CORRAL_POOL_FIELD_NAME,
    CORRAL_POOL_FIELD_PARENT,
    CORRAL_POOL_FIELD_RESOURCES,
    CORRAL_POOL_FIELD_CHILDREN,
    CORRAL_POOL_FIELD_VMS,
    CORRAL_POOL_FIELD_USAGE,
    CORRAL_POOL_FIELD_LAST
} CorralPoolField;

typedef struct {
    guint64 present;
    char *path;
    char *name;
    char *parent;
    CorralResources resources;
    GPtrArray *children; /* char *: pool paths */
    GPtrArray *vms;      /* char *: guest UUIDs */
    CorralUsage usage;
} CorralPool;
CORRAL_DECLARE_OBJECT(CorralPool, corral_pool)

G_END_DECLS
