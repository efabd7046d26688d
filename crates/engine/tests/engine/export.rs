//! Export (issue #7): the publication CSV reads back the same and passes the reference validator,
//! file names for every SCDL schema of the catalog, corpus files fixed and exported, the XLSX copy
//! re-opened, the HTML report (a sample is written to `target/export-sample/report.html`).
//!
//! `cargo test -p tamis-engine --test engine export:: -- --nocapture` prints the figures.

// A test's helpers may panic: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use crate::common;

use chrono::NaiveDate;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde_json::Value;
use std::path::{Path, PathBuf};
use tamis_engine::edit::{Edit, Editor};
use tamis_engine::export::{self, CsvOptions, FileKind, NameParts, ReportContext, ValidationReport};
use tamis_engine::{mapping, read, CompiledSchema, ReadOptions, Recipe, Report, Schema, Table};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

/// A folder of the target directory for files a person may want to look at.
fn target_dir(name: &str) -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    let dir = target.join(name);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tamis-export-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The reference validator's verdicts, or `None` (with a message) when it is not installed at all.
/// Installed but failing is a test failure.
fn reference(pairs: &[(&Path, &Path)], what: &str) -> Option<Vec<Value>> {
    if !common::reference_tool().is_file() {
        println!("SKIPPED ({what}): the reference validator {} is not there", common::reference_tool().display());
        return None;
    }
    Some(common::reference_verdicts(pairs))
}

fn verdict_line(verdict: &Value) -> String {
    let errors: Vec<String> = verdict["errors"]
        .as_array()
        .into_iter()
        .flatten()
        .take(5)
        .map(|e| format!("{} row {} field {} ({})", e["code"], e["row"], e["field"], e["message"]))
        .collect();
    errors.join("; ")
}

// ─── Generated tables: publication CSV → read → same cells, valid for Tamis and the reference ─────

const SCHEMA: &str = r#"{
  "fields": [
    {"name": "id", "type": "string", "constraints": {"required": true}},
    {"name": "texte", "type": "string"},
    {"name": "code", "type": "string"},
    {"name": "commentaire", "type": "string"},
    {"name": "nombre", "type": "integer"},
    {"name": "montant", "type": "number"},
    {"name": "date", "type": "date"},
    {"name": "actif", "type": "boolean"}
  ]
}"#;

fn generated_schema() -> Schema {
    Schema::from_json(SCHEMA).unwrap()
}

/// Text with what breaks naive CSV writers and readers.
fn tricky_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\"".to_owned()),
        Just("\"\"".to_owned()),
        Just("\n".to_owned()),
        Just("\r\n".to_owned()),
        Just(",".to_owned()),
        Just(";".to_owned()),
        Just("\t".to_owned()),
        Just("|".to_owned()),
        Just(" ".to_owned()),
        Just("é".to_owned()),
        Just("à la ligne".to_owned()),
        Just("Œuvre ÇÀÉÈ ñ ß".to_owned()),
        Just("🎉".to_owned()),
        Just("👩‍👩‍👧".to_owned()),
        Just("0".to_owned()),
        Just("'".to_owned()),
        Just("#".to_owned()),
        "[a-zA-Z0-9]{1,8}",
        "[0-9]{1,6}",
    ];
    prop::collection::vec(piece, 0..8).prop_map(|pieces| pieces.concat())
}

fn long_text() -> impl Strategy<Value = String> {
    (10_001usize..12_000, tricky_text()).prop_map(|(n, middle)| {
        let mut text = "Lorem ipsum, « dolor » sit amet; ".repeat(n / 30 + 1);
        text.truncate(text.char_indices().nth(n).map_or(text.len(), |(i, _)| i));
        format!("  {middle}{text}\n{middle} ")
    })
}

fn row() -> impl Strategy<Value = Vec<String>> {
    (
        "[A-Z0-9]{1,6}",
        prop_oneof![4 => tricky_text(), 1 => long_text()],
        prop_oneof!["0[0-9]{1,9}", "[0-9]{5}", Just("00000".to_owned()), Just(" 007 ".to_owned())],
        prop_oneof![tricky_text(), Just("  espaces autour  ".to_owned()), Just(String::new())],
        prop_oneof![any::<i32>().prop_map(|n| n.to_string()), Just(String::new())],
        prop_oneof![(any::<i32>(), 0u8..100).prop_map(|(a, b)| format!("{a}.{b:02}")), Just(String::new())],
        prop_oneof![
            (1990i32..2030, 1u32..13, 1u32..29).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
            Just(String::new())
        ],
        prop_oneof![Just("true".to_owned()), Just("false".to_owned()), Just(String::new())],
    )
        .prop_map(|(id, texte, code, commentaire, nombre, montant, date, actif)| {
            // Text cells the read path keeps as they are: a cell of only spaces or line breaks is
            // read as empty by every reader (and is a blank cell for Validata too).
            let keep = |s: String| if s.trim().is_empty() { String::new() } else { s };
            vec![id, keep(texte), code, keep(commentaire), nombre, montant, date, actif]
        })
}

fn generated_table() -> impl Strategy<Value = Table> {
    prop::collection::vec(row(), 1..12).prop_map(|rows| Table {
        fields: generated_schema().fields.iter().map(|f| f.name.clone()).collect(),
        source_rows: (0..rows.len()).map(tamis_engine::spreadsheet_row).collect(),
        rows: rows.into_iter().map(Into::into).collect(),
    })
}

/// The publication CSV of `table`, read back as a user's file: same header and cells, valid.
fn round_trip(table: &Table, compiled: &CompiledSchema) -> Result<(), String> {
    let report = compiled.validate(table);
    if !report.valid {
        return Err(format!("the generated table is not valid: {:?}", report.issues.first()));
    }
    let bytes = export::to_csv_with(table, &CsvOptions::publication());
    let sheet = read("export.csv", &bytes, &ReadOptions::default()).map_err(|e| e.to_string())?;
    let back = Table::from_sheet(&sheet);
    if back.fields != table.fields {
        return Err(format!("header {:?} read back as {:?}", table.fields, back.fields));
    }
    if back.rows != table.rows {
        let diff = table.rows.iter().zip(&back.rows).position(|(a, b)| a != b);
        return Err(format!(
            "{} rows written, {} read; first different row {diff:?}",
            table.rows.len(),
            back.rows.len()
        ));
    }
    let again = compiled.validate(&back);
    if !again.issues.is_empty() || !again.warnings.is_empty() {
        return Err(format!("read back with issues: {:?} {:?}", again.issues.first(), again.warnings.first()));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn publication_csv_reads_back_the_same_and_valid(table in generated_table()) {
        let compiled = CompiledSchema::compile(&generated_schema()).unwrap();
        if let Err(e) = round_trip(&table, &compiled) {
            prop_assert!(false, "{}", e);
        }
    }
}

#[test]
fn generated_exports_are_valid_for_the_reference_validator() {
    const SAMPLES: usize = 30;
    let mut runner = TestRunner::new_with_rng(Config::default(), TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]));
    let compiled = CompiledSchema::compile(&generated_schema()).unwrap();
    let dir = scratch_dir("generated");
    let schema_path = dir.join("schema.json");
    std::fs::write(&schema_path, SCHEMA).unwrap();
    let mut files = Vec::new();
    let mut cells = 0;
    let mut long = 0;
    for i in 0..SAMPLES {
        let table = generated_table().new_tree(&mut runner).unwrap().current();
        round_trip(&table, &compiled).unwrap_or_else(|e| panic!("sample {i}: {e}"));
        cells += table.rows.len() * table.fields.len();
        long += table.rows.iter().flatten().filter(|c| c.chars().count() > 10_000).count();
        let path = dir.join(format!("{i}.csv"));
        std::fs::write(&path, export::to_csv_with(&table, &CsvOptions::publication())).unwrap();
        files.push(path);
    }
    let pairs: Vec<(&Path, &Path)> = files.iter().map(|f| (schema_path.as_path(), f.as_path())).collect();
    let Some(verdicts) = reference(&pairs, "generated tables") else { return };
    let invalid: Vec<String> = verdicts
        .iter()
        .zip(&files)
        .filter(|(v, _)| v["valid"] != Value::Bool(true))
        .map(|(v, f)| format!("{}: {}", f.display(), verdict_line(v)))
        .collect();
    println!(
        "generated tables: {} of {SAMPLES} exports valid for the reference ({cells} cells, {long} over 10,000 characters)",
        SAMPLES - invalid.len()
    );
    assert!(invalid.is_empty(), "the reference rejects exports Tamis calls valid:\n{}", invalid.join("\n"));
    let _ = std::fs::remove_dir_all(&dir);
}

// ─── File names for every SCDL schema of the catalog ────────────────────────────────────────────

/// The names of the catalog's SCDL table schemas (`scdl/…`).
fn scdl_schemas() -> Vec<String> {
    let index: Value =
        serde_json::from_str(&std::fs::read_to_string(common::schemas_dir().join("schemas.json")).unwrap()).unwrap();
    index["schemas"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|entry| entry["schema_type"] == "tableschema")
        .filter_map(|entry| entry["name"].as_str())
        .filter(|name| name.starts_with("scdl/"))
        .map(str::to_owned)
        .collect()
}

/// A table of the schema's fields with a few rows of examples, and `siret` in `siret_field`.
fn sample_table(schema: &Schema, siret_field: Option<&str>, siret: &str) -> Table {
    let rows: Vec<Vec<String>> = (0..3)
        .map(|_| {
            schema
                .fields
                .iter()
                .map(|field| match (&field.example, Some(field.name.as_str()) == siret_field) {
                    (_, true) => siret.to_owned(),
                    (Some(Value::String(s)), _) => s.clone(),
                    (Some(other), _) => other.to_string(),
                    (None, _) => String::new(),
                })
                .collect()
        })
        .collect();
    Table {
        fields: schema.fields.iter().map(|f| f.name.clone()).collect(),
        source_rows: (2..2 + rows.len()).collect(),
        rows: rows.into_iter().map(Into::into).collect(),
    }
}

#[test]
fn every_scdl_schema_gets_a_guide_file_name() {
    let names = scdl_schemas();
    assert!(names.len() >= 8, "{names:?}");
    let mut with_field = 0;
    for name in &names {
        let schema = common::latest_schema(name);
        let field = export::publisher_siret_field(&schema);
        let dataset = export::dataset_name(name);
        assert_eq!(dataset, name.trim_start_matches("scdl/"), "{name}");
        let table = sample_table(&schema, field, "21740042300018");
        let siren = match field {
            Some(field) => {
                with_field += 1;
                let siren = export::find_siren(&schema, &table);
                assert_eq!(siren.as_deref(), Some("217400423"), "{name}: SIREN from {field}");
                siren.unwrap()
            }
            None => {
                assert_eq!(export::find_siren(&schema, &table), None, "{name}");
                // The caller asks the user, who types it with spaces.
                export::parse_siren("217 400 423").unwrap()
            }
        };
        let parts = NameParts { date: today(), siren: &siren, dataset: &dataset, valid: true };
        let file = export::file_name(&parts, FileKind::Publication);
        assert_eq!(file, format!("20261123_217400423_{dataset}.csv"), "{name}");
        assert!(file.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"_-.".contains(&b)), "{file}");
        let excel = export::file_name(&parts, FileKind::ExcelCsv);
        assert_ne!(excel, file);
        assert!(excel.ends_with("_pour-excel.csv"), "{excel}");
        let invalid = NameParts { valid: false, ..parts };
        assert_eq!(
            export::file_name(&invalid, FileKind::Publication),
            format!("20261123_217400423_{dataset}_NON-CONFORME.csv")
        );
        println!("{name}: SIRET field {field:?} → {file}");
    }
    println!("{} SCDL schemas, {with_field} with a publisher SIRET field", names.len());
    // Known publisher fields: only the names of new-borns have none (a commune's INSEE code instead).
    assert_eq!(with_field, names.len() - 1);
}

// ─── Corpus: suggested mapping, every fix-all, export, reference ────────────────────────────────

/// A corpus file mapped as Tamis suggests, then every group's suggested fix applied (twice: a fix
/// can reveal the next check), as a person clicking "apply to all" would.
fn fixed(file: &str, schema: &Schema, constants: &[(&str, &str)]) -> (Editor, Recipe) {
    let bytes = std::fs::read(common::corpus(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    let sheet = read(file, &bytes, &ReadOptions::default()).unwrap();
    let mut recipe = Recipe::suggested(schema, &sheet);
    for (field, text) in constants {
        recipe.mapping.insert((*field).to_owned(), Some(mapping::Source::Constant((*text).to_owned())));
    }
    let table = mapping::apply(&sheet, schema, &recipe);
    let mut editor = Editor::new(schema, table).unwrap();
    for _ in 0..2 {
        for group in editor.groups() {
            if let (Some(field), true) = (group.field.as_deref(), group.fixable > 0) {
                let edit = editor.fix_group(field, group.code);
                editor.apply(edit).unwrap();
            }
        }
    }
    (editor, recipe)
}

fn labelled_files() -> Vec<(String, String)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/mapping/labels.json");
    let labels: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    labels["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["schema"].as_str().unwrap().to_owned(), e["file"].as_str().unwrap().to_owned()))
        .collect()
}

/// The reference validator calls every export valid: `(schema, export, corpus file)` triples.
fn reference_agrees(exported: &[(PathBuf, PathBuf, String)], what: &str) {
    let pairs: Vec<(&Path, &Path)> = exported.iter().map(|(s, d, _)| (s.as_path(), d.as_path())).collect();
    let Some(verdicts) = reference(&pairs, what) else { return };
    let rejected: Vec<String> = verdicts
        .iter()
        .zip(exported)
        .filter(|(v, _)| v["valid"] != Value::Bool(true))
        .map(|(v, (_, _, file))| format!("{file}: {}", verdict_line(v)))
        .collect();
    println!("{what}: the reference calls {} of {} exports valid", exported.len() - rejected.len(), exported.len());
    assert!(rejected.is_empty(), "the reference rejects exports Tamis calls valid:\n{}", rejected.join("\n"));
}

#[test]
fn corpus_files_fixed_and_exported_are_valid_for_the_reference() {
    let dir = scratch_dir("corpus");
    let files = labelled_files();
    let mut exported = Vec::new();
    for (schema_name, file) in &files {
        let schema = common::latest_schema(schema_name);
        let (editor, _) = fixed(file, &schema, &[]);
        let report = editor.report();
        println!(
            "{file} ({schema_name}): {} rows, {} edits, {}",
            report.row_count,
            editor.log().edits.len(),
            if report.valid { "valid".to_owned() } else { format!("{} issues left", report.issues.len()) }
        );
        if report.valid {
            let path = dir.join(format!("{}.csv", exported.len()));
            std::fs::write(&path, export::to_csv_with(editor.table(), &CsvOptions::publication())).unwrap();
            exported.push((common::latest_schema_path(schema_name), path, file.clone()));
        }
    }
    println!(
        "corpus: {} of {} labelled files valid after the suggested mapping and every fix-all",
        exported.len(),
        files.len()
    );
    assert!(!exported.is_empty(), "no corpus file comes out valid");
    reference_agrees(&exported, "corpus");
    let _ = std::fs::remove_dir_all(&dir);
}

/// As an agent finishing a file would: the required fields no column fills get a fixed value (the
/// schema's example), every fix-all is applied, and the rows still in error are deleted. Whatever is
/// left is real data that Tamis calls valid: the reference must agree on every file.
#[test]
fn corpus_files_finished_by_hand_are_valid_for_the_reference_too() {
    let dir = scratch_dir("corpus-finished");
    let files = labelled_files();
    let mut exported = Vec::new();
    for (schema_name, file) in &files {
        let schema = common::latest_schema(schema_name);
        let bytes = std::fs::read(common::corpus(file)).unwrap();
        let sheet = read(file, &bytes, &ReadOptions::default()).unwrap();
        let suggested = Recipe::suggested(&schema, &sheet);
        let constants: Vec<(String, String)> = schema
            .fields
            .iter()
            .filter(|f| f.constraints.required && suggested.source(&f.name).is_none())
            .filter_map(|f| {
                let example = match f.example.as_ref()? {
                    Value::String(text) => text.clone(),
                    other => other.to_string(),
                };
                Some((f.name.clone(), example))
            })
            .collect();
        let constants: Vec<(&str, &str)> = constants.iter().map(|(f, v)| (f.as_str(), v.as_str())).collect();
        let (mut editor, _) = fixed(file, &schema, &constants);
        let groups: Vec<String> =
            editor.groups().iter().map(|g| format!("{:?}/{}:{}", g.field, g.code, g.count)).collect();
        println!("  still wrong: {}", groups.join(" "));
        let mut bad: Vec<usize> = editor.report().issues.iter().filter_map(|i| i.row?.checked_sub(2)).collect();
        bad.dedup();
        if !bad.is_empty() {
            let rows = bad.iter().filter_map(|&i| editor.row_ref(i)).collect();
            editor.apply(Edit::DeleteRows { rows }).unwrap();
        }
        let report = editor.report();
        println!(
            "{file} ({schema_name}): {} rows kept, {} deleted, valid: {}",
            report.row_count,
            bad.len(),
            report.valid
        );
        // Table-wide issues (none expected once every field is mapped) would leave it invalid.
        if report.valid && report.row_count > 0 {
            let path = dir.join(format!("{}.csv", exported.len()));
            std::fs::write(&path, export::to_csv_with(editor.table(), &CsvOptions::publication())).unwrap();
            exported.push((common::latest_schema_path(schema_name), path, file.clone()));
        }
    }
    println!("corpus finished by hand: {} of {} files exported with rows", exported.len(), files.len());
    // Most real files have a column wrong in every row (no ACTES nomenclature, periods written a_b, a
    // required field with no example): those lose every row. 7 of 27 keep rows today.
    assert!(exported.len() >= 5, "files with valid rows left: {}/{}", exported.len(), files.len());
    reference_agrees(&exported, "corpus finished by hand");
    let _ = std::fs::remove_dir_all(&dir);
}

// ─── XLSX copy ───────────────────────────────────────────────────────────────────────────────────

fn xlsx_table() -> (Schema, Table) {
    let schema = Schema::from_json(
        r#"{"fields": [{"name": "code", "type": "string"}, {"name": "date", "type": "date"},
            {"name": "texte", "type": "string"}, {"name": "n", "type": "integer"}]}"#,
    )
    .unwrap();
    let table = Table {
        fields: vec!["code".into(), "date".into(), "texte".into(), "n".into()],
        rows: vec![
            ["01234", "2023-03-15", "Élève « été » 🎉", "007"].into(),
            ["00000", "15/03/2023", "ligne 1\nligne 2", "12"].into(),
            ["2A004", "", "_x0041_ <b>&amp;</b> =1+1", ""].into(),
            vec!["0".into(), "2024-02-29".into(), "x".repeat(20_000), "1e5".into()].into(),
        ],
        source_rows: vec![2, 3, 4, 5],
    };
    (schema, table)
}

#[test]
fn xlsx_copy_reopens_with_the_same_text_cells() {
    let (schema, table) = xlsx_table();
    let report = CompiledSchema::compile(&schema).unwrap().validate(&table);
    assert_eq!(report.issues.len(), 2, "{:?}", report.issues);
    let bytes = export::to_xlsx(&table, &report, today()).unwrap();
    assert_eq!(bytes, export::to_xlsx(&table, &report, today()).unwrap(), "the same bytes: no clock in the file");

    // calamine, directly: every cell a string, leading zeros kept.
    use calamine::{Data, Reader};
    let mut workbook = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes.clone())).unwrap();
    assert_eq!(workbook.sheet_names(), ["Données"]);
    let range = workbook.worksheet_range("Données").unwrap();
    let cells: Vec<Vec<Data>> = range.rows().map(<[Data]>::to_vec).collect();
    assert_eq!(cells.len(), table.rows.len() + 1);
    let header: tamis_engine::Row = table.fields.iter().collect();
    for (expected, got) in std::iter::once(&header).chain(&table.rows).zip(&cells) {
        for (want, cell) in expected.iter().zip(got) {
            match cell {
                Data::String(s) => assert!(s == want, "{} read back as {}", short(want), short(s)),
                Data::Empty => assert_eq!(want, ""),
                other => panic!("{} written as {other:?}", short(want)),
            }
        }
    }

    // Tamis's own reader, as a user reopening the copy (rows end at their last non-empty cell): a
    // literal `_x0041_` stays as it is (calamine decodes XLSX escapes once, Tamis not again).
    let sheet = read("copie.xlsx", &bytes, &ReadOptions::default()).unwrap();
    let back = Table::from_sheet(&sheet);
    assert_eq!(back.fields, table.fields);
    assert_eq!(back.rows.len(), table.rows.len());
    for (r, (want, got)) in table.rows.iter().zip(&back.rows).enumerate() {
        for (c, want) in want.iter().enumerate() {
            let got = got.get(c).unwrap_or_default();
            assert!(got == want, "row {r} column {c}: {} read back as {}", short(want), short(got));
        }
    }

    // The error cells' messages are notes; the header is frozen and filtered.
    let parts = unzip(&bytes);
    let comments = parts.iter().find(|(name, _)| name.starts_with("xl/comments")).map(|(_, text)| text.as_str());
    let comments = comments.expect("a comments part");
    for issue in &report.issues {
        let escaped = issue.message.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
        assert!(comments.contains(&escaped), "{} not in the notes", issue.message);
    }
    let sheet_xml = &parts.iter().find(|(name, _)| name == "xl/worksheets/sheet1.xml").unwrap().1;
    assert!(sheet_xml.contains("<autoFilter ref=\"A1:D5\""), "autofilter");
    assert!(sheet_xml.contains("state=\"frozen\""), "frozen header");
    let core = &parts.iter().find(|(name, _)| name == "docProps/core.xml").unwrap().1;
    assert!(core.contains("2026-11-23T00:00:00Z"), "creation date from the caller: {core}");
}

#[test]
fn xlsx_copy_made_from_parts_is_the_same_workbook() {
    // More marked cells than notes, two messages on one cell, a blank row (its issue on the first
    // cell), a cell over Excel's limit, and rows without issues.
    let schema = Schema::from_json(
        r#"{"fields": [{"name": "code", "type": "string", "constraints": {"pattern": "[0-9]+", "maxLength": 3}},
            {"name": "date", "type": "date"}, {"name": "texte", "type": "string"}]}"#,
    )
    .unwrap();
    let mut rows: Vec<tamis_engine::Row> = (0..5_000)
        .map(|i| {
            let date = if i % 2 == 0 { format!("{i}/03/2023") } else { "2023-03-15".to_owned() };
            [format!("{}", i % 1000), date, format!("ligne « {i} »")].into()
        })
        .collect();
    rows[3] = ["", "", ""].into();
    rows[7] = ["abcd", "2023-03-15", "x".repeat(40_000).as_str()].into();
    let source_rows = (2..rows.len() + 2).collect();
    let table = Table { fields: vec!["code".into(), "date".into(), "texte".into()], rows, source_rows };
    let report = CompiledSchema::compile(&schema).unwrap().validate(&table);
    assert!(report.issues.len() > export::MAX_NOTES, "{} issues", report.issues.len());
    assert!(report.issues.iter().any(|i| i.field.is_none() && i.row == Some(5)), "the blank row's issue");
    assert_eq!(report.issues.iter().filter(|i| i.row == Some(9) && i.field.as_deref() == Some("code")).count(), 2);

    let whole = export::to_xlsx(&table, &report, today()).unwrap();
    let parts = export::XlsxParts::new(&table, &report, today()).unwrap();
    assert!(
        parts.meta.contains("\"rows\":5000") && parts.meta.contains("\"notes\":[") && parts.meta.contains("2026-11-23"),
        "{}",
        &parts.meta[..200]
    );
    assert_eq!(parts.clone().to_xlsx().unwrap(), whole, "the same bytes");
    // A row shorter than the fields (the engine never makes one; a caller may): its missing cells empty.
    let short = Table {
        fields: table.fields.clone(),
        rows: vec![["a", "b", "c"].into(), ["seul"].into(), ["x", "", "z"].into()],
        source_rows: vec![2, 3, 4],
    };
    let copy = export::XlsxParts::new(&short, &Report::default(), today()).unwrap();
    assert_eq!(copy.ends.len(), 9);
    assert_eq!(copy.to_xlsx().unwrap(), export::to_xlsx(&short, &Report::default(), today()).unwrap());
    let empty = Table { fields: table.fields.clone(), rows: vec![], source_rows: vec![] };
    let none = export::XlsxParts::new(&empty, &Report::default(), today()).unwrap();
    assert_eq!(none.to_xlsx().unwrap(), export::to_xlsx(&empty, &Report::default(), today()).unwrap());

    // Damaged parts give an error, never a workbook.
    let damaged = |change: &dyn Fn(&mut export::XlsxParts)| {
        let mut parts = parts.clone();
        change(&mut parts);
        parts.to_xlsx().unwrap_err().to_string()
    };
    for error in [
        damaged(&|p| {
            p.ends.pop();
        }),
        damaged(&|p| p.ends[1] = p.ends[0] - 1),
        damaged(&|p| *p.ends.last_mut().unwrap() += 1),
        damaged(&|p| p.text[0] = 0xFF),
        damaged(&|p| {
            p.marked.pop();
        }),
        damaged(&|p| p.marked.swap(0, 2)),
        damaged(&|p| p.marked[1] = 70_000),
        damaged(&|p| p.meta = p.meta.replacen("[", "[\"\",", 1)),
        damaged(&|p| p.meta = p.meta.replacen("\"rows\":5000", "\"rows\":5001", 1)),
        damaged(&|p| p.meta = p.meta.replacen("\"notes\":[", "\"notes\":[\"\",", 1)),
        damaged(&|p| p.meta = p.meta.replacen("2026-11-23", "2026-11-31", 1)),
        damaged(&|p| p.meta.push('}')),
    ] {
        assert!(error.contains("pas arrivé entier"), "{error}");
    }
}

#[test]
fn xlsx_copy_cuts_cells_over_the_excel_limit_and_says_so() {
    let table = Table { fields: vec!["t".into()], rows: vec![vec!["é".repeat(40_000)].into()], source_rows: vec![2] };
    let bytes = export::to_xlsx(&table, &Report::default(), today()).unwrap();
    let sheet = read("copie.xlsx", &bytes, &ReadOptions::default()).unwrap();
    assert_eq!(sheet.cell(0, 0).chars().count(), 32_767);
    let parts = unzip(&bytes);
    assert!(parts.iter().any(|(name, text)| name.starts_with("xl/comments") && text.contains("40000")));
}

#[test]
fn xlsx_copy_writes_formula_like_cells_as_text_never_as_formulas() {
    let cells = ["=1+1", "+33 1 23 45 67 89", "@SUM(A1)", "\t=1+1", "-12.5", "=HYPERLINK(\"http://x\")"];
    let table = Table {
        fields: vec!["=v".into()],
        rows: cells.iter().map(|c| vec![(*c).to_owned()]).map(Into::into).collect(),
        source_rows: (0..cells.len()).map(tamis_engine::spreadsheet_row).collect(),
    };
    let bytes = export::to_xlsx(&table, &Report::default(), today()).unwrap();
    let parts = unzip(&bytes);
    let sheet_xml = &parts.iter().find(|(name, _)| name == "xl/worksheets/sheet1.xml").unwrap().1;
    assert!(!sheet_xml.contains("<f>") && !sheet_xml.contains("<f "), "a formula in the sheet: {sheet_xml}");
    use calamine::{Data, Reader};
    let mut workbook = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let range = workbook.worksheet_range("Données").unwrap();
    let read: Vec<Data> = range.rows().filter_map(|row| row.first().cloned()).collect();
    let expected: Vec<Data> = std::iter::once("=v").chain(cells).map(|c| Data::String(c.to_owned())).collect();
    assert_eq!(read, expected);
}

/// A value short enough for a failure message.
fn short(text: &str) -> String {
    let count = text.chars().count();
    if count <= 60 {
        format!("{text:?}")
    } else {
        format!("{:?}… ({count} characters)", text.chars().take(60).collect::<String>())
    }
}

/// The text parts of a zip file, by name.
fn unzip(bytes: &[u8]) -> Vec<(String, String)> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut text = String::new();
            file.read_to_string(&mut text).unwrap();
            (file.name().unwrap().into_owned(), text)
        })
        .collect()
}

// ─── Validation report ───────────────────────────────────────────────────────────────────────────

#[test]
fn html_report_has_the_verdict_counts_and_every_issue_escaped() {
    let file = "deliberations/VilleMTP_MTP_Delibs.csv";
    let schema = common::latest_schema("scdl/deliberations");
    let constants = [("COLL_NOM", "Ville de <Montpellier> & Cie"), ("COLL_SIRET", "21340172201787")];
    let (mut editor, recipe) = fixed(file, &schema, &constants);
    let markup = [("DELIB_OBJET", "<script>alert('x')</script>"), ("DELIB_DATE", "<script>alert(\"date\")</script>")];
    for (index, (field, value)) in markup.into_iter().enumerate() {
        let row = editor.row_ref(index).unwrap();
        editor.apply(Edit::SetCell { row, field: field.into(), value: value.into() }).unwrap();
    }
    let report = editor.report();
    assert!(!report.valid);
    let siren = export::find_siren(&schema, editor.table()).unwrap_or_else(|| "213401722".into());
    let parts = NameParts { date: today(), siren: &siren, dataset: "deliberations", valid: report.valid };
    let context = ReportContext {
        source_file: "VilleMTP_MTP_Delibs <1>.csv".into(),
        exported_file: export::file_name(&parts, FileKind::Publication),
        schema_name: "scdl/deliberations".into(),
        date: today(),
    };
    let data = ValidationReport::new(&context, &schema, report, Some(&recipe), &editor.log().edits);
    let html = data.to_html();

    assert!(html.contains("Non conforme"));
    assert!(html.contains("_NON-CONFORME.csv"));
    assert!(html.contains("23 novembre 2026"));
    assert!(!html.contains("<script"), "a cell's markup reached the page");
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert!(html.contains("Ville de &lt;Montpellier&gt; &amp; Cie"));
    for count in &data.counts {
        assert!(html.contains(&format!(
            "{} <code>{}</code></th><td class=\"num\">{}</td>",
            count.label, count.code, count.count
        )));
    }
    // Every issue is a table row, but empty required cells, listed as row ranges.
    let empty = report.issues.iter().filter(|i| i.cell.is_empty() && i.fix.is_none()).count();
    let rows_in_tables = html.matches("<tr><td>").count();
    assert_eq!(rows_in_tables, report.issues.len() - empty, "one table row per issue with a value");
    for issue in &report.issues {
        match issue.row {
            Some(row) if !issue.cell.is_empty() => assert!(html.contains(&format!("<tr><td>{row}<td")), "row {row}"),
            _ => {}
        }
    }
    if empty > 0 {
        assert!(html.contains("<p class=\"rows\">Lignes 2 à 161"), "empty cells as ranges");
    }
    for edit in &data.edits {
        assert!(html.contains(
            &edit
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('\'', "&#39;")
                .replace('"', "&quot;")
        ));
    }
    assert!(html.contains("Dates jj/mm/aaaa"), "the transforms are listed");
    assert!(!html.contains("http://") && !html.contains("https://") && !html.contains("src="), "nothing external");

    // As JSON for the app.
    let json = serde_json::to_value(&data).unwrap();
    assert_eq!(json["valid"], false);
    assert_eq!(json["issues"].as_array().unwrap().len(), report.issues.len());
    assert_eq!(json["schema"]["name"], "scdl/deliberations");

    let path = target_dir("export-sample").join("report.html");
    std::fs::write(&path, &html).unwrap();
    println!("sample report ({} issues, {} bytes): {}", report.issues.len(), html.len(), path.display());

    // A valid file's report.
    let (schema_ok, table_ok) = xlsx_table();
    let table_ok = Table { rows: vec![table_ok.rows[0].clone()], source_rows: vec![2], ..table_ok };
    let ok = CompiledSchema::compile(&schema_ok).unwrap().validate(&table_ok);
    let html_ok = ValidationReport::new(&context, &schema_ok, &ok, None, &[]).to_html();
    assert!(html_ok.contains("verdict ok") && html_ok.contains("Conforme") && html_ok.contains("Aucune erreur."));
    std::fs::write(target_dir("export-sample").join("report-valid.html"), html_ok).unwrap();
}

#[test]
fn html_report_of_35000_issues_stays_compact() {
    let schema = Schema::from_json(
        r#"{"title": "Délibérations", "version": "2.1", "fields": [{"name": "id", "type": "integer"},
            {"name": "date", "type": "date"}, {"name": "siret", "type": "string", "constraints": {"pattern": "^[0-9]{14}$"}}]}"#,
    )
    .unwrap();
    let rows: Vec<tamis_engine::Row> = (0..17_500)
        .map(|i| vec![i.to_string(), format!("{:02}/03/2023", i % 28 + 1), format!("{} 000 000", i)].into())
        .collect();
    let table = Table {
        fields: vec!["id".into(), "date".into(), "siret".into()],
        source_rows: (0..rows.len()).map(tamis_engine::spreadsheet_row).collect(),
        rows,
    };
    let report = CompiledSchema::compile(&schema).unwrap().validate(&table);
    assert_eq!(report.issues.len(), 35_000);
    let context = ReportContext {
        source_file: "grand.csv".into(),
        exported_file: "20261123_217400423_deliberations_NON-CONFORME.csv".into(),
        schema_name: "scdl/deliberations".into(),
        date: today(),
    };
    let started = std::time::Instant::now();
    let html = ValidationReport::new(&context, &schema, &report, None, &[]).to_html();
    let elapsed = started.elapsed();
    let json = serde_json::to_vec(&ValidationReport::new(&context, &schema, &report, None, &[])).unwrap();
    println!(
        "35,000 issues: HTML {:.1} MB ({} bytes, {:.0} bytes per issue) in {elapsed:?}; JSON {:.1} MB",
        html.len() as f64 / 1e6,
        html.len(),
        html.len() as f64 / 35_000.0,
        json.len() as f64 / 1e6
    );
    // A report lists the first 10,000 and says how many there are; the counts are whole.
    assert_eq!(html.matches("<tr><td>").count(), ValidationReport::MAX_LISTED);
    assert!(html.contains("liste les 10\u{a0}000 premières, sur 35\u{a0}000"), "the cut is said");
    assert!(html.contains("35\u{a0}000 erreurs restent à corriger"));
    assert!(html.len() < 1_000_000, "{} bytes", html.len());
    let data = ValidationReport::new(&context, &schema, &report, None, &[]);
    assert_eq!((data.issues.len(), data.issue_count, data.truncated), (10_000, 35_000, true));
    assert_eq!(data.counts.iter().map(|c| c.count).sum::<usize>(), 35_000);
    let short = data.at_most(100);
    assert_eq!((short.issues.len(), short.issue_count, short.truncated), (100, 35_000, true));
    assert_eq!(short.issues[99].row, report.issues[99].row, "the first ones, in order");
    let xlsx = export::to_xlsx(&table, &report, today()).unwrap();
    println!("35,000 issues: XLSX {:.1} MB ({} notes at most)", xlsx.len() as f64 / 1e6, export::MAX_NOTES);
}
