#!/usr/bin/env bash
# Sets up everything and runs every test: formatting, clippy, the engine's purity and wasm build, native
# engine tests (with the reference-validator conformance test), wasm-bindgen tests in Chromium, the
# release build, and the Playwright end-to-end tests in Debian's Chromium.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$root"
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "setup"
scripts/setup.sh --test

step "formatting"
"${native_cargo[@]}" fmt --all --check

step "clippy, warnings denied (native, and the app and its browser tests for wasm32)"
"${native_cargo[@]}" clippy --workspace --all-targets --quiet -- -D warnings
cargo clippy -p tamis --target wasm32-unknown-unknown --all-targets --quiet -- -D warnings

step "the engine has no web dependency and builds for wasm32 on its own"
for target in wasm32-unknown-unknown "$(rustc -vV | sed -n 's/^host: //p')"; do
  if cargo tree -p tamis-engine -e normal --target "$target" --prefix none | grep -E '^(leptos|web-sys|gloo|js-sys)[ -]'; then
    echo "tamis-engine must not depend on leptos, web-sys, gloo or js-sys (target $target)" >&2
    exit 1
  fi
done
cargo build -p tamis-engine --target wasm32-unknown-unknown --quiet

step "engine tests (native)"
"${native_cargo[@]}" test -p tamis-engine

step "the app's pure modules (native): the steps, the grid's model, the catalog"
"${native_cargo[@]}" test -p tamis --lib

step "wasm-bindgen tests in headless Chromium"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner CHROMEDRIVER=/usr/bin/chromedriver \
  cargo test --target wasm32-unknown-unknown --test web

step "release build, the single HTML file, the release zip, and a test build with a panic trigger (tests/e2e/autosave.test.mjs)"
trunk build --release
node scripts/single.mjs
scripts/release.sh --no-build
trunk build --release --features crash-test --dist target/dist-crash-test

step "end-to-end tests in Chromium (Playwright) and Firefox ESR (puppeteer-core, WebDriver BiDi)"
cd tests/e2e
node --test --test-concurrency=1 ./*.test.mjs
