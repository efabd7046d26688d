//! Editing the mapped table: the operations of the fix grid, undo and redo, and the edit log that
//! replays them on next month's table.
//!
//! An [`Edit`] is what the person asked for (set a cell, apply the suggested fix to a group of issues,
//! find and replace in a column, fill, map distinct values, delete rows). It names rows by their index
//! **and** their [`RowKey`] (the primary key's values when the schema has one, else the source row
//! number), so that an [`EditLog`] saved with the recipe can be replayed on another table by key
//! ([`replay`]). The [`Editor`] owns the [`Table`](crate::Table) and its
//! [`Validation`](crate::validate::Validation): it applies edits, revalidates only the rows they touch,
//! and keeps the exact previous values for undo.
//!
//! ```
//! use tamis_engine::{Code, Schema, Table, edit::{Editor, Edit, Rows}};
//! let schema = Schema::from_json(r#"{"fields": [{"name": "date", "type": "date"}]}"#).unwrap();
//! let table = Table { fields: vec!["date".into()], rows: vec![["15/03/2023"].into(), ["2023-01-02"].into()],
//!     source_rows: vec![2, 3] };
//! let mut editor = Editor::new(&schema, table).unwrap();
//! assert_eq!(editor.report().issues.len(), 1);
//! let fix = Edit::FixGroup { field: "date".into(), code: Code::TypeError.into(), rows: Rows::All };
//! assert_eq!(editor.preview(&fix, 10).unwrap().sample[0].after.as_deref(), Some("2023-03-15"));
//! editor.apply(fix).unwrap();
//! assert!(editor.report().valid);
//! editor.undo();
//! assert_eq!(&editor.table().rows[0][0], "15/03/2023");
//! ```

mod editor;
mod replay;
#[cfg(test)]
mod tests;

pub use editor::{CellPreview, Change, Distinct, Editor, EditorBuild, Group, Position, Preview, MAX_CELL_CHARS};
pub use replay::{replay, Replayed, Skipped};

use crate::fr;
use crate::table::spreadsheet_row;
use crate::validate::Code;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How a row is found again in another table.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RowKey {
    /// The values of the schema's primary key fields, as written in the table.
    PrimaryKey(Vec<String>),
    /// The row's 1-based number in the source file (when the schema has no primary key).
    SourceRow(usize),
}

/// One row an edit targets: its 0-based index in the table when the edit was made, and its key.
/// Serialized flat: `{"index": 4, "primaryKey": ["2023-017"]}` or `{"index": 4, "sourceRow": 6}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowRef {
    pub index: usize,
    #[serde(flatten)]
    pub key: RowKey,
}

impl RowRef {
    /// A reference by index alone: [`Editor::apply`] fills in the key from the table.
    pub fn at(index: usize) -> RowRef {
        RowRef { index, key: RowKey::SourceRow(0) }
    }
}

/// The rows a column-wide edit applies to: `"all"`, `"empty"`, `"errors"`, or `{"only": [rows…]}`.
/// All but `only` are found anew in each table, so they replay on next month's file as they were meant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Rows {
    /// Every row of the table (replayed on every row of the next table).
    All,
    /// The rows whose cell in the edited column is empty (or only spaces).
    Empty,
    /// The rows whose cell in the edited column has an issue.
    Errors,
    /// These rows (replayed on the rows with the same keys).
    Only(Vec<RowRef>),
}

/// One editing operation, as saved in the edit log (`{"op": "setCell", …}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "camelCase")]
pub enum Edit {
    /// Set one cell.
    SetCell { row: RowRef, field: String, value: String },
    /// Apply the suggested fix of every issue of a group (a field and an issue code, as in the error
    /// panel) in these rows. Issues without a suggested fix are left alone.
    FixGroup { field: String, code: GroupCode, rows: Rows },
    /// Find and replace within a column: every occurrence of `find` (plain text, or a regular
    /// expression when `regex` is true, whose replacement may use `$1`, `${name}`).
    Replace { field: String, find: String, replacement: String, regex: bool, rows: Rows },
    /// Put the same value in a column, or in some of its rows.
    Fill { field: String, value: String, rows: Rows },
    /// Replace whole cells of a column: each cell equal to a key of `values` gets its value
    /// ("wrong values → allowed ones").
    MapValues { field: String, values: BTreeMap<String, String>, rows: Rows },
    /// Delete rows (totals, blank rows…).
    DeleteRows { rows: Vec<RowRef> },
}

impl Edit {
    /// The rows the edit names (none for [`Rows::All`], [`Rows::Empty`], [`Rows::Errors`]).
    pub fn row_refs(&self) -> Vec<&RowRef> {
        match self {
            Edit::SetCell { row, .. } => vec![row],
            Edit::DeleteRows { rows } => rows.iter().collect(),
            Edit::FixGroup { rows, .. }
            | Edit::Replace { rows, .. }
            | Edit::Fill { rows, .. }
            | Edit::MapValues { rows, .. } => match rows {
                Rows::All | Rows::Empty | Rows::Errors => Vec::new(),
                Rows::Only(rows) => rows.iter().collect(),
            },
        }
    }

    fn row_refs_mut(&mut self) -> Vec<&mut RowRef> {
        match self {
            Edit::SetCell { row, .. } => vec![row],
            Edit::DeleteRows { rows } => rows.iter_mut().collect(),
            Edit::FixGroup { rows, .. }
            | Edit::Replace { rows, .. }
            | Edit::Fill { rows, .. }
            | Edit::MapValues { rows, .. } => match rows {
                Rows::All | Rows::Empty | Rows::Errors => Vec::new(),
                Rows::Only(rows) => rows.iter_mut().collect(),
            },
        }
    }

    /// The field the edit changes (none for a deletion).
    pub fn field(&self) -> Option<&str> {
        match self {
            Edit::SetCell { field, .. }
            | Edit::FixGroup { field, .. }
            | Edit::Replace { field, .. }
            | Edit::Fill { field, .. }
            | Edit::MapValues { field, .. } => Some(field),
            Edit::DeleteRows { .. } => None,
        }
    }

    /// What the edit does, in French, for the history list (« Correction de DELIB_DATE (format de date) »).
    pub fn describe(&self) -> String {
        match self {
            Edit::SetCell { row, field, value } => fr::edit::set_cell(spreadsheet_row(row.index), field, value),
            Edit::FixGroup { field, code: GroupCode::Known(code), .. } => fr::edit::fix_group(field, code.name()),
            Edit::FixGroup { field, code: GroupCode::Unknown(text), .. } => fr::edit::fix_group(field, text),
            Edit::Replace { field, find, replacement, .. } => fr::edit::replace(field, find, replacement),
            Edit::Fill { field, value, .. } => fr::edit::fill(field, value),
            Edit::MapValues { field, values, .. } => fr::edit::map_values(field, values.len()),
            Edit::DeleteRows { rows } => fr::edit::delete_rows(rows.len()),
        }
    }
}

/// The issue code of a [`Edit::FixGroup`]: a [`Code`], or the text of a code this version does not know.
///
/// Recipes are part of the public protocol (docs/PROTOCOL.md) and may come from another version of
/// Tamis: a `fixGroup` edit naming an unknown code still loads, keeps its text (it is saved back as it
/// was read), fixes nothing, and is reported as skipped when a log is replayed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupCode {
    Known(Code),
    Unknown(String),
}

impl GroupCode {
    /// The code, when it is one this version knows.
    pub fn known(&self) -> Option<Code> {
        match self {
            GroupCode::Known(code) => Some(*code),
            GroupCode::Unknown(_) => None,
        }
    }

    /// The code's text, as serialised.
    pub fn as_str(&self) -> &str {
        match self {
            GroupCode::Known(code) => code.as_str(),
            GroupCode::Unknown(text) => text,
        }
    }
}

impl From<Code> for GroupCode {
    fn from(code: Code) -> GroupCode {
        GroupCode::Known(code)
    }
}

impl Serialize for GroupCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for GroupCode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Ok(Code::parse(&text).map_or(GroupCode::Unknown(text), GroupCode::Known))
    }
}

/// The edits applied to a table, in order: saved with the recipe, replayed with [`replay`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditLog {
    #[serde(default = "EditLog::current_version")]
    pub version: u32,
    /// The [`Sheet::fingerprint`](crate::Sheet::fingerprint) of the file the edits were made on: on
    /// another file, edits of rows named by their number are not replayed ([`Editor::replay_on`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    pub edits: Vec<Edit>,
}

impl EditLog {
    /// Format version of the log; a newer one is refused when a recipe is read.
    pub const VERSION: u32 = 1;

    fn current_version() -> u32 {
        Self::VERSION
    }

    pub fn new(edits: Vec<Edit>) -> EditLog {
        EditLog { version: Self::VERSION, source: None, edits }
    }

    pub fn is_empty(&self) -> bool {
        self.edits.is_empty()
    }

    /// No edit and no file: nothing worth saving.
    pub fn is_blank(&self) -> bool {
        self.edits.is_empty() && self.source.is_none()
    }
}

/// Why an edit cannot be applied (said to the user, in French).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// The table has no column with this name.
    UnknownField(String),
    /// A row index past the end of the table.
    NoSuchRow(usize),
    /// A find-and-replace pattern that is not a valid regular expression (or too large to compile).
    BadRegex { pattern: String, detail: String },
    /// A find-and-replace regular expression that can match the empty text (`x*`, `^`, `a|`): it
    /// would insert the replacement between every two characters.
    EmptyMatch { pattern: String },
    /// The edit would make the cell of row `row` (0-based index) longer than `max` characters
    /// ([`MAX_CELL_CHARS`]); nothing was changed.
    CellTooLong { row: usize, field: String, max: usize },
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EditError::UnknownField(field) => f.write_str(&fr::edit::unknown_field(field)),
            EditError::NoSuchRow(index) => f.write_str(&fr::edit::no_such_row(spreadsheet_row(*index))),
            EditError::BadRegex { pattern, detail } => f.write_str(&fr::edit::bad_regex(pattern, detail)),
            EditError::EmptyMatch { pattern } => f.write_str(&fr::edit::empty_match(pattern)),
            EditError::CellTooLong { row, field, max } => {
                f.write_str(&fr::edit::cell_too_long(spreadsheet_row(*row), field, *max))
            }
        }
    }
}

impl std::error::Error for EditError {}
