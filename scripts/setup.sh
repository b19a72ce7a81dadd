#!/usr/bin/env bash
# Installs what the tests and the sample need on a fresh Debian machine: runs every
# scripts/setup.d/*.sh in order. Each script is idempotent and installs one component.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

# apt_install PKG...: installs Debian packages that are missing (as root, or through sudo).
apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  if [ ! -f /tmp/.federationkit-apt-updated ]; then
    $sudo apt-get update -qq && touch /tmp/.federationkit-apt-updated
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
export -f apt_install

for script in "$root"/scripts/setup.d/*.sh; do
  [ -f "$script" ] || continue
  echo "setup: $(basename "$script")"
  ROOT="$root" bash -c "set -euo pipefail; source '$script'"
done
