# SPDX-License-Identifier: GPL-2.0-or-later
#
# Sourced by the console view's tests (hostile-vnc.sh, vnc-pointer.sh):
# start_xvfb FIRST LAST starts Xvfb on the first free display in
# :FIRST…:LAST, waits for its socket, and sets display and xvfb (its PID);
# the caller stops it. Then the environment GTK needs there.

start_xvfb() {
    local n
    display=""
    for n in $(seq "$1" "$2"); do
        [ -e "/tmp/.X$n-lock" ] || { display=":$n"; break; }
    done
    Xvfb "$display" -screen 0 1024x768x24 -nolisten tcp >/dev/null 2>&1 &
    xvfb=$!
    for _ in $(seq 50); do
        [ -e "/tmp/.X11-unix/X${display#:}" ] && break
        sleep 0.1
    done
    export DISPLAY=$display GDK_BACKEND=x11 GTK_A11Y=none GSK_RENDERER=cairo
}
