/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The host and what it offers guests: GET /host, GET /host/stats,
 * and GET /networks; the pools are in handlers-pools.c, the datastores in
 * handlers-datastores.c. The management network is read
 * best effort from the running system (/proc/net/route, getifaddrs,
 * /etc/resolv.conf, DHCP lease files); the DCUI issue makes the host
 * configuration its source.
 */
#include "hostd/auth.h"
#include "hostd/daemon.h"
#include "hostd/domain-xml.h"
#include "hostd/handlers.h"
#include "hostd/host-settings.h"
#include "hostd/hostd-error.h"
#include "hostd/inventory.h"
#include "hostd/sampler.h"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ZERO_UUID "00000000-0000-0000-0000-000000000000"

static char *
read_first_line(const char *path)
{
    g_autofree char *text = NULL;

    if (!g_file_get_contents(path, &text, NULL, NULL))
        return NULL;
    return g_strdup(g_strstrip(g_strdelimit(text, "\n", '\0')));
}

/* The host's UUID: SMBIOS's when it is a real one, else the machine id. */
static char *
host_uuid(virConnectPtr conn)
{
    g_autofree char *sysinfo = virConnectGetSysinfo(conn, 0);
    g_autofree char *uuid = sysinfo != NULL ? corrald_sysinfo_xml_uuid(sysinfo) : NULL;
    g_autofree char *machine_id = NULL;

    if (uuid != NULL && g_uuid_string_is_valid(uuid) && !g_str_equal(uuid, ZERO_UUID))
        return g_ascii_strdown(uuid, -1);
    machine_id = read_first_line("/etc/machine-id");
    if (machine_id == NULL)
        machine_id = read_first_line("/var/lib/dbus/machine-id");
    if (machine_id == NULL || strlen(machine_id) != 32)
        return g_strdup(ZERO_UUID);
    return g_strdup_printf("%.8s-%.4s-%.4s-%.4s-%.12s", machine_id, machine_id + 8, machine_id + 12,
                           machine_id + 16, machine_id + 20);
}

static char *
cpu_model(const char *fallback)
{
    g_autofree char *text = NULL;
    g_auto(GStrv) lines = NULL;

    if (g_file_get_contents("/proc/cpuinfo", &text, NULL, NULL)) {
        lines = g_strsplit(text, "\n", -1);
        for (guint i = 0; lines[i] != NULL; i++) {
            const char *colon = strchr(lines[i], ':');

            if (g_str_has_prefix(lines[i], "model name") && colon != NULL)
                return g_strstrip(g_strdup(colon + 1));
        }
    }
    return g_strdup(fallback);
}

static gint64
uptime_s(void)
{
    g_autofree char *text = NULL;

    if (!g_file_get_contents("/proc/uptime", &text, NULL, NULL))
        return 0;
    return (gint64)g_ascii_strtod(text, NULL);
}

gboolean
corrald_handle_host(CorraldCall *call, GError **error)
{
    CorraldDaemon *daemon = call->daemon;
    g_autoptr(CorralHost) host = g_new0(CorralHost, 1);
    g_autoptr(CorralHostConfig) settings = NULL;
    virNodeInfo info;

    if (virNodeGetInfo(daemon->conn, &info) < 0) {
        corrald_error_from_libvirt(error, "reading the host's hardware");
        return FALSE;
    }
    host->present = ~G_GUINT64_CONSTANT(0);
    host->name = g_strdup(g_get_host_name());
    host->uuid = host_uuid(daemon->conn);
    host->version = g_strdup(daemon->version != NULL ? daemon->version : "Corral");
    host->cpu.present = ~G_GUINT64_CONSTANT(0);
    host->cpu.model = cpu_model(info.model);
    host->cpu.sockets = MAX((gint64)info.nodes * info.sockets, 1);
    host->cpu.cores = MAX((gint64)info.cores, 1);
    host->cpu.threads = MAX((gint64)info.threads, 1);
    host->cpu.mhz = info.mhz;
    host->memory_bytes = (gint64)info.memory * 1024;
    host->uptime_s = uptime_s();
    settings = corrald_host_settings_load(daemon->state_dir, error);
    if (settings == NULL)
        return FALSE;
    g_free(host->name);
    host->name = g_strdup(settings->hostname);
    host->management = settings->management;
    memset(&settings->management, 0, sizeof settings->management);
    host->lockdown = settings->lockdown;
    host->thumbprint_sha256 = g_strdup(daemon->cert != NULL ? daemon->cert->thumbprint : "");
    corrald_sampler_usage(daemon->sampler, NULL, &host->usage);
    return corrald_call_reply(call, 200, corral_host_to_json(host));
}

gboolean
corrald_handle_host_stats(CorraldCall *call, GError **error)
{
    g_autoptr(CorralStats) stats = corrald_sampler_stats(call->daemon->sampler, NULL);

    return corrald_call_reply(call, 200, corral_stats_to_json(stats));
}

/* A list reply {@name: [...]} of objects of @type. */
static gboolean
reply_list(CorraldCall *call, const char *name, const CorralType *type, GPtrArray *objects)
{
    json_object *array = json_object_new_array_ext((int)objects->len);
    json_object *reply = json_object_new_object();

    for (guint i = 0; i < objects->len; i++)
        json_object_array_add(array, corral_codec_to_json(type, objects->pdata[i]));
    json_object_object_add(reply, name, array);
    return corrald_call_reply(call, 200, reply);
}

gboolean
corrald_handle_networks(CorraldCall *call, GError **error)
{
    virNetworkPtr *networks = NULL;
    int n = virConnectListAllNetworks(call->daemon->conn, &networks, 0);
    g_autoptr(GPtrArray) result = NULL;

    if (n < 0) {
        corrald_error_from_libvirt(error, "listing the networks");
        return FALSE;
    }
    result = g_ptr_array_new_with_free_func((GDestroyNotify)corral_network_free);
    for (int i = 0; i < n; i++) {
        g_autoptr(virNetwork) network = networks[i];
        g_autofree char *xml = virNetworkGetXMLDesc(network, 0);
        CorralNetwork *item = g_new0(CorralNetwork, 1);

        item->present = ~G_GUINT64_CONSTANT(0);
        item->name = g_strdup(virNetworkGetName(network));
        item->bridge = virNetworkGetBridgeName(network);
        item->forward = xml != NULL ? corrald_network_xml_forward(xml) : g_strdup("none");
        item->active = virNetworkIsActive(network) == 1;
        g_ptr_array_add(result, item);
    }
    free(networks);
    return reply_list(call, "networks", &corral_network_type, result);
}
