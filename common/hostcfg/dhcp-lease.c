/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Runs udhcpc, reads the lease its script leaves behind, and stops the
 * client it left running.
 */
#include "config.h"

#include "common/hostcfg/dhcp-lease.h"

#include "common/error.h"

#include <arpa/inet.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <signal.h>
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

/* The pid in @pid_path when that process is a client started with this
 * pid file (its argv names it), else 0: a stale file never kills a
 * stranger that got the pid later. */
static pid_t
client_pid(const char *pid_path)
{
    g_autofree char *text = NULL, *proc = NULL, *cmdline = NULL;
    gsize len = 0;
    guint64 pid;

    if (!g_file_get_contents(pid_path, &text, NULL, NULL) ||
        !g_ascii_string_to_unsigned(g_strstrip(text), 10, 2, G_MAXINT32, &pid, NULL))
        return 0;
    proc = g_strdup_printf("/proc/%" G_GUINT64_FORMAT "/cmdline", pid);
    if (!g_file_get_contents(proc, &cmdline, &len, NULL))
        return 0;
    for (gsize at = 0; at < len; at += strlen(cmdline + at) + 1)
        if (strcmp(cmdline + at, pid_path) == 0)
            return (pid_t)pid;
    return 0;
}

void
corral_dhcp_client_stop(const char *lease_dir)
{
    g_autofree char *pid_path = g_build_filename(lease_dir, CORRAL_DHCP_PID_FILE, NULL);
    pid_t pid = client_pid(pid_path);

    if (pid == 0)
        return;
    kill(pid, SIGTERM);
    /* Gone when its argv is (an exited process not yet reaped has none). */
    for (int i = 0; i < 30 && client_pid(pid_path) == pid; i++)
        g_usleep(G_USEC_PER_SEC / 10);
    g_unlink(pid_path);
}

CorralDhcpLease *
corral_dhcp_lease_acquire(const char *interface, const char *client, const char *script,
                          const char *lease_dir, guint timeout_s, GError **error)
{
    g_autofree char *lease_path = g_build_filename(lease_dir, CORRAL_DHCP_LEASE_FILE, NULL);
    g_autofree char *pid_path = g_build_filename(lease_dir, CORRAL_DHCP_PID_FILE, NULL);
    g_autofree char *tries = g_strdup_printf("%u", MAX(timeout_s, 1));
    g_autofree char *env_lease = g_strdup_printf("CORRAL_LEASE_FILE=%s", lease_path);
    g_autofree char *program = g_find_program_in_path(client);
    g_autofree char *text = NULL;
    /* No -q, no -f: after the first lease udhcpc forks to the background
     * and renews it. -R releases the lease when it is stopped. */
    const char *argv[] = {program, "-i", interface, "-n", "-R",   "-t", tries,    "-T",
                          "1",     "-A", "1",       "-s", script, "-p", pid_path, NULL};
    const char *envp[] = {env_lease, "PATH=/usr/sbin:/usr/bin:/sbin:/bin", NULL};
    int status = 0;

    if (program == NULL) {
        g_set_error(error, CORRAL_ERROR, CORRAL_ERROR_NOT_FOUND,
                    _("The DHCP client %s is not installed."), client);
        return NULL;
    }
    corral_dhcp_client_stop(lease_dir);
    g_unlink(lease_path);
    /* No pipes: the client left in the background would hold them open. */
    if (!g_spawn_sync(NULL, (char **)argv, (char **)envp,
                      G_SPAWN_STDIN_FROM_DEV_NULL | G_SPAWN_STDOUT_TO_DEV_NULL |
                          G_SPAWN_STDERR_TO_DEV_NULL,
                      NULL, NULL, NULL, NULL, &status, error))
        return NULL;
    if (!g_file_get_contents(lease_path, &text, NULL, NULL)) {
        g_set_error(error, CORRAL_ERROR, CORRAL_ERROR_FAILED, _("No DHCP server answered on %s."),
                    interface);
        return NULL;
    }
    return corral_dhcp_lease_parse(text, error);
}
