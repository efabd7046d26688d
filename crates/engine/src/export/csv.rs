//! The table as CSV bytes: the publication file, or a copy that Excel opens by double-click.

use crate::mapping::Table;
use serde::{Deserialize, Serialize};

/// How the CSV is written. Quoting is always minimal (`"` only around cells that need it) and lines
/// end with CRLF; the header is the table's field names, in schema order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CsvOptions {
    /// Start with the UTF-8 byte order mark (Excel then reads the accents right).
    pub bom: bool,
    /// The cell separator (`b','` or `b';'`).
    pub delimiter: u8,
}

impl CsvOptions {
    /// The file to publish, as the SCDL and data.gouv.fr want it: UTF-8 without BOM, comma.
    pub fn publication() -> CsvOptions {
        CsvOptions { bom: false, delimiter: b',' }
    }

    /// A copy for French Excel, which opens it by double-click with the accents and the columns
    /// right: UTF-8 with BOM, semicolon. Never to be published (its file name says so).
    pub fn excel() -> CsvOptions {
        CsvOptions { bom: true, delimiter: b';' }
    }
}

impl Default for CsvOptions {
    fn default() -> Self {
        CsvOptions::publication()
    }
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The table as CSV: header then rows, `"` quoting only where needed, CRLF line ends.
pub fn to_csv_with(table: &Table, options: &CsvOptions) -> Vec<u8> {
    let start = if options.bom { BOM.to_vec() } else { Vec::new() };
    let mut writer = csv::WriterBuilder::new()
        .delimiter(options.delimiter)
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(start);
    // Writing to a Vec cannot fail, and every record has the same width, so errors are impossible;
    // they are still propagated to an empty result rather than a panic.
    let written = std::iter::once(&table.fields).chain(&table.rows).try_for_each(|record| writer.write_record(record));
    match (written, writer.into_inner()) {
        (Ok(()), Ok(bytes)) => bytes,
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        Table {
            fields: vec!["a".into(), "b".into()],
            rows: vec![vec!["x, y".into(), "dit \"oui\"\nensuite".into()], vec!["01".into(), "p;q".into()]],
            source_rows: vec![2, 3],
        }
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
}
