/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Part of the host configuration (hostcfg): makes the kernel's management
 * network match a CorralHostConfig. Addresses, routes and VLAN links go
 * through rtnetlink; DHCP runs Debian's udhcpc once (an argv, no shell)
 * with a script that hands the lease back in a file; resolv.conf and the
 * host name file are written atomically and the kernel's host name is set.
 * All of it acts on the calling process's network and UTS namespaces.
 */
#pragma once

#include <glib.h>

#include "common/hostcfg/host-config.h"

G_BEGIN_DECLS

typedef struct {
    char *resolv_conf;   /* /etc/resolv.conf */
    char *hostname_file; /* /etc/hostname; NULL or "" to leave it alone */
    gboolean set_kernel_hostname;
    char *dhcp_client; /* "udhcpc", found in PATH */
    char *dhcp_script; /* the script shipped as data/udhcpc-script */
    char *lease_dir;   /* where the lease file goes: STATE_DIR */
    guint dhcp_timeout_s;
} CorralNetApplyOptions;

/* The installed paths. */
void corral_net_apply_options_init(CorralNetApplyOptions *options, const char *state_dir);
void corral_net_apply_options_clear(CorralNetApplyOptions *options);

/* As JSON, so that the rollback guard applies with the same options. */
json_object *corral_net_apply_options_to_json(const CorralNetApplyOptions *options);
gboolean corral_net_apply_options_from_json(CorralNetApplyOptions *options, json_object *json,
                                            GError **error);

/* Applies @next; @previous (may be NULL) is what is applied now, so that a
 * VLAN link or an adapter it used is cleaned up. Stops at the first error,
 * which names the step. */
gboolean corral_net_apply(const CorralHostConfig *previous, const CorralHostConfig *next,
                          const CorralNetApplyOptions *options, GError **error);

G_END_DECLS
