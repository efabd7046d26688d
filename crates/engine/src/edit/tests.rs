use super::*;
use crate::{CompiledSchema, Schema, Table};

fn schema() -> Schema {
    Schema::from_json(
        r#"{"primaryKey": "id", "fields": [
            {"name": "id", "constraints": {"required": true}},
            {"name": "date", "type": "date"},
            {"name": "code", "constraints": {"unique": true}},
            {"name": "nature", "constraints": {"enum": ["aide en numéraire", "aide en nature"]}}
        ]}"#,
    )
    .unwrap()
}

fn table() -> Table {
    let rows = [
        ["a", "15/03/2023", "X1", "aide en numéraire"],
        ["b", "2023-03-16", "X1", "Aide en Nature"],
        ["c", "17/03/2023", "X3", "numéraire"],
        ["TOTAL", "", "", ""],
    ];
    Table {
        fields: vec!["id".into(), "date".into(), "code".into(), "nature".into()],
        rows: rows.iter().map(|r| r.iter().map(|c| (*c).to_owned()).collect()).collect(),
        source_rows: vec![5, 6, 7, 9],
    }
}

fn editor() -> Editor {
    Editor::new(&schema(), table()).unwrap()
}

/// The editor's report is the one a full validation of its table gives.
fn consistent(editor: &Editor) {
    let full = CompiledSchema::compile(&schema()).unwrap().validate(editor.table());
    assert_eq!(editor.report(), &full);
}

fn codes(editor: &Editor) -> Vec<(usize, Option<&str>, Code)> {
    editor.report().issues.iter().map(|i| (i.row.unwrap_or(0), i.field.as_deref(), i.code)).collect()
}

#[test]
fn edits_serialize_with_stable_readable_names() {
    let edit = Edit::SetCell {
        row: RowRef { index: 3, key: RowKey::PrimaryKey(vec!["2023-017".into()]) },
        field: "date".into(),
        value: "2023-03-15".into(),
    };
    let json = serde_json::to_value(&edit).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"op": "setCell", "row": {"index": 3, "primaryKey": ["2023-017"]},
            "field": "date", "value": "2023-03-15"})
    );
    let log = EditLog::new(vec![
        edit,
        Edit::FixGroup { field: "date".into(), code: Code::TypeError.into(), rows: Rows::All },
        Edit::Replace {
            field: "nature".into(),
            find: "^num".into(),
            replacement: "aide en num".into(),
            regex: true,
            rows: Rows::Only(vec![RowRef { index: 2, key: RowKey::SourceRow(7) }]),
        },
        Edit::Fill { field: "code".into(), value: "Z".into(), rows: Rows::All },
        Edit::MapValues { field: "nature".into(), values: [("a".into(), "b".into())].into(), rows: Rows::All },
        Edit::DeleteRows { rows: vec![RowRef { index: 3, key: RowKey::SourceRow(9) }] },
    ]);
    let json = serde_json::to_value(&log).unwrap();
    assert_eq!(
        json["edits"][1],
        serde_json::json!({"op": "fixGroup", "field": "date", "code": "type-error", "rows": "all"})
    );
    assert_eq!(json["edits"][2]["rows"], serde_json::json!({"only": [{"index": 2, "sourceRow": 7}]}));
    assert_eq!(json["edits"][5]["op"], "deleteRows");
    let back: EditLog = serde_json::from_value(json).unwrap();
    assert_eq!(back, log);
    let described: Vec<String> = log.edits.iter().map(Edit::describe).collect();
    assert_eq!(
        described,
        [
            "Ligne 5, date : « 2023-03-15 »",
            "Correction suggérée appliquée à date (format incorrect)",
            "Dans nature, « ^num » remplacé par « aide en num »",
            "code rempli avec « Z »",
            "Dans nature, 1 valeur remplacée par une valeur autorisée",
            "1 ligne supprimée",
        ]
    );
}

#[test]
fn a_cell_edit_revalidates_its_row_and_the_column_uniqueness() {
    let mut editor = editor();
    assert!(codes(&editor).contains(&(3, Some("code"), Code::UniqueError)));
    let change = editor.apply(Edit::SetCell { row: RowRef::at(1), field: "code".into(), value: "X2".into() }).unwrap();
    assert_eq!(change, Change { rows: vec![1], cells: 1, rows_deleted: 0, reindexed: false });
    assert!(!codes(&editor).contains(&(3, Some("code"), Code::UniqueError)));
    consistent(&editor);
    // The key was stamped from the table.
    assert_eq!(editor.log().edits[0].row_refs()[0].key, RowKey::PrimaryKey(vec!["b".into()]));
    editor.undo();
    assert_eq!(editor.table(), &table());
    consistent(&editor);
}

#[test]
fn fixing_a_group_previews_then_applies_every_suggested_fix() {
    let mut editor = editor();
    let group = editor.groups().into_iter().find(|g| g.field.as_deref() == Some("date")).unwrap();
    assert_eq!(
        (group.code, group.label.as_str(), group.count, group.fixable),
        (Code::TypeError, "format de date", 2, 2)
    );
    assert_eq!(group.line(), "date — format de date : 2");
    let edit = editor.fix_group("date", Code::TypeError);
    let preview = editor.preview(&edit, 1).unwrap();
    assert_eq!(preview.total, 2);
    assert_eq!(
        preview.sample,
        [CellPreview {
            row: 0,
            source_row: 5,
            field: "date".into(),
            before: "15/03/2023".into(),
            after: Some("2023-03-15".into())
        }]
    );
    assert_eq!(editor.table(), &table(), "a preview changes nothing");
    let change = editor.apply(edit).unwrap();
    assert_eq!((change.cells, change.rows), (2, vec![0, 2]));
    assert!(!editor.groups().iter().any(|g| g.field.as_deref() == Some("date")));
    consistent(&editor);
    // The enum fix: another case or accents.
    editor
        .apply(Edit::FixGroup { field: "nature".into(), code: Code::ConstraintError.into(), rows: Rows::All })
        .unwrap();
    assert_eq!(&editor.table().rows[1][3], "aide en nature");
    assert_eq!(&editor.table().rows[2][3], "numéraire", "no certain fix: left alone");
    consistent(&editor);
}

#[test]
fn find_and_replace_plain_and_regex_fill_and_map() {
    let mut editor = editor();
    let plain = Edit::Replace {
        field: "date".into(),
        find: "/".into(),
        replacement: "-".into(),
        regex: false,
        rows: Rows::All,
    };
    assert_eq!(editor.apply(plain).unwrap().cells, 2);
    assert_eq!(&editor.table().rows[0][1], "15-03-2023");
    let regex = Edit::Replace {
        field: "date".into(),
        find: r"^(\d\d)-(\d\d)-(\d{4})$".into(),
        replacement: "$3-$2-$1".into(),
        regex: true,
        rows: Rows::Only(vec![RowRef::at(2)]),
    };
    assert_eq!(editor.apply(regex).unwrap().cells, 1);
    assert_eq!(&editor.table().rows[2][1], "2023-03-17");
    assert_eq!(&editor.table().rows[0][1], "15-03-2023", "only the rows asked for");
    let bad = Edit::Replace {
        field: "date".into(),
        find: "(".into(),
        replacement: String::new(),
        regex: true,
        rows: Rows::All,
    };
    let error = editor.apply(bad).unwrap_err();
    assert!(error.to_string().starts_with("L'expression de recherche « ( » n'est pas"), "{error}");
    let unknown = Edit::Fill { field: "nope".into(), value: String::new(), rows: Rows::All };
    assert_eq!(editor.apply(unknown).unwrap_err().to_string(), "Le tableau n'a pas de colonne « nope ».");
    let fill = Edit::Fill { field: "code".into(), value: "Z".into(), rows: Rows::Only(vec![RowRef::at(3)]) };
    assert_eq!(editor.apply(fill).unwrap().cells, 1);
    let distinct = editor.distinct("nature").unwrap();
    let wrong: Vec<(&str, bool, Option<&str>)> =
        distinct.iter().filter(|d| d.invalid).map(|d| (d.value.as_str(), d.invalid, d.fix.as_deref())).collect();
    assert_eq!(wrong, [("Aide en Nature", true, Some("aide en nature")), ("numéraire", true, None)]);
    let map = Edit::MapValues {
        field: "nature".into(),
        values: [
            ("numéraire".to_owned(), "aide en numéraire".to_owned()),
            ("Aide en Nature".into(), "aide en nature".into()),
        ]
        .into(),
        rows: Rows::All,
    };
    assert_eq!(editor.apply(map).unwrap().cells, 2);
    consistent(&editor);
    assert_eq!(editor.log().edits.len(), 4, "failed edits are not recorded");
    while editor.undo().is_some() {}
    assert_eq!(editor.table(), &table());
    consistent(&editor);
}

#[test]
fn deleting_rows_and_undo_puts_them_back_in_place() {
    let mut editor = editor();
    let edit = Edit::DeleteRows { rows: vec![RowRef::at(3), RowRef::at(0)] };
    let preview = editor.preview(&edit, 10).unwrap();
    assert_eq!(
        (preview.total, preview.sample[1].before.as_str(), preview.sample[1].after.clone()),
        (2, "TOTAL |  |  | ", None)
    );
    let change = editor.apply(edit).unwrap();
    assert_eq!((change.rows_deleted, change.reindexed), (2, true));
    assert_eq!(editor.table().source_rows, [6, 7]);
    assert_eq!(&editor.table().rows[0][0], "b");
    consistent(&editor);
    // Row numbers in the report are those of the table without the deleted rows.
    assert_eq!(editor.row_issues(1).first().map(|i| i.row), Some(Some(3)));
    let change = editor.undo().unwrap();
    assert_eq!((change.rows, change.rows_deleted), (vec![0, 3], -2));
    assert_eq!(editor.table(), &table());
    consistent(&editor);
    editor.redo();
    assert_eq!(editor.table().source_rows, [6, 7]);
    consistent(&editor);
    assert!(editor.apply(Edit::DeleteRows { rows: vec![RowRef::at(9)] }).is_err());
}

#[test]
fn undo_and_redo_restore_exactly_and_a_new_edit_clears_redo() {
    let mut editor = editor();
    let set = |v: &str| Edit::SetCell { row: RowRef::at(0), field: "code".into(), value: v.into() };
    editor.apply(set("A")).unwrap();
    editor.apply(set("B")).unwrap();
    assert_eq!(editor.apply(set("B")).unwrap(), Change::default(), "no change, not recorded");
    assert_eq!(editor.log().edits.len(), 2);
    editor.undo();
    assert_eq!(&editor.table().rows[0][2], "A");
    editor.redo();
    assert_eq!(&editor.table().rows[0][2], "B");
    editor.undo();
    editor.undo();
    assert_eq!(&editor.table().rows[0][2], "X1");
    assert!(editor.undo().is_none());
    editor.redo();
    editor.apply(set("C")).unwrap();
    assert!(!editor.can_redo());
    assert_eq!(editor.log().edits.len(), 2);
}

#[test]
fn the_revision_changes_with_the_table_and_is_no_other_editors() {
    let mut editor = editor();
    let other = super::Editor::new(&schema(), table()).unwrap();
    assert_ne!(editor.revision(), other.revision(), "the same table in two editors");
    let clone = editor.clone();
    assert_eq!(clone.revision(), editor.revision(), "a clone, until either changes");
    let mut seen = vec![editor.revision()];
    let set = |v: &str| Edit::SetCell { row: RowRef::at(0), field: "code".into(), value: v.into() };
    editor.apply(set("A")).unwrap();
    seen.push(editor.revision());
    // An edit that changes nothing, a preview and reads leave it.
    editor.apply(set("A")).unwrap();
    editor.preview(&set("Z"), 10).unwrap();
    let _ = (editor.report(), editor.groups(), editor.table());
    assert_eq!(editor.revision(), seen[1]);
    editor.undo();
    seen.push(editor.revision());
    editor.redo();
    seen.push(editor.revision());
    editor.apply(Edit::DeleteRows { rows: vec![RowRef::at(1)] }).unwrap();
    seen.push(editor.revision());
    let distinct: std::collections::HashSet<u64> = seen.iter().copied().collect();
    assert_eq!(distinct.len(), seen.len(), "every change a new number, never one seen before: {seen:?}");
    assert!(!distinct.contains(&other.revision()) && clone.revision() == seen[0]);
}

#[test]
fn navigation_walks_row_then_field_and_wraps() {
    let editor = editor();
    let at = |row, column| Position { row, column };
    let all: Vec<Position> = {
        let mut found = vec![];
        let mut position = editor.next_issue(None, None);
        while let Some(p) = position {
            if found.contains(&p) {
                break;
            }
            found.push(p);
            position = editor.next_issue(Some(p), None);
        }
        found
    };
    assert_eq!(all.first(), Some(&at(0, Some(1))));
    assert!(all.windows(2).all(|w| w[0] < w[1]), "{all:?}");
    assert_eq!(editor.previous_issue(all.first().copied(), None), all.last().copied(), "wraps");
    let dates = Some((Some("date"), Code::TypeError));
    assert_eq!(editor.next_issue(Some(at(0, Some(1))), dates), Some(at(2, Some(1))));
    assert_eq!(editor.next_issue(Some(at(2, Some(1))), dates), Some(at(0, Some(1))));
    assert_eq!(editor.previous_issue(Some(at(2, Some(0))), dates), Some(at(0, Some(1))));
}

#[test]
fn replay_finds_rows_by_primary_key_in_another_order() {
    let mut editor = editor();
    editor.apply(Edit::SetCell { row: RowRef::at(2), field: "code".into(), value: "X9".into() }).unwrap();
    let fix = editor.fix_group("date", Code::TypeError);
    editor.apply(fix).unwrap();
    editor.apply(Edit::DeleteRows { rows: vec![RowRef::at(3)] }).unwrap();
    editor.apply(Edit::SetCell { row: RowRef::at(0), field: "id".into(), value: "a2".into() }).unwrap();
    editor.apply(Edit::SetCell { row: RowRef::at(0), field: "code".into(), value: "X0".into() }).unwrap();
    let log: EditLog = serde_json::from_str(&serde_json::to_string(&editor.log()).unwrap()).unwrap();
    // Next month: same rows, another order, one row gone, one new.
    let mut next = table();
    next.rows.reverse();
    next.source_rows.reverse();
    next.rows.remove(1); // "c"
    next.source_rows.remove(1);
    next.rows.push(["d", "01/01/2024", "X4", "aide en nature"].map(String::from).to_vec().into());
    next.source_rows.push(10);
    let replayed = replay(&log, &mut next, &schema()).unwrap();
    assert_eq!(replayed.applied, 4);
    assert_eq!(replayed.skipped.len(), 2, "{replayed:?}");
    assert_eq!(
        replayed.skipped[0].reason,
        "La ligne « c » n'existe pas dans ce fichier : la modification ne s'y applique pas."
    );
    let ids: Vec<&str> = next.rows.iter().map(|r| &r[0]).collect();
    assert_eq!(ids, ["b", "a2", "d"]);
    assert_eq!(next.rows[1], ["a2", "2023-03-15", "X0", "aide en numéraire"]);
    assert_eq!(&next.rows[2][1], "01/01/2024", "the fix named rows: a new row is not among them");
}

#[test]
fn without_a_primary_key_rows_are_found_by_source_row() {
    let schema = Schema::from_json(r#"{"fields": [{"name": "v"}]}"#).unwrap();
    let table = Table { fields: vec!["v".into()], rows: vec![["x"].into(), ["y"].into()], source_rows: vec![2, 4] };
    let mut editor = Editor::new(&schema, table.clone()).unwrap();
    editor.apply(Edit::SetCell { row: RowRef::at(1), field: "v".into(), value: "z".into() }).unwrap();
    assert_eq!(editor.log().edits[0].row_refs()[0].key, RowKey::SourceRow(4));
    let mut other = Table { source_rows: vec![4, 2], rows: vec![["y"].into(), ["x"].into()], ..table };
    replay(&editor.log(), &mut other, &schema).unwrap();
    assert_eq!(other.rows, [["z"], ["x"]]);
}

#[test]
fn on_another_file_edits_of_numbered_rows_are_skipped_and_fix_alls_apply_to_their_group() {
    // Without a primary key, rows are named by their source row number.
    let schema = Schema::from_json(r#"{"fields": [{"name": "id"}, {"name": "date", "type": "date"}]}"#).unwrap();
    let table = |dates: [&str; 3]| Table {
        fields: vec!["id".into(), "date".into()],
        rows: dates.iter().enumerate().map(|(i, d)| vec![i.to_string(), (*d).to_owned()]).map(Into::into).collect(),
        source_rows: vec![2, 3, 4],
    };
    let mut first = Editor::new(&schema, table(["15/03/2023", "2023-01-01", "x"])).unwrap();
    let fix = first.fix_group("date", Code::TypeError);
    first.apply(fix).unwrap();
    first
        .apply(Edit::SetCell { row: first.row_ref(2).unwrap(), field: "date".into(), value: "2023-04-01".into() })
        .unwrap();
    assert!(first.report().valid);
    let mut log = first.log();
    log.source = Some("crc32:00000000:3".into());

    // Next month: other dates in other rows.
    let mut next = Editor::new(&schema, table(["2023-02-02", "01/05/2023", "y"])).unwrap();
    let replayed = next.replay_on(&log, "crc32:ffffffff:3");
    assert_eq!(replayed.applied, 1, "{replayed:?}");
    assert_eq!(replayed.skipped.len(), 1);
    assert_eq!(replayed.skipped[0].edit, 1, "the cell edit, by its place in the log");
    assert_eq!(&next.table().rows[1][1], "2023-05-01", "the fix-all fixed next month's row");
    assert_eq!(&next.table().rows[2][1], "y", "row 4 of next month is another record: left alone");

    // On the very file, everything replays.
    let mut again = Editor::new(&schema, table(["15/03/2023", "2023-01-01", "x"])).unwrap();
    assert_eq!(again.replay_on(&log, "crc32:00000000:3").applied, 2);
    assert_eq!(again.table(), first.table());
}

#[test]
fn fills_of_empty_cells_and_of_cells_in_error_are_found_anew_in_each_table() {
    let schema =
        Schema::from_json(r#"{"fields": [{"name": "id"}, {"name": "insee", "constraints": {"pattern": "\\d{5}"}}]}"#)
            .unwrap();
    let table = |cells: [&str; 4]| Table {
        fields: vec!["id".into(), "insee".into()],
        rows: cells.iter().enumerate().map(|(i, c)| vec![i.to_string(), (*c).to_owned()]).map(Into::into).collect(),
        source_rows: vec![2, 3, 4, 5],
    };
    let empty = Edit::Fill { field: "insee".into(), value: "34172".into(), rows: Rows::Empty };
    let errors = Edit::Fill { field: "insee".into(), value: "34000".into(), rows: Rows::Errors };
    assert_eq!(serde_json::to_value(&empty).unwrap()["rows"], "empty");
    assert_eq!(serde_json::to_value(&errors).unwrap()["rows"], "errors");

    let mut first = Editor::new(&schema, table(["34172", " ", "3417", ""])).unwrap();
    assert_eq!(first.preview(&empty, 10).unwrap().total, 2, "the blank and the empty cell");
    first.apply(empty).unwrap();
    first.apply(errors).unwrap();
    assert_eq!(first.table().rows.iter().map(|r| &r[1]).collect::<Vec<_>>(), ["34172", "34172", "34000", "34172"]);
    assert!(first.report().valid);

    // Next month, other rows are empty or wrong: the same edits find them.
    let mut next = Editor::new(&schema, table(["", "34172", "", "x"])).unwrap();
    let replayed = next.replay_on(&first.log(), "another file");
    assert_eq!((replayed.applied, replayed.skipped.len()), (2, 0));
    assert_eq!(next.table().rows.iter().map(|r| &r[1]).collect::<Vec<_>>(), ["34172", "34172", "34172", "34000"]);
}

#[test]
fn issue_rows_lists_each_row_once_in_order_for_all_issues_or_one_group() {
    let editor = editor();
    let all = editor.issue_rows(None);
    let mut expected: Vec<usize> =
        editor.report().issues.iter().filter_map(|i| i.row.and_then(crate::table::row_index)).collect();
    expected.sort_unstable();
    expected.dedup();
    assert_eq!(all, expected);
    assert_eq!(editor.issue_rows(Some((Some("date"), Code::TypeError))), [0, 2]);
    assert!(editor.issue_rows(Some((None, Code::BlankRow))).is_empty());
}

/// Editing a cell whose pattern could not be decided: the warning, `unchecked` and `valid` follow the
/// edit, its undo and its redo, as a full validation has them.
#[test]
fn an_edit_that_makes_a_cell_decidable_removes_its_warning() {
    // Look-ahead with a backreference: 2^n ways to read a run of n `a` (see validate/tests.rs).
    let schema =
        Schema::from_json(r#"{"fields": [{"name": "code", "constraints": {"pattern": "(?=(a|a)*\\1b)a+b?"}}]}"#)
            .unwrap();
    let table = Table {
        fields: vec!["code".into()],
        rows: vec![vec!["a".repeat(40)].into(), ["aab"].into()],
        source_rows: vec![2, 3],
    };
    let mut editor = Editor::new(&schema, table).unwrap();
    let check = |editor: &Editor, undecided: usize| {
        let report = editor.report();
        assert_eq!(report, &CompiledSchema::compile(&schema).unwrap().validate(editor.table()));
        assert_eq!(report.warnings.iter().filter(|w| w.code == Code::PatternUndecided).count(), undecided);
        assert_eq!(report.unchecked.len(), usize::from(undecided > 0), "one line per field");
        assert_eq!(report.valid, undecided == 0 && report.issues.is_empty());
    };
    check(&editor, 1);
    assert!(!editor.report().valid && editor.report().issues.is_empty());
    editor.apply(Edit::SetCell { row: RowRef::at(0), field: "code".into(), value: "aab".into() }).unwrap();
    check(&editor, 0);
    assert!(editor.report().valid);
    editor.undo();
    check(&editor, 1);
    editor.redo();
    check(&editor, 0);
    // A fill that makes every cell undecidable.
    editor.apply(Edit::Fill { field: "code".into(), value: "a".repeat(30), rows: Rows::All }).unwrap();
    check(&editor, 2);
    assert_eq!(editor.report().unchecked, [crate::fr::issues::pattern_undecided_unchecked("code", 2)]);
}

fn one_column(cells: &[String]) -> (Schema, Table) {
    let schema = Schema::from_json(r#"{"fields": [{"name": "v"}]}"#).unwrap();
    let table = Table {
        fields: vec!["v".into()],
        rows: cells.iter().map(|c| vec![c.clone()]).map(Into::into).collect(),
        source_rows: (0..cells.len()).map(spreadsheet_row).collect(),
    };
    (schema, table)
}

fn replace(find: &str, replacement: &str, regex: bool) -> Edit {
    Edit::Replace { field: "v".into(), find: find.into(), replacement: replacement.into(), regex, rows: Rows::All }
}

#[test]
fn a_regex_that_can_match_the_empty_text_is_refused() {
    let (schema, table) = one_column(&["abc".into(), "xx".into()]);
    let mut editor = Editor::new(&schema, table.clone()).unwrap();
    for find in ["x*", "^", "$", "", "a|", "(?:)", r"\b", "(x|y)?", "^$", "a{0}", "(?m)^"] {
        let edit = replace(find, "-", true);
        let expected = EditError::EmptyMatch { pattern: find.into() };
        assert_eq!(editor.preview(&edit, 5), Err(expected.clone()), "{find:?}");
        assert_eq!(editor.apply(edit), Err(expected), "{find:?}");
        assert_eq!(editor.table(), &table, "nothing changed by {find:?}");
    }
    assert!(!editor.can_undo());
    let message = EditError::EmptyMatch { pattern: "x*".into() }.to_string();
    assert!(message.starts_with("L'expression de recherche « x* » peut correspondre à un texte vide"), "{message}");
    // What matches at least one character is fine, anchors included.
    assert_eq!(editor.apply(replace("^a", "A", true)).unwrap().cells, 1);
    assert_eq!(editor.apply(replace("x+", "y", true)).unwrap().cells, 1);
    assert_eq!(editor.table().rows, [["Abc"], ["y"]]);
}

#[test]
fn a_regex_too_large_to_compile_is_refused() {
    let (schema, table) = one_column(&["abc".into()]);
    let mut editor = Editor::new(&schema, table).unwrap();
    let error = editor.apply(replace(r"\w{1000}{1000}", "", true)).unwrap_err();
    assert!(matches!(error, EditError::BadRegex { .. }), "{error:?}");
}

#[test]
fn an_edit_that_makes_a_cell_too_long_is_refused_whole() {
    let long = "é".repeat(MAX_CELL_CHARS - 10);
    let (schema, table) = one_column(&["a".into(), long.clone(), "b".repeat(MAX_CELL_CHARS + 5)]);
    let mut editor = Editor::new(&schema, table.clone()).unwrap();
    let too_long = |row: usize| EditError::CellTooLong { row, field: "v".into(), max: MAX_CELL_CHARS };
    let refused = [
        (Edit::Fill { field: "v".into(), value: "x".repeat(MAX_CELL_CHARS + 1), rows: Rows::All }, 0),
        (Edit::SetCell { row: RowRef::at(0), field: "v".into(), value: "x".repeat(MAX_CELL_CHARS + 1) }, 0),
        // Eleven more accented characters: the byte length alone would not tell.
        (replace("é", "éé", false), 1),
        (replace("(é)", "$1$1", true), 1),
        // Plain and regex replacements that would build huge cells are stopped before they do.
        (replace("é", &"y".repeat(1000), false), 1),
        (replace("é", &"y".repeat(1000), true), 1),
        (replace("b", "bb", false), 2),
    ];
    for (edit, row) in refused {
        assert_eq!(editor.preview(&edit, 5), Err(too_long(row)), "{edit:?}");
        assert_eq!(editor.apply(edit.clone()), Err(too_long(row)), "{edit:?}");
        assert_eq!(editor.table(), &table, "atomic: nothing changed by {edit:?}");
    }
    assert!(!editor.can_undo());
    let message = too_long(0).to_string();
    assert!(message.contains("ligne 2 (colonne « v ») plus de 100\u{a0}000 caractères"), "{message}");
    assert!(message.contains("rien n'a été modifié"), "{message}");
    // Up to the limit is fine, and a cell already longer in the source may be shortened.
    editor.apply(Edit::SetCell { row: RowRef::at(0), field: "v".into(), value: "x".repeat(MAX_CELL_CHARS) }).unwrap();
    editor.apply(replace("é", "ée", false)).unwrap_err();
    editor.apply(replace("bb", "b", false)).unwrap();
    assert_eq!(editor.table().rows[2][0].len(), (MAX_CELL_CHARS + 5) / 2 + 1);
}

#[test]
fn a_replay_skips_the_edits_refused_and_applies_the_others() {
    let (schema, table) = one_column(&["ab".into(), "cd".into()]);
    let log = EditLog::new(vec![
        replace("a", "A", false),
        replace("x*", "-", true),
        replace("(", "-", true),
        Edit::Fill { field: "v".into(), value: "z".repeat(MAX_CELL_CHARS + 1), rows: Rows::All },
        replace("(.)", &"$1".repeat(MAX_CELL_CHARS), true),
        replace("c", "C", false),
    ]);
    let mut editor = Editor::new(&schema, table.clone()).unwrap();
    let replayed = editor.replay(&log);
    assert_eq!(replayed.applied, 2, "{replayed:?}");
    assert_eq!(replayed.cells, 2);
    assert_eq!(replayed.skipped.iter().map(|s| s.edit).collect::<Vec<_>>(), [1, 2, 3, 4]);
    assert!(replayed.skipped[0].reason.contains("texte vide"), "{:?}", replayed.skipped[0]);
    assert!(replayed.skipped[2].reason.contains("100\u{a0}000 caractères"), "{:?}", replayed.skipped[2]);
    assert_eq!(editor.table().rows, [["Ab"], ["Cd"]]);
    assert_eq!(editor.log().edits.len(), 2, "only the edits applied can be undone");
    // The same through replay_on (another file) and the free function.
    let mut other = Editor::new(&schema, table.clone()).unwrap();
    assert_eq!(other.replay_on(&log, "crc32:00000000:2").skipped.len(), 4);
    let mut copy = table;
    assert_eq!(replay(&log, &mut copy, &schema).unwrap().applied, 2);
    assert_eq!(copy.rows, [["Ab"], ["Cd"]]);
}

/// A blank row is also a primary-key error (Validata reports both); filling it, clearing it again,
/// deleting it, and undoing or redoing each of those leave the report a full validation gives.
#[test]
fn filling_or_deleting_a_blank_row_keeps_its_primary_key_error_consistent() {
    let mut t = table();
    t.rows.insert(1, vec![String::new(); 4].into());
    t.rows.push(vec![String::new(); 4].into());
    t.source_rows = vec![5, 6, 7, 8, 9, 10];
    let mut editor = Editor::new(&schema(), t).unwrap();
    consistent(&editor);
    fn blank(editor: &Editor) -> Vec<(usize, Code)> {
        codes(editor)
            .into_iter()
            .filter(|(_, field, code)| field.is_none() && (*code == Code::BlankRow || *code == Code::PrimaryKeyError))
            .map(|(row, _, code)| (row, code))
            .collect()
    }
    assert_eq!(
        blank(&editor),
        [(3, Code::BlankRow), (3, Code::PrimaryKeyError), (7, Code::BlankRow), (7, Code::PrimaryKeyError)]
    );

    // Filling a cell other than the key: no longer blank, but still without a key.
    let set = |editor: &Editor, index: usize, field: &str, value: &str| Edit::SetCell {
        row: editor.row_ref(index).unwrap(),
        field: field.into(),
        value: value.into(),
    };
    editor.apply(set(&editor, 1, "code", "X9")).unwrap();
    consistent(&editor);
    assert_eq!(blank(&editor), [(3, Code::PrimaryKeyError), (7, Code::BlankRow), (7, Code::PrimaryKeyError)]);
    // Its key: the row is fine.
    editor.apply(set(&editor, 1, "id", "z")).unwrap();
    consistent(&editor);
    assert_eq!(blank(&editor), [(7, Code::BlankRow), (7, Code::PrimaryKeyError)]);
    // Cleared again: blank again, with both errors.
    editor.apply(set(&editor, 1, "id", "")).unwrap();
    editor.apply(set(&editor, 1, "code", "")).unwrap();
    consistent(&editor);
    assert_eq!(
        blank(&editor),
        [(3, Code::BlankRow), (3, Code::PrimaryKeyError), (7, Code::BlankRow), (7, Code::PrimaryKeyError)]
    );
    for _ in 0..4 {
        editor.undo().unwrap();
        consistent(&editor);
    }
    for _ in 0..4 {
        editor.redo().unwrap();
        consistent(&editor);
    }

    // Deleting the first blank row: the other one keeps both errors, at its new row.
    editor.apply(Edit::DeleteRows { rows: vec![editor.row_ref(1).unwrap()] }).unwrap();
    consistent(&editor);
    assert_eq!(blank(&editor), [(6, Code::BlankRow), (6, Code::PrimaryKeyError)]);
    editor.undo().unwrap();
    consistent(&editor);
    assert_eq!(
        blank(&editor),
        [(3, Code::BlankRow), (3, Code::PrimaryKeyError), (7, Code::BlankRow), (7, Code::PrimaryKeyError)]
    );
    editor.redo().unwrap();
    consistent(&editor);
}

#[test]
fn an_editor_built_a_slice_of_rows_at_a_time_has_the_report_of_one_built_at_once() {
    // Duplicates across slices (X1 in rows 1 and 2, ids a…) must be found as in one pass.
    let mut long = table();
    for copy in 0..3 {
        let extra = table().rows.into_iter().map(|mut row| {
            row.set(0, &format!("{}{copy}", &row[0]));
            row
        });
        long.rows.extend(extra);
    }
    long.source_rows = (2..2 + long.rows.len()).collect();
    let whole = Editor::new(&schema(), long.clone()).unwrap();
    for slice in [1, 3, 5] {
        let mut build = Editor::build(&schema(), CompiledSchema::compile(&schema()).unwrap(), long.clone());
        let mut checked = Vec::new();
        while !build.is_done() {
            checked.push(build.check_rows(slice));
        }
        assert_eq!(checked.last(), Some(&build.rows()));
        assert!(checked.windows(2).all(|w| w[1] == (w[0] + slice).min(build.rows())), "{checked:?}");
        let editor = build.finish();
        assert_eq!(editor.report(), whole.report(), "slices of {slice}");
        consistent_with(&editor, &long);
    }
}

fn consistent_with(editor: &Editor, table: &Table) {
    let full = CompiledSchema::compile(&schema()).unwrap().validate(table);
    assert_eq!(editor.report(), &full);
    assert!(full.issues.iter().any(|i| i.code == Code::UniqueError), "the test needs duplicates: {:?}", full.issues);
}
