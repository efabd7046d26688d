//! The files of the last step, made from the state by the engine's export functions: the CSV to
//! publish (named after the data.gouv.fr guide), its copies for Excel, the validation report and the
//! recipe. The download buttons and the protocol's `tamis:exported` both come through here.

use crate::reader::ReadError;
use crate::state::{AppState, ChosenSchema, Slices};
use crate::text;
use leptos::prelude::*;
use tamis_engine::edit::Editor;
use tamis_engine::export::NaiveDate;
use tamis_engine::export::{
    self, CsvOptions, CsvSlices, FileKind, NameParts, ReportContext, ValidationReport, XlsxParts,
};
use tamis_engine::SchemaRef;

const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A file ready to be saved, in the browser's memory (not the app's, which never shrinks).
pub struct Download {
    pub name: String,
    pub blob: web_sys::Blob,
}

/// Rows of the CSV written in one step of [`AppState::csv_download`] (the clock is read between steps).
const CSV_ROWS_PER_STEP: usize = 2_000;

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

    /// One of the small files of the export (the report, the recipe), made now (untracked). The CSV
    /// files are made a slice at a time ([`AppState::csv_download`]), the XLSX copy off the page
    /// ([`AppState::xlsx_download`]): `None` here.
    pub fn download(&self, kind: FileKind) -> Option<Download> {
        let name = untrack(|| self.file_name(kind))?;
        let (bytes, mime) = match kind {
            FileKind::Publication | FileKind::ExcelCsv | FileKind::Xlsx => return None,
            FileKind::Report => (self.validation_report()?.to_html().into_bytes(), "text/html;charset=utf-8"),
            FileKind::ReportJson => (serde_json::to_vec_pretty(&self.validation_report()?).ok()?, "application/json"),
            FileKind::Recipe => (serde_json::to_vec_pretty(&self.recipe_with_edits()?).ok()?, "application/json"),
        };
        Some(Download { name, blob: crate::browser::blob(&bytes, mime) })
    }

    /// A CSV of the table as it is now: the file to publish, or the copy for Excel (`kind`). On a large
    /// table this is a few hundred milliseconds of work: it is written a slice of rows at a time, with
    /// the page painted and answering between slices, into the browser's memory. A table that changes
    /// meanwhile (an edit, an undo, another file) is written again from its first row, so the file is
    /// always one state of the table, the last. `go_on` is asked between slices: `Ok(None)` when it says
    /// to stop. `Err(())` when there is no table or writing failed.
    pub async fn csv_download(&self, kind: FileKind, go_on: impl Fn() -> bool) -> Result<Option<Download>, ()> {
        let options = match kind {
            FileKind::Publication => CsvOptions::publication(),
            FileKind::ExcelCsv => CsvOptions::excel(),
            _ => return Err(()),
        };
        let mut slices = Slices::new();
        'table: loop {
            let revision = self.with_editor_untracked(Editor::revision).ok_or(())?;
            let (parts, mut writer, mut bytes) = (js_sys::Array::new(), CsvSlices::new(options), Vec::new());
            loop {
                bytes.clear();
                let written = self.with_editor_untracked(|e| {
                    (e.revision() == revision).then(|| writer.write(e.table(), CSV_ROWS_PER_STEP, &mut bytes))
                });
                let done = match written.ok_or(())? {
                    Some(done) => done.ok_or(())?,
                    None => continue 'table,
                };
                parts.push(&js_sys::Uint8Array::from(bytes.as_slice()));
                if done {
                    break;
                }
                if slices.over() && !slices.pause(&go_on).await {
                    return Ok(None);
                }
            }
            // Named once written: the name says whether the file is valid, the table's last state's.
            let name = untrack(|| self.file_name(kind)).ok_or(())?;
            let blob = crate::browser::blob_of(&parts, "text/csv;charset=utf-8").map_err(|_| ())?;
            return Ok(Some(Download { name, blob }));
        }
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
        let made = crate::reader::make_xlsx(parts).await.and_then(|workbook| {
            let parts = js_sys::Array::of1(&js_sys::Uint8Array::new(&workbook));
            crate::browser::blob_of(&parts, XLSX_MIME).map_err(|_| ReadError::Failed(text::DOWNLOAD_FAILED.to_owned()))
        });
        Some(made.map(|blob| Download { name, blob }))
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
