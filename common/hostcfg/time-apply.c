/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The time zone files and timesyncd's drop-in, and the NTP command.
 */
#include "config.h"

#include "common/hostcfg/time-apply.h"

#include "common/atomic-file.h"
#include "common/error.h"
#include "common/hostcfg/host-command.h"
#include "common/random.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define ZONE_CHARS "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/_+-"
#define ZONE_MAX   128

static gboolean
zone_name_ok(const char *zone)
{
    gsize len = strlen(zone);

    return len > 0 && len <= ZONE_MAX && strspn(zone, ZONE_CHARS) == len && zone[0] != '/' &&
           zone[len - 1] != '/' && strstr(zone, "//") == NULL && zone[0] != '-' &&
           strstr(zone, "/-") == NULL;
}

static gboolean
is_tzif(const char *path)
{
    char magic[4];
    FILE *f = fopen(path, "rbe");
    gboolean ok;

    if (f == NULL)
        return FALSE;
    ok = fread(magic, 1, sizeof magic, f) == sizeof magic && memcmp(magic, "TZif", 4) == 0;
    fclose(f);
    return ok;
}

gboolean
corral_time_check_zone(const char *zoneinfo_dir, const char *zone, GError **error)
{
    g_autofree char *path = NULL;

    /* No "..": the name has no dots at all, so it stays inside zoneinfo. */
    if (zone != NULL && zone_name_ok(zone)) {
        path = g_build_filename(zoneinfo_dir, zone, NULL);
        if (g_file_test(path, G_FILE_TEST_IS_REGULAR) && is_tzif(path))
            return TRUE;
    }
    g_set_error_literal(error, CORRAL_ERROR, CORRAL_ERROR_INVALID,
                        _("Not a known time zone, such as Europe/Budapest or UTC."));
    return FALSE;
}

char *
corral_time_ntp_conf(const GPtrArray *servers)
{
    GString *text = g_string_new("# Written by Corral from the Date, Time and NTP settings; "
                                 "changes here are overwritten.\n[Time]\nNTP=");

    for (guint i = 0; servers != NULL && i < servers->len; i++)
        g_string_append_printf(text, "%s%s", i > 0 ? " " : "", (const char *)servers->pdata[i]);
    g_string_append_c(text, '\n');
    return g_string_free(text, FALSE);
}

/* Points @link at @target: a new symlink beside it, renamed over it. */
static gboolean
replace_symlink(const char *target, const char *link, GError **error)
{
    g_autofree char *token = corral_random_token(64, error);
    g_autofree char *tmp = NULL;

    if (token == NULL)
        return FALSE;
    tmp = g_strdup_printf("%s.%s.tmp", link, token);
    if (symlink(target, tmp) < 0 || rename(tmp, link) < 0) {
        int err = errno;

        g_unlink(tmp);
        g_set_error(error, CORRAL_ERROR, CORRAL_ERROR_IO, "%s: %s", link, g_strerror(err));
        return FALSE;
    }
    return TRUE;
}

static gboolean
apply_zone(const CorralConfig *c, const char *zone, GError **error)
{
    g_autofree char *target = g_build_filename(c->zoneinfo_dir, zone, NULL);
    g_autofree char *line = g_strdup_printf("%s\n", zone);

    if (!corral_time_check_zone(c->zoneinfo_dir, zone, error))
        return FALSE;
    return corral_atomic_write(c->timezone_file, line, strlen(line), 0644, error) &&
           replace_symlink(target, c->localtime_path, error);
}

static gboolean
apply_ntp(const CorralConfig *c, const CorralHostTime *time, GError **error)
{
    g_autofree char *text = corral_time_ntp_conf(time->servers);
    g_autofree char *dir = g_path_get_dirname(c->timesyncd_conf);
    const char *vars[] = {"action", time->ntp ? "restart" : "stop", NULL};
    g_autoptr(GError) local = NULL;

    if (g_mkdir_with_parents(dir, 0755) < 0) {
        g_set_error(error, CORRAL_ERROR, CORRAL_ERROR_IO, "%s: %s", dir, g_strerror(errno));
        return FALSE;
    }
    if (!corral_atomic_write(c->timesyncd_conf, text, strlen(text), 0644, error))
        return FALSE;
    if (!corral_host_command_run(c->ntp_command, vars, &local)) {
        g_set_error(error, CORRAL_ERROR, CORRAL_ERROR_FAILED,
                    time->ntp ? _("Starting the NTP service failed: %s")
                              : _("Stopping the NTP service failed: %s"),
                    local->message);
        return FALSE;
    }
    return TRUE;
}

gboolean
corral_time_apply(const CorralConfig *config, const CorralHostTime *time, GError **error)
{
    const char *zone = time->timezone != NULL && *time->timezone != '\0' ? time->timezone
                                                                         : CORRAL_TIME_DEFAULT_ZONE;

    return apply_zone(config, zone, error) && apply_ntp(config, time, error);
}
