/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * corrald: the host agent. Reads its configuration, makes or loads the TLS
 * certificate, connects to libvirt, and serves the API on HTTPS and on a
 * root-only unix socket until SIGTERM. SIGHUP re-reads the users file (the
 * DCUI changes it while corrald runs).
 */
#include "config.h"

#include "common/atomic-file.h"
#include "common/hostcfg/rollback.h"
#include "common/log.h"
#include "hostd/console-broker.h"
#include "hostd/daemon.h"
#include "hostd/hostd-error.h"
#include "hostd/http-server.h"
#include "hostd/inventory-cache.h"
#include "hostd/notify.h"
#include "hostd/pool-manager.h"
#include "hostd/sampler.h"
#include "hostd/virt-events.h"

#include <errno.h>
#include <libvirt/virterror.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *state_dir;
    char *config_path;
    char *listen;
    char *socket_path;
    char *libvirt_uri;
    char *rollback_guard;
    gboolean print_thumbprint;
    gboolean no_socket;
    gboolean verbose;
} Options;

static void
options_clear(Options *opt)
{
    g_free(opt->state_dir);
    g_free(opt->config_path);
    g_free(opt->listen);
    g_free(opt->socket_path);
    g_free(opt->libvirt_uri);
    g_free(opt->rollback_guard);
}

static gboolean
parse_options(int *argc, char ***argv, Options *opt, GError **error)
{
    const GOptionEntry entries[] = {
        {"state-dir", 0, 0, G_OPTION_ARG_FILENAME, &opt->state_dir,
         "Where corrald keeps its state (default " LOCALSTATEDIR "/lib/corral)", "DIR"},
        {"config", 0, 0, G_OPTION_ARG_FILENAME, &opt->config_path,
         "Configuration file (default " SYSCONFDIR "/corral/corrald.conf)", "FILE"},
        {"listen", 0, 0, G_OPTION_ARG_STRING, &opt->listen,
         "HTTPS address; port 0 picks a free one and writes it to DIR/port", "ADDR:PORT"},
        {"socket", 0, 0, G_OPTION_ARG_FILENAME, &opt->socket_path,
         "Unix socket for root on this host (default /run/corral/corrald.sock)", "PATH"},
        {"no-socket", 0, 0, G_OPTION_ARG_NONE, &opt->no_socket, "Serve no unix socket", NULL},
        {"libvirt-uri", 0, 0, G_OPTION_ARG_STRING, &opt->libvirt_uri,
         "libvirt connection (default qemu:///system)", "URI"},
        {"print-thumbprint", 0, 0, G_OPTION_ARG_NONE, &opt->print_thumbprint,
         "Print the SHA-256 thumbprint of the certificate and exit", NULL},
        {"rollback-guard", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &opt->rollback_guard,
         NULL, NULL},
        {"verbose", 'v', 0, G_OPTION_ARG_NONE, &opt->verbose, "Log informational messages", NULL},
        {NULL},
    };
    g_autoptr(GOptionContext) context = g_option_context_new("- the Corral host agent");

    g_option_context_add_main_entries(context, entries, NULL);
    return g_option_context_parse(context, argc, argv, error);
}

/* Command-line options win over the file, which wins over the defaults. */
static gboolean
load_config(CorralConfig *config, const Options *opt, GError **error)
{
    corral_config_init(config);
    if (!corral_config_load(
            config, opt->config_path != NULL ? opt->config_path : SYSCONFDIR "/corral/corrald.conf",
            opt->config_path != NULL, error))
        return FALSE;
#define OVERRIDE(field, value)                                                                     \
    if ((value) != NULL) {                                                                         \
        g_free(config->field);                                                                     \
        config->field = g_strdup(value);                                                           \
    }
    OVERRIDE(state_dir, opt->state_dir);
    OVERRIDE(listen, opt->listen);
    OVERRIDE(socket_path, opt->socket_path);
    OVERRIDE(libvirt_uri, opt->libvirt_uri);
#undef OVERRIDE
    return TRUE;
}

static gpointer
run_libvirt_events(gpointer data)
{
    for (;;)
        if (virEventRunDefaultImpl() < 0)
            g_warning("libvirt event loop: %s", virGetLastErrorMessage());
    return NULL;
}

static char *
versions(virConnectPtr conn)
{
    unsigned long lib = 0, hv = 0;

    virConnectGetLibVersion(conn, &lib);
    virConnectGetVersion(conn, &hv);
    return g_strdup_printf("Corral %s (libvirt %lu.%lu.%lu, %s %lu.%lu.%lu)", PACKAGE_VERSION,
                           lib / 1000000, lib / 1000 % 1000, lib % 1000, virConnectGetType(conn),
                           hv / 1000000, hv / 1000 % 1000, hv % 1000);
}

/* libvirt prints every error to stderr by default, failed lookups of
 * unknown guests included; corrald reports the ones that matter itself. */
static void
quiet_libvirt(void *data, virErrorPtr error)
{
}

static gboolean
open_daemon(CorraldDaemon *d, GError **error)
{
    g_autofree char *users_path = g_build_filename(d->config.state_dir, "users.json", NULL);

    d->state_dir = g_strdup(d->config.state_dir);
    d->users = corral_user_store_load(users_path, error);
    if (d->users == NULL)
        return FALSE;
    d->sessions =
        corrald_session_store_new(d->config.session_idle_s, d->config.session_max_s, NULL, NULL);
    d->events = corrald_event_log_new();
    d->tasks = corrald_task_list_new(d->events);
    d->consoles = corrald_console_broker_new(d->config.ticket_s);
    g_mutex_init(&d->auth_lock);
    d->failures = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);

    virSetErrorFunc(NULL, quiet_libvirt);
    if (virEventRegisterDefaultImpl() < 0) {
        corrald_error_from_libvirt(error, "starting libvirt's event loop");
        return FALSE;
    }
    g_thread_unref(g_thread_new("libvirt-events", run_libvirt_events, NULL));
    d->conn = virConnectOpen(d->config.libvirt_uri);
    if (d->conn == NULL) {
        g_autofree char *what = g_strdup_printf("connecting to %s", d->config.libvirt_uri);
        corrald_error_from_libvirt(error, what);
        return FALSE;
    }
    d->version = versions(d->conn);
    d->sampler = corrald_sampler_new(d->conn);
    d->pools = corrald_pool_manager_new(d->conn, d->state_dir, error);
    if (d->pools == NULL)
        return FALSE;
    /* Events first, then the fill: no change falls between the two. */
    d->inventory = corrald_inventory_cache_new(d->conn);
    return corrald_virt_events_start(d, error) &&
           corrald_inventory_cache_resync(d->inventory, error);
}

static gboolean
write_port(const char *state_dir, guint16 port, GError **error)
{
    g_autofree char *path = g_build_filename(state_dir, "port", NULL);
    g_autofree char *text = g_strdup_printf("%u\n", port);

    return corral_atomic_write(path, text, strlen(text), 0644, error);
}

static gboolean
on_quit(gpointer loop)
{
    g_main_loop_quit(loop);
    return G_SOURCE_CONTINUE;
}

static gboolean
on_reload(gpointer data)
{
    CorraldDaemon *d = data;
    g_autoptr(GError) error = NULL;

    if (corral_user_store_reload(d->users, &error))
        g_message("reloaded the users");
    else
        g_warning("reload: %s", error->message);
    return G_SOURCE_CONTINUE;
}

int
main(int argc, char **argv)
{
    Options opt = {0};
    CorraldDaemon daemon = {0};
    g_autoptr(GError) error = NULL;
    g_autoptr(GMainLoop) loop = NULL;
    CorraldHttpServer *server;

    setlocale(LC_ALL, "");
    if (!parse_options(&argc, &argv, &opt, &error) || !load_config(&daemon.config, &opt, &error)) {
        fprintf(stderr, "corrald: %s\n", error->message);
        return 2;
    }
    corral_log_init("corrald", opt.verbose);
    /* The detached guard of a management network change (PUT /host/network). */
    if (opt.rollback_guard != NULL)
        return corral_rollback_guard_main(opt.rollback_guard);

    if (g_mkdir_with_parents(daemon.config.state_dir, 0700) < 0) {
        fprintf(stderr, "corrald: %s: %s\n", daemon.config.state_dir, g_strerror(errno));
        return 1;
    }
    daemon.cert = corral_tls_cert_ensure(daemon.config.state_dir, &error);
    if (daemon.cert == NULL) {
        fprintf(stderr, "corrald: %s\n", error->message);
        return 1;
    }
    if (opt.print_thumbprint) {
        printf("%s\n", daemon.cert->thumbprint);
        corral_tls_cert_free(daemon.cert);
        corral_config_clear(&daemon.config);
        options_clear(&opt);
        return 0;
    }
    if (!open_daemon(&daemon, &error)) {
        fprintf(stderr, "corrald: %s\n", error->message);
        return 1;
    }
    server = corrald_http_server_start(&daemon, daemon.config.listen,
                                       opt.no_socket ? NULL : daemon.config.socket_path, &error);
    if (server == NULL ||
        !write_port(daemon.config.state_dir, corrald_http_server_port(server), &error)) {
        fprintf(stderr, "corrald: %s\n", error->message);
        return 1;
    }
    g_message("serving https on %s (port %u), thumbprint %s", daemon.config.listen,
              corrald_http_server_port(server), daemon.cert->thumbprint);

    loop = g_main_loop_new(NULL, FALSE);
    g_unix_signal_add(SIGTERM, on_quit, loop);
    g_unix_signal_add(SIGINT, on_quit, loop);
    g_unix_signal_add(SIGHUP, on_reload, &daemon);
    corrald_sampler_start(daemon.sampler);
    corrald_inventory_cache_start(daemon.inventory);
    corrald_notify("READY=1");
    corrald_notify_start_watchdog();
    g_main_loop_run(loop);

    corrald_notify("STOPPING=1");
    g_message("stopping");
    /* Switched connections hold their HTTP threads: end them first. */
    corrald_console_broker_stop_all(daemon.consoles, 5000);
    corrald_http_server_stop(server);
    corrald_task_list_drain(daemon.tasks);
    corrald_virt_events_stop(&daemon);
    corrald_inventory_cache_free(daemon.inventory);
    corrald_sampler_free(daemon.sampler);
    return 0;
}
