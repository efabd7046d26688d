//! Bundles the SCDL Table Schemas into the app at build time.
//!
//! Reads the catalog snapshot from `TAMIS_SCHEMAS_DIR` (default: `../shared/schema.data.gouv.fr/schemas`
//! beside the checkout), or, when that directory does not exist, downloads the same files from
//! `TAMIS_SCHEMAS_URL` (default: <https://schema.data.gouv.fr/schemas/>) with curl. Every schema of
//! `schemas-scdl.json` whose `schema_type` is `tableschema` is bundled, at its latest version, into
//! `$OUT_DIR/catalog.json`, which `src/catalog.rs` includes. Nothing of the snapshot is committed.

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
    match bundle(&source) {
        Ok(catalog) => {
            let text = serde_json::to_string(&catalog).unwrap_or_default();
            if let Err(e) = fs::write(out.join("catalog.json"), text) {
                fail(&format!("cannot write the bundled catalog: {e}"));
            }
        }
        Err(e) => fail(&e),
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

fn bundle(source: &Source) -> Result<Vec<Value>, String> {
    let index: Value = serde_json::from_str(&source.read("schemas-scdl.json")?)
        .map_err(|e| format!("schemas-scdl.json is not JSON: {e}"))?;
    let mut catalog = Vec::new();
    for entry in index["schemas"].as_array().into_iter().flatten() {
        if entry["schema_type"] != "tableschema" {
            continue;
        }
        let Some(latest) = entry["versions"].as_array().and_then(|v| v.last()) else {
            continue;
        };
        let url = latest["schema_url"].as_str().unwrap_or_default();
        let relative = url.strip_prefix(SITE).ok_or_else(|| format!("unexpected schema URL {url}"))?;
        let schema: Value =
            serde_json::from_str(&source.read(relative)?).map_err(|e| format!("{relative} is not JSON: {e}"))?;
        catalog.push(json!({
            "name": entry["name"],
            "title": entry["title"],
            "description": entry["description"],
            "version": latest["version_name"],
            "schema": schema,
        }));
    }
    if catalog.is_empty() {
        return Err("the catalog lists no Table Schema".into());
    }
    Ok(catalog)
}
