/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Runs a Check suite with TAP output for meson. Each test file defines its
 * suite and calls corral_check_run() from main().
 */
#pragma once

#include <check.h>

int corral_check_run(Suite *suite);
