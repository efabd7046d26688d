//! Every French sentence the engine shows a person, in one place. Issue messages follow Validata's
//! wording where it is clear, so a commune agent reads the same words in Tamis and on validata.fr;
//! where Validata speaks English or garbles the text, the wording here is Tamis's own.

use crate::error::ErrorKind;
use crate::read::{Finding, FindingKind};

/// The message for an operational error: what is wrong and what to do.
pub fn error(kind: &ErrorKind) -> String {
    match kind {
        ErrorKind::EmptyFile => "Le fichier est vide : il ne contient aucune donnée. Vérifiez que vous avez \
            choisi le bon fichier, ou enregistrez-le à nouveau depuis votre tableur."
            .into(),
        ErrorKind::TooLarge { size, max } => format!(
            "Ce fichier est trop volumineux ({} Mo) : Tamis lit les fichiers jusqu'à {} Mo. Découpez-le \
             (par exemple par année) ou retirez les colonnes inutiles, puis réessayez.",
            size / (1024 * 1024),
            max / (1024 * 1024)
        ),
        ErrorKind::UnknownEncoding { name } => {
            format!(
                "L'encodage « {name} » est inconnu. Choisissez UTF-8, windows-1252 ou un autre encodage de la liste."
            )
        }
        ErrorKind::NotTabular { what } => format!(
            "Ce fichier est {what}, pas un tableau. Ouvrez les données dans votre tableur (Excel, \
             LibreOffice) et enregistrez-les au format CSV, XLSX ou ODS, puis choisissez ce fichier."
        ),
        ErrorKind::Binary => "Ce fichier n'est ni un texte (CSV) ni un classeur que Tamis sait lire. \
            Enregistrez-le depuis votre tableur au format CSV, XLSX, XLS ou ODS."
            .into(),
        ErrorKind::DamagedWorkbook { detail } => format!(
            "Ce classeur est endommagé ou incomplet et ne peut pas être lu ({detail}). Ouvrez-le dans \
             votre tableur, enregistrez-le à nouveau, puis réessayez."
        ),
        ErrorKind::Encrypted => "Ce classeur est protégé par un mot de passe. Ouvrez-le dans votre \
            tableur, retirez la protection (ou enregistrez une copie sans mot de passe), puis réessayez."
            .into(),
        ErrorKind::SheetTooLarge { sheet, rows, columns } => format!(
            "La feuille « {sheet} » s'étend sur {rows} lignes et {columns} colonnes : c'est trop pour Tamis. \
             Des cellules isolées loin du tableau en sont souvent la cause : supprimez les lignes et colonnes \
             vides après vos données dans votre tableur, enregistrez, puis réessayez."
        ),
        ErrorKind::TooManyCells { max, row: Some(row) } => format!(
            "Ce fichier compte plus de {} cellules (limite atteinte à la ligne {}) : c'est trop pour Tamis. \
             Découpez-le en plusieurs fichiers (par exemple par année) ou retirez les colonnes inutiles, puis \
             réessayez.",
            thousands(*max),
            thousands(*row)
        ),
        ErrorKind::TooManyCells { max, row: None } => format!(
            "Les feuilles de ce classeur comptent ensemble plus de {} cellules remplies : c'est trop pour Tamis. \
             Enregistrez la feuille à traiter seule dans un nouveau classeur (ou en CSV), puis réessayez.",
            thousands(*max)
        ),
        ErrorKind::NoData => "Ce classeur ne contient aucune feuille avec des données.".into(),
        ErrorKind::SheetNotFound { name, available } => format!(
            "La feuille « {name} » n'existe pas dans ce classeur. Feuilles disponibles : {}.",
            available.join(", ")
        ),
        ErrorKind::Csv { record, detail } => format!(
            "La ligne {record} du fichier ne peut pas être lue ({detail}). Enregistrez le fichier à \
             nouveau depuis votre tableur au format CSV."
        ),
        ErrorKind::Schema { detail } => format!("Le schéma n'est pas un Table Schema valide ({detail})."),
        ErrorKind::SchemaUnsupported { field, detail } => {
            format!("Le champ « {field} » du schéma utilise une règle que Tamis ne sait pas appliquer : {detail}.")
        }
        ErrorKind::UnknownSchema { name } => format!(
            "Le schéma « {name} » est inconnu. Indiquez un nom du catalogue (par exemple \
             « scdl/deliberations »), une adresse ou le schéma lui-même."
        ),
        ErrorKind::Recipe { detail } => {
            format!("La recette n'est pas valide ({detail}). Vérifiez qu'il s'agit bien d'une recette Tamis.")
        }
        ErrorKind::Siren { text, reason } => format!(
            "« {text} » n'est pas un numéro SIREN valide : {reason} Le SIREN de votre collectivité figure sur \
             l'annuaire des entreprises (annuaire-entreprises.data.gouv.fr)."
        ),
        ErrorKind::Xlsx { detail } => {
            format!("La copie au format Excel (XLSX) ne peut pas être produite ({detail}). Téléchargez le fichier CSV.")
        }
    }
}

pub const REQUIRED: &str = "Une valeur doit être renseignée.";
pub const BLANK_ROW: &str = "Les lignes vides doivent être retirées de la table.";
pub const INTEGER: &str = "La valeur doit être un nombre entier.";
pub const YEAR: &str = "L'année doit être composée de 4 chiffres.";
pub const NUMBER: &str = "La valeur ne doit comporter que des chiffres et le point comme séparateur décimal.";
pub const DATE: &str = "La date doit être écrite sous la forme aaaa-mm-jj.";
pub const EMAIL: &str = "La valeur doit être une adresse email.";
pub const URI: &str = "La valeur doit être une adresse de site ou de page internet (URL).";
pub const UUID: &str = "La valeur doit être un UUID.";

pub fn number_with_comma(suggestion: &str) -> String {
    format!("Le séparateur décimal à utiliser est le point (« {suggestion} »).")
}

pub fn date_expected(iso: &str) -> String {
    format!("La forme attendue est « {iso} ».")
}

pub fn date_with_format(format: &str) -> String {
    format!("La date doit être écrite sous la forme {format}.")
}

/// `{`t1`, `t2` et `t3`} (vrai) et {`f1`} (faux)`, as Validata lists them.
pub fn boolean(true_values: &[String], false_values: &[String]) -> String {
    format!("Les valeurs acceptées sont {} (vrai) et {} (faux).", listing(true_values), listing(false_values))
}

fn listing(values: &[String]) -> String {
    let quoted: Vec<String> = values.iter().map(|v| format!("« {v} »")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} et {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

pub fn min_length(min: usize, actual: usize) -> String {
    format!("Le texte attendu doit comporter au moins {min} caractère(s) (au lieu de {actual} actuellement).")
}

pub fn max_length(max: usize, actual: usize) -> String {
    format!("Le texte attendu ne doit pas comporter plus de {max} caractère(s) (au lieu de {actual} actuellement).")
}

pub fn minimum(min: &str) -> String {
    format!("La valeur attendue doit être au moins égale à {min}.")
}

pub fn maximum(max: &str) -> String {
    format!("La valeur attendue doit être au plus égale à {max}.")
}

/// The pattern message: Validata shows the field's description and example, which say in words what
/// the regular expression means.
pub fn pattern(description: Option<&str>, example: Option<&str>) -> String {
    let mut message = String::from("La valeur ne respecte pas le format attendu.");
    if let Some(description) = description.map(str::trim).filter(|d| !d.is_empty()) {
        message.push(' ');
        message.push_str(description);
    }
    if let Some(example) = example.map(str::trim).filter(|e| !e.is_empty()) {
        message.push_str(&format!(" Exemple valide : {example}"));
    }
    message
}

/// A cell Tamis could not check against its field's pattern (the pattern needs too much backtracking
/// on it): never counted as valid.
pub fn pattern_undecided(field: &str) -> String {
    format!(
        "Tamis n'a pas pu vérifier cette valeur contre le motif du champ « {field} » (trop complexe à \
         analyser) : vérifiez-la à la main."
    )
}

/// The line of `Report::unchecked` for a field with cells not checked against its pattern.
pub fn pattern_undecided_unchecked(field: &str, count: usize) -> String {
    if count == 1 {
        format!("{field} (motif non vérifié sur 1 valeur trop complexe à analyser : vérifiez-la à la main)")
    } else {
        format!("{field} (motif non vérifié sur {count} valeurs trop complexes à analyser : vérifiez-les à la main)")
    }
}

pub fn enumeration(allowed: &[String]) -> String {
    match allowed {
        [only] => format!("L'unique valeur autorisée est : {only}."),
        _ => format!("Les seules valeurs autorisées sont :\n- {}", allowed.join("\n- ")),
    }
}

pub fn unique(previous_row: usize) -> String {
    format!(
        "Cette valeur est déjà présente à la ligne {previous_row} : chaque valeur de cette colonne doit \
         être unique."
    )
}

pub fn siret(cell: &str) -> String {
    format!("La valeur {cell} n'est pas un numéro SIRET français valide.")
}

pub fn siren(cell: &str) -> String {
    format!("La valeur {cell} n'est pas un numéro SIREN français valide.")
}

pub fn one_of_required(column1: &str, column2: &str) -> String {
    format!(
        "incohérence relevée (Au moins l'une des colonnes '{column1}' ou '{column2}' doit comporter une \
         valeur.)."
    )
}

pub fn year_interval(cell: &str, note: &str) -> String {
    format!("L'année ou l'intervalle d'années « {cell} » est incorrect ({note}).")
}

pub fn cohesive(columns: &[&str]) -> String {
    format!(
        "incohérence relevée (Les colonnes {} doivent toutes comporter une valeur ou toutes être vides).",
        columns.join(", ")
    )
}

pub fn compare(column: &str, value: &str, label: &str, column2: &str, value2: &str) -> String {
    format!(
        "La valeur de la colonne {column} « {value} » devrait être {label} à la valeur de la colonne \
         {column2} « {value2} »."
    )
}

pub fn not_comparable(column: &str, value: &str, column2: &str, value2: &str) -> String {
    format!(
        "La valeur de la colonne {column} « {value} » n'est pas comparable avec la valeur de la colonne \
         {column2} « {value2} »."
    )
}

pub fn sum(terms: &[(&str, &str)], sum: i128, column: &str, total: &str) -> String {
    let terms: Vec<String> = terms.iter().map(|(c, v)| format!("{c} ({v})")).collect();
    format!(
        "La somme des colonnes {} vaut {sum}, ce qui est différent de la valeur de la colonne {column} ({total}).",
        terms.join(", ")
    )
}

pub fn nomenclature(cell: &str, note: &str) -> String {
    format!("La valeur « {cell} » ne respecte pas le format des nomenclatures d'actes ({note}).")
}

pub const EXTRA_CELL: &str =
    "Cette ligne a plus de cellules que l'en-tête n'a de colonnes : retirez la valeur en trop ou ajoutez la colonne.";
pub const MISSING_CELL: &str = "Cette ligne s'arrête avant cette colonne : la cellule manque.";

pub fn primary_key(previous_row: usize) -> String {
    format!(
        "Cette ligne a la même clé que la ligne {previous_row} : chaque ligne doit avoir une clé (identifiant) \
         différente."
    )
}

pub const PRIMARY_KEY_EMPTY: &str =
    "L'identifiant de cette ligne (la clé primaire du schéma) est vide : renseignez-le.";

pub fn primary_key_absent(fields: &[String]) -> String {
    format!(
        "La clé primaire du schéma ({}) ne peut pas être vérifiée : une de ses colonnes manque dans le fichier.",
        fields.join(", ")
    )
}

pub fn duplicate_labels(labels: &[&str]) -> String {
    let shown: Vec<String> =
        labels.iter().map(|l| if l.is_empty() { "(vide)".to_owned() } else { format!("« {l} »") }).collect();
    format!(
        "Plusieurs colonnes portent le même nom ({}) : renommez-les pour que chaque nom soit unique. Tant \
         que ce n'est pas fait, les données ne peuvent pas être vérifiées.",
        shown.join(", ")
    )
}

pub fn blank_label(position: usize) -> String {
    format!("La colonne n° {position} n'a pas de nom dans l'en-tête : donnez-lui le nom d'un champ du schéma.")
}

pub fn missing_required_header(name: &str) -> String {
    format!("La colonne obligatoire « {name} » est manquante.")
}

pub fn missing_header_warn(name: &str) -> String {
    format!("Ajoutez la colonne manquante « {name} ».")
}

pub fn extra_header_warn(label: &str) -> String {
    format!("Retirez la colonne « {label} » non définie dans le schéma.")
}

pub fn disordered_header_warn(names: &[&str]) -> String {
    format!("Réordonnez les colonnes du fichier pour respecter le schéma : {}.", names.join(", "))
}

/// A short French name for an issue code, for counts and headings (Validata's names where they are French).
pub fn code_name(code: &str) -> &'static str {
    match code {
        "type-error" => "Format incorrect",
        "constraint-error" => "Contrainte non respectée",
        "blank-row" => "Ligne vide",
        "unique-error" => "Valeur en double",
        "primary-key-error" => "Identifiant de ligne en double",
        "extra-cell" => "Valeur surnuméraire",
        "missing-cell" => "Cellule manquante",
        "missing-required-header" => "Colonne obligatoire manquante",
        "blank-label" => "Colonne sans nom",
        "general-error" => "Colonnes en double",
        "schema-error" | "field-error" => "Schéma inapplicable",
        "check-error" => "Contrôle du schéma inapplicable",
        "french-siret-value" => "Numéro SIRET invalide",
        "french-siren-value" => "Numéro SIREN invalide",
        "one-of-required" => "Valeur manquante",
        "year-interval-value" => "Année ou intervalle d'années",
        "cohesive-columns-value" => "Cohérence entre colonnes",
        "compare-columns-value" => "Comparaison de colonnes",
        "sum-columns-value" => "Somme de colonnes",
        "nomenclature-actes-value" => "Nomenclature Actes",
        "french-gps-coordinates" => "Coordonnées GPS hors de France",
        "reversed-french-gps-coordinates" => "Coordonnées GPS inversées",
        "phone-number-value" => "Numéro de téléphone invalide",
        "opening-hours-value" => "Horaires d'ouverture incorrects",
        "missing-header-warn" => "Colonne manquante",
        "extra-header-warn" => "Colonne surnuméraire",
        "disordered-header-warn" => "Colonnes désordonnées",
        "pattern-undecided" => "Valeur non vérifiée",
        _ => "Erreur",
    }
}

/// The note shown when a schema uses rules this version of Tamis does not check yet.
pub fn unchecked(rules: &[String]) -> String {
    format!("Règles du schéma pas encore vérifiées par Tamis : {}.", rules.join(", "))
}

/// What a reader finding means for the user, in one sentence.
pub fn finding(finding: &Finding) -> String {
    let column = finding.column.as_deref().map(|c| format!("Colonne « {c} » : ")).unwrap_or_default();
    let rows = finding.rows.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
    let (n, example) = (finding.count, &finding.example);
    let what = match finding.kind {
        FindingKind::ScientificNotation => format!(
            "{n} nombre(s) écrit(s) en notation scientifique (ex. « {example} ») : le tableur a arrondi ces \
             nombres et leurs derniers chiffres sont perdus. Reprenez ces valeurs depuis la source d'origine."
        ),
        FindingKind::FloatIdentifier => format!(
            "{n} identifiant(s) passé(s) par un nombre à virgule (ex. « {example} ») : les derniers chiffres \
             peuvent être faux. Vérifiez-les dans la source d'origine."
        ),
        FindingKind::LostLeadingZero => {
            format!("{n} code(s) auquel(s) il manque sans doute le zéro initial (ex. « {example} »).")
        }
        FindingKind::ErrorCell => format!("{n} cellule(s) contiennent une erreur du tableur (ex. « {example} »)."),
        FindingKind::OoxmlEscape => {
            format!("{n} valeur(s) contiennent un code Excel « _x…_ » à la place d'un caractère (ex. « {example} »).")
        }
        FindingKind::ControlCharacter => format!("{n} valeur(s) contiennent un caractère invisible de contrôle."),
        FindingKind::MisleadingBom => "Le fichier se déclare en UTF-8 mais il est écrit dans un autre encodage : \
            Tamis l'a lu comme tel."
            .to_owned(),
        FindingKind::FormulaLike => formula_like(n, &finding.leading, example),
    };
    if rows.is_empty() || finding.kind == FindingKind::MisleadingBom {
        format!("{column}{what}")
    } else {
        let more = if finding.count > finding.rows.len() { "…" } else { "." };
        format!("{column}{what} Ligne(s) {rows}{more}")
    }
}

/// Values Excel would run as formulas, with the characters they start with (`leading`, each once).
fn formula_like(n: usize, leading: &str, example: &str) -> String {
    let leading = if leading.is_empty() { example.get(..1).unwrap_or("=") } else { leading };
    let names: Vec<String> = leading
        .chars()
        .map(|c| match c {
            '\t' => "une tabulation".to_owned(),
            '\r' => "un retour chariot".to_owned(),
            other => other.to_string(),
        })
        .collect();
    let starts = match names.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, first)) => format!("{} ou {last}", first.join(", ")),
        None => String::new(),
    };
    let example = example.replace('\t', "⇥").replace('\r', "↵");
    if n == 1 {
        format!(
            "1 cellule commence par {starts} (« {example} ») : Excel la prendrait pour une formule. Si c'en est \
             une, remplacez-la par son résultat dans votre tableur ; sinon, rien à faire : Tamis la garde telle \
             quelle, et sa copie pour Excel la fait précéder d'une apostrophe."
        )
    } else {
        format!(
            "{n} cellules commencent par {starts} (ex. « {example} ») : Excel les prendrait pour des formules. \
             Si ce sont des formules, remplacez-les par leur résultat dans votre tableur ; sinon, rien à faire : \
             Tamis les garde telles quelles, et sa copie pour Excel les fait précéder d'une apostrophe."
        )
    }
}

// Types beyond Validata's French messages (Validata says "Type error in the cell…" in English).

pub const BINARY: &str = "La valeur doit être une chaîne encodée en base64.";
pub const DATETIME: &str =
    "La date et l'heure doivent être écrites sous la forme aaaa-mm-jjThh:mm:ss, par exemple 2023-03-15T14:30:00.";
pub const DATETIME_ANY: &str =
    "La valeur doit être une date et une heure lisibles, par exemple 2023-03-15T14:30:00 (mois en anglais s'il est en lettres).";
pub const TIME: &str = "L'heure doit être écrite sous la forme hh:mm:ss, par exemple 14:30:00.";
pub const TIME_ANY: &str = "La valeur doit être une heure lisible, par exemple 14:30:00.";
pub const YEARMONTH: &str = "Le mois doit être écrit sous la forme aaaa-mm, par exemple 2023-03.";
pub const DURATION: &str = "La durée doit être écrite au format ISO 8601, par exemple P1Y2M10D (1 an, 2 mois et \
    10 jours) ou PT1H30M (1 heure et 30 minutes).";
pub const GEOPOINT: &str = "Les coordonnées doivent être écrites sous la forme longitude,latitude en degrés décimaux \
    avec un point, par exemple 2.3522,48.8566 (longitude entre -180 et 180, latitude entre -90 et 90).";
pub const GEOPOINT_ARRAY: &str = "Les coordonnées doivent être écrites sous la forme [longitude, latitude] en degrés \
    décimaux, par exemple [2.3522, 48.8566] (longitude entre -180 et 180, latitude entre -90 et 90).";
pub const GEOPOINT_OBJECT: &str = "Les coordonnées doivent être écrites sous la forme {\"lon\": longitude, \"lat\": \
    latitude}, par exemple {\"lon\": 2.3522, \"lat\": 48.8566} (longitude entre -180 et 180, latitude entre -90 et 90).";
pub const ARRAY: &str = "La valeur doit être une liste au format JSON, par exemple [\"valeur 1\", \"valeur 2\"].";
pub const OBJECT: &str = "La valeur doit être un objet au format JSON, par exemple {\"nom\": \"valeur\"}.";
pub const GEOJSON: &str = "La valeur doit être une géométrie au format GeoJSON, par exemple \
    {\"type\": \"Point\", \"coordinates\": [2.3522, 48.8566]}.";

pub fn datetime_with_format(format: &str) -> String {
    format!("La date et l'heure doivent être écrites sous la forme {format}.")
}

pub fn time_with_format(format: &str) -> String {
    format!("L'heure doit être écrite sous la forme {format}.")
}

pub fn geopoint_unknown_format(format: &str) -> String {
    format!("Le format « {format} » que le schéma donne à ces coordonnées est inconnu : aucune valeur ne peut être acceptée.")
}

/// A typed array whose items are not all of the item type.
pub fn array_item_type(what: &str) -> String {
    format!("Chaque élément de la liste doit être {what}.")
}

/// A constraint of `arrayItem` broken by an item of the list.
pub fn array_item(message: &str) -> String {
    format!("Un élément de la liste ne convient pas : {message}")
}

/// frictionless refuses the field, so Validata checks none of the data.
pub fn unsupported_constraint(field: &str, constraint: &str, field_type: &str) -> String {
    format!(
        "Le schéma est incorrect : la contrainte « {constraint} » du champ « {field} » ne s'applique pas au type \
         « {field_type} ». Validata refuse alors de vérifier les données."
    )
}

pub fn unknown_type(field: &str, field_type: &str) -> String {
    format!(
        "Le schéma est incorrect : le champ « {field} » a un type inconnu « {field_type} ». Validata refuse alors de \
         vérifier les données."
    )
}

pub fn invalid_format(field: &str, format: &str, field_type: &str) -> String {
    format!(
        "Le schéma est incorrect : le format « {format} » du champ « {field} » n'existe pas pour le type \
         « {field_type} ». Validata refuse alors de vérifier les données."
    )
}

pub fn invalid_constraint_value(field: &str, constraint: &str) -> String {
    format!(
        "Le schéma est incorrect : la valeur de la contrainte « {constraint} » du champ « {field} » n'est pas \
         valide (liste vide, valeur répétée ou de mauvais type). Validata refuse alors de vérifier les données."
    )
}

pub fn phone(cell: &str) -> String {
    format!(
        "La valeur « {cell} » n'est pas un numéro de téléphone valide. Les numéros acceptés sont les numéros \
         français à 10 chiffres (« 01 99 00 27 37 ») ou au format international avec l'indicatif du pays \
         (« +33 1 99 00 27 37 »). Les numéros courts (« 115 » ou « 3949 ») sont également acceptés."
    )
}

pub fn opening_hours(cell: &str) -> String {
    format!(
        "La valeur « {cell} » n'est pas une définition d'horaires d'ouverture correcte. Elle doit suivre la \
         syntaxe OpenStreetMap (https://wiki.openstreetmap.org/wiki/Key:opening_hours), par exemple \
         « Mo-Fr 08:30-12:00,13:30-17:00; Sa 09:00-12:00; PH off »."
    )
}

pub fn gps(cell: &str) -> String {
    format!("La valeur {cell} ne correspond pas à des coordonnées GPS françaises valides.")
}

pub fn gps_reversed(cell: &str) -> String {
    format!(
        "La valeur {cell} correspond à des coordonnées GPS françaises inversées : la longitude doit venir en \
         premier, puis la latitude."
    )
}

/// A custom check of the schema that cannot be applied; `note` says why.
pub fn check_error(check: &str, note: &str) -> String {
    format!("Le contrôle « {check} » du schéma ne peut pas être appliqué : {note}.")
}

pub fn unknown_check(check: &str) -> String {
    format!("Le schéma demande un contrôle inconnu, « {check} » : il ne peut pas être appliqué.")
}

pub fn check_without_name() -> String {
    "Le schéma déclare un contrôle sans nom (« name ») : il ne peut pas être appliqué.".into()
}

pub fn check_no_params() -> String {
    "ses paramètres (« params ») sont absents".into()
}

pub fn check_param_missing(param: &str) -> String {
    format!("le paramètre « {param} » est absent")
}

pub fn check_param_not_text(param: &str) -> String {
    format!("le paramètre « {param} » doit être un texte")
}

pub fn check_param_not_list(param: &str) -> String {
    format!("le paramètre « {param} » doit être une liste de noms de colonnes")
}

pub fn check_unknown_operator(op: &str) -> String {
    format!("l'opérateur « {op} » n'est pas géré (opérateurs possibles : >, >=, ==, <=, <)")
}

pub fn check_empty_columns() -> String {
    "la liste de colonnes à comparer est vide".into()
}

pub fn check_too_few_columns() -> String {
    "il faut au moins deux colonnes à additionner".into()
}

/// cohesive-columns-value, its main column absent from the file.
pub fn check_column_missing(column: &str) -> String {
    format!("la colonne « {column} » est manquante")
}

/// cohesive-columns-value, one of the other columns absent from the file.
pub fn check_compared_column_missing(column: &str) -> String {
    format!("la colonne à comparer « {column} » est manquante")
}

/// compare-columns-value and sum-columns-value, a column absent from the file.
pub fn check_column_not_found(column: &str) -> String {
    format!("la colonne « {column} » n'est pas trouvée")
}

pub fn one_of_required_columns_missing(column1: &str, column2: &str) -> String {
    format!("Une des deux colonnes requises : les deux colonnes « {column1} » et « {column2} » sont manquantes.")
}

// ---------------------------------------------------------------------------------------------------
// Mapping suggestions (suggest/): the one-line reason shown beside each suggested column.
// ---------------------------------------------------------------------------------------------------

/// The column has the field's very name.
pub fn suggest_same_name() -> String {
    "nom identique".into()
}

/// The column has the field's name, up to case, accents or punctuation.
pub fn suggest_same_name_loosely() -> String {
    "même nom, aux majuscules, accents ou signes près".into()
}

/// The column's name is one the project knows producers use for this field.
pub fn suggest_known_variant(field: &str) -> String {
    format!("variante connue de {field}")
}

/// The column's name is close to a known variant.
pub fn suggest_close_to_variant(variant: &str) -> String {
    format!("nom proche de « {variant} », variante connue")
}

/// The column's name is close to the field's title.
pub fn suggest_close_to_title(title: &str) -> String {
    format!("nom proche du titre « {title} »")
}

/// The column's name is close to the field's name.
pub fn suggest_close_to_name(field: &str) -> String {
    format!("nom proche de {field}")
}

/// Only the values point to this column.
pub fn suggest_by_values_only() -> String {
    "nom différent, choisi d'après les valeurs".into()
}

/// What the values of a column are, for "98 % des valeurs sont …".
pub fn suggest_kind(kind: crate::suggest::ValueKind) -> &'static str {
    use crate::suggest::ValueKind as K;
    match kind {
        K::Siret => "des SIRET",
        K::Siren => "des SIREN",
        K::Insee => "des codes INSEE de commune",
        K::Postcode => "des codes postaux",
        K::Date => "des dates",
        K::DateLike => "des dates ou des périodes",
        K::Year => "des années",
        K::Integer => "des nombres entiers",
        K::Number => "des nombres ou des montants",
        K::Boolean => "des oui/non",
        K::Email => "des adresses e-mail",
        K::Url => "des adresses web",
        K::Latitude => "des latitudes",
        K::Longitude => "des longitudes",
        K::Phone => "des numéros de téléphone",
        K::Enum => "des valeurs autorisées",
        K::Text => "du texte",
    }
}

/// The share of a column's values that fit the field: "98 % des valeurs sont des SIRET valides".
pub fn suggest_values_fit(percent: u32, kind: crate::suggest::ValueKind) -> String {
    let valid = if kind == crate::suggest::ValueKind::Siret || kind == crate::suggest::ValueKind::Siren {
        " valides"
    } else {
        ""
    };
    format!("{percent} % des valeurs sont {}{valid}", suggest_kind(kind))
}

/// Few of the column's values fit the field.
pub fn suggest_values_do_not_fit(percent: u32, kind: crate::suggest::ValueKind) -> String {
    format!("attention : seulement {percent} % des valeurs sont {}", suggest_kind(kind))
}

/// The share of values that follow the field's pattern.
pub fn suggest_values_match_pattern(percent: u32) -> String {
    format!("{percent} % des valeurs ont la forme attendue")
}

/// Few values follow the field's pattern.
pub fn suggest_values_miss_pattern(percent: u32) -> String {
    format!("attention : seulement {percent} % des valeurs ont la forme attendue")
}

/// The column holds identifiers, dates or numbers where the field expects a name or a text.
pub fn suggest_values_not_text() -> String {
    "attention : les valeurs ressemblent à des codes, des dates ou des nombres, pas à du texte".into()
}

/// The column is empty in the file.
pub fn suggest_empty_column() -> String {
    "la colonne est vide".into()
}

/// The same value on every row, as the producer's name or SIRET is.
pub fn suggest_constant_column() -> String {
    "même valeur sur toutes les lignes".into()
}

/// The values change from row to row where the field is the producer's, the same on every row.
pub fn suggest_varying_column() -> String {
    "attention : les valeurs changent d'une ligne à l'autre".into()
}

/// Two columns, or two fields, are about as likely.
pub fn suggest_ambiguous(other: &str) -> String {
    format!("« {other} » conviendrait presque autant")
}

/// No column looks like the field.
pub fn suggest_no_column() -> String {
    "aucune colonne ne ressemble à ce champ".into()
}

// ---------------------------------------------------------------------------------------------------
// Transforms (transform/): one line describing each transform, and why a value cannot be repaired.
// ---------------------------------------------------------------------------------------------------

pub fn transform_trim() -> String {
    "Espaces retirés en début et en fin de valeur".into()
}

pub fn transform_collapse_spaces() -> String {
    "Espaces en trop retirés (un seul espace entre les mots, aucun en début ni en fin)".into()
}

pub fn transform_case(to: crate::transform::Case) -> String {
    use crate::transform::Case;
    match to {
        Case::Upper => "Texte en MAJUSCULES",
        Case::Lower => "Texte en minuscules",
        Case::Title => "Une Majuscule À Chaque Mot",
        Case::Sentence => "Une majuscule en début de texte, le reste en minuscules",
    }
    .into()
}

/// `source`: `jj/mm/aaaa`; `to`: the written format in the same words (`aaaa-mm-jj`).
pub fn transform_date(source: &str, excel_serial: bool, to: &str) -> String {
    let serial = if excel_serial { " et numéros de série Excel" } else { "" };
    format!("Dates {source}{serial} → {to}")
}

/// `12 %` becomes `percent`, when given.
pub fn transform_number(example: &str, example_out: &str, percent: Option<&str>) -> String {
    match percent {
        Some(percent) => format!(
            "Nombres écrits à la française (espaces, virgule, unités) : {example} → {example_out}, 12 % → {percent}"
        ),
        None => format!("Nombres écrits à la française (espaces, virgule, unités) : {example} → {example_out}"),
    }
}

pub fn transform_boolean(true_value: &str, false_value: &str) -> String {
    format!("Oui/non (oui, vrai, x, 1… / non, faux, 0…) → {true_value}/{false_value}")
}

pub fn transform_enum_map(count: usize) -> String {
    match count {
        1 => "1 valeur remplacée par une valeur autorisée".into(),
        n => format!("{n} valeurs remplacées par des valeurs autorisées"),
    }
}

pub fn transform_identifier(length: Option<usize>) -> String {
    match length {
        Some(n) => {
            format!("Identifiants nettoyés (espaces, points et tirets retirés ; zéro initial rétabli sur {n} chiffres)")
        }
        None => "Identifiants nettoyés (espaces, points et tirets retirés)".into(),
    }
}

pub fn transform_excel_1900_02_29() -> String {
    "Ce numéro de série Excel (60) désigne le 29 février 1900, un jour qui n'existe pas : saisissez la date \
     voulue."
        .into()
}

pub fn transform_scientific(value: &str) -> String {
    format!(
        "« {value} » est écrit en notation scientifique : le tableur a arrondi le nombre et ses derniers chiffres \
         sont perdus. Reprenez l'identifiant complet dans votre logiciel d'origine (ou saisissez-le), puis mettez \
         la colonne au format Texte dans le tableur avant d'enregistrer."
    )
}

pub fn transform_float_digits(value: &str) -> String {
    format!(
        "« {value} » a plus de 15 chiffres et a été enregistré comme un nombre : le tableur n'en garde que 15, les \
         suivants sont perdus. Reprenez l'identifiant complet dans votre logiciel d'origine, puis mettez la colonne \
         au format Texte dans le tableur avant d'enregistrer."
    )
}

pub fn transform_zeroed_digits(value: &str) -> String {
    format!(
        "« {value} » a été enregistré comme un nombre arrondi : ses derniers chiffres ont été remplacés par des \
         zéros et ne peuvent pas être retrouvés. Reprenez l'identifiant complet dans votre logiciel d'origine, \
         puis mettez la colonne au format Texte dans le tableur avant d'enregistrer."
    )
}

// Field documentation (schema::describe): a field's type and constraints in plain words, shown beside
// each field while mapping. Short phrases, lower case, joined by the app as it likes.
// ---------------------------------------------------------------------------------------------------

pub const DOC_REQUIRED: &str = "obligatoire";
pub const DOC_OPTIONAL: &str = "facultatif";
pub const DOC_UNIQUE: &str = "valeurs uniques (pas de doublon)";
pub const DOC_TEXT: &str = "texte";
pub const DOC_EMAIL: &str = "adresse e-mail";
pub const DOC_URI: &str = "adresse web (URL)";
pub const DOC_UUID: &str = "identifiant UUID";
pub const DOC_BINARY: &str = "données binaires encodées en base64";
pub const DOC_INTEGER: &str = "nombre entier";
pub const DOC_YEAR: &str = "année sur 4 chiffres (aaaa)";
pub const DOC_YEARMONTH: &str = "année et mois au format aaaa-mm";
pub const DOC_DATE_ANY: &str = "date (formats courants acceptés)";
pub const DOC_DATETIME_DEFAULT: &str = "date et heure au format aaaa-mm-jjThh:mm:ss";
pub const DOC_DATETIME_ANY: &str = "date et heure (formats courants acceptés)";
pub const DOC_TIME_DEFAULT: &str = "heure au format hh:mm:ss";
pub const DOC_TIME_ANY: &str = "heure (formats courants acceptés)";
pub const DOC_DURATION: &str = "durée au format ISO 8601 (par exemple P1Y2M10D)";
pub const DOC_GEOPOINT: &str = "coordonnées « longitude,latitude » en degrés décimaux";
pub const DOC_GEOPOINT_ARRAY: &str = "coordonnées [longitude, latitude] en degrés décimaux";
pub const DOC_GEOPOINT_OBJECT: &str = "coordonnées {\"lon\": longitude, \"lat\": latitude}";
pub const DOC_GEOJSON: &str = "géométrie au format GeoJSON";
pub const DOC_OBJECT: &str = "objet au format JSON";
pub const DOC_ARRAY: &str = "liste au format JSON";
pub const DOC_ANY: &str = "valeur libre";
pub const DOC_INSEE_COMMUNE: &str = "code INSEE de commune : 5 caractères (2A ou 2B pour la Corse), par exemple 34172";
pub const DOC_HTTP_URL: &str = "adresse web commençant par http:// ou https://";
pub const DOC_ISO_DATETIME_TZ: &str =
    "date et heure au format aaaa-mm-jjThh:mm:ss suivies du fuseau horaire (Z ou +01:00)";

pub fn doc_date(format: &str) -> String {
    format!("date au format {format}")
}

pub fn doc_datetime(format: &str) -> String {
    format!("date et heure au format {format}")
}

pub fn doc_time(format: &str) -> String {
    format!("heure au format {format}")
}

pub fn doc_unknown_type(field_type: &str, format: Option<&str>) -> String {
    match format {
        Some(format) => format!("type « {field_type} », format « {format} »"),
        None => format!("type « {field_type} »"),
    }
}

pub fn doc_number(decimal_char: &str) -> String {
    match decimal_char {
        "." => "nombre décimal avec un point (par exemple 1234.5)".into(),
        "," => "nombre décimal avec une virgule (par exemple 1234,5)".into(),
        other => format!("nombre décimal avec « {other} » avant les décimales"),
    }
}

pub fn doc_group_char(group_char: &str) -> String {
    match group_char {
        " " => "espace accepté entre les milliers".into(),
        other => format!("« {other} » accepté entre les milliers"),
    }
}

pub const DOC_NOT_BARE_NUMBER: &str = "un symbole autour du nombre est toléré (€, %)";

pub fn doc_boolean(true_value: &str, false_value: &str) -> String {
    format!("oui ou non : « {true_value} » pour oui, « {false_value} » pour non")
}

pub fn doc_boolean_also(values: &str) -> String {
    format!("aussi accepté : {values}")
}

pub fn doc_array_item(item: &str) -> String {
    format!("chaque élément : {item}")
}

pub fn doc_one_of(values: &str) -> String {
    format!("une des valeurs : {values}")
}

pub fn doc_several_of(values: &str, separator: &str) -> String {
    format!("une ou plusieurs des valeurs : {values} (séparées par « {separator} »)")
}

pub fn doc_and_more(count: usize) -> String {
    format!("… et {count} autres")
}

/// The length bounds, in characters (or, for a list, in items).
pub fn doc_length(min: Option<usize>, max: Option<usize>, items: bool) -> Option<String> {
    let unit = |n: usize| match (items, n > 1) {
        (true, true) => "éléments",
        (true, false) => "élément",
        (false, true) => "caractères",
        (false, false) => "caractère",
    };
    match (min, max) {
        (Some(a), Some(b)) if a == b => Some(format!("exactement {a} {}", unit(a))),
        (Some(a), Some(b)) => Some(format!("entre {a} et {b} {}", unit(b))),
        (Some(a), None) => Some(format!("au moins {a} {}", unit(a))),
        (None, Some(b)) => Some(format!("au plus {b} {}", unit(b))),
        (None, None) => None,
    }
}

/// The bounds of a value (numbers, or dates and times when `temporal`).
pub fn doc_bounds(min: Option<&str>, max: Option<&str>, temporal: bool) -> Option<String> {
    match (min, max, temporal) {
        (Some(a), Some(b), false) => Some(format!("entre {a} et {b}")),
        (Some(a), None, false) => Some(format!("au moins {a}")),
        (None, Some(b), false) => Some(format!("au plus {b}")),
        (Some(a), Some(b), true) => Some(format!("entre le {a} et le {b}")),
        (Some(a), None, true) => Some(format!("au plus tôt le {a}")),
        (None, Some(b), true) => Some(format!("au plus tard le {b}")),
        (None, None, _) => None,
    }
}

pub fn doc_pattern(pattern: &str, example: Option<&str>) -> String {
    match example {
        Some(example) => format!("doit respecter le format « {pattern} » (exemple : {example})"),
        None => format!("doit respecter le format « {pattern} »"),
    }
}

pub fn doc_other_constraint(name: &str, value: &str) -> String {
    format!("règle « {name} » : {value}")
}

/// One piece of a simple pattern: `count` characters of a kind (`noun` singular, `nouns` plural).
pub fn doc_pattern_count(min: u32, max: Option<u32>, noun: &str, nouns: &str) -> String {
    match (min, max) {
        (1, Some(1)) => format!("1 {noun}"),
        (n, Some(m)) if n == m => format!("{n} {nouns}"),
        (0, Some(1)) => format!("éventuellement 1 {noun}"),
        (n, Some(m)) => format!("{n} à {m} {nouns}"),
        (0 | 1, None) => format!("un ou plusieurs {nouns}"),
        (n, None) => format!("au moins {n} {nouns}"),
    }
}

pub fn doc_pattern_literal(text: &str) -> String {
    format!("« {text} »")
}

/// Pieces of a simple pattern, in order: « W » suivi de 9 chiffres.
pub fn doc_pattern_sequence(pieces: &[String]) -> String {
    match pieces {
        [one] => one.clone(),
        [a, b] => format!("{a} suivi de {b}"),
        many => format!("dans l'ordre : {}", many.join(", ")),
    }
}

pub fn doc_pattern_alternatives(alternatives: &[String]) -> String {
    alternatives.join(", ou ")
}

/// Nouns for the character kinds a simple pattern names: (singular, plural).
pub const DOC_DIGIT: (&str, &str) = ("chiffre", "chiffres");
pub const DOC_UPPER: (&str, &str) = ("lettre majuscule", "lettres majuscules");
pub const DOC_LOWER: (&str, &str) = ("lettre minuscule", "lettres minuscules");
pub const DOC_LETTER: (&str, &str) = ("lettre", "lettres");
pub const DOC_UPPER_DIGIT: (&str, &str) = ("lettre majuscule ou chiffre", "lettres majuscules ou chiffres");
pub const DOC_LETTER_DIGIT: (&str, &str) = ("lettre ou chiffre", "lettres ou chiffres");

// ─── Editing (issue #6): error panel groups, edit history, edit errors, replay ───────────────────────

/// What is wrong in a group of issues of the error panel (« format de date »), from the issue code and
/// the field's type and format.
pub fn edit_group_label(code: &str, field_type: &str, format: Option<&str>) -> String {
    if code == "type-error" {
        let what = match (field_type, format) {
            ("date", _) => "format de date",
            ("datetime", _) => "format de date et heure",
            ("time", _) => "format d'heure",
            ("year", _) => "format d'année",
            ("yearmonth", _) => "format d'année et mois",
            ("integer", _) => "nombre entier attendu",
            ("number", _) => "format de nombre",
            ("boolean", _) => "valeur oui/non attendue",
            ("string", Some("email")) => "adresse e-mail",
            ("string", Some("uri")) => "adresse web",
            ("string", Some("uuid")) => "identifiant UUID",
            ("geopoint", _) => "coordonnées géographiques",
            ("array", _) => "format de liste",
            ("object", _) => "format d'objet JSON",
            _ => "format incorrect",
        };
        return what.to_owned();
    }
    let name = code_name(code);
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A line of the error panel: « DELIB_DATE — format de date : 312 ».
pub fn edit_group_line(field: Option<&str>, label: &str, count: usize) -> String {
    match field {
        Some(field) => format!("{field} — {label} : {count}"),
        None => {
            let mut chars = label.chars();
            let label: String = chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default();
            format!("{label} : {count}")
        }
    }
}

pub fn edit_set_cell(row: usize, field: &str, value: &str) -> String {
    format!("Ligne {row}, {field} : « {value} »")
}

pub fn edit_fix_group(field: &str, code: &str) -> String {
    format!("Correction suggérée appliquée à {field} ({})", code_name(code).to_lowercase())
}

pub fn edit_replace(field: &str, find: &str, replacement: &str) -> String {
    format!("Dans {field}, « {find} » remplacé par « {replacement} »")
}

pub fn edit_fill(field: &str, value: &str) -> String {
    format!("{field} rempli avec « {value} »")
}

pub fn edit_map_values(field: &str, count: usize) -> String {
    if count == 1 {
        format!("Dans {field}, 1 valeur remplacée par une valeur autorisée")
    } else {
        format!("Dans {field}, {count} valeurs remplacées par des valeurs autorisées")
    }
}

pub fn edit_delete_rows(count: usize) -> String {
    if count == 1 {
        "1 ligne supprimée".to_owned()
    } else {
        format!("{count} lignes supprimées")
    }
}

pub fn edit_unknown_field(field: &str) -> String {
    format!("Le tableau n'a pas de colonne « {field} ».")
}

pub fn edit_no_such_row(row: usize) -> String {
    format!("Le tableau n'a pas de ligne {row}.")
}

pub fn edit_bad_regex(pattern: &str, detail: &str) -> String {
    format!("L'expression de recherche « {pattern} » n'est pas une expression régulière valide ({detail}).")
}

pub fn edit_empty_match(pattern: &str) -> String {
    format!(
        "L'expression de recherche « {pattern} » peut correspondre à un texte vide : elle insérerait le \
         remplacement entre chaque caractère. Précisez-la pour qu'elle désigne au moins un caractère (par \
         exemple « x+ » au lieu de « x* », ou « ^x » au lieu de « ^ »)."
    )
}

/// An edit that would make a cell too long; `row` is the row number in the file (header = 1).
pub fn edit_cell_too_long(row: usize, field: &str, max: usize) -> String {
    format!(
        "Cette modification donnerait à la cellule de la ligne {row} (colonne « {field} ») plus de {} \
         caractères, la limite de Tamis : rien n'a été modifié. Vérifiez le texte recherché et le \
         remplacement.",
        thousands(max)
    )
}

/// A row of the edit log that is not in the new table.
/// `key` is [`edit_row_key`] or [`edit_source_row`].
pub fn edit_row_not_found(key: &str) -> String {
    format!("La ligne {key} n'existe pas dans ce fichier : la modification ne s'y applique pas.")
}

/// An edit of a row named by its number, not replayed on another file (`what` is [`crate::edit::Edit::describe`]).
pub fn edit_other_file(what: &str) -> String {
    format!("« {what} » n'est pas rejouée : ce fichier n'est pas celui où elle a été faite, et la ligne y est repérée par son numéro.")
}

/// A row of the edit log whose key appears several times in the new table.
pub fn edit_row_ambiguous(key: &str) -> String {
    format!("La ligne {key} apparaît plusieurs fois dans ce fichier : la modification ne s'y applique pas.")
}

/// A row known by its number in the source file.
pub fn edit_source_row(row: usize) -> String {
    format!("n° {row} du fichier d'origine")
}

/// A row known by its primary key's values.
pub fn edit_row_key(values: &[String]) -> String {
    format!("« {} »", values.join(", "))
}

// ─── Export (issue #7): file names, SIREN, the validation report, the XLSX copy ─────────────────────

/// Before the extension of a file that still has errors (upper case, as the data.gouv.fr guide's
/// readers will spot it).
pub const EXPORT_NOT_CONFORMING: &str = "NON-CONFORME";
/// The suffix of the copies for Excel: they are not the file to publish.
pub const EXPORT_FOR_EXCEL: &str = "pour-excel";
/// The suffix of the validation report.
pub const EXPORT_REPORT: &str = "rapport";
/// File name suffix of the recipe saved with an export.
pub const EXPORT_RECIPE: &str = "recette";
/// The data set name when nothing usable is left of the one given.
pub const EXPORT_DEFAULT_DATASET: &str = "donnees";

pub const SIREN_EMPTY: &str = "le numéro est vide.";
pub const SIREN_NOT_DIGITS: &str = "un SIREN ne contient que des chiffres (les espaces sont acceptés).";
pub const SIREN_LENGTH: &str = "un SIREN compte 9 chiffres.";
pub const SIREN_CHECKSUM: &str = "la clé de contrôle ne correspond pas (un chiffre est sans doute erroné).";

/// A date in words: « 23 novembre 2026 ».
pub fn date_in_words(date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    const MONTHS: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    let month = MONTHS.get(date.month0() as usize).copied().unwrap_or_default();
    let day = if date.day() == 1 { "1er".to_owned() } else { date.day().to_string() };
    format!("{day} {month} {}", date.year())
}

pub const REPORT_TITLE: &str = "Rapport de validation";
pub const REPORT_VALID: &str = "Conforme";
pub const REPORT_INVALID: &str = "Non conforme";

/// The sentence under the verdict.
pub fn report_verdict_line(valid: bool, errors: usize, schema: &str) -> String {
    match (valid, errors) {
        (true, _) => format!("Le fichier respecte le schéma « {schema} » : il peut être publié."),
        (false, 0) => format!(
            "Aucune erreur trouvée, mais des valeurs n'ont pas pu être vérifiées (voir les avertissements) : \
             vérifiez-les à la main avant de publier le fichier selon le schéma « {schema} »."
        ),
        (false, 1) => format!("1 erreur reste à corriger pour respecter le schéma « {schema} »."),
        (false, n) => format!("{n} erreurs restent à corriger pour respecter le schéma « {schema} »."),
    }
}

pub const REPORT_SOURCE_FILE: &str = "Fichier d'origine";
pub const REPORT_EXPORTED_FILE: &str = "Fichier exporté";
pub const REPORT_SCHEMA: &str = "Schéma";
pub const REPORT_DATE: &str = "Date";
pub const REPORT_ROWS: &str = "Lignes de données";
pub const REPORT_VERSION: &str = "version";
pub const REPORT_SUMMARY: &str = "Résumé des erreurs";
pub const REPORT_NO_ERROR: &str = "Aucune erreur.";
pub const REPORT_KIND: &str = "Type d'erreur";
pub const REPORT_COUNT: &str = "Nombre";
pub const REPORT_TOTAL: &str = "Total";
pub const REPORT_ERRORS: &str = "Erreurs restantes";
pub const REPORT_WARNINGS: &str = "Avertissements";
pub const REPORT_ROW: &str = "Ligne";
pub const REPORT_FIELD: &str = "Champ";
pub const REPORT_VALUE: &str = "Valeur";
pub const REPORT_MESSAGE: &str = "Message";
pub const REPORT_FIX: &str = "Correction suggérée";
pub const REPORT_WHOLE_TABLE: &str = "Tout le fichier";
pub const REPORT_WHOLE_ROW: &str = "Ligne entière";
pub const REPORT_EMPTY_VALUE: &str = "(vide)";
pub const REPORT_MAPPING: &str = "Colonnes et transformations";
pub const REPORT_SOURCE: &str = "Rempli par";
pub const REPORT_TRANSFORMS: &str = "Transformations appliquées";
pub const REPORT_NOT_FILLED: &str = "non renseigné";
pub const REPORT_NONE: &str = "aucune";
pub const REPORT_EDITS: &str = "Corrections et modifications";
pub const REPORT_NO_EDIT: &str = "Aucune correction n'a été faite dans la grille.";
pub const REPORT_UNCHECKED: &str = "Règles non vérifiées";

/// How a field was filled, in the report.
pub fn report_column(label: &str) -> String {
    format!("colonne « {label} »")
}

pub fn report_constant(text: &str) -> String {
    format!("valeur fixe « {text} »")
}

/// The rows of a group of empty cells, as ranges: « Lignes 2 à 161, 170 ».
pub fn report_rows(ranges: &[(usize, usize)]) -> String {
    let parts: Vec<String> =
        ranges.iter().map(|(a, b)| if a == b { a.to_string() } else { format!("{a} à {b}") }).collect();
    let one = matches!(ranges, [(a, b)] if a == b);
    format!("{} {}", if one { "Ligne" } else { "Lignes" }, parts.join(", "))
}

/// A cell shown cut short in the report.
pub fn report_truncated(chars: usize) -> String {
    format!("… ({chars} caractères en tout)")
}

/// The heading of a group of errors: « DELIB_DATE — Format incorrect : 312 ».
pub fn report_group(field: &str, kind: &str, count: usize) -> String {
    format!("{field} — {kind} : {count}")
}

pub fn report_footer(date: &str) -> String {
    format!(
        "Rapport produit par Tamis le {date}. Les règles appliquées sont celles de Validata, le validateur de \
         data.gouv.fr ; vous pouvez vérifier le fichier exporté sur validata.fr."
    )
}

/// The note of the XLSX copy's document properties.
pub const XLSX_COMMENT: &str =
    "Copie de travail produite par Tamis. Le fichier à publier est le fichier CSV, pas ce classeur.";
pub const XLSX_SHEET: &str = "Données";
/// The note on a cell whose text exceeded what an Excel cell holds.
pub fn xlsx_truncated(chars: usize) -> String {
    format!("Texte tronqué : une cellule Excel contient au plus 32 767 caractères (celle-ci en a {chars}).")
}

pub fn xlsx_too_many_rows(rows: usize) -> String {
    format!("{rows} lignes, plus qu'une feuille Excel ne peut en contenir")
}

/// Notes beyond the first ones are left out of the XLSX copy, to keep it light.
pub fn xlsx_more_errors(count: usize) -> String {
    format!("et {count} autre(s) erreur(s) dans ce fichier : voir le rapport de validation")
}

/// A count written the French way, digits grouped by three: `100 000`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}
