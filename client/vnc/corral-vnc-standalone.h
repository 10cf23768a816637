/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * `corral vnc://HOST:PORT`: the client opening any VNC server's console
 * directly, in a window of its own, like gvncviewer.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when @arg is a vnc:// address this mode takes. */
gboolean corral_vnc_standalone_accepts(const char *arg);

/* Splits "vnc://HOST[:PORT]" ("[V6]:PORT" too; the port is 5900 unless
 * given). */
gboolean corral_vnc_standalone_parse(const char *url, char **host, char **port, GError **error);

/* Runs a console window on @url until it closes; the exit status. */
int corral_vnc_standalone_run(const char *url);

G_END_DECLS
