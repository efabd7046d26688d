//! The schema catalog bundled at build time (see `build.rs`): every Table Schema of
//! schema.data.gouv.fr at every version, SCDL first. The index is parsed once; a schema is parsed only
//! when it is picked.

use serde::Deserialize;
use std::sync::OnceLock;
use tamis_engine::mapping::normalize_label;
use tamis_engine::{CatalogEntry, Error, Failure, Schema};

static INDEX: &str = include_str!(concat!(env!("OUT_DIR"), "/catalog.json"));
include!(concat!(env!("OUT_DIR"), "/catalog_schemas.rs"));

/// The two groups of the picker, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// The Socle Commun des Données Locales.
    Scdl,
    /// Every other Table Schema of schema.data.gouv.fr.
    Other,
}

/// One version of a schema.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Version {
    pub version: String,
    /// Its descriptor in the bundle.
    file: usize,
}

/// One schema of the catalog, every version.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Entry {
    /// Catalog name, e.g. `scdl/deliberations`.
    pub name: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Whether it belongs to the SCDL.
    #[serde(default)]
    pub scdl: bool,
    /// The schema's keywords and the catalog's labels.
    #[serde(default)]
    pub keywords: Vec<String>,
    #[serde(default)]
    pub homepage: Option<String>,
    /// Oldest first; the last one is the latest.
    pub versions: Vec<Version>,
}

impl Entry {
    pub fn group(&self) -> Group {
        if self.scdl {
            Group::Scdl
        } else {
            Group::Other
        }
    }

    /// The latest version's name.
    pub fn latest(&self) -> &str {
        self.versions.last().map(|v| v.version.as_str()).unwrap_or_default()
    }

    /// Whether every word of `query` is in the title, name or keywords, ignoring case and accents.
    pub fn matches(&self, query: &str) -> bool {
        let query = normalize_label(query);
        if query.is_empty() {
            return true;
        }
        let haystack = normalize_label(&format!("{} {} {}", self.title, self.name, self.keywords.join(" ")));
        query.split_whitespace().all(|word| haystack.contains(word))
    }

    /// The descriptor of `version` (the latest when `None`), parsed now.
    pub fn schema(&self, version: Option<&str>) -> Result<CatalogEntry, Error> {
        let found = match version {
            Some(wanted) => self.versions.iter().find(|v| v.version == wanted),
            None => self.versions.last(),
        };
        let unknown = || {
            let name = match version {
                Some(v) => format!("{} (version {v})", self.name),
                None => self.name.clone(),
            };
            Error::from(Failure::UnknownSchema { name })
        };
        let found = found.ok_or_else(unknown)?;
        let text = SCHEMAS.get(found.file).ok_or_else(unknown)?;
        Ok(CatalogEntry {
            name: self.name.clone(),
            title: self.title.clone(),
            description: self.description.clone(),
            version: found.version.clone(),
            schema: Schema::from_json(text)?,
        })
    }
}

/// The bundled catalog.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Catalog {
    /// SCDL schemas first (in the SCDL's order), then the others by title.
    pub entries: Vec<Entry>,
}

impl Catalog {
    /// The schema called `name` (e.g. `scdl/subventions`).
    pub fn find(&self, name: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.name == name)
    }

    /// The schema called `name` at its latest version, parsed now.
    pub fn get(&self, name: &str) -> Result<CatalogEntry, Error> {
        self.version(name, None)
    }

    /// The schema called `name` at `version` (the latest when `None`), parsed now.
    pub fn version(&self, name: &str, version: Option<&str>) -> Result<CatalogEntry, Error> {
        self.find(name).ok_or_else(|| Error::from(Failure::UnknownSchema { name: name.to_owned() }))?.schema(version)
    }

    /// The schemas of `group` matching `query` (see [`Entry::matches`]), in catalog order.
    pub fn search<'a>(&'a self, group: Group, query: &'a str) -> impl Iterator<Item = &'a Entry> + 'a {
        self.entries.iter().filter(move |e| e.group() == group && e.matches(query))
    }
}

/// The bundled catalog, its index parsed once.
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    // build.rs writes the index from valid JSON, so this cannot fail; an empty catalog (and the
    // schema picker saying so) would still be better than a panic.
    CATALOG.get_or_init(|| Catalog { entries: serde_json::from_str(INDEX).unwrap_or_default() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use tamis_engine::CompiledSchema;

    #[test]
    fn scdl_first_then_the_others_with_every_version() {
        let catalog = catalog();
        let first_other = catalog.entries.iter().position(|e| !e.scdl).unwrap();
        assert!(catalog.entries[..first_other].iter().all(|e| e.scdl));
        assert!(catalog.entries[first_other..].iter().all(|e| !e.scdl));
        assert_eq!(first_other, 11, "the 11 SCDL Table Schemas");
        assert!(catalog.entries.len() >= 60, "{}", catalog.entries.len());
        let subventions = catalog.find("scdl/subventions").unwrap();
        assert!(subventions.versions.len() >= 6);
        assert_eq!(catalog.get("scdl/subventions").unwrap().version, subventions.latest());
        let old = catalog.version("scdl/subventions", Some("1.1.0")).unwrap();
        assert_eq!(old.version, "1.1.0");
        assert_ne!(old.schema, catalog.get("scdl/subventions").unwrap().schema);
        let err = catalog.version("scdl/subventions", Some("9.9.9")).unwrap_err();
        assert!(err.to_string().contains("scdl/subventions (version 9.9.9)"), "{err}");
    }

    #[test]
    fn every_bundled_version_parses_and_every_latest_compiles() {
        let mut versions = 0;
        for entry in &catalog().entries {
            for version in &entry.versions {
                entry
                    .schema(Some(&version.version))
                    .unwrap_or_else(|e| panic!("{} {}: {e}", entry.name, version.version));
                versions += 1;
            }
            let latest = entry.schema(None).unwrap();
            if entry.scdl {
                CompiledSchema::compile(&latest.schema).unwrap_or_else(|e| panic!("{}: {e}", entry.name));
            }
        }
        println!("{} schemas, {versions} versions, index {} bytes", catalog().entries.len(), INDEX.len());
        println!("schema texts: {} bytes", SCHEMAS.iter().map(|s| s.len()).sum::<usize>());
    }

    #[test]
    fn search_ignores_case_and_accents() {
        let catalog = catalog();
        let names = |group, query| catalog.search(group, query).map(|e| e.name.as_str()).collect::<Vec<_>>();
        assert_eq!(names(Group::Scdl, "DELIBERATION"), ["scdl/deliberations"]);
        assert_eq!(names(Group::Scdl, "délibérations"), ["scdl/deliberations"]);
        assert!(names(Group::Scdl, "subvention").contains(&"scdl/subventions"));
        assert!(names(Group::Other, "covoiturage").contains(&"etalab/schema-lieux-covoiturage"));
        assert!(names(Group::Scdl, "covoiturage").is_empty());
        assert_eq!(names(Group::Scdl, "").len(), 11);
        // Keywords count: the IRVE schemas are labelled transport.data.gouv.fr.
        assert!(names(Group::Scdl, "transport").contains(&"etalab/schema-irve-statique"));
    }
}
