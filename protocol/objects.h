/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Every object of the management API and its codec, for callers that use
 * many of them (corrald's handlers, the CLI, the tests).
 */
#pragma once

#include "protocol/codec.h"
#include "protocol/protocol-error.h"

#include "protocol/about.h"
#include "protocol/api-error.h"
#include "protocol/datastore.h"
#include "protocol/datastore-file.h"
#include "protocol/event.h"
#include "protocol/host.h"
#include "protocol/network.h"
#include "protocol/pool.h"
#include "protocol/requests.h"
#include "protocol/resources.h"
#include "protocol/session.h"
#include "protocol/snapshot.h"
#include "protocol/stats.h"
#include "protocol/task.h"
#include "protocol/user.h"
#include "protocol/vm.h"
