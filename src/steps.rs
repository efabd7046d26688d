//! The five steps of the flow (Fichier → Schéma → Colonnes → Corrections → Publication) and what the
//! step bar says of each, worked out from a few facts about the app state. Pure: no leptos, no web-sys,
//! so it is tested natively (`cargo test -p tamis --lib`).

use tamis_engine::mapping::normalize_label;
use tamis_engine::suggest::{Confidence, FieldSuggestion};
use tamis_engine::{Recipe, Schema, Source};

/// A step of the flow, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Step {
    Open,
    Schema,
    Mapping,
    Fix,
    Publish,
}

impl Step {
    pub const ALL: [Step; 5] = [Step::Open, Step::Schema, Step::Mapping, Step::Fix, Step::Publish];

    /// 0 to 4.
    pub fn index(self) -> usize {
        self as usize
    }

    pub fn next(self) -> Option<Step> {
        Step::ALL.get(self.index() + 1).copied()
    }

    pub fn previous(self) -> Option<Step> {
        self.index().checked_sub(1).and_then(|i| Step::ALL.get(i).copied())
    }

    /// A stable name for ids and test hooks.
    pub fn id(self) -> &'static str {
        match self {
            Step::Open => "fichier",
            Step::Schema => "schema",
            Step::Mapping => "colonnes",
            Step::Fix => "corrections",
            Step::Publish => "publication",
        }
    }
}

/// How the file meets the schema: mapped onto its fields (the default), or checked as it is, the
/// file's own columns validated exactly as Validata would (structure errors and warnings, cells, row
/// numbers of the file itself).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mode {
    #[default]
    Mapped,
    AsIs,
}

impl Mode {
    /// The protocol's name of a mode (`tamis:open`'s `mode`): `"mapped"` or `"as-is"`.
    pub fn from_name(name: &str) -> Option<Mode> {
        match name {
            "mapped" => Some(Mode::Mapped),
            "as-is" => Some(Mode::AsIs),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Mode::Mapped => "mapped",
            Mode::AsIs => "as-is",
        }
    }
}

/// Whether the file's column labels are exactly the schema's field names (in any order): a file
/// already in the schema's layout, which the app offers to check as it is.
pub fn in_schema_layout(headers: &[String], schema: &Schema) -> bool {
    let mut labels: Vec<&str> = headers.iter().map(|h| h.trim()).collect();
    let mut names: Vec<&str> = schema.fields.iter().map(|f| f.name.as_str()).collect();
    labels.sort_unstable();
    names.sort_unstable();
    !names.is_empty() && labels == names
}

/// What the step bar needs to know of the app state.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facts {
    /// A file is open.
    pub file: bool,
    /// What the reader noticed in the file for the user to look at (damaged values, totals rows).
    pub notes: usize,
    /// The user went on from the Fichier step since the file was opened.
    pub file_checked: bool,
    /// A schema is chosen.
    pub schema: bool,
    /// The mapped table is built (the file mapped onto the schema and validated).
    pub table: bool,
    /// Fields whose source the user should look at (see [`columns_to_check`]).
    pub to_check: usize,
    /// The user went through the Colonnes step, or the mapping came from a recipe or a saved session.
    pub mapping_checked: bool,
    /// Issues in the mapped table.
    pub errors: usize,
    /// Cells Tamis could not check.
    pub undecided: usize,
}

/// What the step bar says of a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Not reachable yet (no file, no schema…).
    Unavailable,
    /// Reachable, nothing done yet.
    Todo,
    /// Settled, by the user or by Tamis; it can still be opened.
    Done,
    /// Things the reader noticed in the file, to look at.
    Notes(usize),
    /// Columns to look at.
    ToCheck(usize),
    /// Errors left in the table.
    Errors(usize),
    /// No error left, but cells Tamis could not check.
    Unchecked(usize),
}

impl Facts {
    pub fn status(&self, step: Step) -> Status {
        match step {
            Step::Open if self.file && self.notes > 0 && !self.file_checked => Status::Notes(self.notes),
            Step::Open if self.file => Status::Done,
            Step::Open => Status::Todo,
            _ if !self.file => Status::Unavailable,
            Step::Schema if self.schema => Status::Done,
            Step::Schema => Status::Todo,
            _ if !self.schema => Status::Unavailable,
            Step::Mapping if self.to_check > 0 && !self.mapping_checked => Status::ToCheck(self.to_check),
            Step::Mapping => Status::Done,
            _ if !self.table => Status::Unavailable,
            Step::Fix if self.errors > 0 => Status::Errors(self.errors),
            Step::Fix if self.undecided > 0 => Status::Unchecked(self.undecided),
            Step::Fix => Status::Done,
            Step::Publish => Status::Todo,
        }
    }

    pub fn available(&self, step: Step) -> bool {
        self.status(step) != Status::Unavailable
    }

    /// Where to take the user once a file (or a schema) is in: the first step Tamis could not settle
    /// alone, or the last one reachable.
    pub fn first_unsettled(&self) -> Step {
        let mut last = Step::Open;
        for step in Step::ALL {
            match self.status(step) {
                Status::Done => last = step,
                Status::Unavailable => return last,
                _ => return step,
            }
        }
        last
    }

    /// `wanted` if it can be shown, else where the user should be.
    pub fn shown(&self, wanted: Step) -> Step {
        if self.available(wanted) {
            wanted
        } else {
            self.first_unsettled()
        }
    }
}

/// The schema fields whose source the user should look at: a required field with nothing (or an
/// empty fixed value), and a field filled from a column that neither bears its name nor is a sure
/// suggestion. A fixed value typed by the user and an optional field left empty need no look.
pub fn columns_to_check(schema: &Schema, recipe: &Recipe, suggestions: &[FieldSuggestion]) -> usize {
    schema
        .fields
        .iter()
        .filter(|field| match recipe.source(&field.name) {
            None => field.required(),
            Some(Source::Constant(value)) => field.required() && value.trim().is_empty(),
            Some(Source::Column(column)) => {
                let same_name = normalize_label(column) == normalize_label(&field.name);
                let sure = suggestions.iter().any(|s| {
                    s.field == field.name && s.column.as_ref() == Some(column) && s.confidence == Confidence::High
                });
                !same_name && !sure
            }
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> Facts {
        Facts { file: true, schema: true, table: true, ..Facts::default() }
    }

    #[test]
    fn steps_follow_each_other() {
        assert_eq!(Step::Open.next(), Some(Step::Schema));
        assert_eq!(Step::Publish.next(), None);
        assert_eq!(Step::Open.previous(), None);
        assert_eq!(Step::Fix.previous(), Some(Step::Mapping));
        assert_eq!(Step::ALL.map(Step::index), [0, 1, 2, 3, 4]);
    }

    #[test]
    fn with_nothing_open_only_the_file_step_is_reachable() {
        let none = Facts::default();
        assert_eq!(none.status(Step::Open), Status::Todo);
        for step in [Step::Schema, Step::Mapping, Step::Fix, Step::Publish] {
            assert_eq!(none.status(step), Status::Unavailable, "{step:?}");
        }
        assert_eq!(none.first_unsettled(), Step::Open);
        assert_eq!(none.shown(Step::Fix), Step::Open);
    }

    #[test]
    fn what_the_reader_noticed_keeps_the_user_on_the_file_step_until_they_go_on() {
        let f = Facts { notes: 2, ..facts() };
        assert_eq!(f.status(Step::Open), Status::Notes(2));
        assert_eq!(f.first_unsettled(), Step::Open);
        assert_eq!(f.status(Step::Schema), Status::Done, "the next steps are reachable all the same");
        let seen = Facts { file_checked: true, ..f };
        assert_eq!(seen.status(Step::Open), Status::Done);
        assert_eq!(seen.first_unsettled(), Step::Publish);
    }

    #[test]
    fn a_file_without_schema_goes_to_the_schema_step() {
        let f = Facts { file: true, ..Facts::default() };
        assert_eq!(f.status(Step::Open), Status::Done);
        assert_eq!(f.status(Step::Schema), Status::Todo);
        assert_eq!(f.status(Step::Mapping), Status::Unavailable);
        assert_eq!(f.first_unsettled(), Step::Schema);
    }

    #[test]
    fn columns_to_check_stop_at_the_mapping_until_the_user_saw_them() {
        let f = Facts { to_check: 3, errors: 212, ..facts() };
        assert_eq!(f.status(Step::Mapping), Status::ToCheck(3));
        assert_eq!(f.first_unsettled(), Step::Mapping);
        let seen = Facts { mapping_checked: true, ..f };
        assert_eq!(seen.status(Step::Mapping), Status::Done);
        assert_eq!(seen.status(Step::Fix), Status::Errors(212));
        assert_eq!(seen.first_unsettled(), Step::Fix);
    }

    #[test]
    fn a_settled_file_without_errors_goes_to_the_publication() {
        let f = facts();
        assert_eq!(f.status(Step::Mapping), Status::Done);
        assert_eq!(f.status(Step::Fix), Status::Done);
        assert_eq!(f.first_unsettled(), Step::Publish);
        let unchecked = Facts { undecided: 2, ..facts() };
        assert_eq!(unchecked.status(Step::Fix), Status::Unchecked(2));
        assert_eq!(unchecked.first_unsettled(), Step::Fix);
    }

    #[test]
    fn a_table_not_built_yet_keeps_the_user_on_the_mapping() {
        let f = Facts { table: false, ..facts() };
        assert_eq!(f.status(Step::Fix), Status::Unavailable);
        assert_eq!(f.first_unsettled(), Step::Mapping);
        assert_eq!(f.shown(Step::Publish), Step::Mapping);
        assert_eq!(f.shown(Step::Open), Step::Open);
    }

    fn schema() -> Schema {
        Schema::from_json(
            r#"{"fields": [
                {"name": "montant", "type": "number", "constraints": {"required": true}},
                {"name": "nomAttribuant", "type": "string", "constraints": {"required": true}},
                {"name": "objet", "type": "string"},
                {"name": "notes", "type": "string"},
                {"name": "siret", "type": "string", "constraints": {"required": true}}
            ]}"#,
        )
        .unwrap_or_else(|e| panic!("{e}"))
    }

    fn suggestion(field: &str, column: &str, confidence: Confidence) -> FieldSuggestion {
        FieldSuggestion {
            field: field.to_owned(),
            column: Some(column.to_owned()),
            confidence,
            score: 0.9,
            reason: String::new(),
            alternatives: Vec::new(),
        }
    }

    #[test]
    fn a_column_needs_a_look_unless_it_bears_the_field_name_or_is_a_sure_suggestion() {
        let schema = schema();
        let mut recipe = Recipe::default();
        let column = |c: &str| Some(Source::Column(c.to_owned()));
        recipe.mapping.insert("montant".into(), column("MONTANT "));
        recipe.mapping.insert("nomAttribuant".into(), column("Collectivité"));
        recipe.mapping.insert("objet".into(), column("Libellé"));
        recipe.mapping.insert("notes".into(), None);
        recipe.mapping.insert("siret".into(), Some(Source::Constant("21340172201787".into())));
        let suggestions = [
            suggestion("nomAttribuant", "Collectivité", Confidence::High),
            suggestion("objet", "Libellé", Confidence::Medium),
        ];
        // montant: same name; nomAttribuant: sure; objet: only likely; notes: optional; siret: typed.
        assert_eq!(columns_to_check(&schema, &recipe, &suggestions), 1);
        // A required field left empty, or given an empty fixed value, needs a look too.
        recipe.mapping.insert("siret".into(), Some(Source::Constant("  ".into())));
        recipe.mapping.remove("nomAttribuant");
        assert_eq!(columns_to_check(&schema, &recipe, &suggestions), 3);
    }

    #[test]
    fn a_file_is_in_the_schema_layout_when_its_labels_are_the_field_names() {
        let schema = schema();
        let labels = |l: &[&str]| l.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert!(in_schema_layout(&labels(&["montant", "nomAttribuant", "objet", "notes", "siret"]), &schema));
        // In another order, with spaces around: still the schema's fields (Validata warns of the order).
        assert!(in_schema_layout(&labels(&["siret ", "objet", "notes", "montant", "nomAttribuant"]), &schema));
        // A field missing, an extra column, another case: not the layout.
        assert!(!in_schema_layout(&labels(&["montant", "nomAttribuant", "objet", "notes"]), &schema));
        assert!(!in_schema_layout(&labels(&["montant", "nomAttribuant", "objet", "notes", "siret", "x"]), &schema));
        assert!(!in_schema_layout(&labels(&["Montant", "nomAttribuant", "objet", "notes", "siret"]), &schema));
    }

    #[test]
    fn modes_have_protocol_names_and_old_sessions_are_mapped() {
        assert_eq!(Mode::from_name("as-is"), Some(Mode::AsIs));
        assert_eq!(Mode::from_name("mapped"), Some(Mode::Mapped));
        assert_eq!(Mode::from_name("raw"), None);
        assert_eq!(Mode::AsIs.name(), "as-is");
        assert_eq!(serde_json::to_string(&Mode::AsIs).ok().as_deref(), Some("\"as-is\""));
        #[derive(serde::Deserialize)]
        struct Saved {
            #[serde(default)]
            mode: Mode,
        }
        let old: Option<Saved> = serde_json::from_str("{}").ok();
        assert_eq!(old.map(|s| s.mode), Some(Mode::Mapped));
    }
}
