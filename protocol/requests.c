/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The field tables of the small request and answer bodies.
 */
#include "protocol/requests.h"

#define CONSOLE_TICKET_LIFETIME_MAX 3600

CORRAL_DEFINE_ENUM(CorralPowerAction, corral_power_action, CORRAL_POWER_ACTION_VALUES)
CORRAL_DEFINE_ENUM(CorralHostPowerAction, corral_host_power_action, CORRAL_HOST_POWER_ACTION_VALUES)

static const CorralField power_request_fields[] = {
    [CORRAL_POWER_REQUEST_FIELD_ACTION] = CORRAL_ENUM(
        "action", CorralPowerRequest, action, CORRAL_FIELD_REQUIRED, &corral_power_action_enum),
};
CORRAL_DEFINE_OBJECT(CorralPowerRequest, corral_power_request, "power", power_request_fields,
                     CORRAL_POWER_REQUEST_FIELD_LAST, NULL)

static const CorralField host_power_request_fields[] = {
    [CORRAL_HOST_POWER_REQUEST_FIELD_ACTION] =
        CORRAL_ENUM("action", CorralHostPowerRequest, action, CORRAL_FIELD_REQUIRED,
                    &corral_host_power_action_enum),
};
CORRAL_DEFINE_OBJECT(CorralHostPowerRequest, corral_host_power_request, "host-power",
                     host_power_request_fields, CORRAL_HOST_POWER_REQUEST_FIELD_LAST, NULL)

static const CorralField move_request_fields[] = {
    [CORRAL_MOVE_REQUEST_FIELD_POOL] =
        CORRAL_PATH("pool", CorralMoveRequest, pool, CORRAL_FIELD_REQUIRED),
};
CORRAL_DEFINE_OBJECT(CorralMoveRequest, corral_move_request, "move", move_request_fields,
                     CORRAL_MOVE_REQUEST_FIELD_LAST, NULL)

static const CorralField console_ticket_fields[] = {
    [CORRAL_CONSOLE_TICKET_FIELD_TICKET] = CORRAL_STRING(
        "ticket", CorralConsoleTicket, ticket, CORRAL_FIELD_REQUIRED | CORRAL_FIELD_SECRET),
    [CORRAL_CONSOLE_TICKET_FIELD_EXPIRES_IN] =
        CORRAL_INT("expires_in", CorralConsoleTicket, expires_in, CORRAL_FIELD_REQUIRED, 1,
                   CONSOLE_TICKET_LIFETIME_MAX),
};
CORRAL_DEFINE_OBJECT(CorralConsoleTicket, corral_console_ticket, "console-ticket",
                     console_ticket_fields, CORRAL_CONSOLE_TICKET_FIELD_LAST, NULL)

static const CorralField vm_spec_fields[] = {
    [CORRAL_VM_SPEC_FIELD_NAME] = CORRAL_NAME("name", CorralVmSpec, name, CORRAL_FIELD_REQUIRED),
    [CORRAL_VM_SPEC_FIELD_POOL] = CORRAL_PATH("pool", CorralVmSpec, pool, CORRAL_FIELD_OPTIONAL),
    [CORRAL_VM_SPEC_FIELD_VCPUS] =
        CORRAL_INT("vcpus", CorralVmSpec, vcpus, CORRAL_FIELD_REQUIRED, 1, CORRAL_VM_VCPUS_MAX),
    [CORRAL_VM_SPEC_FIELD_MEMORY_BYTES] = CORRAL_INT("memory_bytes", CorralVmSpec, memory_bytes,
                                                     CORRAL_FIELD_REQUIRED, 1, G_MAXINT64),
    [CORRAL_VM_SPEC_FIELD_GUEST_OS] =
        CORRAL_STRING("guest_os", CorralVmSpec, guest_os, CORRAL_FIELD_OPTIONAL),
    [CORRAL_VM_SPEC_FIELD_DISKS] = CORRAL_OBJECT_ARRAY("disks", CorralVmSpec, disks,
                                                       CORRAL_FIELD_OPTIONAL, &corral_vm_disk_type),
    [CORRAL_VM_SPEC_FIELD_NICS] =
        CORRAL_OBJECT_ARRAY("nics", CorralVmSpec, nics, CORRAL_FIELD_OPTIONAL, &corral_vm_nic_type),
    [CORRAL_VM_SPEC_FIELD_RESOURCES] = CORRAL_OBJECT("resources", CorralVmSpec, resources,
                                                     CORRAL_FIELD_OPTIONAL, &corral_resources_type),
    [CORRAL_VM_SPEC_FIELD_TAGS] = CORRAL_STRING_ARRAY_MAX(
        "tags", CorralVmSpec, tags, CORRAL_FIELD_OPTIONAL | CORRAL_FIELD_UNIQUE, CORRAL_KIND_TAG,
        CORRAL_TAGS_MAX),
    [CORRAL_VM_SPEC_FIELD_FOLDER] =
        CORRAL_FOLDER("folder", CorralVmSpec, folder, CORRAL_FIELD_OPTIONAL),
};
CORRAL_DEFINE_OBJECT(CorralVmSpec, corral_vm_spec, "vm-spec", vm_spec_fields,
                     CORRAL_VM_SPEC_FIELD_LAST, NULL)

static const CorralField pool_spec_fields[] = {
    [CORRAL_POOL_SPEC_FIELD_NAME] =
        CORRAL_NAME("name", CorralPoolSpec, name, CORRAL_FIELD_REQUIRED),
    [CORRAL_POOL_SPEC_FIELD_PARENT] =
        CORRAL_PATH("parent", CorralPoolSpec, parent, CORRAL_FIELD_REQUIRED),
    [CORRAL_POOL_SPEC_FIELD_RESOURCES] = CORRAL_OBJECT(
        "resources", CorralPoolSpec, resources, CORRAL_FIELD_OPTIONAL, &corral_resources_type),
};
CORRAL_DEFINE_OBJECT(CorralPoolSpec, corral_pool_spec, "pool-spec", pool_spec_fields,
                     CORRAL_POOL_SPEC_FIELD_LAST, NULL)

static gboolean
datastore_spec_check(const void *object, const char *path, GError **error)
{
    const CorralDatastoreSpec *spec = object;

    return corral_datastore_source_check(spec->type, &spec->source, path, error);
}

static const CorralField datastore_spec_fields[] = {
    [CORRAL_DATASTORE_SPEC_FIELD_NAME] =
        CORRAL_NAME("name", CorralDatastoreSpec, name, CORRAL_FIELD_REQUIRED),
    [CORRAL_DATASTORE_SPEC_FIELD_TYPE] = CORRAL_ENUM(
        "type", CorralDatastoreSpec, type, CORRAL_FIELD_REQUIRED, &corral_datastore_type_enum),
    [CORRAL_DATASTORE_SPEC_FIELD_SOURCE] =
        CORRAL_OBJECT("source", CorralDatastoreSpec, source, CORRAL_FIELD_REQUIRED,
                      &corral_datastore_source_type),
};
CORRAL_DEFINE_OBJECT(CorralDatastoreSpec, corral_datastore_spec, "datastore-spec",
                     datastore_spec_fields, CORRAL_DATASTORE_SPEC_FIELD_LAST, datastore_spec_check)
