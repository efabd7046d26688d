//! Dates and datetimes: read in the common French spreadsheet forms, written in a strftime format.

use super::DateOrder;
use crate::dates::{digits, parse_date};
use crate::fr;
use chrono::{Datelike, Days, NaiveDate};

/// A date, with a time of day when the source had one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Moment {
    pub date: NaiveDate,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
    pub micro: u32,
    /// UTC offset in minutes, when the source wrote one (`Z`, `+01:00`).
    pub offset: Option<i32>,
}

/// Reads `value` and writes it in `format`. `Ok(None)`: not a date this transform reads, or one it
/// cannot write without losing something (a fraction of a second, a UTC offset).
pub(super) fn convert(
    value: &str,
    order: DateOrder,
    excel_serial: bool,
    pivot: u8,
    format: &str,
) -> Result<Option<String>, String> {
    let Some(moment) = parse(value, order, excel_serial, pivot)? else {
        return Ok(None);
    };
    let has_time = ["%H", "%I", "%M", "%S", "%T", "%-H", "%-I", "%-M", "%-S"].iter().any(|d| format.contains(d));
    if has_time {
        if moment.micro != 0 && !format.contains("%f") {
            return Ok(None);
        }
        if moment.offset.is_some() && !format.contains("%z") && !format.contains("%Z") {
            return Ok(None);
        }
    }
    Ok(write(format, &moment))
}

/// Whether `value` is a date written `yyyy-mm-dd` that exists, of a year from 1000 on: what a date
/// transform to `%Y-%m-%d` writes it as.
pub(super) fn is_iso_date(value: &str) -> bool {
    let bytes = value.as_bytes();
    let number = |range: std::ops::Range<usize>| {
        bytes
            .get(range)
            .filter(|d| d.iter().all(u8::is_ascii_digit))
            .map(|d| d.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0')))
    };
    if bytes.len() != 10 || bytes.get(4) != Some(&b'-') || bytes.get(7) != Some(&b'-') || bytes.first() == Some(&b'0') {
        return false;
    }
    match (number(0..4), number(5..7), number(8..10)) {
        (Some(year), Some(month), Some(day)) => {
            i32::try_from(year).is_ok_and(|year| NaiveDate::from_ymd_opt(year, month, day).is_some())
        }
        _ => false,
    }
}

/// Parses a date: `15/03/2023`, `5/3/23`, `2023/03/15`, `15.03.2023`, `15-03-2023`, `2023-03-15`, with an
/// optional time (`10:30`, `10:30:00`, `14h30`, `2023-03-15T10:30:00+01:00`), or an Excel serial number.
pub(super) fn parse(value: &str, order: DateOrder, excel_serial: bool, pivot: u8) -> Result<Option<Moment>, String> {
    let text = value.trim();
    if excel_serial {
        if let Some(found) = excel(text) {
            return found.map(Some);
        }
    }
    let (date_text, time_text) = split_time(text);
    let Some(date) = parse_date(date_text, order, Some(pivot)) else {
        return Ok(None);
    };
    let mut moment = Moment { date, hour: 0, minute: 0, second: 0, micro: 0, offset: None };
    if let Some(time_text) = time_text {
        match parse_time(time_text) {
            Some((hour, minute, second, micro, offset)) => {
                moment.hour = hour;
                moment.minute = minute;
                moment.second = second;
                moment.micro = micro;
                moment.offset = offset;
            }
            None => return Ok(None),
        }
    }
    Ok(Some(moment))
}

/// `2023-03-15 10:30` → (`2023-03-15`, `10:30`); `2023-03-15T10:30` too.
fn split_time(text: &str) -> (&str, Option<&str>) {
    if let Some((date, time)) = text.split_once(' ') {
        let time = time.trim();
        // « 15/03/2023 à 14h30 »
        let time = time.strip_prefix("à ").map_or(time, str::trim);
        return (date, Some(time));
    }
    if let Some(at) = text.find('T') {
        if let (Some(date), Some(time)) = (text.get(..at), text.get(at + 1..)) {
            return (date, Some(time));
        }
    }
    (text, None)
}

type Time = (u32, u32, u32, u32, Option<i32>);

/// `10:30`, `10:30:00`, `10:30:00.250`, `14h30`, `14h`, with an optional `Z`, `+01:00`, `+0100`, `+01`.
fn parse_time(text: &str) -> Option<Time> {
    let (clock, offset) = split_offset(text.trim())?;
    let (hour_text, rest) = clock.split_once([':', 'h', 'H'])?;
    let hour = digits(hour_text, 1, 2)?;
    let (minute, second, micro) = if rest.is_empty() && clock.contains(['h', 'H']) {
        (0, 0, 0)
    } else {
        let mut pieces = rest.splitn(2, ':');
        let minute = digits(pieces.next()?, 2, 2)?;
        match pieces.next() {
            None => (minute, 0, 0),
            Some(seconds) => {
                let (whole, fraction) = match seconds.split_once(['.', ',']) {
                    Some((whole, fraction)) => (whole, Some(fraction)),
                    None => (seconds, None),
                };
                let second = digits(whole, 2, 2)?;
                let micro = match fraction {
                    None => 0,
                    Some(fraction) => {
                        let six: String = fraction.chars().chain(std::iter::repeat('0')).take(6).collect();
                        if fraction.is_empty() || !fraction.bytes().all(|b| b.is_ascii_digit()) {
                            return None;
                        }
                        six.parse().ok()?
                    }
                };
                (minute, second, micro)
            }
        }
    };
    (hour <= 23 && minute <= 59 && second <= 59).then_some((hour, minute, second, micro, offset))
}

/// Splits a trailing UTC offset off a time of day. `None`: a malformed offset.
fn split_offset(text: &str) -> Option<(&str, Option<i32>)> {
    if let Some(clock) = text.strip_suffix('Z').or_else(|| text.strip_suffix(" UTC")) {
        return Some((clock.trim_end(), Some(0)));
    }
    let Some(at) = text.rfind(['+', '-']) else {
        return Some((text, None));
    };
    let (clock, zone) = (text.get(..at)?.trim_end(), text.get(at..)?);
    let sign = if zone.starts_with('-') { -1 } else { 1 };
    let zone = zone.get(1..)?.replace(':', "");
    let (hours, minutes) = match zone.len() {
        2 => (digits(&zone, 2, 2)?, 0),
        4 => (digits(zone.get(..2)?, 2, 2)?, digits(zone.get(2..)?, 2, 2)?),
        _ => return None,
    };
    let total = i32::try_from(hours * 60 + minutes).ok()?;
    (hours <= 23 && minutes <= 59).then_some((clock, Some(sign * total)))
}

/// An Excel serial number (1900 system): `45000` → 2023-03-15, `45000.4375` → 10:30. `None`: not a
/// serial number (a year such as `2023` is never read as one).
fn excel(text: &str) -> Option<Result<Moment, String>> {
    let (whole, fraction) = match text.split_once(['.', ',']) {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (text, None),
    };
    let serial = u64::from(digits(whole, 1, 7)?);
    let fraction = match fraction {
        Some(f) if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) => format!("0.{f}").parse::<f64>().ok()?,
        Some(_) => return None,
        None => 0.0,
    };
    if serial == 0 || (fraction == 0.0 && (1800..=2200).contains(&serial)) || serial > 2_958_465 {
        return None;
    }
    if serial == 60 {
        return Some(Err(fr::transform::excel_1900_02_29()));
    }
    // Excel counts 1900-02-29, a day that does not exist: serials after it are one day ahead.
    let (base, days) = if serial < 60 {
        (NaiveDate::from_ymd_opt(1899, 12, 31)?, serial)
    } else {
        (NaiveDate::from_ymd_opt(1899, 12, 30)?, serial)
    };
    // Seconds of the day, rounded; a fraction that rounds up to midnight is the next day.
    let seconds = (fraction * 86_400.0).round() as u64;
    let date = base.checked_add_days(Days::new(days + seconds / 86_400))?;
    let seconds = u32::try_from(seconds % 86_400).ok()?;
    Some(Ok(Moment {
        date,
        hour: seconds / 3600,
        minute: seconds / 60 % 60,
        second: seconds % 60,
        micro: 0,
        offset: None,
    }))
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const DAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/// Writes a moment in a strftime format, as Python does in the C locale (`%-d`: no padding, as glibc).
/// `None`: a directive this writer does not know.
pub(super) fn write(format: &str, moment: &Moment) -> Option<String> {
    let mut out = String::with_capacity(format.len() + 8);
    let mut chars = format.chars();
    let date = moment.date;
    let month_name = MONTHS.get(date.month0() as usize).copied().unwrap_or("");
    let day_name = DAYS.get(date.weekday().num_days_from_monday() as usize).copied().unwrap_or("");
    let hour12 = match moment.hour % 12 {
        0 => 12,
        h => h,
    };
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let mut directive = chars.next()?;
        let pad = if directive == '-' {
            directive = chars.next()?;
            false
        } else {
            true
        };
        let number = |value: i64, width: usize| {
            if pad {
                format!("{value:0width$}")
            } else {
                value.to_string()
            }
        };
        let text = match directive {
            'Y' => number(i64::from(date.year()), 4),
            'y' => number(i64::from(date.year().rem_euclid(100)), 2),
            'm' => number(i64::from(date.month()), 2),
            'd' => number(i64::from(date.day()), 2),
            'e' => format!("{:>2}", date.day()),
            'j' => number(i64::from(date.ordinal()), 3),
            'H' => number(i64::from(moment.hour), 2),
            'I' => number(i64::from(hour12), 2),
            'M' => number(i64::from(moment.minute), 2),
            'S' => number(i64::from(moment.second), 2),
            'f' => format!("{:06}", moment.micro),
            'p' => (if moment.hour < 12 { "AM" } else { "PM" }).to_owned(),
            'b' | 'h' => month_name.get(..3).unwrap_or("").to_owned(),
            'B' => month_name.to_owned(),
            'a' => day_name.get(..3).unwrap_or("").to_owned(),
            'A' => day_name.to_owned(),
            'u' => date.weekday().number_from_monday().to_string(),
            'w' => date.weekday().num_days_from_sunday().to_string(),
            'F' => format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day()),
            'T' => format!("{:02}:{:02}:{:02}", moment.hour, moment.minute, moment.second),
            'D' => format!("{:02}/{:02}/{:02}", date.month(), date.day(), date.year().rem_euclid(100)),
            'z' => match moment.offset {
                Some(minutes) => {
                    let sign = if minutes < 0 { '-' } else { '+' };
                    format!("{sign}{:02}{:02}", minutes.abs() / 60, minutes.abs() % 60)
                }
                None => String::new(),
            },
            'Z' => match moment.offset {
                Some(0) => "UTC".to_owned(),
                _ => String::new(),
            },
            '%' => "%".to_owned(),
            _ => return None,
        };
        out.push_str(&text);
    }
    Some(out)
}
