//! Mapping: which source column (or constant) fills each schema field, and the table it produces.

use crate::edit::{EditLog, Editor, EditorBuild};
use crate::error::{Error, Failure};
use crate::fr;
use crate::read::{Anomaly, Sheet};
use crate::schema::Schema;
pub use crate::table::Table;
use crate::table::{Row, RowBuilder};
pub use crate::text::normalize_label;
use crate::transform::{self, Transform};
use crate::validate::{Code, CompiledSchema, Issue};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::BTreeMap;

/// Where a field's values come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// A column of the source, by its (cleaned) header label.
    Column(String),
    /// The same text in every row, e.g. the commune's name.
    Constant(String),
}

/// The schema a recipe was made for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchemaRef {
    /// Catalog name (`scdl/deliberations`), or a label for a schema from a file or an address.
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

/// A recipe: the mapping of every schema field, saved as JSON so it can be replayed on next month's
/// export. Fields absent from `mapping` or mapped to `null` stay empty.
///
/// Version 2 adds the schema and the source headers it was made for (so a file with the same columns
/// gets it back without a click) and the transforms of each field; a version 1 recipe still loads.
/// The edits made in the fix grid ride along as an edit log, replayed by row key on the next file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Recipe {
    /// Format version of the recipe document.
    #[serde(default = "Recipe::current_version")]
    pub version: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<SchemaRef>,
    /// The source file's column labels when the recipe was made.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<String>,
    pub mapping: BTreeMap<String, Option<Source>>,
    /// For a field filled from a column, the transforms applied to each value, in order.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub transforms: BTreeMap<String, Vec<Transform>>,
    /// The fixes made to the mapped table (cells, fix-alls, replacements, deleted rows), in order.
    #[serde(default, skip_serializing_if = "EditLog::is_blank")]
    pub edits: EditLog,
}

/// How many values of a column the transform suggestion looks at.
const TRANSFORM_SAMPLE: usize = 2000;

impl Recipe {
    const VERSION: u32 = 2;

    fn current_version() -> u32 {
        Self::VERSION
    }

    /// Matches columns to fields by name, ignoring case, accents and surrounding spaces. A column fills
    /// at most one field, so two fields are never silently fed by the same column.
    pub fn by_name(schema: &Schema, headers: &[String]) -> Recipe {
        let mut used = vec![false; headers.len()];
        let mapping = schema
            .fields
            .iter()
            .map(|field| {
                let wanted = normalize_label(&field.name);
                let found = headers
                    .iter()
                    .enumerate()
                    .position(|(i, h)| !used.get(i).copied().unwrap_or(true) && normalize_label(h) == wanted);
                let source = found.and_then(|i| {
                    *used.get_mut(i)? = true;
                    headers.get(i).map(|h| Source::Column(h.clone()))
                });
                (field.name.clone(), source)
            })
            .collect();
        Recipe { version: Self::VERSION, mapping, ..Recipe::default() }
    }

    /// The mapping Tamis suggests (names, known variants, content): every High or Medium suggestion;
    /// Low ones are only shown to the user.
    /// With the safe transforms the mapped columns' values call for (dates to ISO, decimal commas…).
    pub fn suggested(schema: &Schema, sheet: &Sheet) -> Recipe {
        Recipe::from_suggestions(schema, sheet, &crate::suggest::suggest_mapping(schema, sheet))
    }

    /// [`Recipe::suggested`], from the suggestions already made for this schema and sheet (the app
    /// keeps them for the mapping screen: they cost a look at every column).
    pub fn from_suggestions(schema: &Schema, sheet: &Sheet, suggestions: &[crate::suggest::FieldSuggestion]) -> Recipe {
        let mapping: BTreeMap<String, Option<Source>> = suggestions
            .iter()
            .map(|s| {
                let confident = s.confidence >= crate::suggest::Confidence::Medium;
                (s.field.clone(), s.column.clone().filter(|_| confident).map(Source::Column))
            })
            .collect();
        let mut recipe = Recipe { version: Self::VERSION, mapping, ..Recipe::default() };
        for field in &schema.fields {
            let suggested = recipe.suggest_transforms(field, sheet);
            if !suggested.is_empty() {
                recipe.transforms.insert(field.name.clone(), suggested);
            }
        }
        recipe
    }

    /// The safe transforms for `field` given the column the recipe fills it from (none for a constant).
    pub fn suggest_transforms(&self, field: &crate::schema::Field, sheet: &Sheet) -> Vec<Transform> {
        let Some(Source::Column(label)) = self.source(&field.name) else { return Vec::new() };
        let values = column_sample(sheet, label, TRANSFORM_SAMPLE);
        transform::suggest_transforms(field, &values)
    }

    /// The transforms of `field` (empty when none).
    pub fn transforms_of(&self, field: &str) -> &[Transform] {
        self.transforms.get(field).map_or(&[], Vec::as_slice)
    }

    /// Reads a recipe from JSON (a host page's `recipe` object, or a saved file).
    pub fn from_value(value: serde_json::Value) -> Result<Recipe, Error> {
        let mut recipe: Recipe =
            serde_json::from_value(value).map_err(|e| Error::new(Failure::Recipe { detail: e.to_string() }))?;
        if recipe.version > Self::VERSION {
            return Err(Error::new(Failure::Recipe {
                detail: format!("version {} (Tamis lit jusqu'à la version {})", recipe.version, Self::VERSION),
            }));
        }
        if recipe.edits.version > EditLog::VERSION {
            return Err(Error::new(Failure::Recipe {
                detail: format!(
                    "journal des corrections en version {} (Tamis lit jusqu'à la version {})",
                    recipe.edits.version,
                    EditLog::VERSION
                ),
            }));
        }
        recipe.version = Self::VERSION;
        Ok(recipe)
    }

    /// The source of `field`, if any.
    pub fn source(&self, field: &str) -> Option<&Source> {
        self.mapping.get(field).and_then(Option::as_ref)
    }

    /// The recipe stamped with what it was made for, ready to be saved.
    pub fn for_file(mut self, schema: SchemaRef, headers: &[String]) -> Recipe {
        self.schema = Some(schema);
        self.headers = headers.to_vec();
        self
    }

    /// Whether the recipe can be replayed on a file with these columns without a question: it names
    /// at least one column, and every column it names is there.
    pub fn fits(&self, headers: &[String]) -> bool {
        let mut columns = self.mapping.values().flatten().filter_map(|source| match source {
            Source::Column(label) => Some(label),
            Source::Constant(_) => None,
        });
        let mut any = false;
        columns.all(|label| {
            any = true;
            headers.contains(label)
        }) && any
    }
}

/// The fields that name the collectivity publishing the data and give its SIRET (`COLL_NOM` and
/// `COLL_SIRET`, `nomAttribuant` and `idAttribuant`…), so the agent types them once for all rows.
pub fn collectivity_fields(schema: &Schema) -> (Option<&str>, Option<&str>) {
    const NAMES: &[&str] = &["coll_nom", "nomattribuant", "nomcollectivite", "nom_collectivite", "nomproducteur"];
    const SIRETS: &[&str] = &[
        "coll_siret",
        "idattribuant",
        "sirencollectivite",
        "siretcollectivite",
        "siret_collectivite",
        "siretproducteur",
    ];
    let find = |known: &[&str]| {
        schema.fields.iter().map(|f| f.name.as_str()).find(|name| known.contains(&normalize_label(name).as_str()))
    };
    (find(NAMES), find(SIRETS))
}

/// Up to `n` values of the column `label`, spread over the whole sheet.
pub fn column_sample<'a>(sheet: &'a Sheet, label: &str, n: usize) -> Vec<&'a str> {
    let Some(column) = sheet.headers.iter().position(|h| h == label) else { return Vec::new() };
    let rows = sheet.rows.len();
    let step = rows.div_ceil(n.max(1)).max(1);
    (0..rows).step_by(step).map(|r| sheet.cell(r, column)).collect()
}

// `Table` is a leaf (crate::table); its constructor from a sheet lives here, with the other ways a
// sheet becomes a table.
impl Table {
    /// The sheet as it is, to validate a file already in a schema's layout the way Validata does:
    /// the header's labels as written (blank or repeated ones included; blank ones past the header
    /// row's own cells dropped, so the cells below count as extra cells), rows as long or short as in
    /// the source, trailing blank rows included.
    pub fn from_sheet(sheet: &Sheet) -> Table {
        let mut fields = sheet.headers.clone();
        for renamed in &sheet.source.renamed {
            if let Some(label) = renamed.column.checked_sub(1).and_then(|i| fields.get_mut(i)) {
                label.clone_from(&renamed.original);
            }
        }
        // The header row's own trailing empty cells are blank labels; blank labels past it are not.
        fields.resize(fields.len().max(sheet.header_cells), String::new());
        while fields.len() > sheet.header_cells && fields.last().is_some_and(|l| l.trim().is_empty()) {
            fields.pop();
        }
        let mut builder = RowBuilder::default();
        let mut rows: Vec<Row> = sheet.rows.iter().map(|row| builder.row(row.iter())).collect();
        let mut source_rows = sheet.source_rows.clone();
        let last = source_rows.last().copied().unwrap_or(1);
        rows.extend((0..sheet.trailing_blank_rows).map(|_| Row::default()));
        source_rows.extend((1..=sheet.trailing_blank_rows).map(|n| last + n));
        Table { fields, rows, source_rows }
    }
}

/// A file checked as it is, the way Validata checks an uploaded file: its own table
/// ([`Table::from_sheet`]) validated against `schema`; when Validata would not read the file although
/// Tamis does, that issue alone ([`refusal`]).
pub fn as_is(schema: &Schema, sheet: &Sheet) -> Result<Editor, Error> {
    Ok(as_is_build(schema, CompiledSchema::compile(schema)?, sheet).finish())
}

/// [`as_is`], its rows still to be validated a slice at a time ([`EditorBuild`]); `compiled` is
/// `schema` compiled.
pub fn as_is_build(schema: &Schema, compiled: CompiledSchema, sheet: &Sheet) -> EditorBuild {
    Editor::build(schema, compiled, Table::from_sheet(sheet)).refused(refusal(sheet))
}

/// Why the reference validator would refuse the file as it is, where Tamis reads it for what it
/// means: a UTF-8 byte order mark over a body in another encoding (`encoding-error`: Validata decodes
/// it as UTF-8 and fails), or a workbook whose first sheet, the only one Validata reads, is empty
/// (`source-error`). The French message says what to do.
pub fn refusal(sheet: &Sheet) -> Option<Issue> {
    let source = &sheet.source;
    let issue = |code, message| Issue::of_table(code, None, message);
    if source.findings.iter().any(|f| f.kind == Anomaly::MisleadingBom) {
        let encoding = source.encoding.as_deref().unwrap_or_default();
        return Some(issue(Code::EncodingError, fr::issues::misleading_bom_refused(encoding)));
    }
    let (first, read) = (source.sheets.first()?, source.sheet.as_deref()?);
    (read != first.name && (first.rows == 0 || first.columns == 0))
        .then(|| issue(Code::SourceError, fr::issues::first_sheet_empty(&first.name, read)))
}

/// Builds the table the recipe describes. A column named in the recipe but absent from the sheet
/// gives an empty field (the mapping screen shows it as unmapped).
pub fn apply(sheet: &Sheet, schema: &Schema, recipe: &Recipe) -> Table {
    let mapper = Mapper::new(sheet, schema, recipe);
    mapper.table((0..sheet.rows.len()).map(|r| mapper.row(r)).collect())
}

/// What [`apply`] does, a row at a time: a caller with a page to keep responsive maps a large sheet in
/// slices.
///
/// ```
/// use tamis_engine::{mapping::{self, Mapper}, read, ReadOptions, Recipe, Schema};
/// let schema = Schema::from_json(r#"{"fields": [{"name": "id"}, {"name": "nom"}]}"#).unwrap();
/// let sheet = read("f.csv", b"nom;ID\na;1\nb;2\n", &ReadOptions::default()).unwrap();
/// let recipe = Recipe::by_name(&schema, &sheet.headers);
/// let mapper = Mapper::new(&sheet, &schema, &recipe);
/// assert_eq!(mapper.row(1), ["2", "b"]);
/// let table = mapper.table(vec![mapper.row(0), mapper.row(1)]);
/// assert_eq!(table, mapping::apply(&sheet, &schema, &recipe));
/// ```
pub struct Mapper<'a> {
    sheet: &'a Sheet,
    schema: &'a Schema,
    fillers: Vec<Filler<'a>>,
    /// Kept from row to row: a row is then its two allocations.
    builder: RefCell<RowBuilder>,
}

enum Filler<'a> {
    Column(usize, &'a [Transform]),
    Constant(&'a str),
    Empty,
}

impl<'a> Mapper<'a> {
    pub fn new(sheet: &'a Sheet, schema: &'a Schema, recipe: &'a Recipe) -> Mapper<'a> {
        let fillers = schema
            .fields
            .iter()
            .map(|field| match recipe.source(&field.name) {
                Some(Source::Column(label)) => sheet
                    .headers
                    .iter()
                    .position(|h| h == label)
                    .map_or(Filler::Empty, |c| Filler::Column(c, recipe.transforms_of(&field.name))),
                Some(Source::Constant(text)) => Filler::Constant(text),
                None => Filler::Empty,
            })
            .collect();
        Mapper { sheet, schema, fillers, builder: RefCell::default() }
    }

    /// Row `r` of the sheet, mapped: a cell per schema field.
    pub fn row(&self, r: usize) -> Row {
        let mut builder = self.builder.borrow_mut();
        for filler in &self.fillers {
            match filler {
                Filler::Column(c, []) => builder.push(self.sheet.cell(r, *c)),
                // A value a transform cannot repair stays as it is, for validation to report.
                Filler::Column(c, transforms) => {
                    let cell = self.sheet.cell(r, *c);
                    builder.push(transform::apply_all(transforms, cell).value_or(cell));
                }
                Filler::Constant(text) => builder.push(text),
                Filler::Empty => builder.push(""),
            }
        }
        builder.finish()
    }

    /// The table of `rows`: every row of the sheet, mapped, in order.
    pub fn table(&self, rows: Vec<Row>) -> Table {
        Table {
            fields: self.schema.fields.iter().map(|f| f.name.clone()).collect(),
            rows,
            source_rows: self.sheet.source_rows.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::{read, ReadOptions};

    fn schema() -> Schema {
        Schema::from_json(r#"{"fields": [{"name": "nomAttribuant"}, {"name": "dateConvention"}, {"name": "montant"}]}"#)
            .unwrap()
    }

    #[test]
    fn names_match_ignoring_case_accents_and_spaces() {
        let headers = ["NomAttribuant".to_string(), " DATECONVENTION ".trim().to_string(), "Montânt".into()];
        let recipe = Recipe::by_name(&schema(), &headers);
        assert_eq!(recipe.source("nomAttribuant"), Some(&Source::Column("NomAttribuant".into())));
        assert_eq!(recipe.source("dateConvention"), Some(&Source::Column("DATECONVENTION".into())));
        assert_eq!(recipe.source("montant"), Some(&Source::Column("Montânt".into())));
    }

    #[test]
    fn a_column_feeds_at_most_one_field() {
        let schema = Schema::from_json(r#"{"fields": [{"name": "a"}, {"name": "A"}]}"#).unwrap();
        let recipe = Recipe::by_name(&schema, &["a".to_string()]);
        assert_eq!(recipe.source("a"), Some(&Source::Column("a".into())));
        assert_eq!(recipe.source("A"), None);
    }

    #[test]
    fn table_has_schema_columns_in_order_with_constants() {
        let sheet = read("x.csv", b"montant,autre,nomattribuant\n12,z,Ville\n", &ReadOptions::default()).unwrap();
        let mut recipe = Recipe::by_name(&schema(), &sheet.headers);
        recipe.mapping.insert("dateConvention".into(), Some(Source::Constant("2024-01-01".into())));
        let table = apply(&sheet, &schema(), &recipe);
        assert_eq!(table.fields, ["nomAttribuant", "dateConvention", "montant"]);
        assert_eq!(table.rows, [["Ville", "2024-01-01", "12"]]);
        assert_eq!(table.source_rows, [2]);
    }

    #[test]
    fn version_1_recipes_still_load_and_recipes_fit_files_with_their_columns() {
        let v1 = serde_json::json!({"version": 1, "mapping": {"montant": {"column": "Montant"}, "objet": null}});
        let recipe = Recipe::from_value(v1).unwrap();
        assert_eq!(recipe.version, 2);
        assert_eq!(recipe.source("montant"), Some(&Source::Column("Montant".into())));
        assert!(recipe.fits(&["Objet".into(), "Montant".into()]));
        assert!(!recipe.fits(&["Objet".into()]));
        assert!(!Recipe::default().fits(&["Montant".into()]), "a recipe of constants only is not replayed blindly");
        let newer = serde_json::json!({"version": 3, "mapping": {}});
        assert!(Recipe::from_value(newer).is_err());
    }

    #[test]
    fn saved_recipe_round_trips_with_schema_and_headers() {
        let schema = SchemaRef { name: "scdl/subventions".into(), version: Some("2.1.1".into()) };
        let recipe = Recipe::by_name(&self::schema(), &["montant".to_string()]).for_file(schema, &["montant".into()]);
        let json = serde_json::to_value(&recipe).unwrap();
        assert_eq!(json["schema"]["name"], "scdl/subventions");
        assert_eq!(Recipe::from_value(json).unwrap(), recipe);
    }

    #[test]
    fn collectivity_fields_of_scdl_schemas() {
        let delib =
            Schema::from_json(r#"{"fields": [{"name": "COLL_NOM"}, {"name": "COLL_SIRET"}, {"name": "DELIB_ID"}]}"#)
                .unwrap();
        assert_eq!(collectivity_fields(&delib), (Some("COLL_NOM"), Some("COLL_SIRET")));
        assert_eq!(collectivity_fields(&schema()), (Some("nomAttribuant"), None));
    }

    #[test]
    fn recipe_json_round_trips_with_nulls() {
        let recipe = Recipe::by_name(&schema(), &["montant".to_string()]);
        let json = serde_json::to_value(&recipe).unwrap();
        assert_eq!(json["mapping"]["montant"], serde_json::json!({"column": "montant"}));
        assert_eq!(json["mapping"]["nomAttribuant"], serde_json::Value::Null);
        assert_eq!(Recipe::from_value(json).unwrap(), recipe);
    }

    #[test]
    fn a_file_validata_would_not_read_is_refused_as_it_is_and_stays_so_through_edits() {
        use crate::edit::{Edit, RowKey, RowRef};
        // A UTF-8 byte order mark over a Windows-1252 body: Tamis reads « Hérault ».
        let mut bytes = b"\xEF\xBB\xBFnomAttribuant;dateConvention;montant\n".to_vec();
        bytes.extend(b"H\xE9rault;2024-01-02;12\n");
        let sheet = read("bom.csv", &bytes, &ReadOptions::default()).unwrap();
        assert_eq!(sheet.cell(0, 0), "Hérault");
        let mut editor = as_is(&schema(), &sheet).unwrap();
        let codes = |e: &Editor| e.report().issues.iter().map(|i| i.code).collect::<Vec<_>>();
        assert_eq!(codes(&editor), [Code::EncodingError]);
        assert!(!editor.report().valid);
        assert!(editor.report().issues[0].message.contains("windows-1252"), "{}", editor.report().issues[0].message);
        let row = RowRef { index: 0, key: RowKey::SourceRow(2) };
        editor.apply(Edit::SetCell { row, field: "montant".into(), value: "13".into() }).unwrap();
        assert_eq!(codes(&editor), [Code::EncodingError]);
        // Mapped, the same file is read for what it means, with no such issue.
        let recipe = Recipe::by_name(&schema(), &sheet.headers);
        let mapped = Editor::new(&schema(), apply(&sheet, &schema(), &recipe)).unwrap();
        assert!(mapped.report().valid, "{:?}", mapped.report().issues);
    }

    #[test]
    fn a_workbook_whose_first_sheet_is_empty_is_refused_as_it_is() {
        use crate::read::SheetSummary;
        let summary = |name: &str, rows| SheetSummary { name: name.into(), rows, columns: rows.min(3) };
        let mut sheet = Sheet { headers: vec!["nomAttribuant".into()], ..Sheet::default() };
        sheet.source.sheets = vec![summary("Feuil1", 0), summary("Données", 4)];
        sheet.source.sheet = Some("Données".into());
        let issue = refusal(&sheet).expect("refused");
        assert_eq!(issue.code, Code::SourceError);
        assert!(issue.message.contains("« Feuil1 »") && issue.message.contains("« Données »"), "{}", issue.message);
        // Data on the first sheet, or another sheet chosen over a first one that holds something: read.
        sheet.source.sheet = Some("Feuil1".into());
        assert_eq!(refusal(&sheet), None);
        sheet.source.sheets[0] = summary("Feuil1", 2);
        sheet.source.sheet = Some("Données".into());
        assert_eq!(refusal(&sheet), None);
    }
}
