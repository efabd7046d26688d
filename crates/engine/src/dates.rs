//! Date formats, below everything: strftime formats read as Python's `strptime` reads them (a regular
//! expression) and spelled for a person in French (`%d/%m/%Y` → `jj/mm/aaaa`), and the one reader of
//! dates as French spreadsheets write them ([`parse_date`]).
//!
//! A leaf: it imports no other module of the engine. Validation checks cells against a
//! [`DateFormat`], the transforms and the field documentation say formats with
//! [`strftime_in_french`].

use chrono::{Datelike, NaiveDate};
use regex::Regex;
use serde::{Deserialize, Serialize};

/// How a date whose year is last is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateOrder {
    /// `15/03/2023` (France).
    DayFirst,
    /// `03/15/2023`.
    MonthFirst,
}

/// Month and day names of the C locale, in lower case (strptime matches them in any case).
pub(crate) const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const DAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// A strftime format compiled: the regular expression Python's `datetime.strptime` matches (C
/// locale, any case), and the format spelled for a person.
#[derive(Debug, Clone)]
pub struct DateFormat {
    pub regex: Regex,
    /// The format with directives spelled for a person (`jj/mm/aaaa`).
    pub human: String,
}

impl DateFormat {
    /// Compiles a strftime format. Returns the unsupported directive on failure.
    pub fn compile(format: &str) -> Result<DateFormat, String> {
        let mut regex = String::from("(?i)^");
        let mut human = String::new();
        push_format(format, &mut regex, &mut human, 0)?;
        regex.push_str(r"\z");
        let regex = Regex::new(&regex).map_err(|e| e.to_string())?;
        Ok(DateFormat { regex, human })
    }
}

/// A strftime format in the placeholders of a French form (`%d/%m/%Y` → `jj/mm/aaaa`), as the date
/// checks say it in their messages; a format they cannot read is shown as written.
pub fn strftime_in_french(format: &str) -> String {
    DateFormat::compile(format).map_or_else(|_| format.to_owned(), |compiled| compiled.human)
}

fn alternatives(names: &[&str], abbreviated: bool) -> String {
    let mut names: Vec<String> =
        names.iter().map(|n| if abbreviated { n.get(..3).unwrap_or(n).to_owned() } else { (*n).to_owned() }).collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names.join("|")
}

fn push_format(format: &str, regex: &mut String, human: &mut String, depth: u8) -> Result<(), String> {
    let mut chars = format.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            if c.is_whitespace() {
                // Python replaces each run of whitespace with \s+.
                while chars.peek().is_some_and(|n| n.is_whitespace()) {
                    chars.next();
                }
                regex.push_str(r"\s+");
            } else {
                regex.push_str(&regex::escape(&c.to_string()));
            }
            human.push(c);
            continue;
        }
        let Some(directive) = chars.next() else { return Err("un « % » isolé à la fin du format".into()) };
        let (part, label): (String, &str) = match directive {
            'Y' => (r"(?P<Y>\d\d\d\d)".into(), "aaaa"),
            'y' => (r"(?P<y>\d\d)".into(), "aa"),
            'm' => (r"(?P<m>1[0-2]|0[1-9]|[1-9])".into(), "mm"),
            'd' => (r"(?P<d>3[01]|[12]\d|0[1-9]|[1-9]| [1-9])".into(), "jj"),
            'H' => (r"(?P<H>2[0-3]|[0-1]\d|\d)".into(), "hh"),
            'I' => (r"(?P<I>1[0-2]|0[1-9]|[1-9])".into(), "hh"),
            'M' => (r"(?P<M>[0-5]\d|\d)".into(), "mm"),
            'S' => (r"(?P<S>6[0-1]|[0-5]\d|\d)".into(), "ss"),
            'f' => (r"(?P<f>[0-9]{1,6})".into(), "ffffff"),
            'j' => (r"(?P<j>36[0-6]|3[0-5]\d|[12]\d\d|0[1-9]\d|00[1-9]|[1-9]\d|0[1-9]|[1-9])".into(), "jjj"),
            'p' => (r"(?P<p>am|pm)".into(), "AM/PM"),
            'z' => (r"(?P<z>[+-]\d\d:?[0-5]\d(?::?[0-5]\d(?:\.\d{1,6})?)?|(?-i:Z))".into(), "+hhmm"),
            'Z' => (r"(?:utc|gmt)".into(), "UTC"),
            'B' => (format!("(?P<B>{})", alternatives(&MONTHS, false)), "mois en anglais (March)"),
            'b' => (format!("(?P<b>{})", alternatives(&MONTHS, true)), "mois abrégé en anglais (Mar)"),
            'A' => (format!("(?:{})", alternatives(&DAYS, false)), "jour en anglais (Monday)"),
            'a' => (format!("(?:{})", alternatives(&DAYS, true)), "jour abrégé en anglais (Mon)"),
            'w' => (r"[0-6]".into(), "n° du jour (0 à 6)"),
            'u' => (r"[1-7]".into(), "n° du jour (1 à 7)"),
            '%' => ("%".into(), "%"),
            // The C locale's composite formats.
            'c' | 'x' | 'X' if depth == 0 => {
                let inner = match directive {
                    'c' => "%a %b %d %H:%M:%S %Y",
                    'x' => "%m/%d/%y",
                    _ => "%H:%M:%S",
                };
                push_format(inner, regex, human, depth + 1)?;
                continue;
            }
            other => return Err(format!("la directive de date %{other}")),
        };
        if part.contains("?P<") && regex.contains(part.get(..6).unwrap_or_default()) {
            // Python refuses a format naming the same directive twice.
            return Err(format!("la directive %{directive} répétée"));
        }
        regex.push_str(&part);
        human.push_str(label);
    }
    Ok(())
}

/// `text` as a number of `min` to `max` ASCII digits.
pub(crate) fn digits(text: &str, min: usize, max: usize) -> Option<u32> {
    (text.len() >= min && text.len() <= max && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

/// Reads a date as French spreadsheets write it: `15/03/2023`, `5/3/2023`, `15.03.2023`, `15-03-2023`,
/// `2023-03-15`, `2023/03/15` (one separator throughout), and with a `pivot` a year of two digits
/// (`5/3/23`: 2023 below the pivot, 1900s from it). `order` says which of day and month comes first
/// when the year is last. `None`: another form, or no such day in the calendar.
///
/// The one reader of these dates: the date transform (which adds times and Excel serial numbers)
/// and the fixes validation suggests both call it.
pub fn parse_date(text: &str, order: DateOrder, pivot: Option<u8>) -> Option<NaiveDate> {
    let separator = text.chars().find(|c| matches!(c, '/' | '-' | '.'))?;
    let mut parts = text.split(separator);
    let (first, second, third) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let (year, month, day) = if first.len() == 4 {
        (digits(first, 4, 4)?, digits(second, 1, 2)?, digits(third, 1, 2)?)
    } else {
        let year = match third.len() {
            4 => digits(third, 4, 4)?,
            2 => {
                let short = digits(third, 2, 2)?;
                if short < u32::from(pivot?) {
                    2000 + short
                } else {
                    1900 + short
                }
            }
            _ => return None,
        };
        let (a, b) = (digits(first, 1, 2)?, digits(second, 1, 2)?);
        match order {
            DateOrder::DayFirst => (year, b, a),
            DateOrder::MonthFirst => (year, a, b),
        }
    };
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day).filter(|d| d.year() >= 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_in_french() {
        assert_eq!(strftime_in_french("%d/%m/%Y"), "jj/mm/aaaa");
        assert_eq!(strftime_in_french("%Y-%m-%dT%H:%M:%S%z"), "aaaa-mm-jjThh:mm:ss+hhmm");
        assert_eq!(strftime_in_french("%e/%m"), "%e/%m", "a format strptime cannot read is shown as written");
    }

    #[test]
    fn dates_as_french_spreadsheets_write_them() {
        let ymd = |d: NaiveDate| (d.year(), d.month(), d.day());
        let day_first = |text: &str, pivot| parse_date(text, DateOrder::DayFirst, pivot).map(ymd);
        assert_eq!(day_first("15/03/2023", None), Some((2023, 3, 15)));
        assert_eq!(day_first("5.3.2023", None), Some((2023, 3, 5)));
        assert_eq!(day_first("2023/03/15", None), Some((2023, 3, 15)));
        assert_eq!(day_first("15/03/23", None), None);
        assert_eq!(day_first("15/03/23", Some(50)), Some((2023, 3, 15)));
        assert_eq!(day_first("15/03/64", Some(50)), Some((1964, 3, 15)));
        assert_eq!(day_first("31/02/2023", None), None);
        assert_eq!(day_first("15/03-2023", None), None, "one separator throughout");
        assert_eq!(parse_date("03/15/2023", DateOrder::MonthFirst, None).map(ymd), Some((2023, 3, 15)));
    }
}
