#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# corral-cli against a real corrald on libvirt's test:///default driver, as a
# user would run it: the first root password over the unix socket, trust on
# first use over HTTPS (refused without a terminal, accepted with --trust),
# guests listed and powered off and on, tagged and put in folders, a user
# added who then logs in, JSON output that parses, and a changed
# certificate on the same address that is a hard stop. Runs with a temporary HOME; kills only the corrald it started.
#
# CORRALD and CORRAL_CLI name the programs (meson passes them); TAP output.
set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
CORRALD=${CORRALD:-$top/build/hostd/corrald}
CORRAL_CLI=${CORRAL_CLI:-$top/build/cli/corral-cli}

work=$(mktemp -d "${TMPDIR:-/tmp}/corral-cli-test.XXXXXX")
corrald_pid=
failures=0
n=0

cleanup() {
    if [ -n "$corrald_pid" ]; then
        kill "$corrald_pid" 2>/dev/null
        wait "$corrald_pid" 2>/dev/null
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ok() {
    n=$((n + 1))
    echo "ok $n - $1"
}

not_ok() {
    n=$((n + 1))
    failures=$((failures + 1))
    echo "not ok $n - $1"
    shift
    for line in "$@"; do
        echo "# $line"
    done
}

# check NAME COMMAND…: the command must succeed.
check() {
    local name=$1
    shift
    if "$@" >"$work/out" 2>"$work/err"; then
        ok "$name"
    else
        not_ok "$name" "exit status $?" "$(cat "$work/err")"
    fi
}

# contains NAME FILE TEXT: FILE must contain TEXT.
contains() {
    if grep -qF -- "$3" "$2"; then
        ok "$1"
    else
        not_ok "$1" "'$3' not found in:" "$(cat "$2")"
    fi
}

# Starts corrald on @1 (a state dir) listening on 127.0.0.1:@2, and waits for
# its port file.
start_corrald() {
    local state=$1 port=$2
    mkdir -p "$state"
    "$CORRALD" --state-dir "$state" --listen "127.0.0.1:$port" --socket "$state/sock" \
        --libvirt-uri test:///default >"$state/log" 2>&1 &
    corrald_pid=$!
    for _ in $(seq 1 200); do
        if [ -s "$state/port" ] && [ -S "$state/sock" ]; then
            return 0
        fi
        if ! kill -0 "$corrald_pid" 2>/dev/null; then
            break
        fi
        sleep 0.05
    done
    echo "Bail out! corrald did not start: $(cat "$state/log")"
    exit 1
}

# The SHA-256 thumbprint of the certificate in state dir @1, as an
# administrator reads it on the host. Leak checks are off for this one-shot
# run: a sanitizer report at exit would swallow its buffered output, and
# corrald's own leaks are its tests' business.
thumbprint_of() {
    ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
        "$CORRALD" --state-dir "$1" --print-thumbprint
}

stop_corrald() {
    kill "$corrald_pid"
    wait "$corrald_pid" 2>/dev/null
    corrald_pid=
}

# A temporary HOME, so no pin or session of the person running the test is
# read or written.
export HOME=$work/home
unset XDG_CONFIG_HOME
mkdir -p "$HOME"

start_corrald "$work/state1" 0
port=$(tr -d '[:space:]' <"$work/state1/port")
host=127.0.0.1:$port
thumbprint=$(thumbprint_of "$work/state1")
if [ ${#thumbprint} -ne 95 ]; then
    echo "Bail out! corrald --print-thumbprint printed '$thumbprint'"
    exit 1
fi

cli() {
    "$CORRAL_CLI" --host "$host" "$@" </dev/null
}

# The first root password, over the unix socket, from standard input.
root_password='correct horse battery staple'
printf '%s\n' "$root_password" >"$work/root.pw"
check "passwd root over the socket" \
    sh -c "printf '%s\n' '$root_password' | '$CORRAL_CLI' --socket '$work/state1/sock' passwd root"

# A password that breaks the rules is refused before anything is sent.
if echo short | "$CORRAL_CLI" --socket "$work/state1/sock" passwd root >/dev/null 2>"$work/err"; then
    not_ok "a short password is refused"
else
    contains "a short password is refused" "$work/err" "corral-cli: the password of root"
fi

# First contact without a terminal and without --trust: refused, with the
# thumbprint and what to do.
if cli --password-file "$work/root.pw" vm list >"$work/out" 2>"$work/err"; then
    not_ok "an unknown host is refused without a terminal" "it succeeded"
else
    status=$?
    if [ "$status" -eq 1 ] && grep -qF -- "--trust" "$work/err" &&
        grep -qF "$thumbprint" "$work/err"; then
        ok "an unknown host is refused without a terminal"
    else
        not_ok "an unknown host is refused without a terminal" "status $status" "$(cat "$work/err")"
    fi
fi
if [ -e "$HOME/.config/corral/known_hosts" ]; then
    not_ok "nothing is pinned after a refusal"
else
    ok "nothing is pinned after a refusal"
fi

# A wrong --trust is refused and pins nothing.
wrong=$(printf '%s' "$thumbprint" | tr '0-9A-F' 'A-F0-9')
if cli --trust "$wrong" --password-file "$work/root.pw" vm list >/dev/null 2>"$work/err"; then
    not_ok "a wrong --trust is refused"
else
    contains "a wrong --trust is refused" "$work/err" "not the"
fi

# With the thumbprint corrald prints, login works and the host is pinned.
check "login with --trust" cli --trust "$thumbprint" --password-file "$work/root.pw" login
contains "login says who is logged in" "$work/out" "as root"
contains "known_hosts pins the host" "$HOME/.config/corral/known_hosts" "$host $thumbprint"
mode=$(stat -c %a "$HOME/.config/corral/sessions/$host" 2>/dev/null)
if [ "$mode" = 600 ]; then
    ok "the session file is private"
else
    not_ok "the session file is private" "mode ${mode:-missing}"
fi
if grep -rqF "$root_password" "$HOME" "$work/out" "$work/err"; then
    not_ok "the password is written nowhere"
else
    ok "the password is written nowhere"
fi

# Later commands reuse the session, with no password and no --trust.
check "vm list" cli vm list
contains "vm list shows the test driver's guest" "$work/out" "test"
contains "vm list has a header" "$work/out" "NAME"

state_of() {
    cli --json vm show test | python3 -c 'import json, sys; print(json.load(sys.stdin)["state"])'
}

check "vm power test off" cli vm power test off
contains "power off says shutoff" "$work/out" "test: shutoff"
if [ "$(state_of)" = shutoff ]; then ok "the guest is shut off"; else not_ok "the guest is shut off"; fi
check "vm power test on" cli vm power test on
if [ "$(state_of)" = running ]; then ok "the guest runs again"; else not_ok "the guest runs again"; fi

if cli vm power test sideways >/dev/null 2>"$work/err"; then
    not_ok "an unknown power action is a usage error"
else
    status=$?
    if [ "$status" -eq 2 ]; then ok "an unknown power action is a usage error"
    else not_ok "an unknown power action is a usage error" "status $status"; fi
fi
if cli vm show no-such-guest >/dev/null 2>"$work/err"; then
    not_ok "an unknown guest is an error"
else
    contains "an unknown guest is an error" "$work/err" "corral-cli: no guest is named"
fi

# --json prints the API's JSON.
for command in "vm list" "vm show test" "user list" "tasks" "events" "host show"; do
    # shellcheck disable=SC2086
    if cli --json $command >"$work/out" 2>"$work/err" &&
        python3 -m json.tool "$work/out" >/dev/null 2>&1; then
        ok "--json $command parses"
    else
        not_ok "--json $command parses" "$(cat "$work/err")" "$(head -c 300 "$work/out")"
    fi
done
check "events" cli events
contains "the event log shows the power change" "$work/out" "test"

# Tags and folders: set, shown, filtered on; bad ones refused, nothing changed.
labels_of() {
    cli --json vm show test |
        python3 -c 'import json, sys; v = json.load(sys.stdin); print(",".join(v["tags"]) + "|" + v["folder"])'
}
check "vm tag add" cli vm tag test add web db
contains "vm tag says the tags" "$work/out" "test: folder /, tags: web, db"
check "vm folder" cli vm folder test /Production/Web
contains "vm folder says the folder" "$work/out" "folder /Production/Web"
check "vm show with labels" cli vm show test
contains "vm show shows the tags" "$work/out" "web, db"
contains "vm show shows the folder" "$work/out" "/Production/Web"
check "vm list with labels" cli vm list
contains "vm list has a tags column" "$work/out" "TAGS"
contains "vm list shows the folder" "$work/out" "/Production/Web"
check "vm list --tag web" cli vm list --tag web
contains "vm list --tag web shows the guest" "$work/out" "test"
check "vm list --tag nothing-has" cli vm list --tag nothing-has
if grep -q "test" "$work/out"; then
    not_ok "vm list --tag leaves out guests without the tag" "$(cat "$work/out")"
else
    ok "vm list --tag leaves out guests without the tag"
fi
count=$(cli --json vm list --tag web --tag db |
    python3 -c 'import json, sys; print(len(json.load(sys.stdin)["vms"]))')
if [ "$count" = 1 ]; then ok "--json vm list --tag filters too"; else
    not_ok "--json vm list --tag filters too" "count $count"; fi
before=$(labels_of)
if cli vm tag test remove nothing-has >/dev/null 2>"$work/err"; then
    not_ok "removing a tag the guest has not is refused" "it succeeded"
else
    contains "removing a tag the guest has not is refused" "$work/err" "test has no tag"
fi
if cli vm tag test add 'a,b' >/dev/null 2>"$work/err"; then
    not_ok "a tag with a comma is a usage error" "it succeeded"
else
    status=$?
    if [ "$status" -eq 2 ] && grep -qF 'contains ","' "$work/err"; then
        ok "a tag with a comma is a usage error"
    else
        not_ok "a tag with a comma is a usage error" "status $status" "$(cat "$work/err")"
    fi
fi
if cli vm folder test Production >/dev/null 2>"$work/err"; then
    not_ok "a relative folder is a usage error" "it succeeded"
else
    contains "a relative folder is a usage error" "$work/err" 'must start with "/"'
fi
if [ "$(labels_of)" = "$before" ] && [ "$before" = "web,db|/Production/Web" ]; then
    ok "refused changes change nothing"
else
    not_ok "refused changes change nothing" "before $before, after $(labels_of)"
fi
check "vm tag remove" cli vm tag test remove db
if [ "$(labels_of)" = "web|/Production/Web" ]; then ok "vm tag remove removes"; else
    not_ok "vm tag remove removes" "$(labels_of)"; fi

# A user, who then logs in with their own password.
bob_password='a long passphrase for bob'
printf '%s\n' "$bob_password" >"$work/bob.pw"
check "user add" cli user add bob --role operator --password-file "$work/bob.pw"
check "user list" cli user list
contains "user list shows bob as operator" "$work/out" "operator"
check "login as bob" cli --user bob --password-file "$work/bob.pw" login
contains "login as bob says so" "$work/out" "as bob (operator)"
check "bob lists the guests" cli vm list
if cli user add eve --role admin --password-file "$work/bob.pw" >/dev/null 2>"$work/err"; then
    not_ok "an operator cannot add users"
else
    ok "an operator cannot add users"
fi
check "logout" cli logout
if [ -e "$HOME/.config/corral/sessions/$host" ]; then
    not_ok "logout forgets the session"
else
    ok "logout forgets the session"
fi
if cli vm list >/dev/null 2>"$work/err"; then
    not_ok "after logout a login is needed"
else
    contains "after logout a login is needed" "$work/err" "not logged in"
fi

# A one-off login with --password-file needs no kept session.
check "--password-file logs in for one command" cli --password-file "$work/root.pw" user list

# events --follow prints new events as they happen.
"$CORRAL_CLI" --host "$host" --password-file "$work/root.pw" events --follow \
    >"$work/follow" 2>&1 </dev/null &
follow_pid=$!
sleep 1
before=$(grep -c . "$work/follow")
cli --password-file "$work/root.pw" vm power test off >/dev/null 2>&1
for _ in $(seq 1 50); do
    [ "$(grep -c . "$work/follow")" -gt "$before" ] && break
    sleep 0.1
done
sleep 0.2
kill "$follow_pid" 2>/dev/null
wait "$follow_pid" 2>/dev/null
if tail -n +"$((before + 1))" "$work/follow" | grep -q "test"; then
    ok "events --follow prints the power change as it happens"
else
    not_ok "events --follow prints the power change as it happens" "$(cat "$work/follow")"
fi

# The same address with a new certificate: a hard stop, the pin unchanged.
stop_corrald
cp "$HOME/.config/corral/known_hosts" "$work/known_hosts.before"
start_corrald "$work/state2" "$port"
new_thumbprint=$(thumbprint_of "$work/state2")
if cli --password-file "$work/root.pw" vm list >"$work/out" 2>"$work/err"; then
    not_ok "a changed certificate is a hard stop" "it succeeded"
else
    status=$?
    if [ "$status" -eq 1 ] && grep -qF "$thumbprint" "$work/err" &&
        grep -qF "$new_thumbprint" "$work/err" && grep -qF "CHANGED" "$work/err"; then
        ok "a changed certificate is a hard stop"
    else
        not_ok "a changed certificate is a hard stop" "status $status" "$(cat "$work/err")"
    fi
fi
if [ "$(wc -l <"$work/err")" -eq 1 ]; then
    ok "the hard stop is one line"
else
    not_ok "the hard stop is one line" "$(cat "$work/err")"
fi
if cli --trust "$new_thumbprint" --password-file "$work/root.pw" vm list >/dev/null 2>"$work/err"; then
    not_ok "--trust does not replace a pin"
else
    ok "--trust does not replace a pin"
fi
if cmp -s "$HOME/.config/corral/known_hosts" "$work/known_hosts.before"; then
    ok "known_hosts is unchanged"
else
    not_ok "known_hosts is unchanged"
fi

echo "1..$n"
[ "$failures" -eq 0 ]
