/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Whether this host's kernel can shape guest traffic the way libvirt does
 * it (<bandwidth>, virDomainSetInterfaceParameters): an htb class with an
 * sfq queue for what a guest receives and an ingress police action for
 * what it sends. A guest whose XML asks for shaping the kernel cannot do
 * does not start, so corrald asks first: it tries exactly those with tc in
 * a private network namespace of a short-lived child (on its loopback),
 * never on the host's own interfaces.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The answer, worked out on the first call (about 50 ms) and kept. When it
 * is FALSE, @reason (may be NULL) says why, for messages. */
gboolean corrald_net_shaping_supported(const char **reason);

G_END_DECLS
