//! Every Table Schema of the catalog snapshot (all versions) loads and compiles, or fails naming the
//! field and the rule; every bundled SCDL schema (latest versions) must compile.

mod common;

use serde_json::Value;
use tamis_engine::{CompiledSchema, Schema};

#[test]
fn every_catalog_table_schema_loads_and_compiles() {
    let dir = common::schemas_dir();
    let index: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("schemas.json")).unwrap()).unwrap();
    let site = "https://schema.data.gouv.fr/schemas/";
    let mut loaded = 0;
    let mut failures = Vec::new();
    for entry in index["schemas"].as_array().unwrap() {
        if entry["schema_type"] != "tableschema" {
            continue;
        }
        for version in entry["versions"].as_array().into_iter().flatten() {
            let url = version["schema_url"].as_str().unwrap_or_default();
            let Some(path) = url.strip_prefix(site).map(|p| dir.join(p)).filter(|p| p.is_file()) else { continue };
            let text = std::fs::read_to_string(&path).unwrap();
            match Schema::from_json(&text).and_then(|s| CompiledSchema::compile(&s)) {
                Ok(_) => loaded += 1,
                Err(e) => failures.push(format!("{} {}: {e}", entry["name"], version["version_name"])),
            }
        }
    }
    println!("{loaded} schema versions load; {} refused:\n{}", failures.len(), failures.join("\n"));
    assert!(loaded >= 158, "the catalog loads (158 versions at the time of writing): {loaded}");
    let scdl_failures: Vec<&String> = failures.iter().filter(|f| f.starts_with("\"scdl/")).collect();
    assert!(scdl_failures.is_empty(), "{scdl_failures:?}");
}
