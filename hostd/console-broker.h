/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Console tickets and the consoles they open. POST /vms/{id}/console issues
 * a ticket: 128 random bits, bound to the user who asked and to the guest,
 * good for one use within the configured lifetime ([console] ticket-s, 30 s
 * by default). GET /console/{ticket} redeems it: the ticket is gone after
 * the first attempt, whatever its outcome, so a leaked ticket that was used
 * or tried is worth nothing. The broker also keeps the relays that run, so
 * corrald can end them all when it stops. Every function is thread safe.
 * Tickets are never logged.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct CorraldConsoleBroker CorraldConsoleBroker;
typedef struct CorraldConsoleRelay CorraldConsoleRelay;

/* A broker whose tickets live @ticket_s seconds. */
CorraldConsoleBroker *corrald_console_broker_new(gint64 ticket_s);

/* Ends every relay (see corrald_console_broker_stop_all()) and frees. */
void corrald_console_broker_free(CorraldConsoleBroker *broker);

gint64 corrald_console_broker_get_ticket_s(CorraldConsoleBroker *broker);

/* A new ticket for @user on guest @vm_id. */
char *corrald_console_broker_issue(CorraldConsoleBroker *broker, const char *user,
                                   const char *vm_id, GError **error);

/* Takes @ticket out of the broker and returns the guest it is for, when it
 * is known, has not expired and was issued to @user; otherwise fails with
 * CORRALD_ERROR_FORBIDDEN, saying which without echoing the ticket. */
char *corrald_console_broker_redeem(CorraldConsoleBroker *broker, const char *ticket,
                                    const char *user, GError **error);

/* How many tickets wait to be redeemed (expired ones are dropped first). */
guint corrald_console_broker_count_tickets(CorraldConsoleBroker *broker);

/* Registers a running relay; FALSE once the broker is stopping (the caller
 * then does not run it). */
gboolean corrald_console_broker_add_relay(CorraldConsoleBroker *broker, CorraldConsoleRelay *relay);
void corrald_console_broker_remove_relay(CorraldConsoleBroker *broker, CorraldConsoleRelay *relay);

/* How many consoles are open. */
guint corrald_console_broker_count_relays(CorraldConsoleBroker *broker);

/* Stops every relay and waits up to @timeout_ms for them to end; new ones
 * are refused from then on. */
void corrald_console_broker_stop_all(CorraldConsoleBroker *broker, guint timeout_ms);

G_END_DECLS
