#!/usr/bin/env bash
# Fuzzes the engine with cargo-fuzz (libFuzzer, nightly): a panic in the engine kills the web page, so
# no bytes may cause one. Not part of CI (it needs nightly and minutes); run it by hand, e.g. under nice.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     each target for SECONDS (default 60), one after another
#
# Targets (crates/engine/fuzz/fuzz_targets): read (any file), schema (any schema JSON), pipeline
# (any CSV through read → map → validate → write). Their working corpora are seeded from ../shared
# (corpus files and SCDL schemas, never copied into the repository) into crates/engine/fuzz/corpus/,
# and inputs that crash are saved in crates/engine/fuzz/artifacts/<target>/ (both git-ignored).
#
# Environment:
#   FUZZ_BUILD_FLAGS   cargo-fuzz build flags; default "-O -s none": optimised, no debug assertions, as
#                      the wasm release build, and no sanitizer (the engine forbids unsafe code). Use
#                      "-a -s none" to also catch overflows that only debug builds check.
#   FUZZ_KEEP_GOING    1 (default): after a crash, an out-of-memory or a timeout (its input saved), start
#                      the target again until its time is up; 0 stops at the first one.
#   FUZZ_SEED_MAX      largest corpus file used as a seed, in bytes (default 65536): big files make
#                      every execution slow, and the small ones reach the same code.
set -euo pipefail

source "$(dirname "$0")/env.sh"
fuzz_dir="$root/crates/engine/fuzz"
shared="$root/../shared"
seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(read schema pipeline)
read -r -a build_flags <<<"${FUZZ_BUILD_FLAGS:--O -s none}"

say() { printf '\033[1m[fuzz]\033[0m %s\n' "$*"; }

if ! rustup toolchain list | grep -q '^nightly'; then
  say "installing the nightly toolchain"
  rustup toolchain install nightly --profile minimal
fi
if ! command -v cargo-fuzz >/dev/null; then
  say "installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi
[ -d "$shared/corpus" ] || { echo "no $shared/corpus: the corpus lives in ../shared beside the repository" >&2; exit 1; }

# --- Seeds ---------------------------------------------------------------------------------------
# Copies a file into a corpus directory under a name made from its content (idempotent).
seed() { # seed DIR FILE [PREFIX_BYTE_HEX]
  local dir=$1 file=$2 prefix=${3:-} name
  mkdir -p "$dir"
  [ "$(stat -c %s "$file")" -le "${FUZZ_SEED_MAX:-65536}" ] || return 0
  if [ -n "$prefix" ]; then
    name=$( { printf "\\x$prefix"; cat "$file"; } | sha1sum | cut -c1-40)
    [ -e "$dir/$name" ] || { printf "\\x$prefix"; cat "$file"; } >"$dir/$name"
  else
    name=$(sha1sum <"$file" | cut -c1-40)
    [ -e "$dir/$name" ] || cp "$file" "$dir/$name"
  fi
}

# The read target's first byte picks the file name: 0 .csv, 1 .xlsx, 2 .xls, 3 .ods, 4 .txt.
ext_byte() {
  case "${1,,}" in
    *.xlsx) echo 01 ;; *.xls) echo 02 ;; *.ods) echo 03 ;; *.txt) echo 04 ;; *) echo 00 ;;
  esac
}

seed_corpora() {
  local corpus="$fuzz_dir/corpus" tmp file
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' RETURN
  while IFS= read -r -d '' file; do
    seed "$corpus/read" "$file" "$(ext_byte "$file")"
    case "${file,,}" in
      *.xlsx | *.xls | *.ods) ;;
      *) seed "$corpus/pipeline" "$file" ;;
    esac
  done < <(find "$shared/corpus" -type f ! -name MANIFEST.md -print0)

  # Workbooks re-packed without compression, so that byte mutations reach the XML the readers parse.
  if command -v python3 >/dev/null; then
    python3 - "$shared/corpus" "$tmp" <<'PY'
import pathlib, sys, zipfile
src, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
for path in sorted(src.rglob("*")):
    if path.suffix.lower() not in (".xlsx", ".ods") or path.stat().st_size > 200_000:
        continue
    try:
        with zipfile.ZipFile(path) as zin, zipfile.ZipFile(out / ("stored-" + path.name), "w", zipfile.ZIP_STORED) as zout:
            for item in zin.infolist():
                zout.writestr(item.filename, zin.read(item.filename), zipfile.ZIP_STORED)
    except zipfile.BadZipFile:
        pass
PY
    for file in "$tmp"/stored-*; do
      [ -e "$file" ] && seed "$corpus/read" "$file" "$(ext_byte "$file")"
    done
  fi

  while IFS= read -r -d '' file; do
    seed "$corpus/schema" "$file"
  done < <(find "$shared/schema.data.gouv.fr/schemas" -path '*/latest/*' -name '*.json' -print0)

  # A CSV with every field of the pipeline target's schema, valid and invalid rows.
  cat >"$tmp/pipeline-fields.csv" <<'CSV'
id;siret;nom;categorie;montant;montantFr;quantite;dateDecision;dateFr;horodatage;annee;periode;actif;publie;actes;debut;fin;total;part1;part2;latitude;longitude;courriel;site;ref;telephone;plafond;etat;geo
1;21740042300018;Mairie;Aide;1500.5;1 500,50;2;2023-03-15;15/03/2023;2023-03-15T10:30:00;2023;2023/2024;oui;true;Finances locales/Subventions;2023-01-01;2023-12-31;10;4;6;45.9;6.1;contact@mairie.fr;https://mairie.fr;123e4567-e89b-12d3-a456-426614174000;04 50 00 00 00;1.5;ouvert;45.9,6.1
1;21740042300019;M;Autre;-3;x;9;15/03/2023;2023-03-15;2023-03-15;23;2024/2023;peut-être;1;Finances locales / x;2023-12-31;2023-01-01;11;4;6;45.9;;pas un courriel;mairie;pas-un-uuid;;7;clos;
;;;;;;;;;;;;;;;;;;;;;;;;;;;;
2;NA;"Nom; avec ""guillemets""";Don;1e400;NaN;1;2023-02-29;31/02/2023;2023-03-15T25:00:00;1899;2023;non;false;urbanisme/x;;;99999999999999999999999;1;2.5;;6.1;a@b.c;x:y;123E4567E89B12D3A456426614174000;+33 4 50;3e2;fermé;NA
CSV
  seed "$corpus/pipeline" "$tmp/pipeline-fields.csv"
}

say "seeding the corpora from $shared"
seed_corpora
for target in read schema pipeline; do
  say "  $target: $(find "$fuzz_dir/corpus/$target" -type f | wc -l) inputs"
done

# --- Runs ----------------------------------------------------------------------------------------
# One libFuzzer process at a time. When it finds a crash (or an out-of-memory, or a timeout) it saves
# the input and stops; with FUZZ_KEEP_GOING=1 it is started again on the grown corpus until the time
# is up, so one run can report several distinct bugs.
cd "$fuzz_dir"
say "building (${build_flags[*]})"
cargo +nightly fuzz build "${build_flags[@]}"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
for target in "${targets[@]}"; do
  say "$target for ${seconds}s"
  mkdir -p "artifacts/$target"
  deadline=$((SECONDS + seconds))
  started=$SECONDS
  runs=0
  : >"$log"
  while [ $((deadline - SECONDS)) -gt 0 ] && [ "$runs" -lt 50 ]; do
    runs=$((runs + 1))
    if cargo +nightly fuzz run "${build_flags[@]}" "$target" "$fuzz_dir/corpus/$target" -- \
      -max_total_time=$((deadline - SECONDS)) -dict="$fuzz_dir/dicts/$target.dict" -timeout=20 \
      -rss_limit_mb=2048 -print_final_stats=1 2>&1 | tee -a "$log"; then
      break
    fi
    [ "${FUZZ_KEEP_GOING:-1}" = 1 ] || break
  done
  executions=$(awk '/^stat::number_of_executed_units:/ { n += $2 } END { print n + 0 }' "$log")
  found=$(find "artifacts/$target" -type f | wc -l)
  say "$target: ${executions:-0} executions in $((SECONDS - started))s ($runs run(s)); $found input(s) in crates/engine/fuzz/artifacts/$target"
  [ "$found" = 0 ] || status=1
done
exit "$status"
