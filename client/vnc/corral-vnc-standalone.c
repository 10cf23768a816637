/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The vnc:// mode (see corral-vnc-standalone.h): one CorralVncConsole in
 * an application window.
 */
#include "client/vnc/corral-vnc-standalone.h"

#include "client/vnc/corral-vnc-console.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#define SCHEME "vnc://"

gboolean
corral_vnc_standalone_accepts(const char *arg)
{
    return arg != NULL && g_str_has_prefix(arg, SCHEME);
}

gboolean
corral_vnc_standalone_parse(const char *url, char **host, char **port, GError **error)
{
    const char *rest = url + strlen(SCHEME);
    const char *colon;
    guint64 number;
    char *end;

    *host = *port = NULL;
    if (!corral_vnc_standalone_accepts(url) || rest[0] == '\0')
        goto bad;
    if (rest[0] == '[') {
        const char *close = strchr(rest, ']');
        if (close == NULL || close == rest + 1)
            goto bad;
        *host = g_strndup(rest + 1, (gsize)(close - rest - 1));
        colon = close[1] == ':' ? close + 1 : NULL;
        if (colon == NULL && close[1] != '\0')
            goto bad;
    } else {
        colon = strchr(rest, ':');
        *host = g_strndup(rest, colon != NULL ? (gsize)(colon - rest) : strlen(rest));
    }
    if ((*host)[0] == '\0' || strpbrk(*host, "/?#@ ") != NULL)
        goto bad;
    if (colon == NULL) {
        *port = g_strdup("5900");
        return TRUE;
    }
    number = g_ascii_strtoull(colon + 1, &end, 10);
    if (colon[1] == '\0' || *end != '\0' || number == 0 || number > 65535)
        goto bad;
    *port = g_strdup(colon + 1);
    return TRUE;
bad:
    g_clear_pointer(host, g_free);
    g_clear_pointer(port, g_free);
    g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                _("“%s” is not a VNC address: use vnc://HOST:PORT"), url);
    return FALSE;
}

static void
on_activate(GtkApplication *app, const char *url)
{
    g_autofree char *host = NULL, *port = NULL;
    g_autoptr(GError) error = NULL;
    GtkWidget *window;

    if (!corral_vnc_standalone_parse(url, &host, &port, &error)) {
        g_printerr("corral: %s\n", error->message);
        g_application_quit(G_APPLICATION(app));
        return;
    }
    window = gtk_application_window_new(app);
    gtk_window_set_title(GTK_WINDOW(window), url);
    gtk_window_set_default_size(GTK_WINDOW(window), 800, 500);
    gtk_window_set_child(GTK_WINDOW(window), corral_vnc_console_new_for_host(host, port));
    gtk_window_present(GTK_WINDOW(window));
}

int
corral_vnc_standalone_run(const char *url)
{
    g_autoptr(GtkApplication) app = gtk_application_new(NULL, G_APPLICATION_NON_UNIQUE);
    char *argv[] = {(char *)"corral", NULL};

    g_signal_connect(app, "activate", G_CALLBACK(on_activate), (gpointer)url);
    return g_application_run(G_APPLICATION(app), 1, argv);
}
