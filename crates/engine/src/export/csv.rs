//! The table as CSV bytes: the publication file, or a copy that Excel opens by double-click.

use crate::table::{Row, Table};
use crate::text::formula_like;
use serde::{Deserialize, Serialize};

/// How the CSV is written. Quoting is always minimal (`"` only around cells that need it) and lines
/// end with CRLF; the header is the table's field names, in schema order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CsvOptions {
    /// Start with the UTF-8 byte order mark (Excel then reads the accents right).
    pub bom: bool,
    /// The cell separator (`b','` or `b';'`).
    pub delimiter: u8,
    /// Put `'` before each cell a spreadsheet would run as a formula ([`formula_like`]): for the copy
    /// opened in Excel (CSV injection), never for the file to publish, which keeps every value as it is.
    #[serde(default)]
    pub neutralize_formulas: bool,
}

impl CsvOptions {
    /// The file to publish, as the SCDL and data.gouv.fr want it: UTF-8 without BOM, comma.
    pub fn publication() -> CsvOptions {
        CsvOptions { bom: false, delimiter: b',', neutralize_formulas: false }
    }

    /// A copy for French Excel, which opens it by double-click with the accents and the columns
    /// right: UTF-8 with BOM, semicolon, and the cells Excel would run as formulas (`=…`, `+…`, `-…`,
    /// `@…`, a tab or carriage return first) written after a `'`, so they stay text. Never to be
    /// published (its file name says so).
    pub fn excel() -> CsvOptions {
        CsvOptions { bom: true, delimiter: b';', neutralize_formulas: true }
    }
}

impl Default for CsvOptions {
    fn default() -> Self {
        CsvOptions::publication()
    }
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The table as the publication CSV: UTF-8 without BOM, comma, `"` quoting only where needed, CRLF line
/// ends, header = the schema's field names in schema order ([`CsvOptions::publication`]).
pub fn to_csv(table: &Table) -> Vec<u8> {
    to_csv_with(table, &CsvOptions::publication())
}

/// The table as CSV: header then rows, `"` quoting only where needed, CRLF line ends.
pub fn to_csv_with(table: &Table, options: &CsvOptions) -> Vec<u8> {
    let mut bytes = Vec::new();
    // Writing to a Vec cannot fail, and every record has the same width, so errors are impossible;
    // they are still propagated to an empty result rather than a panic.
    match CsvSlices::new(*options).write(table, usize::MAX, &mut bytes) {
        Some(true) => bytes,
        _ => Vec::new(),
    }
}

/// The CSV of a table written a slice of records at a time (the header, then the rows): a page writes a
/// large table between which it paints and answers the user, and keeps the slices outside its memory.
/// The slices put end to end are [`to_csv_with`]'s bytes, provided the table did not change in between.
///
/// ```
/// use tamis_engine::export::{to_csv_with, CsvOptions, CsvSlices};
/// use tamis_engine::Table;
/// let table = Table { fields: vec!["a".into()], rows: vec![["1"].into(), ["2"].into()], source_rows: vec![2, 3] };
/// let (mut slices, mut bytes) = (CsvSlices::new(CsvOptions::excel()), Vec::new());
/// assert_eq!(slices.write(&table, 2, &mut bytes), Some(false));
/// assert_eq!(slices.write(&table, 2, &mut bytes), Some(true));
/// assert_eq!(bytes, to_csv_with(&table, &CsvOptions::excel()));
/// ```
#[derive(Debug, Clone)]
pub struct CsvSlices {
    options: CsvOptions,
    /// The next record: 0 is the header, then row `n - 1`.
    next: usize,
}

impl CsvSlices {
    pub fn new(options: CsvOptions) -> CsvSlices {
        CsvSlices { options, next: 0 }
    }

    /// Appends the next `count` records (at least one) to `out`; says whether the table is then written
    /// whole. `None` if writing failed (it cannot, into a `Vec`).
    pub fn write(&mut self, table: &Table, count: usize, out: &mut Vec<u8>) -> Option<bool> {
        if self.next == 0 && self.options.bom {
            out.extend_from_slice(BOM);
        }
        let mut writer = csv::WriterBuilder::new()
            .delimiter(self.options.delimiter)
            .terminator(csv::Terminator::CRLF)
            .quote_style(csv::QuoteStyle::Necessary)
            .from_writer(out);
        let header = (self.next == 0).then(|| table.fields.iter().collect::<Row>());
        let skip = self.next.saturating_sub(1);
        let records = header.iter().chain(table.rows.iter().skip(skip)).take(count.max(1));
        let mut written = 0;
        for record in records {
            let result = if self.options.neutralize_formulas && record.iter().any(formula_like) {
                writer.write_record(record.iter().map(neutralized))
            } else {
                writer.write_record(record)
            };
            result.ok()?;
            written += 1;
        }
        writer.flush().ok()?;
        self.next += written;
        Some(self.next > table.rows.len())
    }
}

/// The cell as the Excel copy writes it: after a `'` when Excel would run it.
fn neutralized(cell: &str) -> String {
    if formula_like(cell) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        Table {
            fields: vec!["a".into(), "b".into()],
            rows: vec![["x, y", "dit \"oui\"\nensuite"].into(), ["01", "p;q"].into()],
            source_rows: vec![2, 3],
        }
    }

    #[test]
    fn slices_of_any_size_put_end_to_end_are_the_whole_file() {
        for options in [CsvOptions::publication(), CsvOptions::excel()] {
            let mut table = table();
            table.rows.push(["=1+1", "+33"].into());
            let whole = to_csv_with(&table, &options);
            for count in [0, 1, 2, 3, 4, 100] {
                let (mut slices, mut bytes, mut calls) = (CsvSlices::new(options), Vec::new(), 0);
                while slices.write(&table, count, &mut bytes) == Some(false) {
                    calls += 1;
                    assert!(calls < 10, "{count}: never done");
                }
                assert_eq!(bytes, whole, "{count} records at a time");
            }
        }
        // A table without rows: the header alone.
        let empty = Table { fields: vec!["a".into()], rows: Vec::new(), source_rows: Vec::new() };
        let mut bytes = Vec::new();
        assert_eq!(CsvSlices::new(CsvOptions::publication()).write(&empty, 1, &mut bytes), Some(true));
        assert_eq!(bytes, b"a\r\n");
    }

    #[test]
    fn publication_is_comma_crlf_without_bom() {
        assert_eq!(
            String::from_utf8(to_csv_with(&table(), &CsvOptions::publication())).unwrap(),
            "a,b\r\n\"x, y\",\"dit \"\"oui\"\"\nensuite\"\r\n01,p;q\r\n"
        );
    }

    #[test]
    fn excel_copy_has_a_bom_and_semicolons() {
        let bytes = to_csv_with(&table(), &CsvOptions::excel());
        assert!(bytes.starts_with(BOM));
        assert_eq!(
            String::from_utf8(bytes[3..].to_vec()).unwrap(),
            "a;b\r\nx, y;\"dit \"\"oui\"\"\nensuite\"\r\n01;\"p;q\"\r\n"
        );
    }

    fn one_column(cells: &[&str]) -> Table {
        Table {
            fields: vec!["v".into()],
            rows: cells.iter().map(|c| vec![(*c).to_owned()]).map(Into::into).collect(),
            source_rows: (0..cells.len()).map(crate::table::spreadsheet_row).collect(),
        }
    }

    #[test]
    fn the_excel_copy_neutralizes_formulas_and_keeps_numbers() {
        let cells =
            ["=1+1", "+33 1 23 45 67 89", "@SUM(A1)", "\t=1+1", "\r=1+1", "-", "+", "- item", "-2+3+cmd|' /C calc'!A0"];
        let numbers = ["-12.5", "+3", "-0,5", "-1e5", "+2E-3", "-.5", "12", "a=b", "", " =1"];
        let all: Vec<&str> = cells.iter().chain(&numbers).copied().collect();
        let bytes = to_csv_with(&one_column(&all), &CsvOptions::excel());
        let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(&bytes[3..]);
        let written: Vec<String> = reader.records().map(|r| r.unwrap()[0].to_owned()).collect();
        let expected: Vec<String> =
            cells.iter().map(|c| format!("'{c}")).chain(numbers.iter().map(|n| (*n).to_owned())).collect();
        assert_eq!(written, expected);
        // The header too (a schema's field names are data as well).
        let mut table = one_column(&[]);
        table.fields = vec!["=HYPERLINK(\"x\")".into()];
        assert_eq!(&to_csv_with(&table, &CsvOptions::excel())[3..], b"\"'=HYPERLINK(\"\"x\"\")\"\r\n");
    }

    #[test]
    fn the_publication_file_keeps_formula_like_cells_as_they_are() {
        let table = one_column(&["=1+1", "+33 1 23 45 67 89", "@SUM(A1)", "\t=1", "-12.5"]);
        assert_eq!(
            to_csv_with(&table, &CsvOptions::publication()),
            b"v\r\n=1+1\r\n+33 1 23 45 67 89\r\n@SUM(A1)\r\n\t=1\r\n-12.5\r\n"
        );
    }
}
