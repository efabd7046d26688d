use super::*;
use crate::schema::{Field, Schema};

fn date(order: DateOrder, excel_serial: bool, to: &str) -> Transform {
    Transform::Date { order, excel_serial, pivot: 69, to: to.into() }
}

fn changed(t: &Transform, value: &str) -> String {
    match t.apply(value) {
        Outcome::Changed(v) => v,
        other => panic!("{value:?}: {other:?}"),
    }
}

fn number() -> Transform {
    Transform::Number {
        decimal: DecimalSource::Auto,
        percent: Percent::Hundred,
        integer: false,
        decimal_char: ".".into(),
    }
}

fn field(json: &str) -> crate::Field {
    Schema::from_json(&format!(r#"{{"fields": [{json}]}}"#)).unwrap().fields.remove(0)
}

#[test]
fn dates_in_every_common_form() {
    let t = date(DateOrder::DayFirst, false, "%Y-%m-%d");
    for (from, to) in [
        ("15/03/2023", "2023-03-15"),
        ("5/3/23", "2023-03-05"),
        ("5/3/75", "1975-03-05"),
        ("2023/03/15", "2023-03-15"),
        ("2018/3/31", "2018-03-31"),
        ("15.03.2023", "2023-03-15"),
        ("15-03-2023", "2023-03-15"),
        ("2023-03-15 10:30:00", "2023-03-15"),
        ("15/03/2023 14h30", "2023-03-15"),
        ("2021/07/02 00:00:00+00", "2021-07-02"),
        (" 26.05.2014 ", "2014-05-26"),
    ] {
        assert_eq!(changed(&t, from), to, "{from}");
    }
    assert_eq!(t.apply("2023-03-15"), Outcome::Unchanged);
    assert_eq!(t.apply("31/02/2023"), Outcome::Unchanged);
    assert_eq!(t.apply("Commission Permanente du 22 mai 2023"), Outcome::Unchanged);
    assert_eq!(t.apply("45000"), Outcome::Unchanged, "serials only when asked");
    assert_eq!(t.apply(""), Outcome::Unchanged);
    let us = date(DateOrder::MonthFirst, false, "%Y-%m-%d");
    assert_eq!(changed(&us, "03/15/2023"), "2023-03-15");
}

#[test]
fn two_digit_years_follow_the_pivot() {
    let t = Transform::Date { order: DateOrder::DayFirst, excel_serial: false, pivot: 30, to: "%Y-%m-%d".into() };
    assert_eq!(changed(&t, "1/1/29"), "2029-01-01");
    assert_eq!(changed(&t, "1/1/30"), "1930-01-01");
}

#[test]
fn excel_serials_with_the_1900_leap_bug() {
    let t = date(DateOrder::DayFirst, true, "%Y-%m-%d");
    assert_eq!(changed(&t, "43655"), "2019-07-09");
    assert_eq!(changed(&t, "45000"), "2023-03-15");
    assert_eq!(changed(&t, "1"), "1900-01-01");
    assert_eq!(changed(&t, "59"), "1900-02-28");
    assert_eq!(changed(&t, "61"), "1900-03-01");
    assert!(matches!(t.apply("60"), Outcome::Unrecoverable(reason) if reason.contains("29 février 1900")));
    assert_eq!(t.apply("2023"), Outcome::Unchanged, "a year is not a serial");
    let dt = date(DateOrder::DayFirst, true, "%Y-%m-%dT%H:%M:%S");
    assert_eq!(changed(&dt, "45000.4375"), "2023-03-15T10:30:00");
    assert_eq!(changed(&dt, "45000,5"), "2023-03-15T12:00:00");
}

#[test]
fn datetimes_and_strftime_output() {
    let t = date(DateOrder::DayFirst, false, "%Y-%m-%dT%H:%M:%S%z");
    assert_eq!(changed(&t, "15/03/2023 14h30"), "2023-03-15T14:30:00");
    assert_eq!(changed(&t, "2023-03-15 10:30:00"), "2023-03-15T10:30:00");
    assert_eq!(changed(&t, "2023-03-15T10:30:00+01:00"), "2023-03-15T10:30:00+0100");
    assert_eq!(changed(&t, "15/03/2023"), "2023-03-15T00:00:00");
    // A fraction of a second the format cannot write is not dropped silently.
    assert_eq!(t.apply("2023-03-15T10:30:00.5"), Outcome::Unchanged);
    let fr = date(DateOrder::DayFirst, false, "%d/%m/%Y");
    assert_eq!(changed(&fr, "2023-03-15"), "15/03/2023");
    assert_eq!(fr.apply("15/03/2023"), Outcome::Unchanged);
    let long = date(DateOrder::DayFirst, false, "%A %-d %B %Y, %j, %y, %I%p, %%");
    assert_eq!(changed(&long, "05/03/2023 14:00"), "Sunday 5 March 2023, 064, 23, 02PM, %");
    assert_eq!(date(DateOrder::DayFirst, false, "%Q").apply("15/03/2023"), Outcome::Unchanged);
}

#[test]
fn numbers_french_style_units_and_percentages() {
    let t = number();
    for (from, to) in [
        ("40 000,00", "40000.00"),
        ("17\u{a0}833", "17833"),
        (" 1\u{a0}063\u{a0}850,00    ", "1063850.00"),
        ("1\u{202f}234,5", "1234.5"),
        ("1.234,50", "1234.50"),
        ("1,234.50", "1234.50"),
        ("1.234.567", "1234567"),
        ("50 000 euros", "50000"),
        ("97\u{a0}000euros", "97000"),
        ("12 €", "12"),
        ("1 200 EUR", "1200"),
        ("22 kW", "22"),
        ("3,7kW", "3.7"),
        ("- 12,5", "-12.5"),
        ("12 %", "12"),
        ("2,5€", "2.5"),
    ] {
        assert_eq!(changed(&t, from), to, "{from:?}");
    }
    for same in ["10000.0", "1.234", "-3", "1e5", "abc", "12 34", " -      ", "12 mois", "1,2,3.4,5"] {
        assert_eq!(t.apply(same), Outcome::Unchanged, "{same:?}");
    }
    let fraction = Transform::Number {
        decimal: DecimalSource::Auto,
        percent: Percent::Fraction,
        integer: false,
        decimal_char: ".".into(),
    };
    assert_eq!(changed(&fraction, "12 %"), "0.12");
    assert_eq!(changed(&fraction, "5%"), "0.05");
    assert_eq!(changed(&fraction, "100 %"), "1");
    assert_eq!(changed(&fraction, "12,5 %"), "0.125");
    assert_eq!(fraction.apply("0.5"), Outcome::Unchanged);
    let integer = Transform::Number {
        decimal: DecimalSource::Auto,
        percent: Percent::Hundred,
        integer: true,
        decimal_char: ".".into(),
    };
    assert_eq!(changed(&integer, "12.0"), "12");
    assert_eq!(changed(&integer, "1 200,00"), "1200");
    assert_eq!(integer.apply("12.5"), Outcome::Unchanged);
    let comma = Transform::Number {
        decimal: DecimalSource::Comma,
        percent: Percent::Hundred,
        integer: false,
        decimal_char: ",".into(),
    };
    assert_eq!(changed(&comma, "1.234"), "1234");
    assert_eq!(comma.apply("12,5"), Outcome::Unchanged);
}

#[test]
fn trim_collapse_and_case() {
    assert_eq!(changed(&Transform::Trim, "  a b  "), "a b");
    assert_eq!(changed(&Transform::Trim, "   "), "");
    assert_eq!(changed(&Transform::CollapseSpaces, " aide  en\nnuméraire "), "aide en numéraire");
    let case = |to| Transform::Case { to };
    assert_eq!(changed(&case(Case::Upper), "Montpellier"), "MONTPELLIER");
    assert_eq!(changed(&case(Case::Lower), "UNIQUE"), "unique");
    assert_eq!(changed(&case(Case::Title), "jean-pierre de l'île"), "Jean-Pierre De L'île");
    assert_eq!(changed(&case(Case::Sentence), "AIDE EN NATURE"), "Aide en nature");
}

#[test]
fn booleans_to_the_fields_values() {
    let t = Transform::Boolean { true_value: "true".into(), false_value: "false".into() };
    for yes in ["Oui", "OUI", "x", "X", "vrai", "1", "O", "yes"] {
        assert_eq!(changed(&t, yes), "true", "{yes}");
    }
    for no in ["Non", "NON", "faux", "0", "N"] {
        assert_eq!(changed(&t, no), "false", "{no}");
    }
    assert_eq!(t.apply("true"), Outcome::Unchanged);
    assert_eq!(t.apply("non concerné"), Outcome::Unchanged);
    assert_eq!(t.apply(""), Outcome::Unchanged);
    let french = Transform::Boolean { true_value: "oui".into(), false_value: "non".into() };
    assert_eq!(changed(&french, "TRUE"), "oui");
}

#[test]
fn enum_suggestions_are_fuzzy_but_careful() {
    let nature: Vec<String> = ["aide en numéraire", "aide en nature", "aide en numéraire;aide en nature"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    let found = suggest_enum_map(
        &["Numéraire", "en numéraire", "Aide en Numeraire", "Aide en numéraire", "Financier", "aide", "Numéraire"],
        &nature,
    );
    assert_eq!(found.len(), 6, "distinct values: {found:?}");
    let get = |v: &str| found.iter().find(|(s, _, _)| s == v).unwrap().clone();
    assert_eq!(get("Numéraire").1.as_deref(), Some("aide en numéraire"));
    assert!(get("Numéraire").2 >= ENUM_CONFIDENT, "{found:?}");
    assert_eq!(get("en numéraire").1.as_deref(), Some("aide en numéraire"));
    assert_eq!(get("Aide en Numeraire").2, 1.0);
    assert_eq!(get("Financier").1, None);
    assert!(get("aide").2 < ENUM_CONFIDENT, "ambiguous: {found:?}");
    let conditions = vec!["unique".to_owned(), "échelonné".to_owned()];
    let found = suggest_enum_map(&["UNIQUE", "Echelonne", "échelonnée", "Versement en 3 fois"], &conditions);
    assert_eq!(found[0], ("UNIQUE".into(), Some("unique".into()), 1.0));
    assert_eq!(found[1].1.as_deref(), Some("échelonné"));
    assert_eq!(found[2].1.as_deref(), Some("échelonné"));
    assert!(found[2].2 >= ENUM_CONFIDENT);
    assert!(found[3].1.is_none() || found[3].2 < ENUM_CONFIDENT, "{found:?}");
}

#[test]
fn identifiers_cleaned_and_lost_digits_flagged() {
    let siret = Transform::Identifier { length: Some(14), checksum: true };
    assert_eq!(changed(&siret, "217 400 423 00018"), "21740042300018");
    assert_eq!(changed(&siret, "217.400.423.00018"), "21740042300018");
    assert_eq!(changed(&siret, "217-400-423-00018"), "21740042300018");
    assert_eq!(changed(&siret, "'21740042300018"), "21740042300018");
    assert_eq!(siret.apply("21740042300018"), Outcome::Unchanged);
    assert_eq!(siret.apply("217400423"), Outcome::Unchanged, "a SIREN is not padded into a SIRET");
    for lost in ["2,43E+13", "3,26E+13", "21860194600000.0", "45032466000000.0", "123456789012345678.0"] {
        assert!(matches!(siret.apply(lost), Outcome::Unrecoverable(ref r) if r.contains(lost)), "{lost}");
    }
    // Scientific notation with every digit, and a float whose digits are all there.
    assert_eq!(changed(&siret, "2.1740042300018E+13"), "21740042300018");
    assert_eq!(changed(&siret, "21740042300018.0"), "21740042300018");
    let insee = Transform::Identifier { length: Some(5), checksum: false };
    assert_eq!(changed(&insee, "6002"), "06002");
    assert_eq!(changed(&insee, "6002.0"), "06002");
    assert_eq!(changed(&insee, "75000.0"), "75000");
    assert_eq!(changed(&insee, "2a004"), "2A004");
    assert_eq!(insee.apply("2A004"), Outcome::Unchanged);
    assert_eq!(insee.apply("602"), Outcome::Unchanged, "two lost zeros are not guessed");
    assert_eq!(insee.apply("6002.5"), Outcome::Unchanged);
}

#[test]
fn a_13_digit_float_siret_gets_its_zero_back_only_when_the_checksum_holds() {
    let siret = Transform::Identifier { length: Some(14), checksum: true };
    // 01234567800014 is not a real SIRET; pick a Luhn-valid one starting with 0.
    let valid = (0..100_000u32).map(|n| format!("0123456780{n:04}")).find(|s| ident::checksum_ok(s)).unwrap();
    let float = format!("{}.0", valid.trim_start_matches('0'));
    assert_eq!(changed(&siret, &float), valid);
}

#[test]
fn chains_stop_at_unrecoverable_values() {
    let chain = [Transform::Trim, Transform::Identifier { length: Some(14), checksum: true }];
    assert_eq!(apply_all(&chain, " 217 400 423 00018 "), Outcome::Changed("21740042300018".into()));
    assert!(matches!(apply_all(&chain, " 2,43E+13 "), Outcome::Unrecoverable(_)));
    assert_eq!(apply_all(&chain, "21740042300018"), Outcome::Unchanged);
    assert_eq!(apply_all(&[], "x"), Outcome::Unchanged);
}

#[test]
fn preview_lists_distinct_values_changed_first() {
    let t = [date(DateOrder::DayFirst, false, "%Y-%m-%d")];
    let rows = preview(&t, &["2023-01-01", "15/03/2023", "15/03/2023", "x", "16/03/2023"], 3);
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0], ("15/03/2023".into(), Outcome::Changed("2023-03-15".into())));
    assert_eq!(rows[1].0, "16/03/2023");
    assert_eq!(rows[2], ("2023-01-01".into(), Outcome::Unchanged));
}

#[test]
fn json_form_is_stable_and_readable() {
    let transforms = vec![
        Transform::Trim,
        date(DateOrder::DayFirst, true, "%Y-%m-%d"),
        number(),
        Transform::Boolean { true_value: "true".into(), false_value: "false".into() },
        Transform::EnumMap { map: [("Numéraire".to_owned(), "aide en numéraire".to_owned())].into() },
        Transform::Identifier { length: Some(5), checksum: false },
        Transform::Case { to: Case::Upper },
    ];
    let json = serde_json::to_string(&transforms).unwrap();
    assert_eq!(
        json,
        r#"[{"kind":"trim"},{"kind":"date","order":"day-first","excel_serial":true,"pivot":69,"to":"%Y-%m-%d"},{"kind":"number","decimal":"auto","percent":"hundred","integer":false},{"kind":"boolean","true":"true","false":"false"},{"kind":"enum-map","map":{"Numéraire":"aide en numéraire"}},{"kind":"identifier","length":5,"checksum":false},{"kind":"case","to":"upper"}]"#
    );
    let back: Vec<Transform> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, transforms);
    // Optional keys may be left out.
    let short: Transform = serde_json::from_str(r#"{"kind":"date","order":"day-first","to":"%Y-%m-%d"}"#).unwrap();
    assert_eq!(short, date(DateOrder::DayFirst, false, "%Y-%m-%d"));
    let short: Transform = serde_json::from_str(r#"{"kind":"number"}"#).unwrap();
    assert_eq!(short, number());
}

#[test]
fn descriptions_in_french() {
    assert_eq!(date(DateOrder::DayFirst, false, "%Y-%m-%d").describe(), "Dates jj/mm/aaaa → aaaa-mm-jj");
    assert!(number().describe().contains("1 234,50 → 1234.50"), "{}", number().describe());
    let fraction = Transform::Number {
        decimal: DecimalSource::Auto,
        percent: Percent::Fraction,
        integer: false,
        decimal_char: ".".into(),
    };
    assert!(fraction.describe().ends_with("12 % → 0.12"), "{}", fraction.describe());
    assert!(Transform::Identifier { length: Some(14), checksum: true }.describe().contains("14"));
}

#[test]
fn suggestions_follow_the_content() {
    let delib_date = field(r#"{"name": "DELIB_DATE", "type": "date"}"#);
    assert_eq!(
        suggest_transforms(&delib_date, &["25/11/2013", "02/12/2013", ""]),
        [date(DateOrder::DayFirst, false, "%Y-%m-%d")]
    );
    assert_eq!(
        suggest_transforms(&delib_date, &["12/25/2013", "02/12/2013"]),
        [date(DateOrder::MonthFirst, false, "%Y-%m-%d")]
    );
    assert_eq!(suggest_transforms(&delib_date, &["43655", "43656"]), [date(DateOrder::DayFirst, true, "%Y-%m-%d")]);
    assert!(suggest_transforms(&delib_date, &["2013-11-25"]).is_empty());
    let montant = field(r#"{"name": "montant", "type": "number"}"#);
    assert_eq!(suggest_transforms(&montant, &["40 000,00", "1200"]), [number()]);
    assert!(suggest_transforms(&montant, &["10000.0"]).is_empty());
    let pourcentage =
        field(r#"{"name": "pourcentageSubvention", "type": "number", "constraints": {"minimum": 0.01, "maximum": 1}}"#);
    assert!(matches!(
        suggest_transforms(&pourcentage, &["80 %"]).as_slice(),
        [Transform::Number { percent: Percent::Fraction, .. }]
    ));
    let votes = field(r#"{"name": "VOTE_POUR", "type": "integer"}"#);
    assert!(matches!(suggest_transforms(&votes, &["12.0"]).as_slice(), [Transform::Number { integer: true, .. }]));
    let notif = field(r#"{"name": "notificationUE", "type": "boolean"}"#);
    assert_eq!(
        suggest_transforms(&notif, &["NON", "non", "Oui"]),
        [Transform::Boolean { true_value: "true".into(), false_value: "false".into() }]
    );
    assert!(suggest_transforms(&notif, &["non concerné", "Ne rien indiquer", "non"]).is_empty());
    let nature = field(
        r#"{"name": "nature", "type": "string", "constraints": {"enum": ["aide en numéraire", "aide en nature"]}}"#,
    );
    let found = suggest_transforms(&nature, &["Numéraire ", "aide en numéraire", "Aide en nature"]);
    assert_eq!(found.first(), Some(&Transform::Trim));
    assert!(matches!(found.get(1), Some(Transform::EnumMap { map }) if map.len() == 2), "{found:?}");
    let found = suggest_transforms(&nature, &["Numéraire", "Financier"]);
    assert!(found.is_empty(), "not every value has a confident match: {found:?}");
    let siret =
        field(r#"{"name": "idBeneficiaire", "title": "Identification SIRET du bénéficiaire", "type": "string"}"#);
    assert_eq!(
        suggest_transforms(&siret, &["217 400 423 00018"]),
        [Transform::Identifier { length: Some(14), checksum: true }]
    );
    let insee = field(
        r#"{"name": "code_insee", "type": "string", "constraints": {"pattern": "^([013-9]\\d|2[AB1-9])\\d{3}$"}}"#,
    );
    assert_eq!(
        suggest_transforms(&insee, &["6002", "34172"]),
        [Transform::Identifier { length: Some(5), checksum: false }]
    );
    let objet = field(r#"{"name": "objet", "type": "string"}"#);
    assert_eq!(suggest_transforms(&objet, &[" Soutien "]), [Transform::Trim]);
}

#[test]
fn a_person_may_pick_the_transforms_of_the_field_type() {
    let date: Field = serde_json::from_str(r#"{"name": "d", "type": "date"}"#).unwrap();
    let offered = manual_transforms(&date);
    assert!(offered.contains(&Transform::Trim));
    let dates: Vec<&Transform> = offered.iter().filter(|t| matches!(t, Transform::Date { .. })).collect();
    assert_eq!(dates.len(), 3, "day first, month first, Excel serial numbers");
    assert_eq!(dates[0].apply("05/03/2023"), Outcome::Changed("2023-03-05".into()));
    assert_eq!(dates[1].apply("05/03/2023"), Outcome::Changed("2023-05-03".into()));
    let boolean: Field =
        serde_json::from_str(r#"{"name": "b", "type": "boolean", "trueValues": ["oui"], "falseValues": ["non"]}"#)
            .unwrap();
    let offered = manual_transforms(&boolean);
    assert!(offered.iter().any(|t| t.apply("Oui") == Outcome::Changed("oui".into())));
}

/// The values a transform leaves as they are without parsing them: parsed, they would stay the same.
#[test]
fn values_left_as_they_are_unparsed_are_those_parsing_leaves() {
    let mut values: Vec<String> =
        ["0", "00", "007", "12", "1234567890123456789012345", "1", "10", "-0", "-12", "1 234"]
            .iter()
            .map(|v| (*v).to_owned())
            .collect();
    // Every day of seven years (2000 and 2024 leap, 1900 not), days that do not exist, the edge years.
    for year in [1000, 1900, 1999, 2000, 2023, 2024, 9999] {
        for month in 0..=13 {
            for day in 0..=32 {
                values.push(format!("{year:04}-{month:02}-{day:02}"));
            }
        }
    }
    values.extend(
        ["0999-01-01", "0000-01-01", "2023-3-15", "2023-03-5", "2023-03-15 ", " 2023-03-15", "2023/03/15"]
            .map(String::from),
    );
    let mut transforms = vec![];
    for order in [DateOrder::DayFirst, DateOrder::MonthFirst] {
        for excel_serial in [false, true] {
            transforms.push(date(order, excel_serial, "%Y-%m-%d"));
            transforms.push(date(order, excel_serial, "%d/%m/%Y"));
        }
    }
    for decimal in [DecimalSource::Auto, DecimalSource::Comma, DecimalSource::Point] {
        for percent in [Percent::Fraction, Percent::Hundred] {
            for integer in [false, true] {
                for decimal_char in [".", ","] {
                    transforms.push(Transform::Number { decimal, percent, integer, decimal_char: decimal_char.into() });
                }
            }
        }
    }
    let (mut dates, mut numbers) = (0, 0);
    for transform in &transforms {
        for value in &values {
            if transform.leaves_as_is(value) {
                match transform {
                    Transform::Date { .. } => dates += 1,
                    _ => numbers += 1,
                }
            }
            assert_eq!(transform.apply(value), transform.rewrite(value), "{transform:?} on {value:?}");
        }
    }
    // Every existing day, by each of the four date transforms to `%Y-%m-%d`; the seven bare numbers
    // by each of the 24 number transforms.
    assert_eq!(dates, 4 * (5 * 365 + 2 * 366));
    assert_eq!(numbers, 24 * 7);
}
