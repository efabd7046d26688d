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
    if bytes.starts_with(OLE_MAGIC) {
        if !super::ole::chains_end(bytes) {
            return Err(Error::new(Failure::DamagedWorkbook { detail: "table des secteurs incohérente".into() }));
        }
        check_xls_layout(bytes, limits)?;
    }
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_unguarded(name, bytes, options, limits)))
        .unwrap_or_else(|_| {
            Err(Error::new(Failure::DamagedWorkbook { detail: "structure interne incohérente".into() }))
        })
}

/// The most cells calamine may lay out for an XLS workbook, all its sheets together (see `biff.rs`):
/// those of one full XLS sheet, 65,536 rows × 256 columns. At 32 bytes a cell (40 for the room a
/// `Dimensions` record reserves), with the copy of a range the reader takes as it reads a sheet: about
/// 1 GB at most. Real workbooks need a fraction of it.
const MAX_XLS_LAYOUT: usize = XLS_ROWS * XLS_COLUMNS;

/// The largest sheet an XLS file can hold.
const XLS_ROWS: usize = 65_536;
const XLS_COLUMNS: usize = 256;

/// Refuses an XLS workbook whose sheets calamine would lay out over more than [`MAX_XLS_LAYOUT`] cells
/// (or `limits.cells`): calamine allocates them all as soon as it opens the file, before any sheet can
/// be looked at, and a failed allocation cannot be caught. Past the limit, a sheet that names cells
/// beyond what an XLS sheet holds is damaged; otherwise it is too large.
fn check_xls_layout(bytes: &[u8], limits: Limits) -> Result<(), Error> {
    let stream = match super::ole::workbook_stream(bytes) {
        super::ole::Stream::Read(stream) => stream,
        super::ole::Stream::Fails => return Ok(()), // calamine gives up before it reads a cell
        super::ole::Stream::Endless => {
            return Err(Error::new(Failure::DamagedWorkbook { detail: "table des secteurs incohérente".into() }))
        }
    };
    let max = limits.cells.min(MAX_XLS_LAYOUT);
    let mut total = 0usize;
    for sheet in super::biff::sheet_spans(&stream) {
        total = total.saturating_add(sheet.cells);
        if total > max {
            if sheet.rows > XLS_ROWS || sheet.columns > XLS_COLUMNS {
                return Err(outside(&sheet.name));
            }
            return Err(Error::new(Failure::SheetTooLarge {
                sheet: sheet.name,
                rows: sheet.rows,
                columns: sheet.columns,
            }));
        }
    }
    Ok(())
}

/// A sheet with cells past the last row or column a spreadsheet can have.
fn outside(sheet: &str) -> Error {
    Error::new(Failure::DamagedWorkbook {
        detail: format!("la feuille « {sheet} » a des cellules hors des limites d'un tableur"),
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
                                return Err(outside(sheet));
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
            return Err(outside(sheet));
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
    use crate::read::MAX_CELLS;

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

    /// Every XLS file of `../shared/corpus`.
    fn corpus_xls() -> Vec<Vec<u8>> {
        let mut files = Vec::new();
        let mut dirs = vec![std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus")];
        while let Some(dir) = dirs.pop() {
            for path in std::fs::read_dir(&dir).unwrap().flatten().map(|entry| entry.path()) {
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|ext| ext == "xls") {
                    files.push(std::fs::read(path).unwrap());
                }
            }
        }
        assert!(files.len() >= 3, "the corpus has its XLS files");
        files
    }

    /// The first and last cell of a range.
    type Corners = ((u32, u32), (u32, u32));

    /// The sheets calamine builds, with the cells its value and formula ranges span; `None` if it fails.
    fn calamine_sheets(bytes: &[u8]) -> Option<Vec<(String, Option<Corners>)>> {
        std::panic::catch_unwind(|| {
            let mut workbook = open_workbook_auto_from_rs(Cursor::new(bytes.to_vec())).ok()?;
            let names = workbook.sheet_names();
            let span = |start: Option<(u32, u32)>, end: Option<(u32, u32)>| Some((start?, end?));
            let sheets = names.into_iter().map(|name| {
                let values = workbook.worksheet_range(&name).ok().and_then(|r| span(r.start(), r.end()));
                let formulas = workbook.worksheet_formula(&name).ok().and_then(|r| span(r.start(), r.end()));
                let both = match (values, formulas) {
                    (Some(v), Some(f)) => {
                        Some(((v.0 .0.min(f.0 .0), v.0 .1.min(f.0 .1)), (v.1 .0.max(f.1 .0), v.1 .1.max(f.1 .1))))
                    }
                    (v, f) => v.or(f),
                };
                (name, both)
            });
            Some(sheets.collect())
        })
        .ok()
        .flatten()
    }

    #[test]
    fn the_xls_check_walks_the_sheets_calamine_builds() {
        // The check reproduces calamine's reading: on real files and damaged copies of them, whenever
        // calamine opens the workbook, the check found the same sheets, each spanning at least as much.
        let files = corpus_xls();
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut random = move |below: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % below.max(1) as u64) as usize
        };
        let mut opened = 0;
        for case in 0..400 {
            let mut bytes = files[case % files.len()].clone();
            for _ in 0..(if case < files.len() { 0 } else { 1 + random(3) }) {
                if bytes.is_empty() {
                    break;
                }
                let at = random(bytes.len());
                // Mostly flipped bytes: a file cut or shifted is seldom still a container calamine opens.
                match random(8) {
                    0 => bytes.truncate(at),
                    1 => drop(bytes.drain(at..(at + random(64)).min(bytes.len()))),
                    2 => bytes.insert(at, random(256) as u8),
                    _ => bytes[at] ^= 1 + random(255) as u8,
                }
            }
            if !super::super::ole::chains_end(&bytes) {
                continue;
            }
            let spans = match super::super::ole::workbook_stream(&bytes) {
                super::super::ole::Stream::Read(stream) => super::super::biff::sheet_spans(&stream),
                super::super::ole::Stream::Fails => Vec::new(), // then calamine must fail too
                super::super::ole::Stream::Endless => continue, // refused: calamine never sees it
            };
            if spans.iter().map(|s| s.cells).sum::<usize>() > MAX_XLS_LAYOUT {
                continue; // refused: calamine never sees it
            }
            let Some(sheets) = calamine_sheets(&bytes) else { continue };
            opened += 1;
            let names: Vec<&str> = spans.iter().map(|s| s.name.as_str()).collect();
            assert_eq!(names, sheets.iter().map(|(name, _)| name.as_str()).collect::<Vec<_>>(), "case {case}");
            for ((name, range), span) in sheets.iter().zip(&spans) {
                if let Some((start, end)) = range {
                    let cells = (end.0 - start.0 + 1) as usize * (end.1 - start.1 + 1) as usize;
                    assert!(cells <= span.cells, "case {case}, {name}: {start:?}..{end:?} beyond {span:?}");
                    assert!((end.0 as usize) < span.rows && (end.1 as usize) < span.columns, "case {case}, {name}");
                }
            }
        }
        assert!(opened >= 150, "enough workbooks opened to compare: {opened}");
    }

    #[test]
    fn an_xls_sheet_laid_out_over_too_many_cells_is_refused_before_calamine_opens_it() {
        let bytes = corpus_xls().into_iter().next().unwrap();
        let read = |cells: usize| super::super::read_with("c.xls", &bytes, &ReadOptions::default(), Limits { cells });
        assert!(read(MAX_CELLS).is_ok());
        assert!(matches!(read(10).unwrap_err().failure(), Failure::SheetTooLarge { .. }));
    }

    #[test]
    fn floats_print_as_people_typed_them() {
        assert_eq!(float_text(21860194600013.0), "21860194600013");
        assert_eq!(float_text(0.1), "0.1");
        assert_eq!(float_text(1308.66), "1308.66");
        assert_eq!(float_text(-3.0), "-3");
    }
}
