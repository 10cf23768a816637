/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Small helpers the unit tests, the integration tests and the benches
 * share: removing the temporary directory trees they make, and cleaning up
 * when a signal ends the program. Nothing here needs Check, so the benches
 * link it too.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Removes @path and everything under it. Symbolic links are removed, never
 * followed, so a link out of the tree cannot take anything outside with
 * it. Errors are ignored: this is cleanup. */
void corral_test_remove_tree(const char *path);

/* Removes the tree at *@path (when not NULL), frees the string and sets
 * *@path to NULL: the teardown of a temporary-directory fixture. */
void corral_test_clear_tree(char **path);

/* For a program that must leave nothing behind (guests, pools, a corrald)
 * even when it is interrupted: blocks SIGINT, SIGTERM and SIGHUP in the
 * calling thread and so in every thread started after it (call it first
 * thing in main), and starts a thread that waits for them. On one it says
 * "@program: SIGNAL: cleaning up" on stderr, calls @cleanup from that
 * thread and exits with 128 + the signal's number. Children that should
 * get those signals again unblock them (tests/common/corrald-process.c
 * does). */
void corral_test_cleanup_on_signals(const char *program, void (*cleanup)(void));

G_END_DECLS
