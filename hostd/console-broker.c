/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Console tickets and the set of running relays (see console-broker.h).
 * Tickets are few and short-lived; each issue sweeps out the expired ones,
 * and their number is capped, so a client that asks for tickets and never
 * uses them cannot grow corrald's memory.
 */
#include "hostd/console-broker.h"

#include "common/random.h"
#include "hostd/console-relay.h"
#include "hostd/hostd-error.h"

#include <string.h>

#define TICKET_BITS 128
#define MAX_TICKETS 4096

typedef struct {
    char *user;
    char *vm_id;
    gint64 expires; /* monotonic microseconds */
} Ticket;

struct CorraldConsoleBroker {
    GMutex lock;
    GCond relays_done;
    gint64 ticket_s;
    GHashTable *tickets; /* ticket text → Ticket */
    GPtrArray *relays;   /* CorraldConsoleRelay, borrowed */
    gboolean stopping;
};

static void
ticket_free(gpointer data)
{
    Ticket *t = data;

    g_free(t->user);
    g_free(t->vm_id);
    g_free(t);
}

/* Wipes a ticket's text before it is freed: it was a secret. */
static void
wipe_free(gpointer data)
{
    explicit_bzero(data, strlen(data));
    g_free(data);
}

CorraldConsoleBroker *
corrald_console_broker_new(gint64 ticket_s)
{
    CorraldConsoleBroker *broker = g_new0(CorraldConsoleBroker, 1);

    g_mutex_init(&broker->lock);
    g_cond_init(&broker->relays_done);
    broker->ticket_s = ticket_s;
    broker->tickets = g_hash_table_new_full(g_str_hash, g_str_equal, wipe_free, ticket_free);
    broker->relays = g_ptr_array_new();
    return broker;
}

void
corrald_console_broker_free(CorraldConsoleBroker *broker)
{
    if (broker == NULL)
        return;
    corrald_console_broker_stop_all(broker, 5000);
    g_hash_table_unref(broker->tickets);
    g_ptr_array_unref(broker->relays);
    g_cond_clear(&broker->relays_done);
    g_mutex_clear(&broker->lock);
    g_free(broker);
}

gint64
corrald_console_broker_get_ticket_s(CorraldConsoleBroker *broker)
{
    return broker->ticket_s;
}

static gboolean
is_expired(gpointer key, gpointer value, gpointer now)
{
    return ((Ticket *)value)->expires <= *(gint64 *)now;
}

/* Called with the lock held. */
static void
sweep(CorraldConsoleBroker *broker)
{
    gint64 now = g_get_monotonic_time();

    g_hash_table_foreach_remove(broker->tickets, is_expired, &now);
}

char *
corrald_console_broker_issue(CorraldConsoleBroker *broker, const char *user, const char *vm_id,
                             GError **error)
{
    g_autofree char *text = corral_random_token(TICKET_BITS, error);
    Ticket *t;

    if (text == NULL)
        return NULL;
    g_mutex_lock(&broker->lock);
    sweep(broker);
    if (g_hash_table_size(broker->tickets) >= MAX_TICKETS) {
        g_mutex_unlock(&broker->lock);
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_UNAVAILABLE,
                    "too many console tickets wait to be used; try again in %" G_GINT64_FORMAT " s",
                    broker->ticket_s);
        return NULL;
    }
    t = g_new0(Ticket, 1);
    t->user = g_strdup(user);
    t->vm_id = g_strdup(vm_id);
    t->expires = g_get_monotonic_time() + broker->ticket_s * G_USEC_PER_SEC;
    g_hash_table_insert(broker->tickets, g_strdup(text), t);
    g_mutex_unlock(&broker->lock);
    return g_steal_pointer(&text);
}

char *
corrald_console_broker_redeem(CorraldConsoleBroker *broker, const char *ticket, const char *user,
                              GError **error)
{
    gpointer key = NULL, value = NULL;
    Ticket *t;
    char *vm_id = NULL;

    g_mutex_lock(&broker->lock);
    if (g_hash_table_steal_extended(broker->tickets, ticket, &key, &value)) {
        t = value;
        if (t->expires <= g_get_monotonic_time())
            g_set_error_literal(error, CORRALD_ERROR, CORRALD_ERROR_FORBIDDEN,
                                "the console ticket has expired: ask for a new one");
        else if (g_strcmp0(t->user, user) != 0)
            g_set_error_literal(error, CORRALD_ERROR, CORRALD_ERROR_FORBIDDEN,
                                "the console ticket was issued to another user");
        else
            vm_id = g_strdup(t->vm_id);
        wipe_free(key);
        ticket_free(t);
    } else {
        g_set_error_literal(error, CORRALD_ERROR, CORRALD_ERROR_FORBIDDEN,
                            "unknown console ticket: it was used already, has expired or never "
                            "existed");
    }
    g_mutex_unlock(&broker->lock);
    return vm_id;
}

guint
corrald_console_broker_count_tickets(CorraldConsoleBroker *broker)
{
    guint n;

    g_mutex_lock(&broker->lock);
    sweep(broker);
    n = g_hash_table_size(broker->tickets);
    g_mutex_unlock(&broker->lock);
    return n;
}

gboolean
corrald_console_broker_add_relay(CorraldConsoleBroker *broker, CorraldConsoleRelay *relay)
{
    gboolean ok;

    g_mutex_lock(&broker->lock);
    ok = !broker->stopping;
    if (ok)
        g_ptr_array_add(broker->relays, relay);
    g_mutex_unlock(&broker->lock);
    return ok;
}

void
corrald_console_broker_remove_relay(CorraldConsoleBroker *broker, CorraldConsoleRelay *relay)
{
    g_mutex_lock(&broker->lock);
    g_ptr_array_remove_fast(broker->relays, relay);
    g_cond_broadcast(&broker->relays_done);
    g_mutex_unlock(&broker->lock);
}

guint
corrald_console_broker_count_relays(CorraldConsoleBroker *broker)
{
    guint n;

    g_mutex_lock(&broker->lock);
    n = broker->relays->len;
    g_mutex_unlock(&broker->lock);
    return n;
}

void
corrald_console_broker_stop_all(CorraldConsoleBroker *broker, guint timeout_ms)
{
    gint64 deadline = g_get_monotonic_time() + (gint64)timeout_ms * G_TIME_SPAN_MILLISECOND;

    g_mutex_lock(&broker->lock);
    broker->stopping = TRUE;
    for (guint i = 0; i < broker->relays->len; i++)
        corrald_console_relay_stop(broker->relays->pdata[i]);
    while (broker->relays->len > 0)
        if (!g_cond_wait_until(&broker->relays_done, &broker->lock, deadline))
            break;
    g_mutex_unlock(&broker->lock);
}
