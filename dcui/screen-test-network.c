/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Test Management Network: pings the addresses given (the gateway and the
 * DNS servers to start with) and resolves a host name, then lists what
 * answered.
 */
#include "config.h"

#include "common/hostcfg/host-validate.h"
#include "dcui/app.h"
#include "dcui/form.h"
#include "dcui/net-test.h"
#include "dcui/paint.h"
#include "dcui/screen.h"

#include <glib/gi18n.h>

enum { FIELD_ADDRESSES, FIELD_NAME };

#define MAX_ADDRESSES 4

typedef struct {
    DcuiScreen parent;
    DcuiForm *form;
    gboolean run_due;
    GPtrArray *results; /* char *, "OK  …" or "FAILED  …" */
} TestScreen;

static gboolean
check_addresses(DcuiForm *form, guint index, const char *text, gpointer data, GError **error)
{
    return corral_validate_address_list(text, MAX_ADDRESSES, NULL, error);
}

static gboolean
check_name(DcuiForm *form, guint index, const char *text, gpointer data, GError **error)
{
    return *text == '\0' || corral_validate_hostname(text, error);
}

static void
test_init(DcuiScreen *self, DcuiApp *app)
{
    TestScreen *s = (TestScreen *)self;
    const CorralManagement *m = &app->host->management;
    g_autoptr(GPtrArray) targets = g_ptr_array_new();
    g_autofree char *list = NULL;

    if (m->ipv4.mode == CORRAL_IPV4_MODE_STATIC && m->ipv4.gateway != NULL)
        g_ptr_array_add(targets, m->ipv4.gateway);
    for (guint i = 0; i < m->dns.servers->len && targets->len < MAX_ADDRESSES; i++)
        if (g_strcmp0(m->dns.servers->pdata[i], m->ipv4.gateway) != 0)
            g_ptr_array_add(targets, m->dns.servers->pdata[i]);
    list = corral_validate_join_list(targets);
    s->results = g_ptr_array_new_with_free_func(g_free);
    s->form = dcui_form_new(s);
    dcui_form_add_text(s->form, _("Ping addresses:"), list, check_addresses);
    dcui_form_add_text(s->form, _("Resolve host name:"), app->host->hostname, check_name);
}

static void
test_finalize(DcuiScreen *self)
{
    TestScreen *s = (TestScreen *)self;

    dcui_form_free(s->form);
    g_ptr_array_unref(s->results);
}

static guint
test_key(DcuiScreen *self, DcuiApp *app, const DcuiKey *key)
{
    TestScreen *s = (TestScreen *)self;
    guint flags = dcui_form_key(s->form, key);

    if (!(flags & DCUI_UNHANDLED))
        return flags;
    if (key->action == DCUI_ACTION_CANCEL)
        return DCUI_CLOSE;
    if (key->action != DCUI_ACTION_ACCEPT || !dcui_form_validate(s->form))
        return DCUI_REDRAW;
    g_ptr_array_set_size(s->results, 0);
    s->run_due = TRUE;
    return DCUI_REDRAW;
}

static void
add_result(TestScreen *s, gboolean ok, const char *what)
{
    g_ptr_array_add(s->results, g_strdup_printf("%-8s %s", ok ? _("OK") : _("FAILED"), what));
}

static guint
test_tick(DcuiScreen *self, DcuiApp *app)
{
    TestScreen *s = (TestScreen *)self;
    g_autoptr(GPtrArray) addresses = NULL;
    const char *name = dcui_form_text(s->form, FIELD_NAME);

    if (!s->run_due)
        return 0;
    s->run_due = FALSE;
    corral_validate_address_list(dcui_form_text(s->form, FIELD_ADDRESSES), MAX_ADDRESSES,
                                 &addresses, NULL);
    for (guint i = 0; addresses != NULL && i < addresses->len; i++) {
        g_autoptr(GError) error = NULL;
        gboolean ok = dcui_net_test_ping(addresses->pdata[i], 3, 1000, &error);
        g_autofree char *what =
            g_strdup_printf(_("Pinging address #%u (%s)."), i + 1, (char *)addresses->pdata[i]);

        add_result(s, ok, what);
    }
    if (*name != '\0') {
        g_autoptr(GError) error = NULL;
        g_autofree char *found = dcui_net_test_resolve(name, &error);
        g_autofree char *what = found != NULL
                                    ? g_strdup_printf(_("Resolving host name %s: %s."), name, found)
                                    : g_strdup(error->message);

        add_result(s, found != NULL, what);
    }
    return DCUI_REDRAW;
}

static void
test_draw(DcuiScreen *self, DcuiApp *app)
{
    TestScreen *s = (TestScreen *)self;
    DcuiRect r;
    int y;

    dcui_paint_backdrop();
    r = dcui_paint_dialog(LINES - 4, MIN(COLS - 4, 90), _("Test Management Network"),
                          _("<Enter> Run the test  <Esc> Back"));
    y = r.y +
        dcui_paint_wrap(r.y, r.x, r.w, 2, DCUI_ROLE_DIALOG,
                        _("Enter up to four addresses to ping and a host name to resolve.")) +
        1;
    y += dcui_form_draw(s->form, (DcuiRect){y, r.x, 6, r.w}) + 1;
    if (s->run_due)
        dcui_paint_text(y, r.x, r.w, DCUI_ROLE_WARNING, _("Testing…"));
    for (guint i = 0; i < s->results->len && y < r.y + r.h; i++) {
        const char *line = s->results->pdata[i];

        y += dcui_paint_wrap(y, r.x, r.w, 2,
                             g_str_has_prefix(line, _("OK")) ? DCUI_ROLE_GOOD : DCUI_ROLE_ERROR,
                             line);
    }
}

const DcuiScreenClass dcui_screen_test_network_class = {
    .size = sizeof(TestScreen),
    .needs_login = TRUE,
    .init = test_init,
    .finalize = test_finalize,
    .draw = test_draw,
    .key = test_key,
    .tick = test_tick,
};
