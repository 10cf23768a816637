/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The guest commands: vm list, show, create, tag, folder, power, cdrom and
 * delete. Guests are named on the command line by id or by name; a name is
 * looked up in the list. Long operations answer with a task, which is polled until it ends.
 */
#include "cli/commands.h"

#include "cli/output.h"
#include "protocol/requests.h"
#include "protocol/task.h"
#include "protocol/vm.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

/* How often a running task is polled, in milliseconds. */
#define TASK_POLL_MS 250

static gboolean
looks_like_uuid(const char *text)
{
    return g_uuid_string_is_valid(text);
}

/* The guests of GET /vms, decoded. */
static GPtrArray *
list_vms(CliContext *ctx, json_object **raw, GError **error)
{
    g_autoptr(json_object) answer = cli_get(ctx, "/vms", error);
    g_autoptr(GPtrArray) vms = NULL;
    json_object *array;

    if (answer == NULL)
        return NULL;
    array = cli_answer_array(answer, "vms", error);
    if (array == NULL)
        return NULL;
    vms = g_ptr_array_new_with_free_func((GDestroyNotify)corral_vm_free);
    for (gsize i = 0; i < json_object_array_length(array); i++) {
        CorralVm *vm = corral_vm_from_json(json_object_array_get_idx(array, i), error);

        if (vm == NULL)
            return NULL;
        g_ptr_array_add(vms, vm);
    }
    if (raw != NULL)
        *raw = g_steal_pointer(&answer);
    return g_steal_pointer(&vms);
}

/* The id of the guest that @id_or_name names. */
static char *
resolve_vm(CliContext *ctx, const char *id_or_name, GError **error)
{
    g_autoptr(GPtrArray) vms = NULL;
    const char *found = NULL;
    guint matches = 0;

    if (looks_like_uuid(id_or_name))
        return g_ascii_strdown(id_or_name, -1);
    vms = list_vms(ctx, NULL, error);
    if (vms == NULL)
        return NULL;
    for (guint i = 0; i < vms->len; i++) {
        const CorralVm *vm = vms->pdata[i];

        if (g_str_equal(vm->name, id_or_name)) {
            found = vm->id;
            matches++;
        }
    }
    if (matches == 0) {
        g_set_error(error, CLI_ERROR, CLI_ERROR_FAILED, _("no guest is named “%s”"), id_or_name);
        return NULL;
    }
    if (matches > 1) {
        g_set_error(error, CLI_ERROR, CLI_ERROR_FAILED,
                    _("%1$u guests are named “%2$s”: name the one you mean by its id"), matches,
                    id_or_name);
        return NULL;
    }
    return g_strdup(found);
}

/* GET /vms/{id}, as JSON and decoded. */
static CorralVm *
get_vm(CliContext *ctx, const char *id, json_object **raw, GError **error)
{
    g_autofree char *segment = cli_path_segment(id);
    g_autofree char *path = g_strconcat("/vms/", segment, NULL);
    g_autoptr(json_object) answer = cli_get(ctx, path, error);
    CorralVm *vm;

    if (answer == NULL)
        return NULL;
    vm = corral_vm_from_json(answer, error);
    if (vm != NULL && raw != NULL)
        *raw = g_steal_pointer(&answer);
    return vm;
}

/* The task of a 202 answer, {"task": {…}}; NULL without error when the
 * answer holds none (the operation was done at once). */
static CorralTask *
answer_task(json_object *answer, GError **error)
{
    json_object *task;

    if (answer == NULL || !json_object_object_get_ex(answer, "task", &task))
        return NULL;
    return corral_task_from_json(task, error);
}

/* Polls GET /tasks/{id} until the task ends; fails with the task's error
 * when it failed. */
static CorralTask *
wait_task(CliContext *ctx, CorralTask *task, GError **error)
{
    g_autoptr(CorralTask) current = task;
    g_autofree char *segment = cli_path_segment(task->id);
    g_autofree char *path = g_strconcat("/tasks/", segment, NULL);

    while (current->state == CORRAL_TASK_STATE_QUEUED ||
           current->state == CORRAL_TASK_STATE_RUNNING) {
        g_autoptr(json_object) answer = NULL;
        json_object *inner;

        g_usleep(TASK_POLL_MS * 1000);
        answer = cli_get(ctx, path, error);
        if (answer == NULL)
            return NULL;
        /* The task itself, or wrapped like the 202 answer. */
        if (!json_object_object_get_ex(answer, "task", &inner))
            inner = answer;
        g_clear_pointer(&current, corral_task_free);
        current = corral_task_from_json(inner, error);
        if (current == NULL)
            return NULL;
    }
    if (current->state == CORRAL_TASK_STATE_ERROR) {
        g_set_error(error, CLI_ERROR, CLI_ERROR_FAILED, _("task %1$s (%2$s) failed: %3$s"),
                    current->id, current->kind,
                    current->error != NULL ? current->error : _("no reason given"));
        return NULL;
    }
    return g_steal_pointer(&current);
}

/* Waits for the task of @answer, if it holds one. */
static gboolean
finish_answer(CliContext *ctx, json_object *answer, CorralTask **done, GError **error)
{
    g_autoptr(GError) local = NULL;
    CorralTask *task = answer_task(answer, &local);
    CorralTask *finished;

    if (local != NULL) {
        g_propagate_error(error, g_steal_pointer(&local));
        return FALSE;
    }
    if (task == NULL)
        return TRUE;
    finished = wait_task(ctx, task, error);
    if (finished == NULL)
        return FALSE;
    if (done != NULL)
        *done = finished;
    else
        corral_task_free(finished);
    return TRUE;
}

/* Checks the tags a user typed (@what names where, for the message). */
static gboolean
check_tags(const char *what, char **tags, GError **error)
{
    for (guint i = 0; tags != NULL && tags[i] != NULL; i++) {
        g_autoptr(GError) why = NULL;

        if (!corral_tag_validate(tags[i], &why)) {
            g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE, _("%1$s “%2$s”: %3$s"), what, tags[i],
                        why->message);
            return FALSE;
        }
    }
    return TRUE;
}

static gboolean
has_tag(const CorralVm *vm, const char *tag)
{
    return vm->tags != NULL && g_ptr_array_find_with_equal_func(vm->tags, tag, g_str_equal, NULL);
}

/* Whether @vm has every tag of @tags (NULL: no filter). */
static gboolean
has_tags(const CorralVm *vm, char **tags)
{
    for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
        if (!has_tag(vm, tags[i]))
            return FALSE;
    return TRUE;
}

/* "web, db", or "" without tags. */
static char *
tags_text(const CorralVm *vm)
{
    GString *text = g_string_new(NULL);

    for (guint i = 0; vm->tags != NULL && i < vm->tags->len; i++)
        g_string_append_printf(text, "%s%s", i > 0 ? ", " : "", (char *)vm->tags->pdata[i]);
    return g_string_free(text, FALSE);
}

/* Hosts that predate folders send none: the top. */
static const char *
folder_of(const CorralVm *vm)
{
    return vm->folder != NULL && *vm->folder != '\0' ? vm->folder : "/";
}

gboolean
cli_cmd_vm_list(CliContext *ctx, GError **error)
{
    g_autoptr(json_object) raw = NULL;
    g_autoptr(GPtrArray) vms = NULL;
    const char *const headers[] = {_("NAME"),   _("STATE"), _("VCPUS"), _("MEMORY"), _("POOL"),
                                   _("FOLDER"), _("TAGS"),  _("ID"),    NULL};
    g_autoptr(CliTable) table = NULL;
    json_object *shown = NULL;

    if (!check_tags("--tag", ctx->tags, error))
        return FALSE;
    vms = list_vms(ctx, &raw, error);
    if (vms == NULL)
        return FALSE;
    if (ctx->json) {
        /* The answer as it came, less the guests the filter leaves out. */
        if (ctx->tags != NULL && json_object_object_get_ex(raw, "vms", &shown)) {
            json_object *kept = json_object_new_array();

            for (guint i = 0; i < vms->len; i++)
                if (has_tags(vms->pdata[i], ctx->tags))
                    json_object_array_add(kept,
                                          json_object_get(json_object_array_get_idx(shown, i)));
            json_object_object_add(raw, "vms", kept);
        }
        cli_print_json(raw, FALSE);
        return TRUE;
    }
    table = cli_table_new(headers);
    for (guint i = 0; i < vms->len; i++) {
        const CorralVm *vm = vms->pdata[i];
        g_autofree char *vcpus = g_strdup_printf("%" G_GINT64_FORMAT, vm->vcpus);
        g_autofree char *memory = cli_size_format(vm->memory_bytes);
        g_autofree char *tags = tags_text(vm);

        if (!has_tags(vm, ctx->tags))
            continue;
        cli_table_add_row(
            table, (const char *const[]){vm->name, corral_vm_state_to_string(vm->state), vcpus,
                                         memory, vm->pool, folder_of(vm), tags, vm->id});
    }
    cli_table_print(table);
    return TRUE;
}

/* "Key: value" lines in the making: @fields alternates keys and values,
 * @owned keeps the strings made for them. */
typedef struct {
    GPtrArray *fields;
    GPtrArray *owned;
} FieldList;

static void
add_field(FieldList *list, const char *key, const char *value)
{
    g_ptr_array_add(list->fields, (gpointer)key);
    g_ptr_array_add(list->fields, (gpointer)value);
}

/* @text, kept until the list is printed. */
static const char *
own(FieldList *list, char *text)
{
    g_ptr_array_add(list->owned, text);
    return text;
}

static void
print_vm(const CorralVm *vm)
{
    g_autoptr(GPtrArray) fields = g_ptr_array_new();
    g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func(g_free);
    FieldList list = {fields, owned};

    add_field(&list, _("Name"), vm->name);
    add_field(&list, _("ID"), vm->id);
    add_field(&list, _("State"), corral_vm_state_to_string(vm->state));
    add_field(&list, _("Pool"), vm->pool);
    add_field(&list, _("Folder"), folder_of(vm));
    add_field(&list, _("Tags"), own(&list, tags_text(vm)));
    add_field(&list, _("vCPUs"), own(&list, g_strdup_printf("%" G_GINT64_FORMAT, vm->vcpus)));
    add_field(&list, _("Memory"), own(&list, cli_size_format(vm->memory_bytes)));
    add_field(&list, _("Guest OS"), vm->guest_os);
    add_field(&list, _("CPU usage"), own(&list, g_strdup_printf("%.1f %%", vm->usage.cpu_pct)));
    add_field(&list, _("Memory used"), own(&list, cli_size_format(vm->usage.memory_used_bytes)));
    for (guint i = 0; vm->disks != NULL && i < vm->disks->len; i++) {
        const CorralVmDisk *disk = vm->disks->pdata[i];
        g_autofree char *size = cli_size_format(disk->size_bytes);
        const char *bus = corral_disk_bus_to_string(disk->bus);

        if (corral_vm_disk_is_cdrom(disk) && disk->datastore == NULL)
            add_field(&list, own(&list, g_strdup_printf(_("CD-ROM %u"), i + 1)),
                      own(&list, g_strdup_printf(_("empty, %s"), bus)));
        else
            add_field(
                &list,
                own(&list,
                    g_strdup_printf(corral_vm_disk_is_cdrom(disk) ? _("CD-ROM %u") : _("Disk %u"),
                                    i + 1)),
                own(&list, g_strdup_printf("%s:%s, %s, %s", disk->datastore,
                                           disk->volume != NULL ? disk->volume : "-", size, bus)));
    }
    for (guint i = 0; vm->nics != NULL && i < vm->nics->len; i++) {
        const CorralVmNic *nic = vm->nics->pdata[i];

        add_field(&list, own(&list, g_strdup_printf(_("NIC %u"), i + 1)),
                  own(&list,
                      g_strdup_printf("%s, %s, %s", nic->network, nic->mac != NULL ? nic->mac : "-",
                                      nic->model != NULL ? nic->model : "-")));
    }
    cli_print_fields((const char *const *)fields->pdata, fields->len / 2);
}

gboolean
cli_cmd_vm_show(CliContext *ctx, GError **error)
{
    g_autofree char *id = resolve_vm(ctx, ctx->args[0], error);
    g_autoptr(json_object) raw = NULL;
    g_autoptr(CorralVm) vm = NULL;

    if (id == NULL)
        return FALSE;
    vm = get_vm(ctx, id, &raw, error);
    if (vm == NULL)
        return FALSE;
    if (ctx->json)
        cli_print_json(raw, FALSE);
    else
        print_vm(vm);
    return TRUE;
}

/* The disks of --disk DATASTORE:SIZE, named after the guest. */
static gboolean
add_disks(CorralVmSpec *spec, char **disks, GError **error)
{
    for (guint i = 0; disks != NULL && disks[i] != NULL; i++) {
        const char *colon = strrchr(disks[i], ':');
        g_autoptr(CorralVmDisk) disk = g_new0(CorralVmDisk, 1);
        g_autoptr(GError) why = NULL;

        if (colon == NULL || colon == disks[i]) {
            g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE,
                        _("--disk %s: expected DATASTORE:SIZE, such as local:20G"), disks[i]);
            return FALSE;
        }
        if (!cli_size_parse(colon + 1, &disk->size_bytes, &why)) {
            g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE, "--disk %s: %s", disks[i], why->message);
            return FALSE;
        }
        disk->datastore = g_strndup(disks[i], (gsize)(colon - disks[i]));
        disk->volume = g_strdup_printf("%s-disk%u.qcow2", spec->name, i);
        disk->bus = CORRAL_DISK_BUS_VIRTIO;
        g_ptr_array_add(spec->disks, g_steal_pointer(&disk));
    }
    return TRUE;
}

/* DATASTORE:PATH of an ISO file into @disk. */
static gboolean
parse_iso(const char *what, const char *text, CorralVmDisk *disk, GError **error)
{
    const char *colon = strchr(text, ':');

    if (colon == NULL || colon == text || colon[1] == '\0') {
        g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE,
                    _("%1$s %2$s: expected DATASTORE:PATH, such as local:isos/debian.iso"), what,
                    text);
        return FALSE;
    }
    g_free(disk->datastore);
    g_free(disk->volume);
    disk->datastore = g_strndup(text, (gsize)(colon - text));
    disk->volume = g_strdup(colon + 1);
    return TRUE;
}

/* The CD-ROM drives of --cdrom DATASTORE:PATH, on SATA. */
static gboolean
add_cdroms(CorralVmSpec *spec, char **cdroms, GError **error)
{
    for (guint i = 0; cdroms != NULL && cdroms[i] != NULL; i++) {
        g_autoptr(CorralVmDisk) disk = g_new0(CorralVmDisk, 1);

        if (!parse_iso("--cdrom", cdroms[i], disk, error))
            return FALSE;
        disk->bus = CORRAL_DISK_BUS_SATA;
        disk->device = CORRAL_DISK_DEVICE_CDROM;
        CORRAL_SET_PRESENT(disk, CORRAL_VM_DISK_FIELD_DEVICE);
        g_ptr_array_add(spec->disks, g_steal_pointer(&disk));
    }
    return TRUE;
}

static void
add_nics(CorralVmSpec *spec, char **networks)
{
    for (guint i = 0; networks != NULL && networks[i] != NULL; i++) {
        CorralVmNic *nic = g_new0(CorralVmNic, 1);

        nic->network = g_strdup(networks[i]);
        nic->model = g_strdup("virtio");
        g_ptr_array_add(spec->nics, nic);
    }
}

/* The id of the guest a create task made: its target when that is an id,
 * else the guest of that name. */
static char *
created_id(CliContext *ctx, const CorralTask *task, const char *name, GError **error)
{
    if (task != NULL && task->target != NULL && looks_like_uuid(task->target))
        return g_strdup(task->target);
    return resolve_vm(ctx, name, error);
}

static gboolean
check_folder(const char *folder, GError **error)
{
    g_autoptr(GError) why = NULL;

    if (corral_folder_validate(folder, &why))
        return TRUE;
    g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE, _("folder “%1$s”: %2$s"), folder, why->message);
    return FALSE;
}

/* --tag and --folder of vm create. */
static gboolean
add_labels(CorralVmSpec *spec, char **tags, const char *folder, GError **error)
{
    if (!check_tags("--tag", tags, error) || (folder != NULL && !check_folder(folder, error)))
        return FALSE;
    if (tags != NULL) {
        spec->tags = g_ptr_array_new_with_free_func(g_free);
        for (guint i = 0; tags[i] != NULL; i++)
            if (!g_ptr_array_find_with_equal_func(spec->tags, tags[i], g_str_equal, NULL))
                g_ptr_array_add(spec->tags, g_strdup(tags[i]));
    }
    spec->folder = g_strdup(folder);
    return TRUE;
}

gboolean
cli_cmd_vm_create(CliContext *ctx, GError **error)
{
    g_autoptr(CorralVmSpec) spec = g_new0(CorralVmSpec, 1);
    g_autoptr(json_object) body = NULL;
    g_autoptr(json_object) answer = NULL;
    g_autoptr(json_object) raw = NULL;
    g_autoptr(CorralTask) task = NULL;
    g_autoptr(CorralVm) vm = NULL;
    g_autoptr(GError) why = NULL;
    g_autofree char *id = NULL;

    if (!corral_name_validate(ctx->name, &why)) {
        g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE, "--name: %s", why->message);
        return FALSE;
    }
    spec->name = g_strdup(ctx->name);
    spec->vcpus = ctx->vcpus > 0 ? ctx->vcpus : 1;
    if (ctx->vcpus < 0 || ctx->vcpus > CORRAL_VM_VCPUS_MAX) {
        g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE, _("--vcpus: expected 1 to %d"),
                    CORRAL_VM_VCPUS_MAX);
        return FALSE;
    }
    if (!cli_size_parse(ctx->memory, &spec->memory_bytes, &why) || spec->memory_bytes <= 0) {
        g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE, "--memory: %s",
                    why != NULL ? why->message : _("the size must be more than 0"));
        return FALSE;
    }
    spec->disks = g_ptr_array_new_with_free_func((GDestroyNotify)corral_vm_disk_free);
    spec->nics = g_ptr_array_new_with_free_func((GDestroyNotify)corral_vm_nic_free);
    if (!add_disks(spec, ctx->disks, error) || !add_cdroms(spec, ctx->cdroms, error) ||
        !add_labels(spec, ctx->tags, ctx->folder, error))
        return FALSE;
    add_nics(spec, ctx->networks);

    body = corral_vm_spec_to_json(spec);
    if (!cli_request(ctx, "POST", "/vms", body, &answer, error) ||
        !finish_answer(ctx, answer, &task, error))
        return FALSE;
    id = created_id(ctx, task, spec->name, error);
    if (id == NULL)
        return FALSE;
    if (ctx->json) {
        vm = get_vm(ctx, id, &raw, error);
        if (vm == NULL)
            return FALSE;
        cli_print_json(raw, FALSE);
        return TRUE;
    }
    printf("%s\n", id);
    return TRUE;
}

/* POST /vms/{id}/power with @action, waiting for its task if it has one. */
static gboolean
power(CliContext *ctx, const char *id, CorralPowerAction action, GError **error)
{
    CorralPowerRequest request = {.action = action};
    g_autoptr(json_object) body = corral_power_request_to_json(&request);
    g_autoptr(json_object) answer = NULL;
    g_autofree char *segment = cli_path_segment(id);
    g_autofree char *path = g_strconcat("/vms/", segment, "/power", NULL);

    return cli_request(ctx, "POST", path, body, &answer, error) &&
           finish_answer(ctx, answer, NULL, error);
}

/* PATCH /vms/{id} with @body (taken over); prints the guest's labels. */
static gboolean
patch_labels(CliContext *ctx, const char *id, json_object *body, GError **error)
{
    g_autofree char *segment = cli_path_segment(id);
    g_autofree char *path = g_strconcat("/vms/", segment, NULL);
    g_autoptr(json_object) owned = body;
    g_autoptr(json_object) answer = NULL;
    g_autoptr(CorralVm) changed = NULL;
    g_autofree char *tags = NULL;

    if (!cli_request(ctx, "PATCH", path, owned, &answer, error))
        return FALSE;
    changed = corral_vm_from_json(answer, error);
    if (changed == NULL)
        return FALSE;
    if (ctx->json) {
        cli_print_json(answer, FALSE);
        return TRUE;
    }
    tags = tags_text(changed);
    /* TRANSLATORS: a guest's name, its folder and its tags */
    printf(_("%1$s: folder %2$s, tags: %3$s\n"), changed->name, folder_of(changed),
           *tags != '\0' ? tags : _("none"));
    return TRUE;
}

/* vm tag: the guest's tags as they are, with some added or removed, sent
 * back whole as PATCH /vms/{id} {"tags"}. */
gboolean
cli_cmd_vm_tag(CliContext *ctx, GError **error)
{
    gboolean add = g_str_equal(ctx->args[1], "add");
    g_autofree char *id = NULL;
    g_autoptr(CorralVm) vm = NULL;
    json_object *body, *tags;

    if (!add && !g_str_equal(ctx->args[1], "remove")) {
        g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE,
                    _("expected “add” or “remove” after the guest, not “%s”"), ctx->args[1]);
        return FALSE;
    }
    if (!check_tags(_("tag"), ctx->args + 2, error))
        return FALSE;
    id = resolve_vm(ctx, ctx->args[0], error);
    vm = id != NULL ? get_vm(ctx, id, NULL, error) : NULL;
    if (vm == NULL)
        return FALSE;
    if (vm->tags == NULL)
        vm->tags = g_ptr_array_new_with_free_func(g_free);
    for (guint i = 2; i < ctx->n_args; i++) {
        guint at;

        if (add && !has_tag(vm, ctx->args[i])) {
            g_ptr_array_add(vm->tags, g_strdup(ctx->args[i]));
        } else if (!add) {
            if (!g_ptr_array_find_with_equal_func(vm->tags, ctx->args[i], g_str_equal, &at)) {
                g_set_error(error, CLI_ERROR, CLI_ERROR_FAILED,
                            _("%1$s has no tag “%2$s”: nothing was changed"), vm->name,
                            ctx->args[i]);
                return FALSE;
            }
            g_ptr_array_remove_index(vm->tags, at);
        }
    }
    if (vm->tags->len > CORRAL_TAGS_MAX) {
        g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE,
                    _("a guest has at most %d tags: nothing was changed"), CORRAL_TAGS_MAX);
        return FALSE;
    }
    body = json_object_new_object();
    tags = json_object_new_array();
    for (guint i = 0; i < vm->tags->len; i++)
        json_object_array_add(tags, json_object_new_string(vm->tags->pdata[i]));
    json_object_object_add(body, "tags", tags);
    return patch_labels(ctx, id, body, error);
}

gboolean
cli_cmd_vm_folder(CliContext *ctx, GError **error)
{
    g_autofree char *id = NULL;
    json_object *body;

    if (!check_folder(ctx->args[1], error))
        return FALSE;
    id = resolve_vm(ctx, ctx->args[0], error);
    if (id == NULL)
        return FALSE;
    body = json_object_new_object();
    json_object_object_add(body, "folder", json_object_new_string(ctx->args[1]));
    return patch_labels(ctx, id, body, error);
}

gboolean
cli_cmd_vm_power(CliContext *ctx, GError **error)
{
    g_autofree char *id = NULL;
    g_autoptr(json_object) raw = NULL;
    g_autoptr(CorralVm) vm = NULL;
    CorralPowerAction action;

    if (!corral_power_action_from_string(ctx->args[1], &action)) {
        g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE,
                    _("unknown power action “%s”: expected on, off, shutdown, reboot, reset, "
                      "suspend or resume"),
                    ctx->args[1]);
        return FALSE;
    }
    id = resolve_vm(ctx, ctx->args[0], error);
    if (id == NULL || !power(ctx, id, action, error))
        return FALSE;
    vm = get_vm(ctx, id, &raw, error);
    if (vm == NULL)
        return FALSE;
    if (ctx->json)
        cli_print_json(raw, FALSE);
    else
        printf("%s: %s\n", vm->name, corral_vm_state_to_string(vm->state));
    return TRUE;
}

/* vm cdrom: the guest's disks as they are, with the first CD-ROM drive
 * given another disc or none, sent back as PATCH /vms/{id} {"disks"}. */
gboolean
cli_cmd_vm_cdrom(CliContext *ctx, GError **error)
{
    gboolean insert = g_str_equal(ctx->args[1], "insert");
    g_autofree char *id = NULL;
    g_autofree char *segment = NULL;
    g_autofree char *path = NULL;
    g_autoptr(json_object) body = NULL;
    g_autoptr(json_object) answer = NULL;
    g_autoptr(CorralVm) vm = NULL;
    g_autoptr(CorralVm) changed = NULL;
    CorralVmDisk *drive = NULL;
    json_object *disks;

    if (!(insert && ctx->n_args == 3) &&
        !(g_str_equal(ctx->args[1], "eject") && ctx->n_args == 2)) {
        g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE,
                    _("expected “insert DATASTORE:PATH” or “eject” after the guest"));
        return FALSE;
    }
    id = resolve_vm(ctx, ctx->args[0], error);
    vm = id != NULL ? get_vm(ctx, id, NULL, error) : NULL;
    if (vm == NULL)
        return FALSE;
    for (guint i = 0; drive == NULL && vm->disks != NULL && i < vm->disks->len; i++)
        if (corral_vm_disk_is_cdrom(vm->disks->pdata[i]))
            drive = vm->disks->pdata[i];
    if (drive == NULL) {
        g_set_error(error, CLI_ERROR, CLI_ERROR_FAILED, _("%s has no CD-ROM drive"), vm->name);
        return FALSE;
    }
    if (insert && !parse_iso("insert", ctx->args[2], drive, error))
        return FALSE;
    if (!insert) {
        g_clear_pointer(&drive->datastore, g_free);
        g_clear_pointer(&drive->volume, g_free);
    }
    drive->size_bytes = 0;
    body = json_object_new_object();
    disks = json_object_new_array();
    for (guint i = 0; i < vm->disks->len; i++)
        json_object_array_add(disks, corral_vm_disk_to_json(vm->disks->pdata[i]));
    json_object_object_add(body, "disks", disks);
    segment = cli_path_segment(id);
    path = g_strconcat("/vms/", segment, NULL);
    if (!cli_request(ctx, "PATCH", path, body, &answer, error))
        return FALSE;
    changed = corral_vm_from_json(answer, error);
    if (changed == NULL)
        return FALSE;
    if (ctx->json)
        cli_print_json(answer, FALSE);
    else if (insert)
        printf(_("%1$s: the CD-ROM holds %2$s.\n"), vm->name, ctx->args[2]);
    else
        printf(_("%s: the CD-ROM is empty.\n"), vm->name);
    if (!ctx->json && changed->pending_restart != NULL)
        printf(_("The change takes effect when the guest next starts.\n"));
    return TRUE;
}

gboolean
cli_cmd_vm_delete(CliContext *ctx, GError **error)
{
    g_autofree char *id = resolve_vm(ctx, ctx->args[0], error);
    g_autofree char *segment = NULL;
    g_autofree char *path = NULL;
    g_autoptr(json_object) answer = NULL;
    g_autoptr(CorralVm) vm = NULL;

    if (id == NULL)
        return FALSE;
    vm = get_vm(ctx, id, NULL, error);
    if (vm == NULL)
        return FALSE;
    if (vm->state != CORRAL_VM_STATE_SHUTOFF && !ctx->force) {
        g_set_error(error, CLI_ERROR, CLI_ERROR_FAILED,
                    _("%1$s is %2$s: shut it down first, or add --force to power it off and "
                      "delete it"),
                    vm->name, corral_vm_state_to_string(vm->state));
        return FALSE;
    }
    segment = cli_path_segment(id);
    path = g_strdup_printf("/vms/%s?force=%s&delete_disks=%s", segment,
                           ctx->force ? "true" : "false", ctx->keep_disks ? "false" : "true");
    if (!cli_request(ctx, "DELETE", path, NULL, &answer, error) ||
        !finish_answer(ctx, answer, NULL, error))
        return FALSE;
    if (!ctx->json)
        printf(_("Deleted %1$s (%2$s).\n"), vm->name, id);
    return TRUE;
}
