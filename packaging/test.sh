#!/usr/bin/env bash
# The README's test command: installs what is missing, builds, and runs the whole test
# suite twice, in the Debug preset (warnings as errors) and in the ASan+UBSan preset.
# Usage: packaging/test.sh [preset...]   (default: debug asan)
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."

packaging/install-deps.sh

# ccache (outside the repo, in the user's cache dir) keys on paths relative to the clone,
# so a fresh clone in another directory still hits the cache.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1

presets=("$@")
[[ ${#presets[@]} -gt 0 ]] || presets=(debug asan)

for preset in "${presets[@]}"; do
  started=$SECONDS
  echo "== ${preset}: configure and build"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset"
  built=$SECONDS
  echo "== ${preset}: test"
  ctest --preset "$preset"
  echo "== ${preset}: build $((built - started)) s, tests $((SECONDS - built)) s"
done
