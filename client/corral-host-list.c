/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The remembered hosts (see corral-host-list.h): both operations copy the
 * list once, changing or leaving out the one entry concerned.
 */
#include "client/corral-host-list.h"

GVariant *
corral_host_list_add(GVariant *list, const char *host_port, const char *user)
{
    GVariantBuilder builder;
    GVariantIter iter;
    const char *host, *old_user;
    gboolean found = FALSE;

    g_variant_builder_init(&builder, G_VARIANT_TYPE(CORRAL_HOST_LIST_TYPE));
    g_variant_iter_init(&iter, list);
    while (g_variant_iter_next(&iter, "(&s&s)", &host, &old_user)) {
        gboolean same = g_str_equal(host, host_port);

        found = found || same;
        g_variant_builder_add(&builder, "(ss)", host, same ? user : old_user);
    }
    if (!found)
        g_variant_builder_add(&builder, "(ss)", host_port, user);
    return g_variant_builder_end(&builder);
}

GVariant *
corral_host_list_remove(GVariant *list, const char *host_port)
{
    GVariantBuilder builder;
    GVariantIter iter;
    const char *host, *user;

    g_variant_builder_init(&builder, G_VARIANT_TYPE(CORRAL_HOST_LIST_TYPE));
    g_variant_iter_init(&iter, list);
    while (g_variant_iter_next(&iter, "(&s&s)", &host, &user)) {
        if (!g_str_equal(host, host_port))
            g_variant_builder_add(&builder, "(ss)", host, user);
    }
    return g_variant_builder_end(&builder);
}
