/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The checks of Test Management Network: an ICMP echo to an address over a
 * raw socket (root only, which the console is), and resolving a host name
 * with getaddrinfo(). Each blocks for at most its timeout.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sends up to @count echo requests to @address (IPv4 or IPv6); TRUE when
 * one is answered within @timeout_ms of being sent. */
gboolean dcui_net_test_ping(const char *address, guint count, guint timeout_ms, GError **error);

/* Resolves @name; the first address found. */
char *dcui_net_test_resolve(const char *name, GError **error);

G_END_DECLS
