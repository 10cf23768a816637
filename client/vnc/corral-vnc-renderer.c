/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The renderer choice (see corral-vnc-renderer.h). GTK asks the display's
 * "gsk-renderer" data first (what GtkInspector sets), so the choice stays
 * with this display and the environment is left alone. The GL renderer's
 * name comes from a GL context made for the question and dropped after.
 */
#include "client/vnc/corral-vnc-renderer.h"

#include <epoxy/gl.h>
#include <string.h>

/* Mesa's software rasterisers, as GL_RENDERER names them. */
static const char *const software[] = {"llvmpipe", "softpipe", "swrast", "Software Rasterizer"};

gboolean
corral_vnc_renderer_choose(GdkDisplay *display)
{
    g_autoptr(GdkGLContext) context = NULL;
    const char *name;
    gboolean chosen = FALSE;

    g_return_val_if_fail(GDK_IS_DISPLAY(display), FALSE);
    if (g_getenv("GSK_RENDERER") != NULL ||
        g_object_get_data(G_OBJECT(display), "gsk-renderer") != NULL)
        return FALSE;
    context = gdk_display_create_gl_context(display, NULL);
    if (context == NULL || !gdk_gl_context_realize(context, NULL))
        return FALSE; /* no GL: GTK falls back to cairo itself */
    gdk_gl_context_make_current(context);
    name = (const char *)glGetString(GL_RENDERER);
    for (gsize i = 0; name != NULL && !chosen && i < G_N_ELEMENTS(software); i++)
        chosen = strstr(name, software[i]) != NULL;
    if (chosen) {
        g_info("software OpenGL (%s): the cairo renderer", name);
        g_object_set_data(G_OBJECT(display), "gsk-renderer", (gpointer) "cairo");
    }
    gdk_gl_context_clear_current();
    return chosen;
}
