/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * How the desktop client writes figures and states for people: sizes,
 * clock rates, percentages, durations, times, share levels, guest and task
 * states, and the certificate thumbprint in the two-line form of the host's
 * direct console. Every text is translated; every function returns a new
 * string. No GTK, so the formats are tested without a display.
 */
#pragma once

#include <glib.h>

#include "protocol/objects.h"

G_BEGIN_DECLS

/* "1.5 GiB"; "Unlimited" for CORRAL_UNLIMITED. */
char *corral_format_bytes(gint64 bytes);

/* "2.40 GHz" or "800 MHz"; "Unlimited" for CORRAL_UNLIMITED. */
char *corral_format_mhz(gint64 mhz);

/* "12.5 %" (one decimal below 10, none above). */
char *corral_format_percent(double pct);

/* A rate in bytes per second: "1.2 MB/s". */
char *corral_format_rate(gint64 bytes_per_s);

/* "3 days, 4 hours", "5 hours, 2 minutes", "42 seconds". */
char *corral_format_duration(gint64 seconds);

/* A Unix time as local "YYYY-MM-DD HH:MM:SS"; "" for 0. */
char *corral_format_time(gint64 unix_time);

/* "Normal (1000)" style share level, the value only when it is sent. */
char *corral_format_shares(const CorralShares *shares);

/* The translated name of a guest state, task state or share level. */
const char *corral_format_vm_state(CorralVmState state);
const char *corral_format_task_state(CorralTaskState state);

/* What a task of corrald's @kind ("datastore-upload") does, translated;
 * a kind not known here as it is (the client's own tasks are already
 * described in words). Borrowed. */
const char *corral_format_task_kind(const char *kind);
const char *corral_format_shares_level(CorralSharesLevel level);

/* The thumbprint "AA:BB:…" as two lines of 16 octets. */
char *corral_format_thumbprint(const char *thumbprint);

/* The vCPU count as "2 vCPUs". */
char *corral_format_vcpus(gint64 vcpus);

/* One disk of a guest as its summary shows it: "[ds] disk.qcow2  8.0 GiB
 * (virtio)", or for a CD/DVD drive its disc or "empty". */
char *corral_format_disk(const CorralVmDisk *disk);

G_END_DECLS
