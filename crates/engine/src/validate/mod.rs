//! Validation: a schema compiled once, applied to every cell, row and column of a [`Table`].
//!
//! Findings are [`Issue`]s with the codes and, where they are clear, the French wording of Validata,
//! the reference validator of data.gouv.fr. Row numbers are those of the exported CSV (header = 1).

mod checks;
mod code;
mod fix;
mod run;
mod types;

pub use checks::{install_phone_metadata, phone_metadata_ready, CheckRule};
pub use code::Code;
pub use run::Validation;
pub use types::set_today;

pub use crate::dates::strftime_in_french;

use crate::error::{Error, Failure};
use crate::fr;
use crate::schema::{Field, Schema};
use crate::table::Table;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;
use types::{cast, type_error, FieldPattern, Kind, Typed};

/// One finding about the data.
///
/// A wrong schema gives an issue on every row, millions of them: the field's name and the message,
/// which repeat from row to row, are shared (`Arc<str>`: a clone is a count, not a copy), so an issue
/// costs little more than its cell's text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Issue {
    /// Validata / frictionless code: `type-error`, `constraint-error`, `french-siret-value`…
    pub code: Code,
    /// Row in the exported file, header = 1, first data row = 2. `None` for table-wide issues.
    pub row: Option<usize>,
    /// The field concerned, if one is.
    pub field: Option<Arc<str>>,
    /// The cell's text as it is in the table (shared: a report is a copy of the issues kept by row).
    pub cell: Arc<str>,
    /// What is wrong, in French, for a person.
    pub message: Arc<str>,
    /// A value that would fix the cell, when one is certain (e.g. `15/03/2023` → `2023-03-15`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
}

/// The rule of its field a `constraint-error` breaks ([`CompiledSchema::constraint_broken`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Constraint {
    /// A value must be given.
    Required,
    MinLength,
    MaxLength,
    Minimum,
    Maximum,
    Pattern,
    Enum,
    /// An item of a list breaks a rule of the list's items (`arrayItem`).
    ArrayItem,
}

impl Issue {
    /// An issue of the whole table (no row, no cell): a header, a missing column, a schema or check
    /// that cannot apply, a file that cannot be read; about `field` when one is named.
    pub fn of_table(code: Code, field: Option<&str>, message: String) -> Issue {
        Issue { code, row: None, field: field.map(Into::into), cell: "".into(), message: message.into(), fix: None }
    }

    /// The row a `unique-error` or `primary-key-error` repeats, as its message names it (`None` for
    /// other codes, and for a primary key left empty).
    pub fn earlier_row(&self) -> Option<usize> {
        if !matches!(self.code, Code::UniqueError | Code::PrimaryKeyError) {
            return None;
        }
        let (_, after) = self.message.split_once(fr::issues::ROW_WORD)?;
        let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    }
}

/// The outcome of validating a table.
///
/// `valid` is true when there is no issue **and** every check could decide: a cell whose value could
/// not be checked against its field's pattern (a warning with code [`Code::PatternUndecided`], and a line
/// per field in `unchecked`) makes the table not valid although it has no issue, because a check that
/// cannot decide never counts as passed. The person checks these cells by hand.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub valid: bool,
    pub row_count: usize,
    pub issues: Vec<Issue>,
    /// Structure warnings (missing optional, unknown or disordered columns), which never make the file
    /// invalid; then, row by row, the cells that could not be checked against their field's pattern
    /// ([`Code::PatternUndecided`]), which do (see above).
    pub warnings: Vec<Issue>,
    /// Schema rules this version does not check yet, and the fields with cells that could not be
    /// checked against their pattern (said to the user, never silently skipped).
    pub unchecked: Vec<String>,
}

impl Report {
    /// The report on a file the reference validator would not read (its encoding, its first sheet):
    /// that issue alone, as Validata stops there, and not valid.
    pub fn refused(issue: Issue, row_count: usize) -> Report {
        Report { valid: false, row_count, issues: vec![issue], ..Report::default() }
    }

    /// How many cells could not be checked against their field's pattern ([`Code::PatternUndecided`]):
    /// they keep the file from being conformant, though they are not errors.
    pub fn undecided(&self) -> usize {
        self.warnings.iter().filter(|w| w.code == Code::PatternUndecided).count()
    }

    /// Issue counts per code, most frequent first.
    pub fn counts(&self) -> Vec<(Code, usize)> {
        let mut counts: HashMap<Code, usize> = HashMap::new();
        for issue in &self.issues {
            *counts.entry(issue.code).or_default() += 1;
        }
        let mut counts: Vec<_> = counts.into_iter().collect();
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        counts
    }
}

/// The note shown when a schema uses rules Tamis does not check yet (the lines of [`Report::unchecked`]).
pub fn unchecked_note(rules: &[String]) -> String {
    fr::issues::unchecked(rules)
}

#[derive(Debug, Clone)]
struct CompiledField {
    name: Arc<str>,
    kind: Kind,
    missing: Vec<String>,
    required: bool,
    unique: bool,
    pattern: Option<(FieldPattern, String)>,
    enumeration: Option<(Vec<Typed<'static>>, String)>,
    /// The allowed values as written in the schema, for suggesting a fix.
    enum_labels: Vec<String>,
    min_length: Option<usize>,
    max_length: Option<usize>,
    minimum: Option<(Typed<'static>, String)>,
    maximum: Option<(Typed<'static>, String)>,
}

/// A schema ready to apply: regexes built, enums typed, checks resolved.
#[derive(Debug, Clone)]
pub struct CompiledSchema {
    fields: Vec<CompiledField>,
    checks: Vec<checks::Check>,
    /// The schema's own `missingValues`, for columns it does not describe.
    missing_values: Vec<String>,
    /// Fields of the primary key (empty: none).
    primary_key: Vec<String>,
    /// Schema-level issues: a constraint the field's type cannot have, an unknown type (`field-error`),
    /// a custom check that cannot run (`check-error`).
    schema_errors: Vec<Issue>,
    unchecked: Vec<String>,
    /// The schema compiled, for what explains an issue in plain words (its fields' documentation).
    schema: Schema,
}

impl CompiledSchema {
    /// Compiles a schema. Fails, naming the field and the rule, when a rule cannot be applied at all
    /// (e.g. a pattern that is not a valid regular expression).
    pub fn compile(schema: &Schema) -> Result<CompiledSchema, Error> {
        let mut unchecked = Vec::new();
        let mut fields = Vec::with_capacity(schema.fields.len());
        for field in &schema.fields {
            fields.push(compile_field(field, &schema.missing_values, &mut unchecked)?);
        }
        let (checks, check_errors) = checks::compile(&schema.custom_checks);
        let primary_key = match &schema.primary_key {
            Some(serde_json::Value::String(name)) => vec![name.clone()],
            Some(serde_json::Value::Array(names)) => {
                names.iter().filter_map(|n| n.as_str().map(str::to_owned)).collect()
            }
            _ => Vec::new(),
        };
        let mut schema_errors: Vec<Issue> = schema
            .fields
            .iter()
            .flat_map(types::unsupported_constraints)
            .map(|message| Issue::of_table(Code::FieldError, None, message))
            .collect();
        schema_errors.extend(check_errors);
        Ok(CompiledSchema {
            fields,
            checks,
            missing_values: schema.missing_values.clone(),
            primary_key,
            schema_errors,
            unchecked,
            schema: schema.clone(),
        })
    }

    /// The schema this was compiled from.
    pub fn schema(&self) -> &Schema {
        &self.schema
    }

    /// Whether this schema checks phone numbers (`phone-number-value`) and there is no metadata to
    /// check them with yet: see [`install_phone_metadata`].
    pub fn phone_metadata_missing(&self) -> bool {
        self.checks.iter().any(|check| matches!(check, checks::Check::Phone { .. })) && !phone_metadata_ready()
    }

    /// The fields of the schema's primary key (empty: none).
    pub fn primary_key(&self) -> &[String] {
        &self.primary_key
    }

    /// Which rule of its field a `constraint-error` breaks, found again from the cell (nothing is
    /// stored per issue): `None` for other codes or a field the schema does not have.
    pub fn constraint_broken(&self, issue: &Issue) -> Option<Constraint> {
        if issue.code != Code::ConstraintError {
            return None;
        }
        if *issue.message == *fr::issues::REQUIRED {
            return Some(Constraint::Required);
        }
        let field = self.fields.iter().find(|f| Some(&f.name) == issue.field.as_ref())?;
        let problems = field.evaluate(&issue.cell).problems;
        let found = problems.iter().find(|p| *p.1 == *issue.message).or(problems.first());
        found.and_then(|p| p.2)
    }

    /// What a custom check's issue is about, for the row's cells (`labels` are the table's columns,
    /// `cells` the issue's row; both empty for a table-wide issue): `None` for an issue of no check.
    pub fn check_rule(&self, issue: &Issue, labels: &[String], cells: &[&str]) -> Option<CheckRule> {
        let missing = |column: &str, text: &str| {
            let values = self.fields.iter().find(|f| &*f.name == column).map_or(&self.missing_values, |f| &f.missing);
            values.iter().any(|m| m == text)
        };
        self.checks.iter().find_map(|check| check.rule(issue, labels, cells, &missing))
    }

    /// Rules of the schema this version does not check yet.
    pub fn unchecked(&self) -> &[String] {
        &self.unchecked
    }

    /// Validates a table: a mapped one (every field, in schema order) or a file as it is
    /// ([`Table::from_sheet`]), whose columns meet the fields by exact label.
    pub fn validate(&self, table: &Table) -> Report {
        Validation::new(self, table).report()
    }
}

impl CompiledField {
    fn issue(&self, code: Code, row: usize, cell: &str, message: String, fix: Option<String>) -> Issue {
        Issue { code, row: Some(row), field: Some(self.name.clone()), cell: cell.into(), message: message.into(), fix }
    }

    /// Type, then constraints (a type error suppresses the constraint checks, as in frictionless).
    /// Issues get the first suggested rewriting that would pass every check of the field. A pattern
    /// that could not be decided gives a warning ([`Code::PatternUndecided`]).
    fn check_cell<'a>(
        &self,
        text: &'a str,
        row: usize,
        issues: &mut Vec<Issue>,
        warnings: &mut Vec<Issue>,
    ) -> Option<Typed<'a>> {
        let Evaluation { value, problems, undecided } = self.evaluate(text);
        if undecided {
            warnings.push(self.issue(
                Code::PatternUndecided,
                row,
                text,
                fr::issues::pattern_undecided(&self.name),
                None,
            ));
        }
        if !problems.is_empty() {
            let own = problems.iter().find_map(|(_, _, _, fix)| fix.clone());
            // A rewriting is suggested only when every check decides it passes.
            let fix = own.into_iter().chain(fix::candidates(&self.kind, text, &self.enum_labels)).find(|candidate| {
                let evaluation = self.evaluate(candidate);
                evaluation.problems.is_empty() && !evaluation.undecided
            });
            for (code, message, _, _) in problems {
                issues.push(self.issue(code, row, text, message, fix.clone()));
            }
        }
        value
    }

    /// The typed value and what is wrong with the cell: a type error, or the constraints it breaks.
    /// A type error comes with the type's own suggestion, if it has one.
    fn evaluate<'a>(&self, text: &'a str) -> Evaluation<'a> {
        let value = match cast(&self.kind, text) {
            Ok(value) => value,
            Err(()) => {
                let (message, fix) = type_error(&self.kind, text);
                return Evaluation {
                    value: None,
                    problems: vec![(Code::TypeError, message, None, fix)],
                    undecided: false,
                };
            }
        };
        let mut undecided = false;
        let mut broken = Vec::new();
        if self.min_length.is_some() || self.max_length.is_some() {
            // Arrays and objects count items or keys; the message quotes the text's length, as Validata's.
            let length = types::constraint_length(value.as_ref(), text);
            let shown = text.chars().count();
            if let Some(min) = self.min_length.filter(|min| length < *min) {
                broken.push((Constraint::MinLength, fr::issues::min_length(min, shown)));
            }
            if let Some(max) = self.max_length.filter(|max| length > *max) {
                broken.push((Constraint::MaxLength, fr::issues::max_length(max, shown)));
            }
        }
        if let Some(value) = &value {
            if let Some((min, label)) = &self.minimum {
                if value.partial_cmp(min).is_none_or(|o| o.is_lt()) {
                    broken.push((Constraint::Minimum, fr::issues::minimum(label)));
                }
            }
            if let Some((max, label)) = &self.maximum {
                if value.partial_cmp(max).is_none_or(|o| o.is_gt()) {
                    broken.push((Constraint::Maximum, fr::issues::maximum(label)));
                }
            }
        }
        if let Some((pattern, message)) = &self.pattern {
            match pattern.decide(text) {
                Some(true) => {}
                Some(false) => broken.push((Constraint::Pattern, message.clone())),
                None => undecided = true,
            }
        }
        if let (Some((allowed, message)), Some(value)) = (&self.enumeration, &value) {
            if !allowed.contains(value) {
                broken.push((Constraint::Enum, message.clone()));
            }
        }
        let mut problems: Vec<Problem> = broken
            .into_iter()
            .map(|(constraint, message)| (Code::ConstraintError, message, Some(constraint), None))
            .collect();
        if problems.is_empty() {
            // An array's items are checked once the array itself passes, as in frictionless.
            for (code, message) in types::array_item_errors(&self.kind, text) {
                if code == Code::PatternUndecided {
                    undecided = true;
                } else {
                    problems.push((code, message, Some(Constraint::ArrayItem), None));
                }
            }
        }
        Evaluation { value, problems, undecided }
    }
}

/// What is wrong with a cell: code, message, the constraint broken (none for a type error), the type's
/// own suggestion.
type Problem = (Code, String, Option<Constraint>, Option<String>);

/// What checking a cell gives: its typed value, what is wrong with it, and whether its pattern could
/// not be decided.
struct Evaluation<'a> {
    value: Option<Typed<'a>>,
    problems: Vec<Problem>,
    undecided: bool,
}

fn compile_field(
    field: &Field,
    schema_missing: &[String],
    unchecked: &mut Vec<String>,
) -> Result<CompiledField, Error> {
    let unsupported = |detail: String| Error::new(Failure::SchemaUnsupported { field: field.name.clone(), detail });
    let (kind, note) = types::compile_kind(field);
    if let Some(what) = note {
        unchecked.push(format!("{} ({what})", field.name));
    }
    let c = &field.constraints;
    let pattern = match &c.pattern {
        Some(pattern) => {
            let regex = FieldPattern::compile(pattern)
                .map_err(|e| unsupported(format!("l'expression régulière « {pattern} » ({e})")))?;
            let example = field.example.as_ref().map(|e| match e {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            });
            Some((regex, fr::issues::pattern(field.description.as_deref(), example.as_deref())))
        }
        None => None,
    };
    let typed_bound = |value: &serde_json::Value| -> Option<(Typed<'static>, String)> {
        let text = match value {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let typed = cast(&kind, &text).ok().flatten().map(Typed::into_owned);
        typed.map(|typed| (typed, text))
    };
    let enumeration = c.enumeration.as_ref().map(|values| {
        let labels: Vec<String> = values
            .iter()
            .map(|v| match v {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            })
            .collect();
        let typed = values.iter().filter_map(|v| typed_bound(v).map(|(t, _)| t)).collect();
        (typed, fr::issues::enumeration(&labels), labels)
    });
    let (enumeration, enum_labels) = match enumeration {
        Some((typed, message, labels)) => (Some((typed, message)), labels),
        None => (None, Vec::new()),
    };
    Ok(CompiledField {
        name: field.name.as_str().into(),
        missing: field.missing_values.clone().unwrap_or_else(|| schema_missing.to_vec()),
        required: c.required,
        unique: c.unique,
        pattern,
        enumeration,
        enum_labels,
        min_length: c.min_length,
        max_length: c.max_length,
        minimum: c.minimum.as_ref().and_then(typed_bound),
        maximum: c.maximum.as_ref().and_then(typed_bound),
        kind,
    })
}

#[cfg(test)]
mod tests;
