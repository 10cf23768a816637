/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Which GTK renderer a console window gets. GTK 4.8 draws with OpenGL by
 * default, also when the OpenGL is a software rasteriser (Mesa's llvmpipe
 * on a desktop without a GPU driver, in a VM or under Xvfb): there its GL
 * renderer costs a console several times the CPU of its cairo renderer
 * (bench/console: 9.5 against 1.3 ms a frame update). So on software GL
 * the display gets the cairo renderer; GSK_RENDERER, when set, still wins.
 *
 * Main thread, before the display's first window is realized.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Picks the cairo renderer for @display when its OpenGL is a software
 * rasteriser and GSK_RENDERER is unset, saying so in an info log line;
 * TRUE when it did. */
gboolean corral_vnc_renderer_choose(GdkDisplay *display);

G_END_DECLS
