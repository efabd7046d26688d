use super::*;

#[path = "probes.rs"]
mod probes;

fn field(json: &str) -> Field {
    serde_json::from_str(json).unwrap()
}

fn kind(json: &str) -> Kind {
    let (kind, note) = compile_kind(&field(json));
    assert_eq!(note, None, "{json}");
    kind
}

fn accepts(kind: &Kind, text: &str) -> bool {
    cast(kind, text).is_ok() && array_item_errors(kind, text).is_empty()
}

/// The verdict of a whole cell check: type, then the field's own length and pattern constraints (as
/// validate/mod.rs applies them), then the array items'.
fn cell_accepted(descriptor: &str, text: &str) -> bool {
    let field = field(descriptor);
    let kind = kind(descriptor);
    let Ok(value) = cast(&kind, text) else { return false };
    let c = &field.constraints;
    let length = constraint_length(value.as_ref(), text);
    let lengths_ok = c.min_length.is_none_or(|min| length >= min) && c.max_length.is_none_or(|max| length <= max);
    let pattern_ok = c.pattern.as_deref().is_none_or(|p| FieldPattern::compile(p).unwrap().decide(text) == Some(true));
    lengths_ok && pattern_ok && array_item_errors(&kind, text).is_empty()
}

/// Every value probed with validata-ref gets the same verdict here.
#[test]
fn agrees_with_validata_on_probed_values() {
    let mut agree = 0;
    let mut differ = Vec::new();
    for (descriptor, cases) in probes::PROBES {
        for (text, expected) in *cases {
            if cell_accepted(descriptor, text) == *expected {
                agree += 1;
            } else {
                differ.push(format!("{descriptor} {text:?}: Validata {expected}"));
            }
        }
    }
    println!("{agree} agree, {} differ", differ.len());
    assert!(differ.is_empty(), "{agree} agree; differ:\n{}", differ.join("\n"));
}

#[test]
fn python_int_rules() {
    for ok in [" 12 ", "+12", "-12", "0012", "1_000"] {
        assert!(python_int(ok).is_some(), "{ok}");
    }
    for bad in ["1.0", "1e3", "1 000", "", "_1", "1__0", "x"] {
        assert!(python_int(bad).is_none(), "{bad}");
    }
    // Digits alone are read in 64 bits up to 19 of them, in 128 bits beyond: the same values.
    for digits in ["0", "007", "9999999999999999999", "18446744073709551616", "99999999999999999999999999999999999999"]
    {
        assert_eq!(python_int(digits), digits.parse::<i128>().ok(), "{digits}");
    }
}

#[test]
fn python_decimal_rules() {
    for ok in [" 1.5 ", "+1", ".5", "5.", "1e3", "1_000.5", "NaN", "Infinity", "-inf"] {
        assert!(python_decimal(ok).is_some(), "{ok}");
    }
    for bad in ["1,5", "1 000", "0x10", "12%", "", "1__0"] {
        assert!(python_decimal(bad).is_none(), "{bad}");
    }
}

#[test]
fn iso_date_follows_strptime() {
    let iso = DatePattern::compile("%Y-%m-%d").unwrap();
    assert_eq!(iso.parse_date("2023-03-05"), Some((2023, 3, 5)));
    assert_eq!(iso.parse_date("2023-3-5"), Some((2023, 3, 5)));
    assert_eq!(iso.parse_date("2023-03- 5"), Some((2023, 3, 5)));
    assert_eq!(iso.parse_date("2024-02-29"), Some((2024, 2, 29)));
    for bad in ["2023-02-29", " 2023-03-05", "2023-03-05 ", "15/03/2023", "2023-13-01", "0000-01-01"] {
        assert_eq!(iso.parse_date(bad), None, "{bad}");
    }
    assert_eq!(iso.human, "aaaa-mm-jj");
}

#[test]
fn strptime_directives() {
    let fr = DatePattern::compile("%d/%m/%Y").unwrap();
    assert_eq!(fr.parse_date("5/3/2023"), Some((2023, 3, 5)));
    let p = DatePattern::compile("%d/%m/%Y %H:%M:%S").unwrap();
    assert_eq!(
        p.parse("15/03/2023  14:30:05").map(|s| (s.date, s.clock.hour, s.clock.second)),
        Some(((2023, 3, 15), 14, 5))
    );
    assert!(p.parse("15/03/2023 14:30").is_none());
    assert!(p.parse("15/03/2023 14:30:60").is_none(), "second 60 passes the regex, not datetime()");
    let z = DatePattern::compile("%Y-%m-%dT%H:%M:%S%z").unwrap();
    assert_eq!(z.parse("2023-03-15T14:30:00+0100").unwrap().clock.offset, Some(3600));
    assert_eq!(z.parse("2023-03-15T14:30:00-05:30").unwrap().clock.offset, Some(-19800));
    assert_eq!(z.parse("2023-03-15T14:30:00Z").unwrap().clock.offset, Some(0));
    assert!(z.parse("2023-03-15T14:30:00z").is_none(), "%z's Z is case-sensitive");
    assert!(z.parse("2023-03-15T14:30:00").is_none());
    let b = DatePattern::compile("%d %b %Y").unwrap();
    assert_eq!(b.parse_date("15 mar 2023"), Some((2023, 3, 15)));
    assert_eq!(b.parse_date("15 March 2023"), None);
    let full = DatePattern::compile("%A %d %B %Y").unwrap();
    assert_eq!(full.parse_date("Wednesday 15 march 2023"), Some((2023, 3, 15)));
    let j = DatePattern::compile("%j %Y").unwrap();
    assert_eq!(j.parse_date("074 2024"), Some((2024, 3, 14)));
    assert_eq!(j.parse_date("366 2023"), Some((2024, 1, 1)));
    let f = DatePattern::compile("%H:%M:%S.%f").unwrap();
    assert_eq!(f.parse("14:30:00.5").unwrap().clock.micro, 500_000);
    assert!(f.parse("14:30:00.1234567").is_none());
    let ampm = DatePattern::compile("%I:%M %p").unwrap();
    assert_eq!(ampm.parse("12:15 AM").unwrap().clock.hour, 0);
    assert_eq!(ampm.parse("1:15 pm").unwrap().clock.hour, 13);
    assert_eq!(DatePattern::compile("%y").unwrap().parse_date("68"), Some((2068, 1, 1)));
    assert_eq!(DatePattern::compile("%y").unwrap().parse_date("69"), Some((1969, 1, 1)));
    assert_eq!(DatePattern::compile("%x").unwrap().parse_date("03/15/23"), Some((2023, 3, 15)));
    assert_eq!(DatePattern::compile("%Y").unwrap().parse_date("2023"), Some((2023, 1, 1)));
    assert!(DatePattern::compile("%e").is_err());
    assert!(DatePattern::compile("%Y %Y").is_err());
    assert!(DatePattern::compile("%").is_err());
}

#[test]
fn default_datetime_is_isoparse_behind_frictionless_guard() {
    let k = kind(r#"{"name": "d", "type": "datetime"}"#);
    let at = |t: &str| match cast(&k, t) {
        Ok(Some(Typed::DateTime(s))) => Some(s),
        _ => None,
    };
    let s = at("2023-03-15T24:00:00").unwrap();
    assert_eq!((s.date, s.clock.hour), ((2023, 3, 16), 0));
    assert_eq!(at("2023-03-15T14:30:00.1234567").unwrap().clock.micro, 123_456);
    assert_eq!(at("2023-W11-3T14:30:00").unwrap().date, (2023, 3, 15));
    assert_eq!(at("2023-03-15T14:30:00+01:00").unwrap().clock.offset, Some(3600));
    assert!(at("2023-03-15T14:30").is_none());
    assert!(at("2023-03-15").is_none());
    assert!(at("2023-03-15T14:30:00é").is_none());
}

#[test]
fn default_time() {
    let k = kind(r#"{"name": "t", "type": "time"}"#);
    assert_eq!(cast(&k, "24:00:00"), Ok(Some(Typed::Time(Clock::default()))));
    for bad in ["10:00", "1:00:00", "10:00:60", "10h00", "24:00:01"] {
        assert!(cast(&k, bad).is_err(), "{bad}");
    }
}

#[test]
fn typed_values_compare_like_python() {
    let dt = kind(r#"{"name": "d", "type": "datetime"}"#);
    let v = |k: &Kind, t: &str| cast(k, t).unwrap().unwrap().into_owned();
    let a = v(&dt, "2023-03-15T14:30:00+01:00");
    let b = v(&dt, "2023-03-15T13:30:00Z");
    assert_eq!(a.partial_cmp(&b), Some(Ordering::Equal));
    assert_eq!(a.key(), b.key());
    assert_eq!(v(&dt, "2023-03-15T14:30:00").partial_cmp(&b), None, "naive vs aware");
    assert_eq!(v(&dt, "2023-03-15T14:30:00").partial_cmp(&v(&dt, "2023-03-16T00:00:00")), Some(Ordering::Less));
    let t = kind(r#"{"name": "t", "type": "time"}"#);
    assert_eq!(v(&t, "09:00:00").partial_cmp(&v(&t, "10:00:00")), Some(Ordering::Less));
    let ym = kind(r#"{"name": "m", "type": "yearmonth"}"#);
    assert_eq!(v(&ym, "2023-3"), v(&ym, " 2023-03"));
    assert_eq!(v(&ym, "2022-12").partial_cmp(&v(&ym, "2023-01")), Some(Ordering::Less));
    let d = kind(r#"{"name": "d", "type": "duration"}"#);
    assert_eq!(v(&d, "P1Y").key(), v(&d, "P12M").key());
    assert_eq!(v(&d, "PT24H"), v(&d, "P1D"));
    assert_eq!(v(&d, "-P1D"), Typed::Duration { months: 0.0, seconds: -86_400.0 });
    let g = kind(r#"{"name": "g", "type": "geopoint"}"#);
    assert_eq!(v(&g, " 2.35 , 48.85 "), Typed::Point(2.35, 48.85));
    let o = kind(r#"{"name": "g", "type": "geopoint", "format": "object"}"#);
    assert_eq!(v(&o, r#"{"lat": "48.85", "lon": 2.35}"#), Typed::Point(2.35, 48.85));
}

#[test]
fn arrays_and_items() {
    let k = kind(
        r#"{"name": "a", "type": "array", "arrayItem": {"type": "integer", "constraints": {"required": true, "minimum": 1}}}"#,
    );
    assert!(accepts(&k, r#"[1, "2"]"#));
    assert!(cast(&k, "[1.5]").is_ok(), "the items are checked apart");
    let errors = array_item_errors(&k, "[1.5, true]");
    assert_eq!(errors.len(), 2, "one type error for all items, then required: {errors:?}");
    assert_eq!(errors[0].0, Code::TypeError);
    assert!(errors[0].1.contains("nombre entier"), "{errors:?}");
    assert_eq!(errors[1], (Code::ConstraintError, fr::issues::array_item(fr::issues::REQUIRED)));
    assert_eq!(
        array_item_errors(&k, "[0, 0]"),
        [(Code::ConstraintError, fr::issues::array_item(&fr::issues::minimum("1")))]
    );
    assert_eq!(type_error(&k, "a,b").0, fr::issues::ARRAY);
    let s =
        kind(r#"{"name": "a", "type": "array", "arrayItem": {"type": "string", "constraints": {"enum": ["x", "y"]}}}"#);
    assert!(accepts(&s, r#"["x","y"]"#));
    assert!(!accepts(&s, r#"["x","z"]"#));
    assert_eq!(array_item_errors(&s, "[null]").len(), 1);
    assert!(accepts(&kind(r#"{"name": "a", "type": "array"}"#), "[NaN]"));
}

#[test]
fn geojson_profile() {
    let k = kind(r#"{"name": "g", "type": "geojson"}"#);
    assert!(accepts(&k, r#"{"type": "Point", "coordinates": [2.35, 48.85]}"#));
    assert!(accepts(
        &k,
        r#"{"type": "Feature", "geometry": null, "properties": {"a": 1}, "crs": {"type": "name", "properties": {"name": "x"}}}"#
    ));
    assert!(!accepts(&k, r#"{"type": "Point", "coordinates": [2.35, 48.85], "crs": {"type": "name"}}"#));
    assert!(!accepts(&k, r#"{"type": "Point", "coordinates": [true, 48.85]}"#));
    assert!(!accepts(&k, r#"{"type": "MultiLineString", "coordinates": [[[0, 0]]]}"#));
}

#[test]
fn fixes_are_given_only_when_certain() {
    let dt = kind(r#"{"name": "d", "type": "datetime"}"#);
    assert_eq!(type_error(&dt, "15/03/2023 14:30").1.as_deref(), Some("2023-03-15T14:30:00"));
    assert_eq!(type_error(&dt, "15/03/2023 14h30").1.as_deref(), Some("2023-03-15T14:30:00"));
    assert_eq!(type_error(&dt, "2023-03-15 14:30").1.as_deref(), Some("2023-03-15T14:30:00"));
    assert_eq!(type_error(&dt, "31/02/2023 14:30").1, None);
    assert_eq!(type_error(&dt, "15/03/2023"), (fr::issues::DATETIME.to_owned(), None));
    let t = kind(r#"{"name": "t", "type": "time"}"#);
    assert_eq!(type_error(&t, "9h05").1.as_deref(), Some("09:05:00"));
    assert_eq!(type_error(&t, "25:00").1, None);
    let ym = kind(r#"{"name": "m", "type": "yearmonth"}"#);
    assert_eq!(type_error(&ym, "03/2023").1.as_deref(), Some("2023-03"));
    assert_eq!(type_error(&ym, "13/2023").1, None);
    let g = kind(r#"{"name": "g", "type": "geopoint"}"#);
    assert_eq!(type_error(&g, "[2.35, 48.85]").1.as_deref(), Some("2.35,48.85"));
    assert_eq!(type_error(&g, "48.85; 2.35"), (fr::issues::GEOPOINT.to_owned(), None));
    let d = kind(r#"{"name": "d", "type": "date", "format": "any"}"#);
    assert_eq!(type_error(&d, "le 15/03/2023").0, fr::issues::DATE);
}

#[test]
fn binary_is_base64() {
    let k = kind(r#"{"name": "b", "type": "string", "format": "binary"}"#);
    for ok in ["aGVsbG8=", "aGVs bG8=", "YQ==", "====", "YQ==garbage"] {
        assert!(cast(&k, ok).is_ok(), "{ok}");
    }
    for bad in ["aGVsbG8", "YQ=", "Y", "é", "ab-_"] {
        assert!(cast(&k, bad).is_err(), "{bad}");
    }
    assert_eq!(type_error(&k, "x").0, fr::issues::BINARY);
}

#[test]
fn patterns_follow_python_re_match() {
    let p = |pattern: &str, text: &str| FieldPattern::compile(pattern).unwrap().decide(text).unwrap();
    assert!(p(r"\d{5}", "75001"));
    assert!(p(r"\d{5}", "75001\n"), "$ accepts one final newline");
    assert!(!p(r"\d{5}", "75001\n\n"));
    assert!(!p(r"\d{5}", "750012"));
    // "^a|b$": re.match of "^a" alone matches any text starting with a.
    assert!(p("a|b", "abc"));
    assert!(!p("a|b", "cb"));
    assert!(p(r"^\d+$", "12"));
    assert!(p(r"[$]", "$"));
    assert!(p(r"[]a]", "]"));
    assert!(p(r"\–", "–"));
    assert!(p(r"a\Z", "a"));
    assert!(!p(r"a\Z", "a\n"));
    // Backreferences go to fancy-regex (cnigfr's "list separated by |" patterns).
    let cnig = r"(?:(?:^|\|)([A-Z]\d[a-z]|)\1+[A-Z]\d[a-z])+$";
    assert!(matches!(FieldPattern::compile(cnig), Ok(FieldPattern::Fancy(_))));
    assert!(p(cnig, "A1b"));
    assert!(p(cnig, "A1b|C2d"));
    assert!(!p(cnig, "A1b|"));
    assert!(!p(cnig, "a1b"));
    assert!(p(r"(a)\1", "aa"));
    assert!(p(r"x(?=y)y", "xy"));
    assert!(FieldPattern::compile("(").is_err());
}

#[test]
fn unsupported_constraints_are_named() {
    let f =
        field(r#"{"name": "n", "type": "string", "constraints": {"minimum": 3, "unique": true, "required": true}}"#);
    assert_eq!(unsupported_constraints(&f), [fr::issues::unsupported_constraint("n", "minimum", "string")]);
    let f = field(r#"{"name": "n", "type": "integer", "constraints": {"pattern": "\\d+", "minimum": 1, "foo": 1}}"#);
    assert_eq!(unsupported_constraints(&f).len(), 2);
    let f = field(r#"{"name": "g", "type": "geopoint", "constraints": {"required": true, "enum": ["1,2"]}}"#);
    assert!(unsupported_constraints(&f).is_empty());
    let f = field(r#"{"name": "x", "type": "text"}"#);
    assert_eq!(unsupported_constraints(&f), [fr::issues::unknown_type("x", "text")]);
}

#[test]
fn dateutil_parse_subset() {
    set_today(2026, 11, 23);
    let d = |t: &str| dateutil::parse(t).map(|s| s.date);
    assert_eq!(d("03/04/2023"), Some((2023, 3, 4)), "month first");
    assert_eq!(d("15/03/2023"), Some((2023, 3, 15)));
    assert_eq!(d("15.03.2023"), Some((2023, 3, 15)));
    assert_eq!(d("230315"), Some((2015, 3, 23)), "YYMMDD read as day month year");
    assert_eq!(d("5th of March 2023"), Some((2023, 3, 5)));
    assert_eq!(d("March 2023"), Some((2023, 3, 23)), "the day comes from today");
    assert_eq!(d("15/03/80"), Some((1980, 3, 15)));
    assert_eq!(d("15/03/23"), Some((2023, 3, 15)));
    let s = dateutil::parse("15/03/2023 10:00 PM").unwrap();
    assert_eq!(s.clock.hour, 22);
    assert_eq!(dateutil::parse("2023-03-15 10:00+0100").unwrap().clock.offset, Some(3600));
    for bad in ["15 mars 2023", "1er mars 2023", "2023-03-15Z", "abc", "", "31/02/2023", "13/13/2023"] {
        assert_eq!(dateutil::parse(bad), None, "{bad}");
    }
}

#[test]
fn profile_problems_are_named() {
    let problems = |json: &str| unsupported_constraints(&field(json));
    assert_eq!(problems(r#"{"name": "p", "format": "phone"}"#), [fr::issues::invalid_format("p", "phone", "string")]);
    assert!(problems(r#"{"name": "d", "type": "date", "format": "%d/%m/%Y"}"#).is_empty());
    assert_eq!(problems(r#"{"name": "n", "type": "integer", "format": "x"}"#).len(), 1);
    assert_eq!(problems(r#"{"name": "s", "constraints": {"enum": ["a", "a"]}}"#).len(), 1);
    assert_eq!(problems(r#"{"name": "s", "constraints": {"enum": []}}"#).len(), 1);
    assert_eq!(problems(r#"{"name": "s", "constraints": {"enum": [1, 2]}}"#).len(), 1);
    assert!(
        problems(r#"{"name": "n", "type": "number", "constraints": {"enum": [1, 2.5], "minimum": "0"}}"#).is_empty()
    );
    assert_eq!(problems(r#"{"name": "n", "type": "number", "constraints": {"enum": [1, "2"]}}"#).len(), 1);
    assert_eq!(problems(r#"{"name": "d", "type": "date", "constraints": {"minimum": 2023}}"#).len(), 1);
}

/// Lists the catalog schema versions frictionless would refuse with a field-error.
#[test]
fn catalog_field_errors() {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/schema.data.gouv.fr/schemas");
    let Ok(index) = std::fs::read_to_string(dir.join("schemas.json")) else { return };
    let index: Value = serde_json::from_str(&index).unwrap();
    let mut refused = Vec::new();
    for entry in index["schemas"].as_array().unwrap() {
        if entry["schema_type"] != "tableschema" {
            continue;
        }
        for version in entry["versions"].as_array().into_iter().flatten() {
            let url = version["schema_url"].as_str().unwrap_or_default();
            let Some(path) = url.strip_prefix("https://schema.data.gouv.fr/schemas/").map(|p| dir.join(p)) else {
                continue;
            };
            let Ok(text) = std::fs::read_to_string(path) else { continue };
            let schema = crate::schema::Schema::from_json(&text).unwrap();
            for field in &schema.fields {
                for problem in unsupported_constraints(field) {
                    refused.push(format!("{} {}: {problem}", entry["name"], version["version_name"]));
                }
            }
        }
    }
    println!("{} field-error(s) in the catalog:\n{}", refused.len(), refused.join("\n"));
}
