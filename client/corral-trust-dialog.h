/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The certificate question. For an unknown host it shows the SHA-256
 * thumbprint in the form the host's direct console shows, to compare, with
 * "Trust" and "Cancel" (Cancel has the focus). For a host whose certificate
 * changed it is a hard stop: both thumbprints and the file that holds the
 * pin, and only "Close". "response" tells whether the user trusted.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CORRAL_TYPE_TRUST_DIALOG (corral_trust_dialog_get_type())
G_DECLARE_FINAL_TYPE(CorralTrustDialog, corral_trust_dialog, CORRAL, TRUST_DIALOG, GtkWindow)

/* An unknown host presented @seen. */
CorralTrustDialog *corral_trust_dialog_new_unknown(GtkWindow *parent, const char *host_port,
                                                   const char *seen);

/* A pinned host presented @seen instead of @pinned. */
CorralTrustDialog *corral_trust_dialog_new_changed(GtkWindow *parent, const char *host_port,
                                                   const char *pinned, const char *seen);

G_END_DECLS
