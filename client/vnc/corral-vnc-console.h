/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * CorralVncConsole: a console as the client shows it, a CorralVncView under
 * a toolbar (keys to send, fit or 1:1, fullscreen, a window of its own,
 * screenshot, type the clipboard, and the clipboard sharing switch, off
 * until the user turns it on) with a status line. It opens the console
 * when it is shown and closes it when hidden, so a guest page's console
 * tab costs nothing while another tab is up. Used by the guest page and by
 * corral-vnc-viewer. Main thread only.
 */
#pragma once

#include <gtk/gtk.h>

#include "client/vnc/corral-vnc-view.h"
#include "protocol/client.h"

G_BEGIN_DECLS

#define CORRAL_TYPE_VNC_CONSOLE (corral_vnc_console_get_type())
G_DECLARE_FINAL_TYPE(CorralVncConsole, corral_vnc_console, CORRAL, VNC_CONSOLE, GtkBox)

/* The console of guest @vm_id through corrald, with @client (taken over;
 * used from the main thread only); @title names its own window. */
GtkWidget *corral_vnc_console_new_for_guest(CorralClient *client, const char *vm_id,
                                            const char *title);

/* A console of the VNC server at @host:@port. */
GtkWidget *corral_vnc_console_new_for_host(const char *host, const char *port);

CorralVncView *corral_vnc_console_get_view(CorralVncConsole *console);

G_END_DECLS
