/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Resource Allocation of a guest or a pool: CPU and memory shares (low,
 * normal, high or a custom number), reservation, and limit with
 * "Unlimited"; pools also "expandable". Apply sends the allocation (PUT
 * /vms/{id}/resources or PATCH /pools/{path}) and shows corrald's refusal,
 * such as an admission error, in place under the fields.
 */
#pragma once

#include <gtk/gtk.h>

#include "client/corral-host-connection.h"

G_BEGIN_DECLS

#define CORRAL_TYPE_RESOURCES_EDITOR (corral_resources_editor_get_type())
G_DECLARE_FINAL_TYPE(CorralResourcesEditor, corral_resources_editor, CORRAL, RESOURCES_EDITOR,
                     GtkBox)

GtkWidget *corral_resources_editor_new(gboolean pool);

/* Shows @resources (copied) of the object at @path on @connection. */
void corral_resources_editor_set(CorralResourcesEditor *self, CorralHostConnection *connection,
                                 const char *path, const CorralResources *resources);

/* The allocation as the fields say, for tests and Apply. */
CorralResources *corral_resources_editor_get(CorralResourcesEditor *self);

G_END_DECLS
