#!/usr/bin/env bash
# Benchmark (prints, asserts nothing): a generated 100 000-row délibérations file validated by Tamis
# natively and in headless Chromium (wasm, release build), against the reference validator
# validata-ref on the same file in the same run. Ratios are the meaningful figures on a busy machine.
#
#   scripts/bench.sh            both benches and a summary
#   scripts/bench.sh --native   the native bench only (with validata-ref)
#
# Environment: see crates/engine/benches/validate.rs (TAMIS_BENCH_ROWS, TAMIS_BENCH_RUNS,
# TAMIS_BENCH_NO_REF, VALIDATA_REF…). The wasm bench always uses 100 000 rows.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$root"
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

step "native (cargo bench -p tamis-engine --bench validate) and validata-ref"
"${native_cargo[@]}" bench -p tamis-engine --bench validate | tee "$logs/native.txt"

if [ "${1:-}" != "--native" ]; then
  step "wasm in headless Chromium (release build)"
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner CHROMEDRIVER=/usr/bin/chromedriver \
    cargo test --release --target wasm32-unknown-unknown --test bench_wasm -- --include-ignored --nocapture \
    2>&1 | tee "$logs/wasm.txt"
fi

# `summary: key=value …` lines from both benches, into one lookup.
value() { grep -ho "$1=[^ ]*" "$logs"/*.txt 2>/dev/null | tail -n 1 | cut -d= -f2; }
native_rows=$(value native_rows_per_s)
native_s=$(value native_s)
wasm_rows=$(value wasm_rows_per_s)
wasm_s=$(value wasm_s)
ref_s=$(value validata_s)
ref_default_s=$(value validata_default_s)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.0f×", a / b; else print "n/a" }'; }

step "summary ($(value rows) rows, $(value mb) MB)"
printf '  %-44s %s rows/s (%s s)\n' "Tamis native (median)" "${native_rows:-n/a}" "${native_s:-n/a}"
printf '  %-44s %s rows/s (%s s)\n' "Tamis wasm in Chromium (median)" "${wasm_rows:-n/a}" "${wasm_s:-n/a}"
printf '  %-44s %s s\n' "validata-ref, --limit-errors 1000000" "${ref_s:-n/a}"
printf '  %-44s %s s\n' "validata-ref, default limit (stops at 1000)" "${ref_default_s:-n/a}"
printf '  %-44s %s native, %s wasm\n' "speed-up vs validata-ref (limit lifted)" \
  "$(ratio "${ref_s:-0}" "${native_s:-0}")" "$(ratio "${ref_s:-0}" "${wasm_s:-0}")"
printf '  %-44s %s native, %s wasm\n' "speed-up vs validata-ref (default limit)" \
  "$(ratio "${ref_default_s:-0}" "${native_s:-0}")" "$(ratio "${ref_default_s:-0}" "${wasm_s:-0}")"
printf '  %-44s %s\n' "targets" "native < 0.5 s, wasm < 1 s"
