//! The edit model of the fix grid (issue #6): undo restores exactly, the incremental report is the full
//! one, edit logs replay by key. On generated délibérations and the Lot subventions file of the corpus.
//!
//!   cargo test -p tamis-engine --test engine edits:: -- --nocapture

// Helpers outside #[test] functions unwrap and index too: a test that cannot read its data should fail loudly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use crate::common;
#[path = "../../benches/gen/mod.rs"]
mod gen;

use proptest::prelude::*;
use std::collections::{BTreeMap, HashSet};
use tamis_engine::edit::{replay, Edit, EditError, EditLog, Editor, RowRef, Rows};
use tamis_engine::{mapping, read, Code, CompiledSchema, ReadOptions, Recipe, Row, Schema, Table};

/// A generated délibérations table of `rows` rows, mapped onto the latest schema.
fn deliberations(rows: usize, seed: u64) -> (Schema, Table) {
    let schema = common::latest_schema("scdl/deliberations");
    let generated = gen::deliberations_csv(rows, seed);
    let sheet = read("deliberations.csv", &generated.csv, &ReadOptions::default()).unwrap();
    let recipe = Recipe::by_name(&schema, &sheet.headers);
    let table = mapping::apply(&sheet, &schema, &recipe);
    (schema, table)
}

fn assert_consistent(editor: &Editor, schema: &Schema) {
    let full = CompiledSchema::compile(schema).unwrap().validate(editor.table());
    assert!(editor.report() == &full, "the incremental report differs from a full validation");
}

#[test]
fn undo_after_a_bulk_fix_of_10000_cells_restores_every_cell() {
    let (schema, mut table) = deliberations(12_000, 7);
    // Every date written the French way: 12 000 fixable type errors in one group.
    let date = table.fields.iter().position(|f| f == "DELIB_DATE").unwrap();
    for row in &mut table.rows {
        let french = match row[date].split('-').collect::<Vec<_>>()[..] {
            [y, m, d] => Some(format!("{d}/{m}/{y}")),
            _ => None,
        };
        if let Some(french) = french {
            row.set(date, &french);
        }
    }
    let mut editor = Editor::new(&schema, table.clone()).unwrap();
    let before = editor.report().clone();
    let group = editor
        .groups()
        .into_iter()
        .find(|g| g.field.as_deref() == Some("DELIB_DATE") && g.code == Code::TypeError)
        .unwrap();
    println!("{} ({} fixable)", group.line(), group.fixable);
    let edit = editor.fix_group("DELIB_DATE", Code::TypeError);
    let change = editor.apply(edit).unwrap();
    println!(
        "bulk fix: {} cells changed, {} → {} issues",
        change.cells,
        before.issues.len(),
        editor.report().issues.len()
    );
    assert!(change.cells >= 10_000, "{} cells", change.cells);
    assert!(editor.report().issues.len() < before.issues.len() - 10_000);
    assert_consistent(&editor, &schema);
    let fixed = editor.table().clone();
    let fixed_report = editor.report().clone();
    editor.undo().unwrap();
    assert!(editor.table() == &table, "undo must restore every cell exactly");
    assert!(editor.report() == &before);
    editor.redo().unwrap();
    assert!(editor.table() == &fixed);
    assert!(editor.report() == &fixed_report);
}

#[test]
fn lot_subventions_every_fixable_group_fixed_then_undone() {
    let schema = common::latest_schema("scdl/subventions");
    let path = common::corpus("subventions/DEP_Lot_Subventions_2017_DONNEES.xlsx_pour_exemple.csv");
    let sheet = read("lot.csv", &std::fs::read(&path).unwrap(), &ReadOptions::default()).unwrap();
    // The suggested mapping without its transforms: the raw values, for the editor's fixes to repair.
    let mut recipe = Recipe::suggested(&schema, &sheet);
    let transforms = recipe.transforms.len();
    recipe.transforms.clear();
    let table = mapping::apply(&sheet, &schema, &recipe);
    let mut editor = Editor::new(&schema, table.clone()).unwrap();
    let before = editor.report().clone();
    println!(
        "Lot subventions, {} rows, {transforms} transforms left out: {} issues",
        table.rows.len(),
        before.issues.len()
    );
    for group in editor.groups() {
        println!("  {} ({} fixable)", group.line(), group.fixable);
    }
    // Fix every group that has suggested fixes, until none is left (a fix can reveal another issue).
    for _ in 0..5 {
        let fixable: Vec<_> = editor.groups().into_iter().filter(|g| g.fixable > 0 && g.field.is_some()).collect();
        if fixable.is_empty() {
            break;
        }
        for group in fixable {
            let edit = editor.fix_group(group.field.as_deref().unwrap(), group.code);
            let preview = editor.preview(&edit, 2).unwrap();
            let change = editor.apply(edit).unwrap();
            assert_eq!(preview.total, change.cells);
            let sample: Vec<String> = preview
                .sample
                .iter()
                .map(|c| format!("{} → {}", c.before, c.after.clone().unwrap_or_default()))
                .collect();
            println!(
                "  fixed {} {}: {} cells, e.g. {}",
                group.field.unwrap_or_default(),
                group.code,
                change.cells,
                sample.join(" ; ")
            );
            assert_consistent(&editor, &schema);
        }
    }
    // Periods written `2018-01-01_2018-03-31` have a suggested fix (`a/b`): the fix-alls wrote them all,
    // and a regex find and replace within the column finds none left.
    let replace = Edit::Replace {
        field: "datesPeriodeVersement".into(),
        find: r"^(\d{4}-\d\d-\d\d)_(\d{4}-\d\d-\d\d)$".into(),
        replacement: "$1/$2".into(),
        regex: true,
        rows: Rows::All,
    };
    let preview = editor.preview(&replace, 2).unwrap();
    assert_eq!(preview.total, 0, "no period left written a_b");
    assert_consistent(&editor, &schema);
    assert!(!editor
        .report()
        .issues
        .iter()
        .any(|i| i.field.as_deref() == Some("datesPeriodeVersement") && i.cell.contains('_')));
    let after = editor.report().issues.len();
    println!("after the bulk fixes: {after} issues, {} edits in the log", editor.log().edits.len());
    for group in editor.groups() {
        println!("  left: {}", group.line());
    }
    assert!(after < before.issues.len(), "{after} issues left of {}", before.issues.len());
    assert!(editor.report().valid, "the fix-alls make the file valid");
    assert!(editor.groups().iter().all(|g| g.fixable == 0));
    while editor.undo().is_some() {}
    assert!(editor.table() == &table);
    assert!(editor.report() == &before);
}

/// Shuffles a table's rows (with their source row numbers) with a seeded xorshift.
fn shuffled(table: &Table, seed: u64) -> Table {
    let mut rng = gen::Rng::new(seed);
    let mut order: Vec<usize> = (0..table.rows.len()).collect();
    for i in (1..order.len()).rev() {
        order.swap(i, rng.below(i as u64 + 1) as usize);
    }
    Table {
        fields: table.fields.clone(),
        rows: order.iter().map(|&i| table.rows[i].clone()).collect(),
        source_rows: order.iter().map(|&i| table.source_rows[i]).collect(),
    }
}

/// A realistic session: every fixable group fixed, a few cells set, a replace, a fill, rows deleted.
fn session(editor: &mut Editor) {
    for group in editor.groups().into_iter().filter(|g| g.fixable > 0 && g.field.is_some()) {
        let edit = editor.fix_group(group.field.as_deref().unwrap(), group.code);
        editor.apply(edit).unwrap();
    }
    for index in [3, 10, 200] {
        let edit =
            Edit::SetCell { row: RowRef::at(index), field: "DELIB_OBJET".into(), value: format!("objet {index}") };
        editor.apply(edit).unwrap();
    }
    let some = Rows::Only((20..60).map(RowRef::at).collect());
    editor
        .apply(Edit::Replace {
            field: "BUDGET_NOM".into(),
            find: "(?i)budget".into(),
            replacement: "Budget".into(),
            regex: true,
            rows: some,
        })
        .unwrap();
    editor
        .apply(Edit::Fill { field: "VOTE_REEL".into(), value: "20".into(), rows: Rows::Only(vec![RowRef::at(5)]) })
        .unwrap();
    editor.apply(Edit::DeleteRows { rows: vec![RowRef::at(0), RowRef::at(7), RowRef::at(8)] }).unwrap();
}

fn sorted_by(table: &Table, column: usize) -> Vec<Row> {
    let mut rows = table.rows.clone();
    rows.sort_by(|a, b| a[column].cmp(&b[column]).then(a.cmp(b)));
    rows
}

#[test]
fn replay_by_primary_key_on_a_shuffled_table() {
    let (mut schema, mut table) = deliberations(3000, 11);
    schema.primary_key = Some(serde_json::json!("DELIB_ID"));
    // Keep rows whose DELIB_ID is present and unique: those a key can find.
    let id = table.fields.iter().position(|f| f == "DELIB_ID").unwrap();
    let mut seen = HashSet::new();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for row in &table.rows {
        *counts.entry(row[id].to_owned()).or_default() += 1;
    }
    let keep: Vec<bool> =
        table.rows.iter().map(|r| !r[id].is_empty() && counts[&r[id]] == 1 && seen.insert(r[id].to_owned())).collect();
    table.source_rows = table.source_rows.iter().zip(&keep).filter(|(_, k)| **k).map(|(s, _)| *s).collect();
    table.rows.retain(|r| !r[id].is_empty() && counts[&r[id]] == 1);
    let mut editor = Editor::new(&schema, table.clone()).unwrap();
    session(&mut editor);
    let log: EditLog = serde_json::from_str(&serde_json::to_string(&editor.log()).unwrap()).unwrap();
    let mut next = shuffled(&table, 3);
    let replayed = replay(&log, &mut next, &schema).unwrap();
    println!(
        "replay by DELIB_ID: {} edits of {} applied, {} cells, {} rows deleted, {} skipped",
        replayed.applied,
        log.edits.len(),
        replayed.cells,
        replayed.rows_deleted,
        replayed.skipped.len()
    );
    assert!(replayed.skipped.is_empty(), "{:?}", replayed.skipped.first());
    assert_eq!(replayed.applied, log.edits.len());
    assert_eq!(sorted_by(&next, id), sorted_by(editor.table(), id));
    // A row absent from the new table is reported, the others still edited.
    let mut fewer = shuffled(&table, 4);
    let gone = fewer.rows.iter().position(|r| r[id] == table.rows[10][id]).unwrap();
    fewer.rows.remove(gone);
    fewer.source_rows.remove(gone);
    let replayed = replay(&log, &mut fewer, &schema).unwrap();
    assert_eq!(replayed.skipped.len(), 1, "{:?}", replayed.skipped);
    assert!(replayed.skipped[0].reason.contains(&table.rows[10][id]), "{}", replayed.skipped[0].reason);
}

#[test]
fn replay_by_source_row_without_a_primary_key() {
    let (schema, table) = deliberations(1000, 12);
    let mut editor = Editor::new(&schema, table.clone()).unwrap();
    session(&mut editor);
    let mut next = shuffled(&table, 5);
    let replayed = replay(&editor.log(), &mut next, &schema).unwrap();
    assert!(replayed.skipped.is_empty());
    let mut expected: Vec<(usize, Row)> =
        editor.table().source_rows.iter().copied().zip(editor.table().rows.iter().cloned()).collect();
    let mut got: Vec<(usize, Row)> = next.source_rows.iter().copied().zip(next.rows.iter().cloned()).collect();
    expected.sort();
    got.sort();
    assert_eq!(got, expected);
}

// ─── Random edit sequences ──────────────────────────────────────────────────────────────────────────

fn small_schema() -> Schema {
    Schema::from_json(
        r#"{"primaryKey": ["id"], "fields": [
            {"name": "id", "constraints": {"required": true}},
            {"name": "date", "type": "date"},
            {"name": "code", "constraints": {"unique": true, "pattern": "[A-Z][0-9]"}},
            {"name": "n", "type": "integer", "constraints": {"minimum": 0}},
            {"name": "nature", "constraints": {"enum": ["aide en numéraire", "aide en nature"]}}
        ]}"#,
    )
    .unwrap()
}

const FIELDS: [&str; 5] = ["id", "date", "code", "n", "nature"];
const VALUES: [&[&str]; 5] = [
    &["a", "b", "c", "", "d"],
    &["2023-03-15", "15/03/2023", "31/02/2023", "", "2023-3-5"],
    &["A1", "A1", "b2", " B2 ", ""],
    &["1", "-1", "1 000", "x", ""],
    &["aide en nature", "Aide en Numeraire", "nature", "", "aide en numéraire"],
];

#[derive(Debug, Clone)]
enum Op {
    Set(usize, usize, usize),
    Fix(usize, bool),
    Replace(usize, usize, usize, bool),
    Fill(usize, usize, Vec<usize>),
    Map(usize, usize, usize),
    Delete(Vec<usize>),
    Undo,
    Redo,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..50usize, 0..5usize, 0..5usize).prop_map(|(r, f, v)| Op::Set(r, f, v)),
        2 => (0..5usize, any::<bool>()).prop_map(|(f, t)| Op::Fix(f, t)),
        1 => (0..5usize, 0..5usize, 0..5usize, any::<bool>()).prop_map(|(f, a, b, r)| Op::Replace(f, a, b, r)),
        1 => (0..5usize, 0..5usize, prop::collection::vec(0..50usize, 0..4)).prop_map(|(f, v, rows)| Op::Fill(f, v, rows)),
        1 => (0..5usize, 0..5usize, 0..5usize).prop_map(|(f, a, b)| Op::Map(f, a, b)),
        1 => prop::collection::vec(0..50usize, 1..4).prop_map(Op::Delete),
        1 => Just(Op::Undo),
        1 => Just(Op::Redo),
    ]
}

fn random_table(cells: Vec<[usize; 5]>) -> Table {
    Table {
        fields: FIELDS.iter().map(|f| (*f).to_owned()).collect(),
        rows: cells.iter().map(|r| r.iter().enumerate().map(|(f, v)| VALUES[f][*v].to_owned()).collect()).collect(),
        source_rows: (0..cells.len()).map(|i| i * 2 + 2).collect(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn random_edits_undo_and_redo_exactly(
        cells in prop::collection::vec(prop::array::uniform5(0..5usize), 1..12),
        ops in prop::collection::vec(op(), 1..25),
    ) {
        let schema = small_schema();
        let table = random_table(cells);
        let mut editor = Editor::new(&schema, table.clone()).unwrap();
        let original = editor.report().clone();
        for op in ops {
            let len = editor.table().rows.len();
            let row = |r: usize| RowRef::at(r % len.max(1));
            let edit = match op {
                Op::Undo => { editor.undo(); None }
                Op::Redo => { editor.redo(); None }
                _ if len == 0 => None,
                Op::Set(r, f, v) => Some(Edit::SetCell { row: row(r), field: FIELDS[f].into(), value: VALUES[f][v].into() }),
                Op::Fix(f, true) => Some(editor.fix_group(FIELDS[f], Code::TypeError)),
                Op::Fix(f, false) => Some(Edit::FixGroup { field: FIELDS[f].into(), code: Code::ConstraintError.into(), rows: Rows::All }),
                Op::Replace(f, a, b, regex) => Some(Edit::Replace {
                    field: FIELDS[f].into(),
                    // `^` can match the empty text: refused, and nothing changes.
                    find: if regex { ["^", r"\d", "[a-z]+", ".$", " "][a].into() } else { VALUES[f][a].into() },
                    replacement: VALUES[f][b].into(),
                    regex,
                    rows: Rows::All,
                }),
                Op::Fill(f, v, rows) => Some(Edit::Fill {
                    field: FIELDS[f].into(),
                    value: VALUES[f][v].into(),
                    rows: if rows.is_empty() { Rows::All } else { Rows::Only(rows.into_iter().map(row).collect()) },
                }),
                Op::Map(f, a, b) => Some(Edit::MapValues {
                    field: FIELDS[f].into(),
                    values: [(VALUES[f][a].to_owned(), VALUES[f][b].to_owned())].into(),
                    rows: Rows::All,
                }),
                Op::Delete(rows) => Some(Edit::DeleteRows { rows: rows.into_iter().map(row).collect() }),
            };
            if let Some(edit) = edit {
                let before = editor.table().clone();
                match editor.apply(edit) {
                    Ok(_) => {}
                    Err(EditError::EmptyMatch { .. }) => prop_assert_eq!(editor.table(), &before),
                    Err(error) => panic!("{error}"),
                }
            }
            let full = CompiledSchema::compile(&schema).unwrap().validate(editor.table());
            prop_assert_eq!(editor.report(), &full);
        }
        let done = editor.table().clone();
        let done_report = editor.report().clone();
        let mut undone = 0;
        while editor.undo().is_some() {
            undone += 1;
        }
        prop_assert_eq!(editor.table(), &table);
        prop_assert_eq!(editor.report(), &original);
        for _ in 0..undone {
            editor.redo().unwrap();
        }
        prop_assert_eq!(editor.table(), &done);
        prop_assert_eq!(editor.report(), &done_report);
    }
}
