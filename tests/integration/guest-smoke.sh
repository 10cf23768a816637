#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Smoke test of the tiny guest (scripts/guest): builds it, defines and starts
# it on qemu:///system, waits for "corral-guest: ready" in its serial log,
# types a command on its VGA console (tty1) with virsh send-key that writes to
# /dev/ttyS0 and finds that in the serial log too, takes a virsh screenshot,
# then destroys and undefines the guest. Starts virtlogd/libvirtd only if they
# are not running, and never stops them. Prints timings; exit 0 on success.
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
uri=qemu:///system
name=corral-smoke-$$
serial=/var/log/libvirt/qemu/$name-serial.log
shot=/tmp/$name.png
xml=$(mktemp /tmp/$name.XXXXXX.xml)

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
fail() {
    echo "guest-smoke: FAIL: $*" >&2
    if [ -f "$serial" ]; then
        echo "--- serial log:" >&2
        tail -n 20 "$serial" >&2 || true
    fi
    exit 1
}

if [ "$(id -u)" -ne 0 ]; then
    echo "guest-smoke: SKIP: needs root (qemu:///system)"
    exit 77
fi

defined=
cleanup() {
    if [ -n "$defined" ]; then
        virsh -q -c "$uri" destroy "$name" >/dev/null 2>&1 || true
        virsh -q -c "$uri" undefine "$name" >/dev/null 2>&1 || true
    fi
    rm -f "$xml" "$shot" "$serial"
}
trap cleanup EXIT

t0=$(now)
"$top/scripts/guest" build
echo "guest-smoke: guest built in $(since "$t0") s"

# libvirtd without systemd (RIG.md): start only what is not running.
if ! virsh -c "$uri" version >/dev/null 2>&1; then
    mkdir -p /var/log/libvirt /var/run/libvirt
    pgrep -x virtlogd >/dev/null || virtlogd -d
    pgrep -x libvirtd >/dev/null || libvirtd -d
    for _ in $(seq 1 100); do
        virsh -c "$uri" version >/dev/null 2>&1 && break
        sleep 0.1
    done
    virsh -c "$uri" version >/dev/null 2>&1 || fail "libvirtd does not answer on $uri"
fi

"$top/scripts/guest" xml "$name" >"$xml"
rm -f "$serial"
virsh -q -c "$uri" define "$xml" >/dev/null || fail "virsh define"
defined=1
t1=$(now)
virsh -q -c "$uri" start "$name" >/dev/null || fail "virsh start"

ready=
for _ in $(seq 1 900); do
    if grep -q 'corral-guest: ready' "$serial" 2>/dev/null; then
        ready=1
        break
    fi
    sleep 0.1
done
[ -n "$ready" ] || fail "no 'corral-guest: ready' in $serial within 90 s"
! grep -q 'corral-guest: insmod' "$serial" || fail "a virtio module did not load"
boot=$(since "$t1")
echo "guest-smoke: $name ready in $boot s (domain type $(sed -n "s/^<domain type='\([a-z]*\)'>/\1/p" "$xml"))"

# Type "echo corral-typed-N >/dev/ttyS0" on tty1, one key (or Shift chord) per
# send-key call: send-key presses all its keys together.
keys_for() {
    local s=$1 i c
    for ((i = 0; i < ${#s}; i++)); do
        c=${s:i:1}
        case $c in
        [a-z]) echo "KEY_${c^^}" ;;
        [A-Z]) echo "KEY_LEFTSHIFT KEY_$c" ;;
        [0-9]) echo "KEY_$c" ;;
        ' ') echo KEY_SPACE ;;
        -) echo KEY_MINUS ;;
        /) echo KEY_SLASH ;;
        .) echo KEY_DOT ;;
        '>') echo "KEY_LEFTSHIFT KEY_DOT" ;;
        *) fail "no key for '$c'" ;;
        esac
    done
    echo KEY_ENTER
}
word=corral-typed-$$
t2=$(now)
typed=
for _ in 1 2 3; do
    while read -r -a k; do
        virsh -q -c "$uri" send-key "$name" "${k[@]}" >/dev/null || fail "virsh send-key ${k[*]}"
    done < <(keys_for "echo $word >/dev/ttyS0")
    for _ in $(seq 1 50); do
        if grep -q "^$word" "$serial" 2>/dev/null; then
            typed=1
            break 2
        fi
        sleep 0.1
    done
done
[ -n "$typed" ] || fail "typed command on tty1 did not reach the serial log"
echo "guest-smoke: typed command on tty1 reached ttyS0 in $(since "$t2") s"

virsh -q -c "$uri" screenshot "$name" "$shot" >/dev/null || fail "virsh screenshot"
[ -s "$shot" ] || fail "empty screenshot $shot"
echo "guest-smoke: screenshot $(stat -c %s "$shot") bytes"

virsh -q -c "$uri" destroy "$name" >/dev/null || fail "virsh destroy"
virsh -q -c "$uri" undefine "$name" >/dev/null || fail "virsh undefine"
defined=
echo "guest-smoke: PASS in $(since "$t0") s (boot $boot s)"
