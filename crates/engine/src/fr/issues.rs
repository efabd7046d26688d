//! Validation (`validate`): the message of every issue, Validata's wording where it is clear, and the
//! short names of issue codes.

use super::thousands;

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
/// A file checked as it is that starts with a UTF-8 byte order mark over a body in `encoding`.
pub fn misleading_bom_refused(encoding: &str) -> String {
    format!(
        "Le fichier commence par la marque d'un texte UTF-8 (BOM), mais il est écrit en {encoding} : Validata ne \
         peut pas le lire tel quel. Enregistrez-le depuis votre tableur au format « CSV UTF-8 », ou revenez à la \
         mise en correspondance : Tamis le lit et vous fait télécharger un CSV en UTF-8."
    )
}

/// A workbook checked as it is whose first sheet, the only one Validata reads, is empty.
pub fn first_sheet_empty(first: &str, read: &str) -> String {
    format!(
        "Validata ne lit que la première feuille du classeur, « {first} », et elle est vide : les données sont \
         dans la feuille « {read} ». Placez-les en première feuille, ou revenez à la mise en correspondance : \
         Tamis vous fait télécharger un CSV de la feuille « {read} »."
    )
}

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
        format!(
            "{field} (motif non vérifié sur {} valeurs trop complexes à analyser : vérifiez-les à la main)",
            thousands(count)
        )
    }
}

pub fn enumeration(allowed: &[String]) -> String {
    match allowed {
        [only] => format!("L'unique valeur autorisée est : {only}."),
        _ => format!("Les seules valeurs autorisées sont :\n- {}", allowed.join("\n- ")),
    }
}

/// What precedes the earlier row's number in the messages of `unique-error` and `primary-key-error`.
pub const ROW_WORD: &str = "la ligne ";

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

/// The short French name of each issue code, for counts and headings (Validata's names where they
/// are French); see [`crate::validate::Code::name`].
pub mod names {
    pub const TYPE_ERROR: &str = "Format incorrect";
    pub const CONSTRAINT_ERROR: &str = "Contrainte non respectée";
    pub const BLANK_ROW: &str = "Ligne vide";
    pub const UNIQUE_ERROR: &str = "Valeur en double";
    pub const PRIMARY_KEY_ERROR: &str = "Identifiant de ligne en double";
    pub const EXTRA_CELL: &str = "Valeur surnuméraire";
    pub const MISSING_CELL: &str = "Cellule manquante";
    pub const MISSING_REQUIRED_HEADER: &str = "Colonne obligatoire manquante";
    pub const BLANK_LABEL: &str = "Colonne sans nom";
    pub const GENERAL_ERROR: &str = "Colonnes en double";
    /// `schema-error` and `field-error`.
    pub const SCHEMA_ERROR: &str = "Schéma inapplicable";
    pub const CHECK_ERROR: &str = "Contrôle du schéma inapplicable";
    /// `source-error`: a workbook whose first sheet, the only one Validata reads, is empty (checked as
    /// it is; a file Tamis cannot read at all is said with an error instead).
    pub const SOURCE_ERROR: &str = "Lecture impossible";
    pub const ENCODING_ERROR: &str = "Encodage incorrect";
    pub const FRENCH_SIRET_VALUE: &str = "Numéro SIRET invalide";
    pub const FRENCH_SIREN_VALUE: &str = "Numéro SIREN invalide";
    pub const ONE_OF_REQUIRED: &str = "Valeur manquante";
    pub const YEAR_INTERVAL_VALUE: &str = "Année ou intervalle d'années";
    pub const COHESIVE_COLUMNS_VALUE: &str = "Cohérence entre colonnes";
    pub const COMPARE_COLUMNS_VALUE: &str = "Comparaison de colonnes";
    pub const SUM_COLUMNS_VALUE: &str = "Somme de colonnes";
    pub const NOMENCLATURE_ACTES_VALUE: &str = "Nomenclature Actes";
    pub const FRENCH_GPS_COORDINATES: &str = "Coordonnées GPS hors de France";
    pub const REVERSED_FRENCH_GPS_COORDINATES: &str = "Coordonnées GPS inversées";
    pub const PHONE_NUMBER_VALUE: &str = "Numéro de téléphone invalide";
    pub const OPENING_HOURS_VALUE: &str = "Horaires d'ouverture incorrects";
    pub const MISSING_HEADER_WARN: &str = "Colonne manquante";
    pub const EXTRA_HEADER_WARN: &str = "Colonne surnuméraire";
    pub const DISORDERED_HEADER_WARN: &str = "Colonnes désordonnées";
    pub const PATTERN_UNDECIDED: &str = "Valeur non vérifiée";
}

/// The note shown when a schema uses rules this version of Tamis does not check yet.
pub fn unchecked(rules: &[String]) -> String {
    format!("Règles du schéma pas encore vérifiées par Tamis : {}.", rules.join(", "))
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

pub fn phone_unchecked(cell: &str) -> String {
    format!(
        "Tamis n'a pas pu vérifier le numéro de téléphone « {cell} » : les données qui décrivent les numéros \
         n'ont pas pu être chargées. Rechargez la page (avec une connexion à Internet) pour le vérifier."
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
