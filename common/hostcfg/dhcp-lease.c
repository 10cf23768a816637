/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Runs udhcpc once and reads the lease its script leaves behind.
 */
#include "config.h"

#include "common/hostcfg/dhcp-lease.h"

#include "common/error.h"

#include <arpa/inet.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

void
corral_dhcp_lease_free(CorralDhcpLease *lease)
{
    if (lease == NULL)
        return;
    g_free(lease->address);
    g_free(lease->router);
    g_free(lease->domain);
    if (lease->dns != NULL)
        g_ptr_array_unref(lease->dns);
    g_free(lease);
}

static gboolean
is_ipv4(const char *text)
{
    struct in_addr a;

    return text != NULL && inet_pton(AF_INET, text, &a) == 1;
}

CorralDhcpLease *
corral_dhcp_lease_parse(const char *text, GError **error)
{
    g_autoptr(CorralDhcpLease) lease = g_new0(CorralDhcpLease, 1);
    g_auto(GStrv) lines = g_strsplit(text, "\n", -1);

    lease->dns = g_ptr_array_new_with_free_func(g_free);
    lease->prefix = -1;
    for (guint i = 0; lines[i] != NULL; i++) {
        char *eq = strchr(lines[i], '=');
        const char *key = lines[i], *value;

        if (eq == NULL)
            continue;
        *eq = '\0';
        value = eq + 1;
        if (strcmp(key, "ip") == 0 && is_ipv4(value)) {
            lease->address = g_strdup(value);
        } else if (strcmp(key, "mask") == 0) {
            guint64 bits;

            if (g_ascii_string_to_unsigned(value, 10, 1, 32, &bits, NULL))
                lease->prefix = (int)bits;
        } else if (strcmp(key, "router") == 0 || strcmp(key, "dns") == 0) {
            g_auto(GStrv) words = g_strsplit(value, " ", -1);

            for (guint w = 0; words[w] != NULL; w++) {
                if (!is_ipv4(words[w]))
                    continue;
                if (key[0] == 'r' && lease->router == NULL)
                    lease->router = g_strdup(words[w]);
                else if (key[0] == 'd' && lease->dns->len < 3)
                    g_ptr_array_add(lease->dns, g_strdup(words[w]));
            }
        } else if (strcmp(key, "domain") == 0 && *value != '\0' && strlen(value) < 254 &&
                   strspn(value, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                 "0123456789.-") == strlen(value)) {
            lease->domain = g_strdup(value);
        }
    }
    if (lease->address == NULL || lease->prefix < 0) {
        g_set_error_literal(error, CORRAL_ERROR, CORRAL_ERROR_FAILED,
                            _("The DHCP server's answer had no usable address."));
        return NULL;
    }
    return g_steal_pointer(&lease);
}

CorralDhcpLease *
corral_dhcp_lease_acquire(const char *interface, const char *client, const char *script,
                          const char *lease_dir, guint timeout_s, GError **error)
{
    g_autofree char *lease_path = g_build_filename(lease_dir, "dhcp-lease", NULL);
    g_autofree char *tries = g_strdup_printf("%u", MAX(timeout_s, 1));
    g_autofree char *env_lease = g_strdup_printf("CORRAL_LEASE_FILE=%s", lease_path);
    g_autofree char *program = g_find_program_in_path(client);
    g_autofree char *out = NULL, *err = NULL, *text = NULL;
    const char *argv[] = {program, "-i", interface, "-f", "-q", "-n",   "-t", tries,
                          "-T",    "1",  "-A",      "1",  "-s", script, NULL};
    const char *envp[] = {env_lease, "PATH=/usr/sbin:/usr/bin:/sbin:/bin", NULL};
    int status = 0;

    if (program == NULL) {
        g_set_error(error, CORRAL_ERROR, CORRAL_ERROR_NOT_FOUND,
                    _("The DHCP client %s is not installed."), client);
        return NULL;
    }
    g_unlink(lease_path);
    if (!g_spawn_sync(NULL, (char **)argv, (char **)envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                      &status, error))
        return NULL;
    if (!g_file_get_contents(lease_path, &text, NULL, NULL)) {
        g_set_error(error, CORRAL_ERROR, CORRAL_ERROR_FAILED, _("No DHCP server answered on %s."),
                    interface);
        return NULL;
    }
    g_unlink(lease_path);
    return corral_dhcp_lease_parse(text, error);
}
