/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A QR code for the status screen, made with libqrencode and drawn in text:
 * two modules per character cell with the half-block characters, so a
 * version-5 code fits beside the status text on an 80×25 console.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The rows of the code as UTF-8 lines, dark modules as blocks, with a
 * two-module quiet zone; NULL if @text cannot be encoded. */
GStrv dcui_qr_render(const char *text);

G_END_DECLS
