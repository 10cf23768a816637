/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * CorralReplyBuffer (see reply-buffer.h): heap while small, then a mapping
 * of its own that doubles with mremap().
 */
#include "protocol/reply-buffer.h"

#include "protocol/protocol-error.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>

CorralReplyBuffer *
corral_reply_buffer_new(void)
{
    return g_new0(CorralReplyBuffer, 1);
}

void
corral_reply_buffer_free(CorralReplyBuffer *buffer)
{
    if (buffer == NULL)
        return;
    if (buffer->mapped)
        munmap(buffer->data, buffer->size);
    else
        g_free(buffer->data);
    g_free(buffer);
}

/* Room for @need bytes in all: on the heap below the mapping size, else in
 * a mapping, moved there from the heap the first time. */
static gboolean
reserve(CorralReplyBuffer *buffer, gsize need, GError **error)
{
    gsize size = MAX(buffer->size, 4096);
    guint8 *data;

    if (need <= buffer->size)
        return TRUE;
    while (size < need)
        size *= 2;
    if (size < CORRAL_REPLY_BUFFER_MAPPED_FROM) {
        buffer->data = g_realloc(buffer->data, size);
        buffer->size = size;
        return TRUE;
    }
    if (buffer->mapped)
        data = mremap(buffer->data, buffer->size, size, MREMAP_MAYMOVE);
    else
        data = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (data == MAP_FAILED) {
        g_set_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_FAILED,
                    "no memory for an answer of %" G_GSIZE_FORMAT " bytes: %s", need,
                    g_strerror(errno));
        return FALSE;
    }
    if (!buffer->mapped) {
        memcpy(data, buffer->data, buffer->len);
        g_free(buffer->data);
        buffer->mapped = TRUE;
    }
    buffer->data = data;
    buffer->size = size;
    return TRUE;
}

gboolean
corral_reply_buffer_append(CorralReplyBuffer *buffer, const void *data, gsize len, GError **error)
{
    if (len == 0)
        return TRUE;
    if (len > G_MAXSIZE / 2 - buffer->len) {
        g_set_error_literal(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_FAILED,
                            "an answer too large to hold");
        return FALSE;
    }
    if (!reserve(buffer, buffer->len + len, error))
        return FALSE;
    memcpy(buffer->data + buffer->len, data, len);
    buffer->len += len;
    return TRUE;
}
