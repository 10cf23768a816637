/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The guests' VNC passwords. Each guest corrald creates gets a random VNC
 * password (libvirt's passwd with a socket listen: QEMU then offers VNC
 * authentication only), so that even a process that reaches the socket
 * cannot watch or type without it. corrald answers the guest's challenge
 * itself when it opens a console and offers the client security None on
 * the tunnel, which the one-time ticket and TLS already protect; the
 * password never leaves corrald and is never logged.
 */
#pragma once

#include <glib.h>

#include "hostd/call.h"

G_BEGIN_DECLS

/* VNC authentication keys DES with the first 8 characters. */
#define CORRALD_VNC_PASSWORD_LEN 8

/* A new random password of CORRALD_VNC_PASSWORD_LEN letters and digits. */
char *corrald_vnc_password_new(GError **error);

/* The client's answer to VNC authentication's 16-byte @challenge. */
void corrald_vnc_auth_response(const char *password, const guint8 challenge[16],
                               guint8 response[16]);

/* Runs the RFB handshake with the guest's VNC server on @fd up to the
 * security result: version 3.8, security None when offered, else VNC
 * authentication with @password (NULL: none known). Blocks up to
 * @timeout_ms. What follows (ClientInit, ServerInit, …) is the client's. */
gboolean corrald_vnc_auth_server(int fd, const char *password, guint timeout_ms, GError **error);

G_END_DECLS
