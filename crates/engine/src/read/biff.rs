//! What calamine 0.38 lays out when it opens an XLS workbook, found before it does.
//!
//! `Xls::new` parses every sheet at once, and makes each a dense range: rows × columns cells from the
//! first to the last position its cell records name (and as many again for formulas), plus the room a
//! sheet's `Dimensions` record asks for. A damaged file naming one cell far away (a flipped byte in a
//! column number) makes it ask for gigabytes, and a failed allocation aborts: it cannot be caught like
//! a panic (found by the robustness tests: one byte of a real XLS asked for 2.7 GB). So the records are
//! walked here the way calamine walks them, and the space they would take is counted first.
//!
//! The walk follows calamine's where that decides which records are read (record boundaries and
//! `Continue` records, sheet offsets, nested substreams, where it stops on an error); elsewhere it may
//! count more than calamine would build, never less.

/// A sheet as calamine would lay it out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct SheetSpan {
    /// Its name (read from its `BoundSheet8` record, for messages).
    pub name: String,
    /// One past the last row and column its records name (as the engine counts a sheet's size).
    pub rows: usize,
    pub columns: usize,
    /// The cells calamine would allocate for it: its value range, its formula range and the room its
    /// `Dimensions` records reserve.
    pub cells: usize,
}

/// The sheets of a workbook stream, in the order calamine builds them, up to where it stops.
pub(super) fn sheet_spans(stream: &[u8]) -> Vec<SheetSpan> {
    let mut sheets = Vec::new();
    for (offset, name) in bound_sheets(stream) {
        let Some(records) = stream.get(offset..) else { break }; // calamine panics: no sheet after
        let (span, ended) = sheet_span(records, name);
        sheets.push(span);
        if !ended {
            break; // calamine fails on this sheet: none is built after it
        }
    }
    sheets
}

/// Where each sheet's records start in the stream, with its name; none when calamine fails first.
fn bound_sheets(stream: &[u8]) -> Vec<(usize, String)> {
    let mut sheets = Vec::new();
    let mut biff8 = true;
    for record in (Records { stream }) {
        let Some((kind, data)) = record else { return Vec::new() };
        match kind {
            // FilePass: an encrypted workbook, which calamine refuses.
            0x002F if u16_at(data, 0) != Some(0) => return Vec::new(),
            // BOF: the version decides how names are written.
            0x0809 => biff8 = u16_at(data, 0).is_none_or(|version| version == 0x0600),
            // BoundSheet8: the offset of the sheet's BOF, its state and type (checked by calamine), its name.
            0x0085 => {
                let known = match (data.get(4), data.get(5)) {
                    (Some(state), Some(kind)) => state & 0x3F <= 2 && matches!(kind, 0 | 1 | 2 | 6),
                    _ => false,
                };
                let Some(offset) = u32_at(data, 0).filter(|_| known) else { return Vec::new() };
                sheets.push((offset as usize, sheet_name(data.get(6..).unwrap_or_default(), biff8)));
            }
            // EOF of the workbook globals.
            0x000A => break,
            _ => {}
        }
    }
    sheets
}

/// A `ShortXLUnicodeString` (BIFF8: 8-bit length, flags, Latin-1 or UTF-16LE characters) or a BIFF5
/// byte string (read as Windows-1252), as far as the record holds it.
fn sheet_name(data: &[u8], biff8: bool) -> String {
    let Some((&count, rest)) = data.split_first() else { return String::new() };
    let count = usize::from(count);
    if biff8 {
        let Some((&flags, chars)) = rest.split_first() else { return String::new() };
        if flags & 1 == 1 {
            let units: Vec<u16> = chars.chunks_exact(2).take(count).filter_map(|c| u16_at(c, 0)).collect();
            return String::from_utf16_lossy(&units);
        }
        return chars.iter().take(count).map(|&b| char::from(b)).collect();
    }
    let bytes = rest.get(..count.min(rest.len())).unwrap_or_default();
    encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned()
}

/// The span of the sheet whose records start `records`, and whether calamine reads it to its end
/// (`false`: it fails on a record, and builds no sheet after).
fn sheet_span(records: &[u8], name: String) -> (SheetSpan, bool) {
    let mut values = Bounds::default();
    let mut formulas = Bounds::default();
    let mut reserved = 0usize;
    let mut extent = (0usize, 0usize);
    // The cell a `String` record gives the value of: the last formula's.
    let mut formula_at = (0u32, 0u32);
    let mut seen_bof = false;
    let mut depth = 0usize;
    let mut ended = true;
    for record in (Records { stream: records }) {
        let Some((kind, data)) = record else {
            ended = false;
            break;
        };
        if depth > 0 {
            // Inside an embedded chart or another substream: skipped to its EOF.
            match kind {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => {}
            }
            continue;
        }
        // The position in a cell record, which calamine refuses shorter than `min` bytes.
        let position = |min: usize| {
            if data.len() < min {
                return None;
            }
            Some((u32::from(u16_at(data, 0)?), u32::from(u16_at(data, 2)?)))
        };
        let at = match kind {
            0x0809 => {
                if seen_bof {
                    depth += 1;
                }
                seen_bof = true;
                continue;
            }
            0x000A => break,
            // Dimensions: calamine reserves room for its rows × columns cells.
            0x0200 => {
                let Some((rows, columns, end)) = dimensions(data) else {
                    ended = false;
                    break;
                };
                reserved = reserved.saturating_add(rows.saturating_mul(columns));
                extent = (extent.0.max(end.0), extent.1.max(end.1));
                continue;
            }
            0x0203 => position(14),          // Number
            0x0204 | 0x00D6 => position(6),  // Label, RString
            0x0205 => position(8),           // BoolErr
            0x027E | 0x00FD => position(10), // RK, LabelSst
            0x0207 => Some(formula_at),      // String: the value of the formula before it
            // MulRk: one row, cells from the first column on, 6 bytes each.
            0x00BD => {
                let Some((row, first)) = position(6) else {
                    ended = false;
                    break;
                };
                let count = (data.len() - 6).div_ceil(6) as u32;
                if count > 0 {
                    values.add(row, first);
                    values.add(row, first + count - 1);
                }
                continue;
            }
            // Formula: its value (when it has one) and its formula, at the same cell.
            0x0006 => {
                let Some(at) = position(20) else {
                    ended = false;
                    break;
                };
                formula_at = at;
                formulas.add(at.0, at.1);
                Some(at)
            }
            _ => continue,
        };
        let Some((row, column)) = at else {
            ended = false;
            break;
        };
        values.add(row, column);
    }
    let (rows, columns) = [values, formulas]
        .iter()
        .filter_map(|b| b.last)
        .fold(extent, |(rows, columns), (row, column)| (rows.max(row as usize + 1), columns.max(column as usize + 1)));
    let cells = values.area().saturating_add(formulas.area()).saturating_add(reserved);
    (SheetSpan { name, rows, columns, cells }, ended)
}

/// The rows and columns calamine reserves room for from a `Dimensions` record, and one past its last
/// row and column; `None` where calamine refuses the record. Its arithmetic wraps (as it does in
/// release builds, and in debug ones here, see the workspace's `Cargo.toml`).
fn dimensions(data: &[u8]) -> Option<(usize, usize, (usize, usize))> {
    let word = |at: usize| u16_at(data, at).map(u32::from);
    let (first_row, last_row, mut first_column, last_column) = match data.len() {
        10 => (word(0)?, word(2)?, word(4)?, word(6)?),
        14 | 16 => (u32_at(data, 0)?, u32_at(data, 4)?, word(8)?, word(10)?),
        _ => return None,
    };
    if 0xFF < first_column || last_column < first_column {
        first_column = 0;
    }
    let (start, end) = if last_row >= 1 && last_column >= 1 {
        ((first_row, first_column), (last_row - 1, last_column - 1))
    } else {
        ((first_row, first_column), (first_row, first_column))
    };
    let rows = end.0.wrapping_sub(start.0).wrapping_add(1) as usize;
    let columns = end.1.wrapping_sub(start.1).wrapping_add(1) as usize;
    Some((rows, columns, ((end.0 as usize).saturating_add(1), (end.1 as usize).saturating_add(1))))
}

/// The smallest rectangle around some positions: what `Range::from_sparse` allocates.
#[derive(Debug, Clone, Copy, Default)]
struct Bounds {
    first: Option<(u32, u32)>,
    last: Option<(u32, u32)>,
}

impl Bounds {
    fn add(&mut self, row: u32, column: u32) {
        let (first, last) = match (self.first, self.last) {
            (Some(f), Some(l)) => ((f.0.min(row), f.1.min(column)), (l.0.max(row), l.1.max(column))),
            _ => ((row, column), (row, column)),
        };
        (self.first, self.last) = (Some(first), Some(last));
    }

    fn area(&self) -> usize {
        match (self.first, self.last) {
            (Some(first), Some(last)) => {
                ((last.0 - first.0) as usize + 1).saturating_mul((last.1 - first.1) as usize + 1)
            }
            _ => 0,
        }
    }
}

/// calamine's record iterator: type, length, data, with the `Continue` records that follow a record
/// joined to it (skipped here). `None` where calamine fails: a record cut short.
struct Records<'a> {
    stream: &'a [u8],
}

impl<'a> Iterator for Records<'a> {
    type Item = Option<(u16, &'a [u8])>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.stream.is_empty() {
            return None;
        }
        let (Some(kind), Some(len)) = (u16_at(self.stream, 0), u16_at(self.stream, 2)) else {
            self.stream = &[];
            return Some(None);
        };
        let Some(data) = self.stream.get(4..4 + usize::from(len)) else {
            self.stream = &[];
            return Some(None);
        };
        self.stream = self.stream.get(4 + usize::from(len)..).unwrap_or_default();
        const CONTINUE: u16 = 0x003C;
        if self.stream.len() > 4 && u16_at(self.stream, 0) == Some(CONTINUE) {
            while self.stream.len() > 4 && u16_at(self.stream, 0) == Some(CONTINUE) {
                let len = usize::from(u16_at(self.stream, 2).unwrap_or_default());
                match self.stream.get(4 + len..) {
                    Some(rest) => self.stream = rest,
                    None => {
                        self.stream = &[];
                        return Some(None);
                    }
                }
            }
        }
        Some(Some((kind, data)))
    }
}

fn u16_at(bytes: &[u8], offset: usize) -> Option<u16> {
    bytes.get(offset..offset + 2).and_then(|b| b.try_into().ok()).map(u16::from_le_bytes)
}

fn u32_at(bytes: &[u8], offset: usize) -> Option<u32> {
    bytes.get(offset..offset + 4).and_then(|b| b.try_into().ok()).map(u32::from_le_bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A record: type, length, data.
    fn record(kind: u16, data: &[u8]) -> Vec<u8> {
        [&kind.to_le_bytes()[..], &(data.len() as u16).to_le_bytes(), data].concat()
    }

    /// A cell record of `kind` at `row`, `column`, `len` bytes long.
    fn cell(kind: u16, row: u16, column: u16, len: usize) -> Vec<u8> {
        let mut data = vec![0u8; len];
        data[..2].copy_from_slice(&row.to_le_bytes());
        data[2..4].copy_from_slice(&column.to_le_bytes());
        record(kind, &data)
    }

    /// A workbook stream: globals naming one sheet per list of records, then the sheets.
    fn stream(sheets: &[(&str, Vec<Vec<u8>>)]) -> Vec<u8> {
        let bof = record(0x0809, &[0x00, 0x06, 0x10, 0x00]);
        let bound = |offset: u32, name: &str| {
            record(0x0085, &[&offset.to_le_bytes()[..], &[0, 0, name.len() as u8, 0], name.as_bytes()].concat())
        };
        let globals_len =
            bof.len() + sheets.iter().map(|(name, _)| bound(0, name).len()).sum::<usize>() + record(0x000A, &[]).len();
        let bodies: Vec<Vec<u8>> =
            sheets.iter().map(|(_, records)| [bof.clone(), records.concat(), record(0x000A, &[])].concat()).collect();
        let mut offset = globals_len;
        let mut globals = bof.clone();
        for ((name, _), body) in sheets.iter().zip(&bodies) {
            globals.extend(bound(offset as u32, name));
            offset += body.len();
        }
        globals.extend(record(0x000A, &[]));
        [globals, bodies.concat()].concat()
    }

    #[test]
    fn a_sheet_spans_from_its_first_to_its_last_cell_as_calamine_lays_it_out() {
        let spans = sheet_spans(&stream(&[
            ("Feuil1", vec![cell(0x00FD, 2, 1, 10), cell(0x0203, 9, 3, 14), cell(0x0204, 4, 0, 8)]),
            ("Vide", vec![]),
        ]));
        assert_eq!(
            spans,
            [
                SheetSpan { name: "Feuil1".into(), rows: 10, columns: 4, cells: 8 * 4 },
                SheetSpan { name: "Vide".into(), rows: 0, columns: 0, cells: 0 },
            ]
        );
    }

    #[test]
    fn one_far_cell_makes_a_huge_span() {
        // A column number whose high byte was flipped (0x0002 → 0xE502), as in a mutated real file.
        let spans = sheet_spans(&stream(&[("Budget", vec![cell(0x00FD, 0, 0, 10), cell(0x00FD, 1448, 0xE502, 10)])]));
        assert_eq!((spans[0].rows, spans[0].columns, spans[0].cells), (1449, 58627, 1449 * 58627));
    }

    #[test]
    fn formulas_dimensions_and_multiple_rk_count_too() {
        let mut mul_rk = cell(0x00BD, 5, 2, 6 + 3 * 6);
        mul_rk[4 + 6 + 3 * 6 - 2..].copy_from_slice(&4u16.to_le_bytes());
        let mut dimensions = vec![0u8; 14];
        dimensions[4..8].copy_from_slice(&100u32.to_le_bytes()); // rows 0..100
        dimensions[10..12].copy_from_slice(&10u16.to_le_bytes()); // columns 0..10
        let spans = sheet_spans(&stream(&[(
            "F",
            vec![record(0x0200, &dimensions), cell(0x0006, 1, 1, 20), cell(0x0006, 3, 2, 20), mul_rk],
        )]));
        // Values: (1,1)…(5,4) → 5 × 4; formulas: (1,1)…(3,2) → 3 × 2; reserved: 100 × 10.
        assert_eq!(spans[0], SheetSpan { name: "F".into(), rows: 100, columns: 10, cells: 20 + 6 + 1000 });
    }

    #[test]
    fn embedded_substreams_are_skipped_and_a_cut_record_stops_the_walk() {
        let chart = [record(0x0809, &[0; 4]), cell(0x0203, 60000, 200, 14), record(0x000A, &[])].concat();
        let spans = sheet_spans(&stream(&[
            ("A", vec![cell(0x0203, 0, 0, 14), chart]),
            ("B", vec![record(0x0203, &[1, 0, 1])]),
        ]));
        assert_eq!(spans.iter().map(|s| s.cells).collect::<Vec<_>>(), [1, 0], "B's only record is cut short");
        let mut cut = stream(&[("A", vec![cell(0x0203, 0, 0, 14)]), ("B", vec![cell(0x0203, 1, 1, 14)])]);
        cut.truncate(cut.len() - 10);
        assert_eq!(sheet_spans(&cut).len(), 2, "B is walked until its cut record");
    }

    #[test]
    fn continue_records_are_joined_and_an_encrypted_workbook_has_no_sheets() {
        let continued = [cell(0x0204, 0, 0, 6), record(0x003C, &cell(0x0203, 500, 200, 14))].concat();
        assert_eq!(sheet_spans(&stream(&[("A", vec![continued])]))[0].cells, 1);
        let mut encrypted = stream(&[("A", vec![cell(0x0203, 0, 0, 14)])]);
        let file_pass = record(0x002F, &[1, 0]);
        encrypted.splice(8..8, file_pass);
        assert!(sheet_spans(&encrypted).is_empty());
    }
}
