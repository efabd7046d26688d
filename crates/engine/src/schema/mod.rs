//! Table Schema descriptors (<https://specs.frictionlessdata.io/table-schema/>) and the catalog of
//! bundled SCDL schemas.

mod catalog;

pub use catalog::{Catalog, CatalogEntry};

use crate::error::{Error, ErrorKind};
use serde::{Deserialize, Serialize};
use serde_json::Value;

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
}

impl Schema {
    /// Parses a Table Schema descriptor from JSON text.
    pub fn from_json(json: &str) -> Result<Schema, Error> {
        serde_json::from_str(json).map_err(|e| Error::new(ErrorKind::Schema { detail: e.to_string() }))
    }

    /// Parses a Table Schema descriptor from a JSON value (e.g. one a host page sent).
    pub fn from_value(value: Value) -> Result<Schema, Error> {
        serde_json::from_value(value).map_err(|e| Error::new(ErrorKind::Schema { detail: e.to_string() }))
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
