/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The field table of an event.
 */
#include "protocol/event.h"

static const CorralField event_fields[] = {
    [CORRAL_EVENT_FIELD_SEQ] =
        CORRAL_INT("seq", CorralEvent, seq, CORRAL_FIELD_REQUIRED, 1, G_MAXINT64),
    [CORRAL_EVENT_FIELD_TIME] =
        CORRAL_INT("time", CorralEvent, time, CORRAL_FIELD_REQUIRED, 0, G_MAXINT64),
    [CORRAL_EVENT_FIELD_KIND] = CORRAL_NAME("kind", CorralEvent, kind, CORRAL_FIELD_REQUIRED),
    [CORRAL_EVENT_FIELD_TARGET] =
        CORRAL_STRING("target", CorralEvent, target, CORRAL_FIELD_REQUIRED),
    [CORRAL_EVENT_FIELD_MESSAGE] =
        CORRAL_STRING("message", CorralEvent, message, CORRAL_FIELD_REQUIRED),
    [CORRAL_EVENT_FIELD_USER] = CORRAL_NAME("user", CorralEvent, user, CORRAL_FIELD_OPTIONAL),
};
CORRAL_DEFINE_OBJECT(CorralEvent, corral_event, "event", event_fields, CORRAL_EVENT_FIELD_LAST,
                     NULL)
