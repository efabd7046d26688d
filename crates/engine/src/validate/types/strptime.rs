//! Python's `datetime.strptime` (C locale), for date, datetime and time fields with a custom format.

use super::iso::{from_ordinal, ordinal, valid_date};
use super::{python_int, Clock, Stamp};
use crate::dates::{DateFormat, MONTHS};
use regex::Regex;

/// A compiled `strptime` format, with Python's regular expression for each directive.
#[derive(Debug, Clone)]
pub struct DatePattern {
    regex: Regex,
    /// The format is `%Y-%m-%d`: the common `2024-03-15` is read without the regex (a fast path
    /// that gives what the regex gives, or defers to it).
    iso: bool,
    /// The format with directives spelled for a person (`jj/mm/aaaa`).
    pub human: String,
}

impl DatePattern {
    /// Compiles a strptime format. Returns the unsupported directive on failure.
    pub fn compile(format: &str) -> Result<DatePattern, String> {
        let DateFormat { regex, human } = DateFormat::compile(format)?;
        Ok(DatePattern { regex, human, iso: format == "%Y-%m-%d" })
    }

    /// Parses a date; `None` if the text does not match or is not a calendar date.
    pub fn parse_date(&self, text: &str) -> Option<(i32, u32, u32)> {
        self.parse(text).map(|stamp| stamp.date)
    }

    /// Parses a date and time as `datetime.strptime` does; `None` when Python raises.
    pub fn parse(&self, text: &str) -> Option<Stamp> {
        if self.iso {
            if let Some((year, month, day)) = iso_shape(text) {
                return Some(Stamp { date: valid_date(year, month, day)?, clock: Clock::checked(0, 0, 0, 0, None)? });
            }
        }
        let caps = self.regex.captures(text)?;
        let text_of = |name: &str| caps.name(name).map(|m| m.as_str());
        let number = |name: &str| text_of(name).and_then(python_int).and_then(|n| i64::try_from(n).ok());
        let mut year = match (number("Y"), number("y")) {
            (Some(y), _) => y,
            // Python: 69–99 → 1900s, 00–68 → 2000s.
            (None, Some(y)) => y + if y < 69 { 2000 } else { 1900 },
            (None, None) => 1900,
        };
        let name_index = |name: &str, names: &[&str]| {
            let value = text_of(name)?.to_lowercase();
            names.iter().position(|n| *n == value || n.get(..3) == Some(value.as_str())).map(|i| i as i64 + 1)
        };
        let mut month =
            number("m").or_else(|| name_index("B", &MONTHS)).or_else(|| name_index("b", &MONTHS)).unwrap_or(1);
        let mut day = number("d").unwrap_or(1);
        let hour = match (number("H"), number("I")) {
            (Some(h), _) => h,
            (None, Some(h)) => {
                let pm = text_of("p").is_some_and(|p| p.eq_ignore_ascii_case("pm"));
                match (pm, h) {
                    (false, 12) => 0,
                    (true, 12) => 12,
                    (true, h) => h + 12,
                    (false, h) => h,
                }
            }
            (None, None) => 0,
        };
        let minute = number("M").unwrap_or(0);
        let second = number("S").unwrap_or(0);
        let micro = text_of("f").map_or(Some(0), |f| format!("{f:0<6}").parse::<i64>().ok())?;
        let offset = match text_of("z") {
            None => None,
            Some(z) => Some(parse_offset(z)?),
        };
        if let Some(julian) = number("j") {
            // %j wins over the month and day (datetime.strptime).
            let start = ordinal(i32::try_from(year).ok().filter(|y| (1..=9999).contains(y))?, 1, 1);
            let (y, m, d) = from_ordinal(start + julian - 1)?;
            (year, month, day) = (i64::from(y), i64::from(m), i64::from(d));
        }
        Some(Stamp { date: valid_date(year, month, day)?, clock: Clock::checked(hour, minute, second, micro, offset)? })
    }
}

/// `AAAA-MM-JJ` in ASCII digits with a month of `01`–`12` and a day of `01`–`31`: what the regex of
/// `%Y-%m-%d` matches in these texts, with the same numbers. Anything else (`2024-3-5`, other digits,
/// spaces) goes to the regex.
fn iso_shape(text: &str) -> Option<(i64, i64, i64)> {
    let b = text.as_bytes();
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<i64> {
        let digits = b.get(range)?;
        digits.iter().all(u8::is_ascii_digit).then(|| digits.iter().fold(0, |n, d| n * 10 + i64::from(d - b'0')))
    };
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some((year, month, day))
}

/// `%z`: `Z`, `±HHMM[SS[.ffffff]]` or `±HH:MM[:SS[.ffffff]]`, strictly less than a day.
fn parse_offset(z: &str) -> Option<i32> {
    if z == "Z" {
        return Some(0);
    }
    let sign = if z.starts_with('-') { -1 } else { 1 };
    let digits: String = z.get(1..)?.split('.').next()?.chars().filter(char::is_ascii_digit).collect();
    let field = |range: std::ops::Range<usize>| digits.get(range).map_or(Some(0), |s| s.parse::<i32>().ok());
    let seconds = field(0..2)? * 3600 + field(2..4)? * 60 + field(4..6)?;
    (seconds < 86_400).then_some(sign * seconds)
}

#[cfg(test)]
mod fast_path {
    use super::DatePattern;

    /// The `%Y-%m-%d` fast path gives exactly what the regex gives.
    #[test]
    fn iso_fast_path_agrees_with_the_regex() {
        let fast = DatePattern::compile("%Y-%m-%d").unwrap();
        let slow = DatePattern { iso: false, ..fast.clone() };
        let mut texts: Vec<String> = [
            "2024-03-15",
            "2024-02-29",
            "2023-02-29",
            "2024-04-31",
            "0000-01-01",
            "0001-01-01",
            "9999-12-31",
            "2024-00-10",
            "2024-13-01",
            "2024-01-00",
            "2024-01-32",
            "2024-3-5",
            "2024-03-5",
            " 2024-03-15",
            "2024-03-15 ",
            "2024/03/15",
            "２０２４-03-15",
            "2024-03-1x",
            "+024-03-15",
            "2024-03-15T00:00",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        for y in [1900, 2000, 2023, 2024] {
            for m in 0..=13 {
                for d in 0..=32 {
                    texts.push(format!("{y:04}-{m:02}-{d:02}"));
                }
            }
        }
        for text in &texts {
            assert_eq!(fast.parse(text), slow.parse(text), "{text:?}");
        }
    }
}
