//! Any bytes, under any file name: `read` returns a sheet or an error, never panics.
//! The first byte picks the file name (so the extension hint), the rest is the file.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tamis_engine::{read, ReadOptions};

const NAMES: [&str; 8] = ["f.csv", "f.xlsx", "f.xls", "f.ods", "f.txt", "f.xlsm", "f", "F.CSV"];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else { return };
    let name = NAMES.get(usize::from(pick & 0x7F) % NAMES.len()).copied().unwrap_or("f");
    // The high bit asks for a named sheet, as a user choosing one in the sheet picker would.
    let options = if pick & 0x80 == 0 {
        ReadOptions::default()
    } else {
        ReadOptions { sheet: Some("Feuil1".into()), ..ReadOptions::default() }
    };
    if let Ok(sheet) = read(name, bytes, &options) {
        assert_eq!(sheet.headers.len(), sheet.source.column_count);
        assert_eq!(sheet.rows.len(), sheet.source.row_count);
    }
});
