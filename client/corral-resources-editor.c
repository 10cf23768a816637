/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Resource Allocation (see corral-resources-editor.h). CPU and memory have
 * the same fields; one struct of widgets per resource and one table of
 * units keep them alike. Memory is edited in MiB and sent in bytes. The
 * captions are mnemonics (Alt+S, Alt+R, Alt+L: CPU first, pressed again
 * memory), so the keyboard reaches every field.
 */
#include "client/corral-resources-editor.h"

#include "client/corral-format.h"

#include <glib/gi18n.h>

#define MIB (1024 * 1024)

typedef struct {
    GtkDropDown *level;
    GtkSpinButton *custom;
    GtkSpinButton *reservation;
    GtkSpinButton *limit;
    GtkCheckButton *unlimited;
} Fields;

struct _CorralResourcesEditor {
    GtkBox parent_instance;
    gboolean pool;
    Fields cpu, memory;
    GtkCheckButton *expandable;
    GtkButton *apply;
    GtkLabel *message;
    CorralHostConnection *connection;
    char *path;
};

G_DEFINE_FINAL_TYPE(CorralResourcesEditor, corral_resources_editor, GTK_TYPE_BOX)

static const char *const level_names[] = {N_("Low"), N_("Normal"), N_("High"), N_("Custom"), NULL};

static void
unlimited_toggled(GtkCheckButton *check, GtkSpinButton *limit)
{
    gtk_widget_set_sensitive(GTK_WIDGET(limit), !gtk_check_button_get_active(check));
}

static void
level_changed(GtkDropDown *level, GParamSpec *pspec, GtkSpinButton *custom)
{
    gtk_widget_set_sensitive(GTK_WIDGET(custom),
                             gtk_drop_down_get_selected(level) == CORRAL_SHARES_LEVEL_CUSTOM);
}

/* One resource's rows in @grid from @row on. */
static void
add_fields(GtkGrid *grid, int row, const char *title, const char *unit, double max, Fields *f)
{
    g_autofree const char **levels = g_new0(const char *, G_N_ELEMENTS(level_names));
    GtkWidget *heading = gtk_label_new(title);
    const char *captions[] = {_("_Shares"), _("_Reservation"), _("_Limit")};
    GtkWidget *limit_box = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 6);
    GtkWidget *shares_box = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 6);
    g_autofree char *reservation_unit = g_strdup(unit), *limit_unit = g_strdup(unit);

    for (gsize i = 0; level_names[i] != NULL; i++)
        levels[i] = _(level_names[i]);
    gtk_label_set_xalign(GTK_LABEL(heading), 0);
    gtk_widget_add_css_class(heading, "heading");
    gtk_grid_attach(grid, heading, 0, row, 3, 1);
    f->level = GTK_DROP_DOWN(gtk_drop_down_new_from_strings(levels));
    f->custom = GTK_SPIN_BUTTON(gtk_spin_button_new_with_range(1, 262144, 1));
    gtk_box_append(GTK_BOX(shares_box), GTK_WIDGET(f->level));
    gtk_box_append(GTK_BOX(shares_box), GTK_WIDGET(f->custom));
    gtk_grid_attach(grid, shares_box, 1, row + 1, 1, 1);
    f->reservation = GTK_SPIN_BUTTON(gtk_spin_button_new_with_range(0, max, 1));
    gtk_grid_attach(grid, GTK_WIDGET(f->reservation), 1, row + 2, 1, 1);
    gtk_grid_attach(grid, gtk_label_new(reservation_unit), 2, row + 2, 1, 1);
    f->limit = GTK_SPIN_BUTTON(gtk_spin_button_new_with_range(0, max, 1));
    f->unlimited = GTK_CHECK_BUTTON(gtk_check_button_new_with_mnemonic(_("_Unlimited")));
    gtk_box_append(GTK_BOX(limit_box), GTK_WIDGET(f->limit));
    gtk_box_append(GTK_BOX(limit_box), gtk_label_new(limit_unit));
    gtk_box_append(GTK_BOX(limit_box), GTK_WIDGET(f->unlimited));
    gtk_grid_attach(grid, limit_box, 1, row + 3, 2, 1);
    {
        GtkWidget *targets[] = {GTK_WIDGET(f->level), GTK_WIDGET(f->reservation),
                                GTK_WIDGET(f->limit)};

        for (gsize i = 0; i < G_N_ELEMENTS(targets); i++) {
            GtkWidget *caption = gtk_label_new_with_mnemonic(captions[i]);

            gtk_label_set_mnemonic_widget(GTK_LABEL(caption), targets[i]);
            gtk_label_set_xalign(GTK_LABEL(caption), 1);
            gtk_grid_attach(grid, caption, 0, row + 1 + (int)i, 1, 1);
        }
    }
    g_signal_connect(f->unlimited, "toggled", G_CALLBACK(unlimited_toggled), f->limit);
    g_signal_connect(f->level, "notify::selected", G_CALLBACK(level_changed), f->custom);
}

static void
show_fields(Fields *f, const CorralShares *shares, gint64 reservation, gint64 limit, gint64 scale)
{
    gtk_drop_down_set_selected(f->level, (guint)shares->level);
    gtk_spin_button_set_value(f->custom, shares->value > 0 ? (double)shares->value : 1000);
    level_changed(f->level, NULL, f->custom);
    gtk_spin_button_set_value(f->reservation, (double)(reservation / scale));
    gtk_check_button_set_active(f->unlimited, limit == CORRAL_UNLIMITED);
    gtk_spin_button_set_value(f->limit, limit == CORRAL_UNLIMITED ? 0 : (double)(limit / scale));
    unlimited_toggled(f->unlimited, f->limit);
}

static void
read_fields(Fields *f, CorralShares *shares, gint64 *reservation, gint64 *limit, gint64 scale)
{
    shares->level = (CorralSharesLevel)gtk_drop_down_get_selected(f->level);
    CORRAL_SET_PRESENT(shares, CORRAL_SHARES_FIELD_LEVEL);
    if (shares->level == CORRAL_SHARES_LEVEL_CUSTOM) {
        shares->value = gtk_spin_button_get_value_as_int(f->custom);
        CORRAL_SET_PRESENT(shares, CORRAL_SHARES_FIELD_VALUE);
    }
    *reservation = (gint64)gtk_spin_button_get_value(f->reservation) * scale;
    *limit = gtk_check_button_get_active(f->unlimited)
                 ? CORRAL_UNLIMITED
                 : (gint64)gtk_spin_button_get_value(f->limit) * scale;
}

CorralResources *
corral_resources_editor_get(CorralResourcesEditor *self)
{
    CorralResources *r = g_new0(CorralResources, 1);

    read_fields(&self->cpu, &r->cpu.shares, &r->cpu.reservation_mhz, &r->cpu.limit_mhz, 1);
    read_fields(&self->memory, &r->memory.shares, &r->memory.reservation_bytes,
                &r->memory.limit_bytes, MIB);
    r->cpu.present = (1 << CORRAL_CPU_ALLOCATION_FIELD_LAST) - 1;
    r->memory.present = (1 << CORRAL_MEMORY_ALLOCATION_FIELD_LAST) - 1;
    r->present = (1 << CORRAL_RESOURCES_FIELD_CPU) | (1 << CORRAL_RESOURCES_FIELD_MEMORY);
    if (self->pool) {
        r->expandable = gtk_check_button_get_active(self->expandable);
        CORRAL_SET_PRESENT(r, CORRAL_RESOURCES_FIELD_EXPANDABLE);
    }
    return r;
}

void
corral_resources_editor_set(CorralResourcesEditor *self, CorralHostConnection *connection,
                            const char *path, const CorralResources *r)
{
    /* The outcome of Apply stays while the same object is shown again. */
    if (g_strcmp0(self->path, path) != 0 || self->connection != connection)
        gtk_label_set_label(self->message, "");
    g_set_object(&self->connection, connection);
    g_free(self->path);
    self->path = g_strdup(path);
    if (r == NULL)
        return;
    show_fields(&self->cpu, &r->cpu.shares, r->cpu.reservation_mhz, r->cpu.limit_mhz, 1);
    show_fields(&self->memory, &r->memory.shares, r->memory.reservation_bytes,
                r->memory.limit_bytes, MIB);
    if (self->pool)
        gtk_check_button_set_active(self->expandable, r->expandable);
}

static void
applied(GObject *source, GAsyncResult *result, gpointer data)
{
    g_autoptr(CorralResourcesEditor) self = data;
    g_autoptr(GError) error = NULL;
    g_autoptr(json_object) answer =
        corral_host_connection_call_finish(CORRAL_HOST_CONNECTION(source), result, &error);

    gtk_widget_set_sensitive(GTK_WIDGET(self->apply), TRUE);
    gtk_widget_remove_css_class(GTK_WIDGET(self->message), error != NULL ? "success" : "error");
    gtk_widget_add_css_class(GTK_WIDGET(self->message), error != NULL ? "error" : "success");
    gtk_label_set_label(self->message,
                        error != NULL ? error->message : _("The allocation was applied."));
    if (error == NULL && self->pool)
        corral_host_connection_refresh_pools(CORRAL_HOST_CONNECTION(source));
    else if (error == NULL)
        corral_host_connection_refresh_vm(CORRAL_HOST_CONNECTION(source), self->path);
}

static void
apply_clicked(GtkButton *button, CorralResourcesEditor *self)
{
    g_autoptr(CorralResources) r = corral_resources_editor_get(self);
    g_autofree char *path = NULL;
    json_object *body;

    if (self->connection == NULL || self->path == NULL)
        return;
    if (self->pool) {
        body = json_object_new_object();
        json_object_object_add(body, "resources", corral_resources_to_json(r));
        path = g_strdup_printf("/pools%s", self->path);
    } else {
        body = corral_resources_to_json(r);
        path = g_strdup_printf("/vms/%s/resources", self->path);
    }
    gtk_widget_set_sensitive(GTK_WIDGET(self->apply), FALSE);
    gtk_label_set_label(self->message, _("Applying…"));
    corral_host_connection_call_async(self->connection, self->pool ? "PATCH" : "PUT", path, body,
                                      NULL, applied, g_object_ref(self));
}

static void
corral_resources_editor_dispose(GObject *object)
{
    CorralResourcesEditor *self = CORRAL_RESOURCES_EDITOR(object);

    g_clear_object(&self->connection);
    g_clear_pointer(&self->path, g_free);
    G_OBJECT_CLASS(corral_resources_editor_parent_class)->dispose(object);
}

static void
corral_resources_editor_class_init(CorralResourcesEditorClass *klass)
{
    G_OBJECT_CLASS(klass)->dispose = corral_resources_editor_dispose;
}

static void
corral_resources_editor_init(CorralResourcesEditor *self)
{
}

GtkWidget *
corral_resources_editor_new(gboolean pool)
{
    CorralResourcesEditor *self = g_object_new(CORRAL_TYPE_RESOURCES_EDITOR, "orientation",
                                               GTK_ORIENTATION_VERTICAL, "spacing", 12, NULL);
    GtkGrid *grid = GTK_GRID(gtk_grid_new());
    GtkWidget *buttons = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 6);

    self->pool = pool;
    gtk_grid_set_row_spacing(grid, 6);
    gtk_grid_set_column_spacing(grid, 12);
    add_fields(grid, 0, _("CPU"), _("MHz"), 1e7, &self->cpu);
    add_fields(grid, 4, _("Memory"), _("MiB"), 1e9, &self->memory);
    gtk_box_append(GTK_BOX(self), GTK_WIDGET(grid));
    self->expandable =
        GTK_CHECK_BUTTON(gtk_check_button_new_with_mnemonic(_("E_xpandable reservation")));
    gtk_widget_set_visible(GTK_WIDGET(self->expandable), pool);
    gtk_box_append(GTK_BOX(self), GTK_WIDGET(self->expandable));
    self->apply = GTK_BUTTON(gtk_button_new_with_mnemonic(_("_Apply")));
    gtk_widget_add_css_class(GTK_WIDGET(self->apply), "suggested-action");
    g_signal_connect(self->apply, "clicked", G_CALLBACK(apply_clicked), self);
    gtk_box_append(GTK_BOX(buttons), GTK_WIDGET(self->apply));
    gtk_box_append(GTK_BOX(self), buttons);
    self->message = GTK_LABEL(gtk_label_new(NULL));
    gtk_label_set_wrap(self->message, TRUE);
    gtk_label_set_xalign(self->message, 0);
    gtk_box_append(GTK_BOX(self), GTK_WIDGET(self->message));
    return GTK_WIDGET(self);
}
