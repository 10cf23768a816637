/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The tiled framebuffer (see corral-vnc-tiles.h).
 */
#include "client/vnc/corral-vnc-tiles.h"

#include <glib/gi18n.h>

#define BYTES_PER_PIXEL 4
#define OPAQUE          0xff000000u

struct CorralVncTiles {
    guint width, height;
    gsize stride;
    guint8 *buffer;
    guint columns, rows;
    GdkTexture **textures;    /* columns × rows; NULL when damaged */
    cairo_surface_t *surface; /* over buffer, for the cairo renderer */
};

CorralVncTiles *
corral_vnc_tiles_new(guint width, guint height, GError **error)
{
    CorralVncTiles *tiles;

    if (width == 0 || height == 0 || width > CORRAL_VNC_MAX_WIDTH ||
        height > CORRAL_VNC_MAX_HEIGHT) {
        g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                    _("The console's screen size %u × %u is not supported (at most %u × %u)."),
                    width, height, CORRAL_VNC_MAX_WIDTH, CORRAL_VNC_MAX_HEIGHT);
        return NULL;
    }
    tiles = g_new0(CorralVncTiles, 1);
    tiles->width = width;
    tiles->height = height;
    tiles->stride = (gsize)width * BYTES_PER_PIXEL;
    tiles->buffer = g_malloc0(tiles->stride * height);
    tiles->columns = (width + CORRAL_VNC_TILE_SIZE - 1) / CORRAL_VNC_TILE_SIZE;
    tiles->rows = (height + CORRAL_VNC_TILE_SIZE - 1) / CORRAL_VNC_TILE_SIZE;
    tiles->textures = g_new0(GdkTexture *, tiles->columns * tiles->rows);
    return tiles;
}

void
corral_vnc_tiles_free(CorralVncTiles *tiles)
{
    if (tiles == NULL)
        return;
    for (guint i = 0; i < tiles->columns * tiles->rows; i++)
        g_clear_object(&tiles->textures[i]);
    g_free(tiles->textures);
    g_clear_pointer(&tiles->surface, cairo_surface_destroy);
    g_free(tiles->buffer);
    g_free(tiles);
}

guint
corral_vnc_tiles_get_width(CorralVncTiles *tiles)
{
    return tiles->width;
}

guint
corral_vnc_tiles_get_height(CorralVncTiles *tiles)
{
    return tiles->height;
}

guint8 *
corral_vnc_tiles_get_buffer(CorralVncTiles *tiles)
{
    return tiles->buffer;
}

gsize
corral_vnc_tiles_get_stride(CorralVncTiles *tiles)
{
    return tiles->stride;
}

void
corral_vnc_tiles_damage(CorralVncTiles *tiles, guint x, guint y, guint width, guint height)
{
    guint x1, y1;

    if (x >= tiles->width || y >= tiles->height || width == 0 || height == 0)
        return;
    x1 = MIN(tiles->width, x + width) - 1;
    y1 = MIN(tiles->height, y + height) - 1;
    for (guint r = y / CORRAL_VNC_TILE_SIZE; r <= y1 / CORRAL_VNC_TILE_SIZE; r++)
        for (guint c = x / CORRAL_VNC_TILE_SIZE; c <= x1 / CORRAL_VNC_TILE_SIZE; c++)
            g_clear_object(&tiles->textures[r * tiles->columns + c]);
}

/* A texture of the rectangle, with the padding byte made opaque. */
static GdkTexture *
make_texture(CorralVncTiles *tiles, guint x, guint y, guint w, guint h)
{
    gsize stride = (gsize)w * BYTES_PER_PIXEL;
    guint32 *pixels = g_malloc(stride * h);
    g_autoptr(GBytes) bytes = NULL;

    for (guint row = 0; row < h; row++) {
        const guint32 *src =
            (const guint32 *)(tiles->buffer + (y + row) * tiles->stride + (gsize)x * 4);
        guint32 *dst = pixels + (gsize)row * w;

        for (guint i = 0; i < w; i++)
            dst[i] = src[i] | OPAQUE;
    }
    bytes = g_bytes_new_take(pixels, stride * h);
    return gdk_memory_texture_new((int)w, (int)h, GDK_MEMORY_B8G8R8A8_PREMULTIPLIED, bytes, stride);
}

guint
corral_vnc_tiles_snapshot(CorralVncTiles *tiles, GtkSnapshot *snapshot, double scale)
{
    guint made = 0;

    for (guint r = 0; r < tiles->rows; r++) {
        for (guint c = 0; c < tiles->columns; c++) {
            guint x = c * CORRAL_VNC_TILE_SIZE, y = r * CORRAL_VNC_TILE_SIZE;
            guint w = MIN(CORRAL_VNC_TILE_SIZE, tiles->width - x);
            guint h = MIN(CORRAL_VNC_TILE_SIZE, tiles->height - y);
            GdkTexture **texture = &tiles->textures[r * tiles->columns + c];

            if (*texture == NULL) {
                *texture = make_texture(tiles, x, y, w, h);
                made++;
            }
            gtk_snapshot_append_texture(snapshot, *texture,
                                        &GRAPHENE_RECT_INIT((float)(x * scale), (float)(y * scale),
                                                            (float)(w * scale),
                                                            (float)(h * scale)));
        }
    }
    return made;
}

void
corral_vnc_tiles_snapshot_cairo(CorralVncTiles *tiles, GtkSnapshot *snapshot, double scale)
{
    cairo_t *cr;

    /* RGB24 ignores the padding byte VNC leaves zero. gvnc writes into the
     * buffer behind cairo's back, and the surface is never marked dirty:
     * that would make cairo copy the whole buffer for the snapshot the
     * previous frame's recording holds. The recording is replayed in the
     * frame that made it, so it always shows the buffer as it is. */
    if (tiles->surface == NULL)
        tiles->surface = cairo_image_surface_create_for_data(tiles->buffer, CAIRO_FORMAT_RGB24,
                                                             (int)tiles->width, (int)tiles->height,
                                                             (int)tiles->stride);
    cr =
        gtk_snapshot_append_cairo(snapshot, &GRAPHENE_RECT_INIT(0, 0, (float)(tiles->width * scale),
                                                                (float)(tiles->height * scale)));
    cairo_scale(cr, scale, scale);
    cairo_set_source_surface(cr, tiles->surface, 0, 0);
    if (scale == 1.0)
        cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_NEAREST);
    cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE);
    cairo_paint(cr);
    cairo_destroy(cr);
}

GdkTexture *
corral_vnc_tiles_texture(CorralVncTiles *tiles)
{
    return make_texture(tiles, 0, 0, tiles->width, tiles->height);
}

guint32
corral_vnc_tiles_checksum(CorralVncTiles *tiles, guint x, guint y, guint width, guint height)
{
    guint32 sum = 2166136261u;

    for (guint row = y; row < MIN(tiles->height, y + height); row++) {
        const guint8 *p = tiles->buffer + row * tiles->stride + (gsize)x * BYTES_PER_PIXEL;
        gsize n = (gsize)(MIN(tiles->width, x + width) - MIN(x, tiles->width)) * BYTES_PER_PIXEL;

        for (gsize i = 0; i < n; i++)
            sum = (sum ^ p[i]) * 16777619u;
    }
    return sum;
}
