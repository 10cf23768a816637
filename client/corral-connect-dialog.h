/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The connect dialog: host[:port], user, password and "remember" (kept in
 * the keyring through libsecret when the build has it). It runs the whole
 * exchange without blocking: an unknown host's thumbprint is shown to trust
 * or cancel, a changed certificate is a hard stop that shows both, and any
 * other failure is shown in place with the fields kept. "connected" hands
 * over the connection once the inventory is read. Main thread only.
 */
#pragma once

#include <gtk/gtk.h>

#include "client/corral-application.h"

G_BEGIN_DECLS

#define CORRAL_TYPE_CONNECT_DIALOG (corral_connect_dialog_get_type())
G_DECLARE_FINAL_TYPE(CorralConnectDialog, corral_connect_dialog, CORRAL, CONNECT_DIALOG, GtkWindow)

/* @host and @user (either may be NULL: the last ones used) fill their fields. */
CorralConnectDialog *corral_connect_dialog_new(GtkWindow *parent, CorralApplication *app,
                                               const char *host, const char *user);

G_END_DECLS
