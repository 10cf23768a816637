/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * What a screen is. A screen is a class (a table of functions) and an
 * instance struct that starts with DcuiScreen. Its functions are pure in
 * the sense of STYLE.md: a key handler updates the screen and the model
 * (DcuiApp) and returns flags; it never reads keys, never refreshes the
 * terminal, and opens other screens only by returning DCUI_OPEN_SCREEN().
 * The screen manager owns the loop, the stack of screens and all drawing.
 */
#pragma once

#include <glib.h>

#include "dcui/keys.h"

G_BEGIN_DECLS

typedef struct DcuiApp DcuiApp;
typedef struct DcuiScreen DcuiScreen;

/* X(id, name): every screen. The class of screen `foo` is
 * dcui_screen_foo_class, defined in dcui/screen-foo.c. */
#define DCUI_SCREENS(X)                                                                            \
    X(DCUI_SCREEN_STATUS, status)                                                                  \
    X(DCUI_SCREEN_LOGIN, login)                                                                    \
    X(DCUI_SCREEN_MENU, menu)                                                                      \
    X(DCUI_SCREEN_PASSWORD, password)                                                              \
    X(DCUI_SCREEN_LOCKDOWN, lockdown)                                                              \
    X(DCUI_SCREEN_NETWORK, network)                                                                \
    X(DCUI_SCREEN_ADAPTERS, adapters)                                                              \
    X(DCUI_SCREEN_VLAN, vlan)                                                                      \
    X(DCUI_SCREEN_IPV4, ipv4)                                                                      \
    X(DCUI_SCREEN_IPV6, ipv6)                                                                      \
    X(DCUI_SCREEN_DNS, dns)                                                                        \
    X(DCUI_SCREEN_CONFIRM, confirm)                                                                \
    X(DCUI_SCREEN_ROLLBACK, rollback)                                                              \
    X(DCUI_SCREEN_TEST_NETWORK, test_network)                                                      \
    X(DCUI_SCREEN_RESTORE, restore)                                                                \
    X(DCUI_SCREEN_KEYBOARD, keyboard)                                                              \
    X(DCUI_SCREEN_DATETIME, datetime)                                                              \
    X(DCUI_SCREEN_TROUBLESHOOTING, troubleshooting)                                                \
    X(DCUI_SCREEN_LOGS, logs)                                                                      \
    X(DCUI_SCREEN_SUPPORT, support)                                                                \
    X(DCUI_SCREEN_VMS, vms)                                                                        \
    X(DCUI_SCREEN_POWER, power)                                                                    \
    X(DCUI_SCREEN_MESSAGE, message)

#define DCUI_SCREEN_ENUM(id, name) id,
typedef enum { DCUI_SCREENS(DCUI_SCREEN_ENUM) DCUI_SCREEN_LAST } DcuiScreenId;
#undef DCUI_SCREEN_ENUM

/* The flags a handler returns. */
enum {
    DCUI_REDRAW = 1 << 0,    /* the screen changed */
    DCUI_CLOSE = 1 << 1,     /* pop this screen; its parent's resume() runs */
    DCUI_QUIT = 1 << 2,      /* leave the program */
    DCUI_OPEN = 1 << 3,      /* push the screen in the high bits */
    DCUI_HOME = 1 << 4,      /* back to the status screen (log out) */
    DCUI_UNHANDLED = 1 << 5, /* a form did not use the key */
};
#define DCUI_OPEN_SCREEN(id)     (DCUI_OPEN | ((guint)(id) << 16))
#define DCUI_FLAGS_SCREEN(flags) ((DcuiScreenId)((flags) >> 16))

typedef struct {
    gsize size;           /* of the instance struct */
    gboolean needs_login; /* closed by an idle logout */
    void (*init)(DcuiScreen *self, DcuiApp *app);
    void (*finalize)(DcuiScreen *self);
    /* Paints the whole terminal (LINES × COLS) with the paint helpers. */
    void (*draw)(DcuiScreen *self, DcuiApp *app);
    guint (*key)(DcuiScreen *self, DcuiApp *app, const DcuiKey *key);
    /* About once a second, and once right after the screen opens. */
    guint (*tick)(DcuiScreen *self, DcuiApp *app);
    /* A screen this one opened has closed. */
    guint (*resume)(DcuiScreen *self, DcuiApp *app, const DcuiScreen *child);
} DcuiScreenClass;

struct DcuiScreen {
    const DcuiScreenClass *klass;
    DcuiScreenId id;
    int result; /* set by a dialog for its parent: DCUI_RESULT_* */
};

enum { DCUI_RESULT_CANCEL = 0, DCUI_RESULT_YES, DCUI_RESULT_NO, DCUI_RESULT_DONE };

#define DCUI_SCREEN_DECLARE(id, name) extern const DcuiScreenClass dcui_screen_##name##_class;
DCUI_SCREENS(DCUI_SCREEN_DECLARE)
#undef DCUI_SCREEN_DECLARE

G_END_DECLS
