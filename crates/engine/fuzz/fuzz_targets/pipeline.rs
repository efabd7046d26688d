//! The whole path the app runs, on any bytes read as a CSV file: read → map by name → validate → write.
//! The schema is built here (no file from outside the repository), with every field type and constraint
//! the validator knows and every SCDL custom check, so the fuzzer reaches all of the validator.

#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::json;
use std::sync::OnceLock;
use tamis_engine::{export, mapping, read, CompiledSchema, ReadOptions, Recipe, Schema};

fn schema() -> &'static (Schema, CompiledSchema) {
    static SCHEMA: OnceLock<(Schema, CompiledSchema)> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        let descriptor = json!({
            "name": "fuzz",
            "missingValues": ["", "NA"],
            "fields": [
                {"name": "id", "type": "integer", "constraints": {"required": true, "unique": true, "minimum": 1}},
                {"name": "siret", "type": "string", "constraints": {"pattern": "^[0-9]{14}$"}},
                {"name": "nom", "type": "string", "constraints": {"required": true, "minLength": 2, "maxLength": 40}},
                {"name": "categorie", "type": "string", "constraints": {"enum": ["Aide", "Prêt", "Don"]}},
                {"name": "montant", "type": "number", "constraints": {"minimum": 0, "maximum": 1_000_000_000}},
                {"name": "montantFr", "type": "number", "decimalChar": ",", "groupChar": " ", "bareNumber": false},
                {"name": "quantite", "type": "integer", "bareNumber": false, "constraints": {"enum": [1, 2, 3]}},
                {"name": "dateDecision", "type": "date"},
                {"name": "dateFr", "type": "date", "format": "%d/%m/%Y"},
                {"name": "horodatage", "type": "date", "format": "%Y-%m-%dT%H:%M:%S"},
                {"name": "annee", "type": "year", "constraints": {"minimum": 1900, "maximum": 2100}},
                {"name": "periode", "type": "string"},
                {"name": "actif", "type": "boolean", "trueValues": ["oui", "Oui"], "falseValues": ["non", "Non"]},
                {"name": "publie", "type": "boolean"},
                {"name": "actes", "type": "string"},
                {"name": "debut", "type": "date"},
                {"name": "fin", "type": "date"},
                {"name": "total", "type": "integer"},
                {"name": "part1", "type": "integer"},
                {"name": "part2", "type": "number"},
                {"name": "latitude", "type": "number"},
                {"name": "longitude", "type": "number"},
                {"name": "courriel", "type": "string", "format": "email"},
                {"name": "site", "type": "string", "format": "uri"},
                {"name": "ref", "type": "string", "format": "uuid", "constraints": {"unique": true}},
                {"name": "telephone", "type": "string", "constraints": {"pattern": "\\+?[0-9 .\\–-]{10,20}"}},
                {"name": "plafond", "type": "number", "constraints": {"enum": ["1.5", 2, "3e2"]}},
                {"name": "etat", "type": "string", "constraints": {"enum": ["ouvert", "fermé"], "required": true}},
                {"name": "geo", "type": "geopoint"}
            ],
            "custom_checks": [
                {"name": "french-siret-value", "params": {"column": "siret"}},
                {"name": "french-siren-value", "params": {"column": "nom"}},
                {"name": "compare-columns-value", "params": {"column": "fin", "column2": "debut", "op": ">="}},
                {"name": "compare-columns-value", "params": {"column": "montant", "column2": "montantFr", "op": "<"}},
                {"name": "sum-columns-value", "params": {"column": "total", "columns": ["part1", "part2"]}},
                {"name": "nomenclature-actes-value", "params": {"column": "actes"}},
                {"name": "year-interval-value", "params": {"column": "periode", "allow-year-only": "true"}},
                {"name": "cohesive-columns-value", "params": {"column": "latitude", "othercolumns": ["longitude"]}},
                {"name": "one-of-required", "params": {"column1": "courriel", "column2": "telephone"}},
                {"name": "opening-hours-value", "params": {"column": "periode"}}
            ]
        });
        let schema = Schema::from_value(descriptor).expect("the fuzz schema is a Table Schema");
        let compiled = CompiledSchema::compile(&schema).expect("the fuzz schema compiles");
        (schema, compiled)
    })
}

fuzz_target!(|data: &[u8]| {
    let (schema, compiled) = schema();
    let Ok(sheet) = read("fuzz.csv", data, &ReadOptions::default()) else { return };
    let recipe = Recipe::by_name(schema, &sheet.headers);
    let table = mapping::apply(&sheet, schema, &recipe);
    assert!(table.rows.iter().all(|row| row.len() == schema.fields.len()));
    let report = compiled.validate(&table);
    assert_eq!(report.row_count, table.rows.len());
    let csv = export::to_csv(&table);
    assert!(!csv.is_empty());
});
