//! Workbooks (XLSX, XLSM, XLS, ODS) through calamine, from memory.

use super::{layout, ReadOptions, Sheet, SourceInfo, OLE_MAGIC};
use crate::error::{Error, ErrorKind};
use calamine::{open_workbook_auto_from_rs, Data, Reader};
use std::io::Cursor;

pub(super) fn read(name: &str, bytes: &[u8], options: &ReadOptions) -> Result<Sheet, Error> {
    if bytes.starts_with(OLE_MAGIC) && contains_utf16(bytes, "EncryptedPackage") {
        return Err(Error::new(ErrorKind::Encrypted));
    }
    let mut workbook = open_workbook_auto_from_rs(Cursor::new(bytes.to_vec())).map_err(|e| {
        let detail = e.to_string();
        if detail.to_lowercase().contains("password") {
            Error::new(ErrorKind::Encrypted)
        } else {
            Error::new(ErrorKind::DamagedWorkbook { detail })
        }
    })?;
    let format = format_of(name, bytes, &workbook);
    let sheets = workbook.sheet_names();
    let ranges: Vec<(String, calamine::Range<Data>)> = match &options.sheet {
        Some(wanted) => {
            let range = workbook.worksheet_range(wanted).map_err(|_| {
                Error::new(ErrorKind::SheetNotFound { name: wanted.clone(), available: sheets.clone() })
            })?;
            vec![(wanted.clone(), range)]
        }
        None => {
            sheets.iter().filter_map(|sheet| workbook.worksheet_range(sheet).ok().map(|r| (sheet.clone(), r))).collect()
        }
    };
    // By default, the first sheet that holds any cell: pivot or title sheets before the data are rare
    // enough for the foundation; the layout work refines the choice.
    let (sheet_name, range) = ranges
        .into_iter()
        .find(|(_, range)| range.used_cells().any(|(_, _, cell)| !is_empty(cell)))
        .ok_or_else(|| Error::new(ErrorKind::NoData))?;
    let (top, left) = range.start().map_or((0, 0), |(r, c)| (r as usize, c as usize));
    let mut grid: Vec<Vec<String>> = vec![Vec::new(); top];
    for row in range.rows() {
        let mut cells = vec![String::new(); left];
        cells.extend(row.iter().map(cell_text));
        grid.push(cells);
    }
    Ok(layout::into_sheet(
        grid,
        SourceInfo {
            format,
            encoding: None,
            delimiter: None,
            sheet: Some(sheet_name),
            sheets,
            header_row: 0,
            row_count: 0,
            column_count: 0,
        },
    ))
}

fn format_of<RS>(name: &str, bytes: &[u8], workbook: &calamine::Sheets<RS>) -> String {
    let ext = name.rsplit('.').next().unwrap_or_default().to_lowercase();
    match workbook {
        calamine::Sheets::Xls(_) => "xls".into(),
        calamine::Sheets::Ods(_) => "ods".into(),
        calamine::Sheets::Xlsb(_) => "xlsb".into(),
        calamine::Sheets::Xlsx(_) if ext == "xlsm" => "xlsm".into(),
        calamine::Sheets::Xlsx(_) => {
            debug_assert!(bytes.starts_with(b"PK"));
            "xlsx".into()
        }
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
pub(crate) fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
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
    fn floats_print_as_people_typed_them() {
        assert_eq!(float_text(21860194600013.0), "21860194600013");
        assert_eq!(float_text(0.1), "0.1");
        assert_eq!(float_text(1308.66), "1308.66");
        assert_eq!(float_text(-3.0), "-3");
    }
}
