//! The XLSX working copy: the table in a workbook, every cell as text (leading zeros kept), the
//! header bold, filled, frozen and filtered, the cells with an error filled in colour with their
//! messages as a note.
//!
//! The clock: rust_xlsxwriter stamps the document's creation date. Tamis sets it from the caller's
//! date, so the workbook's bytes depend only on the inputs. But `Workbook::new` reads the clock
//! anyway (`DocProperties::new` calls `SystemTime::now()`, before any date can be set), and on
//! `wasm32-unknown-unknown` `SystemTime::now()` panics. The engine has no web dependency, so it
//! cannot give rust_xlsxwriter a browser clock: the program compiled to wasm32 must enable
//! rust_xlsxwriter's `wasm` feature (its clock is then `js_sys::Date::now`), as the app does in its
//! `Cargo.toml`. Natively, nothing is needed.

use crate::error::{Error, Failure};
use crate::fr;
use crate::table::Table;
use crate::validate::Report;
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{Color, DocProperties, ExcelDateTime, Format, FormatBorder, Note, Workbook, XlsxError};
use std::collections::BTreeMap;

/// At most this many cells get a note with their messages (each note weighs about half a kilobyte
/// in the file, and Excel slows down with tens of thousands); the others are still filled in colour.
pub const MAX_NOTES: usize = 2000;

/// Excel's limits: rows per sheet (header included), characters per cell.
const MAX_ROWS: usize = 1_048_576;
const MAX_CELL_CHARS: usize = 32_767;

/// The table as an XLSX workbook of one sheet, every cell written as text. `report` is the table's
/// validation report: its issues' cells are filled in colour and carry their messages as notes.
/// `date` (the caller's today) is the document's creation date.
///
/// On wasm32-unknown-unknown the final program must enable rust_xlsxwriter's `wasm` feature (see the
/// module's documentation); the app does.
pub fn to_xlsx(table: &Table, report: &Report, date: NaiveDate) -> Result<Vec<u8>, Error> {
    if table.rows.len() >= MAX_ROWS {
        return Err(Error::new(Failure::Xlsx { detail: fr::export::xlsx_too_many_rows(table.rows.len()) }));
    }
    build(table, report, date).map_err(|e| Error::new(Failure::Xlsx { detail: e.to_string() }))
}

fn build(table: &Table, report: &Report, date: NaiveDate) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let created = ExcelDateTime::from_ymd(
        u16::try_from(date.year()).unwrap_or(1900),
        u8::try_from(date.month()).unwrap_or(1),
        u8::try_from(date.day()).unwrap_or(1),
    )?;
    workbook.set_properties(
        &DocProperties::new().set_creation_datetime(&created).set_author("Tamis").set_comment(fr::export::XLSX_COMMENT),
    );
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0x1F4E79))
        .set_font_color(Color::White)
        .set_border_bottom(FormatBorder::Medium);
    let text = Format::new().set_num_format("@");
    let error = Format::new().set_num_format("@").set_background_color(Color::RGB(0xF8CBAD));

    // Messages per (sheet row, column): row 0 is the header, data row i is i + 1 (the issue's row - 1).
    let mut messages: BTreeMap<(u32, u16), Vec<&str>> = BTreeMap::new();
    for issue in &report.issues {
        let Some(row) = issue.row.and_then(|r| r.checked_sub(1)).filter(|r| (1..=table.rows.len()).contains(r)) else {
            continue;
        };
        // An issue about a whole row (blank row, duplicate key) goes on its first cell.
        let column = issue.field.as_deref().and_then(|f| table.fields.iter().position(|name| name == f)).unwrap_or(0);
        if let (Ok(row), Ok(column)) = (u32::try_from(row), u16::try_from(column)) {
            messages.entry((row, column)).or_default().push(&issue.message);
        }
    }

    let sheet = workbook.add_worksheet();
    sheet.set_name(fr::export::XLSX_SHEET)?;
    sheet.set_default_note_author("Tamis");
    for (c, name) in table.fields.iter().enumerate() {
        let c = u16::try_from(c).map_err(|_| XlsxError::RowColumnLimitError)?;
        sheet.write_string_with_format(0, c, name, &header)?;
        // As wide as the header or the first values, within reason; typed as text so Excel keeps
        // what is typed later as text too.
        let widest = std::iter::once(name.chars().count())
            .chain(table.rows.iter().take(200).map(|row| row.get(usize::from(c)).map_or(0, |v| v.chars().count())))
            .max()
            .unwrap_or(8);
        sheet.set_column_width(c, (widest as f64 + 2.0).clamp(8.0, 60.0))?;
        sheet.set_column_format(c, &text)?;
    }
    let mut notes = 0;
    for (r, row) in table.rows.iter().enumerate() {
        let r = u32::try_from(r + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
        for (c, value) in row.iter().enumerate() {
            let c = u16::try_from(c).map_err(|_| XlsxError::RowColumnLimitError)?;
            let problems = messages.get(&(r, c));
            let length = value.chars().count();
            let shown: String;
            let value = if length > MAX_CELL_CHARS {
                shown = value.chars().take(MAX_CELL_CHARS).collect();
                shown.as_str()
            } else {
                value
            };
            match problems {
                Some(_) => sheet.write_string_with_format(r, c, value, &error)?,
                None if value.is_empty() => sheet,
                None => sheet.write_string_with_format(r, c, value, &text)?,
            };
            let mut note: Vec<String> = problems.into_iter().flatten().map(|m| (*m).to_owned()).collect();
            if length > MAX_CELL_CHARS {
                note.push(fr::export::xlsx_truncated(length));
            }
            if !note.is_empty() && notes < MAX_NOTES {
                notes += 1;
                if notes == MAX_NOTES {
                    let left = messages.len().saturating_sub(MAX_NOTES);
                    if left > 0 {
                        note.push(fr::export::xlsx_more_errors(left));
                    }
                }
                let note = Note::new(note.join("\n")).add_author_prefix(false).set_width(320).set_height(120);
                sheet.insert_note(r, c, &note)?;
            }
        }
    }
    if let (Some(last_column), true) = (table.fields.len().checked_sub(1), !table.fields.is_empty()) {
        let last_column = u16::try_from(last_column).map_err(|_| XlsxError::RowColumnLimitError)?;
        let last_row = u32::try_from(table.rows.len()).map_err(|_| XlsxError::RowColumnLimitError)?;
        sheet.autofilter(0, 0, last_row, last_column)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    workbook.save_to_buffer()
}
