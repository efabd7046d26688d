//! Helpers shared by the engine's integration tests: paths into `../shared` (read, never copied).

#![allow(dead_code)]

use std::path::PathBuf;
use tamis_engine::{mapping, read, write, CompiledSchema, ReadOptions, Recipe, Report, Schema, Table};

pub fn shared() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

pub fn corpus(relative: &str) -> PathBuf {
    shared().join("corpus").join(relative)
}

pub fn schemas_dir() -> PathBuf {
    shared().join("schema.data.gouv.fr/schemas")
}

/// Every file of `../shared/corpus`, sub-folders included, MANIFEST.md excepted, sorted.
pub fn corpus_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![shared().join("corpus")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())).flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.file_name().is_some_and(|n| n != "MANIFEST.md") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The file of the latest version of a catalog schema, in the snapshot (`latest/<one>.json`).
pub fn latest_schema_path(name: &str) -> PathBuf {
    let dir = schemas_dir().join(name).join("latest");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    files.into_iter().next().unwrap_or_else(|| panic!("no schema in {}", dir.display()))
}

/// The latest version of a catalog schema, from the snapshot.
pub fn latest_schema(name: &str) -> Schema {
    let path = latest_schema_path(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Schema::from_json(&text).unwrap()
}

/// The whole thin path, as the app runs it: read, map by name, validate, write.
pub fn run(file: &str, schema: &Schema) -> (Table, Report, Vec<u8>) {
    let path = corpus(file);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let sheet = read(file, &bytes, &ReadOptions::default()).unwrap();
    let recipe = Recipe::by_name(schema, &sheet.headers);
    let table = mapping::apply(&sheet, schema, &recipe);
    let report = CompiledSchema::compile(schema).unwrap().validate(&table);
    let csv = write::to_csv(&table);
    (table, report, csv)
}
