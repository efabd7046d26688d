//! The automation and embedding protocol, version 1: a host page drives the app through `postMessage`.
//! It is a public contract (portals and the end-to-end tests use it): extend it, never break it.
//! The README documents every message.

use crate::browser;
use crate::state::{AppState, ChosenSchema, MappingChoice};
use crate::text;
use leptos::prelude::*;
use serde::Serialize;
use serde_json::{json, Value};
use tamis_engine::edit::Editor;
use tamis_engine::export::FileKind;
use tamis_engine::{ReadOptions, Recipe, Schema};
use wasm_bindgen::{JsCast, JsValue};

/// Version of this protocol, sent in `tamis:ready`.
pub const VERSION: u32 = 1;

/// Starts listening to the host page and announces the app. Reports are posted after every validation.
pub fn install(state: AppState) {
    if browser::host().is_none() {
        return;
    }
    let listener = gloo::events::EventListener::new(&gloo::utils::window(), "message", move |event| {
        let Some(event) = event.dyn_ref::<web_sys::MessageEvent>() else {
            return;
        };
        // Only the parent window may drive the app.
        let from_host = match (event.source(), browser::host()) {
            (Some(source), Some(host)) => js_sys::Object::is(&source, &host),
            _ => false,
        };
        if from_host {
            handle(state, event.data(), event.origin());
        }
    });
    // The listener lives as long as the page.
    listener.forget();
    // After each validation (and each edit), once the page is painted: a big report takes time to
    // send, and the person editing should see their cell first. Reports asked for while one waits
    // are folded into it.
    let waiting = StoredValue::new(false);
    Effect::new(move |_| {
        state.editor.track();
        if waiting.get_value() {
            return;
        }
        waiting.set_value(true);
        request_animation_frame(move || {
            set_timeout(
                move || {
                    waiting.set_value(false);
                    if let Some(report) = state.with_editor_untracked(|editor| report_message(&state, editor)) {
                        post(&report, "*");
                    }
                },
                std::time::Duration::ZERO,
            );
        });
    });
    post(&json!({"type": "tamis:ready", "version": VERSION, "app": env!("CARGO_PKG_VERSION")}), "*");
}

fn handle(state: AppState, data: JsValue, origin: String) {
    let kind = js_sys::Reflect::get(&data, &"type".into()).ok().and_then(|t| t.as_string());
    match kind.as_deref() {
        Some("tamis:open") => leptos::task::spawn_local(async move {
            if let Err(message) = open(state, &data).await {
                state.error.set(Some(message.clone()));
                post(&json!({"type": "tamis:error", "message": message}), &origin);
            }
        }),
        Some("tamis:export") => export(state, &data, &origin),
        // Messages of unknown type are ignored, so hosts can talk to newer and older apps alike.
        _ => {}
    }
}

/// `tamis:export`: the CSV to publish, and on request (`report: true`, `recipe: true`) the validation
/// report (as data and as the HTML page) and the recipe with its edit log. `siren` and `dataset` set
/// what the file names are made of, as the user would type them.
fn export(state: AppState, data: &JsValue, origin: &str) {
    let get = |key: &str| js_sys::Reflect::get(data, &key.into()).ok().filter(|v| !v.is_undefined() && !v.is_null());
    let asked = |key: &str| get(key).and_then(|v| v.as_bool()).unwrap_or(false);
    if let Some(siren) = get("siren").and_then(|v| v.as_string()) {
        state.siren.set(siren);
    }
    if let Some(dataset) = get("dataset").and_then(|v| v.as_string()) {
        state.dataset.set(dataset);
    }
    let Some(file) = state.download(FileKind::Publication) else {
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
            message.insert("reportHtml".into(), report.to_html().into());
            message.insert("report".into(), serde_json::to_value(&report).unwrap_or_default());
        }
    }
    if asked("recipe") {
        let recipe = state.recipe_with_edits().and_then(|r| serde_json::to_value(r).ok());
        message.insert("recipe".into(), recipe.unwrap_or_default());
    }
    let message = js_object(&Value::Object(message));
    let _ = js_sys::Reflect::set(&message, &"bytes".into(), &browser::array_buffer(&file.bytes));
    browser::post_to_host(&message, origin);
}

/// `tamis:open`: read the file, resolve the schema and the recipe, then validate (the report follows
/// through the effect installed above).
async fn open(state: AppState, data: &JsValue) -> Result<(), String> {
    let get = |key: &str| js_sys::Reflect::get(data, &key.into()).ok().filter(|v| !v.is_undefined() && !v.is_null());
    let name = get("name").and_then(|n| n.as_string()).unwrap_or_else(|| "fichier.csv".into());
    let bytes = get("bytes").and_then(|b| browser::bytes_of(&b)).ok_or(format!("{} « bytes ».", text::BAD_MESSAGE))?;
    let schema = get("schema").ok_or(format!("{} « schema ».", text::BAD_MESSAGE))?;
    let chosen = resolve_schema(&schema).await?;
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
    state.open(name, bytes, &options, Some(chosen), mapping).await
}

async fn resolve_schema(schema: &JsValue) -> Result<ChosenSchema, String> {
    if let Some(name) = schema.as_string() {
        return ChosenSchema::from_catalog(&name).map_err(|e| e.to_string());
    }
    let value = to_json(schema)?;
    if let Some(url) = value.get("url").and_then(Value::as_str) {
        let body = browser::fetch_text(url).await.map_err(|e| format!("{} ({e}).", text::SCHEMA_URL_FAILED))?;
        let schema = Schema::from_json(&body).map_err(|e| e.to_string())?;
        return ChosenSchema::new(url.to_owned(), schema.version.clone(), schema).map_err(|e| e.to_string());
    }
    let schema = Schema::from_value(value).map_err(|e| e.to_string())?;
    let name = schema.name.clone().unwrap_or_else(|| "schema".into());
    ChosenSchema::new(name, schema.version.clone(), schema).map_err(|e| e.to_string())
}

fn report_message(state: &AppState, editor: &Editor) -> Value {
    let source =
        state.sheet.with_untracked(|s| s.as_ref().map(|s| serde_json::to_value(&s.source).unwrap_or_default()));
    let mapping: serde_json::Map<String, Value> = state.recipe.with_untracked(|recipe| {
        editor
            .table()
            .fields
            .iter()
            .map(|field| (field.clone(), serde_json::to_value(recipe.source(field)).unwrap_or_default()))
            .collect()
    });
    let report = editor.report();
    json!({
        "type": "tamis:report",
        "valid": report.valid,
        "rowCount": report.row_count,
        "issues": report.issues,
        "warnings": report.warnings,
        "unchecked": report.unchecked,
        "mapping": mapping,
        "transforms": state.recipe.with_untracked(|recipe| serde_json::to_value(&recipe.transforms).unwrap_or_default()),
        "source": source,
        "schema": state.schema.with_untracked(|s| s.as_ref().map(|s| json!({"name": s.name, "version": s.version}))),
    })
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
