//! Numbers written the French way, or with units, written plainly.

use super::{DecimalSource, Percent};
use crate::text::is_space;

/// Units and currencies dropped after a number (compared in lower case).
const UNITS: &[&str] = &["€", "euros", "euro", "eur", "eur.", "ht", "ttc", "kw", "kwh", "$", "£"];

/// A number read from text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Parsed {
    pub negative: bool,
    /// The integer digits, as written (no separators).
    pub whole: String,
    /// The decimal digits, as written.
    pub fraction: String,
    pub percent: bool,
}

/// `value` written plainly; `None` when it is not a number this transform reads.
pub(super) fn convert(
    value: &str,
    decimal: DecimalSource,
    percent: Percent,
    integer: bool,
    decimal_char: &str,
) -> Option<String> {
    let mut parsed = parse(value, decimal)?;
    if parsed.percent && percent == Percent::Fraction {
        shift_two_places(&mut parsed);
    }
    if integer {
        if parsed.fraction.bytes().any(|b| b != b'0') {
            return None;
        }
        parsed.fraction.clear();
    }
    let mut out = String::with_capacity(parsed.whole.len() + parsed.fraction.len() + 2);
    if parsed.negative && (parsed.whole.bytes().any(|b| b != b'0') || parsed.fraction.bytes().any(|b| b != b'0')) {
        out.push('-');
    }
    out.push_str(&parsed.whole);
    if !parsed.fraction.is_empty() {
        out.push_str(decimal_char);
        out.push_str(&parsed.fraction);
    }
    Some(out)
}

/// `12,5 %` → 0.125: the decimal point moves two places left; zeros the shift adds at the end go.
fn shift_two_places(parsed: &mut Parsed) {
    let padded = format!("{:0>3}", parsed.whole);
    let split = padded.len() - 2;
    let (whole, moved) = padded.split_at(split);
    let whole = whole.trim_start_matches('0');
    parsed.whole = if whole.is_empty() { "0".into() } else { whole.into() };
    let fraction = format!("{moved}{}", parsed.fraction);
    parsed.fraction = fraction.trim_end_matches('0').to_owned();
}

/// Reads `1 234,50`, `1.234,50`, `1,234.50`, `-12`, `12 %`, `50 000 euros`, `12 €`, `1 200 EUR`,
/// `22 kW`. `None`: anything else (text, `1e5`, a malformed grouping such as `12 34`).
pub(super) fn parse(value: &str, decimal: DecimalSource) -> Option<Parsed> {
    let mut text = value.trim_matches(is_space);
    let mut percent = false;
    // Trailing units, currency and a percent sign, in any order (`12 € HT`, `12%`).
    loop {
        let before = text;
        if let Some(rest) = text.strip_suffix('%') {
            if percent {
                return None;
            }
            percent = true;
            text = rest.trim_end_matches(is_space);
        }
        let lower = text.to_lowercase();
        if let Some(unit) = UNITS.iter().find(|unit| {
            lower.ends_with(*unit)
                && lower
                    .get(..lower.len() - unit.len())
                    .and_then(|head| head.chars().last())
                    .is_some_and(|c| !c.is_alphabetic())
        }) {
            // Lower-casing keeps these units' byte lengths, so the cut falls at the same place.
            let cut = text.len().checked_sub(unit.len()).and_then(|end| text.get(..end));
            text = cut.unwrap_or(text).trim_end_matches(is_space);
        }
        if text == before {
            break;
        }
    }
    // A leading currency sign: `€ 12`.
    text = text.strip_prefix('€').map_or(text, |rest| rest.trim_start_matches(is_space));
    let (negative, body) = match text.chars().next()? {
        '-' | '−' | '–' => (true, text.get(text.chars().next()?.len_utf8()..)?.trim_start_matches(is_space)),
        '+' => (false, text.get(1..)?.trim_start_matches(is_space)),
        _ => (false, text),
    };
    if !body.starts_with(|c: char| c.is_ascii_digit()) || !body.ends_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    if !body.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.' || is_space(c)) {
        return None;
    }
    let commas = body.matches(',').count();
    let dots = body.matches('.').count();
    // The decimal separator, if any; the other punctuation groups thousands.
    let decimal_sep = match (commas, dots) {
        (0, 0) => None,
        (_, 0) => match decimal {
            DecimalSource::Point => None,
            _ if commas == 1 => Some(','),
            _ => None,
        },
        (0, _) => match decimal {
            DecimalSource::Comma => None,
            _ if dots == 1 => Some('.'),
            _ => None,
        },
        _ => {
            let last = body.rfind([',', '.'])?;
            let sep = if body.get(last..)?.starts_with(',') { ',' } else { '.' };
            let wanted = match decimal {
                DecimalSource::Auto => sep,
                DecimalSource::Comma => ',',
                DecimalSource::Point => '.',
            };
            if sep != wanted || body.matches(sep).count() != 1 {
                return None;
            }
            Some(sep)
        }
    };
    let (whole_text, fraction) = match decimal_sep {
        Some(sep) => {
            let (whole, fraction) = body.split_once(sep)?;
            if !fraction.bytes().all(|b| b.is_ascii_digit()) || fraction.is_empty() {
                return None;
            }
            (whole, fraction)
        }
        None => (body, ""),
    };
    let whole = ungroup(whole_text)?;
    Some(Parsed { negative, whole, fraction: fraction.to_owned(), percent })
}

/// The digits of an integer part grouped by thousands with one kind of separator (`1 234 567`,
/// `1.234.567`); `None` for a grouping that is not by thousands.
fn ungroup(text: &str) -> Option<String> {
    let separators: Vec<char> = text.chars().filter(|c| !c.is_ascii_digit()).collect();
    if separators.is_empty() {
        return Some(text.to_owned());
    }
    let spaces = separators.iter().all(|c| is_space(*c));
    let same = spaces || separators.windows(2).all(|pair| pair.first() == pair.get(1));
    if !same {
        return None;
    }
    let groups: Vec<&str> = text.split(|c: char| !c.is_ascii_digit()).collect();
    let (first, rest) = groups.split_first()?;
    if first.is_empty() || first.len() > 3 || rest.iter().any(|g| g.len() != 3) {
        return None;
    }
    Some(groups.concat())
}
