#!/usr/bin/env bash
# ctest entry ui/window_smoke: starts `vytalwatch-chat --local-server --demo` on a virtual X
# display (Xvfb) and checks that its main window appears on screen, then quits it.
#
#   run-window-smoke.sh <path/to/vytalwatch-chat>
set -euo pipefail

APP=${1:?usage: run-window-smoke.sh <vytalwatch-chat>}
DATA=$(mktemp -d)
LOG="$DATA/app.log"
trap 'rm -rf "$DATA"' EXIT

export APP DATA LOG
# xvfb-run gives the inner script its own display and tears it down afterwards.
xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
    set -u
    QT_QPA_PLATFORM=xcb "$APP" --local-server --demo --port 0 --data-dir "$DATA/server" >"$LOG" 2>&1 &
    pid=$!
    found=
    for _ in $(seq 150); do # up to ~30 s (a cold start seeds the demo clinic)
        if xwininfo -root -tree 2>/dev/null | grep -q "\"VytalWatch Messaging\""; then
            found=yes
            break
        fi
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.2
    done
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    if [[ -z $found ]]; then
        echo "window_smoke: the main window did not appear; the app said:" >&2
        cat "$LOG" >&2
        exit 1
    fi
    grep -q "dr.house" "$LOG" || { echo "window_smoke: demo accounts were not printed" >&2; cat "$LOG" >&2; exit 1; }
    echo "window_smoke: the main window appeared and the demo accounts were printed"
'
