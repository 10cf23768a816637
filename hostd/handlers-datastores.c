/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The datastores and their files: GET/POST /datastores,
 * GET/DELETE /datastores/{name}, GET /datastores/{name}/files?path=,
 * and PUT (upload), GET (download), POST ?mkdir and DELETE of
 * /datastores/{name}/files/{path}. The work is in datastore.c (libvirt),
 * datastore-files.c (confined file operations) and datastore-transfer.c
 * (streaming); these handlers check, log the event and answer.
 */
#include "hostd/daemon.h"
#include "hostd/datastore-files.h"
#include "hostd/datastore-transfer.h"
#include "hostd/datastore.h"
#include "hostd/handlers.h"
#include "hostd/hostd-error.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

/* The call's datastore as an open directory, for the file routes. */
static int
open_datastore(CorraldCall *call, GError **error)
{
    g_autofree char *dir = NULL;

    if (!corral_name_validate(call->params[0], error))
        return -1;
    dir = corrald_datastore_dir(call->daemon->conn, call->params[0], error);
    return dir != NULL ? corrald_datastore_open_root(dir, error) : -1;
}

/* A true/false query parameter; absent is false. */
static gboolean
query_flag(CorraldCall *call, const char *name, gboolean *value, GError **error)
{
    static const struct {
        const char *text;
        gboolean value;
    } words[] = {{"", TRUE}, {"true", TRUE}, {"1", TRUE}, {"false", FALSE}, {"0", FALSE}};
    const char *text = corrald_call_query(call, name);

    *value = FALSE;
    if (text == NULL)
        return TRUE;
    for (gsize i = 0; i < G_N_ELEMENTS(words); i++)
        if (g_str_equal(text, words[i].text)) {
            *value = words[i].value;
            return TRUE;
        }
    g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_BAD_REQUEST, "%s: expected true or false",
                name);
    return FALSE;
}

/* GET /datastores */

gboolean
corrald_handle_datastore_list(CorraldCall *call, GError **error)
{
    g_autoptr(GPtrArray) datastores = corrald_datastore_list(call->daemon->conn, error);
    json_object *array, *reply;

    if (datastores == NULL)
        return FALSE;
    array = json_object_new_array_ext((int)datastores->len);
    for (guint i = 0; i < datastores->len; i++)
        json_object_array_add(array, corral_datastore_to_json(datastores->pdata[i]));
    reply = json_object_new_object();
    json_object_object_add(reply, "datastores", array);
    return corrald_call_reply(call, 200, reply);
}

/* GET /datastores/{name} */

gboolean
corrald_handle_datastore_get(CorraldCall *call, GError **error)
{
    g_autoptr(CorralDatastore) datastore = NULL;

    if (!corral_name_validate(call->params[0], error))
        return FALSE;
    datastore = corrald_datastore_get(call->daemon->conn, call->params[0], error);
    return datastore != NULL && corrald_call_reply(call, 200, corral_datastore_to_json(datastore));
}

/* POST /datastores */

gboolean
corrald_handle_datastore_add(CorraldCall *call, GError **error)
{
    g_autoptr(CorralDatastoreSpec) spec =
        corrald_call_decode_body(call, &corral_datastore_spec_type, CORRAL_DECODE_DEFAULT, error);
    g_autoptr(CorralDatastore) datastore = NULL;

    if (spec == NULL)
        return FALSE;
    datastore = corrald_datastore_add(call->daemon->conn, spec, error);
    if (datastore == NULL)
        return FALSE;
    corrald_event_log_add(call->daemon->events, "datastore-add", spec->name, call->user,
                          "datastore %s (%s) added", spec->name,
                          corral_datastore_type_to_string(spec->type));
    return corrald_call_reply(call, 201, corral_datastore_to_json(datastore));
}

/* DELETE /datastores/{name} */

gboolean
corrald_handle_datastore_remove(CorraldCall *call, GError **error)
{
    if (!corral_name_validate(call->params[0], error) ||
        !corrald_datastore_remove(call->daemon->conn, call->params[0], error))
        return FALSE;
    corrald_event_log_add(call->daemon->events, "datastore-remove", call->params[0], call->user,
                          "datastore %s removed", call->params[0]);
    return corrald_call_reply(call, 204, NULL);
}

/* GET /datastores/{name}/files?path=: the folder's entries, or the LUNs of
 * an iSCSI datastore (which has no folders). */

static GPtrArray *
list_entries(CorraldCall *call, const char *path, GError **error)
{
    g_autoptr(CorralDatastore) datastore = NULL;
    GPtrArray *files;
    int root;

    if (!corral_name_validate(call->params[0], error))
        return NULL;
    datastore = corrald_datastore_get(call->daemon->conn, call->params[0], error);
    if (datastore == NULL)
        return NULL;
    if (datastore->type == CORRAL_DATASTORE_TYPE_ISCSI) {
        if (path[0] == '\0')
            return corrald_datastore_volumes(call->daemon->conn, call->params[0], error);
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_NOT_FOUND,
                    "datastore %s holds LUNs and has no folders", call->params[0]);
        return NULL;
    }
    root = open_datastore(call, error);
    if (root < 0)
        return NULL;
    files = corrald_datastore_list_files(root, path, error);
    close(root);
    return files;
}

gboolean
corrald_handle_datastore_files(CorraldCall *call, GError **error)
{
    const char *path = corrald_call_query(call, "path");
    g_autoptr(GPtrArray) files = list_entries(call, path != NULL ? path : "", error);
    json_object *array, *reply;

    if (files == NULL)
        return FALSE;
    array = json_object_new_array_ext((int)files->len);
    for (guint i = 0; i < files->len; i++)
        json_object_array_add(array, corral_datastore_file_to_json(files->pdata[i]));
    reply = json_object_new_object();
    json_object_object_add(reply, "path", json_object_new_string(path != NULL ? path : ""));
    json_object_object_add(reply, "files", array);
    return corrald_call_reply(call, 200, reply);
}

/* GET /datastores/{name}/files/{path*} */

gboolean
corrald_handle_datastore_download(CorraldCall *call, GError **error)
{
    const char *path = call->params[1];
    int root, fd;
    struct stat st;
    guint64 offset, length;
    gboolean partial;

    if (call->transfer == NULL) {
        g_set_error_literal(error, CORRALD_ERROR, CORRALD_ERROR_BAD_REQUEST,
                            "downloads need the HTTP transport");
        return FALSE;
    }
    root = open_datastore(call, error);
    if (root < 0)
        return FALSE;
    fd = corrald_datastore_openat(root, path, O_RDONLY | O_NOCTTY, 0, error);
    close(root);
    if (fd < 0)
        return FALSE;
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_INVALID,
                    "%s is not a file: list a folder with GET /datastores/%s/files?path=%s", path,
                    call->params[0], path);
        close(fd);
        return FALSE;
    }
    if (!corrald_transfer_parse_range(corrald_transfer_range(call->transfer), (guint64)st.st_size,
                                      &offset, &length, &partial, error)) {
        close(fd);
        return FALSE;
    }
    corrald_transfer_set_download(call->transfer, fd, offset, length, (guint64)st.st_size,
                                  partial ? 206 : 200);
    return corrald_call_reply(call, partial ? 206 : 200, NULL);
}

/* PUT /datastores/{name}/files/{path*}: runs when the headers are in. */

/* Refuses an upload of @size bytes that the folder @parent cannot hold. */
static gboolean
check_space(int parent, guint64 size, const char *datastore, GError **error)
{
    struct statvfs vfs;
    guint64 available;

    if (fstatvfs(parent, &vfs) < 0) {
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_FAILED,
                    "reading the free space of datastore %s: %s", datastore, g_strerror(errno));
        return FALSE;
    }
    available = (guint64)vfs.f_bavail * vfs.f_frsize;
    if (size <= available)
        return TRUE;
    g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_TOO_LARGE,
                "the upload of %" G_GUINT64_FORMAT " bytes does not fit in datastore %s, which "
                "has %" G_GUINT64_FORMAT " bytes free",
                size, datastore, available);
    return FALSE;
}

/* Refuses to replace a folder, or a file unless @replace. */
static gboolean
check_target(int parent, const char *leaf, const char *path, gboolean replace, GError **error)
{
    struct stat st;

    if (fstatat(parent, leaf, &st, AT_SYMLINK_NOFOLLOW) < 0)
        return TRUE;
    if (S_ISREG(st.st_mode) && replace)
        return TRUE;
    g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_EXISTS,
                S_ISREG(st.st_mode) ? "%s already exists (add ?overwrite=true to replace it)"
                                    : "%s already exists and is not a file",
                path);
    return FALSE;
}

gboolean
corrald_handle_datastore_upload(CorraldCall *call, GError **error)
{
    const char *name = call->params[0], *path = call->params[1];
    g_autofree char *leaf = NULL;
    g_autofree char *partial = NULL;
    g_autofree char *target = NULL;
    gboolean replace;
    guint64 size;
    int root, parent, fd = -1;
    json_object *task, *reply;

    if (call->transfer == NULL || !corrald_transfer_is_upload(call->transfer)) {
        g_set_error_literal(error, CORRALD_ERROR, CORRALD_ERROR_BAD_REQUEST,
                            "uploads need the HTTP transport");
        return FALSE;
    }
    if (!corrald_transfer_content_length(call->transfer, &size)) {
        g_set_error_literal(error, CORRALD_ERROR, CORRALD_ERROR_BAD_REQUEST,
                            "an upload needs a Content-Length header (no chunked encoding)");
        return FALSE;
    }
    if (!query_flag(call, "overwrite", &replace, error))
        return FALSE;
    root = open_datastore(call, error);
    if (root < 0)
        return FALSE;
    parent = corrald_datastore_open_parent(root, path, &leaf, error);
    close(root);
    if (parent < 0)
        return FALSE;
    if (corrald_datastore_is_partial(leaf)) {
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_BAD_REQUEST,
                    "%s: names of the form .NAME.partial-XXXXXX are kept for uploads", path);
        close(parent);
        return FALSE;
    }
    if (check_target(parent, leaf, path, replace, error) &&
        check_space(parent, size, name, error)) {
        partial = corrald_datastore_partial_name(leaf);
        fd = openat(parent, partial, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
        if (fd < 0)
            g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_FAILED,
                        "starting the upload of %s to datastore %s: %s", path, name,
                        g_strerror(errno));
    }
    if (fd < 0) {
        close(parent);
        return FALSE;
    }
    target = g_strdup_printf("%s/%s", name, path);
    task = corrald_transfer_accept_upload(call->transfer, call->daemon, parent, fd, partial, leaf,
                                          replace, name, target, call->user);
    reply = json_object_new_object();
    json_object_object_add(reply, "task", task);
    return corrald_call_reply(call, 202, reply);
}

/* POST /datastores/{name}/files/{path*}?mkdir */

gboolean
corrald_handle_datastore_mkdir(CorraldCall *call, GError **error)
{
    int root;
    gboolean ok;

    if (corrald_call_query(call, "mkdir") == NULL) {
        g_set_error_literal(error, CORRALD_ERROR, CORRALD_ERROR_BAD_REQUEST,
                            "POST on a datastore path makes a folder: add ?mkdir");
        return FALSE;
    }
    root = open_datastore(call, error);
    if (root < 0)
        return FALSE;
    ok = corrald_datastore_make_folder(root, call->params[1], error);
    close(root);
    if (!ok)
        return FALSE;
    corrald_event_log_add(call->daemon->events, "datastore-mkdir", call->params[0], call->user,
                          "folder %s made in datastore %s", call->params[1], call->params[0]);
    return corrald_call_reply(call, 201, NULL);
}

/* DELETE /datastores/{name}/files/{path*} */

gboolean
corrald_handle_datastore_file_delete(CorraldCall *call, GError **error)
{
    int root = open_datastore(call, error);
    gboolean ok;

    if (root < 0)
        return FALSE;
    ok = corrald_datastore_delete_file(root, call->params[1], error);
    close(root);
    if (!ok)
        return FALSE;
    corrald_datastore_refresh(call->daemon->conn, call->params[0]);
    corrald_event_log_add(call->daemon->events, "datastore-delete-file", call->params[0],
                          call->user, "%s deleted from datastore %s", call->params[1],
                          call->params[0]);
    return corrald_call_reply(call, 204, NULL);
}
