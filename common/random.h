/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Secure random bytes and tokens from the kernel (getrandom). Session tokens,
 * console tickets and VNC passwords all come from here.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Fills @buf with @len bytes from getrandom(2), blocking until the pool is
 * initialised. */
gboolean corral_random_bytes(void *buf, gsize len, GError **error);

/* A token of @bits random bits (a multiple of 8) as lowercase hex. */
char *corral_random_token(guint bits, GError **error);

G_END_DECLS
