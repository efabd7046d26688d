use super::*;

fn table(fields: &[&str], rows: &[&[&str]]) -> Table {
    Table {
        fields: fields.iter().map(|s| s.to_string()).collect(),
        rows: rows.iter().map(|r| r.iter().map(|s| s.to_string()).collect()).collect(),
        source_rows: (0..rows.len()).map(crate::table::spreadsheet_row).collect(),
    }
}

fn validate(schema: &str, t: &Table) -> Report {
    CompiledSchema::compile(&Schema::from_json(schema).unwrap()).unwrap().validate(t)
}

fn codes(report: &Report) -> Vec<(usize, Option<&str>, Code)> {
    report.issues.iter().map(|i| (i.row.unwrap_or(0), i.field.as_deref(), i.code)).collect()
}

#[test]
fn required_and_types() {
    let schema = r#"{"fields": [
        {"name": "n", "type": "integer", "constraints": {"required": true}},
        {"name": "x", "type": "number"},
        {"name": "d", "type": "date"},
        {"name": "b", "type": "boolean"},
        {"name": "y", "type": "year"}]}"#;
    let report = validate(
        schema,
        &table(
            &["n", "x", "d", "b", "y"],
            &[&["1", "1.5", "2023-03-15", "true", "2023"], &["", "1,5", "15/03/2023", "oui", "23"]],
        ),
    );
    assert!(!report.valid);
    assert_eq!(
        codes(&report),
        [
            (3, Some("n"), Code::ConstraintError),
            (3, Some("x"), Code::TypeError),
            (3, Some("d"), Code::TypeError),
            (3, Some("b"), Code::TypeError),
            (3, Some("y"), Code::TypeError)
        ]
    );
    assert_eq!(report.issues[1].fix.as_deref(), Some("1.5"));
    assert_eq!(report.issues[2].fix.as_deref(), Some("2023-03-15"));
    assert_eq!(&*report.issues[2].message, "La forme attendue est « 2023-03-15 ».");
    assert_eq!(&*report.issues[3].message, "Les valeurs acceptées sont « true » (vrai) et « false » (faux).");
}

#[test]
fn impossible_french_date_gets_no_fix() {
    let report = validate(r#"{"fields": [{"name": "d", "type": "date"}]}"#, &table(&["d"], &[&["31/02/2023"]]));
    assert_eq!(report.issues[0].fix, None);
    assert_eq!(&*report.issues[0].message, fr::issues::DATE);
}

#[test]
fn pattern_enum_and_lengths() {
    let schema = r#"{"fields": [
        {"name": "siret", "constraints": {"pattern": "^\\d{14}$"}, "description": "Le SIRET", "example": "21740042300018"},
        {"name": "nature", "constraints": {"enum": ["aide en numéraire", "aide en nature"]}},
        {"name": "objet", "constraints": {"maxLength": 3}}]}"#;
    let report = validate(
        schema,
        &table(
            &["siret", "nature", "objet"],
            &[&["2174004230001", "Aide en numéraire", "abcd"], &["21740042300018", "aide en nature", "abc"]],
        ),
    );
    assert_eq!(
        codes(&report),
        [
            (2, Some("siret"), Code::ConstraintError),
            (2, Some("nature"), Code::ConstraintError),
            (2, Some("objet"), Code::ConstraintError)
        ]
    );
    assert_eq!(
        &*report.issues[0].message,
        "La valeur ne respecte pas le format attendu. Le SIRET Exemple valide : 21740042300018"
    );
    assert_eq!(
        &*report.issues[1].message,
        "Les seules valeurs autorisées sont :\n- aide en numéraire\n- aide en nature"
    );
}

#[test]
fn minimum_and_maximum_compare_typed_values() {
    let schema = r#"{"fields": [{"name": "p", "type": "number", "constraints": {"minimum": 0.01, "maximum": 1}}]}"#;
    let report = validate(schema, &table(&["p"], &[&["0.5"], &["1"], &["100"], &["0"]]));
    assert_eq!(codes(&report), [(4, Some("p"), Code::ConstraintError), (5, Some("p"), Code::ConstraintError)]);
}

#[test]
fn blank_rows_replace_other_errors() {
    let schema = r#"{"fields": [{"name": "a", "constraints": {"required": true}}, {"name": "b"}]}"#;
    let report = validate(schema, &table(&["a", "b"], &[&["", ""]]));
    assert_eq!(codes(&report), [(2, None, Code::BlankRow)]);
}

#[test]
fn unique_compares_typed_values_and_cites_the_last_previous_row() {
    let schema = r#"{"fields": [{"name": "id", "type": "integer", "constraints": {"unique": true}}]}"#;
    let report = validate(schema, &table(&["id"], &[&["1"], &["01"], &["1"]]));
    assert_eq!(codes(&report), [(3, Some("id"), Code::UniqueError), (4, Some("id"), Code::UniqueError)]);
    assert!(report.issues[1].message.contains("ligne 3"));
}

#[test]
fn missing_values_are_honoured() {
    let schema = r#"{"missingValues": ["", "NA"], "fields": [{"name": "n", "type": "integer"}, {"name": "m"}]}"#;
    assert!(validate(schema, &table(&["n", "m"], &[&["NA", "x"]])).valid);
}

#[test]
fn siret_and_one_of_required_checks() {
    let schema = r#"{"fields": [{"name": "idBeneficiaire"}, {"name": "rnaBeneficiaire"}],
        "custom_checks": [
            {"name": "french-siret-value", "params": {"column": "idBeneficiaire"}},
            {"name": "one-of-required", "params": {"column1": "idBeneficiaire", "column2": "rnaBeneficiaire"}},
            {"name": "opening-hours-value", "params": {"column": "x"}}]}"#;
    let report = validate(
        schema,
        &table(
            &["idBeneficiaire", "rnaBeneficiaire"],
            &[&["217 400 423 00018", ""], &["21860194600000", ""], &["", "W123456789"], &["", ""]],
        ),
    );
    assert_eq!(
        codes(&report),
        [
            (3, Some("idBeneficiaire"), Code::FrenchSiretValue),
            (5, None, Code::BlankRow),
            (5, None, Code::OneOfRequired)
        ]
    );
    assert!(report.unchecked.is_empty(), "opening hours are checked now");
}

#[test]
fn unsupported_types_are_reported_as_unchecked_not_passed_silently() {
    let compiled = CompiledSchema::compile(
        &Schema::from_json(
            r#"{"fields": [{"name": "g", "type": "point"}, {"name": "d", "type": "date", "format": "%e/%m"}]}"#,
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(compiled.unchecked(), ["g (type point)", "d (la directive de date %e)"]);
}

#[test]
fn invalid_pattern_is_refused_naming_the_field() {
    let err = CompiledSchema::compile(
        &Schema::from_json(r#"{"fields": [{"name": "f", "constraints": {"pattern": "(a"}}]}"#).unwrap(),
    )
    .unwrap_err();
    assert!(err.to_string().starts_with("Le champ « f » du schéma utilise une règle"), "{err}");
}

fn ragged(fields: &[&str], rows: &[&[&str]]) -> Table {
    table(fields, rows)
}

#[test]
fn file_as_it_is_columns_meet_fields_by_label() {
    let schema = r#"{"fields": [
        {"name": "id", "type": "integer", "constraints": {"required": true}},
        {"name": "nom", "constraints": {"required": true}},
        {"name": "note"}]}"#;
    let report = validate(schema, &ragged(&["nom", "autre", "ID"], &[&["a", "x", "1"], &["b", "y", "z"]]));
    // "ID" is not "id" (case matters, as in Validata): id is missing, and "ID" is an unchecked column.
    assert_eq!(codes(&report), [(0, Some("id"), Code::MissingRequiredHeader)]);
    let warnings: Vec<(Code, Option<&str>)> = report.warnings.iter().map(|w| (w.code, w.field.as_deref())).collect();
    assert_eq!(
        warnings,
        [
            (Code::MissingHeaderWarn, Some("note")),
            (Code::ExtraHeaderWarn, Some("autre")),
            (Code::ExtraHeaderWarn, Some("ID"))
        ]
    );
    assert_eq!(&*report.issues[0].message, "La colonne obligatoire « id » est manquante.");
}

#[test]
fn disordered_columns_are_a_warning_only() {
    let schema = r#"{"fields": [{"name": "a"}, {"name": "b"}]}"#;
    let report = validate(schema, &ragged(&["b", "a"], &[&["1", "2"]]));
    assert!(report.valid);
    assert_eq!(report.warnings.iter().map(|w| w.code).collect::<Vec<_>>(), [Code::DisorderedHeaderWarn]);
}

#[test]
fn duplicate_labels_stop_validation_and_one_blank_label_is_an_error() {
    let schema = r#"{"fields": [{"name": "a", "type": "integer"}]}"#;
    let report = validate(schema, &ragged(&["a", "a"], &[&["x", "y"]]));
    assert_eq!(codes(&report), [(0, None, Code::GeneralError)]);
    let report = validate(schema, &ragged(&["a", ""], &[&["x", "y"]]));
    assert_eq!(codes(&report), [(0, None, Code::BlankLabel), (2, Some("a"), Code::TypeError)]);
}

#[test]
fn extra_and_missing_cells() {
    let schema = r#"{"fields": [{"name": "a"}, {"name": "b", "constraints": {"required": true}}]}"#;
    let report = validate(schema, &ragged(&["a", "b"], &[&["1", "2", "3", ""], &["1"], &[], &["", "", "x"]]));
    assert_eq!(
        codes(&report),
        [
            (2, None, Code::ExtraCell),
            (2, None, Code::ExtraCell),
            (3, Some("b"), Code::ConstraintError),
            (3, Some("b"), Code::MissingCell),
            (4, None, Code::BlankRow),
            (5, None, Code::BlankRow)
        ]
    );
}

#[test]
fn primary_key_over_several_fields() {
    let schema = r#"{"primaryKey": ["a", "b"], "fields": [{"name": "a"}, {"name": "b", "type": "integer"}]}"#;
    let report = validate(schema, &ragged(&["a", "b"], &[&["x", "1"], &["x", "2"], &["x", "01"], &["", ""]]));
    // A blank row has no key either: Validata reports it after the blank row.
    assert_eq!(
        codes(&report),
        [(4, None, Code::PrimaryKeyError), (5, None, Code::BlankRow), (5, None, Code::PrimaryKeyError)]
    );
    assert!(report.issues[0].message.contains("ligne 2"));
    assert_eq!(&*report.issues[2].message, fr::issues::PRIMARY_KEY_EMPTY);
    let report = validate(schema, &ragged(&["a"], &[&["x"]]));
    assert_eq!(codes(&report), [(0, None, Code::SchemaError)]);
}

/// Row-by-row revalidation gives exactly the report of a full validation, whatever the edits.
#[test]
fn revalidating_edited_rows_equals_validating_the_table() {
    use proptest::prelude::*;
    let schema = Schema::from_json(
        r#"{"primaryKey": "id", "fields": [
            {"name": "id", "type": "integer", "constraints": {"required": true}},
            {"name": "code", "constraints": {"unique": true, "pattern": "[A-C]"}},
            {"name": "n", "type": "number", "constraints": {"minimum": 0}},
            {"name": "total", "type": "integer"}],
            "custom_checks": [{"name": "sum-columns-value", "params": {"column": "total", "columns": ["id", "n"]}}]}"#,
    )
    .unwrap();
    let compiled = CompiledSchema::compile(&schema).unwrap();
    let value = prop::sample::select(vec!["", "1", "01", "2", "3", "A", "B", "D", "-1", "1.5", "x"]);
    let cell_edit = (0..6usize, 0..4usize, value.clone());
    let rows = prop::collection::vec(prop::collection::vec(value, 4), 6);
    proptest!(ProptestConfig::with_cases(200), |(rows in rows, edits in prop::collection::vec(cell_edit, 1..12))| {
        let mut t = Table {
            fields: vec!["id".into(), "code".into(), "n".into(), "total".into()],
            rows: rows.iter().map(|r| r.iter().map(|s| s.to_string()).collect()).collect(),
            source_rows: (2..8).collect(),
        };
        let mut validation = Validation::new(&compiled, &t);
        for (row, column, text) in edits {
            t.rows[row].set(column, text);
            validation.update_row(&compiled, &t, row);
            prop_assert_eq!(validation.report(), compiled.validate(&t));
        }
    });
}

#[test]
fn fixes_are_suggested_only_when_they_pass_every_check() {
    let schema = r#"{"fields": [
        {"name": "siret", "constraints": {"pattern": "\\d{14}"}},
        {"name": "nature", "constraints": {"enum": ["aide en numéraire", "aide en nature"]}},
        {"name": "ok", "type": "boolean"},
        {"name": "montant", "type": "number", "constraints": {"minimum": 0}},
        {"name": "d", "type": "date"},
        {"name": "code", "constraints": {"pattern": "[A-Z]{3}"}}]}"#;
    let report = validate(
        schema,
        &table(
            &["siret", "nature", "ok", "montant", "d", "code"],
            &[&["217 400 423 00018", "Aide en Numeraire", "Oui", "40 000,50 €", "5.3.2023", "ab1"]],
        ),
    );
    let fixes: Vec<Option<&str>> = report.issues.iter().map(|i| i.fix.as_deref()).collect();
    assert_eq!(
        fixes,
        [Some("21740042300018"), Some("aide en numéraire"), Some("true"), Some("40000.50"), Some("2023-03-05"), None]
    );
    // A rewriting that would break another rule is not offered.
    let schema = r#"{"fields": [{"name": "m", "type": "number", "constraints": {"maximum": 100}}]}"#;
    let report = validate(schema, &table(&["m"], &[&["1 000,5"]]));
    assert_eq!(report.issues.iter().map(|i| i.fix.as_deref()).collect::<Vec<_>>(), [None]);
}

#[test]
fn patterns_match_the_whole_value() {
    let schema = r#"{"fields": [{"name": "c", "constraints": {"pattern": "[A-Z]{3}"}}]}"#;
    let report = validate(schema, &table(&["c"], &[&["ABC"], &["ABCD"], &["xABC"], &["AB"]]));
    assert_eq!(
        codes(&report),
        [
            (3, Some("c"), Code::ConstraintError),
            (4, Some("c"), Code::ConstraintError),
            (5, Some("c"), Code::ConstraintError)
        ]
    );
}

#[test]
fn checks_with_their_own_parsers_and_backreferences() {
    let schema = r#"{"fields": [
            {"name": "tel"}, {"name": "horaires"}, {"name": "geo", "type": "geopoint"},
            {"name": "code", "constraints": {"pattern": "(\\w)\\1"}}],
        "custom_checks": [
            {"name": "phone-number-value", "params": {"column": "tel"}},
            {"name": "opening-hours-value", "params": {"column": "horaires"}},
            {"name": "french-gps-coordinates", "params": {"column": "geo"}}]}"#;
    let report = validate(
        schema,
        &table(
            &["tel", "horaires", "geo", "code"],
            &[
                &["01 99 00 27 37", "Mo-Fr 08:00-12:00", "2.35,48.85", "aa"],
                &["12", "lundi 8h-12h", "48.85,2.35", "ab"],
            ],
        ),
    );
    let found: Vec<Code> = report.issues.iter().map(|i| i.code).collect();
    assert_eq!(
        found,
        [Code::ConstraintError, Code::PhoneNumberValue, Code::OpeningHoursValue, Code::ReversedFrenchGpsCoordinates]
    );
}

/// A pattern the backtracking engine gives up on for a long run of `a`: its look-ahead has 2^n ways to
/// read it (and no linear bound decides it).
const UNDECIDABLE: &str = r#"{"fields": [{"name": "id", "type": "integer"},
    {"name": "code", "constraints": {"pattern": "(?=(a|a)*\\1b)a+b?"}},
    {"name": "liste", "type": "array", "arrayItem": {"type": "string", "constraints": {"pattern": "(?=(a|a)*\\1b)a+b?"}}}]}"#;

fn long_a() -> String {
    "a".repeat(40)
}

#[test]
fn an_undecided_pattern_is_a_warning_and_never_counts_as_valid() {
    let long = long_a();
    let report = validate(
        UNDECIDABLE,
        &table(&["id", "code", "liste"], &[&["1", "aab", ""], &["2", &long, ""], &["3", "c", ""], &["4", &long, ""]]),
    );
    assert_eq!(codes(&report), [(4, Some("code"), Code::ConstraintError)]);
    let warnings: Vec<_> =
        report.warnings.iter().map(|w| (w.row, w.field.as_deref(), w.code, w.cell.as_ref())).collect();
    assert_eq!(
        warnings,
        [
            (Some(3), Some("code"), Code::PatternUndecided, long.as_str()),
            (Some(5), Some("code"), Code::PatternUndecided, long.as_str())
        ]
    );
    assert_eq!(&*report.warnings[0].message, fr::issues::pattern_undecided("code"));
    assert!(report.warnings[0].message.contains("vérifiez-la à la main"), "{}", report.warnings[0].message);
    assert_eq!(report.unchecked, [fr::issues::pattern_undecided_unchecked("code", 2)]);
    assert!(!report.valid, "an undecided cell is not a passed check");
    // The same table without the undecidable cells is valid.
    let report = validate(UNDECIDABLE, &table(&["id", "code", "liste"], &[&["1", "aab", ""]]));
    assert!(report.valid && report.warnings.is_empty() && report.unchecked.is_empty(), "{report:?}");
}

#[test]
fn an_undecided_array_item_pattern_is_a_warning_too() {
    let cell = format!(r#"["aab", "{}"]"#, long_a());
    let report = validate(UNDECIDABLE, &table(&["id", "code", "liste"], &[&["1", "", &cell], &["2", "", r#"["c"]"#]]));
    assert_eq!(codes(&report), [(3, Some("liste"), Code::ConstraintError)]);
    assert_eq!(
        report.warnings.iter().map(|w| (w.row, w.code)).collect::<Vec<_>>(),
        [(Some(2), Code::PatternUndecided)]
    );
    assert_eq!(report.unchecked, [fr::issues::pattern_undecided_unchecked("liste", 1)]);
    assert!(!report.valid);
}

#[test]
fn a_value_the_pattern_cannot_decide_is_never_suggested_as_a_fix() {
    // "  aaa…a" is too long and does not match; its trimmed text would be short enough, but whether it
    // matches the pattern cannot be decided: it is not offered. With a pattern that decides, it is.
    let cell = format!("  {}", long_a());
    let fixes = |pattern: &str| -> Vec<Option<String>> {
        let schema = format!(
            r#"{{"fields": [{{"name": "code", "constraints": {{"maxLength": 40, "pattern": "{pattern}"}}}}]}}"#
        );
        validate(&schema, &table(&["code"], &[&[&cell]])).issues.into_iter().map(|i| i.fix).collect()
    };
    assert_eq!(fixes(r"(?=(a|a)*\\1b)a+b?"), [None, None]);
    assert_eq!(fixes(r"a+b?"), [Some(long_a()), Some(long_a())]);
}

/// Row-by-row revalidation keeps the undecided cells' warnings, `unchecked` and `valid` exactly as a
/// full validation has them.
#[test]
fn revalidating_edited_rows_keeps_undecided_cells_consistent() {
    use proptest::prelude::*;
    let compiled = CompiledSchema::compile(&Schema::from_json(UNDECIDABLE).unwrap()).unwrap();
    let long = long_a();
    let array = format!(r#"["{long}"]"#);
    let values: Vec<String> = ["", "1", "aab", "c", &long, &array, r#"["ab"]"#].iter().map(|s| s.to_string()).collect();
    let value = prop::sample::select(values);
    let cell_edit = (0..4usize, 0..3usize, value.clone());
    let rows = prop::collection::vec(prop::collection::vec(value, 3), 4);
    proptest!(ProptestConfig::with_cases(40), |(rows in rows, edits in prop::collection::vec(cell_edit, 1..6))| {
        let mut t = Table { fields: vec!["id".into(), "code".into(), "liste".into()], rows: rows.into_iter().map(Into::into).collect(), source_rows: (2..6).collect() };
        let mut validation = Validation::new(&compiled, &t);
        for (row, column, text) in edits {
            t.rows[row].set(column, &text);
            validation.update_row(&compiled, &t, row);
            let report = validation.report();
            prop_assert_eq!(&report, &compiled.validate(&t));
            let undecided = report.warnings.iter().any(|w| w.code == Code::PatternUndecided);
            prop_assert_eq!(report.valid, report.issues.is_empty() && !undecided);
        }
    });
}
