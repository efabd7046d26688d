//! From a raw grid of cells to a [`Sheet`]: find the header, clean the labels, drop empty margins.

use super::{Sheet, SourceInfo};

fn is_blank(row: &[String]) -> bool {
    row.iter().all(|cell| cell.trim().is_empty())
}

/// Turns raw records into a sheet. The header is the first non-blank row; rows after the last
/// non-blank one and columns after the last non-blank one are dropped.
pub(super) fn into_sheet(mut grid: Vec<Vec<String>>, mut source: SourceInfo) -> Sheet {
    while grid.last().is_some_and(|row| is_blank(row)) {
        grid.pop();
    }
    let header_index = grid.iter().position(|row| !is_blank(row)).unwrap_or(0);
    let mut rows: Vec<Vec<String>> = grid.into_iter().skip(header_index).collect();
    let width = rows
        .iter()
        .map(|row| row.iter().rposition(|cell| !cell.trim().is_empty()).map_or(0, |i| i + 1))
        .max()
        .unwrap_or(0);
    for row in &mut rows {
        row.truncate(width);
    }
    let header = if rows.is_empty() { Vec::new() } else { rows.remove(0) };
    let mut headers: Vec<String> = (0..width).map(|i| clean_label(header.get(i).map_or("", String::as_str))).collect();
    make_distinct(&mut headers);
    source.header_row = header_index + 1;
    source.row_count = rows.len();
    source.column_count = headers.len();
    Sheet { headers, rows, source }
}

/// Trims a label and collapses inner whitespace (Excel headers often hold line breaks and double
/// spaces). A UTF-8 BOM left in the first label by a double-encoded export is dropped too.
pub(crate) fn clean_label(label: &str) -> String {
    label.trim_start_matches('\u{FEFF}').split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Blank labels become `Colonne N`; a repeated label gets ` (2)`, ` (3)`… so every column can be named.
fn make_distinct(headers: &mut [String]) {
    let mut seen = std::collections::HashSet::new();
    for (index, label) in headers.iter_mut().enumerate() {
        if label.is_empty() {
            *label = format!("Colonne {}", index + 1);
        }
        if !seen.insert(label.clone()) {
            let mut n = 2;
            while seen.contains(&format!("{label} ({n})")) {
                n += 1;
            }
            *label = format!("{label} ({n})");
            seen.insert(label.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
    }

    fn source() -> SourceInfo {
        SourceInfo {
            format: "csv".into(),
            encoding: None,
            delimiter: None,
            sheet: None,
            sheets: vec![],
            header_row: 0,
            row_count: 0,
            column_count: 0,
        }
    }

    #[test]
    fn trailing_empty_rows_and_columns_are_dropped() {
        let sheet =
            into_sheet(grid(&[&["", ""], &["a", "b", ""], &["1", "2", ""], &["", "", ""], &[";"; 0]]), source());
        assert_eq!(sheet.headers, ["a", "b"]);
        assert_eq!(sheet.rows, grid(&[&["1", "2"]]));
        assert_eq!((sheet.source.header_row, sheet.source.row_count, sheet.source.column_count), (2, 1, 2));
    }

    #[test]
    fn labels_are_cleaned_and_made_distinct() {
        let sheet = into_sheet(grid(&[&[" Référence\ndélibération ", "", "x", "x"], &["1", "2", "3", "4"]]), source());
        assert_eq!(sheet.headers, ["Référence délibération", "Colonne 2", "x", "x (2)"]);
    }
}
