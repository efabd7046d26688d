//! The files of the last step, made from the state by the engine's export functions: the CSV to
//! publish (named after the data.gouv.fr guide), its copies for Excel, the validation report and the
//! recipe. The download buttons and the protocol's `tamis:exported` both come through here.

use crate::reader::ReadError;
use crate::state::{AppState, ChosenSchema};
use crate::text;
use leptos::prelude::*;
use tamis_engine::edit::Editor;
use tamis_engine::export::NaiveDate;
use tamis_engine::export::{self, CsvOptions, FileKind, NameParts, ReportContext, ValidationReport, XlsxParts};
use tamis_engine::SchemaRef;

const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A file ready to be saved.
pub struct Download {
    pub name: String,
    pub bytes: Vec<u8>,
    pub mime: &'static str,
}

/// Today, in the browser's time zone.
pub fn today() -> NaiveDate {
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(now.get_full_year() as i32, now.get_month() + 1, now.get_date()).unwrap_or_default()
}

/// Where the SIREN of the file names comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Siren {
    /// The schema's publisher SIRET column of the data.
    FromData(String),
    /// Typed by the user (or the collectivity saved in this browser).
    Typed(String),
    /// Unknown: the user is asked, the names go without it meanwhile.
    Missing,
    /// What the user typed is not a SIREN (the French message says why).
    Invalid(String),
}

impl Siren {
    pub fn value(&self) -> Option<&str> {
        match self {
            Siren::FromData(siren) | Siren::Typed(siren) => Some(siren),
            Siren::Missing | Siren::Invalid(_) => None,
        }
    }
}

/// The SIREN for the file names: the data's, else what the user typed, else the SIRET of the
/// collectivity saved in this browser (the state's `export_siren`).
pub fn siren(
    schema: RwSignal<Option<ChosenSchema>>,
    editor: RwSignal<Option<Editor>>,
    typed: RwSignal<String>,
) -> Siren {
    let found = schema.with(|s| {
        let schema = &s.as_ref()?.schema;
        editor.with(|e| export::find_siren(schema, e.as_ref()?.table()))
    });
    if let Some(siren) = found {
        return Siren::FromData(siren);
    }
    let typed = typed.get();
    let typed = if typed.trim().is_empty() { crate::recipes::collectivity().siret } else { typed };
    if typed.trim().is_empty() {
        return Siren::Missing;
    }
    // A SIRET gives its first nine digits.
    let digits: String = typed.chars().filter(char::is_ascii_digit).collect();
    let candidate = if digits.len() == 14 { digits.get(..9).unwrap_or_default() } else { typed.as_str() };
    match export::parse_siren(candidate) {
        Ok(siren) => Siren::Typed(siren),
        Err(error) => Siren::Invalid(error.to_string()),
    }
}

impl AppState {
    /// The data set's name for the file names: what the user typed, else the schema's. Tracked.
    pub fn dataset_name(&self) -> String {
        let typed = self.dataset.get();
        if !typed.trim().is_empty() {
            return export::slug(&typed);
        }
        self.schema.with(|s| s.as_ref().map(|s| export::dataset_name(&s.name)).unwrap_or_default())
    }

    /// The name of one file of the export. Tracked.
    pub fn file_name(&self, kind: FileKind) -> Option<String> {
        let valid = self.with_editor(|e| e.report().valid)?;
        let siren = self.export_siren.get();
        let dataset = self.dataset_name();
        let parts = NameParts { date: today(), siren: siren.value().unwrap_or_default(), dataset: &dataset, valid };
        Some(export::file_name(&parts, kind))
    }

    /// One file of the export, made now (untracked). The XLSX copy is made off the page: `None` here,
    /// see [`AppState::xlsx_download`].
    pub fn download(&self, kind: FileKind) -> Option<Download> {
        let name = untrack(|| self.file_name(kind))?;
        let bytes = match kind {
            FileKind::Publication => {
                self.with_editor_untracked(|e| export::to_csv_with(e.table(), &CsvOptions::publication()))?
            }
            FileKind::ExcelCsv => {
                self.with_editor_untracked(|e| export::to_csv_with(e.table(), &CsvOptions::excel()))?
            }
            FileKind::Xlsx => return None,
            FileKind::Report => self.validation_report()?.to_html().into_bytes(),
            FileKind::ReportJson => serde_json::to_vec_pretty(&self.validation_report()?).ok()?,
            FileKind::Recipe => serde_json::to_vec_pretty(&self.recipe_with_edits()?).ok()?,
        };
        let mime = match kind {
            FileKind::Publication | FileKind::ExcelCsv => "text/csv;charset=utf-8",
            FileKind::Xlsx => XLSX_MIME,
            FileKind::Report => "text/html;charset=utf-8",
            FileKind::ReportJson | FileKind::Recipe => "application/json",
        };
        Some(Download { name, bytes, mime })
    }

    /// The XLSX working copy, made in the app's worker (seconds on a large table, which would freeze the
    /// page); `None` when there is no table. Cancelled with [`crate::reader::cancel_xlsx`].
    pub async fn xlsx_download(&self) -> Option<Result<Download, ReadError>> {
        let name = untrack(|| self.file_name(FileKind::Xlsx))?;
        let parts = self.with_editor_untracked(|e| XlsxParts::new(e.table(), e.report(), today()))?;
        let parts = match parts {
            Some(parts) => parts,
            None => return Some(Err(ReadError::Failed(text::XLSX_CRASHED.to_owned()))),
        };
        let bytes = crate::reader::make_xlsx(parts).await;
        Some(bytes.map(|bytes| Download { name, bytes, mime: XLSX_MIME }))
    }

    /// The validation report of what the publication file would be now (untracked).
    pub fn validation_report(&self) -> Option<ValidationReport> {
        let exported_file = untrack(|| self.file_name(FileKind::Publication))?;
        let source_file = self.file.with_untracked(|f| f.as_ref().map(|f| f.name.clone()))?;
        let chosen = self.schema.get_untracked()?;
        // Checked as it is, the file has no mapping: the report lists none.
        let recipe = (self.mode.get_untracked() == crate::state::Mode::Mapped).then(|| self.recipe.get_untracked());
        let context = ReportContext { source_file, exported_file, schema_name: chosen.name.clone(), date: today() };
        self.with_editor_untracked(|e| {
            ValidationReport::new(&context, &chosen.schema, e.report(), recipe.as_ref(), &e.log().edits)
        })
    }

    /// The current recipe, stamped with its schema and the file's columns, with the edit log.
    pub fn recipe_with_edits(&self) -> Option<tamis_engine::Recipe> {
        let sheet = self.sheet.get_untracked()?;
        let chosen = self.schema.get_untracked()?;
        let schema = SchemaRef { name: chosen.name.clone(), version: chosen.version.clone() };
        let mut recipe = self.recipe.get_untracked().for_file(schema, &sheet.headers);
        recipe.edits = self.with_editor_untracked(Editor::log).unwrap_or_default();
        recipe.edits.source = Some(self.fingerprint(&sheet));
        Some(recipe)
    }
}
