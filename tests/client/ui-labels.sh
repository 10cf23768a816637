#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Tags and folders in the desktop client under Xvfb, against a real corrald
# on qemu:///system with three real guests (firmware only, so they run
# without a disk), driven with xdotool as a user drives it; what it did is
# read back from libvirt (virsh), corrald's API (curl) and the window title:
#   - the search "tag:web" lists the two guests tagged web; Ctrl+A selects
#     both and Ctrl+B powers both on (libvirt says running), the third guest
#     stays off;
#   - the Folders view shows host → folders → guests: walking its rows with
#     the keyboard opens the folders and guests in path order;
#   - a guest's summary shows its tags and folder in the editor: text typed
#     after them is saved with them (GET /vms/{id} says so), and the guest
#     moves to its new folder in the Folders view without a refresh;
#   - a bad folder is refused in place and changes nothing.
# Screenshots land in $CORRAL_UI_SHOTS when it is set. Skips when libvirtd
# does not answer. Everything it makes is named tagt-ui-PID-* and removed at
# the end, also on failure or a signal; it kills only what it started. TAP.
set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/client/ui-lib.sh"
URI=qemu:///system

if ! virsh -c "$URI" version >/dev/null 2>&1; then
    echo "1..0 # SKIP libvirtd does not answer on $URI (scripts/services start)"
    exit 0
fi

prefix=tagt-ui-$$
guests=("$prefix-web1" "$prefix-web2" "$prefix-db1")
work=$(mktemp -d "${TMPDIR:-/tmp}/corral-ui-labels.XXXXXX")
chmod 755 "$work"
pids=()

cleanup() {
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    done
    for vm in "${guests[@]}"; do
        virsh -c "$URI" destroy "$vm" >/dev/null 2>&1
        virsh -c "$URI" undefine "$vm" >/dev/null 2>&1
    done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

type=${CORRAL_DOMAIN_TYPE:-}
if [ -z "$type" ]; then
    if [ -w /dev/kvm ]; then type=kvm; else type=qemu; fi
fi
for vm in "${guests[@]}"; do
    cat >"$work/$vm.xml" <<EOF
<domain type='$type'>
  <name>$vm</name>
  <memory unit='MiB'>32</memory>
  <vcpu>1</vcpu>
  <os><type>hvm</type></os>
</domain>
EOF
    virsh -c "$URI" define "$work/$vm.xml" >/dev/null || { echo "Bail out! could not define $vm"; exit 1; }
done

start_xvfb "$work/xvfb.log"
use_test_home

state=$work/state
printf '%s\n' "ui $prefix $RANDOM$RANDOM" >"$work/root.pw"
start_host "$state" "$URI" "$work/root.pw"
echo "$host $("$CORRALD" --state-dir "$state" --print-thumbprint)" >"$HOME/.config/corral/known_hosts"
cli() { "$CORRAL_CLI" --host "$host" --password-file "$work/root.pw" "$@" </dev/null; }

# The labels, set the way a script would.
cli vm tag "${guests[0]}" add web >/dev/null &&
    cli vm folder "${guests[0]}" /Production/Web >/dev/null &&
    cli vm tag "${guests[1]}" add web canary >/dev/null &&
    cli vm folder "${guests[1]}" /Production/Web >/dev/null &&
    cli vm tag "${guests[2]}" add db >/dev/null &&
    cli vm folder "${guests[2]}" /Production/DB >/dev/null ||
    { echo "Bail out! could not label the guests"; exit 1; }
labels_of() {
    cli --json vm show "$1" |
        python3 -c 'import json, sys; v = json.load(sys.stdin); print(",".join(v["tags"]) + "|" + v["folder"])'
}

"$CORRAL" --password-file "$work/root.pw" "$host" >"$work/corral.log" 2>&1 &
pids+=($!)
wait_for 20 xdotool search --onlyvisible --name 'Corral$' ||
    { echo "Bail out! corral did not show its window: $(cat "$work/corral.log")"; exit 1; }
main_window=$(xdotool search --onlyvisible --name 'Corral$' | head -1)
title() { xdotool getwindowname "$main_window"; }
title_is() { [ "$(title)" = "$1" ]; }
shot() {
    import -window root "$work/$1.png" 2>/dev/null
    if [ -n "${CORRAL_UI_SHOTS:-}" ]; then cp "$work/$1.png" "$CORRAL_UI_SHOTS/"; fi
}
wait_for 30 eval '[[ "$(title)" == *"($host) – Corral" ]]' ||
    { echo "Bail out! corral did not connect: $(title)"; exit 1; }
host_title=$(title)
vm_state() { virsh -c "$URI" domstate "$1" 2>/dev/null | head -1; }

# 1. Search by tag, select every result, power them on at once.
xdotool windowfocus "$main_window"; sleep 0.3
xdotool key ctrl+f; sleep 0.2
xdotool type --delay 20 "tag:web"; sleep 0.5
xdotool key Return; sleep 0.5
check "tag:web finds a web guest first" wait_for 10 title_is "${guests[0]} (Powered off) – Corral"
xdotool key ctrl+a; sleep 0.3
shot tag-search
xdotool key ctrl+b
check "Ctrl+B on the selected search result starts web1" \
    wait_for 30 eval '[ "$(vm_state "${guests[0]}")" = running ]'
check "… and web2" wait_for 30 eval '[ "$(vm_state "${guests[1]}")" = running ]'
if [ "$(vm_state "${guests[2]}")" = "shut off" ]; then
    ok "the guest without the tag stays off"
else
    not_ok "the guest without the tag stays off" "$(vm_state "${guests[2]}")"
fi

# 2. The Folders view, walked with the keyboard from the host down.
xdotool key ctrl+f; sleep 0.2; xdotool key ctrl+a BackSpace; sleep 0.3
# The Folders switch sits just before the search.
xdotool key shift+Tab space; sleep 0.5
xdotool key Tab Tab; sleep 0.2
xdotool key Home; sleep 0.3
expected=("$host_title" "Production – Corral" "DB – Corral" "${guests[2]} (Powered off) – Corral"
    "Web – Corral" "${guests[0]} (Powered on) – Corral" "${guests[1]} (Powered on) – Corral")
seen=()
for i in "${!expected[@]}"; do
    if [ "$i" -gt 0 ]; then
        # Opens the row's folder (if it is one), then goes to the next row.
        xdotool key shift+Right Down; sleep 0.4
    fi
    wait_for 3 title_is "${expected[$i]}"
    seen+=("$(title)")
done
if [ "${seen[*]}" = "${expected[*]}" ]; then
    ok "the Folders view shows host, folders and guests in path order"
else
    not_ok "the Folders view shows host, folders and guests in path order" \
        "seen: ${seen[*]}" "want: ${expected[*]}"
fi
shot folders

# 3. web2's summary shows its tags and folder in the editor: typed after
# them, they are saved with them.
xdotool key alt+t; sleep 0.3
xdotool key End; xdotool type --delay 20 ", blue"; sleep 0.2
xdotool key alt+o; sleep 0.2
xdotool key End; xdotool type --delay 20 "/Blue"; sleep 0.2
shot labels-editor
xdotool key alt+a
if wait_for 10 eval '[ "$(labels_of "${guests[1]}")" = "web,canary,blue|/Production/Web/Blue" ]'; then
    ok "the editor showed the tags and folder, and saves what was added to them"
else
    not_ok "the editor showed the tags and folder, and saves what was added to them" \
        "labels: $(labels_of "${guests[1]}")"
fi
# The moved guest is now under Web/Blue: up from it are Blue, then web1.
xdotool key Tab Tab Tab Tab; sleep 0.2
xdotool windowfocus "$main_window"; sleep 0.2
sleep 1
shot folders-moved

# 4. A bad folder is refused in place; nothing changes.
xdotool key alt+o; sleep 0.2
xdotool key ctrl+a; xdotool type --delay 20 "/a//b"; sleep 0.2
xdotool key alt+a; sleep 1
shot labels-refused
if [ "$(labels_of "${guests[1]}")" = "web,canary,blue|/Production/Web/Blue" ]; then
    ok "a bad folder changes nothing"
else
    not_ok "a bad folder changes nothing" "labels: $(labels_of "${guests[1]}")"
fi

echo "1..$n"
[ "$failures" -eq 0 ]
