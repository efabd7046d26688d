//! Helpers shared by the engine's integration tests: paths into `../shared` (read, never copied).

// Helpers unwrap and index: a test that cannot read its data should fail loudly.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use tamis_engine::{export, mapping, read, CompiledSchema, ReadOptions, Recipe, Report, Schema, Table};

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
    let csv = export::to_csv(&table);
    (table, report, csv)
}

/// The reference validator's launcher (`../shared/tools/validata-ref/validata-ref`).
pub fn reference_tool() -> PathBuf {
    shared().join("tools/validata-ref/validata-ref")
}

/// The reference validator's verdicts (`{"valid", "errors": […], …}`, as `validata-ref` prints them) on
/// every (schema, data) pair, all in one Python process (`tests/validata_batch.py`), Validata's
/// 1000-error cap lifted. Panics if the reference cannot run.
pub fn reference_verdicts(pairs: &[(&Path, &Path)]) -> Vec<serde_json::Value> {
    let tool = reference_tool();
    let tool_dir = tool.parent().expect("the tool's folder").to_path_buf();
    // The first call creates the reference's venv if needed; its Python then runs the batch.
    let probe = pairs.first().expect("at least one case");
    let status =
        Command::new(&tool).arg(probe.0).arg(probe.1).stdout(Stdio::null()).status().expect("validata-ref runs");
    assert!(status.success(), "validata-ref failed");
    let home = std::env::var_os("VALIDATA_REF_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(std::env::var_os("HOME").expect("HOME is set")).join(".cache/validata-ref"));
    let python = home.join("venv-core-0.9.7/bin/python");
    let batch = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/validata_batch.py");
    let mut child = Command::new(&python)
        .arg(&batch)
        .arg(&tool_dir)
        .arg("1000000")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{}: {e}", python.display()));
    let mut stdin = child.stdin.take().expect("stdin");
    let requests: String = pairs
        .iter()
        .map(|(schema, data)| format!("{}\n", serde_json::json!({"schema": schema, "data": data})))
        .collect();
    let writer = std::thread::spawn(move || stdin.write_all(requests.as_bytes()));
    let stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let verdicts: Vec<serde_json::Value> =
        stdout.lines().map(|line| serde_json::from_str(&line.expect("a line")).expect("JSON")).collect();
    writer.join().expect("writer").expect("requests written");
    assert!(child.wait().expect("batch ends").success(), "the reference batch failed");
    assert_eq!(verdicts.len(), pairs.len(), "one verdict per case");
    verdicts
}
