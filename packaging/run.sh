#!/usr/bin/env bash
# The README's run command: installs what is missing, builds the release preset and starts
# the product. With a display it opens the desktop app hosting its own clinic server with
# demo accounts; without one it runs the headless server on 127.0.0.1:3000.
# Extra arguments go to the program that starts.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."

packaging/install-deps.sh
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
cmake --preset release >/dev/null
cmake --build --preset release --target vytalwatch-chat vytalwatch-server

if [[ -n "${DISPLAY:-}" || -n "${WAYLAND_DISPLAY:-}" ]]; then
  exec build/release/app/vytalwatch-chat --local-server --demo "$@"
fi
echo "No display found: starting the headless server (Ctrl+C stops it)."
exec build/release/server/vytalwatch-server serve "$@"
