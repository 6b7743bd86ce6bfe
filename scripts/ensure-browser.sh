#!/usr/bin/env bash
# Installs Debian's Chromium for the dashboard's browser tests when it is missing (they drive
# /usr/bin/chromium through playwright-core; no browser is downloaded by npm).
set -euo pipefail
if command -v chromium >/dev/null 2>&1 || [ -n "${AGPM_CHROMIUM:-}" ]; then
  echo "ensure-browser: $(command -v chromium || echo "$AGPM_CHROMIUM")"
  exit 0
fi
echo "ensure-browser: installing Debian's chromium"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
command -v chromium
