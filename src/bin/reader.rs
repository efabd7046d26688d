//! The file reader, run in a Web Worker: it says `{ready}` once, then for each request `{id, name, bytes,
//! options}` the page sends, answers `{id, meta, text, ends, starts, memory}` (the read sheet in flat
//! parts, `Sheet::into_parts`, its buffers moved to the page rather than copied) or `{id, error, memory}`
//! (a French message); `id` is the request's, so the page never takes an answer for another read, and
//! `memory` the size of this worker's wasm memory (which never shrinks: the page replaces a worker grown
//! large). The page keeps this worker for every read. Parsing runs here, off the page, so a long read
//! never freezes the interface, and a crash inside a parser (a damaged workbook can make one panic) ends
//! this worker only: the page tells the user, keeps their work, and starts a fresh worker for the next read.

use js_sys::{Reflect, Uint32Array, Uint8Array};
use tamis_engine::{read, Failure, ReadOptions};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

fn main() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_scope = scope.clone();
    let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
        let answer = js_sys::Object::new();
        let transfer = js_sys::Array::new();
        let id = Reflect::get(&event.data(), &"id".into()).unwrap_or_default();
        let _ = Reflect::set(&answer, &"id".into(), &id);
        match answer_to(&event.data()) {
            Ok(parts) => {
                let text = Uint8Array::from(parts.text.as_slice());
                let ends = Uint32Array::from(parts.ends.as_slice());
                let starts = Uint32Array::from(parts.starts.as_slice());
                let _ = Reflect::set(&answer, &"meta".into(), &parts.meta.into());
                for (key, array) in [("text", text.buffer()), ("ends", ends.buffer()), ("starts", starts.buffer())] {
                    let _ = Reflect::set(&answer, &key.into(), &array);
                    transfer.push(&array);
                }
            }
            Err(message) => {
                let _ = Reflect::set(&answer, &"error".into(), &message.into());
            }
        }
        let _ = Reflect::set(&answer, &"memory".into(), &memory_size().into());
        let _ = reply_scope.post_message_with_transfer(&answer, &transfer);
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    warm_up();
    // Messages sent before the module was instantiated are lost: the page waits for this one.
    let ready = js_sys::Object::new();
    let _ = Reflect::set(&ready, &"ready".into(), &JsValue::TRUE);
    let _ = scope.post_message(&ready);
}

/// Reads a small made-up file once, before the first real read. A browser first runs wasm with a quick
/// baseline compiler and compiles the functions that turn out hot for their *next* call: without this,
/// the first file a user opens is read entirely by the slow code. Measured in Chromium, the first
/// 100,000-row file: the reader's answer after 475–486 ms without this, 355–381 ms with it (a made-up
/// file of 20,000 rows did no better than 4,000).
fn warm_up() {
    let mut csv = String::from("siret;date;objet;montant;code;lien\n");
    for i in 0..4_000u32 {
        let day = i % 28 + 1;
        csv.push_str(&format!(
            "2174004230{:04};2024-03-{day:02};\"Délibération n°{i}, « budget »\";{}.{:02};7.{};https://exemple.fr/{i}\n",
            i % 10_000,
            i * 37,
            i % 100,
            i % 9
        ));
    }
    let _ =
        read("echauffement.csv", csv.as_bytes(), &ReadOptions::default()).map(tamis_engine::read::Sheet::into_parts);
}

/// The size of this worker's wasm memory, in bytes.
fn memory_size() -> f64 {
    let buffer = wasm_bindgen::memory().unchecked_into::<js_sys::WebAssembly::Memory>().buffer();
    Reflect::get(&buffer, &"byteLength".into()).ok().and_then(|n| n.as_f64()).unwrap_or_default()
}

/// The sheet in parts, or the French message of the error.
fn answer_to(data: &JsValue) -> Result<tamis_engine::read::SheetParts, String> {
    let get = |key: &str| Reflect::get(data, &key.into()).ok();
    let name = get("name").and_then(|v| v.as_string()).unwrap_or_default();
    let bytes = get("bytes").map(|b| Uint8Array::new(&b).to_vec()).unwrap_or_default();
    let options: ReadOptions = get("options")
        .and_then(|o| o.as_string())
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default();
    let sheet = read(&name, &bytes, &options).map_err(|e| e.to_string())?;
    // Only a sheet of over 4 GB of text has no parts: too large for the page anyway.
    let too_large = Failure::TooLarge { size: bytes.len(), max: tamis_engine::read::MAX_BYTES };
    drop(bytes);
    sheet.into_parts().ok_or_else(|| tamis_engine::Error::from(too_large).to_string())
}
