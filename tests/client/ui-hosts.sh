#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The desktop client remembers its hosts across restarts, with two real
# corralds (libvirt's test:///default driver) at once, under Xvfb, in a
# D-Bus session of its own with dconf for GSettings and gnome-keyring for
# libsecret, driven with xdotool:
#   - host A connected with "Remember the password" ticked, host B without;
#     both are in the GSettings key "hosts", A's password in the keyring;
#   - after a restart A is connected by itself; B's connect dialog opens
#     filled in, waiting for its password; once given, both hosts are live:
#     Ctrl+E on B's guest powers off B's guest and not A's;
#   - Ctrl+W on B disconnects and forgets it: the next start connects A
#     alone and asks nothing;
#   - with A's corrald down, the next start shows A in the tree as
#     "reconnecting…"; once its corrald is back, A's inventory appears with
#     no input, and no dialog asks anything.
# Skips without dbus-run-session or gnome-keyring-daemon. Kills only what
# it started. TAP output.
set -uo pipefail

if [ -z "${CORRAL_UI_HOSTS_SESSION:-}" ]; then
    for tool in dbus-run-session gnome-keyring-daemon; do
        if ! command -v "$tool" >/dev/null; then
            echo "1..0 # SKIP $tool is not installed (scripts/deps)"
            exit 0
        fi
    done
    # The bus and what it starts (dconf-service, which writes the settings)
    # take their HOME from here: the test's own.
    work=$(mktemp -d "${TMPDIR:-/tmp}/corral-ui-hosts.XXXXXX")
    mkdir -p "$work/home" "$work/run"
    chmod 700 "$work/run"
    export CORRAL_UI_HOSTS_SESSION=$work HOME=$work/home XDG_RUNTIME_DIR=$work/run
    unset XDG_CONFIG_HOME XDG_DATA_HOME XDG_CACHE_HOME GSETTINGS_BACKEND
    dbus-run-session -- "$0" "$@"
    status=$?
    rm -rf "$work"
    exit $status
fi

top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/client/ui-lib.sh"

work=$CORRAL_UI_HOSTS_SESSION
pids=()

cleanup() {
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    done
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

export LANGUAGE=en
# The client's schema, compiled where GSettings looks.
mkdir -p "$work/schemas"
glib-compile-schemas --targetdir="$work/schemas" "$top/data" ||
    { echo "Bail out! the schema does not compile"; exit 1; }
export GSETTINGS_SCHEMA_DIR=$work/schemas
# A keyring for this session: its login collection made and unlocked.
# (It leaves when this session's bus goes away.)
eval "$(printf 'keyring %s\n' "$$" | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)"

start_xvfb "$work/xvfb.log"

# Two hosts, each with its own password.
start_corrald() { # start_corrald HOST ADDRESS
    "$CORRALD" --state-dir "$work/state-$1" --listen "$2" --socket "$work/state-$1/sock" \
        --libvirt-uri test:///default >>"$work/state-$1/log" 2>&1 &
    pids+=($!)
    eval "corrald_$1=$!"
}
for h in a b; do
    state=$work/state-$h
    mkdir -p "$state"
    start_corrald "$h" 127.0.0.1:0
    wait_for 10 test -S "$state/sock" -a -s "$state/port" ||
        { echo "Bail out! corrald $h did not start"; exit 1; }
    printf 'password of %s %s\n' "$h" "$RANDOM" >"$work/$h.pw"
    "$CORRAL_CLI" --socket "$state/sock" passwd root <"$work/$h.pw" >/dev/null ||
        { echo "Bail out! could not set root's password on $h"; exit 1; }
done
host_a=127.0.0.1:$(tr -d '[:space:]' <"$work/state-a/port")
host_b=127.0.0.1:$(tr -d '[:space:]' <"$work/state-b/port")

start_client() {
    "$CORRAL" >>"$work/corral.log" 2>&1 &
    client_pid=$!
    pids+=($client_pid)
    wait_for 20 xdotool search --onlyvisible --name 'Corral$' ||
        { echo "Bail out! corral did not show its window: $(cat "$work/corral.log")"; exit 1; }
    main_window=$(xdotool search --onlyvisible --name 'Corral$' | head -1)
}
stop_client() {
    xdotool windowfocus "$main_window"; sleep 0.3
    xdotool key ctrl+q
    wait_for 10 eval '! kill -0 "$client_pid" 2>/dev/null' || kill "$client_pid"
    wait "$client_pid" 2>/dev/null
}
title() { xdotool getwindowname "$main_window"; }
title_is() { [ "$(title)" = "$1" ]; }
dialog() { xdotool search --onlyvisible --name '^Connect to a Host$' | head -1; }
# connect HOST PASSWORD-FILE REMEMBER: through the dialog, trusting the host.
connect() {
    xdotool windowfocus "$main_window"; sleep 0.3
    xdotool key ctrl+o
    wait_for 10 dialog || return 1
    xdotool windowfocus "$(dialog)"; sleep 0.3
    # The host field (Alt+H): with a last host filled in, the password has
    # the focus.
    xdotool key alt+h ctrl+a; xdotool type --delay 20 "$1"; xdotool key Tab
    xdotool key ctrl+a; xdotool type --delay 20 root; xdotool key Tab
    xdotool key ctrl+a BackSpace; xdotool type --delay 20 "$(cat "$2")"
    [ "$3" = yes ] && xdotool key alt+r
    import -window root "$work/connect-$3.png" 2>/dev/null
    xdotool key Return
    wait_for 15 xdotool search --onlyvisible --name '^Untrusted Host$' || return 1
    xdotool windowfocus "$(xdotool search --onlyvisible --name '^Untrusted Host$' | head -1)"
    sleep 0.3; xdotool key alt+t
}
remembered() { gsettings get org.corral.Client hosts; }
state_of_test() {
    "$CORRAL_CLI" --socket "$work/state-$1/sock" --json vm show test </dev/null |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["state"])'
}

start_client
connect "$host_a" "$work/a.pw" yes
wait_for 15 title_is "vm ($host_a) – Corral" || not_ok "host A connects" "title: $(title)"
connect "$host_b" "$work/b.pw" no
if wait_for 15 title_is "vm ($host_b) – Corral"; then
    ok "two hosts connect, A with its password remembered, B without"
else
    not_ok "two hosts connect, A with its password remembered, B without" "title: $(title)"
fi
if [ "$(remembered)" = "[('$host_a', 'root'), ('$host_b', 'root')]" ]; then
    ok "both are in the GSettings key hosts, in order"
else
    not_ok "both are in the GSettings key hosts, in order" "hosts: $(remembered)"
fi

stop_client
start_client
if wait_for 20 title_is "vm ($host_a) – Corral"; then
    ok "after a restart host A connects by itself with the keyring's password"
else
    not_ok "after a restart host A connects by itself with the keyring's password" \
        "title: $(title)" "$(tail -3 "$work/corral.log")"
fi
if wait_for 10 dialog; then
    ok "host B's connect dialog opens for its password"
    xdotool windowfocus "$(dialog)"; sleep 0.3
    xdotool type --delay 20 "$(cat "$work/b.pw")"; xdotool key Return
else
    not_ok "host B's connect dialog opens for its password"
fi
if wait_for 15 title_is "vm ($host_b) – Corral"; then
    ok "host B connects once its password is typed"
else
    not_ok "host B connects once its password is typed" "title: $(title)"
fi
import -window root "$work/two-hosts.png" 2>/dev/null

# Both live: the second "test" in the search is B's (hosts in connection order).
xdotool windowfocus "$main_window"; sleep 0.3
xdotool key ctrl+f; sleep 0.2; xdotool type --delay 20 test; sleep 0.5
xdotool key Return; sleep 0.3; xdotool key Down; sleep 0.5
xdotool key ctrl+e
if wait_for 10 eval '[ "$(state_of_test b)" = shutoff ]' && [ "$(state_of_test a)" = running ]; then
    ok "Ctrl+E on the second host's guest powers off B's guest, not A's"
else
    not_ok "Ctrl+E on the second host's guest powers off B's guest, not A's" \
        "A: $(state_of_test a), B: $(state_of_test b)"
fi

# Forget B: select its host node (search clears, B's page is the last shown).
xdotool key Escape; sleep 0.3
xdotool key ctrl+f ctrl+a BackSpace; xdotool type --delay 20 "$host_b"; sleep 0.5
xdotool key Return; sleep 0.5
wait_for 5 title_is "vm ($host_b) – Corral"
xdotool key ctrl+w
if wait_for 10 eval '[ "$(remembered)" = "[('"'"'$host_a'"'"', '"'"'root'"'"')]" ]'; then
    ok "Ctrl+W disconnects host B and forgets it"
else
    not_ok "Ctrl+W disconnects host B and forgets it" "hosts: $(remembered)"
fi
stop_client
start_client
if wait_for 20 title_is "vm ($host_a) – Corral" && sleep 2 && [ -z "$(dialog)" ]; then
    ok "the next start connects host A alone and asks nothing"
else
    not_ok "the next start connects host A alone and asks nothing" "title: $(title)"
fi

# A remembered host that is down at start: reconnecting, then there.
stop_client
kill "$corrald_a"; wait "$corrald_a" 2>/dev/null
rm -f "$work/state-a/sock"
start_client
xdotool windowfocus "$main_window"; sleep 0.3
xdotool key ctrl+f ctrl+a BackSpace; xdotool type --delay 20 "$host_a"; sleep 0.5
xdotool key Return
if wait_for 20 title_is "$host_a — reconnecting… – Corral"; then
    ok "host A, down at start, is in the tree as reconnecting"
else
    not_ok "host A, down at start, is in the tree as reconnecting" "title: $(title)" \
        "$(tail -3 "$work/corral.log")"
fi
import -window root "$work/reconnecting.png" 2>/dev/null
start_corrald a "$host_a"
if wait_for 60 title_is "vm ($host_a) – Corral"; then
    ok "once A's corrald is back, A connects by itself"
else
    not_ok "once A's corrald is back, A connects by itself" "title: $(title)" \
        "$(tail -3 "$work/state-a/log")"
fi
xdotool key Escape; sleep 0.3
xdotool key ctrl+f ctrl+a BackSpace; xdotool type --delay 20 test; sleep 0.5
xdotool key Return
if wait_for 10 title_is "test (Powered on) – Corral" && [ -z "$(dialog)" ]; then
    ok "A's inventory is there (its guest found by search), and nothing was asked"
else
    not_ok "A's inventory is there (its guest found by search), and nothing was asked" \
        "title: $(title)" "dialog: $(dialog)"
fi

if [ -n "${CORRAL_UI_SHOTS:-}" ]; then
    cp "$work"/*.png "$CORRAL_UI_SHOTS"/
fi
echo "1..$n"
[ "$failures" -eq 0 ]
