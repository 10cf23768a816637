/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The small request and answer bodies of the API that are not objects of
 * their own: power actions, moving a guest, console tickets, and the specs
 * that create guests, pools and datastores. (PATCH bodies reuse the
 * objects, decoded with CORRAL_DECODE_PARTIAL.)
 */
#pragma once

#include "protocol/codec.h"
#include "protocol/datastore.h"
#include "protocol/resources.h"
#include "protocol/vm.h"

G_BEGIN_DECLS

#define CORRAL_POWER_ACTION_VALUES(X)                                                              \
    X(CORRAL_POWER_ACTION_ON, "on")                                                                \
    X(CORRAL_POWER_ACTION_OFF, "off")                                                              \
    X(CORRAL_POWER_ACTION_SHUTDOWN, "shutdown")                                                    \
    X(CORRAL_POWER_ACTION_REBOOT, "reboot")                                                        \
    X(CORRAL_POWER_ACTION_RESET, "reset")                                                          \
    X(CORRAL_POWER_ACTION_SUSPEND, "suspend")                                                      \
    X(CORRAL_POWER_ACTION_RESUME, "resume")

typedef enum {
    CORRAL_POWER_ACTION_VALUES(CORRAL_ENUM_MEMBER) CORRAL_POWER_ACTION_LAST
} CorralPowerAction;
CORRAL_DECLARE_ENUM(CorralPowerAction, corral_power_action)

#define CORRAL_HOST_POWER_ACTION_VALUES(X)                                                         \
    X(CORRAL_HOST_POWER_ACTION_REBOOT, "reboot")                                                   \
    X(CORRAL_HOST_POWER_ACTION_SHUTDOWN, "shutdown")

typedef enum {
    CORRAL_HOST_POWER_ACTION_VALUES(CORRAL_ENUM_MEMBER) CORRAL_HOST_POWER_ACTION_LAST
} CorralHostPowerAction;
CORRAL_DECLARE_ENUM(CorralHostPowerAction, corral_host_power_action)

/* POST /vms/{id}/power */
typedef enum {
    CORRAL_POWER_REQUEST_FIELD_ACTION,
    CORRAL_POWER_REQUEST_FIELD_LAST
} CorralPowerRequestField;

typedef struct {
    guint64 present;
    CorralPowerAction action;
} CorralPowerRequest;
CORRAL_DECLARE_OBJECT(CorralPowerRequest, corral_power_request)

/* POST /host/power */
typedef enum {
    CORRAL_HOST_POWER_REQUEST_FIELD_ACTION,
    CORRAL_HOST_POWER_REQUEST_FIELD_LAST
} CorralHostPowerRequestField;

typedef struct {
    guint64 present;
    CorralHostPowerAction action;
} CorralHostPowerRequest;
CORRAL_DECLARE_OBJECT(CorralHostPowerRequest, corral_host_power_request)

/* POST /vms/{id}/move */
typedef enum {
    CORRAL_MOVE_REQUEST_FIELD_POOL,
    CORRAL_MOVE_REQUEST_FIELD_LAST
} CorralMoveRequestField;

typedef struct {
    guint64 present;
    char *pool;
} CorralMoveRequest;
CORRAL_DECLARE_OBJECT(CorralMoveRequest, corral_move_request)

/* The answer of POST /vms/{id}/console: a single-use ticket, wiped when
 * freed. */
typedef enum {
    CORRAL_CONSOLE_TICKET_FIELD_TICKET,
    CORRAL_CONSOLE_TICKET_FIELD_EXPIRES_IN,
    CORRAL_CONSOLE_TICKET_FIELD_LAST
} CorralConsoleTicketField;

typedef struct {
    guint64 present;
    char *ticket;
    gint64 expires_in;
} CorralConsoleTicket;
CORRAL_DECLARE_OBJECT(CorralConsoleTicket, corral_console_ticket)

/* POST /vms: `pool` absent means the root pool, `resources` absent the
 * defaults; the host picks the UUID and absent NIC MACs. */
typedef enum {
    CORRAL_VM_SPEC_FIELD_NAME,
    CORRAL_VM_SPEC_FIELD_POOL,
    CORRAL_VM_SPEC_FIELD_VCPUS,
    CORRAL_VM_SPEC_FIELD_MEMORY_BYTES,
    CORRAL_VM_SPEC_FIELD_GUEST_OS,
    CORRAL_VM_SPEC_FIELD_DISKS,
    CORRAL_VM_SPEC_FIELD_NICS,
    CORRAL_VM_SPEC_FIELD_RESOURCES,
    CORRAL_VM_SPEC_FIELD_TAGS,
    CORRAL_VM_SPEC_FIELD_FOLDER,
    CORRAL_VM_SPEC_FIELD_LAST
} CorralVmSpecField;

typedef struct {
    guint64 present;
    char *name;
    char *pool;
    gint64 vcpus;
    gint64 memory_bytes;
    char *guest_os;
    GPtrArray *disks; /* CorralVmDisk */
    GPtrArray *nics;  /* CorralVmNic */
    CorralResources resources;
    GPtrArray *tags; /* char *, or NULL: see CorralVm */
    char *folder;
} CorralVmSpec;
CORRAL_DECLARE_OBJECT(CorralVmSpec, corral_vm_spec)

/* POST /pools: `resources` absent means the defaults. */
typedef enum {
    CORRAL_POOL_SPEC_FIELD_NAME,
    CORRAL_POOL_SPEC_FIELD_PARENT,
    CORRAL_POOL_SPEC_FIELD_RESOURCES,
    CORRAL_POOL_SPEC_FIELD_LAST
} CorralPoolSpecField;

typedef struct {
    guint64 present;
    char *name;
    char *parent;
    CorralResources resources;
} CorralPoolSpec;
CORRAL_DECLARE_OBJECT(CorralPoolSpec, corral_pool_spec)

/* POST /datastores */
typedef enum {
    CORRAL_DATASTORE_SPEC_FIELD_NAME,
    CORRAL_DATASTORE_SPEC_FIELD_TYPE,
    CORRAL_DATASTORE_SPEC_FIELD_SOURCE,
    CORRAL_DATASTORE_SPEC_FIELD_LAST
} CorralDatastoreSpecField;

typedef struct {
    guint64 present;
    char *name;
    CorralDatastoreType type;
    CorralDatastoreSource source;
} CorralDatastoreSpec;
CORRAL_DECLARE_OBJECT(CorralDatastoreSpec, corral_datastore_spec)

G_END_DECLS
