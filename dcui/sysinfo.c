/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Reads the machine's description from /sys/class/dmi and /proc.
 */
#include "config.h"

#include "dcui/sysinfo.h"

#include <glib/gi18n.h>
#include <string.h>
#include <unistd.h>

static char *
read_line(const char *path)
{
    g_autofree char *text = NULL;

    if (!g_file_get_contents(path, &text, NULL, NULL))
        return g_strdup(_("unknown"));
    g_strstrip(text);
    if (*text == '\0' || !g_utf8_validate(text, -1, NULL))
        return g_strdup(_("unknown"));
    return g_steal_pointer(&text);
}

static char *
cpu_model(void)
{
    g_autofree char *text = NULL;
    g_auto(GStrv) lines = NULL;

    if (!g_file_get_contents("/proc/cpuinfo", &text, NULL, NULL))
        return g_strdup(_("unknown"));
    lines = g_strsplit(text, "\n", -1);
    for (guint i = 0; lines[i] != NULL; i++) {
        char *colon = strchr(lines[i], ':');

        if (g_str_has_prefix(lines[i], "model name") && colon != NULL)
            return g_strstrip(g_strdup(colon + 1));
    }
    return g_strdup(_("unknown"));
}

static guint64
memory_bytes(void)
{
    g_autofree char *text = NULL;
    guint64 kib = 0;
    char *p;

    if (!g_file_get_contents("/proc/meminfo", &text, NULL, NULL))
        return 0;
    p = strstr(text, "MemTotal:");
    if (p != NULL)
        kib = g_ascii_strtoull(p + strlen("MemTotal:"), NULL, 10);
    return kib * 1024;
}

DcuiSysinfo *
dcui_sysinfo_read(void)
{
    DcuiSysinfo *info = g_new0(DcuiSysinfo, 1);

    info->vendor = read_line("/sys/class/dmi/id/sys_vendor");
    info->model = read_line("/sys/class/dmi/id/product_name");
    info->has_dmi =
        g_strcmp0(info->vendor, _("unknown")) != 0 || g_strcmp0(info->model, _("unknown")) != 0;
    info->serial = read_line("/sys/class/dmi/id/product_serial");
    info->uuid = read_line("/sys/class/dmi/id/product_uuid");
    info->cpu_model = cpu_model();
    info->cpus = (guint)MAX(sysconf(_SC_NPROCESSORS_ONLN), 1);
    info->memory_bytes = memory_bytes();
    return info;
}

void
dcui_sysinfo_free(DcuiSysinfo *info)
{
    if (info == NULL)
        return;
    g_free(info->vendor);
    g_free(info->model);
    g_free(info->serial);
    g_free(info->uuid);
    g_free(info->cpu_model);
    g_free(info);
}
