//! dateutil 2.8's `isoparse` (what frictionless uses for default `datetime` and `time` fields), and
//! the calendar arithmetic the date parsers share.

use super::{days_in_month, python_int, Clock, Stamp};

/// Days since 0001-01-01 (Python's `date.toordinal() - 1`).
pub fn ordinal(year: i32, month: u32, day: u32) -> i64 {
    let y = i64::from(year) - 1;
    let mut days = y * 365 + y / 4 - y / 100 + y / 400;
    for m in 1..month {
        days += i64::from(days_in_month(year, m));
    }
    days + i64::from(day) - 1
}

/// The inverse of [`ordinal`]; `None` outside years 1–9999.
pub fn from_ordinal(days: i64) -> Option<(i32, u32, u32)> {
    if days < 0 {
        return None;
    }
    // 400 years are 146097 days.
    let mut year = (days / 146_097 * 400 + 1) as i32;
    let mut rest = days % 146_097;
    loop {
        let length = if days_in_month(year, 2) == 29 { 366 } else { 365 };
        if rest < length {
            break;
        }
        rest -= length;
        year += 1;
    }
    let mut month = 1;
    while rest >= i64::from(days_in_month(year, month)) {
        rest -= i64::from(days_in_month(year, month));
        month += 1;
    }
    (1..=9999).contains(&year).then_some((year, month, rest as u32 + 1))
}

/// A valid Gregorian date of years 1–9999.
pub fn valid_date(year: i64, month: i64, day: i64) -> Option<(i32, u32, u32)> {
    let (year, month, day) = (i32::try_from(year).ok()?, u32::try_from(month).ok()?, u32::try_from(day).ok()?);
    ((1..=9999).contains(&year) && (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
        .then_some((year, month, day))
}

fn int(text: &str) -> Option<i64> {
    python_int(text).and_then(|v| i64::try_from(v).ok())
}

/// `dateutil.parser.isoparse`: a date, then optionally any one character and a time.
pub fn isoparse(text: &str) -> Option<Stamp> {
    if !text.is_ascii() {
        return None;
    }
    let (date, pos) = isodate_common(text).or_else(|| isodate_uncommon(text))?;
    let clock = match text.get(pos..) {
        Some(rest) if !rest.is_empty() => isotime(rest.get(1..)?)?,
        _ => Clock::default(),
    };
    let (y, m, d) = valid_date(date.0, date.1, date.2)?;
    if clock.hour == 24 {
        let next = from_ordinal(ordinal(y, m, d) + 1)?;
        return Some(Stamp { date: next, clock: Clock { hour: 0, ..clock } });
    }
    Some(Stamp { date: (y, m, d), clock })
}

fn isodate_common(s: &str) -> Option<((i64, i64, i64), usize)> {
    let len = s.len();
    if len < 4 {
        return None;
    }
    let year = int(s.get(0..4)?)?;
    let mut pos = 4;
    if pos >= len {
        return Some(((year, 1, 1), pos));
    }
    let sep = s.get(pos..=pos) == Some("-");
    if sep {
        pos += 1;
    }
    if len - pos < 2 {
        return None;
    }
    let month = int(s.get(pos..pos + 2)?)?;
    pos += 2;
    if pos >= len {
        return sep.then_some(((year, month, 1), pos));
    }
    if sep {
        if s.get(pos..=pos) != Some("-") {
            return None;
        }
        pos += 1;
    }
    if len - pos < 2 {
        return None;
    }
    let day = int(s.get(pos..pos + 2)?)?;
    Some(((year, month, day), pos + 2))
}

fn isodate_uncommon(s: &str) -> Option<((i64, i64, i64), usize)> {
    if s.len() < 4 {
        return None;
    }
    let year = int(s.get(0..4)?)?;
    let sep = s.get(4..5) == Some("-");
    let mut pos = 4 + usize::from(sep);
    let year32 = i32::try_from(year).ok().filter(|y| (1..=9999).contains(y))?;
    let days = if s.get(pos..=pos) == Some("W") {
        pos += 1;
        let week = int(s.get(pos..pos + 2).unwrap_or(s.get(pos..)?))?;
        pos += 2;
        let mut day = 1;
        if s.len() > pos {
            if (s.get(pos..=pos) == Some("-")) != sep {
                return None;
            }
            pos += usize::from(sep);
            day = int(s.get(pos..=pos)?)?;
            pos += 1;
        }
        if !(1..54).contains(&week) || !(1..8).contains(&day) {
            return None;
        }
        let jan4 = ordinal(year32, 1, 4);
        // Python's ordinal 1 (0001-01-01) is a Monday: weekday = ordinal % 7 with Monday = 0.
        let week1 = jan4 - jan4.rem_euclid(7);
        week1 + (week - 1) * 7 + (day - 1)
    } else {
        if s.len() < pos + 3 {
            return None;
        }
        let day = int(s.get(pos..pos + 3)?)?;
        pos += 3;
        let leap = days_in_month(year32, 2) == 29;
        if day < 1 || day > 365 + i64::from(leap) {
            return None;
        }
        ordinal(year32, 1, 1) + day - 1
    };
    let (y, m, d) = from_ordinal(days)?;
    Some(((i64::from(y), i64::from(m), i64::from(d)), pos))
}

/// dateutil's `_parse_isotime`: `hh[[:]mm[[:]ss[.ffffff]]]` then an optional offset.
pub fn isotime(s: &str) -> Option<Clock> {
    let len = s.len();
    if len < 2 {
        return None;
    }
    let mut parts = [0i64; 4];
    let mut offset = None;
    let mut pos = 0;
    let mut comp: i32 = -1;
    let mut has_sep = false;
    while pos < len && comp < 5 {
        comp += 1;
        if matches!(s.get(pos..=pos), Some("-" | "+" | "Z" | "z")) {
            offset = Some(tzstr(s.get(pos..)?)?);
            pos = len;
            break;
        }
        if comp == 1 && s.get(pos..=pos) == Some(":") {
            has_sep = true;
            pos += 1;
        } else if comp == 2 && has_sep {
            if s.get(pos..=pos) != Some(":") {
                return None;
            }
            pos += 1;
        }
        if comp < 3 {
            let end = (pos + 2).min(len);
            *parts.get_mut(comp as usize)? = int(s.get(pos..end)?)?;
            pos += 2;
        }
        if comp == 3 {
            let rest = s.get(pos..).unwrap_or("");
            let Some(digits) = rest.strip_prefix(['.', ',']) else { continue };
            let count = digits.bytes().take_while(u8::is_ascii_digit).count();
            if count == 0 {
                continue;
            }
            let kept = digits.get(..count.min(6))?;
            parts[3] = int(kept)? * 10i64.pow(6 - kept.len() as u32);
            pos += 1 + count;
        }
    }
    if pos < len {
        return None;
    }
    let [hour, minute, second, micro] = parts;
    if hour == 24 && (minute != 0 || second != 0 || micro != 0) {
        return None;
    }
    let ok = (0..=24).contains(&hour) && (0..60).contains(&minute) && (0..60).contains(&second);
    ok.then_some(Clock { hour: hour as u32, minute: minute as u32, second: second as u32, micro: micro as u32, offset })
}

/// `Z`, `±HH`, `±HHMM`, `±HH:MM`, in seconds east of UTC.
fn tzstr(s: &str) -> Option<i32> {
    if s == "Z" || s == "z" {
        return Some(0);
    }
    if ![3, 5, 6].contains(&s.len()) {
        return None;
    }
    let sign = match s.get(0..1)? {
        "-" => -1,
        "+" => 1,
        _ => return None,
    };
    let hours = int(s.get(1..3)?)?;
    let minutes = if s.len() == 3 { 0 } else { int(s.get(if s.get(3..4) == Some(":") { 4 } else { 3 }..)?)? };
    if (hours != 0 || minutes != 0) && (minutes > 59 || hours > 23) {
        return None;
    }
    Some(sign * (hours * 3600 + minutes * 60) as i32)
}
