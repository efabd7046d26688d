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
