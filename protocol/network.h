/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A network that guests can join, as GET /networks lists it: a libvirt
 * virtual network with its bridge and forward mode (nat, route, bridge,
 * open, none for an isolated network, and the others libvirt knows).
 */
#pragma once

#include "protocol/codec.h"

G_BEGIN_DECLS

/* `bridge` is absent for networks without a host bridge (macvtap, hostdev). */
typedef enum {
    CORRAL_NETWORK_FIELD_NAME,
    CORRAL_NETWORK_FIELD_BRIDGE,
    CORRAL_NETWORK_FIELD_FORWARD,
    CORRAL_NETWORK_FIELD_ACTIVE,
    CORRAL_NETWORK_FIELD_LAST
} CorralNetworkField;

typedef struct {
    guint64 present;
    char *name;
    char *bridge;
    char *forward;
    gboolean active;
} CorralNetwork;
CORRAL_DECLARE_OBJECT(CorralNetwork, corral_network)

G_END_DECLS
