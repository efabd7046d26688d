//! Casting a text cell to a field's type, with frictionless 4's rules (see VALIDATA-SPEC.md §e).

use crate::fr;
use crate::schema::Field;
use regex::Regex;
use std::cmp::Ordering;
use std::sync::OnceLock;

/// A cell's typed value: what constraints (enum, minimum, unique…) compare.
#[derive(Debug, Clone, PartialEq)]
pub enum Typed {
    Str(String),
    Int(i128),
    Num(f64),
    Bool(bool),
    Date(i32, u32, u32),
    Year(i32),
    /// A geopoint, whatever its format: longitude, latitude.
    Point(f64, f64),
}

impl Typed {
    pub fn partial_cmp(&self, other: &Typed) -> Option<Ordering> {
        match (self, other) {
            (Typed::Str(a), Typed::Str(b)) => a.partial_cmp(b),
            (Typed::Int(a), Typed::Int(b)) => a.partial_cmp(b),
            (Typed::Int(a), Typed::Num(b)) => (*a as f64).partial_cmp(b),
            (Typed::Num(a), Typed::Int(b)) => a.partial_cmp(&(*b as f64)),
            (Typed::Num(a), Typed::Num(b)) => a.partial_cmp(b),
            (Typed::Date(..), Typed::Date(..)) => self.date_key().partial_cmp(&other.date_key()),
            (Typed::Year(a), Typed::Year(b)) => a.partial_cmp(b),
            (Typed::Bool(a), Typed::Bool(b)) => a.partial_cmp(b),
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
        match self {
            Typed::Str(s) => format!("s{s}"),
            Typed::Int(i) => format!("n{}", *i as f64),
            Typed::Num(f) => format!("n{f}"),
            Typed::Bool(b) => format!("b{b}"),
            Typed::Date(y, m, d) => format!("d{y}-{m}-{d}"),
            Typed::Year(y) => format!("y{y}"),
            Typed::Point(lon, lat) => format!("p{lon},{lat}"),
        }
    }
}

/// Python's `int(str)`: surrounding whitespace, a sign, digits with single `_` between them.
pub fn python_int(text: &str) -> Option<i128> {
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
    cleaned.parse::<f64>().ok()
}

/// frictionless's `bareNumber: false`: leading and trailing non-digits are removed.
pub fn strip_non_digits(text: &str) -> &str {
    text.trim_start_matches(|c: char| !c.is_ascii_digit()).trim_end_matches(|c: char| !c.is_ascii_digit())
}

/// A compiled `strptime` format, with Python's regular expression for each directive.
#[derive(Debug, Clone)]
pub struct DatePattern {
    regex: Regex,
    /// The format with directives spelled for a person (`jj/mm/aaaa`).
    pub human: String,
}

impl DatePattern {
    /// Compiles a strptime format. Returns the unsupported directive on failure.
    pub fn compile(format: &str) -> Result<DatePattern, String> {
        let mut regex = String::from("(?i)^");
        let mut human = String::new();
        let mut chars = format.chars();
        while let Some(c) = chars.next() {
            if c != '%' {
                if c.is_whitespace() {
                    regex.push_str(r"\s+");
                } else {
                    regex.push_str(&regex::escape(&c.to_string()));
                }
                human.push(c);
                continue;
            }
            let directive = chars.next().unwrap_or('%');
            let (part, label) = match directive {
                'Y' => (r"(?P<Y>\d\d\d\d)", "aaaa"),
                'y' => (r"(?P<y>\d\d)", "aa"),
                'm' => (r"(?P<m>1[0-2]|0[1-9]|[1-9])", "mm"),
                'd' => (r"(?P<d>3[01]|[12]\d|0[1-9]|[1-9]| [1-9])", "jj"),
                'H' => (r"(?P<H>2[0-3]|[0-1]\d|\d)", "hh"),
                'M' => (r"(?P<M>[0-5]\d|\d)", "mm"),
                'S' => (r"(?P<S>6[0-1]|[0-5]\d|\d)", "ss"),
                '%' => ("%", "%"),
                other => return Err(format!("la directive de date %{other}")),
            };
            regex.push_str(part);
            human.push_str(label);
        }
        regex.push_str(r"\z");
        let regex = Regex::new(&regex).map_err(|e| e.to_string())?;
        Ok(DatePattern { regex, human })
    }

    /// Parses a date; `None` if the text does not match or is not a calendar date.
    pub fn parse_date(&self, text: &str) -> Option<(i32, u32, u32)> {
        let caps = self.regex.captures(text)?;
        let number = |name: &str| caps.name(name).and_then(|m| m.as_str().trim().parse::<i32>().ok());
        let year = match (number("Y"), number("y")) {
            (Some(y), _) => y,
            // Python: 69–99 → 1900s, 00–68 → 2000s.
            (None, Some(y)) => y + if y < 69 { 2000 } else { 1900 },
            (None, None) => 1900,
        };
        let month = number("m").unwrap_or(1) as u32;
        let day = number("d").unwrap_or(1) as u32;
        (year >= 1 && day <= days_in_month(year, month)).then_some((year, month, day))
    }
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
    Year,
    /// A type or format this version does not check; the reason is in `CompiledSchema::unchecked`.
    Unchecked,
}

#[derive(Debug, Clone)]
pub enum StringFormat {
    Default,
    Email,
    Uri,
    Uuid,
    Unchecked,
}

/// A field's type and format, compiled; with the reason when this version cannot check it.
pub fn compile_kind(field: &Field) -> (Kind, Option<String>) {
    let format = field.format.as_deref().unwrap_or("default");
    let mut unchecked = None;
    let mut note = |what: String| unchecked = Some(what);
    let kind = match field.field_type.as_str() {
        "string" => Kind::String(match format {
            "default" => StringFormat::Default,
            "email" => StringFormat::Email,
            "uri" => StringFormat::Uri,
            "uuid" => StringFormat::Uuid,
            other => {
                note(format!("format {other}"));
                StringFormat::Unchecked
            }
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
        "date" => {
            let strftime = match format {
                "default" => Some("%Y-%m-%d"),
                "any" => None,
                custom => Some(custom.strip_prefix("fmt:").unwrap_or(custom)),
            };
            match strftime.map(DatePattern::compile) {
                Some(Ok(pattern)) => Kind::Date(pattern),
                Some(Err(reason)) => {
                    note(reason);
                    Kind::Unchecked
                }
                None => {
                    note("format de date any".into());
                    Kind::Unchecked
                }
            }
        }
        "year" => Kind::Year,
        other => {
            note(format!("type {other}"));
            Kind::Unchecked
        }
    };
    (kind, unchecked)
}

pub fn cast(kind: &Kind, text: &str) -> Result<Option<Typed>, ()> {
    let typed = match kind {
        Kind::String(format) => {
            let ok = match format {
                StringFormat::Default | StringFormat::Unchecked => true,
                StringFormat::Email => is_email(text),
                StringFormat::Uri => is_uri(text),
                StringFormat::Uuid => is_uuid(text),
            };
            ok.then(|| Typed::Str(text.to_owned()))
        }
        Kind::Integer { bare } => python_int(if *bare { text } else { strip_non_digits(text) }).map(Typed::Int),
        Kind::Number { decimal, group, bare, custom } => {
            let mut text = text.to_owned();
            if *custom {
                if let Some(group) = group.as_deref().filter(|g| !g.is_empty()) {
                    text = text.replace(group, "");
                }
                if let Some(decimal) = decimal.as_deref().filter(|d| !d.is_empty()) {
                    text = text.replace(decimal, ".");
                }
                if !*bare {
                    text = strip_non_digits(&text).to_owned();
                }
            }
            python_decimal(&text).map(Typed::Num)
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
        Kind::Year => (text.chars().count() == 4)
            .then(|| python_int(text))
            .flatten()
            .filter(|y| (0..=9999).contains(y))
            .map(|y| Typed::Year(y as i32)),
        Kind::Unchecked => return Ok(None),
    };
    typed.map(Some).ok_or(())
}

pub fn type_error(kind: &Kind, text: &str) -> (String, Option<String>) {
    match kind {
        Kind::Integer { .. } => (fr::INTEGER.into(), None),
        Kind::Year => (fr::YEAR.into(), None),
        Kind::Number { .. } if text.contains(',') => {
            let suggestion = text.replace(',', ".");
            let fix = python_decimal(&suggestion).map(|_| suggestion.trim().to_owned());
            (fr::number_with_comma(&suggestion), fix)
        }
        Kind::Number { .. } => (fr::NUMBER.into(), None),
        Kind::Boolean { trues, falses } => {
            // Like Validata, the default lists are shown by their first spelling only.
            let shown = |values: &[String], default: &[&str]| {
                if values == default {
                    strings(default.get(..1).unwrap_or_default())
                } else {
                    values.to_vec()
                }
            };
            (fr::boolean(&shown(trues, DEFAULT_TRUES), &shown(falses, DEFAULT_FALSES)), None)
        }
        Kind::Date(pattern) => match french_or_iso_datetime(text) {
            Some(iso) => (fr::date_expected(&iso), Some(iso)),
            None if pattern.human == "aaaa-mm-jj" => (fr::DATE.into(), None),
            None => (fr::date_with_format(&pattern.human), None),
        },
        Kind::String(StringFormat::Email) => (fr::EMAIL.into(), None),
        Kind::String(StringFormat::Uri) => (fr::URI.into(), None),
        Kind::String(StringFormat::Uuid) => (fr::UUID.into(), None),
        Kind::String(_) | Kind::Unchecked => (String::new(), None),
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
mod tests {
    use super::*;

    #[test]
    fn python_int_rules() {
        for ok in [" 12 ", "+12", "-12", "0012", "1_000"] {
            assert!(python_int(ok).is_some(), "{ok}");
        }
        for bad in ["1.0", "1e3", "1 000", "", "_1", "1__0", "x"] {
            assert!(python_int(bad).is_none(), "{bad}");
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
        assert_eq!(iso.parse_date("2024-02-29"), Some((2024, 2, 29)));
        for bad in ["2023-02-29", " 2023-03-05", "2023-03-05 ", "15/03/2023", "2023-13-01", "0000-01-01"] {
            assert_eq!(iso.parse_date(bad), None, "{bad}");
        }
        assert_eq!(iso.human, "aaaa-mm-jj");
    }

    #[test]
    fn custom_date_format() {
        let fr = DatePattern::compile("%d/%m/%Y").unwrap();
        assert_eq!(fr.parse_date("5/3/2023"), Some((2023, 3, 5)));
        assert!(DatePattern::compile("%b %Y").is_err());
    }
}
