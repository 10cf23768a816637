/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The one main loop of every Check suite: TAP on stdout, exit status from
 * the number of failures.
 */
#include "check-tap.h"

#include <stdlib.h>

int
corral_check_run(Suite *suite)
{
    SRunner *runner = srunner_create(suite);
    int failed;

    srunner_set_tap(runner, "-");
    srunner_run_all(runner, CK_SILENT);
    failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
