#!/usr/bin/env bash
# Benchmark (prints, asserts nothing): a generated 100 000-row délibérations file validated by Tamis
# natively and in headless Chromium (wasm, release build), against the reference validator
# validata-ref on the same file in the same run. Ratios are the meaningful figures on a busy machine.
# Then the fix grid in Chromium (tests/e2e/bench/grid.bench.mjs): open, edit → repaint, bulk fix,
# undo and scroll frame times on a generated file in the app itself (release build in dist/).
#
#   scripts/bench.sh            all three benches and a summary
#   scripts/bench.sh --native   the native bench only (with validata-ref)
#   scripts/bench.sh --grid     the grid bench only (builds dist/ in release mode if it is missing or stale)
#   scripts/bench.sh --open     the native bench (for validata-ref's time), then the user's path
#                               (tests/e2e/bench/open.bench.mjs): open → report, open → grid, longest task and
#                               peak memory on the files of issue #14 (the 100,000-row one opened twice in a
#                               page, in Chromium and in Firefox ESR), the first visit, and the ratio
#
# Environment: see crates/engine/benches/validate.rs (TAMIS_BENCH_ROWS, TAMIS_BENCH_RUNS,
# TAMIS_BENCH_NO_REF, VALIDATA_REF…). The wasm bench always uses 100 000 rows. The grid bench: see the
# head of tests/e2e/bench/grid.bench.mjs (TAMIS_BENCH_ROWS, TAMIS_BENCH_BAD_PER_MILLE…).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$root"
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

only="${1:-}"

if [ "$only" != "--grid" ]; then
  step "native (cargo bench -p tamis-engine --bench validate) and validata-ref"
  # At opt-level 3, as a native build of the engine would be: the release profile's "z" is the wasm's,
  # chosen for the download (the native figure at "z" is about 1.8 times slower).
  CARGO_PROFILE_BENCH_OPT_LEVEL=3 "${native_cargo[@]}" bench -p tamis-engine --bench validate | tee "$logs/native.txt"
fi

if [ -z "$only" ]; then
  step "wasm in headless Chromium (release build)"
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner CHROMEDRIVER=/usr/bin/chromedriver \
    cargo test --release --target wasm32-unknown-unknown --test bench_wasm -- --include-ignored --nocapture \
    2>&1 | tee "$logs/wasm.txt"
fi

if [ "$only" != "--native" ]; then
  if [ ! -f dist/index.html ] || [ -n "$(find src crates/engine/src index.html public Cargo.toml Cargo.lock \
      -newer dist/index.html -print -quit 2>/dev/null)" ]; then
    trunk build --release
  fi
  [ -d tests/e2e/node_modules ] || (cd tests/e2e && npm ci)
fi

if [ -z "$only" ] || [ "$only" = "--grid" ]; then
  step "the fix grid in Chromium (tests/e2e/bench/grid.bench.mjs)"
  node tests/e2e/bench/grid.bench.mjs | tee "$logs/grid.txt"
fi

if [ -z "$only" ] || [ "$only" = "--open" ]; then
  step "the user's path in Chromium: tamis:open → tamis:report (tests/e2e/bench/open.bench.mjs)"
  files=$(mktemp -d)
  gen() { "${native_cargo[@]}" run --release -q -p tamis-engine --example gen_deliberations -- "$@"; }
  gen 100000 "$files/deliberations-100k.csv" 2
  gen 300000 "$files/deliberations-300k.csv" 2
  # Prénoms, 1,000,000 rows × 6: one row in a thousand has a bad year; then every row has one.
  awk 'BEGIN { print "COMMUNE_NOM,COLL_INSEE,ENFANT_SEXE,ENFANT_PRENOM,NOMBRE_OCCURRENCES,ANNEE";
    split("Léa Emma Louis Jules Chloé", p, " ");
    for (i = 0; i < 1000000; i++) printf "Montpellier,34172,%s,%s,%d,%s\n", (i % 2 ? "F" : "M"), p[i % 5 + 1], i % 50 + 1, (i % 1000 ? "2023" : "deux mille") }' \
    > "$files/prenoms-1m.csv"
  sed 's/,2023$/,deux mille/' "$files/prenoms-1m.csv" > "$files/prenoms-1m-errors.csv"
  node tests/e2e/bench/open.bench.mjs "$files/deliberations-100k.csv" scdl/deliberations --twice --first-visit | tee "$logs/open.txt"
  # As a person opens it, seconds after the page is up (the page has warmed up meanwhile); not summarised.
  node tests/e2e/bench/open.bench.mjs "$files/deliberations-100k.csv" scdl/deliberations --idle=3000 | grep -v '^summary:' | tee "$logs/open-idle.txt"
  # The same path in Firefox ESR (no Long Tasks API there: the longest stall of the page's thread).
  node tests/e2e/bench/open.firefox.bench.mjs "$files/deliberations-100k.csv" scdl/deliberations --twice | tee "$logs/open-firefox.txt"
  for f in deliberations-300k:scdl/deliberations prenoms-1m:scdl/prenoms prenoms-1m-errors:scdl/prenoms; do
    node tests/e2e/bench/open.bench.mjs "$files/${f%%:*}.csv" "${f#*:}" | tee -a "$logs/open-more.txt"
  done
  rm -rf "$files"
fi

# `summary: key=value …` lines from the benches, into one lookup (keys match whole words).
# A key no bench printed (one skipped) is empty, not a failure under `set -e`.
value() { { grep -hoE "(^| )$1=[^ ]*" "$logs"/*.txt 2>/dev/null || true; } | tail -n 1 | cut -d= -f2; }
native_rows=$(value native_rows_per_s)
native_s=$(value native_s)
wasm_rows=$(value wasm_rows_per_s)
wasm_s=$(value wasm_s)
ref_s=$(value validata_s)
ref_default_s=$(value validata_default_s)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.0f×", a / b; else print "n/a" }'; }

if [ "$only" = "--grid" ]; then
  step "summary"
else
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
fi
if [ -n "$(value grid_rows)" ]; then
  printf '  %-44s %s ms\n' "grid: open ($(value grid_rows) rows, $(value grid_issues) issues)" "$(value grid_open_ms)"
  printf '  %-44s %s ms median, %s ms max (%s edits)\n' "grid: edit to repaint" \
    "$(value grid_edit_median_ms)" "$(value grid_edit_max_ms)" "$(value grid_edits)"
  printf '  %-44s %s ms, %s ms\n' "grid: bulk fix, undo (to repaint)" "$(value grid_bulk_ms)" "$(value grid_undo_ms)"
  printf '  %-44s p95 %s ms, max %s ms, %s of %s frames over 50 ms\n' "grid: scroll frames" \
    "$(value grid_scroll_p95_ms)" "$(value grid_scroll_max_ms)" "$(value grid_scroll_over50)" "$(value grid_scroll_frames)"
  printf '  %-44s %s ms (task %s ms), %s ms (task %s ms)\n' "grid: export, click → saved: CSV, XLSX copy" \
    "$(value grid_csv_ms)" "$(value grid_csv_task_ms)" "$(value grid_xlsx_ms)" "$(value grid_xlsx_task_ms)"
  printf '  %-44s %s\n' "grid targets" "edit to repaint < 50 ms, no scroll frame over 50 ms"
fi
if [ -f "$logs/open.txt" ]; then
  echo
  grep -h '^open: ' "$logs/open.txt" "$logs/open-more.txt" | sed 's/^open: /  /'
  grep -h '^open (' "$logs/open-firefox.txt" | sed 's/^open /  /'
  printf '  %-44s %s\n' "user's path targets (100,000 rows)" "open → report ≤ 0.5 s, ≥ 40× validata-ref; open → grid ≤ 1 s; no task over 100 ms"
  printf '  %-44s %s\n' "" "peak memory ≤ 1.5 GB at a million errors; first visit ≤ 1 MB brotli"
  open_ms=$(value open_report_ms | head -n 1)
  ref_s=$(value validata_s)
  if [ -n "$ref_s" ] && [ -n "$open_ms" ]; then
    printf '  %-44s %s\n' "open → report vs validata-ref (100,000 rows)" "$(ratio "$ref_s" "$(awk -v m="$open_ms" 'BEGIN { print m / 1000 }')")"
  fi
fi
