#!/usr/bin/env bash
# Debian's Firefox ESR for tests/e2e/firefox.test.mjs, and the npm packages that drive it
# (puppeteer-core over WebDriver BiDi: no browser is downloaded from anywhere but Debian).
# Idempotent: apt runs only when /usr/bin/firefox-esr is missing, npm only when puppeteer-core is.
# Called by scripts/setup.sh --test; can be run on its own.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
say() { printf '\033[1m[setup-firefox]\033[0m %s\n' "$*"; }
sudo_cmd() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! [ -x /usr/bin/firefox-esr ]; then
  say "installing Debian's firefox-esr"
  sudo_cmd apt-get update -qq
  sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq firefox-esr
fi
say "$(/usr/bin/firefox-esr --version 2>/dev/null || echo 'firefox-esr: not runnable')"

# puppeteer-core is pinned in tests/e2e/package.json; it downloads no browser (the variable only makes
# sure of it should the full `puppeteer` package ever come in).
if ! [ -f "$root/tests/e2e/node_modules/puppeteer-core/package.json" ]; then
  say "installing the end-to-end test dependencies (npm ci)"
  (cd "$root/tests/e2e" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --loglevel=error --no-audit --no-fund)
fi
