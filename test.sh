#!/usr/bin/env bash
# The test command: installs what the tests need on a fresh Debian or Ubuntu machine (Chromium
# and its driver for the browser tests, poppler-utils for the PDF test, Node.js and npm for the
# end-to-end tests, and the Rust toolchain if missing), then runs `cargo test` with any
# arguments given, e.g. `./test.sh --test import`. Nothing is skipped: a test whose tool is
# missing fails and says which.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
command -v cargo >/dev/null || [ -x "$HOME/.cargo/bin/cargo" ] || missing+=(cargo)
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> installing ${missing[*]}"
  sudo=
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -q
  $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
[ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"

# Install when missing, or when the lock file lists packages newer than what is installed.
if [ ! -f tests/e2e/node_modules/.package-lock.json ] ||
  [ tests/e2e/package-lock.json -nt tests/e2e/node_modules/.package-lock.json ]; then
  echo "==> npm ci in tests/e2e"
  (cd tests/e2e && npm ci --no-audit --no-fund)
fi

exec cargo test "$@"
