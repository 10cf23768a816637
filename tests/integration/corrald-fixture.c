/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The corrald test fixture (see corrald-fixture.h). CORRALD_BIN is the
 * corrald of this build tree.
 */
#include "corrald-fixture.h"

#include "common/tls-cert.h"
#include "protocol/codec.h"

#include <check.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

static void
remove_tree(const char *path)
{
    g_autoptr(GDir) dir = g_dir_open(path, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name(dir)) != NULL) {
        g_autofree char *child = g_build_filename(path, name, NULL);
        if (g_file_test(child, G_FILE_TEST_IS_DIR) && !g_file_test(child, G_FILE_TEST_IS_SYMLINK))
            remove_tree(child);
        else
            g_unlink(child);
    }
    g_rmdir(path);
}

static void
child_setup(gpointer data)
{
    int fd = open(data, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);

    if (fd >= 0) {
        dup2(fd, STDOUT_FILENO);
        dup2(fd, STDERR_FILENO);
    }
}

CorraldFixture *
corrald_fixture_start(const char *libvirt_uri, const char *config_text)
{
    CorraldFixture *f = g_new0(CorraldFixture, 1);
    g_autofree char *config = NULL;
    g_autofree char *port_path = NULL;
    g_autofree char *port_text = NULL;
    g_autoptr(GError) error = NULL;
    const char *argv[16];
    int argc = 0;

    f->state_dir = g_dir_make_tmp("corrald-test-XXXXXX", NULL);
    ck_assert_ptr_nonnull(f->state_dir);
    f->socket_path = g_build_filename(f->state_dir, "corrald.sock", NULL);
    f->log_path = g_build_filename(f->state_dir, "corrald.log", NULL);
    config = g_build_filename(f->state_dir, "corrald.conf", NULL);
    ck_assert(g_file_set_contents(config, config_text != NULL ? config_text : "", -1, NULL));
    port_path = g_build_filename(f->state_dir, "port", NULL);

    argv[argc++] = CORRALD_BIN;
    argv[argc++] = "--state-dir";
    argv[argc++] = f->state_dir;
    argv[argc++] = "--config";
    argv[argc++] = config;
    argv[argc++] = "--listen";
    argv[argc++] = "127.0.0.1:0";
    argv[argc++] = "--socket";
    argv[argc++] = f->socket_path;
    argv[argc++] = "--libvirt-uri";
    argv[argc++] = libvirt_uri;
    argv[argc++] = "--verbose";
    argv[argc] = NULL;

    ck_assert_msg(g_spawn_async(NULL, (char **)argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, child_setup,
                                f->log_path, &f->pid, &error),
                  "spawning corrald: %s", error != NULL ? error->message : "?");

    /* Up when it has written its port; 30 s covers ASan's slow start. */
    for (int i = 0; i < 300 && port_text == NULL; i++) {
        int status;
        if (waitpid(f->pid, &status, WNOHANG) == f->pid) {
            g_autofree char *log = corrald_fixture_log(f);
            ck_abort_msg("corrald exited at start:\n%s", log);
        }
        if (!g_file_get_contents(port_path, &port_text, NULL, NULL))
            g_usleep(100 * 1000);
    }
    ck_assert_msg(port_text != NULL, "corrald did not write its port in 30 s");
    f->port = (guint16)g_ascii_strtoull(port_text, NULL, 10);
    ck_assert_uint_gt(f->port, 0);
    {
        g_autofree char *cert = g_build_filename(f->state_dir, "tls", "cert.pem", NULL);
        f->thumbprint = corral_tls_cert_thumbprint_file(cert, &error);
        ck_assert_ptr_nonnull(f->thumbprint);
    }
    return f;
}

void
corrald_fixture_stop(CorraldFixture *f)
{
    int status = 0;

    if (f == NULL)
        return;
    kill(f->pid, SIGTERM);
    for (int i = 0; i < 100; i++) {
        if (waitpid(f->pid, &status, WNOHANG) == f->pid)
            break;
        if (i == 99) {
            kill(f->pid, SIGKILL);
            waitpid(f->pid, &status, 0);
        }
        g_usleep(100 * 1000);
    }
    g_spawn_close_pid(f->pid);
    if (g_getenv("CORRAL_KEEP_TEST_STATE") == NULL)
        remove_tree(f->state_dir);
    g_free(f->state_dir);
    g_free(f->socket_path);
    g_free(f->log_path);
    g_free(f->thumbprint);
    g_free(f);
}

CorralClient *
corrald_fixture_https(CorraldFixture *f)
{
    g_autofree char *url = g_strdup_printf("https://127.0.0.1:%u", f->port);
    g_autoptr(GError) error = NULL;
    CorralClient *client = corral_client_new(url, &error);

    ck_assert_ptr_nonnull(client);
    ck_assert(corral_client_set_pinned_thumbprint(client, f->thumbprint, &error));
    return client;
}

CorralClient *
corrald_fixture_local(CorraldFixture *f)
{
    return corral_client_new_unix(f->socket_path);
}

guint
corrald_fixture_call(CorralClient *client, const char *method, const char *path, const char *body,
                     json_object **answer)
{
    g_autoptr(json_object) request = NULL;
    g_autoptr(GError) error = NULL;
    json_object *response = NULL;
    guint status = 0;

    if (body != NULL) {
        request = json_tokener_parse(body);
        ck_assert_msg(request != NULL, "test body is not JSON: %s", body);
    }
    if (!corral_client_request(client, method, path, request, &status, &response, &error)) {
        const char *code = corral_client_get_last_error_code(client);
        status = corral_client_get_last_status(client);
        if (status != 0) {
            /* Rebuild the error body the client turned into a GError. */
            json_object *inner = json_object_new_object();
            response = json_object_new_object();
            json_object_object_add(inner, "code", json_object_new_string(code != NULL ? code : ""));
            json_object_object_add(inner, "message", json_object_new_string(error->message));
            json_object_object_add(response, "error", inner);
        }
    }
    ck_assert_msg(status != 0, "%s %s: no answer: %s", method, path,
                  error != NULL ? error->message : "?");
    if (answer != NULL)
        *answer = response;
    else
        json_object_put(response);
    return status;
}

void
corrald_fixture_add_user(CorraldFixture *f, const char *user, const char *role,
                         const char *password)
{
    g_autoptr(CorralClient) local = corrald_fixture_local(f);
    g_autofree char *path = g_strdup_printf("/users/%s", user);
    g_autofree char *body = NULL;
    guint status;

    if (role != NULL) {
        body = g_strdup_printf("{\"name\": \"%s\", \"role\": \"%s\", \"password\": \"%s\"}", user,
                               role, password);
        status = corrald_fixture_call(local, "POST", "/users", body, NULL);
        ck_assert_msg(status == 201, "adding %s: HTTP %u", user, status);
    } else {
        body = g_strdup_printf("{\"password\": \"%s\"}", password);
        status = corrald_fixture_call(local, "PATCH", path, body, NULL);
        ck_assert_msg(status == 200, "setting the password of %s: HTTP %u", user, status);
    }
}

char *
corrald_fixture_login(CorraldFixture *f, const char *user, const char *password, guint *status)
{
    g_autoptr(CorralClient) client = corrald_fixture_https(f);
    g_autoptr(json_object) answer = NULL;
    g_autofree char *body =
        g_strdup_printf("{\"username\": \"%s\", \"password\": \"%s\"}", user, password);
    json_object *token;

    *status = corrald_fixture_call(client, "POST", "/session", body, &answer);
    if (*status != 200 || !json_object_object_get_ex(answer, "token", &token))
        return NULL;
    return g_strdup(json_object_get_string(token));
}

char *
corrald_fixture_log(CorraldFixture *f)
{
    char *text = NULL;

    g_file_get_contents(f->log_path, &text, NULL, NULL);
    return text != NULL ? text : g_strdup("");
}
