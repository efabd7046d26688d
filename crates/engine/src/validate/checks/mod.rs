//! SCDL custom checks (`custom_checks` in the schema), with Validata's semantics where they are sound
//! (VALIDATA-SPEC.md §a).
//!
//! A check the schema declares but that cannot be applied (an unknown name, missing or ill-typed
//! `params`, an unknown comparison operator, an empty column list) is a `check-error` issue of the
//! schema, row and field empty: the file cannot be declared valid against that schema, as on
//! Validata. With the file as it is (schema fields absent from the file dropped), a multi-column
//! check with some but not all of its columns absent is a `check-error` too ([`Check::start_errors`])
//! and is not applied to the rows; a single-column check on an absent column is skipped silently.
//!
//! Where Validata crashes or misbehaves (a task-error that hides every other finding, or worse)
//! Tamis does the sensible thing, and says it here:
//! - `compare-columns-value` compares numeric text as numbers, `sum-columns-value` skips rows whose
//!   values are not integers;
//! - a check with bad `params` stops Validata's whole data validation; Tamis reports the check-error
//!   and still applies the other checks (the verdict, invalid, is the same). A check without `params`
//!   or without a name, a crash there, is a check-error here;
//! - an unknown check is reported first, not after the data errors;
//! - two checks failing at the start break each other in Validata (the wrong check dropped, or a
//!   task-error "list assignment index out of range"); Tamis reports each check-error and drops
//!   exactly the checks concerned;
//! - `french-gps-coordinates` on a text column (Validata: task-error "'str' object has no attribute
//!   'lon'") reads the text as "lon,lat" or "[lon, lat]" and checks that point; text that is not a
//!   point is reported as `french-gps-coordinates`;
//! - `phone-number-value` and `opening-hours-value` on a column that is not text (Validata: a crash)
//!   check the cell's text;
//! - `phone-number-value` knows France's short numbers only (see [`phone`]).

mod phone;

use super::types::{python_decimal, python_int, Typed};
use super::{Code, Issue};
use crate::fr;
use crate::siret::{is_siren, is_siret};
use crate::text::normalize_label;
use serde_json::Value;
use std::cmp::Ordering;

pub use phone::{install_metadata as install_phone_metadata, metadata_ready as phone_metadata_ready};

/// A check's columns in a table ([`Check::bind`]): for each of its columns, in the order of
/// [`Check::named_columns`], the table's index of it (`None`: the table has no such column).
#[derive(Debug, Clone)]
pub(super) struct Bound {
    columns: Vec<Option<usize>>,
}

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
    Phone { column: String },
    OpeningHours { column: String },
    FrenchGps { column: String },
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

/// A custom check as the plain-words explanation of its issue needs it: its columns and what the
/// issue's row holds in them ([`super::CompiledSchema::check_rule`]).
#[derive(Debug, Clone, PartialEq)]
pub enum CheckRule {
    /// `one-of-required`; `absent` when both columns are missing from the file.
    OneOfRequired {
        column1: String,
        column2: String,
        absent: bool,
    },
    YearInterval {
        year_only: bool,
    },
    /// `cohesive-columns-value`: every column, main first, and whether the row fills it.
    Cohesive {
        columns: Vec<(String, bool)>,
    },
    /// `compare-columns-value`: `relation` says in French how the first value must compare to the
    /// second (« inférieure ou égale »); `comparable` is false when the values cannot be compared.
    Compare {
        column: String,
        value: String,
        relation: &'static str,
        column2: String,
        value2: String,
        comparable: bool,
    },
    /// `sum-columns-value`: the total's column and value, then each term's.
    Sum {
        total: (String, String),
        terms: Vec<(String, String)>,
    },
    /// A check of one column with nothing more to say (SIRET, SIREN, phone, opening hours, GPS,
    /// nomenclature).
    Column,
}

/// A check's issue on one cell of `column`, at spreadsheet row `row`.
fn column_issue(code: Code, row: usize, column: &str, cell: &str, message: String) -> Issue {
    Issue { code, row: Some(row), field: Some(column.into()), cell: cell.into(), message: message.into(), fix: None }
}

/// The schema-level issue for a check that cannot be applied.
fn check_error(message: String) -> Issue {
    Issue::of_table(Code::CheckError, None, message)
}

/// The checks of a schema's `custom_checks`, and a `check-error` issue for each one that cannot be
/// applied (that check is then left out).
pub(super) fn compile(declared: &[Value]) -> (Vec<Check>, Vec<Issue>) {
    let mut checks = Vec::new();
    let mut errors = Vec::new();
    for check in declared {
        match compile_one(check) {
            Ok(c) => checks.push(c),
            Err(message) => errors.push(check_error(message)),
        }
    }
    (checks, errors)
}

/// Whether Validata knows a check of this name: a check's name is the code of the issues it reports.
fn is_check(code: Code) -> bool {
    use Code::*;
    matches!(
        code,
        FrenchSiretValue
            | FrenchSirenValue
            | OneOfRequired
            | YearIntervalValue
            | CohesiveColumnsValue
            | CompareColumnsValue
            | SumColumnsValue
            | NomenclatureActesValue
            | PhoneNumberValue
            | OpeningHoursValue
            | FrenchGpsCoordinates
    )
}

/// One check, or the French message of its check-error. The parameters are checked as Validata's
/// JSON profiles do (required keys, text or list), then the rules Validata checks at the start of
/// validation that do not depend on the file (operator, length of the column lists).
fn compile_one(check: &Value) -> Result<Check, String> {
    let Some(name) = check.get("name").and_then(Value::as_str) else {
        return Err(fr::issues::check_without_name());
    };
    let Some(code) = Code::parse(name).filter(|code| is_check(*code)) else {
        return Err(fr::issues::unknown_check(name));
    };
    let invalid = |note: String| fr::issues::check_error(name, &note);
    let Some(params) = check.get("params").and_then(Value::as_object) else {
        return Err(invalid(fr::issues::check_no_params()));
    };
    let text = |key: &str| -> Result<String, String> {
        match params.get(key) {
            None => Err(invalid(fr::issues::check_param_missing(key))),
            Some(Value::String(s)) => Ok(s.clone()),
            Some(_) => Err(invalid(fr::issues::check_param_not_text(key))),
        }
    };
    let list = |key: &str| -> Result<Vec<String>, String> {
        let not_list = || invalid(fr::issues::check_param_not_list(key));
        match params.get(key) {
            None => Err(invalid(fr::issues::check_param_missing(key))),
            Some(Value::Array(items)) => {
                items.iter().map(|v| v.as_str().map(str::to_owned).ok_or_else(not_list)).collect()
            }
            Some(_) => Err(not_list()),
        }
    };
    Ok(match code {
        Code::FrenchSiretValue => Check::Siret { column: text("column")? },
        Code::FrenchSirenValue => Check::Siren { column: text("column")? },
        Code::OneOfRequired => Check::OneOfRequired { column1: text("column1")?, column2: text("column2")? },
        Code::YearIntervalValue => {
            let column = text("column")?;
            // Validata's profile wants text: a JSON `true` is a check-error there, and here.
            let year_only = match params.get("allow-year-only") {
                None => false,
                Some(Value::String(flag)) => matches!(flag.as_str(), "true" | "yes"),
                Some(_) => return Err(invalid(fr::issues::check_param_not_text("allow-year-only"))),
            };
            Check::YearInterval { column, year_only }
        }
        Code::CohesiveColumnsValue => {
            let (column, others) = (text("column")?, list("othercolumns")?);
            if others.is_empty() {
                return Err(invalid(fr::issues::check_empty_columns()));
            }
            Check::Cohesive { column, others }
        }
        Code::CompareColumnsValue => {
            let (column, column2, op) = (text("column")?, text("column2")?, text("op")?);
            let Some(op) = Op::parse(&op) else {
                return Err(invalid(fr::issues::check_unknown_operator(&op)));
            };
            Check::Compare { column, column2, op }
        }
        Code::SumColumnsValue => {
            let (column, columns) = (text("column")?, list("columns")?);
            if columns.len() < 2 {
                return Err(invalid(fr::issues::check_too_few_columns()));
            }
            Check::Sum { column, columns }
        }
        Code::NomenclatureActesValue => Check::NomenclatureActes { column: text("column")? },
        Code::PhoneNumberValue => Check::Phone { column: text("column")? },
        Code::OpeningHoursValue => Check::OpeningHours { column: text("column")? },
        _ => Check::FrenchGps { column: text("column")? },
    })
}

impl Check {
    /// The code of this check's issues (beside `check-error`).
    fn code(&self) -> Code {
        match self {
            Check::Siret { .. } => Code::FrenchSiretValue,
            Check::Siren { .. } => Code::FrenchSirenValue,
            Check::OneOfRequired { .. } => Code::OneOfRequired,
            Check::YearInterval { .. } => Code::YearIntervalValue,
            Check::Cohesive { .. } => Code::CohesiveColumnsValue,
            Check::Compare { .. } => Code::CompareColumnsValue,
            Check::Sum { .. } => Code::SumColumnsValue,
            Check::NomenclatureActes { .. } => Code::NomenclatureActesValue,
            Check::Phone { .. } => Code::PhoneNumberValue,
            Check::OpeningHours { .. } => Code::OpeningHoursValue,
            Check::FrenchGps { .. } => Code::FrenchGpsCoordinates,
        }
    }

    /// This check as `issue`'s explanation needs it, if the issue is this check's (its code, its
    /// column, and where two checks could have given it, its message): `missing` says whether a
    /// column's text is one of its missing values.
    pub(super) fn rule(
        &self,
        issue: &Issue,
        labels: &[String],
        cells: &[&str],
        missing: &dyn Fn(&str, &str) -> bool,
    ) -> Option<CheckRule> {
        let code = match issue.code {
            Code::ReversedFrenchGpsCoordinates => Code::FrenchGpsCoordinates,
            code => code,
        };
        if code != self.code() {
            return None;
        }
        let text = |column: &str| {
            labels.iter().position(|l| l == column).and_then(|i| cells.get(i)).copied().unwrap_or_default()
        };
        let field = issue.field.as_deref();
        let rule = match self {
            Check::OneOfRequired { column1, column2 } => {
                let row = fr::issues::one_of_required(column1, column2);
                let absent = fr::issues::one_of_required_columns_missing(column1, column2);
                if *issue.message != *row && *issue.message != *absent {
                    return None;
                }
                let absent = *issue.message == *absent;
                CheckRule::OneOfRequired { column1: column1.clone(), column2: column2.clone(), absent }
            }
            _ if field != self.column() => return None,
            Check::YearInterval { year_only, .. } => CheckRule::YearInterval { year_only: *year_only },
            Check::Cohesive { column, others } => {
                let all: Vec<&str> =
                    std::iter::once(column.as_str()).chain(others.iter().map(String::as_str)).collect();
                if *issue.message != *fr::issues::cohesive(&all) {
                    return None;
                }
                let columns = all.iter().map(|c| ((*c).to_owned(), !missing(c, text(c)))).collect();
                CheckRule::Cohesive { columns }
            }
            Check::Compare { column, column2, op } => {
                let (value, value2) = (text(column), text(column2));
                let comparable = *issue.message != *fr::issues::not_comparable(column, value, column2, value2);
                CheckRule::Compare {
                    column: column.clone(),
                    value: value.to_owned(),
                    relation: op.label(),
                    column2: column2.clone(),
                    value2: value2.to_owned(),
                    comparable,
                }
            }
            Check::Sum { column, columns } => CheckRule::Sum {
                total: (column.clone(), text(column).to_owned()),
                terms: columns.iter().map(|c| (c.clone(), text(c).to_owned())).collect(),
            },
            Check::Siret { .. }
            | Check::Siren { .. }
            | Check::NomenclatureActes { .. }
            | Check::Phone { .. }
            | Check::OpeningHours { .. }
            | Check::FrenchGps { .. } => CheckRule::Column,
        };
        Some(rule)
    }

    /// The column a check's row issues name (`None` for `one-of-required`, whose issues name none).
    fn column(&self) -> Option<&str> {
        match self {
            Check::OneOfRequired { .. } => None,
            Check::Siret { column }
            | Check::Siren { column }
            | Check::YearInterval { column, .. }
            | Check::Cohesive { column, .. }
            | Check::Compare { column, .. }
            | Check::Sum { column, .. }
            | Check::NomenclatureActes { column }
            | Check::Phone { column }
            | Check::OpeningHours { column }
            | Check::FrenchGps { column } => Some(column),
        }
    }

    /// Every column the check names.
    fn named_columns(&self) -> impl Iterator<Item = &str> {
        let (first, second, more): (&String, Option<&String>, &[String]) = match self {
            Check::Siret { column }
            | Check::Siren { column }
            | Check::YearInterval { column, .. }
            | Check::NomenclatureActes { column }
            | Check::Phone { column }
            | Check::OpeningHours { column }
            | Check::FrenchGps { column } => (column, None, &[]),
            Check::OneOfRequired { column1, column2 } => (column1, Some(column2), &[]),
            Check::Compare { column, column2, .. } => (column, Some(column2), &[]),
            Check::Cohesive { column, others: more } | Check::Sum { column, columns: more } => (column, None, more),
        };
        std::iter::once(first).chain(second).chain(more).map(String::as_str)
    }

    /// The check bound to a table's columns, once per table: `None` when it cannot run on its rows (a
    /// multi-column check with a column absent: when none is there Validata skips it; when some are,
    /// `start_errors` reported it and Validata drops it).
    pub(super) fn bind(&self, fields: &[String]) -> Option<Bound> {
        let index = |column: &str| fields.iter().position(|f| f == column);
        if self.joint_columns().is_some_and(|columns| columns.iter().any(|c| index(c).is_none())) {
            return None;
        }
        Some(Bound { columns: self.named_columns().map(index).collect() })
    }

    /// The columns of a check that needs all of them (cohesive, compare, sum).
    fn joint_columns(&self) -> Option<Vec<&str>> {
        let mut all = Vec::new();
        match self {
            Check::Cohesive { column, others: more } | Check::Sum { column, columns: more } => {
                all.push(column.as_str());
                all.extend(more.iter().map(String::as_str));
            }
            Check::Compare { column, column2, .. } => all.extend([column.as_str(), column2.as_str()]),
            _ => return None,
        }
        Some(all)
    }

    /// Issues before the first row, when the file lacks some of the schema's columns: a multi-column
    /// check missing some (not all) of its columns gives a check-error per absent column (Validata's
    /// notes), and `one-of-required` with both columns absent gives its table error. The rows are then
    /// not checked by that check ([`Check::run`] sees the columns are absent).
    pub(super) fn start_errors(&self, present: &dyn Fn(&str) -> bool) -> Vec<Issue> {
        if let Check::OneOfRequired { column1, column2 } = self {
            if present(column1) || present(column2) {
                return Vec::new();
            }
            let message = fr::issues::one_of_required_columns_missing(column1, column2);
            return vec![Issue::of_table(Code::OneOfRequired, None, message)];
        }
        let Some(columns) = self.joint_columns() else {
            return Vec::new();
        };
        if !columns.iter().any(|c| present(c)) {
            return Vec::new();
        }
        let notes: Vec<String> = match self {
            // Validata names the main column alone when it is absent, else each absent other column.
            Check::Cohesive { column, .. } if !present(column) => vec![fr::issues::check_column_missing(column)],
            Check::Cohesive { others, .. } => {
                others.iter().filter(|c| !present(c)).map(|c| fr::issues::check_compared_column_missing(c)).collect()
            }
            _ => columns.iter().filter(|c| !present(c)).map(|c| fr::issues::check_column_not_found(c)).collect(),
        };
        let name = match self {
            Check::Cohesive { .. } => Code::CohesiveColumnsValue,
            Check::Compare { .. } => Code::CompareColumnsValue,
            _ => Code::SumColumnsValue,
        };
        notes.iter().map(|note| check_error(fr::issues::check_error(name.as_str(), note))).collect()
    }

    pub(super) fn run(
        &self,
        bound: &Bound,
        cells: &[&str],
        typed: &[Option<Typed>],
        row: usize,
        issues: &mut Vec<Issue>,
    ) {
        // `column` is one of this check's own names: found among them by address, no text compared.
        let index = |column: &str| {
            let slot = self.named_columns().position(|name| std::ptr::eq(name, column))?;
            bound.columns.get(slot).copied().flatten()
        };
        let value = |column: &str| index(column).and_then(|i| typed.get(i)?.as_ref());
        let text = |column: &str| index(column).and_then(|i| cells.get(i)).copied().unwrap_or_default();
        let report = |code: Code, column: &str, message: String| column_issue(code, row, column, text(column), message);
        // The checks of one column skip empty values: Python's falsy ones (None, "", 0, False).
        let truthy = |column: &str| value(column).filter(|v| !is_falsy(v));
        match self {
            Check::Phone { column } => {
                if truthy(column).is_none() {
                    return;
                }
                // Undecided (no metadata to check with) is reported, never passed.
                let message = match phone::verdict(text(column)) {
                    Some(true) => return,
                    Some(false) => fr::issues::phone(text(column)),
                    None => fr::issues::phone_unchecked(text(column)),
                };
                issues.push(report(Code::PhoneNumberValue, column, message));
            }
            Check::OpeningHours { column } => {
                if truthy(column).is_some() && opening_hours_syntax::parse(text(column)).is_err() {
                    issues.push(report(Code::OpeningHoursValue, column, fr::issues::opening_hours(text(column))));
                }
            }
            Check::FrenchGps { column } => {
                let Some(value) = truthy(column) else { return };
                let point = match value {
                    Typed::Point(lon, lat) => Some((*lon, *lat)),
                    _ => parse_point(text(column)),
                };
                let (code, cell, message) = match point {
                    Some(point) => {
                        let cell = render_point(point);
                        match gps_verdict(point) {
                            GpsVerdict::Inside => return,
                            GpsVerdict::Reversed => {
                                (Code::ReversedFrenchGpsCoordinates, cell.clone(), fr::issues::gps_reversed(&cell))
                            }
                            GpsVerdict::Outside => (Code::FrenchGpsCoordinates, cell.clone(), fr::issues::gps(&cell)),
                        }
                    }
                    None => (Code::FrenchGpsCoordinates, text(column).to_owned(), fr::issues::gps(text(column))),
                };
                issues.push(column_issue(code, row, column, &cell, message));
            }
            Check::YearInterval { column, year_only } => {
                let cell = text(column);
                if value(column).is_none() || cell.is_empty() {
                    return;
                }
                if let Some(note) = year_interval_note(cell, *year_only) {
                    issues.push(report(Code::YearIntervalValue, column, fr::issues::year_interval(cell, &note)));
                }
            }
            Check::Cohesive { column, others } => {
                let valued = value(column).is_some();
                if others.iter().any(|other| value(other).is_some() != valued) {
                    let mut all = vec![column.as_str()];
                    all.extend(others.iter().map(String::as_str));
                    issues.push(report(Code::CohesiveColumnsValue, column, fr::issues::cohesive(&all)));
                }
            }
            Check::Compare { column, column2, op } => {
                let (Some(v1), Some(v2)) = (value(column), value(column2)) else {
                    return;
                };
                let (t1, t2) = (text(column), text(column2));
                let message = match compare(v1, v2) {
                    Some(ordering) if op.holds(ordering) => return,
                    Some(_) => fr::issues::compare(column, t1, op.label(), column2, t2),
                    None => fr::issues::not_comparable(column, t1, column2, t2),
                };
                issues.push(report(Code::CompareColumnsValue, column, message));
            }
            Check::Sum { column, columns } => {
                let Some(total) = value(column).and_then(truncated_int) else {
                    return;
                };
                let sum: Option<i128> =
                    columns.iter().try_fold(0i128, |sum, c| Some(sum.wrapping_add(value(c).and_then(truncated_int)?)));
                let Some(sum) = sum else { return };
                if sum != total {
                    let terms: Vec<(&str, &str)> = columns.iter().map(|c| (c.as_str(), text(c))).collect();
                    issues.push(report(
                        Code::SumColumnsValue,
                        column,
                        fr::issues::sum(&terms, sum, column, text(column)),
                    ));
                }
            }
            Check::NomenclatureActes { column } => {
                let cell = text(column);
                if value(column).is_none() || cell.is_empty() {
                    return;
                }
                if let Some(note) = nomenclature_note(cell) {
                    issues.push(report(Code::NomenclatureActesValue, column, fr::issues::nomenclature(cell, &note)));
                }
            }
            Check::Siret { column } | Check::Siren { column } => {
                let Some(i) = index(column) else { return };
                let Some(Some(value)) = typed.get(i) else {
                    return;
                };
                let cell = match value {
                    Typed::Str(s) if s.is_empty() => return,
                    Typed::Str(s) => {
                        let ok = if matches!(self, Check::Siret { .. }) { is_siret(s) } else { is_siren(s) };
                        if ok {
                            return;
                        }
                        s.to_string()
                    }
                    // Validata's check works on text only: an identifier typed as a number is refused.
                    Typed::Int(0) => return,
                    Typed::Int(n) => n.to_string(),
                    other => cells.get(i).map_or_else(|| format!("{other:?}"), |c| (*c).to_owned()),
                };
                let (code, message) = match self {
                    Check::Siret { .. } => (Code::FrenchSiretValue, fr::issues::siret(&cell)),
                    _ => (Code::FrenchSirenValue, fr::issues::siren(&cell)),
                };
                issues.push(column_issue(code, row, column, &cell, message));
            }
            Check::OneOfRequired { column1, column2 } => {
                if index(column1).is_none() && index(column2).is_none() {
                    return; // said once by `start_errors`
                }
                let empty = |column: &str| {
                    index(column).and_then(|i| typed.get(i)).is_none_or(|v| match v {
                        None => true,
                        Some(Typed::Str(s)) => s.is_empty(),
                        Some(_) => false,
                    })
                };
                if empty(column1) && empty(column2) {
                    issues.push(Issue {
                        code: Code::OneOfRequired,
                        row: Some(row),
                        field: None,
                        cell: "".into(),
                        message: fr::issues::one_of_required(column1, column2).into(),
                        fix: None,
                    });
                }
            }
        }
    }
}

/// Python's falsy values, which Validata's single-column checks skip.
fn is_falsy(value: &Typed) -> bool {
    match value {
        Typed::Str(s) => s.is_empty(),
        Typed::Int(i) => *i == 0,
        Typed::Num(n) => *n == 0.0,
        Typed::Bool(b) => !b,
        // A zero timedelta, an empty list or object are falsy in Python too.
        Typed::Duration { months, seconds } => *months == 0.0 && *seconds == 0.0,
        Typed::Json(serde_json::Value::Array(items)) => items.is_empty(),
        Typed::Json(serde_json::Value::Object(members)) => members.is_empty(),
        Typed::Json(_)
        | Typed::Date(..)
        | Typed::Year(_)
        | Typed::Point(..)
        | Typed::DateTime(_)
        | Typed::Time(_)
        | Typed::YearMonth(..) => false,
    }
}

/// Validata's six boxes (longitude range, latitude range): Guadeloupe, Martinique, Guyane,
/// La Réunion, Mayotte, metropolitan France. A point on a border is outside.
const FRENCH_BOXES: [(f64, f64, f64, f64); 6] = [
    (-61.809839, -61.001959, 15.832041, 16.514488),
    (-61.229033, -60.809655, 14.388646, 14.878723),
    (-54.60239, -51.619041, 2.111055, 5.748138),
    (55.216526, 55.836654, -21.389631, -20.8718),
    (45.01833, 45.299985, -13.005254, -12.63659),
    (-5.141277, 9.560091, 41.333571, 51.088989),
];

#[derive(Debug, PartialEq)]
enum GpsVerdict {
    Inside,
    Reversed,
    Outside,
}

fn in_france((lon, lat): (f64, f64)) -> bool {
    FRENCH_BOXES.iter().any(|&(x0, x1, y0, y1)| x0 < lon && lon < x1 && y0 < lat && lat < y1)
}

fn gps_verdict((lon, lat): (f64, f64)) -> GpsVerdict {
    if in_france((lon, lat)) {
        GpsVerdict::Inside
    } else if in_france((lat, lon)) {
        GpsVerdict::Reversed
    } else {
        GpsVerdict::Outside
    }
}

/// A point written "lon,lat" or "[lon, lat]" (geopoint's default and array formats), for a text column.
fn parse_point(text: &str) -> Option<(f64, f64)> {
    let text = text.trim();
    let inner = text.strip_prefix('[').and_then(|t| t.strip_suffix(']')).unwrap_or(text);
    let (lon, lat) = inner.split_once(',')?;
    let (lon, lat) = (python_decimal(lon.trim())?, python_decimal(lat.trim())?);
    (lon.is_finite() && lat.is_finite()).then_some((lon, lat))
}

/// The point as Validata shows it: `str([float(lon), float(lat)])`.
fn render_point((lon, lat): (f64, f64)) -> String {
    format!("[{}, {}]", python_float(lon), python_float(lat))
}

/// Python's `repr(float)`: the shortest text that reads back the same, with ".0" on whole numbers
/// and an exponent (`1e-05`, `1e+16`) outside [1e-4, 1e16).
fn python_float(x: f64) -> String {
    if !x.is_finite() {
        return if x.is_nan() {
            "nan".into()
        } else if x > 0.0 {
            "inf".into()
        } else {
            "-inf".into()
        };
    }
    let magnitude = x.abs();
    if magnitude == 0.0 || (1e-4..1e16).contains(&magnitude) {
        let plain = format!("{x}");
        return if plain.contains('.') { plain } else { format!("{plain}.0") };
    }
    let scientific = format!("{x:e}");
    match scientific.split_once('e') {
        Some((mantissa, exponent)) => {
            let (sign, digits) = exponent.strip_prefix('-').map_or(("+", exponent), |d| ("-", d));
            format!("{mantissa}e{sign}{digits:0>2}")
        }
        None => scientific,
    }
}

/// Validata's comparison: numbers (and numeric text) numerically, text by code point, dates and
/// booleans by value; anything else is not comparable.
fn compare(a: &Typed, b: &Typed) -> Option<Ordering> {
    // Integers as floats, exactly as below but without the conversion, where floats hold them exactly.
    const EXACT: u128 = 1 << 53;
    if let (Typed::Int(x), Typed::Int(y)) = (a, b) {
        if x.unsigned_abs() <= EXACT && y.unsigned_abs() <= EXACT {
            return Some(x.cmp(y));
        }
    }
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
    // Python's `re`: `\d` is any decimal digit (`٢٠٢٣` too) and `$` lets one final line break pass.
    let digits = super::types::ascii_digits(cell);
    let cell = digits.strip_suffix('\n').unwrap_or(&digits);
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
    static KNOWN: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let prefixes = KNOWN.get_or_init(|| ACTES_PREFIXES.iter().map(|a| normalize_label(a)).collect());
    // Spaces around the prefix make it unknown, as in Validata (which keeps them when normalising).
    // Most cells write a prefix exactly as the nomenclature does: found without normalising.
    let known = |p: &str| ACTES_PREFIXES.contains(&p) || (p.trim() == p && prefixes.contains(&normalize_label(p)));
    if known(prefix) && !cell.contains("/ ") {
        None
    } else if known(prefix.trim_end()) || cell.contains("/ ") {
        Some("le signe oblique ne doit pas être précédé ni suivi d'espace".into())
    } else {
        Some(format!("le préfixe de nomenclature Actes « {prefix} » n'est pas reconnu"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compiled(json: &str) -> (Vec<Check>, Vec<Issue>) {
        let declared: Vec<Value> = serde_json::from_str(json).unwrap();
        compile(&declared)
    }

    fn one(json: &str) -> Check {
        let (checks, errors) = compiled(&format!("[{json}]"));
        assert!(errors.is_empty(), "{errors:?}");
        checks.into_iter().next().unwrap()
    }

    fn messages(issues: &[Issue]) -> Vec<&str> {
        issues.iter().map(|i| &*i.message).collect()
    }

    /// Runs a check on one row whose cells are text (typed as strings, "" as empty).
    fn run_text(check: &Check, fields: &[&str], cells: &[&str]) -> Vec<Issue> {
        let typed = cells.iter().map(|c| (!c.is_empty()).then(|| Typed::Str((*c).into()))).collect::<Vec<_>>();
        run_typed(check, fields, cells, typed)
    }

    fn run_typed(check: &Check, fields: &[&str], cells: &[&str], typed: Vec<Option<Typed>>) -> Vec<Issue> {
        let fields: Vec<String> = fields.iter().map(|f| (*f).to_owned()).collect();
        let mut issues = Vec::new();
        if let Some(bound) = check.bind(&fields) {
            check.run(&bound, cells, &typed, 2, &mut issues);
        }
        issues
    }

    #[test]
    fn integers_compare_as_their_floats_do() {
        let exact: i128 = 1 << 53;
        let values = [0, 1, -1, 7, exact - 1, exact, exact + 1, -exact, -exact - 1, i128::MAX, i128::MIN];
        for a in values {
            for b in values {
                let as_floats = (a as f64).partial_cmp(&(b as f64));
                assert_eq!(compare(&Typed::Int(a), &Typed::Int(b)), as_floats, "{a} {b}");
            }
        }
    }

    #[test]
    fn every_validata_check_compiles() {
        let (checks, errors) = compiled(
            r#"[{"name": "french-siret-value", "params": {"column": "a"}},
                {"name": "french-siren-value", "params": {"column": "a"}},
                {"name": "one-of-required", "params": {"column1": "a", "column2": "b"}},
                {"name": "year-interval-value", "params": {"column": "a", "allow-year-only": "yes"}},
                {"name": "cohesive-columns-value", "params": {"column": "a", "othercolumns": ["b"]}},
                {"name": "compare-columns-value", "params": {"column": "a", "column2": "b", "op": "<="}},
                {"name": "sum-columns-value", "params": {"column": "a", "columns": ["b", "c"]}},
                {"name": "nomenclature-actes-value", "params": {"column": "a"}},
                {"name": "phone-number-value", "params": {"column": "a"}},
                {"name": "opening-hours-value", "params": {"column": "a"}},
                {"name": "french-gps-coordinates", "params": {"column": "a"}}]"#,
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(checks.len(), 11);
        assert!(matches!(checks[3], Check::YearInterval { year_only: true, .. }));
    }

    #[test]
    fn checks_that_cannot_be_applied_are_check_errors() {
        let (checks, errors) = compiled(
            r#"[{"name": "foo-bar", "params": {"column": "a"}},
                {"name": "phone-number-value"},
                {"name": "phone-number-value", "params": {}},
                {"name": "year-interval-value", "params": {"column": "a", "allow-year-only": true}},
                {"name": "compare-columns-value", "params": {"column": "a", "column2": "b", "op": "=>"}},
                {"name": "cohesive-columns-value", "params": {"column": "a", "othercolumns": []}},
                {"name": "sum-columns-value", "params": {"column": "a", "columns": ["b"]}},
                {"name": "sum-columns-value", "params": {"column": "a", "columns": "b,c"}},
                {"name": "cohesive-columns-value", "params": {"column": "a", "othercolumns": ["b", 3]}},
                {"name": "french-siret-value", "params": {"column": 3}},
                {"params": {"column": "a"}},
                {"name": "french-siren-value", "params": {"column": "a"}}]"#,
        );
        assert_eq!(checks.len(), 1, "only the last check is sound");
        assert!(errors.iter().all(|e| e.code == Code::CheckError && e.row.is_none() && e.field.is_none()));
        let messages = messages(&errors);
        assert_eq!(messages.len(), 11);
        assert!(messages[0].contains("contrôle inconnu, « foo-bar »"), "{}", messages[0]);
        assert!(messages[1].contains("« phone-number-value »") && messages[1].contains("« params »"));
        assert!(messages[2].contains("« column » est absent"));
        assert!(messages[3].contains("« allow-year-only » doit être un texte"));
        assert!(messages[4].contains("l'opérateur « => » n'est pas géré"));
        assert!(messages[5].contains("vide"));
        assert!(messages[6].contains("au moins deux colonnes"));
        assert!(messages[7].contains("« columns » doit être une liste"));
        assert!(messages[8].contains("« othercolumns » doit être une liste"));
        assert!(messages[9].contains("« column » doit être un texte"));
        assert!(messages[10].contains("sans nom"));
    }

    #[test]
    fn start_errors_for_columns_absent_from_the_file() {
        let present = |c: &str| ["a", "b"].contains(&c);
        let compare = one(r#"{"name": "compare-columns-value", "params": {"column": "a", "column2": "x", "op": ">"}}"#);
        let errors = compare.start_errors(&present);
        assert_eq!(messages(&errors), ["Le contrôle « compare-columns-value » du schéma ne peut pas être appliqué : la colonne « x » n'est pas trouvée."]);
        assert_eq!(errors[0].code, Code::CheckError);
        let sum = one(r#"{"name": "sum-columns-value", "params": {"column": "x", "columns": ["a", "y"]}}"#);
        assert_eq!(sum.start_errors(&present).len(), 2);
        // All its columns absent: skipped silently.
        let absent = one(r#"{"name": "sum-columns-value", "params": {"column": "x", "columns": ["y", "z"]}}"#);
        assert!(absent.start_errors(&present).is_empty());
        // Cohesive: the main column alone when it is absent, else each absent other column.
        let cohesive =
            one(r#"{"name": "cohesive-columns-value", "params": {"column": "x", "othercolumns": ["a", "y"]}}"#);
        let errors = cohesive.start_errors(&present);
        assert_eq!(errors.len(), 1);
        assert!(errors[0].message.contains("la colonne « x » est manquante"));
        let cohesive =
            one(r#"{"name": "cohesive-columns-value", "params": {"column": "a", "othercolumns": ["b", "y", "z"]}}"#);
        let errors = cohesive.start_errors(&present);
        assert_eq!(errors.len(), 2);
        assert!(errors[1].message.contains("la colonne à comparer « z » est manquante"));
        // One of required: a table error when both columns are absent, nothing when one is there.
        let one_of = one(r#"{"name": "one-of-required", "params": {"column1": "x", "column2": "y"}}"#);
        let errors = one_of.start_errors(&present);
        assert_eq!((errors.len(), errors[0].code, errors[0].row), (1, Code::OneOfRequired, None));
        assert!(errors[0].message.contains("« x » et « y » sont manquantes"));
        let one_of = one(r#"{"name": "one-of-required", "params": {"column1": "a", "column2": "y"}}"#);
        assert!(one_of.start_errors(&present).is_empty());
        // Single-column checks on an absent column: nothing.
        let phone = one(r#"{"name": "phone-number-value", "params": {"column": "x"}}"#);
        assert!(phone.start_errors(&present).is_empty());
    }

    #[test]
    fn checks_missing_some_columns_are_not_applied_to_rows() {
        let cohesive = one(r#"{"name": "cohesive-columns-value", "params": {"column": "a", "othercolumns": ["y"]}}"#);
        assert!(run_text(&cohesive, &["a"], &["1"]).is_empty());
        assert_eq!(run_text(&cohesive, &["a", "y"], &["1", ""]).len(), 1);
        let compare = one(r#"{"name": "compare-columns-value", "params": {"column": "a", "column2": "y", "op": ">"}}"#);
        assert!(run_text(&compare, &["a"], &["1"]).is_empty());
        let one_of = one(r#"{"name": "one-of-required", "params": {"column1": "x", "column2": "y"}}"#);
        assert!(run_text(&one_of, &["a"], &[""]).is_empty());
        let one_of = one(r#"{"name": "one-of-required", "params": {"column1": "a", "column2": "y"}}"#);
        assert_eq!(run_text(&one_of, &["a"], &[""]).len(), 1, "an absent column counts as empty");
        let phone = one(r#"{"name": "phone-number-value", "params": {"column": "x"}}"#);
        assert!(run_text(&phone, &["a"], &["abc"]).is_empty());
    }

    #[test]
    fn phone_numbers() {
        let phone = one(r#"{"name": "phone-number-value", "params": {"column": "tel"}}"#);
        assert!(run_text(&phone, &["tel"], &["01 99 00 27 37"]).is_empty());
        assert!(run_text(&phone, &["tel"], &[""]).is_empty());
        let issues = run_text(&phone, &["tel"], &["0590 12 34 56"]);
        assert_eq!(issues.len(), 1);
        assert_eq!((issues[0].code, issues[0].cell.as_ref()), (Code::PhoneNumberValue, "0590 12 34 56"));
        assert!(issues[0].message.starts_with("La valeur « 0590 12 34 56 » n'est pas un numéro de téléphone valide."));
        // A number typed as an integer is checked on its text; 0 is skipped, as Python's falsy values.
        assert!(run_typed(&phone, &["tel"], &["115"], vec![Some(Typed::Int(115))]).is_empty());
        assert_eq!(run_typed(&phone, &["tel"], &["12"], vec![Some(Typed::Int(12))]).len(), 1);
        assert!(run_typed(&phone, &["tel"], &["0"], vec![Some(Typed::Int(0))]).is_empty());
    }

    /// Validata's verdicts (validata-ref, opening-hours-py 0.6.17) on values communes write.
    #[test]
    fn opening_hours_agree_with_validata() {
        let check = one(r#"{"name": "opening-hours-value", "params": {"column": "h"}}"#);
        for (value, valid) in [
            ("Mo-Fr 08:00-12:00,14:00-18:00", true),
            ("24/7", true),
            ("Mo 8:00-12:00", false),
            ("lundi 8h-12h", false),
            ("PH off", true),
            ("Mo-Sa 09:00-19:00; Su off", true),
            ("Mo-Fr 09:00-17:00 \"sur rendez-vous\"", true),
            ("week 1-53/2 Mo 09:00-12:00", false),
            ("Mo-Fr 08:30-12:00,13:30-17:00; Sa 09:00-12:00; PH off", true),
            ("Mo,We,Fr 09:00-12:00", true),
            ("Tu-Th 14:00-17:30", true),
            ("Mo-Fr 9:00-17:00", false),
            ("Mo-Fr 09:00-17:00;", false),
            ("Mo-Fr 09h00-17h00", false),
            ("Mo-Fr 09:00 - 17:00", false),
            ("mo-fr 09:00-17:00", false),
            ("Mo-Fr 09:00-17:00, Sa 10:00-12:00", true),
            ("Jan-Mar Mo-Fr 10:00-16:00", true),
            ("Apr-Oct Mo-Su 09:00-19:00; Nov-Mar Mo-Fr 10:00-17:00", true),
            ("sunrise-sunset", true),
            ("Mo-Fr 08:00-12:00 || \"sur rendez-vous\"", true),
            ("Mo-Fr 22:00-02:00", true),
            ("Mo-Fr 08:00-24:00", true),
            ("Mo-Fr 08:00-25:00", true),
            ("Su[1] 10:00-12:00", true),
            ("Dec 25 off", true),
            ("2024 Jan 01 off", true),
            ("Mo-Fr 08:00+", false),
            ("Mo-Fr 08:00-12:00 open", true),
            ("Mo-Fr closed", true),
            ("off", true),
            ("Lundi-Vendredi 9:00-12:00", false),
            ("Mo-Fr 08:00-12:00 ; Sa 09:00-12:00", true),
            ("SH Mo-Fr 10:00-12:00", false),
            ("Mo-Fr 10:00-12:00; PH,SH off", true),
            ("Mo-Fr", true),
            ("08:00-18:00", true),
            ("Mo-Fr 08:00-12:00,", false),
        ] {
            let issues = run_text(&check, &["h"], &[value]);
            assert_eq!(issues.is_empty(), valid, "{value}");
            if let Some(issue) = issues.first() {
                assert_eq!(issue.code, Code::OpeningHoursValue);
                assert!(issue.message.contains(&format!("« {value} »")));
            }
        }
    }

    #[test]
    fn french_gps_boxes() {
        assert_eq!(gps_verdict((2.35, 48.85)), GpsVerdict::Inside);
        assert_eq!(gps_verdict((-61.5, 16.0)), GpsVerdict::Inside, "Guadeloupe");
        assert_eq!(gps_verdict((55.5, -21.0)), GpsVerdict::Inside, "La Réunion");
        assert_eq!(gps_verdict((45.1, -12.8)), GpsVerdict::Inside, "Mayotte");
        assert_eq!(gps_verdict((-53.0, 4.0)), GpsVerdict::Inside, "Guyane");
        assert_eq!(gps_verdict((-61.0, 14.6)), GpsVerdict::Inside, "Martinique");
        assert_eq!(gps_verdict((48.85, 2.35)), GpsVerdict::Reversed);
        assert_eq!(gps_verdict((9.560091, 45.0)), GpsVerdict::Outside, "a border is outside");
        assert_eq!(gps_verdict((100.0, 10.0)), GpsVerdict::Outside);
        assert_eq!(gps_verdict((0.0, 0.0)), GpsVerdict::Outside);
    }

    #[test]
    fn gps_cells_are_rendered_as_validata_does() {
        assert_eq!(render_point((48.85, 2.35)), "[48.85, 2.35]");
        assert_eq!(render_point((100.0, 10.0)), "[100.0, 10.0]");
        assert_eq!(render_point((0.00001, 0.0)), "[1e-05, 0.0]");
        assert_eq!(render_point((9.560091, -0.0)), "[9.560091, -0.0]");
        assert_eq!(python_float(1.5e-7), "1.5e-07");
        assert_eq!(python_float(0.0001), "0.0001");
        assert_eq!(python_float(1e16), "1e+16");
        assert_eq!(python_float(-123.456), "-123.456");
    }

    #[test]
    fn gps_check_on_points_and_on_text() {
        let gps = one(r#"{"name": "french-gps-coordinates", "params": {"column": "p"}}"#);
        let point = |lon, lat| vec![Some(Typed::Point(lon, lat))];
        assert!(run_typed(&gps, &["p"], &["2.35,48.85"], point(2.35, 48.85)).is_empty());
        let issues = run_typed(&gps, &["p"], &["48.85,2.35"], point(48.85, 2.35));
        assert_eq!((issues[0].code, issues[0].cell.as_ref()), (Code::ReversedFrenchGpsCoordinates, "[48.85, 2.35]"));
        assert!(issues[0].message.contains("inversées"));
        let issues = run_typed(&gps, &["p"], &["0,0"], point(0.0, 0.0));
        assert_eq!(
            (issues[0].code, issues[0].cell.as_ref()),
            (Code::FrenchGpsCoordinates, "[0.0, 0.0]"),
            "(0, 0) is checked"
        );
        // A text column: "lon,lat" or "[lon, lat]" is read as a point; anything else is not French.
        assert!(run_text(&gps, &["p"], &["2.35, 48.85"]).is_empty());
        assert!(run_text(&gps, &["p"], &["[2.35, 48.85]"]).is_empty());
        assert_eq!(run_text(&gps, &["p"], &["48.85,2.35"])[0].code, Code::ReversedFrenchGpsCoordinates);
        let issues = run_text(&gps, &["p"], &["Paris"]);
        assert_eq!((issues[0].code, issues[0].cell.as_ref()), (Code::FrenchGpsCoordinates, "Paris"));
        assert!(run_text(&gps, &["p"], &[""]).is_empty());
        assert_eq!(parse_point(" [ -61.5 , 16 ] "), Some((-61.5, 16.0)));
        assert_eq!(parse_point("2.35;48.85"), None);
        assert_eq!(parse_point("nan,1"), None);
    }

    #[test]
    fn year_intervals() {
        assert_eq!(year_interval_note("2023/2024", false), None);
        assert_eq!(year_interval_note("2023", true), None);
        assert!(year_interval_note("2023", false).is_some());
        assert!(year_interval_note("2024/2023", true).unwrap().contains("(2023)"));
        assert!(year_interval_note("2023/2023", true).is_some());
        assert!(year_interval_note(" 2023", true).is_some());
        assert_eq!(year_interval_note("2023/2024\n", false), None);
        assert_eq!(year_interval_note("٢٠٢٣", true), None);
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
        let s = |x: &str| Typed::Str(x.to_owned().into());
        assert_eq!(compare(&s("12"), &s("9")), Some(Ordering::Greater));
        assert_eq!(compare(&s("B"), &s("a")), Some(Ordering::Less));
        assert_eq!(compare(&Typed::Int(3), &Typed::Num(2.5)), Some(Ordering::Greater));
        assert_eq!(compare(&Typed::Date(2023, 3, 9), &Typed::Date(2023, 3, 10)), Some(Ordering::Less));
        assert_eq!(compare(&Typed::Date(2023, 3, 9), &s("x")), None);
        assert_eq!(truncated_int(&Typed::Num(3.9)), Some(3));
    }
}
