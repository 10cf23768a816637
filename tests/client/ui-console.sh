#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# A guest's console inside the desktop client, end to end: the real
# `corral` under Xvfb, a real corrald on qemu:///system and the tiny busybox
# guest of scripts/guest (TCG), driven with xdotool as a user drives it:
#   - Ctrl+O, host, user and password; the Untrusted Host dialog trusted
#     with Alt+T: the pin lands in known_hosts and the inventory shows;
#   - the running guest found by search, its Console tab opened (Alt+6):
#     the view shows the guest's screen;
#   - `echo corral-$((6*7)) | tee /dev/ttyS0` typed into the view: the
#     guest's serial log says corral-42 (the command ran), and the text
#     read back from a screenshot of the window (tesseract OCR) has
#     "corral-42", which only the answer has (the user saw it);
#   - the toolbar's "Open in a Window of Its Own": a window of the guest's
#     name opens with a second console; typing there runs in the guest and
#     shows in that window, and the tab's console stays connected beside it
#     and shows the same line;
#   - the toolbar's "Save a Screenshot": a PNG of the view's framebuffer
#     whose text has both answers.
# Skips without root, libvirtd, Xvfb, xdotool, ImageMagick or tesseract.
# Everything it makes is named conse-ui-PID and removed at the end, also on
# failure or a signal; it kills only what it started. TAP output.
set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/client/ui-lib.sh"
URI=qemu:///system
BOOT_WAIT_S=${CORRAL_BOOT_WAIT_S:-150}

skip() { echo "1..0 # SKIP $*"; exit 0; }
[ "$(id -u)" = 0 ] || skip "needs root for qemu:///system"
for tool in Xvfb xdotool import convert tesseract virsh; do
    command -v "$tool" >/dev/null || skip "$tool is not installed (scripts/deps)"
done
virsh -c "$URI" version >/dev/null 2>&1 ||
    skip "libvirtd does not answer on $URI (scripts/services start)"

vm=conse-ui-$$
serial=/var/log/libvirt/qemu/$vm-serial.log
work=$(mktemp -d "${TMPDIR:-/tmp}/corral-ui-console.XXXXXX")
chmod 755 "$work"
pids=()

cleanup() {
    # The client first: corrald waits for its clients' requests to end.
    for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
        kill "${pids[i]}" 2>/dev/null
        wait "${pids[i]}" 2>/dev/null
    done
    virsh -c "$URI" destroy "$vm" >/dev/null 2>&1
    virsh -c "$URI" undefine "$vm" >/dev/null 2>&1
    if [ -n "${CORRAL_UI_SHOTS:-}" ]; then
        cp "$work"/*.png "$CORRAL_UI_SHOTS"/ 2>/dev/null
    fi
    rm -f "$serial" "/var/log/libvirt/qemu/$vm.log"
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# wait_slowly SECONDS COMMAND…: the same, for commands that take a while
# themselves (a screenshot and OCR): by the clock.
wait_slowly() {
    local until=$((SECONDS + $1)); shift
    while [ "$SECONDS" -lt "$until" ]; do
        if "$@" >/dev/null 2>&1; then return 0; fi
        sleep 0.5
    done
    return 1
}
# Text in the guest's serial log (only what the guest writes there: the
# typed command lines are not echoed to it).
serial_has() { tr -d '\r' <"$serial" 2>/dev/null | grep -q -- "$1"; }
serial_tail() { tr -d '\r' <"$serial" 2>/dev/null | tail -3 | tr ' ' '_'; }

# 1. The guest boots (TCG, in the background while the rest starts).
"$top/scripts/guest" build >"$work/guest-build.log" 2>&1 ||
    { echo "Bail out! scripts/guest build: $(tail -3 "$work/guest-build.log")"; exit 1; }
# VNC on a unix socket with a password, as corrald gives its own guests.
# no_timer_check: a TCG guest on a busy host otherwise may find its timer
# too slow and panic ("IO-APIC + timer doesn't work").
CORRAL_GUEST_CMDLINE="${CORRAL_GUEST_CMDLINE:-} no_timer_check" "$top/scripts/guest" xml "$vm" |
    sed "s|<graphics type='vnc'[^>]*/>|<graphics type='vnc' passwd='C$(printf '%06x' $((RANDOM * RANDOM % 16777216)))'><listen type='socket'/></graphics>|" \
        >"$work/guest.xml"
rm -f "$serial"
virsh -c "$URI" define "$work/guest.xml" >/dev/null &&
    virsh -c "$URI" start "$vm" >/dev/null ||
    { echo "Bail out! could not start $vm"; exit 1; }

start_xvfb "$work/xvfb.log"
use_test_home
setxkbmap us 2>/dev/null

printf '%s\n' "console $vm $RANDOM$RANDOM" >"$work/root.pw"
start_host "$work/state" "$URI" "$work/root.pw"

"$CORRAL" >"$work/corral.log" 2>&1 &
pids+=($!)
wait_for 30 xdotool search --onlyvisible --name 'Corral$' ||
    { echo "Bail out! corral did not show its window: $(cat "$work/corral.log")"; exit 1; }
main_window=$(xdotool search --onlyvisible --name 'Corral$' | head -1)
title() { xdotool getwindowname "$main_window"; }
title_is() { [ "$(title)" = "$1" ]; }
shot() { import -window root "$work/$1.png" 2>/dev/null; }

# The text in a region of a screenshot, twice the size for tesseract;
# with "negate", light text on the console's black made dark on light.
ocr() { # ocr PNG GEOMETRY [negate]
    convert "$1" -crop "$2" +repage -colorspace gray ${3:+-negate} -scale 200% "$work/ocr.png" &&
        tesseract "$work/ocr.png" - 2>/dev/null
}
# The text of the view at X Y W H in a screenshot (a dash that tesseract
# reads as a long one, or as two, made plain).
screen_text() { # screen_text PNG X Y W H
    ocr "$1" "${4}x${5}+${2}+${3}" negate | sed 's/[—–]/-/g; s/--*/-/g'
}
# Where the view sits in a window's screenshot: the bounding box of its
# large black area (text and icons are too thin to count), as X Y W H.
view_box() { # view_box PNG WINDOW-GEOMETRY
    convert "$1" -crop "$2" +repage -colorspace gray -threshold 1% -negate \
        -morphology Erode Square:4 -format '%X %Y %w %h' -trim info: 2>/dev/null |
        tr -d '+' | awk 'NF == 4 { print $1 - 4, $2 - 4, $3 + 8, $4 + 8 }'
}

# 2. Connect and trust.
dialog() { xdotool search --onlyvisible --name '^Connect to a Host$' | head -1; }
trust() { xdotool search --onlyvisible --name '^Untrusted Host$' | head -1; }
xdotool windowfocus "$main_window"; sleep 0.3
xdotool key ctrl+o
wait_for 20 dialog || { echo "Bail out! Ctrl+O opened no connect dialog"; exit 1; }
xdotool windowfocus "$(dialog)"; sleep 0.3
xdotool key alt+h ctrl+a; xdotool type --delay 20 "$host"; xdotool key Tab
xdotool key ctrl+a; xdotool type --delay 20 root; xdotool key Tab
xdotool key ctrl+a BackSpace; xdotool type --delay 20 "$(cat "$work/root.pw")"
xdotool key Return
if wait_for 30 trust; then
    shot untrusted
    xdotool windowfocus "$(trust)"; sleep 0.3
    xdotool key alt+t
    ok "the first connection asks to trust the host"
else
    not_ok "the first connection asks to trust the host" "$(tail -3 "$work/corral.log")"
fi
if wait_for 30 eval '[[ "$(title)" == *"($host) – Corral" ]]' &&
    grep -q "^$host " "$HOME/.config/corral/known_hosts"; then
    ok "trusted: the host is pinned in known_hosts and its inventory shows"
else
    not_ok "trusted: the host is pinned in known_hosts and its inventory shows" \
        "title: $(title)" "known_hosts: $(cat "$HOME/.config/corral/known_hosts" 2>&1)"
fi

# 3. The guest's Console tab.
if ! wait_for "$BOOT_WAIT_S" serial_has "corral-guest: ready"; then
    echo "Bail out! the guest did not boot in $BOOT_WAIT_S s: $(tail -3 "$serial" 2>&1)"
    exit 1
fi
# Search and Enter; again if a busy machine had not filtered the list yet.
for _ in 1 2 3; do
    xdotool windowfocus "$main_window"; sleep 0.3
    xdotool key ctrl+f; sleep 0.2; xdotool key ctrl+a BackSpace
    xdotool type --delay 20 "$vm"; sleep 1
    xdotool key Return
    wait_for 10 title_is "$vm (Powered on) – Corral" && break
done
check "search finds the running guest" title_is "$vm (Powered on) – Corral"
xdotool key alt+6

window_geometry() { # WIDTHxHEIGHT+0+0 of a window, for its own screenshot
    echo "$(xdotool getwindowgeometry --shell "$1" | sed -n 's/^\(WIDTH\|HEIGHT\)=//p' |
        paste -sd x)+0+0"
}
geometry=$(window_geometry "$main_window")
main_view_text() { # the text the tab's view shows
    local x y w h
    shot main || return 1
    read -r x y w h <<<"$(view_box "$work/main.png" "$geometry")"
    [ -n "${h:-}" ] && [ "$w" -ge 300 ] && [ "$h" -ge 200 ] || return 1
    screen_text "$work/main.png" "$x" "$y" "$w" "$h"
}
if wait_slowly 60 eval 'main_view_text | grep -q "corral-guest: ready"'; then
    ok "Alt+6 shows the guest's screen in the Console tab"
else
    not_ok "Alt+6 shows the guest's screen in the Console tab" "$(main_view_text | head -5)"
fi
shot main
read -r vx vy vw vh <<<"$(view_box "$work/main.png" "$geometry")"
box="${vx:-?} ${vy:-?} ${vw:-?} ${vh:-?}"
vx=${vx:-0} vy=${vy:-0} vw=${vw:-0} vh=${vh:-0}
if main_view_text | grep -q "corral-42"; then
    not_ok "corral-42 is not on the screen before it is typed"
else
    ok "corral-42 is not on the screen before it is typed"
fi

# 4. Typing into the view.
xdotool windowfocus "$main_window"; sleep 0.3
xdotool type --delay 40 'echo corral-$((6*7)) | tee /dev/ttyS0'
xdotool key Return
if wait_for 60 serial_has "corral-42"; then
    ok "typed into the tab's view, the command ran in the guest (serial log: corral-42)"
else
    not_ok "typed into the tab's view, the command ran in the guest (serial log: corral-42)" \
        $(serial_tail)
fi
if wait_slowly 30 eval 'main_view_text | grep -q "corral-42"'; then
    ok "the Console tab shows corral-42 (read from a screenshot of the window)"
    cp "$work/main.png" "$work/console-tab.png"
else
    not_ok "the Console tab shows corral-42 (read from a screenshot of the window)" \
        "$(main_view_text | tail -5)"
fi

# 5. The window of its own: the toolbar above the view (Send Keys, then
# Scale, Fullscreen, Window, Type Clipboard, Screenshot, 42 px apart).
button() { # button INDEX: clicks the toolbar's icon button INDEX (0: Scale)
    xdotool mousemove $((vx + 139 + 42 * $1)) $((vy - 24)); sleep 0.3
    xdotool click 1
}
own() { xdotool search --onlyvisible --name "^$vm\$" | head -1; }
button 2
if wait_for 30 own; then
    detached=$(own)
    ok "Open in a Window of Its Own opens a window named after the guest"
    # Aside, so the tab's view stays in sight (no window manager here).
    xdotool windowmove "$detached" 560 260; sleep 1
    own_text() {
        local ox oy ow oh
        import -window "$detached" "$work/own.png" 2>/dev/null || return 1
        read -r ox oy ow oh <<<"$(view_box "$work/own.png" "$(window_geometry "$detached")")"
        [ -n "${oh:-}" ] && [ "$ow" -ge 300 ] && [ "$oh" -ge 200 ] &&
            screen_text "$work/own.png" "$ox" "$oy" "$ow" "$oh"
    }
    wait_slowly 60 eval 'own_text | grep -q "corral-42"' ||
        not_ok "the window's console shows the guest's screen" "$(own_text | tail -5)"
    xdotool windowfocus "$detached"; sleep 0.5
    xdotool type --delay 40 'echo detached-$((6*7)) | tee /dev/ttyS0'
    xdotool key Return
    if wait_for 60 serial_has "detached-42"; then
        ok "typed into the window's view, the command ran in the guest"
    else
        not_ok "typed into the window's view, the command ran in the guest" $(serial_tail)
    fi
    if wait_slowly 30 eval 'own_text | grep -q "detached-42"'; then
        ok "the window shows detached-42"
    else
        not_ok "the window shows detached-42" "$(own_text | tail -5)"
    fi
    # Both consoles are shared: neither cuts the other off (each would
    # reconnect and cut the other off in turn).
    status_text() {
        shot status && ocr "$work/status.png" "400x18+$((vx))+$((vy + vh))"
    }
    steady=0
    for _ in 1 2 3 4; do
        status_text | grep -q "^Connected" && steady=$((steady + 1))
        sleep 1
    done
    if [ "$steady" = 4 ] && main_view_text | grep -q "detached-42"; then
        ok "the tab's console stays connected beside the window's and shows the same"
    else
        not_ok "the tab's console stays connected beside the window's and shows the same" \
            "connected in $steady of 4 looks: $(status_text)" "$(main_view_text | tail -4)"
    fi
    shot detached
else
    not_ok "Open in a Window of Its Own opens a window named after the guest" \
        "clicked at $((vx + 139 + 84)),$((vy - 24)); view at $box"
fi

# 6. The view's own screenshot: a PNG of its framebuffer.
png() { find "$HOME" -name 'console-*.png' | head -1; }
xdotool windowfocus "$main_window"; sleep 0.3
button 4
if wait_for 20 png && sleep 0.5 && cp "$(png)" "$work/saved.png" &&
    text=$(screen_text "$work/saved.png" 0 0 $(identify -format '%w %h' "$work/saved.png")) &&
    grep -q "corral-42" <<<"$text" && grep -q "detached-42" <<<"$text"; then
    ok "Save a Screenshot writes the framebuffer: $(identify -format '%w×%h' "$(png)"), both answers in it"
else
    not_ok "Save a Screenshot writes the framebuffer with both answers" \
        "file: $(png), saved at $(date -r "$(png)" +%T), now $(date +%T)" \
        $(grep -v '^$' <<<"${text:-}" | tail -6 | tr ' ' '_')
fi

echo "1..$n"
[ "$failures" -eq 0 ]
