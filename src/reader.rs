//! Reading a file off the page: the engine's reader runs in a Web Worker (`src/bin/reader.rs`). Files
//! are never parsed on the page: a parser that panics there would take the whole app down with it, so
//! where no worker can start the user is told.
//!
//! One worker serves every read: it is started at the first read, or before with [`Reader::warm`] (the
//! app starts its own when the page is idle, [`warm_when_idle`]), and kept, so its wasm is compiled and
//! optimised once. A worker that failed is replaced by a fresh one at the next read: one that crashed (a
//! parser panic aborts its wasm: an error event), that did not answer in time, or whose read was
//! cancelled or overtaken by a newer one (it is busy with a read nobody wants). One grown large (a big
//! file read) is replaced at once by a fresh one, so that its memory goes back to the system. Each
//! request carries an id the worker sends back, so an answer meant for another read is never taken for
//! the current one. One read at a time: the latest wins, an earlier one still under way ends as
//! [`ReadError::Superseded`].
//!
//! The XLSX working copy ([`make_xlsx`]), which takes seconds on a large table and would freeze the page,
//! is written the same way in a worker of its own (`src/bin/xlsx.rs`, started when a user first asks for
//! one): the table crosses to it in flat parts, and the copy is cancelled, timed out and crash-proof like
//! a read.

use crate::text;
use js_sys::{Function, Promise, Reflect};
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use tamis_engine::export::XlsxParts;
use tamis_engine::{ReadOptions, Sheet};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The workers' loader scripts, built by Trunk next to the app (`data-type="worker"` in index.html).
const READER_URL: &str = "./reader_loader.js";
const XLSX_URL: &str = "./xlsx_loader.js";

/// How long a read may take before its worker is ended. The largest files Tamis accepts (100 MB)
/// read in well under this on a slow office PC; a read still running then is stuck.
pub const READ_TIMEOUT_MS: i32 = 60_000;

/// How long an XLSX copy may take: a million rows (Excel's limit) on a slow office PC.
pub const XLSX_TIMEOUT_MS: i32 = 300_000;

/// A worker's wasm memory only grows: one that grew past this size (it read a large file) is ended once it
/// has answered, so a tab does not keep that memory for nothing; the reader starts a fresh one at once.
const RECYCLE_ABOVE_BYTES: f64 = 256e6;

/// Why a read gave no sheet (or an XLSX copy no workbook).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadError {
    /// The user cancelled it.
    Cancelled,
    /// Another read started before it ended (the latest wins).
    Superseded,
    /// A French message for the user.
    Failed(String),
}

impl ReadError {
    /// What to tell the user: nothing for a read cancelled or overtaken (the cancel says so itself).
    pub fn message(&self) -> Option<&str> {
        match self {
            ReadError::Failed(message) => Some(message),
            ReadError::Cancelled | ReadError::Superseded => None,
        }
    }

    /// What to tell a host page (`tamis:error`): every `tamis:open` gets an answer.
    pub fn for_host(&self) -> &str {
        match self {
            ReadError::Failed(message) => message,
            ReadError::Cancelled => text::READ_CANCELLED,
            ReadError::Superseded => text::READ_SUPERSEDED,
        }
    }
}

impl From<String> for ReadError {
    fn from(message: String) -> ReadError {
        ReadError::Failed(message)
    }
}

/// How a request ended, as the rejection of its promise (an answer resolves it).
#[derive(Clone, Copy)]
enum Ending {
    Cancelled,
    Superseded,
    TimedOut,
    Crashed,
}

impl Ending {
    const ALL: [Ending; 4] = [Ending::Cancelled, Ending::Superseded, Ending::TimedOut, Ending::Crashed];

    fn name(self) -> &'static str {
        match self {
            Ending::Cancelled => "cancelled",
            Ending::Superseded => "superseded",
            Ending::TimedOut => "timed out",
            Ending::Crashed => "crashed",
        }
    }

    /// The error of a request of `job` that ended so.
    fn error(self, job: &Job) -> ReadError {
        match self {
            Ending::Cancelled => ReadError::Cancelled,
            Ending::Superseded => ReadError::Superseded,
            Ending::TimedOut => ReadError::Failed(job.timed_out.to_owned()),
            Ending::Crashed => ReadError::Failed(job.crashed.to_owned()),
        }
    }

    /// The ending named by a rejected promise.
    fn of(reason: &JsValue) -> Ending {
        let reason = reason.as_string();
        Ending::ALL.into_iter().find(|e| reason.as_deref() == Some(e.name())).unwrap_or(Ending::Crashed)
    }
}

/// What the user is told when a worker's request fails: it could not start, took too long, or crashed.
struct Job {
    no_worker: &'static str,
    timed_out: &'static str,
    crashed: &'static str,
}

const READ: Job = Job { no_worker: text::NO_WORKER, timed_out: text::READ_TIMED_OUT, crashed: text::READER_CRASHED };
const XLSX_COPY: Job =
    Job { no_worker: text::XLSX_NO_WORKER, timed_out: text::XLSX_TIMED_OUT, crashed: text::XLSX_CRASHED };

/// Starts a worker that answers requests by their id (the reader, the XLSX copy's writer).
type Spawn = Box<dyn Fn() -> Result<web_sys::Worker, JsValue>>;

/// The reader (or the XLSX copy's writer): a handle on one long-lived worker and the request under way.
/// Cheap to clone.
#[derive(Clone)]
pub struct Reader(Rc<Shared>);

struct Shared {
    state: RefCell<State>,
    on_message: Closure<dyn Fn(web_sys::MessageEvent)>,
    on_error: Closure<dyn Fn(web_sys::Event)>,
    on_timeout: Closure<dyn Fn(JsValue)>,
}

struct State {
    spawn: Spawn,
    timeout_ms: i32,
    /// Whether a worker ended for its memory is replaced at once (the reader's), or at the next request
    /// (the XLSX worker's: most users never ask for a second copy).
    replace_at_once: bool,
    worker: Option<Live>,
    /// How many workers were started (a fresh one per failure, cancel or overtaken read).
    started: u32,
    next_id: u32,
    pending: Option<Pending>,
}

/// The worker, and whether it said it is ready (messages sent before that are lost).
struct Live {
    worker: web_sys::Worker,
    ready: bool,
}

/// The request under way: its id, its message and the buffers it moves until the worker is ready, its
/// promise's functions and its timer.
struct Pending {
    id: u32,
    request: Option<(js_sys::Object, js_sys::Array)>,
    resolve: Function,
    reject: Function,
    timer: Option<i32>,
}

impl Pending {
    /// Settles the read's promise (after the state's borrow is released: see [`Reader::settle`]).
    fn settle(self, outcome: Result<JsValue, Ending>) {
        if let Some(timer) = self.timer {
            gloo::utils::window().clear_timeout_with_handle(timer);
        }
        let _ = match outcome {
            Ok(answer) => self.resolve.call1(&JsValue::NULL, &answer),
            Err(ending) => self.reject.call1(&JsValue::NULL, &ending.name().into()),
        };
    }
}

thread_local! {
    static READER: Reader = Reader::new(Box::new(|| spawn(READER_URL, "tamisReaderUrl")), READ_TIMEOUT_MS);
    static XLSX: Reader = Reader::new(Box::new(|| spawn(XLSX_URL, "tamisXlsxUrl")), XLSX_TIMEOUT_MS).on_demand();
}

/// One of the app's workers, from its loader (or the Blob URL the single-file build names as `global`).
fn spawn(loader: &str, global: &str) -> Result<web_sys::Worker, JsValue> {
    // The single-file build (scripts/single.mjs) starts the workers from Blob URLs it names here.
    let url = Reflect::get(&gloo::utils::window(), &global.into())
        .ok()
        .and_then(|url| url.as_string())
        .unwrap_or_else(|| loader.to_owned());
    web_sys::Worker::new(&url)
}

/// Reads `bytes` into a sheet, in the app's reader worker (the buffer is moved there). The request is
/// sent at once, before the future is first polled: the caller can do other work while the worker reads.
pub fn read_file(
    name: &str,
    bytes: js_sys::ArrayBuffer,
    options: &ReadOptions,
) -> impl std::future::Future<Output = Result<Sheet, ReadError>> + 'static {
    READER.with(Reader::clone).read(name, bytes, options)
}

/// The XLSX working copy of `parts`, made in the app's XLSX worker (their buffers are moved there, the
/// workbook's back).
pub fn make_xlsx(
    parts: XlsxParts,
) -> impl std::future::Future<Output = Result<js_sys::ArrayBuffer, ReadError>> + 'static {
    XLSX.with(Reader::clone).xlsx(parts)
}

/// Cancels the XLSX copy under way, if any. Returns whether there was one.
pub fn cancel_xlsx() -> bool {
    XLSX.with(Reader::cancel)
}

/// Cancels the app's read under way, if any. Returns whether there was one.
pub fn cancel() -> bool {
    READER.with(Reader::cancel)
}

/// Starts the app's reader worker once the page is idle, so that the first read finds its wasm compiled.
pub fn warm_when_idle() {
    wasm_bindgen_futures::spawn_local(async {
        crate::browser::idle().await;
        READER.with(Reader::warm);
    });
}

impl Reader {
    /// A reader whose workers come from `spawn`; a read not answered after `timeout_ms` ends its worker.
    pub fn new(spawn: Spawn, timeout_ms: i32) -> Reader {
        let shared = Rc::new_cyclic(|weak: &Weak<Shared>| {
            let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new({
                let weak = weak.clone();
                move |event: web_sys::MessageEvent| {
                    if let Some(shared) = weak.upgrade() {
                        Reader(shared).received(&event);
                    }
                }
            });
            let on_error = Closure::<dyn Fn(web_sys::Event)>::new({
                let weak = weak.clone();
                move |event: web_sys::Event| {
                    if let Some(shared) = weak.upgrade() {
                        Reader(shared).failed(&event);
                    }
                }
            });
            let on_timeout = Closure::<dyn Fn(JsValue)>::new({
                let weak = weak.clone();
                move |id: JsValue| {
                    if let Some(shared) = weak.upgrade() {
                        Reader(shared).timed_out(&id);
                    }
                }
            });
            let state =
                State { spawn, timeout_ms, replace_at_once: true, worker: None, started: 0, next_id: 1, pending: None };
            Shared { state: RefCell::new(state), on_message, on_error, on_timeout }
        });
        Reader(shared)
    }

    /// A reader whose worker, once ended for the memory it grew, is started again only at the next
    /// request.
    pub fn on_demand(self) -> Reader {
        self.0.state.borrow_mut().replace_at_once = false;
        self
    }

    /// How many workers this reader started so far.
    pub fn started(&self) -> u32 {
        self.0.state.borrow().started
    }

    /// Starts the worker if there is none (no read under way is touched).
    pub fn warm(&self) {
        let _ = self.live();
    }

    /// Reads `bytes` into a sheet in the worker, which the buffer is moved to. A read still under way ends
    /// as [`ReadError::Superseded`].
    pub fn read(
        &self,
        name: &str,
        bytes: js_sys::ArrayBuffer,
        options: &ReadOptions,
    ) -> impl std::future::Future<Output = Result<Sheet, ReadError>> + 'static {
        let message = js_sys::Object::new();
        let options = serde_json::to_string(options).unwrap_or_default();
        for (key, value) in [("name", name.into()), ("bytes", bytes.clone().into()), ("options", options.into())] {
            let _ = Reflect::set(&message, &key.into(), &value);
        }
        let sent = self.send(message, js_sys::Array::of1(&bytes), &READ);
        async move {
            match JsFuture::from(sent?).await {
                Ok(answer) => sheet_of(&answer).await,
                Err(reason) => Err(Ending::of(&reason).error(&READ)),
            }
        }
    }

    /// Makes the XLSX working copy of `parts` in the worker (an XLSX worker, `src/bin/xlsx.rs`), which
    /// their buffers are moved to; the workbook is moved back, and stays out of the app's memory. A copy
    /// still under way ends as [`ReadError::Superseded`].
    pub fn xlsx(
        &self,
        parts: XlsxParts,
    ) -> impl std::future::Future<Output = Result<js_sys::ArrayBuffer, ReadError>> + 'static {
        let message = js_sys::Object::new();
        let text = js_sys::Uint8Array::from(parts.text.as_slice()).buffer();
        let ends = js_sys::Uint32Array::from(parts.ends.as_slice()).buffer();
        let marked = js_sys::Uint32Array::from(parts.marked.as_slice()).buffer();
        drop(parts.text);
        let meta = JsValue::from(parts.meta);
        for (key, value) in [("meta", &meta), ("text", &text), ("ends", &ends), ("marked", &marked)] {
            let _ = Reflect::set(&message, &key.into(), value);
        }
        let sent = self.send(message, js_sys::Array::of3(&text, &ends, &marked), &XLSX_COPY);
        async move {
            match JsFuture::from(sent?).await {
                Ok(answer) => {
                    let get = |key: &str| Reflect::get(&answer, &key.into()).ok().filter(|v| !v.is_undefined());
                    if let Some(message) = get("error").and_then(|v| v.as_string()) {
                        return Err(ReadError::Failed(message));
                    }
                    let bytes = get("bytes").and_then(|bytes| bytes.dyn_into::<js_sys::ArrayBuffer>().ok());
                    bytes.ok_or_else(|| ReadError::Failed(XLSX_COPY.crashed.to_owned()))
                }
                Err(reason) => Err(Ending::of(&reason).error(&XLSX_COPY)),
            }
        }
    }

    /// Sends `message` as the request under way, its `transfer` buffers moved (as soon as the worker is
    /// ready): the promise of its answer, rejected with the name of an [`Ending`]. A request still under
    /// way ends as superseded. The error, when no worker can start, is `job`'s.
    fn send(&self, message: js_sys::Object, transfer: js_sys::Array, job: &Job) -> Result<Promise, ReadError> {
        // The worker is busy with the earlier request, which nobody wants now: a fresh one is faster.
        self.end(Ending::Superseded);
        if self.live().is_none() {
            return Err(ReadError::Failed(job.no_worker.to_owned()));
        }
        let mut functions = None;
        let promise = Promise::new(&mut |resolve, reject| functions = Some((resolve, reject)));
        let Some((resolve, reject)) = functions else { return Err(ReadError::Failed(job.crashed.to_owned())) };
        {
            let mut state = self.0.state.borrow_mut();
            let id = state.next_id;
            state.next_id = state.next_id.wrapping_add(1);
            let _ = Reflect::set(&message, &"id".into(), &id.into());
            let timer = gloo::utils::window()
                .set_timeout_with_callback_and_timeout_and_arguments_1(
                    self.0.on_timeout.as_ref().unchecked_ref(),
                    state.timeout_ms,
                    &id.into(),
                )
                .ok();
            state.pending = Some(Pending { id, request: Some((message, transfer)), resolve, reject, timer });
        }
        self.send_when_ready();
        Ok(promise)
    }

    /// Cancels the request under way, if any, ending its worker (a fresh one serves the next request).
    /// Returns whether there was one.
    pub fn cancel(&self) -> bool {
        self.end(Ending::Cancelled)
    }

    /// The worker, started if there is none; `None` when this browser cannot start one.
    fn live(&self) -> Option<web_sys::Worker> {
        let mut state = self.0.state.borrow_mut();
        if let Some(live) = &state.worker {
            return Some(live.worker.clone());
        }
        let worker = (state.spawn)().ok()?;
        worker.set_onmessage(Some(self.0.on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(self.0.on_error.as_ref().unchecked_ref()));
        worker.set_onmessageerror(Some(self.0.on_error.as_ref().unchecked_ref()));
        state.started += 1;
        state.worker = Some(Live { worker: worker.clone(), ready: false });
        Some(worker)
    }

    /// Ends the worker (its handlers removed first: nothing it still sends is heard).
    fn retire(&self) {
        let retired = self.0.state.borrow_mut().worker.take();
        if let Some(Live { worker, .. }) = retired {
            worker.set_onmessage(None);
            worker.set_onerror(None);
            worker.set_onmessageerror(None);
            worker.terminate();
        }
    }

    /// Ends the read under way, if any, and its worker. Returns whether there was one.
    fn end(&self, ending: Ending) -> bool {
        let Some(pending) = self.0.state.borrow_mut().pending.take() else { return false };
        self.retire();
        pending.settle(Err(ending));
        true
    }

    /// Posts the pending request if the worker is ready for it. A request that cannot be posted ends
    /// the read as a crash.
    fn send_when_ready(&self) {
        let posted = {
            let mut state = self.0.state.borrow_mut();
            let ready = state.worker.as_ref().filter(|live| live.ready).map(|live| live.worker.clone());
            let request = state.pending.as_mut().filter(|_| ready.is_some()).and_then(|p| p.request.take());
            match (ready, request) {
                // The buffers move to the worker rather than being copied.
                (Some(worker), Some((message, transfer))) => {
                    worker.post_message_with_transfer(&message, &transfer).is_ok()
                }
                _ => true,
            }
        };
        if !posted {
            self.end(Ending::Crashed);
        }
    }

    /// Whether `event` comes from the current worker (not from one already ended).
    fn is_from_live(&self, event: &web_sys::Event) -> bool {
        let target: Option<JsValue> = event.current_target().map(Into::into);
        let state = self.0.state.borrow();
        state.worker.as_ref().is_some_and(|live| target.as_ref() == Some(AsRef::<JsValue>::as_ref(&live.worker)))
    }

    fn received(&self, event: &web_sys::MessageEvent) {
        if !self.is_from_live(event) {
            return;
        }
        let data = event.data();
        if Reflect::get(&data, &"ready".into()).is_ok_and(|r| r.is_truthy()) {
            if let Some(live) = self.0.state.borrow_mut().worker.as_mut() {
                live.ready = true;
            }
            self.send_when_ready();
            return;
        }
        let id = Reflect::get(&data, &"id".into()).ok().and_then(|id| id.as_f64());
        let pending = {
            let mut state = self.0.state.borrow_mut();
            let current = state.pending.as_ref().is_some_and(|p| Some(f64::from(p.id)) == id);
            if current {
                state.pending.take()
            } else {
                None
            }
        };
        // An answer to an earlier read (its id is not the current one's) is dropped.
        let Some(pending) = pending else { return };
        let memory = Reflect::get(&data, &"memory".into()).ok().and_then(|m| m.as_f64()).unwrap_or_default();
        if memory > RECYCLE_ABOVE_BYTES {
            self.retire();
            if self.0.state.borrow().replace_at_once {
                self.warm();
            }
        }
        pending.settle(Ok(data));
    }

    /// The worker failed to start, crashed (a panic aborts its wasm) or sent what cannot be read: it is
    /// ended, and the read under way with it.
    fn failed(&self, event: &web_sys::Event) {
        if !self.is_from_live(event) {
            return;
        }
        self.retire();
        self.end(Ending::Crashed);
    }

    fn timed_out(&self, id: &JsValue) {
        let current = self.0.state.borrow().pending.as_ref().is_some_and(|p| Some(f64::from(p.id)) == id.as_f64());
        if current {
            self.end(Ending::TimedOut);
        }
    }
}

impl Drop for Shared {
    fn drop(&mut self) {
        if let Some(live) = self.state.get_mut().worker.take() {
            live.worker.terminate();
        }
    }
}

/// The sheet in the worker's answer, or its French error.
async fn sheet_of(answer: &JsValue) -> Result<Sheet, ReadError> {
    let get = |key: &str| Reflect::get(answer, &key.into()).ok().filter(|v| !v.is_undefined());
    if let Some(message) = get("error").and_then(|v| v.as_string()) {
        return Err(ReadError::Failed(message));
    }
    let crashed = || ReadError::Failed(text::READER_CRASHED.to_owned());
    let (Some(meta), Some(text), Some(ends), Some(starts)) = (get("meta"), get("text"), get("ends"), get("starts"))
    else {
        return Err(crashed());
    };
    // A large sheet is taken into the page's memory in three tasks, the page painting between them:
    // the text, then where cells end and rows start, then the sheet put together (a million rows took
    // 180 ms in one task).
    let text = js_sys::Uint8Array::new(&text);
    let large = text.length() > LARGE_ANSWER;
    let text = text.to_vec();
    if large {
        crate::browser::yield_to_page().await;
    }
    let ends = js_sys::Uint32Array::new(&ends).to_vec();
    let starts = js_sys::Uint32Array::new(&starts).to_vec();
    if large {
        crate::browser::yield_to_page().await;
    }
    let meta = meta.as_string().ok_or_else(crashed)?;
    Sheet::from_parts(&meta, text, ends, starts).ok_or_else(crashed)
}

/// The size of text over which a sheet is taken from the worker's answer in several tasks.
const LARGE_ANSWER: u32 = 8 << 20;
