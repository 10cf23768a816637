/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The network shaping probe (see net-shaping.h): one table of tc commands,
 * run in order in `unshare --net`; the first that fails names what is
 * missing.
 */
#include "hostd/net-shaping.h"

#include <string.h>
#include <sys/wait.h>

/* What libvirt sets up for <bandwidth>, on the loopback of a new network
 * namespace. */
static const struct {
    const char *command;
    const char *missing; /* what its failure means */
} probes[] = {
    {"ip link set lo up", "a network namespace to probe in"},
    {"tc qdisc add dev lo root handle 1: htb default 1", "the htb queueing discipline"},
    {"tc class add dev lo parent 1: classid 1:1 htb rate 1mbit", "htb classes"},
    {"tc qdisc add dev lo parent 1:1 handle 2: sfq perturb 10", "the sfq queueing discipline"},
    {"tc qdisc add dev lo ingress", "the ingress queueing discipline"},
    {"tc filter add dev lo parent ffff: protocol all u32 match u32 0 0 police rate 1mbit burst "
     "10k drop flowid :1",
     "the police action"},
};

static gboolean supported;
static char *reason;

static void
probe(void)
{
    g_autoptr(GString) script = g_string_new(NULL);
    const char *argv[] = {"unshare", "--net", "sh", "-c", NULL, NULL};
    g_autoptr(GError) error = NULL;
    int status = 0;

    /* The script exits with the number of the step that failed. */
    for (gsize i = 0; i < G_N_ELEMENTS(probes); i++)
        g_string_append_printf(script, "%s >/dev/null 2>&1 || exit %zu; ", probes[i].command,
                               i + 1);
    g_string_append(script, "exit 0");
    argv[4] = script->str;
    if (!g_spawn_sync(NULL, (char **)argv, NULL,
                      G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                      NULL, NULL, NULL, NULL, &status, &error)) {
        reason = g_strdup_printf("the probe could not run: %s", error->message);
        return;
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        supported = TRUE;
        return;
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) >= 1 &&
        WEXITSTATUS(status) <= (int)G_N_ELEMENTS(probes))
        reason = g_strdup_printf("the kernel lacks %s", probes[WEXITSTATUS(status) - 1].missing);
    else
        reason = g_strdup("unshare or tc is missing");
}

gboolean
corrald_net_shaping_supported(const char **why)
{
    static gsize done;

    if (g_once_init_enter(&done)) {
        probe();
        if (!supported)
            g_info("pools: network shaping unsupported: %s", reason);
        g_once_init_leave(&done, 1);
    }
    if (why != NULL)
        *why = reason;
    return supported;
}
