/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The corrald child process of corrald-process.h. CORRALD_BIN is the
 * corrald of this build tree.
 */
#include "tests/common/corrald-process.h"

#include "common/tls-cert.h"
#include "protocol/codec.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <pthread.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#define START_WAIT_S 30

#define CORRALD_PROCESS_ERROR (corrald_process_error_quark())
static GQuark
corrald_process_error_quark(void)
{
    return g_quark_from_static_string("corrald-process-error");
}

/* In the child, before exec: the log as its stdout and stderr, and no
 * blocked signals (a bench keeps SIGINT and SIGTERM for a thread of its
 * own; corrald must get them again). */
static void
child_setup(gpointer data)
{
    int fd = open(data, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    sigset_t none;

    sigemptyset(&none);
    pthread_sigmask(SIG_SETMASK, &none, NULL);
    if (fd >= 0) {
        dup2(fd, STDOUT_FILENO);
        dup2(fd, STDERR_FILENO);
    }
}

CorraldProcess *
corrald_process_new(const char *tmpl, const char *libvirt_uri, const char *config_text,
                    gboolean verbose, GError **error)
{
    g_autofree char *state_dir = g_dir_make_tmp(tmpl, error);
    CorraldProcess *p;

    if (state_dir == NULL)
        return NULL;
    p = g_new0(CorraldProcess, 1);
    p->state_dir = g_steal_pointer(&state_dir);
    p->socket_path = g_build_filename(p->state_dir, "corrald.sock", NULL);
    p->log_path = g_build_filename(p->state_dir, "corrald.log", NULL);
    p->config_path = g_build_filename(p->state_dir, "corrald.conf", NULL);
    p->libvirt_uri = g_strdup(libvirt_uri);
    p->verbose = verbose;
    if (!g_file_set_contents(p->config_path, config_text != NULL ? config_text : "", -1, error)) {
        corrald_process_free(p);
        return NULL;
    }
    return p;
}

gboolean
corrald_process_start(CorraldProcess *p, GError **error)
{
    g_autofree char *port_path = g_build_filename(p->state_dir, "port", NULL);
    g_autofree char *cert_path = g_build_filename(p->state_dir, "tls", "cert.pem", NULL);
    g_autofree char *port_text = NULL;
    g_autoptr(GError) spawn_error = NULL;
    const char *argv[] = {CORRALD_BIN,
                          "--state-dir",
                          p->state_dir,
                          "--config",
                          p->config_path,
                          "--listen",
                          "127.0.0.1:0",
                          "--socket",
                          p->socket_path,
                          "--libvirt-uri",
                          p->libvirt_uri,
                          p->verbose ? "--verbose" : NULL,
                          NULL};

    /* A port file left by an earlier run is not this one's. */
    g_unlink(port_path);
    if (!g_spawn_async(NULL, (char **)argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, child_setup,
                       p->log_path, &p->pid, &spawn_error)) {
        p->pid = 0;
        g_set_error(error, CORRALD_PROCESS_ERROR, 0, "spawning corrald: %s", spawn_error->message);
        return FALSE;
    }
    /* Up when it has written its port. */
    for (int i = 0; i < START_WAIT_S * 10 && port_text == NULL; i++) {
        int status;

        if (waitpid(p->pid, &status, WNOHANG) == p->pid) {
            g_autofree char *log = corrald_process_log(p);

            g_spawn_close_pid(p->pid);
            p->pid = 0;
            g_set_error(error, CORRALD_PROCESS_ERROR, 0, "corrald exited at start:\n%s", log);
            return FALSE;
        }
        if (!g_file_get_contents(port_path, &port_text, NULL, NULL))
            g_usleep(100 * 1000);
    }
    if (port_text == NULL) {
        g_set_error(error, CORRALD_PROCESS_ERROR, 0, "corrald did not write its port in %d s",
                    START_WAIT_S);
        return FALSE;
    }
    p->port = (guint16)g_ascii_strtoull(port_text, NULL, 10);
    if (p->port == 0) {
        g_set_error(error, CORRALD_PROCESS_ERROR, 0, "corrald wrote no port: \"%s\"", port_text);
        return FALSE;
    }
    g_free(p->thumbprint);
    p->thumbprint = corral_tls_cert_thumbprint_file(cert_path, error);
    return p->thumbprint != NULL;
}

void
corrald_process_stop(CorraldProcess *p)
{
    int status = 0;

    if (p == NULL || p->pid <= 0)
        return;
    kill(p->pid, SIGTERM);
    for (int i = 0; i < 100; i++) {
        if (waitpid(p->pid, &status, WNOHANG) == p->pid)
            break;
        if (i == 99) {
            kill(p->pid, SIGKILL);
            waitpid(p->pid, &status, 0);
        }
        g_usleep(100 * 1000);
    }
    g_spawn_close_pid(p->pid);
    p->pid = 0;
}

void
corrald_process_free(CorraldProcess *p)
{
    if (p == NULL)
        return;
    corrald_process_stop(p);
    g_free(p->state_dir);
    g_free(p->socket_path);
    g_free(p->log_path);
    g_free(p->config_path);
    g_free(p->libvirt_uri);
    g_free(p->thumbprint);
    g_free(p);
}

CorralClient *
corrald_process_https(CorraldProcess *p, const char *token, GError **error)
{
    g_autofree char *url = g_strdup_printf("https://127.0.0.1:%u", p->port);
    g_autoptr(CorralClient) client = corral_client_new(url, error);

    if (client == NULL || !corral_client_set_pinned_thumbprint(client, p->thumbprint, error) ||
        (token != NULL && !corral_client_set_token(client, token, error)))
        return NULL;
    return g_steal_pointer(&client);
}

CorralClient *
corrald_process_local(CorraldProcess *p)
{
    return corral_client_new_unix(p->socket_path);
}

char *
corrald_process_login(CorraldProcess *p, const char *user, const char *password, guint *status,
                      GError **error)
{
    g_autoptr(CorralClient) client = corrald_process_https(p, NULL, error);
    g_autoptr(json_object) body = json_object_new_object();
    g_autoptr(json_object) answer = NULL;
    json_object *token;

    *status = 0;
    if (client == NULL)
        return NULL;
    json_object_object_add(body, "username", json_object_new_string(user));
    json_object_object_add(body, "password", json_object_new_string(password));
    if (!corral_client_request(client, "POST", "/session", body, status, &answer, error))
        return NULL;
    if (!json_object_object_get_ex(answer, "token", &token)) {
        g_set_error_literal(error, CORRALD_PROCESS_ERROR, 0,
                            "POST /session: no token in the answer");
        return NULL;
    }
    return g_strdup(json_object_get_string(token));
}

char *
corrald_process_log(CorraldProcess *p)
{
    char *text = NULL;

    g_file_get_contents(p->log_path, &text, NULL, NULL);
    return text != NULL ? text : g_strdup("");
}
