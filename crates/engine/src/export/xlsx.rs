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
//!
//! Off the page: writing a workbook of 100,000 rows takes seconds, so the app makes it in its worker.
//! [`XlsxParts`] is what crosses there: the table's cells as one text and where each ends, and the
//! cells to mark with the messages of those that get a note, computed on the page from the
//! report, which stays there.

use crate::error::{Error, Failure};
use crate::fr;
use crate::table::{RowBuilder, Table};
use crate::validate::Report;
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{Color, DocProperties, ExcelDateTime, Format, FormatBorder, Note, Workbook, XlsxError};
use serde::{Deserialize, Serialize};

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
    write(table, &Marks::new(table, report), date)
}

fn write(table: &Table, marks: &Marks, date: NaiveDate) -> Result<Vec<u8>, Error> {
    if table.rows.len() >= MAX_ROWS {
        return Err(Error::new(Failure::Xlsx { detail: fr::export::xlsx_too_many_rows(table.rows.len()) }));
    }
    build(table, marks, date).map_err(|e| Error::new(Failure::Xlsx { detail: e.to_string() }))
}

/// The cells a workbook fills in colour (those with an issue), in sheet order, and the messages of the
/// first [`MAX_NOTES`] of them (the only ones that can get a note).
#[derive(Default)]
struct Marks {
    /// (sheet row, column): row 0 is the header, data row i is i + 1.
    cells: Vec<(u32, u16)>,
    /// The messages of `cells`' first ones, each cell's joined by a line break.
    notes: Vec<String>,
}

impl Marks {
    /// The cells of `report`'s issues in `table`; an issue about a whole row (a blank row, a duplicate
    /// key) marks its first cell.
    fn new(table: &Table, report: &Report) -> Marks {
        let mut found: Vec<((u32, u16), &str)> = report
            .issues
            .iter()
            .filter_map(|issue| {
                let row = issue.row.and_then(|r| r.checked_sub(1)).filter(|r| (1..=table.rows.len()).contains(r))?;
                let column = issue.field.as_deref().and_then(|f| table.fields.iter().position(|name| name == f));
                let cell = (u32::try_from(row).ok()?, u16::try_from(column.unwrap_or(0)).ok()?);
                Some((cell, &*issue.message))
            })
            .collect();
        // Stable: a cell's messages keep the report's order.
        found.sort_by_key(|(cell, _)| *cell);
        let mut marks = Marks::default();
        for group in found.chunk_by(|a, b| a.0 == b.0) {
            let Some(&(cell, _)) = group.first() else { continue };
            if marks.notes.len() < MAX_NOTES {
                marks.notes.push(group.iter().map(|(_, message)| *message).collect::<Vec<_>>().join("\n"));
            }
            marks.cells.push(cell);
        }
        marks
    }
}

/// What a workbook is made from, in flat parts that cross to a Web Worker cheaply, as a read sheet's
/// do the other way ([`crate::read::SheetParts`]): [`XlsxParts::new`] on the page, [`XlsxParts::to_xlsx`]
/// in the worker.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct XlsxParts {
    /// The table's fields and row count, the date and the notes' messages, as JSON.
    pub meta: String,
    /// Every cell's text, row after row.
    pub text: Vec<u8>,
    /// Where each cell ends in `text` (bytes); every row has one cell per field.
    pub ends: Vec<u32>,
    /// The cells with an issue, two numbers each (sheet row, column), in sheet order.
    pub marked: Vec<u32>,
}

/// The parts that are not buffers.
#[derive(Serialize, Deserialize)]
struct Meta {
    fields: Vec<String>,
    rows: usize,
    /// The document's creation date, `YYYY-MM-DD`.
    date: String,
    /// The messages of the first [`MAX_NOTES`] marked cells, each cell's joined by a line break.
    notes: Vec<String>,
}

impl XlsxParts {
    /// The table and its report's marks taken apart, with the document's date (the caller's today);
    /// `None` if the text is too large for 32-bit offsets (4 GB: larger than a browser tab's memory).
    pub fn new(table: &Table, report: &Report, date: NaiveDate) -> Option<XlsxParts> {
        let Marks { cells, notes } = Marks::new(table, report);
        let width = table.fields.len();
        let size: usize = table.rows.iter().map(|row| row.text_and_ends().0.len()).sum();
        let mut text = String::with_capacity(size);
        let mut ends = Vec::with_capacity(table.rows.len() * width);
        for row in &table.rows {
            // A row is one text already: copied whole (a million rows in a few copies of memory), its
            // ends moved by where it starts. A row of another width (never made) goes cell by cell.
            let (row_text, row_ends) = row.text_and_ends();
            if row_ends.len() == width {
                let start = text.len();
                text.push_str(row_text);
                for &end in row_ends {
                    ends.push(u32::try_from(start + end).ok()?);
                }
            } else {
                for column in 0..width {
                    text.push_str(row.get(column).unwrap_or_default());
                    ends.push(u32::try_from(text.len()).ok()?);
                }
            }
        }
        let marked = cells.iter().flat_map(|&(row, column)| [row, u32::from(column)]).collect();
        let meta = serde_json::to_string(&Meta {
            fields: table.fields.clone(),
            rows: table.rows.len(),
            date: date.format("%Y-%m-%d").to_string(),
            notes,
        })
        .ok()?;
        Some(XlsxParts { meta, text: text.into_bytes(), ends, marked })
    }

    /// The workbook, as [`to_xlsx`] makes it from the table, report and date these parts were taken from.
    /// Parts that do not make a table (damaged on the way) give an error, never a wrong workbook.
    pub fn to_xlsx(self) -> Result<Vec<u8>, Error> {
        let damaged = || Error::new(Failure::Xlsx { detail: fr::export::XLSX_DAMAGED.to_owned() });
        let Meta { fields, rows: count, date, notes } = serde_json::from_str(&self.meta).map_err(|_| damaged())?;
        let date = NaiveDate::parse_from_str(&date, "%Y-%m-%d").map_err(|_| damaged())?;
        let width = fields.len();
        let text = String::from_utf8(self.text).map_err(|_| damaged())?;
        if count.checked_mul(width) != Some(self.ends.len()) {
            return Err(damaged());
        }
        let mut rows = Vec::with_capacity(count);
        let mut builder = RowBuilder::default();
        let mut start = 0;
        let mut ends = self.ends.iter();
        for _ in 0..count {
            for &end in ends.by_ref().take(width) {
                let end = usize::try_from(end).map_err(|_| damaged())?;
                builder.push(text.get(start..end).ok_or_else(damaged)?);
                start = end;
            }
            rows.push(builder.finish());
        }
        let cells: Vec<(u32, u16)> = self
            .marked
            .chunks_exact(2)
            .map(|pair| match *pair {
                [row, column] => u16::try_from(column).ok().map(|column| (row, column)),
                _ => None,
            })
            .collect::<Option<_>>()
            .ok_or_else(damaged)?;
        if !self.marked.len().is_multiple_of(2)
            || !cells.is_sorted_by(|a, b| a < b)
            || notes.len() > cells.len().min(MAX_NOTES)
        {
            return Err(damaged());
        }
        let table = Table { fields, rows, source_rows: Vec::new() };
        write(&table, &Marks { cells, notes }, date)
    }
}

fn build(table: &Table, marks: &Marks, date: NaiveDate) -> Result<Vec<u8>, XlsxError> {
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
    // The next marked cell, as the cells are written in sheet order.
    let mut next_mark = 0;
    for (r, row) in table.rows.iter().enumerate() {
        let r = u32::try_from(r + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
        for (c, value) in row.iter().enumerate() {
            let c = u16::try_from(c).map_err(|_| XlsxError::RowColumnLimitError)?;
            while marks.cells.get(next_mark).is_some_and(|&cell| cell < (r, c)) {
                next_mark += 1;
            }
            let marked = marks.cells.get(next_mark) == Some(&(r, c));
            let problems = marked.then(|| marks.notes.get(next_mark)).flatten();
            let length = value.chars().count();
            let shown: String;
            let value = if length > MAX_CELL_CHARS {
                shown = value.chars().take(MAX_CELL_CHARS).collect();
                shown.as_str()
            } else {
                value
            };
            match marked {
                true => sheet.write_string_with_format(r, c, value, &error)?,
                false if value.is_empty() => sheet,
                false => sheet.write_string_with_format(r, c, value, &text)?,
            };
            let mut note: Vec<String> = problems.into_iter().cloned().collect();
            if length > MAX_CELL_CHARS {
                note.push(fr::export::xlsx_truncated(length));
            }
            if !note.is_empty() && notes < MAX_NOTES {
                notes += 1;
                if notes == MAX_NOTES {
                    let left = marks.cells.len().saturating_sub(MAX_NOTES);
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
