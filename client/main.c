/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * corral, the desktop client: sets up gettext (CORRAL_LOCALEDIR points it
 * at a build tree's catalogues) and runs the application. It draws with
 * GTK's cairo renderer and keeps OpenGL off: lists, text and the console's
 * tiles draw as fast without it here, and a process that never opens GL
 * does not map Mesa (about half of its memory with 5,000 guests).
 * CORRAL_GL=1, or any GDK_DEBUG of the user's own, leaves GTK's choice.
 *
 * All threads allocate from one malloc arena. The client's threads (HTTP
 * calls, the console's reader) allocate little and seldom at once; with an
 * arena each, every one of them kept its own high-water pages of freed JSON,
 * 8 MiB of the RSS with 1,000 guests (bench/client: 59.8 -> 51.5 MiB), and
 * the console's CPU per update is the same (bench/console).
 */
#include "config.h"

#include "client/corral-application.h"
#ifdef HAVE_CORRAL_VNC
#include "client/vnc/corral-vnc-standalone.h"
#endif

#include <glib/gi18n.h>
#include <locale.h>
#include <malloc.h>

int
main(int argc, char **argv)
{
    g_autoptr(CorralApplication) app = NULL;
    const char *localedir = g_getenv("CORRAL_LOCALEDIR");

    mallopt(M_ARENA_MAX, 1);
    if (g_getenv("CORRAL_GL") == NULL && g_getenv("GDK_DEBUG") == NULL)
        g_setenv("GDK_DEBUG", "gl-disable", FALSE);
    setlocale(LC_ALL, "");
    bindtextdomain(GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
    bind_textdomain_codeset(GETTEXT_PACKAGE, "UTF-8");
    textdomain(GETTEXT_PACKAGE);

#ifdef HAVE_CORRAL_VNC
    /* `corral vnc://HOST:PORT` opens that console directly. */
    if (argc == 2 && corral_vnc_standalone_accepts(argv[1]))
        return corral_vnc_standalone_run(argv[1]);
#endif
    app = corral_application_new();
    return g_application_run(G_APPLICATION(app), argc, argv);
}
