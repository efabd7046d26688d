//! Validation: a schema compiled once, applied to every cell, row and column of a [`Table`].
//!
//! Findings are [`Issue`]s with the codes and, where they are clear, the French wording of Validata,
//! the reference validator of data.gouv.fr. Row numbers are those of the exported CSV (header = 1).

mod checks;
mod types;

use crate::error::{Error, ErrorKind};
use crate::fr;
use crate::mapping::Table;
use crate::schema::{Field, Schema};
use regex::Regex;
use serde::Serialize;
use std::collections::HashMap;
use types::{cast, type_error, Kind, Typed};

/// One finding about the data.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Issue {
    /// Validata / frictionless code: `type-error`, `constraint-error`, `french-siret-value`…
    pub code: &'static str,
    /// Row in the exported file, header = 1, first data row = 2. `None` for table-wide issues.
    pub row: Option<usize>,
    /// The field concerned, if one is.
    pub field: Option<String>,
    /// The cell's text as it is in the table.
    pub cell: String,
    /// What is wrong, in French, for a person.
    pub message: String,
    /// A value that would fix the cell, when one is certain (e.g. `15/03/2023` → `2023-03-15`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
}

/// The outcome of validating a table.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub valid: bool,
    pub row_count: usize,
    pub issues: Vec<Issue>,
    /// Schema rules this version does not check yet (said to the user, never silently skipped).
    pub unchecked: Vec<String>,
}

impl Report {
    /// Issue counts per code, most frequent first.
    pub fn counts(&self) -> Vec<(&'static str, usize)> {
        let mut counts: HashMap<&'static str, usize> = HashMap::new();
        for issue in &self.issues {
            *counts.entry(issue.code).or_default() += 1;
        }
        let mut counts: Vec<_> = counts.into_iter().collect();
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        counts
    }
}

#[derive(Debug, Clone)]
struct CompiledField {
    name: String,
    kind: Kind,
    missing: Vec<String>,
    required: bool,
    unique: bool,
    pattern: Option<(Regex, String)>,
    enumeration: Option<(Vec<Typed>, String)>,
    min_length: Option<usize>,
    max_length: Option<usize>,
    minimum: Option<(Typed, String)>,
    maximum: Option<(Typed, String)>,
}

/// A schema ready to apply: regexes built, enums typed, checks resolved.
#[derive(Debug, Clone)]
pub struct CompiledSchema {
    fields: Vec<CompiledField>,
    checks: Vec<checks::Check>,
    /// `check-error` issues: custom checks of the schema that cannot be applied.
    check_errors: Vec<Issue>,
    unchecked: Vec<String>,
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
        Ok(CompiledSchema { fields, checks, check_errors, unchecked })
    }

    /// Rules of the schema this version does not check yet.
    pub fn unchecked(&self) -> &[String] {
        &self.unchecked
    }

    /// Cell checks (type, then constraints) and uniqueness for one non-blank row; the typed values.
    fn check_row(
        &self,
        cells: &[String],
        row: usize,
        missing: &[bool],
        seen: &mut [HashMap<String, usize>],
        issues: &mut Vec<Issue>,
    ) -> Vec<Option<Typed>> {
        let cell = |i: usize| cells.get(i).map_or("", String::as_str);
        let mut typed: Vec<Option<Typed>> = Vec::with_capacity(self.fields.len());
        for (i, field) in self.fields.iter().enumerate() {
            let value = if missing.get(i).copied().unwrap_or(false) {
                if field.required {
                    issues.push(field.issue("constraint-error", row, cell(i), fr::REQUIRED.into(), None));
                }
                None
            } else {
                field.check_cell(cell(i), row, issues)
            };
            typed.push(value);
        }
        for (i, field) in self.fields.iter().enumerate() {
            if let (true, Some(Some(value)), Some(seen)) = (field.unique, typed.get(i), seen.get_mut(i)) {
                if let Some(previous) = seen.insert(value.key(), row) {
                    issues.push(field.issue("unique-error", row, cell(i), fr::unique(previous), None));
                }
            }
        }
        typed
    }

    /// Validates a mapped table (one column per schema field, in schema order).
    pub fn validate(&self, table: &Table) -> Report {
        let mut issues = self.check_errors.clone();
        let mut seen: Vec<HashMap<String, usize>> = vec![HashMap::new(); self.fields.len()];
        for (index, cells) in table.rows.iter().enumerate() {
            let row = index + 2;
            let cell = |i: usize| cells.get(i).map_or("", String::as_str);
            let missing: Vec<bool> =
                self.fields.iter().enumerate().map(|(i, f)| f.missing.iter().any(|m| m == cell(i))).collect();
            let typed: Vec<Option<Typed>> = if missing.iter().all(|m| *m) {
                // A blank row replaces the row's cell errors, but the custom checks still see it.
                issues.push(Issue {
                    code: "blank-row",
                    row: Some(row),
                    field: None,
                    cell: String::new(),
                    message: fr::BLANK_ROW.into(),
                    fix: None,
                });
                vec![None; self.fields.len()]
            } else {
                self.check_row(cells, row, &missing, &mut seen, &mut issues)
            };
            for check in &self.checks {
                check.run(&table.fields, cells, &typed, row, &mut issues);
            }
        }
        Report { valid: issues.is_empty(), row_count: table.rows.len(), issues, unchecked: self.unchecked.clone() }
    }
}

impl CompiledField {
    fn issue(&self, code: &'static str, row: usize, cell: &str, message: String, fix: Option<String>) -> Issue {
        Issue { code, row: Some(row), field: Some(self.name.clone()), cell: cell.to_owned(), message, fix }
    }

    /// Type, then constraints (a type error suppresses the constraint checks, as in frictionless).
    fn check_cell(&self, text: &str, row: usize, issues: &mut Vec<Issue>) -> Option<Typed> {
        let value = match self.cast(text) {
            Ok(value) => value,
            Err((message, fix)) => {
                issues.push(self.issue("type-error", row, text, message, fix));
                return None;
            }
        };
        let mut broken = |message: String| issues.push(self.issue("constraint-error", row, text, message, None));
        let length = text.chars().count();
        if let Some(min) = self.min_length.filter(|min| length < *min) {
            broken(fr::min_length(min, length));
        }
        if let Some(max) = self.max_length.filter(|max| length > *max) {
            broken(fr::max_length(max, length));
        }
        if let Some(value) = &value {
            if let Some((min, label)) = &self.minimum {
                if value.partial_cmp(min).is_none_or(|o| o.is_lt()) {
                    broken(fr::minimum(label));
                }
            }
            if let Some((max, label)) = &self.maximum {
                if value.partial_cmp(max).is_none_or(|o| o.is_gt()) {
                    broken(fr::maximum(label));
                }
            }
        }
        if let Some((regex, message)) = &self.pattern {
            if !regex.is_match(text) {
                broken(message.clone());
            }
        }
        if let (Some((allowed, message)), Some(value)) = (&self.enumeration, &value) {
            if !allowed.contains(value) {
                broken(message.clone());
            }
        }
        value
    }

    /// The typed value, `Ok(None)` for unchecked types, or the type error's message and fix.
    fn cast(&self, text: &str) -> Result<Option<Typed>, (String, Option<String>)> {
        cast(&self.kind, text).map_err(|()| type_error(&self.kind, text))
    }
}

fn compile_field(
    field: &Field,
    schema_missing: &[String],
    unchecked: &mut Vec<String>,
) -> Result<CompiledField, Error> {
    let unsupported = |detail: String| Error::new(ErrorKind::SchemaUnsupported { field: field.name.clone(), detail });
    let (kind, note) = types::compile_kind(field);
    if let Some(what) = note {
        unchecked.push(format!("{} ({what})", field.name));
    }
    let c = &field.constraints;
    let pattern = match &c.pattern {
        Some(pattern) => {
            let regex = Regex::new(&format!("^(?:{})\\z", python_pattern(pattern)))
                .map_err(|e| unsupported(format!("l'expression régulière « {pattern} » ({e})")))?;
            let example = field.example.as_ref().map(|e| match e {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            });
            Some((regex, fr::pattern(field.description.as_deref(), example.as_deref())))
        }
        None => None,
    };
    let typed_bound = |value: &serde_json::Value| -> Option<(Typed, String)> {
        let text = match value {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        cast(&kind, &text).ok().flatten().map(|typed| (typed, text))
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
        (typed, fr::enumeration(&labels))
    });
    Ok(CompiledField {
        name: field.name.clone(),
        missing: field.missing_values.clone().unwrap_or_else(|| schema_missing.to_vec()),
        required: c.required,
        unique: c.unique,
        pattern,
        enumeration,
        min_length: c.min_length,
        max_length: c.max_length,
        minimum: c.minimum.as_ref().and_then(typed_bound),
        maximum: c.maximum.as_ref().and_then(typed_bound),
        kind,
    })
}

/// A Python `re` pattern in the syntax of the `regex` crate: Python lets any character be escaped,
/// `regex` only meta characters, so an escaped non-ASCII character (`\–`) becomes the character itself.
fn python_pattern(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        match (c, chars.clone().next()) {
            ('\\', Some(next)) if !next.is_ascii() => {
                out.push(next);
                chars.next();
            }
            ('\\', Some(next)) => {
                out.push(c);
                out.push(next);
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests;
