# SPDX-License-Identifier: GPL-2.0-or-later
#
# What the desktop client's tests under Xvfb share, sourced by them (not
# run) once they have set top (the source tree): the programs under test
# (meson passes them; a plain run takes build/'s), TAP lines (ok, not_ok,
# check), polling for a condition (wait_for), a private Xvfb (start_xvfb),
# a fresh HOME (use_test_home) and a corrald with root's password
# (start_host). The sourcing script keeps the PIDs of what it started in
# the array pids and ends them itself.

CORRALD=${CORRALD:-$top/build/hostd/corrald}
CORRAL_CLI=${CORRAL_CLI:-$top/build/cli/corral-cli}
CORRAL=${CORRAL:-$top/build/client/corral}
n=0
failures=0

ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() {
    n=$((n + 1)); failures=$((failures + 1)); echo "not ok $n - $1"; shift
    for line in "$@"; do echo "# $line"; done
}
check() { # check NAME COMMAND…: ok when the command succeeds
    local name=$1; shift
    if "$@"; then ok "$name"; else not_ok "$name" "$("$@" 2>&1 | tail -3)"; fi
}

# wait_for SECONDS COMMAND…: polls every 0.1 s until the command succeeds.
wait_for() {
    local limit=$(( $1 * 10 )); shift
    for _ in $(seq 1 "$limit"); do
        if "$@" >/dev/null 2>&1; then return 0; fi
        sleep 0.1
    done
    return 1
}

# start_xvfb LOG: Xvfb on a free display, 1280×800, and GTK set up to draw
# on it repeatably (cairo) without a session bus or accessibility.
start_xvfb() {
    local display=$((90 + RANDOM % 400))
    while [ -e "/tmp/.X$display-lock" ]; do display=$((display + 1)); done
    Xvfb ":$display" -screen 0 1280x800x24 -nolisten tcp >"$1" 2>&1 &
    pids+=($!)
    export DISPLAY=":$display" GDK_BACKEND=x11 GTK_A11Y=none GSK_RENDERER=cairo NO_AT_BRIDGE=1
    wait_for 10 xdotool getdisplaygeometry || { echo "Bail out! Xvfb did not start"; exit 1; }
}

# use_test_home: the client runs in English with a fresh HOME in
# $work/home (its known_hosts directory made, empty) and no session bus.
use_test_home() {
    export HOME=$work/home LANGUAGE=en
    unset XDG_CONFIG_HOME DBUS_SESSION_BUS_ADDRESS
    mkdir -p "$HOME/.config/corral"
}

# start_host STATE-DIR LIBVIRT-URI PASSWORD-FILE: corrald of this build
# ($CORRALD) on a free port of 127.0.0.1, root's password the file's; sets
# corrald_pid and host (ADDRESS:PORT).
start_host() {
    mkdir -p "$1"
    "$CORRALD" --state-dir "$1" --listen 127.0.0.1:0 --socket "$1/sock" \
        --libvirt-uri "$2" >"$1/log" 2>&1 &
    corrald_pid=$!
    pids+=($corrald_pid)
    wait_for 30 test -S "$1/sock" -a -s "$1/port" ||
        { echo "Bail out! corrald did not start: $(tail -5 "$1/log")"; exit 1; }
    host=127.0.0.1:$(tr -d '[:space:]' <"$1/port")
    "$CORRAL_CLI" --socket "$1/sock" passwd root <"$3" >/dev/null ||
        { echo "Bail out! could not set the root password"; exit 1; }
}
