/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Kept sessions (see session-file.h).
 */
#include "cli/session-file.h"

#include "common/atomic-file.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

static char *
sessions_dir(void)
{
    return g_build_filename(g_get_user_config_dir(), "corral", "sessions", NULL);
}

char *
cli_session_file_path(const char *peer)
{
    g_autofree char *dir = sessions_dir();

    /* Peers are "host:port" or "[v6]:port": never a "/" that would leave the
     * folder, but be sure. */
    g_autofree char *name = g_strdelimit(g_strdup(peer), "/", '_');

    return g_build_filename(dir, name, NULL);
}

/* Overwrites and frees file contents that hold a token. */
static void
wipe_text(char *text, gsize len)
{
    if (text == NULL)
        return;
    memset(text, 0, len);
    g_free(text);
}

CorralSession *
cli_session_file_load(const char *peer, GError **error)
{
    g_autofree char *path = cli_session_file_path(peer);
    g_autoptr(GError) local = NULL;
    g_autoptr(CorralSession) session = NULL;
    char *text = NULL;
    gsize len = 0;

    if (!g_file_get_contents(path, &text, &len, &local)) {
        if (g_error_matches(local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
            return NULL;
        g_propagate_error(error, g_steal_pointer(&local));
        return NULL;
    }
    session = corral_codec_parse(&corral_session_type, text, len, CORRAL_DECODE_DEFAULT, &local);
    wipe_text(text, len);
    if (session == NULL) {
        g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "%s is not a session kept by corral-cli (%s): remove it and log in again", path,
                    local->message);
        return NULL;
    }
    if (session->expires_at <= g_get_real_time() / G_USEC_PER_SEC) {
        g_unlink(path);
        return NULL;
    }
    return g_steal_pointer(&session);
}

gboolean
cli_session_file_save(const char *peer, const CorralSession *session, GError **error)
{
    g_autofree char *dir = sessions_dir();
    g_autofree char *path = cli_session_file_path(peer);
    char *text;
    gboolean ok;

    if (g_mkdir_with_parents(dir, 0700) < 0) {
        int saved = errno;

        g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(saved), "making %s: %s", dir,
                    g_strerror(saved));
        return FALSE;
    }
    text = corral_codec_format(&corral_session_type, session);
    ok = corral_atomic_write(path, text, strlen(text), 0600, error);
    wipe_text(text, strlen(text));
    return ok;
}

gboolean
cli_session_file_remove(const char *peer, GError **error)
{
    g_autofree char *path = cli_session_file_path(peer);

    if (g_unlink(path) < 0 && errno != ENOENT) {
        int saved = errno;

        g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(saved), "removing %s: %s", path,
                    g_strerror(saved));
        return FALSE;
    }
    return TRUE;
}
