/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * CorralVncView: a guest's console as a GTK 4 widget, on libgvnc's
 * VncConnection. The framebuffer lives in our memory (corral-vnc-tiles.h)
 * and only changed tiles become new textures. Keys go out as the scancode
 * of the physical key with its keysym (corral-vnc-keymap.h), so the guest's
 * layout decides what a key types; keys held when focus leaves are
 * released. The grab combination (Ctrl+Alt by default) takes and gives back
 * the keyboard shortcuts of the desktop. Absolute and relative pointers,
 * scale to fit or 1:1, asking the guest for the window's size, screenshots,
 * clipboard sharing (off until switched on), typing text as keystrokes,
 * and reopening the console through a callback after it drops.
 *
 * Used from the main thread only (gvnc runs its protocol there too).
 */
#pragma once

#include <gtk/gtk.h>

#include "client/vnc/corral-vnc-keys.h"

G_BEGIN_DECLS

#define CORRAL_TYPE_VNC_VIEW (corral_vnc_view_get_type())
G_DECLARE_FINAL_TYPE(CorralVncView, corral_vnc_view, CORRAL, VNC_VIEW, GtkWidget)

/* Opens a new connection to the console: returns a connected socket (the
 * view takes it) or -1 with @error set. Called again to reconnect. */
typedef int (*CorralVncOpenFunc)(gpointer user_data, GError **error);

GtkWidget *corral_vnc_view_new(void);

/* Connects through @open (now, and again after the console drops while
 * the view is shown); @destroy frees @user_data with the view. */
void corral_vnc_view_set_open_func(CorralVncView *view, CorralVncOpenFunc open, gpointer user_data,
                                   GDestroyNotify destroy);

/* Connects to a VNC server at @host:@port directly (vnc:// addresses),
 * reconnecting the same way. */
void corral_vnc_view_open_host(CorralVncView *view, const char *host, const char *port);

/* The password for servers that ask for VNC authentication, or NULL. */
void corral_vnc_view_set_password(CorralVncView *view, const char *password);

/* Closes the console and stops reconnecting. */
void corral_vnc_view_close(CorralVncView *view);

gboolean corral_vnc_view_is_connected(CorralVncView *view);

/* What went wrong last, for the user; NULL while all is well. */
const char *corral_vnc_view_get_error(CorralVncView *view);

void corral_vnc_view_send_keys(CorralVncView *view, CorralVncKeys keys);

/* Types @text as keystrokes, with the keys of the client's keyboard
 * layout; characters it has no key for are skipped and counted. */
guint corral_vnc_view_type_text(CorralVncView *view, const char *text);

/* Types the clipboard's text (asynchronously). */
void corral_vnc_view_type_clipboard(CorralVncView *view);

void corral_vnc_view_set_scale_to_fit(CorralVncView *view, gboolean fit);
gboolean corral_vnc_view_get_scale_to_fit(CorralVncView *view);
void corral_vnc_view_set_resize_guest(CorralVncView *view, gboolean resize);
void corral_vnc_view_set_share_clipboard(CorralVncView *view, gboolean share);
gboolean corral_vnc_view_get_share_clipboard(CorralVncView *view);

/* The grab combination as a GTK accelerator of modifiers only
 * ("<Control><Alt>"); FALSE for anything else. */
gboolean corral_vnc_view_set_grab_keys(CorralVncView *view, const char *accelerator);
void corral_vnc_view_set_grabbed(CorralVncView *view, gboolean grabbed);
gboolean corral_vnc_view_get_grabbed(CorralVncView *view);

/* How the guest takes the pointer. A relative pointer (a guest without a
 * tablet) moves by the distances the host pointer moves while the view is
 * grabbed; on X11 the host pointer is then hidden and warped back to the
 * view's centre after each move, so it never reaches the screen's edge.
 * GTK 4 has no pointer lock or warp on Wayland: there the deltas still go
 * out, but the pointer is not held (RELATIVE_FREE), which the console's
 * status line says. The "pointer-mode" property notifies changes. */
typedef enum {
    CORRAL_VNC_POINTER_ABSOLUTE,
    CORRAL_VNC_POINTER_RELATIVE,
    CORRAL_VNC_POINTER_RELATIVE_FREE,
} CorralVncPointerMode;

CorralVncPointerMode corral_vnc_view_get_pointer_mode(CorralVncView *view);

/* The guest's screen size, 0 × 0 before it is known. */
void corral_vnc_view_get_screen_size(CorralVncView *view, guint *width, guint *height);

/* Saves the guest's screen as a PNG. */
gboolean corral_vnc_view_screenshot(CorralVncView *view, const char *path, GError **error);

/* Seconds a server gets to finish its handshake (15 by default). */
void corral_vnc_view_set_handshake_timeout(CorralVncView *view, guint seconds);

/* Whether to ask for compressed updates (ZRLE) first, for slow links;
 * FALSE by default: raw costs both ends least on a LAN. Takes effect on
 * the next connection. */
void corral_vnc_view_set_compress(CorralVncView *view, gboolean compress);

/* Whether a dropped console is opened again (TRUE by default). */
void corral_vnc_view_set_reconnect(CorralVncView *view, gboolean reconnect);

/* For tests and benchmarks: updates received, tiles re-made, a checksum of
 * a screen region. */
guint64 corral_vnc_view_get_update_count(CorralVncView *view);
guint64 corral_vnc_view_get_tile_count(CorralVncView *view);
guint32 corral_vnc_view_checksum(CorralVncView *view, guint x, guint y, guint width, guint height);

G_END_DECLS
