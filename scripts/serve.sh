#!/usr/bin/env bash
# Sets up the toolchain, builds the app and serves it on http://127.0.0.1:${PORT:-8080}/.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$root"
scripts/setup.sh
echo "Tamis sera servi sur http://127.0.0.1:${PORT:-8080}/ (Ctrl+C pour arrêter)"
exec trunk serve --release --address 127.0.0.1 --port "${PORT:-8080}"
