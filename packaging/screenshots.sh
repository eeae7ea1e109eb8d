#!/usr/bin/env bash
# Regenerates the README's screenshots (resources/screenshots/*.png): builds the debug preset's
# vytalwatch-screenshots and runs it on the offscreen platform against an in-process demo clinic.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
packaging/install-deps.sh
cmake --preset debug >/dev/null
cmake --build --preset debug --target vytalwatch-screenshots
QT_QPA_PLATFORM=offscreen build/debug/tests/ui/vytalwatch-screenshots resources/screenshots
