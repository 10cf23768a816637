/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Virtual Machines: the guests corrald knows, with their state, and their
 * power operations (POST /vms/{id}/power) over corrald's socket. Without
 * corrald it says so; the console itself never talks to libvirt.
 */
#include "config.h"

#include "dcui/agent.h"
#include "dcui/app.h"
#include "dcui/paint.h"
#include "dcui/screen.h"

#include <glib/gi18n.h>

#define REFRESH_S 5

typedef struct {
    gunichar key;
    const char *action; /* the API's power action */
} PowerKey;

/* The letters are the same in every language: the hint line names them. */
static const PowerKey power_keys[] = {
    {'o', "on"},     {'s', "shutdown"}, {'f', "off"},
    {'r', "reboot"}, {'p', "suspend"},  {'u', "resume"},
};

/* The API's state words, as the console shows them. */
static const struct {
    const char *api;
    const char *shown;
} states[] = {
    {"running", N_("running")}, {"paused", N_("paused")},       {"shutoff", N_("shut off")},
    {"crashed", N_("crashed")}, {"suspended", N_("suspended")},
};

static const char *
state_name(const char *api)
{
    for (gsize i = 0; i < G_N_ELEMENTS(states); i++)
        if (g_strcmp0(states[i].api, api) == 0)
            return _(states[i].shown);
    return api;
}

typedef struct {
    DcuiScreen parent;
    json_object *vms; /* the array of GET /vms */
    guint selected;
    char *message;
    gboolean message_is_error;
    guint ticks;
} VmsScreen;

static void
set_message(VmsScreen *s, gboolean error, const char *text)
{
    g_free(s->message);
    s->message = g_strdup(text);
    s->message_is_error = error;
}

static void
load(VmsScreen *s, DcuiApp *app)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(json_object) answer = dcui_agent_request(app, "GET", "/vms", NULL, &error);
    json_object *array;

    g_clear_pointer(&s->vms, json_object_put);
    if (answer == NULL) {
        set_message(s, TRUE, error->message);
        return;
    }
    if (json_object_object_get_ex(answer, "vms", &array) &&
        json_object_is_type(array, json_type_array))
        s->vms = json_object_get(array);
    if (s->vms != NULL && s->selected >= json_object_array_length(s->vms))
        s->selected = 0;
}

static void
vms_init(DcuiScreen *self, DcuiApp *app)
{
    load((VmsScreen *)self, app);
}

static void
vms_finalize(DcuiScreen *self)
{
    VmsScreen *s = (VmsScreen *)self;

    g_clear_pointer(&s->vms, json_object_put);
    g_free(s->message);
}

static const char *
field(json_object *vm, const char *name)
{
    json_object *v;

    return json_object_object_get_ex(vm, name, &v) ? json_object_get_string(v) : "";
}

static guint
power(VmsScreen *s, DcuiApp *app, const char *action)
{
    json_object *vm;
    g_autofree char *path = NULL;
    g_autoptr(json_object) body = json_object_new_object();
    g_autoptr(json_object) answer = NULL;
    g_autoptr(GError) error = NULL;

    if (s->vms == NULL || json_object_array_length(s->vms) == 0)
        return 0;
    vm = json_object_array_get_idx(s->vms, s->selected);
    path = g_strdup_printf("/vms/%s/power", field(vm, "id"));
    json_object_object_add(body, "action", json_object_new_string(action));
    answer = dcui_agent_request(app, "POST", path, body, &error);
    if (answer == NULL) {
        set_message(s, TRUE, error->message);
    } else {
        g_autofree char *done =
            g_strdup_printf(_("%s: power %s requested."), field(vm, "name"), action);

        set_message(s, FALSE, done);
    }
    load(s, app);
    return DCUI_REDRAW;
}

static guint
vms_key(DcuiScreen *self, DcuiApp *app, const DcuiKey *key)
{
    VmsScreen *s = (VmsScreen *)self;
    guint n = s->vms != NULL ? json_object_array_length(s->vms) : 0;

    switch (key->action) {
    case DCUI_ACTION_UP:
        if (n > 0)
            s->selected = (s->selected + n - 1) % n;
        return DCUI_REDRAW;
    case DCUI_ACTION_DOWN:
        if (n > 0)
            s->selected = (s->selected + 1) % n;
        return DCUI_REDRAW;
    case DCUI_ACTION_CANCEL:
        return DCUI_CLOSE;
    case DCUI_ACTION_CHAR:
        for (gsize i = 0; i < G_N_ELEMENTS(power_keys); i++)
            if (g_unichar_tolower(key->ch) == power_keys[i].key)
                return power(s, app, power_keys[i].action);
        return 0;
    default:
        return 0;
    }
}

static guint
vms_tick(DcuiScreen *self, DcuiApp *app)
{
    VmsScreen *s = (VmsScreen *)self;

    if (++s->ticks % REFRESH_S != 0)
        return 0;
    load(s, app);
    return DCUI_REDRAW;
}

static void
vms_draw(DcuiScreen *self, DcuiApp *app)
{
    VmsScreen *s = (VmsScreen *)self;
    guint n = s->vms != NULL ? json_object_array_length(s->vms) : 0;
    g_autofree char *head = g_strdup_printf("%-32s %-10s %s", _("Name"), _("State"), _("vCPUs"));
    DcuiRect r;
    int first;

    dcui_paint_backdrop();
    r = dcui_paint_dialog(LINES - 2, MIN(COLS - 2, 100), _("Virtual Machines"),
                          _("<O> On  <S> Shut down  <F> Off  <R> Reboot  <P> Suspend  <U> Resume  "
                            "<Esc> Back"));
    dcui_paint_text(r.y, r.x, r.w, DCUI_ROLE_LABEL, head);
    if (n == 0 && s->message == NULL)
        dcui_paint_text(r.y + 2, r.x, r.w, DCUI_ROLE_DIALOG,
                        _("This host has no virtual machines."));
    first = MAX((int)s->selected - (r.h - 4) + 1, 0);
    for (int i = first; i < (int)n && r.y + 1 + i - first < r.y + r.h - 2; i++) {
        json_object *vm = json_object_array_get_idx(s->vms, i);
        gboolean sel = (guint)i == s->selected;
        g_autofree char *line = g_strdup_printf("%-32.32s %-10s %s", field(vm, "name"),
                                                state_name(field(vm, "state")), field(vm, "vcpus"));

        dcui_paint_text(r.y + 1 + i - first, r.x, r.w, sel ? DCUI_ROLE_SELECTED : DCUI_ROLE_DIALOG,
                        line);
    }
    if (s->message != NULL)
        dcui_paint_wrap(r.y + r.h - 2, r.x, r.w, 2,
                        s->message_is_error ? DCUI_ROLE_ERROR : DCUI_ROLE_GOOD, s->message);
}

const DcuiScreenClass dcui_screen_vms_class = {
    .size = sizeof(VmsScreen),
    .needs_login = TRUE,
    .init = vms_init,
    .finalize = vms_finalize,
    .draw = vms_draw,
    .key = vms_key,
    .tick = vms_tick,
};
