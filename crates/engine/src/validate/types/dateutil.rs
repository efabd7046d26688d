//! dateutil 2.8's `parser.parse()` with its defaults (month first, year last, not fuzzy, English
//! names), for `date` and `datetime` fields whose format is `any`. A faithful port of its token
//! rules; what a missing part takes from "today" comes from [`today`].

use super::iso::valid_date;
use super::{days_in_month, Clock, Stamp};
use std::sync::atomic::{AtomicI64, Ordering};

/// Today as Python's `datetime.now()` would give it, `yyyymmdd`; set by the host (`set_today`).
static TODAY: AtomicI64 = AtomicI64::new(20_260_101);

/// Sets the date dateutil fills missing parts from (and centres two-digit years on).
pub fn set_today(year: i32, month: u32, day: u32) {
    if valid_date(i64::from(year), i64::from(month), i64::from(day)).is_some() {
        TODAY.store(i64::from(year) * 10_000 + i64::from(month) * 100 + i64::from(day), Ordering::Relaxed);
    }
}

fn today() -> (i64, i64, i64) {
    let t = TODAY.load(Ordering::Relaxed);
    (t / 10_000, t / 100 % 100, t % 100)
}

const JUMP: [&str; 18] =
    [" ", ".", ",", ";", "-", "/", "'", "at", "on", "and", "ad", "m", "t", "of", "st", "nd", "rd", "th"];
const MONTHS: [&[&str]; 12] = [
    &["jan", "january"],
    &["feb", "february"],
    &["mar", "march"],
    &["apr", "april"],
    &["may"],
    &["jun", "june"],
    &["jul", "july"],
    &["aug", "august"],
    &["sep", "sept", "september"],
    &["oct", "october"],
    &["nov", "november"],
    &["dec", "december"],
];
const WEEKDAYS: [&[&str]; 7] = [
    &["mon", "monday"],
    &["tue", "tuesday"],
    &["wed", "wednesday"],
    &["thu", "thursday"],
    &["fri", "friday"],
    &["sat", "saturday"],
    &["sun", "sunday"],
];

fn jump(token: &str) -> bool {
    JUMP.contains(&token.to_lowercase().as_str())
}
fn month(token: &str) -> Option<i64> {
    let t = token.to_lowercase();
    MONTHS.iter().position(|names| names.contains(&t.as_str())).map(|i| i as i64 + 1)
}
fn weekday(token: &str) -> bool {
    let t = token.to_lowercase();
    WEEKDAYS.iter().any(|names| names.contains(&t.as_str()))
}
fn hms(token: &str) -> Option<u8> {
    match token.to_lowercase().as_str() {
        "h" | "hour" | "hours" => Some(0),
        "m" | "minute" | "minutes" => Some(1),
        "s" | "second" | "seconds" => Some(2),
        _ => None,
    }
}
fn ampm(token: &str) -> Option<bool> {
    match token.to_lowercase().as_str() {
        "am" | "a" => Some(false),
        "pm" | "p" => Some(true),
        _ => None,
    }
}
fn is_digits(token: &str) -> bool {
    !token.is_empty() && token.chars().all(|c| c.is_ascii_digit())
}
/// Python's `float(token)` for the tokens the lexer makes (digits, one dot).
fn number(token: &str) -> Option<f64> {
    let ok = !token.is_empty()
        && token.chars().all(|c| c.is_ascii_digit() || c == '.')
        && token.chars().filter(|c| *c == '.').count() <= 1
        && token != ".";
    ok.then(|| token.parse::<f64>().ok()).flatten()
}
fn int(token: &str) -> Option<i64> {
    if is_digits(token) {
        token.parse().ok()
    } else {
        None
    }
}

/// dateutil's `_timelex.split`.
fn split(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().filter(|c| *c != '\0').collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let Some(&first) = chars.get(i) else { break };
        i += 1;
        let mut token = first.to_string();
        let mut state = if first.is_alphabetic() {
            'a'
        } else if first.is_numeric() {
            '0'
        } else if first.is_whitespace() {
            tokens.push(" ".to_owned());
            continue;
        } else {
            tokens.push(token);
            continue;
        };
        let mut dotted = false;
        let mut seen_letters = false;
        while let Some(&c) = chars.get(i) {
            let last = token.chars().last().unwrap_or(' ');
            let take = match (state, dotted) {
                ('a', false) => {
                    seen_letters = true;
                    if c.is_alphabetic() {
                        true
                    } else if c == '.' {
                        dotted = true;
                        true
                    } else {
                        false
                    }
                }
                ('0', false) => {
                    if c.is_numeric() {
                        true
                    } else if c == '.' || (c == ',' && token.chars().count() >= 2) {
                        dotted = true;
                        true
                    } else {
                        false
                    }
                }
                ('a', true) => {
                    seen_letters = true;
                    if c == '.' || c.is_alphabetic() {
                        true
                    } else if c.is_numeric() && last == '.' {
                        state = '0';
                        true
                    } else {
                        false
                    }
                }
                (_, _) => {
                    if c == '.' || c.is_numeric() {
                        true
                    } else if c.is_alphabetic() && last == '.' {
                        state = 'a';
                        true
                    } else {
                        false
                    }
                }
            };
            if !take {
                break;
            }
            token.push(c);
            i += 1;
        }
        if dotted && (seen_letters || token.matches('.').count() > 1 || token.ends_with(['.', ','])) {
            // Split on the dots and commas, keeping them as tokens.
            let mut part = String::new();
            for c in token.chars() {
                if c == '.' || c == ',' {
                    if !part.is_empty() {
                        tokens.push(std::mem::take(&mut part));
                    }
                    tokens.push(c.to_string());
                } else {
                    part.push(c);
                }
            }
            if !part.is_empty() {
                tokens.push(part);
            }
            continue;
        }
        if state == '0' && dotted && !token.contains('.') {
            token = token.replace(',', ".");
        }
        tokens.push(token);
    }
    tokens
}

#[derive(Default)]
struct Ymd {
    values: Vec<i64>,
    century: bool,
    y: Option<usize>,
    m: Option<usize>,
    d: Option<usize>,
}

impl Ymd {
    /// `_ymd.append`: a token (text) or a value; more than 2 digits, or over 100, is a year.
    fn append(&mut self, text: Option<&str>, value: f64, label: Option<char>) -> Option<()> {
        let mut label = label;
        let is_year = match text {
            Some(t) => {
                let digits = is_digits(t);
                if !digits {
                    // int() of a non-numeric text fails.
                    t.parse::<i64>().ok()?;
                }
                digits && t.len() > 2
            }
            None => value > 100.0,
        };
        if is_year {
            self.century = true;
            if label.is_some_and(|l| l != 'Y') {
                return None;
            }
            label = Some('Y');
        }
        let int = match text {
            Some(t) => t.parse::<i64>().ok()?,
            None => value.trunc() as i64,
        };
        self.values.push(int);
        let index = self.values.len() - 1;
        let slot = match label {
            Some('M') => &mut self.m,
            Some('D') => &mut self.d,
            Some('Y') => &mut self.y,
            _ => return Some(()),
        };
        if slot.is_some() {
            return None;
        }
        *slot = Some(index);
        Some(())
    }

    fn could_be_day(&self, value: f64) -> bool {
        if self.d.is_some() {
            return false;
        }
        let month = self.m.and_then(|i| self.values.get(i).copied());
        let year = self.y.and_then(|i| self.values.get(i).copied());
        let last = match (month, year) {
            (None, _) => 31,
            (Some(m), None) => days_in_month(2000, m as u32),
            (Some(m), Some(y)) => days_in_month(y as i32, m as u32),
        };
        value >= 1.0 && value <= f64::from(last)
    }

    fn resolve(&self) -> Option<(Option<i64>, Option<i64>, Option<i64>)> {
        let v = &self.values;
        let get = |i: usize| v.get(i).copied();
        let strids = [self.y, self.m, self.d].iter().filter(|s| s.is_some()).count();
        if (v.len() == strids && strids > 0) || (v.len() == 3 && strids == 2) {
            let (mut y, mut m, mut d) = (self.y, self.m, self.d);
            if v.len() == 3 && strids == 2 {
                let missing = (0..3).find(|i| ![y, m, d].contains(&Some(*i)));
                if y.is_none() {
                    y = missing;
                } else if m.is_none() {
                    m = missing;
                } else {
                    d = missing;
                }
            }
            return Some((y.and_then(get), m.and_then(get), d.and_then(get)));
        }
        let (a, b, c) = (get(0), get(1), get(2));
        match v.len() {
            0 => Some((None, None, None)),
            n if n > 3 => None,
            n if n == 1 || (self.m.is_some() && n == 2) => {
                let (mut year, mut month, mut day) = (None, None, None);
                let other = if let Some(mi) = self.m {
                    month = get(mi);
                    // Python's self[mstridx - 1]: index -1 is the last one.
                    if mi == 0 {
                        v.last().copied()
                    } else {
                        get(mi - 1)
                    }
                } else {
                    a
                };
                if n > 1 || self.m.is_none() {
                    match other {
                        Some(o) if o > 31 => year = Some(o),
                        o => day = o,
                    }
                }
                Some((year, month, day))
            }
            2 => {
                let (a, b) = (a?, b?);
                Some(if a > 31 {
                    (Some(a), Some(b), None)
                } else if b > 31 {
                    (Some(b), Some(a), None)
                } else {
                    (None, Some(a), Some(b))
                })
            }
            _ => {
                let (a, b, c) = (a?, b?, c?);
                Some(match self.m {
                    Some(0) if b > 31 => (Some(b), Some(a), Some(c)),
                    Some(0) => (Some(c), Some(a), Some(b)),
                    Some(1) if a > 31 => (Some(a), Some(b), Some(c)),
                    Some(1) => (Some(c), Some(b), Some(a)),
                    Some(_) if b > 31 => (Some(b), Some(c), Some(a)),
                    Some(_) => (Some(a), Some(c), Some(b)),
                    None if a > 31 || self.y == Some(0) => (Some(a), Some(b), Some(c)),
                    None if a > 12 => (Some(c), Some(b), Some(a)),
                    None => (Some(c), Some(a), Some(b)),
                })
            }
        }
    }
}

#[derive(Default)]
struct Res {
    hour: Option<i64>,
    minute: Option<i64>,
    second: Option<i64>,
    micro: Option<i64>,
    ampm: bool,
    weekday: bool,
    tzname: bool,
    tzoffset: Option<i32>,
}

/// `Decimal(text)`, finite, for the numeric tokens.
fn decimal(token: &str) -> Option<f64> {
    number(token).filter(|f| f.is_finite())
}

fn parse_ms(token: &str) -> Option<(i64, i64)> {
    match token.split_once('.') {
        None => Some((int(token)?, 0)),
        Some((i, f)) => Some((int(i)?, int(format!("{f:0<6}").get(..6)?)?)),
    }
}

fn min_sec(value: f64) -> (i64, Option<i64>) {
    let fraction = value.fract();
    (value.trunc() as i64, (fraction != 0.0).then(|| (60.0 * fraction).trunc() as i64))
}

fn adjust_ampm(hour: i64, pm: bool) -> i64 {
    if hour < 12 && pm {
        hour + 12
    } else if hour == 12 && !pm {
        0
    } else {
        hour
    }
}

fn find_hms(i: usize, l: &[String]) -> Option<usize> {
    let at = |k: usize| l.get(k).map(String::as_str);
    if at(i + 1).and_then(hms).is_some() {
        Some(i + 1)
    } else if at(i + 1) == Some(" ") && at(i + 2).and_then(hms).is_some() {
        Some(i + 2)
    } else if i > 0 && at(i - 1).and_then(hms).is_some() {
        Some(i - 1)
    } else if i > 1 && i == l.len() - 1 && at(i - 1) == Some(" ") && at(i - 2).and_then(hms).is_some() {
        Some(i - 2)
    } else {
        None
    }
}

fn numeric(l: &[String], mut i: usize, ymd: &mut Ymd, res: &mut Res) -> Option<usize> {
    let at = |k: usize| l.get(k).map(String::as_str);
    let repr = at(i)?;
    let value = decimal(repr)?;
    let len = repr.len();
    let n = l.len();
    if ymd.values.len() == 3
        && (len == 2 || len == 4)
        && res.hour.is_none()
        && (i + 1 >= n || (at(i + 1) != Some(":") && at(i + 1).and_then(hms).is_none()))
    {
        res.hour = Some(int(repr.get(..2)?)?);
        if len == 4 {
            res.minute = Some(int(repr.get(2..)?)?);
        }
    } else if len == 6 || (len > 6 && repr.find('.') == Some(6)) {
        if ymd.values.is_empty() && !repr.contains('.') {
            ymd.append(Some(repr.get(..2)?), 0.0, None)?;
            ymd.append(Some(repr.get(2..4)?), 0.0, None)?;
            ymd.append(Some(repr.get(4..)?), 0.0, None)?;
        } else {
            res.hour = Some(int(repr.get(..2)?)?);
            res.minute = Some(int(repr.get(2..4)?)?);
            let (s, us) = parse_ms(repr.get(4..)?)?;
            (res.second, res.micro) = (Some(s), Some(us));
        }
    } else if len == 8 || len == 12 || len == 14 {
        ymd.append(Some(repr.get(..4)?), 0.0, Some('Y'))?;
        ymd.append(Some(repr.get(4..6)?), 0.0, None)?;
        ymd.append(Some(repr.get(6..8)?), 0.0, None)?;
        if len > 8 {
            res.hour = Some(int(repr.get(8..10)?)?);
            res.minute = Some(int(repr.get(10..12)?)?);
            if len > 12 {
                res.second = Some(int(repr.get(12..)?)?);
            }
        }
    } else if let Some(hms_idx) = find_hms(i, l) {
        let kind = if hms_idx > i {
            i = hms_idx;
            hms(at(hms_idx)?)?
        } else {
            hms(at(hms_idx)?)? + 1
        };
        match kind {
            0 => {
                res.hour = Some(value.trunc() as i64);
                if value.fract() != 0.0 {
                    res.minute = Some((60.0 * value.fract()).trunc() as i64);
                }
            }
            1 => {
                let (m, s) = min_sec(value);
                res.minute = Some(m);
                if s.is_some() {
                    res.second = s;
                }
            }
            2 => {
                let (s, us) = parse_ms(repr)?;
                (res.second, res.micro) = (Some(s), Some(us));
            }
            _ => {}
        }
    } else if i + 2 < n && at(i + 1) == Some(":") {
        res.hour = Some(value.trunc() as i64);
        let (m, s) = min_sec(decimal(at(i + 2)?)?);
        res.minute = Some(m);
        res.second = s;
        if i + 4 < n && at(i + 3) == Some(":") {
            let (s, us) = parse_ms(at(i + 4)?)?;
            (res.second, res.micro) = (Some(s), Some(us));
            i += 2;
        }
        i += 2;
    } else if i + 1 < n && matches!(at(i + 1), Some("-" | "/" | ".")) {
        let sep = at(i + 1)?;
        ymd.append(Some(repr), value, None)?;
        if i + 2 < n && !jump(at(i + 2)?) {
            let next = at(i + 2)?;
            if is_digits(next) {
                ymd.append(Some(next), 0.0, None)?;
            } else {
                ymd.append(None, month(next)? as f64, Some('M'))?;
            }
            if i + 3 < n && at(i + 3) == Some(sep) {
                let last = at(i + 4)?;
                match month(last) {
                    Some(m) => ymd.append(None, m as f64, Some('M'))?,
                    None => ymd.append(Some(last), 0.0, None)?,
                }
                i += 2;
            }
            i += 1;
        }
        i += 1;
    } else if i + 1 >= n || jump(at(i + 1)?) {
        if let Some(pm) = at(i + 2).and_then(ampm) {
            res.hour = Some(adjust_ampm(value.trunc() as i64, pm));
            i += 1;
        } else {
            ymd.append(None, value, None)?;
        }
        i += 1;
    } else if let Some(pm) = at(i + 1).and_then(ampm).filter(|_| (0.0..24.0).contains(&value)) {
        res.hour = Some(adjust_ampm(value.trunc() as i64, pm));
        i += 1;
    } else if ymd.could_be_day(value) {
        ymd.append(None, value, None)?;
    } else {
        return None;
    }
    Some(i)
}

/// `dateutil.parser.parse(text)`: the date and time, `None` when dateutil raises.
pub fn parse(text: &str) -> Option<Stamp> {
    let mut l = split(text);
    let mut ymd = Ymd::default();
    let mut res = Res::default();
    let n = l.len();
    let mut i = 0;
    while i < n {
        let token = l.get(i)?.clone();
        let at = |k: usize| l.get(k).map(String::as_str);
        if number(&token).is_some() {
            i = numeric(&l, i, &mut ymd, &mut res)?;
        } else if weekday(&token) {
            res.weekday = true;
        } else if let Some(m) = month(&token) {
            ymd.append(None, m as f64, Some('M'))?;
            if i + 1 < n {
                if matches!(at(i + 1), Some("-" | "/")) {
                    let sep = at(i + 1)?.to_owned();
                    ymd.append(Some(at(i + 2)?), 0.0, None)?;
                    if i + 3 < n && at(i + 3) == Some(sep.as_str()) {
                        ymd.append(Some(at(i + 4)?), 0.0, None)?;
                        i += 2;
                    }
                    i += 2;
                } else if i + 4 < n
                    && at(i + 1) == Some(" ")
                    && at(i + 3) == Some(" ")
                    && at(i + 2).is_some_and(|t| t.eq_ignore_ascii_case("of"))
                {
                    if let Some(year) = at(i + 4).and_then(int) {
                        let year = convert_year(year, false);
                        ymd.append(Some(&year.to_string()), 0.0, Some('Y'))?;
                    }
                    i += 4;
                }
            }
        } else if let Some(pm) = ampm(&token) {
            let hour = res.hour.filter(|h| (0..=12).contains(h))?;
            res.hour = Some(adjust_ampm(hour, pm));
            res.ampm = true;
        } else if res.hour.is_some()
            && !res.tzname
            && res.tzoffset.is_none()
            && token.chars().count() <= 5
            && (token.chars().all(|c| c.is_ascii_uppercase()) || ["UTC", "GMT", "Z", "z"].contains(&token.as_str()))
        {
            res.tzname = true;
            let utc = ["UTC", "GMT", "Z", "z"].contains(&token.as_str());
            res.tzoffset = utc.then_some(0);
            if let Some(sign) = l.get_mut(i + 1).filter(|s| *s == "+" || *s == "-") {
                *sign = if sign == "+" { "-".into() } else { "+".into() };
                res.tzoffset = None;
                if utc {
                    res.tzname = false;
                }
            }
        } else if res.hour.is_some() && (token == "+" || token == "-") {
            let sign = if token == "+" { 1 } else { -1 };
            let next = at(i + 1)?;
            let (h, m) = if next.len() == 4 {
                (int(next.get(..2)?)?, int(next.get(2..)?)?)
            } else if i + 2 < n && at(i + 2) == Some(":") {
                let pair = (int(next)?, int(at(i + 3)?)?);
                i += 2;
                pair
            } else if next.len() <= 2 {
                (int(next)?, 0)
            } else {
                return None;
            };
            res.tzoffset = Some(sign * (h * 3600 + m * 60) as i32);
            i += 1;
        } else if !jump(&token) {
            return None;
        }
        i += 1;
    }
    let (year, month, day) = ymd.resolve()?;
    let anything = year.is_some()
        || month.is_some()
        || day.is_some()
        || res.weekday
        || res.hour.is_some()
        || res.minute.is_some()
        || res.second.is_some()
        || res.micro.is_some()
        || res.tzname
        || res.tzoffset.is_some()
        || res.ampm;
    if !anything {
        return None;
    }
    let year = year.map(|y| convert_year(y, ymd.century));
    let (ty, tm, td) = today();
    let (cy, cm) = (year.unwrap_or(ty), month.unwrap_or(tm));
    let day = match day {
        Some(d) => d,
        None => {
            let last = i64::from(days_in_month(
                i32::try_from(cy).ok()?,
                u32::try_from(cm).ok().filter(|m| (1..=12).contains(m))?,
            ));
            td.min(last)
        }
    };
    let date = valid_date(cy, cm, day)?;
    let (hour, minute, second, micro) =
        (res.hour.unwrap_or(0), res.minute.unwrap_or(0), res.second.unwrap_or(0), res.micro.unwrap_or(0));
    Some(Stamp { date, clock: Clock::checked(hour, minute, second, micro, res.tzoffset)? })
}

/// Two-digit years go to the century that puts them within 50 years of today.
fn convert_year(year: i64, century_specified: bool) -> i64 {
    if year < 100 && !century_specified && year >= 0 {
        let this_year = today().0;
        let mut year = year + this_year / 100 * 100;
        if year >= this_year + 50 {
            year -= 100;
        } else if year < this_year - 50 {
            year += 100;
        }
        year
    } else {
        year
    }
}
