//! SCDL custom checks (`custom_checks` in the schema), with Validata's semantics.
//! This foundation implements the identifier checks and one-of-required; the others are listed as
//! unchecked so the user is told, never silently passed.

use super::types::Typed;
use super::Issue;
use crate::fr;
use serde_json::Value;

#[derive(Debug, Clone)]
pub(super) enum Check {
    Siret { column: String },
    Siren { column: String },
    OneOfRequired { column1: String, column2: String },
}

pub(super) fn compile(declared: &[Value], unchecked: &mut Vec<String>) -> Vec<Check> {
    let mut checks = Vec::new();
    for check in declared {
        let name = check.get("name").and_then(Value::as_str).unwrap_or("?");
        let param = |key: &str| check.get("params")?.get(key)?.as_str().map(str::to_owned);
        let compiled = match name {
            "french-siret-value" => param("column").map(|column| Check::Siret { column }),
            "french-siren-value" => param("column").map(|column| Check::Siren { column }),
            "one-of-required" => param("column1")
                .zip(param("column2"))
                .map(|(column1, column2)| Check::OneOfRequired { column1, column2 }),
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
    pub(super) fn run(
        &self,
        fields: &[String],
        cells: &[String],
        typed: &[Option<Typed>],
        row: usize,
        issues: &mut Vec<Issue>,
    ) {
        let index = |column: &str| fields.iter().position(|f| f == column);
        match self {
            Check::Siret { column } | Check::Siren { column } => {
                let Some(i) = index(column) else { return };
                let Some(Some(value)) = typed.get(i) else {
                    return;
                };
                let (valid, cell) = match value {
                    Typed::Str(s) if s.is_empty() => return,
                    Typed::Str(s) => {
                        let ok = if matches!(self, Check::Siret { .. }) {
                            is_siret(s)
                        } else {
                            is_siren(s)
                        };
                        (ok, s.clone())
                    }
                    // Validata's check works on text only: an identifier typed as a number is refused.
                    Typed::Int(0) => return,
                    Typed::Int(n) => (false, n.to_string()),
                    other => (
                        false,
                        cells
                            .get(i)
                            .cloned()
                            .unwrap_or_else(|| format!("{other:?}")),
                    ),
                };
                if !valid {
                    let (code, message) = match self {
                        Check::Siret { .. } => ("french-siret-value", fr::siret(&cell)),
                        _ => ("french-siren-value", fr::siren(&cell)),
                    };
                    issues.push(Issue {
                        code,
                        row: Some(row),
                        field: Some(column.clone()),
                        cell,
                        message,
                        fix: None,
                    });
                }
            }
            Check::OneOfRequired { column1, column2 } => {
                let empty = |column: &str| {
                    index(column)
                        .and_then(|i| typed.get(i))
                        .is_none_or(|v| match v {
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

/// python-stdnum's cleaning: look-alike spaces and digits to ASCII, then spaces and dots removed.
fn clean_identifier(value: &str) -> String {
    value
        .chars()
        .filter_map(|c| match c {
            ' '
            | '.'
            | '\u{a0}'
            | '\u{2000}'..='\u{200b}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
            | '\u{b7}' => None,
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
        for bad in [
            "21740042300019",
            "2174004230001",
            "217-400-423-00018",
            "21860194600000",
            "",
        ] {
            assert!(!is_siret(bad), "{bad}");
        }
    }

    #[test]
    fn siren_checksum() {
        assert!(is_siren("217400423"));
        assert!(!is_siren("217-400-423"));
        assert!(!is_siren("217400424"));
    }
}
