/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * CorralVncView (see corral-vnc-view.h). gvnc runs the RFB protocol in
 * coroutines on the main loop and reports through signals; this file turns
 * them into drawing, and GTK's input events into RFB events. Raw
 * rectangles bypass gvnc: the guard decodes them in its thread and hands
 * them over once per update (on_guard_ready()). The first update request
 * asks for the whole screen; later ones are incremental, sent as soon as
 * an update begins arriving (or after a burst of gvnc's rectangles), not
 * once per rectangle.
 */
#include "client/vnc/corral-vnc-view.h"

#include "client/vnc/corral-vnc-guard.h"
#include "client/vnc/corral-vnc-keymap.h"
#include "client/vnc/corral-vnc-tiles.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <gvnc.h>
#include <unistd.h>
#if defined(GDK_WINDOWING_X11) && defined(CORRAL_VNC_X11)
#include <gdk/x11/gdkx.h>
#endif

G_DEFINE_AUTOPTR_CLEANUP_FUNC(VncBaseFramebuffer, g_object_unref)

#define RECONNECT_DELAY_MS 2000
#define RESIZE_DELAY_MS    300
#define WATCHDOG_S         4
/* Relative pointer events carry deltas around this centre (QEMU's
 * convention, as gtk-vnc sends them). */
#define RELATIVE_CENTRE 0x7fff

struct _CorralVncView {
    GtkWidget parent;

    VncConnection *conn;
    CorralVncGuard *guard;
    CorralVncTiles *tiles;
    VncPixelFormat local_format;
    gboolean initialized;
    char *error;
    char *password;

    CorralVncOpenFunc open;
    gpointer open_data;
    GDestroyNotify open_destroy;
    char *host, *port;
    guint reconnect_id;
    guint request_id;
    guint resize_id;
    guint handshake_id;
    guint handshake_s;
    guint watchdog_id;
    gboolean heard;   /* an update came since the watchdog last looked */
    gboolean probing; /* the watchdog asked for one and waits */

    gboolean no_reconnect;
    gboolean compress;
    gboolean scale_to_fit;
    gboolean resize_guest;
    gboolean share_clipboard;
    gboolean grabbed;
    GdkModifierType grab_mask;
    gboolean grab_armed; /* the combination is down, nothing else pressed since */
    GHashTable *pressed; /* qnum (or keysym | 0x10000 without one) → keysym */

    double scale, offset_x, offset_y;
    guint8 buttons;
    gboolean have_last;
    double last_x, last_y;
    double rest_x, rest_y; /* relative moves under a guest pixel, kept */
    gulong clipboard_handler;

    guint64 updates;
    guint64 tiles_made;
};

G_DEFINE_FINAL_TYPE(CorralVncView, corral_vnc_view, GTK_TYPE_WIDGET)

enum {
    PROP_0,
    PROP_CONNECTED,
    PROP_GRABBED,
    PROP_SCALE_TO_FIT,
    PROP_SHARE_CLIPBOARD,
    PROP_ERROR,
    PROP_POINTER_MODE,
    N_PROPS
};
static GParamSpec *props[N_PROPS];

enum { SIGNAL_CONNECTED, SIGNAL_DISCONNECTED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void start_connection(CorralVncView *self);
static gboolean on_watchdog(gpointer data);

static void
set_error(CorralVncView *self, const char *message)
{
    if (g_strcmp0(self->error, message) == 0)
        return;
    g_free(self->error);
    self->error = g_strdup(message);
    g_object_notify_by_pspec(G_OBJECT(self), props[PROP_ERROR]);
}

/* Keys */

static void
send_key(CorralVncView *self, gboolean down, guint keysym, guint16 qnum)
{
    if (self->conn != NULL && self->initialized)
        vnc_connection_key_event(self->conn, down, keysym, qnum);
}

/* Releases every key the guest believes held: focus went elsewhere, the
 * grab changed, or the console closes. */
static void
release_all_keys(CorralVncView *self)
{
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init(&iter, self->pressed);
    while (g_hash_table_iter_next(&iter, &key, &value)) {
        guint id = GPOINTER_TO_UINT(key);
        send_key(self, FALSE, GPOINTER_TO_UINT(value), id > 0xffff ? 0 : (guint16)id);
    }
    g_hash_table_remove_all(self->pressed);
}

static GdkModifierType
modifier_of(guint keyval)
{
    static const struct {
        guint keyval;
        GdkModifierType mask;
    } modifiers[] = {
        {GDK_KEY_Control_L, GDK_CONTROL_MASK}, {GDK_KEY_Control_R, GDK_CONTROL_MASK},
        {GDK_KEY_Alt_L, GDK_ALT_MASK},         {GDK_KEY_Alt_R, GDK_ALT_MASK},
        {GDK_KEY_Shift_L, GDK_SHIFT_MASK},     {GDK_KEY_Shift_R, GDK_SHIFT_MASK},
        {GDK_KEY_Super_L, GDK_SUPER_MASK},     {GDK_KEY_Super_R, GDK_SUPER_MASK},
        {GDK_KEY_Meta_L, GDK_META_MASK},       {GDK_KEY_Meta_R, GDK_META_MASK},
    };

    for (gsize i = 0; i < G_N_ELEMENTS(modifiers); i++) {
        if (modifiers[i].keyval == keyval)
            return modifiers[i].mask;
    }
    return 0;
}

static gboolean
on_key_pressed(GtkEventControllerKey *controller, guint keyval, guint keycode,
               GdkModifierType state, CorralVncView *self)
{
    guint16 qnum = corral_vnc_keymap_qnum(keycode);
    guint id = qnum != 0 ? qnum : (keyval | 0x10000);
    GdkModifierType mods = (state | modifier_of(keyval)) & gtk_accelerator_get_default_mod_mask();

    if (self->conn == NULL || !self->initialized)
        return FALSE;
    g_hash_table_replace(self->pressed, GUINT_TO_POINTER(id), GUINT_TO_POINTER(keyval));
    send_key(self, TRUE, keyval, qnum);
    /* The grab combination (only modifiers, all of them, no others) toggles
     * the grab when let go with no other key pressed meanwhile, so that
     * Ctrl+Alt+Del still reaches the guest. */
    self->grab_armed = modifier_of(keyval) != 0 && self->grab_mask != 0 && mods == self->grab_mask;
    return TRUE;
}

static void
on_key_released(GtkEventControllerKey *controller, guint keyval, guint keycode,
                GdkModifierType state, CorralVncView *self)
{
    guint16 qnum = corral_vnc_keymap_qnum(keycode);
    guint id = qnum != 0 ? qnum : (keyval | 0x10000);
    gpointer pressed_keysym;

    /* A release without its press (it went down before focus came, or the
     * grab combination released everything) is not sent. */
    if (!g_hash_table_steal_extended(self->pressed, GUINT_TO_POINTER(id), NULL, &pressed_keysym))
        return;
    send_key(self, FALSE, GPOINTER_TO_UINT(pressed_keysym), qnum);
    if (self->grab_armed) {
        self->grab_armed = FALSE;
        corral_vnc_view_set_grabbed(self, !self->grabbed);
    }
}

static void
on_focus_leave(GtkEventControllerFocus *controller, CorralVncView *self)
{
    release_all_keys(self);
    corral_vnc_view_set_grabbed(self, FALSE);
}

void
corral_vnc_view_send_keys(CorralVncView *self, CorralVncKeys keys)
{
    CorralVncKey list[CORRAL_VNC_KEYS_MAX_KEYS];
    guint n = corral_vnc_keys_get(keys, list);

    g_return_if_fail(CORRAL_IS_VNC_VIEW(self));
    for (guint i = 0; i < n; i++)
        send_key(self, TRUE, list[i].keysym, list[i].qnum);
    for (guint i = n; i > 0; i--)
        send_key(self, FALSE, list[i - 1].keysym, list[i - 1].qnum);
}

guint
corral_vnc_view_type_text(CorralVncView *self, const char *text)
{
    GdkDisplay *display = gtk_widget_get_display(GTK_WIDGET(self));
    guint skipped = 0;

    g_return_val_if_fail(CORRAL_IS_VNC_VIEW(self), 0);
    for (const char *p = text; *p != '\0'; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        guint keyval = c == '\n'   ? GDK_KEY_Return
                       : c == '\t' ? GDK_KEY_Tab
                                   : gdk_unicode_to_keyval(c);
        g_autofree GdkKeymapKey *keys = NULL;
        int n_keys = 0;
        guint16 qnum;

        if (!gdk_display_map_keyval(display, keyval, &keys, &n_keys) || n_keys == 0 ||
            (qnum = corral_vnc_keymap_qnum(keys[0].keycode)) == 0) {
            skipped++;
            continue;
        }
        /* Level 1 is Shift, 2 AltGr (ISO_Level3), 3 both. */
        if (keys[0].level & 1)
            send_key(self, TRUE, GDK_KEY_Shift_L, 0x2a);
        if (keys[0].level & 2)
            send_key(self, TRUE, GDK_KEY_ISO_Level3_Shift, 0xb8);
        send_key(self, TRUE, keyval, qnum);
        send_key(self, FALSE, keyval, qnum);
        if (keys[0].level & 2)
            send_key(self, FALSE, GDK_KEY_ISO_Level3_Shift, 0xb8);
        if (keys[0].level & 1)
            send_key(self, FALSE, GDK_KEY_Shift_L, 0x2a);
    }
    return skipped;
}

static void
on_clipboard_text(GObject *source, GAsyncResult *result, gpointer data)
{
    g_autoptr(CorralVncView) self = data;
    g_autofree char *text = gdk_clipboard_read_text_finish(GDK_CLIPBOARD(source), result, NULL);

    if (text != NULL)
        corral_vnc_view_type_text(self, text);
}

void
corral_vnc_view_type_clipboard(CorralVncView *self)
{
    g_return_if_fail(CORRAL_IS_VNC_VIEW(self));
    gdk_clipboard_read_text_async(gtk_widget_get_clipboard(GTK_WIDGET(self)), NULL,
                                  on_clipboard_text, g_object_ref(self));
}

/* The pointer */

static gboolean
to_framebuffer(CorralVncView *self, double wx, double wy, int *x, int *y)
{
    guint w, h;

    if (self->tiles == NULL || self->scale <= 0)
        return FALSE;
    w = corral_vnc_tiles_get_width(self->tiles);
    h = corral_vnc_tiles_get_height(self->tiles);
    *x = CLAMP((int)((wx - self->offset_x) / self->scale), 0, (int)w - 1);
    *y = CLAMP((int)((wy - self->offset_y) / self->scale), 0, (int)h - 1);
    return TRUE;
}

/* Puts the host pointer back at the view's centre (X11 only: GTK 4 has no
 * warp, so through Xlib on the surface's window); returns where that is in
 * widget coordinates, as the motion event the warp causes will say. */
static gboolean
warp_to_centre(CorralVncView *self, double *cx, double *cy)
{
#if defined(GDK_WINDOWING_X11) && defined(CORRAL_VNC_X11)
    GtkWidget *widget = GTK_WIDGET(self);
    GtkNative *native = gtk_widget_get_native(widget);
    GdkSurface *surface = native != NULL ? gtk_native_get_surface(native) : NULL;
    GdkDisplay *display = gtk_widget_get_display(widget);
    double nx, ny, sx, sy, px, py;
    int scale;

    if (surface == NULL || !GDK_IS_X11_DISPLAY(display) || !GDK_IS_X11_SURFACE(surface) ||
        !gtk_widget_translate_coordinates(widget, GTK_WIDGET(native),
                                          gtk_widget_get_width(widget) / 2.0,
                                          gtk_widget_get_height(widget) / 2.0, &sx, &sy))
        return FALSE;
    gtk_native_get_surface_transform(native, &nx, &ny);
    scale = gdk_surface_get_scale_factor(surface);
    /* Whole device pixels, and the widget point they are. */
    px = (int)((sx + nx) * scale + 0.5);
    py = (int)((sy + ny) * scale + 0.5);
    XWarpPointer(gdk_x11_display_get_xdisplay(display), None, gdk_x11_surface_get_xid(surface), 0,
                 0, 0, 0, (int)px, (int)py);
    XFlush(gdk_x11_display_get_xdisplay(display));
    *cx = gtk_widget_get_width(widget) / 2.0 + (px / scale - (sx + nx));
    *cy = gtk_widget_get_height(widget) / 2.0 + (py / scale - (sy + ny));
    return TRUE;
#else
    return FALSE;
#endif
}

CorralVncPointerMode
corral_vnc_view_get_pointer_mode(CorralVncView *self)
{
    g_return_val_if_fail(CORRAL_IS_VNC_VIEW(self), CORRAL_VNC_POINTER_ABSOLUTE);
    if (self->conn == NULL || !self->initialized || vnc_connection_get_abs_pointer(self->conn))
        return CORRAL_VNC_POINTER_ABSOLUTE;
#if defined(GDK_WINDOWING_X11) && defined(CORRAL_VNC_X11)
    if (GDK_IS_X11_DISPLAY(gtk_widget_get_display(GTK_WIDGET(self))))
        return CORRAL_VNC_POINTER_RELATIVE;
#endif
    return CORRAL_VNC_POINTER_RELATIVE_FREE;
}

/* Relative: the distance moved in guest pixels (fractions kept for the
 * next move), then the host pointer back to the centre where it can be. */
static void
send_relative(CorralVncView *self, double wx, double wy, gboolean motion)
{
    double fx = self->have_last ? (wx - self->last_x) / self->scale + self->rest_x : 0;
    double fy = self->have_last ? (wy - self->last_y) / self->scale + self->rest_y : 0;
    int dx = (int)CLAMP(fx, -RELATIVE_CENTRE, RELATIVE_CENTRE);
    int dy = (int)CLAMP(fy, -RELATIVE_CENTRE, RELATIVE_CENTRE);

    self->rest_x = fx - dx;
    self->rest_y = fy - dy;
    /* The warp's own motion event moves nothing. */
    if (!motion || dx != 0 || dy != 0)
        vnc_connection_pointer_event(self->conn, self->buttons, (guint16)(RELATIVE_CENTRE + dx),
                                     (guint16)(RELATIVE_CENTRE + dy));
    self->have_last = TRUE;
    self->last_x = wx;
    self->last_y = wy;
    if (motion && (dx != 0 || dy != 0))
        warp_to_centre(self, &self->last_x, &self->last_y);
}

/* @motion: a move, rather than a button or the wheel. */
static void
send_pointer(CorralVncView *self, double wx, double wy, gboolean motion)
{
    int x, y;

    if (self->conn == NULL || !self->initialized || !to_framebuffer(self, wx, wy, &x, &y))
        return;
    if (vnc_connection_get_abs_pointer(self->conn)) {
        vnc_connection_pointer_event(self->conn, self->buttons, (guint16)x, (guint16)y);
        self->have_last = TRUE;
        self->last_x = wx;
        self->last_y = wy;
    } else if (self->grabbed) {
        send_relative(self, wx, wy, motion);
    }
}

/* GDK's buttons 1–3 and scroll directions as RFB's button bits. */
static guint8
button_bit(guint button)
{
    static const guint8 bits[] = {
        [1] = 1 << 0, [2] = 1 << 1, [3] = 1 << 2, [8] = 1 << 7, [9] = 1 << 7};

    return button < G_N_ELEMENTS(bits) ? bits[button] : 0;
}

static void
scroll_click(CorralVncView *self, guint8 bit, double wx, double wy)
{
    self->buttons |= bit;
    send_pointer(self, wx, wy, FALSE);
    self->buttons &= (guint8)~bit;
    send_pointer(self, wx, wy, FALSE);
}

static gboolean
on_pointer_event(GtkEventControllerLegacy *controller, GdkEvent *event, CorralVncView *self)
{
    GtkNative *native = gtk_widget_get_native(GTK_WIDGET(self));
    double sx, sy, nx, ny, wx, wy, dx, dy;
    GdkEventType type = gdk_event_get_event_type(event);

    if (native == NULL || !gdk_event_get_position(event, &sx, &sy))
        return FALSE;
    gtk_native_get_surface_transform(native, &nx, &ny);
    if (!gtk_widget_translate_coordinates(GTK_WIDGET(native), GTK_WIDGET(self), sx - nx, sy - ny,
                                          &wx, &wy))
        return FALSE;

    switch (type) {
    case GDK_BUTTON_PRESS:
        gtk_widget_grab_focus(GTK_WIDGET(self));
        if (self->conn != NULL && self->initialized &&
            !vnc_connection_get_abs_pointer(self->conn) && !self->grabbed)
            corral_vnc_view_set_grabbed(self, TRUE);
        self->buttons |= button_bit(gdk_button_event_get_button(event));
        send_pointer(self, wx, wy, FALSE);
        return TRUE;
    case GDK_BUTTON_RELEASE:
        self->buttons &= (guint8)~button_bit(gdk_button_event_get_button(event));
        send_pointer(self, wx, wy, FALSE);
        return TRUE;
    case GDK_MOTION_NOTIFY:
        send_pointer(self, wx, wy, TRUE);
        return TRUE;
    case GDK_SCROLL:
        switch (gdk_scroll_event_get_direction(event)) {
        case GDK_SCROLL_UP:
            scroll_click(self, 1 << 3, wx, wy);
            break;
        case GDK_SCROLL_DOWN:
            scroll_click(self, 1 << 4, wx, wy);
            break;
        case GDK_SCROLL_LEFT:
            scroll_click(self, 1 << 5, wx, wy);
            break;
        case GDK_SCROLL_RIGHT:
            scroll_click(self, 1 << 6, wx, wy);
            break;
        case GDK_SCROLL_SMOOTH:
            gdk_scroll_event_get_deltas(event, &dx, &dy);
            if (dy != 0)
                scroll_click(self, dy < 0 ? 1 << 3 : 1 << 4, wx, wy);
            break;
        default:
            break;
        }
        return TRUE;
    case GDK_LEAVE_NOTIFY:
        self->have_last = FALSE;
        return FALSE;
    default:
        return FALSE;
    }
}

/* The grab */

gboolean
corral_vnc_view_set_grab_keys(CorralVncView *self, const char *accelerator)
{
    guint key = 0;
    GdkModifierType mods = 0;

    g_return_val_if_fail(CORRAL_IS_VNC_VIEW(self), FALSE);
    if (!gtk_accelerator_parse(accelerator, &key, &mods) || key != 0 || mods == 0)
        return FALSE;
    self->grab_mask = mods;
    return TRUE;
}

void
corral_vnc_view_set_grabbed(CorralVncView *self, gboolean grabbed)
{
    GtkNative *native = gtk_widget_get_native(GTK_WIDGET(self));
    GdkSurface *surface = native != NULL ? gtk_native_get_surface(native) : NULL;

    g_return_if_fail(CORRAL_IS_VNC_VIEW(self));
    grabbed = grabbed && self->conn != NULL;
    if (self->grabbed == grabbed)
        return;
    self->grabbed = grabbed;
    if (surface != NULL && GDK_IS_TOPLEVEL(surface)) {
        if (grabbed)
            gdk_toplevel_inhibit_system_shortcuts(GDK_TOPLEVEL(surface), NULL);
        else
            gdk_toplevel_restore_system_shortcuts(GDK_TOPLEVEL(surface));
    }
    gtk_widget_set_cursor_from_name(GTK_WIDGET(self), grabbed ? "none" : NULL);
    if (grabbed)
        gtk_widget_grab_focus(GTK_WIDGET(self));
    /* A relative pointer starts from the centre, where it is held. */
    self->rest_x = self->rest_y = 0;
    if (grabbed && corral_vnc_view_get_pointer_mode(self) == CORRAL_VNC_POINTER_RELATIVE &&
        warp_to_centre(self, &self->last_x, &self->last_y))
        self->have_last = TRUE;
    g_object_notify_by_pspec(G_OBJECT(self), props[PROP_GRABBED]);
}

gboolean
corral_vnc_view_get_grabbed(CorralVncView *self)
{
    g_return_val_if_fail(CORRAL_IS_VNC_VIEW(self), FALSE);
    return self->grabbed;
}

/* Drawing and size */

static void
update_geometry(CorralVncView *self, int width, int height)
{
    guint fw, fh;

    if (self->tiles == NULL)
        return;
    fw = corral_vnc_tiles_get_width(self->tiles);
    fh = corral_vnc_tiles_get_height(self->tiles);
    self->scale = self->scale_to_fit ? MIN((double)width / fw, (double)height / fh) : 1.0;
    if (self->scale <= 0)
        self->scale = 1.0;
    self->offset_x = MAX(0, (width - fw * self->scale) / 2);
    self->offset_y = MAX(0, (height - fh * self->scale) / 2);
}

/* Black around the screen, not under it: painting the screen's area twice
 * costs a full fill per frame. */
static void
append_margins(CorralVncView *self, GtkSnapshot *snapshot, int width, int height)
{
    float w = (float)(corral_vnc_tiles_get_width(self->tiles) * self->scale);
    float h = (float)(corral_vnc_tiles_get_height(self->tiles) * self->scale);
    float x = (float)self->offset_x, y = (float)self->offset_y;
    const GdkRGBA black = {0, 0, 0, 1};
    const graphene_rect_t margins[] = {
        GRAPHENE_RECT_INIT(0, 0, (float)width, y),
        GRAPHENE_RECT_INIT(0, y + h, (float)width, (float)height - y - h),
        GRAPHENE_RECT_INIT(0, y, x, h),
        GRAPHENE_RECT_INIT(x + w, y, (float)width - x - w, h),
    };

    for (gsize i = 0; i < G_N_ELEMENTS(margins); i++) {
        if (margins[i].size.width > 0 && margins[i].size.height > 0)
            gtk_snapshot_append_color(snapshot, &black, &margins[i]);
    }
}

/* GTK's software renderer: it draws textures slowly (see
 * corral_vnc_tiles_snapshot_cairo()). */
static gboolean
uses_cairo_renderer(GtkWidget *widget)
{
    GtkNative *native = gtk_widget_get_native(widget);
    GskRenderer *renderer = native != NULL ? gtk_native_get_renderer(native) : NULL;

    return renderer != NULL && GSK_IS_CAIRO_RENDERER(renderer);
}

static void
corral_vnc_view_snapshot(GtkWidget *widget, GtkSnapshot *snapshot)
{
    CorralVncView *self = CORRAL_VNC_VIEW(widget);
    int width = gtk_widget_get_width(widget), height = gtk_widget_get_height(widget);

    if (self->tiles == NULL) {
        gtk_snapshot_append_color(snapshot, &(GdkRGBA){0, 0, 0, 1},
                                  &GRAPHENE_RECT_INIT(0, 0, (float)width, (float)height));
        return;
    }
    update_geometry(self, width, height);
    append_margins(self, snapshot, width, height);
    gtk_snapshot_save(snapshot);
    gtk_snapshot_translate(snapshot,
                           &GRAPHENE_POINT_INIT((float)self->offset_x, (float)self->offset_y));
    if (uses_cairo_renderer(widget))
        corral_vnc_tiles_snapshot_cairo(self->tiles, snapshot, self->scale);
    else
        self->tiles_made += corral_vnc_tiles_snapshot(self->tiles, snapshot, self->scale);
    gtk_snapshot_restore(snapshot);
}

static void
corral_vnc_view_measure(GtkWidget *widget, GtkOrientation orientation, int for_size, int *minimum,
                        int *natural, int *minimum_baseline, int *natural_baseline)
{
    CorralVncView *self = CORRAL_VNC_VIEW(widget);
    guint size = 0;

    if (self->tiles != NULL)
        size = orientation == GTK_ORIENTATION_HORIZONTAL ? corral_vnc_tiles_get_width(self->tiles)
                                                         : corral_vnc_tiles_get_height(self->tiles);
    *minimum = self->scale_to_fit ? 1 : (int)size;
    *natural = size > 0 ? (int)size : 640;
}

static gboolean
on_resize_timeout(gpointer data)
{
    CorralVncView *self = data;
    int w = gtk_widget_get_width(GTK_WIDGET(self)), h = gtk_widget_get_height(GTK_WIDGET(self));

    self->resize_id = 0;
    if (self->conn != NULL && self->initialized && w > 0 && h > 0)
        vnc_connection_set_size(self->conn, (guint)w, (guint)h);
    return G_SOURCE_REMOVE;
}

static void
corral_vnc_view_size_allocate(GtkWidget *widget, int width, int height, int baseline)
{
    CorralVncView *self = CORRAL_VNC_VIEW(widget);

    update_geometry(self, width, height);
    if (self->resize_guest && self->initialized) {
        g_clear_handle_id(&self->resize_id, g_source_remove);
        self->resize_id = g_timeout_add(RESIZE_DELAY_MS, on_resize_timeout, self);
    }
}

/* The connection */

static gboolean
send_update_request(gpointer data)
{
    CorralVncView *self = data;

    self->request_id = 0;
    if (self->conn != NULL && self->initialized && self->tiles != NULL)
        vnc_connection_framebuffer_update_request(self->conn, TRUE, 0, 0,
                                                  corral_vnc_tiles_get_width(self->tiles),
                                                  corral_vnc_tiles_get_height(self->tiles));
    return G_SOURCE_REMOVE;
}

static void
damage(gpointer data, guint x, guint y, guint w, guint h)
{
    CorralVncView *self = data;

    self->updates++;
    corral_vnc_tiles_damage(self->tiles, x, y, w, h);
}

static void
on_framebuffer_update(VncConnection *conn, guint16 x, guint16 y, guint16 w, guint16 h,
                      CorralVncView *self)
{
    if (self->guard != NULL)
        corral_vnc_guard_drawn(self->guard);
    if (self->tiles == NULL)
        return;
    damage(self, x, y, w, h);
    self->heard = TRUE;
    gtk_widget_queue_draw(GTK_WIDGET(self));
    if (self->request_id == 0)
        self->request_id = g_idle_add_full(G_PRIORITY_DEFAULT, send_update_request, self, NULL);
}

/* Takes the pixels the guard decoded into the buffer; TRUE when there
 * were any. */
static gboolean
take_decoded(CorralVncView *self)
{
    CorralVncTiles *tiles = self->tiles;

    if (self->guard == NULL)
        return FALSE;
    if (tiles == NULL) {
        corral_vnc_guard_take(self->guard, NULL, 0, 0, 0, NULL, NULL);
        return FALSE;
    }
    if (corral_vnc_guard_take(self->guard, corral_vnc_tiles_get_buffer(tiles),
                              corral_vnc_tiles_get_stride(tiles), corral_vnc_tiles_get_width(tiles),
                              corral_vnc_tiles_get_height(tiles), damage, self) == 0)
        return FALSE;
    gtk_widget_queue_draw(GTK_WIDGET(self));
    return TRUE;
}

/* An update began arriving, or the guard decoded its raw rectangles:
 * their pixels into the buffer (one redraw), and the next request as soon
 * as an update begins, while this one still streams in. */
static void
on_guard_ready(gpointer data)
{
    CorralVncView *self = data;
    gboolean began;

    if (self->guard == NULL)
        return;
    began = corral_vnc_guard_update_began(self->guard);
    if (take_decoded(self) || began)
        self->heard = TRUE;
    if (began) {
        g_clear_handle_id(&self->request_id, g_source_remove);
        send_update_request(self);
    }
}

/* A framebuffer of the connection's size, given to gvnc. */
static gboolean
make_framebuffer(CorralVncView *self)
{
    g_autoptr(GError) error = NULL;
    guint w = (guint)vnc_connection_get_width(self->conn);
    guint h = (guint)vnc_connection_get_height(self->conn);
    CorralVncTiles *tiles = corral_vnc_tiles_new(w, h, &error);
    g_autoptr(VncBaseFramebuffer) fb = NULL;
    const VncPixelFormat *remote = vnc_connection_get_pixel_format(self->conn);

    if (tiles == NULL) {
        set_error(self, error->message);
        vnc_connection_shutdown(self->conn);
        return FALSE;
    }
    g_clear_pointer(&self->tiles, corral_vnc_tiles_free);
    self->tiles = tiles;
    fb = vnc_base_framebuffer_new(corral_vnc_tiles_get_buffer(tiles), (guint16)w, (guint16)h,
                                  (int)corral_vnc_tiles_get_stride(tiles), &self->local_format,
                                  remote);
    vnc_connection_set_framebuffer(self->conn, VNC_FRAMEBUFFER(fb));
    gtk_widget_queue_resize(GTK_WIDGET(self));
    return TRUE;
}

static void
on_desktop_resize(VncConnection *conn, guint16 w, guint16 h, CorralVncView *self)
{
    if (make_framebuffer(self))
        vnc_connection_framebuffer_update_request(conn, FALSE, 0, 0, w, h);
}

static void
on_pixel_format_changed(VncConnection *conn, VncPixelFormat *format, CorralVncView *self)
{
    make_framebuffer(self);
}

static void
on_initialized(VncConnection *conn, CorralVncView *self)
{
    guint first = self->compress ? 1 : 0;
    /* Raw first, unless compression was asked for: on a LAN or a unix
     * socket raw costs the viewer and QEMU least (gvnc decodes ZRLE and
     * hextile a pixel at a time, QEMU spends milliseconds compressing);
     * with compression, ZRLE at level 2 (RIG.md: QEMU's cost grows with
     * the level). The server takes the first it supports. */
    static gint32 encodings[] = {
        VNC_CONNECTION_ENCODING_RAW,
        VNC_CONNECTION_ENCODING_ZRLE,
        VNC_CONNECTION_ENCODING_HEXTILE,
        VNC_CONNECTION_ENCODING_COPY_RECT,
        VNC_CONNECTION_ENCODING_RAW,
        -256 + 2, /* compression level 2 */
        VNC_CONNECTION_ENCODING_DESKTOP_RESIZE,
        VNC_CONNECTION_ENCODING_EXTENDED_DESKTOP_RESIZE,
        VNC_CONNECTION_ENCODING_POINTER_CHANGE,
        VNC_CONNECTION_ENCODING_EXT_KEY_EVENT,
        VNC_CONNECTION_ENCODING_LED_STATE,
        VNC_CONNECTION_ENCODING_DESKTOP_NAME,
        VNC_CONNECTION_ENCODING_LAST_RECT,
    };

    if (!vnc_connection_set_pixel_format(conn, &self->local_format) ||
        !vnc_connection_set_encodings(conn, G_N_ELEMENTS(encodings) - first, encodings + first) ||
        !make_framebuffer(self))
        return;
    self->initialized = TRUE;
    g_clear_handle_id(&self->handshake_id, g_source_remove);
    self->heard = FALSE;
    self->probing = FALSE;
    self->watchdog_id = g_timeout_add_seconds(WATCHDOG_S, on_watchdog, self);
    set_error(self, NULL);
    vnc_connection_framebuffer_update_request(conn, FALSE, 0, 0,
                                              (guint16)vnc_connection_get_width(conn),
                                              (guint16)vnc_connection_get_height(conn));
    g_object_notify_by_pspec(G_OBJECT(self), props[PROP_CONNECTED]);
    g_object_notify_by_pspec(G_OBJECT(self), props[PROP_POINTER_MODE]);
    g_signal_emit(self, signals[SIGNAL_CONNECTED], 0);
}

static void
on_pointer_mode_changed(VncConnection *conn, gboolean absolute, CorralVncView *self)
{
    g_object_notify_by_pspec(G_OBJECT(self), props[PROP_POINTER_MODE]);
}

static void
on_auth_choose_type(VncConnection *conn, GValueArray *types, CorralVncView *self)
{
    gboolean has_none = FALSE, has_vnc = FALSE;

    G_GNUC_BEGIN_IGNORE_DEPRECATIONS
    for (guint i = 0; i < types->n_values; i++) {
        guint type = g_value_get_enum(g_value_array_get_nth(types, i));
        has_none |= type == VNC_CONNECTION_AUTH_NONE;
        has_vnc |= type == VNC_CONNECTION_AUTH_VNC;
    }
    G_GNUC_END_IGNORE_DEPRECATIONS
    if (has_none)
        vnc_connection_set_auth_type(conn, VNC_CONNECTION_AUTH_NONE);
    else if (has_vnc && self->password != NULL)
        vnc_connection_set_auth_type(conn, VNC_CONNECTION_AUTH_VNC);
    else {
        set_error(self, has_vnc ? _("The console asks for a password.")
                                : _("The console asks for an authentication Corral does not "
                                    "support."));
        vnc_connection_shutdown(conn);
    }
}

static void
on_auth_credential(VncConnection *conn, GValueArray *creds, CorralVncView *self)
{
    G_GNUC_BEGIN_IGNORE_DEPRECATIONS
    for (guint i = 0; i < creds->n_values; i++) {
        int type = g_value_get_enum(g_value_array_get_nth(creds, i));
        if (type == VNC_CONNECTION_CREDENTIAL_PASSWORD && self->password != NULL)
            vnc_connection_set_credential(conn, type, self->password);
        else {
            set_error(self, _("The console asks for credentials Corral does not have."));
            vnc_connection_shutdown(conn);
            break;
        }
    }
    G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
on_auth_failure(VncConnection *conn, const char *reason, CorralVncView *self)
{
    g_autofree char *message =
        g_strdup_printf(_("The console refused the password: %s"), reason != NULL ? reason : "");
    set_error(self, message);
}

static void
on_vnc_error(VncConnection *conn, const char *message, CorralVncView *self)
{
    set_error(self, message);
}

static void
on_server_cut_text(VncConnection *conn, const GString *text, CorralVncView *self)
{
    g_autofree char *utf8 = NULL;

    if (!self->share_clipboard)
        return;
    /* RFB's cut text is Latin-1. */
    utf8 = g_convert(text->str, (gssize)text->len, "UTF-8", "ISO-8859-1", NULL, NULL, NULL);
    if (utf8 != NULL)
        gdk_clipboard_set_text(gtk_widget_get_clipboard(GTK_WIDGET(self)), utf8);
}

static void
on_local_clipboard_text(GObject *source, GAsyncResult *result, gpointer data)
{
    g_autoptr(CorralVncView) self = data;
    g_autofree char *text = gdk_clipboard_read_text_finish(GDK_CLIPBOARD(source), result, NULL);
    g_autofree char *latin1 = NULL;
    gsize len = 0;

    if (text == NULL || !self->share_clipboard || self->conn == NULL || !self->initialized)
        return;
    latin1 = g_convert_with_fallback(text, -1, "ISO-8859-1", "UTF-8", "?", NULL, &len, NULL);
    if (latin1 != NULL)
        vnc_connection_client_cut_text(self->conn, latin1, len);
}

static void
on_local_clipboard_changed(GdkClipboard *clipboard, CorralVncView *self)
{
    if (self->share_clipboard && !gdk_clipboard_is_local(clipboard))
        gdk_clipboard_read_text_async(clipboard, NULL, on_local_clipboard_text, g_object_ref(self));
}

static gboolean
on_reconnect(gpointer data)
{
    CorralVncView *self = data;

    self->reconnect_id = 0;
    start_connection(self);
    return G_SOURCE_REMOVE;
}

/* A server that never finishes its handshake (it stalls, or it is not a
 * VNC server) gets this long. */
static gboolean
on_handshake_timeout(gpointer data)
{
    CorralVncView *self = data;
    g_autofree char *message = g_strdup_printf(
        _("The console did not finish its handshake within %u seconds."), self->handshake_s);

    self->handshake_id = 0;
    set_error(self, message);
    if (self->conn != NULL)
        vnc_connection_shutdown(self->conn);
    return G_SOURCE_REMOVE;
}

/* A server that stops answering (it hangs, or gvnc waits inside a message
 * that never ends): after a quiet spell the watchdog asks for one pixel,
 * which any server must answer at once; no answer by its next look ends
 * the console. An idle QEMU costs one tiny update per spell. */
static gboolean
on_watchdog(gpointer data)
{
    CorralVncView *self = data;

    if (self->heard) {
        self->heard = FALSE;
        self->probing = FALSE;
    } else if (!self->probing) {
        self->probing = TRUE;
        vnc_connection_framebuffer_update_request(self->conn, FALSE, 0, 0, 1, 1);
    } else {
        self->watchdog_id = 0;
        set_error(self, _("The console stopped answering."));
        vnc_connection_shutdown(self->conn);
        return G_SOURCE_REMOVE;
    }
    return G_SOURCE_CONTINUE;
}

static void
drop_connection(CorralVncView *self)
{
    g_clear_handle_id(&self->handshake_id, g_source_remove);
    g_clear_handle_id(&self->watchdog_id, g_source_remove);
    if (self->conn == NULL)
        return;
    release_all_keys(self);
    g_signal_handlers_disconnect_by_data(self->conn, self);
    vnc_connection_shutdown(self->conn);
    g_clear_object(&self->conn);
    g_clear_pointer(&self->guard, corral_vnc_guard_free);
    g_clear_handle_id(&self->request_id, g_source_remove);
    self->initialized = FALSE;
    corral_vnc_view_set_grabbed(self, FALSE);
}

static void
on_disconnected(VncConnection *conn, CorralVncView *self)
{
    gboolean was = self->initialized;
    g_autofree char *fault = self->guard != NULL ? corral_vnc_guard_dup_error(self->guard) : NULL;

    /* The guard's finding says more than gvnc's view of the same end. */
    if (fault != NULL)
        set_error(self, fault);
    take_decoded(self); /* the last screen stays */
    drop_connection(self);
    if (self->error == NULL)
        set_error(self, _("The console closed."));
    if (was) {
        g_object_notify_by_pspec(G_OBJECT(self), props[PROP_CONNECTED]);
        g_object_notify_by_pspec(G_OBJECT(self), props[PROP_POINTER_MODE]);
    }
    g_signal_emit(self, signals[SIGNAL_DISCONNECTED], 0, self->error);
    /* The guest rebooting or restarting drops the console: try again. */
    if ((self->open != NULL || self->host != NULL) && self->reconnect_id == 0 &&
        !self->no_reconnect)
        self->reconnect_id = g_timeout_add(RECONNECT_DELAY_MS, on_reconnect, self);
}

static const struct {
    const char *signal;
    GCallback handler;
} connection_handlers[] = {
    {"vnc-initialized", G_CALLBACK(on_initialized)},
    {"vnc-pointer-mode-changed", G_CALLBACK(on_pointer_mode_changed)},
    {"vnc-framebuffer-update", G_CALLBACK(on_framebuffer_update)},
    {"vnc-desktop-resize", G_CALLBACK(on_desktop_resize)},
    {"vnc-pixel-format-changed", G_CALLBACK(on_pixel_format_changed)},
    {"vnc-auth-choose-type", G_CALLBACK(on_auth_choose_type)},
    {"vnc-auth-credential", G_CALLBACK(on_auth_credential)},
    {"vnc-auth-failure", G_CALLBACK(on_auth_failure)},
    {"vnc-error", G_CALLBACK(on_vnc_error)},
    {"vnc-server-cut-text", G_CALLBACK(on_server_cut_text)},
    {"vnc-disconnected", G_CALLBACK(on_disconnected)},
};

/* A direct connection to a vnc:// address. */
static int
open_host(CorralVncView *self, GError **error)
{
    g_autoptr(GSocketClient) client = g_socket_client_new();
    g_autoptr(GSocketConnection) conn = NULL;
    guint64 port = g_ascii_strtoull(self->port, NULL, 10);
    int fd;

    g_socket_client_set_timeout(client, 10);
    conn = g_socket_client_connect_to_host(client, self->host, (guint16)port, NULL, error);
    if (conn == NULL)
        return -1;
    fd = dup(g_socket_get_fd(g_socket_connection_get_socket(conn)));
    if (fd < 0)
        g_set_error(error, G_IO_ERROR, g_io_error_from_errno(errno), "%s", g_strerror(errno));
    return fd;
}

static void
start_connection(CorralVncView *self)
{
    g_autoptr(GError) error = NULL;
    gboolean ok = FALSE;
    int fd, inner = -1;

    drop_connection(self);
    fd = self->open != NULL ? self->open(self->open_data, &error) : open_host(self, &error);
    if (fd >= 0)
        self->guard = corral_vnc_guard_new(fd, &inner, on_guard_ready, self, &error);
    if (self->guard != NULL) {
        self->conn = vnc_connection_new();
        /* Shared: a second console of the same guest (a detached window,
         * another user) joins instead of cutting this one off, which
         * would reconnect and cut that one off in turn. */
        vnc_connection_set_shared(self->conn, TRUE);
        for (gsize i = 0; i < G_N_ELEMENTS(connection_handlers); i++)
            g_signal_connect(self->conn, connection_handlers[i].signal,
                             connection_handlers[i].handler, self);
        ok = vnc_connection_open_fd(self->conn, inner);
    } else {
        set_error(self, error->message);
    }
    if (ok)
        self->handshake_id = g_timeout_add_seconds(self->handshake_s, on_handshake_timeout, self);
    if (!ok) {
        drop_connection(self);
        if (self->error == NULL)
            set_error(self, _("The console cannot be opened."));
        g_signal_emit(self, signals[SIGNAL_DISCONNECTED], 0, self->error);
        if (!self->no_reconnect)
            self->reconnect_id = g_timeout_add(RECONNECT_DELAY_MS, on_reconnect, self);
    }
}

void
corral_vnc_view_set_open_func(CorralVncView *self, CorralVncOpenFunc open, gpointer user_data,
                              GDestroyNotify destroy)
{
    g_return_if_fail(CORRAL_IS_VNC_VIEW(self));
    corral_vnc_view_close(self);
    self->open = open;
    self->open_data = user_data;
    self->open_destroy = destroy;
    start_connection(self);
}

void
corral_vnc_view_open_host(CorralVncView *self, const char *host, const char *port)
{
    g_return_if_fail(CORRAL_IS_VNC_VIEW(self));
    corral_vnc_view_close(self);
    self->host = g_strdup(host);
    self->port = g_strdup(port);
    start_connection(self);
}

void
corral_vnc_view_set_password(CorralVncView *self, const char *password)
{
    g_return_if_fail(CORRAL_IS_VNC_VIEW(self));
    if (self->password != NULL)
        explicit_bzero(self->password, strlen(self->password));
    g_free(self->password);
    self->password = g_strdup(password);
}

void
corral_vnc_view_close(CorralVncView *self)
{
    g_return_if_fail(CORRAL_IS_VNC_VIEW(self));
    g_clear_handle_id(&self->reconnect_id, g_source_remove);
    drop_connection(self);
    if (self->open_destroy != NULL)
        self->open_destroy(self->open_data);
    self->open = NULL;
    self->open_data = NULL;
    self->open_destroy = NULL;
    g_clear_pointer(&self->host, g_free);
    g_clear_pointer(&self->port, g_free);
}

gboolean
corral_vnc_view_is_connected(CorralVncView *self)
{
    g_return_val_if_fail(CORRAL_IS_VNC_VIEW(self), FALSE);
    return self->initialized;
}

const char *
corral_vnc_view_get_error(CorralVncView *self)
{
    g_return_val_if_fail(CORRAL_IS_VNC_VIEW(self), NULL);
    return self->error;
}

void
corral_vnc_view_set_scale_to_fit(CorralVncView *self, gboolean fit)
{
    g_return_if_fail(CORRAL_IS_VNC_VIEW(self));
    fit = !!fit;
    if (self->scale_to_fit == fit)
        return;
    self->scale_to_fit = fit;
    gtk_widget_queue_resize(GTK_WIDGET(self));
    g_object_notify_by_pspec(G_OBJECT(self), props[PROP_SCALE_TO_FIT]);
}

gboolean
corral_vnc_view_get_scale_to_fit(CorralVncView *self)
{
    g_return_val_if_fail(CORRAL_IS_VNC_VIEW(self), FALSE);
    return self->scale_to_fit;
}

void
corral_vnc_view_set_resize_guest(CorralVncView *self, gboolean resize)
{
    g_return_if_fail(CORRAL_IS_VNC_VIEW(self));
    self->resize_guest = resize;
    gtk_widget_queue_allocate(GTK_WIDGET(self));
}

void
corral_vnc_view_set_share_clipboard(CorralVncView *self, gboolean share)
{
    g_return_if_fail(CORRAL_IS_VNC_VIEW(self));
    share = !!share;
    if (self->share_clipboard == share)
        return;
    self->share_clipboard = share;
    g_object_notify_by_pspec(G_OBJECT(self), props[PROP_SHARE_CLIPBOARD]);
}

gboolean
corral_vnc_view_get_share_clipboard(CorralVncView *self)
{
    g_return_val_if_fail(CORRAL_IS_VNC_VIEW(self), FALSE);
    return self->share_clipboard;
}

void
corral_vnc_view_get_screen_size(CorralVncView *self, guint *width, guint *height)
{
    *width = self->tiles != NULL ? corral_vnc_tiles_get_width(self->tiles) : 0;
    *height = self->tiles != NULL ? corral_vnc_tiles_get_height(self->tiles) : 0;
}

gboolean
corral_vnc_view_screenshot(CorralVncView *self, const char *path, GError **error)
{
    g_autoptr(GdkTexture) texture = NULL;

    g_return_val_if_fail(CORRAL_IS_VNC_VIEW(self), FALSE);
    if (self->tiles == NULL) {
        g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                            _("There is no screen to save: the console is not open."));
        return FALSE;
    }
    texture = corral_vnc_tiles_texture(self->tiles);
    if (!gdk_texture_save_to_png(texture, path)) {
        g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not save the screenshot to %s."),
                    path);
        return FALSE;
    }
    return TRUE;
}

void
corral_vnc_view_set_handshake_timeout(CorralVncView *self, guint seconds)
{
    g_return_if_fail(CORRAL_IS_VNC_VIEW(self) && seconds > 0);
    self->handshake_s = seconds;
}

void
corral_vnc_view_set_compress(CorralVncView *self, gboolean compress)
{
    g_return_if_fail(CORRAL_IS_VNC_VIEW(self));
    self->compress = compress;
}

void
corral_vnc_view_set_reconnect(CorralVncView *self, gboolean reconnect)
{
    g_return_if_fail(CORRAL_IS_VNC_VIEW(self));
    self->no_reconnect = !reconnect;
}

guint64
corral_vnc_view_get_update_count(CorralVncView *self)
{
    return self->updates;
}

guint64
corral_vnc_view_get_tile_count(CorralVncView *self)
{
    return self->tiles_made;
}

guint32
corral_vnc_view_checksum(CorralVncView *self, guint x, guint y, guint width, guint height)
{
    return self->tiles != NULL ? corral_vnc_tiles_checksum(self->tiles, x, y, width, height) : 0;
}

/* GObject */

static void
corral_vnc_view_get_property(GObject *object, guint id, GValue *value, GParamSpec *pspec)
{
    CorralVncView *self = CORRAL_VNC_VIEW(object);

    switch (id) {
    case PROP_CONNECTED:
        g_value_set_boolean(value, self->initialized);
        break;
    case PROP_GRABBED:
        g_value_set_boolean(value, self->grabbed);
        break;
    case PROP_SCALE_TO_FIT:
        g_value_set_boolean(value, self->scale_to_fit);
        break;
    case PROP_SHARE_CLIPBOARD:
        g_value_set_boolean(value, self->share_clipboard);
        break;
    case PROP_ERROR:
        g_value_set_string(value, self->error);
        break;
    case PROP_POINTER_MODE:
        g_value_set_uint(value, corral_vnc_view_get_pointer_mode(self));
        break;
    default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID(object, id, pspec);
    }
}

static void
corral_vnc_view_set_property(GObject *object, guint id, const GValue *value, GParamSpec *pspec)
{
    CorralVncView *self = CORRAL_VNC_VIEW(object);

    switch (id) {
    case PROP_GRABBED:
        corral_vnc_view_set_grabbed(self, g_value_get_boolean(value));
        break;
    case PROP_SCALE_TO_FIT:
        corral_vnc_view_set_scale_to_fit(self, g_value_get_boolean(value));
        break;
    case PROP_SHARE_CLIPBOARD:
        corral_vnc_view_set_share_clipboard(self, g_value_get_boolean(value));
        break;
    default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID(object, id, pspec);
    }
}

static void
corral_vnc_view_dispose(GObject *object)
{
    CorralVncView *self = CORRAL_VNC_VIEW(object);

    corral_vnc_view_close(self);
    g_clear_handle_id(&self->resize_id, g_source_remove);
    if (self->clipboard_handler != 0) {
        g_signal_handler_disconnect(gtk_widget_get_clipboard(GTK_WIDGET(self)),
                                    self->clipboard_handler);
        self->clipboard_handler = 0;
    }
    G_OBJECT_CLASS(corral_vnc_view_parent_class)->dispose(object);
}

static void
corral_vnc_view_finalize(GObject *object)
{
    CorralVncView *self = CORRAL_VNC_VIEW(object);

    corral_vnc_view_set_password(self, NULL);
    g_clear_pointer(&self->tiles, corral_vnc_tiles_free);
    g_hash_table_unref(self->pressed);
    g_free(self->error);
    G_OBJECT_CLASS(corral_vnc_view_parent_class)->finalize(object);
}

static void
corral_vnc_view_class_init(CorralVncViewClass *klass)
{
    GObjectClass *object_class = G_OBJECT_CLASS(klass);
    GtkWidgetClass *widget_class = GTK_WIDGET_CLASS(klass);

    object_class->get_property = corral_vnc_view_get_property;
    object_class->set_property = corral_vnc_view_set_property;
    object_class->dispose = corral_vnc_view_dispose;
    object_class->finalize = corral_vnc_view_finalize;
    widget_class->snapshot = corral_vnc_view_snapshot;
    widget_class->measure = corral_vnc_view_measure;
    widget_class->size_allocate = corral_vnc_view_size_allocate;

    props[PROP_CONNECTED] = g_param_spec_boolean("connected", NULL, NULL, FALSE,
                                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
    props[PROP_GRABBED] = g_param_spec_boolean("grabbed", NULL, NULL, FALSE,
                                               G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
    props[PROP_SCALE_TO_FIT] = g_param_spec_boolean("scale-to-fit", NULL, NULL, TRUE,
                                                    G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
    props[PROP_SHARE_CLIPBOARD] = g_param_spec_boolean("share-clipboard", NULL, NULL, FALSE,
                                                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
    props[PROP_ERROR] =
        g_param_spec_string("error", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
    props[PROP_POINTER_MODE] = g_param_spec_uint(
        "pointer-mode", NULL, NULL, CORRAL_VNC_POINTER_ABSOLUTE, CORRAL_VNC_POINTER_RELATIVE_FREE,
        CORRAL_VNC_POINTER_ABSOLUTE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
    g_object_class_install_properties(object_class, N_PROPS, props);

    signals[SIGNAL_CONNECTED] =
        g_signal_new("connected", G_TYPE_FROM_CLASS(klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                     G_TYPE_NONE, 0);
    signals[SIGNAL_DISCONNECTED] =
        g_signal_new("disconnected", G_TYPE_FROM_CLASS(klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                     NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
    gtk_widget_class_set_css_name(widget_class, "corral-vnc-view");
}

static void
corral_vnc_view_init(CorralVncView *self)
{
    GtkEventController *key = gtk_event_controller_key_new();
    GtkEventController *focus = gtk_event_controller_focus_new();
    GtkEventController *pointer = gtk_event_controller_legacy_new();

    self->scale_to_fit = TRUE;
    self->scale = 1.0;
    self->handshake_s = 15;
    self->pressed = g_hash_table_new(g_direct_hash, g_direct_equal);
    self->grab_mask = GDK_CONTROL_MASK | GDK_ALT_MASK;
    /* 32-bit little-endian BGRX: what GDK_MEMORY_B8G8R8A8 reads. */
    self->local_format = (VncPixelFormat){
        .bits_per_pixel = 32,
        .depth = 24,
        .byte_order = G_LITTLE_ENDIAN,
        .true_color_flag = 1,
        .red_max = 255,
        .green_max = 255,
        .blue_max = 255,
        .red_shift = 16,
        .green_shift = 8,
        .blue_shift = 0,
    };

    gtk_widget_set_focusable(GTK_WIDGET(self), TRUE);
    gtk_widget_set_overflow(GTK_WIDGET(self), GTK_OVERFLOW_HIDDEN);
    g_signal_connect(key, "key-pressed", G_CALLBACK(on_key_pressed), self);
    g_signal_connect(key, "key-released", G_CALLBACK(on_key_released), self);
    gtk_widget_add_controller(GTK_WIDGET(self), key);
    g_signal_connect(focus, "leave", G_CALLBACK(on_focus_leave), self);
    gtk_widget_add_controller(GTK_WIDGET(self), focus);
    g_signal_connect(pointer, "event", G_CALLBACK(on_pointer_event), self);
    gtk_widget_add_controller(GTK_WIDGET(self), pointer);
    self->clipboard_handler =
        g_signal_connect(gtk_widget_get_clipboard(GTK_WIDGET(self)), "changed",
                         G_CALLBACK(on_local_clipboard_changed), self);
}

GtkWidget *
corral_vnc_view_new(void)
{
    return g_object_new(CORRAL_TYPE_VNC_VIEW, NULL);
}
