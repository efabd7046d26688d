//! Content detection: what a column's values look like (SIRETs, dates, amounts…), measured on a sample,
//! and what kind of values a schema field expects.

use super::names;
use crate::fr;
use crate::read::Sheet;
use crate::schema::Field;
use crate::siret::{is_siren, is_siret};
use std::collections::HashMap;

/// At most this many rows are looked at per column (spread evenly over the sheet).
pub(crate) const SAMPLE: usize = 2000;

/// The longest value (in bytes) that can be an identifier, a code, a number, a date with its time, a
/// boolean or a phone number: `2024-03-15T10:30:00.000000+01:00` is 32.
const SHORT: usize = 40;

/// What a column's values are (SIRETs, dates, e-mails…) and what a field expects them to be: the
/// content a suggestion matches between the two (re-exported as `suggest::Content`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Content {
    Siret,
    Siren,
    Insee,
    Postcode,
    Date,
    /// A text field holding a date or a period (`2018-01-01_2018-03-31`).
    DateLike,
    Year,
    Integer,
    Number,
    Boolean,
    Email,
    Url,
    Latitude,
    Longitude,
    Phone,
    Enum,
    Text,
}

impl Content {
    /// What values of this kind are, for « 98 % des valeurs sont … ».
    pub fn described(self) -> &'static str {
        match self {
            Content::Siret => fr::suggest::SIRETS,
            Content::Siren => fr::suggest::SIRENS,
            Content::Insee => fr::suggest::INSEE_CODES,
            Content::Postcode => fr::suggest::POSTCODES,
            Content::Date => fr::suggest::DATES,
            Content::DateLike => fr::suggest::DATES_OR_PERIODS,
            Content::Year => fr::suggest::YEARS,
            Content::Integer => fr::suggest::INTEGERS,
            Content::Number => fr::suggest::NUMBERS,
            Content::Boolean => fr::suggest::BOOLEANS,
            Content::Email => fr::suggest::EMAILS,
            Content::Url => fr::suggest::URLS,
            Content::Latitude => fr::suggest::LATITUDES,
            Content::Longitude => fr::suggest::LONGITUDES,
            Content::Phone => fr::suggest::PHONES,
            Content::Enum => fr::suggest::ENUM_VALUES,
            Content::Text => fr::suggest::TEXT,
        }
    }

    /// Whether the values were checked, not only recognised (the SIRET and SIREN keys): « … valides ».
    pub(crate) fn checked(self) -> bool {
        matches!(self, Content::Siret | Content::Siren)
    }

    /// Whether values of this kind are rare by chance, so a column full of them says a lot.
    pub(crate) fn distinctive(self) -> bool {
        matches!(
            self,
            Content::Siret
                | Content::Siren
                | Content::Insee
                | Content::Date
                | Content::DateLike
                | Content::Email
                | Content::Url
                | Content::Latitude
                | Content::Longitude
                | Content::Phone
        )
    }
}

/// What the sampled values of one column look like: the share of non-empty values of each kind.
#[derive(Debug, Clone, Default)]
pub(crate) struct Profile {
    /// Non-empty values sampled.
    pub values: usize,
    pub distinct: usize,
    pub siret: f32,
    /// Identifiers that went through a float or lost a digit (`21860194600000.0`, `2,43E+13`).
    pub siret_damaged: f32,
    pub siren: f32,
    pub insee: f32,
    pub postcode: f32,
    pub date: f32,
    pub date_start: f32,
    pub excel_serial: f32,
    pub year: f32,
    pub integer: f32,
    pub number: f32,
    pub boolean: f32,
    pub email: f32,
    pub url: f32,
    pub latitude: f32,
    pub longitude: f32,
    pub phone: f32,
    /// Distinct values reduced for comparison (case, accents, spaces), with their counts.
    counts: HashMap<String, usize>,
    /// Distinct values as written (trimmed), with their counts.
    raw: HashMap<String, usize>,
}

impl Profile {
    /// Profiles column `column` of `sheet` on at most [`SAMPLE`] rows.
    pub(crate) fn of_column(sheet: &Sheet, column: usize) -> Profile {
        let rows = sheet.rows.len();
        let step = rows.div_ceil(SAMPLE).max(1);
        let values = (0..rows).step_by(step).map(|r| sheet.cell(r, column).trim()).filter(|v| !v.is_empty());
        Profile::of_values(values)
    }

    pub(crate) fn of_values<'a>(values: impl Iterator<Item = &'a str>) -> Profile {
        let mut p = Profile::default();
        for value in values {
            p.values += 1;
            match p.raw.get_mut(value) {
                Some(count) => *count += 1,
                None => {
                    p.raw.insert(value.to_owned(), 1);
                }
            }
        }
        // What a value looks like depends on the value only: each distinct one is looked at once.
        let mut n = [0usize; 17];
        for (value, &times) in &p.raw {
            *p.counts.entry(reduce(value)).or_insert(0) += times;
            // Identifiers, codes, numbers, dates, booleans and phone numbers are short: a longer value
            // (a sentence, an object of deliberation) is none of them, and is not looked at as one.
            let short = value.len() <= SHORT;
            let number = if short { parse_number(value) } else { None };
            let siret = short && is_siret(value);
            let flags = [
                siret,
                short && !siret && looks_like_damaged_siret(value),
                short && is_siren(value),
                short && is_insee(value),
                short && is_postcode(value),
                short && is_date(value),
                starts_with_date(value),
                short && is_excel_serial(value),
                short && is_year(value),
                short && is_integer(value),
                number.is_some(),
                short && is_boolean(value),
                is_email(value),
                is_url(value),
                number.is_some_and(|x| is_coordinate(value, x, 90.0)),
                number.is_some_and(|x| is_coordinate(value, x, 180.0)),
                short && is_phone(value),
            ];
            for (count, flag) in n.iter_mut().zip(flags) {
                *count += if flag { times } else { 0 };
            }
        }
        let share =
            |i: usize| if p.values == 0 { 0.0 } else { n.get(i).copied().unwrap_or(0) as f32 / p.values as f32 };
        p.distinct = p.counts.len();
        p.siret = share(0);
        p.siret_damaged = share(1);
        p.siren = share(2);
        p.insee = share(3);
        p.postcode = share(4);
        p.date = share(5);
        p.date_start = share(6);
        p.excel_serial = share(7);
        p.year = share(8);
        p.integer = share(9);
        p.number = share(10);
        p.boolean = share(11);
        p.email = share(12);
        p.url = share(13);
        p.latitude = share(14);
        p.longitude = share(15);
        p.phone = share(16);
        p
    }

    /// Whether the column holds one value repeated (at least 3 times).
    pub(crate) fn constant(&self) -> bool {
        self.values >= 3 && self.distinct == 1
    }

    /// The share of values that are one of `allowed` (compared without case, accents or spaces).
    pub(crate) fn enum_share(&self, allowed: &[String]) -> f32 {
        if self.values == 0 {
            return 0.0;
        }
        let inside: usize = self.counts.iter().filter(|(v, _)| allowed.contains(v)).map(|(_, c)| *c).sum();
        inside as f32 / self.values as f32
    }

    /// The share of values that match `pattern` (anchored by the caller).
    pub(crate) fn pattern_share(&self, pattern: &regex::Regex) -> f32 {
        if self.values == 0 {
            return 0.0;
        }
        let matching: usize = self.raw.iter().filter(|(v, _)| pattern.is_match(v)).map(|(_, c)| *c).sum();
        matching as f32 / self.values as f32
    }

    /// The share of values of `kind` (0 for text: anything is text).
    pub(crate) fn share(&self, kind: Content, allowed: &[String]) -> f32 {
        match kind {
            Content::Siret => (self.siret + 0.7 * self.siret_damaged + 0.5 * self.siren).min(1.0),
            Content::Siren => (self.siren + 0.5 * self.siret).min(1.0),
            Content::Insee => self.insee,
            Content::Postcode => self.postcode,
            Content::Date => (self.date + 0.8 * self.excel_serial).min(1.0),
            Content::DateLike => (self.date_start + 0.8 * self.excel_serial).min(1.0),
            Content::Year => (self.year + 0.5 * self.date).min(1.0),
            Content::Integer => self.integer,
            Content::Number => self.number,
            Content::Boolean => self.boolean,
            Content::Email => self.email,
            Content::Url => self.url,
            Content::Latitude => self.latitude,
            Content::Longitude => self.longitude,
            Content::Phone => self.phone,
            Content::Enum => self.enum_share(allowed),
            Content::Text => 0.0,
        }
    }

    /// Whether most values are of a kind a name or a title never is (identifiers, dates, numbers…).
    pub(crate) fn mostly_not_prose(&self) -> bool {
        self.values > 0
            && [self.siret + self.siret_damaged, self.date, self.number, self.email, self.url]
                .iter()
                .any(|share| *share >= 0.9)
    }
}

/// The content `field` expects, from its type, format, pattern, name and title.
pub(crate) fn expected_content(field: &Field) -> Content {
    let mut words = names::tokens(&field.name);
    if let Some(title) = &field.title {
        words.extend(names::tokens(title));
    }
    let has = |w: &str| words.iter().any(|x| x == w);
    let pattern = field.constraints.pattern.as_deref().unwrap_or("");
    match field.field_type.as_str() {
        "date" | "datetime" => return Content::Date,
        "year" => return Content::Year,
        "integer" => return Content::Integer,
        "boolean" => return Content::Boolean,
        "number" if has("latitude") => return Content::Latitude,
        "number" if has("longitude") => return Content::Longitude,
        "number" => return Content::Number,
        _ => {}
    }
    match field.format.as_deref() {
        Some("email") => return Content::Email,
        Some("uri") => return Content::Url,
        _ => {}
    }
    if pattern.contains(r"\d{14}") || has("siret") {
        Content::Siret
    } else if pattern.contains(r"\d{9}") && has("siren") {
        Content::Siren
    } else if pattern.contains("2[AB") || has("insee") {
        Content::Insee
    } else if has("postal") {
        Content::Postcode
    } else if has("telephone") {
        Content::Phone
    } else if field.constraints.enumeration.is_some() {
        Content::Enum
    } else if pattern.starts_with("^[0-9]{4}\\-") || pattern.starts_with(r"^\d{4}-") || has("date") {
        Content::DateLike
    } else {
        Content::Text
    }
}

/// The field's allowed values, reduced like profiled values.
pub(crate) fn allowed_values(field: &Field) -> Vec<String> {
    field
        .constraints
        .enumeration
        .iter()
        .flatten()
        .map(|v| match v {
            serde_json::Value::String(s) => reduce(s),
            other => reduce(&other.to_string()),
        })
        .collect()
}

/// A value reduced for comparison with allowed values: no accents, lower case, single spaces.
fn reduce(value: &str) -> String {
    names::compact(value)
}

/// `21860194600000.0`, `2,43E+13`, `1810086080001`: a SIRET damaged by a spreadsheet.
pub(crate) fn looks_like_damaged_siret(value: &str) -> bool {
    let v = value.trim();
    let float = v.strip_suffix(".0").is_some_and(|d| (12..=14).contains(&d.len()) && all_digits(d));
    // `E+12`, `e+13`: the mantissa (before the first `e`) holds digits and separators only.
    let scientific = v.find(['E', 'e']).is_some_and(|at| {
        let (mantissa, exp) = (v.get(..at).unwrap_or_default(), v.get(at + 1..).unwrap_or_default());
        matches!(exp, "+12" | "+13")
            && mantissa.starts_with(|c: char| c.is_ascii_digit())
            && mantissa.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    });
    let short = v.len() == 13 && all_digits(v);
    // 14 digits with a wrong checksum (a typo, or an anonymised file), spaces and dots aside.
    let mut digits = 0;
    let wrong_checksum = v.chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '.')).all(|c| {
        digits += 1;
        c.is_ascii_digit()
    }) && digits == 14;
    float || scientific || short || wrong_checksum
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// A commune's INSEE code: 5 digits (not starting `00`), or Corsica's `2A`/`2B` + 3 digits.
pub(crate) fn is_insee(value: &str) -> bool {
    let v = value.trim();
    if v.len() != 5 {
        return false;
    }
    let (Some(head), Some(tail)) = (v.get(..2), v.get(2..)) else { return false };
    let corsica = matches!(head, "2A" | "2B" | "2a" | "2b") && all_digits(tail);
    corsica || (all_digits(v) && head != "00" && head != "99")
}

/// A French postcode: 5 digits, département 01 to 98.
pub(crate) fn is_postcode(value: &str) -> bool {
    let v = value.trim();
    v.len() == 5 && all_digits(v) && !v.starts_with("00") && !v.starts_with("99")
}

/// A date in a common format: `2024-03-15`, `2024/03/15`, `15/03/2024`, `15.03.2024`, `15-03-2024`,
/// `15/03/24`, `2024-03-15T10:00:00`, `2024-03-15 10:00:00`.
pub(crate) fn is_date(value: &str) -> bool {
    let v = value.trim();
    let day_part = v.split(['T', ' ']).next().unwrap_or(v);
    // A time after the date is accepted only if the whole value is a date then a time.
    if day_part.len() != v.len()
        && !v.get(day_part.len() + 1..).is_some_and(|t| t.chars().all(|c| "0123456789:.+-Z ".contains(c)))
    {
        return false;
    }
    parse_day(day_part)
}

/// Whether the value starts with a date (periods `2018-01-01_2018-03-31`, `2017/09/08_2021/09/07`).
pub(crate) fn starts_with_date(value: &str) -> bool {
    let v = value.trim();
    if !v.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return false; // as parse_day
    }
    [10, 8].iter().any(|n| v.get(..*n).is_some_and(parse_day)) || is_date(v)
}

fn parse_day(text: &str) -> bool {
    // Every part is digits: a text that does not start with one is no day (most are not).
    if !text.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return false;
    }
    let parts: Vec<&str> = text.split(['-', '/', '.']).collect();
    let [a, b, c] = parts.as_slice() else { return false };
    if !(all_digits(a) && all_digits(b) && all_digits(c)) {
        return false;
    }
    let number = |s: &str| s.parse::<u32>().unwrap_or(0);
    let (year, month, day) = if a.len() == 4 {
        (number(a), number(b), number(c))
    } else if c.len() == 4 || c.len() == 2 {
        (if c.len() == 2 { 2000 + number(c) } else { number(c) }, number(b), number(a))
    } else {
        return false;
    };
    b.len() <= 2 && (1..=12).contains(&month) && (1..=31).contains(&day) && (1800..=2200).contains(&year)
}

/// An Excel date serial number between 1954 and 2064 (`43655`).
pub(crate) fn is_excel_serial(value: &str) -> bool {
    let v = value.trim();
    let v = v.strip_suffix(".0").unwrap_or(v);
    all_digits(v) && v.parse::<u32>().is_ok_and(|n| (20_000..=60_000).contains(&n))
}

pub(crate) fn is_year(value: &str) -> bool {
    let v = value.trim();
    v.len() == 4 && all_digits(v) && v.parse::<u32>().is_ok_and(|y| (1900..=2100).contains(&y))
}

/// An integer, thousands separated or not, possibly written `12.0` by a spreadsheet.
pub(crate) fn is_integer(value: &str) -> bool {
    let v: String = value.chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}')).collect();
    let v = v.strip_suffix(".0").unwrap_or(&v);
    let v = v.strip_prefix(['-', '+']).unwrap_or(v);
    all_digits(v)
}

/// A number in French or English notation, with thousands spaces and a currency unit allowed:
/// `40 000,00`, `17 833`, `1350000.0`, `50 000 euros`, `2,5€`.
pub(crate) fn parse_number(value: &str) -> Option<f64> {
    let lower = value.trim().to_lowercase();
    let without_unit = ["euros", "euro", "eur", "€"].iter().find_map(|unit| lower.strip_suffix(unit)).unwrap_or(&lower);
    let mut text: String = without_unit.chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\'')).collect();
    if text.is_empty() || text == "-" {
        return None;
    }
    match (text.rfind(','), text.rfind('.')) {
        (Some(comma), Some(dot)) if comma > dot => text = text.replace('.', "").replace(',', "."),
        (Some(_), Some(_)) => text = text.replace(',', ""),
        (Some(_), None) if text.matches(',').count() == 1 => text = text.replace(',', "."),
        (Some(_), None) => return None,
        _ => {}
    }
    let plain = text.strip_prefix(['-', '+']).unwrap_or(&text);
    if !plain.bytes().all(|b| b.is_ascii_digit() || b == b'.') || !plain.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// `oui`/`non`, `vrai`/`faux`, `true`/`false`, `o`/`n`, `yes`/`no`, `x`, `0`/`1`.
pub(crate) fn is_boolean(value: &str) -> bool {
    matches!(
        names::compact(value).as_str(),
        "oui" | "non" | "vrai" | "faux" | "true" | "false" | "o" | "n" | "yes" | "no" | "x" | "0" | "1" | "y"
    )
}

pub(crate) fn is_email(value: &str) -> bool {
    let v = value.trim();
    match v.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !v.contains(char::is_whitespace)
                && !domain.contains('@')
                && domain.split_once('.').is_some_and(|(a, b)| !a.is_empty() && b.len() >= 2)
        }
        None => false,
    }
}

pub(crate) fn is_url(value: &str) -> bool {
    let v = value.trim().to_ascii_lowercase();
    (v.starts_with("http://") || v.starts_with("https://") || v.starts_with("www.")) && !v.contains(' ')
}

/// A decimal coordinate within ±`limit`, written with at least 3 decimals (`45.4832861`).
fn is_coordinate(text: &str, value: f64, limit: f64) -> bool {
    let decimals = text.trim().rsplit(['.', ',']).next().map_or(0, str::len);
    (text.contains('.') || text.contains(',')) && decimals >= 3 && value.abs() <= limit
}

/// A French phone number: `0477732124`, `04 77 73 21 24`, `+33 4 77…`, `33477732124`.
pub(crate) fn is_phone(value: &str) -> bool {
    let v = value.trim();
    if !v.chars().all(|c| c.is_ascii_digit() || " .-+()".contains(c)) {
        return false;
    }
    let digits: String = v.chars().filter(char::is_ascii_digit).collect();
    (digits.len() == 10 && digits.starts_with('0'))
        || (digits.len() == 11 && digits.starts_with("33"))
        || (digits.len() == 12 && (digits.starts_with("262") || digits.starts_with("590") || digits.starts_with("596")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::Schema;

    #[test]
    fn identifiers() {
        assert!(is_siret("22460001500511"));
        assert!(!is_siret("21860194600000"));
        assert!(looks_like_damaged_siret("21860194600000.0"));
        assert!(looks_like_damaged_siret("2,43E+13"));
        assert!(looks_like_damaged_siret("1810086080001"));
        assert!(looks_like_damaged_siret("13579246800043"));
        assert!(!looks_like_damaged_siret("2024"));
        assert!(looks_like_damaged_siret("2.186e+13") && looks_like_damaged_siret("135 792 468 00043"));
        for not in ["2,43E+14", "2,43E13", "1E5E+12", "E+12", "135 792 468 0004", "1357924680004x", "25/12/2024"] {
            assert!(!looks_like_damaged_siret(not), "{not}");
        }
        assert!(is_insee("04070") && is_insee("2B033") && is_insee("42271"));
        assert!(!is_insee("4070") && !is_insee("00123") && !is_insee("2C033") && !is_insee("Léna"));
        assert!(is_postcode("75001") && !is_postcode("7501") && !is_postcode("2A004"));
    }

    #[test]
    fn dates_in_common_formats() {
        for yes in [
            "2024-03-15",
            "2024/3/5",
            "15/03/2024",
            "15.03.2024",
            "15-03-2024",
            "15/03/24",
            "2017-12-06 20:35:09",
            "2024-06-12T00:00:00Z",
        ] {
            assert!(is_date(yes), "{yes}");
        }
        for no in ["2024-13-01", "32/01/2024", "MAI 2014", "Solde en 2018", "6.2", "2.5", "2016-0391", "1-6", "12"] {
            assert!(!is_date(no), "{no}");
        }
        assert!(starts_with_date("2018-01-01_2018-03-31") && starts_with_date("2017/09/08_2021/09/07"));
        assert!(is_excel_serial("43655") && !is_excel_serial("2014"));
    }

    #[test]
    fn numbers_and_amounts() {
        assert_eq!(parse_number("40 000,00"), Some(40000.0));
        assert_eq!(parse_number("17\u{a0}833"), Some(17833.0));
        assert_eq!(parse_number(" 1\u{a0}063\u{a0}850,00    "), Some(1_063_850.0));
        assert_eq!(parse_number("50\u{a0}000 euros"), Some(50000.0));
        assert_eq!(parse_number("97\u{a0}000euros"), Some(97000.0));
        assert_eq!(parse_number("1.234,5"), Some(1234.5));
        assert_eq!(parse_number("1350000.0"), Some(1_350_000.0));
        assert_eq!(parse_number("2,5€"), Some(2.5));
        assert_eq!(parse_number("abc"), None);
        assert_eq!(parse_number(" -      "), None);
        assert_eq!(parse_number("15/03/2024"), None);
        assert!(is_integer("12") && is_integer("1 200") && is_integer("10000.0") && !is_integer("12,5"));
        assert!(is_year("2017") && !is_year("1234"));
    }

    #[test]
    fn booleans_emails_urls_phones_coordinates() {
        assert!(is_boolean("Oui") && is_boolean("NON") && is_boolean("x") && !is_boolean("non concerné"));
        assert!(is_email("mairie@ville-lorette.fr") && !is_email("p.nom@@domaine.fr") && !is_email("a@b"));
        assert!(is_url("https://www.exemple.fr/a.pdf") && is_url("www.exemple.fr") && !is_url("exemple"));
        assert!(is_phone("04 77 73 21 24") && is_phone("33477732124") && is_phone("+262262200033"));
        assert!(!is_phone("2017-12-06"));
        let p = Profile::of_values(["45.4832861004149", "4.5738615", "-1.5512"].into_iter());
        assert!((p.latitude - 1.0).abs() < 1e-6 && (p.longitude - 1.0).abs() < 1e-6);
        let p = Profile::of_values(["172.5123", "4.5738615"].into_iter());
        assert!(p.latitude < 0.6 && (p.longitude - 1.0).abs() < 1e-6);
    }

    #[test]
    fn profile_shares_and_enum() {
        let p =
            Profile::of_values(["Aide en numéraire", "aide en numeraire", "numéraire", "aide en nature"].into_iter());
        let allowed: Vec<String> = ["aide en numéraire", "aide en nature"].iter().map(|s| reduce(s)).collect();
        assert!((p.enum_share(&allowed) - 0.75).abs() < 1e-6);
        assert_eq!(p.values, 4);
        assert!(!p.constant());
        let p = Profile::of_values(["22100005200011"; 5].into_iter());
        assert!(p.constant() && (p.siret - 1.0).abs() < 1e-6 && p.mostly_not_prose());
    }

    #[test]
    fn field_kinds_from_type_pattern_and_words() {
        let schema = Schema::from_json(
            r#"{"fields": [
                {"name": "COLL_SIRET", "constraints": {"pattern": "^\\d{14}$"}},
                {"name": "DELIB_DATE", "type": "date"},
                {"name": "EQUIP_LAT", "type": "number", "title": "Latitude"},
                {"name": "COLL_INSEE", "constraints": {"pattern": "^([013-9]\\d|2[AB1-9])\\d{3}$"}},
                {"name": "ADR_CODEPOSTAL", "title": "Code postal"},
                {"name": "nature", "constraints": {"enum": ["a", "b"]}},
                {"name": "datesPeriodeVersement", "constraints": {"pattern": "^[0-9]{4}\\-[0-9]{2}"}},
                {"name": "objet"},
                {"name": "site", "format": "uri"}
            ]}"#,
        )
        .unwrap();
        let kinds: Vec<Content> = schema.fields.iter().map(expected_content).collect();
        assert_eq!(
            kinds,
            [
                Content::Siret,
                Content::Date,
                Content::Latitude,
                Content::Insee,
                Content::Postcode,
                Content::Enum,
                Content::DateLike,
                Content::Text,
                Content::Url
            ]
        );
    }
}
