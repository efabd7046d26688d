//! Maps and validates a file as the app does, for profiling the validation:
//! `cargo run --release --example validate_only FILE SCHEMA.json [RUNS]` (the file read once, then
//! mapped with the suggested recipe and validated RUNS times, each timed).
use tamis_engine::{mapping, read, suggest, CompiledSchema, ReadOptions, Recipe, Schema};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(file), Some(schema)) = (args.get(1), args.get(2)) else {
        return Err("usage: validate_only FILE SCHEMA.json [RUNS]".into());
    };
    let runs: usize = args.get(3).and_then(|n| n.parse().ok()).unwrap_or(5);
    let schema = Schema::from_json(&std::fs::read_to_string(schema)?)?;
    let sheet = read(file, &std::fs::read(file)?, &ReadOptions::default())?;
    let recipe = Recipe::from_suggestions(&schema, &sheet, &suggest::suggest_mapping(&schema, &sheet));
    let compiled = CompiledSchema::compile(&schema)?;
    for _ in 0..runs {
        let started = std::time::Instant::now();
        let table = mapping::apply(&sheet, &schema, &recipe);
        let mapped = started.elapsed();
        let report = compiled.validate(&table);
        println!("map {mapped:?}, validate {:?}: {} issues", started.elapsed() - mapped, report.issues.len());
    }
    Ok(())
}
