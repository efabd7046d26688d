//! Benchmark in a real browser (prints, asserts nothing): the generated 100 000-row délibérations file
//! of `crates/engine/benches/validate.rs`, read, mapped and validated in wasm in headless Chromium.
//! Ignored by default so CI's wasm tests never pay for it; `scripts/bench.sh` runs it in release mode:
//!
//!   CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner CHROMEDRIVER=/usr/bin/chromedriver \
//!     cargo test --release --target wasm32-unknown-unknown --test bench_wasm -- --include-ignored --nocapture
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

#[path = "../crates/engine/benches/gen/mod.rs"]
mod gen;

use tamis_engine::{mapping, read, CompiledSchema, ReadOptions, Recipe};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The schema bundle the app fetches from beside its page (see src/catalog.rs): here, from the build.
fn bundle() -> tamis::catalog::Schemas {
    tamis::catalog::Schemas::parse(include_str!(concat!(env!("OUT_DIR"), "/schemas.json"))).unwrap()
}

const ROWS: usize = 100_000;
const RUNS: usize = 3;
const SEED: u64 = 1;

/// Milliseconds from `performance.now()` (sub-millisecond where the browser allows), else `Date.now()`.
fn now_ms() -> f64 {
    let global = js_sys::global();
    js_sys::Reflect::get(&global, &JsValue::from_str("performance"))
        .ok()
        .filter(|p| !p.is_undefined())
        .and_then(|p| {
            let now = js_sys::Reflect::get(&p, &JsValue::from_str("now")).ok()?;
            let now: js_sys::Function = now.into();
            now.call0(&p).ok()?.as_f64()
        })
        .unwrap_or_else(js_sys::Date::now)
}

fn best_and_median(mut times: Vec<f64>) -> (f64, f64) {
    times.sort_by(f64::total_cmp);
    (times.first().copied().unwrap_or(0.0), times.get(times.len() / 2).copied().unwrap_or(0.0))
}

#[wasm_bindgen_test]
#[ignore = "benchmark: run by scripts/bench.sh"]
fn bench_deliberations_100k() {
    let entry = tamis::catalog::catalog().version(&bundle(), "scdl/deliberations", None).unwrap();
    let schema = &entry.schema;
    let t = now_ms();
    let generated = gen::deliberations_csv(ROWS, SEED);
    let gen_ms = now_ms() - t;
    let bytes = generated.csv;
    let mb = bytes.len() as f64 / 1e6;
    console_log!(
        "wasm: scdl/deliberations {} — {ROWS} rows, {mb:.1} MB, {} spoiled cells, generated in {gen_ms:.0} ms",
        entry.version,
        generated.bad.iter().map(|(_, n)| n).sum::<usize>()
    );

    let mut stages: [(&str, Vec<f64>); 4] =
        [("read", vec![]), ("map", vec![]), ("compile", vec![]), ("validate", vec![])];
    let mut totals = Vec::new();
    let mut issues = Vec::new();
    for _ in 0..RUNS {
        let t0 = now_ms();
        let sheet = read("deliberations-bench.csv", &bytes, &ReadOptions::default()).unwrap();
        let t1 = now_ms();
        let recipe = Recipe::by_name(schema, &sheet.headers);
        let table = mapping::apply(&sheet, schema, &recipe);
        let t2 = now_ms();
        let compiled = CompiledSchema::compile(schema).unwrap();
        let t3 = now_ms();
        let report = compiled.validate(&table);
        let t4 = now_ms();
        for ((_, times), d) in stages.iter_mut().zip([t1 - t0, t2 - t1, t3 - t2, t4 - t3]) {
            times.push(d);
        }
        totals.push(t4 - t0);
        issues = report.counts();
    }
    console_log!("wasm: Tamis in the browser ({RUNS} runs)   best      median");
    for (name, times) in stages {
        let (best, median) = best_and_median(times);
        console_log!("wasm:   {name:<10}               {best:>8.1} ms {median:>8.1} ms");
    }
    let (best, median) = best_and_median(totals);
    console_log!("wasm:   {:<10}               {best:>8.1} ms {median:>8.1} ms", "total");
    let rows_s = ROWS as f64 / (median / 1e3);
    console_log!("wasm:   throughput (median)      {rows_s:.0} rows/s, {:.1} MB/s", mb / (median / 1e3));
    let counts: Vec<String> = issues.iter().map(|(code, n)| format!("{code}={n}")).collect();
    console_log!("wasm:   issues by code: {}", counts.join(" "));
    console_log!("summary: wasm_rows_per_s={rows_s:.0} wasm_s={:.3}", median / 1e3);
}
