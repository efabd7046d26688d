//! Readers: bytes in, a [`Sheet`] of text cells out, with what was detected. Nothing here does I/O.
//!
//! The format is recognised from the bytes (the file name is only a hint): a zip or OLE container is a
//! workbook, known non-tabular formats (PDF, images) are refused with a clear message, and anything else
//! that decodes as text is read as delimited text. Every detection can be overridden through
//! [`ReadOptions`]; the reader keeps cell text faithfully and reports what it noticed ([`Finding`]).

mod biff;
mod cells;
mod findings;
mod layout;
mod ole;
mod parts;
mod text;
mod workbook;

pub use cells::{Cells, Row, Texts};
pub use parts::SheetParts;
pub use text::{DELIMITERS, ENCODINGS};

use crate::error::{Error, Failure};
use serde::{Deserialize, Serialize};

/// The largest file Tamis reads: beyond it a browser tab runs out of memory before it is done.
pub const MAX_BYTES: usize = 100 * 1024 * 1024;

/// The most cells Tamis builds a table of: the cells of a text file (an empty line counts as one),
/// the rows × columns a sheet spans, the non-empty cells of all a workbook's sheets. Far beyond any
/// commune's file, within a tab's memory. (A 100 MB text file of commas alone would be 100 million cells.)
pub const MAX_CELLS: usize = 50_000_000;

/// What the reader may build; tests lower it to see the reader stop early.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    /// See [`MAX_CELLS`]: checked while the file is read, never after.
    pub cells: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { cells: MAX_CELLS }
    }
}

/// Choices the user (or a host page) can impose on the reader; `None` means "detect".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ReadOptions {
    /// The workbook sheet to read; by default the first one that holds a data table.
    pub sheet: Option<String>,
    /// The text encoding, by name or label (`windows-1252`, `cp850`, `UTF-16LE`…).
    pub encoding: Option<String>,
    /// The field delimiter of a text file.
    pub delimiter: Option<char>,
    /// The 1-based row holding the header; `Some(0)` means the file has no header row.
    pub header_row: Option<usize>,
    /// Drop the rows detected as totals (`Total général`…).
    pub remove_totals: bool,
}

/// A sheet of a workbook and its size.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetSummary {
    pub name: String,
    pub rows: usize,
    pub columns: usize,
}

/// A header label that was blank or repeated, and the name Tamis gave it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenamedLabel {
    /// 1-based column.
    pub column: usize,
    pub original: String,
    pub label: String,
}

/// What is off in a value (or the file) that the reader noticed and later steps must know about: damage
/// a spreadsheet did (digits lost to scientific notation, a dropped leading zero…) or a risk (a value
/// Excel would run as a formula). A [`Finding`] says where; serialised as `kind` (`"scientific-notation"`…).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Anomaly {
    /// `2,43E+13`: a long number shown in scientific notation; its last digits are lost for good.
    ScientificNotation,
    /// `21860194600000.0`: an identifier that went through a float; its digits may be wrong.
    FloatIdentifier,
    /// `6002` among 5-digit codes: a code that lost its leading zero.
    LostLeadingZero,
    /// `#N/A`, `#DIV/0!`…: a spreadsheet error instead of a value.
    ErrorCell,
    /// `_x000D_`: an Excel escape left in the text.
    OoxmlEscape,
    /// An invisible control character inside a value.
    ControlCharacter,
    /// The file starts with a UTF-8 byte-order mark but is not UTF-8 inside.
    MisleadingBom,
    /// `=SOMME(A1)`, `+33 1 23 45 67 89`, `@x`: a value that starts with `=`, `+`, `-`, `@` (plain
    /// numbers such as `-12.5` aside), a tab or a carriage return, which Excel would run as a formula.
    FormulaLike,
}

/// A finding, with where it was seen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub kind: Anomaly,
    /// The column (its cleaned label), or `None` for the whole file.
    pub column: Option<String>,
    /// How many cells.
    pub count: usize,
    /// The first source rows (1-based) where it was seen.
    pub rows: Vec<usize>,
    /// One value as it is in the file.
    pub example: String,
    /// The characters the values start with, each once, in order of appearance ([`Anomaly::FormulaLike`]).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub leading: String,
}

/// What the reader detected about the source, shown to the user and sent in `tamis:report`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SourceInfo {
    /// `csv`, `xlsx`, `xlsm`, `xls` or `ods`.
    pub format: String,
    /// The text encoding (`UTF-8`, `windows-1252`, `UTF-16LE`…); `None` for workbooks.
    pub encoding: Option<String>,
    /// The field delimiter of a text file; `None` for workbooks.
    pub delimiter: Option<String>,
    /// The sheet read, for workbooks.
    pub sheet: Option<String>,
    /// Every sheet of a workbook, in order, with its size.
    pub sheets: Vec<SheetSummary>,
    /// The 1-based row of the source that holds the header; 0 when there is none.
    pub header_row: usize,
    /// Data rows (after the header, trailing empty rows dropped).
    pub row_count: usize,
    /// Columns (trailing empty columns dropped).
    pub column_count: usize,
    /// Source rows (1-based) that look like totals rather than data.
    pub totals_rows: Vec<usize>,
    /// Whether those rows were dropped (at the user's request).
    pub totals_removed: bool,
    /// Blank or repeated labels and the names they were given.
    pub renamed: Vec<RenamedLabel>,
    /// Damaged or suspicious values.
    pub findings: Vec<Finding>,
}

/// A table as read from the source: header labels and rows of text cells, faithfully kept.
/// It serializes, so a reader running in a Web Worker can hand it to the page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sheet {
    /// Header labels: trimmed, inner whitespace collapsed, blank or duplicate labels made distinct.
    pub headers: Vec<String>,
    /// Data rows, as long as they are in the source: shorter than the header (ragged source), or longer
    /// (empty cells past the last column, which a validation of the file as it is reports).
    pub rows: Cells,
    /// For each data row, its 1-based row number in the source, so the user can find it in their file.
    pub source_rows: Vec<usize>,
    /// What was detected.
    pub source: SourceInfo,
    /// Cells of the header row as read, trailing empty ones included (0 without a header row).
    #[serde(default)]
    pub header_cells: usize,
    /// Blank rows after the last data row, left out of `rows` (a validation of the file as it is
    /// reports them, as Validata does).
    #[serde(default)]
    pub trailing_blank_rows: usize,
}

impl Sheet {
    /// The cell at `row`, `col`, or `""` when the row is short.
    pub fn cell(&self, row: usize, col: usize) -> &str {
        self.rows.cell(row, col).unwrap_or_default()
    }

    /// A short text that changes when the data changes (`crc32:9f3a…:160`): an edit log records the
    /// file it was made on, so that edits of rows named by their number are replayed only on that file:
    /// the CRC-32 of every cell followed by 0x1F, every row (the header first) by 0x1E.
    pub fn fingerprint(&self) -> String {
        let mut fingerprinting = self.start_fingerprint();
        // Every row in one call, which therefore gives the fingerprint.
        self.fingerprint_rows(&mut fingerprinting, usize::MAX).unwrap_or_default()
    }

    /// [`Sheet::fingerprint`] made a slice of rows at a time ([`Sheet::fingerprint_rows`]), for a caller
    /// with a page to keep responsive (hashing 300,000 rows took 118 ms in one task).
    pub fn start_fingerprint(&self) -> Fingerprinting {
        let mut hasher = crc32fast::Hasher::new();
        for label in &self.headers {
            hasher.update(label.as_bytes());
            hasher.update(&[0x1f]);
        }
        hasher.update(&[0x1e]);
        Fingerprinting { hasher, next: 0 }
    }

    /// Hashes up to `rows` more rows into `fingerprinting` (made by [`Sheet::start_fingerprint`] on this
    /// sheet): the fingerprint once every row is hashed.
    pub fn fingerprint_rows(&self, fingerprinting: &mut Fingerprinting, rows: usize) -> Option<String> {
        let Fingerprinting { hasher, next } = fingerprinting;
        let end = next.saturating_add(rows).min(self.rows.len());
        self.rows.pieces(*next..end, 0x1f, 0x1e, |piece| hasher.update(piece));
        *next = end;
        (end == self.rows.len()).then(|| format!("crc32:{:08x}:{}", hasher.clone().finalize(), self.rows.len()))
    }
}

/// A [`Sheet::fingerprint`] under way: the hash so far, and the next row to hash.
#[derive(Debug, Clone)]
pub struct Fingerprinting {
    hasher: crc32fast::Hasher,
    next: usize,
}

/// Reads a spreadsheet from its bytes. `name` is the file name, used only as a hint.
pub fn read(name: &str, bytes: &[u8], options: &ReadOptions) -> Result<Sheet, Error> {
    read_with(name, bytes, options, Limits::default())
}

/// [`read`], within `limits`.
pub(crate) fn read_with(name: &str, bytes: &[u8], options: &ReadOptions, limits: Limits) -> Result<Sheet, Error> {
    if bytes.len() > MAX_BYTES {
        return Err(Error::new(Failure::TooLarge { size: bytes.len(), max: MAX_BYTES }));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::new(Failure::EmptyFile));
    }
    if let Some(what) = non_tabular(bytes) {
        return Err(Error::new(Failure::NotTabular { what }));
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(OLE_MAGIC) {
        let (grid, source, blank_rows_after) = workbook::read(name, bytes, options, limits)?;
        let mut sheet = finish(Cells::from(grid), source, options);
        sheet.trailing_blank_rows += blank_rows_after;
        return Ok(sheet);
    }
    if bytes.starts_with(b"PK") {
        return Err(Error::new(Failure::DamagedWorkbook { detail: "archive zip incomplète".into() }));
    }
    let decoded = text::decode(bytes, options.encoding.as_deref())?;
    let delimiter = options.delimiter.unwrap_or_else(|| text::sniff_delimiter(&decoded.text));
    let spaced = text::skip_initial_space(&decoded.text, delimiter);
    let grid = text::parse(spaced.as_deref().unwrap_or(&decoded.text), delimiter, limits.cells)?;
    let mut source = SourceInfo {
        format: "csv".into(),
        encoding: Some(decoded.encoding),
        delimiter: Some(delimiter.to_string()),
        ..SourceInfo::default()
    };
    if decoded.misleading_bom {
        source.findings.push(Finding {
            kind: Anomaly::MisleadingBom,
            column: None,
            count: 1,
            rows: vec![1],
            example: String::new(),
            leading: String::new(),
        });
    }
    Ok(finish(grid, source, options))
}

/// Header row (detected or imposed), layout, and totals removal when asked.
fn finish(grid: Cells, source: SourceInfo, options: &ReadOptions) -> Sheet {
    let header = match options.header_row {
        Some(0) => None,
        Some(row) => Some(row.saturating_sub(1).min(grid.len().saturating_sub(1))),
        None => layout::detect_header(&grid),
    };
    let mut sheet = layout::into_sheet(grid, header, source);
    if options.remove_totals && !sheet.source.totals_rows.is_empty() {
        let totals = &sheet.source.totals_rows;
        let kept = |index: usize| sheet.source_rows.get(index).is_some_and(|n| !totals.contains(n));
        sheet.rows = sheet.rows.filtered(kept);
        sheet.source_rows.retain(|n| !totals.contains(n));
        sheet.source.row_count = sheet.rows.len();
        sheet.source.totals_removed = true;
    }
    sheet
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

#[cfg(test)]
mod fingerprint_tests {
    use super::*;

    #[test]
    fn the_fingerprint_is_the_crc_of_cells_and_separators() {
        let long = "é".repeat(40_000); // 80,000 bytes: more than a piece
        let mut sheet = Sheet { headers: vec!["a".into(), "b".into()], ..Sheet::default() };
        let rows: Vec<Vec<String>> = (0..3000)
            .map(|i| vec![format!("valeur {i}"), if i == 1500 { long.clone() } else { String::new() }])
            .collect();
        sheet.rows = rows.iter().cloned().collect();
        let mut stream = b"a\x1fb\x1f\x1e".to_vec();
        for row in &rows {
            for cell in row {
                stream.extend_from_slice(cell.as_bytes());
                stream.push(0x1f);
            }
            stream.push(0x1e);
        }
        assert_eq!(sheet.fingerprint(), format!("crc32:{:08x}:3000", crc32fast::hash(&stream)));
        // Rows removed from the start (a title above the header): their text stays in the buffer, and is
        // not hashed.
        sheet.rows.remove_first(1000);
        sheet.rows.pop();
        let mut stream = b"a\x1fb\x1f\x1e".to_vec();
        for row in rows.get(1000..2999).unwrap() {
            for cell in row {
                stream.extend_from_slice(cell.as_bytes());
                stream.push(0x1f);
            }
            stream.push(0x1e);
        }
        assert_eq!(sheet.fingerprint(), format!("crc32:{:08x}:1999", crc32fast::hash(&stream)));
        // Made a slice at a time, it is the same whatever the slice.
        for slice in [1, 7, 1000, 1999, 5000] {
            let mut fingerprinting = sheet.start_fingerprint();
            let made = loop {
                if let Some(made) = sheet.fingerprint_rows(&mut fingerprinting, slice) {
                    break made;
                }
            };
            assert_eq!(made, sheet.fingerprint(), "{slice} rows at a time");
        }
    }
}
