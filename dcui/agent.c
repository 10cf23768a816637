/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Talking to corrald. Requests block; they are short (local socket) and
 * the console has nothing else to do meanwhile.
 */
#include "config.h"

#include "dcui/agent.h"

#include "common/error.h"
#include "common/tls-cert.h"
#include "protocol/client.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define RESTART_WAIT_S 10

/* The pid of the process listening on the socket, 0 when none. */
static pid_t
socket_owner(DcuiApp *app)
{
    struct sockaddr_un sa = {.sun_family = AF_UNIX};
    struct ucred cred = {0};
    socklen_t len = sizeof cred;
    int fd;
    pid_t pid = 0;

    if (strlen(app->options.socket_path) >= sizeof sa.sun_path)
        return 0;
    strcpy(sa.sun_path, app->options.socket_path);
    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return 0;
    if (connect(fd, (struct sockaddr *)&sa, sizeof sa) == 0 &&
        getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) == 0)
        pid = cred.pid;
    close(fd);
    return pid;
}

gboolean
dcui_agent_running(DcuiApp *app)
{
    return socket_owner(app) > 0;
}

json_object *
dcui_agent_request(DcuiApp *app, const char *method, const char *path, json_object *body,
                   GError **error)
{
    g_autoptr(CorralClient) client = NULL;
    json_object *answer = NULL;

    if (!dcui_agent_running(app)) {
        g_set_error_literal(error, CORRAL_ERROR, CORRAL_ERROR_NOT_FOUND,
                            _("The management agent (corrald) is not running."));
        return NULL;
    }
    client = corral_client_new_unix(app->options.socket_path);
    corral_client_set_timeouts(client, 2, 10);
    if (!corral_client_request(client, method, path, body, NULL, &answer, error))
        return NULL;
    return answer != NULL ? answer : json_object_new_object();
}

char *
dcui_agent_dup_thumbprint(DcuiApp *app)
{
    g_autoptr(json_object) about = NULL;
    g_autofree char *cert = NULL;
    json_object *v;

    if (dcui_agent_running(app)) {
        about = dcui_agent_request(app, "GET", "/about", NULL, NULL);
        if (about != NULL && json_object_object_get_ex(about, "thumbprint_sha256", &v))
            return g_strdup(json_object_get_string(v));
    }
    cert = g_build_filename(app->options.state_dir, "tls", "cert.pem", NULL);
    return corral_tls_cert_thumbprint_file(cert, NULL);
}

guint
dcui_agent_port(DcuiApp *app)
{
    g_autofree char *path = g_build_filename(app->options.state_dir, "port", NULL);
    g_autofree char *text = NULL;
    const char *colon;
    guint64 port;

    if (g_file_get_contents(path, &text, NULL, NULL) &&
        g_ascii_string_to_unsigned(g_strstrip(text), 10, 1, 65535, &port, NULL))
        return (guint)port;
    colon = app->config.listen != NULL ? strrchr(app->config.listen, ':') : NULL;
    if (colon != NULL && g_ascii_string_to_unsigned(colon + 1, 10, 1, 65535, &port, NULL))
        return (guint)port;
    return 443;
}

gboolean
dcui_agent_reload(DcuiApp *app, GError **error)
{
    pid_t pid = socket_owner(app);

    if (pid <= 0)
        return TRUE;
    if (kill(pid, SIGHUP) < 0) {
        g_set_error(error, CORRAL_ERROR, CORRAL_ERROR_FAILED,
                    _("Could not tell the management agent to reload: %s"), g_strerror(errno));
        return FALSE;
    }
    return TRUE;
}

gboolean
dcui_agent_restart(DcuiApp *app, GError **error)
{
    const char *command = app->config.restart_command;

    if (command == NULL || *command == '\0') {
        g_set_error_literal(error, CORRAL_ERROR, CORRAL_ERROR_CONFIG,
                            _("No restart command is configured ([services] restart-agent)."));
        return FALSE;
    }
    if (!dcui_app_run_command(command, error))
        return FALSE;
    for (int i = 0; i < RESTART_WAIT_S * 10; i++) {
        if (dcui_agent_running(app))
            return TRUE;
        g_usleep(100 * 1000);
    }
    g_set_error_literal(error, CORRAL_ERROR, CORRAL_ERROR_FAILED,
                        _("The restart command ran, but the management agent did not come back "
                          "within 10 seconds."));
    return FALSE;
}
