//! Table Schema descriptors (<https://specs.frictionlessdata.io/table-schema/>) and the catalog of
//! bundled SCDL schemas.

mod catalog;

pub use catalog::{Catalog, CatalogEntry};

use crate::error::{Error, Failure};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// A Table Schema descriptor, as published on schema.data.gouv.fr. Unknown keys are ignored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Schema {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub version: Option<String>,
    pub fields: Vec<Field>,
    /// Values read as "no value"; applies to every field without its own list.
    #[serde(default = "default_missing_values")]
    pub missing_values: Vec<String>,
    #[serde(default)]
    pub primary_key: Option<Value>,
    /// SCDL custom checks (`{"name": …, "params": {…}}`), kept as written.
    #[serde(default, rename = "custom_checks")]
    pub custom_checks: Vec<Value>,
}

fn default_missing_values() -> Vec<String> {
    vec![String::new()]
}

fn default_type() -> String {
    "string".into()
}

/// One field of a schema.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Field {
    pub name: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub example: Option<Value>,
    #[serde(default = "default_type", rename = "type")]
    pub field_type: String,
    #[serde(default)]
    pub format: Option<String>,
    #[serde(default)]
    pub constraints: Constraints,
    #[serde(default)]
    pub true_values: Option<Vec<String>>,
    #[serde(default)]
    pub false_values: Option<Vec<String>>,
    #[serde(default)]
    pub decimal_char: Option<String>,
    #[serde(default)]
    pub group_char: Option<String>,
    #[serde(default)]
    pub bare_number: Option<bool>,
    #[serde(default)]
    pub missing_values: Option<Vec<String>>,
    /// For `array` fields: the field each item of the list must conform to (its name is optional).
    #[serde(default, deserialize_with = "array_item", skip_serializing_if = "Option::is_none")]
    pub array_item: Option<Box<Field>>,
}

/// An `arrayItem` is a field descriptor whose `name` may be left out.
fn array_item<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<Box<Field>>, D::Error> {
    let mut value = Value::deserialize(deserializer)?;
    if let Value::Object(object) = &mut value {
        object.entry("name").or_insert_with(|| Value::String(String::new()));
    }
    if value.is_null() {
        return Ok(None);
    }
    // An arrayItem that is not a field descriptor is ignored rather than refusing the schema.
    Ok(serde_json::from_value(value).ok().map(Box::new))
}

impl Field {
    /// Whether the field must have a value in every row.
    pub fn required(&self) -> bool {
        self.constraints.required
    }
}

/// The constraints of a field.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Constraints {
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub unique: bool,
    #[serde(default)]
    pub pattern: Option<String>,
    #[serde(default, rename = "enum")]
    pub enumeration: Option<Vec<Value>>,
    #[serde(default)]
    pub min_length: Option<usize>,
    #[serde(default)]
    pub max_length: Option<usize>,
    #[serde(default)]
    pub minimum: Option<Value>,
    #[serde(default)]
    pub maximum: Option<Value>,
    /// Any other constraint, kept to tell the user frictionless refuses it.
    #[serde(flatten)]
    pub other: BTreeMap<String, Value>,
}

impl Constraints {
    /// The names of the constraints the schema writes (`required` and `unique` only when true).
    pub fn names(&self) -> Vec<String> {
        let known = [
            ("required", self.required),
            ("unique", self.unique),
            ("pattern", self.pattern.is_some()),
            ("enum", self.enumeration.is_some()),
            ("minLength", self.min_length.is_some()),
            ("maxLength", self.max_length.is_some()),
            ("minimum", self.minimum.is_some()),
            ("maximum", self.maximum.is_some()),
        ];
        let mut names: Vec<String> =
            known.iter().filter(|(_, present)| *present).map(|(name, _)| (*name).to_owned()).collect();
        names.extend(self.other.keys().cloned());
        names
    }
}

impl Schema {
    /// Parses a Table Schema descriptor from JSON text.
    pub fn from_json(json: &str) -> Result<Schema, Error> {
        // Through a JSON value, so that a key written twice keeps its last value, as Python's json
        // does (CEREMA's schema-arrete-circulation-marchandises 0.5.0 has two "example").
        let value: Value =
            serde_json::from_str(json).map_err(|e| Error::new(Failure::Schema { detail: e.to_string() }))?;
        Schema::from_value(value)
    }

    /// Parses a Table Schema descriptor from a JSON value (e.g. one a host page sent).
    pub fn from_value(value: Value) -> Result<Schema, Error> {
        serde_json::from_value(value).map_err(|e| Error::new(Failure::Schema { detail: e.to_string() }))
    }

    /// The field called `name`.
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_follow_table_schema() {
        let schema = Schema::from_json(r#"{"fields": [{"name": "a"}]}"#).unwrap();
        assert_eq!(schema.fields[0].field_type, "string");
        assert_eq!(schema.missing_values, [""]);
        assert!(!schema.fields[0].required());
    }

    #[test]
    fn not_a_schema_is_refused_in_french() {
        let err = Schema::from_json(r#"{"title": "x"}"#).unwrap_err();
        assert!(err.to_string().starts_with("Le schéma n'est pas un Table Schema valide"), "{err}");
    }
}
