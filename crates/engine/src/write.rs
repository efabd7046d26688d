//! Writers: the mapped table out as bytes. The export module has the options, file names, report
//! and XLSX copy; this is the publication CSV the app has always downloaded.

use crate::export::{to_csv_with, CsvOptions};
use crate::table::Table;

/// The table as a publication CSV: UTF-8 without BOM, comma, `"` quoting only where needed, CRLF line
/// ends, header = the schema's field names in schema order ([`CsvOptions::publication`]).
pub fn to_csv(table: &Table) -> Vec<u8> {
    to_csv_with(table, &CsvOptions::publication())
}
