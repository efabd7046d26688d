//! Readers: bytes in, a [`Sheet`] of text cells out. Nothing here does I/O.
//!
//! The format is recognised from the bytes (the file name is only a hint): a zip or OLE container is a
//! workbook, known non-tabular formats (PDF, images) are refused with a clear message, and anything else
//! that decodes as text is read as delimited text.

mod layout;
mod text;
mod workbook;

use crate::error::{Error, ErrorKind};
use serde::Serialize;

/// Choices the user (or a host page) can impose on the reader.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// The workbook sheet to read; by default the first one that holds data.
    pub sheet: Option<String>,
}

/// What the reader detected about the source, shown to the user and sent in `tamis:report`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SourceInfo {
    /// `csv`, `xlsx`, `xls` or `ods`.
    pub format: String,
    /// The text encoding (`UTF-8`, `windows-1252`, `UTF-16LE`…); `None` for workbooks.
    pub encoding: Option<String>,
    /// The field delimiter of a text file; `None` for workbooks.
    pub delimiter: Option<String>,
    /// The sheet read, for workbooks.
    pub sheet: Option<String>,
    /// Every sheet of a workbook, in order.
    pub sheets: Vec<String>,
    /// The 1-based row of the source that holds the header.
    pub header_row: usize,
    /// Data rows (after the header, trailing empty rows dropped).
    pub row_count: usize,
    /// Columns (trailing empty columns dropped).
    pub column_count: usize,
}

/// A table as read from the source: header labels and rows of text cells, faithfully kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    /// Header labels: trimmed, inner whitespace collapsed, blank or duplicate labels made distinct.
    pub headers: Vec<String>,
    /// Data rows. A row may be shorter or longer than the header (ragged source).
    pub rows: Vec<Vec<String>>,
    /// What was detected.
    pub source: SourceInfo,
}

impl Sheet {
    /// The cell at `row`, `col`, or `""` when the row is short.
    pub fn cell(&self, row: usize, col: usize) -> &str {
        self.rows.get(row).and_then(|r| r.get(col)).map_or("", String::as_str)
    }
}

/// Reads a spreadsheet from its bytes. `name` is the file name, used only as a hint.
pub fn read(name: &str, bytes: &[u8], options: &ReadOptions) -> Result<Sheet, Error> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::new(ErrorKind::EmptyFile));
    }
    if let Some(what) = non_tabular(bytes) {
        return Err(Error::new(ErrorKind::NotTabular { what }));
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(OLE_MAGIC) {
        return workbook::read(name, bytes, options);
    }
    let (grid, encoding, delimiter) = text::read(bytes)?;
    Ok(layout::into_sheet(
        grid,
        SourceInfo {
            format: "csv".into(),
            encoding: Some(encoding),
            delimiter: Some(delimiter.to_string()),
            sheet: None,
            sheets: Vec::new(),
            header_row: 0,
            row_count: 0,
            column_count: 0,
        },
    ))
}

const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// Recognises common files that are not tables, so the message can name what the user dropped.
fn non_tabular(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"%PDF", "un document PDF"),
        (b"\x89PNG", "une image PNG"),
        (b"\xFF\xD8\xFF", "une image JPEG"),
        (b"GIF8", "une image GIF"),
        (b"\x1F\x8B", "une archive compressée (gzip)"),
        (b"Rar!", "une archive RAR"),
        (b"7z\xBC\xAF", "une archive 7-Zip"),
        (b"{\\rtf", "un document RTF"),
    ];
    SIGNATURES.iter().find(|(magic, _)| bytes.starts_with(magic)).map(|(_, what)| *what)
}
