//! SCDL custom checks (`custom_checks` in the schema), with Validata's semantics where they are sound
//! (VALIDATA-SPEC.md §a). Checks this version does not implement yet (phone numbers, opening hours,
//! GPS coordinates) are listed as unchecked, so the user is told, never silently passed.
//!
//! Where Validata crashes (a task-error that hides every other finding) Tamis does the sensible thing:
//! `compare-columns-value` compares numeric text as numbers, `sum-columns-value` skips rows whose
//! values are not integers, and a boolean `allow-year-only: true` counts as "yes".

use super::types::{python_decimal, python_int, Typed};
use super::Issue;
use crate::fr;
use crate::mapping::normalize_label;
use serde_json::Value;
use std::cmp::Ordering;

#[derive(Debug, Clone)]
pub(super) enum Check {
    Siret { column: String },
    Siren { column: String },
    OneOfRequired { column1: String, column2: String },
    YearInterval { column: String, year_only: bool },
    Cohesive { column: String, others: Vec<String> },
    Compare { column: String, column2: String, op: Op },
    Sum { column: String, columns: Vec<String> },
    NomenclatureActes { column: String },
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Op {
    Gt,
    Ge,
    Eq,
    Le,
    Lt,
}

impl Op {
    fn parse(op: &str) -> Option<Op> {
        Some(match op {
            ">" => Op::Gt,
            ">=" => Op::Ge,
            "==" => Op::Eq,
            "<=" => Op::Le,
            "<" => Op::Lt,
            _ => return None,
        })
    }

    fn holds(self, ordering: Ordering) -> bool {
        match self {
            Op::Gt => ordering.is_gt(),
            Op::Ge => ordering.is_ge(),
            Op::Eq => ordering.is_eq(),
            Op::Le => ordering.is_le(),
            Op::Lt => ordering.is_lt(),
        }
    }

    fn label(self) -> &'static str {
        match self {
            Op::Gt => "supérieure",
            Op::Ge => "supérieure ou égale",
            Op::Eq => "égale",
            Op::Le => "inférieure ou égale",
            Op::Lt => "inférieure",
        }
    }
}

pub(super) fn compile(declared: &[Value], unchecked: &mut Vec<String>) -> Vec<Check> {
    let mut checks = Vec::new();
    for check in declared {
        let name = check.get("name").and_then(Value::as_str).unwrap_or("?");
        let params = check.get("params");
        let param = |key: &str| params?.get(key)?.as_str().map(str::to_owned);
        let list = |key: &str| -> Option<Vec<String>> {
            params?.get(key)?.as_array()?.iter().map(|v| v.as_str().map(str::to_owned)).collect()
        };
        let compiled = match name {
            "french-siret-value" => param("column").map(|column| Check::Siret { column }),
            "french-siren-value" => param("column").map(|column| Check::Siren { column }),
            "one-of-required" => param("column1")
                .zip(param("column2"))
                .map(|(column1, column2)| Check::OneOfRequired { column1, column2 }),
            "year-interval-value" => param("column").map(|column| {
                let flag = params.and_then(|p| p.get("allow-year-only"));
                let year_only = matches!(flag.and_then(Value::as_str), Some("true" | "yes"))
                    || flag.and_then(Value::as_bool) == Some(true);
                Check::YearInterval { column, year_only }
            }),
            "cohesive-columns-value" => param("column")
                .zip(list("othercolumns").filter(|o| !o.is_empty()))
                .map(|(column, others)| Check::Cohesive { column, others }),
            "compare-columns-value" => {
                match (param("column"), param("column2"), param("op").as_deref().and_then(Op::parse)) {
                    (Some(column), Some(column2), Some(op)) => Some(Check::Compare { column, column2, op }),
                    _ => None,
                }
            }
            "sum-columns-value" => param("column")
                .zip(list("columns").filter(|c| c.len() >= 2))
                .map(|(column, columns)| Check::Sum { column, columns }),
            "nomenclature-actes-value" => param("column").map(|column| Check::NomenclatureActes { column }),
            _ => None,
        };
        match compiled {
            Some(c) => checks.push(c),
            None => unchecked.push(format!("contrôle {name}")),
        }
    }
    checks
}

impl Check {
    /// Table-wide issues when some of the check's columns are absent from the file.
    // TODO(h-checks): replaced by the checks branch.
    pub(super) fn start_errors(&self, _present: &dyn Fn(&str) -> bool) -> Vec<Issue> {
        Vec::new()
    }

    pub(super) fn run(
        &self,
        fields: &[String],
        cells: &[String],
        typed: &[Option<Typed>],
        row: usize,
        issues: &mut Vec<Issue>,
    ) {
        let index = |column: &str| fields.iter().position(|f| f == column);
        let value = |column: &str| index(column).and_then(|i| typed.get(i)?.as_ref());
        let text = |column: &str| index(column).and_then(|i| cells.get(i)).map_or("", String::as_str);
        let report = |code: &'static str, column: &str, message: String| Issue {
            code,
            row: Some(row),
            field: Some(column.to_owned()),
            cell: text(column).to_owned(),
            message,
            fix: None,
        };
        match self {
            Check::YearInterval { column, year_only } => {
                let cell = text(column);
                if value(column).is_none() || cell.is_empty() {
                    return;
                }
                if let Some(note) = year_interval_note(cell, *year_only) {
                    issues.push(report("year-interval-value", column, fr::year_interval(cell, &note)));
                }
            }
            Check::Cohesive { column, others } => {
                let valued = value(column).is_some();
                if others.iter().any(|other| value(other).is_some() != valued) {
                    let mut all = vec![column.as_str()];
                    all.extend(others.iter().map(String::as_str));
                    issues.push(report("cohesive-columns-value", column, fr::cohesive(&all)));
                }
            }
            Check::Compare { column, column2, op } => {
                let (Some(v1), Some(v2)) = (value(column), value(column2)) else {
                    return;
                };
                let (t1, t2) = (text(column), text(column2));
                let message = match compare(v1, v2) {
                    Some(ordering) if op.holds(ordering) => return,
                    Some(_) => fr::compare(column, t1, op.label(), column2, t2),
                    None => fr::not_comparable(column, t1, column2, t2),
                };
                issues.push(report("compare-columns-value", column, message));
            }
            Check::Sum { column, columns } => {
                let Some(total) = value(column).and_then(truncated_int) else {
                    return;
                };
                let parts: Option<Vec<i128>> = columns.iter().map(|c| value(c).and_then(truncated_int)).collect();
                let Some(parts) = parts else { return };
                let sum: i128 = parts.iter().sum();
                if sum != total {
                    let terms: Vec<(&str, &str)> = columns.iter().map(|c| (c.as_str(), text(c))).collect();
                    issues.push(report("sum-columns-value", column, fr::sum(&terms, sum, column, text(column))));
                }
            }
            Check::NomenclatureActes { column } => {
                let cell = text(column);
                if value(column).is_none() || cell.is_empty() {
                    return;
                }
                if let Some(note) = nomenclature_note(cell) {
                    issues.push(report("nomenclature-actes-value", column, fr::nomenclature(cell, &note)));
                }
            }
            Check::Siret { column } | Check::Siren { column } => {
                let Some(i) = index(column) else { return };
                let Some(Some(value)) = typed.get(i) else {
                    return;
                };
                let (valid, cell) = match value {
                    Typed::Str(s) if s.is_empty() => return,
                    Typed::Str(s) => {
                        let ok = if matches!(self, Check::Siret { .. }) { is_siret(s) } else { is_siren(s) };
                        (ok, s.clone())
                    }
                    // Validata's check works on text only: an identifier typed as a number is refused.
                    Typed::Int(0) => return,
                    Typed::Int(n) => (false, n.to_string()),
                    other => (false, cells.get(i).cloned().unwrap_or_else(|| format!("{other:?}"))),
                };
                if !valid {
                    let (code, message) = match self {
                        Check::Siret { .. } => ("french-siret-value", fr::siret(&cell)),
                        _ => ("french-siren-value", fr::siren(&cell)),
                    };
                    issues.push(Issue { code, row: Some(row), field: Some(column.clone()), cell, message, fix: None });
                }
            }
            Check::OneOfRequired { column1, column2 } => {
                let empty = |column: &str| {
                    index(column).and_then(|i| typed.get(i)).is_none_or(|v| match v {
                        None => true,
                        Some(Typed::Str(s)) => s.is_empty(),
                        Some(_) => false,
                    })
                };
                if empty(column1) && empty(column2) {
                    issues.push(Issue {
                        code: "one-of-required",
                        row: Some(row),
                        field: None,
                        cell: String::new(),
                        message: fr::one_of_required(column1, column2),
                        fix: None,
                    });
                }
            }
        }
    }
}

/// Validata's comparison: numbers (and numeric text) numerically, text by code point, dates and
/// booleans by value; anything else is not comparable.
fn compare(a: &Typed, b: &Typed) -> Option<Ordering> {
    let number = |t: &Typed| match t {
        Typed::Int(i) => Some(*i as f64),
        Typed::Num(n) => Some(*n),
        Typed::Str(s) => python_decimal(s).filter(|n| n.is_finite()),
        _ => None,
    };
    match (number(a), number(b)) {
        (Some(x), Some(y)) => x.partial_cmp(&y),
        _ => match (a, b) {
            (Typed::Str(x), Typed::Str(y)) => Some(x.cmp(y)),
            _ => a.partial_cmp(b),
        },
    }
}

/// Python's `int(x)`: decimals truncated toward zero, integer text parsed; anything else is `None`.
fn truncated_int(value: &Typed) -> Option<i128> {
    match value {
        Typed::Int(i) => Some(*i),
        Typed::Num(n) if n.is_finite() => Some(n.trunc() as i128),
        Typed::Str(s) => python_int(s),
        _ => None,
    }
}

fn year_interval_note(cell: &str, year_only: bool) -> Option<String> {
    let four_digits = |s: &str| s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit());
    match cell.split_once('/') {
        Some((a, b)) if four_digits(a) && four_digits(b) => {
            let (y1, y2) = (a.parse::<u32>().ok()?, b.parse::<u32>().ok()?);
            match y1.cmp(&y2) {
                Ordering::Less => None,
                Ordering::Equal => Some("les deux années doivent être différentes".into()),
                Ordering::Greater => {
                    Some(format!("la deuxième année ({y2}) doit être postérieure à la première ({y1})"))
                }
            }
        }
        _ if year_only && four_digits(cell) => None,
        _ if year_only => Some("format attendu : année (AAAA) ou intervalle (AAAA/AAAA)".into()),
        _ => Some("format attendu : AAAA/AAAA".into()),
    }
}

const ACTES_PREFIXES: [&str; 9] = [
    "Commande publique",
    "Urbanisme",
    "Domaine et patrimoine",
    "Fonction publique",
    "Institutions et vie politique",
    "Libertés publiques et pouvoirs de police",
    "Finances locales",
    "Domaines de compétences par thèmes",
    "Autres domaines de compétences",
];

/// The nomenclature ACTES rule: `<prefix>/<rest>`, a known prefix (case and accents ignored) and no
/// space around the slash.
fn nomenclature_note(cell: &str) -> Option<String> {
    let Some((prefix, _)) = cell.split_once('/') else {
        return Some("le signe oblique « / » est manquant".into());
    };
    let known = |p: &str| ACTES_PREFIXES.iter().any(|a| normalize_actes(a) == normalize_actes(p));
    if known(prefix) && !cell.contains("/ ") {
        None
    } else if known(prefix.trim_end()) || cell.contains("/ ") {
        Some("le signe oblique ne doit pas être précédé ni suivi d'espace".into())
    } else {
        Some(format!("le préfixe de nomenclature Actes « {prefix} » n'est pas reconnu"))
    }
}

/// Lower case without accents, but spaces kept (a leading space makes the prefix unknown, as in Validata).
fn normalize_actes(text: &str) -> String {
    let leading = text.len() - text.trim_start().len();
    let trailing = text.len() - text.trim_end().len();
    format!("{}{}{}", " ".repeat(leading), normalize_label(text), " ".repeat(trailing))
}

/// python-stdnum's cleaning: look-alike spaces and digits to ASCII, then spaces and dots removed.
fn clean_identifier(value: &str) -> String {
    value
        .chars()
        .filter_map(|c| match c {
            ' ' | '.' | '\u{a0}' | '\u{2000}'..='\u{200b}' | '\u{202f}' | '\u{205f}' | '\u{3000}' | '\u{b7}' => None,
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            _ => Some(c),
        })
        .collect::<String>()
        .trim()
        .to_owned()
}

fn luhn(digits: &str) -> bool {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let doubled = d * 2;
                if doubled > 9 {
                    doubled - 9
                } else {
                    doubled
                }
            } else {
                d
            }
        })
        .sum();
    sum % 10 == 0
}

/// 14 digits passing Luhn (La Poste's establishments: digit sum divisible by 5), whose first 9 form a SIREN.
pub fn is_siret(value: &str) -> bool {
    let digits = clean_identifier(value);
    if digits.len() != 14 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let checksum = if digits.starts_with("356000000") && digits != "35600000000048" {
        digits.bytes().map(|b| u32::from(b - b'0')).sum::<u32>() % 5 == 0
    } else {
        luhn(&digits)
    };
    checksum && digits.get(..9).is_some_and(is_siren_digits)
}

/// 9 digits passing Luhn.
pub fn is_siren(value: &str) -> bool {
    is_siren_digits(&clean_identifier(value))
}

fn is_siren_digits(digits: &str) -> bool {
    digits.len() == 9 && digits.bytes().all(|b| b.is_ascii_digit()) && luhn(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn siret_cleaning_and_checksum() {
        for ok in [
            "21740042300018",
            "217 400 423 00018",
            "217.400.423.00018",
            "217\u{a0}400\u{a0}423\u{a0}00018",
            "00000000000000",
            "35600000000048",
        ] {
            assert!(is_siret(ok), "{ok}");
        }
        for bad in ["21740042300019", "2174004230001", "217-400-423-00018", "21860194600000", ""] {
            assert!(!is_siret(bad), "{bad}");
        }
    }

    #[test]
    fn year_intervals() {
        assert_eq!(year_interval_note("2023/2024", false), None);
        assert_eq!(year_interval_note("2023", true), None);
        assert!(year_interval_note("2023", false).is_some());
        assert!(year_interval_note("2024/2023", true).unwrap().contains("(2023)"));
        assert!(year_interval_note("2023/2023", true).is_some());
        assert!(year_interval_note(" 2023", true).is_some());
    }

    #[test]
    fn nomenclature_actes_rules() {
        assert_eq!(nomenclature_note("Finances locales/"), None);
        assert_eq!(nomenclature_note("FINANCES LOCALES/Subventions"), None);
        assert_eq!(nomenclature_note("Libertes publiques et pouvoirs de police/x"), None);
        assert!(nomenclature_note("Finances locales").unwrap().contains("manquant"));
        assert!(nomenclature_note("Urbanisme/a / b").unwrap().contains("espace"));
        assert!(nomenclature_note("Urbanisme /a").unwrap().contains("espace"));
        assert!(nomenclature_note(" Finances locales/x").unwrap().contains("pas reconnu"));
        assert!(nomenclature_note("Finances  locales/x").unwrap().contains("pas reconnu"));
    }

    #[test]
    fn comparisons_follow_validata() {
        let s = |x: &str| Typed::Str(x.into());
        assert_eq!(compare(&s("12"), &s("9")), Some(Ordering::Greater));
        assert_eq!(compare(&s("B"), &s("a")), Some(Ordering::Less));
        assert_eq!(compare(&Typed::Int(3), &Typed::Num(2.5)), Some(Ordering::Greater));
        assert_eq!(compare(&Typed::Date(2023, 3, 9), &Typed::Date(2023, 3, 10)), Some(Ordering::Less));
        assert_eq!(compare(&Typed::Date(2023, 3, 9), &s("x")), None);
        assert_eq!(truncated_int(&Typed::Num(3.9)), Some(3));
    }

    #[test]
    fn siren_checksum() {
        assert!(is_siren("217400423"));
        assert!(!is_siren("217-400-423"));
        assert!(!is_siren("217400424"));
    }
}
