#!/usr/bin/env bash
# Builds the app as one self-contained HTML file, target/single/tamis.html, that works when opened from
# a folder or a USB key (file://) in Chromium and Firefox: see scripts/single.mjs.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$root"
scripts/setup.sh
trunk build --release
node scripts/single.mjs
