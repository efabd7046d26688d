//! Export: everything the "download publish-ready files" step needs, as pure functions of values
//! (no clock, no browser): the caller passes today's date and gets bytes or text back.
//!
//! - [`to_csv_with`] writes the table as CSV: [`CsvOptions::publication`] (UTF-8 without BOM, comma,
//!   minimal quoting, CRLF — the file to publish) or [`CsvOptions::excel`] (BOM and semicolon, for a
//!   double-click in French Excel).
//! - [`file_name`] names each file after the data.gouv.fr guide, `AAAAMMJJ_<SIREN>_<nom-du-jeu>.csv`,
//!   with `_NON-CONFORME` when errors remain and `_pour-excel` on the copies; [`find_siren`] takes the
//!   SIREN from the data, [`parse_siren`] checks one the user typed, [`dataset_name`] gives the default
//!   data set name of a schema.
//! - [`ValidationReport`] is the validation report as data (serialized as JSON) and as a self-contained
//!   HTML page ([`ValidationReport::to_html`]).
//! - [`to_xlsx`] writes an XLSX working copy: every cell as text, the header styled and frozen, the
//!   cells with an error filled in colour with their message as a note; [`XlsxParts`] carries what it
//!   is made from to another thread (the app makes it in its worker).
//!
//! ```
//! use chrono::NaiveDate;
//! use tamis_engine::{export, CompiledSchema, Schema, Table};
//! let schema = Schema::from_json(r#"{"fields": [{"name": "COLL_NOM"}, {"name": "COLL_SIRET"}]}"#).unwrap();
//! let table = Table { fields: vec!["COLL_NOM".into(), "COLL_SIRET".into()],
//!     rows: vec![["Annecy", "21740042300018"].into()], source_rows: vec![2] };
//! let report = CompiledSchema::compile(&schema).unwrap().validate(&table);
//! let siren = export::find_siren(&schema, &table).unwrap();
//! let parts = export::NameParts { date: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(), siren: &siren,
//!     dataset: &export::dataset_name("scdl/deliberations"), valid: report.valid };
//! assert_eq!(export::file_name(&parts, export::FileKind::Publication), "20261123_217400423_deliberations.csv");
//! assert_eq!(export::to_csv_with(&table, &export::CsvOptions::publication()),
//!     b"COLL_NOM,COLL_SIRET\r\nAnnecy,21740042300018\r\n");
//! ```

mod csv;
mod name;
mod report;
mod xlsx;

pub use self::csv::{to_csv, to_csv_with, CsvOptions, CsvSlices};
pub use crate::text::formula_like;
/// The date type the export takes (the caller's today), re-exported so the app needs no chrono of its own.
pub use chrono::NaiveDate;
pub use name::{dataset_name, file_name, find_siren, parse_siren, publisher_siret_field, slug, FileKind, NameParts};
pub use report::{CodeCount, FieldSummary, ReportContext, SchemaSummary, ValidationReport};
pub use xlsx::{to_xlsx, XlsxParts, MAX_NOTES};
