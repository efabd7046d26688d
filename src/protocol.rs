//! The automation and embedding protocol, version 1: a host page drives the app through `postMessage`.
//! It is a public contract (portals and the end-to-end tests use it): extend it, never break it.
//! `docs/PROTOCOL.md` documents every message, and dates every change.
//!
//! The user's data goes only to a host they or the deployer allowed. The app's own origin is always
//! allowed; others are listed by the deployer in `tamis.config.json` beside `index.html` (never by the
//! URL, which anyone can write). The first `tamis:*` message from an allowed origin locks that origin
//! for the page's life, and every message the app posts (but `tamis:ready`, which carries nothing) goes
//! to that exact origin. A host on another origin gets nothing until the user agrees in a banner that
//! names it; its messages wait until then, and are dropped if the user refuses.

use crate::browser;
use crate::reader::ReadError;
use crate::state::{AppState, ChosenSchema, MappingChoice, Mode};
use crate::text;
use leptos::prelude::*;
use serde::Serialize;
use serde_json::{json, Value};
use tamis_engine::edit::Editor;
use tamis_engine::export::FileKind;
use tamis_engine::read::MAX_BYTES;
use tamis_engine::{ReadOptions, Recipe, Schema};
use wasm_bindgen::{JsCast, JsValue};

/// Version of this protocol, sent in `tamis:ready`.
pub const VERSION: u32 = 1;

/// The deployer's configuration, served beside `index.html`.
const CONFIG: &str = "./tamis.config.json";

/// Messages kept while the user decides whether a host may have them; older ones are dropped.
const HELD: usize = 8;

/// Issues a `tamis:report` carries unless `tamis:open` says otherwise (`maxIssues`), as Validata caps its
/// own; the rest come page by page through `tamis:issues`.
const DEFAULT_MAX_ISSUES: usize = 1000;
/// The largest page `tamis:issues` answers, so no message grows without bound.
const MAX_PAGE: usize = 10_000;

/// Who may receive the app's messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Access {
    /// No host has spoken yet.
    Unknown,
    /// A host on an origin nobody allowed has spoken: the user is asked.
    Asking(String),
    /// Locked to this origin for the page's life.
    Granted(String),
    /// The user refused: nothing is ever sent, nothing is ever read.
    Refused,
}

/// The host page's access, shared with the consent banner.
#[derive(Clone, Copy)]
pub struct Host {
    pub access: RwSignal<Access>,
    /// Origins the deployer allowed, with the app's own.
    allowed: StoredValue<Vec<String>>,
    /// Messages from the asking host, handled if the user agrees.
    held: StoredValue<Vec<JsValue>, LocalStorage>,
    /// How many issues (and warnings) a report carries.
    max_issues: StoredValue<usize>,
}

impl Host {
    fn new() -> Host {
        Host {
            access: RwSignal::new(Access::Unknown),
            allowed: StoredValue::new(Vec::new()),
            held: StoredValue::new_local(Vec::new()),
            max_issues: StoredValue::new(DEFAULT_MAX_ISSUES),
        }
    }

    /// The user lets the asking host receive the file and the report: its origin is locked, and the
    /// messages it sent meanwhile are handled in order.
    pub fn accept(self, state: AppState) {
        let Access::Asking(origin) = self.access.get_untracked() else { return };
        self.grant(&origin);
        for data in self.held.try_update_value(std::mem::take).unwrap_or_default() {
            self.handle(state, data, origin.clone());
        }
    }

    /// The user refuses: the host gets nothing, for the page's life.
    pub fn refuse(self) {
        self.access.set(Access::Refused);
        self.held.set_value(Vec::new());
    }

    /// Decides what to do with a message from the parent window.
    fn receive(self, state: AppState, data: JsValue, origin: String) {
        if !is_tamis_message(&data) {
            return;
        }
        match self.access.get_untracked() {
            Access::Granted(locked) if locked == origin => self.handle(state, data, origin),
            // Another origin cannot take over a locked page; a refused host is not heard again.
            Access::Granted(_) | Access::Refused => {}
            Access::Asking(asking) if asking == origin => self.hold(data),
            Access::Asking(_) => {}
            Access::Unknown if self.allowed.with_value(|allowed| allowed.contains(&origin)) => {
                self.grant(&origin);
                self.handle(state, data, origin);
            }
            Access::Unknown => {
                self.access.set(Access::Asking(origin));
                self.hold(data);
            }
        }
    }

    fn hold(self, data: JsValue) {
        self.held.update_value(|held| {
            if held.len() >= HELD {
                held.remove(0);
            }
            held.push(data);
        });
    }

    /// Locks the page to `origin`, and names it to the crash guard (public/guard.js), which has to tell
    /// the host when the app itself can no longer speak.
    fn grant(self, origin: &str) {
        self.access.set(Access::Granted(origin.to_owned()));
        let _ = js_sys::Reflect::set(&gloo::utils::window(), &"tamisHostOrigin".into(), &origin.into());
    }

    /// The origin messages go to, once a host is allowed.
    fn granted(self) -> Option<String> {
        match self.access.get() {
            Access::Granted(origin) => Some(origin),
            _ => None,
        }
    }
}

/// Only the protocol's own messages count; anything else a page may post is ignored.
fn is_tamis_message(data: &JsValue) -> bool {
    js_sys::Reflect::get(data, &"type".into()).ok().and_then(|t| t.as_string()).is_some_and(|t| t.starts_with("tamis:"))
}

/// The host origins of a `tamis.config.json` (`{"hostOrigins": ["https://data.example.fr"]}`), as the
/// browser writes an origin (scheme and host, lower case, no path). Entries that are not an origin
/// (`*`, a page's address…) are returned apart, for the deployer to be told.
pub fn config_origins(json: &str) -> Result<(Vec<String>, Vec<String>), String> {
    let config: Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
    let listed = match config.get("hostOrigins") {
        None | Some(Value::Null) => return Ok((Vec::new(), Vec::new())),
        Some(Value::Array(listed)) => listed,
        Some(_) => return Err("hostOrigins must be an array of origins".into()),
    };
    let (mut origins, mut rejected) = (Vec::new(), Vec::new());
    for entry in listed {
        let text = entry.as_str().unwrap_or_default().trim();
        match origin_of(text) {
            Some(origin) => origins.push(origin),
            None => rejected.push(entry.to_string()),
        }
    }
    Ok((origins, rejected))
}

/// `https://Data.Example.fr/` → `https://data.example.fr`; `None` for anything but an http(s) origin.
fn origin_of(text: &str) -> Option<String> {
    let lower = text.trim_end_matches('/').to_ascii_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"))?;
    let host_ok =
        !rest.is_empty() && rest.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
    host_ok.then_some(lower)
}

/// The origins allowed to drive the app: its own, and the deployer's list. A missing or unreadable
/// configuration allows no other origin.
async fn allowed_origins() -> Vec<String> {
    let own = gloo::utils::window().location().origin().ok().filter(|o| o != "null");
    let mut allowed: Vec<String> = own.into_iter().collect();
    match browser::fetch_own(CONFIG).await {
        Ok(Some(body)) => match config_origins(&body) {
            Ok((origins, rejected)) => {
                if !rejected.is_empty() {
                    gloo::console::warn!(format!("tamis.config.json: not origins, ignored: {}", rejected.join(", ")));
                }
                allowed.extend(origins);
            }
            Err(e) => gloo::console::warn!(format!("tamis.config.json is not valid, no host origin allowed: {e}")),
        },
        Ok(None) => {}
        Err(e) => gloo::console::warn!(format!("tamis.config.json could not be read, no host origin allowed: {e}")),
    }
    allowed
}

/// Starts listening to the host page, if there is one, and announces the app once the deployer's
/// configuration is read. Reports go to the host after every validation once it is allowed.
pub fn install(state: AppState) {
    if browser::host().is_none() {
        // Nothing is computed nor sent for a host that does not exist.
        return;
    }
    let host = Host::new();
    provide_context(host);
    report_after_changes(state, host);
    leptos::task::spawn_local(async move {
        host.allowed.set_value(allowed_origins().await);
        let listener = gloo::events::EventListener::new(&gloo::utils::window(), "message", move |event| {
            let Some(event) = event.dyn_ref::<web_sys::MessageEvent>() else {
                return;
            };
            // Only the parent window may drive the app.
            let from_host = match (event.source(), browser::host()) {
                (Some(source), Some(parent)) => js_sys::Object::is(&source, &parent),
                _ => false,
            };
            if from_host {
                host.receive(state, event.data(), event.origin());
            }
        });
        // The listener lives as long as the page.
        listener.forget();
        // `tamis:ready` says nothing of the user's data: any parent may know the app is there.
        post(&json!({"type": "tamis:ready", "version": VERSION, "app": env!("CARGO_PKG_VERSION")}), "*");
    });
}

/// After each validation (and each edit), once the page is painted, the report goes to the allowed
/// host: a big report takes time to send, and the person editing should see their cell first. Reports
/// asked for while one waits are folded into it. No host allowed, no report computed.
fn report_after_changes(state: AppState, host: Host) {
    let waiting = StoredValue::new(false);
    Effect::new(move |_| {
        state.editor.track();
        // A cancelled check brought back the table whose report the host already has.
        if state.take_restored() {
            return;
        }
        let Some(origin) = host.granted() else { return };
        if waiting.get_value() {
            return;
        }
        waiting.set_value(true);
        request_animation_frame(move || {
            set_timeout(
                move || {
                    waiting.set_value(false);
                    let max = host.max_issues.get_value();
                    if let Some(report) = state.with_editor_untracked(|editor| report_message(&state, editor, max)) {
                        post(&report, &origin);
                    }
                },
                std::time::Duration::ZERO,
            );
        });
    });
}

impl Host {
    /// A message from the allowed host.
    fn handle(self, state: AppState, data: JsValue, origin: String) {
        let kind = js_sys::Reflect::get(&data, &"type".into()).ok().and_then(|t| t.as_string());
        match kind.as_deref() {
            Some("tamis:open") => {
                let max = count_of(&data, "maxIssues").unwrap_or(DEFAULT_MAX_ISSUES);
                self.max_issues.set_value(max);
                leptos::task::spawn_local(async move {
                    // A read cancelled by the user, or overtaken by another file, is shown to nobody but
                    // the host, which gets an answer to every `tamis:open`.
                    if let Err(error) = open(state, &data).await {
                        state.say_read_error(&error);
                        post(&json!({"type": "tamis:error", "message": error.for_host()}), &origin);
                    }
                })
            }
            Some("tamis:export") => {
                let max = self.max_issues.get_value();
                leptos::task::spawn_local(async move { export(state, &data, &origin, max).await })
            }
            Some("tamis:issues") => issues_page(state, &data, &origin, self.max_issues.get_value()),
            #[cfg(feature = "crash-test")]
            Some("tamis:crash-test") => panic!("crash test asked by the host page"),
            // Messages of unknown type are ignored, so hosts can talk to newer and older apps alike.
            _ => {}
        }
    }
}

/// A whole number the host gave (`maxIssues`, `offset`, `limit`); `None` when absent or not one.
fn count_of(data: &JsValue, key: &str) -> Option<usize> {
    let value = js_sys::Reflect::get(data, &key.into()).ok()?.as_f64()?;
    (value.is_finite() && value >= 0.0).then_some(value as usize)
}

/// `tamis:issues {offset, limit}`: a page of the current report's issues (and of its warnings, from
/// the same offset), for a host that wants more than the report carried.
fn issues_page(state: AppState, data: &JsValue, origin: &str, default_limit: usize) {
    let offset = count_of(data, "offset").unwrap_or(0);
    let limit = count_of(data, "limit").unwrap_or(default_limit).min(MAX_PAGE);
    let Some(page) = state.with_editor_untracked(|editor| {
        let report = editor.report();
        let page = |list: &[tamis_engine::Issue]| -> Vec<Value> {
            list.iter().skip(offset).take(limit).map(|issue| explained(editor, issue)).collect()
        };
        json!({
            "type": "tamis:issues",
            "offset": offset,
            "limit": limit,
            "issueCount": report.issues.len(),
            "warningCount": report.warnings.len(),
            "issues": page(&report.issues),
            "warnings": page(&report.warnings),
        })
    }) else {
        post(&json!({"type": "tamis:error", "message": text::NO_FILE_FOR_EXPORT}), origin);
        return;
    };
    post(&page, origin);
}

/// `tamis:export`: the CSV to publish, and on request (`report: true`, `recipe: true`) the validation
/// report (as data and as the HTML page) and the recipe with its edit log. `siren` and `dataset` set
/// what the file names are made of, as the user would type them. The report lists at most `maxIssues`
/// issues (this message's, else `tamis:open`'s), with the totals.
async fn export(state: AppState, data: &JsValue, origin: &str, max_issues: usize) {
    let get = |key: &str| js_sys::Reflect::get(data, &key.into()).ok().filter(|v| !v.is_undefined() && !v.is_null());
    let asked = |key: &str| get(key).and_then(|v| v.as_bool()).unwrap_or(false);
    if let Some(siren) = get("siren").and_then(|v| v.as_string()) {
        state.siren.set(siren);
    }
    if let Some(dataset) = get("dataset").and_then(|v| v.as_string()) {
        state.dataset.set(dataset);
    }
    // Written a slice at a time; the report and the recipe below are of the table it was written from.
    let Ok(Some(file)) = state.csv_download(FileKind::Publication, || true).await else {
        post(&json!({"type": "tamis:error", "message": text::NO_FILE_FOR_EXPORT}), origin);
        return;
    };
    let valid = state.with_editor_untracked(|e| e.report().valid).unwrap_or(false);
    let mut message = serde_json::Map::new();
    message.insert("type".into(), "tamis:exported".into());
    message.insert("name".into(), file.name.into());
    message.insert("valid".into(), valid.into());
    if asked("report") {
        if let Some(report) = state.validation_report() {
            let report = report.at_most(count_of(data, "maxIssues").unwrap_or(max_issues));
            message.insert("reportHtml".into(), report.to_html().into());
            message.insert("report".into(), serde_json::to_value(&report).unwrap_or_default());
        }
    }
    if asked("recipe") {
        let recipe = state.recipe_with_edits().and_then(|r| serde_json::to_value(r).ok());
        message.insert("recipe".into(), recipe.unwrap_or_default());
    }
    let message = js_object(&Value::Object(message));
    let Ok(bytes) = browser::blob_buffer(&file.blob).await else {
        post(&json!({"type": "tamis:error", "message": text::DOWNLOAD_FAILED}), origin);
        return;
    };
    let _ = js_sys::Reflect::set(&message, &"bytes".into(), &bytes);
    browser::post_to_host(&message, origin);
}

/// `tamis:open`: read the file, resolve the schema and the recipe, then validate (the report follows
/// through the effect installed above).
async fn open(state: AppState, data: &JsValue) -> Result<(), ReadError> {
    let get = |key: &str| js_sys::Reflect::get(data, &key.into()).ok().filter(|v| !v.is_undefined() && !v.is_null());
    let name = get("name").and_then(|n| n.as_string()).unwrap_or_else(|| "fichier.csv".into());
    // The size is checked before anything is copied; the bytes then go to the reader worker, not into the
    // app's memory.
    let bytes = match get("bytes").and_then(|b| browser::FileBytes::from_host(&b, MAX_BYTES)) {
        Some(Ok(bytes)) => bytes,
        Some(Err(size)) => {
            return Err(tamis_engine::Error::from(tamis_engine::Failure::TooLarge { size, max: MAX_BYTES })
                .to_string()
                .into())
        }
        None => return Err(format!("{} « bytes ».", text::BAD_MESSAGE).into()),
    };
    let schema = get("schema").ok_or(format!("{} « schema ».", text::BAD_MESSAGE))?;
    // Reading options ride on the message itself: sheet, encoding, delimiter, headerRow, removeTotals.
    let mut options = serde_json::Map::new();
    for key in ["sheet", "encoding", "delimiter", "headerRow", "removeTotals"] {
        if let Some(value) = get(key) {
            options.insert(key.to_owned(), to_json(&value)?);
        }
    }
    let options: ReadOptions =
        serde_json::from_value(Value::Object(options)).map_err(|e| format!("{} ({e}).", text::BAD_OPTIONS))?;
    let mapping = match get("recipe") {
        // "auto": every suggestion the app would offer a person (mapping and safe transforms).
        Some(r) if r.as_string().as_deref() == Some("auto") => MappingChoice::Suggested,
        Some(r) => MappingChoice::Recipe(Recipe::from_value(to_json(&r)?).map_err(|e| e.to_string())?),
        None => MappingChoice::ByName,
    };
    // `mode: "as-is"`: the file checked as it is, its own columns, as Validata would (default: mapped).
    let mode = match get("mode") {
        None => Mode::Mapped,
        Some(mode) => mode.as_string().as_deref().and_then(Mode::from_name).ok_or(text::BAD_MODE.to_owned())?,
    };
    // The schema is compiled (or fetched) while the worker reads the file, in a task of its own.
    let chosen = async move {
        browser::yield_to_page().await;
        resolve_schema(&schema).await.map(Some).map_err(ReadError::from)
    };
    state.open(name, bytes, &options, chosen, mapping, mode).await?;
    // The report follows once the table is checked; a check the user cancels answers `tamis:error`.
    state.checked().await
}

async fn resolve_schema(schema: &JsValue) -> Result<ChosenSchema, String> {
    if let Some(name) = schema.as_string() {
        return ChosenSchema::from_catalog(&name, None).await;
    }
    let value = to_json(schema)?;
    if let Some(url) = value.get("url").and_then(Value::as_str) {
        let body = browser::fetch_text(url).await.map_err(|e| text::schema_url_failed(&e))?;
        let schema = Schema::from_json(&body).map_err(|e| e.to_string())?;
        return ChosenSchema::new(url.to_owned(), schema.version.clone(), schema).map_err(|e| e.to_string());
    }
    let schema = Schema::from_value(value).map_err(|e| e.to_string())?;
    let name = schema.name.clone().unwrap_or_else(|| "schema".into());
    ChosenSchema::new(name, schema.version.clone(), schema).map_err(|e| e.to_string())
}

/// The report for the host: at most `max` issues and `max` warnings (the first ones, in row order), with
/// the totals and the counts per code and per field, and `truncated` when some were left out.
fn report_message(state: &AppState, editor: &Editor, max: usize) -> Value {
    let source =
        state.sheet.with_untracked(|s| s.as_ref().map(|s| serde_json::to_value(&s.source).unwrap_or_default()));
    let mode = state.mode.get_untracked();
    let mapping: serde_json::Map<String, Value> = match (mode, state.schema.get_untracked()) {
        // As it is: each schema field is its own column of the file, when the file has it.
        (Mode::AsIs, Some(chosen)) => chosen
            .schema
            .fields
            .iter()
            .map(|field| {
                let present = editor.table().fields.iter().any(|label| label.trim() == field.name);
                let source = present.then(|| tamis_engine::Source::Column(field.name.clone()));
                (field.name.clone(), serde_json::to_value(source).unwrap_or_default())
            })
            .collect(),
        _ => state.recipe.with_untracked(|recipe| {
            editor
                .table()
                .fields
                .iter()
                .map(|field| (field.clone(), serde_json::to_value(recipe.source(field)).unwrap_or_default()))
                .collect()
        }),
    };
    let transforms = match mode {
        Mode::AsIs => json!({}),
        Mode::Mapped => {
            state.recipe.with_untracked(|recipe| serde_json::to_value(&recipe.transforms).unwrap_or_default())
        }
    };
    let report = editor.report();
    let mut by_field: serde_json::Map<String, Value> = serde_json::Map::new();
    for issue in &report.issues {
        let field = issue.field.as_deref().unwrap_or_default();
        let count = by_field.get(field).and_then(Value::as_u64).unwrap_or(0);
        by_field.insert(field.to_owned(), (count + 1).into());
    }
    let by_code: serde_json::Map<String, Value> =
        report.counts().into_iter().map(|(code, n)| (code.as_str().to_owned(), n.into())).collect();
    let first = |list: &[tamis_engine::Issue]| list.iter().take(max).map(|i| explained(editor, i)).collect::<Vec<_>>();
    json!({
        "type": "tamis:report",
        "valid": report.valid,
        "rowCount": report.row_count,
        "issues": first(&report.issues),
        "warnings": first(&report.warnings),
        "issueCount": report.issues.len(),
        "warningCount": report.warnings.len(),
        "truncated": report.issues.len() > max || report.warnings.len() > max,
        "counts": {"byCode": by_code, "byField": by_field},
        "unchecked": report.unchecked,
        "mapping": mapping,
        "transforms": transforms,
        "mode": mode.name(),
        "source": source,
        "schema": state.schema.with_untracked(|s| s.as_ref().map(|s| json!({"name": s.name, "version": s.version}))),
    })
}

/// An issue as the host gets it: its fields (`message` is Validata's wording) and `explanation`, the
/// plain sentence the app shows, made here for the issues sent only.
fn explained(editor: &Editor, issue: &tamis_engine::Issue) -> Value {
    let mut value = serde_json::to_value(issue).unwrap_or_default();
    if let Value::Object(fields) = &mut value {
        fields.insert("explanation".into(), editor.explanation(issue).into());
    }
    value
}

fn to_json(value: &JsValue) -> Result<Value, String> {
    serde_wasm_bindgen::from_value(value.clone()).map_err(|e| format!("{} ({e})", text::BAD_MESSAGE))
}

fn js_object(value: &Value) -> JsValue {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).unwrap_or(JsValue::NULL)
}

fn post(value: &Value, origin: &str) {
    browser::post_to_host(&js_object(value), origin);
}
