//! Tamis engine: everything that turns a commune's spreadsheet into a schema-conformant table, with no
//! web dependency, so it runs natively (tests, benchmarks, a future batch tool) and in the browser.
//!
//! Data flows one way, and every stage is a plain value:
//!
//! ```text
//! bytes ──read──▶ Sheet ──mapping::apply(Recipe)──▶ Table ──validate(CompiledSchema)──▶ Report
//!                                                     └──export (CSV, XLSX, file name, report)──▶ bytes
//! ```
//!
//! - [`read()`] turns bytes (CSV in any common encoding and delimiter, XLSX, XLS, ODS) into a [`Sheet`].
//! - [`Schema`] is a Table Schema descriptor; [`Catalog`] is the set of bundled SCDL schemas.
//! - [`Recipe`] says, for every schema field, which source column or constant fills it.
//! - [`CompiledSchema`] checks a [`Table`] and returns a [`Report`] of [`Issue`]s: findings are data,
//!   with Validata's codes and French messages, never errors.
//! - [`export`] writes the files to download: the publication CSV and a copy for Excel, an XLSX working
//!   copy, their names after the data.gouv.fr guide, and the validation report (JSON and HTML).
//! - [`Error`] is the one operational error (cannot read a file, cannot load a schema), in French.
//!
//! ```
//! use tamis_engine::{read, ReadOptions, Schema, CompiledSchema, Recipe, mapping, write};
//! let schema = Schema::from_json(r#"{"fields": [{"name": "id", "type": "integer"}]}"#).unwrap();
//! let sheet = read("f.csv", b"ID;nom\n12;a\nx;b\n", &ReadOptions::default()).unwrap();
//! let recipe = Recipe::by_name(&schema, &sheet.headers);
//! let table = mapping::apply(&sheet, &schema, &recipe);
//! let report = CompiledSchema::compile(&schema).unwrap().validate(&table);
//! assert_eq!(report.issues.len(), 1);
//! assert_eq!(report.issues[0].row, Some(3));
//! assert_eq!(write::to_csv(&table), b"id\r\n12\r\nx\r\n");
//! ```

mod dates;
pub mod edit;
mod error;
pub mod export;
pub mod fr;
pub mod mapping;
pub mod read;
pub mod schema;
mod siret;
pub mod suggest;
mod table;
mod text;
pub mod transform;
pub mod validate;
pub mod write;

pub use error::{Error, ErrorKind};
pub use mapping::{Recipe, SchemaRef, Source};
pub use read::{read, Finding, FindingKind, ReadOptions, Sheet, SheetSummary, SourceInfo};
pub use schema::{Catalog, CatalogEntry, Field, Schema};
pub use table::Table;
pub use validate::{CompiledSchema, Issue, Report};
