//! The table every stage after the reader works on: the schema's fields and their cells, as text.
//!
//! A leaf: it imports no other module of the engine. The mapping builds it (`mapping::apply`,
//! [`Table::from_sheet`]), validation checks it, edits change it, the export writes it.

/// The mapped table: exactly the schema's fields, in schema order, as text cells.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    /// Field names, in schema order.
    pub fields: Vec<String>,
    /// One row per source data row; every row has one cell per field.
    pub rows: Vec<Row>,
    /// For each row, its 1-based row number in the source (so the user can find it in their file).
    pub source_rows: Vec<usize>,
}

/// The row number a spreadsheet shows for the data row at `index` of the exported file: the header is
/// row 1, the first data row row 2. Issues, messages and edit logs number rows this way.
pub fn spreadsheet_row(index: usize) -> usize {
    index + 2
}

/// The index of the data row a spreadsheet shows as row `row` (the inverse of [`spreadsheet_row`]);
/// `None` for the header.
pub fn row_index(row: usize) -> Option<usize> {
    row.checked_sub(2)
}

impl Table {
    /// The row number, in the user's own file, of the row at `index` (its spreadsheet row in the table
    /// when the source's is not known).
    pub fn source_row(&self, index: usize) -> usize {
        self.source_rows.get(index).copied().unwrap_or(spreadsheet_row(index))
    }
}

/// One row of the table: the text of its cells in one allocation, and where each cell ends.
///
/// A table of 100,000 rows and 17 fields held a `String` per cell: 1.7 million allocations to map it,
/// as many to free it, and 24 bytes of header plus the allocator's own per cell. A row is two
/// allocations, whatever its width. Cells are read as `&str` ([`Row::get`], [`Row::iter`]) and
/// replaced whole ([`Row::set`]); rows are short, so a replacement writes the row's text anew.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Row {
    text: Box<str>,
    ends: Box<[usize]>,
}

impl Row {
    /// The number of cells.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether the row has no cell at all (not whether its cells are blank).
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The text of cell `column`, `None` past the row's end.
    pub fn get(&self, column: usize) -> Option<&str> {
        let end = *self.ends.get(column)?;
        let start = column.checked_sub(1).and_then(|c| self.ends.get(c)).copied().unwrap_or(0);
        self.text.get(start..end)
    }

    /// The cells' text, in order.
    pub fn iter(&self) -> RowCells<'_> {
        RowCells { row: self, columns: 0..self.len() }
    }

    /// Replaces the text of cell `column`; `false` (and nothing changed) past the row's end.
    pub fn set(&mut self, column: usize, value: &str) -> bool {
        let (Some(&end), Some(before)) = (self.ends.get(column), self.get(column).map(str::len)) else {
            return false;
        };
        let start = end - before;
        let mut text = String::with_capacity(self.text.len() - before + value.len());
        text.push_str(self.text.get(..start).unwrap_or_default());
        text.push_str(value);
        text.push_str(self.text.get(end..).unwrap_or_default());
        self.text = text.into_boxed_str();
        for later in self.ends.iter_mut().skip(column) {
            *later = *later - before + value.len();
        }
        true
    }

    /// The row as it is kept: the text of all its cells, and where each ends in it.
    pub(crate) fn text_and_ends(&self) -> (&str, &[usize]) {
        (&self.text, &self.ends)
    }

    /// The cells as owned strings.
    pub fn to_vec(&self) -> Vec<String> {
        self.iter().map(str::to_owned).collect()
    }
}

impl<S: AsRef<str>> FromIterator<S> for Row {
    fn from_iter<I: IntoIterator<Item = S>>(cells: I) -> Row {
        RowBuilder::default().row(cells)
    }
}

/// Builds rows one after another in buffers it keeps, so that each row costs exactly its two
/// allocations (what a table of a million rows is built with).
#[derive(Debug, Default)]
pub(crate) struct RowBuilder {
    text: String,
    ends: Vec<usize>,
}

impl RowBuilder {
    /// Adds a cell to the row being built.
    pub(crate) fn push(&mut self, cell: &str) {
        self.text.push_str(cell);
        self.ends.push(self.text.len());
    }

    /// The row of `cells`; the builder is empty again.
    pub(crate) fn row<S: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = S>) -> Row {
        for cell in cells {
            self.push(cell.as_ref());
        }
        self.finish()
    }

    /// The row built so far; the builder is empty again.
    pub(crate) fn finish(&mut self) -> Row {
        let row = Row { text: Box::from(self.text.as_str()), ends: Box::from(self.ends.as_slice()) };
        self.text.clear();
        self.ends.clear();
        row
    }
}

impl From<Vec<String>> for Row {
    fn from(cells: Vec<String>) -> Row {
        cells.into_iter().collect()
    }
}

impl<S: AsRef<str>, const N: usize> From<[S; N]> for Row {
    fn from(cells: [S; N]) -> Row {
        cells.into_iter().collect()
    }
}

impl<S: AsRef<str>> PartialEq<[S]> for Row {
    fn eq(&self, other: &[S]) -> bool {
        self.len() == other.len() && self.iter().zip(other).all(|(a, b)| a == b.as_ref())
    }
}

impl<S: AsRef<str>, const N: usize> PartialEq<[S; N]> for Row {
    fn eq(&self, other: &[S; N]) -> bool {
        *self == other[..]
    }
}

impl<S: AsRef<str>> PartialEq<Vec<S>> for Row {
    fn eq(&self, other: &Vec<S>) -> bool {
        *self == other[..]
    }
}

/// `row[c]`, for tests and examples: panics past the row's end, like a slice.
impl std::ops::Index<usize> for Row {
    type Output = str;

    fn index(&self, column: usize) -> &str {
        match self.get(column) {
            Some(text) => text,
            None => panic!("column {column} is past the end of a row of {} cells", self.len()),
        }
    }
}

/// Rows compare cell by cell, like the lists of text they hold.
impl Ord for Row {
    fn cmp(&self, other: &Row) -> std::cmp::Ordering {
        self.iter().cmp(other.iter())
    }
}

impl PartialOrd for Row {
    fn partial_cmp(&self, other: &Row) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl std::fmt::Debug for Row {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<'a> IntoIterator for &'a Row {
    type Item = &'a str;
    type IntoIter = RowCells<'a>;

    fn into_iter(self) -> RowCells<'a> {
        self.iter()
    }
}

/// The cells of a [`Row`], as text.
#[derive(Clone, Debug)]
pub struct RowCells<'a> {
    row: &'a Row,
    columns: std::ops::Range<usize>,
}

impl<'a> Iterator for RowCells<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        self.columns.next().map(|c| self.row.get(c).unwrap_or_default())
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.columns.size_hint()
    }
}

impl DoubleEndedIterator for RowCells<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.columns.next_back().map(|c| self.row.get(c).unwrap_or_default())
    }
}

impl ExactSizeIterator for RowCells<'_> {}

#[cfg(test)]
mod tests {
    use super::Row;

    #[test]
    fn a_row_keeps_every_cell_empty_ones_and_unicode_included() {
        let row: Row = ["", "Saint-Étienne", "", "2024-01-01", ""].into();
        assert_eq!(row.len(), 5);
        assert_eq!(row.iter().collect::<Vec<_>>(), ["", "Saint-Étienne", "", "2024-01-01", ""]);
        assert_eq!(row.iter().next_back(), Some(""));
        assert_eq!((row.get(1), row.get(4), row.get(5)), (Some("Saint-Étienne"), Some(""), None));
        assert!(Row::default().is_empty() && Row::default().get(0).is_none());
        assert_eq!(row.to_vec(), ["", "Saint-Étienne", "", "2024-01-01", ""]);
    }

    #[test]
    fn setting_a_cell_changes_it_alone() {
        let mut row: Row = ["a", "bb", "ccc"].into();
        assert!(row.set(1, "Œuvre"));
        assert_eq!(row, ["a", "Œuvre", "ccc"]);
        assert!(row.set(0, "") && row.set(2, "z"));
        assert_eq!(row, ["", "Œuvre", "z"]);
        assert!(!row.set(3, "past the end"), "a cell past the row's end is not made up");
        assert_eq!(row, ["", "Œuvre", "z"]);
    }

    #[test]
    fn rows_compare_cell_by_cell() {
        let ab: Row = ["a", "b"].into();
        let a_b: Row = ["ab", ""].into();
        assert_ne!(ab, a_b, "same text, other cells");
        assert!(ab < a_b);
        assert_eq!(a_b.cmp(&ab), std::cmp::Ordering::Greater);
        assert_eq!(Row::from(["a"]).cmp(&ab), std::cmp::Ordering::Less, "a prefix sorts first");
        assert_eq!(ab, Row::from(vec!["a".to_owned(), "b".to_owned()]));
    }
}
