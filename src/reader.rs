//! Reading a file off the page: the engine's reader runs in a Web Worker (`src/bin/reader.rs`). A new
//! worker per read: reads are rare, and a worker that crashed on a damaged file is simply gone. Where
//! workers are unavailable (a portal's content security policy, say) the file is read on the page.

use crate::text;
use js_sys::{Promise, Reflect};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use tamis_engine::{read, ReadOptions, Sheet};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The worker's loader script, built by Trunk next to the app (`data-type="worker"` in index.html).
const WORKER_URL: &str = "./reader_loader.js";

/// Reads `bytes` into a sheet, in a worker. The error is a French message for the user.
pub async fn read_file(name: &str, bytes: &[u8], options: &ReadOptions) -> Result<Sheet, String> {
    let Ok(worker) = web_sys::Worker::new(WORKER_URL) else {
        return read(name, bytes, options).map_err(|e| e.to_string());
    };
    let handlers = Handlers::default();
    let answer = JsFuture::from(request(&worker, name, bytes, options, &handlers)).await;
    worker.terminate();
    drop(handlers);
    match answer {
        Ok(answer) => {
            let field = |key: &str| Reflect::get(&answer, &key.into()).ok().and_then(|v| v.as_string());
            match (field("sheet"), field("error")) {
                (Some(json), _) => serde_json::from_str(&json).map_err(|_| text::READER_CRASHED.to_owned()),
                (None, Some(message)) => Err(message),
                (None, None) => Err(text::READER_CRASHED.to_owned()),
            }
        }
        // The worker failed to start, or crashed on this file.
        Err(_) => Err(text::READER_CRASHED.to_owned()),
    }
}

/// The worker's event handlers, kept alive until the read is over.
type Handlers = Rc<RefCell<Vec<Closure<dyn Fn(JsValue)>>>>;

/// Sends the file to the worker once it is ready; the promise resolves with its answer and rejects if
/// the worker fails to start or crashes.
fn request(worker: &web_sys::Worker, name: &str, bytes: &[u8], options: &ReadOptions, handlers: &Handlers) -> Promise {
    let message = js_sys::Object::new();
    let buffer = crate::browser::array_buffer(bytes);
    let options = serde_json::to_string(options).unwrap_or_default();
    let _ = Reflect::set(&message, &"name".into(), &name.into());
    let _ = Reflect::set(&message, &"bytes".into(), &buffer);
    let _ = Reflect::set(&message, &"options".into(), &options.into());
    let worker = worker.clone();
    let handlers = handlers.clone();
    Promise::new(&mut move |resolve, reject| {
        let settled = Rc::new(Cell::new(false));
        let fail = {
            let (settled, reject) = (settled.clone(), reject.clone());
            move |reason: &JsValue| {
                if !settled.replace(true) {
                    let _ = reject.call1(&JsValue::NULL, reason);
                }
            }
        };
        let on_error = Closure::<dyn Fn(JsValue)>::new({
            let fail = fail.clone();
            move |event: JsValue| fail(&event)
        });
        let (sender, message, buffer) = (worker.clone(), message.clone(), buffer.clone());
        let on_message = Closure::<dyn Fn(JsValue)>::new(move |event: JsValue| {
            let data = event.dyn_into::<web_sys::MessageEvent>().map(|e| e.data()).unwrap_or_default();
            if Reflect::get(&data, &"ready".into()).is_ok_and(|r| r.is_truthy()) {
                // The copy of the bytes moves to the worker rather than being copied again.
                if let Err(e) = sender.post_message_with_transfer(&message, &js_sys::Array::of1(&buffer)) {
                    fail(&e);
                }
            } else if !settled.replace(true) {
                let _ = resolve.call1(&JsValue::NULL, &data);
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        handlers.borrow_mut().extend([on_message, on_error]);
    })
}
