//! The XLSX working copy, written in a Web Worker of its own (`src/reader.rs` drives it as it drives the
//! reader): a workbook of 100,000 rows takes seconds to write, which would freeze the page. For each
//! request `{id, meta, text, ends, marked}` (the table, its marked cells and the date in flat parts,
//! `XlsxParts`, moved here) it answers `{id, bytes, memory}` (the workbook, moved to the page) or `{id,
//! error, memory}` (a French message). It is started the first time a user asks for the copy, and built
//! for size: most users never ask.

use js_sys::{Reflect, Uint32Array, Uint8Array};
use tamis_engine::export::XlsxParts;
use wasm_bindgen::prelude::*;

mod common;

fn main() {
    common::serve(answer, || {});
}

fn answer(data: &JsValue, reply: &js_sys::Object, transfer: &js_sys::Array) {
    let get = |key: &str| Reflect::get(data, &key.into()).ok();
    let parts = XlsxParts {
        meta: get("meta").and_then(|m| m.as_string()).unwrap_or_default(),
        text: get("text").map(|b| Uint8Array::new(&b).to_vec()).unwrap_or_default(),
        ends: get("ends").map(|b| Uint32Array::new(&b).to_vec()).unwrap_or_default(),
        marked: get("marked").map(|b| Uint32Array::new(&b).to_vec()).unwrap_or_default(),
    };
    match parts.to_xlsx() {
        Ok(bytes) => {
            let bytes = Uint8Array::from(bytes.as_slice()).buffer();
            let _ = Reflect::set(reply, &"bytes".into(), &bytes);
            transfer.push(&bytes);
        }
        Err(error) => {
            let _ = Reflect::set(reply, &"error".into(), &error.to_string().into());
        }
    }
}
