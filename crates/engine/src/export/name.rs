//! File names after the data.gouv.fr guide: `AAAAMMJJ_<SIREN>_<nom-du-jeu>.csv`, and the SIREN that
//! goes in them.

use crate::error::{Error, Failure};
use crate::fr;
use crate::mapping;
use crate::schema::Schema;
use crate::siret;
use crate::table::Table;
use crate::text::normalize_label;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Which file of the export a name is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FileKind {
    /// The CSV to publish ([`super::CsvOptions::publication`]): `20261123_217400423_deliberations.csv`.
    Publication,
    /// The CSV copy for Excel ([`super::CsvOptions::excel`]), never to publish:
    /// `20261123_217400423_deliberations_pour-excel.csv`.
    ExcelCsv,
    /// The XLSX working copy: `20261123_217400423_deliberations_pour-excel.xlsx`.
    Xlsx,
    /// The validation report: `20261123_217400423_deliberations_rapport.html`.
    Report,
    /// The validation report as data: `20261123_217400423_deliberations_rapport.json`.
    ReportJson,
    /// The recipe with its edit log: `20261123_217400423_deliberations_recette.json`.
    Recipe,
}

/// What a file name is made of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameParts<'a> {
    /// The export's date (the caller's today).
    pub date: NaiveDate,
    /// The publisher's SIREN, 9 digits ([`find_siren`], else [`parse_siren`] on what the user typed).
    pub siren: &'a str,
    /// The data set's name, slugged by [`file_name`] ([`dataset_name`] gives the default).
    pub dataset: &'a str,
    /// Whether the file passes validation; if not, the name says `_NON-CONFORME`.
    pub valid: bool,
}

/// The file name: `AAAAMMJJ_<SIREN>_<nom-du-jeu>` (lower case, no accents, hyphens), then
/// `_NON-CONFORME` when errors remain, then the kind's suffix and extension. The publication CSV is
/// the only name without a suffix, so no other file can be taken for it.
pub fn file_name(parts: &NameParts, kind: FileKind) -> String {
    // Without a SIREN (not in the data, not typed yet), the name goes without that part.
    let siren = if parts.siren.trim().is_empty() { String::new() } else { slug(parts.siren) };
    let mut name = parts.date.format("%Y%m%d").to_string();
    for part in [siren.as_str(), &slug(parts.dataset)] {
        if !part.is_empty() {
            name.push('_');
            name.push_str(part);
        }
    }
    if !parts.valid {
        name.push('_');
        name.push_str(fr::export::NOT_CONFORMING);
    }
    let (suffix, extension) = match kind {
        FileKind::Publication => (None, "csv"),
        FileKind::ExcelCsv => (Some(fr::export::FOR_EXCEL), "csv"),
        FileKind::Xlsx => (Some(fr::export::FOR_EXCEL), "xlsx"),
        FileKind::Report => (Some(fr::export::REPORT), "html"),
        FileKind::ReportJson => (Some(fr::export::REPORT), "json"),
        FileKind::Recipe => (Some(fr::export::RECIPE), "json"),
    };
    if let Some(suffix) = suffix {
        name.push('_');
        name.push_str(suffix);
    }
    name.push('.');
    name.push_str(extension);
    name
}

/// The default data set name of a schema: the last part of its catalog name (`scdl/deliberations` →
/// `deliberations`), slugged.
pub fn dataset_name(schema_name: &str) -> String {
    slug(schema_name.rsplit('/').next().unwrap_or(schema_name))
}

/// Text as a file-name slug: lower case, accents removed, every run of other characters one hyphen,
/// no hyphen at either end (`Délibérations du Conseil` → `deliberations-du-conseil`). Empty text gives
/// `donnees`.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut hyphen = false;
    for c in normalize_label(text).chars() {
        let piece: Option<&str> = match c {
            'œ' => Some("oe"),
            'æ' => Some("ae"),
            'ß' => Some("ss"),
            _ => None,
        };
        if let Some(piece) = piece {
            if hyphen && !out.is_empty() {
                out.push('-');
            }
            hyphen = false;
            out.push_str(piece);
        } else if c.is_ascii_alphanumeric() {
            if hyphen && !out.is_empty() {
                out.push('-');
            }
            hyphen = false;
            out.push(c);
        } else {
            hyphen = true;
        }
    }
    if out.is_empty() {
        fr::export::DEFAULT_DATASET.to_owned()
    } else {
        out
    }
}

/// SIRET fields of SCDL schemas that name the collectivity publishing the data, beyond those of
/// [`mapping::collectivity_fields`] (normalized labels).
const OTHER_PUBLISHER_SIRETS: &[&str] = &["bgt_siret", "menucollsiret", "platcollsiret"];

/// The field holding the publisher's SIRET (or SIREN): the collectivity's SIRET field
/// ([`mapping::collectivity_fields`]: `COLL_SIRET`, `idAttribuant`…), else `BGT_SIRET` (budget),
/// `menuCollSiret`, `platCollSiret` (school meals). `None` when the schema has none (`scdl/prenoms`).
pub fn publisher_siret_field(schema: &Schema) -> Option<&str> {
    mapping::collectivity_fields(schema).1.or_else(|| {
        schema
            .fields
            .iter()
            .map(|f| f.name.as_str())
            .find(|name| OTHER_PUBLISHER_SIRETS.contains(&normalize_label(name).as_str()))
    })
}

/// How many rows [`find_siren`] looks at.
pub const SIREN_SAMPLE: usize = 2000;

/// The publisher's SIREN, from the data: the most frequent valid SIRET (checksum included) of the
/// [`publisher_siret_field`] column, cut to its first 9 digits (a valid SIREN in that column counts
/// too). Ties go to the value met first. `None` when the schema has no such field or the column has
/// no valid value: the caller then asks the user ([`parse_siren`]). At most [`SIREN_SAMPLE`] rows,
/// spread over the table, are looked at.
pub fn find_siren(schema: &Schema, table: &Table) -> Option<String> {
    let field = publisher_siret_field(schema)?;
    let column = table.fields.iter().position(|f| f == field)?;
    // SIREN → (count, first row).
    let mut seen: HashMap<String, (usize, usize)> = HashMap::new();
    // A publisher column holds one SIRET or a few: 2,000 rows spread over the table are plenty, and
    // the app asks again after every edit.
    let step = (table.rows.len() / SIREN_SAMPLE).max(1);
    for (index, row) in table.rows.iter().enumerate().step_by(step) {
        let Some(cell) = row.get(column) else { continue };
        let digits = siret::clean_identifier(cell);
        let siren = if siret::is_siret(&digits) {
            digits.get(..9)
        } else if siret::is_siren(&digits) {
            Some(digits.as_str())
        } else {
            None
        };
        if let Some(siren) = siren {
            seen.entry(siren.to_owned()).or_insert((0, index)).0 += 1;
        }
    }
    seen.into_iter().min_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.1 .1.cmp(&b.1 .1))).map(|(siren, _)| siren)
}

/// A SIREN typed by the user, normalized: spaces (and dots) allowed, 9 digits, checksum right. A
/// SIRET (14 digits) is accepted and cut to its SIREN. The error says what is wrong, in French.
pub fn parse_siren(text: &str) -> Result<String, Error> {
    let digits = siret::clean_identifier(text);
    if siret::is_siret(&digits) {
        return Ok(digits.get(..9).unwrap_or_default().to_owned());
    }
    if siret::is_siren(&digits) {
        return Ok(digits);
    }
    let reason = if digits.is_empty() {
        fr::export::SIREN_EMPTY
    } else if !digits.bytes().all(|b| b.is_ascii_digit()) {
        fr::export::SIREN_NOT_DIGITS
    } else if digits.len() != 9 {
        fr::export::SIREN_LENGTH
    } else {
        fr::export::SIREN_CHECKSUM
    };
    Err(Error::new(Failure::Siren { text: text.to_owned(), reason }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    #[test]
    fn names_follow_the_guide_and_say_what_is_not_for_publication() {
        let mut parts = NameParts { date: date(), siren: "217400423", dataset: "deliberations", valid: true };
        assert_eq!(file_name(&parts, FileKind::Publication), "20261123_217400423_deliberations.csv");
        assert_eq!(file_name(&parts, FileKind::ExcelCsv), "20261123_217400423_deliberations_pour-excel.csv");
        assert_eq!(file_name(&parts, FileKind::Xlsx), "20261123_217400423_deliberations_pour-excel.xlsx");
        assert_eq!(file_name(&parts, FileKind::Report), "20261123_217400423_deliberations_rapport.html");
        assert_eq!(file_name(&parts, FileKind::ReportJson), "20261123_217400423_deliberations_rapport.json");
        assert_eq!(file_name(&parts, FileKind::Recipe), "20261123_217400423_deliberations_recette.json");
        parts.siren = "";
        assert_eq!(file_name(&parts, FileKind::Publication), "20261123_deliberations.csv", "no SIREN yet");
        parts.siren = "217400423";
        parts.valid = false;
        assert_eq!(file_name(&parts, FileKind::Publication), "20261123_217400423_deliberations_NON-CONFORME.csv");
        assert_eq!(
            file_name(&parts, FileKind::ExcelCsv),
            "20261123_217400423_deliberations_NON-CONFORME_pour-excel.csv"
        );
        parts.dataset = "Délibérations du Conseil / 2024 (œuvres)";
        parts.valid = true;
        assert_eq!(
            file_name(&parts, FileKind::Publication),
            "20261123_217400423_deliberations-du-conseil-2024-oeuvres.csv"
        );
    }

    #[test]
    fn slugs_and_dataset_names() {
        assert_eq!(dataset_name("scdl/deliberations"), "deliberations");
        assert_eq!(dataset_name("scdl/plats-menus-collectifs"), "plats-menus-collectifs");
        assert_eq!(dataset_name("mon schéma"), "mon-schema");
        assert_eq!(slug("  Équipements — Saint-Étienne  "), "equipements-saint-etienne");
        assert_eq!(slug("__"), "donnees");
        assert_eq!(slug("<script>"), "script");
    }

    #[test]
    fn siren_typed_by_the_user() {
        assert_eq!(parse_siren(" 217 400 423 ").unwrap(), "217400423");
        assert_eq!(parse_siren("217 400 423 00018").unwrap(), "217400423");
        let message = |text: &str| parse_siren(text).unwrap_err().to_string();
        assert!(message("217400424").contains("clé"), "{}", message("217400424"));
        assert!(message("21740042").contains("9 chiffres"), "{}", message("21740042"));
        assert!(message("21740042A").contains("chiffres"));
        assert!(message("").contains("SIREN"));
    }

    #[test]
    fn siren_found_in_the_data_is_the_most_frequent_valid_one() {
        let schema = Schema::from_json(r#"{"fields": [{"name": "COLL_NOM"}, {"name": "COLL_SIRET"}]}"#).unwrap();
        let rows = ["21740042300018", "bad", "21340172201787", "21340172201787", "21740042300018", "21340172201787"];
        let table = Table {
            fields: vec!["COLL_NOM".into(), "COLL_SIRET".into()],
            rows: rows.iter().map(|s| vec!["Ville".to_owned(), (*s).to_owned()]).map(Into::into).collect(),
            source_rows: (2..2 + rows.len()).collect(),
        };
        assert_eq!(find_siren(&schema, &table).as_deref(), Some("213401722"));
        let none = Table { rows: vec![["Ville", "12345678901234"].into()], ..table };
        assert_eq!(find_siren(&schema, &none), None);
        let no_field = Schema::from_json(r#"{"fields": [{"name": "COLL_INSEE"}]}"#).unwrap();
        assert_eq!(publisher_siret_field(&no_field), None);
    }
}
