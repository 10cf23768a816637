/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The field table of a resource pool.
 */
#include "protocol/pool.h"

static const CorralField pool_fields[] = {
    [CORRAL_POOL_FIELD_PATH] = CORRAL_PATH("path", CorralPool, path, CORRAL_FIELD_REQUIRED),
    [CORRAL_POOL_FIELD_NAME] = CORRAL_NAME("name", CorralPool, name, CORRAL_FIELD_REQUIRED),
    [CORRAL_POOL_FIELD_PARENT] = CORRAL_PATH("parent", CorralPool, parent, CORRAL_FIELD_OPTIONAL),
    [CORRAL_POOL_FIELD_RESOURCES] = CORRAL_OBJECT("resources", CorralPool, resources,
                                                  CORRAL_FIELD_REQUIRED, &corral_resources_type),
    [CORRAL_POOL_FIELD_CHILDREN] = CORRAL_STRING_ARRAY("children", CorralPool, children,
                                                       CORRAL_FIELD_REQUIRED, CORRAL_KIND_PATH),
    [CORRAL_POOL_FIELD_VMS] =
        CORRAL_STRING_ARRAY("vms", CorralPool, vms, CORRAL_FIELD_REQUIRED, CORRAL_KIND_UUID),
    [CORRAL_POOL_FIELD_USAGE] =
        CORRAL_OBJECT("usage", CorralPool, usage, CORRAL_FIELD_REQUIRED, &corral_usage_type),
};
CORRAL_DEFINE_OBJECT(CorralPool, corral_pool, "pool", pool_fields, CORRAL_POOL_FIELD_LAST, NULL)
