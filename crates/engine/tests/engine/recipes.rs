//! Recipes on real files: the suggested recipe of the Montpellier délibérations (CSV) maps and
//! transforms what a person would, survives a save and load, and replays on the Excel version.

// Helpers outside #[test] functions unwrap and index too: a test that cannot read its data should fail loudly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use crate::common;

use tamis_engine::{mapping, read, ReadOptions, Recipe, SchemaRef, Source};

fn sheet(file: &str) -> tamis_engine::Sheet {
    let path = common::corpus(file);
    read(file, &std::fs::read(&path).unwrap(), &ReadOptions::default()).unwrap()
}

#[test]
fn montpellier_deliberations_recipe_is_suggested_saved_and_replayed_on_the_xls() {
    let schema = common::latest_schema("scdl/deliberations");
    let csv = sheet("deliberations/VilleMTP_MTP_Delibs.csv");
    let mut recipe = Recipe::suggested(&schema, &csv);
    assert_eq!(recipe.source("DELIB_DATE"), Some(&Source::Column("Date CM".into())));
    assert_eq!(recipe.source("DELIB_OBJET"), Some(&Source::Column("Titre".into())));
    assert!(!recipe.transforms_of("DELIB_DATE").is_empty(), "dd/mm/yyyy dates get a transform");
    recipe.mapping.insert("COLL_NOM".into(), Some(Source::Constant("Ville de Montpellier".into())));
    let table = mapping::apply(&csv, &schema, &recipe);
    let column = |name: &str| table.fields.iter().position(|f| f == name).unwrap();
    assert_eq!(&table.rows[0][column("DELIB_DATE")], "2013-11-25");
    assert_eq!(&table.rows[0][column("COLL_NOM")], "Ville de Montpellier");
    assert!(table.rows[0][column("DELIB_OBJET")].starts_with("Voeu de soutien"));

    let saved = recipe.clone().for_file(SchemaRef { name: "scdl/deliberations".into(), version: None }, &csv.headers);
    let loaded = Recipe::from_value(serde_json::to_value(&saved).unwrap()).unwrap();
    assert_eq!(loaded, saved, "a recipe round-trips through JSON");

    let xls = sheet("deliberations/VilleMTP_MTP_Delibs.xls");
    assert!(loaded.fits(&xls.headers), "the .xls has the same columns: {:?}", xls.headers);
    let again = mapping::apply(&xls, &schema, &loaded);
    assert_eq!(again.rows.len(), table.rows.len());
    assert_eq!(&again.rows[0][column("DELIB_DATE")], "2013-11-25", "an ISO date cell is left as it is");
    assert_eq!(&again.rows[0][column("COLL_NOM")], "Ville de Montpellier");
}

#[test]
fn the_deliberations_schema_is_suggested_for_the_montpellier_file() {
    let names = ["scdl/deliberations", "scdl/subventions", "scdl/budget", "scdl/equipements", "scdl/prenoms"];
    let schemas: Vec<_> = names.iter().map(|n| common::latest_schema(n)).collect();
    let candidates: Vec<(&str, &tamis_engine::Schema)> = names.iter().copied().zip(schemas.iter()).collect();
    let ranked = tamis_engine::suggest::suggest_schema(&candidates, &sheet("deliberations/VilleMTP_MTP_Delibs.csv"));
    println!("{ranked:?}");
    assert_eq!(ranked[0].0, "scdl/deliberations");
    // The app offers a schema from a score of 0.25 (src/lib.rs): this file clears it, the others do not.
    assert!(ranked[0].1 >= 0.25 && ranked[1].1 < 0.25, "{ranked:?}");
}

#[test]
fn the_edit_log_rides_in_the_recipe_and_replays_on_the_xls_by_row() {
    use tamis_engine::edit::{Edit, Editor};
    let schema = common::latest_schema("scdl/deliberations");
    let csv = sheet("deliberations/VilleMTP_MTP_Delibs.csv");
    let recipe = Recipe::suggested(&schema, &csv);
    let mut editor = Editor::new(&schema, mapping::apply(&csv, &schema, &recipe)).unwrap();
    let column = editor.column("COLL_NOM").unwrap();
    let row = editor.row_ref(3).unwrap();
    editor.apply(Edit::SetCell { row, field: "COLL_NOM".into(), value: "Ville de Montpellier".into() }).unwrap();
    let last = editor.table().rows.len() - 1;
    editor.apply(Edit::DeleteRows { rows: vec![editor.row_ref(last).unwrap()] }).unwrap();

    let mut saved = recipe.for_file(SchemaRef { name: "scdl/deliberations".into(), version: None }, &csv.headers);
    saved.edits = editor.log();
    let json = serde_json::to_value(&saved).unwrap();
    assert_eq!(json["edits"]["edits"][0]["op"], "setCell", "{json}");
    let loaded = Recipe::from_value(json).unwrap();
    assert_eq!(loaded, saved);

    let xls = sheet("deliberations/VilleMTP_MTP_Delibs.xls");
    let mut again = Editor::new(&schema, mapping::apply(&xls, &schema, &loaded)).unwrap();
    let replayed = again.replay(&loaded.edits);
    assert_eq!((replayed.applied, replayed.skipped.len()), (2, 0), "{replayed:?}");
    // The .xls writes line breaks in titles differently, so rows are compared by their numbers.
    assert_eq!(again.table().rows.len(), editor.table().rows.len(), "the last row deleted there too");
    assert_eq!(again.table().source_rows, editor.table().source_rows);
    assert_eq!(&again.table().rows[3][column], "Ville de Montpellier");

    // Through the fingerprints: on the very file, everything replays; on the .xls (another file as
    // far as the data goes), the edits of rows named by their number do not.
    saved.edits.source = Some(csv.fingerprint());
    assert_ne!(csv.fingerprint(), xls.fingerprint());
    let mut same = Editor::new(&schema, mapping::apply(&csv, &schema, &saved)).unwrap();
    assert_eq!(same.replay_on(&saved.edits, &csv.fingerprint()).applied, 2);
    let mut other = Editor::new(&schema, mapping::apply(&xls, &schema, &saved)).unwrap();
    let replayed = other.replay_on(&saved.edits, &xls.fingerprint());
    assert_eq!((replayed.applied, replayed.skipped.len()), (0, 2), "{replayed:?}");
    assert!(replayed.skipped[0].reason.contains("n'est pas rejouée"), "{}", replayed.skipped[0].reason);

    let mut newer = serde_json::to_value(&saved).unwrap();
    newer["edits"]["version"] = 9.into();
    assert!(Recipe::from_value(newer).unwrap_err().to_string().contains("version 9"));
}

/// Recipes are part of the public protocol and may come from another version of Tamis: a `fixGroup`
/// edit naming an issue code this version does not know still loads, is saved back as it was, and
/// replays as a skipped edit that changes nothing.
#[test]
fn a_fix_group_of_an_unknown_code_loads_and_replays_as_a_no_op() {
    use tamis_engine::edit::Editor;
    use tamis_engine::Schema;
    let schema = Schema::from_json(r#"{"fields": [{"name": "x", "type": "date"}]}"#).unwrap();
    let sheet = read("f.csv", b"x\n15/03/2023\n2023-03-16\n", &ReadOptions::default()).unwrap();
    let json = serde_json::json!({
        "version": 2,
        "mapping": {"x": {"column": "x"}},
        "edits": {"version": 1, "edits": [{"op": "fixGroup", "field": "x", "code": "no-such-code", "rows": "all"}]}
    });
    let recipe = Recipe::from_value(json.clone()).unwrap();
    assert_eq!(serde_json::to_value(&recipe).unwrap()["edits"], json["edits"], "saved back as it was read");

    let table = mapping::apply(&sheet, &schema, &recipe);
    let mut editor = Editor::new(&schema, table.clone()).unwrap();
    let replayed = editor.replay(&recipe.edits);
    assert_eq!((replayed.applied, replayed.cells, replayed.skipped.len()), (0, 0, 1), "{replayed:?}");
    assert!(replayed.skipped[0].reason.contains("no-such-code"), "{}", replayed.skipped[0].reason);
    assert_eq!(editor.table(), &table, "nothing changed");
    let replayed = editor.replay_on(&recipe.edits, "another file");
    assert_eq!((replayed.applied, replayed.skipped.len()), (0, 1), "{replayed:?}");
    assert_eq!(editor.table(), &table);
}
