//! Suggested fixes: for a cell with an issue, rewritings a person would make without a second thought
//! (`15/03/2023` → `2023-03-15`, `40 000,50` → `40000.50`, `Oui` → `true`, `217 400 423 00018` →
//! `21740042300018`, an enum value with the wrong case or accents → the allowed spelling). The caller
//! keeps the first candidate that passes every check of the field, so a fix is never itself an error.

use super::types::{Kind, StringFormat};
use crate::dates::{parse_date, DateOrder};
use crate::text::{is_space, normalize_label};
use chrono::Datelike;

/// Candidate rewritings of `text` for a field of `kind`, most specific first.
pub(super) fn candidates(kind: &Kind, text: &str, allowed: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let trimmed = text.trim();
    let collapsed = trimmed.split_whitespace().collect::<Vec<_>>().join(" ");
    // An allowed value written with another case, accents or spacing.
    let wanted = normalize_label(&collapsed);
    let matching: Vec<&String> = allowed.iter().filter(|a| normalize_label(a) == wanted).collect();
    if let [only] = matching.as_slice() {
        out.push((*only).clone());
    }
    match kind {
        Kind::Number { .. } | Kind::Integer { .. } => {
            let without_currency = trimmed
                .trim_end_matches(|c: char| c.is_whitespace() || c == '€')
                .trim_end_matches("euros")
                .trim_end_matches("EUR")
                .trim_end();
            let digits: String = without_currency.chars().filter(|c| !is_space(*c)).collect();
            out.push(digits.replace(',', "."));
            if let Some(integral) = digits.strip_suffix(",00").or_else(|| digits.strip_suffix(".00")) {
                out.push(integral.to_owned());
            }
        }
        Kind::Boolean { trues, falses } => {
            let word = normalize_label(trimmed);
            let first = |values: &[String]| values.first().cloned();
            let same = |values: &[String]| values.iter().find(|v| normalize_label(v) == word).cloned();
            if let Some(value) = same(trues).or_else(|| same(falses)) {
                out.push(value);
            } else if matches!(word.as_str(), "oui" | "vrai" | "yes" | "o") {
                out.extend(first(trues));
            } else if matches!(word.as_str(), "non" | "faux" | "no" | "n") {
                out.extend(first(falses));
            }
        }
        Kind::Date(_) => out.extend(iso_date(trimmed)),
        Kind::String(StringFormat::Email) => {
            out.push(trimmed.strip_prefix("mailto:").unwrap_or(trimmed).trim().to_owned());
        }
        Kind::String(StringFormat::Uri) if trimmed.starts_with("www.") => out.push(format!("https://{trimmed}")),
        Kind::String(_) => out.extend(period(trimmed)),
        _ => {}
    }
    out.push(trimmed.to_owned());
    out.push(collapsed);
    // An identifier written in groups: `217 400 423 00018`, `217.400.423.00018`, `W-123`.
    if trimmed.chars().any(|c| c.is_ascii_digit()) {
        out.push(trimmed.chars().filter(|c| !is_space(*c) && *c != '.' && *c != '-').collect());
    }
    out.retain(|candidate| candidate != text && !candidate.is_empty());
    out
}

/// `15/03/2023`, `15-03-2023`, `15.03.2023`, `5/3/2023` (day first, as in France), `2023/03/15`, and a
/// datetime at any time (`2023-03-15 00:00:00`, `2023-03-15T10:30:00`) → `2023-03-15`, when it is a
/// real calendar date. The date is read by [`parse_date`], as the date transform reads it (a year of
/// four digits here).
/// A period written with another separator than ISO 8601's `/` (`2017-01-01_2017-12-31`,
/// `01/01/2017 au 31/12/2017`): its two dates in ISO form, joined by `/`. Kept, like every candidate,
/// only if the field's checks pass (a field of periods, such as SCDL's `datesPeriodeVersement`).
fn period(text: &str) -> Option<String> {
    ["_", " au ", " - ", " – ", ";"].iter().find_map(|separator| {
        let (start, end) = text.split_once(separator)?;
        let start = start.trim();
        let start = start.strip_prefix("du ").unwrap_or(start);
        Some(format!("{}/{}", iso_date(start.trim())?, iso_date(end.trim())?))
    })
}

fn iso_date(text: &str) -> Option<String> {
    let date = text.split([' ', 'T']).next().unwrap_or(text);
    let date = parse_date(date, DateOrder::DayFirst, None)?;
    Some(format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_written_otherwise() {
        assert_eq!(period("2017-01-01_2017-12-31").as_deref(), Some("2017-01-01/2017-12-31"));
        assert_eq!(period("du 01/01/2017 au 31/12/2017").as_deref(), Some("2017-01-01/2017-12-31"));
        assert_eq!(period("2017-01-01 - 2017-12-31").as_deref(), Some("2017-01-01/2017-12-31"));
        assert_eq!(period("2017-01-01_fin"), None);
        assert_eq!(period("2017-01-01"), None);
    }

    #[test]
    fn dates_day_first_or_iso_with_time() {
        assert_eq!(iso_date("15/03/2023").as_deref(), Some("2023-03-15"));
        assert_eq!(iso_date("5.3.2023").as_deref(), Some("2023-03-05"));
        assert_eq!(iso_date("2023/03/15").as_deref(), Some("2023-03-15"));
        assert_eq!(iso_date("2023-03-15T10:30:00").as_deref(), Some("2023-03-15"));
        assert_eq!(iso_date("31/02/2023"), None);
        assert_eq!(iso_date("15/03/23"), None);
        assert_eq!(iso_date("mars 2023"), None);
    }

    #[test]
    fn numbers_lose_spaces_currency_and_decimal_commas() {
        let kind = Kind::Number { decimal: None, group: None, bare: true, custom: false };
        let found = candidates(&kind, "40 000,50 €", &[]);
        assert_eq!(found.first().map(String::as_str), Some("40000.50"));
    }

    #[test]
    fn enum_values_with_another_case_or_accents() {
        let allowed = vec!["aide en numéraire".to_owned(), "aide en nature".to_owned()];
        let kind = Kind::String(StringFormat::Default);
        assert_eq!(
            candidates(&kind, "Aide en Numeraire", &allowed).first().map(String::as_str),
            Some("aide en numéraire")
        );
    }
}
