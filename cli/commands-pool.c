/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The resource pool commands: pool list, create, edit and rm, and a
 * guest's place and allocation: vm move and vm resources. Settings are
 * SETTING=VALUE words after the path or guest, read by one table:
 *
 *   cpu.shares=low|normal|high|N      memory.shares=low|normal|high|N
 *   cpu.reservation=MHZ               memory.reservation=SIZE
 *   cpu.limit=MHZ|unlimited           memory.limit=SIZE|unlimited
 *   expandable=yes|no (pools)         name=NAME, parent=PATH (pool edit)
 *
 * so a script says only what it changes, and corrald keeps the rest.
 */
#include "cli/commands.h"

#include "cli/output.h"
#include "protocol/pool.h"
#include "protocol/vm.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

typedef enum {
    KIND_SHARES,
    KIND_MHZ,
    KIND_BYTES,
    KIND_BOOL,
    KIND_TEXT,
} SettingKind;

/* Where a setting goes in the body: {"resources": {group: {field}}}, or
 * at the top for name and parent. */
typedef struct {
    const char *key;
    SettingKind kind;
    const char *group; /* "cpu", "memory", "" for resources itself, NULL for the body */
    const char *field;
    gboolean pool_only;
    gboolean edit_only;
} Setting;

static const Setting settings[] = {
    {"cpu.shares", KIND_SHARES, "cpu", "shares", FALSE, FALSE},
    {"cpu.reservation", KIND_MHZ, "cpu", "reservation_mhz", FALSE, FALSE},
    {"cpu.limit", KIND_MHZ, "cpu", "limit_mhz", FALSE, FALSE},
    {"memory.shares", KIND_SHARES, "memory", "shares", FALSE, FALSE},
    {"memory.reservation", KIND_BYTES, "memory", "reservation_bytes", FALSE, FALSE},
    {"memory.limit", KIND_BYTES, "memory", "limit_bytes", FALSE, FALSE},
    {"expandable", KIND_BOOL, "", "expandable", TRUE, FALSE},
    {"name", KIND_TEXT, NULL, "name", TRUE, TRUE},
    {"parent", KIND_TEXT, NULL, "parent", TRUE, TRUE},
};

static const char *const share_levels[] = {"low", "normal", "high"};

static const struct {
    const char *word;
    gboolean value;
} bool_words[] = {{"yes", TRUE}, {"true", TRUE},   {"on", TRUE},
                  {"no", FALSE}, {"false", FALSE}, {"off", FALSE}};

static gboolean
bad_value(const char *key, const char *value, const char *expected, GError **error)
{
    g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE, _("%1$s=%2$s: expected %3$s"), key, value,
                expected);
    return FALSE;
}

static gboolean
parse_int(const char *text, gint64 *value)
{
    char *end = NULL;

    if (!g_ascii_isdigit(text[0]))
        return FALSE;
    *value = g_ascii_strtoll(text, &end, 10);
    return *end == '\0' && *value >= 0;
}

/* The JSON value of one setting. */
static json_object *
setting_value(const Setting *setting, const char *value, GError **error)
{
    gint64 number;

    switch (setting->kind) {
    case KIND_SHARES: {
        json_object *shares = json_object_new_object();

        for (gsize i = 0; i < G_N_ELEMENTS(share_levels); i++)
            if (g_str_equal(value, share_levels[i])) {
                json_object_object_add(shares, "level", json_object_new_string(value));
                return shares;
            }
        if (!parse_int(value, &number) || number < 1) {
            json_object_put(shares);
            bad_value(setting->key, value, _("low, normal, high or a number of shares"), error);
            return NULL;
        }
        json_object_object_add(shares, "level", json_object_new_string("custom"));
        json_object_object_add(shares, "value", json_object_new_int64(number));
        return shares;
    }
    case KIND_MHZ:
    case KIND_BYTES:
        if (g_str_equal(value, "unlimited") && g_str_has_suffix(setting->key, ".limit"))
            return json_object_new_int64(-1);
        if (setting->kind == KIND_MHZ ? !parse_int(value, &number)
                                      : !cli_size_parse(value, &number, NULL)) {
            bad_value(setting->key, value,
                      setting->kind == KIND_MHZ ? _("a number of MHz") : _("a size such as 512M"),
                      error);
            return NULL;
        }
        return json_object_new_int64(number);
    case KIND_BOOL:
        for (gsize i = 0; i < G_N_ELEMENTS(bool_words); i++)
            if (g_ascii_strcasecmp(value, bool_words[i].word) == 0)
                return json_object_new_boolean(bool_words[i].value);
        bad_value(setting->key, value, _("yes or no"), error);
        return NULL;
    case KIND_TEXT:
        return json_object_new_string(value);
    }
    g_assert_not_reached();
}

/* Adds the SETTING=VALUE words of @words to @body: resource settings
 * into body.resources (or into @body itself when @resources_only). */
static gboolean
add_settings(json_object *body, char **words, guint n, gboolean pool, gboolean edit,
             gboolean resources_only, GError **error)
{
    json_object *resources = resources_only ? body : json_object_new_object();

    for (guint w = 0; w < n; w++) {
        const char *eq = strchr(words[w], '=');
        g_autofree char *key = eq != NULL ? g_strndup(words[w], (gsize)(eq - words[w])) : NULL;
        const Setting *setting = NULL;
        json_object *value, *group;

        for (gsize i = 0; key != NULL && i < G_N_ELEMENTS(settings); i++)
            if (g_str_equal(settings[i].key, key) && (pool || !settings[i].pool_only) &&
                (edit || !settings[i].edit_only))
                setting = &settings[i];
        if (setting == NULL) {
            g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE,
                        _("%s: not a setting here (cpu.shares, cpu.reservation, cpu.limit, "
                          "memory.shares, memory.reservation, memory.limit%s)"),
                        words[w],
                        pool ? (edit ? ", expandable, name, parent" : ", expandable") : "");
            goto fail;
        }
        value = setting_value(setting, eq + 1, error);
        if (value == NULL)
            goto fail;
        if (setting->group == NULL) {
            json_object_object_add(body, setting->field, value);
            continue;
        }
        if (setting->group[0] == '\0') {
            json_object_object_add(resources, setting->field, value);
            continue;
        }
        if (!json_object_object_get_ex(resources, setting->group, &group)) {
            group = json_object_new_object();
            json_object_object_add(resources, setting->group, group);
        }
        json_object_object_add(group, setting->field, value);
    }
    if (!resources_only && json_object_object_length(resources) > 0)
        json_object_object_add(body, "resources", resources);
    else if (!resources_only)
        json_object_put(resources);
    return TRUE;
fail:
    if (!resources_only)
        json_object_put(resources);
    return FALSE;
}

/* "/api/v1/pools/prod/web" for "/prod/web", each name escaped. */
static char *
pool_url(const char *path)
{
    g_auto(GStrv) parts = g_strsplit(path, "/", -1);
    g_autoptr(GString) url = g_string_new("/pools");

    for (guint i = 0; parts[i] != NULL; i++) {
        g_autofree char *segment = NULL;

        if (parts[i][0] == '\0')
            continue;
        segment = cli_path_segment(parts[i]);
        g_string_append_printf(url, "/%s", segment);
    }
    return g_string_free(g_steal_pointer(&url), FALSE);
}

static gboolean
check_path(const char *path, GError **error)
{
    if (path[0] == '/' && strcmp(path, "/") != 0 && !g_str_has_suffix(path, "/") &&
        strstr(path, "//") == NULL)
        return TRUE;
    g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE,
                _("%s: a pool is named by its path, such as /prod/web"), path);
    return FALSE;
}

static char *
format_mhz(gint64 mhz)
{
    return mhz < 0 ? g_strdup(_("unlimited")) : g_strdup_printf("%" G_GINT64_FORMAT " MHz", mhz);
}

static char *
format_bytes(gint64 bytes)
{
    return bytes < 0 ? g_strdup(_("unlimited")) : cli_size_format(bytes);
}

static char *
format_shares(const CorralShares *shares)
{
    if (shares->level == CORRAL_SHARES_LEVEL_CUSTOM ||
        !CORRAL_HAS(shares, CORRAL_SHARES_FIELD_VALUE))
        return g_strdup_printf("%" G_GINT64_FORMAT, shares->value);
    return g_strdup_printf("%s (%" G_GINT64_FORMAT ")",
                           corral_shares_level_to_string(shares->level), shares->value);
}

/* pool list */

gboolean
cli_cmd_pool_list(CliContext *ctx, GError **error)
{
    g_autoptr(json_object) answer = cli_get(ctx, "/pools", error);
    const char *const headers[] = {
        _("PATH"),      _("CPU SHARES"), _("CPU RES."), _("CPU LIMIT"), _("MEM. SHARES"),
        _("MEM. RES."), _("MEM. LIMIT"), _("EXPAND."),  _("VMS"),       NULL};
    g_autoptr(CliTable) table = NULL;
    json_object *array;

    if (answer == NULL || (array = cli_answer_array(answer, "pools", error)) == NULL)
        return FALSE;
    if (ctx->json) {
        cli_print_json(answer, FALSE);
        return TRUE;
    }
    table = cli_table_new(headers);
    for (gsize i = 0; i < json_object_array_length(array); i++) {
        g_autoptr(CorralPool) pool =
            corral_pool_from_json(json_object_array_get_idx(array, i), error);
        const CorralResources *r;
        g_autofree char *cpu_shares = NULL, *cpu_res = NULL, *cpu_limit = NULL;
        g_autofree char *mem_shares = NULL, *mem_res = NULL, *mem_limit = NULL, *vms = NULL;

        if (pool == NULL)
            return FALSE;
        r = &pool->resources;
        cpu_shares = format_shares(&r->cpu.shares);
        cpu_res = format_mhz(r->cpu.reservation_mhz);
        cpu_limit = format_mhz(r->cpu.limit_mhz);
        mem_shares = format_shares(&r->memory.shares);
        mem_res = format_bytes(r->memory.reservation_bytes);
        mem_limit = format_bytes(r->memory.limit_bytes);
        vms = g_strdup_printf("%u", pool->vms->len);
        cli_table_add_row(table, (const char *const[]){pool->path, cpu_shares, cpu_res, cpu_limit,
                                                       mem_shares, mem_res, mem_limit,
                                                       r->expandable ? _("yes") : _("no"), vms});
    }
    cli_table_print(table);
    return TRUE;
}

/* Prints the pool of an answer ("created" or "changed"), or its JSON. */
static gboolean
print_pool_answer(CliContext *ctx, json_object *answer, gboolean created, GError **error)
{
    g_autoptr(CorralPool) pool = NULL;

    if (ctx->json) {
        cli_print_json(answer, FALSE);
        return TRUE;
    }
    pool = corral_pool_from_json(answer, error);
    if (pool == NULL)
        return FALSE;
    printf(created ? _("pool %s created\n") : _("pool %s changed\n"), pool->path);
    return TRUE;
}

/* pool create PATH [SETTING=VALUE…] */

gboolean
cli_cmd_pool_create(CliContext *ctx, GError **error)
{
    const char *path = ctx->args[0];
    g_autoptr(json_object) body = json_object_new_object();
    g_autoptr(json_object) answer = NULL;
    g_autofree char *parent = NULL;
    const char *name;

    if (!check_path(path, error))
        return FALSE;
    name = strrchr(path, '/') + 1;
    parent = name - 1 == path ? g_strdup("/") : g_strndup(path, (gsize)(name - 1 - path));
    json_object_object_add(body, "name", json_object_new_string(name));
    json_object_object_add(body, "parent", json_object_new_string(parent));
    if (!add_settings(body, ctx->args + 1, ctx->n_args - 1, TRUE, FALSE, FALSE, error) ||
        !cli_request(ctx, "POST", "/pools", body, &answer, error))
        return FALSE;
    return print_pool_answer(ctx, answer, TRUE, error);
}

/* pool edit PATH SETTING=VALUE… */

gboolean
cli_cmd_pool_edit(CliContext *ctx, GError **error)
{
    const char *path = ctx->args[0];
    g_autoptr(json_object) body = json_object_new_object();
    g_autoptr(json_object) answer = NULL;
    g_autofree char *url = NULL;

    if (!check_path(path, error) ||
        !add_settings(body, ctx->args + 1, ctx->n_args - 1, TRUE, TRUE, FALSE, error))
        return FALSE;
    url = pool_url(path);
    if (!cli_request(ctx, "PATCH", url, body, &answer, error))
        return FALSE;
    return print_pool_answer(ctx, answer, FALSE, error);
}

/* pool rm PATH [--force] */

gboolean
cli_cmd_pool_rm(CliContext *ctx, GError **error)
{
    const char *path = ctx->args[0];
    g_autofree char *url = NULL;
    g_autofree char *full = NULL;

    if (!check_path(path, error))
        return FALSE;
    url = pool_url(path);
    full = ctx->force ? g_strconcat(url, "?move=true", NULL) : g_strdup(url);
    if (!cli_request(ctx, "DELETE", full, NULL, NULL, error))
        return FALSE;
    if (!ctx->json)
        printf(ctx->force ? _("pool %s removed; what it held went to its parent\n")
                          : _("pool %s removed\n"),
               path);
    return TRUE;
}

/* Guests: by id, or by a name looked up in GET /vms. (commands-vm.c keeps
 * its own lookup static; this one only needs the id.) */
static char *
vm_id(CliContext *ctx, const char *id_or_name, GError **error)
{
    g_autoptr(json_object) answer = NULL;
    json_object *array;
    const char *found = NULL;
    guint matches = 0;

    if (g_uuid_string_is_valid(id_or_name))
        return g_ascii_strdown(id_or_name, -1);
    answer = cli_get(ctx, "/vms", error);
    if (answer == NULL || (array = cli_answer_array(answer, "vms", error)) == NULL)
        return NULL;
    for (gsize i = 0; i < json_object_array_length(array); i++) {
        json_object *vm = json_object_array_get_idx(array, i);
        json_object *name, *id;

        if (json_object_object_get_ex(vm, "name", &name) &&
            json_object_object_get_ex(vm, "id", &id) &&
            g_strcmp0(json_object_get_string(name), id_or_name) == 0) {
            found = json_object_get_string(id);
            matches++;
        }
    }
    if (matches != 1) {
        g_set_error(error, CLI_ERROR, CLI_ERROR_FAILED,
                    matches == 0 ? _("no guest is named “%s”")
                                 : _("several guests are named “%s”: name the one you mean by "
                                     "its id"),
                    id_or_name);
        return NULL;
    }
    return g_strdup(found);
}

static void
print_resources(const CorralVm *vm)
{
    const CorralResources *r = &vm->resources;
    g_autofree char *cpu_shares = format_shares(&r->cpu.shares);
    g_autofree char *cpu_res = format_mhz(r->cpu.reservation_mhz);
    g_autofree char *cpu_limit = format_mhz(r->cpu.limit_mhz);
    g_autofree char *mem_shares = format_shares(&r->memory.shares);
    g_autofree char *mem_res = format_bytes(r->memory.reservation_bytes);
    g_autofree char *mem_limit = format_bytes(r->memory.limit_bytes);
    const char *const fields[] = {
        _("Name"),
        vm->name,
        _("Pool"),
        vm->pool,
        _("CPU shares"),
        cpu_shares,
        _("CPU reservation"),
        cpu_res,
        _("CPU limit"),
        cpu_limit,
        _("Memory shares"),
        mem_shares,
        _("Memory reservation"),
        mem_res,
        _("Memory limit"),
        mem_limit,
    };

    cli_print_fields(fields, G_N_ELEMENTS(fields) / 2);
}

/* vm resources ID-or-NAME [SETTING=VALUE…] */

gboolean
cli_cmd_vm_resources(CliContext *ctx, GError **error)
{
    g_autofree char *id = vm_id(ctx, ctx->args[0], error);
    g_autofree char *segment = NULL;
    g_autofree char *path = NULL;
    g_autoptr(json_object) body = json_object_new_object();
    g_autoptr(json_object) answer = NULL;
    g_autoptr(CorralVm) vm = NULL;

    if (id == NULL)
        return FALSE;
    segment = cli_path_segment(id);
    path = g_strdup_printf("/vms/%s", segment);
    if (ctx->n_args > 1) {
        g_autofree char *put = g_strconcat(path, "/resources", NULL);

        if (!add_settings(body, ctx->args + 1, ctx->n_args - 1, FALSE, FALSE, TRUE, error) ||
            !cli_request(ctx, "PUT", put, body, &answer, error))
            return FALSE;
    } else if ((answer = cli_get(ctx, path, error)) == NULL) {
        return FALSE;
    }
    if (ctx->json) {
        cli_print_json(answer, FALSE);
        return TRUE;
    }
    vm = corral_vm_from_json(answer, error);
    if (vm == NULL)
        return FALSE;
    print_resources(vm);
    return TRUE;
}

/* vm move ID-or-NAME POOL */

gboolean
cli_cmd_vm_move(CliContext *ctx, GError **error)
{
    g_autofree char *id = vm_id(ctx, ctx->args[0], error);
    g_autofree char *segment = NULL;
    g_autofree char *path = NULL;
    g_autoptr(json_object) body = json_object_new_object();
    g_autoptr(json_object) answer = NULL;

    if (id == NULL)
        return FALSE;
    if (ctx->args[1][0] != '/') {
        g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE,
                    _("%s: a pool is named by its path, such as /prod/web"), ctx->args[1]);
        return FALSE;
    }
    segment = cli_path_segment(id);
    path = g_strdup_printf("/vms/%s/move", segment);
    json_object_object_add(body, "pool", json_object_new_string(ctx->args[1]));
    if (!cli_request(ctx, "POST", path, body, &answer, error))
        return FALSE;
    if (ctx->json)
        cli_print_json(answer, FALSE);
    else
        printf(_("vm %1$s moved to pool %2$s\n"), ctx->args[0], ctx->args[1]);
    return TRUE;
}
