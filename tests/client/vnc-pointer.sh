#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# CorralVncView with a relative pointer (a guest without a tablet), under
# Xvfb, driven by xdotool against tests/fixtures/hostile-vnc/pointer-vnc.py: moving over
# the view sends nothing until a click grabs it; grabbed, each move goes
# out as a delta around 32767 and the host pointer is warped back to the
# view's centre; Ctrl+Alt lets go, after which the pointer moves freely
# and nothing is sent. TAP output.
#   HOSTILE_CLIENT=… vnc-pointer.sh
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
server="$here/../fixtures/hostile-vnc/pointer-vnc.py"
client=${HOSTILE_CLIENT:?set HOSTILE_CLIENT to hostile-vnc-client}
centre=32767

for tool in Xvfb xdotool; do
    if ! command -v $tool >/dev/null; then
        echo "1..0 # SKIP needs $tool"
        exit 0
    fi
done

# shellcheck source=vnc-xvfb.sh
. "$here/vnc-xvfb.sh"
tmp=$(mktemp -d /tmp/corral-vnc-pointer.XXXXXX)
start_xvfb 300 399
spid=""
cpid=""
cleanup() {
    for pid in $cpid $spid $xvfb; do
        kill "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    done
    rm -rf "$tmp"
}
trap cleanup EXIT
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1}

# The view's window is 400 × 300 at 0,0 (no window manager), as is the
# server's screen: scale 1, so deltas are host pixels, and the centre is
# 200,150.
python3 "$server" "$tmp/sock" 400 300 >"$tmp/server.log" 2>&1 &
spid=$!
for _ in $(seq 50); do
    grep -q ready "$tmp/server.log" && break
    sleep 0.1
done
"$client" "$tmp/sock" 120 >"$tmp/client.out" 2>"$tmp/client.err" &
cpid=$!

n=0
failed=0
check() { # description, then a command that must succeed
    local what=$1
    shift
    n=$((n + 1))
    if "$@"; then
        echo "ok $n - $what"
    else
        echo "not ok $n - $what"
        sed 's/^/# server: /' "$tmp/server.log" | tail -n 8
        sed 's/^/# client: /' "$tmp/client.err" | tail -n 8
        failed=$((failed + 1))
    fi
}
pointer_lines() { grep -c '^pointer ' "$tmp/server.log"; }
location() { xdotool getmouselocation | sed -E 's/^x:([0-9]+) y:([0-9]+).*/\1,\2/'; }
# Waits up to 3 s for a line of the server's log.
await_line() {
    for _ in $(seq 30); do
        grep -qx "$1" "$tmp/server.log" && return 0
        sleep 0.1
    done
    return 1
}
await_location() {
    for _ in $(seq 30); do
        [ "$(location)" = "$1" ] && return 0
        sleep 0.1
    done
    echo "# the pointer is at $(location), not $1"
    return 1
}

echo "1..8"
check "the server told the view its pointer is relative" await_line relative
sleep 1 # the window maps

xdotool mousemove 100 100
sleep 0.5
xdotool mousemove 120 110
sleep 0.5
check "moving over the view before a grab sends nothing" [ "$(pointer_lines)" -eq 0 ]

xdotool click 1
check "a click grabs: the host pointer goes to the view's centre" await_location 200,150
before=$(pointer_lines)

xdotool mousemove_relative -- 30 20
check "a move of +30,+20 reaches the server as that delta" \
    await_line "pointer 0 $((centre + 30)) $((centre + 20))"
check "after the move the host pointer is back at the centre" await_location 200,150

xdotool mousemove_relative -- -15 5
check "a move of -15,+5 reaches the server as that delta" \
    await_line "pointer 0 $((centre - 15)) $((centre + 5))"

# Every event since the grab is a delta, none an absolute position.
absolute=$(awk -v c=$centre '/^pointer / && ($3 < c - 200 || $3 > c + 200 || $4 < c - 200 ||
    $4 > c + 200)' "$tmp/server.log")
check "every pointer event is a delta around $centre (none absolute)" [ -z "$absolute" ]

xdotool key ctrl+alt
sleep 0.5
sent=$(pointer_lines)
xdotool mousemove_relative -- 40 0
sleep 0.5
released() {
    [ "$sent" -gt "$before" ] && [ "$(location)" = 240,150 ] && [ "$(pointer_lines)" -eq "$sent" ]
}
check "after Ctrl+Alt lets go, the pointer moves freely and nothing is sent" released
exit $((failed > 0))
