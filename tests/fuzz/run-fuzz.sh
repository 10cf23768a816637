#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Builds the RFB client fuzz harness with clang's libFuzzer, ASan and UBSan
# and runs it for FUZZ_SECONDS (60 by default) from the seed corpus. Any
# crash, leak or sanitizer finding fails; the crashing input is kept in
# FUZZ_ARTIFACTS (default: a temporary directory, printed). TAP output.
#   run-fuzz.sh [SOURCE_ROOT]
set -uo pipefail

root=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
seconds=${FUZZ_SECONDS:-60}
if ! command -v clang >/dev/null; then
    echo "1..0 # SKIP needs clang (libFuzzer)"
    exit 0
fi
work=$(mktemp -d /tmp/corral-fuzz.XXXXXX)
artifacts=${FUZZ_ARTIFACTS:-$work/artifacts}
mkdir -p "$work/corpus" "$artifacts"
trap 'rm -rf "$work/corpus" "$work/fuzz-rfb-client"' EXIT

echo "1..1"
# shellcheck disable=SC2046
if ! clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -D_GNU_SOURCE -I"$root" $(pkg-config --cflags gvnc-1.0 gtk4) \
    "$root/tests/fuzz/fuzz-rfb-client.c" "$root/client/vnc/corral-vnc-guard.c" \
    -o "$work/fuzz-rfb-client" $(pkg-config --libs gvnc-1.0 gtk4) -lpthread \
    >"$work/build.log" 2>&1; then
    echo "not ok 1 - the harness does not build"
    sed 's/^/# /' "$work/build.log"
    exit 1
fi
python3 "$root/tests/fuzz/seeds.py" "$work/corpus"

# gvnc's coroutines switch stacks, which ASan only warns about.
export ASAN_OPTIONS=detect_leaks=1:detect_stack_use_after_return=0:quarantine_size_mb=16
"$work/fuzz-rfb-client" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 \
    -max_len=65536 -artifact_prefix="$artifacts/" -print_final_stats=1 \
    "$work/corpus" >"$work/fuzz.log" 2>&1
status=$?
stats=$(grep -E '^stat::number_of_executed_units|^#[0-9]+.*DONE' "$work/fuzz.log" | tail -n1)
if [ $status -eq 0 ]; then
    echo "ok 1 - ${seconds} s of fuzzing, no finding ($stats)"
    rm -rf "$work"
    exit 0
fi
echo "not ok 1 - the fuzzer found a fault (exit $status); inputs in $artifacts"
grep -v '^INFO\|^#' "$work/fuzz.log" | head -n 60 | sed 's/^/# /'
exit 1
