//! From a raw grid of cells to a [`Sheet`]: find the header row, clean the labels, drop empty margins,
//! spot totals rows.

use super::{findings, Cells, Finding, RenamedLabel, Row, Sheet, SourceInfo};
use crate::text::{normalize_label, trimmed};

fn is_blank(row: Row) -> bool {
    row.iter().all(|cell| trimmed(cell).is_empty())
}

fn filled(row: Row) -> usize {
    row.iter().filter(|cell| !trimmed(cell).is_empty()).count()
}

/// A value rather than a label: a number (French or English notation) or a date.
fn is_value_like(cell: &str) -> bool {
    let compact: String = cell.trim().chars().filter(|c| !c.is_whitespace() && *c != '\u{a0}').collect();
    if compact.is_empty() {
        return false;
    }
    let numeric = compact.replace(',', ".").parse::<f64>().is_ok();
    let date = compact.chars().all(|c| c.is_ascii_digit() || matches!(c, '/' | '-' | '.' | ':' | 'T' | ' '))
        && compact.chars().filter(char::is_ascii_digit).count() >= 4;
    numeric || date
}

/// How many cells the rows of the table usually fill: the most common count among the first rows.
fn usual_width(grid: &Cells) -> usize {
    let mut counts = std::collections::HashMap::<usize, usize>::new();
    for row in grid.iter().take(200).filter(|row| !is_blank(*row)) {
        *counts.entry(filled(row)).or_default() += 1;
    }
    counts.into_iter().max_by_key(|&(width, count)| (count, width)).map_or(0, |(width, _)| width)
}

/// The header row (index into `grid`). Candidates are the first 30 rows that fill at least half the
/// usual width, mostly with labels rather than values; the header is the first candidate filling at
/// least 80 % as many cells as the fullest one. So title lines, blank lines and a merged group-header
/// row above the header are skipped. `None` when no row looks like a header (a headerless export).
pub(super) fn detect_header(grid: &Cells) -> Option<usize> {
    let width = usual_width(grid);
    let needed = width.div_ceil(2).max(width.min(2)).max(1);
    let candidates: Vec<(usize, usize, bool)> = grid
        .iter()
        .take(30)
        .enumerate()
        .filter_map(|(index, row)| {
            let count = filled(row);
            let labels = row.iter().filter(|c| !c.trim().is_empty() && !is_value_like(c)).count();
            (count >= needed && labels * 10 >= count * 7).then_some((index, count, labels == count))
        })
        .collect();
    // A row of labels only beats a row that holds some values (a data row with extra cells).
    let pure = candidates.iter().any(|&(_, _, pure)| pure);
    let candidates: Vec<(usize, usize)> =
        candidates.into_iter().filter(|&(_, _, p)| p || !pure).map(|(index, count, _)| (index, count)).collect();
    let fullest = candidates.iter().map(|&(_, count)| count).max()?;
    candidates.into_iter().find(|&(_, count)| count * 10 >= fullest * 8).map(|(index, _)| index)
}

/// Turns raw records into a sheet. `header` is the header's index in `grid` (`None`: no header, the
/// columns are named `Colonne N`); `row_offset` is the source row number of `grid[0]` minus one.
pub(super) fn into_sheet(mut grid: Cells, header: Option<usize>, mut source: SourceInfo) -> Sheet {
    let mut trailing_blank_rows = 0;
    while grid.len() > header.map_or(0, |h| h + 1) && grid.iter().next_back().is_some_and(is_blank) {
        grid.pop();
        trailing_blank_rows += 1;
    }
    let header_cells = header.and_then(|h| grid.row(h)).map_or(0, |row| row.len());
    let first_data = header.map_or_else(|| grid.iter().position(|row| !is_blank(row)).unwrap_or(0), |h| h + 1);
    let width = grid
        .iter()
        .skip(header.unwrap_or(first_data))
        .map(|row| row.iter().rposition(|cell| !trimmed(cell).is_empty()).map_or(0, |i| i + 1))
        .max()
        .unwrap_or(0);
    let raw_labels: Vec<String> = match header.and_then(|h| grid.row(h)) {
        Some(row) => (0..width).map(|i| row.get(i).unwrap_or_default().to_owned()).collect(),
        None => vec![String::new(); width],
    };
    let mut headers: Vec<String> = raw_labels.iter().map(|l| clean_label(l)).collect();
    let renamed = make_distinct(&mut headers, &raw_labels);
    let source_rows: Vec<usize> = (first_data + 1..=grid.len()).collect();
    let mut rows = grid;
    rows.remove_first(first_data);
    let usual = usual_width(&rows);
    source.totals_rows =
        rows.iter().zip(&source_rows).filter(|(row, _)| is_totals_row(*row, usual)).map(|(_, n)| *n).collect();
    source.header_row = header.map_or(0, |h| h + 1);
    source.row_count = rows.len();
    source.column_count = headers.len();
    source.renamed = renamed;
    let mut sheet = Sheet { headers, rows, source_rows, source, header_cells, trailing_blank_rows };
    let found: Vec<Finding> = findings::scan(&sheet);
    sheet.source.findings.extend(found);
    sheet
}

/// A totals row: its first filled cell says "Total" (or "Total général", "Sous-total"…), and either
/// says only that or the row fills fewer cells than a data row (so "TOTAL ENERGIES", a beneficiary
/// with all its columns, is not one).
fn is_totals_row(row: Row, usual: usize) -> bool {
    let Some(first) = row.iter().map(trimmed).find(|c| !c.is_empty()) else { return false };
    // Only "total…" and "sous-total…" can be totals: most rows are ruled out without normalising.
    let head = first.as_bytes().get(..4).unwrap_or_default();
    if !head.eq_ignore_ascii_case(b"tota") && !head.eq_ignore_ascii_case(b"sous") {
        return false;
    }
    let label = normalize_label(first);
    let words: Vec<&str> = label.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let exact = matches!(
        words.as_slice(),
        ["total" | "totaux"] | ["total", "general" | "resultat" | "ttc" | "ht"] | ["sous", "total"]
    );
    let starts = matches!(words.first(), Some(&"total" | &"totaux")) || words.starts_with(&["sous", "total"]);
    exact || (starts && filled(row) < usual)
}

/// Trims a label and collapses inner whitespace (Excel headers often hold line breaks and double
/// spaces). A BOM left in the first label by a double-encoded export is dropped too.
fn clean_label(label: &str) -> String {
    label.trim_start_matches('\u{FEFF}').split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Blank labels become `Colonne N`; a repeated label gets ` (2)`, ` (3)`… so every column can be
/// named. Returns what was renamed, to tell the user.
fn make_distinct(headers: &mut [String], raw: &[String]) -> Vec<RenamedLabel> {
    let mut seen = std::collections::HashSet::new();
    let mut renamed = Vec::new();
    for (index, label) in headers.iter_mut().enumerate() {
        let original = label.clone();
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
        if *label != original {
            let original = raw.get(index).cloned().unwrap_or_default();
            renamed.push(RenamedLabel { column: index + 1, original, label: label.clone() });
        }
    }
    renamed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(rows: &[&[&str]]) -> Cells {
        rows.iter().map(|r| r.to_vec()).collect()
    }

    fn sheet(rows: &[&[&str]]) -> Sheet {
        let grid = grid(rows);
        let header = detect_header(&grid);
        into_sheet(grid, header, SourceInfo::default())
    }

    #[test]
    fn trailing_empty_rows_and_columns_are_dropped() {
        let sheet = sheet(&[&["", ""], &["a", "b", ""], &["1", "2", ""], &["", "", ""], &[]]);
        assert_eq!(sheet.headers, ["a", "b"]);
        // Rows keep their length in the source: a validation of the file as it is sees the extra cell.
        assert_eq!(sheet.rows, grid(&[&["1", "2", ""]]));
        assert_eq!(sheet.source_rows, [3]);
        assert_eq!((sheet.source.header_row, sheet.source.row_count, sheet.source.column_count), (2, 1, 2));
    }

    #[test]
    fn title_lines_and_group_headers_above_the_header_are_skipped() {
        let title = sheet(&[
            &["Tableau des conventions signées en 2017", "", "", ""],
            &["", "", "", ""],
            &["SIRET", "NOM", "Montant", "date"],
            &["21310117300010", "Club", "1 500", "2017-03-02"],
        ]);
        assert_eq!(title.source.header_row, 3);
        let group = sheet(&[
            &["Autorité", "", "Bénéficiaire", ""],
            &["Nom", "SIRET", "Nom", "SIRET"],
            &["Ville", "21310117300010", "Club", "41395842200045"],
        ]);
        assert_eq!(group.source.header_row, 2);
        assert_eq!(group.headers, ["Nom", "SIRET", "Nom (2)", "SIRET (2)"]);
        assert_eq!(group.source.renamed.len(), 2);
    }

    #[test]
    fn a_file_without_header_gets_numbered_columns() {
        let sheet =
            sheet(&[&["2012-06-25", "Mise a disposition"], &["2012-06-25", "Convention"], &["2013-01-02", "x"]]);
        assert_eq!(sheet.source.header_row, 0);
        assert_eq!(sheet.headers, ["Colonne 1", "Colonne 2"]);
        assert_eq!(sheet.source.row_count, 3);
    }

    #[test]
    fn labels_are_cleaned_and_made_distinct() {
        let sheet = sheet(&[&[" Référence\ndélibération ", "", "x", "x"], &["1", "2", "3", "4"]]);
        assert_eq!(sheet.headers, ["Référence délibération", "Colonne 2", "x", "x (2)"]);
    }

    #[test]
    fn totals_rows_are_spotted_but_not_companies_named_total() {
        let sheet = sheet(&[
            &["Bénéficiaire", "Objet", "Montant"],
            &["TOTAL ENERGIES", "Borne", "1000"],
            &["Club", "Fête", "500"],
            &["Total général", "", "1500"],
        ]);
        assert_eq!(sheet.source.totals_rows, [4]);
    }
}
