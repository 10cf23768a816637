/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A list item that holds one API object decoded by protocol/'s codec (a
 * task, an event, a snapshot, a datastore file), for the GListStores behind
 * the Recent Tasks pane and the pages' lists. Replacing the object notifies
 * "object", so the rows showing it redraw. Main thread only.
 */
#pragma once

#include <gio/gio.h>

#include "protocol/codec.h"

G_BEGIN_DECLS

#define CORRAL_TYPE_OBJECT_ITEM (corral_object_item_get_type())
G_DECLARE_FINAL_TYPE(CorralObjectItem, corral_object_item, CORRAL, OBJECT_ITEM, GObject)

/* Takes @object, of @type, over. @host names the host it came from. */
CorralObjectItem *corral_object_item_new(const CorralType *type, gpointer object, const char *host);

const CorralType *corral_object_item_get_object_type(CorralObjectItem *self);
gpointer corral_object_item_get_object(CorralObjectItem *self);
const char *corral_object_item_get_host(CorralObjectItem *self);

/* Takes @object over, in place of the old one. */
void corral_object_item_set_object(CorralObjectItem *self, gpointer object);

G_END_DECLS
