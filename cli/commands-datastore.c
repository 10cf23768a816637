/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The datastore commands: datastore list, add, rm (a datastore, or a file
 * or empty folder in one), ls, mkdir, put and get. put and get stream the
 * file (never held in memory) and draw a progress bar on standard error
 * when it is a terminal.
 */
#include "cli/commands.h"

#include "cli/output.h"
#include "protocol/datastore-file.h"
#include "protocol/datastore.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define BAR_WIDTH 30

/* "/datastores/NAME/files/A/B" with each part percent-encoded. */
static char *
files_path(const char *datastore, const char *path)
{
    g_autofree char *name = g_uri_escape_string(datastore, NULL, FALSE);
    g_auto(GStrv) parts = g_strsplit(path != NULL ? path : "", "/", -1);
    GString *out = g_string_new("/datastores/");

    g_string_append(out, name);
    g_string_append(out, "/files");
    for (guint i = 0; parts[i] != NULL; i++) {
        g_autofree char *part = g_uri_escape_string(parts[i], NULL, FALSE);

        if (parts[i][0] == '\0')
            continue;
        g_string_append_c(out, '/');
        g_string_append(out, part);
    }
    return g_string_free(out, FALSE);
}

gboolean
cli_cmd_datastore_list(CliContext *ctx, GError **error)
{
    g_autoptr(json_object) raw = cli_get(ctx, "/datastores", error);
    const char *const headers[] = {_("NAME"),       _("TYPE"),   _("CAPACITY"), _("FREE"),
                                   _("ACCESSIBLE"), _("SOURCE"), NULL};
    g_autoptr(CliTable) table = NULL;
    json_object *items;

    if (raw == NULL)
        return FALSE;
    if (ctx->json) {
        cli_print_json(raw, FALSE);
        return TRUE;
    }
    table = cli_table_new(headers);
    if (json_object_object_get_ex(raw, "datastores", &items))
        for (size_t i = 0; i < json_object_array_length(items); i++) {
            g_autoptr(CorralDatastore) ds =
                corral_datastore_from_json(json_object_array_get_idx(items, i), error);
            g_autofree char *capacity = NULL, *free_bytes = NULL, *source = NULL;
            const CorralDatastoreSource *s;

            if (ds == NULL)
                return FALSE;
            s = &ds->source;
            capacity = cli_size_format(ds->capacity_bytes);
            free_bytes = cli_size_format(ds->free_bytes);
            source =
                ds->type == CORRAL_DATASTORE_TYPE_DIR ? g_strdup(s->path)
                : ds->type == CORRAL_DATASTORE_TYPE_NFS
                    ? g_strdup_printf("%s:%s", s->host, s->export)
                    : g_strdup_printf("%s:%" G_GINT64_FORMAT " %s", s->host, s->port, s->target);
            cli_table_add_row(
                table,
                (const char *const[]){ds->name, corral_datastore_type_to_string(ds->type), capacity,
                                      free_bytes, ds->accessible ? _("yes") : _("no"), source});
        }
    cli_table_print(table);
    return TRUE;
}

/* datastore add NAME dir PATH | nfs HOST EXPORT | iscsi HOST[:PORT] IQN [INITIATOR] */
gboolean
cli_cmd_datastore_add(CliContext *ctx, GError **error)
{
    static const struct {
        const char *type;
        guint min, max; /* arguments after the type */
    } shapes[] = {{"dir", 1, 1}, {"nfs", 2, 2}, {"iscsi", 2, 3}};
    const char *type = ctx->args[1];
    guint n = ctx->n_args - 2;
    g_autoptr(json_object) body = json_object_new_object();
    g_autoptr(json_object) answer = NULL;
    json_object *source = json_object_new_object();
    gsize i;

    for (i = 0; i < G_N_ELEMENTS(shapes); i++)
        if (g_str_equal(type, shapes[i].type))
            break;
    if (i == G_N_ELEMENTS(shapes) || n < shapes[i].min || n > shapes[i].max) {
        json_object_put(source);
        g_set_error_literal(error, CLI_ERROR, CLI_ERROR_USAGE,
                            _("expected: datastore add NAME dir PATH, datastore add NAME nfs HOST "
                              "EXPORT, or datastore add NAME iscsi HOST[:PORT] IQN [INITIATOR]"));
        return FALSE;
    }
    json_object_object_add(body, "name", json_object_new_string(ctx->args[0]));
    json_object_object_add(body, "type", json_object_new_string(type));
    if (g_str_equal(type, "dir")) {
        json_object_object_add(source, "path", json_object_new_string(ctx->args[2]));
    } else if (g_str_equal(type, "nfs")) {
        json_object_object_add(source, "host", json_object_new_string(ctx->args[2]));
        json_object_object_add(source, "export", json_object_new_string(ctx->args[3]));
    } else {
        const char *colon = strrchr(ctx->args[2], ':');
        g_autofree char *host = colon != NULL
                                    ? g_strndup(ctx->args[2], (gsize)(colon - ctx->args[2]))
                                    : g_strdup(ctx->args[2]);

        json_object_object_add(source, "host", json_object_new_string(host));
        if (colon != NULL)
            json_object_object_add(source, "port",
                                   json_object_new_int64(g_ascii_strtoll(colon + 1, NULL, 10)));
        json_object_object_add(source, "target", json_object_new_string(ctx->args[3]));
        if (n == 3)
            json_object_object_add(source, "initiator", json_object_new_string(ctx->args[4]));
    }
    json_object_object_add(body, "source", source);
    if (!cli_request(ctx, "POST", "/datastores", body, &answer, error))
        return FALSE;
    if (ctx->json)
        cli_print_json(answer, FALSE);
    else
        printf(_("Datastore %s added.\n"), ctx->args[0]);
    return TRUE;
}

/* datastore rm NAME, or datastore rm NAME PATH for a file or empty folder. */
gboolean
cli_cmd_datastore_rm(CliContext *ctx, GError **error)
{
    g_autofree char *name = g_uri_escape_string(ctx->args[0], NULL, FALSE);
    g_autofree char *path = ctx->n_args == 2 ? files_path(ctx->args[0], ctx->args[1])
                                             : g_strdup_printf("/datastores/%s", name);

    if (!cli_request(ctx, "DELETE", path, NULL, NULL, error))
        return FALSE;
    if (!ctx->json) {
        if (ctx->n_args == 2)
            printf(_("%1$s deleted from datastore %2$s.\n"), ctx->args[1], ctx->args[0]);
        else
            printf(_("Datastore %s removed; its files and LUNs are left as they were.\n"),
                   ctx->args[0]);
    }
    return TRUE;
}

gboolean
cli_cmd_datastore_ls(CliContext *ctx, GError **error)
{
    g_autofree char *name = g_uri_escape_string(ctx->args[0], NULL, FALSE);
    g_autofree char *folder = g_uri_escape_string(ctx->n_args > 1 ? ctx->args[1] : "", "/", FALSE);
    g_autofree char *path = g_strdup_printf("/datastores/%s/files?path=%s", name, folder);
    g_autoptr(json_object) raw = cli_get(ctx, path, error);
    const char *const headers[] = {_("NAME"), _("TYPE"), _("SIZE"), _("MODIFIED"), NULL};
    g_autoptr(CliTable) table = NULL;
    json_object *items;

    if (raw == NULL)
        return FALSE;
    if (ctx->json) {
        cli_print_json(raw, FALSE);
        return TRUE;
    }
    table = cli_table_new(headers);
    if (json_object_object_get_ex(raw, "files", &items))
        for (size_t i = 0; i < json_object_array_length(items); i++) {
            g_autoptr(CorralDatastoreFile) file =
                corral_datastore_file_from_json(json_object_array_get_idx(items, i), error);
            g_autofree char *size = NULL, *modified = NULL;

            if (file == NULL)
                return FALSE;
            size = file->type == CORRAL_FILE_TYPE_DIR ? NULL : cli_size_format(file->size_bytes);
            modified = cli_time_format(file->modified);
            cli_table_add_row(table, (const char *const[]){file->name,
                                                           corral_file_type_to_string(file->type),
                                                           size, modified});
        }
    cli_table_print(table);
    return TRUE;
}

gboolean
cli_cmd_datastore_mkdir(CliContext *ctx, GError **error)
{
    g_autofree char *base = files_path(ctx->args[0], ctx->args[1]);
    g_autofree char *path = g_strconcat(base, "?mkdir", NULL);

    if (!cli_request(ctx, "POST", path, NULL, NULL, error))
        return FALSE;
    if (!ctx->json)
        printf(_("Folder %1$s made in datastore %2$s.\n"), ctx->args[1], ctx->args[0]);
    return TRUE;
}

/* The progress bar: on standard error, only when it is a terminal. */
static gboolean
draw_progress(guint64 done, guint64 total, gpointer user_data)
{
    int filled = total > 0 ? (int)(done * BAR_WIDTH / total) : 0;
    int percent = total > 0 ? (int)(done * 100 / total) : 0;
    g_autofree char *shown = cli_size_format((gint64)done);
    g_autofree char *all = cli_size_format((gint64)total);

    fprintf(stderr, "\r[%.*s%*s] %3d%% %s / %s ", filled, "##############################",
            BAR_WIDTH - filled, "", percent, shown, all);
    fflush(stderr);
    return TRUE;
}

static CorralClientProgressFunc
progress_for(CliContext *ctx)
{
    return !ctx->json && isatty(STDERR_FILENO) ? draw_progress : NULL;
}

static void
end_progress(CliContext *ctx)
{
    if (progress_for(ctx) != NULL)
        fputc('\n', stderr);
}

/* datastore put NAME LOCAL-FILE REMOTE-PATH */
gboolean
cli_cmd_datastore_put(CliContext *ctx, GError **error)
{
    g_autoptr(GFile) local = g_file_new_for_path(ctx->args[1]);
    g_autoptr(GFileInfo) info = g_file_query_info(local, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                  G_FILE_QUERY_INFO_NONE, NULL, error);
    g_autoptr(GFileInputStream) in = NULL;
    g_autofree char *path = NULL;
    gboolean ok;

    if (info == NULL)
        return FALSE;
    in = g_file_read(local, NULL, error);
    if (in == NULL)
        return FALSE;
    path = files_path(ctx->args[0], ctx->args[2]);
    if (ctx->force) {
        char *with = g_strconcat(path, "?overwrite=true", NULL);

        g_free(path);
        path = with;
    }
    ok = corral_client_request_raw(ctx->client, "PUT", path, "application/octet-stream",
                                   G_INPUT_STREAM(in), g_file_info_get_size(info), NULL,
                                   progress_for(ctx), NULL, NULL, error);
    end_progress(ctx);
    if (ok && !ctx->json)
        printf(_("%1$s uploaded to datastore %2$s as %3$s.\n"), ctx->args[1], ctx->args[0],
               ctx->args[2]);
    return ok;
}

/* datastore get NAME REMOTE-PATH LOCAL-FILE: written to LOCAL-FILE.part,
 * renamed when complete. */
gboolean
cli_cmd_datastore_get(CliContext *ctx, GError **error)
{
    g_autofree char *path = files_path(ctx->args[0], ctx->args[1]);
    g_autofree char *partial = g_strconcat(ctx->args[2], ".part", NULL);
    g_autoptr(GFile) part = g_file_new_for_path(partial);
    g_autoptr(GFile) final = g_file_new_for_path(ctx->args[2]);
    g_autoptr(GFileOutputStream) out =
        g_file_replace(part, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error);
    gboolean ok;

    if (out == NULL)
        return FALSE;
    ok = corral_client_request_raw(ctx->client, "GET", path, NULL, NULL, 0, G_OUTPUT_STREAM(out),
                                   progress_for(ctx), NULL, NULL, error);
    end_progress(ctx);
    ok = g_output_stream_close(G_OUTPUT_STREAM(out), NULL, ok ? error : NULL) && ok;
    if (ok)
        ok = g_file_move(part, final, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, error);
    if (!ok) {
        g_file_delete(part, NULL, NULL);
        return FALSE;
    }
    if (!ctx->json)
        printf(_("%1$s of datastore %2$s saved as %3$s.\n"), ctx->args[1], ctx->args[0],
               ctx->args[2]);
    return TRUE;
}
