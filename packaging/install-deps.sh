#!/usr/bin/env bash
# Installs every Debian 12 package VytalWatch Messaging needs to build, run and test.
# Idempotent: it asks dpkg what is already there and installs only what is missing,
# and prints nothing when everything is present. Needs root (or sudo).
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build ccache pkg-config git
  # Qt 6.4 (Debian 12): Core/Network/Widgets, HttpServer, WebSockets, SQL drivers, translations
  qt6-base-dev qt6-base-dev-tools qt6-httpserver-dev qt6-websockets-dev
  libqt6sql6-sqlite libqt6sql6-psql qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qt6-translations-l10n libgl-dev
  # SQLite's own API on the Qt driver's connection (store::SqliteStatement)
  libsqlite3-dev
  # crypto
  libssl-dev libsodium-dev
  # the server's allocator (tcmalloc, per-thread caches)
  libgoogle-perftools-dev
  # content sniffing for attachments (QMimeDatabase reads the shared-mime-info database),
  # and Qt's image plugins (WebP, GIF, ...) for attachment thumbnails
  shared-mime-info qt6-image-formats-plugins
  # later tests: widget smoke tests, socket.io interop, virus scanning, PostgreSQL
  xvfb xauth x11-utils clamav-daemon clamav postgresql sqlite3 curl
  # the benchmark report and test scripts read JSON with python3
  python3
)

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$package" 2>/dev/null || true)
  [[ "$status" == ii* ]] || missing+=("$package")
done
# Node.js and npm: any working install will do (Debian's packages or another apt source).
if ! command -v node >/dev/null 2>&1; then missing+=(nodejs); fi
if ! command -v npm >/dev/null 2>&1; then missing+=(npm); fi

[[ ${#missing[@]} -eq 0 ]] && exit 0

sudo=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null 2>&1 || { echo "install-deps: run as root or install sudo; missing: ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# The packaged clamd and PostgreSQL services are not used: tests start their own instances.
echo "install-deps: done"
