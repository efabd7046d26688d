//! Any text as a Table Schema: loading and compiling return a schema or an error, never panic; a
//! compiled schema then validates a few rows of typical cells without panicking.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tamis_engine::{CompiledSchema, Schema, Table};

const SAMPLES: [&str; 12] = [
    "",
    "1",
    "-2.5",
    "1 234,5",
    "2023-03-15",
    "15/03/2023",
    "true",
    "2023/2024",
    "Finances locales/Subventions",
    "21740042300018",
    "x",
    "NaN",
];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(schema) = Schema::from_json(text) else { return };
    let Ok(compiled) = CompiledSchema::compile(&schema) else { return };
    let fields: Vec<String> = schema.fields.iter().map(|f| f.name.clone()).collect();
    let rows: Vec<Vec<String>> = (0..SAMPLES.len())
        .map(|r| {
            (0..fields.len())
                .map(|c| SAMPLES.get((r + c) % SAMPLES.len()).copied().unwrap_or_default().to_owned())
                .collect()
        })
        .collect();
    let table = Table { fields, source_rows: (2..2 + rows.len()).collect(), rows: rows.into_iter().map(Into::into).collect() };
    let report = compiled.validate(&table);
    assert_eq!(report.row_count, table.rows.len());
});
