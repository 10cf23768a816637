/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The keyring (see corral-secret.h): one libsecret schema with the host
 * and the user as attributes.
 */
#include "client/corral-secret.h"

#include <glib/gi18n.h>

#ifdef HAVE_LIBSECRET
#include <libsecret/secret.h>

static const SecretSchema *
schema(void)
{
    static const SecretSchema the_schema = {
        "org.corral.Client.Password",
        SECRET_SCHEMA_NONE,
        {
            {"host", SECRET_SCHEMA_ATTRIBUTE_STRING},
            {"user", SECRET_SCHEMA_ATTRIBUTE_STRING},
            {NULL, 0},
        },
    };
    return &the_schema;
}

static void
stored(GObject *source, GAsyncResult *result, gpointer data)
{
    g_autoptr(GError) error = NULL;

    if (!secret_password_store_finish(result, &error))
        g_message("the password was not remembered: %s", error->message);
}
#endif

gboolean
corral_secret_available(void)
{
#ifdef HAVE_LIBSECRET
    return TRUE;
#else
    return FALSE;
#endif
}

void
corral_secret_store(const char *host_port, const char *user, const char *password)
{
#ifdef HAVE_LIBSECRET
    g_autofree char *label = g_strdup_printf(_("Corral password of %1$s on %2$s"), user, host_port);

    secret_password_store(schema(), SECRET_COLLECTION_DEFAULT, label, password, NULL, stored, NULL,
                          "host", host_port, "user", user, NULL);
#endif
}

#ifdef HAVE_LIBSECRET
static void
looked_up(GObject *source, GAsyncResult *result, gpointer data)
{
    g_autoptr(GTask) task = data;
    GError *error = NULL;
    char *password = secret_password_lookup_finish(result, &error);

    if (error != NULL)
        g_task_return_error(task, error);
    else
        g_task_return_pointer(task, password, (GDestroyNotify)secret_password_free);
}
#endif

void
corral_secret_lookup_async(const char *host_port, const char *user, GCancellable *cancellable,
                           GAsyncReadyCallback callback, gpointer user_data)
{
    GTask *task = g_task_new(NULL, cancellable, callback, user_data);

#ifdef HAVE_LIBSECRET
    secret_password_lookup(schema(), cancellable, looked_up, task, "host", host_port, "user", user,
                           NULL);
#else
    g_task_return_pointer(task, NULL, NULL);
    g_object_unref(task);
#endif
}

char *
corral_secret_lookup_finish(GAsyncResult *result, GError **error)
{
    return g_task_propagate_pointer(G_TASK(result), error);
}
