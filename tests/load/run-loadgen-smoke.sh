#!/usr/bin/env bash
# ctest entry load/loadgen_smoke: a real vytalwatch-server on a free loopback port and a
# throwaway data dir, a 2 s throughput run with 2 pairs, 20 idle sockets and 10 REST keep-alive
# connections, and a check that the result line reports acked messages, no errors, and the
# server's writer timings over the window.
#
#   run-loadgen-smoke.sh <path/to/vytalwatch-server> <path/to/vytalwatch-loadgen>
set -euo pipefail

if [[ $# -ne 2 ]]; then
    echo "usage: $0 <vytalwatch-server> <vytalwatch-loadgen>" >&2
    exit 2
fi
SERVER=$1
LOADGEN=$2
[[ -x $SERVER ]] || { echo "loadgen_smoke: not executable: $SERVER" >&2; exit 2; }
[[ -x $LOADGEN ]] || { echo "loadgen_smoke: not executable: $LOADGEN" >&2; exit 2; }

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

# The master key comes from the environment, so neither process writes a key file.
MESSAGING_ENCRYPTION_KEY=$(head -c 32 /dev/urandom | base64)
export MESSAGING_ENCRYPTION_KEY

mkdir -m 700 "$DATA/store"
# --port 0: the kernel picks a free port and the server prints it.
"$SERVER" serve --data-dir "$DATA/store" --port 0 --rate-limit 0 >"$DATA/stdout" 2>"$DATA/server.log" &
SERVER_PID=$!

listening=
for _ in $(seq 200); do # ~20 s
    listening=$(sed -n 's/^vytalwatch-server listening on \([^ ]*\)$/\1/p' "$DATA/stdout" | head -n1)
    [[ -n $listening ]] && break
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
        echo "loadgen_smoke: the server exited before listening; its stderr:" >&2
        cat "$DATA/server.log" >&2
        exit 1
    fi
    sleep 0.1
done
[[ -n $listening ]] || { echo "loadgen_smoke: the server did not start; its stderr:" >&2; cat "$DATA/server.log" >&2; exit 1; }
URL="http://$listening"

healthy=
for _ in $(seq 50); do
    if python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1] + "/healthz", timeout=2)' "$URL" 2>/dev/null; then
        healthy=yes
        break
    fi
    sleep 0.1
done
[[ -n $healthy ]] || { echo "loadgen_smoke: $URL/healthz never answered" >&2; exit 1; }

status=0
"$LOADGEN" --server-binary "$SERVER" --data-dir "$DATA/store" --url "$URL" --server-pid "$SERVER_PID" \
    --scenario throughput --pairs 2 --idle-sockets 20 --idle-http 10 --settle 0.5 --warmup 0.5 --duration 2 \
    >"$DATA/result.json" 2>"$DATA/loadgen.log" || status=$?
if [[ $status -ne 0 ]]; then
    echo "loadgen_smoke: the load generator failed ($status):" >&2
    cat "$DATA/loadgen.log" >&2
    tail -n 30 "$DATA/server.log" >&2
    exit 1
fi
cat "$DATA/result.json"

python3 - "$DATA/result.json" <<'PY'
import json, sys
lines = open(sys.argv[1]).read().splitlines()
assert len(lines) == 1, f"expected one line on stdout, got {len(lines)}"
result = json.loads(lines[0])
problems = []
if result.get("acked", 0) <= 0:
    problems.append("acked is not > 0")
if result.get("errors") != 0:
    problems.append(f"errors = {result.get('errors')}: {result.get('errorsByKind')}")
if result.get("idle", {}).get("connected") != 20:
    problems.append(f"idle sockets connected: {result.get('idle')}")
if result.get("idleHttp") != 10:
    problems.append(f"REST keep-alive connections open: {result.get('idleHttp')}")
if result.get("deliveryLatencyMs", {}).get("count", 0) <= 0:
    problems.append("no delivery latencies")
# The server's writer histograms over the window: every acked message was one of its writes.
writer = result.get("serverWriter", {})
if writer.get("commits", 0) <= 0 or writer.get("writes", 0) < result.get("acked", 0):
    problems.append(f"server writer timings missing or short of the acked messages: {writer}")
if not 0 < writer.get("commitMs", {}).get("p50", 0) <= writer.get("commitMs", {}).get("p99", 0):
    problems.append(f"commit time percentiles out of order: {writer.get('commitMs')}")
if problems:
    sys.exit("loadgen_smoke: " + "; ".join(problems))
print(f"loadgen_smoke: {result['acked']} acked ({result['ackedPerSec']}/s), no errors")
PY

kill -0 "$SERVER_PID" 2>/dev/null || { echo "loadgen_smoke: the server died during the run" >&2; tail -n 50 "$DATA/server.log" >&2; exit 1; }
