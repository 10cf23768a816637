/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The tags and folder of a guest, edited in place on its summary: a line
 * of comma-separated tags and a folder path. Save checks what was typed
 * (corral-labels.h), sends PATCH /vms/{id} {tags, folder} as a task of
 * Recent Tasks, and shows corrald's answer or refusal under the fields.
 */
#pragma once

#include <gtk/gtk.h>

#include "client/corral-host-connection.h"

G_BEGIN_DECLS

#define CORRAL_TYPE_LABELS_EDITOR (corral_labels_editor_get_type())
G_DECLARE_FINAL_TYPE(CorralLabelsEditor, corral_labels_editor, CORRAL, LABELS_EDITOR, GtkGrid)

GtkWidget *corral_labels_editor_new(void);

/* Shows the tags and folder of guest @node (its CorralVm payload) of
 * @connection, and forgets the last message. */
void corral_labels_editor_set(CorralLabelsEditor *self, CorralNode *node,
                              CorralHostConnection *connection);

/* Moves the keyboard focus to the tags. */
void corral_labels_editor_focus(CorralLabelsEditor *self);

G_END_DECLS
