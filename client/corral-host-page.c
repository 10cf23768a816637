/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The host page (see corral-host-page.h). The summary is rewritten from the
 * host node's payload whenever it changes.
 */
#include "client/corral-host-page.h"

#include "client/corral-events-view.h"
#include "client/corral-format.h"
#include "client/corral-page-util.h"
#include "client/corral-perf-view.h"

#include <glib/gi18n.h>

struct _CorralHostPage {
    GtkBox parent_instance;
    GtkLabel *title;
    GtkStack *stack;
    GtkGrid *summary;
    GtkGrid *network;
    GtkWidget *perf;
    GtkWidget *events;
    CorralHostConnection *connection;
    CorralNode *node;
    gulong handler;
};

G_DEFINE_FINAL_TYPE(CorralHostPage, corral_host_page, GTK_TYPE_BOX)

static char *
ipv4_text(const CorralIpv4 *ipv4)
{
    if (ipv4->mode == CORRAL_IPV4_MODE_DHCP && ipv4->address == NULL)
        return g_strdup(_("DHCP"));
    return g_strdup_printf("%s/%lld%s%s%s", ipv4->address != NULL ? ipv4->address : "?",
                           (long long)ipv4->prefix, ipv4->gateway != NULL ? " → " : "",
                           ipv4->gateway != NULL ? ipv4->gateway : "",
                           ipv4->mode == CORRAL_IPV4_MODE_DHCP ? _(" (DHCP)") : "");
}

/* The strings of @list joined by commas, or NULL for none. */
static char *
join(GPtrArray *list)
{
    GString *text;

    if (list == NULL || list->len == 0)
        return NULL;
    text = g_string_new(list->pdata[0]);
    for (guint i = 1; i < list->len; i++)
        g_string_append_printf(text, ", %s", (const char *)list->pdata[i]);
    return g_string_free(text, FALSE);
}

static void
update(CorralHostPage *self)
{
    CorralHost *host = corral_node_get_payload(self->node, &corral_host_type);
    GListModel *vms =
        corral_inventory_get_vms(corral_host_connection_get_inventory(self->connection));
    g_autofree char *used = NULL, *total = NULL, *vcount = NULL;

    gtk_label_set_label(self->title, corral_node_get_label(self->node));
    if (host == NULL)
        return;
    used = corral_format_bytes(host->usage.memory_used_bytes);
    total = corral_format_bytes(host->memory_bytes);
    vcount = g_strdup_printf("%u", g_list_model_get_n_items(vms));
    {
        CorralGridRow rows[] = {
            {_("Name"), g_strdup(host->name)},
            {_("Version"), g_strdup(host->version)},
            {_("Processor"), g_strdup(host->cpu.model)},
            {_("Sockets, cores, threads"),
             g_strdup_printf("%lld × %lld × %lld", (long long)host->cpu.sockets,
                             (long long)host->cpu.cores, (long long)host->cpu.threads)},
            {_("Clock rate"), corral_format_mhz(host->cpu.mhz)},
            {_("Memory"), g_strdup(total)},
            {_("CPU usage"), corral_format_percent(host->usage.cpu_pct)},
            /* TRANSLATORS: memory used of the total: "3 GiB of 16 GiB" */
            {_("Memory usage"), g_strdup_printf(_("%1$s of %2$s"), used, total)},
            {_("Uptime"), corral_format_duration(host->uptime_s)},
            {_("Guests"), g_strdup(vcount)},
            {_("Thumbprint (SHA-256)"), corral_format_thumbprint(host->thumbprint_sha256)},
        };
        CorralGridRow net[] = {
            {_("Interface"), g_strdup(host->management.interface)},
            {_("VLAN"), host->management.vlan > 0
                            ? g_strdup_printf("%lld", (long long)host->management.vlan)
                            : g_strdup(_("None"))},
            {_("IPv4"), ipv4_text(&host->management.ipv4)},
            {_("DNS servers"), join(host->management.dns.servers)},
        };

        corral_grid_set_rows(self->summary, rows, G_N_ELEMENTS(rows));
        corral_grid_set_rows(self->network, net, G_N_ELEMENTS(net));
    }
}

static void
node_changed(CorralNode *node, GParamSpec *pspec, gpointer data)
{
    update(CORRAL_HOST_PAGE(data));
}

static void
corral_host_page_dispose(GObject *object)
{
    CorralHostPage *self = CORRAL_HOST_PAGE(object);

    if (self->node != NULL)
        g_clear_signal_handler(&self->handler, self->node);
    g_clear_object(&self->node);
    g_clear_object(&self->connection);
    G_OBJECT_CLASS(corral_host_page_parent_class)->dispose(object);
}

static void
corral_host_page_class_init(CorralHostPageClass *klass)
{
    G_OBJECT_CLASS(klass)->dispose = corral_host_page_dispose;
}

static void
corral_host_page_init(CorralHostPage *self)
{
    GtkWidget *summary = gtk_box_new(GTK_ORIENTATION_VERTICAL, 6);

    gtk_orientable_set_orientation(GTK_ORIENTABLE(self), GTK_ORIENTATION_VERTICAL);
    gtk_box_set_spacing(GTK_BOX(self), 6);
    corral_page_build(GTK_BOX(self), "computer-symbolic", &self->title, &self->stack);
    self->summary = GTK_GRID(corral_grid_new());
    self->network = GTK_GRID(corral_grid_new());
    gtk_box_append(GTK_BOX(summary), corral_heading_new(_("Hardware and usage")));
    gtk_box_append(GTK_BOX(summary), GTK_WIDGET(self->summary));
    gtk_box_append(GTK_BOX(summary), corral_heading_new(_("Management network")));
    gtk_box_append(GTK_BOX(summary), GTK_WIDGET(self->network));
    corral_page_add_tab(self->stack, "summary", _("Summary"), summary);
    self->perf = corral_perf_view_new();
    corral_page_add_tab(self->stack, "performance", _("Performance"), self->perf);
    self->events = corral_events_view_new();
    gtk_stack_add_titled(self->stack, self->events, "events", _("Events"));
}

void
corral_host_page_set_connection(CorralHostPage *self, CorralHostConnection *connection)
{
    CorralNode *node = corral_inventory_get_root(corral_host_connection_get_inventory(connection));

    if (self->node != NULL)
        g_clear_signal_handler(&self->handler, self->node);
    g_set_object(&self->node, node);
    g_set_object(&self->connection, connection);
    self->handler = g_signal_connect(node, "notify", G_CALLBACK(node_changed), self);
    corral_perf_view_set_source(CORRAL_PERF_VIEW(self->perf), connection, "/host/stats");
    corral_events_view_set_events(CORRAL_EVENTS_VIEW(self->events),
                                  corral_host_connection_get_events(connection), NULL);
    update(self);
}

void
corral_host_page_show_tab(CorralHostPage *self, const char *tab)
{
    if (gtk_stack_get_child_by_name(self->stack, tab) != NULL)
        gtk_stack_set_visible_child_name(self->stack, tab);
}
