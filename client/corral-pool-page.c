/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The resource pool page (see corral-pool-page.h).
 */
#include "client/corral-pool-page.h"

#include "client/corral-format.h"
#include "client/corral-page-util.h"
#include "client/corral-resources-editor.h"

#include <glib/gi18n.h>

struct _CorralPoolPage {
    GtkBox parent_instance;
    GtkLabel *title;
    GtkStack *stack;
    GtkGrid *summary;
    GtkWidget *resources;
    CorralNode *node;
    CorralHostConnection *connection;
    gulong handler;
};

G_DEFINE_FINAL_TYPE(CorralPoolPage, corral_pool_page, GTK_TYPE_BOX)

static void
update(CorralPoolPage *self)
{
    CorralPool *pool = corral_node_get_payload(self->node, &corral_pool_type);

    gtk_label_set_label(self->title, corral_node_get_label(self->node));
    if (pool == NULL)
        return;
    {
        CorralGridRow rows[] = {
            {_("Path"), g_strdup(pool->path)},
            {_("Child pools"),
             g_strdup_printf("%u", pool->children != NULL ? pool->children->len : 0)},
            {_("Guests"), g_strdup_printf("%u", pool->vms != NULL ? pool->vms->len : 0)},
            {_("CPU shares"), corral_format_shares(&pool->resources.cpu.shares)},
            {_("CPU reservation"), corral_format_mhz(pool->resources.cpu.reservation_mhz)},
            {_("CPU limit"), corral_format_mhz(pool->resources.cpu.limit_mhz)},
            {_("Memory shares"), corral_format_shares(&pool->resources.memory.shares)},
            {_("Memory reservation"),
             corral_format_bytes(pool->resources.memory.reservation_bytes)},
            {_("Memory limit"), corral_format_bytes(pool->resources.memory.limit_bytes)},
            {_("CPU usage"), corral_format_percent(pool->usage.cpu_pct)},
            {_("Memory used"), corral_format_bytes(pool->usage.memory_used_bytes)},
        };

        corral_grid_set_rows(self->summary, rows, G_N_ELEMENTS(rows));
    }
    corral_resources_editor_set(CORRAL_RESOURCES_EDITOR(self->resources), self->connection,
                                pool->path, &pool->resources);
}

static void
node_changed(CorralNode *node, GParamSpec *pspec, gpointer data)
{
    update(CORRAL_POOL_PAGE(data));
}

static void
corral_pool_page_dispose(GObject *object)
{
    CorralPoolPage *self = CORRAL_POOL_PAGE(object);

    if (self->node != NULL)
        g_clear_signal_handler(&self->handler, self->node);
    g_clear_object(&self->node);
    g_clear_object(&self->connection);
    G_OBJECT_CLASS(corral_pool_page_parent_class)->dispose(object);
}

static void
corral_pool_page_class_init(CorralPoolPageClass *klass)
{
    G_OBJECT_CLASS(klass)->dispose = corral_pool_page_dispose;
}

static void
corral_pool_page_init(CorralPoolPage *self)
{
    gtk_orientable_set_orientation(GTK_ORIENTABLE(self), GTK_ORIENTATION_VERTICAL);
    gtk_box_set_spacing(GTK_BOX(self), 6);
    corral_page_build(GTK_BOX(self), "view-grid-symbolic", &self->title, &self->stack);
    self->summary = GTK_GRID(corral_grid_new());
    corral_page_add_tab(self->stack, "summary", _("Summary"), GTK_WIDGET(self->summary));
    self->resources = corral_resources_editor_new(TRUE);
    corral_page_add_tab(self->stack, "resources", _("Resource Allocation"), self->resources);
}

void
corral_pool_page_set_node(CorralPoolPage *self, CorralNode *node, CorralHostConnection *connection)
{
    if (self->node != NULL)
        g_clear_signal_handler(&self->handler, self->node);
    g_set_object(&self->node, node);
    g_set_object(&self->connection, connection);
    self->handler = g_signal_connect(node, "notify::payload", G_CALLBACK(node_changed), self);
    update(self);
}

void
corral_pool_page_show_tab(CorralPoolPage *self, const char *tab)
{
    if (gtk_stack_get_child_by_name(self->stack, tab) != NULL)
        gtk_stack_set_visible_child_name(self->stack, tab);
}
