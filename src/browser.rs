//! The only module that touches browser APIs: reading a dropped file, saving a download, messaging
//! the host page, fetching a schema by URL.

use js_sys::{ArrayBuffer, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The bytes of a small file the user picked or dropped (a recipe, a schema), in the app's memory.
pub async fn file_bytes(file: &web_sys::File) -> Result<Vec<u8>, JsValue> {
    let buffer = JsFuture::from(file.array_buffer()).await?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// A file to open: its bytes for the reader worker (moved there, not copied), and the same bytes as a
/// `Blob`, which the app keeps to read the file again or to save it with the session. A `Blob`'s bytes
/// are the browser's, outside the app's wasm memory (which never shrinks); on a tamis:open the file
/// reaches the worker without going through that memory at all.
pub struct FileBytes {
    pub blob: web_sys::Blob,
    pub buffer: ArrayBuffer,
}

impl FileBytes {
    /// The bytes of a file the user picked or dropped, or of a saved session's file. The `Blob` kept
    /// is a copy in memory: a picked file read again later from the disk could have changed, or be gone.
    pub async fn of_blob(blob: &web_sys::Blob) -> Result<FileBytes, JsValue> {
        let buffer: ArrayBuffer = JsFuture::from(blob.array_buffer()).await?.dyn_into()?;
        FileBytes::of_view(&Uint8Array::new(&buffer), buffer)
    }

    /// Bytes from an `ArrayBuffer`, a typed array or a `DataView` sent by a host page: `None` when it
    /// is none of these (or cannot be copied), `Err(size)` when it holds more than `max` bytes (checked
    /// before anything is copied).
    pub fn from_host(value: &JsValue, max: usize) -> Option<Result<FileBytes, usize>> {
        let whole = value.dyn_ref::<ArrayBuffer>().cloned();
        let view = if let Some(buffer) = &whole {
            Uint8Array::new(buffer)
        } else if ArrayBuffer::is_view(value) {
            let view: &js_sys::Object = value.unchecked_ref();
            let number = |key: &str| js_sys::Reflect::get(view, &key.into()).ok().and_then(|v| v.as_f64());
            let buffer = js_sys::Reflect::get(view, &"buffer".into()).ok()?;
            let (offset, length) = (number("byteOffset")?, number("byteLength")?);
            // Before the lengths are narrowed to 32 bits.
            if length > max as f64 {
                return Some(Err(length as usize));
            }
            Uint8Array::new_with_byte_offset_and_length(&buffer, offset as u32, length as u32)
        } else {
            return None;
        };
        let length = view.byte_length();
        if length as usize > max {
            return Some(Err(length as usize));
        }
        // The message's buffer is the app's own (a copy, or moved to it): a whole one goes to the worker
        // as it is. Part of one (a view), or one shared with another thread, is copied first.
        let buffer = match whole {
            Some(buffer) if length > 0 => buffer,
            _ => view.slice(0, length).buffer(),
        };
        FileBytes::of_view(&Uint8Array::new(&buffer), buffer).ok().map(Ok)
    }

    fn of_view(view: &Uint8Array, buffer: ArrayBuffer) -> Result<FileBytes, JsValue> {
        let blob = web_sys::Blob::new_with_u8_array_sequence(&js_sys::Array::of1(view))?;
        Ok(FileBytes { blob, buffer })
    }
}

/// The bytes of `blob` (a file kept by the app), to read it again.
pub async fn blob_buffer(blob: &web_sys::Blob) -> Result<ArrayBuffer, JsValue> {
    JsFuture::from(blob.array_buffer()).await?.dyn_into()
}

/// A `Blob` holding a copy of `bytes`.
pub fn blob(bytes: &[u8], mime: &str) -> web_sys::Blob {
    gloo::file::Blob::new_with_options(bytes, Some(mime)).into()
}

/// A text the single-file app carries packed, as `window[name]`: a promise of it, or a function that
/// gives one (unpacked when asked). `None` when there is none (the app is served as files).
pub async fn packed_text(name: &str) -> Option<Result<String, String>> {
    let packed = js_sys::Reflect::get(&gloo::utils::window(), &name.into()).ok()?;
    let packed = match packed.dyn_ref::<js_sys::Function>() {
        Some(unpack) => unpack.call0(&JsValue::NULL).ok()?,
        None => packed,
    };
    let promise = packed.dyn_into::<js_sys::Promise>().ok()?;
    let text = JsFuture::from(promise).await.ok().and_then(|text| text.as_string());
    Some(text.ok_or_else(|| "unpack".to_owned()))
}

/// A `Blob` of `parts` (typed arrays, put end to end).
pub fn blob_of(parts: &js_sys::Array, mime: &str) -> Result<web_sys::Blob, JsValue> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    web_sys::Blob::new_with_u8_array_sequence_and_options(parts, &options)
}

/// Saves `bytes` as a download named `name`.
pub fn download(name: &str, bytes: &[u8], mime: &str) -> Result<(), JsValue> {
    save(name, &blob(bytes, mime))
}

/// Saves `blob` as a download named `name`.
pub fn save(name: &str, blob: &web_sys::Blob) -> Result<(), JsValue> {
    let url = gloo::file::ObjectUrl::from(gloo::file::Blob::from(blob.clone()));
    let document = gloo::utils::document();
    let anchor: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.style().set_property("display", "none")?;
    let body = gloo::utils::body();
    body.append_child(&anchor)?;
    anchor.click();
    body.remove_child(&anchor)?;
    // The object URL is revoked when `url` drops; the click has already started the download.
    Ok(())
}

/// The host page when the app runs inside an iframe.
pub fn host() -> Option<web_sys::Window> {
    let window = gloo::utils::window();
    let parent = window.parent().ok().flatten()?;
    (!js_sys::Object::is(&parent, &window)).then_some(parent)
}

/// Posts `message` to the host page, if there is one.
pub fn post_to_host(message: &JsValue, target_origin: &str) {
    if let Some(host) = host() {
        // A host that navigated away makes postMessage throw; there is nobody left to tell.
        let _ = host.post_message(message, target_origin);
    }
}

/// Fetches a text resource the user or the host page asked for (a schema, a recipe), from an address
/// [`fetchable`] accepts. The error is a short French reason.
pub async fn fetch_text(address: &str) -> Result<String, String> {
    let url = fetchable(address)?;
    let response = gloo::net::http::Request::get(&url)
        .credentials(web_sys::RequestCredentials::Omit)
        .referrer_policy(web_sys::ReferrerPolicy::NoReferrer)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    response.text().await.map_err(|e| e.to_string())
}

/// The address resolved against the app's, if the app may fetch it: `https:`, or `http:` on the app's
/// own origin or on this computer (127.0.0.1, localhost), the addresses a browser trusts as secure.
/// Anything else (`http:` elsewhere, `data:`, `javascript:`, `file:`…) gets a French reason. The
/// Content-Security-Policy (`connect-src`) says the same.
pub fn fetchable(address: &str) -> Result<String, String> {
    let base = gloo::utils::window().location().href().unwrap_or_default();
    let url =
        web_sys::Url::new_with_base(address.trim(), &base).map_err(|_| crate::text::ADDRESS_INVALID.to_owned())?;
    let own = gloo::utils::window().location().origin().unwrap_or_default();
    let trusted = match url.protocol().as_str() {
        "https:" => true,
        "http:" => url.origin() == own || matches!(url.hostname().as_str(), "127.0.0.1" | "localhost"),
        _ => false,
    };
    trusted.then(|| url.href()).ok_or_else(|| crate::text::ADDRESS_INVALID.to_owned())
}

/// A file of the app's own site (its configuration): `None` when there is none.
pub async fn fetch_own(path: &str) -> Result<Option<String>, String> {
    let response = gloo::net::http::Request::get(path)
        .cache(web_sys::RequestCache::NoCache)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    match response.status() {
        200..=299 => response.text().await.map(Some).map_err(|e| e.to_string()),
        404 => Ok(None),
        status => Err(format!("HTTP {status}")),
    }
}

/// The browser's local storage (this machine, this site), when the browser allows it.
fn local_storage() -> Option<web_sys::Storage> {
    gloo::utils::window().local_storage().ok().flatten()
}

/// A value saved in local storage.
pub fn stored(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok().flatten()
}

/// Saves a value in local storage; `false` when the browser refuses (private mode, quota).
pub fn store(key: &str, value: &str) -> bool {
    local_storage().is_some_and(|storage| storage.set_item(key, value).is_ok())
}

/// Removes a value from local storage; `true` when it is gone (or was never there).
pub fn forget(key: &str) -> bool {
    local_storage().is_none_or(|storage| storage.remove_item(key).is_ok())
}

/// Lets the page paint and answer the user, then goes on: resolves in a task of its own, posted
/// through a message channel (a zero timeout would be held back 4 ms once nested).
pub async fn yield_to_page() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let Ok(channel) = web_sys::MessageChannel::new() else {
            let _ = resolve.call0(&JsValue::NULL);
            return;
        };
        // The handler holds the channel until the message arrives, so it cannot be collected before.
        let (kept, unsent) = (channel.clone(), resolve.clone());
        let handler = Closure::once_into_js(move || {
            let _ = resolve.call0(&JsValue::NULL);
            kept.port1().set_onmessage(None);
        });
        channel.port1().set_onmessage(Some(handler.unchecked_ref()));
        if channel.port2().post_message(&JsValue::NULL).is_err() {
            channel.port1().set_onmessage(None);
            let _ = unsent.call0(&JsValue::NULL);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Resolves when the page is idle (`requestIdleCallback`; where there is none, after a second).
pub async fn idle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let window = gloo::utils::window();
        if window.request_idle_callback(&resolve).is_err() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 1_000);
        }
    });
    let _ = JsFuture::from(promise).await;
}
