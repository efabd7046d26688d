//! Transforms on real corpus columns, and the safety property of suggested transforms.

// Helpers outside #[test] functions unwrap too: a test that cannot read its corpus file should fail loudly.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use crate::common;

use common::{corpus, latest_schema};
use proptest::prelude::*;
use tamis_engine::transform::{apply_all, preview, suggest_transforms, Outcome, Transform};
use tamis_engine::{read, CompiledSchema, Field, ReadOptions, Schema, Sheet, Table};

fn sheet(file: &str) -> Sheet {
    let path = corpus(file);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    read(file, &bytes, &ReadOptions::default()).unwrap()
}

fn column<'a>(sheet: &'a Sheet, header: &str) -> Vec<&'a str> {
    let index =
        sheet.headers.iter().position(|h| h == header).unwrap_or_else(|| panic!("{header}: {:?}", sheet.headers));
    (0..sheet.rows.len()).map(|row| sheet.cell(row, index)).collect()
}

fn one_field(field: &Field) -> CompiledSchema {
    let schema = Schema { fields: vec![field.clone()], ..Schema::from_json(r#"{"fields": []}"#).unwrap() };
    CompiledSchema::compile(&schema).unwrap()
}

/// Whether `value` passes every check of the field (alone in its table, so `unique` cannot fail).
fn valid(compiled: &CompiledSchema, field: &Field, value: &str) -> bool {
    let table =
        Table { fields: vec![field.name.clone()], rows: vec![vec![value.to_owned()].into()], source_rows: vec![2] };
    compiled.validate(&table).issues.is_empty()
}

struct Tally {
    changed: usize,
    unchanged: usize,
    unrecoverable: usize,
    valid_after: usize,
}

fn tally(field: &Field, transforms: &[Transform], values: &[&str]) -> Tally {
    let compiled = one_field(field);
    let mut t = Tally { changed: 0, unchanged: 0, unrecoverable: 0, valid_after: 0 };
    for value in values.iter().filter(|v| !v.trim().is_empty()) {
        let outcome = apply_all(transforms, value);
        match &outcome {
            Outcome::Changed(_) => t.changed += 1,
            Outcome::Unchanged => t.unchanged += 1,
            Outcome::Unrecoverable(_) => t.unrecoverable += 1,
        }
        t.valid_after += usize::from(valid(&compiled, field, outcome.value_or(value)));
    }
    t
}

fn print(what: &str, transforms: &[Transform], values: &[&str], t: &Tally) {
    let described: Vec<String> = transforms.iter().map(Transform::describe).collect();
    println!(
        "{what}: {described:?}; {} changed, {} unchanged, {} unrecoverable, {} valid after",
        t.changed, t.unchanged, t.unrecoverable, t.valid_after
    );
    for (before, after) in preview(transforms, values, 3) {
        println!("    {before:?} → {after:?}");
    }
}

#[test]
fn lot_amounts_lose_their_spaces_and_decimal_commas() {
    let schema = latest_schema("scdl/subventions");
    let field = schema.field("montant").unwrap();
    let sheet = sheet("subventions/DEP_Lot_Subventions_2017_DONNEES.xlsx_pour_exemple.csv");
    let values = column(&sheet, "montant");
    let transforms = suggest_transforms(field, &values);
    assert!(matches!(transforms.as_slice(), [Transform::Number { .. }]), "{transforms:?}");
    assert_eq!(apply_all(&transforms, "40 000,00"), Outcome::Changed("40000.00".into()));
    assert!(values.contains(&"40 000,00"));
    let t = tally(field, &transforms, &values);
    print("Lot montant", &transforms, &values, &t);
    assert_eq!(t.valid_after, t.changed + t.unchanged);
    assert!(t.changed >= 10 && t.unrecoverable == 0);
}

#[test]
fn montpellier_council_dates_become_iso() {
    let schema = latest_schema("scdl/deliberations");
    let field = schema.field("DELIB_DATE").unwrap();
    let sheet = sheet("deliberations/VilleMTP_MTP_Delibs.csv");
    let values = column(&sheet, "Date CM");
    let transforms = suggest_transforms(field, &values);
    assert_eq!(transforms.len(), 1, "{transforms:?}");
    assert_eq!(transforms[0].describe(), "Dates jj/mm/aaaa → aaaa-mm-jj");
    assert_eq!(apply_all(&transforms, "25/11/2013"), Outcome::Changed("2013-11-25".into()));
    let t = tally(field, &transforms, &values);
    print("MTP Date CM", &transforms, &values, &t);
    let filled = values.iter().filter(|v| !v.trim().is_empty()).count();
    assert_eq!(t.valid_after, filled, "every date valid after the transform");
}

#[test]
fn toulouse_scientific_sirets_are_unrecoverable() {
    let schema = latest_schema("scdl/subventions");
    let sheet = sheet("subventions/greytrey05_subventions-toulouse_2023.csv");
    for name in ["idAttribuant", "idBeneficiaire"] {
        let field = schema.field(name).unwrap();
        let values = column(&sheet, name);
        let transforms = suggest_transforms(field, &values);
        assert_eq!(transforms, [Transform::Identifier { length: Some(14), checksum: true }], "{name}");
        match apply_all(&transforms, "2,43E+13") {
            Outcome::Unrecoverable(reason) => assert!(reason.contains("notation scientifique"), "{reason}"),
            other => panic!("{other:?}"),
        }
        let t = tally(field, &transforms, &values);
        print(&format!("Toulouse {name}"), &transforms, &values, &t);
        let scientific = values.iter().filter(|v| v.contains("E+")).count();
        assert!(scientific > 0);
        assert_eq!(t.unrecoverable, scientific, "{name}: every scientific-notation SIRET flagged, none repaired");
    }
}

#[test]
fn poitiers_float_sirets_are_unrecoverable_and_non_becomes_false() {
    let schema = latest_schema("scdl/subventions");
    let sheet = sheet(
        "subventions/SCDL_COM_Poitiers_citoyennete-subventions-directes-attribuees-aux-associations-2017-ville-de-poiti.csv",
    );
    let id = schema.field("idAttribuant").unwrap();
    let sirets = column(&sheet, "COLL_SIRET");
    let transforms = suggest_transforms(id, &sirets);
    assert!(matches!(apply_all(&transforms, "21860194600000.0"), Outcome::Unrecoverable(r) if r.contains("zéros")));
    let t = tally(id, &transforms, &sirets);
    print("Poitiers COLL_SIRET", &transforms, &sirets, &t);
    assert_eq!(t.changed, 0, "no float SIRET repaired into a wrong number");
    let beneficiaries = column(&sheet, "ATTRIB_SIRET");
    let t = tally(id, &transforms, &beneficiaries);
    print("Poitiers ATTRIB_SIRET", &transforms, &beneficiaries, &t);
    // Repaired ones (`.0` removed from a SIRET ending in `00100` whose checksum holds) are valid; none
    // ending in four zeros or more is repaired, even when the checksum happens to hold.
    assert_eq!(t.valid_after, t.changed);
    for value in beneficiaries.iter().filter(|v| v.ends_with("0000.0")) {
        assert!(matches!(apply_all(&transforms, value), Outcome::Unrecoverable(_)), "{value}");
    }

    let notification = schema.field("notificationUE").unwrap();
    let values = column(&sheet, "Notification à la commission Européenne");
    let transforms = suggest_transforms(notification, &values);
    let no = notification.false_values.as_ref().and_then(|v| v.first()).cloned().unwrap_or_else(|| "false".into());
    assert_eq!(apply_all(&transforms, "NON"), Outcome::Changed(no));
    let t = tally(notification, &transforms, &values);
    print("Poitiers notification", &transforms, &values, &t);
    assert_eq!(t.valid_after, t.changed + t.unchanged);

    let montant = schema.field("montant").unwrap();
    let amounts = column(&sheet, "SUB_MONTANT");
    assert!(suggest_transforms(montant, &amounts).is_empty(), "10000.0 is already a valid number");
}

/// Fields of the SCDL kinds, a messy sample each (what a commune's column holds), and a strategy for
/// values already valid.
fn cases() -> Vec<(Field, Vec<&'static str>, BoxedStrategy<String>)> {
    let field = |json: &str| Schema::from_json(&format!(r#"{{"fields": [{json}]}}"#)).unwrap().fields.remove(0);
    let iso = (1990i32..2040, 1u32..13, 1u32..29).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")).boxed();
    vec![
        (
            field(r#"{"name": "d", "type": "date"}"#),
            vec!["15/03/2023", "5/3/23", "45000", "2023-03-15 10:30:00"],
            iso.clone(),
        ),
        (
            field(r#"{"name": "d", "type": "date", "format": "%d/%m/%Y"}"#),
            vec!["2023-03-15", "5/3/2023"],
            (1u32..29, 1u32..13, 1990i32..2040).prop_map(|(d, m, y)| format!("{d:02}/{m:02}/{y}")).boxed(),
        ),
        (
            field(r#"{"name": "t", "type": "datetime"}"#),
            vec!["15/03/2023 14h30", "2023-03-15 10:30:00"],
            (1990i32..2040, 1u32..13, 1u32..29, 0u32..24, 0u32..60)
                .prop_map(|(y, m, d, h, mi)| format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:00"))
                .boxed(),
        ),
        (
            field(r#"{"name": "n", "type": "number"}"#),
            vec!["40 000,00", "12 €", "1.234,50", "50 000 euros"],
            (-1_000_000i64..1_000_000, 0u32..1000, any::<bool>())
                .prop_map(|(w, f, frac)| if frac { format!("{w}.{f}") } else { w.to_string() })
                .boxed(),
        ),
        (
            field(r#"{"name": "p", "type": "number", "constraints": {"minimum": 0, "maximum": 1}}"#),
            vec!["12 %", "0,5"],
            (0u32..=100).prop_map(|n| format!("{}", f64::from(n) / 100.0)).boxed(),
        ),
        (
            field(r#"{"name": "i", "type": "integer"}"#),
            vec!["12.0", "1 200"],
            (-100_000i64..100_000).prop_map(|n| n.to_string()).boxed(),
        ),
        (
            field(r#"{"name": "b", "type": "boolean"}"#),
            vec!["Oui", "NON", "x"],
            prop::sample::select(vec!["true", "false", "True", "FALSE", "1", "0"]).prop_map(str::to_owned).boxed(),
        ),
        (
            field(r#"{"name": "b", "type": "boolean", "trueValues": ["oui"], "falseValues": ["non"]}"#),
            vec!["Oui", "NON", "x"],
            prop::sample::select(vec!["oui", "non"]).prop_map(str::to_owned).boxed(),
        ),
        (
            field(
                r#"{"name": "nature", "type": "string", "constraints": {"enum": ["aide en numéraire", "aide en nature"]}}"#,
            ),
            vec!["Numéraire ", "Aide en  nature"],
            prop::sample::select(vec!["aide en numéraire", "aide en nature"]).prop_map(str::to_owned).boxed(),
        ),
        (
            field(r#"{"name": "COLL_SIRET", "type": "string", "constraints": {"pattern": "^\\d{14}$"}}"#),
            vec!["217 400 423 00018", "2,43E+13", "21860194600000.0"],
            "[0-9]{14}".boxed(),
        ),
        (
            field(
                r#"{"name": "COLL_INSEE", "type": "string", "constraints": {"pattern": "^([013-9]\\d|2[AB1-9])\\d{3}$"}}"#,
            ),
            vec!["6002", "34 172"],
            "([013-9][0-9]|2[AB1-9])[0-9]{3}".boxed(),
        ),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn apply_never_panics(value in any::<String>(), pivot in any::<u8>(), length in 0usize..20) {
        let transforms = [
            Transform::Trim,
            Transform::CollapseSpaces,
            Transform::Case { to: tamis_engine::transform::Case::Title },
            Transform::Date { order: tamis_engine::transform::DateOrder::DayFirst, excel_serial: true, pivot, to: "%Y-%m-%dT%H:%M:%S%z %j %A".into() },
            Transform::Number { decimal: Default::default(), percent: tamis_engine::transform::Percent::Fraction, integer: true, decimal_char: ",".into() },
            Transform::Boolean { true_value: "oui".into(), false_value: "non".into() },
            Transform::Identifier { length: Some(length), checksum: true },
            Transform::Identifier { length: None, checksum: false },
        ];
        for t in &transforms {
            let _ = t.apply(&value);
        }
        let _ = apply_all(&transforms, &value);
    }

    #[test]
    fn apply_never_panics_on_number_like_text(value in "[-+ 0-9.,eE%€a-z\u{a0}:/hT]{0,30}") {
        for t in [
            Transform::Date { order: tamis_engine::transform::DateOrder::MonthFirst, excel_serial: true, pivot: 69, to: "%Y-%m-%d %H:%M:%S".into() },
            Transform::Number { decimal: Default::default(), percent: Default::default(), integer: false, decimal_char: ".".into() },
            Transform::Identifier { length: Some(14), checksum: true },
            Transform::Identifier { length: Some(5), checksum: false },
        ] {
            let _ = t.apply(&value);
        }
    }

    #[test]
    fn suggested_transforms_keep_valid_values_valid(index in 0usize..11, seed in any::<u64>()) {
        let cases = cases();
        let (field, sample, strategy) = &cases[index % cases.len()];
        let compiled = one_field(field);
        let mut runner = proptest::test_runner::TestRunner::new_with_rng(
            Default::default(),
            proptest::test_runner::TestRng::from_seed(proptest::test_runner::RngAlgorithm::ChaCha, &{
                let mut bytes = [0u8; 32];
                bytes[..8].copy_from_slice(&seed.to_le_bytes());
                bytes
            }),
        );
        let valid_values: Vec<String> =
            (0..8).map(|_| strategy.new_tree(&mut runner).unwrap().current()).collect();
        let mut all: Vec<&str> = sample.clone();
        all.extend(valid_values.iter().map(String::as_str));
        let transforms = suggest_transforms(field, &all);
        prop_assert!(!transforms.is_empty(), "{}: nothing suggested for {:?}", field.name, sample);
        for value in &valid_values {
            if !valid(&compiled, field, value) {
                continue; // the strategy's value is not valid (e.g. 31 February is never generated, but be safe)
            }
            let after = apply_all(&transforms, value);
            let after = after.value_or(value);
            prop_assert!(valid(&compiled, field, after), "{}: {:?} → {:?} by {:?}", field.name, value, after, transforms);
        }
    }
}
