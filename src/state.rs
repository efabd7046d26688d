//! The one app state, provided at the root, and the actions that change it by calling the engine.
//! The UI and the `postMessage` protocol go through the same actions.

use crate::browser::{self, FileBytes};
use crate::reader::{self, ReadError};
pub use crate::steps::{in_schema_layout, Mode};
use crate::steps::{Facts, Step};
use crate::text;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use std::sync::Arc;
use tamis_engine::edit::{Edit, EditLog, Editor};
use tamis_engine::suggest::{suggest_mapping, FieldSuggestion};
use tamis_engine::{mapping, CompiledSchema, Error, ReadOptions, Recipe, Schema, Sheet, Source};

/// The file the user opened, kept so it can be re-read (another sheet, say) and saved with the session:
/// its bytes are a `Blob`, held by the browser outside the app's memory.
#[derive(Clone, Debug)]
pub struct OpenedFile {
    pub name: String,
    pub blob: SendWrapper<web_sys::Blob>,
}

impl OpenedFile {
    /// Its size in bytes.
    pub fn size(&self) -> usize {
        self.blob.size() as usize
    }
}

/// The chosen schema, compiled once.
#[derive(Clone, Debug)]
pub struct ChosenSchema {
    /// Catalog name (`scdl/subventions`), or a label for a schema given by URL or object.
    pub name: String,
    pub version: Option<String>,
    pub schema: Arc<Schema>,
    pub compiled: Arc<CompiledSchema>,
    /// Whether it is the bundled catalog's schema `name` at `version` (else it came from a file, an
    /// address or a host page, and is saved with the session).
    pub catalog: bool,
}

impl ChosenSchema {
    pub fn new(name: String, version: Option<String>, schema: Schema) -> Result<ChosenSchema, Error> {
        let compiled = CompiledSchema::compile(&schema)?;
        Ok(ChosenSchema { name, version, schema: Arc::new(schema), compiled: Arc::new(compiled), catalog: false })
    }

    /// From the bundled catalog, at `version` (the latest when `None`), once its descriptors are loaded.
    pub async fn from_catalog(name: &str, version: Option<&str>) -> Result<ChosenSchema, String> {
        let schemas = crate::catalog::schemas().await?;
        let entry = crate::catalog::catalog().version(&schemas, name, version).map_err(|e| e.to_string())?;
        let chosen = ChosenSchema::new(entry.name, Some(entry.version), entry.schema).map_err(|e| e.to_string())?;
        Ok(ChosenSchema { catalog: true, ..chosen })
    }
}

/// Suggestions made for a sheet and a schema, before they are shown.
type Ahead = (Arc<Sheet>, Arc<Schema>, Arc<Vec<FieldSuggestion>>);

/// A read under way: which one, and the file's name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reading {
    pub id: u64,
    pub name: String,
}

/// A table being checked (validated) after it was built anew: how many of its rows are done.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checking {
    pub rows: usize,
    pub done: usize,
    /// When the check began (`Date.now()`, ms).
    pub started: u64,
}

/// What the table on screen was built from: cancelling the check of a change brings these back.
#[derive(Clone)]
struct Inputs {
    file: Option<OpenedFile>,
    sheet: Arc<Sheet>,
    schema: ChosenSchema,
    recipe: Recipe,
    mode: Mode,
    options: ReadOptions,
}

impl Inputs {
    /// Whether the table built from these is the table of `sheet`, `schema`, `recipe` in `mode`.
    fn are(&self, sheet: &Arc<Sheet>, schema: &ChosenSchema, recipe: &Recipe, mode: Mode) -> bool {
        Arc::ptr_eq(&self.sheet, sheet)
            && Arc::ptr_eq(&self.schema.schema, &schema.schema)
            && self.recipe == *recipe
            && self.mode == mode
    }
}

/// A table is validated in slices of about this long, between which the page paints and answers the
/// user: no frozen page while 100,000 rows are checked.
const CHECK_SLICE_MS: f64 = 25.0;

/// Work done in slices of about [`CHECK_SLICE_MS`]: [`Slices::size`] rows at a time (the clock is not
/// read for each row), as many times as fit in a slice.
pub(crate) struct Slices {
    /// Rows per step.
    size: usize,
    started: f64,
}

impl Slices {
    pub(crate) fn new() -> Slices {
        Slices { size: 200, started: js_sys::Date::now() }
    }

    /// Whether this slice has lasted its time.
    pub(crate) fn over(&self) -> bool {
        js_sys::Date::now() - self.started >= CHECK_SLICE_MS
    }

    /// Lets the page paint and answer the user, then starts the next slice; says whether to go on.
    pub(crate) async fn pause(&mut self, go_on: impl Fn() -> bool) -> bool {
        browser::yield_to_page().await;
        self.started = js_sys::Date::now();
        go_on()
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

/// Everything the app knows. Every field is a signal, so the struct is `Copy` and cheap to share.
#[derive(Clone, Copy)]
pub struct AppState {
    pub file: RwSignal<Option<OpenedFile>>,
    pub sheet: RwSignal<Option<Arc<Sheet>>>,
    pub schema: RwSignal<Option<ChosenSchema>>,
    pub recipe: RwSignal<Recipe>,
    /// Mapped onto the schema, or checked as it is (kept with the session).
    pub mode: RwSignal<Mode>,
    /// How the current file was read (the user's overrides of what was detected).
    pub options: RwSignal<ReadOptions>,
    /// The message shown to the user after a failure (French).
    pub error: RwSignal<Option<String>>,
    /// A message saying what Tamis did on its own (a recipe replayed…), in French.
    pub info: RwSignal<Option<String>>,
    /// The file being read, while the reader worker reads it (the progress and « Annuler »).
    pub reading: RwSignal<Option<Reading>>,
    /// How many reads were started: each read's [`Reading::id`].
    reads: StoredValue<u64>,
    /// The table being checked, while it is (the progress shown after half a second).
    pub checking: RwSignal<Option<Checking>>,
    /// How many tables were built: the build under way is the latest; an older one gives up.
    builds: StoredValue<u64>,
    /// The last build that ended (its table made, or none to make): none is under way when it is
    /// [`AppState::builds`].
    ended: StoredValue<u64>,
    /// Who waits for the build under way to end ([`AppState::checked`]).
    waiting: StoredValue<Vec<futures::channel::oneshot::Sender<()>>, LocalStorage>,
    /// What the table on screen was built from.
    built_from: StoredValue<Option<Inputs>>,
    /// The table on screen when a file was opened, kept until the new file's is built: cancelling the
    /// new file's check brings it back.
    kept: StoredValue<Option<Editor>>,
    /// How many checks were cancelled.
    cancels: StoredValue<u64>,
    /// Set when a cancelled check brought back the table on screen before it: until the next change of
    /// the table, nothing about it is new ([`AppState::take_restored`]).
    restored: StoredValue<bool>,
    /// The mapped table being fixed, with its report and the undo and redo stacks. Built anew when the
    /// file, the schema or the mapping change (the user's edits are then replayed on it by row key, so
    /// they survive a change of mapping); changed in place by each edit, which revalidates only the
    /// rows it touches.
    pub editor: RwSignal<Option<Editor>>,
    /// What the user typed for the file names of the export: the SIREN (when the data has none) and
    /// the data set's name (empty: the schema's).
    pub siren: RwSignal<String>,
    pub dataset: RwSignal<String>,
    /// Derived: the SIREN the file names use, and where it comes from.
    pub export_siren: Memo<crate::export::Siren>,
    /// The sessions saved in this browser (autosave), most recent first.
    pub sessions: RwSignal<Vec<crate::autosave::Session>>,
    /// Bumped whenever what this browser keeps changes (a recipe or the collectivity saved, all forgotten).
    pub stored: RwSignal<u32>,
    /// An edit log to replay on the next table built (a recipe's), instead of the current editor's.
    replay: StoredValue<Option<EditLog>>,
    /// The step on screen (UI state): see [`AppState::shown_step`].
    step: RwSignal<Step>,
    /// The user went through the Colonnes step (or the mapping came from a recipe or a saved session).
    pub mapping_checked: RwSignal<bool>,
    /// The user went on from the Fichier step since the file was opened.
    file_checked: RwSignal<bool>,
    /// What Tamis suggests for each field of the schema, from the file (reason and confidence).
    pub suggestions: Memo<Arc<Vec<FieldSuggestion>>>,
    /// Suggestions made ahead for a sheet and a schema about to be shown (see [`AppState::open`]); the
    /// memo takes them.
    ahead: StoredValue<Option<Ahead>>,
    /// The last sheet's fingerprint (held weakly: its address cannot be reused meanwhile).
    fingerprint: StoredValue<Option<(std::sync::Weak<Sheet>, String)>>,
    /// What the step bar shows, derived from the rest.
    pub facts: Memo<Facts>,
    /// How many times the table was built: a file or a schema waits for the next build to move on.
    built: RwSignal<u64>,
    /// Set when a file or a schema came in: once the table is built, go to the first unsettled step.
    advance: StoredValue<Option<u64>>,
}

impl AppState {
    pub fn new() -> AppState {
        let schema = RwSignal::new(None::<ChosenSchema>);
        let editor = RwSignal::new(None::<Editor>);
        let siren = RwSignal::new(String::new());
        let sheet = RwSignal::new(None::<Arc<Sheet>>);
        let recipe = RwSignal::new(Recipe::default());
        let mode = RwSignal::new(Mode::Mapped);
        let mapping_checked = RwSignal::new(false);
        let file_checked = RwSignal::new(false);
        let ahead = StoredValue::new(None::<Ahead>);
        let suggestions = Memo::new(move |_| {
            let (Some(sheet), Some(chosen)) = (sheet.get(), schema.get()) else { return Arc::new(Vec::new()) };
            match ahead.try_update_value(Option::take).flatten() {
                Some((made_for, for_schema, made))
                    if Arc::ptr_eq(&made_for, &sheet) && Arc::ptr_eq(&for_schema, &chosen.schema) =>
                {
                    made
                }
                _ => Arc::new(suggest_mapping(&chosen.schema, &sheet)),
            }
        });
        let facts = Memo::new(move |_| {
            let (errors, undecided) = editor
                .with(|e| e.as_ref().map(|e| (e.report().issues.len(), e.report().undecided())))
                .unwrap_or_default();
            let to_check = schema.with(|chosen| {
                // A file checked as it is has no mapping to look at.
                let Some(chosen) = chosen.as_ref().filter(|_| mode.get() == Mode::Mapped) else { return 0 };
                recipe.with(|r| suggestions.with(|s| crate::steps::columns_to_check(&chosen.schema, r, s)))
            });
            let notes = sheet.with(|s| {
                s.as_ref().map_or(0, |s| s.source.findings.len() + usize::from(!s.source.totals_rows.is_empty()))
            });
            Facts {
                file: sheet.with(Option::is_some),
                notes,
                file_checked: file_checked.get(),
                schema: schema.with(Option::is_some),
                table: editor.with(Option::is_some),
                to_check,
                mapping_checked: mapping_checked.get(),
                errors,
                undecided,
            }
        });
        let state = AppState {
            file: RwSignal::new(None),
            sheet,
            schema,
            recipe,
            mode,
            options: RwSignal::new(ReadOptions::default()),
            error: RwSignal::new(None),
            info: RwSignal::new(None),
            reading: RwSignal::new(None),
            reads: StoredValue::new(0),
            checking: RwSignal::new(None),
            builds: StoredValue::new(0),
            ended: StoredValue::new(0),
            waiting: StoredValue::new_local(Vec::new()),
            built_from: StoredValue::new(None),
            kept: StoredValue::new(None),
            cancels: StoredValue::new(0),
            restored: StoredValue::new(false),
            editor,
            siren,
            dataset: RwSignal::new(String::new()),
            export_siren: Memo::new(move |_| crate::export::siren(schema, editor, siren)),
            stored: RwSignal::new(0),
            sessions: RwSignal::new(Vec::new()),
            replay: StoredValue::new(None),
            step: RwSignal::new(Step::Open),
            mapping_checked,
            file_checked,
            suggestions,
            ahead,
            fingerprint: StoredValue::new(None),
            facts,
            built: RwSignal::new(0),
            advance: StoredValue::new(None),
        };
        Effect::new(move |_| state.rebuild());
        // A file or a schema just came in (from the user, a host page or a saved session): once the
        // table is built on it, show the first step Tamis could not settle alone.
        Effect::new(move |_| {
            let built = state.built.get();
            if state.advance.get_value().is_some_and(|asked| built > asked) {
                state.advance.set_value(None);
                state.step.set(state.facts.get_untracked().first_unsettled());
            }
        });
        state
    }

    /// The step on screen: the one chosen, while it can be shown.
    pub fn shown_step(&self) -> Step {
        let wanted = self.step.get();
        self.facts.with(|f| f.shown(wanted))
    }

    /// Shows `step` if it can be shown. Leaving the Colonnes step forward means its columns were seen.
    pub fn go_to_step(&self, step: Step) {
        let here = self.shown_step_untracked();
        if !self.facts.with_untracked(|f| f.available(step)) {
            return;
        }
        if here == Step::Mapping && step > here {
            self.mapping_checked.set(true);
        }
        if here == Step::Open && step > here {
            self.file_checked.set(true);
        }
        self.step.set(step);
    }

    pub fn next_step(&self) {
        if let Some(next) = self.shown_step_untracked().next() {
            self.go_to_step(next);
        }
    }

    pub fn previous_step(&self) {
        if let Some(previous) = self.shown_step_untracked().previous() {
            self.go_to_step(previous);
        }
    }

    fn shown_step_untracked(&self) -> Step {
        let wanted = self.step.get_untracked();
        self.facts.with_untracked(|f| f.shown(wanted))
    }

    /// After a file or a schema came in: move on once the table is built on it.
    fn advance_after_build(&self) {
        self.advance.set_value(Some(self.built.get_untracked()));
    }

    /// Maps the sheet onto the schema (or takes its own columns, checked as it is) and validates it,
    /// a slice of rows at a time ([`AppState::build`]). Runs whenever the sheet, the schema, the recipe
    /// or the mode change; a build still under way then gives up for the new one.
    fn rebuild(&self) {
        let id = self.builds.get_value() + 1;
        self.builds.set_value(id);
        let (Some(sheet), Some(chosen)) = (self.sheet.get(), self.schema.get()) else {
            self.checking.set(None);
            self.editor.set(None);
            self.end_build(id);
            self.built.update(|n| *n += 1);
            return;
        };
        let (mode, recipe) = (self.mode.get(), self.recipe.get());
        // The table on screen is already this one: a cancelled check brought its inputs back (or a
        // change was undone before its check ended).
        let shown = self.editor.with_untracked(Option::is_some)
            && self.replay.with_value(Option::is_none)
            && self.built_from.with_value(|b| b.as_ref().is_some_and(|b| b.are(&sheet, &chosen, &recipe, mode)));
        if shown {
            self.checking.set(None);
            self.end_build(id);
            return;
        }
        let state = *self;
        leptos::task::spawn_local(async move { state.build(id, sheet, chosen, mode, recipe).await });
    }

    /// Builds the table of build `id` and validates it, in slices of about [`CHECK_SLICE_MS`] with the
    /// page painted and answering between them (the progress is [`AppState::checking`]); then replays
    /// the edits (the pending recipe's, else the previous table's) and makes it the table being fixed.
    /// Gives up as soon as a newer build started.
    async fn build(self, id: u64, sheet: Arc<Sheet>, chosen: ChosenSchema, mode: Mode, recipe: Recipe) {
        let current = move || self.builds.try_get_value() == Some(id);
        // The page paints what changed first (a file just read, a mapping just chosen); a change made
        // meanwhile starts another build, and this one gives up.
        browser::yield_to_page().await;
        if !current() {
            return;
        }
        let began = js_sys::Date::now();
        let rows = sheet.rows.len();
        // Mapping and validating are each half of the work shown.
        let progress = move |mapped: usize, checked: usize| {
            let done = (mapped + checked) / 2;
            self.checking.set(Some(Checking { rows, done, started: began as u64 }));
        };
        // A schema that checks phone numbers needs their metadata, fetched from beside the app the first time.
        if let Err(error) = crate::catalog::phone_metadata_for(&chosen.compiled).await {
            self.error.set(Some(error));
        }
        if !current() {
            return;
        }
        let compiled = (*chosen.compiled).clone();
        let mut build = match mode {
            // The file's own columns and rows, as Validata reads an uploaded file: the recipe plays no part.
            Mode::AsIs => mapping::as_is_build(&chosen.schema, compiled, &sheet),
            Mode::Mapped => {
                let mapper = mapping::Mapper::new(&sheet, &chosen.schema, &recipe);
                let mut mapped = Vec::with_capacity(rows);
                let mut slices = Slices::new();
                while mapped.len() < rows {
                    let end = (mapped.len() + slices.size).min(rows);
                    mapped.extend((mapped.len()..end).map(|r| mapper.row(r)));
                    if slices.over() {
                        progress(mapped.len(), 0);
                        if !slices.pause(current).await {
                            return;
                        }
                    }
                }
                Editor::build(&chosen.schema, compiled, mapper.table(mapped))
            }
        };
        let mut slices = Slices::new();
        while !build.is_done() {
            let checked = build.check_rows(slices.size);
            if slices.over() && !build.is_done() {
                progress(rows, checked);
                if !slices.pause(current).await {
                    return;
                }
            }
        }
        let mut editor = build.finish();
        match self.replay.try_update_value(Option::take).flatten() {
            // A recipe's edits: all of them on the file they were made on, on another file only those
            // that do not name rows by their number.
            Some(log) if !log.is_empty() => {
                let replayed = editor.replay_on(&log, &self.fingerprint(&sheet));
                let said = text::edits_replayed(replayed.applied, replayed.skipped.len());
                self.info
                    .update(|info| *info = Some(info.take().map_or(said.clone(), |before| format!("{before} {said}"))));
            }
            // The same file mapped anew: the user's edits, by row key.
            _ => {
                if let Some(log) = self.editor.with_untracked(|e| e.as_ref().map(Editor::log)) {
                    editor.replay(&log);
                }
            }
        }
        let (file, options) = (self.file.get_untracked(), self.options.get_untracked());
        self.fingerprint_ahead(sheet.clone());
        self.built_from.set_value(Some(Inputs { file, sheet, schema: chosen, recipe, mode, options }));
        self.kept.set_value(None);
        self.end_build(id);
        self.checking.set(None);
        self.editor.set(Some(editor));
        self.built.update(|n| *n += 1);
    }

    /// Cancels the check under way: the file, schema, mapping and table from before the change that
    /// started it come back, and the user is told.
    pub fn cancel_check(&self) {
        if self.checking.with_untracked(Option::is_none) {
            return;
        }
        // The build under way gives up at its next pause.
        self.builds.update_value(|n| *n += 1);
        self.end_build(self.builds.get_value());
        self.cancels.update_value(|n| *n += 1);
        self.checking.set(None);
        self.replay.set_value(None);
        self.advance.set_value(None);
        let name = self.file.with_untracked(|f| f.as_ref().map(|f| f.name.clone())).unwrap_or_default();
        if let Some(editor) = self.kept.try_update_value(Option::take).flatten() {
            self.restored.set_value(true);
            self.editor.set(Some(editor));
        }
        let before = self.built_from.get_value();
        let previous = before.as_ref().and_then(|b| b.file.as_ref().map(|f| f.name.clone()));
        match before {
            // Its inputs back, the table on screen is theirs (AppState::rebuild sees it).
            Some(before) => {
                self.file.set(before.file);
                self.options.set(before.options);
                self.mode.set(before.mode);
                self.recipe.set(before.recipe);
                // Set only when other: the suggestions are made again for another sheet or schema.
                if !self
                    .schema
                    .with_untracked(|s| s.as_ref().is_some_and(|s| Arc::ptr_eq(&s.schema, &before.schema.schema)))
                {
                    self.schema.set(Some(before.schema));
                }
                if !self.sheet.with_untracked(|s| s.as_ref().is_some_and(|s| Arc::ptr_eq(s, &before.sheet))) {
                    self.sheet.set(Some(before.sheet));
                }
            }
            // The first file's check: back to no file.
            None => {
                self.file.set(None);
                self.sheet.set(None);
            }
        }
        self.info.set(Some(text::check_cancelled(&name, previous.as_deref())));
    }

    /// Whether the table on screen was just brought back by a cancelled check (and so a host page
    /// already has its report); says so once.
    pub fn take_restored(&self) -> bool {
        self.restored.try_update_value(std::mem::take).unwrap_or_default()
    }

    /// Waits until the table of what just changed is built (`Err(Cancelled)` when the user cancels its
    /// check first): a host's `tamis:open` gets an answer either way, as soon as the build ends.
    pub async fn checked(&self) -> Result<(), ReadError> {
        let cancels = self.cancels.get_value();
        // Effects run before the next task: the build of the change has started by then.
        browser::yield_to_page().await;
        loop {
            if self.cancels.try_get_value() != Some(cancels) {
                return Err(ReadError::Cancelled);
            }
            if !self.building() {
                return Ok(());
            }
            let (ended, wait) = futures::channel::oneshot::channel();
            if self.waiting.try_update_value(|waiting| waiting.push(ended)).is_none() {
                return Err(ReadError::Cancelled);
            }
            // An ended build, or the state gone (the sender dropped): looked at again either way.
            let _ = wait.await;
        }
    }

    /// Notes that build `id` ended, and wakes who waits for it.
    fn end_build(&self, id: u64) {
        self.ended.set_value(id);
        for waiting in self.waiting.try_update_value(std::mem::take).unwrap_or_default() {
            let _ = waiting.send(());
        }
    }

    /// Whether a table is being built (mapped and checked) for what just changed.
    pub fn building(&self) -> bool {
        self.ended.try_get_value() != self.builds.try_get_value()
    }

    /// Reads the editor (tracked): `None` until a file and a schema are chosen.
    pub fn with_editor<R>(&self, read: impl FnOnce(&Editor) -> R) -> Option<R> {
        self.editor.with(|editor| editor.as_ref().map(read))
    }

    pub fn with_editor_untracked<R>(&self, read: impl FnOnce(&Editor) -> R) -> Option<R> {
        self.editor.with_untracked(|editor| editor.as_ref().map(read))
    }

    /// Reads a file (in the reader worker) and makes it the current one, with `schema` if given. The
    /// mapping is redone by name, or taken from `recipe` when given; in `mode` as-is the file is
    /// checked as it is (the mapping is kept for the way back; a recipe's edits are replayed on the
    /// file's own columns, where those exist: a saved session's were made there). On failure (or when
    /// the read is cancelled, or overtaken by another) nothing changes: the previous file and schema
    /// stay, and the French message is returned.
    pub async fn open(
        &self,
        name: String,
        bytes: FileBytes,
        options: &ReadOptions,
        schema: impl std::future::Future<Output = Result<Option<ChosenSchema>, ReadError>>,
        mapping: MappingChoice,
        mode: Mode,
    ) -> Result<(), ReadError> {
        let (id, reading) = self.read(&name, bytes.buffer, options);
        // While the worker reads, in a task of its own: the schema (compiled, or fetched).
        let schema = match schema.await {
            Ok(schema) => schema,
            Err(error) => {
                self.read_ended(id);
                return Err(error);
            }
        };
        let sheet = Arc::new(reading.await?);
        // The sheet was put back together in a task of its own; the suggestions for it are made in
        // another, before the task that shows it: the page paints between them.
        browser::yield_to_page().await;
        if let Some(chosen) = schema.as_ref().or(self.schema.get_untracked().as_ref()) {
            if mode == Mode::Mapped {
                let suggestions = Arc::new(suggest_mapping(&chosen.schema, &sheet));
                self.ahead.set_value(Some((sheet.clone(), chosen.schema.clone(), suggestions)));
                browser::yield_to_page().await;
            }
        }
        if let Some(schema) = schema {
            self.schema.set(Some(schema));
        }
        self.file.set(Some(OpenedFile { name, blob: SendWrapper::new(bytes.blob) }));
        // A new file starts with no edits, or with those of the recipe given with it. The table on
        // screen is kept aside until the new one is built, for a cancelled check to bring it back.
        let shown = self.editor.try_update(Option::take).flatten();
        if self.kept.with_value(Option::is_none) {
            self.kept.set_value(shown);
        }
        self.replay.set_value(match &mapping {
            MappingChoice::Recipe(recipe) if !recipe.edits.is_empty() => Some(recipe.edits.clone()),
            _ => None,
        });
        self.mode.set(mode);
        self.options.set(options.clone());
        self.sheet.set(Some(sheet));
        // A recipe's mapping (a saved session's too) was checked when it was made.
        self.mapping_checked.set(matches!(mapping, MappingChoice::Recipe(_)));
        self.file_checked.set(false);
        self.remap(mapping);
        self.error.set(None);
        self.info.set(None);
        self.advance_after_build();
        Ok(())
    }

    /// Re-reads the current file with other options (another sheet, encoding, delimiter, header
    /// row…). The mapping is kept when its columns still exist. On failure nothing changes.
    pub async fn reread(&self, options: ReadOptions) -> Result<(), ReadError> {
        let Some(file) = self.file.get_untracked() else { return Ok(()) };
        let bytes =
            browser::blob_buffer(&file.blob).await.map_err(|_| ReadError::from(text::FILE_READ_FAILED.to_owned()))?;
        let sheet = self.read(&file.name, bytes, &options).1.await?;
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

    /// Reads a file in the reader worker, saying meanwhile which one (see [`AppState::reading`]). The
    /// request goes to the worker at once; the future gives the sheet. Returns the read's id too.
    fn read(
        &self,
        name: &str,
        bytes: js_sys::ArrayBuffer,
        options: &ReadOptions,
    ) -> (u64, impl std::future::Future<Output = Result<Sheet, ReadError>> + 'static) {
        let id = self.reads.get_value() + 1;
        self.reads.set_value(id);
        self.reading.set(Some(Reading { id, name: name.to_owned() }));
        let sheet = reader::read_file(name, bytes, options);
        let state = *self;
        (id, async move {
            let sheet = sheet.await;
            state.read_ended(id);
            sheet
        })
    }

    /// The sheet's fingerprint (see [`Sheet::fingerprint`]), made once per sheet: every autosave
    /// stamps the edit log with it, and it hashes every cell.
    pub fn fingerprint(&self, sheet: &Arc<Sheet>) -> String {
        self.known_fingerprint(sheet).unwrap_or_else(|| {
            let made = sheet.fingerprint();
            self.fingerprint.set_value(Some((Arc::downgrade(sheet), made.clone())));
            made
        })
    }

    /// The fingerprint of `sheet`, if it was made already.
    fn known_fingerprint(&self, sheet: &Arc<Sheet>) -> Option<String> {
        self.fingerprint
            .try_with_value(|known| {
                known.as_ref().filter(|(of, _)| std::ptr::eq(of.as_ptr(), Arc::as_ptr(sheet))).map(|(_, f)| f.clone())
            })
            .flatten()
    }

    /// Makes the fingerprint of `sheet` ahead, a slice of rows at a time between which the page paints
    /// and answers: the session's first autosave needs it, and made there, in one task, it froze the
    /// page (118 ms for 300,000 rows). Stops when it is known already, or the sheet is not held any more.
    fn fingerprint_ahead(&self, sheet: Arc<Sheet>) {
        /// Rows hashed per slice: a few MB of text, a few ms.
        const ROWS: usize = 10_000;
        let state = *self;
        leptos::task::spawn_local(async move {
            let mut fingerprinting = sheet.start_fingerprint();
            loop {
                if state.known_fingerprint(&sheet).is_some() || Arc::strong_count(&sheet) == 1 {
                    return;
                }
                if let Some(made) = sheet.fingerprint_rows(&mut fingerprinting, ROWS) {
                    let _ = state.fingerprint.try_set_value(Some((Arc::downgrade(&sheet), made)));
                    return;
                }
                browser::yield_to_page().await;
            }
        });
    }

    /// Read `id` is over (or nobody waits for it any more): a newer read says its own name until it ends.
    fn read_ended(&self, id: u64) {
        if self.reading.with_untracked(|r| r.as_ref().is_some_and(|r| r.id == id)) {
            self.reading.set(None);
        }
    }

    /// Cancels the read under way: the file and the work on it stay as they were, and the user is told.
    pub fn cancel_read(&self) {
        let Some(reading) = self.reading.get_untracked() else { return };
        if reader::cancel() {
            let previous = self.file.with_untracked(|f| f.as_ref().map(|f| f.name.clone()));
            self.info.set(Some(text::read_cancelled(&reading.name, previous.as_deref())));
        }
        self.reading.set(None);
    }

    /// Shows why a read gave no sheet: a failure's message; nothing for a read cancelled (the cancel
    /// says so itself) or overtaken by another file.
    pub fn say_read_error(&self, error: &ReadError) {
        if let Some(message) = error.message() {
            self.error.set(Some(message.to_owned()));
        }
    }

    /// Changes one reading option and re-reads; a failure is shown to the user.
    pub fn change_options(&self, change: impl FnOnce(&mut ReadOptions)) {
        let mut options = self.options.get_untracked();
        change(&mut options);
        let state = *self;
        leptos::task::spawn_local(async move {
            if let Err(error) = state.reread(options).await {
                state.say_read_error(&error);
            }
        });
    }

    /// Checks the file as it is (its own columns, as Validata would), or goes back to mapping it. The
    /// edits made so far are replayed by row key on the new table, where their columns exist.
    pub fn set_mode(&self, mode: Mode) {
        if self.mode.get_untracked() == mode {
            return;
        }
        self.mode.set(mode);
        match mode {
            // Nothing to check in the Colonnes step: the file's own columns are what is checked.
            Mode::AsIs => {
                self.mapping_checked.set(true);
                self.step.set(Step::Fix);
            }
            Mode::Mapped => self.step.set(Step::Mapping),
        }
    }

    /// The user's choice of schema: the mapping is redone, and once the table is built on it the
    /// first step Tamis could not settle is shown.
    pub fn choose_schema(&self, chosen: ChosenSchema, mapping: MappingChoice) {
        self.set_schema(chosen, mapping);
        self.advance_after_build();
    }

    /// Another schema (or version) for the current file, the user staying where they are.
    pub fn set_schema(&self, chosen: ChosenSchema, mapping: MappingChoice) {
        self.schema.set(Some(chosen));
        self.mapping_checked.set(matches!(mapping, MappingChoice::Recipe(_)));
        self.remap(mapping);
    }

    /// Sets the mapping of the current file onto the current schema.
    fn remap(&self, mapping: MappingChoice) {
        let recipe = match (mapping, self.sheet.get_untracked(), self.schema.get_untracked()) {
            (MappingChoice::Recipe(recipe), _, _) => recipe,
            (MappingChoice::ByName, Some(sheet), Some(chosen)) => Recipe::by_name(&chosen.schema, &sheet.headers),
            (MappingChoice::Suggested, Some(sheet), Some(chosen)) => {
                Recipe::from_suggestions(&chosen.schema, &sheet, &self.suggestions.get_untracked())
            }
            _ => Recipe::default(),
        };
        self.recipe.set(recipe);
    }

    /// After the user opened a file: replays the recipe saved in this browser for these columns, with
    /// its schema. Returns whether there was one.
    pub async fn replay_saved_recipe(&self) -> bool {
        let Some(sheet) = self.sheet.get_untracked() else { return false };
        let Some(recipe) = crate::recipes::for_headers(&sheet.headers) else { return false };
        self.use_recipe(recipe, text::RECIPE_REPLAYED).await.is_ok()
    }

    /// Makes `recipe` the mapping, switching to its schema when the catalog has it. When there is no
    /// schema to apply it to, returns what to tell the user (French): choose one, or why the schema the
    /// recipe names could not be loaded. A recipe applied to the schema chosen before, because the one
    /// it names could not be loaded, says so.
    pub async fn use_recipe(&self, recipe: Recipe, message: &str) -> Result<(), String> {
        let (named, unavailable) = match &recipe.schema {
            Some(s) => match crate::catalog::schemas().await {
                Ok(_) => match ChosenSchema::from_catalog(&s.name, None).await {
                    Ok(chosen) => (Some(chosen), None),
                    Err(_) => (None, Some(text::recipe_schema_unknown(&s.name))),
                },
                Err(why) => (None, Some(text::recipe_schema_unavailable(&s.name, &why))),
            },
            None => (None, None),
        };
        let current = self.schema.get_untracked();
        let Some(schema) = named.filter(|n| current.as_ref().is_none_or(|c| c.name != n.name)).or(current) else {
            return Err(unavailable.unwrap_or_else(|| text::RECIPE_NEEDS_SCHEMA.to_owned()));
        };
        let said = match unavailable {
            // The recipe names the schema chosen already: that one is as good as loaded.
            Some(why) if recipe.schema.as_ref().is_none_or(|s| s.name != schema.name) => {
                format!("{message} {why} {}", text::recipe_applied_to(&schema.name))
            }
            _ => message.to_owned(),
        };
        self.schema.set(Some(schema));
        // A recipe is a mapping: a file checked as it is goes back to being mapped.
        self.mode.set(Mode::Mapped);
        self.mapping_checked.set(true);
        self.info.set(Some(said));
        if !recipe.edits.is_empty() {
            self.replay.set_value(Some(recipe.edits.clone()));
        }
        self.recipe.set(recipe);
        Ok(())
    }

    /// The current recipe, stamped with its schema and the file's columns, with the edit log, saved in
    /// this browser. Returns it (for the download) and whether the browser kept it (with how many older
    /// recipes gave way for it).
    pub fn save_recipe(&self) -> Option<(Recipe, Result<usize, ()>)> {
        let recipe = self.recipe_with_edits()?;
        let kept = crate::recipes::save(&recipe);
        self.stored.update(|n| *n += 1);
        Some((recipe, kept))
    }

    /// Removes everything kept in this browser (saved sessions, recipes, the collectivity). `false` if
    /// it refused.
    pub async fn forget_browser(&self) -> bool {
        let sessions = crate::autosave::forget().await.is_ok();
        let recipes = crate::recipes::forget();
        self.sessions.set(crate::autosave::list().await);
        self.stored.update(|n| *n += 1);
        sessions && recipes
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

    /// Applies an edit of the table (a cell, a fix-all…); it can be undone. A failure (a bad regular
    /// expression…) is shown to the user and changes nothing.
    pub fn edit(&self, edit: Edit) {
        let applied = self.editor.try_update(|editor| editor.as_mut().map(|editor| editor.apply(edit)));
        if let Some(Some(Err(error))) = applied {
            self.error.set(Some(error.to_string()));
        }
    }

    pub fn undo(&self) {
        self.editor.update(|editor| {
            editor.as_mut().map(Editor::undo);
        });
    }

    pub fn redo(&self) {
        self.editor.update(|editor| {
            editor.as_mut().map(Editor::redo);
        });
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
}

impl Default for AppState {
    fn default() -> Self {
        AppState::new()
    }
}
