/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * corral, the desktop client: sets up gettext (CORRAL_LOCALEDIR points it
 * at a build tree's catalogues) and runs the application.
 */
#include "config.h"

#include "client/corral-application.h"

#include <glib/gi18n.h>
#include <locale.h>

int
main(int argc, char **argv)
{
    g_autoptr(CorralApplication) app = NULL;
    const char *localedir = g_getenv("CORRAL_LOCALEDIR");

    setlocale(LC_ALL, "");
    bindtextdomain(GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
    bind_textdomain_codeset(GETTEXT_PACKAGE, "UTF-8");
    textdomain(GETTEXT_PACKAGE);

    app = corral_application_new();
    return g_application_run(G_APPLICATION(app), argc, argv);
}
