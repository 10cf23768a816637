/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The screen stack and the loop. The status screen is always at the
 * bottom; the first-boot password screen is pushed over it until root has
 * a password, and cannot be left before.
 */
#include "dcui/screen-manager.h"

#include "dcui/crt.h"
#include "dcui/paint.h"

#define TICK_MS 1000

#define DCUI_SCREEN_CLASS(id, name) [id] = &dcui_screen_##name##_class,
static const DcuiScreenClass *const classes[] = {DCUI_SCREENS(DCUI_SCREEN_CLASS)};
#undef DCUI_SCREEN_CLASS

struct DcuiScreenManager {
    DcuiApp *app;
    GPtrArray *stack; /* DcuiScreen *, the top last */
};

static DcuiScreen *
top(DcuiScreenManager *m)
{
    return m->stack->pdata[m->stack->len - 1];
}

static void
screen_free(DcuiScreen *s)
{
    if (s->klass->finalize != NULL)
        s->klass->finalize(s);
    g_free(s);
}

static guint handle(DcuiScreenManager *m, guint flags);

static guint
push(DcuiScreenManager *m, DcuiScreenId id)
{
    const DcuiScreenClass *klass = classes[id];
    DcuiScreen *s = g_malloc0(klass->size);

    s->klass = klass;
    s->id = id;
    if (klass->init != NULL)
        klass->init(s, m->app);
    g_ptr_array_add(m->stack, s);
    return DCUI_REDRAW | (klass->tick != NULL ? klass->tick(s, m->app) : 0);
}

static guint
pop(DcuiScreenManager *m)
{
    DcuiScreen *child;
    DcuiScreen *parent;
    guint flags = DCUI_REDRAW;

    if (m->stack->len <= 1)
        return DCUI_REDRAW;
    child = g_ptr_array_steal_index(m->stack, m->stack->len - 1);
    parent = top(m);
    if (parent->klass->resume != NULL)
        flags |= parent->klass->resume(parent, m->app, child);
    screen_free(child);
    return flags;
}

static void
go_home(DcuiScreenManager *m)
{
    while (m->stack->len > 1)
        screen_free(g_ptr_array_steal_index(m->stack, m->stack->len - 1));
    dcui_app_logout(m->app);
    if (dcui_app_first_boot(m->app))
        push(m, DCUI_SCREEN_PASSWORD);
}

/* Acts on @flags; what the acts return is handled in turn. */
static guint
handle(DcuiScreenManager *m, guint flags)
{
    guint redraw = flags & DCUI_REDRAW;

    for (int guard = 0; guard < 16 && (flags & (DCUI_CLOSE | DCUI_OPEN | DCUI_HOME)); guard++) {
        guint next = 0;

        if (flags & DCUI_HOME) {
            go_home(m);
            return DCUI_REDRAW | (flags & DCUI_QUIT);
        }
        if (flags & DCUI_CLOSE)
            next |= pop(m);
        if (flags & DCUI_OPEN)
            next |= push(m, DCUI_FLAGS_SCREEN(flags));
        redraw |= next & DCUI_REDRAW;
        flags = next | (flags & DCUI_QUIT);
    }
    return redraw | (flags & DCUI_QUIT);
}

DcuiScreenManager *
dcui_screen_manager_new(DcuiApp *app)
{
    DcuiScreenManager *m = g_new0(DcuiScreenManager, 1);

    m->app = app;
    m->stack = g_ptr_array_new_with_free_func((GDestroyNotify)screen_free);
    push(m, DCUI_SCREEN_STATUS);
    if (dcui_app_first_boot(app))
        push(m, DCUI_SCREEN_PASSWORD);
    else if (dcui_app_rollback_pending(app, NULL))
        push(m, DCUI_SCREEN_ROLLBACK);
    return m;
}

void
dcui_screen_manager_free(DcuiScreenManager *m)
{
    if (m == NULL)
        return;
    g_ptr_array_unref(m->stack);
    g_free(m);
}

static void
draw(DcuiScreenManager *m)
{
    DcuiScreen *s = top(m);

    erase();
    if (dcui_paint_too_small()) {
        dcui_paint_small_notice();
    } else {
        s->klass->draw(s, m->app);
    }
    refresh();
}

static gboolean
idle_expired(DcuiScreenManager *m)
{
    gint64 idle_us = g_get_monotonic_time() - m->app->last_input_us;

    return m->app->user != NULL && m->app->idle_s > 0 &&
           idle_us >= (gint64)m->app->idle_s * G_USEC_PER_SEC;
}

void
dcui_screen_manager_run(DcuiScreenManager *m)
{
    gint64 last_tick = g_get_monotonic_time();
    guint flags = DCUI_REDRAW;

    for (;;) {
        wint_t ch = 0;
        int kind;
        DcuiScreen *s;

        if (flags & DCUI_QUIT)
            return;
        if (flags & DCUI_REDRAW)
            draw(m);
        flags = 0;
        kind = dcui_crt_read(TICK_MS, &ch);
        s = top(m);
        if (kind != ERR) {
            DcuiKey key = dcui_keys_lookup(kind, (guint)ch);

            m->app->last_input_us = g_get_monotonic_time();
            if (key.action == DCUI_ACTION_RESIZE || key.action == DCUI_ACTION_REDRAW) {
                if (key.action == DCUI_ACTION_REDRAW)
                    clearok(curscr, TRUE);
                flags = DCUI_REDRAW;
            } else if (key.action != DCUI_ACTION_NONE && s->klass->key != NULL) {
                flags = handle(m, s->klass->key(s, m->app, &key));
            }
        }
        if (g_get_monotonic_time() - last_tick >= TICK_MS * 1000) {
            last_tick = g_get_monotonic_time();
            if (idle_expired(m)) {
                flags |= handle(m, DCUI_HOME);
                continue;
            }
            s = top(m);
            if (s->klass->tick != NULL)
                flags |= handle(m, s->klass->tick(s, m->app));
        }
    }
}
