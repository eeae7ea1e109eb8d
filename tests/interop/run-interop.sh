#!/usr/bin/env bash
# ctest entry for interop/socketio_client: the stock npm socket.io-client@4 against a real
# vytalwatch-server on a throwaway data dir.
#
#   run-interop.sh <path/to/vytalwatch-server> <work dir inside the build tree>
#
# node_modules lives in <work dir>/node (never in the source tree); `npm ci` runs only when it
# is missing or package.json/package-lock.json changed, so only the first run needs the registry.
# NODE and NPM may name the executables (CMake passes the ones it found).
set -euo pipefail

if [[ $# -ne 2 ]]; then
    echo "usage: $0 <vytalwatch-server> <work dir>" >&2
    exit 2
fi
SERVER=$1
WORKDIR=$2
NODE=${NODE:-node}
NPM=${NPM:-npm}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
NODE_DIR="$WORKDIR/node"
SERVER_LOG="$WORKDIR/server.log"

[[ -x $SERVER ]] || { echo "interop: server binary not found or not executable: $SERVER" >&2; exit 2; }

# --- node dependencies -------------------------------------------------------------------
mkdir -p "$NODE_DIR"
cp "$HERE/package.json" "$HERE/package-lock.json" "$HERE/messaging-interop.mjs" "$NODE_DIR/"
wanted=$(cat "$HERE/package.json" "$HERE/package-lock.json" | sha256sum | cut -d' ' -f1)
installed=$(cat "$NODE_DIR/.installed.sha256" 2>/dev/null || true)
if [[ ! -d $NODE_DIR/node_modules || $wanted != "$installed" ]]; then
    echo "interop: npm ci in $NODE_DIR"
    rm -f "$NODE_DIR/.installed.sha256"
    (cd "$NODE_DIR" && "$NPM" ci --no-audit --no-fund)
    echo "$wanted" >"$NODE_DIR/.installed.sha256"
fi

# --- throwaway server ----------------------------------------------------------------------
DATA=$(mktemp -d)
SERVER_PID=
# shellcheck disable=SC2317 # called through the EXIT trap
cleanup() {
    if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$DATA"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

random_password() {
    printf 'interop-%s' "$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
}
INTEROP_PROVIDER_PASSWORD=$(random_password)
INTEROP_PATIENT_PASSWORD=$(random_password)
INTEROP_OUTSIDER_PASSWORD=$(random_password)
export INTEROP_PROVIDER_USER=dr.interop INTEROP_PROVIDER_PASSWORD
export INTEROP_PATIENT_USER=pat.interop INTEROP_PATIENT_PASSWORD
export INTEROP_OUTSIDER_USER=out.interop INTEROP_OUTSIDER_PASSWORD

add_user() { # username role display-name password
    printf '%s' "$4" | "$SERVER" user add --data-dir "$DATA" --username "$1" --role "$2" \
        --display-name "$3" --password-stdin >/dev/null
}
add_user "$INTEROP_PROVIDER_USER" provider "Dr Interop" "$INTEROP_PROVIDER_PASSWORD"
add_user "$INTEROP_PATIENT_USER" patient "Pat Interop" "$INTEROP_PATIENT_PASSWORD"
add_user "$INTEROP_OUTSIDER_USER" patient "Out Interop" "$INTEROP_OUTSIDER_PASSWORD"

"$SERVER" serve --data-dir "$DATA" --port 0 >"$DATA/stdout" 2>"$SERVER_LOG" &
SERVER_PID=$!

listening=
for _ in $(seq 200); do # ~20 s
    listening=$(sed -n 's/^vytalwatch-server listening on \([^ ]*\)$/\1/p' "$DATA/stdout" | head -n1)
    [[ -n $listening ]] && break
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
        echo "interop: vytalwatch-server exited before listening; its stderr:" >&2
        cat "$SERVER_LOG" >&2
        exit 1
    fi
    sleep 0.1
done
if [[ -z $listening ]]; then
    echo "interop: vytalwatch-server did not report 'listening on' within 20 s; its stderr:" >&2
    cat "$SERVER_LOG" >&2
    exit 1
fi
export INTEROP_URL="http://$listening"
echo "interop: vytalwatch-server listening on $listening (log: $SERVER_LOG)"

status=0
"$NODE" "$NODE_DIR/messaging-interop.mjs" || status=$?

if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "interop: vytalwatch-server died during the run; its stderr:" >&2
    tail -n 50 "$SERVER_LOG" >&2
    exit 1
fi
if [[ $status -ne 0 ]]; then
    echo "interop: last lines of the server log:" >&2
    tail -n 30 "$SERVER_LOG" >&2
fi
exit "$status"
