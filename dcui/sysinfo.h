/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * What the status and support screens say about the machine: vendor and
 * model from DMI, the CPU model and count, memory, serial number and UUID.
 * Read from /sys and /proc; what is missing reads as "unknown".
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
    gboolean has_dmi; /* the firmware names a vendor or a model */
    char *vendor;
    char *model;
    char *serial;
    char *uuid;
    char *cpu_model;
    guint cpus;
    guint64 memory_bytes;
} DcuiSysinfo;

DcuiSysinfo *dcui_sysinfo_read(void);
void dcui_sysinfo_free(DcuiSysinfo *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(DcuiSysinfo, dcui_sysinfo_free)

G_END_DECLS
