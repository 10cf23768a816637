/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * CorralReplyBuffer: every byte kept in order across odd-sized appends,
 * on the heap while small and in a mapping of its own once big, whose
 * pages leave the process when the buffer is freed.
 */
#include "check-tap.h"

#include "protocol/reply-buffer.h"

#include <glib.h>
#include <string.h>

/* The pattern byte at @i: not periodic in any power of two. */
static guint8
pattern(gsize i)
{
    return (guint8)((i * 7 + i / 251) & 0xff);
}

START_TEST(test_bytes_in_order)
{
    g_autoptr(CorralReplyBuffer) buffer = corral_reply_buffer_new();
    static const gsize pieces[] = {1, 16383, 4096, 70000, 3, 1 << 20, 12345};
    gsize total = 0;

    for (gsize p = 0; p < G_N_ELEMENTS(pieces); p++) {
        g_autofree guint8 *piece = g_malloc(pieces[p]);

        for (gsize i = 0; i < pieces[p]; i++)
            piece[i] = pattern(total + i);
        ck_assert(corral_reply_buffer_append(buffer, piece, pieces[p], NULL));
        total += pieces[p];
        ck_assert_uint_eq(buffer->len, total);
        ck_assert_uint_ge(buffer->size, buffer->len);
    }
    for (gsize i = 0; i < total; i++)
        ck_assert_uint_eq(buffer->data[i], pattern(i));
}
END_TEST

START_TEST(test_small_on_heap_big_mapped)
{
    g_autoptr(CorralReplyBuffer) buffer = corral_reply_buffer_new();
    g_autofree guint8 *block = g_malloc0(CORRAL_REPLY_BUFFER_MAPPED_FROM);

    ck_assert(corral_reply_buffer_append(buffer, "{}", 2, NULL));
    ck_assert(!buffer->mapped);
    ck_assert(corral_reply_buffer_append(buffer, block, CORRAL_REPLY_BUFFER_MAPPED_FROM, NULL));
    ck_assert(buffer->mapped);
    ck_assert_int_eq(memcmp(buffer->data, "{}", 2), 0);
    ck_assert(corral_reply_buffer_append(buffer, NULL, 0, NULL));
    ck_assert_uint_eq(buffer->len, CORRAL_REPLY_BUFFER_MAPPED_FROM + 2);
}
END_TEST

/* The reason for the type: 64 MiB read and freed leave the process. */
static gsize
rss_kib(void)
{
    g_autofree char *status = NULL;
    const char *line;

    if (!g_file_get_contents("/proc/self/status", &status, NULL, NULL) ||
        (line = strstr(status, "\nVmRSS:")) == NULL)
        return 0;
    return (gsize)g_ascii_strtoull(line + strlen("\nVmRSS:"), NULL, 10);
}

START_TEST(test_freed_pages_leave)
{
    g_autofree guint8 *chunk = g_malloc(16384);
    CorralReplyBuffer *buffer = corral_reply_buffer_new();
    gsize before, full, after;

    memset(chunk, 'x', 16384);
    before = rss_kib();
    for (int i = 0; i < 4096; i++)
        ck_assert(corral_reply_buffer_append(buffer, chunk, 16384, NULL));
    full = rss_kib();
    corral_reply_buffer_free(buffer);
    after = rss_kib();
    ck_assert_uint_ge(full, before + 60 * 1024);
    ck_assert_uint_le(after, before + 4 * 1024);
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("reply-buffer");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_bytes_in_order);
    tcase_add_test(tc, test_small_on_heap_big_mapped);
    tcase_add_test(tc, test_freed_pages_leave);
    suite_add_tcase(s, tc);
    return corral_check_run(s);
}
