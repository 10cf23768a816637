#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# CorralVncView against the scripted hostile VNC server
# (tests/fixtures/hostile-vnc), one case per process, under Xvfb. Every
# malformed case must end in a clean error: the view reports the console
# closed with a message, the process neither crashes (ASan and UBSan
# abort on any finding) nor grows: its peak memory stays within a bound
# over that of a well-behaved server's run. The endless-stream cases are
# well-formed traffic that never ends: they must keep the view alive and
# its memory bounded. TAP output.
#   HOSTILE_CLIENT=… hostile-vnc.sh [CASE…]
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
server="$here/../fixtures/hostile-vnc/hostile-vnc.py"
client=${HOSTILE_CLIENT:?set HOSTILE_CLIENT to hostile-vnc-client}
# Above the well-behaved run: a few framebuffers, never a 4 GiB length.
bound_kb=$((64 * 1024))

if ! command -v Xvfb >/dev/null; then
    echo "1..0 # SKIP needs Xvfb"
    exit 0
fi

# shellcheck source=vnc-xvfb.sh
. "$here/vnc-xvfb.sh"
tmp=$(mktemp -d /tmp/corral-hostile.XXXXXX)
start_xvfb 200 299
cleanup() {
    kill "$xvfb" 2>/dev/null
    wait "$xvfb" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1:quarantine_size_mb=8}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}

if [ $# -gt 0 ]; then
    cases=("$@")
else
    mapfile -t cases < <(python3 "$server" --list | cut -f1)
fi

# One case: the server in the background, the client in front (with the
# regions to checksum, if any).
run_case() {
    local name=$1 timeout=$2 sock="$tmp/$1.sock"
    shift 2
    python3 "$server" "$name" "$sock" >"$tmp/$name.server" 2>&1 &
    local spid=$!
    for _ in $(seq 50); do
        grep -q ready "$tmp/$name.server" 2>/dev/null && break
        sleep 0.05
    done
    "$client" "$sock" "$timeout" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
    local status=$?
    kill "$spid" 2>/dev/null
    wait "$spid" 2>/dev/null
    return $status
}

peak_of() { sed -n 's/^peak-kb: //p' "$tmp/$1.out"; }
sum_of() { sed -n "s/^checksum $2: //p" "$tmp/$1.out"; }

# mixed-encodings: regions that must match (see the fixture): B and the
# rest of C hold X like D; A and C's corner hold Y like E.
mixed_pairs=("100,0,32,32 300,0,32,32" "0,0,32,32 400,0,32,32" "200,0,8,8 400,0,8,8"
    "208,8,8,8 300,0,8,8")
mixed_regions() {
    local pair
    for pair in "${mixed_pairs[@]}"; do echo "$pair"; done | tr ' ' '\n' | sort -u
}

# The reference: a server that sends a good screen and then stops sending
# ("truncated-update" is malformed; "stalled" never initialises), so use
# the endless stream's first seconds as the bound's base.
run_case endless-stream 2 >/dev/null
base=$(peak_of endless-stream)
[ -n "$base" ] || base=0

echo "1..${#cases[@]}"
i=0
failed=0
for name in "${cases[@]}"; do
    i=$((i + 1))
    case $name in
    endless-*) timeout=6 ;;
    *) timeout=15 ;;
    esac
    if [ "$name" = mixed-encodings ]; then
        mapfile -t regions < <(mixed_regions)
        run_case "$name" "$timeout" "${regions[@]}"
    else
        run_case "$name" "$timeout"
    fi
    status=$?
    peak=$(peak_of "$name")
    result=$(head -n1 "$tmp/$name.out" 2>/dev/null)
    ok=1
    why=""
    case $name in
    endless-*) [ $status -eq 0 ] || [ $status -eq 3 ] || { ok=0; why="exit $status"; } ;;
    *) [ $status -eq 0 ] || { ok=0; why="no clean error (exit $status)"; } ;;
    esac
    if [ "$name" = mixed-encodings ] && [ $ok -eq 1 ]; then
        for pair in "${mixed_pairs[@]}"; do
            read -r a b <<<"$pair"
            if [ -z "$(sum_of "$name" "$a")" ] || [ "$(sum_of "$name" "$a")" != "$(sum_of "$name" "$b")" ]; then
                ok=0
                why="region $a differs from $b: pixels applied out of order"
            fi
        done
        if [ "$(sum_of "$name" 300,0,32,32)" = "$(sum_of "$name" 400,0,32,32)" ]; then
            ok=0
            why="the colours never arrived"
        fi
    fi
    if [ -z "$peak" ]; then
        ok=0
        why="crashed: $(grep -m1 -E 'ERROR|runtime error|CRITICAL' "$tmp/$name.err")"
    elif [ "$peak" -gt $((base + bound_kb)) ]; then
        ok=0
        why="peak ${peak} kB over ${base} + ${bound_kb} kB"
    fi
    if [ $ok -eq 1 ]; then
        echo "ok $i - $name: $result (peak ${peak} kB)"
    else
        echo "not ok $i - $name: $why; $result"
        sed 's/^/# /' "$tmp/$name.err" | head -n 20
        failed=$((failed + 1))
    fi
done
exit $((failed > 0))
