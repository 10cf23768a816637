/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The shut-off guests a benchmark defines on libvirt (PREFIX0000,
 * PREFIX0001, …) and undefines at its end, also from a signal thread: a
 * guest is only defined under @lock while *@stopped is false, so a cleanup
 * that sets it under the same lock leaves none behind.
 */
#pragma once

#include <glib.h>
#include <libvirt/libvirt.h>

G_BEGIN_DECLS

/* The XML of the guest called @name. */
typedef char *(*BenchGuestXmlFunc)(const char *name, gpointer data);

typedef struct {
    virConnectPtr conn;
    const char *prefix;
    BenchGuestXmlFunc xml;
    gpointer xml_data;
    GMutex *lock;
    const gboolean *stopped;
} BenchGuests;

void bench_free_domains(virDomainPtr *domains, int n);
int bench_guests_define(const BenchGuests *guests, int count, GError **error);
int bench_guests_undefine(const BenchGuests *guests, const char *who);

G_END_DECLS
