//! Workbooks (XLSX, XLSM, XLS, ODS) through calamine, from memory.

use super::{Limits, ReadOptions, SheetSummary, SourceInfo, OLE_MAGIC};
use crate::error::{Error, Failure};
use calamine::{open_workbook_auto_from_rs, Data, Reader, Sheets};
use std::io::Cursor;

/// Reads a workbook's sheet into a raw grid (row 0 = the sheet's first row), with what was detected
/// and the count of empty rows the sheet holds after the grid ([`SheetCells::blank_rows_after`]).
///
/// calamine panics on some damaged containers (found by fuzzing; see tests/testdata). Natively the
/// panic is caught and becomes a "damaged workbook" error; in the browser, where panics abort, the
/// app runs the reader in a Web Worker so only the worker dies.
pub(super) fn read(
    name: &str,
    bytes: &[u8],
    options: &ReadOptions,
    limits: Limits,
) -> Result<(Vec<Vec<String>>, SourceInfo, usize), Error> {
    if bytes.starts_with(OLE_MAGIC) && contains_utf16(bytes, "EncryptedPackage") {
        return Err(Error::new(Failure::Encrypted));
    }
    if bytes.starts_with(OLE_MAGIC) && !super::ole::chains_end(bytes) {
        return Err(Error::new(Failure::DamagedWorkbook { detail: "table des secteurs incohérente".into() }));
    }
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_unguarded(name, bytes, options, limits)))
        .unwrap_or_else(|_| {
            Err(Error::new(Failure::DamagedWorkbook { detail: "structure interne incohérente".into() }))
        })
}

fn read_unguarded(
    name: &str,
    bytes: &[u8],
    options: &ReadOptions,
    limits: Limits,
) -> Result<(Vec<Vec<String>>, SourceInfo, usize), Error> {
    let mut workbook = open_workbook_auto_from_rs(Cursor::new(bytes.to_vec())).map_err(|e| {
        let detail = e.to_string();
        if detail.to_lowercase().contains("password") || detail.to_lowercase().contains("encrypt") {
            Error::new(Failure::Encrypted)
        } else {
            Error::new(Failure::DamagedWorkbook { detail })
        }
    })?;
    let format = format_of(name, &workbook);
    let names = workbook.sheet_names();
    // A sheet that cannot be read (a chart sheet, a damaged part) counts as empty; a sheet beyond
    // what a spreadsheet can hold, or than Tamis builds a table of, is an error, found as it is read.
    // Every sheet is kept (to choose one): their non-empty cells are counted together.
    let mut sheets = Vec::with_capacity(names.len());
    let mut total = 0usize;
    for sheet in &names {
        let cells = SheetCells::read(&mut workbook, sheet, limits.cells)?;
        total = total.saturating_add(cells.cells.len());
        if total > limits.cells {
            return Err(Error::new(Failure::TooManyCells { max: limits.cells, row: None }));
        }
        sheets.push((sheet.clone(), cells));
    }
    let summaries: Vec<SheetSummary> = sheets
        .iter()
        .map(|(name, cells)| SheetSummary { name: name.clone(), rows: cells.rows, columns: cells.columns })
        .collect();
    let chosen = match &options.sheet {
        Some(wanted) => sheets
            .iter()
            .position(|(name, _)| name == wanted)
            .ok_or_else(|| Error::new(Failure::SheetNotFound { name: wanted.clone(), available: names.clone() }))?,
        None => default_sheet(&sheets).ok_or_else(|| Error::new(Failure::NoData))?,
    };
    let (sheet_name, cells) = sheets.into_iter().nth(chosen).ok_or_else(|| Error::new(Failure::NoData))?;
    let source = SourceInfo { format, sheet: Some(sheet_name), sheets: summaries, ..SourceInfo::default() };
    let blank_rows_after = cells.blank_rows_after;
    Ok((cells.into_grid(), source, blank_rows_after))
}

/// The largest sheet a spreadsheet can hold (Excel's limits; LibreOffice's are the same or smaller).
const MAX_ROWS: u32 = 1_048_576;
const MAX_COLUMNS: u32 = 16_384;

/// The non-empty cells of a sheet with their absolute positions, and the size they span.
struct SheetCells {
    cells: Vec<(u32, u32, Data)>,
    rows: usize,
    columns: usize,
    /// Empty rows the sheet holds after its last value (formatted, or within the `<dimension>` of an
    /// XLSX): Validata's reader (openpyxl) reads them as blank rows, and so does a check of the file
    /// as it is ([`super::Sheet::trailing_blank_rows`]).
    blank_rows_after: usize,
    /// Text still holds OOXML `_xHHHH_` escapes to decode: calamine decodes them in XLSX, but XLS and
    /// ODS files converted from XLSX carry them as literal text.
    escaped: bool,
}

impl SheetCells {
    /// The sheet's cells; an error as soon as the sheet spans more than `max_area` rows × columns
    /// (while XLSX cells stream in; once calamine has read the whole sheet for the other formats).
    fn read(workbook: &mut Sheets<Cursor<Vec<u8>>>, sheet: &str, max_area: usize) -> Result<SheetCells, Error> {
        let mut cells = Vec::new();
        // The rows an XLSX sheet holds, empty ones included (0 for the other formats).
        let mut held_rows = 0usize;
        let escaped = !matches!(workbook, Sheets::Xlsx(_));
        let too_large =
            |rows: usize, columns: usize| Error::new(Failure::SheetTooLarge { sheet: sheet.to_owned(), rows, columns });
        let outside = || {
            Error::new(Failure::DamagedWorkbook {
                detail: format!("la feuille « {sheet} » a des cellules hors des limites d'un tableur"),
            })
        };
        match workbook {
            // XLSX is streamed cell by cell: calamine's ranges are dense, so two far-apart cells
            // would allocate everything between them.
            Sheets::Xlsx(xlsx) => {
                if let Ok(mut reader) = xlsx.worksheet_cells_reader(sheet) {
                    let dimension = reader.dimensions();
                    let (mut rows, mut columns) = (0usize, 0usize);
                    while let Ok(Some(cell)) = reader.next_cell() {
                        let (row, column) = cell.get_position();
                        let value = Data::from(cell.get_value().clone());
                        if is_empty(&value) {
                            // A formatted empty cell: its row counts as a row of the sheet (below).
                            held_rows = held_rows.max(row.saturating_add(1) as usize);
                        } else {
                            if row >= MAX_ROWS || column >= MAX_COLUMNS {
                                return Err(outside());
                            }
                            rows = rows.max(row as usize + 1);
                            columns = columns.max(column as usize + 1);
                            if rows.saturating_mul(columns) > max_area {
                                return Err(too_large(rows, columns));
                            }
                            cells.push((row, column, value));
                        }
                    }
                    held_rows = held_rows.max(dimension.end.0 as usize + 1);
                }
            }
            other => {
                let range = other.worksheet_range(sheet).unwrap_or_default();
                let (top, left) = range.start().unwrap_or((0, 0));
                cells.extend(
                    range.used_cells().filter(|(_, _, cell)| !is_empty(cell)).map(|(r, c, cell)| {
                        (top.saturating_add(r as u32), left.saturating_add(c as u32), cell.clone())
                    }),
                );
            }
        }
        if cells.iter().any(|&(row, column, _)| row >= MAX_ROWS || column >= MAX_COLUMNS) {
            return Err(outside());
        }
        let rows = cells.iter().map(|&(row, ..)| row as usize + 1).max().unwrap_or(0);
        let columns = cells.iter().map(|&(_, column, _)| column as usize + 1).max().unwrap_or(0);
        if rows.saturating_mul(columns) > max_area {
            return Err(too_large(rows, columns));
        }
        // Counted, not built: a sheet formatted down to Excel's last row holds a million of them.
        let blank_rows_after =
            if cells.is_empty() || held_rows > MAX_ROWS as usize { 0 } else { held_rows.saturating_sub(rows) };
        Ok(SheetCells { cells, rows, columns, blank_rows_after, escaped })
    }

    /// Row 0 is the sheet's first row; each row is as long as its last cell.
    fn into_grid(self) -> Vec<Vec<String>> {
        let mut grid: Vec<Vec<String>> = vec![Vec::new(); self.rows];
        for (row, column, value) in self.cells {
            if let Some(cells) = grid.get_mut(row as usize) {
                let column = column as usize;
                if cells.len() <= column {
                    cells.resize(column + 1, String::new());
                }
                if let Some(cell) = cells.get_mut(column) {
                    *cell = cell_text(&value, self.escaped);
                }
            }
        }
        grid
    }
}

/// The first sheet holding data that is not a pivot table (pivot sheets often come before the data:
/// they say `Total Résultat`, `Total général` or `(vide)`); else the first sheet holding anything.
fn default_sheet(sheets: &[(String, SheetCells)]) -> Option<usize> {
    let is_pivot = |cells: &SheetCells| {
        cells.cells.iter().any(|(_, _, cell)| {
            matches!(cell, Data::String(s) if matches!(s.trim(), "Total Résultat" | "Total général" | "(vide)"))
        })
    };
    sheets
        .iter()
        .position(|(_, cells)| !cells.cells.is_empty() && !is_pivot(cells))
        .or_else(|| sheets.iter().position(|(_, cells)| !cells.cells.is_empty()))
}

fn format_of<RS>(name: &str, workbook: &Sheets<RS>) -> String {
    let ext = name.rsplit('.').next().unwrap_or_default().to_lowercase();
    match workbook {
        Sheets::Xls(_) => "xls".into(),
        Sheets::Ods(_) => "ods".into(),
        Sheets::Xlsb(_) => "xlsb".into(),
        Sheets::Xlsx(_) if ext == "xlsm" => "xlsm".into(),
        Sheets::Xlsx(_) => "xlsx".into(),
    }
}

fn contains_utf16(bytes: &[u8], needle: &str) -> bool {
    let pattern: Vec<u8> = needle.encode_utf16().flat_map(u16::to_le_bytes).collect();
    bytes.windows(pattern.len()).any(|w| w == pattern.as_slice())
}

fn is_empty(cell: &Data) -> bool {
    match cell {
        Data::Empty => true,
        Data::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// A cell as the text a person sees: integers without `.0`, decimals without float artefacts, dates and
/// datetimes in ISO 8601, booleans as `true`/`false`, error cells as their Excel code (`#N/A`).
fn cell_text(cell: &Data, escaped: bool) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) if escaped => decode_ooxml_escapes(s),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => float_text(*f),
        Data::Bool(b) => b.to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
        Data::DateTime(dt) => {
            if dt.is_duration() {
                return float_text(dt.as_f64());
            }
            match dt.as_datetime() {
                Some(datetime) if dt.as_f64() < 1.0 => datetime.format("%H:%M:%S").to_string(),
                Some(datetime) if datetime.time() == chrono::NaiveTime::MIN => datetime.format("%Y-%m-%d").to_string(),
                Some(datetime) => datetime.format("%Y-%m-%dT%H:%M:%S").to_string(),
                None => float_text(dt.as_f64()),
            }
        }
    }
}

/// `_x000D_` → carriage return, `_x0009_` → tab…: the escapes OOXML uses for characters XML cannot hold.
fn decode_ooxml_escapes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("_x") {
        let (before, tail) = rest.split_at(start);
        out.push_str(before);
        let code = tail.get(2..6).filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()));
        match (code, tail.get(6..7)) {
            (Some(hex), Some("_")) => {
                out.extend(u32::from_str_radix(hex, 16).ok().and_then(char::from_u32));
                rest = tail.get(7..).unwrap_or_default();
            }
            _ => {
                out.push_str("_x");
                rest = tail.get(2..).unwrap_or_default();
            }
        }
    }
    out.push_str(rest);
    out
}

/// Integral floats print without a fractional part (Excel stores every number as a float, so a SIRET
/// typed as a number must come back as `21860194600013`); others print in the shortest form that
/// round-trips, so `0.1` stays `0.1`.
fn float_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e16 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ooxml_escapes_are_decoded() {
        assert_eq!(decode_ooxml_escapes("a_x000D__x000A_b_x005F_x"), "a\r\nb_x");
        assert_eq!(decode_ooxml_escapes("_x00G1_ et _x"), "_x00G1_ et _x");
    }

    /// A workbook of `sheets` sheets of 10 × 10 cells.
    fn workbook(sheets: usize) -> Vec<u8> {
        let mut workbook = rust_xlsxwriter::Workbook::new();
        for _ in 0..sheets {
            let sheet = workbook.add_worksheet();
            for row in 0..10u32 {
                for column in 0..10u16 {
                    sheet.write_string(row, column, format!("{row}:{column}")).unwrap();
                }
            }
        }
        workbook.save_to_buffer().unwrap()
    }

    #[test]
    fn a_sheet_too_large_is_refused_while_its_cells_stream_in() {
        let bytes = workbook(1);
        let read = |cells: usize| super::super::read_with("c.xlsx", &bytes, &ReadOptions::default(), Limits { cells });
        assert_eq!(read(100).unwrap().rows.len(), 9, "10 × 10 cells: within a limit of 100");
        // Past 50 cells in row 6: the reader stops there, it does not read the 4 other rows first.
        let error = read(50).unwrap_err();
        assert_eq!(error.failure(), &Failure::SheetTooLarge { sheet: "Sheet1".into(), rows: 6, columns: 10 });
    }

    #[test]
    fn the_cells_of_all_sheets_count_together() {
        let bytes = workbook(3);
        let read = |cells: usize| super::super::read_with("c.xlsx", &bytes, &ReadOptions::default(), Limits { cells });
        assert!(read(300).is_ok());
        let error = read(250).unwrap_err();
        assert_eq!(error.failure(), &Failure::TooManyCells { max: 250, row: None });
        assert!(error.to_string().starts_with("Les feuilles de ce classeur comptent ensemble plus de 250 cellules"));
    }

    #[test]
    fn floats_print_as_people_typed_them() {
        assert_eq!(float_text(21860194600013.0), "21860194600013");
        assert_eq!(float_text(0.1), "0.1");
        assert_eq!(float_text(1308.66), "1308.66");
        assert_eq!(float_text(-3.0), "-3");
    }
}
