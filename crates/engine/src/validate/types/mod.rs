//! Casting a text cell to a field's type, with frictionless 4.38's rules (see VALIDATA-SPEC.md §e).

mod dateutil;
mod iso;
mod json;
mod pattern;
mod strptime;

#[allow(unused_imports)] // Until validate/mod.rs re-exports it for the host.
pub use dateutil::set_today;
pub use pattern::FieldPattern;
pub use strptime::DatePattern;

use super::Code;
use crate::fr;
use crate::schema::Field;
use regex::Regex;
use serde_json::Value;
use std::borrow::Cow;
use std::cmp::Ordering;
use std::sync::OnceLock;

/// A time of day; `offset` is the UTC offset in seconds when one was written (`Z`, `+01:00`).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Clock {
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
    pub micro: u32,
    pub offset: Option<i32>,
}

impl Clock {
    /// A time of day from parsed parts, `None` when a part is out of range.
    pub fn checked(hour: i64, minute: i64, second: i64, micro: i64, offset: Option<i32>) -> Option<Clock> {
        let ok = (0..24).contains(&hour)
            && (0..60).contains(&minute)
            && (0..60).contains(&second)
            && (0..1_000_000).contains(&micro);
        ok.then_some(Clock {
            hour: hour as u32,
            minute: minute as u32,
            second: second as u32,
            micro: micro as u32,
            offset,
        })
    }

    fn micros(&self) -> i64 {
        ((i64::from(self.hour) * 60 + i64::from(self.minute)) * 60 + i64::from(self.second)) * 1_000_000
            + i64::from(self.micro)
    }

    /// Python compares aware values in UTC and refuses to order naive with aware ones.
    fn compare(a: (i64, Option<i32>), b: (i64, Option<i32>)) -> Option<Ordering> {
        match (a.1, b.1) {
            (None, None) => Some(a.0.cmp(&b.0)),
            (Some(x), Some(y)) => Some((a.0 - i64::from(x) * 1_000_000).cmp(&(b.0 - i64::from(y) * 1_000_000))),
            _ => None,
        }
    }
}

/// A date and a time of day.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stamp {
    pub date: (i32, u32, u32),
    pub clock: Clock,
}

impl Stamp {
    fn micros(&self) -> i64 {
        let (y, m, d) = self.date;
        iso::ordinal(y, m, d) * 86_400_000_000 + self.clock.micros()
    }
}

/// A cell's typed value: what constraints (enum, minimum, unique…) compare. A text value borrows the
/// cell's text (a row's values live while the row is checked); the schema's own values are owned.
#[derive(Debug, Clone, PartialEq)]
pub enum Typed<'a> {
    Str(Cow<'a, str>),
    Int(i128),
    Num(f64),
    Bool(bool),
    Date(i32, u32, u32),
    Year(i32),
    /// A geopoint, whatever its format: longitude, latitude.
    Point(f64, f64),
    DateTime(Stamp),
    Time(Clock),
    YearMonth(i64, u32),
    /// An ISO 8601 duration as isodate compares them: months (years count 12) and seconds.
    Duration {
        months: f64,
        seconds: f64,
    },
    /// A JSON array or object (array, object and geojson fields).
    Json(Value),
}

impl Typed<'_> {
    /// The same value, owning its text.
    pub fn into_owned(self) -> Typed<'static> {
        match self {
            Typed::Str(s) => Typed::Str(Cow::Owned(s.into_owned())),
            Typed::Int(i) => Typed::Int(i),
            Typed::Num(n) => Typed::Num(n),
            Typed::Bool(b) => Typed::Bool(b),
            Typed::Date(y, m, d) => Typed::Date(y, m, d),
            Typed::Year(y) => Typed::Year(y),
            Typed::Point(lon, lat) => Typed::Point(lon, lat),
            Typed::DateTime(stamp) => Typed::DateTime(stamp),
            Typed::Time(clock) => Typed::Time(clock),
            Typed::YearMonth(y, m) => Typed::YearMonth(y, m),
            Typed::Duration { months, seconds } => Typed::Duration { months, seconds },
            Typed::Json(value) => Typed::Json(value),
        }
    }

    pub fn partial_cmp(&self, other: &Typed<'_>) -> Option<Ordering> {
        match (self, other) {
            (Typed::Str(a), Typed::Str(b)) => a.partial_cmp(b),
            (Typed::Int(a), Typed::Int(b)) => a.partial_cmp(b),
            (Typed::Int(a), Typed::Num(b)) => (*a as f64).partial_cmp(b),
            (Typed::Num(a), Typed::Int(b)) => a.partial_cmp(&(*b as f64)),
            (Typed::Num(a), Typed::Num(b)) => a.partial_cmp(b),
            (Typed::Date(..), Typed::Date(..)) => self.date_key().partial_cmp(&other.date_key()),
            (Typed::Year(a), Typed::Year(b)) => a.partial_cmp(b),
            (Typed::Bool(a), Typed::Bool(b)) => a.partial_cmp(b),
            (Typed::DateTime(a), Typed::DateTime(b)) => {
                Clock::compare((a.micros(), a.clock.offset), (b.micros(), b.clock.offset))
            }
            (Typed::Time(a), Typed::Time(b)) => Clock::compare((a.micros(), a.offset), (b.micros(), b.offset)),
            (Typed::YearMonth(y1, m1), Typed::YearMonth(y2, m2)) => Some((y1, m1).cmp(&(y2, m2))),
            (Typed::Duration { months: 0.0, seconds: a }, Typed::Duration { months: 0.0, seconds: b }) => {
                a.partial_cmp(b)
            }
            _ => None,
        }
    }

    fn date_key(&self) -> (i32, u32, u32) {
        match self {
            Typed::Date(y, m, d) => (*y, *m, *d),
            _ => (0, 0, 0),
        }
    }

    /// A key equal for equal values ("01" and "1" in an integer field), for uniqueness.
    pub fn key(&self) -> String {
        let instant = |micros: i64, offset: Option<i32>| match offset {
            Some(o) => format!("u{}", micros - i64::from(o) * 1_000_000),
            None => format!("n{micros}"),
        };
        match self {
            Typed::Str(s) => format!("s{s}"),
            Typed::Int(i) => format!("n{}", *i as f64),
            Typed::Num(f) => format!("n{f}"),
            Typed::Bool(b) => format!("b{b}"),
            Typed::Date(y, m, d) => format!("d{y}-{m}-{d}"),
            Typed::Year(y) => format!("y{y}"),
            Typed::Point(lon, lat) => format!("p{lon},{lat}"),
            Typed::DateTime(s) => format!("t{}", instant(s.micros(), s.clock.offset)),
            Typed::Time(c) => format!("h{}", instant(c.micros(), c.offset)),
            Typed::YearMonth(y, m) => format!("m{y}-{m}"),
            Typed::Duration { months, seconds } => format!("D{months}/{seconds}"),
            Typed::Json(v) => format!("j{v}"),
        }
    }
}

/// The first code point of each run of ten Unicode decimal digits (category Nd, Unicode 14 as in
/// Python 3.11), which Python's `int()` and `Decimal()` accept like ASCII digits.
const DIGIT_ZEROS: [u32; 66] = [
    0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66, 0xDE6, 0xE50, 0xED0,
    0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620,
    0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10, 0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0,
    0x112F0, 0x11450, 0x114D0, 0x11650, 0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x16A60,
    0x16AC0, 0x16B50, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
];

/// The ASCII digit of a Unicode decimal digit (`٣` → `3`).
fn ascii_digit(c: char) -> Option<char> {
    if c.is_ascii_digit() {
        return Some(c);
    }
    let code = u32::from(c);
    let zero = DIGIT_ZEROS.iter().rev().find(|z| **z <= code)?;
    char::from_digit(code - zero, 10).filter(|_| code - zero < 10)
}

/// Text with its Unicode decimal digits written in ASCII.
pub fn ascii_digits(text: &str) -> std::borrow::Cow<'_, str> {
    if text.is_ascii() {
        text.into()
    } else {
        text.chars().map(|c| ascii_digit(c).unwrap_or(c)).collect::<String>().into()
    }
}

/// Python's `int(str)`: surrounding whitespace, a sign, digits (Unicode ones too) with single `_`
/// between them.
pub fn python_int(text: &str) -> Option<i128> {
    // The common case, plain ASCII digits that fit: no copy.
    if !text.is_empty() && text.len() <= 38 && text.bytes().all(|b| b.is_ascii_digit()) {
        // Up to 19 digits in 64 bits: 128-bit arithmetic is several instructions each in wasm.
        if text.len() <= 19 {
            return text.parse::<u64>().ok().map(i128::from);
        }
        return text.parse::<i128>().ok();
    }
    let text = ascii_digits(text);
    let trimmed = text.trim();
    let (negative, body) = match trimmed.as_bytes().first() {
        Some(b'-') => (true, trimmed.get(1..)?),
        Some(b'+') => (false, trimmed.get(1..)?),
        _ => (false, trimmed),
    };
    if body.is_empty() || body.starts_with('_') || body.ends_with('_') || body.contains("__") {
        return None;
    }
    if !body.chars().all(|c| c.is_ascii_digit() || c == '_') {
        return None;
    }
    let digits: String = body.chars().filter(|c| *c != '_').collect();
    // Beyond i128 the value is still an integer for Python; saturate rather than refuse it.
    let value = digits.parse::<i128>().unwrap_or(i128::MAX);
    Some(if negative { -value } else { value })
}

/// Python's `Decimal(str)`: whitespace, sign, `.5`, `5.`, exponents, `NaN`, `Infinity`, `1_000.5`.
pub fn python_decimal(text: &str) -> Option<f64> {
    let text = ascii_digits(text);
    let trimmed = text.trim();
    let cleaned: String = if trimmed.contains('_') {
        let chars: Vec<char> = trimmed.chars().collect();
        let ok = chars.iter().enumerate().all(|(i, c)| {
            *c != '_'
                || (i > 0
                    && chars.get(i - 1).is_some_and(char::is_ascii_digit)
                    && chars.get(i + 1).is_some_and(char::is_ascii_digit))
        });
        if !ok {
            return None;
        }
        chars.into_iter().filter(|c| *c != '_').collect()
    } else {
        trimmed.to_owned()
    };
    if cleaned.is_empty() || cleaned.starts_with(['x', 'X']) || cleaned.contains(['x', 'X']) {
        return None;
    }
    // Decimal also reads signalling NaN (`sNaN`) and a NaN with a payload (`NaN123`).
    let unsigned = cleaned.trim_start_matches(['+', '-']).to_ascii_lowercase();
    let nan = unsigned.strip_prefix('s').unwrap_or(&unsigned);
    if nan.strip_prefix("nan").is_some_and(|payload| payload.bytes().all(|b| b.is_ascii_digit())) {
        return Some(f64::NAN);
    }
    cleaned.parse::<f64>().ok()
}

/// frictionless's `bareNumber: false`: leading and trailing non-digits are removed.
pub fn strip_non_digits(text: &str) -> &str {
    text.trim_start_matches(|c: char| !c.is_ascii_digit()).trim_end_matches(|c: char| !c.is_ascii_digit())
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

#[derive(Debug, Clone)]
pub enum Kind {
    String(StringFormat),
    Integer {
        bare: bool,
    },
    Number {
        decimal: Option<String>,
        group: Option<String>,
        bare: bool,
        custom: bool,
    },
    Boolean {
        trues: Vec<String>,
        falses: Vec<String>,
    },
    Date(DatePattern),
    /// `date` with format `any`: dateutil's `parse()`.
    DateAny,
    Year,
    DateTime(Temporal),
    Time(Temporal),
    YearMonth,
    Duration,
    GeoPoint(GeoFormat),
    Array(Option<Box<ArrayItem>>),
    Object,
    /// `geojson`: the GeoJSON profile is checked for the default format (only JSON for the others).
    GeoJson {
        profile: bool,
    },
    Any,
    /// A type this version does not know; the reason is in `CompiledSchema::unchecked`.
    Unchecked,
}

#[derive(Debug, Clone)]
pub enum StringFormat {
    Default,
    Email,
    Uri,
    Uuid,
    Binary,
}

/// How a `datetime` or `time` field is read.
#[derive(Debug, Clone)]
pub enum Temporal {
    /// ISO 8601 (dateutil `isoparse`).
    Default,
    /// dateutil `parse()`.
    Any,
    /// A strptime format.
    Pattern(DatePattern),
}

#[derive(Debug, Clone)]
pub enum GeoFormat {
    /// `lon,lat`.
    Default,
    /// `[lon, lat]`.
    Array,
    /// `{"lon": …, "lat": …}`.
    Object,
    /// A format frictionless does not know: it accepts no value.
    Unknown(String),
}

/// The `arrayItem` of an array field: each item is cast and checked like a cell of this field.
#[derive(Debug, Clone)]
pub struct ArrayItem {
    kind: Kind,
    field_type: String,
    required: bool,
    enumeration: Option<(Vec<Typed<'static>>, String)>,
    minimum: Option<(Typed<'static>, String)>,
    maximum: Option<(Typed<'static>, String)>,
    min_length: Option<usize>,
    max_length: Option<usize>,
    pattern: Option<(FieldPattern, String)>,
}

fn json_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn strip_fmt(format: &str) -> &str {
    format.strip_prefix("fmt:").unwrap_or(format)
}

/// A field's type and format, compiled; with the reason when this version cannot check it.
pub fn compile_kind(field: &Field) -> (Kind, Option<String>) {
    compile_kind_at(field, 0)
}

fn compile_kind_at(field: &Field, depth: u8) -> (Kind, Option<String>) {
    let format = field.format.as_deref().unwrap_or("default");
    let mut unchecked = None;
    let mut note = |what: String| unchecked = Some(what);
    let temporal = |format: &str, note: &mut dyn FnMut(String)| match format {
        "default" => Some(Temporal::Default),
        "any" => Some(Temporal::Any),
        custom => match DatePattern::compile(strip_fmt(custom)) {
            Ok(pattern) => Some(Temporal::Pattern(pattern)),
            Err(reason) => {
                note(reason);
                None
            }
        },
    };
    let kind = match field.field_type.as_str() {
        "string" => Kind::String(match format {
            "email" => StringFormat::Email,
            "uri" => StringFormat::Uri,
            "uuid" => StringFormat::Uuid,
            "binary" => StringFormat::Binary,
            // frictionless accepts any text for a format it does not know.
            _ => StringFormat::Default,
        }),
        "integer" => Kind::Integer { bare: field.bare_number.unwrap_or(true) },
        "number" => Kind::Number {
            decimal: field.decimal_char.clone(),
            group: field.group_char.clone(),
            bare: field.bare_number.unwrap_or(true),
            custom: field.decimal_char.is_some() || field.group_char.is_some() || field.bare_number.is_some(),
        },
        "boolean" => Kind::Boolean {
            trues: field.true_values.clone().unwrap_or_else(|| strings(DEFAULT_TRUES)),
            falses: field.false_values.clone().unwrap_or_else(|| strings(DEFAULT_FALSES)),
        },
        "date" => match format {
            "any" => Kind::DateAny,
            other => {
                let strftime = if other == "default" { "%Y-%m-%d" } else { strip_fmt(other) };
                match DatePattern::compile(strftime) {
                    Ok(pattern) => Kind::Date(pattern),
                    Err(reason) => {
                        note(reason);
                        Kind::Unchecked
                    }
                }
            }
        },
        "datetime" => temporal(format, &mut note).map_or(Kind::Unchecked, Kind::DateTime),
        "time" => temporal(format, &mut note).map_or(Kind::Unchecked, Kind::Time),
        "year" => Kind::Year,
        "yearmonth" => Kind::YearMonth,
        "duration" => Kind::Duration,
        "geopoint" => Kind::GeoPoint(match format {
            "default" => GeoFormat::Default,
            "array" => GeoFormat::Array,
            "object" => GeoFormat::Object,
            other => GeoFormat::Unknown(other.to_owned()),
        }),
        "array" => {
            let item = match (&field.array_item, depth) {
                (Some(item), 0) => {
                    let (item, reason) = compile_item(item);
                    if let Some(reason) = reason {
                        note(format!("élément de liste : {reason}"));
                    }
                    item.map(Box::new)
                }
                _ => None,
            };
            Kind::Array(item)
        }
        "object" => Kind::Object,
        "geojson" => {
            if format == "topojson" {
                note("format topojson : seul le JSON est vérifié".into());
            }
            Kind::GeoJson { profile: format == "default" }
        }
        "any" => Kind::Any,
        other => {
            note(format!("type {other}"));
            Kind::Unchecked
        }
    };
    (kind, unchecked)
}

fn compile_item(item: &Field) -> (Option<ArrayItem>, Option<String>) {
    let (kind, reason) = compile_kind_at(item, 1);
    let c = &item.constraints;
    let typed = |value: &Value| -> Option<(Typed<'static>, String)> {
        let text = json_text(value);
        cast_value(&kind, value).ok().flatten().map(|t| (t, text))
    };
    let enumeration = c.enumeration.as_ref().map(|values| {
        let labels: Vec<String> = values.iter().map(json_text).collect();
        (values.iter().filter_map(|v| typed(v).map(|(t, _)| t)).collect(), fr::issues::enumeration(&labels))
    });
    let pattern = match c.pattern.as_deref().map(|p| (p, FieldPattern::compile(p))) {
        None => None,
        Some((_, Ok(compiled))) => {
            let example = item.example.as_ref().map(json_text);
            Some((compiled, fr::issues::pattern(item.description.as_deref(), example.as_deref())))
        }
        Some((p, Err(e))) => return (None, Some(format!("expression régulière « {p} » ({e})"))),
    };
    let compiled = ArrayItem {
        minimum: c.minimum.as_ref().and_then(typed),
        maximum: c.maximum.as_ref().and_then(typed),
        field_type: item.field_type.clone(),
        required: c.required,
        enumeration,
        min_length: c.min_length,
        max_length: c.max_length,
        pattern,
        kind,
    };
    (Some(compiled), reason)
}

/// The constraints frictionless 4.38 accepts per type (plus `unique`, accepted for all).
fn supported_constraints(field_type: &str) -> Option<&'static [&'static str]> {
    Some(match field_type {
        "string" => &["required", "minLength", "maxLength", "pattern", "enum"],
        "array" | "object" => &["required", "minLength", "maxLength", "enum"],
        "integer" | "number" | "date" | "datetime" | "time" | "year" | "yearmonth" => {
            &["required", "minimum", "maximum", "enum"]
        }
        "any" | "boolean" | "duration" | "geojson" | "geopoint" => &["required", "enum"],
        _ => return None,
    })
}

/// A test of a JSON value's type, as the Table Schema profile writes them.
type JsonKind = fn(&Value) -> bool;

/// What makes frictionless refuse a field (`field-error`, and then Validata validates no data): a
/// constraint its type does not support, an unknown type, or what the Table Schema profile refuses (a
/// format the type does not have, an empty or repeated `enum`, enum values or bounds of the wrong JSON
/// type). One French note per problem, naming the field.
pub fn unsupported_constraints(field: &Field) -> Vec<String> {
    let field_type = field.field_type.as_str();
    let Some(supported) = supported_constraints(field_type) else {
        return vec![fr::issues::unknown_type(&field.name, field_type)];
    };
    let mut problems: Vec<String> = field
        .constraints
        .names()
        .into_iter()
        .filter(|name| name != "unique" && !supported.contains(&name.as_str()))
        .map(|name| fr::issues::unsupported_constraint(&field.name, &name, field_type))
        .collect();
    let formats: &[&str] = match field_type {
        "string" => &["default", "email", "uri", "binary", "uuid"],
        "geopoint" => &["default", "array", "object"],
        "geojson" => &["default", "topojson"],
        "date" | "time" | "datetime" | "any" => &[],
        _ => &["default"],
    };
    if let Some(format) = field.format.as_deref().filter(|f| !formats.is_empty() && !formats.contains(f)) {
        problems.push(fr::issues::invalid_format(&field.name, format, field_type));
    }
    // The JSON types the profile allows for enum values (one kind for the whole list) and bounds.
    let string = |v: &Value| v.is_string();
    let integer = |v: &Value| v.is_i64() || v.is_u64() || v.as_f64().is_some_and(|f| f.fract() == 0.0);
    let (enum_kinds, bound_kinds): (&[JsonKind], &[JsonKind]) = match field_type {
        "number" => (&[string, Value::is_number], &[string, Value::is_number]),
        "integer" | "year" => (&[string, integer], &[string, integer]),
        "boolean" => (&[Value::is_boolean], &[]),
        "object" => (&[string, Value::is_object], &[]),
        "geopoint" => (&[string, Value::is_array, Value::is_object], &[]),
        "geojson" => (&[string, Value::is_object], &[]),
        "array" => (&[string, Value::is_array], &[]),
        "any" => (&[], &[]),
        _ => (&[string], &[string]),
    };
    let c = &field.constraints;
    if let Some(values) = &c.enumeration {
        let repeated = values.iter().enumerate().any(|(i, v)| values.get(..i).unwrap_or_default().contains(v));
        let typed = enum_kinds.is_empty() || enum_kinds.iter().any(|kind| values.iter().all(kind));
        if values.is_empty() || repeated || !typed {
            problems.push(fr::issues::invalid_constraint_value(&field.name, "enum"));
        }
    }
    for (name, bound) in [("minimum", &c.minimum), ("maximum", &c.maximum)] {
        if let Some(bound) = bound.as_ref().filter(|_| supported.contains(&name)) {
            if !bound_kinds.is_empty() && !bound_kinds.iter().any(|kind| kind(bound)) {
                problems.push(fr::issues::invalid_constraint_value(&field.name, name));
            }
        }
    }
    problems
}

/// Casts a cell's text: `Ok(Some(value))`, `Ok(None)` for types this version does not check, or
/// `Err(())` for a type error.
pub fn cast<'a>(kind: &Kind, text: &'a str) -> Result<Option<Typed<'a>>, ()> {
    let typed = match kind {
        Kind::String(format) => {
            let ok = match format {
                StringFormat::Default => true,
                StringFormat::Email => is_email(text),
                StringFormat::Uri => is_uri(text),
                StringFormat::Uuid => is_uuid(text),
                StringFormat::Binary => is_base64(text),
            };
            ok.then_some(Typed::Str(Cow::Borrowed(text)))
        }
        Kind::Integer { bare } => python_int(if *bare { text } else { strip_non_digits(text) }).map(Typed::Int),
        Kind::Number { decimal, group, bare, custom } => {
            if !*custom {
                python_decimal(text).map(Typed::Num)
            } else {
                let mut text = text.to_owned();
                if let Some(group) = group.as_deref().filter(|g| !g.is_empty()) {
                    text = text.replace(group, "");
                }
                if let Some(decimal) = decimal.as_deref().filter(|d| !d.is_empty()) {
                    text = text.replace(decimal, ".");
                }
                python_decimal(if *bare { &text } else { strip_non_digits(&text) }).map(Typed::Num)
            }
        }
        Kind::Boolean { trues, falses } => {
            if trues.iter().any(|t| t == text) {
                Some(Typed::Bool(true))
            } else if falses.iter().any(|f| f == text) {
                Some(Typed::Bool(false))
            } else {
                None
            }
        }
        Kind::Date(pattern) => pattern.parse_date(text).map(|(y, m, d)| Typed::Date(y, m, d)),
        Kind::DateAny => dateutil::parse(text).map(|s| Typed::Date(s.date.0, s.date.1, s.date.2)),
        Kind::Year => (text.chars().count() == 4)
            .then(|| python_int(text))
            .flatten()
            .filter(|y| (0..=9999).contains(y))
            .map(|y| Typed::Year(y as i32)),
        Kind::DateTime(temporal) => match temporal {
            // Guard against shorter forms dateutil would accept (frictionless).
            Temporal::Default => {
                (text.chars().nth(16) == Some(':') && text.chars().count() >= 19).then(|| iso::isoparse(text)).flatten()
            }
            Temporal::Any => dateutil::parse(text),
            Temporal::Pattern(pattern) => pattern.parse(text),
        }
        .map(Typed::DateTime),
        Kind::Time(temporal) => match temporal {
            Temporal::Default => (text.chars().nth(5) == Some(':') && text.chars().count() >= 8)
                .then(|| iso::isoparse(&format!("2000-01-01T{text}")))
                .flatten(),
            Temporal::Any => dateutil::parse(text),
            Temporal::Pattern(pattern) => pattern.parse(text),
        }
        .map(|stamp| Typed::Time(stamp.clock)),
        Kind::YearMonth => yearmonth(text),
        Kind::Duration => duration(text),
        Kind::GeoPoint(format) => geopoint(format, text),
        // The items (`arrayItem`) are checked by `array_item_errors`, after the cell's own constraints.
        Kind::Array(_) => json::loads(text).filter(Value::is_array).map(Typed::Json),
        Kind::Object => json::loads(text).filter(Value::is_object).map(Typed::Json),
        Kind::GeoJson { profile } => {
            json::loads(text).filter(|v| v.is_object() && (!profile || json::is_geojson(v))).map(Typed::Json)
        }
        Kind::Any => Some(Typed::Str(Cow::Borrowed(text))),
        Kind::Unchecked => return Ok(None),
    };
    typed.map(Some).ok_or(())
}

/// Casts a JSON value (an array item) as frictionless's `read_cell` does for non-text cells.
fn cast_value(kind: &Kind, value: &Value) -> Result<Option<Typed<'static>>, ()> {
    match (kind, value) {
        (_, Value::Null) => Err(()),
        (_, Value::String(s)) => cast(kind, s).map(|t| t.map(Typed::into_owned)),
        (Kind::Any, other) => Ok(Some(Typed::Json(other.clone()))),
        (Kind::Unchecked, _) => Ok(None),
        (Kind::Integer { .. }, Value::Number(n)) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => Ok(Some(Typed::Int(i128::from(i)))),
            (None, Some(f)) if f.fract() == 0.0 && f.is_finite() => Ok(Some(Typed::Int(f as i128))),
            _ => Err(()),
        },
        (Kind::Number { .. }, Value::Number(n)) => n.as_f64().map(|f| Some(Typed::Num(f))).ok_or(()),
        (Kind::Year, Value::Number(n)) => {
            n.as_i64().filter(|y| (0..=9999).contains(y)).map(|y| Some(Typed::Year(y as i32))).ok_or(())
        }
        (Kind::Boolean { .. }, Value::Bool(b)) => Ok(Some(Typed::Bool(*b))),
        (Kind::Array(_), Value::Array(_)) | (Kind::Object, Value::Object(_)) => Ok(Some(Typed::Json(value.clone()))),
        (Kind::GeoJson { profile }, Value::Object(_)) if !profile || json::is_geojson(value) => {
            Ok(Some(Typed::Json(value.clone())))
        }
        (Kind::GeoPoint(_), Value::Array(pair)) => match pair.as_slice() {
            [lon, lat] => point(lon.as_f64().ok_or(())?, lat.as_f64().ok_or(())?).map(Some).ok_or(()),
            _ => Err(()),
        },
        _ => Err(()),
    }
}

/// The issues of an array cell's items (`arrayItem`), as frictionless finds them once the cell has
/// passed its own type and constraint checks (it skips the items otherwise): `(Code::TypeError, …)`
/// first when an item does not cast (that item then counts as null, so only `required` can catch it
/// again), then one `(Code::ConstraintError, …)` per broken item constraint, and last
/// `(Code::PatternUndecided, "")` when an item's pattern could not be decided (never counted as passed).
/// Empty for other types.
pub fn array_item_errors(kind: &Kind, text: &str) -> Vec<(Code, String)> {
    let Kind::Array(Some(item)) = kind else { return Vec::new() };
    let Some(Value::Array(values)) = json::loads(text) else { return Vec::new() };
    let mut type_error = None;
    let mut undecided = false;
    // One note per constraint, as frictionless keys its notes by constraint name.
    let mut broken: Vec<(&str, String)> = Vec::new();
    let mut push = |name: &'static str, message: String| {
        if !broken.iter().any(|(n, _)| *n == name) {
            broken.push((name, message));
        }
    };
    for value in &values {
        let typed = match cast_value(&item.kind, value) {
            Ok(Some(typed)) => typed,
            Ok(None) => continue,
            Err(()) => {
                type_error = Some(fr::issues::array_item_type(item_description(&item.field_type)));
                if item.required {
                    push("required", fr::issues::REQUIRED.to_owned());
                }
                continue;
            }
        };
        let length = match &typed {
            Typed::Str(s) => Some(s.chars().count()),
            Typed::Json(Value::Array(a)) => Some(a.len()),
            Typed::Json(Value::Object(o)) => Some(o.len()),
            _ => None,
        };
        if let (Some(min), Some(length)) = (item.min_length, length) {
            if length < min {
                push("minLength", fr::issues::min_length(min, length));
            }
        }
        if let (Some(max), Some(length)) = (item.max_length, length) {
            if length > max {
                push("maxLength", fr::issues::max_length(max, length));
            }
        }
        if let Some((min, label)) = &item.minimum {
            if typed.partial_cmp(min).is_none_or(|o| o.is_lt()) {
                push("minimum", fr::issues::minimum(label));
            }
        }
        if let Some((max, label)) = &item.maximum {
            if typed.partial_cmp(max).is_none_or(|o| o.is_gt()) {
                push("maximum", fr::issues::maximum(label));
            }
        }
        if let (Some((pattern, message)), Typed::Str(s)) = (&item.pattern, &typed) {
            match pattern.decide(s) {
                Some(true) => {}
                Some(false) => push("pattern", message.clone()),
                None => undecided = true,
            }
        }
        if let Some((allowed, message)) = &item.enumeration {
            if !allowed.contains(&typed) {
                push("enum", message.clone());
            }
        }
    }
    let type_error = type_error.map(|message| (Code::TypeError, message));
    type_error
        .into_iter()
        .chain(broken.into_iter().map(|(_, message)| (Code::ConstraintError, fr::issues::array_item(&message))))
        .chain(undecided.then(|| (Code::PatternUndecided, String::new())))
        .collect()
}

/// The length `minLength` and `maxLength` compare (frictionless's `len()` of the typed value): the
/// number of items of an array or object, the characters of anything else. (Validata's message still
/// quotes the length of the cell's text.)
pub fn constraint_length(value: Option<&Typed>, text: &str) -> usize {
    match value {
        Some(Typed::Json(Value::Array(items))) => items.len(),
        Some(Typed::Json(Value::Object(members))) => members.len(),
        _ => text.chars().count(),
    }
}

fn point(lon: f64, lat: f64) -> Option<Typed<'static>> {
    ((-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat)).then_some(Typed::Point(lon, lat))
}

/// A JSON number or a text `Decimal()` accepts (booleans count 1 and 0, as in Python).
fn decimal_value(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => python_decimal(s),
        Value::Bool(b) => Some(if *b { 1.0 } else { 0.0 }),
        _ => None,
    }
}

fn geopoint(format: &GeoFormat, text: &str) -> Option<Typed<'static>> {
    let (lon, lat) = match format {
        GeoFormat::Default => {
            let (lon, lat) = text.split_once(',')?;
            if lat.contains(',') {
                return None;
            }
            (python_decimal(lon)?, python_decimal(lat)?)
        }
        GeoFormat::Array => match json::loads(text)? {
            Value::Array(pair) => match pair.as_slice() {
                [lon, lat] => (decimal_value(lon)?, decimal_value(lat)?),
                _ => return None,
            },
            _ => return None,
        },
        GeoFormat::Object => {
            let value = json::loads(text)?;
            let object = value.as_object()?;
            if object.len() != 2 {
                return None;
            }
            (decimal_value(object.get("lon")?)?, decimal_value(object.get("lat")?)?)
        }
        GeoFormat::Unknown(_) => return None,
    };
    point(lon, lat)
}

/// frictionless's yearmonth: `text.split("-")` into exactly two `int()`s, month 1–12.
fn yearmonth(text: &str) -> Option<Typed<'static>> {
    let mut parts = text.split('-');
    let (year, month, rest) = (parts.next()?, parts.next()?, parts.next());
    if rest.is_some() {
        return None;
    }
    let year = i64::try_from(python_int(year)?).ok()?;
    let month = python_int(month)?;
    (1..=12).contains(&month).then_some(Typed::YearMonth(year, month as u32))
}

/// isodate 0.6's `parse_duration`.
fn duration(text: &str) -> Option<Typed<'static>> {
    static PERIOD: OnceLock<Option<Regex>> = OnceLock::new();
    let regex = static_regex(
        &PERIOD,
        r"^(?P<sign>[+-])?P(?P<years>[0-9]+(?:[,.][0-9]+)?Y)?(?P<months>[0-9]+(?:[,.][0-9]+)?M)?(?P<weeks>[0-9]+(?:[,.][0-9]+)?W)?(?P<days>[0-9]+(?:[,.][0-9]+)?D)?(?:T(?P<hours>[0-9]+(?:[,.][0-9]+)?H)?(?P<minutes>[0-9]+(?:[,.][0-9]+)?M)?(?P<seconds>[0-9]+(?:[,.][0-9]+)?S)?)?\n?\z",
    )?;
    // `P(?!\b)`: a lone "P" is refused.
    if text.trim_end_matches('\n').trim_start_matches(['+', '-']) == "P" {
        return alternative_duration(text);
    }
    let Some(caps) = regex.captures(text) else { return alternative_duration(text) };
    let part = |name: &str| -> Option<f64> {
        caps.name(name).map_or(Some(0.0), |m| {
            let s = m.as_str();
            s.get(..s.len() - 1).unwrap_or_default().replace(',', ".").parse().ok()
        })
    };
    let months = part("years")? * 12.0 + part("months")?;
    let seconds = (part("weeks")? * 7.0 + part("days")?) * 86_400.0
        + part("hours")? * 3600.0
        + part("minutes")? * 60.0
        + part("seconds")?;
    let sign = if caps.name("sign").is_some_and(|s| s.as_str() == "-") { -1.0 } else { 1.0 };
    // timedelta keeps microseconds only, and refuses more than 999999999 days.
    let seconds = (seconds * 1e6).round() / 1e6;
    (seconds.abs() < 1e9 * 86_400.0).then_some(Typed::Duration { months: sign * months, seconds: sign * seconds })
}

/// isodate's other form, `P` followed by an ISO datetime (`P0001-02-03T04:05:06`).
fn alternative_duration(text: &str) -> Option<Typed<'static>> {
    static ALTERNATIVE: OnceLock<Option<Regex>> = OnceLock::new();
    let regex =
        static_regex(&ALTERNATIVE, r"^P(\d{4})-?(\d{2})-?(\d{2})T(\d{2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?\z")?;
    let caps = regex.captures(text)?;
    let n = |i: usize| caps.get(i).map_or(Some(0), |m| m.as_str().parse::<i64>().ok());
    let (y, m, d) = iso::valid_date(n(1)?, n(2)?, n(3)?)?;
    if n(4)? > 23 || n(5)? > 59 || n(6)? > 59 {
        return None;
    }
    let seconds = (f64::from(d) * 24.0 + n(4)? as f64) * 3600.0 + n(5)? as f64 * 60.0 + n(6)? as f64;
    Some(Typed::Duration { months: f64::from(y) * 12.0 + f64::from(m), seconds })
}

/// `base64.b64decode(text)` (binascii, not strict): the text must be ASCII; characters outside the
/// alphabet are skipped; a complete padding ends the decoding; the data must fill whole quanta.
fn is_base64(text: &str) -> bool {
    if !text.is_ascii() {
        return false;
    }
    let mut quad = 0usize;
    let mut pads = 0usize;
    for c in text.chars() {
        if c == '=' {
            if quad >= 2 {
                pads += 1;
                if quad + pads >= 4 {
                    return true;
                }
            }
        } else if c.is_ascii_alphanumeric() || c == '+' || c == '/' {
            quad = (quad + 1) % 4;
        }
    }
    quad == 0
}

/// The French message of a type error, and the value that fixes the cell when one is certain.
pub fn type_error(kind: &Kind, text: &str) -> (String, Option<String>) {
    match kind {
        Kind::Integer { .. } => (fr::issues::INTEGER.into(), None),
        Kind::Year => (fr::issues::YEAR.into(), None),
        Kind::Number { .. } if text.contains(',') => {
            // Thousands separated by spaces go too (`40 000,00` → `40000.00`), so the example is valid.
            let suggestion: String = text
                .trim()
                .chars()
                .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
                .collect::<String>()
                .replace(',', ".");
            let fix = python_decimal(&suggestion).map(|_| suggestion.clone());
            (fr::issues::number_with_comma(&suggestion), fix)
        }
        Kind::Number { .. } => (fr::issues::NUMBER.into(), None),
        Kind::Boolean { trues, falses } => {
            // Like Validata, the default lists are shown by their first spelling only.
            let shown = |values: &[String], default: &[&str]| {
                if values == default {
                    strings(default.get(..1).unwrap_or_default())
                } else {
                    values.to_vec()
                }
            };
            (fr::issues::boolean(&shown(trues, DEFAULT_TRUES), &shown(falses, DEFAULT_FALSES)), None)
        }
        Kind::Date(pattern) => match french_or_iso_datetime(text) {
            Some(iso) => (fr::issues::date_expected(&iso), Some(iso)),
            None if pattern.human == "aaaa-mm-jj" => (fr::issues::DATE.into(), None),
            None => (fr::issues::date_with_format(&pattern.human), None),
        },
        Kind::DateAny => match french_or_iso_datetime(text) {
            Some(iso) => (fr::issues::date_expected(&iso), Some(iso)),
            None => (fr::issues::DATE.into(), None),
        },
        Kind::DateTime(Temporal::Default) => match iso_datetime_fix(text) {
            Some(iso) => (fr::issues::date_expected(&iso), Some(iso)),
            None => (fr::issues::DATETIME.into(), None),
        },
        Kind::DateTime(Temporal::Any) => (fr::issues::DATETIME_ANY.into(), None),
        Kind::DateTime(Temporal::Pattern(pattern)) => (fr::issues::datetime_with_format(&pattern.human), None),
        Kind::Time(Temporal::Default) => match iso_time_fix(text) {
            Some(iso) => (fr::issues::date_expected(&iso), Some(iso)),
            None => (fr::issues::TIME.into(), None),
        },
        Kind::Time(Temporal::Any) => (fr::issues::TIME_ANY.into(), None),
        Kind::Time(Temporal::Pattern(pattern)) => (fr::issues::time_with_format(&pattern.human), None),
        Kind::YearMonth => match yearmonth_fix(text) {
            Some(iso) => (fr::issues::date_expected(&iso), Some(iso)),
            None => (fr::issues::YEARMONTH.into(), None),
        },
        Kind::Duration => (fr::issues::DURATION.into(), None),
        Kind::GeoPoint(GeoFormat::Default) => {
            // `[lon, lat]` written for a `lon,lat` field keeps its order: a certain fix.
            let fix = match json::loads(text) {
                Some(Value::Array(pair)) => match pair.as_slice() {
                    [Value::Number(lon), Value::Number(lat)] => Some(format!("{lon},{lat}")),
                    _ => None,
                },
                _ => None,
            }
            .filter(|fix| geopoint(&GeoFormat::Default, fix).is_some());
            (fr::issues::GEOPOINT.into(), fix)
        }
        Kind::GeoPoint(GeoFormat::Array) => (fr::issues::GEOPOINT_ARRAY.into(), None),
        Kind::GeoPoint(GeoFormat::Object) => (fr::issues::GEOPOINT_OBJECT.into(), None),
        Kind::GeoPoint(GeoFormat::Unknown(format)) => (fr::issues::geopoint_unknown_format(format), None),
        Kind::Array(_) => (fr::issues::ARRAY.into(), None),
        Kind::Object => (fr::issues::OBJECT.into(), None),
        Kind::GeoJson { .. } => (fr::issues::GEOJSON.into(), None),
        Kind::String(StringFormat::Email) => (fr::issues::EMAIL.into(), None),
        Kind::String(StringFormat::Uri) => (fr::issues::URI.into(), None),
        Kind::String(StringFormat::Uuid) => (fr::issues::UUID.into(), None),
        Kind::String(StringFormat::Binary) => (fr::issues::BINARY.into(), None),
        Kind::String(StringFormat::Default) | Kind::Any | Kind::Unchecked => (String::new(), None),
    }
}

/// What each item of a typed array must be, in words.
fn item_description(field_type: &str) -> &'static str {
    match field_type {
        "string" => "une chaîne de caractères entre guillemets, par exemple [\"valeur 1\", \"valeur 2\"]",
        "integer" => "un nombre entier, par exemple [1, 2]",
        "number" => "un nombre, par exemple [1.5, 2]",
        "boolean" => "true ou false, par exemple [true, false]",
        "date" => "une date entre guillemets, par exemple [\"2023-03-15\"]",
        "datetime" => "une date et heure entre guillemets, par exemple [\"2023-03-15T14:30:00\"]",
        "time" => "une heure entre guillemets, par exemple [\"14:30:00\"]",
        "year" => "une année, par exemple [2023]",
        "array" => "une liste, par exemple [[1, 2], [3]]",
        "object" => "un objet, par exemple [{\"nom\": \"valeur\"}]",
        _ => "une valeur du type attendu (et non null)",
    }
}

/// `15/03/2023` → `2023-03-15` and `2023-03-15T10:30:00` → `2023-03-15`, when the result is a real date.
fn french_or_iso_datetime(text: &str) -> Option<String> {
    static FRENCH: OnceLock<Option<DatePattern>> = OnceLock::new();
    static ISO: OnceLock<Option<DatePattern>> = OnceLock::new();
    let french = FRENCH.get_or_init(|| DatePattern::compile("%d/%m/%Y").ok()).as_ref()?;
    let iso = if let Some((y, m, d)) = french.parse_date(text).filter(|_| text.len() == 10) {
        format!("{y:04}-{m:02}-{d:02}")
    } else {
        let date = text.get(..10).filter(|_| text.len() == 19 && text.as_bytes().get(10) == Some(&b'T'))?;
        ISO.get_or_init(|| DatePattern::compile("%Y-%m-%d").ok()).as_ref()?.parse_date(date)?;
        date.to_owned()
    };
    Some(iso)
}

fn two(n: &str) -> Option<u32> {
    n.parse().ok()
}

/// A date and time a person wrote without doubt (`15/03/2023 14:30`, `2023-03-15 14:30`) in ISO form.
fn iso_datetime_fix(text: &str) -> Option<String> {
    static FRENCH: OnceLock<Option<Regex>> = OnceLock::new();
    static NEAR_ISO: OnceLock<Option<Regex>> = OnceLock::new();
    let text = text.trim();
    let (y, m, d, h, mi, s) = if let Some(c) = static_regex(
        &FRENCH,
        r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:\s+|\s*[Tà]\s*)(\d{1,2})\s*[:hH]\s*(\d{2})(?::(\d{2}))?$",
    )?
    .captures(text)
    {
        (c.get(3)?, c.get(2)?, c.get(1)?, c.get(4)?, c.get(5)?, c.get(6))
    } else {
        let c = static_regex(&NEAR_ISO, r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:\s+|T)(\d{1,2})[:hH](\d{2})(?::(\d{2}))?$")?
            .captures(text)?;
        (c.get(1)?, c.get(2)?, c.get(3)?, c.get(4)?, c.get(5)?, c.get(6))
    };
    let (y, m, d) = iso::valid_date(y.as_str().parse().ok()?, m.as_str().parse().ok()?, d.as_str().parse().ok()?)?;
    let (h, mi, s) = (two(h.as_str())?, two(mi.as_str())?, s.map_or(Some(0), |s| two(s.as_str()))?);
    (h < 24 && mi < 60 && s < 60).then(|| format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}"))
}

/// `14:30`, `14h30`, `9:05:00` → `14:30:00`, `09:05:00`.
fn iso_time_fix(text: &str) -> Option<String> {
    static TIME: OnceLock<Option<Regex>> = OnceLock::new();
    let c = static_regex(&TIME, r"^(\d{1,2})\s*[:hH]\s*(\d{2})(?::(\d{2}))?$")?.captures(text.trim())?;
    let (h, m) = (two(c.get(1)?.as_str())?, two(c.get(2)?.as_str())?);
    let s = c.get(3).map_or(Some(0), |s| two(s.as_str()))?;
    (h < 24 && m < 60 && s < 60).then(|| format!("{h:02}:{m:02}:{s:02}"))
}

/// `03/2023`, `3-2023`, `2023/03` → `2023-03`.
fn yearmonth_fix(text: &str) -> Option<String> {
    static MONTH_FIRST: OnceLock<Option<Regex>> = OnceLock::new();
    static YEAR_FIRST: OnceLock<Option<Regex>> = OnceLock::new();
    let text = text.trim();
    let (y, m) = if let Some(c) = static_regex(&MONTH_FIRST, r"^(\d{1,2})[/-](\d{4})$")?.captures(text) {
        (c.get(2)?, c.get(1)?)
    } else {
        let c = static_regex(&YEAR_FIRST, r"^(\d{4})/(\d{1,2})$")?.captures(text)?;
        (c.get(1)?, c.get(2)?)
    };
    let m = two(m.as_str())?;
    (1..=12).contains(&m).then(|| format!("{}-{m:02}", y.as_str()))
}

fn is_email(text: &str) -> bool {
    static_regex(
        &EMAIL,
        r"(?i)^[-!#$%&'*+/=?^_`{}|~0-9a-z]+(\.[-!#$%&'*+/=?^_`{}|~0-9a-z]+)*@(?:[a-z0-9](?:[a-z0-9_-]{0,61}[a-z0-9])?\.)+[a-z0-9][a-z0-9_-]{0,61}[a-z]\z",
    )
    .is_some_and(|r| r.is_match(text))
}

fn is_uri(text: &str) -> bool {
    static_regex(&URI, r"^[A-Za-z][A-Za-z0-9+.\-]*:").is_some_and(|r| r.is_match(text))
}

fn is_uuid(text: &str) -> bool {
    static_regex(&UUID, r"(?i)^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32})\z")
        .is_some_and(|r| r.is_match(text))
}

static EMAIL: OnceLock<Option<Regex>> = OnceLock::new();
static URI: OnceLock<Option<Regex>> = OnceLock::new();
static UUID: OnceLock<Option<Regex>> = OnceLock::new();

fn static_regex(cell: &'static OnceLock<Option<Regex>>, pattern: &str) -> Option<&'static Regex> {
    cell.get_or_init(|| Regex::new(pattern).ok()).as_ref()
}

const DEFAULT_TRUES: &[&str] = &["true", "True", "TRUE", "1"];
const DEFAULT_FALSES: &[&str] = &["false", "False", "FALSE", "0"];

fn strings(values: &[&str]) -> Vec<String> {
    values.iter().map(|s| (*s).to_owned()).collect()
}

#[cfg(test)]
mod tests;
