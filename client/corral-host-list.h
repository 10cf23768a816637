/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The hosts the desktop client remembers across restarts: the value of the
 * GSettings key "hosts", an array of (HOST:PORT, USER) pairs in the order
 * they were first connected. These functions only compute new values, so
 * they are tested without a display or a settings backend; the caller
 * writes the result back. Passwords are never part of it (they live in the
 * keyring, see corral-secret.h).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CORRAL_HOST_LIST_TYPE "a(ss)"

/* @list with (@host_port, @user) at the end, or with the user of an entry
 * already there for @host_port replaced in place. A new floating GVariant. */
GVariant *corral_host_list_add(GVariant *list, const char *host_port, const char *user);

/* @list without the entry of @host_port. A new floating GVariant. */
GVariant *corral_host_list_remove(GVariant *list, const char *host_port);

G_END_DECLS
