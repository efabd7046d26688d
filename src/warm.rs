//! Warming up the page's engine code before the first file. A browser runs wasm first with a quick
//! baseline compiler, and optimises a function once it turned out hot, for its *next* call: the first
//! file a user opens would be put back together, mapped and validated mostly by the slow code (the
//! second one is not). So once the first screen is up and the page is idle, a made-up sheet goes
//! through what a real one goes through on the page, a little at a time: its parts put back together,
//! the suggestions, the mapping, the validation and its report. The reader worker warms itself up the
//! same way (`src/bin/reader.rs`).
//!
//! Pure (no web API): the steps are tested natively; `lib.rs` runs them when the page is idle.

use tamis_engine::edit::{Editor, EditorBuild};
use tamis_engine::read::{Cells, SheetParts};
use tamis_engine::suggest::suggest_mapping;
use tamis_engine::{mapping, CompiledSchema, Recipe, Schema, Sheet};

/// Rows of the made-up sheet: enough for the hot functions to be optimised (a few thousand calls each).
const ROWS: usize = 3_000;

/// Rows validated per step, so that no step keeps the page busy long (a few ms each).
const ROWS_PER_STEP: usize = 500;

/// A schema with the common kinds of fields, constraints and custom checks of the SCDL schemas.
const SCHEMA: &str = r#"{
  "fields": [
    {"name": "id", "type": "string", "constraints": {"required": true, "unique": true}},
    {"name": "nomCollectivite", "type": "string", "title": "Nom de la collectivité", "constraints": {"required": true}},
    {"name": "siret", "type": "string", "constraints": {"required": true, "pattern": "^\\d{14}$"}},
    {"name": "objet", "type": "string", "constraints": {"maxLength": 500}},
    {"name": "dateDecision", "type": "date", "format": "%Y-%m-%d", "constraints": {"required": true}},
    {"name": "dateEffet", "type": "date", "format": "%Y-%m-%d"},
    {"name": "montant", "type": "number", "constraints": {"minimum": 0}},
    {"name": "effectif", "type": "integer", "constraints": {"minimum": 0}},
    {"name": "pour", "type": "integer"},
    {"name": "annee", "type": "string", "constraints": {"pattern": "^\\d{4}(/\\d{4})?$"}},
    {"name": "nature", "type": "string", "constraints": {"enum": ["Aide en numéraire", "Aide en nature"]}},
    {"name": "public", "type": "boolean", "trueValues": ["oui"], "falseValues": ["non"]},
    {"name": "lien", "type": "string", "format": "uri"}
  ],
  "custom_checks": [
    {"name": "french-siret-value", "params": {"column": "siret"}},
    {"name": "year-interval-value", "params": {"column": "annee", "allow-year-only": "yes"}},
    {"name": "compare-columns-value", "params": {"column": "dateEffet", "op": ">=", "column2": "dateDecision"}},
    {"name": "cohesive-columns-value", "params": {"column": "effectif", "othercolumns": ["pour"]}}
  ]
}"#;

/// The made-up sheet: labels as people write them, mostly good values, a few errors of each kind.
fn made_up_sheet() -> Sheet {
    let headers = [
        "Id",
        "Nom de la collectivité",
        "SIRET",
        "Objet",
        "Date de décision",
        "date effet",
        "Montant",
        "Effectif",
        "Pour",
        "Année",
        "Nature",
        "Public",
        "Lien",
    ];
    let mut rows = Cells::default();
    for i in 0..ROWS {
        let day = i % 28 + 1;
        let siret = if i % 23 == 0 { format!("2174004230{:04}", i % 10_000) } else { "21740042300011".to_owned() };
        rows.push_row([
            format!("D{i:05}"),
            format!("Commune de Saint-Étienne-{}", i % 7),
            siret,
            format!("Délibération n°{i} relative au « budget » de l'année"),
            if i % 17 == 0 { format!("{day:02}/03/2024") } else { format!("2024-03-{day:02}") },
            format!("2024-04-{day:02}"),
            if i % 31 == 0 { "n.c.".to_owned() } else { format!("{}.{:02}", i * 37, i % 100) },
            format!("{}", 20 + i % 9),
            if i % 5 == 0 { String::new() } else { format!("{}", 10 + i % 9) },
            if i % 3 == 0 { "2024/2025".to_owned() } else { "2024".to_owned() },
            if i % 29 == 0 { "numéraire".to_owned() } else { "Aide en numéraire".to_owned() },
            if i % 2 == 0 { "oui".to_owned() } else { "non".to_owned() },
            format!("https://exemple.fr/deliberations/{i}.pdf"),
        ]);
    }
    Sheet {
        headers: headers.iter().map(|h| (*h).to_owned()).collect(),
        rows,
        source_rows: (2..ROWS + 2).collect(),
        ..Sheet::default()
    }
}

/// The warm-up, a step at a time ([`Warm::step`]), each short enough for an idle moment.
#[derive(Default)]
pub struct Warm {
    stage: Stage,
}

#[derive(Default)]
enum Stage {
    #[default]
    Start,
    /// The schema is compiled; the sheet, in parts as the reader sends one.
    Parts(Box<(Schema, CompiledSchema)>, SheetParts),
    Sheet(Box<(Schema, CompiledSchema, Sheet)>),
    Validation(Box<EditorBuild>),
    Done,
}

impl Warm {
    /// Takes the next step; says whether there are more.
    pub fn step(&mut self) -> bool {
        self.stage = match std::mem::take(&mut self.stage) {
            // As the page compiles the schema a file is opened with.
            Stage::Start => {
                let schema = Schema::from_json(SCHEMA).ok();
                let compiled = schema.as_ref().and_then(|schema| CompiledSchema::compile(schema).ok());
                match (schema, compiled, made_up_sheet().into_parts()) {
                    (Some(schema), Some(compiled), Some(parts)) => Stage::Parts(Box::new((schema, compiled)), parts),
                    _ => Stage::Done,
                }
            }
            // As the page takes the reader's answer.
            Stage::Parts(schema, parts) => {
                let (schema, compiled) = *schema;
                match Sheet::from_parts(&parts.meta, parts.text, parts.ends, parts.starts) {
                    Some(sheet) => Stage::Sheet(Box::new((schema, compiled, sheet))),
                    None => Stage::Done,
                }
            }
            // As the page maps the file onto the schema, as suggested.
            Stage::Sheet(inputs) => {
                let (schema, compiled, sheet) = *inputs;
                let suggestions = suggest_mapping(&schema, &sheet);
                let recipe = Recipe::from_suggestions(&schema, &sheet, &suggestions);
                let mapper = mapping::Mapper::new(&sheet, &schema, &recipe);
                let rows = (0..sheet.rows.len()).map(|r| mapper.row(r)).collect();
                Stage::Validation(Box::new(Editor::build(&schema, compiled, mapper.table(rows))))
            }
            Stage::Validation(mut build) => {
                build.check_rows(ROWS_PER_STEP);
                if build.is_done() {
                    let editor = build.finish();
                    std::hint::black_box(editor.groups());
                    Stage::Done
                } else {
                    Stage::Validation(build)
                }
            }
            Stage::Done => Stage::Done,
        };
        !matches!(self.stage, Stage::Done)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_made_up_sheet_goes_all_the_way_with_issues_of_several_kinds() {
        let mut warm = Warm::default();
        let mut steps = 1;
        while warm.step() {
            steps += 1;
        }
        // The schema compiled, the sheet's parts put back together, mapped, then validated a slice at
        // a time: a step that fails ends the warm-up at once.
        assert_eq!(steps, 3 + ROWS.div_ceil(ROWS_PER_STEP));

        // Mapped by suggestion, as a file opened with its schema is, so every field is validated.
        let sheet = made_up_sheet();
        let schema = Schema::from_json(SCHEMA).unwrap();
        let recipe = Recipe::from_suggestions(&schema, &sheet, &suggest_mapping(&schema, &sheet));
        let mapped = schema.fields.iter().filter(|f| recipe.source(&f.name).is_some()).count();
        assert_eq!(mapped, schema.fields.len());
        let table = mapping::apply(&sheet, &schema, &recipe);
        let report = CompiledSchema::compile(&schema).unwrap().validate(&table);
        let codes: std::collections::BTreeSet<_> = report.issues.iter().map(|i| i.code).collect();
        assert!(report.issues.len() > 300 && codes.len() >= 3, "{} issues: {codes:?}", report.issues.len());
    }
}
