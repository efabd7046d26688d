//! What the app's workers share (`src/bin/reader.rs`, `src/bin/xlsx.rs`): the loop that answers the page's
//! requests, each with its id and the worker's memory size, and the `ready` message.

use js_sys::Reflect;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Answers each request `{id, …}` the page sends with `{id, …, memory}`: `answer` fills in the rest from the
/// request and lists the buffers to move to the page. `warm_up` runs once before `{ready}` is said.
pub fn serve(answer: fn(&JsValue, &js_sys::Object, &js_sys::Array), warm_up: fn()) {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_scope = scope.clone();
    let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
        let reply = js_sys::Object::new();
        let transfer = js_sys::Array::new();
        let id = Reflect::get(&event.data(), &"id".into()).unwrap_or_default();
        let _ = Reflect::set(&reply, &"id".into(), &id);
        answer(&event.data(), &reply, &transfer);
        let _ = Reflect::set(&reply, &"memory".into(), &memory_size().into());
        let _ = reply_scope.post_message_with_transfer(&reply, &transfer);
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

/// The size of this worker's wasm memory, in bytes (it never shrinks: the page replaces a worker grown
/// large).
fn memory_size() -> f64 {
    let buffer = wasm_bindgen::memory().unchecked_into::<js_sys::WebAssembly::Memory>().buffer();
    Reflect::get(&buffer, &"byteLength".into()).ok().and_then(|n| n.as_f64()).unwrap_or_default()
}
