//! Benchmark (prints, does not assert): a generated 100 000-row délibérations file validated by Tamis
//! natively, then by the reference validator (validata-ref) on the same file, in the same run.
//!
//!   CARGO_PROFILE_BENCH_OPT_LEVEL=3 cargo bench -p tamis-engine --bench validate
//!
//! (`scripts/bench.sh` builds it at opt-level 3, as a native build would be; the workspace's release
//! profile, which `cargo bench` inherits, is the wasm's `opt-level = "z"`, about 1.8 times slower.)
//!
//! Environment:
//! - `TAMIS_BENCH_ROWS` (default 100000), `TAMIS_BENCH_RUNS` (default 5), `TAMIS_BENCH_SEED` (default 1);
//! - `TAMIS_BENCH_SCHEMA`: the délibérations schema (default: the latest one in the shared catalog
//!   snapshot, `../shared/schema.data.gouv.fr/…` beside the checkout);
//! - `VALIDATA_REF`: the reference validator (default `../shared/tools/validata-ref/validata-ref`);
//!   `TAMIS_BENCH_NO_REF=1` skips it;
//! - `TAMIS_BENCH_KEEP=1` keeps the generated file.
//!
//! The last lines, starting with `summary:`, are read by `scripts/bench.sh`.

#[path = "gen/mod.rs"]
mod gen;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};
use tamis_engine::{mapping, read, suggest, CompiledSchema, ReadOptions, Recipe, Schema};

type BoxError = Box<dyn std::error::Error>;

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// `/work` when the checkout is `/work/<worktree>`: where `shared/` lives.
fn beside_checkout() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../..")
}

fn seconds(d: Duration) -> f64 {
    d.as_secs_f64()
}

struct Stage {
    name: &'static str,
    times: Vec<Duration>,
}

impl Stage {
    fn best(&self) -> Duration {
        self.times.iter().copied().min().unwrap_or_default()
    }

    fn median(&self) -> Duration {
        let mut t = self.times.clone();
        t.sort();
        t.get(t.len() / 2).copied().unwrap_or_default()
    }
}

fn main() -> Result<(), BoxError> {
    // `cargo bench` passes `--bench`; nothing else is understood.
    let rows: usize = env_or("TAMIS_BENCH_ROWS", 100_000);
    let runs: usize = env_or("TAMIS_BENCH_RUNS", 5).max(1);
    let seed: u64 = env_or("TAMIS_BENCH_SEED", 1);
    let schema_path = std::env::var("TAMIS_BENCH_SCHEMA").map(PathBuf::from).unwrap_or_else(|_| {
        beside_checkout().join("shared/schema.data.gouv.fr/schemas/scdl/deliberations/latest/schema.json")
    });
    let validata = std::env::var("VALIDATA_REF")
        .map(PathBuf::from)
        .unwrap_or_else(|_| beside_checkout().join("shared/tools/validata-ref/validata-ref"));

    let schema = Schema::from_json(&std::fs::read_to_string(&schema_path)?)?;
    let names: Vec<&str> = schema.fields.iter().map(|f| f.name.as_str()).collect();
    if names != gen::FIELDS {
        println!("warning: the schema's fields differ from the generator's: {names:?}");
    }

    let t = Instant::now();
    let generated = gen::deliberations_csv(rows, seed);
    let gen_time = t.elapsed();
    let bytes = generated.csv;
    let mb = bytes.len() as f64 / 1e6;
    let dir = std::env::temp_dir().join(format!("tamis-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let file = dir.join("deliberations-bench.csv");
    std::fs::write(&file, &bytes)?;
    let cells = rows * gen::FIELDS.len();
    let bad = generated.bad.iter().map(|(_, n)| n).sum::<usize>();
    println!("schema   {} (version {})", schema_path.display(), schema.version.as_deref().unwrap_or("?"));
    println!(
        "file     {} — {rows} rows, {mb:.1} MB, generated in {:.2} s (seed {seed})",
        file.display(),
        seconds(gen_time)
    );
    println!("spoiled  {bad} cells of {cells} ({:.2} %):", 100.0 * bad as f64 / cells.max(1) as f64);
    for (kind, n) in &generated.bad {
        println!("           {n:>6}  {}", kind.name());
    }

    // Tamis, `runs` times, each stage timed on its own.
    let mut stages = [
        Stage { name: "read", times: vec![] },
        Stage { name: "suggest", times: vec![] },
        Stage { name: "map", times: vec![] },
        Stage { name: "compile", times: vec![] },
        Stage { name: "validate", times: vec![] },
        Stage { name: "map as app", times: vec![] },
    ];
    let mut totals = Vec::new();
    let mut report = None;
    for _ in 0..runs {
        let t0 = Instant::now();
        let sheet = read("deliberations-bench.csv", &bytes, &ReadOptions::default())?;
        let t1 = Instant::now();
        // What the app suggests for a file it opens (the generated columns are the fields' names).
        let suggestions = suggest::suggest_mapping(&schema, &sheet);
        let t1s = Instant::now();
        let recipe = Recipe::by_name(&schema, &sheet.headers);
        let table = mapping::apply(&sheet, &schema, &recipe);
        let t2 = Instant::now();
        let compiled = CompiledSchema::compile(&schema)?;
        let t3 = Instant::now();
        let r = compiled.validate(&table);
        let t4 = Instant::now();
        // The app maps with the suggestions, transforms included (dates written `dd/mm/yyyy` made
        // ISO…): timed apart, since that table, partly repaired, is not the one Validata checks.
        let suggested = Recipe::from_suggestions(&schema, &sheet, &suggestions);
        let t5 = Instant::now();
        std::hint::black_box(mapping::apply(&sheet, &schema, &suggested));
        let t6 = Instant::now();
        for (stage, d) in stages.iter_mut().zip([t1 - t0, t1s - t1, t2 - t1s, t3 - t2, t4 - t3, t6 - t5]) {
            stage.times.push(d);
        }
        totals.push(t4 - t0);
        report = Some(r);
        drop((sheet, table));
    }
    totals.sort();
    let best = totals.first().copied().unwrap_or_default();
    let median = totals.get(totals.len() / 2).copied().unwrap_or_default();
    println!("\nTamis (native, {runs} runs)      best        median");
    for stage in &stages {
        println!("  {:<10}              {:>8.1} ms  {:>8.1} ms", stage.name, ms(stage.best()), ms(stage.median()));
    }
    println!("  {:<10}              {:>8.1} ms  {:>8.1} ms", "total", ms(best), ms(median));
    println!("  (\"map as app\": the mapping with the suggested transforms, the app's, not in the total)");
    let rows_s = rows as f64 / seconds(median);
    println!(
        "  throughput (median)     {rows_s:.0} rows/s, {:.1} MB/s (best: {:.0} rows/s)",
        mb / seconds(median),
        rows as f64 / seconds(best)
    );
    let report = report.ok_or("no run")?;
    let tamis_counts: BTreeMap<String, usize> =
        report.counts().into_iter().map(|(c, n)| (c.as_str().to_owned(), n)).collect();
    println!("  issues: {} (valid: {})", report.issues.len(), report.valid);
    if !report.unchecked.is_empty() {
        println!("  unchecked rules: {:?}", report.unchecked);
    }

    println!("\nsummary: native_rows_per_s={rows_s:.0} native_s={:.3} rows={rows} mb={mb:.1}", seconds(median));

    if std::env::var("TAMIS_BENCH_NO_REF").is_ok_and(|v| v == "1") {
        println!("summary: validata_s=skipped");
    } else if !validata.exists() {
        println!("validata-ref not found at {}: skipped", validata.display());
        println!("summary: validata_s=skipped");
    } else {
        println!("\nvalidata-ref on the same file (wall clock, one run each):");
        let default = run_validata(&validata, &schema_path, &file, None)?;
        let lifted = run_validata(&validata, &schema_path, &file, Some(1_000_000))?;
        for (label, r) in
            [("default (--limit-errors 1000, stops early)", &default), ("--limit-errors 1000000", &lifted)]
        {
            println!(
                "  {label:<44} {:>7.2} s wall (its read {:.2} s, validate {:.2} s), {} errors{}",
                r.wall,
                r.read_s,
                r.validate_s,
                r.errors,
                if r.partial { ", partial" } else { "" }
            );
        }
        println!("\nissues by code          Tamis   validata-ref (limit lifted)   validata-ref (default)");
        let mut codes: Vec<&String> =
            tamis_counts.keys().chain(lifted.by_code.keys()).chain(default.by_code.keys()).collect();
        codes.sort();
        codes.dedup();
        for code in codes {
            let n = |m: &BTreeMap<String, usize>| m.get(code).copied().unwrap_or(0);
            println!("  {code:<26} {:>8} {:>12} {:>22}", n(&tamis_counts), n(&lifted.by_code), n(&default.by_code));
        }
        let total = |m: &BTreeMap<String, usize>| m.values().sum::<usize>();
        println!(
            "  {:<26} {:>8} {:>12} {:>22}",
            "total",
            total(&tamis_counts),
            total(&lifted.by_code),
            total(&default.by_code)
        );
        let ratio = lifted.wall / seconds(median);
        let ratio_default = default.wall / seconds(median);
        println!(
            "\nratio: validata-ref (limit lifted) / Tamis native = {ratio:.0}× ; with Validata's default limit: {ratio_default:.0}×"
        );
        println!(
            "summary: validata_s={:.2} validata_default_s={:.2} native_ratio={ratio:.1} native_ratio_default={ratio_default:.1}",
            lifted.wall, default.wall
        );
    }
    if std::env::var("TAMIS_BENCH_KEEP").is_ok_and(|v| v == "1") {
        println!("kept {}", file.display());
    } else {
        std::fs::remove_dir_all(&dir)?;
    }
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

struct Reference {
    wall: f64,
    read_s: f64,
    validate_s: f64,
    errors: usize,
    partial: bool,
    by_code: BTreeMap<String, usize>,
}

fn run_validata(validata: &Path, schema: &Path, file: &Path, limit: Option<usize>) -> Result<Reference, BoxError> {
    let mut command = Command::new(validata);
    command.arg(schema).arg(file);
    if let Some(limit) = limit {
        command.arg("--limit-errors").arg(limit.to_string());
    }
    let t = Instant::now();
    let output = command.output()?;
    let wall = t.elapsed().as_secs_f64();
    if !output.status.success() {
        return Err(format!("validata-ref failed: {}", String::from_utf8_lossy(&output.stderr)).into());
    }
    let json: serde_json::Value = serde_json::from_slice(&output.stdout)?;
    let stats = json.get("stats").cloned().unwrap_or_default();
    let f = |k: &str| stats.get(k).and_then(serde_json::Value::as_f64).unwrap_or(f64::NAN);
    let by_code = stats
        .get("errors_by_code")
        .and_then(serde_json::Value::as_object)
        .map(|m| m.iter().map(|(k, v)| (k.clone(), v.as_u64().unwrap_or(0) as usize)).collect())
        .unwrap_or_default();
    Ok(Reference {
        wall,
        read_s: f("read_s"),
        validate_s: f("validate_s"),
        errors: stats.get("errors").and_then(serde_json::Value::as_u64).unwrap_or(0) as usize,
        partial: stats.get("partial").and_then(serde_json::Value::as_bool).unwrap_or(false),
        by_code,
    })
}
