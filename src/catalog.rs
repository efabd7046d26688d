//! The SCDL schemas bundled at build time (see `build.rs`).

use std::sync::OnceLock;
use tamis_engine::Catalog;

static BUNDLE: &str = include_str!(concat!(env!("OUT_DIR"), "/catalog.json"));

/// The bundled catalog, parsed once.
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    // build.rs writes the bundle from valid JSON, so this cannot fail; an empty catalog (and the
    // schema picker saying so) would still be better than a panic.
    CATALOG.get_or_init(|| Catalog::from_bundle_json(BUNDLE).unwrap_or_default())
}
