/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * An event of the long poll GET /events?after=SEQ: something changed on the
 * host (a guest's state, a datastore, a task), numbered by `seq`.
 */
#pragma once

#include "protocol/codec.h"

G_BEGIN_DECLS

/* `user` is absent for what the host did by itself. */
typedef enum {
    CORRAL_EVENT_FIELD_SEQ,
    CORRAL_EVENT_FIELD_TIME,
    CORRAL_EVENT_FIELD_KIND,
    CORRAL_EVENT_FIELD_TARGET,
    CORRAL_EVENT_FIELD_MESSAGE,
    CORRAL_EVENT_FIELD_USER,
    CORRAL_EVENT_FIELD_LAST
} CorralEventField;

typedef struct {
    guint64 present;
    gint64 seq;
    gint64 time;
    char *kind;
    char *target;
    char *message;
    char *user;
} CorralEvent;
CORRAL_DECLARE_OBJECT(CorralEvent, corral_event)

G_END_DECLS
