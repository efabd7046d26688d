//! The file reader, run in a Web Worker: it says `{ready}`, the page sends `{name, bytes, options}`,
//! the worker answers
//! `{sheet}` (the read sheet, as JSON) or `{error}` (a French message). Parsing runs here, off the page,
//! so a long read never freezes the interface, and a crash inside a parser (a damaged workbook can make
//! one panic) ends this worker only: the page tells the user and keeps their work.

use js_sys::{Reflect, Uint8Array};
use tamis_engine::{read, ReadOptions};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

fn main() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_scope = scope.clone();
    let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
        let answer = js_sys::Object::new();
        let (key, value) = match answer_to(&event.data()) {
            Ok(sheet) => ("sheet", sheet),
            Err(message) => ("error", message),
        };
        let _ = Reflect::set(&answer, &key.into(), &value.into());
        let _ = reply_scope.post_message(&answer);
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    // Messages sent before the module was instantiated are lost: the page waits for this one.
    let ready = js_sys::Object::new();
    let _ = Reflect::set(&ready, &"ready".into(), &JsValue::TRUE);
    let _ = scope.post_message(&ready);
}

/// The sheet as JSON, or the French message of the error.
fn answer_to(data: &JsValue) -> Result<String, String> {
    let get = |key: &str| Reflect::get(data, &key.into()).ok();
    let name = get("name").and_then(|v| v.as_string()).unwrap_or_default();
    let bytes = get("bytes").map(|b| Uint8Array::new(&b).to_vec()).unwrap_or_default();
    let options: ReadOptions = get("options")
        .and_then(|o| o.as_string())
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default();
    let sheet = read(&name, &bytes, &options).map_err(|e| e.to_string())?;
    serde_json::to_string(&sheet).map_err(|e| e.to_string())
}
