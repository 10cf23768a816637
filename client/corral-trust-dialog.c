/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The certificate question (see corral-trust-dialog.h).
 */
#include "client/corral-trust-dialog.h"

#include "client/corral-format.h"
#include "protocol/known-hosts.h"

#include <glib/gi18n.h>

struct _CorralTrustDialog {
    GtkWindow parent_instance;
    GtkImage *icon;
    GtkLabel *heading;
    GtkLabel *body;
    GtkLabel *pinned_caption;
    GtkLabel *pinned_label;
    GtkLabel *seen_caption;
    GtkLabel *seen_label;
    GtkButton *cancel_button;
    GtkButton *trust_button;
    gboolean answered;
};

G_DEFINE_FINAL_TYPE(CorralTrustDialog, corral_trust_dialog, GTK_TYPE_WINDOW)

enum { RESPONSE, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
answer(CorralTrustDialog *self, gboolean trusted)
{
    if (self->answered)
        return;
    self->answered = TRUE;
    g_signal_emit(self, signals[RESPONSE], 0, trusted);
}

static void
trust_clicked(GtkButton *button, CorralTrustDialog *self)
{
    answer(self, TRUE);
    gtk_window_destroy(GTK_WINDOW(self));
}

static void
cancel_clicked(GtkButton *button, CorralTrustDialog *self)
{
    gtk_window_destroy(GTK_WINDOW(self));
}

static gboolean
close_request(GtkWindow *window)
{
    answer(CORRAL_TRUST_DIALOG(window), FALSE);
    return FALSE;
}

static void
corral_trust_dialog_dispose(GObject *object)
{
    answer(CORRAL_TRUST_DIALOG(object), FALSE);
    gtk_widget_dispose_template(GTK_WIDGET(object), CORRAL_TYPE_TRUST_DIALOG);
    G_OBJECT_CLASS(corral_trust_dialog_parent_class)->dispose(object);
}

static void
corral_trust_dialog_class_init(CorralTrustDialogClass *klass)
{
    GtkWidgetClass *widget_class = GTK_WIDGET_CLASS(klass);

    G_OBJECT_CLASS(klass)->dispose = corral_trust_dialog_dispose;
    GTK_WINDOW_CLASS(klass)->close_request = close_request;
    /* Escape closes it: the same as Cancel (close_request answers "no"). */
    gtk_widget_class_add_binding_action(widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
    signals[RESPONSE] = g_signal_new("response", G_TYPE_FROM_CLASS(klass), G_SIGNAL_RUN_LAST, 0,
                                     NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
    gtk_widget_class_set_template_from_resource(widget_class,
                                                "/org/corral/Client/corral-trust-dialog.ui");
    gtk_widget_class_bind_template_child(widget_class, CorralTrustDialog, icon);
    gtk_widget_class_bind_template_child(widget_class, CorralTrustDialog, heading);
    gtk_widget_class_bind_template_child(widget_class, CorralTrustDialog, body);
    gtk_widget_class_bind_template_child(widget_class, CorralTrustDialog, pinned_caption);
    gtk_widget_class_bind_template_child(widget_class, CorralTrustDialog, pinned_label);
    gtk_widget_class_bind_template_child(widget_class, CorralTrustDialog, seen_caption);
    gtk_widget_class_bind_template_child(widget_class, CorralTrustDialog, seen_label);
    gtk_widget_class_bind_template_child(widget_class, CorralTrustDialog, cancel_button);
    gtk_widget_class_bind_template_child(widget_class, CorralTrustDialog, trust_button);
}

static void
corral_trust_dialog_init(CorralTrustDialog *self)
{
    gtk_widget_init_template(GTK_WIDGET(self));
    g_signal_connect(self->trust_button, "clicked", G_CALLBACK(trust_clicked), self);
    g_signal_connect(self->cancel_button, "clicked", G_CALLBACK(cancel_clicked), self);
}

static CorralTrustDialog *
new_dialog(GtkWindow *parent, const char *seen)
{
    CorralTrustDialog *self = g_object_new(CORRAL_TYPE_TRUST_DIALOG, "transient-for", parent, NULL);
    g_autofree char *lines = corral_format_thumbprint(seen);

    gtk_label_set_label(self->seen_label, lines);
    gtk_widget_grab_focus(GTK_WIDGET(self->cancel_button));
    return self;
}

CorralTrustDialog *
corral_trust_dialog_new_unknown(GtkWindow *parent, const char *host_port, const char *seen)
{
    CorralTrustDialog *self = new_dialog(parent, seen);
    g_autofree char *heading = g_strdup_printf(_("The host %s is not known yet"), host_port);

    gtk_window_set_title(GTK_WINDOW(self), _("Untrusted Host"));
    gtk_image_set_from_icon_name(self->icon, "dialog-question-symbolic");
    gtk_label_set_label(self->heading, heading);
    gtk_label_set_label(self->body,
                        _("Compare the thumbprint below with the one the host's direct console "
                          "shows. Trust the host only if they are the same: it will be "
                          "remembered for Corral and corral-cli."));
    gtk_label_set_label(self->seen_caption, _("Thumbprint (SHA-256):"));
    return self;
}

CorralTrustDialog *
corral_trust_dialog_new_changed(GtkWindow *parent, const char *host_port, const char *pinned,
                                const char *seen)
{
    CorralTrustDialog *self = new_dialog(parent, seen);
    g_autofree char *heading = g_strdup_printf(_("The certificate of %s has changed"), host_port);
    g_autofree char *old_lines = corral_format_thumbprint(pinned);
    g_autofree char *path = corral_known_hosts_default_path();
    g_autofree char *body = g_strdup_printf(
        _("Someone may be intercepting the connection, so nothing was sent to the host. If it "
          "was reinstalled or its certificate renewed, check the new thumbprint on its direct "
          "console and remove the line of %1$s from %2$s."),
        host_port, path);

    gtk_window_set_title(GTK_WINDOW(self), _("Certificate Changed"));
    gtk_image_set_from_icon_name(self->icon, "dialog-warning-symbolic");
    gtk_label_set_label(self->heading, heading);
    gtk_label_set_label(self->body, body);
    gtk_label_set_label(self->pinned_label, old_lines);
    gtk_widget_set_visible(GTK_WIDGET(self->pinned_caption), TRUE);
    gtk_widget_set_visible(GTK_WIDGET(self->pinned_label), TRUE);
    gtk_label_set_label(self->seen_caption, _("Presented thumbprint (SHA-256):"));
    gtk_widget_set_visible(GTK_WIDGET(self->trust_button), FALSE);
    gtk_button_set_label(self->cancel_button, _("_Close"));
    return self;
}
