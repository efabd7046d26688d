//! Writes the benchmarks' generated délibérations CSV (`benches/gen`) to a file, for the browser
//! benchmark of the grid (`tests/e2e/bench/grid.bench.mjs`):
//! `cargo run --release --example gen_deliberations ROWS OUT.csv [BAD_PER_MILLE [SEED]]`
//! (default: the benches' 20 ‰ of spoiled cells, seed 1).

#[path = "../benches/gen/mod.rs"]
mod gen;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(rows), Some(out)) = (args.get(1), args.get(2)) else {
        return Err("usage: gen_deliberations ROWS OUT.csv [BAD_PER_MILLE [SEED]]".into());
    };
    let bad = args.get(3).map(|s| s.parse()).transpose()?.unwrap_or(gen::BAD_PER_MILLE);
    let seed = args.get(4).map(|s| s.parse()).transpose()?.unwrap_or(1);
    let generated = gen::deliberations_csv_spoiled(rows.parse()?, seed, bad);
    std::fs::write(out, &generated.csv)?;
    println!("{} rows, {} bytes, {} spoiled cells", generated.rows, generated.csv.len(), generated.bad_cells());
    Ok(())
}
