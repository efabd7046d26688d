//! Bundles every Table Schema of schema.data.gouv.fr, at every version, into the app at build time, so
//! that choosing a schema never needs the network (a workshop may have none).
//!
//! Reads the catalog snapshot from `TAMIS_SCHEMAS_DIR` (default: `../shared/schema.data.gouv.fr/schemas`
//! beside the checkout), or, when that directory does not exist, downloads the same files from
//! `TAMIS_SCHEMAS_URL` (default: <https://schema.data.gouv.fr/schemas/>) with curl. Nothing of the
//! snapshot is committed. Writes to `$OUT_DIR`, for `src/catalog.rs`:
//! - `catalog.json`, the index: one entry per schema of `schemas.json` whose `schema_type` is
//!   `tableschema`, SCDL ones first (in the order of `schemas-scdl.json`), then the others by title; each
//!   with its title, description, keywords and versions (oldest first), a version pointing at its file;
//! - `schemas.json`, the bundle of every version's descriptor (`{"stamp": …, "schemas": [N: descriptor]}`).
//!   It is not compiled into the app, whose first download it would grow by a tenth: the Trunk hook
//!   (`scripts/post-build.mjs`) puts it beside the app, which fetches it once the first screen is up
//!   (`scripts/single.mjs` puts it inside the single-file app);
//! - `phone.json`, libphonenumber's metadata, which the engine's `phone-number-value` check needs and
//!   the app's wasm leaves out (a single schema of the catalog has that check):
//!   `{"stamp": …, "records": [the loader's records]}`, read by the `phonenumber` crate's own loader
//!   from the metadata file it carries (the version of `Cargo.lock`, found with `cargo metadata`). The
//!   Trunk hook puts it beside the app, which fetches it when a schema needs it;
//! - `catalog_stamp.rs`, the stamp of the bundle and of `phone.json` (a hash of both), so the app takes
//!   only those it was built with.

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::{env, fs};

const SITE: &str = "https://schema.data.gouv.fr/schemas/";

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=TAMIS_SCHEMAS_DIR");
    println!("cargo:rerun-if-env-changed=TAMIS_SCHEMAS_URL");
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let out = PathBuf::from(env::var("OUT_DIR").unwrap_or_default());
    let dir = env::var("TAMIS_SCHEMAS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| manifest.join("../shared/schema.data.gouv.fr/schemas"));
    let source = if dir.join("schemas-scdl.json").is_file() {
        Source::Dir(dir)
    } else {
        let base = env::var("TAMIS_SCHEMAS_URL").unwrap_or_else(|_| SITE.to_owned());
        println!("cargo:warning=schema snapshot not found at {}; downloading from {base}", dir.display());
        Source::Site { base, cache: out.join("schemas-download") }
    };
    if let Err(e) = bundle(&source, &manifest, &out) {
        fail(&e);
    }
}

fn fail(message: &str) -> ! {
    eprintln!(
        "error: {message}\nSet TAMIS_SCHEMAS_DIR to a snapshot of https://schema.data.gouv.fr/schemas/ \
         (the folder holding schemas-scdl.json), or build where that site is reachable."
    );
    std::process::exit(1);
}

enum Source {
    Dir(PathBuf),
    Site { base: String, cache: PathBuf },
}

impl Source {
    /// The text of `relative` (a path under the catalog root, as in the site's URLs).
    fn read(&self, relative: &str) -> Result<String, String> {
        match self {
            Source::Dir(dir) => {
                let path = dir.join(relative);
                println!("cargo:rerun-if-changed={}", path.display());
                fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))
            }
            Source::Site { base, cache } => {
                let path = cache.join(relative);
                if !path.is_file() {
                    download(&format!("{base}{relative}"), &path)?;
                }
                fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))
            }
        }
    }
}

fn download(url: &str, to: &Path) -> Result<(), String> {
    if let Some(parent) = to.parent() {
        fs::create_dir_all(parent).map_err(|e| e.to_string())?;
    }
    let status = Command::new("curl")
        .args(["-fsSL", "--max-time", "60", "-o"])
        .arg(to)
        .arg(url)
        .status()
        .map_err(|e| format!("cannot run curl to download {url}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("cannot download {url}"))
    }
}

fn json(source: &Source, relative: &str) -> Result<Value, String> {
    serde_json::from_str(&source.read(relative)?).map_err(|e| format!("{relative} is not JSON: {e}"))
}

/// Words to find a schema by: its keywords and the catalog's labels, without repeats.
fn keywords(entry: &Value, schema: &Value) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for word in schema["keywords"].as_array().into_iter().chain(entry["labels"].as_array()).flatten() {
        if let Some(word) = word.as_str().map(str::trim).filter(|w| !w.is_empty()) {
            if !words.iter().any(|w| w == word) {
                words.push(word.to_owned());
            }
        }
    }
    words
}

/// libphonenumber's metadata as the engine installs it (`tamis_engine::validate::install_phone_metadata`):
/// the records of `phonenumber::metadata::loader`, as JSON, read from the XML file of the `phonenumber`
/// crate that the app is built with.
fn phone_metadata(manifest: &Path) -> Result<String, String> {
    let cargo = env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    // Every package of the lockfile, other platforms' too: from cargo's cache (scripts/setup.sh fetches
    // them all), else from the registry.
    let metadata = |offline: bool| {
        let mut command = Command::new(&cargo);
        command.args(["metadata", "--format-version", "1", "--locked"]).current_dir(manifest);
        if offline {
            command.arg("--offline");
        }
        command.output().map_err(|e| format!("cannot run cargo metadata: {e}"))
    };
    let mut output = metadata(true)?;
    if !output.status.success() {
        output = metadata(false)?;
    }
    if !output.status.success() {
        return Err(format!("cargo metadata failed: {}", String::from_utf8_lossy(&output.stderr)));
    }
    let metadata: Value = serde_json::from_slice(&output.stdout).map_err(|e| format!("cargo metadata: {e}"))?;
    let crates: Vec<&str> = metadata
        .get("packages")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|p| p["name"] == "phonenumber")
        .filter_map(|p| p["manifest_path"].as_str())
        .collect();
    let [crate_manifest] = crates.as_slice() else {
        return Err(format!("expected one phonenumber crate in the build, found {}", crates.len()));
    };
    let xml = Path::new(crate_manifest).with_file_name("assets").join("PhoneNumberMetadata.xml");
    println!("cargo:rerun-if-changed={}", xml.display());
    let file = fs::File::open(&xml).map_err(|e| format!("cannot read {}: {e}", xml.display()))?;
    let records = phonenumber::metadata::loader::load(std::io::BufReader::new(file))
        .map_err(|e| format!("cannot load {}: {e:?}", xml.display()))?;
    serde_json::to_string(&records).map_err(|e| e.to_string())
}

fn bundle(source: &Source, manifest: &Path, out: &Path) -> Result<(), String> {
    let index = json(source, "schemas.json")?;
    let scdl = json(source, "schemas-scdl.json")?;
    let scdl_names: Vec<&str> = scdl
        .get("schemas")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|e| e["name"].as_str())
        .collect();
    let mut entries: Vec<&Value> = index
        .get("schemas")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|e| e["schema_type"] == "tableschema" && e["versions"].as_array().is_some_and(|v| !v.is_empty()))
        .collect();
    let rank = |e: &Value| {
        let name = e["name"].as_str().unwrap_or_default();
        match scdl_names.iter().position(|n| *n == name) {
            Some(i) => (0, i, String::new()),
            None => (1, 0, e["title"].as_str().unwrap_or(name).to_lowercase()),
        }
    };
    entries.sort_by_key(|e| rank(e));

    let mut schemas = Vec::new();
    let mut catalog = Vec::new();
    for entry in entries {
        let name = entry["name"].as_str().unwrap_or_default();
        let mut versions = Vec::new();
        for version in entry["versions"].as_array().into_iter().flatten() {
            let url = version["schema_url"].as_str().unwrap_or_default();
            let relative = url.strip_prefix(SITE).ok_or_else(|| format!("unexpected schema URL {url}"))?;
            versions.push(json!({ "version": version["version_name"], "file": schemas.len() }));
            schemas.push(json(source, relative)?);
        }
        // Every entry has a version (see the filter above): the last one pushed is its latest.
        let latest = schemas.last().unwrap_or(&Value::Null);
        catalog.push(json!({
            "name": name,
            "title": entry["title"],
            "description": entry["description"],
            "scdl": scdl_names.contains(&name),
            "keywords": keywords(entry, latest),
            "homepage": entry["homepage"],
            "versions": versions,
        }));
    }
    if catalog.is_empty() {
        return Err("the catalog lists no Table Schema".into());
    }
    let text = serde_json::to_string(&catalog).map_err(|e| e.to_string())?;
    fs::write(out.join("catalog.json"), text).map_err(|e| format!("cannot write the bundled catalog: {e}"))?;
    // Written by hand so that the stamp comes first: scripts/post-build.mjs reads it there.
    let schemas = serde_json::to_string(&schemas).map_err(|e| e.to_string())?;
    let phone = phone_metadata(manifest)?;
    let stamp = stamp(&format!("{schemas}{phone}"));
    let bundle = format!(r#"{{"stamp":"{stamp}","schemas":{schemas}}}"#);
    fs::write(out.join("schemas.json"), bundle).map_err(|e| format!("cannot write the schema bundle: {e}"))?;
    let phone = format!(r#"{{"stamp":"{stamp}","records":{phone}}}"#);
    fs::write(out.join("phone.json"), phone).map_err(|e| format!("cannot write the phone metadata: {e}"))?;
    let rust = format!("/// The stamp of the schema bundle and of `phone.json` this app was built with (see build.rs).\npub const SCHEMAS_STAMP: &str = {stamp:?};\n");
    fs::write(out.join("catalog_stamp.rs"), rust).map_err(|e| format!("cannot write the bundle's stamp: {e}"))
}

/// A stamp for `text`: FNV-1a, 64 bits, in hex. It tells bundles apart (a stale copy in a cache, say),
/// it guards against no one.
fn stamp(text: &str) -> String {
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    format!("{hash:016x}")
}
