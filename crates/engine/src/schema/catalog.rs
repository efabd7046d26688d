use super::Schema;
use crate::error::{Error, Failure};
use serde::{Deserialize, Serialize};

/// One schema of the catalog, at one version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CatalogEntry {
    /// Catalog name, e.g. `scdl/deliberations`.
    pub name: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub version: String,
    /// The Table Schema descriptor.
    pub schema: Schema,
}

/// The schemas bundled into the app at build time (the app's build script writes the bundle from a
/// snapshot of schema.data.gouv.fr).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Catalog {
    pub entries: Vec<CatalogEntry>,
}

impl Catalog {
    /// Reads a bundle: a JSON array of entries.
    pub fn from_bundle_json(json: &str) -> Result<Catalog, Error> {
        let entries = serde_json::from_str(json).map_err(|e| Error::new(Failure::Schema { detail: e.to_string() }))?;
        Ok(Catalog { entries })
    }

    /// The entry called `name` (e.g. `scdl/subventions`), latest bundled version.
    pub fn get(&self, name: &str) -> Result<&CatalogEntry, Error> {
        self.entries
            .iter()
            .find(|e| e.name == name)
            .ok_or_else(|| Error::new(Failure::UnknownSchema { name: name.to_owned() }))
    }
}
