/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * libvirt's domain lifecycle events into the event log: a guest started,
 * stopped, paused, was defined or deleted, crashed. Whatever did it (the
 * API, virsh, the guest itself) the event log hears of it. Callbacks run in
 * libvirt's event loop thread, which main.c runs.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct CorraldDaemon CorraldDaemon;

/* Registers for lifecycle events on @daemon's connection. */
gboolean corrald_virt_events_start(CorraldDaemon *daemon, GError **error);

/* Unregisters (shutdown and tests). */
void corrald_virt_events_stop(CorraldDaemon *daemon);

/* The event kind ("vm-started") and the words after the guest's name
 * ("started") of libvirt lifecycle event @event with @detail; FALSE for
 * events that are not logged. */
gboolean corrald_virt_event_describe(int event, int detail, const char **kind, const char **words);

G_END_DECLS
