/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The connect dialog (see corral-connect-dialog.h). Its states: editing,
 * connecting (fields insensitive, spinner), asking about the certificate.
 * Each attempt makes a new CorralHostConnection, so nothing of a failed one
 * lingers.
 */
#include "client/corral-connect-dialog.h"

#include "client/corral-secret.h"
#include "client/corral-trust-dialog.h"

#include <glib/gi18n.h>

struct _CorralConnectDialog {
    GtkWindow parent_instance;
    GtkEntry *host_entry;
    GtkEntry *user_entry;
    GtkPasswordEntry *password_entry;
    GtkCheckButton *remember_check;
    GtkSpinner *spinner;
    GtkLabel *message_label;
    GtkButton *connect_button;
    GtkButton *cancel_button;
    CorralApplication *app;
    GCancellable *cancellable;
    CorralHostConnection *connection; /* the attempt in progress */
    gboolean autofilled;              /* the password came from the keyring */
    char *looked_up;                  /* the host field when the keyring was asked */
};

G_DEFINE_FINAL_TYPE(CorralConnectDialog, corral_connect_dialog, GTK_TYPE_WINDOW)

enum { CONNECTED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void try_connect(CorralConnectDialog *self, const char *trust);

static void
set_busy(CorralConnectDialog *self, gboolean busy, const char *message)
{
    GtkWidget *fields[] = {GTK_WIDGET(self->host_entry), GTK_WIDGET(self->user_entry),
                           GTK_WIDGET(self->password_entry), GTK_WIDGET(self->remember_check),
                           GTK_WIDGET(self->connect_button)};

    for (gsize i = 0; i < G_N_ELEMENTS(fields); i++)
        gtk_widget_set_sensitive(fields[i], !busy);
    gtk_spinner_set_spinning(self->spinner, busy);
    gtk_label_set_label(self->message_label, message != NULL ? message : "");
}

static void
trust_answered(CorralTrustDialog *dialog, gboolean trusted, gpointer data)
{
    CorralConnectDialog *self = data;
    const char *seen = corral_host_connection_get_seen_thumbprint(self->connection);
    g_autofree char *trust = g_strdup(seen);

    if (!trusted) {
        set_busy(self, FALSE, _("The host was not trusted; nothing was sent to it."));
        return;
    }
    try_connect(self, trust);
}

static void
connect_done(GObject *source, GAsyncResult *result, gpointer data)
{
    g_autoptr(CorralConnectDialog) self = data;
    CorralHostConnection *connection = CORRAL_HOST_CONNECTION(source);
    g_autoptr(GError) error = NULL;
    CorralTrustDialog *trust;

    if (connection != self->connection)
        return;
    if (corral_host_connection_connect_finish(connection, result, &error)) {
        const char *password = gtk_editable_get_text(GTK_EDITABLE(self->password_entry));
        GSettings *settings = corral_application_get_settings(self->app);

        if (gtk_check_button_get_active(self->remember_check))
            corral_secret_store(corral_host_connection_get_host_port(connection),
                                corral_host_connection_get_user(connection), password);
        if (settings != NULL) {
            g_settings_set_string(settings, "last-host",
                                  gtk_editable_get_text(GTK_EDITABLE(self->host_entry)));
            g_settings_set_string(settings, "last-user",
                                  corral_host_connection_get_user(connection));
        }
        g_signal_emit(self, signals[CONNECTED], 0, connection);
        gtk_window_destroy(GTK_WINDOW(self));
        return;
    }
    if (g_error_matches(error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
    if (g_error_matches(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_UNTRUSTED)) {
        set_busy(self, TRUE, _("Waiting for your decision about the certificate…"));
        gtk_spinner_set_spinning(self->spinner, FALSE);
        trust = corral_trust_dialog_new_unknown(
            GTK_WINDOW(self), corral_host_connection_get_host_port(connection),
            corral_host_connection_get_seen_thumbprint(connection));
        g_signal_connect_object(trust, "response", G_CALLBACK(trust_answered), self, 0);
        gtk_window_present(GTK_WINDOW(trust));
        return;
    }
    if (g_error_matches(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_PIN_MISMATCH)) {
        set_busy(self, FALSE, _("The host's certificate has changed; nothing was sent to it."));
        trust = corral_trust_dialog_new_changed(
            GTK_WINDOW(self), corral_host_connection_get_host_port(connection),
            corral_host_connection_get_pinned_thumbprint(connection),
            corral_host_connection_get_seen_thumbprint(connection));
        gtk_window_present(GTK_WINDOW(trust));
        return;
    }
    set_busy(self, FALSE, error->message);
}

static void
try_connect(CorralConnectDialog *self, const char *trust)
{
    const char *host = gtk_editable_get_text(GTK_EDITABLE(self->host_entry));
    const char *user = gtk_editable_get_text(GTK_EDITABLE(self->user_entry));
    const char *password = gtk_editable_get_text(GTK_EDITABLE(self->password_entry));
    g_autoptr(GError) error = NULL;
    g_autoptr(CorralHostConnection) connection = corral_host_connection_new(host, user, &error);

    if (connection == NULL) {
        set_busy(self, FALSE, error->message);
        return;
    }
    if (corral_application_lookup(self->app, corral_host_connection_get_host_port(connection))) {
        set_busy(self, FALSE, _("You are already connected to that host."));
        return;
    }
    g_set_object(&self->connection, connection);
    set_busy(self, TRUE, _("Connecting…"));
    corral_host_connection_connect_async(connection, password, trust, self->cancellable,
                                         connect_done, g_object_ref(self));
}

/* A password from the keyring belongs to the host and user it was found
 * for: editing either forgets it. */
static void
identity_changed(GtkEditable *editable, CorralConnectDialog *self)
{
    if (!self->autofilled)
        return;
    self->autofilled = FALSE;
    gtk_editable_set_text(GTK_EDITABLE(self->password_entry), "");
    gtk_check_button_set_active(self->remember_check, FALSE);
}

static void
connect_clicked(GtkButton *button, CorralConnectDialog *self)
{
    try_connect(self, NULL);
}

static void
cancel_clicked(GtkButton *button, CorralConnectDialog *self)
{
    gtk_window_destroy(GTK_WINDOW(self));
}

static void
corral_connect_dialog_dispose(GObject *object)
{
    CorralConnectDialog *self = CORRAL_CONNECT_DIALOG(object);

    if (self->cancellable != NULL)
        g_cancellable_cancel(self->cancellable);
    g_clear_object(&self->cancellable);
    g_clear_object(&self->connection);
    g_clear_pointer(&self->looked_up, g_free);
    gtk_widget_dispose_template(GTK_WIDGET(object), CORRAL_TYPE_CONNECT_DIALOG);
    G_OBJECT_CLASS(corral_connect_dialog_parent_class)->dispose(object);
}

static void
corral_connect_dialog_class_init(CorralConnectDialogClass *klass)
{
    GtkWidgetClass *widget_class = GTK_WIDGET_CLASS(klass);

    G_OBJECT_CLASS(klass)->dispose = corral_connect_dialog_dispose;
    /* Escape closes it, as it closes dialogs everywhere. */
    gtk_widget_class_add_binding_action(GTK_WIDGET_CLASS(klass), GDK_KEY_Escape, 0, "window.close",
                                        NULL);
    signals[CONNECTED] =
        g_signal_new("connected", G_TYPE_FROM_CLASS(klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                     G_TYPE_NONE, 1, CORRAL_TYPE_HOST_CONNECTION);
    gtk_widget_class_set_template_from_resource(widget_class,
                                                "/org/corral/Client/corral-connect-dialog.ui");
    gtk_widget_class_bind_template_child(widget_class, CorralConnectDialog, host_entry);
    gtk_widget_class_bind_template_child(widget_class, CorralConnectDialog, user_entry);
    gtk_widget_class_bind_template_child(widget_class, CorralConnectDialog, password_entry);
    gtk_widget_class_bind_template_child(widget_class, CorralConnectDialog, remember_check);
    gtk_widget_class_bind_template_child(widget_class, CorralConnectDialog, spinner);
    gtk_widget_class_bind_template_child(widget_class, CorralConnectDialog, message_label);
    gtk_widget_class_bind_template_child(widget_class, CorralConnectDialog, connect_button);
    gtk_widget_class_bind_template_child(widget_class, CorralConnectDialog, cancel_button);
}

static void
corral_connect_dialog_init(CorralConnectDialog *self)
{
    gtk_widget_init_template(GTK_WIDGET(self));
    self->cancellable = g_cancellable_new();
    g_signal_connect(self->connect_button, "clicked", G_CALLBACK(connect_clicked), self);
    g_signal_connect(self->cancel_button, "clicked", G_CALLBACK(cancel_clicked), self);
    g_signal_connect(self->host_entry, "changed", G_CALLBACK(identity_changed), self);
    g_signal_connect(self->user_entry, "changed", G_CALLBACK(identity_changed), self);
    gtk_widget_set_visible(GTK_WIDGET(self->remember_check), corral_secret_available());
}

static void
password_found(GObject *source, GAsyncResult *result, gpointer data)
{
    g_autoptr(CorralConnectDialog) self = data;
    g_autofree char *password = corral_secret_lookup_finish(result, NULL);

    /* Only for the host still in the field, into an empty password. */
    if (password != NULL && gtk_widget_get_sensitive(GTK_WIDGET(self->password_entry)) &&
        g_strcmp0(self->looked_up, gtk_editable_get_text(GTK_EDITABLE(self->host_entry))) == 0 &&
        *gtk_editable_get_text(GTK_EDITABLE(self->password_entry)) == '\0') {
        gtk_editable_set_text(GTK_EDITABLE(self->password_entry), password);
        gtk_check_button_set_active(self->remember_check, TRUE);
        self->autofilled = TRUE;
    }
}

CorralConnectDialog *
corral_connect_dialog_new(GtkWindow *parent, CorralApplication *app, const char *host,
                          const char *user)
{
    CorralConnectDialog *self =
        g_object_new(CORRAL_TYPE_CONNECT_DIALOG, "transient-for", parent, NULL);
    GSettings *settings = corral_application_get_settings(app);
    g_autofree char *last_host =
        settings != NULL ? g_settings_get_string(settings, "last-host") : NULL;
    g_autofree char *last_user =
        settings != NULL ? g_settings_get_string(settings, "last-user") : NULL;
    g_autoptr(CorralHostConnection) probe = NULL;

    self->app = app;
    if (host == NULL)
        host = last_host;
    if (host != NULL)
        gtk_editable_set_text(GTK_EDITABLE(self->host_entry), host);
    if (user == NULL)
        user = last_user;
    if (user != NULL && *user != '\0')
        gtk_editable_set_text(GTK_EDITABLE(self->user_entry), user);
    gtk_widget_grab_focus(GTK_WIDGET(host != NULL && *host != '\0' ? (gpointer)self->password_entry
                                                                   : self->host_entry));
    probe = host != NULL ? corral_host_connection_new(
                               host, gtk_editable_get_text(GTK_EDITABLE(self->user_entry)), NULL)
                         : NULL;
    if (probe != NULL && corral_secret_available()) {
        self->looked_up = g_strdup(host);
        corral_secret_lookup_async(corral_host_connection_get_host_port(probe),
                                   corral_host_connection_get_user(probe), self->cancellable,
                                   password_found, g_object_ref(self));
    }
    return self;
}
