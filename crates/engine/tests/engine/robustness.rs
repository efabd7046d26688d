//! Robustness: no input, however damaged, makes the engine panic. In the browser a panic kills the
//! page, so every reader, the schema loader and the whole read → map → validate → write path must
//! answer any bytes with a value or a French error, never a panic.
//!
//! Unbounded memory use is as fatal as a panic there, so the properties whose inputs can make a reader
//! allocate without limit (workbooks, OLE containers, mutated real files) run in a child process whose
//! memory is capped (`ulimit -v`): such a bug fails its test, naming the input, instead of taking the
//! machine down.
//!
//! Real files are read from `../shared` at test time (never copied into the repository). Case counts
//! are bounded so the whole file runs in seconds in debug mode; the cargo-fuzz targets in
//! `crates/engine/fuzz` (run by `scripts/fuzz.sh`) explore the same ground for longer.

use crate::common;

use proptest::prelude::*;
use proptest::sample::{select, Index};
use proptest::test_runner::{Config, TestRunner};
use serde_json::{json, Map, Value};
use std::path::PathBuf;
use std::sync::OnceLock;
use tamis_engine::{export, mapping, read, Code, CompiledSchema, ReadOptions, Recipe, Schema, Table};

const EXTENSIONS: [&str; 5] = ["csv", "xlsx", "xls", "ods", "txt"];

/// Bounded runs, no regression files written into the source tree (a failure prints its input).
fn config(cases: u32) -> Config {
    Config { cases, failure_persistence: None, max_shrink_iters: 2_000, ..Config::default() }
}

/// Memory a child process may reserve: what a browser tab can give a page, give or take.
const CHILD_MEMORY_KB: u32 = 2 * 1024 * 1024;

/// Runs `body` for `case` of `test` in a child process (this test executable, filtered to `test`) whose
/// memory is capped at [`CHILD_MEMORY_KB`], and says how the child ended: a failed allocation aborts
/// (it is not a panic, nothing can catch it), and must fail one case, not kill every test of the file.
fn isolated(test: &str, case: &str, body: impl FnOnce()) -> Result<(), String> {
    const CHILD: &str = "TAMIS_ROBUSTNESS_CHILD";
    match std::env::var(CHILD) {
        Ok(wanted) if wanted == format!("{test}/{case}") => {
            body();
            return Ok(());
        }
        Ok(_) => return Ok(()), // a child running another case
        Err(_) => {}
    }
    let exe = std::env::current_exe().map_err(|e| format!("no test executable: {e}"))?;
    let name = harness_name(test);
    let output = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {CHILD_MEMORY_KB} && exec \"$0\" \"$@\""))
        .arg(exe)
        .args([name.as_str(), "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD, format!("{test}/{case}"))
        .env("RUST_BACKTRACE", "0")
        .output()
        .map_err(|e| format!("cannot run the child test: {e}"))?;
    if output.status.success() {
        // A name the harness does not know runs nothing and succeeds: that must not pass for a test.
        if !String::from_utf8_lossy(&output.stdout).contains("running 1 test") {
            return Err(format!("{case}: the child process ran no test named {name}"));
        }
        return Ok(());
    }
    // The child's own report, and for an abort the input it was trying (see `isolated_property`).
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty() && !l.starts_with("note:")).collect();
    let last_case = lines.iter().rev().find(|l| l.starts_with(CASE)).copied();
    let mut why: Vec<&str> = lines.into_iter().filter(|l| !l.starts_with(CASE)).collect();
    why = why.split_off(why.len().saturating_sub(40));
    why.extend(last_case);
    Err(format!("{case}: the child process died ({}):\n{}", output.status, why.join("\n")))
}

/// The name the test harness knows `test` by: its path in the test binary (`robustness::test`), which
/// `--exact` wants whole.
fn harness_name(test: &str) -> String {
    match module_path!().split_once("::") {
        Some((_, module)) => format!("{module}::{test}"),
        None => test.to_owned(),
    }
}

/// Prefix of the line a child prints before each case of a property.
const CASE: &str = "robustness case: ";

/// Runs a property in a memory-capped child process (see [`isolated`]): for the inputs that can make a
/// reader allocate without bound, so that such a bug fails this test instead of exhausting the machine.
/// Each case is printed before it runs, so an abort still names its input.
fn isolated_property<S>(test: &str, cases: u32, strategy: S, property: impl Fn(S::Value) -> Result<(), TestCaseError>)
where
    S: Strategy,
    S::Value: std::fmt::Debug,
{
    let outcome = isolated(test, "property", || {
        let mut runner = TestRunner::new(config(cases));
        let result = runner.run(&strategy, |value| {
            eprintln!("{CASE}{value:?}");
            property(value)
        });
        if let Err(failure) = result {
            panic!("{failure}");
        }
    });
    if let Err(report) = outcome {
        panic!("{report}");
    }
}

// ---------------------------------------------------------------------------------------------
// Real inputs, loaded once.

/// Every file of `../shared/corpus` (sub-folders included, MANIFEST.md excepted), with its name.
fn corpus() -> &'static [(String, Vec<u8>)] {
    static CORPUS: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let files = common::corpus_files();
        assert!(files.len() >= 50, "the corpus has its 50 files: found {}", files.len());
        files
            .into_iter()
            .map(|path| {
                let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
                let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                (name, bytes)
            })
            .collect()
    })
}

/// The latest version of every SCDL schema of the snapshot, as text.
fn scdl_schemas() -> &'static [(String, String)] {
    static SCHEMAS: OnceLock<Vec<(String, String)>> = OnceLock::new();
    SCHEMAS.get_or_init(|| {
        let dir = common::schemas_dir().join("scdl");
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .flatten()
            .filter(|entry| entry.path().join("latest/schema.json").is_file())
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert!(names.len() >= 5, "the SCDL schemas are in the snapshot: found {names:?}");
        names
            .into_iter()
            .map(|name| {
                let path: PathBuf = dir.join(&name).join("latest/schema.json");
                let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                (name, text)
            })
            .collect()
    })
}

fn scdl_schema(name: &str) -> &'static Schema {
    static SUBVENTIONS: OnceLock<Schema> = OnceLock::new();
    static DELIBERATIONS: OnceLock<Schema> = OnceLock::new();
    let cell = if name == "deliberations" { &DELIBERATIONS } else { &SUBVENTIONS };
    cell.get_or_init(|| {
        let text = &scdl_schemas().iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no scdl/{name}")).1;
        Schema::from_json(text).unwrap_or_else(|e| panic!("scdl/{name}: {e}"))
    })
}

// ---------------------------------------------------------------------------------------------
// Byte mutations.

#[derive(Debug, Clone)]
enum Mutation {
    /// XOR one byte with a non-zero mask.
    Flip(Index, u8),
    /// Overwrite one byte.
    Set(Index, u8),
    /// Cut the file there.
    Truncate(Index),
    /// Insert bytes there.
    Insert(Index, Vec<u8>),
    /// Remove up to `n` bytes there.
    Remove(Index, usize),
    /// Copy a slice of the file over another place (repeated structures, swapped records).
    Copy { from: Index, to: Index, len: usize },
    /// Put a container or encoding signature in front of the bytes.
    Prefix(&'static [u8]),
}

const SIGNATURES: [&[u8]; 6] =
    [b"PK\x03\x04", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", b"\xEF\xBB\xBF", b"\xFF\xFE", b"\xFE\xFF", b"\""];

/// Bytes that matter to the readers: delimiters, quotes, line ends, NUL, high bytes, UTF-8 lead bytes.
fn interesting_byte() -> impl Strategy<Value = u8> {
    prop_oneof![
        3 => any::<u8>(),
        2 => select(vec![b';', b',', b'\t', b'|', b'"', b'\n', b'\r', 0, 0xFF, 0xC3, 0xE2, 0x80, b'<', b'>', b'=']),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        4 => (any::<Index>(), 1..=255u8).prop_map(|(at, mask)| Mutation::Flip(at, mask)),
        3 => (any::<Index>(), interesting_byte()).prop_map(|(at, byte)| Mutation::Set(at, byte)),
        1 => any::<Index>().prop_map(Mutation::Truncate),
        2 => (any::<Index>(), prop::collection::vec(interesting_byte(), 1..16))
            .prop_map(|(at, bytes)| Mutation::Insert(at, bytes)),
        2 => (any::<Index>(), 1..64usize).prop_map(|(at, n)| Mutation::Remove(at, n)),
        1 => (any::<Index>(), any::<Index>(), 1..256usize).prop_map(|(from, to, len)| Mutation::Copy { from, to, len }),
        1 => select(SIGNATURES.to_vec()).prop_map(Mutation::Prefix),
    ]
}

fn mutate(bytes: &mut Vec<u8>, mutations: &[Mutation]) {
    for mutation in mutations {
        let len = bytes.len();
        // An index into the bytes, or 0 for an empty file (inserting at 0 is always allowed).
        let at = |i: &Index| if len == 0 { 0 } else { i.index(len) };
        match mutation {
            Mutation::Flip(i, mask) => {
                if let Some(b) = bytes.get_mut(at(i)) {
                    *b ^= mask;
                }
            }
            Mutation::Set(i, byte) => {
                if let Some(b) = bytes.get_mut(at(i)) {
                    *b = *byte;
                }
            }
            Mutation::Truncate(i) => bytes.truncate(at(i)),
            Mutation::Insert(i, inserted) => {
                let at = at(i);
                bytes.splice(at..at, inserted.iter().copied());
            }
            Mutation::Remove(i, n) => {
                let start = at(i);
                let end = start.saturating_add(*n).min(len);
                bytes.drain(start..end);
            }
            Mutation::Copy { from, to, len: n } => {
                let (from, to) = (at(from), at(to));
                let chunk: Vec<u8> = bytes.iter().skip(from).take(*n).copied().collect();
                for (offset, byte) in chunk.into_iter().enumerate() {
                    if let Some(b) = bytes.get_mut(to + offset) {
                        *b = byte;
                    }
                }
            }
            Mutation::Prefix(signature) => {
                bytes.splice(0..0, signature.iter().copied());
            }
        }
    }
}

/// Reads, and when a sheet comes out, checks the invariants the later stages rely on.
fn read_checked(name: &str, bytes: &[u8]) -> Result<(), TestCaseError> {
    if let Ok(sheet) = read(name, bytes, &ReadOptions::default()) {
        prop_assert_eq!(sheet.headers.len(), sheet.source.column_count);
        prop_assert_eq!(sheet.rows.len(), sheet.source.row_count);
        for (i, label) in sheet.headers.iter().enumerate() {
            prop_assert!(!label.is_empty(), "header {} is empty", i + 1);
            prop_assert!(!sheet.headers.iter().skip(i + 1).any(|other| other == label), "{:?} twice", label);
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// (a) + (b): the readers.

fn name_with_extension() -> impl Strategy<Value = String> {
    (select(EXTENSIONS.to_vec()), "[a-zA-Z0-9 _.-]{0,12}").prop_map(|(ext, stem)| format!("{stem}.{ext}"))
}

/// Raw bytes, half the time behind a signature so the workbook and BOM paths are reached too.
fn arbitrary_file() -> impl Strategy<Value = Vec<u8>> {
    let body = prop::collection::vec(any::<u8>(), 0..2048);
    prop_oneof![
        body.clone(),
        (select(SIGNATURES.to_vec()), body).prop_map(|(signature, body)| [signature, body.as_slice()].concat()),
    ]
}

proptest! {
    #![proptest_config(config(384))]

    #[test]
    fn read_never_panics_on_arbitrary_bytes(name in name_with_extension(), bytes in arbitrary_file()) {
        read_checked(&name, &bytes)?;
    }

    #[test]
    fn read_never_panics_on_arbitrary_text(name in name_with_extension(), text in "(?s).{0,600}") {
        read_checked(&name, text.as_bytes())?;
    }
}

#[test]
fn read_never_panics_on_mutated_corpus_files() {
    let strategy = (
        any::<Index>(),
        prop::collection::vec(mutation(), 1..8),
        prop::option::weighted(0.2, select(EXTENSIONS.to_vec())),
    );
    isolated_property("read_never_panics_on_mutated_corpus_files", 64, strategy, |(file, mutations, renamed)| {
        let (name, original) = file.get(corpus());
        let mut bytes = original.clone();
        mutate(&mut bytes, &mutations);
        let name = match renamed {
            Some(ext) => format!("renamed.{ext}"),
            None => name.clone(),
        };
        read_checked(&name, &bytes)
    });
}

// ---------------------------------------------------------------------------------------------
// Generated workbooks: a stored (uncompressed) zip, so that the XML the calamine readers parse is
// exactly what the strategy wrote, damaged references and all.

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

fn stored_zip(entries: &[(&str, Vec<u8>)]) -> Vec<u8> {
    fn u16le(out: &mut Vec<u8>, v: usize) {
        out.extend_from_slice(&u16::try_from(v).unwrap_or(u16::MAX).to_le_bytes());
    }
    fn u32le(out: &mut Vec<u8>, v: usize) {
        out.extend_from_slice(&u32::try_from(v).unwrap_or(u32::MAX).to_le_bytes());
    }
    const DATE: usize = 0x21; // 1980-01-01
    let (mut out, mut central) = (Vec::new(), Vec::new());
    for (name, data) in entries {
        let (offset, crc) = (out.len(), crc32(data) as usize);
        u32le(&mut out, 0x0403_4b50);
        for v in [20, 0, 0, 0, DATE] {
            u16le(&mut out, v);
        }
        for v in [crc, data.len(), data.len()] {
            u32le(&mut out, v);
        }
        u16le(&mut out, name.len());
        u16le(&mut out, 0);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);

        u32le(&mut central, 0x0201_4b50);
        for v in [20, 20, 0, 0, 0, DATE] {
            u16le(&mut central, v);
        }
        for v in [crc, data.len(), data.len()] {
            u32le(&mut central, v);
        }
        for v in [name.len(), 0, 0, 0, 0] {
            u16le(&mut central, v);
        }
        u32le(&mut central, 0);
        u32le(&mut central, offset);
        central.extend_from_slice(name.as_bytes());
    }
    let central_offset = out.len();
    out.extend_from_slice(&central);
    u32le(&mut out, 0x0605_4b50);
    for v in [0, 0, entries.len(), entries.len()] {
        u16le(&mut out, v);
    }
    u32le(&mut out, central.len());
    u32le(&mut out, central_offset);
    u16le(&mut out, 0);
    out
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn column_letters(mut col: u32) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// A cell reference near the top left (so a sheet stays small), or a broken one.
fn cell_ref() -> impl Strategy<Value = String> {
    prop_oneof![
        12 => (0..40u32, 1..120u32).prop_map(|(c, r)| format!("{}{r}", column_letters(c))),
        // Broken references, kept within a million rows: the sheet's far edges and beyond have
        // their own tests, run in a child process with capped memory.
        1 => "[A-Z$]{0,3}[0-9]{0,6}",
    ]
}

#[derive(Debug, Clone)]
struct GenCell {
    reference: Option<String>,
    kind: &'static str,
    style: Option<u32>,
    value: String,
}

fn number_text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "-?[0-9]{1,6}(\\.[0-9]{1,4})?",
        1 => select(vec![
            "1e308", "-1e308", "1e-310", "NaN", "inf", "-0", "0", "2958465", "2958466", "-1", "0.5", "59", "60", "61",
            "4294967296", "9007199254740993", "1E+20",
        ])
        .prop_map(str::to_owned),
    ]
}

/// A cell whose value mostly suits its type (one bad cell makes calamine refuse the whole sheet).
fn gen_cell() -> impl Strategy<Value = GenCell> {
    let typed = prop_oneof![
        4 => number_text().prop_map(|v| ("n", v)),
        2 => (0..6u32).prop_map(|i| ("s", i.to_string())),
        2 => "[ a-zA-Zéè0-9;,\"'/#]{0,20}".prop_map(|v| ("str", v)),
        2 => "[ a-zA-Zéè0-9;,\"'/#]{0,20}".prop_map(|v| ("inlineStr", v)),
        1 => select(vec!["0", "1"]).prop_map(|v| ("b", v.to_owned())),
        1 => select(vec!["#N/A", "#DIV/0!", "#REF!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!", "#GETTING_DATA"])
            .prop_map(|v| ("e", v.to_owned())),
        1 => "(19|20|99|00)[0-9]{2}-[01][0-9]-[0-3][0-9](T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,3})?)?"
            .prop_map(|v| ("d", v)),
        1 => (select(vec!["n", "s", "b", "e", "d", "zz"]), "[ -~]{0,8}").prop_map(|(k, v)| (k, v)),
    ];
    (prop::option::weighted(0.95, cell_ref()), typed, prop::option::weighted(0.4, 0..6u32))
        .prop_map(|(reference, (kind, value), style)| GenCell { reference, kind, style, value })
}

fn xlsx(dimension: Option<&str>, cells: &[GenCell], shared: &[String], sheet_xml_damage: &[Mutation]) -> Vec<u8> {
    const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let mut sheet = format!(r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">"#);
    if let Some(dimension) = dimension {
        sheet.push_str(&format!(r#"<dimension ref="{}"/>"#, xml_escape(dimension)));
    }
    sheet.push_str("<sheetData><row>");
    for cell in cells {
        sheet.push_str("<c");
        if let Some(reference) = &cell.reference {
            sheet.push_str(&format!(r#" r="{}""#, xml_escape(reference)));
        }
        sheet.push_str(&format!(r#" t="{}""#, cell.kind));
        if let Some(style) = cell.style {
            sheet.push_str(&format!(r#" s="{style}""#));
        }
        if cell.kind == "inlineStr" {
            sheet.push_str(&format!("><is><t>{}</t></is></c>", xml_escape(&cell.value)));
        } else {
            sheet.push_str(&format!("><v>{}</v></c>", xml_escape(&cell.value)));
        }
    }
    sheet.push_str("</row></sheetData></worksheet>");
    let mut sheet = sheet.into_bytes();
    mutate(&mut sheet, sheet_xml_damage);

    let strings: String = shared.iter().map(|s| format!("<si><t>{}</t></si>", xml_escape(s))).collect();
    let n = shared.len();
    let entries = [
        (
            "[Content_Types].xml",
            br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#.to_vec(),
        ),
        (
            "_rels/.rels",
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#).into_bytes(),
        ),
        (
            "xl/workbook.xml",
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets><sheet name="Feuil1" sheetId="1" r:id="rId1"/></sheets></workbook>"#).into_bytes(),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#).into_bytes(),
        ),
        (
            "xl/styles.xml",
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{MAIN}"><numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="[h]:mm:ss"/></numFmts><cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="22"/></cellXfs></styleSheet>"#).into_bytes(),
        ),
        (
            "xl/sharedStrings.xml",
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}" count="{n}" uniqueCount="{n}">{strings}</sst>"#).into_bytes(),
        ),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    stored_zip(&entries)
}

#[test]
fn a_generated_workbook_is_read_by_the_readers() {
    // The generator itself must produce workbooks calamine accepts, or the property below tests nothing.
    let cells = [
        GenCell { reference: Some("A1".into()), kind: "s", style: None, value: "0".into() },
        GenCell { reference: Some("B1".into()), kind: "inlineStr", style: None, value: "montant".into() },
        GenCell { reference: Some("A2".into()), kind: "n", style: Some(1), value: "45000".into() },
        GenCell { reference: Some("B2".into()), kind: "n", style: None, value: "12.5".into() },
    ];
    let bytes = xlsx(Some("A1:B2"), &cells, &["date".into()], &[]);
    let sheet = read("generated.xlsx", &bytes, &ReadOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(sheet.source.format, "xlsx");
    assert_eq!(sheet.headers, ["date", "montant"]);
    assert_eq!(sheet.rows.to_vecs(), [["2023-03-15", "12.5"]]);
}

/// A workbook of a few inline-string cells at the given references.
fn workbook_with_cells(references: &[&str]) -> Vec<u8> {
    let cells: Vec<GenCell> = references
        .iter()
        .map(|r| GenCell { reference: Some((*r).into()), kind: "inlineStr", style: None, value: "x".into() })
        .collect();
    xlsx(None, &cells, &[], &[])
}

#[test]
fn a_tiny_workbook_with_cells_at_opposite_corners_does_not_exhaust_memory() {
    // Two cells, A1 and XFD1048576 (the last cell of a sheet): 1.5 kB that must not ask for the memory
    // of 16,384 × 1,048,576 cells. In the browser a failed allocation kills the page as surely as a panic.
    let test = "a_tiny_workbook_with_cells_at_opposite_corners_does_not_exhaust_memory";
    let mut failures = Vec::new();
    for corners in [["A1", "XFD1048576"], ["A1", "XFD1"], ["A1", "A1048576"], ["XFD1", "A1048576"]] {
        let case = corners.join("+");
        if let Err(e) = isolated(test, &case, || {
            let _ = read("corners.xlsx", &workbook_with_cells(&corners), &ReadOptions::default());
        }) {
            failures.push(e);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_cell_reference_beyond_the_sheet_is_refused_without_panic_or_exhausting_memory() {
    // Excel stops at row 1,048,576 and column XFD; a damaged or hostile file may say anything.
    let test = "a_cell_reference_beyond_the_sheet_is_refused_without_panic_or_exhausting_memory";
    let mut failures = Vec::new();
    for reference in ["A1048577", "XFE1", "A4000000000", "A4300000000", "ZZZZZZ1", "AAAAAAAAA1", "A99999999999"] {
        if let Err(e) = isolated(test, reference, || {
            let _ = read("beyond.xlsx", &workbook_with_cells(&["A1", reference]), &ReadOptions::default());
            let _ = read("beyond.xlsx", &workbook_with_cells(&[reference]), &ReadOptions::default());
        }) {
            failures.push(e);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn read_never_panics_on_generated_workbooks_with_odd_cells() {
    let strategy = (
        prop::option::of(select(vec!["A1", "A1:AN120", "B2:C3"])),
        prop::collection::vec(gen_cell(), 0..24),
        prop::collection::vec("[ a-zA-Zé0-9]{0,8}", 0..4),
        prop::collection::vec(mutation(), 0..3),
        select(EXTENSIONS.to_vec()),
    );
    isolated_property(
        "read_never_panics_on_generated_workbooks_with_odd_cells",
        160,
        strategy,
        |(dimension, cells, shared, damage, name)| {
            let bytes = xlsx(dimension, &cells, &shared, &damage);
            read_checked(&format!("generated.{name}"), &bytes)
        },
    );
}

proptest! {
    #![proptest_config(config(160))]

    #[test]
    fn read_never_panics_on_workbooks_with_odd_dimension_references(
        dimension in prop_oneof![
            (cell_ref(), cell_ref()).prop_map(|(a, b)| format!("{a}:{b}")),
            cell_ref(),
            "[A-Z0-9:$]{0,12}",
        ],
        cells in prop::collection::vec(gen_cell(), 0..4),
    ) {
        let bytes = xlsx(Some(&dimension), &cells, &["nom".into()], &[]);
        read_checked("dimension.xlsx", &bytes)?;
    }
}

// ---------------------------------------------------------------------------------------------
// Generated OLE compound files (the container of .xls): a header whose sector numbers point anywhere,
// followed by a few sectors, so the container reader's bounds checks are what is tested.

const FREE_SECTOR: u32 = 0xFFFF_FFFF;
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;

/// A sector number: mostly one of the first few (some past the end of the file), or a special value.
fn sector_id() -> impl Strategy<Value = u32> {
    prop_oneof![6 => 0..8u32, 1 => select(vec![FREE_SECTOR, END_OF_CHAIN, 0xFFFF_FFFD, 0xFFFF_FFFC, 0x7FFF_FFFF])]
}

#[derive(Debug, Clone)]
struct OleHeader {
    large_sectors: bool,
    fat_len: u32,
    dir_start: u32,
    mini_fat_start: u32,
    mini_fat_len: u32,
    difat_start: u32,
    difat: Vec<u32>,
}

fn ole_header() -> impl Strategy<Value = OleHeader> {
    (
        prop::bool::weighted(0.1),
        0..4u32,
        sector_id(),
        sector_id(),
        0..3u32,
        prop_oneof![4 => Just(END_OF_CHAIN), 1 => sector_id()],
        prop::collection::vec(sector_id(), 0..4),
    )
        .prop_map(|(large_sectors, fat_len, dir_start, mini_fat_start, mini_fat_len, difat_start, difat)| {
            OleHeader { large_sectors, fat_len, dir_start, mini_fat_start, mini_fat_len, difat_start, difat }
        })
}

fn ole_file(header: &OleHeader, sectors: &[Vec<u32>], tail: &[u8]) -> Vec<u8> {
    let sector_size = if header.large_sectors { 4096 } else { 512 };
    let mut bytes = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    bytes.resize(76, 0);
    let mut put16 = |at: usize, v: u16| bytes.splice(at..at + 2, v.to_le_bytes()).for_each(drop);
    put16(24, 0x003E);
    put16(26, if header.large_sectors { 4 } else { 3 });
    put16(28, 0xFFFE);
    put16(30, if header.large_sectors { 0x0C } else { 0x09 });
    put16(32, 0x0006);
    for (at, v) in [
        (44, header.fat_len),
        (48, header.dir_start),
        (56, 0x1000),
        (60, header.mini_fat_start),
        (64, header.mini_fat_len),
        (68, header.difat_start),
        (72, 0),
    ] {
        bytes.splice(at..at + 4, v.to_le_bytes());
    }
    for i in 0..109 {
        bytes.extend_from_slice(&header.difat.get(i).copied().unwrap_or(FREE_SECTOR).to_le_bytes());
    }
    bytes.resize(sector_size, 0);
    for sector in sectors {
        let start = bytes.len();
        bytes.extend(sector.iter().flat_map(|v| v.to_le_bytes()));
        bytes.resize(start + sector_size, 0xFF);
    }
    bytes.extend_from_slice(tail);
    bytes
}

#[test]
fn read_never_panics_on_ole_files_whose_sectors_point_anywhere() {
    let strategy = (
        ole_header(),
        prop::collection::vec(prop::collection::vec(sector_id(), 0..8), 0..4),
        prop::collection::vec(any::<u8>(), 0..600),
        select(EXTENSIONS.to_vec()),
    );
    isolated_property(
        "read_never_panics_on_ole_files_whose_sectors_point_anywhere",
        128,
        strategy,
        |(header, sectors, tail, name)| read_checked(&format!("ole.{name}"), &ole_file(&header, &sectors, &tail)),
    );
}

// ---------------------------------------------------------------------------------------------
// (c): schemas.

const SCHEMA_KEYS: [&str; 30] = [
    "fields",
    "name",
    "type",
    "format",
    "constraints",
    "required",
    "unique",
    "pattern",
    "enum",
    "minLength",
    "maxLength",
    "minimum",
    "maximum",
    "missingValues",
    "trueValues",
    "falseValues",
    "decimalChar",
    "groupChar",
    "bareNumber",
    "example",
    "description",
    "primaryKey",
    "custom_checks",
    "params",
    "column",
    "column1",
    "column2",
    "columns",
    "othercolumns",
    "op",
];

const SCHEMA_WORDS: [&str; 34] = [
    "string",
    "integer",
    "number",
    "boolean",
    "date",
    "year",
    "datetime",
    "geopoint",
    "email",
    "uri",
    "uuid",
    "default",
    "any",
    "%d/%m/%Y",
    "fmt:%Y-%m-%d",
    "%Y-%m-%dT%H:%M:%S",
    "%",
    "%q",
    "%Y%",
    Code::FrenchSiretValue.as_str(),
    Code::FrenchSirenValue.as_str(),
    Code::CompareColumnsValue.as_str(),
    Code::SumColumnsValue.as_str(),
    Code::NomenclatureActesValue.as_str(),
    Code::YearIntervalValue.as_str(),
    Code::CohesiveColumnsValue.as_str(),
    Code::OneOfRequired.as_str(),
    "allow-year-only",
    ">=",
    "==",
    "a",
    "b",
    "",
    ",",
];

fn json_scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        select(vec![0.5, -1.5, 1e308, -1e308, 1e-320, 0.0]).prop_map(Value::from),
        select(SCHEMA_WORDS.to_vec()).prop_map(Value::from),
        // Regular-expression-ish text: patterns are compiled from it.
        "[\\\\()\\[\\]{}*+?|^$.a-z0-9 ,:–é]{0,12}".prop_map(Value::from),
    ]
}

/// JSON values shaped like Table Schema descriptors: objects whose keys are mostly the known ones.
fn schema_like_json() -> impl Strategy<Value = Value> {
    json_scalar().prop_recursive(5, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(
                (prop_oneof![4 => select(SCHEMA_KEYS.to_vec()).prop_map(str::to_owned), 1 => "[a-z]{1,6}"], inner),
                0..6
            )
            .prop_map(|entries| Value::Object(entries.into_iter().collect::<Map<String, Value>>())),
        ]
    })
}

/// A field object with arbitrary values under the known keys.
fn field_like_json() -> impl Strategy<Value = Value> {
    let pick = |key: &'static str| prop::option::weighted(0.4, schema_like_json()).prop_map(move |v| (key, v));
    (
        select(vec!["a", "b", "c", "montant", ""]),
        prop::option::weighted(0.8, select(SCHEMA_WORDS.to_vec())),
        prop::option::weighted(0.4, select(SCHEMA_WORDS.to_vec())),
        pick("pattern"),
        pick("enum"),
        pick("minimum"),
        pick("maximum"),
        (any::<bool>(), any::<bool>()),
        pick("trueValues"),
        pick("decimalChar"),
        pick("missingValues"),
    )
        .prop_map(
            |(name, ty, format, pattern, enumeration, min, max, (required, unique), trues, decimal, missing)| {
                let mut constraints = Map::new();
                constraints.insert("required".into(), Value::Bool(required));
                constraints.insert("unique".into(), Value::Bool(unique));
                let mut field = Map::new();
                field.insert("name".into(), Value::from(name));
                if let Some(ty) = ty {
                    field.insert("type".into(), Value::from(ty));
                }
                if let Some(format) = format {
                    field.insert("format".into(), Value::from(format));
                }
                for (key, value) in [pattern, enumeration, min, max] {
                    if let Some(value) = value {
                        constraints.insert(key.into(), value);
                    }
                }
                for (key, value) in [trues, decimal, missing] {
                    if let Some(value) = value {
                        field.insert(key.into(), value);
                    }
                }
                field.insert("constraints".into(), Value::Object(constraints));
                Value::Object(field)
            },
        )
}

fn custom_check_json() -> impl Strategy<Value = Value> {
    let mut check_params = SCHEMA_KEYS.get(24..).unwrap_or_default().to_vec();
    check_params.push("allow-year-only");
    (
        select(SCHEMA_WORDS.get(19..27).unwrap_or_default().to_vec()),
        prop::collection::vec((select(check_params), schema_like_json()), 0..4),
    )
        .prop_map(|(name, params)| {
            let params: Map<String, Value> = params.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
            json!({"name": name, "params": params})
        })
}

fn compiles_and_validates(text: &str) {
    let Ok(schema) = Schema::from_json(text) else { return };
    let Ok(compiled) = CompiledSchema::compile(&schema) else { return };
    // A few rows of cells that exercise every cast, so the compiled rules are also applied.
    let samples = ["", "1", "-2.5", "2023-03-15", "15/03/2023", "true", "2023/2024", "Finances locales/x", "x"];
    let fields: Vec<String> = schema.fields.iter().map(|f| f.name.clone()).collect();
    let rows: Vec<Vec<String>> = samples
        .iter()
        .enumerate()
        .map(|(r, _)| {
            (0..fields.len())
                .map(|c| samples.get((r + c) % samples.len()).copied().unwrap_or_default().to_owned())
                .collect()
        })
        .collect();
    let table =
        Table { fields, source_rows: (2..2 + rows.len()).collect(), rows: rows.into_iter().map(Into::into).collect() };
    let report = compiled.validate(&table);
    assert_eq!(report.row_count, table.rows.len());
}

/// A path into a JSON value: at each level, which child.
fn replace_at(value: &mut Value, path: &[Index], replacement: Value) {
    let child = match (value, path.split_first()) {
        (Value::Object(map), Some((i, rest))) if !map.is_empty() => {
            let key = map.keys().nth(i.index(map.len())).cloned().unwrap_or_default();
            map.get_mut(&key).map(|child| (child, rest))
        }
        (Value::Array(items), Some((i, rest))) if !items.is_empty() => {
            let at = i.index(items.len());
            items.get_mut(at).map(|child| (child, rest))
        }
        (value, _) => {
            *value = replacement;
            return;
        }
    };
    if let Some((child, rest)) = child {
        replace_at(child, rest, replacement);
    }
}

proptest! {
    #![proptest_config(config(160))]

    #[test]
    fn schema_loading_never_panics_on_arbitrary_text(text in "(?s)[{}\\[\\]\":,a-z0-9 \\\\%.-]{0,200}") {
        compiles_and_validates(&text);
    }

    #[test]
    fn schema_loading_never_panics_on_schema_shaped_json(
        fields in prop::collection::vec(field_like_json(), 0..5),
        checks in prop::collection::vec(custom_check_json(), 0..4),
        missing in prop::option::weighted(0.3, schema_like_json()),
        extra in schema_like_json(),
    ) {
        let mut schema = json!({"fields": fields, "custom_checks": checks, "extra": extra});
        if let (Some(missing), Value::Object(map)) = (missing, &mut schema) {
            map.insert("missingValues".into(), missing);
        }
        compiles_and_validates(&schema.to_string());
    }

    #[test]
    fn schema_loading_never_panics_on_mutated_scdl_schemas(
        which in any::<Index>(),
        path in prop::collection::vec(any::<Index>(), 1..7),
        replacement in schema_like_json(),
        damage in prop::collection::vec(mutation(), 0..3),
    ) {
        let (_, text) = which.get(scdl_schemas());
        let mut value: Value = serde_json::from_str(text).unwrap_or(Value::Null);
        replace_at(&mut value, &path, replacement);
        let mut bytes = value.to_string().into_bytes();
        mutate(&mut bytes, &damage);
        compiles_and_validates(&String::from_utf8_lossy(&bytes));
    }
}

// ---------------------------------------------------------------------------------------------
// (d): the whole path, read → map by name → validate → write, on CSV text made for a real schema.

/// Cells that look like what communes type: numbers in French, dates in several styles, SIRETs,
/// ACTES nomenclature, year intervals, booleans, and noise.
fn cell_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "-?[0-9]{1,9}([.,][0-9]{0,3})?",
        "[0-9]{1,3}( [0-9]{3}){0,3}(,[0-9]{2})? ?€?",
        "[0-9]{14}",
        "[0-9]{3} [0-9]{3} [0-9]{3} [0-9]{5}",
        "(19|20)[0-9]{2}-[01][0-9]-[0-3][0-9](T[0-9]{2}:[0-9]{2}:[0-9]{2})?",
        "[0-3][0-9]/[01][0-9]/(19|20)?[0-9]{2}",
        "(19|20)[0-9]{2}(/(19|20)[0-9]{2})?",
        select(vec![
            "Finances locales/Subventions",
            "Urbanisme /x",
            "Commande publique",
            "true",
            "false",
            "Oui",
            "NaN",
            "1e400",
            "-inf",
            "99999999999999999999999999999999999999999",
            "2023-02-29",
            "0000-01-01",
            "#N/A",
        ])
        .prop_map(str::to_owned),
        "[ -~éèàç€\u{a0}\u{feff}]{0,24}",
    ]
}

/// CSV text whose header names some of the schema's fields (in any case, shuffled) and other labels.
fn csv_for(schema: &'static Schema) -> impl Strategy<Value = Vec<u8>> {
    let names: Vec<String> = schema.fields.iter().map(|f| f.name.clone()).collect();
    let header = prop::collection::vec(
        prop_oneof![
            4 => select(names.clone()),
            1 => select(names).prop_map(|n| format!(" {} ", n.to_uppercase())),
            1 => "[a-zA-Z ]{0,10}",
        ],
        1..16,
    );
    (
        header,
        prop::collection::vec(prop::collection::vec(cell_text(), 0..18), 0..12),
        select(vec![";", ",", "\t", "|"]),
        any::<bool>(),
        select(vec!["\n", "\r\n", "\r"]),
        select(vec![&b""[..], b"\xEF\xBB\xBF"]),
    )
        .prop_map(|(header, rows, delimiter, quote_all, newline, bom)| {
            let line = |cells: &[String]| {
                cells
                    .iter()
                    .map(|cell| {
                        if quote_all || cell.contains([';', ',', '\t', '|', '"', '\n', '\r']) {
                            format!("\"{}\"", cell.replace('"', "\"\""))
                        } else {
                            cell.clone()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(delimiter)
            };
            let mut text = line(&header);
            for row in &rows {
                text.push_str(newline);
                text.push_str(&line(row));
            }
            [bom, text.as_bytes()].concat()
        })
}

fn whole_path(name: &str, bytes: &[u8], schema: &Schema) -> Result<(), TestCaseError> {
    let Ok(sheet) = read(name, bytes, &ReadOptions::default()) else { return Ok(()) };
    let recipe = Recipe::by_name(schema, &sheet.headers);
    let table = mapping::apply(&sheet, schema, &recipe);
    prop_assert_eq!(&table.fields, &schema.fields.iter().map(|f| f.name.clone()).collect::<Vec<_>>());
    prop_assert!(table.rows.iter().all(|row| row.len() == table.fields.len()));
    let compiled = CompiledSchema::compile(schema).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let report = compiled.validate(&table);
    prop_assert_eq!(report.row_count, table.rows.len());
    prop_assert_eq!(report.valid, report.issues.is_empty());
    let csv = export::to_csv(&table);
    prop_assert!(!csv.is_empty(), "the header is always written");
    prop_assert!(std::str::from_utf8(&csv).is_ok(), "the output is UTF-8");
    Ok(())
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn whole_path_never_panics_on_random_csv_for_subventions(bytes in csv_for(scdl_schema("subventions"))) {
        whole_path("subventions.csv", &bytes, scdl_schema("subventions"))?;
    }

    #[test]
    fn whole_path_never_panics_on_random_csv_for_deliberations(bytes in csv_for(scdl_schema("deliberations"))) {
        whole_path("deliberations.csv", &bytes, scdl_schema("deliberations"))?;
    }
}

#[test]
fn an_xls_naming_a_cell_far_away_is_refused_without_exhausting_memory() {
    // Found by the property below (PROPTEST_RNG_SEED=26): one byte of a real XLS flipped, the high byte
    // of a LabelSst record's column (2 → 58,626). calamine lays every sheet out as a dense range when it
    // opens the file, so it asked for 1,449 rows × 58,627 columns × 32 bytes = 2.7 GB, and aborted.
    let test = "an_xls_naming_a_cell_far_away_is_refused_without_exhausting_memory";
    let outcome = isolated(test, "flip", || {
        let mut bytes = std::fs::read(common::corpus("budget/VilleMTP_MTP_BudgetPri_2014.xls")).unwrap();
        // LabelSst (0x00FD), 10 bytes, row 93, column 2.
        let record = [0xFD, 0x00, 0x0A, 0x00, 0x5D, 0x00, 0x02, 0x00];
        assert_eq!(bytes.get(28342..28350), Some(&record[..]), "the corpus file changed");
        bytes[28349] ^= 0xE5;
        let message = read("budget.xls", &bytes, &ReadOptions::default()).unwrap_err().to_string();
        assert!(message.contains("hors des limites d'un tableur"), "{message}");
    });
    if let Err(report) = outcome {
        panic!("{report}");
    }
}

#[test]
fn whole_path_never_panics_on_mutated_corpus_files_for_every_scdl_schema() {
    let strategy = (any::<Index>(), any::<Index>(), prop::collection::vec(mutation(), 0..4));
    isolated_property(
        "whole_path_never_panics_on_mutated_corpus_files_for_every_scdl_schema",
        40,
        strategy,
        |(file, schema, mutations)| {
            let (name, original) = file.get(corpus());
            let (_, text) = schema.get(scdl_schemas());
            let Ok(schema) = Schema::from_json(text) else { return Ok(()) };
            let mut bytes = original.clone();
            mutate(&mut bytes, &mutations);
            whole_path(name, &bytes, &schema)
        },
    );
}
