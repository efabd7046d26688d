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
    pub rows: Vec<Vec<String>>,
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
