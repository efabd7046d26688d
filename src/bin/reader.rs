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

mod common;

fn main() {
    common::serve(answer, warm_up);
}

/// The read sheet in flat parts (its buffers moved to the page), or the French message of the error.
fn answer(data: &JsValue, reply: &js_sys::Object, transfer: &js_sys::Array) {
    match answer_to(data) {
        Ok(parts) => {
            let text = Uint8Array::from(parts.text.as_slice());
            let ends = Uint32Array::from(parts.ends.as_slice());
            let starts = Uint32Array::from(parts.starts.as_slice());
            let _ = Reflect::set(reply, &"meta".into(), &parts.meta.into());
            for (key, array) in [("text", text.buffer()), ("ends", ends.buffer()), ("starts", starts.buffer())] {
                let _ = Reflect::set(reply, &key.into(), &array);
                transfer.push(&array);
            }
        }
        Err(message) => {
            let _ = Reflect::set(reply, &"error".into(), &message.into());
        }
    }
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
