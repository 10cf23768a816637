/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Service timers: the timer file, the guard's wait, and the claim that
 * decides between a cancel and the deadline.
 */
#include "config.h"

#include "common/hostcfg/service-timer.h"

#include "common/atomic-file.h"
#include "common/error.h"
#include "common/hostcfg/guard-process.h"
#include "common/hostcfg/host-command.h"
#include "common/random.h"
#include "protocol/codec.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#define POLL_MS 500

typedef struct {
    char *token;
    gint64 deadline;
    char *service;
    GStrv argv;
} Timer;

static void
timer_free(Timer *t)
{
    if (t == NULL)
        return;
    g_free(t->token);
    g_free(t->service);
    g_strfreev(t->argv);
    g_free(t);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(Timer, timer_free)

static gboolean
service_name_ok(const char *service)
{
    return service != NULL && *service != '\0' && strlen(service) < 32 &&
           strspn(service, "abcdefghijklmnopqrstuvwxyz0123456789-") == strlen(service);
}

static char *
timer_path(const char *state_dir, const char *service)
{
    g_autofree char *name = g_strdup_printf("service-timer-%s.json", service);

    return g_build_filename(state_dir, name, NULL);
}

static const char *
get_string(json_object *json, const char *key)
{
    json_object *v;

    if (!json_object_object_get_ex(json, key, &v) || !json_object_is_type(v, json_type_string))
        return NULL;
    return json_object_get_string(v);
}

static Timer *
timer_read(const char *path)
{
    g_autofree char *text = NULL;
    g_autoptr(json_object) json = NULL;
    g_autoptr(Timer) t = g_new0(Timer, 1);
    g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func(g_free);
    json_object *v;
    gsize len;

    if (!g_file_get_contents(path, &text, &len, NULL))
        return NULL;
    json = corral_json_parse(text, len, path, NULL);
    if (json == NULL || get_string(json, "token") == NULL ||
        !service_name_ok(get_string(json, "service")) ||
        !json_object_object_get_ex(json, "deadline", &v) ||
        !json_object_object_get_ex(json, "argv", &v) || !json_object_is_type(v, json_type_array) ||
        json_object_array_length(v) == 0)
        return NULL;
    for (gsize i = 0; i < json_object_array_length(v); i++) {
        json_object *word = json_object_array_get_idx(v, i);

        if (!json_object_is_type(word, json_type_string))
            return NULL;
        g_ptr_array_add(argv, g_strdup(json_object_get_string(word)));
    }
    g_ptr_array_add(argv, NULL);
    t->argv = (GStrv)g_ptr_array_free(g_steal_pointer(&argv), FALSE);
    t->token = g_strdup(get_string(json, "token"));
    t->service = g_strdup(get_string(json, "service"));
    json_object_object_get_ex(json, "deadline", &v);
    t->deadline = json_object_get_int64(v);
    return g_steal_pointer(&t);
}

static gboolean
timer_write(const char *path, const Timer *t, GError **error)
{
    g_autoptr(json_object) json = json_object_new_object();
    json_object *argv = json_object_new_array();
    const char *text;

    for (guint i = 0; t->argv[i] != NULL; i++)
        json_object_array_add(argv, json_object_new_string(t->argv[i]));
    json_object_object_add(json, "token", json_object_new_string(t->token));
    json_object_object_add(json, "service", json_object_new_string(t->service));
    json_object_object_add(json, "deadline", json_object_new_int64(t->deadline));
    json_object_object_add(json, "argv", argv);
    text = json_object_to_json_string_ext(json, JSON_C_TO_STRING_PRETTY);
    return corral_atomic_write(path, text, strlen(text), 0600, error);
}

gboolean
corral_service_timer_arm(const char *state_dir, const char *service, guint timeout_s,
                         const char *const *stop_argv, const char *guard_program, GError **error)
{
    g_autofree char *path = NULL;
    g_autoptr(Timer) t = g_new0(Timer, 1);

    g_return_val_if_fail(service_name_ok(service), FALSE);
    g_return_val_if_fail(stop_argv != NULL && stop_argv[0] != NULL, FALSE);
    path = timer_path(state_dir, service);
    t->token = corral_random_token(128, error);
    if (t->token == NULL)
        return FALSE;
    t->service = g_strdup(service);
    t->deadline = g_get_real_time() / G_USEC_PER_SEC + timeout_s;
    t->argv = g_strdupv((GStrv)stop_argv);
    if (!timer_write(path, t, error))
        return FALSE;
    if (!corral_guard_spawn(guard_program, CORRAL_SERVICE_TIMER_FLAG, path, error)) {
        g_unlink(path);
        return FALSE;
    }
    corral_guard_log(state_dir, CORRAL_SERVICE_TIMER_LOG_FILE, "%s: turns off in %u s", service,
                     timeout_s);
    return TRUE;
}

gboolean
corral_service_timer_cancel(const char *state_dir, const char *service)
{
    g_autofree char *path = timer_path(state_dir, service);

    if (g_unlink(path) < 0)
        return FALSE;
    corral_guard_log(state_dir, CORRAL_SERVICE_TIMER_LOG_FILE, "%s: timer cancelled", service);
    return TRUE;
}

gboolean
corral_service_timer_get(const char *state_dir, const char *service, gint64 *deadline)
{
    g_autofree char *path = timer_path(state_dir, service);
    g_autoptr(Timer) t = timer_read(path);

    if (t == NULL)
        return FALSE;
    if (deadline != NULL)
        *deadline = t->deadline;
    return TRUE;
}

/* Waits for the deadline of @t; FALSE when the timer was cancelled or
 * re-armed meanwhile (a newer guard has it then). */
static gboolean
wait_deadline(const char *path, const Timer *t)
{
    while (g_get_real_time() / G_USEC_PER_SEC < t->deadline) {
        g_autoptr(Timer) now = NULL;

        g_usleep(POLL_MS * 1000);
        now = timer_read(path);
        if (now == NULL || strcmp(now->token, t->token) != 0)
            return FALSE;
    }
    return TRUE;
}

int
corral_service_timer_guard_main(const char *path, CorralServiceTimerExpired expired)
{
    g_autofree char *state_dir = g_path_get_dirname(path);
    g_autofree char *claimed = g_strconcat(path, ".expiring", NULL);
    g_autoptr(Timer) t = timer_read(path);
    g_autoptr(Timer) check = NULL;
    g_autoptr(GError) error = NULL;

    if (t == NULL || !wait_deadline(path, t))
        return 0;
    /* One rename() decides between the deadline and a last-moment cancel. */
    if (rename(path, claimed) < 0)
        return 0;
    check = timer_read(claimed);
    if (check == NULL || strcmp(check->token, t->token) != 0) {
        rename(claimed, path); /* re-armed just now: the newer guard decides */
        return 0;
    }
    g_unlink(claimed);
    if (!corral_host_command_run_argv((const char *const *)t->argv, &error) ||
        !expired(state_dir, t->service, &error)) {
        corral_guard_log(state_dir, CORRAL_SERVICE_TIMER_LOG_FILE, "%s: turning off failed: %s",
                         t->service, error->message);
        return 1;
    }
    corral_guard_log(state_dir, CORRAL_SERVICE_TIMER_LOG_FILE, "%s: timed out, turned off",
                     t->service);
    return 0;
}
