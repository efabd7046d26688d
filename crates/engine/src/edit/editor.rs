//! The editor: a table, its validation kept up to date edit by edit, and the undo and redo stacks.

use super::{Edit, EditError, EditLog, RowKey, RowRef, Rows};
use crate::error::Error;
use crate::fr;
use crate::schema::Schema;
use crate::table::{row_index, spreadsheet_row, Row, Table};
use crate::validate::{Code, CompiledSchema, Issue, Report, Validation};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};

/// The last number given to a state of an editor's table: see [`Editor::revision`].
static REVISIONS: AtomicU64 = AtomicU64::new(0);

fn next_revision() -> u64 {
    REVISIONS.fetch_add(1, Ordering::Relaxed) + 1
}

/// A target row's new value, from its index and current value (`None`: unchanged); an error when it
/// would be too long (found while it is built, before it takes the memory).
type Rewrite<'a> = Box<dyn Fn(usize, &str) -> Result<Option<String>, TooLong> + 'a>;

/// The longest cell (in characters) an edit may produce: far beyond any legitimate cell (texts of tens
/// of thousands of characters exist), small enough that a replacement inserted between every
/// character of a column cannot exhaust the page's memory. A cell already longer in the source may
/// still be edited, as long as the edit does not lengthen it.
pub const MAX_CELL_CHARS: usize = 100_000;

/// The compiled size of a find-and-replace regular expression, and of its lazy DFA cache.
const REGEX_SIZE_LIMIT: usize = 2 << 20;

/// A rewritten cell would exceed [`MAX_CELL_CHARS`].
struct TooLong;

/// The bytes a rewritten cell may take while it is built: [`MAX_CELL_CHARS`] characters of 4 bytes,
/// or the cell's own length when the source already had it longer.
fn byte_budget(cell: &str) -> usize {
    (MAX_CELL_CHARS * 4).max(cell.len())
}

/// Whether an edit that turns `before` into `after` produces a cell longer than allowed.
fn too_long(before: &str, after: &str) -> bool {
    // Bytes bound characters from above: count only when it can matter.
    after.len() > MAX_CELL_CHARS && after.len() > before.len() && {
        let chars = after.chars().count();
        chars > MAX_CELL_CHARS && chars > before.chars().count()
    }
}

/// A find-and-replace regular expression: bounded in size, and refused when it can match the empty
/// text (it would insert the replacement between every two characters).
fn find_regex(find: &str) -> Result<regex::Regex, EditError> {
    let bad = |detail: String| EditError::BadRegex { pattern: find.to_owned(), detail };
    let regex = regex::RegexBuilder::new(find)
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(REGEX_SIZE_LIMIT)
        .build()
        .map_err(|e| bad(e.to_string()))?;
    let hir = regex_syntax::Parser::new().parse(find).map_err(|e| bad(e.to_string()))?;
    if hir.properties().minimum_len() == Some(0) {
        return Err(EditError::EmptyMatch { pattern: find.to_owned() });
    }
    Ok(regex)
}

/// One cell an edit changed, with both values, so that undo and redo restore it exactly.
#[derive(Debug, Clone)]
struct CellChange {
    row: usize,
    column: usize,
    before: String,
    after: String,
}

/// A row an edit deleted: where it was, its cells and its source row number.
#[derive(Debug, Clone)]
struct DeletedRow {
    index: usize,
    cells: Row,
    source_row: usize,
}

/// What an edit did to the table, concretely: replayed by redo, reversed by undo.
#[derive(Debug, Clone)]
enum Effect {
    Cells(Vec<CellChange>),
    /// Ascending indexes (those the rows had before the deletion).
    Deleted(Vec<DeletedRow>),
}

impl Effect {
    fn is_empty(&self) -> bool {
        match self {
            Effect::Cells(cells) => cells.is_empty(),
            Effect::Deleted(rows) => rows.is_empty(),
        }
    }
}

#[derive(Debug, Clone)]
struct Applied {
    edit: Edit,
    effect: Effect,
}

/// What an apply, undo or redo changed, for repainting the grid.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Change {
    /// Rows whose cells changed, or rows put back by undoing a deletion (current indexes, ascending).
    pub rows: Vec<usize>,
    /// Number of cells changed.
    pub cells: usize,
    /// Number of rows deleted (negative when rows were put back).
    pub rows_deleted: isize,
    /// Rows were deleted or put back: indexes after the first of them have shifted, repaint everything.
    pub reindexed: bool,
}

/// A group of issues, as in the error panel: one field and one kind of issue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// The field (`None`: issues about a whole row, such as a blank row or a duplicate primary key).
    pub field: Option<String>,
    pub code: Code,
    /// What is wrong, in French (« format de date »); [`Group::line`] makes the panel's line.
    pub label: String,
    pub count: usize,
    /// How many of them have a suggested fix (what "apply to all" would fix).
    pub fixable: usize,
}

impl Group {
    /// The group's line in the error panel: « DELIB_DATE — format de date : 312 ».
    pub fn line(&self) -> String {
        fr::edit::group_line(self.field.as_deref(), &self.label, self.count)
    }
}

/// Where an issue is: a row index and the column of its field (`None`: the whole row).
/// Ordered row first, then column, a whole-row issue before the row's cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    pub row: usize,
    pub column: Option<usize>,
}

/// One line of a preview: a cell before → after (`field` empty and `after` `None` for a deleted row,
/// whose `before` is its cells joined by « | »).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellPreview {
    pub row: usize,
    pub source_row: usize,
    pub field: String,
    pub before: String,
    pub after: Option<String>,
}

/// What an edit would do: how many cells (or rows, for a deletion) it changes, and the first of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Preview {
    pub total: usize,
    pub sample: Vec<CellPreview>,
}

/// A distinct value of a column, for the "wrong values → allowed ones" table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Distinct {
    pub value: String,
    /// Rows with this value.
    pub count: usize,
    /// Whether these cells have an issue.
    pub invalid: bool,
    /// The suggested fix of these cells, if they have one.
    pub fix: Option<String>,
}

/// A table being fixed: edits, undo and redo, and the report kept up to date.
///
/// Cell edits revalidate only the rows they touch (with their columns' uniqueness, through
/// [`Validation::update_row`]); deleting rows drops what they gave and renumbers the rows after them,
/// and undoing a deletion checks only the rows put back ([`Validation::remove_rows`],
/// [`Validation::insert_rows`]). Timings: `cargo bench -p tamis-engine --bench edit`.
#[derive(Debug, Clone)]
pub struct Editor {
    compiled: CompiledSchema,
    table: Table,
    validation: Validation,
    report: Report,
    /// Why Validata would not read the file checked as it is ([`EditorBuild::refused`]): the report says
    /// that alone, whatever the edits.
    refusal: Option<Issue>,
    /// Table columns of the primary key (empty: rows are keyed by source row number).
    key_columns: Vec<usize>,
    /// For each table column, the schema field's type and format (for the group labels).
    kinds: Vec<(String, Option<String>)>,
    undo: Vec<Applied>,
    redo: Vec<Applied>,
    /// See [`Editor::revision`].
    revision: u64,
}

/// An [`Editor`] whose table is validated a slice of rows at a time, so that a page can show the
/// progress of a large table, stay responsive meanwhile, and give up (drop it) when its inputs change.
///
/// ```
/// use tamis_engine::{edit::Editor, CompiledSchema, Schema, Table};
/// let schema = Schema::from_json(r#"{"fields": [{"name": "n", "type": "integer"}]}"#).unwrap();
/// let table = Table { fields: vec!["n".into()], rows: vec![["1"].into(), ["x"].into()],
///     source_rows: vec![2, 3] };
/// let mut build = Editor::build(&schema, CompiledSchema::compile(&schema).unwrap(), table);
/// assert_eq!((build.check_rows(1), build.rows()), (1, 2));
/// let editor = build.finish();
/// assert_eq!(editor.report().issues.len(), 1);
/// ```
#[derive(Debug)]
pub struct EditorBuild(Editor);

impl EditorBuild {
    /// Validates up to `count` more rows; returns how many are validated so far.
    pub fn check_rows(&mut self, count: usize) -> usize {
        let Editor { compiled, table, validation, .. } = &mut self.0;
        validation.check_rows(compiled, table, count)
    }

    /// The table's row count.
    pub fn rows(&self) -> usize {
        self.0.table.rows.len()
    }

    /// Whether every row is validated.
    pub fn is_done(&self) -> bool {
        self.0.validation.checked() >= self.rows()
    }

    /// The editor of a file the reference validator would not read as it is, although Tamis reads it
    /// (`mapping::refusal`): its report is that issue alone, as Validata's would be. The table can still
    /// be edited; the file as it is stays refused.
    pub fn refused(mut self, refusal: Option<Issue>) -> EditorBuild {
        self.0.refusal = refusal;
        self
    }

    /// The editor, once the rows left are validated.
    pub fn finish(mut self) -> Editor {
        self.check_rows(usize::MAX);
        self.0.report = self.0.current_report();
        self.0
    }
}

impl Editor {
    /// Validates `table` against `schema`, ready for editing.
    pub fn new(schema: &Schema, table: Table) -> Result<Editor, Error> {
        Ok(Editor::build(schema, CompiledSchema::compile(schema)?, table).finish())
    }

    /// An editor whose table is still to be validated, a slice of rows at a time: see [`EditorBuild`].
    /// `compiled` is `schema` compiled.
    pub fn build(schema: &Schema, compiled: CompiledSchema, table: Table) -> EditorBuild {
        let validation = Validation::start(&compiled, &table);
        let key_names: Vec<String> = match &schema.primary_key {
            Some(serde_json::Value::String(name)) => vec![name.clone()],
            Some(serde_json::Value::Array(names)) => {
                names.iter().filter_map(|n| n.as_str().map(str::to_owned)).collect()
            }
            _ => Vec::new(),
        };
        let key_columns: Option<Vec<usize>> =
            key_names.iter().map(|name| table.fields.iter().position(|f| f == name)).collect();
        let kinds = table
            .fields
            .iter()
            .map(|name| {
                schema.field(name).map_or_else(
                    || ("string".to_owned(), None),
                    |field| (field.field_type.clone(), field.format.clone()),
                )
            })
            .collect();
        EditorBuild(Editor {
            compiled,
            table,
            validation,
            report: Report::default(),
            refusal: None,
            key_columns: key_columns.unwrap_or_default(),
            kinds,
            undo: Vec::new(),
            redo: Vec::new(),
            revision: next_revision(),
        })
    }

    fn current_report(&self) -> Report {
        match &self.refusal {
            Some(issue) => Report::refused(issue.clone(), self.table.rows.len()),
            None => self.validation.report(),
        }
    }

    pub fn table(&self) -> &Table {
        &self.table
    }

    /// Which state of its table this is: a number that changes with every change of the table (an
    /// edit, an undo, a redo) and that no other editor's table ever had (a clone shares it until either
    /// changes). Whoever reads the table over several tasks (a page writing a large file a slice at a
    /// time) checks with it that the table did not change in between.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub fn into_table(self) -> Table {
        self.table
    }

    /// The current report (kept up to date after every edit, undo and redo).
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// The edits applied so far (those that can be undone), in order: the recipe's edit log.
    pub fn log(&self) -> EditLog {
        EditLog::new(self.undo.iter().map(|applied| applied.edit.clone()).collect())
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// The edit the next undo would reverse.
    pub fn last_edit(&self) -> Option<&Edit> {
        self.undo.last().map(|applied| &applied.edit)
    }

    /// The table column of a field.
    pub fn column(&self, field: &str) -> Result<usize, EditError> {
        self.table.fields.iter().position(|f| f == field).ok_or_else(|| EditError::UnknownField(field.to_owned()))
    }

    /// The key of row `index`: its primary key values, or its source row number.
    pub fn row_key(&self, index: usize) -> Option<RowKey> {
        let cells = self.table.rows.get(index)?;
        if self.key_columns.is_empty() {
            Some(RowKey::SourceRow(self.table.source_row(index)))
        } else {
            Some(RowKey::PrimaryKey(
                self.key_columns.iter().map(|c| cells.get(*c).unwrap_or_default().to_owned()).collect(),
            ))
        }
    }

    /// A reference to row `index`, with its key.
    pub fn row_ref(&self, index: usize) -> Option<RowRef> {
        Some(RowRef { index, key: self.row_key(index)? })
    }

    /// The "apply to all N" edit of a group: its fixable issues' rows, named with their keys.
    pub fn fix_group(&self, field: &str, code: Code) -> Edit {
        let mut rows = BTreeSet::new();
        for issue in &self.report.issues {
            if issue.code == code && issue.field.as_deref() == Some(field) && issue.fix.is_some() {
                rows.extend(issue.row.and_then(row_index));
            }
        }
        let rows = rows.into_iter().filter_map(|index| self.row_ref(index)).collect();
        Edit::FixGroup { field: field.to_owned(), code: code.into(), rows: Rows::Only(rows) }
    }

    /// Applies an edit: the rows it names get their current keys, the table changes, the touched rows
    /// are revalidated, and the edit goes onto the undo stack (the redo stack is cleared). An edit
    /// that changes nothing is not recorded.
    pub fn apply(&mut self, mut edit: Edit) -> Result<Change, EditError> {
        for row in edit.row_refs_mut() {
            row.key = self.row_key(row.index).ok_or(EditError::NoSuchRow(row.index))?;
        }
        let effect = self.resolve(&edit)?;
        if effect.is_empty() {
            return Ok(Change::default());
        }
        let change = self.perform(&effect, true);
        self.undo.push(Applied { edit, effect });
        self.redo.clear();
        Ok(change)
    }

    /// Reverses the last edit exactly (cells, row order, deleted rows back in place).
    pub fn undo(&mut self) -> Option<Change> {
        let applied = self.undo.pop()?;
        let change = self.perform(&applied.effect, false);
        self.redo.push(applied);
        Some(change)
    }

    /// Applies again the last undone edit, exactly as it was applied.
    pub fn redo(&mut self) -> Option<Change> {
        let applied = self.redo.pop()?;
        let change = self.perform(&applied.effect, true);
        self.undo.push(applied);
        Some(change)
    }

    /// What `edit` would change, without changing anything: the count and the first `limit` cells.
    pub fn preview(&self, edit: &Edit, limit: usize) -> Result<Preview, EditError> {
        for row in edit.row_refs() {
            if row.index >= self.table.rows.len() {
                return Err(EditError::NoSuchRow(row.index));
            }
        }
        let source_row = |index: usize| self.table.source_row(index);
        Ok(match self.resolve(edit)? {
            Effect::Cells(cells) => Preview {
                total: cells.len(),
                sample: cells
                    .into_iter()
                    .take(limit)
                    .map(|c| CellPreview {
                        row: c.row,
                        source_row: source_row(c.row),
                        field: self.table.fields.get(c.column).cloned().unwrap_or_default(),
                        before: c.before,
                        after: Some(c.after),
                    })
                    .collect(),
            },
            Effect::Deleted(rows) => Preview {
                total: rows.len(),
                sample: rows
                    .into_iter()
                    .take(limit)
                    .map(|r| CellPreview {
                        row: r.index,
                        source_row: r.source_row,
                        field: String::new(),
                        before: r.cells.iter().collect::<Vec<_>>().join(" | "),
                        after: None,
                    })
                    .collect(),
            },
        })
    }

    /// The issues of the report by group, for the error panel: whole-row issues first, then fields
    /// in table order; within a field, the most frequent first. Table-wide issues (a missing column,
    /// a header problem) are not cell issues and belong to no group: they stay in [`Report::issues`].
    pub fn groups(&self) -> Vec<Group> {
        let mut groups: HashMap<(Option<&str>, Code), (usize, usize)> = HashMap::new();
        for issue in self.report.issues.iter().filter(|i| i.row.is_some()) {
            let entry = groups.entry((issue.field.as_deref(), issue.code)).or_default();
            entry.0 += 1;
            entry.1 += usize::from(issue.fix.is_some());
        }
        let mut groups: Vec<(Option<usize>, Group)> = groups
            .into_iter()
            .map(|((field, code), (count, fixable))| {
                let column = field.and_then(|f| self.table.fields.iter().position(|name| name == f));
                let (field_type, format) = column
                    .and_then(|c| self.kinds.get(c))
                    .map_or(("string", None), |(t, f)| (t.as_str(), f.as_deref()));
                let label = fr::edit::group_label(code == Code::TypeError, code.name(), field_type, format);
                (column, Group { field: field.map(str::to_owned), code, label, count, fixable })
            })
            .collect();
        groups.sort_by(|(a, x), (b, y)| a.cmp(b).then(y.count.cmp(&x.count)).then(x.code.cmp(&y.code)));
        groups.into_iter().map(|(_, group)| group).collect()
    }

    /// `issue` in plain French, for a person: the field, what is wrong, the form expected (see
    /// [`Issue::explanation`]); made when asked, for the issues shown.
    pub fn explanation(&self, issue: &Issue) -> String {
        issue.explanation(&crate::describe::Context { schema: &self.compiled, table: &self.table })
    }

    /// The issues of row `index` (a slice of the report).
    pub fn row_issues(&self, index: usize) -> &[Issue] {
        let row = spreadsheet_row(index);
        let issues = &self.report.issues;
        let start = issues.partition_point(|i| i.row.is_none_or(|r| r < row));
        let end = issues.partition_point(|i| i.row.is_none_or(|r| r <= row));
        issues.get(start..end).unwrap_or(&[])
    }

    /// The next issue after `after` (from the start when `None`), in row then column order, wrapping
    /// around to the first; only the issues of one group (field, code) when `only` is given.
    pub fn next_issue(&self, after: Option<Position>, only: Option<(Option<&str>, Code)>) -> Option<Position> {
        let positions = self.positions(only);
        let next = match after {
            Some(after) => positions.iter().find(|p| **p > after),
            None => None,
        };
        next.or(positions.first()).copied()
    }

    /// The previous issue before `before` (from the end when `None`), wrapping around to the last.
    pub fn previous_issue(&self, before: Option<Position>, only: Option<(Option<&str>, Code)>) -> Option<Position> {
        let positions = self.positions(only);
        let previous = match before {
            Some(before) => positions.iter().rev().find(|p| **p < before),
            None => None,
        };
        previous.or(positions.last()).copied()
    }

    /// The distinct values of a column, most frequent first, with whether they have an issue and
    /// their suggested fix.
    pub fn distinct(&self, field: &str) -> Result<Vec<Distinct>, EditError> {
        let column = self.column(field)?;
        let mut flagged: HashMap<usize, Option<&str>> = HashMap::new();
        for issue in &self.report.issues {
            if let (Some(row), Some(true)) = (issue.row, issue.field.as_deref().map(|f| f == field)) {
                let slot = flagged.entry(row.saturating_sub(2)).or_default();
                if slot.is_none() {
                    *slot = issue.fix.as_deref();
                }
            }
        }
        let mut values: HashMap<&str, Distinct> = HashMap::new();
        for (index, cells) in self.table.rows.iter().enumerate() {
            let value = cells.get(column).unwrap_or_default();
            let entry = values.entry(value).or_insert_with(|| Distinct {
                value: value.to_owned(),
                count: 0,
                invalid: false,
                fix: None,
            });
            entry.count += 1;
            if let Some(fix) = flagged.get(&index) {
                entry.invalid = true;
                if entry.fix.is_none() {
                    entry.fix = fix.map(str::to_owned);
                }
            }
        }
        let mut values: Vec<Distinct> = values.into_values().collect();
        values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
        Ok(values)
    }

    /// The rows with an issue (0-based indexes, ascending); only those of one group (field, code) when
    /// `only` is given, as in [`Editor::next_issue`].
    pub fn issue_rows(&self, only: Option<(Option<&str>, Code)>) -> Vec<usize> {
        // The report lists issues row by row.
        let mut rows: Vec<usize> = self.issues_of(only).filter_map(|i| i.row.and_then(row_index)).collect();
        rows.dedup();
        rows
    }

    /// The report's issues, or those of one group.
    fn issues_of<'a>(&'a self, only: Option<(Option<&'a str>, Code)>) -> impl Iterator<Item = &'a Issue> + 'a {
        let wanted = move |i: &&Issue| only.is_none_or(|(field, code)| i.field.as_deref() == field && i.code == code);
        self.report.issues.iter().filter(wanted)
    }

    fn positions(&self, only: Option<(Option<&str>, Code)>) -> Vec<Position> {
        let mut positions: Vec<Position> = self
            .issues_of(only)
            .filter_map(|i| {
                let row = row_index(i.row?)?;
                let column = i.field.as_deref().and_then(|f| self.table.fields.iter().position(|name| name == f));
                Some(Position { row, column })
            })
            .collect();
        positions.sort_unstable();
        positions.dedup();
        positions
    }

    /// The rows an edit of `column` targets, ascending (every row for [`Rows::All`]).
    fn targets(&self, rows: &Rows, column: usize) -> Result<Vec<usize>, EditError> {
        match rows {
            Rows::All => Ok((0..self.table.rows.len()).collect()),
            Rows::Empty => Ok(self
                .table
                .rows
                .iter()
                .enumerate()
                .filter(|(_, cells)| cells.get(column).is_some_and(|cell| cell.trim().is_empty()))
                .map(|(index, _)| index)
                .collect()),
            Rows::Errors => {
                let field = self.table.fields.get(column).map(String::as_str);
                let mut indexes: Vec<usize> = self
                    .report
                    .issues
                    .iter()
                    .filter(|issue| issue.field.as_deref() == field)
                    .filter_map(|issue| issue.row.and_then(row_index))
                    .collect();
                indexes.dedup();
                Ok(indexes)
            }
            Rows::Only(rows) => {
                let mut indexes = BTreeSet::new();
                for row in rows {
                    if row.index >= self.table.rows.len() {
                        return Err(EditError::NoSuchRow(row.index));
                    }
                    indexes.insert(row.index);
                }
                Ok(indexes.into_iter().collect())
            }
        }
    }

    /// The concrete effect of an edit on the current table.
    fn resolve(&self, edit: &Edit) -> Result<Effect, EditError> {
        if let Edit::DeleteRows { rows } = edit {
            let targets = self.targets(&Rows::Only(rows.clone()), 0)?;
            return Ok(Effect::Deleted(
                targets
                    .into_iter()
                    .map(|index| DeletedRow {
                        index,
                        cells: self.table.rows.get(index).cloned().unwrap_or_default(),
                        source_row: self.table.source_row(index),
                    })
                    .collect(),
            ));
        }
        let field = edit.field().unwrap_or_default();
        let column = self.column(field)?;
        // Each target row's new value (None: unchanged).
        let rewrite: Rewrite<'_> = match edit {
            Edit::SetCell { value, .. } | Edit::Fill { value, .. } => Box::new(move |_, _| Ok(Some(value.clone()))),
            Edit::MapValues { values, .. } => Box::new(move |_, cell| Ok(values.get(cell).cloned())),
            Edit::Replace { find, replacement, regex: false, .. } => Box::new(move |_, cell| {
                if find.is_empty() || !cell.contains(find.as_str()) {
                    return Ok(None);
                }
                // The exact length of the result, before building it.
                let count = cell.matches(find.as_str()).count();
                let length = (cell.len() - count * find.len()).saturating_add(count.saturating_mul(replacement.len()));
                if length > byte_budget(cell) {
                    return Err(TooLong);
                }
                Ok(Some(cell.replace(find.as_str(), replacement)))
            }),
            Edit::Replace { find, replacement, regex: true, .. } => {
                let regex = find_regex(find)?;
                Box::new(move |_, cell| {
                    // The replacements are counted as they are made; past the budget they are left
                    // empty and the cell is refused, so no huge text is ever built.
                    let budget = byte_budget(cell);
                    let added = std::cell::Cell::new(0usize);
                    let replaced = regex.replace_all(cell, |caps: &regex::Captures<'_>| {
                        if added.get() > budget {
                            return String::new();
                        }
                        let mut expanded = String::new();
                        caps.expand(replacement, &mut expanded);
                        added.set(added.get().saturating_add(expanded.len()));
                        expanded
                    });
                    if cell.len().saturating_add(added.get()) > budget {
                        return Err(TooLong);
                    }
                    Ok(Some(replaced.into_owned()))
                })
            }
            Edit::FixGroup { code, .. } => {
                let mut fixes: HashMap<usize, &str> = HashMap::new();
                for issue in &self.report.issues {
                    if code.known() == Some(issue.code) && issue.field.as_deref() == Some(field) {
                        if let (Some(index), Some(fix)) = (issue.row.and_then(row_index), &issue.fix) {
                            fixes.entry(index).or_insert(fix);
                        }
                    }
                }
                Box::new(move |index, _| Ok(fixes.get(&index).map(|fix| (*fix).to_owned())))
            }
            Edit::DeleteRows { .. } => Box::new(|_, _| Ok(None)),
        };
        let targets = match edit {
            Edit::SetCell { row, .. } => self.targets(&Rows::Only(vec![row.clone()]), column)?,
            Edit::FixGroup { rows, .. }
            | Edit::Replace { rows, .. }
            | Edit::Fill { rows, .. }
            | Edit::MapValues { rows, .. } => self.targets(rows, column)?,
            Edit::DeleteRows { .. } => Vec::new(),
        };
        let mut cells = Vec::new();
        for index in targets {
            // A cell past the end of a short row (a file validated as it is) is left alone.
            let Some(before) = self.table.rows.get(index).and_then(|r| r.get(column)) else { continue };
            let too_long_error = || EditError::CellTooLong { row: index, field: field.to_owned(), max: MAX_CELL_CHARS };
            let after = rewrite(index, before).map_err(|TooLong| too_long_error())?;
            if let Some(after) = after.filter(|after| after != before) {
                if too_long(before, &after) {
                    return Err(too_long_error());
                }
                cells.push(CellChange { row: index, column, before: before.to_owned(), after });
            }
        }
        Ok(Effect::Cells(cells))
    }

    /// Carries out an effect (`forward`) or reverses it, then revalidates and refreshes the report.
    fn perform(&mut self, effect: &Effect, forward: bool) -> Change {
        self.revision = next_revision();
        let change = match effect {
            Effect::Cells(cells) => {
                let mut touched = BTreeSet::new();
                // Backwards when reversing, so that a cell changed twice gets its first value back.
                let ordered: Box<dyn Iterator<Item = &CellChange>> =
                    if forward { Box::new(cells.iter()) } else { Box::new(cells.iter().rev()) };
                for cell in ordered {
                    let value = if forward { &cell.after } else { &cell.before };
                    if self.table.rows.get_mut(cell.row).is_some_and(|r| r.set(cell.column, value)) {
                        touched.insert(cell.row);
                    }
                }
                for &index in &touched {
                    self.validation.update_row(&self.compiled, &self.table, index);
                }
                Change { rows: touched.into_iter().collect(), cells: cells.len(), rows_deleted: 0, reindexed: false }
            }
            Effect::Deleted(deleted) => {
                let count = isize::try_from(deleted.len()).unwrap_or(isize::MAX);
                let change = if forward {
                    let gone: HashSet<usize> = deleted.iter().map(|d| d.index).collect();
                    let rows = std::mem::take(&mut self.table.rows);
                    let sources = std::mem::take(&mut self.table.source_rows);
                    let kept = |i: &usize| !gone.contains(i);
                    self.table.rows = rows.into_iter().enumerate().filter(|(i, _)| kept(i)).map(|(_, r)| r).collect();
                    self.table.source_rows =
                        sources.into_iter().enumerate().filter(|(i, _)| kept(i)).map(|(_, s)| s).collect();
                    self.validation.remove_rows(&deleted.iter().map(|d| d.index).collect::<Vec<_>>());
                    Change { rows: Vec::new(), cells: 0, rows_deleted: count, reindexed: true }
                } else {
                    // Merge the deleted rows back at their indexes (ascending, so each lands in place).
                    let rows = std::mem::take(&mut self.table.rows);
                    let sources = std::mem::take(&mut self.table.source_rows);
                    let total = rows.len() + deleted.len();
                    let mut rows = rows.into_iter();
                    let mut sources = sources.into_iter();
                    let mut restored = deleted.iter().peekable();
                    for index in 0..total {
                        match restored.next_if(|d| d.index == index) {
                            Some(d) => {
                                self.table.rows.push(d.cells.clone());
                                self.table.source_rows.push(d.source_row);
                            }
                            None => {
                                self.table.rows.extend(rows.next());
                                self.table.source_rows.extend(sources.next());
                            }
                        }
                    }
                    let restored: Vec<usize> = deleted.iter().map(|d| d.index).collect();
                    self.validation.insert_rows(&self.compiled, &self.table, &restored);
                    Change { rows: restored, cells: 0, rows_deleted: -count, reindexed: true }
                };
                change
            }
        };
        self.report = self.current_report();
        change
    }
}
