//! Prints Tamis's issues for a file mapped onto a schema file, by name or (with `--suggested`) as the app
//! suggests: `cargo run --example peek SCHEMA FILE [--suggested]`.
use tamis_engine::{mapping, read, CompiledSchema, ReadOptions, Recipe, Schema};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(schema), Some(file)) = (args.get(1), args.get(2)) else {
        return Err("usage: peek SCHEMA.json FILE".into());
    };
    let schema = Schema::from_json(&std::fs::read_to_string(schema)?)?;
    let sheet = read(file, &std::fs::read(file)?, &ReadOptions::default())?;
    let recipe = if args.iter().any(|a| a == "--suggested") {
        Recipe::suggested(&schema, &sheet)
    } else {
        Recipe::by_name(&schema, &sheet.headers)
    };
    let table = mapping::apply(&sheet, &schema, &recipe);
    let report = CompiledSchema::compile(&schema)?.validate(&table);
    for issue in &report.issues {
        println!("{:?}\t{:?}\t{}\t{:?}\t{}", issue.row, issue.field, issue.code, issue.fix, issue.cell);
    }
    Ok(())
}
