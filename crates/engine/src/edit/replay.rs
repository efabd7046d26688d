//! Replaying an edit log on another table (next month's export): rows are found by key.

use super::{Edit, EditLog, Editor, GroupCode, RowKey, RowRef, Rows};
use crate::error::Error;
use crate::fr;
use crate::schema::Schema;
use crate::table::Table;
use std::collections::HashMap;

/// A row (or a whole edit) a replay could not apply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// Position of the edit in the log (0-based).
    pub edit: usize,
    /// The row's key, when a row was not found (or found more than once).
    pub key: Option<RowKey>,
    /// Why, in French.
    pub reason: String,
}

/// What a replay did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Replayed {
    /// Edits applied (at least in part).
    pub applied: usize,
    /// Cells changed, rows deleted.
    pub cells: usize,
    pub rows_deleted: usize,
    /// Rows not found, and edits that could not be applied.
    pub skipped: Vec<Skipped>,
}

/// Replays `log` on `table`, finding each row by its key: the primary key's values when the schema has
/// one, else the source row number. Edits on every row ([`Rows::All`]) apply to the whole new table.
/// Rows not found (or found twice) are skipped and reported, the rest of the edit applies.
pub fn replay(log: &EditLog, table: &mut Table, schema: &Schema) -> Result<Replayed, Error> {
    let mut editor = Editor::new(schema, std::mem::take(table))?;
    let replayed = editor.replay(log);
    *table = editor.into_table();
    Ok(replayed)
}

impl Editor {
    /// Replays `log` on the table mapped from the sheet whose fingerprint is `fingerprint`. On the file
    /// the log was made on, everything is replayed. On another file (next month's), a row number names
    /// another record: edits of rows named by their number are skipped, except fix-alls, which apply
    /// to their whole group there (the same mistakes, fixed the same way); edits by primary key and
    /// column-wide edits replay as usual.
    pub fn replay_on(&mut self, log: &EditLog, fingerprint: &str) -> Replayed {
        if log.source.as_deref() == Some(fingerprint) {
            return self.replay(log);
        }
        let by_number = |edit: &Edit| edit.row_refs().iter().any(|row| matches!(row.key, RowKey::SourceRow(_)));
        let mut skipped = Vec::new();
        let mut kept = Vec::new();
        for (number, edit) in log.edits.iter().enumerate() {
            match edit {
                Edit::FixGroup { field, code, .. } if by_number(edit) => {
                    kept.push((number, Edit::FixGroup { field: field.clone(), code: code.clone(), rows: Rows::All }));
                }
                _ if by_number(edit) => {
                    skipped.push(Skipped { edit: number, key: None, reason: fr::edit::other_file(&edit.describe()) });
                }
                _ => kept.push((number, edit.clone())),
            }
        }
        let numbers: Vec<usize> = kept.iter().map(|(number, _)| *number).collect();
        let mut replayed = self.replay(&EditLog::new(kept.into_iter().map(|(_, edit)| edit).collect()));
        // Positions in the log as given, not in the filtered one.
        for skip in &mut replayed.skipped {
            skip.edit = numbers.get(skip.edit).copied().unwrap_or(skip.edit);
        }
        replayed.skipped.extend(skipped);
        replayed.skipped.sort_by_key(|skip| skip.edit);
        replayed
    }

    /// Replays `log` on this editor's table (each edit can then be undone), as [`replay`] does.
    pub fn replay(&mut self, log: &EditLog) -> Replayed {
        let mut replayed = Replayed::default();
        for (number, edit) in log.edits.iter().enumerate() {
            if let Edit::FixGroup { code: GroupCode::Unknown(text), .. } = edit {
                // A code from another version of Tamis: no issue has it, the edit does nothing.
                replayed.skipped.push(Skipped { edit: number, key: None, reason: fr::edit::unknown_code(text) });
                continue;
            }
            let mut edit = edit.clone();
            let named = !edit.row_refs().is_empty();
            if named {
                // Keys can change from one edit to the next (an edit of a primary key field): index anew.
                let mut index: HashMap<RowKey, Vec<usize>> = HashMap::new();
                for row in 0..self.table().rows.len() {
                    if let Some(key) = self.row_key(row) {
                        index.entry(key).or_default().push(row);
                    }
                }
                let mut locate = |row: &RowRef| -> Option<RowRef> {
                    match index.get(&row.key).map(Vec::as_slice) {
                        Some([one]) => Some(RowRef { index: *one, key: row.key.clone() }),
                        found => {
                            let reason = if found.is_some() {
                                fr::edit::row_ambiguous(&key_text(&row.key))
                            } else {
                                fr::edit::row_not_found(&key_text(&row.key))
                            };
                            replayed.skipped.push(Skipped { edit: number, key: Some(row.key.clone()), reason });
                            None
                        }
                    }
                };
                let found = match &mut edit {
                    Edit::SetCell { row, .. } => match locate(row) {
                        Some(found) => {
                            *row = found;
                            true
                        }
                        None => false,
                    },
                    Edit::DeleteRows { rows }
                    | Edit::FixGroup { rows: Rows::Only(rows), .. }
                    | Edit::Replace { rows: Rows::Only(rows), .. }
                    | Edit::Fill { rows: Rows::Only(rows), .. }
                    | Edit::MapValues { rows: Rows::Only(rows), .. } => {
                        *rows = rows.iter().filter_map(&mut locate).collect();
                        !rows.is_empty()
                    }
                    _ => true,
                };
                if !found {
                    continue;
                }
            }
            match self.apply(edit) {
                Ok(change) => {
                    replayed.applied += 1;
                    replayed.cells += change.cells;
                    replayed.rows_deleted += usize::try_from(change.rows_deleted).unwrap_or(0);
                }
                Err(error) => replayed.skipped.push(Skipped { edit: number, key: None, reason: error.to_string() }),
            }
        }
        replayed
    }
}

fn key_text(key: &RowKey) -> String {
    match key {
        RowKey::PrimaryKey(values) => fr::edit::row_key(values),
        RowKey::SourceRow(row) => fr::edit::source_row(*row),
    }
}
