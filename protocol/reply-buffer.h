/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * CorralReplyBuffer: the bytes of one HTTP answer as they arrive. Small
 * answers live on the heap; past CORRAL_REPLY_BUFFER_MAPPED_FROM the bytes
 * move to an anonymous mapping of their own that grows with mremap() and is
 * unmapped when the answer has been read. A client that lists a thousand
 * guests from a worker thread thus never grows that thread's malloc arena
 * by megabytes whose pages stay resident after the answer is freed (glibc
 * serves such sizes from the arena once its dynamic mmap threshold has
 * risen, and the JSON tree parsed next pins the pages).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CORRAL_REPLY_BUFFER_MAPPED_FROM (64 * 1024)

typedef struct {
    guint8 *data;
    gsize len;
    gsize size;      /* bytes reserved at data */
    gboolean mapped; /* data is a mapping of its own */
} CorralReplyBuffer;

CorralReplyBuffer *corral_reply_buffer_new(void);
void corral_reply_buffer_free(CorralReplyBuffer *buffer);
gboolean corral_reply_buffer_append(CorralReplyBuffer *buffer, const void *data, gsize len,
                                    GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CorralReplyBuffer, corral_reply_buffer_free)

G_END_DECLS
