/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * File transfers of the datastore file API, the one place where a request
 * or an answer is not a JSON document held in memory. The HTTP server makes
 * a transfer for every request to /datastores/{name}/files/{path}, before
 * it reads any body, and hands it to the handler through the call:
 *
 * - Upload (PUT): the handler runs as soon as the headers are in, so the
 *   route table and auth decide before one byte of body is accepted. It
 *   checks the path and the free space against Content-Length, opens a
 *   temporary file ".NAME.partial-XXXXXX" next to the final one and starts
 *   a task; the server then streams each chunk of the body into it
 *   (corrald_transfer_write), which moves the task's progress, and at the
 *   end corrald_transfer_finish() syncs it and renames it into place. An
 *   upload that ends any other way is removed (corrald_transfer_free), so
 *   no half file ever appears under the final name.
 * - Download (GET): the handler opens the file and sets the byte range to
 *   send (a `Range: bytes=…` header is honoured); the server streams it
 *   from the descriptor.
 *
 * A transfer belongs to its connection's thread.
 */
#pragma once

#include <glib.h>
#include <json-c/json.h>

#include "hostd/call.h"
#include "hostd/task-list.h"

G_BEGIN_DECLS

/* A transfer for a request of @method on @url (percent-encoded, as sent),
 * or NULL when it is not one of the file routes. @content_length and
 * @range are the request's headers (NULL when absent). */
CorraldTransfer *corrald_transfer_new(const char *method, const char *url,
                                      const char *content_length, const char *range);
void corrald_transfer_free(CorraldTransfer *transfer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CorraldTransfer, corrald_transfer_free)

/* Whether the request is an upload (its body is streamed, never held). */
gboolean corrald_transfer_is_upload(const CorraldTransfer *transfer);

/* For handlers: the Content-Length of an upload (FALSE when the request
 * had none or a malformed one) and the Range header of a download. */
gboolean corrald_transfer_content_length(const CorraldTransfer *transfer, guint64 *length);
const char *corrald_transfer_range(const CorraldTransfer *transfer);

/* For the upload handler: the upload is accepted into @fd, a new file
 * called @partial in the folder @parent_fd, to be renamed to @leaf when
 * complete (replacing a file there only when @replace). Both descriptors
 * are taken over. Starts the upload's task for @user with @target
 * ("DATASTORE/PATH") and returns it as JSON. @datastore is refreshed in
 * libvirt when the file is in place. */
json_object *corrald_transfer_accept_upload(CorraldTransfer *transfer, CorraldDaemon *daemon,
                                            int parent_fd, int fd, const char *partial,
                                            const char *leaf, gboolean replace,
                                            const char *datastore, const char *target,
                                            const char *user);

/* For the server: whether the handler accepted the upload. */
gboolean corrald_transfer_upload_accepted(const CorraldTransfer *transfer);

/* Writes one chunk of the body; after a failure the rest is discarded and
 * the failure is what finish answers. */
void corrald_transfer_write(CorraldTransfer *transfer, const char *data, gsize len);

/* Completes the upload: the answer (status and body) the server sends. */
json_object *corrald_transfer_finish(CorraldTransfer *transfer, guint *status);

/* For the download handler: send @length bytes from @offset of @fd (taken
 * over) out of @total, with status 200 or 206. */
void corrald_transfer_set_download(CorraldTransfer *transfer, int fd, guint64 offset,
                                   guint64 length, guint64 total, guint status);

/* For the server: the download the handler set, if any. The descriptor is
 * handed over (-1 afterwards); @content_range is the header for a 206. */
gboolean corrald_transfer_steal_download(CorraldTransfer *transfer, int *fd, guint64 *offset,
                                         guint64 *length, guint *status, char **content_range);

/* Parses a Range header against a file of @total bytes: one range of the
 * "bytes=" unit ("A-B", "A-", "-N"); sets @offset, @length and @partial.
 * A NULL @range is the whole file. A range that lies past the end fails
 * with CORRALD_ERROR_RANGE_NOT_SATISFIABLE (416); a malformed one or a
 * list of ranges with CORRALD_ERROR_BAD_REQUEST. */
gboolean corrald_transfer_parse_range(const char *range, guint64 total, guint64 *offset,
                                      guint64 *length, gboolean *partial, GError **error);

G_END_DECLS
