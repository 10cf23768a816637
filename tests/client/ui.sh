#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The desktop client under Xvfb against a real corrald (libvirt's
# test:///default driver), driven as a user drives it: xdotool keys and
# typing, no test hooks. Checked through what a user sees (window titles,
# the trust dialog, screenshots) and through the API (corral-cli):
#   - first connection shows the thumbprint; Trust pins it in known_hosts
#     (the file corral-cli shares) with corrald's own thumbprint;
#   - the inventory shows; its rows collapse and expand from the keys
#     (minus, plus) and from a click on their triangle;
#   - search + Enter selects a guest;
#   - Ctrl+E powers the guest off: corrald reports it off and the window
#     title says so;
#   - another client powers it on: the title follows, with no input, from
#     the events long poll;
#   - a new certificate on the same address is a hard stop: the "Certificate
#     Changed" window, and the pin is not replaced.
# Runs with a temporary HOME; kills only what it started. TAP output.
set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/client/ui-lib.sh"

work=$(mktemp -d "${TMPDIR:-/tmp}/corral-ui-test.XXXXXX")
pids=()

cleanup() {
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_xvfb "$work/xvfb.log"
use_test_home

start_corrald() {
    local state=$1 listen=$2
    mkdir -p "$state"
    "$CORRALD" --state-dir "$state" --listen "$listen" --socket "$state/sock" \
        --libvirt-uri test:///default >"$state/log" 2>&1 &
    corrald_pid=$!
    pids+=($corrald_pid)
    wait_for 10 test -S "$state/sock" -a -s "$state/port" ||
        { echo "Bail out! corrald did not start: $(cat "$state/log")"; exit 1; }
}

start_corrald "$work/state1" 127.0.0.1:0
port=$(tr -d '[:space:]' <"$work/state1/port")
host=127.0.0.1:$port
password='correct horse battery staple'
printf '%s\n' "$password" >"$work/root.pw"
"$CORRAL_CLI" --socket "$work/state1/sock" passwd root <"$work/root.pw" >/dev/null ||
    { echo "Bail out! could not set the root password"; exit 1; }
thumbprint=$("$CORRALD" --state-dir "$work/state1" --print-thumbprint)

start_client() {
    "$CORRAL" >"$work/corral.log" 2>&1 &
    client_pid=$!
    pids+=($client_pid)
    wait_for 20 xdotool search --onlyvisible --name '^Corral$' ||
        { echo "Bail out! corral did not show its window: $(cat "$work/corral.log")"; exit 1; }
    main_window=$(xdotool search --onlyvisible --name '^Corral$' | head -1)
}

title() { xdotool getwindowname "$main_window"; }
title_is() { [ "$(title)" = "$1" ]; }

# connect: the connect dialog, filled and sent as a user types it.
connect() {
    xdotool windowfocus "$main_window"; sleep 0.3
    xdotool key ctrl+o
    wait_for 10 xdotool search --name '^Connect to a Host$' || return 1
    xdotool windowfocus "$(xdotool search --name '^Connect to a Host$' | head -1)"; sleep 0.3
    xdotool type --delay 20 "$host"; xdotool key Tab; sleep 0.1
    xdotool key ctrl+a; xdotool type --delay 20 root; xdotool key Tab
    xdotool type --delay 20 "$password"; xdotool key Return
}

start_client
connect
if wait_for 15 xdotool search --name '^Untrusted Host$'; then
    ok "the first connection asks about the thumbprint"
else
    not_ok "the first connection asks about the thumbprint" "$(cat "$work/corral.log")"
fi
import -window root "$work/trust.png" 2>/dev/null
if [ -e "$HOME/.config/corral/known_hosts" ]; then
    not_ok "nothing is pinned before the user answers"
else
    ok "nothing is pinned before the user answers"
fi
xdotool windowfocus "$(xdotool search --name '^Untrusted Host$' | head -1)"; sleep 0.3
xdotool key alt+t
if wait_for 15 title_is "vm ($host) – Corral"; then
    ok "after Trust the host's inventory and page show"
else
    not_ok "after Trust the host's inventory and page show" "title: $(title)" "$(cat "$work/corral.log")"
fi
if grep -qxF "$host $thumbprint" "$HOME/.config/corral/known_hosts" 2>/dev/null; then
    ok "Trust pins corrald's thumbprint in the shared known_hosts"
else
    not_ok "Trust pins corrald's thumbprint in the shared known_hosts" \
        "$(cat "$HOME/.config/corral/known_hosts" 2>&1)" "expected $host $thumbprint"
fi

# The tree's rows: the host's row expands and collapses from the keys a
# GtkTreeExpander has and from a click on its triangle. End selects the
# last row shown: a network while the host is open, the host once closed.
host_title="vm ($host) – Corral"
last_row_is_host() {
    xdotool key End; sleep 0.3
    title_is "$host_title"
}
xdotool key Home; sleep 0.2
if ! last_row_is_host && { xdotool key Home minus; sleep 0.3; last_row_is_host; } &&
    { xdotool key plus; sleep 0.3; ! last_row_is_host; }; then
    ok "minus and plus collapse and expand the host's row"
else
    not_ok "minus and plus collapse and expand the host's row" "title: $(title)"
fi
# The host's row is the first: its triangle is at its start (26, 159).
xdotool key Home; sleep 0.2
xdotool mousemove --window "$main_window" 26 159 click 1; sleep 0.3
if last_row_is_host && { xdotool key Home; xdotool mousemove --window "$main_window" 26 159 click 1;
    sleep 0.3; ! last_row_is_host; }; then
    ok "a click on the triangle collapses and expands the row"
else
    not_ok "a click on the triangle collapses and expands the row" "title: $(title)"
fi
xdotool key Home; sleep 0.2

# Search, Enter: the guest's page; its state in the title.
xdotool key ctrl+f; sleep 0.2
xdotool type --delay 30 test; sleep 0.3
xdotool key Return
if wait_for 10 title_is "test (Powered on) – Corral"; then
    ok "search and Enter select the guest"
else
    not_ok "search and Enter select the guest" "title: $(title)"
fi

cli() { "$CORRAL_CLI" --host "$host" --password-file "$work/root.pw" "$@" </dev/null; }
state_of_test() {
    cli --json vm show test | python3 -c 'import json, sys; print(json.load(sys.stdin)["state"])'
}

xdotool key ctrl+e
if wait_for 10 [ "$(state_of_test 2>/dev/null)" = shutoff ]; then
    ok "Ctrl+E powers the guest off (corrald says shutoff)"
else
    not_ok "Ctrl+E powers the guest off (corrald says shutoff)" "state: $(state_of_test 2>&1)"
fi
if wait_for 10 title_is "test (Powered off) – Corral"; then
    ok "the guest's page shows it powered off"
else
    not_ok "the guest's page shows it powered off" "title: $(title)"
fi
import -window root "$work/off.png" 2>/dev/null

# Another client powers it on; the client learns it from the long poll.
cli vm power test on >/dev/null 2>"$work/err" || not_ok "corral-cli powers the guest on" "$(cat "$work/err")"
if wait_for 10 title_is "test (Powered on) – Corral"; then
    ok "a state change made elsewhere arrives without a refresh"
else
    not_ok "a state change made elsewhere arrives without a refresh" "title: $(title)"
fi

# A changed certificate on the same address is a hard stop.
kill "$client_pid"; wait "$client_pid" 2>/dev/null
kill "$corrald_pid"; wait "$corrald_pid" 2>/dev/null
start_corrald "$work/state2" "$host"
start_client
connect
if wait_for 15 xdotool search --name '^Certificate Changed$'; then
    ok "a changed certificate stops the connection with both thumbprints"
else
    not_ok "a changed certificate stops the connection with both thumbprints" "title: $(title)"
fi
import -window root "$work/changed.png" 2>/dev/null
if [ "$(title)" = "Corral" ] &&
    grep -qxF "$host $thumbprint" "$HOME/.config/corral/known_hosts"; then
    ok "nothing is shown of the impostor and the pin stays"
else
    not_ok "nothing is shown of the impostor and the pin stays" "title: $(title)"
fi
if [ -n "${CORRAL_UI_SHOTS:-}" ]; then
    cp "$work"/*.png "$CORRAL_UI_SHOTS"/
fi
echo "1..$n"
[ "$failures" -eq 0 ]
