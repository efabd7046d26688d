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
//! use tamis_engine::{read, ReadOptions, Schema, CompiledSchema, Recipe, mapping, export};
//! let schema = Schema::from_json(r#"{"fields": [{"name": "id", "type": "integer"}]}"#).unwrap();
//! let sheet = read("f.csv", b"ID;nom\n12;a\nx;b\n", &ReadOptions::default()).unwrap();
//! let recipe = Recipe::by_name(&schema, &sheet.headers);
//! let table = mapping::apply(&sheet, &schema, &recipe);
//! let report = CompiledSchema::compile(&schema).unwrap().validate(&table);
//! assert_eq!(report.issues.len(), 1);
//! assert_eq!(report.issues[0].row, Some(3));
//! assert_eq!(export::to_csv(&table), b"id\r\n12\r\nx\r\n");
//! ```
//!
//! # Layers
//!
//! Each top-level module imports (`crate::…`) only modules of the layers below its own, so no two
//! modules depend on each other, however indirectly. `tests/engine/layers.rs` checks it against this block
//! (the top layer first; after two spaces, a comment):
//!
//! ```text
//! export                      the files to download: CSV, XLSX copy, their names, the report
//! mapping                     recipes: the column or constant of each field, its transforms, the edits
//! edit                        the fix grid's edits, revalidated as they are made, and their log
//! describe                    field documentation: types and constraints in French, descriptions as HTML or plain text
//! validate transform suggest  checks and their report; cell rewritings; suggested mappings and schemas
//! schema                      Table Schema descriptors, the catalog
//! read                        bytes to a Sheet
//! error                       the one operational error, said in French by fr
//! fr                          every French text, one file per stage (see below)
//! table text siret dates      leaves: they import no module of the engine
//! ```
//!
//! Data flows read → map → validate → edit → export, and the layers follow it but for one step: a
//! [`Recipe`] carries the edits made in the fix grid, so `mapping` sits above `edit`. `fr` takes
//! plain data: a `match` on an enum lives next to the enum (`Failure::message`, `Finding::message`),
//! so `fr` imports nothing above it and the layer test has no exception.

mod dates;
pub mod describe;
pub mod edit;
mod error;
pub mod export;
pub(crate) mod fr;
pub mod mapping;
pub mod read;
pub mod schema;
mod siret;
pub mod suggest;
mod table;
mod text;
pub mod transform;
pub mod validate;

pub use error::{Error, Failure};
pub use fr::thousands;
pub use mapping::{Recipe, SchemaRef, Source};
pub use read::{read, Anomaly, Finding, ReadOptions, Sheet, SheetSummary, SourceInfo};
pub use schema::{Catalog, CatalogEntry, Field, Schema};
pub use table::{spreadsheet_row, Row, RowCells, Table};
pub use validate::{Code, CompiledSchema, Issue, Report};
