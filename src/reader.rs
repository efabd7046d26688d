//! Reading a file off the page: the engine's reader runs in a Web Worker (`src/bin/reader.rs`). A new
//! worker per read: reads are rare, and a worker that crashed on a damaged file is simply gone. Files
//! are never parsed on the page: a parser that panics there would take the whole app down with it, so
//! where no worker can start the user is told. A read that takes too long ends its worker.

use crate::text;
use js_sys::{Promise, Reflect};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use tamis_engine::{ReadOptions, Sheet};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The worker's loader script, built by Trunk next to the app (`data-type="worker"` in index.html).
const WORKER_URL: &str = "./reader_loader.js";

/// How long a read may take before its worker is ended. The largest files Tamis accepts (100 MB)
/// read in well under this on a slow office PC; a read still running then is stuck.
pub const READ_TIMEOUT_MS: i32 = 60_000;

/// Why a read failed, told apart by the rejection of the worker's promise.
const TIMED_OUT: &str = "timed out";

/// Reads `bytes` into a sheet, in a worker. The error is a French message for the user.
pub async fn read_file(name: &str, bytes: &[u8], options: &ReadOptions) -> Result<Sheet, String> {
    // The single-file build (scripts/single.mjs) starts the worker from a Blob URL it names here.
    let url = js_sys::Reflect::get(&gloo::utils::window(), &"tamisReaderUrl".into())
        .ok()
        .and_then(|url| url.as_string())
        .unwrap_or_else(|| WORKER_URL.to_owned());
    let Ok(worker) = web_sys::Worker::new(&url) else {
        return Err(text::NO_WORKER.to_owned());
    };
    read_in(worker, name, bytes, options, READ_TIMEOUT_MS).await
}

/// Reads `bytes` in `worker` (which speaks the reader's messages), ending it after `timeout_ms`.
pub async fn read_in(
    worker: web_sys::Worker,
    name: &str,
    bytes: &[u8],
    options: &ReadOptions,
    timeout_ms: i32,
) -> Result<Sheet, String> {
    let handlers = Handlers::default();
    let timer = Rc::new(Cell::new(None));
    let answer = JsFuture::from(request(&worker, name, bytes, options, &handlers, timeout_ms, &timer)).await;
    worker.terminate();
    if let Some(id) = timer.get() {
        gloo::utils::window().clear_timeout_with_handle(id);
    }
    drop(handlers);
    match answer {
        Ok(answer) => {
            let get = |key: &str| Reflect::get(&answer, &key.into()).ok().filter(|v| !v.is_undefined());
            if let Some(message) = get("error").and_then(|v| v.as_string()) {
                return Err(message);
            }
            let sheet = (|| {
                let meta = get("meta")?.as_string()?;
                let text = js_sys::Uint8Array::new(&get("text")?).to_vec();
                let ends = js_sys::Uint32Array::new(&get("ends")?).to_vec();
                let widths = js_sys::Uint32Array::new(&get("widths")?).to_vec();
                Sheet::from_parts(&meta, text, &ends, &widths)
            })();
            sheet.ok_or_else(|| text::READER_CRASHED.to_owned())
        }
        Err(reason) if reason.as_string().as_deref() == Some(TIMED_OUT) => Err(text::READ_TIMED_OUT.to_owned()),
        // The worker failed to start, or crashed on this file.
        Err(_) => Err(text::READER_CRASHED.to_owned()),
    }
}

/// The worker's event handlers, kept alive until the read is over.
type Handlers = Rc<RefCell<Vec<Closure<dyn Fn(JsValue)>>>>;

/// Sends the file to the worker once it is ready; the promise resolves with its answer and rejects if
/// the worker fails to start, crashes, or has not answered after `timeout_ms` (the timer's id is left
/// in `timer`, to be cleared).
fn request(
    worker: &web_sys::Worker,
    name: &str,
    bytes: &[u8],
    options: &ReadOptions,
    handlers: &Handlers,
    timeout_ms: i32,
    timer: &Rc<Cell<Option<i32>>>,
) -> Promise {
    let message = js_sys::Object::new();
    let buffer = crate::browser::array_buffer(bytes);
    let options = serde_json::to_string(options).unwrap_or_default();
    let _ = Reflect::set(&message, &"name".into(), &name.into());
    let _ = Reflect::set(&message, &"bytes".into(), &buffer);
    let _ = Reflect::set(&message, &"options".into(), &options.into());
    let worker = worker.clone();
    let handlers = handlers.clone();
    let timer = timer.clone();
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
        let on_timeout = Closure::<dyn Fn(JsValue)>::new({
            let fail = fail.clone();
            move |_| fail(&TIMED_OUT.into())
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
        let id = gloo::utils::window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(on_timeout.as_ref().unchecked_ref(), timeout_ms);
        timer.set(id.ok());
        handlers.borrow_mut().extend([on_message, on_error, on_timeout]);
    })
}
