/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The field table of a network.
 */
#include "protocol/network.h"

static const CorralField network_fields[] = {
    [CORRAL_NETWORK_FIELD_NAME] = CORRAL_NAME("name", CorralNetwork, name, CORRAL_FIELD_REQUIRED),
    [CORRAL_NETWORK_FIELD_BRIDGE] =
        CORRAL_NAME("bridge", CorralNetwork, bridge, CORRAL_FIELD_OPTIONAL),
    [CORRAL_NETWORK_FIELD_FORWARD] =
        CORRAL_NAME("forward", CorralNetwork, forward, CORRAL_FIELD_REQUIRED),
    [CORRAL_NETWORK_FIELD_ACTIVE] =
        CORRAL_BOOL("active", CorralNetwork, active, CORRAL_FIELD_REQUIRED),
};
CORRAL_DEFINE_OBJECT(CorralNetwork, corral_network, "network", network_fields,
                     CORRAL_NETWORK_FIELD_LAST, NULL)
