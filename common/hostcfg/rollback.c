/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The confirm/rollback guard of management network changes. The pending
 * file holds a random token, the deadline, the settings to restore and the
 * apply options; a newer change replaces the token, which tells an older
 * guard to stand down.
 */
#include "config.h"

#include "common/hostcfg/rollback.h"

#include "common/atomic-file.h"
#include "common/error.h"
#include "common/hostcfg/guard-process.h"
#include "common/random.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define POLL_MS 200

typedef struct {
    char *token;
    gint64 deadline;
    CorralHostConfig *previous;
    CorralNetApplyOptions options;
} Pending;

static void
pending_free(Pending *p)
{
    if (p == NULL)
        return;
    g_free(p->token);
    if (p->previous != NULL)
        corral_host_config_free(p->previous);
    corral_net_apply_options_clear(&p->options);
    g_free(p);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(Pending, pending_free)

static char *
pending_path(const char *state_dir)
{
    return g_build_filename(state_dir, CORRAL_ROLLBACK_PENDING_FILE, NULL);
}

static Pending *
pending_read(const char *path, GError **error)
{
    g_autofree char *text = NULL;
    g_autoptr(json_object) json = NULL;
    g_autoptr(Pending) p = g_new0(Pending, 1);
    json_object *v;
    gsize len;

    if (!g_file_get_contents(path, &text, &len, error))
        return NULL;
    json = corral_json_parse(text, len, path, error);
    if (json == NULL)
        return NULL;
    if (!json_object_object_get_ex(json, "token", &v) ||
        !json_object_is_type(v, json_type_string)) {
        g_set_error(error, CORRAL_ERROR, CORRAL_ERROR_CONFIG, "%s: no token", path);
        return NULL;
    }
    p->token = g_strdup(json_object_get_string(v));
    if (json_object_object_get_ex(json, "deadline", &v))
        p->deadline = json_object_get_int64(v);
    if (!json_object_object_get_ex(json, "previous", &v))
        v = NULL;
    p->previous = v != NULL ? corral_host_config_from_json(v, error) : NULL;
    if (p->previous == NULL) {
        if (v == NULL)
            g_set_error(error, CORRAL_ERROR, CORRAL_ERROR_CONFIG, "%s: no settings", path);
        return NULL;
    }
    corral_host_config_normalize(p->previous);
    if (!json_object_object_get_ex(json, "options", &v) ||
        !corral_net_apply_options_from_json(&p->options, v, error))
        return NULL;
    return g_steal_pointer(&p);
}

static gboolean
pending_write(const char *path, const Pending *p, GError **error)
{
    g_autoptr(json_object) json = json_object_new_object();
    const char *text;

    json_object_object_add(json, "token", json_object_new_string(p->token));
    json_object_object_add(json, "deadline", json_object_new_int64(p->deadline));
    json_object_object_add(json, "previous", corral_host_config_to_json(p->previous));
    json_object_object_add(json, "options", corral_net_apply_options_to_json(&p->options));
    text = json_object_to_json_string_ext(json, JSON_C_TO_STRING_PRETTY);
    return corral_atomic_write(path, text, strlen(text), 0600, error);
}

#define log_line(state_dir, ...) corral_guard_log(state_dir, CORRAL_ROLLBACK_LOG_FILE, __VA_ARGS__)

gboolean
corral_rollback_arm(const char *state_dir, const CorralHostConfig *previous,
                    const CorralNetApplyOptions *options, guint timeout_s,
                    const char *guard_program, GError **error)
{
    g_autofree char *path = pending_path(state_dir);
    g_autoptr(Pending) older = pending_read(path, NULL);
    g_autoptr(Pending) p = g_new0(Pending, 1);
    g_autoptr(json_object) options_json = corral_net_apply_options_to_json(options);

    p->token = corral_random_token(128, error);
    if (p->token == NULL)
        return FALSE;
    p->deadline = g_get_real_time() / G_USEC_PER_SEC + timeout_s;
    p->previous = corral_host_config_copy(older != NULL ? older->previous : previous);
    if (!corral_net_apply_options_from_json(&p->options, options_json, error) ||
        !pending_write(path, p, error))
        return FALSE;
    if (!corral_guard_spawn(guard_program, "--rollback-guard", path, error)) {
        g_unlink(path);
        return FALSE;
    }
    log_line(state_dir, "change applied; rolling back in %u s unless confirmed", timeout_s);
    return TRUE;
}

gboolean
corral_rollback_confirm(const char *state_dir, GError **error)
{
    g_autofree char *path = pending_path(state_dir);

    if (g_unlink(path) < 0) {
        int err = errno;

        g_set_error(error, CORRAL_ERROR, err == ENOENT ? CORRAL_ERROR_NOT_FOUND : CORRAL_ERROR_IO,
                    "%s",
                    err == ENOENT ? _("No network change is waiting for confirmation; it may "
                                      "have been rolled back already.")
                                  : g_strerror(err));
        return FALSE;
    }
    log_line(state_dir, "change confirmed");
    return TRUE;
}

gboolean
corral_rollback_get_pending(const char *state_dir, gint64 *deadline)
{
    g_autofree char *path = pending_path(state_dir);
    g_autoptr(Pending) p = pending_read(path, NULL);

    if (p == NULL)
        return FALSE;
    if (deadline != NULL)
        *deadline = p->deadline;
    return TRUE;
}

/* Restores the settings of the claimed file @claimed: the network as it
 * was, and host.json with it. */
static gboolean
execute(const char *state_dir, const char *claimed, GError **error)
{
    g_autoptr(Pending) p = pending_read(claimed, error);
    g_autoptr(CorralHostConfig) current = NULL;
    g_autoptr(GError) local = NULL;

    if (p == NULL)
        return FALSE;
    current = corral_host_config_load(state_dir, NULL);
    if (corral_host_config_save(p->previous, state_dir, &local))
        corral_net_apply(current, p->previous, &p->options, &local);
    g_unlink(claimed);
    if (local != NULL) {
        log_line(state_dir, "rollback failed: %s", local->message);
        g_propagate_error(error, g_steal_pointer(&local));
        return FALSE;
    }
    log_line(state_dir, "rolled back");
    return TRUE;
}

static char *
claim(const char *path, GError **error)
{
    char *claimed = g_strconcat(path, ".reverting", NULL);

    if (rename(path, claimed) < 0) {
        int err = errno;

        g_set_error(
            error, CORRAL_ERROR, err == ENOENT ? CORRAL_ERROR_NOT_FOUND : CORRAL_ERROR_IO, "%s",
            err == ENOENT ? _("No network change is waiting for confirmation.") : g_strerror(err));
        g_free(claimed);
        return NULL;
    }
    return claimed;
}

gboolean
corral_rollback_revert_now(const char *state_dir, GError **error)
{
    g_autofree char *path = pending_path(state_dir);
    g_autofree char *claimed = claim(path, error);

    if (claimed == NULL)
        return FALSE;
    return execute(state_dir, claimed, error);
}

int
corral_rollback_guard_main(const char *path)
{
    g_autofree char *state_dir = g_path_get_dirname(path);
    g_autoptr(Pending) p = pending_read(path, NULL);
    g_autofree char *claimed = NULL;
    g_autoptr(Pending) check = NULL;
    g_autoptr(GError) error = NULL;

    if (p == NULL)
        return 0;
    for (;;) {
        g_autoptr(Pending) now = NULL;

        if (g_get_real_time() / G_USEC_PER_SEC >= p->deadline)
            break;
        g_usleep(POLL_MS * 1000);
        now = pending_read(path, NULL);
        if (now == NULL || strcmp(now->token, p->token) != 0)
            return 0; /* confirmed, or a newer change has its own guard */
    }
    claimed = claim(path, NULL);
    if (claimed == NULL)
        return 0; /* confirmed at the last moment */
    check = pending_read(claimed, NULL);
    if (check == NULL || strcmp(check->token, p->token) != 0) {
        rename(claimed, path); /* a newer change slipped in: its guard decides */
        return 0;
    }
    if (!execute(state_dir, claimed, &error))
        return 1;
    return 0;
}
