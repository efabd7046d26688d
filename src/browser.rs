//! The only module that touches browser APIs: reading a dropped file, saving a download, messaging
//! the host page, fetching a schema by URL.

use js_sys::{ArrayBuffer, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The bytes of a file the user picked or dropped.
pub async fn file_bytes(file: &web_sys::File) -> Result<Vec<u8>, JsValue> {
    let buffer = JsFuture::from(file.array_buffer()).await?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// Bytes from an `ArrayBuffer`, a typed array or a `DataView` sent by a host page.
pub fn bytes_of(value: &JsValue) -> Option<Vec<u8>> {
    if let Some(buffer) = value.dyn_ref::<ArrayBuffer>() {
        return Some(Uint8Array::new(buffer).to_vec());
    }
    if ArrayBuffer::is_view(value) {
        let view: &js_sys::Object = value.unchecked_ref();
        let buffer = js_sys::Reflect::get(view, &"buffer".into()).ok()?;
        let offset = js_sys::Reflect::get(view, &"byteOffset".into()).ok()?.as_f64()? as u32;
        let length = js_sys::Reflect::get(view, &"byteLength".into()).ok()?.as_f64()? as u32;
        return Some(Uint8Array::new_with_byte_offset_and_length(&buffer, offset, length).to_vec());
    }
    None
}

/// An `ArrayBuffer` holding a copy of `bytes`.
pub fn array_buffer(bytes: &[u8]) -> ArrayBuffer {
    Uint8Array::from(bytes).buffer()
}

/// Saves `bytes` as a download named `name`.
pub fn download(name: &str, bytes: &[u8], mime: &str) -> Result<(), JsValue> {
    let blob = gloo::file::Blob::new_with_options(bytes, Some(mime));
    let url = gloo::file::ObjectUrl::from(blob);
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

/// Fetches a text resource the host page asked for (a schema URL).
pub async fn fetch_text(url: &str) -> Result<String, String> {
    let response = gloo::net::http::Request::get(url).send().await.map_err(|e| e.to_string())?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    response.text().await.map_err(|e| e.to_string())
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
