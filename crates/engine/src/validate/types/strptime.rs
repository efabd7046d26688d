//! Python's `datetime.strptime` (C locale), for date, datetime and time fields with a custom format.

use super::iso::{from_ordinal, ordinal, valid_date};
use super::{python_int, Clock, Stamp};
use regex::Regex;

const MONTHS: [&str; 12] = [
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
        push_format(format, &mut regex, &mut human, 0)?;
        regex.push_str(r"\z");
        let regex = Regex::new(&regex).map_err(|e| e.to_string())?;
        Ok(DatePattern { regex, human })
    }

    /// Parses a date; `None` if the text does not match or is not a calendar date.
    pub fn parse_date(&self, text: &str) -> Option<(i32, u32, u32)> {
        self.parse(text).map(|stamp| stamp.date)
    }

    /// Parses a date and time as `datetime.strptime` does; `None` when Python raises.
    pub fn parse(&self, text: &str) -> Option<Stamp> {
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
