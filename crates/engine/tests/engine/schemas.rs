//! Every Table Schema of the catalog snapshot (all versions) loads and compiles, and no field of any
//! of them is left unchecked.

// Helpers outside #[test] functions unwrap and index too: a test that cannot read its data should fail loudly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use crate::common;

use serde_json::Value;
use std::collections::BTreeMap;
use tamis_engine::{CompiledSchema, Schema};

/// Every tableschema version of the snapshot's index, as (schema name, version, JSON text).
fn catalog_versions() -> Vec<(String, String, String)> {
    let dir = common::schemas_dir();
    let index: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("schemas.json")).unwrap()).unwrap();
    let site = "https://schema.data.gouv.fr/schemas/";
    let mut versions = Vec::new();
    for entry in index["schemas"].as_array().unwrap() {
        if entry["schema_type"] != "tableschema" {
            continue;
        }
        for version in entry["versions"].as_array().into_iter().flatten() {
            let url = version["schema_url"].as_str().unwrap_or_default();
            let Some(path) = url.strip_prefix(site).map(|p| dir.join(p)).filter(|p| p.is_file()) else { continue };
            let name = entry["name"].as_str().unwrap_or_default().to_owned();
            let version_name = version["version_name"].as_str().unwrap_or_default().to_owned();
            versions.push((name, version_name, std::fs::read_to_string(&path).unwrap()));
        }
    }
    versions
}

#[test]
fn every_catalog_table_schema_loads_and_compiles() {
    let versions = catalog_versions();
    let mut loaded = 0;
    let mut failures = Vec::new();
    for (name, version, text) in &versions {
        match Schema::from_json(text).and_then(|s| CompiledSchema::compile(&s)) {
            Ok(_) => loaded += 1,
            Err(e) => failures.push(format!("{name} {version}: {e}")),
        }
    }
    println!("{loaded} schema versions load; {} refused:\n{}", failures.len(), failures.join("\n"));
    assert!(loaded >= 167, "the catalog loads (167 versions at the time of writing): {loaded}");
    assert!(failures.is_empty(), "{failures:#?}");
}

/// Each field compiled alone: the types and formats this version would still leave unchecked.
#[test]
fn no_catalog_field_is_left_unchecked() {
    let mut fields_seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut unchecked: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (name, version, text) in catalog_versions() {
        let schema = Schema::from_json(&text).unwrap();
        for field in &schema.fields {
            let format = field.format.as_deref().unwrap_or("default");
            let format = if format.contains('%') { "strptime" } else { format };
            let key = format!("{}/{format}", field.field_type);
            *fields_seen.entry(key.clone()).or_default() += 1;
            let alone = Schema { fields: vec![field.clone()], custom_checks: Vec::new(), ..schema.clone() };
            let compiled = CompiledSchema::compile(&alone).unwrap();
            for rule in compiled.unchecked() {
                unchecked.entry(key.clone()).or_default().push(format!("{name} {version}: {rule}"));
            }
        }
    }
    println!("fields per type/format across the catalog (all versions):");
    for (key, count) in &fields_seen {
        println!("  {key}: {count} field(s), {} unchecked", unchecked.get(key).map_or(0, Vec::len));
    }
    assert!(unchecked.is_empty(), "{unchecked:#?}");
}
