use std::fmt;

/// An operational failure: the file cannot be read, or the schema cannot be loaded.
///
/// Findings about the data itself are never errors: they are [`crate::Issue`]s. Display renders the
/// error in plain French for the person using the app ([`ErrorKind::message`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Error(Box<ErrorKind>);

/// What went wrong, with what is known of where.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The file has no bytes, or only whitespace.
    EmptyFile,
    /// The file is larger than Tamis can hold in a browser tab.
    TooLarge { size: usize, max: usize },
    /// The user chose an encoding Tamis does not know.
    UnknownEncoding { name: String },
    /// The bytes are a known non-tabular format (PDF, image, archive…); `what` names it in French.
    NotTabular { what: &'static str },
    /// The bytes are binary and not a workbook Tamis knows.
    Binary,
    /// A workbook container (zip or OLE) that cannot be read: truncated or damaged.
    DamagedWorkbook { detail: String },
    /// A password-protected or encrypted workbook.
    Encrypted,
    /// A sheet spans more rows × columns than Tamis builds a table for (`rows` and `columns` as far as
    /// the reader went: it stops as soon as the limit is passed).
    SheetTooLarge { sheet: String, rows: usize, columns: usize },
    /// A text file with more cells than `max` (the reader stopped at source row `row`), or a workbook
    /// whose sheets hold more than `max` non-empty cells together (`row` is `None`).
    TooManyCells { max: usize, row: Option<usize> },
    /// The workbook has no sheet with any cell.
    NoData,
    /// The requested sheet does not exist.
    SheetNotFound { name: String, available: Vec<String> },
    /// A CSV record could not be parsed.
    Csv { record: u64, detail: String },
    /// The schema is not valid JSON or not a Table Schema.
    Schema { detail: String },
    /// A schema field uses something Tamis cannot check; names the field and the part.
    SchemaUnsupported { field: String, detail: String },
    /// No bundled schema has this name.
    UnknownSchema { name: String },
    /// A recipe that is not valid JSON or not a Tamis recipe.
    Recipe { detail: String },
    /// A SIREN typed by the user that is not one; `reason` says why, in French.
    Siren { text: String, reason: &'static str },
    /// The XLSX copy cannot be written (the table exceeds a limit of the format).
    Xlsx { detail: String },
}

impl ErrorKind {
    /// The message for the person using the app: what is wrong and what to do, in French.
    pub fn message(&self) -> String {
        use crate::fr::{export, read};
        match self {
            ErrorKind::EmptyFile => read::EMPTY_FILE.into(),
            ErrorKind::TooLarge { size, max } => read::too_large(*size, *max),
            ErrorKind::UnknownEncoding { name } => read::unknown_encoding(name),
            ErrorKind::NotTabular { what } => read::not_tabular(what),
            ErrorKind::Binary => read::BINARY.into(),
            ErrorKind::DamagedWorkbook { detail } => read::damaged_workbook(detail),
            ErrorKind::Encrypted => read::ENCRYPTED.into(),
            ErrorKind::SheetTooLarge { sheet, rows, columns } => read::sheet_too_large(sheet, *rows, *columns),
            ErrorKind::TooManyCells { max, row: Some(row) } => read::too_many_cells(*max, *row),
            ErrorKind::TooManyCells { max, row: None } => read::too_many_cells_in_workbook(*max),
            ErrorKind::NoData => read::NO_DATA.into(),
            ErrorKind::SheetNotFound { name, available } => read::sheet_not_found(name, available),
            ErrorKind::Csv { record, detail } => read::csv(*record, detail),
            ErrorKind::Schema { detail } => read::schema(detail),
            ErrorKind::SchemaUnsupported { field, detail } => read::schema_unsupported(field, detail),
            ErrorKind::UnknownSchema { name } => read::unknown_schema(name),
            ErrorKind::Recipe { detail } => read::recipe(detail),
            ErrorKind::Siren { text, reason } => export::siren(text, reason),
            ErrorKind::Xlsx { detail } => export::xlsx(detail),
        }
    }
}

impl Error {
    pub(crate) fn new(kind: ErrorKind) -> Self {
        Error(Box::new(kind))
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.0
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Self {
        Error::new(kind)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.message())
    }
}

impl std::error::Error for Error {}
