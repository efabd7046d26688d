//! Smoke tests in a real browser (wasm-bindgen-test in headless Chromium): the app mounts, the schemas
//! are bundled, and the engine runs the whole path in wasm.
#![cfg(target_arch = "wasm32")]

use tamis_engine::{mapping, read, write, CompiledSchema, ReadOptions, Recipe};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn every_bundled_scdl_schema_compiles() {
    let catalog = tamis::catalog::catalog();
    let names: Vec<&str> = catalog.entries.iter().map(|e| e.name.as_str()).collect();
    for expected in ["scdl/deliberations", "scdl/subventions", "scdl/budget", "scdl/prenoms", "scdl/equipements"] {
        assert!(names.contains(&expected), "{expected} is bundled: {names:?}");
    }
    for entry in &catalog.entries {
        CompiledSchema::compile(&entry.schema).unwrap_or_else(|e| panic!("{}: {e}", entry.name));
    }
}

#[wasm_bindgen_test]
fn the_engine_runs_the_whole_path_in_wasm() {
    let entry = tamis::catalog::catalog().get("scdl/subventions").unwrap();
    let bytes = b"montant;nomAttribuant\r\n40 000,00;Commune de Cr\xe9cy\r\n";
    let sheet = read("s.csv", bytes, &ReadOptions::default()).unwrap();
    assert_eq!(sheet.source.encoding.as_deref(), Some("windows-1252"));
    let recipe = Recipe::by_name(&entry.schema, &sheet.headers);
    let table = mapping::apply(&sheet, &entry.schema, &recipe);
    let report = CompiledSchema::compile(&entry.schema).unwrap().validate(&table);
    let montant = report.issues.iter().find(|i| i.field.as_deref() == Some("montant")).unwrap();
    assert_eq!(montant.code, "type-error");
    let csv = String::from_utf8(write::to_csv(&table)).unwrap();
    assert!(csv.starts_with("nomAttribuant,idAttribuant,"));
    assert!(csv.contains("Commune de Crécy"));
}

#[wasm_bindgen_test]
fn the_app_mounts_in_french() {
    leptos::mount::mount_to_body(tamis::App);
    let document = gloo::utils::document();
    let title = document.query_selector("h1").unwrap().unwrap().text_content().unwrap();
    assert_eq!(title, "Tamis");
    let html = document.document_element().unwrap().inner_html();
    assert!(html.contains("Ouvrir votre fichier"));
}
