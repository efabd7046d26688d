//! Prints Tamis's issues for a file mapped by name onto a schema file: `cargo run --example peek SCHEMA FILE`.
use tamis_engine::{mapping, read, CompiledSchema, ReadOptions, Recipe, Schema};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(schema), Some(file)) = (args.get(1), args.get(2)) else {
        return Err("usage: peek SCHEMA.json FILE".into());
    };
    let schema = Schema::from_json(&std::fs::read_to_string(schema)?)?;
    let sheet = read(file, &std::fs::read(file)?, &ReadOptions::default())?;
    let table = mapping::apply(&sheet, &schema, &Recipe::by_name(&schema, &sheet.headers));
    let report = CompiledSchema::compile(&schema)?.validate(&table);
    for issue in &report.issues {
        println!("{:?}\t{:?}\t{}\t{:?}\t{}", issue.row, issue.field, issue.code, issue.fix, issue.cell);
    }
    Ok(())
}
