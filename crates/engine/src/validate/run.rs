//! Applying a compiled schema to a table: how the table's columns meet the schema's fields, the
//! header and structure findings, then every row — kept per row, so that an edited cell or row is
//! revalidated alone (with its columns' uniqueness) instead of the whole table.
//!
//! Columns meet fields by exact label, as Validata's `schema_sync` does: a schema field absent from the
//! table is dropped (an error if it is required, a warning otherwise), a column the schema does not
//! know is kept unchecked (a warning). A table Tamis maps always has every field, in schema order; a
//! file validated as it is (`Table::from_sheet`) may not.

use super::checks::Bound;
use super::types::Typed;
use super::{Code, CompiledSchema, Issue, Report};
use crate::fr;
use crate::table::{spreadsheet_row, Table};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;

/// How a table's columns meet the schema's fields.
#[derive(Debug, Clone)]
struct Layout {
    /// For each compiled field, the table column that holds it.
    columns: Vec<Option<usize>>,
    /// For each table column, the compiled field it holds (`None`: a column the schema does not know).
    fields: Vec<Option<usize>>,
    /// Table-wide errors: header, missing columns, checks that cannot run.
    errors: Vec<Issue>,
    /// Structure warnings: they never make the file invalid.
    warnings: Vec<Issue>,
    /// `false` when the header prevents any row validation (duplicate labels).
    rows_checked: bool,
    /// Groups of fields whose values must not repeat: each `unique` field, and the primary key.
    unique: Vec<UniqueGroup>,
    /// Custom checks that run on rows, bound to the table's columns (those with no start error whose
    /// columns are there).
    checks: Vec<(usize, Bound)>,
}

#[derive(Debug, Clone)]
struct UniqueGroup {
    /// Table columns of the group's fields.
    columns: Vec<usize>,
    /// The field named in the issue (`None` for a primary key).
    field: Option<Arc<str>>,
}

/// What one row gave: its own issues, and the keys its values have in each unique group.
#[derive(Debug, Clone, Default)]
struct RowOutcome {
    /// Cell, extra-cell and missing-cell issues (or the blank-row issue alone, with the empty primary
    /// key's when the schema has one).
    cells: Vec<Issue>,
    /// Custom-check issues.
    checks: Vec<Issue>,
    /// Cells whose pattern could not be decided ([`super::PATTERN_UNDECIDED`] warnings).
    undecided: Vec<Issue>,
    /// For each unique group, the row's key and cell text (`None`: all its values empty, or a blank row).
    keys: Vec<Option<(String, String)>>,
}

/// Buffers a row's check reuses from the row before (two allocations a row saved).
#[derive(Default)]
struct Scratch<'t> {
    /// The row's cells.
    cells: Vec<&'t str>,
    /// Their typed values, by table column (`None`: empty, or of the wrong type).
    typed: Vec<Option<Typed<'t>>>,
}

/// Notes in `seen` (for each unique group, key → rows) the keys row `index` has.
fn note_keys(seen: &mut [HashMap<String, BTreeSet<usize>>], outcome: &RowOutcome, index: usize) {
    for (group, key) in outcome.keys.iter().enumerate() {
        if let (Some((key, _)), Some(seen)) = (key, seen.get_mut(group)) {
            seen.entry(key.clone()).or_default().insert(index);
        }
    }
}

/// A validated table that can be updated row by row.
///
/// ```
/// use tamis_engine::{Code, CompiledSchema, Schema, Table, validate::Validation};
/// let schema = Schema::from_json(r#"{"fields": [{"name": "id", "type": "integer",
///     "constraints": {"unique": true}}]}"#).unwrap();
/// let compiled = CompiledSchema::compile(&schema).unwrap();
/// let mut table = Table { fields: vec!["id".into()], rows: vec![["1"].into(), ["x"].into()],
///     source_rows: vec![2, 3] };
/// let mut validation = Validation::new(&compiled, &table);
/// assert_eq!(validation.report().issues.len(), 1);
/// table.rows[1].set(0, "01"); // same integer as row 2
/// validation.update_row(&compiled, &table, 1);
/// assert_eq!(validation.report().issues[0].code, Code::UniqueError);
/// ```
#[derive(Debug, Clone)]
pub struct Validation {
    layout: Layout,
    rows: Vec<RowOutcome>,
    /// For each unique group: key → the rows (0-based) that have it, in order.
    seen: Vec<HashMap<String, BTreeSet<usize>>>,
    row_count: usize,
    unchecked: Vec<String>,
    /// The texts the rows' issues share (field names, messages): each kept once.
    shared: HashSet<Arc<str>>,
}

impl Validation {
    /// Validates every row of `table`.
    pub fn new(schema: &CompiledSchema, table: &Table) -> Validation {
        let mut validation = Validation::start(schema, table);
        validation.check_rows(schema, table, usize::MAX);
        validation
    }

    /// The validation of `table` with no row checked yet: [`Validation::check_rows`] checks them a
    /// slice at a time, so that a caller can show progress and stay responsive; until all are, the
    /// report holds the rows checked so far.
    pub fn start(schema: &CompiledSchema, table: &Table) -> Validation {
        let layout = Layout::new(schema, table);
        let mut rows = Vec::new();
        if layout.rows_checked {
            rows.reserve_exact(table.rows.len());
        }
        Validation {
            seen: vec![HashMap::new(); layout.unique.len()],
            rows,
            row_count: table.rows.len(),
            unchecked: schema.unchecked.clone(),
            shared: HashSet::new(),
            layout,
        }
    }

    /// Checks up to `count` more rows of `table` (the table given to [`Validation::start`]), in order.
    /// Returns how many rows are checked so far.
    pub fn check_rows(&mut self, schema: &CompiledSchema, table: &Table, count: usize) -> usize {
        if self.layout.rows_checked {
            let end = self.rows.len().saturating_add(count).min(table.rows.len());
            let mut scratch = Scratch::default();
            for index in self.rows.len()..end {
                let outcome = self.outcome(schema, table, index, &mut scratch);
                note_keys(&mut self.seen, &outcome, index);
                self.rows.push(outcome);
            }
        }
        self.checked()
    }

    /// How many rows are checked: all of them when the header prevents any row validation.
    pub fn checked(&self) -> usize {
        if self.layout.rows_checked {
            self.rows.len()
        } else {
            self.row_count
        }
    }

    /// Revalidates row `index` of `table` after an edit (the table's columns must be unchanged).
    /// Rows sharing a unique value with the row's old or new values get their uniqueness re-checked.
    pub fn update_row(&mut self, schema: &CompiledSchema, table: &Table, index: usize) {
        if !self.layout.rows_checked || index >= table.rows.len() {
            return;
        }
        let outcome = self.outcome(schema, table, index, &mut Scratch::default());
        let old = self.rows.get(index).map(|o| o.keys.clone()).unwrap_or_default();
        for (group, (old, new)) in old.iter().zip(&outcome.keys).enumerate() {
            let Some(seen) = self.seen.get_mut(group) else { continue };
            if let Some((old, _)) = old {
                if let Some(rows) = seen.get_mut(old) {
                    rows.remove(&index);
                    if rows.is_empty() {
                        seen.remove(old);
                    }
                }
            }
            if let Some((new, _)) = new {
                seen.entry(new.clone()).or_default().insert(index);
            }
        }
        if let Some(slot) = self.rows.get_mut(index) {
            *slot = outcome;
        }
    }

    /// After rows were deleted from the table (`removed`: their indexes before, ascending): drops what
    /// they gave and renumbers the rows after them, without checking any row again.
    pub fn remove_rows(&mut self, removed: &[usize]) {
        self.row_count = self.row_count.saturating_sub(removed.len());
        let Some(&first) = removed.first() else { return };
        if !self.layout.rows_checked {
            return;
        }
        let mut gone = removed.iter().peekable();
        let mut index = 0;
        self.rows.retain(|_| {
            let kept = gone.next_if_eq(&&index).is_none();
            index += 1;
            kept
        });
        self.renumber_from(first);
    }

    /// After deleted rows were put back into `table` (`inserted`: their indexes now, ascending): checks
    /// them and renumbers the rows after them.
    pub fn insert_rows(&mut self, schema: &CompiledSchema, table: &Table, inserted: &[usize]) {
        self.row_count = table.rows.len();
        let Some(&first) = inserted.first() else { return };
        if !self.layout.rows_checked {
            return;
        }
        let mut before = std::mem::take(&mut self.rows).into_iter();
        let mut back = inserted.iter().peekable();
        let mut scratch = Scratch::default();
        for index in 0..table.rows.len() {
            let outcome = match back.next_if_eq(&&index) {
                Some(_) => self.outcome(schema, table, index, &mut scratch),
                None => before.next().unwrap_or_default(),
            };
            self.rows.push(outcome);
        }
        self.renumber_from(first);
    }

    /// Gives the issues of the rows from `first` on their rows' numbers again, and indexes the keys of
    /// every row anew (rows moved).
    fn renumber_from(&mut self, first: usize) {
        for (index, outcome) in self.rows.iter_mut().enumerate().skip(first) {
            for issue in outcome.cells.iter_mut().chain(&mut outcome.checks).chain(&mut outcome.undecided) {
                issue.row = Some(spreadsheet_row(index));
            }
        }
        self.seen = vec![HashMap::new(); self.layout.unique.len()];
        for (index, outcome) in self.rows.iter().enumerate() {
            note_keys(&mut self.seen, outcome, index);
        }
    }

    /// Row `index` checked, its outcome kept small.
    fn outcome<'t>(
        &mut self,
        schema: &CompiledSchema,
        table: &'t Table,
        index: usize,
        scratch: &mut Scratch<'t>,
    ) -> RowOutcome {
        let outcome = self.check_row(schema, table, index, scratch);
        self.compact(outcome)
    }

    /// The report: table-wide issues first, then each row's, in Validata's order (cells, extra and
    /// missing cells, uniqueness, then custom checks). The warnings are the structure's, then the cells
    /// whose pattern could not be decided, which make the table not valid and are counted per field
    /// in `unchecked`.
    pub fn report(&self) -> Report {
        let mut issues = self.layout.errors.clone();
        let mut warnings = self.layout.warnings.clone();
        let unique = self.unique_issues();
        issues.reserve(self.rows.iter().map(|o| o.cells.len() + o.checks.len()).sum::<usize>());
        for (index, outcome) in self.rows.iter().enumerate() {
            issues.extend(outcome.cells.iter().cloned());
            if let Some(found) = unique.get(&index) {
                issues.extend(found.iter().cloned());
            }
            issues.extend(outcome.checks.iter().cloned());
            warnings.extend(outcome.undecided.iter().cloned());
        }
        // Fields with undecided cells, in the order of their first one.
        let mut undecided: Vec<(&str, usize)> = Vec::new();
        for outcome in &self.rows {
            for issue in &outcome.undecided {
                let field = issue.field.as_deref().unwrap_or_default();
                match undecided.iter_mut().find(|(name, _)| *name == field) {
                    Some((_, count)) => *count += 1,
                    None => undecided.push((field, 1)),
                }
            }
        }
        let mut unchecked = self.unchecked.clone();
        unchecked.extend(undecided.iter().map(|(field, count)| fr::issues::pattern_undecided_unchecked(field, *count)));
        Report {
            valid: issues.is_empty() && undecided.is_empty(),
            row_count: self.row_count,
            issues,
            warnings,
            unchecked,
        }
    }

    /// Keeps a row's outcome small: its issues share their field names and messages with the other
    /// rows' (an error on every row is common: a wrong schema, a wrong column), and its lists take no
    /// more room than they need.
    fn compact(&mut self, mut outcome: RowOutcome) -> RowOutcome {
        for issue in outcome.cells.iter_mut().chain(&mut outcome.checks).chain(&mut outcome.undecided) {
            issue.message = share(&mut self.shared, &issue.message);
            if let Some(field) = &mut issue.field {
                *field = share(&mut self.shared, field);
            }
        }
        outcome.cells.shrink_to_fit();
        outcome.checks.shrink_to_fit();
        outcome.undecided.shrink_to_fit();
        outcome
    }

    /// Uniqueness issues by row: every occurrence of a key after the first, citing the previous one.
    fn unique_issues(&self) -> HashMap<usize, Vec<Issue>> {
        let mut found: HashMap<usize, Vec<Issue>> = HashMap::new();
        for (g, (group, seen)) in self.layout.unique.iter().zip(&self.seen).enumerate() {
            for rows in seen.values().filter(|rows| rows.len() > 1) {
                let mut previous = None;
                for &index in rows {
                    if let Some(before) = previous {
                        let issue = Issue {
                            code: if group.field.is_some() { Code::UniqueError } else { Code::PrimaryKeyError },
                            row: Some(spreadsheet_row(index)),
                            field: group.field.clone(),
                            cell: self
                                .rows
                                .get(index)
                                .and_then(|o| o.keys.get(g)?.as_ref())
                                .map_or_else(|| "".into(), |(_, cell)| Arc::from(cell.as_str())),
                            message: if group.field.is_some() {
                                fr::issues::unique(spreadsheet_row(before)).into()
                            } else {
                                fr::issues::primary_key(spreadsheet_row(before)).into()
                            },
                            fix: None,
                        };
                        found.entry(index).or_default().push(issue);
                    }
                    previous = Some(index);
                }
            }
        }
        for issues in found.values_mut() {
            // Unique fields in schema order, then the primary key, as Validata lists them.
            issues.sort_by_key(|issue| issue.code == Code::PrimaryKeyError);
        }
        found
    }

    fn check_row<'t>(
        &self,
        schema: &CompiledSchema,
        table: &'t Table,
        index: usize,
        scratch: &mut Scratch<'t>,
    ) -> RowOutcome {
        let layout = &self.layout;
        let row = spreadsheet_row(index);
        let width = table.fields.len();
        // The row's cells looked up once: checks read some several times.
        let Scratch { cells, typed } = scratch;
        cells.clear();
        cells.extend(table.rows.get(index).into_iter().flat_map(|r| r.iter()));
        let cells = cells.as_slice();
        typed.clear();
        typed.resize(width, None);
        let mut outcome = RowOutcome { keys: vec![None; layout.unique.len()], ..RowOutcome::default() };
        // A cell is missing when it is absent (short row) or one of its field's missing values.
        let missing = |column: usize| -> bool {
            match cells.get(column).copied() {
                None => true,
                Some(text) => {
                    let values = match layout.fields.get(column).copied().flatten().and_then(|f| schema.fields.get(f)) {
                        Some(field) => &field.missing,
                        None => &schema.missing_values,
                    };
                    // Lengths first: most cells are longer than every missing value ("" mostly).
                    values.iter().any(|m| m.len() == text.len() && (m.is_empty() || m == text))
                }
            }
        };
        if (0..width).all(missing) {
            outcome.cells.push(Issue {
                code: Code::BlankRow,
                row: Some(row),
                field: None,
                cell: "".into(),
                message: fr::issues::BLANK_ROW.into(),
                fix: None,
            });
            // A blank row has no primary key either: Validata reports both, blank row first.
            if layout.unique.iter().any(|group| group.field.is_none()) {
                outcome.cells.push(primary_key_empty(row));
            }
        } else {
            for (column, slot) in typed.iter_mut().enumerate() {
                let text = cells.get(column).copied();
                match layout.fields.get(column).copied().flatten().and_then(|f| schema.fields.get(f)) {
                    Some(field) if missing(column) => {
                        if field.required {
                            let shown = text.unwrap_or_default();
                            outcome.cells.push(field.issue(
                                Code::ConstraintError,
                                row,
                                shown,
                                fr::issues::REQUIRED.into(),
                                None,
                            ));
                        }
                    }
                    Some(field) => {
                        let text = text.unwrap_or_default();
                        *slot = field.check_cell(text, row, &mut outcome.cells, &mut outcome.undecided);
                    }
                    None => *slot = text.filter(|_| !missing(column)).map(|t| Typed::Str(t.into())),
                }
            }
            for extra in cells.iter().skip(width) {
                outcome.cells.push(Issue {
                    code: Code::ExtraCell,
                    row: Some(row),
                    field: None,
                    cell: (*extra).into(),
                    message: fr::issues::EXTRA_CELL.into(),
                    fix: None,
                });
            }
            for label in table.fields.iter().skip(cells.len()) {
                outcome.cells.push(Issue {
                    code: Code::MissingCell,
                    row: Some(row),
                    field: Some(label.as_str().into()),
                    cell: "".into(),
                    message: fr::issues::MISSING_CELL.into(),
                    fix: None,
                });
            }
            for (group, key) in layout.unique.iter().zip(outcome.keys.iter_mut()) {
                let values: Vec<Option<&Typed>> =
                    group.columns.iter().map(|c| typed.get(*c).and_then(Option::as_ref)).collect();
                if values.iter().all(Option::is_none) && group.field.is_none() {
                    // A row must have a primary key: Validata reports every row without one.
                    outcome.cells.push(primary_key_empty(row));
                } else if values.iter().any(Option::is_some) {
                    let parts: Vec<String> =
                        values.iter().map(|v| v.map_or_else(|| "∅".to_owned(), Typed::key)).collect();
                    let shown: Vec<&str> =
                        group.columns.iter().map(|c| cells.get(*c).copied().unwrap_or_default()).collect();
                    *key = Some((parts.join("\u{1f}"), shown.join(", ")));
                }
            }
        }
        for (check, bound) in layout.checks.iter().filter_map(|(c, bound)| Some((schema.checks.get(*c)?, bound))) {
            check.run(bound, cells, typed, row, &mut outcome.checks);
        }
        outcome
    }
}

/// The most texts [`Validation`] keeps to share: the field names and the messages of a table are a
/// few hundred; messages that quote each cell (a length, say) are not worth keeping beyond that.
const SHARED_TEXTS: usize = 10_000;

/// The copy of `text` kept in `shared`, added if it is not there yet and there is room.
fn share(shared: &mut HashSet<Arc<str>>, text: &Arc<str>) -> Arc<str> {
    if let Some(kept) = shared.get(&**text) {
        return kept.clone();
    }
    if shared.len() < SHARED_TEXTS {
        shared.insert(text.clone());
    }
    text.clone()
}

/// The error of a row whose primary-key cells are all empty (blank rows included).
fn primary_key_empty(row: usize) -> Issue {
    Issue {
        code: Code::PrimaryKeyError,
        row: Some(row),
        field: None,
        cell: "".into(),
        message: fr::issues::PRIMARY_KEY_EMPTY.into(),
        fix: None,
    }
}

impl Layout {
    fn new(schema: &CompiledSchema, table: &Table) -> Layout {
        let mut layout = Layout {
            columns: vec![None; schema.fields.len()],
            fields: vec![None; table.fields.len()],
            errors: Vec::new(),
            warnings: Vec::new(),
            rows_checked: true,
            unique: Vec::new(),
            checks: Vec::new(),
        };
        layout.errors.extend(schema.schema_errors.iter().cloned());
        // Labels: two identical (or two blank) stop everything, as in Validata; one blank is an error.
        let labels: Vec<&str> = table.fields.iter().map(|l| l.trim()).collect();
        let mut duplicates: Vec<&str> = Vec::new();
        for (i, label) in labels.iter().enumerate() {
            if labels.iter().take(i).any(|l| l == label) && !duplicates.contains(label) {
                duplicates.push(label);
            }
        }
        if !duplicates.is_empty() {
            layout.errors.push(Issue::of_table(Code::GeneralError, None, fr::issues::duplicate_labels(&duplicates)));
            layout.rows_checked = false;
            return layout;
        }
        for (position, _) in labels.iter().enumerate().filter(|(_, l)| l.is_empty()) {
            layout.errors.push(Issue::of_table(Code::BlankLabel, None, fr::issues::blank_label(position + 1)));
        }
        for (f, field) in schema.fields.iter().enumerate() {
            let column = labels.iter().position(|l| *l == &*field.name);
            if let Some(slot) = layout.columns.get_mut(f) {
                *slot = column;
            }
            if let Some(column) = column.and_then(|c| layout.fields.get_mut(c)) {
                *column = Some(f);
            }
        }
        for (field, column) in schema.fields.iter().zip(&layout.columns) {
            if column.is_none() && field.required {
                layout.errors.push(Issue::of_table(
                    Code::MissingRequiredHeader,
                    Some(&field.name),
                    fr::issues::missing_required_header(&field.name),
                ));
            }
        }
        for (field, column) in schema.fields.iter().zip(&layout.columns) {
            if column.is_none() && !field.required {
                layout.warnings.push(Issue::of_table(
                    Code::MissingHeaderWarn,
                    Some(&field.name),
                    fr::issues::missing_header_warn(&field.name),
                ));
            }
        }
        for (label, field) in table.fields.iter().zip(&layout.fields) {
            if field.is_none() && !label.trim().is_empty() {
                layout.warnings.push(Issue::of_table(
                    Code::ExtraHeaderWarn,
                    Some(label),
                    fr::issues::extra_header_warn(label),
                ));
            }
        }
        let names: Vec<&str> = schema.fields.iter().map(|f| &*f.name).collect();
        let mut sorted_labels = labels.clone();
        sorted_labels.sort_unstable();
        let mut sorted_names = names.clone();
        sorted_names.sort_unstable();
        if sorted_labels == sorted_names && labels != names {
            layout.warnings.push(Issue::of_table(
                Code::DisorderedHeaderWarn,
                None,
                fr::issues::disordered_header_warn(&names),
            ));
        }
        // Uniqueness: each unique field present, then the primary key (which needs all its fields).
        for (field, column) in schema.fields.iter().zip(&layout.columns) {
            if let (true, Some(column)) = (field.unique, column) {
                layout.unique.push(UniqueGroup { columns: vec![*column], field: Some(field.name.clone()) });
            }
        }
        if !schema.primary_key.is_empty() {
            let columns: Option<Vec<usize>> =
                schema.primary_key.iter().map(|name| labels.iter().position(|l| l == name)).collect();
            match columns {
                Some(columns) => layout.unique.push(UniqueGroup { columns, field: None }),
                None => layout.errors.push(Issue::of_table(
                    Code::SchemaError,
                    None,
                    fr::issues::primary_key_absent(&schema.primary_key),
                )),
            }
        }
        let present = |column: &str| labels.contains(&column);
        for (index, check) in schema.checks.iter().enumerate() {
            let start = check.start_errors(&present);
            if let Some(bound) = check.bind(&table.fields).filter(|_| start.is_empty()) {
                layout.checks.push((index, bound));
            }
            layout.errors.extend(start);
        }
        layout
    }
}
