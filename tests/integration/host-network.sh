#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The management network through corrald's API, for real, inside network
# namespaces made here (the machine's own network is never touched): a
# static address set with PUT /host/network lands on the interface, rolls
# back by itself when nobody confirms, stays when a client logs in over the
# new address, and bad settings are refused with nothing changed.
# Environment: CORRALD (the binary). Every process started here is ended by
# PID, the namespaces are deleted.
set -euo pipefail

[ "$(id -u)" -eq 0 ] || { echo "1..0 # SKIP needs root for network namespaces"; exit 77; }
CORRALD=${CORRALD:?}
tmp=$(mktemp -d /tmp/corral-hostnet.XXXXXX)
ns=corral-hn-$$
peer=corral-hp-$$
state=$tmp/state
password='correct horse battery staple'
mkdir -p "$state"
n=0

cleanup() {
    set +e
    [ -f "$tmp/corrald.pid" ] && kill "$(cat "$tmp/corrald.pid")" 2>/dev/null
    for p in $(pgrep -f -- "--rollback-guard $state/" 2>/dev/null); do kill "$p" 2>/dev/null; done
    ip netns del "$ns" 2>/dev/null
    ip netns del "$peer" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT

ok() { n=$((n + 1)); echo "ok $n - $*"; }
fail() {
    echo "not ok $((n + 1)) - $*"
    sed 's/^/# corrald: /' "$tmp/corrald.log" | tail -20
    exit 1
}

ip netns add "$ns"
ip netns add "$peer"
ip link add "hm$$" type veth peer name "hp$$"
ip link set "hm$$" netns "$ns" name mgmt0
ip link set "hp$$" netns "$peer" name lan0
ip -n "$ns" link set lo up
ip -n "$ns" link set mgmt0 up
ip -n "$ns" addr add 10.77.0.2/24 dev mgmt0
ip -n "$peer" link set lo up
ip -n "$peer" link set lan0 up
ip -n "$peer" addr add 10.77.0.1/24 dev lan0

cat >"$state/host.json" <<JSON
{
  "hostname": "corral-test",
  "management": {
    "interface": "mgmt0", "vlan": 0,
    "ipv4": {"mode": "static", "address": "10.77.0.2", "prefix": 24, "gateway": "10.77.0.1"},
    "ipv6": {"mode": "off"},
    "dns": {"servers": [], "search": []}
  },
  "lockdown": "off",
  "services": {"ssh": false, "ssh_timeout_min": 30, "shell": false, "shell_timeout_min": 30},
  "keyboard": "us",
  "time": {"ntp": false, "servers": []},
  "rollback_s": 5
}
JSON
cat >"$tmp/corrald.conf" <<EOC
[network]
resolv-conf = $tmp/resolv.conf
hostname-file =
[auth]
failure-delay-ms = 0
EOC

ip netns exec "$ns" "$CORRALD" --state-dir "$state" --config "$tmp/corrald.conf" \
    --listen 0.0.0.0:0 --socket "$state/corrald.sock" --libvirt-uri test:///default \
    >"$tmp/corrald.log" 2>&1 &
echo $! >"$tmp/corrald.pid"
for _ in $(seq 1 100); do [ -s "$state/port" ] && break; sleep 0.1; done
port=$(cat "$state/port")

local_api() { curl -s --unix-socket "$state/corrald.sock" -H 'Content-Type: application/json' "$@"; }
# An HTTPS call from the LAN namespace to ADDRESS.
lan_api() {
    local address=$1
    shift
    ip netns exec "$peer" curl -sk --max-time 5 -H 'Content-Type: application/json' \
        -H "Authorization: Bearer ${token:-}" "$@" -w '\n%{http_code}' \
        "https://$address:$port/api/v1$path"
}
status_of() { tail -n 1 <<<"$1"; }
# Waits up to 5 s for ADDRESS on mgmt0 (the change runs as a task).
await_address() {
    for _ in $(seq 1 50); do
        case "$(addresses)" in *"$1"*) return 0 ;; esac
        sleep 0.1
    done
    return 1
}
addresses() { ip -n "$ns" -4 -o addr show dev mgmt0 | awk '{print $4}' | tr '\n' ' '; }
login_over() {
    local path=/session
    lan_api "$1" -X POST -d "{\"username\": \"root\", \"password\": \"$password\"}" |
        head -n 1 | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}

local_api -X PATCH -d "{\"password\": \"$password\"}" http://localhost/api/v1/users/root >/dev/null
token=$(login_over 10.77.0.2) || fail "login over 10.77.0.2"
ok "logged in over the old address"

change='{"interface": "mgmt0", "vlan": 0,
 "ipv4": {"mode": "static", "address": "10.77.0.9", "prefix": 24, "gateway": "10.77.0.1"},
 "ipv6": {"mode": "off"}, "dns": {"servers": ["10.77.0.1"], "search": ["corral.test"]}}'

# 1. Applied at once, rolled back when nobody confirms.
path=/host/network
answer=$(lan_api 10.77.0.2 -X PUT -d "$change")
[ "$(status_of "$answer")" = 202 ] || fail "PUT /host/network: $answer"
await_address 10.77.0.9/24 || fail "not applied: $(addresses)"
grep -q 'nameserver 10.77.0.1' "$tmp/resolv.conf" || fail "resolv.conf not written"
ok "PUT /host/network answers 202, then puts 10.77.0.9 on mgmt0"
sleep 7
case "$(addresses)" in *10.77.0.2/24*) ;; *) fail "not rolled back: $(addresses)" ;; esac
case "$(addresses)" in *10.77.0.9*) fail "new address still there: $(addresses)" ;; esac
grep -q '"10.77.0.2"' "$state/host.json" || fail "host.json not restored"
ok "unconfirmed, it rolled back to 10.77.0.2 in 5 s"

# 2. A login over the new address confirms it.
answer=$(lan_api 10.77.0.2 -X PUT -d "$change")
[ "$(status_of "$answer")" = 202 ] || fail "second PUT: $answer"
await_address 10.77.0.9/24 || fail "not applied the second time: $(addresses)"
token=$(login_over 10.77.0.9) || fail "login over 10.77.0.9"
sleep 7
case "$(addresses)" in *10.77.0.9/24*) ;; *) fail "confirmed change lost: $(addresses)" ;; esac
grep -q '"10.77.0.9"' "$state/host.json" || fail "host.json lost the confirmed change"
grep -q 'confirmed by a login over 10.77.0.9' "$tmp/corrald.log" || fail "no confirmation logged"
ok "a login over 10.77.0.9 confirmed the change; it stayed"

# 3. Confirming with nothing pending says so.
path=/host/network/confirm
answer=$(lan_api 10.77.0.9 -X POST)
[ "$(status_of "$answer")" = 409 ] || fail "confirm with nothing pending: $answer"
ok "POST /host/network/confirm with nothing pending is 409"

# 4. Bad settings are refused and change nothing.
path=/host/network
before=$(cat "$state/host.json")
for bad in '"address": "999.1.1.1"' '"address": "10.77.0.9", "prefix": 33'; do
    body="{\"interface\": \"mgmt0\", \"vlan\": 0, \"ipv4\": {\"mode\": \"static\", $bad, \"gateway\": \"10.77.0.1\"}, \"ipv6\": {\"mode\": \"off\"}, \"dns\": {\"servers\": [], \"search\": []}}"
    answer=$(lan_api 10.77.0.9 -X PUT -d "$body")
    [ "$(status_of "$answer")" = 400 ] || fail "bad ipv4 {$bad}: $answer"
done
answer=$(lan_api 10.77.0.9 -X PUT -d '{"interface": "mgmt0", "vlan": 5000, "ipv4": {"mode": "dhcp"}, "ipv6": {"mode": "off"}, "dns": {"servers": [], "search": []}}')
[ "$(status_of "$answer")" = 400 ] || fail "VLAN 5000: $answer"
grep -q vlan <<<"$answer" || fail "VLAN 5000: message does not name the field: $answer"
[ "$before" = "$(cat "$state/host.json")" ] || fail "host.json changed after bad input"
case "$(addresses)" in *10.77.0.9/24*) ;; *) fail "address changed after bad input" ;; esac
[ -f "$state/network-pending.json" ] && fail "a rollback was armed for bad input"
ok "999.1.1.1, prefix 33 and VLAN 5000 are refused; nothing changed"

echo "1..$n"
