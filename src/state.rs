//! The one app state, provided at the root, and the actions that change it by calling the engine.
//! The UI and the `postMessage` protocol go through the same actions.

use crate::reader;
use leptos::prelude::*;
use std::sync::Arc;
use tamis_engine::edit::{Edit, EditLog, Editor};
use tamis_engine::{
    mapping, write, CompiledSchema, Error, ReadOptions, Recipe, Report, Schema, SchemaRef, Sheet, Source, Table,
};

/// The file the user opened, kept so it can be re-read (another sheet, say).
#[derive(Clone, Debug)]
pub struct OpenedFile {
    pub name: String,
    pub bytes: Arc<Vec<u8>>,
}

/// The chosen schema, compiled once.
#[derive(Clone, Debug)]
pub struct ChosenSchema {
    /// Catalog name (`scdl/subventions`), or a label for a schema given by URL or object.
    pub name: String,
    pub version: Option<String>,
    pub schema: Arc<Schema>,
    pub compiled: Arc<CompiledSchema>,
}

impl ChosenSchema {
    pub fn new(name: String, version: Option<String>, schema: Schema) -> Result<ChosenSchema, Error> {
        let compiled = CompiledSchema::compile(&schema)?;
        Ok(ChosenSchema { name, version, schema: Arc::new(schema), compiled: Arc::new(compiled) })
    }

    /// From the bundled catalog, latest version.
    pub fn from_catalog(name: &str) -> Result<ChosenSchema, Error> {
        let entry = crate::catalog::catalog().get(name)?;
        ChosenSchema::new(entry.name.clone(), Some(entry.version.clone()), entry.schema.clone())
    }
}

/// How the columns of a newly opened file (or a newly chosen schema) are mapped onto the fields.
#[derive(Clone, Debug)]
pub enum MappingChoice {
    /// Columns named like fields (ignoring case and accents); nothing else.
    ByName,
    /// What Tamis suggests to a person: names, known variants, content.
    Suggested,
    /// A recipe given by the user or the host page.
    Recipe(Recipe),
}

/// The mapped table with the user's edits and its validation report, held by the editor that made
/// them (for previews, row keys and fix-all edits).
#[derive(Clone)]
pub struct Outcome {
    pub editor: Arc<Editor>,
}

impl Outcome {
    pub fn table(&self) -> &Table {
        self.editor.table()
    }

    pub fn report(&self) -> &Report {
        self.editor.report()
    }
}

impl std::fmt::Debug for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Outcome")
            .field("rows", &self.table().rows.len())
            .field("issues", &self.report().issues.len())
            .finish()
    }
}

/// Every validation is a new outcome, even when it finds the same thing: the host page gets a report
/// after each one, and comparing whole tables would cost more than redrawing.
impl PartialEq for Outcome {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.editor, &other.editor)
    }
}

/// Everything the app knows. Every field is a signal, so the struct is `Copy` and cheap to share.
#[derive(Clone, Copy)]
pub struct AppState {
    pub file: RwSignal<Option<OpenedFile>>,
    pub sheet: RwSignal<Option<Arc<Sheet>>>,
    pub schema: RwSignal<Option<ChosenSchema>>,
    pub recipe: RwSignal<Recipe>,
    /// How the current file was read (the user's overrides of what was detected).
    pub options: RwSignal<ReadOptions>,
    /// The message shown to the user after a failure (French).
    pub error: RwSignal<Option<String>>,
    /// A message saying what Tamis did on its own (a recipe replayed…), in French.
    pub info: RwSignal<Option<String>>,
    pub busy: RwSignal<bool>,
    /// The user's edits of the mapped table, replayed on it by row key (so they survive a change of
    /// mapping), and those undone, for redo.
    pub edits: RwSignal<Vec<Edit>>,
    pub undone: RwSignal<Vec<Edit>>,
    /// Derived: the mapped table and its report, once a file and a schema are chosen.
    pub outcome: Memo<Option<Outcome>>,
}

impl AppState {
    pub fn new() -> AppState {
        let sheet = RwSignal::new(None::<Arc<Sheet>>);
        let schema = RwSignal::new(None::<ChosenSchema>);
        let recipe = RwSignal::new(Recipe::default());
        let edits = RwSignal::new(Vec::<Edit>::new());
        let outcome = Memo::new(move |_| {
            let sheet = sheet.get()?;
            let chosen = schema.get()?;
            let table = recipe.with(|recipe| mapping::apply(&sheet, &chosen.schema, recipe));
            let mut editor = Editor::new(&chosen.schema, table).ok()?;
            edits.with(|edits| {
                if !edits.is_empty() {
                    editor.replay(&EditLog::new(edits.clone()));
                }
            });
            Some(Outcome { editor: Arc::new(editor) })
        });
        AppState {
            file: RwSignal::new(None),
            sheet,
            schema,
            recipe,
            options: RwSignal::new(ReadOptions::default()),
            error: RwSignal::new(None),
            info: RwSignal::new(None),
            busy: RwSignal::new(false),
            edits,
            undone: RwSignal::new(Vec::new()),
            outcome,
        }
    }

    /// Reads a file (in the reader worker) and makes it the current one, with `schema` if given. The
    /// mapping is redone by name, or taken from `recipe` when given. On failure nothing changes: the
    /// previous file and schema stay, and the French message is returned.
    pub async fn open(
        &self,
        name: String,
        bytes: Vec<u8>,
        options: &ReadOptions,
        schema: Option<ChosenSchema>,
        mapping: MappingChoice,
    ) -> Result<(), String> {
        let sheet = reader::read_file(&name, &bytes, options).await?;
        if let Some(schema) = schema {
            self.schema.set(Some(schema));
        }
        self.file.set(Some(OpenedFile { name, bytes: Arc::new(bytes) }));
        self.edits.set(Vec::new());
        self.undone.set(Vec::new());
        self.options.set(options.clone());
        self.sheet.set(Some(Arc::new(sheet)));
        self.remap(mapping);
        self.error.set(None);
        self.info.set(None);
        Ok(())
    }

    /// Re-reads the current file with other options (another sheet, encoding, delimiter, header
    /// row…). The mapping is kept when its columns still exist. On failure nothing changes.
    pub async fn reread(&self, options: ReadOptions) -> Result<(), String> {
        let Some(file) = self.file.get_untracked() else { return Ok(()) };
        let sheet = reader::read_file(&file.name, &file.bytes, &options).await?;
        let kept = self.recipe.get_untracked();
        let still_valid = kept.mapping.values().flatten().all(|source| match source {
            Source::Column(label) => sheet.headers.contains(label),
            Source::Constant(_) => true,
        });
        self.options.set(options);
        self.sheet.set(Some(Arc::new(sheet)));
        self.remap(if still_valid { MappingChoice::Recipe(kept) } else { MappingChoice::Suggested });
        self.error.set(None);
        Ok(())
    }

    /// Changes one reading option and re-reads; a failure is shown to the user.
    pub fn change_options(&self, change: impl FnOnce(&mut ReadOptions)) {
        let mut options = self.options.get_untracked();
        change(&mut options);
        let state = *self;
        state.busy.set(true);
        leptos::task::spawn_local(async move {
            if let Err(message) = state.reread(options).await {
                state.error.set(Some(message));
            }
            state.busy.set(false);
        });
    }

    pub fn choose_schema(&self, chosen: ChosenSchema, mapping: MappingChoice) {
        self.schema.set(Some(chosen));
        self.remap(mapping);
    }

    /// Sets the mapping of the current file onto the current schema.
    fn remap(&self, mapping: MappingChoice) {
        let recipe = match (mapping, self.sheet.get_untracked(), self.schema.get_untracked()) {
            (MappingChoice::Recipe(recipe), _, _) => recipe,
            (MappingChoice::ByName, Some(sheet), Some(chosen)) => Recipe::by_name(&chosen.schema, &sheet.headers),
            (MappingChoice::Suggested, Some(sheet), Some(chosen)) => Recipe::suggested(&chosen.schema, &sheet),
            _ => Recipe::default(),
        };
        self.recipe.set(recipe);
    }

    /// After the user opened a file: replays the recipe saved in this browser for these columns, with
    /// its schema. Returns whether there was one.
    pub fn replay_saved_recipe(&self) -> bool {
        let Some(sheet) = self.sheet.get_untracked() else { return false };
        let Some(recipe) = crate::recipes::for_headers(&sheet.headers) else { return false };
        self.use_recipe(recipe, crate::text::RECIPE_REPLAYED)
    }

    /// Makes `recipe` the mapping, switching to its schema when the catalog has it. Returns whether
    /// there is a schema to apply it to.
    pub fn use_recipe(&self, recipe: Recipe, message: &str) -> bool {
        let named = recipe.schema.as_ref().and_then(|s| ChosenSchema::from_catalog(&s.name).ok());
        let current = self.schema.get_untracked();
        let Some(schema) = named.filter(|n| current.as_ref().is_none_or(|c| c.name != n.name)).or(current) else {
            return false;
        };
        self.schema.set(Some(schema));
        self.recipe.set(recipe);
        self.info.set(Some(message.to_owned()));
        true
    }

    /// The current recipe, stamped with its schema and the file's columns, saved in this browser.
    /// Returns it (for the download) and whether the browser kept it.
    pub fn save_recipe(&self) -> Option<(Recipe, bool)> {
        let sheet = self.sheet.get_untracked()?;
        let chosen = self.schema.get_untracked()?;
        let schema = SchemaRef { name: chosen.name.clone(), version: chosen.version.clone() };
        let recipe = self.recipe.get_untracked().for_file(schema, &sheet.headers);
        let kept = crate::recipes::save(&recipe);
        Some((recipe, kept))
    }

    /// Fills `field` from `source`. A new column gets the safe transforms its values call for.
    pub fn set_source(&self, field: &str, source: Option<Source>) {
        let sheet = self.sheet.get_untracked();
        let chosen = self.schema.get_untracked();
        self.recipe.update(|recipe| {
            let new_column = recipe.source(field) != source.as_ref();
            recipe.mapping.insert(field.to_owned(), source);
            if new_column {
                recipe.transforms.remove(field);
                let schema_field = chosen.as_ref().and_then(|c| c.schema.field(field));
                if let (Some(sheet), Some(schema_field)) = (sheet, schema_field) {
                    let suggested = recipe.suggest_transforms(schema_field, &sheet);
                    if !suggested.is_empty() {
                        recipe.transforms.insert(field.to_owned(), suggested);
                    }
                }
            }
        });
    }

    /// Applies an edit of the table (a cell, a fix-all…); it can be undone.
    pub fn edit(&self, edit: Edit) {
        self.edits.update(|edits| edits.push(edit));
        self.undone.set(Vec::new());
    }

    pub fn undo(&self) {
        if let Some(edit) = self.edits.try_update(Vec::pop).flatten() {
            self.undone.update(|undone| undone.push(edit));
        }
    }

    pub fn redo(&self) {
        if let Some(edit) = self.undone.try_update(Vec::pop).flatten() {
            self.edits.update(|edits| edits.push(edit));
        }
    }

    /// Sets the transforms of `field` (empty: none).
    pub fn set_transforms(&self, field: &str, transforms: Vec<tamis_engine::transform::Transform>) {
        self.recipe.update(|recipe| {
            if transforms.is_empty() {
                recipe.transforms.remove(field);
            } else {
                recipe.transforms.insert(field.to_owned(), transforms);
            }
        });
    }

    /// The file the download button saves: name, bytes, and whether it conforms.
    pub fn export(&self) -> Option<(String, Vec<u8>, bool)> {
        let outcome = self.outcome.get_untracked()?;
        let file = self.file.get_untracked()?;
        let schema = self.schema.get_untracked()?;
        let valid = outcome.report().valid;
        Some((export_name(&file.name, &schema.name, valid), write::to_csv(outcome.table()), valid))
    }
}

impl Default for AppState {
    fn default() -> Self {
        AppState::new()
    }
}

/// `mon fichier.xlsx` + `scdl/subventions` → `mon-fichier_subventions.csv`; a file with errors says so
/// in its name, so nobody publishes it by mistake.
pub fn export_name(source_name: &str, schema_name: &str, valid: bool) -> String {
    let stem = source_name.rsplit_once('.').map_or(source_name, |(stem, _)| stem);
    let schema = schema_name.rsplit('/').next().unwrap_or(schema_name);
    let stem = slug(stem);
    let suffix = if valid { "" } else { "_NON-CONFORME" };
    format!("{}_{}{suffix}.csv", if stem.is_empty() { "donnees" } else { &stem }, slug(schema))
}

fn slug(text: &str) -> String {
    let normalized = tamis_engine::mapping::normalize_label(text);
    let mut out = String::new();
    for c in normalized.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}
