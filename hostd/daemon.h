/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * corrald's state, shared by every connection thread: the configuration,
 * the certificate, the libvirt connection and the stores of users, sessions,
 * events and tasks. Each store locks itself; the libvirt connection is
 * thread-safe. Made once at start by main.c.
 */
#pragma once

#include <glib.h>
#include <libvirt/libvirt.h>

#include "common/config-file.h"
#include "common/tls-cert.h"
#include "hostd/event-log.h"
#include "hostd/session-store.h"
#include "hostd/task-list.h"
#include "common/hostcfg/user-store.h"

G_BEGIN_DECLS

typedef struct CorraldSampler CorraldSampler;
typedef struct CorraldPoolManager CorraldPoolManager;
typedef struct CorraldInventoryCache CorraldInventoryCache;
typedef struct CorraldConsoleBroker CorraldConsoleBroker;

struct CorraldDaemon {
    CorralConfig config;
    CorralTlsCert *cert;
    virConnectPtr conn;
    CorralUserStore *users;
    CorraldSessionStore *sessions;
    CorraldEventLog *events;
    CorraldTaskList *tasks;
    CorraldSampler *sampler;
    CorraldPoolManager *pools; /* the resource pool tree, enforced */
    /* The guest list, for GET /vms. */
    CorraldInventoryCache *inventory;
    CorraldConsoleBroker *consoles; /* console tickets and relays */
    char *state_dir;
    char *version; /* libvirt and QEMU versions, for /host */

    /* Login failures by user name: lockout and its release time. */
    GMutex auth_lock;
    GHashTable *failures;
};

G_END_DECLS
