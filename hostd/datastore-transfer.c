/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Streamed uploads and ranged downloads of datastore files (see
 * datastore-transfer.h). An upload's task runs in a thread of its own
 * that only waits: the connection's thread does the writing and reports
 * progress, and wakes the task when the upload ends one way or another.
 */
#include "hostd/datastore-transfer.h"

#include "hostd/daemon.h"
#include "hostd/datastore-files.h"
#include "hostd/datastore.h"
#include "hostd/hostd-error.h"
#include "protocol/datastore-file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FILES_PREFIX             "/api/v1/datastores/"
#define MAX_PROGRESS_BEFORE_DONE 99

/* What the upload's task waits for; shared by the task's thread and the
 * connection's. */
typedef struct {
    GMutex lock;
    GCond cond;
    gboolean done;
    char *error; /* NULL on success */
} UploadSync;

struct CorraldTransfer {
    gboolean upload;
    char *content_length;
    char *range;

    /* Upload */
    CorraldDaemon *daemon;
    int parent_fd, fd;
    char *partial, *leaf, *datastore;
    gboolean replace, accepted, finished;
    guint64 expected, written, task_id;
    int percent;
    UploadSync *sync;
    GError *failure;

    /* Download */
    int download_fd;
    guint64 offset, length, total;
    guint status;
};

static void
sync_clear(gpointer data)
{
    UploadSync *sync = data;

    g_mutex_clear(&sync->lock);
    g_cond_clear(&sync->cond);
    g_free(sync->error);
}

static void
sync_release(UploadSync *sync)
{
    g_atomic_rc_box_release_full(sync, sync_clear);
}

static void
sync_end(UploadSync *sync, const char *error)
{
    g_mutex_lock(&sync->lock);
    sync->done = TRUE;
    sync->error = g_strdup(error);
    g_cond_broadcast(&sync->cond);
    g_mutex_unlock(&sync->lock);
}

/* The upload's task: waits for the connection's thread to end it. */
static gboolean
upload_task(CorraldTaskList *tasks, guint64 id, gpointer data, GError **error)
{
    UploadSync *sync = data;
    gboolean ok;

    g_mutex_lock(&sync->lock);
    while (!sync->done)
        g_cond_wait(&sync->cond, &sync->lock);
    ok = sync->error == NULL;
    if (!ok)
        g_set_error_literal(error, CORRALD_ERROR, CORRALD_ERROR_FAILED, sync->error);
    g_mutex_unlock(&sync->lock);
    return ok;
}

static void
upload_sync_free(gpointer data)
{
    sync_release(data);
}

/* Whether @url is /api/v1/datastores/NAME/files/… */
static gboolean
is_file_url(const char *url)
{
    const char *rest, *slash;

    if (!g_str_has_prefix(url, FILES_PREFIX))
        return FALSE;
    rest = url + strlen(FILES_PREFIX);
    slash = strchr(rest, '/');
    return slash != NULL && slash != rest && g_str_has_prefix(slash, "/files/") &&
           slash[strlen("/files/")] != '\0' && slash[strlen("/files/")] != '?';
}

CorraldTransfer *
corrald_transfer_new(const char *method, const char *url, const char *content_length,
                     const char *range)
{
    gboolean upload = g_str_equal(method, "PUT");
    CorraldTransfer *transfer;

    if (!(upload || g_str_equal(method, "GET")) || !is_file_url(url))
        return NULL;
    transfer = g_new0(CorraldTransfer, 1);
    transfer->upload = upload;
    transfer->content_length = g_strdup(content_length);
    transfer->range = g_strdup(range);
    transfer->parent_fd = -1;
    transfer->fd = -1;
    transfer->download_fd = -1;
    return transfer;
}

gboolean
corrald_transfer_is_upload(const CorraldTransfer *transfer)
{
    return transfer->upload;
}

gboolean
corrald_transfer_content_length(const CorraldTransfer *transfer, guint64 *length)
{
    const char *text = transfer->content_length;
    char *end;

    if (text == NULL || !g_ascii_isdigit(text[0]))
        return FALSE;
    errno = 0;
    *length = g_ascii_strtoull(text, &end, 10);
    return errno == 0 && *end == '\0';
}

const char *
corrald_transfer_range(const CorraldTransfer *transfer)
{
    return transfer->range;
}

json_object *
corrald_transfer_accept_upload(CorraldTransfer *transfer, CorraldDaemon *daemon, int parent_fd,
                               int fd, const char *partial, const char *leaf, gboolean replace,
                               const char *datastore, const char *target, const char *user)
{
    json_object *task, *id;

    g_return_val_if_fail(transfer->upload && !transfer->accepted, NULL);
    transfer->daemon = daemon;
    transfer->parent_fd = parent_fd;
    transfer->fd = fd;
    transfer->partial = g_strdup(partial);
    transfer->leaf = g_strdup(leaf);
    transfer->datastore = g_strdup(datastore);
    transfer->replace = replace;
    corrald_transfer_content_length(transfer, &transfer->expected);
    transfer->sync = g_atomic_rc_box_new0(UploadSync);
    g_mutex_init(&transfer->sync->lock);
    g_cond_init(&transfer->sync->cond);
    task = corrald_task_list_start(daemon->tasks, "datastore-upload", target, user, upload_task,
                                   g_atomic_rc_box_acquire(transfer->sync), upload_sync_free);
    if (json_object_object_get_ex(task, "id", &id))
        transfer->task_id = g_ascii_strtoull(json_object_get_string(id), NULL, 10);
    transfer->accepted = TRUE;
    return task;
}

gboolean
corrald_transfer_upload_accepted(const CorraldTransfer *transfer)
{
    return transfer->accepted;
}

/* Removes the unfinished file and tells the task why. */
static void
abandon(CorraldTransfer *transfer, const char *why)
{
    if (transfer->fd >= 0) {
        close(transfer->fd);
        transfer->fd = -1;
        if (unlinkat(transfer->parent_fd, transfer->partial, 0) < 0 && errno != ENOENT)
            g_warning("removing the unfinished upload %s: %s", transfer->partial,
                      g_strerror(errno));
    }
    if (transfer->sync != NULL && !transfer->finished) {
        transfer->finished = TRUE;
        sync_end(transfer->sync, why);
    }
}

void
corrald_transfer_write(CorraldTransfer *transfer, const char *data, gsize len)
{
    int percent;

    if (!transfer->accepted || transfer->failure != NULL || transfer->finished)
        return;
    if (transfer->written + len > transfer->expected) {
        g_set_error(&transfer->failure, CORRALD_ERROR, CORRALD_ERROR_BAD_REQUEST,
                    "the body is longer than its Content-Length of %" G_GUINT64_FORMAT " bytes",
                    transfer->expected);
        abandon(transfer, transfer->failure->message);
        return;
    }
    while (len > 0) {
        ssize_t n = write(transfer->fd, data, len);

        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            g_set_error(&transfer->failure, CORRALD_ERROR,
                        errno == ENOSPC ? CORRALD_ERROR_TOO_LARGE : CORRALD_ERROR_FAILED,
                        "writing %s to datastore %s: %s", transfer->leaf, transfer->datastore,
                        g_strerror(errno));
            abandon(transfer, transfer->failure->message);
            return;
        }
        data += n;
        len -= (gsize)n;
        transfer->written += (guint64)n;
    }
    percent = transfer->expected > 0
                  ? (int)MIN(transfer->written * 100 / transfer->expected, MAX_PROGRESS_BEFORE_DONE)
                  : 0;
    if (percent != transfer->percent) {
        transfer->percent = percent;
        corrald_task_list_progress(transfer->daemon->tasks, transfer->task_id, percent);
    }
}

/* Moves the complete file into place. */
static gboolean
commit(CorraldTransfer *transfer, GError **error)
{
    unsigned int flags = transfer->replace ? 0 : RENAME_NOREPLACE;

    if (fdatasync(transfer->fd) < 0 || close(transfer->fd) < 0) {
        transfer->fd = -1;
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_FAILED, "writing %s to datastore %s: %s",
                    transfer->leaf, transfer->datastore, g_strerror(errno));
        return FALSE;
    }
    transfer->fd = -1;
    if (renameat2(transfer->parent_fd, transfer->partial, transfer->parent_fd, transfer->leaf,
                  flags) < 0) {
        int saved = errno;

        unlinkat(transfer->parent_fd, transfer->partial, 0);
        g_set_error(error, CORRALD_ERROR,
                    saved == EEXIST ? CORRALD_ERROR_EXISTS : CORRALD_ERROR_FAILED,
                    "putting %s in place in datastore %s: %s", transfer->leaf, transfer->datastore,
                    saved == EEXIST ? "a file of that name appeared meanwhile" : g_strerror(saved));
        return FALSE;
    }
    return TRUE;
}

/* The task as the task list has it once its thread has ended (briefly
 * waited for, so the answer shows the final state). */
static json_object *
final_task(CorraldTransfer *transfer)
{
    for (int i = 0; i < 2000; i++) {
        json_object *task = corrald_task_list_get(transfer->daemon->tasks, transfer->task_id);
        json_object *state;

        if (task == NULL)
            return NULL;
        if (i == 1999 || (json_object_object_get_ex(task, "state", &state) &&
                          (g_str_equal(json_object_get_string(state), "success") ||
                           g_str_equal(json_object_get_string(state), "error"))))
            return task;
        json_object_put(task);
        g_usleep(1000);
    }
    return NULL;
}

json_object *
corrald_transfer_finish(CorraldTransfer *transfer, guint *status)
{
    g_autoptr(GError) error = NULL;
    json_object *reply, *task;

    if (transfer->failure != NULL) {
        abandon(transfer, transfer->failure->message);
        return corrald_error_reply(transfer->failure, status);
    }
    if (transfer->written != transfer->expected)
        g_set_error(&error, CORRALD_ERROR, CORRALD_ERROR_BAD_REQUEST,
                    "the body ended after %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT " bytes",
                    transfer->written, transfer->expected);
    if (error != NULL || !commit(transfer, &error)) {
        abandon(transfer, error->message);
        return corrald_error_reply(error, status);
    }
    corrald_datastore_refresh(transfer->daemon->conn, transfer->datastore);
    corrald_task_list_progress(transfer->daemon->tasks, transfer->task_id, 100);
    transfer->finished = TRUE;
    sync_end(transfer->sync, NULL);
    reply = json_object_new_object();
    task = final_task(transfer);
    if (task != NULL)
        json_object_object_add(reply, "task", task);
    *status = 201;
    return reply;
}

void
corrald_transfer_set_download(CorraldTransfer *transfer, int fd, guint64 offset, guint64 length,
                              guint64 total, guint status)
{
    if (transfer->download_fd >= 0)
        close(transfer->download_fd);
    transfer->download_fd = fd;
    transfer->offset = offset;
    transfer->length = length;
    transfer->total = total;
    transfer->status = status;
}

gboolean
corrald_transfer_steal_download(CorraldTransfer *transfer, int *fd, guint64 *offset,
                                guint64 *length, guint *status, char **content_range)
{
    if (transfer->download_fd < 0)
        return FALSE;
    *fd = transfer->download_fd;
    transfer->download_fd = -1;
    *offset = transfer->offset;
    *length = transfer->length;
    *status = transfer->status;
    *content_range = transfer->status == 206
                         ? g_strdup_printf("bytes %" G_GUINT64_FORMAT "-%" G_GUINT64_FORMAT
                                           "/%" G_GUINT64_FORMAT,
                                           transfer->offset,
                                           transfer->offset + transfer->length - 1, transfer->total)
                         : NULL;
    return TRUE;
}

static gboolean
parse_number(const char *text, gsize len, guint64 *value)
{
    g_autofree char *copy = g_strndup(text, len);
    char *end;

    if (len == 0 || !g_ascii_isdigit(copy[0]))
        return FALSE;
    errno = 0;
    *value = g_ascii_strtoull(copy, &end, 10);
    return errno == 0 && *end == '\0';
}

gboolean
corrald_transfer_parse_range(const char *range, guint64 total, guint64 *offset, guint64 *length,
                             gboolean *partial, GError **error)
{
    const char *spec, *dash;
    guint64 first = 0, last = 0;
    gboolean has_first, has_last;

    *offset = 0;
    *length = total;
    *partial = FALSE;
    if (range == NULL)
        return TRUE;
    if (!g_str_has_prefix(range, "bytes=") || strchr(range, ',') != NULL ||
        (dash = strchr(range, '-')) == NULL) {
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_BAD_REQUEST,
                    "Range: expected one range such as \"bytes=0-1023\", \"bytes=1024-\" or "
                    "\"bytes=-1024\"");
        return FALSE;
    }
    spec = range + strlen("bytes=");
    has_first = parse_number(spec, (gsize)(dash - spec), &first);
    has_last = parse_number(dash + 1, strlen(dash + 1), &last);
    if ((!has_first && dash != spec) || (!has_last && dash[1] != '\0') ||
        (!has_first && !has_last) || (has_first && has_last && last < first)) {
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_BAD_REQUEST, "Range: malformed: %.60s",
                    range);
        return FALSE;
    }
    if (!has_first) {
        /* The last N bytes. */
        if (last == 0 || total == 0)
            goto unsatisfiable;
        *offset = total - MIN(last, total);
        *length = total - *offset;
    } else {
        if (first >= total)
            goto unsatisfiable;
        *offset = first;
        *length = (has_last ? MIN(last, total - 1) : total - 1) - first + 1;
    }
    *partial = TRUE;
    return TRUE;

unsatisfiable:
    g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_RANGE_NOT_SATISFIABLE,
                "Range %.60s: the file has %" G_GUINT64_FORMAT " bytes", range, total);
    return FALSE;
}

void
corrald_transfer_free(CorraldTransfer *transfer)
{
    if (transfer == NULL)
        return;
    if (transfer->accepted && !transfer->finished) {
        g_autofree char *why = g_strdup_printf("the upload was cut off after %" G_GUINT64_FORMAT
                                               " of %" G_GUINT64_FORMAT " bytes",
                                               transfer->written, transfer->expected);

        abandon(transfer, why);
    }
    if (transfer->fd >= 0)
        close(transfer->fd);
    if (transfer->parent_fd >= 0)
        close(transfer->parent_fd);
    if (transfer->download_fd >= 0)
        close(transfer->download_fd);
    if (transfer->sync != NULL)
        sync_release(transfer->sync);
    g_clear_error(&transfer->failure);
    g_free(transfer->content_length);
    g_free(transfer->range);
    g_free(transfer->partial);
    g_free(transfer->leaf);
    g_free(transfer->datastore);
    g_free(transfer);
}
