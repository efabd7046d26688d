//! The schema catalog bundled at build time (see `build.rs`): every Table Schema of
//! schema.data.gouv.fr at every version, SCDL first.
//!
//! The index (names, titles, versions) is in the app and parsed once. The descriptors are not: they
//! would make the app's first download a tenth larger, for a schema the user has not picked yet. They
//! come in one bundle, [`Schemas`], fetched from beside the app as soon as the first screen is up (the
//! service worker keeps it with the app's other files, for offline visits), or unpacked from inside
//! the single-file app; [`schemas`] waits for it. A schema is parsed only when it is picked.

use crate::{browser, text};
use futures::future::{FutureExt, LocalBoxFuture, Shared};
use leptos::prelude::{ArcTrigger, Notify, Track};
use serde::Deserialize;
use serde_json::value::RawValue;
use std::cell::RefCell;
use std::sync::{Arc, OnceLock};
use tamis_engine::mapping::normalize_label;
use tamis_engine::{CatalogEntry, CompiledSchema, Error, Failure, Schema};

static INDEX: &str = include_str!(concat!(env!("OUT_DIR"), "/catalog.json"));
include!(concat!(env!("OUT_DIR"), "/catalog_stamp.rs"));

/// The bundle's address, beside the app's page (written there by `scripts/post-build.mjs`).
const BUNDLE_URL: &str = "schemas.json";

/// libphonenumber's metadata, beside the app's page like the bundle (see build.rs).
const PHONE_URL: &str = "phone.json";

/// Every schema version's descriptor, as compact JSON, numbered as the index's versions point at them.
#[derive(Debug)]
pub struct Schemas(Vec<Box<RawValue>>);

impl Schemas {
    /// The bundle in `text`, if it is the one this app was built with (a stale copy left in a cache
    /// by an earlier version would number its schemas otherwise).
    pub fn parse(text: &str) -> Result<Schemas, String> {
        #[derive(Deserialize)]
        struct Bundle {
            stamp: String,
            schemas: Vec<Box<RawValue>>,
        }
        let bundle: Bundle = serde_json::from_str(text).map_err(|e| text::catalog_failed(&e.to_string()))?;
        // Through black_box, the stamp stays in the wasm as text (an optimiser may otherwise compare it
        // as a few integers): the Trunk hook finds the build's bundle by looking for it there.
        if bundle.stamp != std::hint::black_box(SCHEMAS_STAMP) {
            return Err(text::CATALOG_STALE.to_owned());
        }
        Ok(Schemas(bundle.schemas))
    }
}

/// Gives the engine libphonenumber's metadata (`phone.json`'s text), if it is the one this app was
/// built with.
pub fn install_phone_metadata(text: &str) -> Result<(), String> {
    #[derive(Deserialize)]
    struct Phone<'a> {
        stamp: String,
        #[serde(borrow)]
        records: &'a RawValue,
    }
    let phone: Phone = serde_json::from_str(text).map_err(|e| e.to_string())?;
    if phone.stamp != std::hint::black_box(SCHEMAS_STAMP) {
        return Err(text::PHONE_METADATA_STALE.to_owned());
    }
    tamis_engine::validate::install_phone_metadata(phone.records.get())
}

/// Makes sure phone numbers can be checked before a table is validated against `compiled`, when it has
/// a `phone-number-value` check: libphonenumber's metadata is fetched from beside the app (unpacked
/// from inside the single-file app) the first time a schema needs it. Most never do: it is not part of
/// the app's first download.
pub async fn phone_metadata_for(compiled: &CompiledSchema) -> Result<(), String> {
    if !compiled.phone_metadata_missing() {
        return Ok(());
    }
    let text = match browser::packed_text("tamisPhone").await {
        Some(text) => text,
        None => browser::fetch_text(PHONE_URL).await,
    };
    text.and_then(|text| install_phone_metadata(&text)).map_err(|e| text::phone_metadata_failed(&e))
}

type Loading = Shared<LocalBoxFuture<'static, Result<Arc<Schemas>, String>>>;

thread_local! {
    static LOADING: RefCell<Option<Loading>> = const { RefCell::new(None) };
    /// Notified once the bundle is loaded, for the views that read [`loaded`].
    static LOADED: ArcTrigger = ArcTrigger::new();
}

/// The schema bundle: loaded at the first call (the app makes it when it starts), then kept. A load
/// that failed (no network, say) is tried again at the next call.
pub fn schemas() -> impl std::future::Future<Output = Result<Arc<Schemas>, String>> {
    let (shared, fresh) = LOADING.with(|loading| {
        let mut loading = loading.borrow_mut();
        if loading.as_ref().is_some_and(|l| matches!(l.peek(), Some(Err(_)))) {
            *loading = None;
        }
        let fresh = loading.is_none();
        (loading.get_or_insert_with(|| load().boxed_local().shared()).clone(), fresh)
    });
    async move {
        let schemas = shared.await;
        // The caller that started this load tells the views, once its result is kept.
        if fresh && schemas.is_ok() {
            LOADED.with(ArcTrigger::notify);
        }
        schemas
    }
}

/// The schema bundle, if it is loaded already. In a reactive context, it is read again once it is.
pub fn loaded() -> Option<Arc<Schemas>> {
    LOADED.with(ArcTrigger::track);
    LOADING.with(|loading| loading.borrow().as_ref()?.peek()?.as_ref().ok().cloned())
}

async fn load() -> Result<Arc<Schemas>, String> {
    // The single-file app carries the bundle, packed: its script unpacks it into this promise.
    let text = match browser::packed_text("tamisSchemas").await {
        Some(text) => text,
        None => browser::fetch_text(BUNDLE_URL).await,
    };
    let text = text.map_err(|e| text::catalog_failed(&e))?;
    Schemas::parse(&text).map(Arc::new)
}

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
    pub fn schema(&self, schemas: &Schemas, version: Option<&str>) -> Result<CatalogEntry, Error> {
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
        let text = schemas.0.get(found.file).ok_or_else(unknown)?;
        Ok(CatalogEntry {
            name: self.name.clone(),
            title: self.title.clone(),
            description: self.description.clone(),
            version: found.version.clone(),
            schema: Schema::from_json(text.get())?,
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

    /// The schema called `name` at `version` (the latest when `None`), parsed now.
    pub fn version(&self, schemas: &Schemas, name: &str, version: Option<&str>) -> Result<CatalogEntry, Error> {
        self.find(name)
            .ok_or_else(|| Error::from(Failure::UnknownSchema { name: name.to_owned() }))?
            .schema(schemas, version)
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

    const BUNDLE: &str = include_str!(concat!(env!("OUT_DIR"), "/schemas.json"));
    const PHONE: &str = include_str!(concat!(env!("OUT_DIR"), "/phone.json"));

    fn bundle() -> Schemas {
        Schemas::parse(BUNDLE).unwrap()
    }

    /// The app's engine leaves libphonenumber's metadata out (see build.rs): until `phone.json`'s is
    /// installed, a phone number is reported as not checked, never passed; once it is, the verdicts are
    /// Validata's (the engine's tests check them against the reference, with the metadata compiled in).
    #[test]
    fn phone_numbers_are_checked_with_the_metadata_beside_the_app() {
        use tamis_engine::{Code, Table};
        let schema = Schema::from_json(
            r#"{"fields": [{"name": "tel"}], "custom_checks": [{"name": "phone-number-value", "params": {"column": "tel"}}]}"#,
        )
        .unwrap();
        let compiled = CompiledSchema::compile(&schema).unwrap();
        let numbers = ["01 99 00 27 37", "12", "3949", "+33 6 12 34 56 78", "+44 20 7946 0958", "+376 653426020", "x"];
        let table = Table {
            fields: vec!["tel".into()],
            rows: numbers.iter().map(|n| [*n].into()).collect(),
            source_rows: (2..2 + numbers.len()).collect(),
        };
        let refused = |compiled: &CompiledSchema| {
            let report = compiled.validate(&table);
            assert!(report.issues.iter().all(|i| i.code == Code::PhoneNumberValue));
            report
                .issues
                .iter()
                .map(|i| (i.cell.to_string(), i.message.contains("pas pu vérifier")))
                .collect::<Vec<_>>()
        };
        // Built with the whole workspace, the engine has its metadata compiled in (a feature of its own
        // tests): there is then nothing to see before installing.
        if compiled.phone_metadata_missing() {
            assert_eq!(refused(&compiled).len(), numbers.len());
            assert!(refused(&compiled).iter().all(|(_, unchecked)| *unchecked));
        }
        let stale = PHONE.replacen(SCHEMAS_STAMP, "0123456789abcdef", 1);
        assert_eq!(install_phone_metadata(&stale), Err(text::PHONE_METADATA_STALE.to_owned()));
        install_phone_metadata(PHONE).unwrap();
        assert!(!compiled.phone_metadata_missing());
        let expected = ["12", "+376 653426020", "x"].map(|n| (n.to_owned(), false));
        assert_eq!(refused(&compiled), expected);
    }

    #[test]
    fn scdl_first_then_the_others_with_every_version() {
        let catalog = catalog();
        let schemas = bundle();
        let first_other = catalog.entries.iter().position(|e| !e.scdl).unwrap();
        assert!(catalog.entries[..first_other].iter().all(|e| e.scdl));
        assert!(catalog.entries[first_other..].iter().all(|e| !e.scdl));
        assert_eq!(first_other, 11, "the 11 SCDL Table Schemas");
        assert!(catalog.entries.len() >= 60, "{}", catalog.entries.len());
        let subventions = catalog.find("scdl/subventions").unwrap();
        assert!(subventions.versions.len() >= 6);
        let latest = catalog.version(&schemas, "scdl/subventions", None).unwrap();
        assert_eq!(latest.version, subventions.latest());
        let old = catalog.version(&schemas, "scdl/subventions", Some("1.1.0")).unwrap();
        assert_eq!(old.version, "1.1.0");
        assert_ne!(old.schema, latest.schema);
        let err = catalog.version(&schemas, "scdl/subventions", Some("9.9.9")).unwrap_err();
        assert!(err.to_string().contains("scdl/subventions (version 9.9.9)"), "{err}");
    }

    #[test]
    fn every_bundled_version_parses_and_every_latest_compiles() {
        let schemas = bundle();
        let mut versions = 0;
        for entry in &catalog().entries {
            for version in &entry.versions {
                entry
                    .schema(&schemas, Some(&version.version))
                    .unwrap_or_else(|e| panic!("{} {}: {e}", entry.name, version.version));
                versions += 1;
            }
            let latest = entry.schema(&schemas, None).unwrap();
            if entry.scdl {
                CompiledSchema::compile(&latest.schema).unwrap_or_else(|e| panic!("{}: {e}", entry.name));
            }
        }
        println!("{} schemas, {versions} versions, index {} bytes", catalog().entries.len(), INDEX.len());
        assert_eq!(versions, schemas.0.len(), "every descriptor of the bundle is some version's");
        println!("schema bundle: {} bytes", BUNDLE.len());
    }

    #[test]
    fn a_bundle_from_another_build_is_refused() {
        let other = BUNDLE.replacen(SCHEMAS_STAMP, "0123456789abcdef", 1);
        assert_eq!(Schemas::parse(&other).unwrap_err(), text::CATALOG_STALE);
        let damaged = Schemas::parse(&BUNDLE[..BUNDLE.len() / 2]).unwrap_err();
        assert!(damaged.starts_with("Le catalogue des schémas n'a pas pu être chargé"), "{damaged}");
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
