/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Part of the host configuration (hostcfg): the host's time zone and NTP,
 * made real. The zone must exist in the zoneinfo database; it is written
 * to /etc/timezone and /etc/localtime becomes a symlink to its zoneinfo
 * file, replaced atomically (a new symlink renamed over the old one). NTP
 * is systemd-timesyncd: its drop-in (NTP=the servers) is written
 * atomically and the configured NTP command restarts it, or stops it when
 * NTP is off. The clock itself is never set here.
 */
#pragma once

#include <glib.h>

#include "common/config-file.h"
#include "common/hostcfg/host-config.h"

G_BEGIN_DECLS

/* An empty zone means UTC. */
#define CORRAL_TIME_DEFAULT_ZONE "UTC"

/* @zone is a zone name (Area/City, no "..") whose file in @zoneinfo_dir
 * is a TZif file. */
gboolean corral_time_check_zone(const char *zoneinfo_dir, const char *zone, GError **error);

/* timesyncd's drop-in for @servers (char *; may be empty: its defaults). */
char *corral_time_ntp_conf(const GPtrArray *servers);

/* Applies the zone, then NTP; stops at the first failure, which names
 * the step. */
gboolean corral_time_apply(const CorralConfig *config, const CorralHostTime *time, GError **error);

G_END_DECLS
