#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The desktop client under Xvfb against a real corrald on qemu:///system
# (real libvirtd, a real QEMU guest), driven with xdotool as a user drives
# it; what it did is read back from corrald's API (curl), libvirt (virsh)
# and the disk:
#   - `corral --password-file F HOST:PORT` connects at start to a host
#     already pinned in known_hosts;
#   - a guest (no disk: SeaBIOS) is found by search and powered on with
#     Ctrl+B: libvirt says running, the title says Powered on; virsh destroy
#     from outside turns the title to Powered off with no input (libvirt
#     event -> corrald -> events long poll);
#   - a pool's CPU shares changed to High on its Resource Allocation tab
#     (Alt+S, the drop-down, Alt+A): GET /pools/{path} says high; a CPU
#     reservation beyond the host's is refused in place and changes nothing;
#   - a file uploaded in the datastore browser (Alt+F, Alt+P, the file
#     chooser): while it streams, corrald's task is between 0 and 100 % and
#     the Recent Tasks bar is partly filled (corrald is paused with SIGSTOP
#     for the screenshot, so the moment is certain); after, the bytes on
#     disk are the file's, and Recent Tasks shows the upload in one row
#     (read with tesseract OCR), not the client's and corrald's apart.
# Skips when libvirtd does not answer. Everything it makes is named
# corral-ui-PID-{vm,pool,ds} and removed at the end, also on failure or a signal; it
# kills only what it started. TAP output.
set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/client/ui-lib.sh"
URI=qemu:///system

if ! virsh -c "$URI" version >/dev/null 2>&1; then
    echo "1..0 # SKIP libvirtd does not answer on $URI (scripts/services start)"
    exit 0
fi

tag=corral-ui-$$
vm=$tag-vm pool=$tag-pool ds=$tag-ds
work=$(mktemp -d "${TMPDIR:-/tmp}/corral-ui-real.XXXXXX")
chmod 755 "$work"
pids=()
corrald_pid=

cli() { "$CORRAL_CLI" --host "$host" --password-file "$work/root.pw" "$@" </dev/null; }

cleanup() {
    if [ -n "$corrald_pid" ]; then
        kill -CONT "$corrald_pid" 2>/dev/null
        cli pool rm "/$pool" --force >/dev/null 2>&1
        cli datastore rm "$ds" >/dev/null 2>&1
    fi
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    done
    virsh -c "$URI" destroy "$vm" >/dev/null 2>&1
    virsh -c "$URI" undefine "$vm" >/dev/null 2>&1
    if virsh -c "$URI" pool-info "$ds" >/dev/null 2>&1; then
        virsh -c "$URI" pool-destroy "$ds" >/dev/null 2>&1
        virsh -c "$URI" pool-undefine "$ds" >/dev/null 2>&1
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# The guest: firmware only, so KVM works here where the kernel has it.
type=${CORRAL_DOMAIN_TYPE:-}
if [ -z "$type" ]; then
    if [ -w /dev/kvm ]; then type=kvm; else type=qemu; fi
fi
cat >"$work/guest.xml" <<EOF
<domain type='$type'>
  <name>$vm</name>
  <memory unit='MiB'>64</memory>
  <vcpu>1</vcpu>
  <os><type>hvm</type></os>
</domain>
EOF
virsh -c "$URI" define "$work/guest.xml" >/dev/null ||
    { echo "Bail out! could not define $vm"; exit 1; }

start_xvfb "$work/xvfb.log"
use_test_home

state=$work/state
printf '%s\n' "ui $tag $RANDOM$RANDOM" >"$work/root.pw"
start_host "$state" "$URI" "$work/root.pw"
echo "$host $("$CORRALD" --state-dir "$state" --print-thumbprint)" >"$HOME/.config/corral/known_hosts"

# The API as a script reads it: a session token, then JSON.
token=$(python3 -c 'import json, sys; print(json.dumps({"username": "root", "password": open(sys.argv[1]).read().rstrip("\n")}))' "$work/root.pw" |
    curl -sk -X POST -H 'Content-Type: application/json' --data-binary @- "https://$host/api/v1/session" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])') ||
    { echo "Bail out! no session"; exit 1; }
api() { curl -sk -H "Authorization: Bearer $token" "https://$host/api/v1$1"; }
json() { python3 -c "import json, sys; d = json.load(sys.stdin); print($1)"; }

mkdir -p "$work/ds"
chmod 755 "$work/ds"
cli datastore add "$ds" dir "$work/ds" >/dev/null 2>"$work/err" ||
    { echo "Bail out! datastore add: $(cat "$work/err")"; exit 1; }
cli pool create "/$pool" cpu.shares=low >/dev/null 2>"$work/err" ||
    { echo "Bail out! pool create: $(cat "$work/err")"; exit 1; }

"$CORRAL" --password-file "$work/root.pw" "$host" >"$work/corral.log" 2>&1 &
client_pid=$!
pids+=($client_pid)
wait_for 20 xdotool search --onlyvisible --name 'Corral$' ||
    { echo "Bail out! corral did not show its window: $(cat "$work/corral.log")"; exit 1; }
main_window=$(xdotool search --onlyvisible --name 'Corral$' | head -1)
title() { xdotool getwindowname "$main_window"; }
title_is() { [ "$(title)" = "$1" ]; }
shot() { import -window root "$work/$1.png" 2>/dev/null; }

if wait_for 30 eval '[[ "$(title)" == *"($host) – Corral" ]]'; then
    ok "corral HOST --password-file connects at start to a pinned host"
else
    not_ok "corral HOST --password-file connects at start to a pinned host" "title: $(title)" \
        "$(tail -5 "$work/corral.log")"
fi

# find TEXT: search the inventory and open the first match.
find_object() {
    xdotool windowfocus "$main_window"; sleep 0.3
    xdotool key ctrl+f; sleep 0.2; xdotool key ctrl+a BackSpace
    xdotool type --delay 20 "$1"; sleep 0.5
    xdotool key Return; sleep 0.5
}

# 1. Power on a real QEMU guest; power it off from outside.
vm_state() { virsh -c "$URI" domstate "$vm" 2>/dev/null | head -1; }
find_object "$vm"
check "search finds the guest, shown powered off" wait_for 10 title_is "$vm (Powered off) – Corral"
xdotool key ctrl+b
check "Ctrl+B starts the QEMU guest (libvirt says running)" wait_for 30 eval '[ "$(vm_state)" = running ]'
check "the guest's page shows it powered on" wait_for 10 title_is "$vm (Powered on) – Corral"
shot powered-on
virsh -c "$URI" destroy "$vm" >/dev/null
check "virsh destroy from outside arrives without a refresh" \
    wait_for 15 title_is "$vm (Powered off) – Corral"

# 2. A pool's shares from its Resource Allocation tab.
pool_field() { api "/pools/$pool" | json "d$1"; }
find_object "$pool"
check "search finds the pool" wait_for 10 title_is "$pool – Corral"
xdotool key alt+2; sleep 0.5
xdotool key alt+s; sleep 0.3
xdotool key space; sleep 0.5
xdotool key Down Down Return; sleep 0.3  # Low -> Normal -> High
xdotool key alt+a
if wait_for 10 eval '[ "$(pool_field "[\"resources\"][\"cpu\"][\"shares\"][\"level\"]")" = high ]'; then
    ok "CPU shares set to High on the pool's tab: GET /pools/$pool says high"
else
    not_ok "CPU shares set to High on the pool's tab: GET /pools/$pool says high" \
        "$(api "/pools/$pool")"
fi
shot pool-high
xdotool key alt+r; sleep 0.2; xdotool key ctrl+a; xdotool type --delay 20 99999999
xdotool key Tab alt+a; sleep 2
shot pool-refused
reservation=$(pool_field '["resources"]["cpu"]["reservation_mhz"]')
level=$(pool_field '["resources"]["cpu"]["shares"]["level"]')
if [ "$reservation" = 0 ] && [ "$level" = high ]; then
    ok "a reservation beyond the host's is refused and changes nothing"
else
    not_ok "a reservation beyond the host's is refused and changes nothing" \
        "reservation $reservation, level $level"
fi

# 3. Upload a file with its progress shown.
upload_task() {
    api /tasks | python3 -c '
import json, sys
for t in json.load(sys.stdin).get("tasks", []):
    if sys.argv[1] in (t.get("target") or "") or sys.argv[1] in (t.get("kind") or ""):
        print(t["state"], t.get("progress", 0)); break' "$1"
}
# Blue (the theme's accent) pixels in the Recent Tasks pane of a screenshot.
blue_pixels() {
    convert "$1" -crop 1180x130+10+615 +repage -fuzz 12% -fill black +opaque '#3584e4' \
        -fill white -opaque '#3584e4' -format '%[fx:round(mean*w*h)]' info:
}
size_mib=${CORRAL_UI_UPLOAD_MIB:-256}
head -c $((size_mib * 1024 * 1024)) /dev/urandom >"$work/upload.bin"
find_object "$ds"
check "search finds the datastore" wait_for 10 title_is "$ds – Corral"
xdotool key alt+f; sleep 0.5
xdotool key alt+p
if wait_for 10 xdotool search --name '^Upload a File$'; then
    xdotool windowfocus "$(xdotool search --name '^Upload a File$' | head -1)"; sleep 0.5
    xdotool key ctrl+l; sleep 0.3
    xdotool type --delay 10 "$work/upload.bin"; sleep 0.3
    xdotool key Return
    mid=
    for _ in $(seq 1 300); do
        read -r task_state progress <<<"$(upload_task upload.bin)"
        if [ "${task_state:-}" = running ] && [ "${progress:-0}" -gt 0 ] && [ "$progress" -lt 90 ]; then
            kill -STOP "$corrald_pid"; sleep 1; shot upload-mid; kill -CONT "$corrald_pid"
            mid=$progress
            break
        fi
        sleep 0.05
    done
    if [ -n "$mid" ]; then
        ok "corrald's upload task reported $mid % mid-way"
    else
        not_ok "corrald's upload task reported progress mid-way" "$(api /tasks | head -c 600)"
    fi
    if wait_for 120 eval '[ "$(upload_task upload.bin)" = "success 100" ]' &&
        cmp -s "$work/upload.bin" "$work/ds/upload.bin"; then
        ok "the uploaded bytes are on disk, identical"
    else
        not_ok "the uploaded bytes are on disk, identical" "task: $(upload_task upload.bin)" \
            "$(ls -l "$work/ds")"
    fi
    sleep 1; shot upload-done
    if [ -n "$mid" ]; then
        partial=$(blue_pixels "$work/upload-mid.png")
        full=$(blue_pixels "$work/upload-done.png")
        if [ "$partial" -gt 0 ] && [ "$full" -gt $((partial + 50)) ]; then
            ok "Recent Tasks showed the bar partly filled ($partial of $full px)"
        else
            not_ok "Recent Tasks showed the bar partly filled" "mid $partial px, done $full px"
        fi
    fi
    # One row for the upload, while it runs and after: the client's own,
    # standing for corrald's task too (read from the screen, one text line
    # a row; skipped without tesseract).
    tasks_text() {
        convert "$1" -crop 1180x130+10+615 +repage -scale 200% "$work/tasks.png" &&
            tesseract "$work/tasks.png" - --psm 6 2>/dev/null
    }
    if command -v tesseract >/dev/null; then
        for moment in mid done; do
            [ -f "$work/upload-$moment.png" ] || continue
            rows=$(tasks_text "$work/upload-$moment.png" | grep -ci 'upload')
            if [ "$rows" = 1 ]; then
                ok "Recent Tasks shows the upload in one row ($moment)"
            else
                not_ok "Recent Tasks shows the upload in one row ($moment)" \
                    $(tasks_text "$work/upload-$moment.png" | grep -v '^$' | tr ' ' '_')
            fi
        done
    fi
else
    not_ok "Alt+P opens the file chooser" "title: $(title)"
fi

if [ -n "${CORRAL_UI_SHOTS:-}" ]; then
    cp "$work"/*.png "$CORRAL_UI_SHOTS"/
fi
echo "1..$n"
[ "$failures" -eq 0 ]
