/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Guest consoles: POST /vms/{id}/console issues a one-time ticket, and
 * GET /console/{ticket} with "Upgrade: vnc" redeems it, connects to the
 * guest's VNC unix socket and answers 101; the connection then carries raw
 * RFB both ways through a bounded relay (console-relay.h) in a thread of
 * its own. Everything that can fail does so before the 101, as an API
 * error. Tickets are never logged; the log names the user and the guest.
 */
#include "hostd/auth.h"
#include "hostd/console-broker.h"
#include "hostd/console-relay.h"
#include "hostd/console-vnc-auth.h"
#include "hostd/daemon.h"
#include "hostd/domain-xml.h"
#include "hostd/handlers-vms-private.h"
#include "hostd/handlers.h"
#include "hostd/hostd-error.h"
#include "protocol/objects.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define UPGRADE_PROTOCOL "vnc"
#define HANDSHAKE_MS     10000

/* What the relay thread needs once the connection has switched. */
typedef struct {
    CorraldDaemon *daemon;
    int guest_fd;
    char *user;
    char *vm_id;
} Console;

static void
console_free(gpointer data)
{
    Console *c = data;

    if (c->guest_fd >= 0)
        close(c->guest_fd);
    g_free(c->user);
    g_free(c->vm_id);
    g_free(c);
}

/* The unix socket of running guest @domain's VNC server. */
static char *
vnc_socket_of(virDomainPtr domain, const char *vm_id, GError **error)
{
    g_autofree char *xml = NULL;
    CorralVmState state;
    char *path;

    if (!corrald_inventory_state(domain, &state, error))
        return NULL;
    if (state != CORRAL_VM_STATE_RUNNING && state != CORRAL_VM_STATE_PAUSED) {
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_INVALID_STATE,
                    "guest %s is not running: its console opens when it runs", vm_id);
        return NULL;
    }
    xml = virDomainGetXMLDesc(domain, 0);
    if (xml == NULL) {
        corrald_error_from_libvirt(error, "reading the guest's live XML");
        return NULL;
    }
    path = corrald_domain_xml_vnc_socket(xml);
    if (path == NULL)
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_INVALID_STATE,
                    "guest %s has no VNC console on a unix socket", vm_id);
    return path;
}

static int
connect_unix(const char *path, GError **error)
{
    struct sockaddr_un sun = {.sun_family = AF_UNIX};
    int fd;

    if (strlen(path) >= sizeof sun.sun_path) {
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_FAILED, "VNC socket path too long: %s",
                    path);
        return -1;
    }
    strcpy(sun.sun_path, path);
    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0 || connect(fd, (struct sockaddr *)&sun, sizeof sun) < 0) {
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_UNAVAILABLE,
                    "cannot reach the guest's VNC server: %s", g_strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    return fd;
}

/* Runs the guest side of the handshake with the guest's password, read
 * from its live XML with secrets (never logged). */
static gboolean
authenticate(virDomainPtr domain, int fd, GError **error)
{
    g_autofree char *xml = virDomainGetXMLDesc(domain, VIR_DOMAIN_XML_SECURE);
    g_autofree char *password = NULL;
    gboolean ok;

    if (xml == NULL) {
        corrald_error_from_libvirt(error, "reading the guest's VNC settings");
        return FALSE;
    }
    password = corrald_domain_xml_vnc_password(xml);
    explicit_bzero(xml, strlen(xml));
    ok = corrald_vnc_auth_server(fd, password, HANDSHAKE_MS, error);
    if (password != NULL)
        explicit_bzero(password, strlen(password));
    return ok;
}

gboolean
corrald_handle_console_ticket(CorraldCall *call, GError **error)
{
    g_autoptr(virDomain) domain = corrald_call_lookup_vm(call, error);
    g_autofree char *socket_path = NULL;
    g_autofree char *ticket = NULL;
    CorralConsoleTicket reply = {0};
    json_object *json;

    if (domain == NULL)
        return FALSE;
    socket_path = vnc_socket_of(domain, call->params[0], error);
    if (socket_path == NULL)
        return FALSE;
    ticket =
        corrald_console_broker_issue(call->daemon->consoles, call->user, call->params[0], error);
    if (ticket == NULL)
        return FALSE;
    CORRAL_SET_PRESENT(&reply, CORRAL_CONSOLE_TICKET_FIELD_TICKET);
    CORRAL_SET_PRESENT(&reply, CORRAL_CONSOLE_TICKET_FIELD_EXPIRES_IN);
    reply.ticket = ticket;
    reply.expires_in = corrald_console_broker_get_ticket_s(call->daemon->consoles);
    json = corral_console_ticket_to_json(&reply);
    g_message("console ticket issued; rhost=%s user=%s vm=%s", call->peer, call->user,
              call->params[0]);
    return corrald_call_reply(call, 200, json);
}

/* The relay, in the connection's thread once it has switched. */
static void
run_console(const CorraldStream *stream, gpointer data)
{
    Console *c = data;
    g_autoptr(GError) error = NULL;
    g_autoptr(CorraldConsoleRelay) relay =
        corrald_console_relay_new(stream, c->guest_fd, CORRALD_CONSOLE_RELAY_BUFFER, &error);
    guint64 up = 0, down = 0;

    if (relay != NULL)
        c->guest_fd = -1; /* the relay owns it now */
    if (relay == NULL || !corrald_console_broker_add_relay(c->daemon->consoles, relay)) {
        g_warning("console of %s for %s not opened: %s", c->vm_id, c->user,
                  error != NULL ? error->message : "corrald is stopping");
        console_free(c);
        return;
    }
    g_message("console opened; user=%s vm=%s", c->user, c->vm_id);
    if (!corrald_console_relay_greet(relay, HANDSHAKE_MS, &error) ||
        !corrald_console_relay_run(relay, &error))
        g_message("console of %s for %s: %s", c->vm_id, c->user, error->message);
    corrald_console_broker_remove_relay(c->daemon->consoles, relay);
    corrald_console_relay_get_counts(relay, &up, &down);
    g_message("console closed; user=%s vm=%s in=%" G_GUINT64_FORMAT " out=%" G_GUINT64_FORMAT,
              c->user, c->vm_id, up, down);
    console_free(c);
}

gboolean
corrald_handle_console_open(CorraldCall *call, GError **error)
{
    g_autofree char *vm_id = NULL;
    g_autofree char *socket_path = NULL;
    g_autoptr(virDomain) domain = NULL;
    Console *c;
    int fd;

    if (call->upgrade == NULL || g_ascii_strcasecmp(call->upgrade, UPGRADE_PROTOCOL) != 0) {
        g_set_error_literal(error, CORRALD_ERROR, CORRALD_ERROR_BAD_REQUEST,
                            "a console is opened with \"Connection: Upgrade\" and "
                            "\"Upgrade: " UPGRADE_PROTOCOL "\"");
        return FALSE;
    }
    vm_id =
        corrald_console_broker_redeem(call->daemon->consoles, call->params[0], call->user, error);
    if (vm_id == NULL) {
        g_warning("console refused; rhost=%s user=%s: %s", call->peer, call->user,
                  (*error)->message);
        return FALSE;
    }
    /* The user's role may have changed since the ticket was issued. */
    if (corrald_auth_role_on_vm(call->daemon, call->user, vm_id) < CORRALD_ROLE_OPERATOR) {
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_FORBIDDEN,
                    "%s may not open the console of %s: it needs the operator role", call->user,
                    vm_id);
        return FALSE;
    }
    domain = corrald_inventory_lookup(call->daemon->conn, vm_id, error);
    if (domain == NULL)
        return FALSE;
    socket_path = vnc_socket_of(domain, vm_id, error);
    if (socket_path == NULL)
        return FALSE;
    fd = connect_unix(socket_path, error);
    if (fd < 0)
        return FALSE;
    /* corrald answers the guest's password challenge; the client is greeted
     * with security None once the connection has switched. */
    if (!authenticate(domain, fd, error)) {
        close(fd);
        return FALSE;
    }

    c = g_new0(Console, 1);
    c->daemon = call->daemon;
    c->guest_fd = fd;
    c->user = g_strdup(call->user);
    c->vm_id = g_steal_pointer(&vm_id);
    call->switch_to = (CorraldUpgrade){
        .protocol = UPGRADE_PROTOCOL,
        .run = run_console,
        .data = c,
        .free = console_free,
    };
    call->status = 101;
    return TRUE;
}
