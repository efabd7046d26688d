//! The whole session saved in the browser as the user works (IndexedDB, this machine only), so that a
//! closed tab, a crash or a reload loses nothing: the file's bytes, how it was read, the schema, the
//! recipe with its edit log, and what was typed for the export's names. The last [`KEPT`] sessions are
//! kept; on load the app offers to resume them.
//!
//! Two stores: `files` (the bytes, written once per opened file) and `sessions` (the rest, rewritten
//! after every change, debounced off the path of the edit).

use crate::browser::FileBytes;
use crate::reader::ReadError;
use crate::state::{AppState, ChosenSchema, MappingChoice, Mode};
use crate::text;
use leptos::prelude::*;
use rexie::{ObjectStore, Rexie, TransactionMode};
use serde::{Deserialize, Serialize};
use std::time::Duration;
use tamis_engine::{ReadOptions, Recipe, Schema};
use wasm_bindgen::{JsCast, JsValue};

const DATABASE: &str = "tamis";
const SESSIONS: &str = "sessions";
const FILES: &str = "files";
/// Sessions kept; the oldest go first.
pub const KEPT: usize = 5;
/// How long the user's changes settle before the session is saved.
const DEBOUNCE: Duration = Duration::from_millis(700);

/// The schema of a saved session: from the bundled catalog (name and version), or the schema itself
/// when it came from a file or an address.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SavedSchema {
    pub name: String,
    pub version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub descriptor: Option<Schema>,
}

/// Everything but the bytes.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Session {
    pub id: String,
    /// The file's name.
    pub name: String,
    pub size: usize,
    /// When it was last saved (milliseconds since 1970, the browser's clock).
    pub saved_at: f64,
    pub options: ReadOptions,
    pub schema: Option<SavedSchema>,
    /// The mapping with its edit log.
    pub recipe: Option<Recipe>,
    pub siren: String,
    pub dataset: String,
    /// Mapped or checked as it is; sessions saved before the as-is check have none: mapped.
    #[serde(default)]
    pub mode: Mode,
}

async fn database() -> Result<Rexie, rexie::Error> {
    Rexie::builder(DATABASE)
        .version(1)
        .add_object_store(ObjectStore::new(SESSIONS).key_path("id"))
        .add_object_store(ObjectStore::new(FILES).key_path("id"))
        .build()
        .await
}

fn record(pairs: &[(&str, &JsValue)]) -> JsValue {
    let object = js_sys::Object::new();
    for (key, value) in pairs {
        let _ = js_sys::Reflect::set(&object, &(*key).into(), value);
    }
    object.into()
}

/// Saves `session`, with its file when `file` is given, then drops the sessions past [`KEPT`].
pub async fn save(session: &Session, file: Option<&web_sys::Blob>) -> Result<(), String> {
    let json = serde_json::to_string(session).map_err(|e| e.to_string())?;
    let db = database().await.map_err(|e| e.to_string())?;
    let tx = db.transaction(&[SESSIONS, FILES], TransactionMode::ReadWrite).map_err(|e| e.to_string())?;
    let sessions = tx.store(SESSIONS).map_err(|e| e.to_string())?;
    let files = tx.store(FILES).map_err(|e| e.to_string())?;
    let id = JsValue::from_str(&session.id);
    if let Some(blob) = file {
        // A Blob, whose bytes the browser writes away from the page's thread: a typed array is
        // serialised on it (55 ms for a 28 MB file in Chromium, in the task that saves).
        files.put(&record(&[("id", &id), ("bytes", blob)]), None).await.map_err(|e| e.to_string())?;
    }
    sessions
        .put(&record(&[("id", &id), ("json", &JsValue::from_str(&json))]), None)
        .await
        .map_err(|e| e.to_string())?;
    for old in list_in(&sessions).await.into_iter().skip(KEPT) {
        let old = JsValue::from_str(&old.id);
        sessions.delete(old.clone()).await.map_err(|e| e.to_string())?;
        files.delete(old).await.map_err(|e| e.to_string())?;
    }
    tx.done().await.map_err(|e| e.to_string())?;
    Ok(())
}

/// The saved sessions, most recent first. A store that cannot be read lists none.
pub async fn list() -> Vec<Session> {
    let Ok(db) = database().await else { return Vec::new() };
    let Ok(tx) = db.transaction(&[SESSIONS], TransactionMode::ReadOnly) else { return Vec::new() };
    let Ok(sessions) = tx.store(SESSIONS) else { return Vec::new() };
    list_in(&sessions).await
}

async fn list_in(store: &rexie::Store) -> Vec<Session> {
    let mut all: Vec<Session> = store
        .get_all(None, None)
        .await
        .unwrap_or_default()
        .iter()
        .filter_map(|value| js_sys::Reflect::get(value, &"json".into()).ok()?.as_string())
        .filter_map(|json| serde_json::from_str(&json).ok())
        .collect();
    all.sort_by(|a: &Session, b: &Session| b.saved_at.total_cmp(&a.saved_at));
    all
}

/// The bytes of a saved session's file.
pub async fn bytes(id: &str) -> Result<FileBytes, String> {
    let db = database().await.map_err(|e| e.to_string())?;
    let tx = db.transaction(&[FILES], TransactionMode::ReadOnly).map_err(|e| e.to_string())?;
    let files = tx.store(FILES).map_err(|e| e.to_string())?;
    let value = files.get(JsValue::from_str(id)).await.map_err(|e| e.to_string())?.ok_or(text::RESUME_GONE)?;
    let bytes = js_sys::Reflect::get(&value, &"bytes".into()).map_err(|_| text::RESUME_GONE.to_owned())?;
    // A Blob; sessions saved before December 2026 hold a typed array.
    let blob = match bytes.dyn_into::<web_sys::Blob>() {
        Ok(blob) => blob,
        Err(array) => web_sys::Blob::new_with_u8_array_sequence(&js_sys::Array::of1(&array))
            .map_err(|_| text::RESUME_GONE.to_owned())?,
    };
    FileBytes::of_blob(&blob).await.map_err(|_| text::RESUME_GONE.to_owned())
}

/// Removes every saved session.
pub async fn forget() -> Result<(), String> {
    let db = database().await.map_err(|e| e.to_string())?;
    let tx = db.transaction(&[SESSIONS, FILES], TransactionMode::ReadWrite).map_err(|e| e.to_string())?;
    for name in [SESSIONS, FILES] {
        tx.store(name).map_err(|e| e.to_string())?.clear().await.map_err(|e| e.to_string())?;
    }
    tx.done().await.map_err(|e| e.to_string())?;
    Ok(())
}

/// The session being worked on: its id, and the file whose bytes are already saved under it.
#[derive(Clone, Default)]
struct Current {
    id: Option<String>,
    file: Option<web_sys::Blob>,
}

/// Saves the session after every change (debounced), and lists the saved ones for the resume prompt.
pub fn install(state: AppState) {
    let current = StoredValue::new_local(Current::default());
    let pending = StoredValue::new_local(None::<leptos::prelude::TimeoutHandle>);
    let warned = StoredValue::new(false);
    leptos::task::spawn_local(async move {
        state.sessions.set(list().await);
    });
    Effect::new(move |_| {
        state.file.track();
        state.options.track();
        state.schema.track();
        state.recipe.track();
        state.mode.track();
        state.editor.track();
        state.siren.track();
        state.dataset.track();
        if state.file.with_untracked(Option::is_none) {
            return;
        }
        if let Some(handle) = pending.try_update_value(Option::take).flatten() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                leptos::task::spawn_local(async move {
                    if let Err(e) = save_now(state, current).await {
                        if !warned.get_value() {
                            warned.set_value(true);
                            gloo::console::warn!(format!("autosave failed: {e}"));
                            state.error.set(Some(text::AUTOSAVE_FAILED.to_owned()));
                        }
                    }
                });
            },
            DEBOUNCE,
        );
        pending.set_value(handle.ok());
    });
    provide_context(Autosave { current });
}

/// Lets a restored session go on under its own id.
#[derive(Clone, Copy)]
pub struct Autosave {
    current: StoredValue<Current, LocalStorage>,
}

async fn save_now(state: AppState, current: StoredValue<Current, LocalStorage>) -> Result<(), String> {
    // Not in the middle of a check (saving hashes the whole file: 0.1 s for a million rows): the
    // table it builds, once made, is saved then.
    if state.building() {
        return Ok(());
    }
    let Some(file) = state.file.get_untracked() else { return Ok(()) };
    let mut now = current.get_value();
    let new_file = now.file.as_ref().is_none_or(|saved| !js_sys::Object::is(saved, &file.blob));
    if new_file {
        now = Current { id: Some(new_id()), file: Some((*file.blob).clone()) };
        current.set_value(now.clone());
        ask_persistence();
    }
    let session = Session {
        id: now.id.unwrap_or_else(new_id),
        name: file.name.clone(),
        size: file.size(),
        saved_at: js_sys::Date::now(),
        options: state.options.get_untracked(),
        schema: state.schema.get_untracked().map(|chosen| SavedSchema {
            name: chosen.name.clone(),
            version: chosen.version.clone(),
            descriptor: (!chosen.catalog).then(|| (*chosen.schema).clone()),
        }),
        recipe: state.recipe_with_edits(),
        siren: state.siren.get_untracked(),
        dataset: state.dataset.get_untracked(),
        mode: state.mode.get_untracked(),
    };
    save(&session, new_file.then_some(&*file.blob)).await?;
    state.sessions.set(list().await);
    Ok(())
}

fn new_id() -> String {
    format!("{:.0}-{:08x}", js_sys::Date::now(), (js_sys::Math::random() * f64::from(u32::MAX)) as u32)
}

/// Asks the browser not to evict what Tamis keeps when space runs low. Its answer changes nothing here.
fn ask_persistence() {
    if let Ok(storage) = js_sys::Reflect::get(&gloo::utils::window().navigator(), &"storage".into()) {
        if let Ok(persist) = js_sys::Reflect::get(&storage, &"persist".into()) {
            if let Some(persist) = wasm_bindgen::JsCast::dyn_ref::<js_sys::Function>(&persist) {
                let _ = persist.call0(&storage);
            }
        }
    }
}

/// Opens a saved session again: the same file read the same way, the same schema, the recipe with its
/// edits replayed (on the very file they were made on, so all of them), the export's names.
pub async fn resume(state: AppState, autosave: Option<Autosave>, session: Session) -> Result<(), ReadError> {
    let bytes = bytes(&session.id).await?;
    let schema = match &session.schema {
        Some(SavedSchema { descriptor: Some(schema), name, version }) => {
            Some(ChosenSchema::new(name.clone(), version.clone(), schema.clone()).map_err(|e| e.to_string())?)
        }
        Some(SavedSchema { name, version, descriptor: None }) => {
            Some(ChosenSchema::from_catalog(name, version.as_deref()).await?)
        }
        None => None,
    };
    let mapping = session.recipe.clone().map_or(MappingChoice::Suggested, MappingChoice::Recipe);
    state
        .open(session.name.clone(), bytes, &session.options, std::future::ready(Ok(schema)), mapping, session.mode)
        .await?;
    state.siren.set(session.siren.clone());
    state.dataset.set(session.dataset.clone());
    // The restored file goes on being saved under the same session.
    if let (Some(autosave), Some(file)) = (autosave, state.file.get_untracked()) {
        autosave.current.set_value(Current { id: Some(session.id), file: Some((*file.blob).clone()) });
    }
    Ok(())
}
