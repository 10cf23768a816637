/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A console's framebuffer and its textures. gvnc decodes into one plain
 * buffer (32-bit BGRX) that this type owns; the screen is cut into square
 * tiles, each drawn as a texture of its own, and an update re-makes only the
 * tiles it touches. With GTK's GL renderer only those new textures travel to
 * the GPU; unchanged tiles keep theirs. The padding byte that VNC leaves
 * zero becomes opaque alpha while a tile is copied out.
 *
 * Used from the main thread only.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct CorralVncTiles CorralVncTiles;

#define CORRAL_VNC_TILE_SIZE 128

/* The largest framebuffer a console accepts: a server asking for more gets
 * an error, not an allocation. */
#define CORRAL_VNC_MAX_WIDTH  8192
#define CORRAL_VNC_MAX_HEIGHT 8192

/* A framebuffer of @width × @height; fails for sizes of 0 or past the
 * limits. */
CorralVncTiles *corral_vnc_tiles_new(guint width, guint height, GError **error);
void corral_vnc_tiles_free(CorralVncTiles *tiles);

guint corral_vnc_tiles_get_width(CorralVncTiles *tiles);
guint corral_vnc_tiles_get_height(CorralVncTiles *tiles);

/* The buffer gvnc writes into, and its row stride in bytes. */
guint8 *corral_vnc_tiles_get_buffer(CorralVncTiles *tiles);
gsize corral_vnc_tiles_get_stride(CorralVncTiles *tiles);

/* Marks a changed rectangle (clipped to the framebuffer). */
void corral_vnc_tiles_damage(CorralVncTiles *tiles, guint x, guint y, guint width, guint height);

/* Appends the framebuffer to @snapshot scaled by @scale, re-making the
 * textures of damaged tiles first; returns how many it re-made. */
guint corral_vnc_tiles_snapshot(CorralVncTiles *tiles, GtkSnapshot *snapshot, double scale);

/* Appends the framebuffer to @snapshot as one cairo drawing, for GTK's
 * cairo renderer: it turns every texture into a cairo surface through a
 * per-pixel float conversion each frame (GTK 4.8), while a cairo node
 * paints our buffer with one pixman blit. */
void corral_vnc_tiles_snapshot_cairo(CorralVncTiles *tiles, GtkSnapshot *snapshot, double scale);

/* The whole framebuffer as one texture (screenshots). */
GdkTexture *corral_vnc_tiles_texture(CorralVncTiles *tiles);

/* A checksum of rectangle (@x, @y, @width, @height), for tests that watch a
 * region change. */
guint32 corral_vnc_tiles_checksum(CorralVncTiles *tiles, guint x, guint y, guint width,
                                  guint height);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CorralVncTiles, corral_vnc_tiles_free)

G_END_DECLS
