use super::Context;
use crate::schema::Schema;
use crate::table::Table;
use crate::validate::{Code, CompiledSchema, Issue};
use std::collections::BTreeMap;
use std::fmt::Write as _;

fn table(fields: &[&str], rows: &[Vec<String>]) -> Table {
    Table {
        fields: fields.iter().map(|s| (*s).to_owned()).collect(),
        rows: rows.iter().cloned().map(Into::into).collect(),
        source_rows: (0..rows.len()).map(crate::table::spreadsheet_row).collect(),
    }
}

fn row(values: &[&str]) -> Vec<String> {
    values.iter().map(|s| (*s).to_owned()).collect()
}

/// Validates `rows` and keeps, for each code, the explanation of its first issue (or warning).
fn explain(schema: &str, fields: &[&str], rows: &[Vec<String>], into: &mut BTreeMap<&'static str, Vec<String>>) {
    let schema = Schema::from_json(schema).unwrap();
    let compiled = CompiledSchema::compile(&schema).unwrap();
    let table = table(fields, rows);
    let report = compiled.validate(&table);
    let ctx = Context { schema: &compiled, table: &table };
    for issue in report.issues.iter().chain(&report.warnings) {
        let explanation = issue.explanation(&ctx);
        let seen = into.entry(issue.code.as_str()).or_default();
        if !seen.contains(&explanation) {
            seen.push(explanation);
        }
    }
}

const MAIN: &str = r#"{"fields": [
    {"name": "ID", "type": "integer", "constraints": {"required": true, "unique": true}},
    {"name": "DATE_ACTE", "type": "date"},
    {"name": "NATURE", "type": "string", "constraints": {"enum": ["Délibération", "Arrêté", "Contrat"]}},
    {"name": "CODE_POSTAL", "type": "string", "example": "34000",
     "description": "Code postal de la [commune](https://fr.wikipedia.org/wiki/Code_postal_en_France), sur **5 chiffres**. Les codes de `Corse` commencent par 20.",
     "constraints": {"pattern": "^(0[1-9]|[1-8]\\d|9[0-8])\\d{3}$"}},
    {"name": "NOM", "type": "string", "constraints": {"minLength": 2}},
    {"name": "MONTANT", "type": "number", "constraints": {"minimum": 0}},
    {"name": "SIRET", "type": "string"},
    {"name": "SIREN", "type": "string"},
    {"name": "TEL", "type": "string"},
    {"name": "HORAIRES", "type": "string"},
    {"name": "GPS", "type": "string"},
    {"name": "MATIERE", "type": "string"},
    {"name": "ANNEES", "type": "string"},
    {"name": "DEBUT", "type": "date"},
    {"name": "FIN", "type": "date"},
    {"name": "TOTAL", "type": "integer"},
    {"name": "PART_A", "type": "integer"},
    {"name": "PART_B", "type": "integer"},
    {"name": "VOTE_EFFECTIF", "type": "integer"},
    {"name": "VOTE_REEL", "type": "integer"},
    {"name": "VOTE_POUR", "type": "integer"},
    {"name": "VOTE_CONTRE", "type": "integer"},
    {"name": "VOTE_ABSTENTION", "type": "integer"},
    {"name": "EMAIL", "type": "string"},
    {"name": "RNA", "type": "string"}],
  "custom_checks": [
    {"name": "french-siret-value", "params": {"column": "SIRET"}},
    {"name": "french-siren-value", "params": {"column": "SIREN"}},
    {"name": "phone-number-value", "params": {"column": "TEL"}},
    {"name": "opening-hours-value", "params": {"column": "HORAIRES"}},
    {"name": "french-gps-coordinates", "params": {"column": "GPS"}},
    {"name": "nomenclature-actes-value", "params": {"column": "MATIERE"}},
    {"name": "year-interval-value", "params": {"column": "ANNEES", "allow-year-only": "true"}},
    {"name": "compare-columns-value", "params": {"column": "DEBUT", "column2": "FIN", "op": "<="}},
    {"name": "sum-columns-value", "params": {"column": "TOTAL", "columns": ["PART_A", "PART_B"]}},
    {"name": "cohesive-columns-value", "params": {"column": "VOTE_EFFECTIF",
     "othercolumns": ["VOTE_REEL", "VOTE_POUR", "VOTE_CONTRE", "VOTE_ABSTENTION"]}},
    {"name": "one-of-required", "params": {"column1": "EMAIL", "column2": "RNA"}}]}"#;

fn main_fields() -> Vec<&'static str> {
    let schema: serde_json::Value = serde_json::from_str(MAIN).unwrap();
    schema["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| -> &'static str { Box::leak(f["name"].as_str().unwrap().to_owned().into_boxed_str()) })
        .collect()
}

/// A valid row of MAIN with some cells changed.
fn main_row(fields: &[&str], id: usize, changes: &[(&str, &str)]) -> Vec<String> {
    fields
        .iter()
        .map(|f| {
            if let Some((_, v)) = changes.iter().find(|(c, _)| c == f) {
                return (*v).to_owned();
            }
            match *f {
                "ID" => id.to_string(),
                "DATE_ACTE" => "2024-03-15".into(),
                "NATURE" => "Arrêté".into(),
                "CODE_POSTAL" => "34000".into(),
                "NOM" => "Dupont".into(),
                "MONTANT" => "10".into(),
                "EMAIL" => "mairie@exemple.fr".into(),
                _ => String::new(),
            }
        })
        .collect()
}

fn all_explanations() -> BTreeMap<&'static str, Vec<String>> {
    let mut out = BTreeMap::new();
    let fields = main_fields();
    let changes: Vec<Vec<(&str, &str)>> = vec![
        vec![],
        vec![("DATE_ACTE", "15/03/2024")],
        vec![("NATURE", "Délib")],
        vec![("CODE_POSTAL", "3400")],
        vec![("NOM", "X")],
        vec![("MONTANT", "-5")],
        vec![("ID", "")],
        vec![("SIRET", "1234")],
        vec![("SIREN", "1234")],
        vec![("TEL", "12")],
        vec![("HORAIRES", "lundi 9h-12h")],
        vec![("GPS", "48.85,2.35")],
        vec![("GPS", "0,0")],
        vec![("MATIERE", "Urbanisme")],
        vec![("ANNEES", "2024/2020")],
        vec![("DEBUT", "2024-02-01"), ("FIN", "2024-01-01")],
        vec![("TOTAL", "4"), ("PART_A", "1"), ("PART_B", "2")],
        vec![("VOTE_EFFECTIF", "10"), ("VOTE_POUR", "9")],
        vec![("EMAIL", "")],
    ];
    let mut rows: Vec<Vec<String>> = changes.iter().enumerate().map(|(i, c)| main_row(&fields, i + 1, c)).collect();
    rows.push(main_row(&fields, 1, &[])); // ID 1 again
    rows.push(vec![String::new(); fields.len()]);
    let mut longer = main_row(&fields, 90, &[]);
    longer.push("en trop".into());
    rows.push(longer);
    let mut shorter = main_row(&fields, 91, &[]);
    shorter.pop();
    rows.push(shorter);
    explain(MAIN, &fields, &rows, &mut out);
    // The header: a required column, an optional one and the primary key's absent, one extra, one blank.
    let header = r#"{"fields": [{"name": "id", "type": "integer", "constraints": {"required": true}},
        {"name": "nom"}, {"name": "annee", "type": "year"}], "primaryKey": ["id", "annee"]}"#;
    explain(header, &["autre", ""], &[row(&["1", "2"])], &mut out);
    explain(r#"{"fields": [{"name": "a"}, {"name": "b"}]}"#, &["b", "a"], &[row(&["1", "2"])], &mut out);
    explain(r#"{"fields": [{"name": "a"}]}"#, &["a", "a"], &[row(&["1", "2"])], &mut out);
    let key = r#"{"fields": [{"name": "id"}, {"name": "annee"}], "primaryKey": ["id", "annee"]}"#;
    explain(key, &["id", "annee"], &[row(&["A1", "2024"]), row(&["A1", "2024"])], &mut out);
    explain(
        r#"{"fields": [{"name": "m", "type": "money"}], "custom_checks": [{"name": "foo-bar"}]}"#,
        &["m"],
        &[row(&["1"])],
        &mut out,
    );
    // Not reported by a validation: a cell too costly to check; a file checked as it is that Validata
    // would not read (`mapping::refusal`, whose message is already the explanation).
    let schema = Schema::from_json(MAIN).unwrap();
    let compiled = CompiledSchema::compile(&schema).unwrap();
    let table = table(&fields, &[main_row(&fields, 1, &[])]);
    let ctx = Context { schema: &compiled, table: &table };
    for (code, row, field, cell, message) in [
        (Code::PatternUndecided, Some(2), "CODE_POSTAL", "340000000000", String::new()),
        (Code::SourceError, None, "", "", crate::fr::issues::first_sheet_empty("Feuil1", "Données")),
        (Code::EncodingError, None, "", "", crate::fr::issues::misleading_bom_refused("windows-1252")),
    ] {
        let issue = Issue {
            code,
            row,
            field: (!field.is_empty()).then(|| field.into()),
            cell: cell.into(),
            message: message.into(),
            fix: None,
        };
        out.insert(code.as_str(), vec![issue.explanation(&ctx)]);
    }
    out
}

/// One explanation per issue code, as the person reads it: a change of wording shows in review as a
/// change of this snapshot.
#[test]
fn one_explanation_per_issue_code() {
    let explanations = all_explanations();
    let mut out = String::new();
    for code in Code::ALL {
        // Every rule of a field for constraint-error, the first issue's for the other codes.
        let all = explanations.get(code.as_str()).map_or(&[][..], Vec::as_slice);
        let shown = if code == Code::ConstraintError { all } else { all.get(..1).unwrap_or_default() };
        assert!(!shown.is_empty(), "no explanation of {code}");
        for explanation in shown {
            let _ = writeln!(out, "{code}: {explanation}");
        }
    }
    insta::assert_snapshot!(out, @r#"
        type-error: Dans DATE_ACTE, « 15/03/2024 » n'a pas la forme attendue : date au format aaaa-mm-jj, par exemple 2024-03-15.
        constraint-error: Dans NATURE, « Délib » n'est pas une valeur autorisée : choisissez parmi Délibération, Arrêté, Contrat.
        constraint-error: Dans CODE_POSTAL, « 3400 » n'a pas la forme attendue : Code postal de la commune, sur 5 chiffres. Les codes de Corse commencent par 20 (par exemple 34000).
        constraint-error: Dans NOM, « X » compte 1 caractère : il en faut au moins 2.
        constraint-error: Dans MONTANT, « -5 » est trop petit : la valeur doit être au moins 0.
        constraint-error: ID est obligatoire et cette cellule est vide : remplissez-la (nombre entier, par exemple 42).
        blank-row: Cette ligne est entièrement vide : supprimez-la, un fichier publié ne doit pas contenir de ligne vide.
        unique-error: Dans ID, « 1 » est déjà présent ligne 2 : chaque ligne doit avoir une valeur différente dans ID.
        primary-key-error: L'identifiant de cette ligne (id et annee : « A1, 2024 ») est déjà celui de la ligne 2 : chaque ligne doit avoir un identifiant différent.
        extra-cell: Cette ligne a une cellule de plus que l'en-tête n'a de colonnes (« en trop ») : retirez-la, ou donnez-lui une colonne.
        missing-cell: Cette ligne s'arrête avant la colonne RNA : ajoutez la cellule manquante, même vide.
        missing-required-header: La colonne obligatoire id manque dans le fichier : ajoutez-la (nombre entier).
        blank-label: Une colonne n'a pas de nom dans l'en-tête : donnez-lui le nom d'un champ du schéma, ou retirez-la.
        general-error: Plusieurs colonnes du fichier portent le même nom : donnez à chacune un nom différent. Tant que ce n'est pas fait, aucune valeur ne peut être vérifiée.
        schema-error: Le schéma identifie chaque ligne par id et annee, mais une de ces colonnes manque dans le fichier : ajoutez-la.
        field-error: Le schéma lui-même est incorrect : ce n'est pas votre fichier qui est en cause. Signalez-le à l'auteur du schéma ; d'ici là, les données ne peuvent pas être vérifiées.
        check-error: Un contrôle que demande le schéma ne peut pas s'appliquer à ce fichier (une de ses colonnes manque, ou le schéma le décrit mal) : les données ne peuvent pas être déclarées conformes.
        source-error: Validata ne lit que la première feuille du classeur, « Feuil1 », et elle est vide : les données sont dans la feuille « Données ». Placez-les en première feuille, ou revenez à la mise en correspondance : Tamis vous fait télécharger un CSV de la feuille « Données ».
        encoding-error: Le fichier commence par la marque d'un texte UTF-8 (BOM), mais il est écrit en windows-1252 : Validata ne peut pas le lire tel quel. Enregistrez-le depuis votre tableur au format « CSV UTF-8 », ou revenez à la mise en correspondance : Tamis le lit et vous fait télécharger un CSV en UTF-8.
        french-siret-value: Dans SIRET, « 1234 » n'est pas un numéro SIRET existant : il faut les 14 chiffres de l'établissement, sans espace, par exemple 13002526500013.
        french-siren-value: Dans SIREN, « 1234 » n'est pas un numéro SIREN existant : il faut les 9 chiffres de l'entreprise ou de la collectivité, sans espace, par exemple 130025265.
        one-of-required: Au moins une des colonnes EMAIL et RNA doit être remplie : ici les deux sont vides.
        year-interval-value: Dans ANNEES, « 2024/2020 » n'est pas un intervalle d'années correct : écrivez deux années séparées par « / », la seconde après la première, par exemple 2023/2024 ou une année seule, par exemple 2024.
        cohesive-columns-value: VOTE_EFFECTIF, VOTE_REEL, VOTE_POUR, VOTE_CONTRE et VOTE_ABSTENTION doivent être tous remplis ou tous vides : ici seuls 2 sur 5 le sont.
        compare-columns-value: DEBUT (2024-02-01) doit être inférieure ou égale à FIN (2024-01-01) : corrigez l'une des deux valeurs.
        sum-columns-value: TOTAL (4) doit être égal à la somme de PART_A et PART_B : ici 1 + 2 = 3.
        nomenclature-actes-value: Dans MATIERE, « Urbanisme » ne suit pas la nomenclature des actes : écrivez la matière, « / », puis la sous-matière, par exemple « Finances locales/Subventions ».
        french-gps-coordinates: Dans GPS, « [0.0, 0.0] » n'est pas un point situé en France : écrivez la longitude puis la latitude en degrés décimaux, par exemple 2.3522,48.8566.
        reversed-french-gps-coordinates: Dans GPS, « [48.85, 2.35] » a la latitude et la longitude inversées : écrivez d'abord la longitude, puis la latitude, par exemple 2.3522,48.8566 pour Paris.
        phone-number-value: Dans TEL, « 12 » n'est pas un numéro de téléphone : 10 chiffres, par exemple 01 99 00 27 37, ou le format international, par exemple +33 1 99 00 27 37.
        opening-hours-value: Dans HORAIRES, « lundi 9h-12h » n'est pas écrit dans la syntaxe des horaires d'OpenStreetMap : jours en anglais abrégés, heures sur deux chiffres, par exemple Mo-Fr 08:30-12:00,13:30-17:00; Sa 09:00-12:00.
        missing-header-warn: La colonne facultative nom n'est pas dans le fichier : ajoutez-la, même vide si vous n'avez pas l'information.
        extra-header-warn: La colonne autre n'est pas un champ du schéma : elle n'est pas vérifiée ; retirez-la avant de publier.
        disordered-header-warn: Les colonnes ne sont pas dans l'ordre du schéma : remettez-les dans cet ordre : a, b.
        pattern-undecided: Tamis n'a pas pu vérifier si « 340000000000 » a la forme attendue dans CODE_POSTAL (Code postal de la commune, sur 5 chiffres. Les codes de Corse commencent par 20) : vérifiez-le vous-même.
    "#);
}

#[test]
fn the_votes_of_issue_15() {
    let explanations = all_explanations();
    assert_eq!(
        explanations["cohesive-columns-value"][0],
        "VOTE_EFFECTIF, VOTE_REEL, VOTE_POUR, VOTE_CONTRE et VOTE_ABSTENTION doivent être tous remplis ou tous \
         vides : ici seuls 2 sur 5 le sont."
    );
}

/// A pattern said by the field's description, which is Markdown: the sentence quotes its plain text (the
/// Lot's periods against the catalog's subventions schema, whose description links to ISO 8601).
#[test]
fn a_description_is_quoted_as_plain_text() {
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/schema.data.gouv.fr/schemas/scdl/subventions/latest/schema.json");
    let schema = Schema::from_json(&std::fs::read_to_string(path).unwrap()).unwrap();
    let description = schema.field("datesPeriodeVersement").and_then(|f| f.description.as_deref()).unwrap();
    assert!(description.contains("[ISO 8601](https://"), "the description has a Markdown link: {description}");
    let compiled = CompiledSchema::compile(&schema).unwrap();
    let fields: Vec<&str> = schema.fields.iter().map(|f| f.name.as_str()).collect();
    let period = |f: &&str| if *f == "datesPeriodeVersement" { "2018-01-01_2018-03-31" } else { "" }.to_owned();
    let table = table(&fields, &[fields.iter().map(period).collect()]);
    let report = compiled.validate(&table);
    let issue = report.issues.iter().find(|i| i.field.as_deref() == Some("datesPeriodeVersement")).unwrap();
    assert_eq!(
        issue.explanation(&Context { schema: &compiled, table: &table }),
        "Dans datesPeriodeVersement, « 2018-01-01_2018-03-31 » n'a pas la forme attendue : Si le versement est \
         unique et que la date précise est connue, alors il s'agit d'une date au format AAAA-MM-JJ suivant la \
         norme internationale ISO 8601 (par exemple 2017-03-14/2018-03-14)."
    );
}
