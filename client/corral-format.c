/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The client's formats (see corral-format.h). Names of states come from
 * tables indexed by the protocol's enums.
 */
#include "client/corral-format.h"

#include <glib/gi18n.h>
#include <string.h>

static const char *const vm_states[CORRAL_VM_STATE_LAST] = {
    [CORRAL_VM_STATE_RUNNING] = N_("Powered on"),  [CORRAL_VM_STATE_PAUSED] = N_("Paused"),
    [CORRAL_VM_STATE_SHUTOFF] = N_("Powered off"), [CORRAL_VM_STATE_CRASHED] = N_("Crashed"),
    [CORRAL_VM_STATE_SUSPENDED] = N_("Suspended"),
};

static const char *const task_states[CORRAL_TASK_STATE_LAST] = {
    [CORRAL_TASK_STATE_QUEUED] = N_("Queued"),
    [CORRAL_TASK_STATE_RUNNING] = N_("Running"),
    [CORRAL_TASK_STATE_SUCCESS] = N_("Completed"),
    [CORRAL_TASK_STATE_ERROR] = N_("Failed"),
};

static const char *const shares_levels[CORRAL_SHARES_LEVEL_LAST] = {
    [CORRAL_SHARES_LEVEL_LOW] = N_("Low"),
    [CORRAL_SHARES_LEVEL_NORMAL] = N_("Normal"),
    [CORRAL_SHARES_LEVEL_HIGH] = N_("High"),
    [CORRAL_SHARES_LEVEL_CUSTOM] = N_("Custom"),
};

/* corrald's task kinds (API codes) as people read them. */
static const struct {
    const char *kind;
    const char *text;
} task_kinds[] = {
    {"datastore-upload", N_("Upload")},
    {"vm-create", N_("Create guest")},
    {"vm-snapshot", N_("Take snapshot")},
    {"host-network", N_("Change the management network")},
};

/* A name from @table, or "Unknown" outside it. */
static const char *
table_name(const char *const *table, gsize n, int value)
{
    if (value < 0 || (gsize)value >= n || table[value] == NULL)
        return _("Unknown");
    return _(table[value]);
}

const char *
corral_format_vm_state(CorralVmState state)
{
    return table_name(vm_states, G_N_ELEMENTS(vm_states), (int)state);
}

const char *
corral_format_task_state(CorralTaskState state)
{
    return table_name(task_states, G_N_ELEMENTS(task_states), (int)state);
}

const char *
corral_format_task_kind(const char *kind)
{
    for (gsize i = 0; kind != NULL && i < G_N_ELEMENTS(task_kinds); i++)
        if (g_str_equal(task_kinds[i].kind, kind))
            return _(task_kinds[i].text);
    return kind != NULL ? kind : "";
}

const char *
corral_format_shares_level(CorralSharesLevel level)
{
    return table_name(shares_levels, G_N_ELEMENTS(shares_levels), (int)level);
}

char *
corral_format_bytes(gint64 bytes)
{
    if (bytes == CORRAL_UNLIMITED)
        return g_strdup(_("Unlimited"));
    if (bytes < 0)
        return g_strdup(_("Unknown"));
    return g_format_size_full((guint64)bytes, G_FORMAT_SIZE_IEC_UNITS);
}

char *
corral_format_mhz(gint64 mhz)
{
    if (mhz == CORRAL_UNLIMITED)
        return g_strdup(_("Unlimited"));
    if (mhz < 0)
        return g_strdup(_("Unknown"));
    if (mhz >= 1000)
        /* TRANSLATORS: a clock rate in gigahertz */
        return g_strdup_printf(_("%.2f GHz"), (double)mhz / 1000.0);
    /* TRANSLATORS: a clock rate in megahertz */
    return g_strdup_printf(_("%lld MHz"), (long long)mhz);
}

char *
corral_format_percent(double pct)
{
    if (pct < 10.0)
        return g_strdup_printf(_("%.1f %%"), pct);
    return g_strdup_printf(_("%.0f %%"), pct);
}

char *
corral_format_rate(gint64 bytes_per_s)
{
    g_autofree char *size = g_format_size((guint64)MAX(bytes_per_s, 0));

    /* TRANSLATORS: a transfer rate, like "1.2 MB/s" */
    return g_strdup_printf(_("%s/s"), size);
}

/* Each unit of a duration writes its count; the literal ngettext pairs let
 * xgettext see them as plural forms. */
static char *
days(gint64 n)
{
    return g_strdup_printf(ngettext("%lld day", "%lld days", (unsigned long)n), (long long)n);
}

static char *
hours(gint64 n)
{
    return g_strdup_printf(ngettext("%lld hour", "%lld hours", (unsigned long)n), (long long)n);
}

static char *
minutes(gint64 n)
{
    return g_strdup_printf(ngettext("%lld minute", "%lld minutes", (unsigned long)n), (long long)n);
}

static char *
seconds_of(gint64 n)
{
    return g_strdup_printf(ngettext("%lld second", "%lld seconds", (unsigned long)n), (long long)n);
}

/* Units of a duration, largest first. */
static const struct {
    gint64 seconds;
    char *(*format)(gint64 count);
} duration_units[] = {
    {86400, days},
    {3600, hours},
    {60, minutes},
    {1, seconds_of},
};

static char *
duration_part(gsize unit, gint64 count)
{
    return duration_units[unit].format(count);
}

char *
corral_format_duration(gint64 seconds)
{
    seconds = MAX(seconds, 0);
    for (gsize i = 0; i < G_N_ELEMENTS(duration_units); i++) {
        gint64 count = seconds / duration_units[i].seconds;
        gint64 rest;
        g_autofree char *first = NULL, *second = NULL;

        if (count == 0 && duration_units[i].seconds > 1)
            continue;
        first = duration_part(i, count);
        rest = (seconds % duration_units[i].seconds);
        if (i + 1 == G_N_ELEMENTS(duration_units) || duration_units[i].seconds <= 60)
            return g_steal_pointer(&first);
        second = duration_part(i + 1, rest / duration_units[i + 1].seconds);
        /* TRANSLATORS: two parts of a duration: "3 days, 4 hours" */
        return g_strdup_printf(_("%1$s, %2$s"), first, second);
    }
    return duration_part(G_N_ELEMENTS(duration_units) - 1, 0);
}

char *
corral_format_time(gint64 unix_time)
{
    g_autoptr(GDateTime) time = NULL;

    if (unix_time <= 0)
        return g_strdup("");
    time = g_date_time_new_from_unix_local(unix_time);
    if (time == NULL)
        return g_strdup("");
    return g_date_time_format(time, "%Y-%m-%d %H:%M:%S");
}

char *
corral_format_shares(const CorralShares *shares)
{
    const char *level = corral_format_shares_level(shares->level);

    if (CORRAL_HAS(shares, CORRAL_SHARES_FIELD_VALUE))
        /* TRANSLATORS: a share level and its number: "Normal (1000)" */
        return g_strdup_printf(_("%1$s (%2$lld)"), level, (long long)shares->value);
    return g_strdup(level);
}

char *
corral_format_thumbprint(const char *thumbprint)
{
    gsize len = thumbprint != NULL ? strlen(thumbprint) : 0;

    if (len != 95)
        return g_strdup(thumbprint != NULL ? thumbprint : "");
    /* 16 octets are 47 characters; the colon after them becomes the break. */
    return g_strdup_printf("%.47s\n%s", thumbprint, thumbprint + 48);
}

char *
corral_format_vcpus(gint64 vcpus)
{
    return g_strdup_printf(ngettext("%lld vCPU", "%lld vCPUs", (unsigned long)vcpus),
                           (long long)vcpus);
}

char *
corral_format_disk(const CorralVmDisk *disk)
{
    const char *bus = corral_disk_bus_to_string(disk->bus);
    g_autofree char *size = NULL;

    if (disk->device == CORRAL_DISK_DEVICE_CDROM) {
        if (disk->volume == NULL)
            /* TRANSLATORS: a CD/DVD drive with no disc in it, and its bus */
            return g_strdup_printf(_("CD/DVD: empty (%s)"), bus);
        /* TRANSLATORS: a CD/DVD drive: [datastore] path of the ISO file (bus) */
        return g_strdup_printf(_("CD/DVD: [%1$s] %2$s (%3$s)"),
                               disk->datastore != NULL ? disk->datastore : "?", disk->volume, bus);
    }
    size = corral_format_bytes(disk->size_bytes);
    return g_strdup_printf("[%s] %s  %s (%s)", disk->datastore != NULL ? disk->datastore : "?",
                           disk->volume != NULL ? disk->volume : "?", size, bus);
}
