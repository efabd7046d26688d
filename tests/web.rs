//! Smoke tests in a real browser (wasm-bindgen-test in headless Chromium): the app mounts, the schemas
//! are bundled, and the engine runs the whole path in wasm.
#![cfg(target_arch = "wasm32")]
// A test that fails panics: that is how it fails.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use tamis_engine::{export, mapping, read, Code, CompiledSchema, ReadOptions, Recipe};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn every_bundled_scdl_schema_compiles() {
    let catalog = tamis::catalog::catalog();
    let names: Vec<&str> = catalog.entries.iter().map(|e| e.name.as_str()).collect();
    for expected in ["scdl/deliberations", "scdl/subventions", "scdl/budget", "scdl/prenoms", "scdl/equipements"] {
        assert!(names.contains(&expected), "{expected} is bundled: {names:?}");
    }
    for entry in catalog.entries.iter().filter(|e| e.scdl) {
        let latest = entry.schema(None).unwrap_or_else(|e| panic!("{}: {e}", entry.name));
        CompiledSchema::compile(&latest.schema).unwrap_or_else(|e| panic!("{}: {e}", entry.name));
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
    assert_eq!(montant.code, Code::TypeError);
    let csv = String::from_utf8(export::to_csv(&table)).unwrap();
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

/// The checks that bring their own parsers (libphonenumber, the OSM opening_hours grammar, JSON
/// geopoints, backreference patterns) and row revalidation work in wasm as natively.
#[wasm_bindgen_test]
fn every_check_runs_in_wasm() {
    use tamis_engine::{validate::Validation, Schema, Table};
    let schema = Schema::from_json(
        r#"{"fields": [
            {"name": "tel"}, {"name": "horaires"}, {"name": "geo", "type": "geopoint"},
            {"name": "code", "constraints": {"pattern": "(\\w)\\1"}}],
        "custom_checks": [
            {"name": "phone-number-value", "params": {"column": "tel"}},
            {"name": "opening-hours-value", "params": {"column": "horaires"}},
            {"name": "french-gps-coordinates", "params": {"column": "geo"}}]}"#,
    )
    .unwrap();
    let compiled = CompiledSchema::compile(&schema).unwrap();
    let row = |cells: [&str; 4]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
    let mut table = Table {
        fields: vec!["tel".into(), "horaires".into(), "geo".into(), "code".into()],
        rows: vec![
            row(["01 99 00 27 37", "Mo-Fr 08:00-12:00", "2.35,48.85", "aa"]),
            row(["12", "lundi 8h-12h", "48.85,2.35", "ab"]),
        ],
        source_rows: vec![2, 3],
    };
    let mut validation = Validation::new(&compiled, &table);
    let codes: Vec<Code> = validation.report().issues.iter().map(|i| i.code).collect();
    assert_eq!(
        codes,
        [Code::ConstraintError, Code::PhoneNumberValue, Code::OpeningHoursValue, Code::ReversedFrenchGpsCoordinates]
    );
    table.rows[1] = row(["3949", "24/7", "2.35,48.85", "bb"]);
    validation.update_row(&compiled, &table, 1);
    assert!(validation.report().valid);
}

/// The export in the browser: the XLSX copy (rust_xlsxwriter reads the clock in `Workbook::new`, which
/// panics on wasm32 unless its `wasm` feature gives it the browser's; the app's Cargo.toml enables
/// it), the CSV variants, the file name and the HTML report.
#[wasm_bindgen_test]
fn the_export_runs_in_wasm() {
    use tamis_engine::export::{self, CsvOptions, FileKind, NameParts, ReportContext, ValidationReport};
    use tamis_engine::Table;
    let entry = tamis::catalog::catalog().get("scdl/deliberations").unwrap();
    let mut row: Vec<String> = entry.schema.fields.iter().map(|_| String::new()).collect();
    row[0] = "Annecy".into();
    row[1] = "21740042300018".into();
    row[2] = "<script>007".into();
    let table = Table {
        fields: entry.schema.fields.iter().map(|f| f.name.clone()).collect(),
        rows: vec![row],
        source_rows: vec![2],
    };
    let report = CompiledSchema::compile(&entry.schema).unwrap().validate(&table);
    let date = export::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let xlsx = export::to_xlsx(&table, &report, date).unwrap();
    assert!(xlsx.starts_with(b"PK"), "a zip file");
    let sheet = read("copie.xlsx", &xlsx, &ReadOptions::default()).unwrap();
    assert_eq!(sheet.rows[0][2], "<script>007");
    let siren = export::find_siren(&entry.schema, &table).unwrap();
    let parts = NameParts { date, siren: &siren, dataset: &export::dataset_name(&entry.name), valid: report.valid };
    let name = export::file_name(&parts, FileKind::Publication);
    assert_eq!(name, "20261123_217400423_deliberations_NON-CONFORME.csv");
    assert!(export::to_csv_with(&table, &CsvOptions::excel()).starts_with(b"\xEF\xBB\xBFCOLL_NOM;"));
    let context =
        ReportContext { source_file: "d.csv".into(), exported_file: name, schema_name: entry.name.clone(), date };
    let html = ValidationReport::new(&context, &entry.schema, &report, None, &[]).to_html();
    assert!(html.contains("Non conforme") && !html.contains("<script"));
}

#[wasm_bindgen_test]
fn undo_after_a_bulk_fix_of_ten_thousand_cells_restores_every_cell_in_wasm() {
    use tamis_engine::edit::{Edit, Editor, Rows};
    use tamis_engine::{Schema, Table};
    let schema = Schema::from_json(
        r#"{"fields": [{"name": "id", "type": "integer", "constraints": {"unique": true}}, {"name": "date", "type": "date"}]}"#,
    )
    .unwrap();
    let rows: Vec<Vec<String>> = (0..12_000)
        .map(|i| {
            // Five rows in six have a day-first date the fix rewrites.
            let date =
                if i % 6 == 0 { format!("2023-01-{:02}", i % 28 + 1) } else { format!("{:02}/03/2023", i % 28 + 1) };
            vec![i.to_string(), date]
        })
        .collect();
    let table = Table { fields: vec!["id".into(), "date".into()], rows, source_rows: (2..12_002).collect() };
    let mut editor = Editor::new(&schema, table.clone()).unwrap();
    let before = editor.report().clone();
    let change =
        editor.apply(Edit::FixGroup { field: "date".into(), code: Code::TypeError.into(), rows: Rows::All }).unwrap();
    assert_eq!(change.cells, 10_000);
    assert!(editor.report().valid);
    editor.undo().unwrap();
    assert_eq!(editor.table(), &table, "every cell back exactly");
    assert_eq!(editor.report(), &before);
}

/// A worker made from a script, as the reader worker is made from its loader.
fn worker_from(script: &str) -> web_sys::Worker {
    let parts = js_sys::Array::of1(&script.into());
    let blob = web_sys::Blob::new_with_str_sequence(&parts).unwrap();
    let url = web_sys::Url::create_object_url_with_blob(&blob).unwrap();
    web_sys::Worker::new(&url).unwrap()
}

#[wasm_bindgen_test]
async fn a_read_that_hangs_ends_its_worker_with_a_french_message() {
    // Says it is ready, then never answers.
    let worker = worker_from("postMessage({ready: true}); onmessage = () => {};");
    let result = tamis::reader::read_in(worker, "x.csv", b"a;b\n1;2\n", &ReadOptions::default(), 300).await;
    let message = result.expect_err("a read that never ends is an error");
    assert!(message.contains("plus d'une minute"), "{message}");
}

#[wasm_bindgen_test]
async fn a_reader_that_crashes_is_said_to_be_a_damaged_file() {
    let worker = worker_from("postMessage({ready: true}); onmessage = () => { throw new Error('boom'); };");
    let result = tamis::reader::read_in(worker, "x.xlsx", b"PK", &ReadOptions::default(), 10_000).await;
    let message = result.expect_err("a crash is an error");
    assert!(message.contains("endommagé"), "{message}");
}

#[wasm_bindgen_test]
async fn a_sheet_damaged_on_its_way_from_the_reader_is_refused() {
    // The cells end past the text: no sheet is made of that.
    let worker = worker_from(
        "postMessage({ready: true}); onmessage = () => postMessage({meta: JSON.stringify({headers: ['a'], rows: [], \
         source_rows: [2], source: {format: 'csv'}}), text: new Uint8Array([120]).buffer, \
         ends: new Uint32Array([9]).buffer, widths: new Uint32Array([1]).buffer});",
    );
    let result = tamis::reader::read_in(worker, "x.csv", b"a\nx\n", &ReadOptions::default(), 10_000).await;
    let message = result.expect_err("damaged parts are an error");
    assert!(message.contains("endommagé"), "{message}");
}

#[wasm_bindgen_test]
fn host_origins_come_only_as_origins() {
    let (origins, rejected) = tamis::protocol::config_origins(
        r#"{"hostOrigins": ["https://Data.Example.fr/", "http://127.0.0.1:8080", "*", "https://x.fr/page", "javascript:alert(1)"]}"#,
    )
    .unwrap();
    assert_eq!(origins, ["https://data.example.fr", "http://127.0.0.1:8080"]);
    assert_eq!(rejected.len(), 3, "{rejected:?}");
    assert_eq!(tamis::protocol::config_origins("{}").unwrap(), (vec![], vec![]));
    assert!(tamis::protocol::config_origins(r#"{"hostOrigins": "https://x.fr"}"#).is_err());
    assert!(tamis::protocol::config_origins("not json").is_err());
}
