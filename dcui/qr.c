/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * QR rendering. Each text row holds two module rows: upper half block for
 * dark-over-light, lower for light-over-dark, full block for both.
 */
#include "dcui/qr.h"

#include <qrencode.h>

#define QUIET 2

static gboolean
dark(const QRcode *qr, int x, int y)
{
    if (x < 0 || y < 0 || x >= qr->width || y >= qr->width)
        return FALSE;
    return (qr->data[y * qr->width + x] & 1) != 0;
}

GStrv
dcui_qr_render(const char *text)
{
    QRcode *qr = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_L);
    GPtrArray *rows = g_ptr_array_new();

    if (qr == NULL) {
        g_ptr_array_unref(rows);
        return NULL;
    }
    for (int y = -QUIET; y < qr->width + QUIET; y += 2) {
        GString *line = g_string_new(NULL);

        for (int x = -QUIET; x < qr->width + QUIET; x++) {
            gboolean top = dark(qr, x, y), bottom = dark(qr, x, y + 1);

            g_string_append(line, top && bottom ? "█" : top ? "▀" : bottom ? "▄" : " ");
        }
        g_ptr_array_add(rows, g_string_free(line, FALSE));
    }
    QRcode_free(qr);
    g_ptr_array_add(rows, NULL);
    return (GStrv)g_ptr_array_free(rows, FALSE);
}
