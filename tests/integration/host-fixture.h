/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * What the integration tests need of the host around corrald: whether
 * libvirtd is there, shell commands that must succeed, the storage pools
 * and the tiny guest (scripts/guest) they set up and clear away. Each
 * helper fails the test through Check when the host does not do its part.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Where scripts/guest builds the tiny guest's kernel and initramfs. */
#define HOST_FIXTURE_GUEST_DIR "/var/cache/corral/guest"

/* Whether the test runs as root with libvirtd answering on
 * qemu:///system; a test skips itself when not. */
gboolean host_fixture_have_libvirt(void);

/* Keeps libvirt from printing the errors a test expects or ignores. */
void host_fixture_quiet_libvirt(void);

/* Runs a shell command line; fails the test, with its output, when it
 * cannot run or does not exit with status 0. */
void host_fixture_run(const char *format, ...) G_GNUC_PRINTF(1, 2);

/* Stops and undefines storage pool @name on qemu:///system if it is
 * there. */
void host_fixture_remove_pool(const char *name);

/* Redefines guest @id to boot the tiny guest's kernel directly, with
 * @cmdline_extra after its console options. */
void host_fixture_add_kernel_boot(const char *id, const char *cmdline_extra);

/* Waits up to @timeout_s for a whole line "corral-guest: PREFIX…" that the
 * tiny guest writes to its serial log @log after byte @from; returns the
 * rest of that line and, when @end is not NULL, where the line ends, to
 * wait for the next one from there. Fails the test on the timeout. */
char *host_fixture_await_serial(const char *log, gsize from, const char *prefix, int timeout_s,
                                gsize *end);

G_END_DECLS
