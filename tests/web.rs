//! Smoke tests in a real browser (wasm-bindgen-test in headless Chromium): the app mounts, the schemas
//! are bundled, and the engine runs the whole path in wasm.
#![cfg(target_arch = "wasm32")]
// A test that fails panics: that is how it fails.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::cell::RefCell;
use std::rc::Rc;
use tamis::reader::{ReadError, Reader};
use tamis_engine::{export, mapping, read, Code, CompiledSchema, ReadOptions, Recipe};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The schema bundle the app fetches from beside its page (see src/catalog.rs): here, from the build.
fn bundle() -> tamis::catalog::Schemas {
    tamis::catalog::Schemas::parse(include_str!(concat!(env!("OUT_DIR"), "/schemas.json"))).unwrap()
}

#[wasm_bindgen_test]
fn every_bundled_scdl_schema_compiles() {
    let catalog = tamis::catalog::catalog();
    let schemas = bundle();
    let names: Vec<&str> = catalog.entries.iter().map(|e| e.name.as_str()).collect();
    for expected in ["scdl/deliberations", "scdl/subventions", "scdl/budget", "scdl/prenoms", "scdl/equipements"] {
        assert!(names.contains(&expected), "{expected} is bundled: {names:?}");
    }
    for entry in catalog.entries.iter().filter(|e| e.scdl) {
        let latest = entry.schema(&schemas, None).unwrap_or_else(|e| panic!("{}: {e}", entry.name));
        CompiledSchema::compile(&latest.schema).unwrap_or_else(|e| panic!("{}: {e}", entry.name));
    }
}

#[wasm_bindgen_test]
fn the_engine_runs_the_whole_path_in_wasm() {
    let entry = tamis::catalog::catalog().version(&bundle(), "scdl/subventions", None).unwrap();
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

/// The checks that bring their own parsers (libphonenumber, with the metadata beside the app; the
/// OSM opening_hours grammar, JSON geopoints, backreference patterns) and row revalidation work in wasm
/// as natively.
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
    // The app's engine has no phone metadata of its own: it is installed from `phone.json`, as in the app.
    tamis::catalog::install_phone_metadata(include_str!(concat!(env!("OUT_DIR"), "/phone.json"))).unwrap();
    assert!(!compiled.phone_metadata_missing());
    let row = |cells: [&str; 4]| tamis_engine::Row::from(cells);
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
    let entry = tamis::catalog::catalog().version(&bundle(), "scdl/deliberations", None).unwrap();
    let mut row: Vec<String> = entry.schema.fields.iter().map(|_| String::new()).collect();
    row[0] = "Annecy".into();
    row[1] = "21740042300018".into();
    row[2] = "<script>007".into();
    let table = Table {
        fields: entry.schema.fields.iter().map(|f| f.name.clone()).collect(),
        rows: vec![row.into()],
        source_rows: vec![2],
    };
    let report = CompiledSchema::compile(&entry.schema).unwrap().validate(&table);
    let date = export::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let xlsx = export::to_xlsx(&table, &report, date).unwrap();
    assert!(xlsx.starts_with(b"PK"), "a zip file");
    let sheet = read("copie.xlsx", &xlsx, &ReadOptions::default()).unwrap();
    assert_eq!(sheet.cell(0, 2), "<script>007");
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
    let rows: Vec<tamis_engine::Row> = (0..12_000)
        .map(|i| {
            // Five rows in six have a day-first date the fix rewrites.
            let date =
                if i % 6 == 0 { format!("2023-01-{:02}", i % 28 + 1) } else { format!("{:02}/03/2023", i % 28 + 1) };
            vec![i.to_string(), date].into()
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
fn worker_from(script: &str) -> Result<web_sys::Worker, wasm_bindgen::JsValue> {
    let parts = js_sys::Array::of1(&script.into());
    let blob = web_sys::Blob::new_with_str_sequence(&parts)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    web_sys::Worker::new(&url)
}

/// A reader whose n-th worker runs `scripts[n]` (the last one for the workers after).
fn reader_of(scripts: &'static [&'static str], timeout_ms: i32) -> Reader {
    let started = std::cell::Cell::new(0);
    Reader::new(
        Box::new(move || {
            let n = started.replace(started.get() + 1);
            worker_from(scripts[n.min(scripts.len() - 1)])
        }),
        timeout_ms,
    )
}

/// Answers every read with an error naming the file: a stand-in reader that tells reads apart.
const NAMES: &str =
    "postMessage({ready: true}); onmessage = (e) => postMessage({id: e.data.id, error: 'lu : ' + e.data.name});";
/// Says it is ready, then never answers.
const HANGS: &str = "postMessage({ready: true}); onmessage = () => {};";
/// Says its memory is 300 MB after each answer (past 256 MB, a fresh worker takes over).
const GROWN_LARGE: &str =
    "postMessage({ready: true}); onmessage = (e) => postMessage({id: e.data.id, error: 'lu', memory: 300e6});";
/// Dies on every read, as a parser's panic aborts the reader's wasm.
const CRASHES: &str = "postMessage({ready: true}); onmessage = () => { throw new Error('boom'); };";
/// Never answers a read of lent.csv; answers the others as NAMES does.
const SLOW: &str = "postMessage({ready: true}); onmessage = (e) => { if (e.data.name !== 'lent.csv') \
     postMessage({id: e.data.id, error: 'lu : ' + e.data.name}); };";

async fn read_with(reader: &Reader, name: &str) -> Result<tamis_engine::Sheet, ReadError> {
    reader.read(name, js_sys::Uint8Array::from(&b"a;b\n1;2\n"[..]).buffer(), &ReadOptions::default()).await
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn failed(message: &str) -> ReadError {
    ReadError::Failed(message.to_owned())
}

#[wasm_bindgen_test]
async fn one_worker_serves_every_read() {
    let reader = reader_of(&[NAMES], 10_000);
    for name in ["a.csv", "b.xlsx", "c.ods"] {
        assert_eq!(read_with(&reader, name).await.unwrap_err(), failed(&format!("lu : {name}")));
    }
    assert_eq!(reader.started(), 1, "the worker is started once and kept");
}

#[wasm_bindgen_test]
async fn a_warmed_reader_has_its_worker_before_the_first_read() {
    let reader = reader_of(&[NAMES], 10_000);
    reader.warm();
    assert_eq!(reader.started(), 1);
    sleep(50).await;
    assert_eq!(read_with(&reader, "a.csv").await.unwrap_err(), failed("lu : a.csv"));
    assert_eq!(reader.started(), 1, "the read took the warm worker");
}

/// The first worker of `reader` fails the read with a message that says `expected`; a fresh one reads the
/// next file.
async fn fails_then_a_fresh_worker_reads(reader: Reader, expected: &str) {
    let message = read_with(&reader, "x.xlsx").await.unwrap_err().message().unwrap().to_owned();
    assert!(message.contains(expected), "{message}");
    assert_eq!(
        read_with(&reader, "y.csv").await.unwrap_err(),
        failed("lu : y.csv"),
        "a fresh worker reads the next file"
    );
    assert_eq!(reader.started(), 2);
}

#[wasm_bindgen_test]
async fn a_worker_grown_large_is_replaced_by_a_fresh_one_once_it_answered() {
    // Its wasm memory never shrinks: past 256 MB, a fresh worker takes over, started at once.
    let reader = reader_of(&[GROWN_LARGE, NAMES], 10_000);
    assert_eq!(read_with(&reader, "gros.csv").await.unwrap_err(), failed("lu"), "the answer is taken");
    assert_eq!(reader.started(), 2, "a fresh worker is started as soon as the large one answered");
    assert_eq!(read_with(&reader, "b.csv").await.unwrap_err(), failed("lu : b.csv"));
    assert_eq!(reader.started(), 2, "and it serves the next read");
}

#[wasm_bindgen_test]
async fn a_read_that_hangs_ends_its_worker_with_a_french_message() {
    fails_then_a_fresh_worker_reads(reader_of(&[HANGS, NAMES], 300), "plus d'une minute").await;
}

#[wasm_bindgen_test]
async fn a_reader_that_crashes_is_said_to_be_a_damaged_file_and_replaced() {
    fails_then_a_fresh_worker_reads(reader_of(&[CRASHES, NAMES], 10_000), "endommagé").await;
}

#[wasm_bindgen_test]
async fn a_reader_that_cannot_start_is_said_to_be_a_damaged_file() {
    // Its script fails before it says it is ready (as a loader whose wasm cannot be compiled).
    fails_then_a_fresh_worker_reads(reader_of(&["throw new Error('no');", NAMES], 10_000), "endommagé").await;
}

#[wasm_bindgen_test]
async fn a_sheet_damaged_on_its_way_from_the_reader_is_refused() {
    // The cells end past the text: no sheet is made of that.
    let reader = reader_of(
        &["postMessage({ready: true}); onmessage = (e) => postMessage({id: e.data.id, meta: JSON.stringify({headers: ['a'], \
           rows: [], source_rows: [2], source: {format: 'csv'}}), text: new Uint8Array([120]).buffer, \
           ends: new Uint32Array([9]).buffer, starts: new Uint32Array([0, 1]).buffer});"],
        10_000,
    );
    let message = read_with(&reader, "x.csv").await.unwrap_err().message().unwrap().to_owned();
    assert!(message.contains("endommagé"), "{message}");
}

#[wasm_bindgen_test]
async fn an_answer_to_another_request_is_never_taken_for_the_current_one() {
    // An answer with another id comes first (as a late answer to an earlier read would).
    let reader = reader_of(
        &["postMessage({ready: true}); onmessage = (e) => { postMessage({id: e.data.id + 1, error: 'autre'}); \
           postMessage({error: 'sans id'}); postMessage({id: e.data.id, error: 'la bonne'}); };"],
        10_000,
    );
    assert_eq!(read_with(&reader, "a.csv").await.unwrap_err(), failed("la bonne"));
    assert_eq!(read_with(&reader, "b.csv").await.unwrap_err(), failed("la bonne"));
    assert_eq!(reader.started(), 1);
}

/// Where the result of a read started by [`start_read`] lands once it ends.
type Landing = Rc<RefCell<Option<Result<tamis_engine::Sheet, ReadError>>>>;

/// Starts a read of `name` and returns where its result lands once it ends.
fn start_read(reader: &Reader, name: &'static str) -> Landing {
    let result = Rc::new(RefCell::new(None));
    wasm_bindgen_futures::spawn_local({
        let (reader, result) = (reader.clone(), result.clone());
        async move {
            let read = read_with(&reader, name).await;
            *result.borrow_mut() = Some(read);
        }
    });
    result
}

#[wasm_bindgen_test]
async fn of_two_reads_at_once_the_latest_wins_and_the_earlier_ends_as_superseded() {
    let reader = reader_of(&[SLOW], 10_000);
    let first = start_read(&reader, "lent.csv");
    sleep(100).await;
    assert!(first.borrow().is_none(), "the first read is still under way");
    assert_eq!(read_with(&reader, "vite.csv").await.unwrap_err(), failed("lu : vite.csv"));
    let first = first.borrow_mut().take().expect("the first read ended");
    assert_eq!(first.unwrap_err(), ReadError::Superseded, "not an error shown to the user");
    assert_eq!(ReadError::Superseded.message(), None);
    assert_eq!(reader.started(), 2, "the worker busy with the first read was replaced");
}

#[wasm_bindgen_test]
async fn a_cancelled_read_ends_as_cancelled_and_the_next_read_works() {
    let reader = reader_of(&[HANGS, NAMES], 10_000);
    assert!(!reader.cancel(), "nothing to cancel");
    let first = start_read(&reader, "gros.csv");
    sleep(100).await;
    assert!(reader.cancel());
    sleep(0).await;
    assert_eq!(first.borrow_mut().take().expect("the read ended").unwrap_err(), ReadError::Cancelled);
    assert!(!reader.cancel(), "nothing left to cancel");
    assert_eq!(read_with(&reader, "b.csv").await.unwrap_err(), failed("lu : b.csv"));
    assert_eq!(reader.started(), 2, "the cancelled read's worker was ended");
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

/// A small table and its XLSX parts, for the worker's XLSX requests.
fn xlsx_parts() -> tamis_engine::export::XlsxParts {
    let table = tamis_engine::Table {
        fields: vec!["nom".into(), "date".into()],
        rows: vec![["Annecy", "2024-01-02"].into(), ["Thônes", "hier"].into()],
        source_rows: vec![2, 3],
    };
    let date = tamis_engine::export::NaiveDate::from_ymd_opt(2026, 12, 5).unwrap();
    tamis_engine::export::XlsxParts::new(&table, &tamis_engine::validate::Report::default(), date).unwrap()
}

#[wasm_bindgen_test]
async fn an_xlsx_copy_is_asked_of_the_worker_with_the_table_moved_there() {
    // Answers with what it was sent: whether the meta names the fields, the sizes of the moved buffers and the meta's length.
    let reader = reader_of(
        &["postMessage({ready: true}); onmessage = (e) => { const d = e.data; \
           const b = new Uint32Array([d.meta.includes('fields') ? 1 : 0, d.text.byteLength, d.ends.byteLength / 4, \
           d.marked.byteLength, d.meta.length]).buffer; postMessage({id: d.id, bytes: b}, [b]); };"],
        10_000,
    );
    let parts = xlsx_parts();
    let expected = [1, parts.text.len(), parts.ends.len(), 0, parts.meta.len()];
    let bytes = js_sys::Uint8Array::new(&reader.xlsx(parts).await.unwrap()).to_vec();
    let got: Vec<usize> =
        bytes.chunks_exact(4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize).collect();
    assert_eq!(got, expected);
    assert_eq!(reader.started(), 1);
}

#[wasm_bindgen_test]
async fn an_xlsx_copy_whose_worker_crashes_says_so_and_a_fresh_worker_reads_next() {
    let reader = reader_of(&[CRASHES, NAMES], 10_000);
    let message = reader.xlsx(xlsx_parts()).await.unwrap_err().message().unwrap().to_owned();
    assert!(message.contains("copie XLSX") && message.contains("intact"), "{message}");
    assert_eq!(read_with(&reader, "y.csv").await.unwrap_err(), failed("lu : y.csv"));
    assert_eq!(reader.started(), 2);
}

#[wasm_bindgen_test]
async fn an_on_demand_worker_grown_large_is_ended_and_started_again_at_the_next_request() {
    let reader = reader_of(&[GROWN_LARGE, NAMES], 10_000).on_demand();
    assert_eq!(read_with(&reader, "gros.csv").await.unwrap_err(), failed("lu"));
    assert_eq!(reader.started(), 1, "no fresh worker before it is needed");
    assert_eq!(read_with(&reader, "b.csv").await.unwrap_err(), failed("lu : b.csv"));
    assert_eq!(reader.started(), 2);
}

#[wasm_bindgen_test]
async fn an_xlsx_copy_where_no_worker_can_start_says_so_in_its_own_words() {
    // Workers blocked (a policy of the page embedding Tamis): the spawn fails at once.
    let reader = Reader::new(Box::new(|| Err(wasm_bindgen::JsValue::from_str("bloqué"))), 10_000);
    let message = reader.xlsx(xlsx_parts()).await.unwrap_err().message().unwrap().to_owned();
    assert!(message.contains("copie XLSX") && message.contains("workers"), "{message}");
    let message = read_with(&reader, "a.csv").await.unwrap_err().message().unwrap().to_owned();
    assert!(message.contains("lecture du fichier"), "{message}");
}

#[wasm_bindgen_test]
async fn an_xlsx_copy_can_be_cancelled() {
    let reader = reader_of(&[HANGS, NAMES], 10_000);
    let copy = reader.xlsx(xlsx_parts());
    sleep(50).await;
    assert!(reader.cancel());
    assert_eq!(copy.await.unwrap_err(), ReadError::Cancelled);
    assert_eq!(read_with(&reader, "b.csv").await.unwrap_err(), failed("lu : b.csv"), "a fresh worker reads next");
}

/// The CSV to publish is written a slice of rows at a time, with the page answering in between: an edit
/// made meanwhile starts it again, so the file is the table's last state, never a mix of two; and it
/// stops when asked to.
#[wasm_bindgen_test]
async fn a_csv_written_in_slices_is_one_state_of_the_table_the_last() {
    use leptos::prelude::Set;
    use std::cell::Cell;
    use tamis::state::AppState;
    use tamis_engine::edit::{Edit, Editor, RowRef};
    use tamis_engine::export::{CsvOptions, FileKind};
    use tamis_engine::{Schema, Table};
    let schema = Schema::from_json(r#"{"fields": [{"name": "a"}, {"name": "b", "type": "integer"}]}"#).unwrap();
    // Enough rows for several slices of 25 ms.
    let rows: Vec<tamis_engine::Row> =
        (0..150_000).map(|i| [format!("ligne {i}, avec \"guillemets\""), i.to_string()].into()).collect();
    let table = Table { fields: vec!["a".into(), "b".into()], source_rows: (2..rows.len() + 2).collect(), rows };
    // The app's state runs effects, as in the app (a second initialisation is refused, harmlessly).
    let _ = any_spawner::Executor::init_wasm_bindgen();
    let state = AppState::new();
    // Its effects run first (with no file, there is no table to build), then the table is given.
    sleep(10).await;
    state.editor.set(Some(Editor::new(&schema, table).unwrap()));
    let bytes = |blob: web_sys::Blob| async move {
        let buffer = wasm_bindgen_futures::JsFuture::from(blob.array_buffer()).await.unwrap();
        js_sys::Uint8Array::new(&buffer).to_vec()
    };

    // An edit of the first row after the first slice: the rows written before it are written again.
    let (pauses, edited) = (Cell::new(0), Cell::new(false));
    let go_on = || {
        pauses.set(pauses.get() + 1);
        if !edited.replace(true) {
            state.edit(Edit::SetCell { row: RowRef::at(0), field: "a".into(), value: "modifiée".into() });
        }
        true
    };
    let file = state.csv_download(FileKind::Publication, go_on).await.unwrap().unwrap();
    assert!(pauses.get() >= 2, "written in several slices: {}", pauses.get());
    let expected = state.with_editor_untracked(|e| export::to_csv_with(e.table(), &CsvOptions::publication())).unwrap();
    let written = bytes(file.blob).await;
    assert!(written.starts_with(b"a,b\r\nmodifi\xc3\xa9e,0\r\n"));
    assert_eq!(written.len(), expected.len());
    assert!(written == expected, "the bytes of the table as it is now");
    assert!(file.name.ends_with(".csv"), "{}", file.name);

    // The copy for Excel, stopped at its first pause: nothing.
    assert!(state.csv_download(FileKind::ExcelCsv, || false).await.unwrap().is_none());
    let excel = state.csv_download(FileKind::ExcelCsv, || true).await.unwrap().unwrap();
    let expected = state.with_editor_untracked(|e| export::to_csv_with(e.table(), &CsvOptions::excel())).unwrap();
    assert!(bytes(excel.blob).await == expected);
}
