//! Field documentation (`describe`): a field's type and constraints in plain words, shown
//! beside each field while mapping. Short phrases, lower case, joined by the app as it likes.

use super::thousands;

pub const REQUIRED: &str = "obligatoire";
pub const OPTIONAL: &str = "facultatif";
pub const UNIQUE: &str = "valeurs uniques (pas de doublon)";
pub const TEXT: &str = "texte";
pub const EMAIL: &str = "adresse e-mail";
pub const URI: &str = "adresse web (URL)";
pub const UUID: &str = "identifiant UUID";
pub const BINARY: &str = "données binaires encodées en base64";
pub const INTEGER: &str = "nombre entier";
pub const YEAR: &str = "année sur 4 chiffres (aaaa)";
pub const YEARMONTH: &str = "année et mois au format aaaa-mm";
pub const DATE_ANY: &str = "date (formats courants acceptés)";
pub const DATETIME_DEFAULT: &str = "date et heure au format aaaa-mm-jjThh:mm:ss";
pub const DATETIME_ANY: &str = "date et heure (formats courants acceptés)";
pub const TIME_DEFAULT: &str = "heure au format hh:mm:ss";
pub const TIME_ANY: &str = "heure (formats courants acceptés)";
pub const DURATION: &str = "durée au format ISO 8601 (par exemple P1Y2M10D)";
pub const GEOPOINT: &str = "coordonnées « longitude,latitude » en degrés décimaux";
pub const GEOPOINT_ARRAY: &str = "coordonnées [longitude, latitude] en degrés décimaux";
pub const GEOPOINT_OBJECT: &str = "coordonnées {\"lon\": longitude, \"lat\": latitude}";
pub const GEOJSON: &str = "géométrie au format GeoJSON";
pub const OBJECT: &str = "objet au format JSON";
pub const ARRAY: &str = "liste au format JSON";
pub const ANY: &str = "valeur libre";
pub const INSEE_COMMUNE: &str = "code INSEE de commune : 5 caractères (2A ou 2B pour la Corse), par exemple 34172";
pub const HTTP_URL: &str = "adresse web commençant par http:// ou https://";
pub const ISO_DATETIME_TZ: &str = "date et heure au format aaaa-mm-jjThh:mm:ss suivies du fuseau horaire (Z ou +01:00)";

pub fn date(format: &str) -> String {
    format!("date au format {format}")
}

pub fn datetime(format: &str) -> String {
    format!("date et heure au format {format}")
}

pub fn time(format: &str) -> String {
    format!("heure au format {format}")
}

pub fn unknown_type(field_type: &str, format: Option<&str>) -> String {
    match format {
        Some(format) => format!("type « {field_type} », format « {format} »"),
        None => format!("type « {field_type} »"),
    }
}

pub fn number(decimal_char: &str) -> String {
    match decimal_char {
        "." => "nombre décimal avec un point (par exemple 1234.5)".into(),
        "," => "nombre décimal avec une virgule (par exemple 1234,5)".into(),
        other => format!("nombre décimal avec « {other} » avant les décimales"),
    }
}

pub fn group_char(group_char: &str) -> String {
    match group_char {
        " " => "espace accepté entre les milliers".into(),
        other => format!("« {other} » accepté entre les milliers"),
    }
}

pub const NOT_BARE_NUMBER: &str = "un symbole autour du nombre est toléré (€, %)";

pub fn boolean(true_value: &str, false_value: &str) -> String {
    format!("oui ou non : « {true_value} » pour oui, « {false_value} » pour non")
}

pub fn boolean_also(values: &str) -> String {
    format!("aussi accepté : {values}")
}

pub fn array_item(item: &str) -> String {
    format!("chaque élément : {item}")
}

pub fn one_of(values: &str) -> String {
    format!("une des valeurs : {values}")
}

pub fn several_of(values: &str, separator: &str) -> String {
    format!("une ou plusieurs des valeurs : {values} (séparées par « {separator} »)")
}

pub fn and_more(count: usize) -> String {
    format!("… et {} autres", thousands(count))
}

/// The length bounds, in characters (or, for a list, in items).
pub fn length(min: Option<usize>, max: Option<usize>, items: bool) -> Option<String> {
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
pub fn bounds(min: Option<&str>, max: Option<&str>, temporal: bool) -> Option<String> {
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

pub fn pattern(pattern: &str, example: Option<&str>) -> String {
    match example {
        Some(example) => format!("doit respecter le format « {pattern} » (exemple : {example})"),
        None => format!("doit respecter le format « {pattern} »"),
    }
}

pub fn other_constraint(name: &str, value: &str) -> String {
    format!("règle « {name} » : {value}")
}

/// One piece of a simple pattern: `count` characters of a kind (`noun` singular, `nouns` plural).
pub fn pattern_count(min: u32, max: Option<u32>, noun: &str, nouns: &str) -> String {
    match (min, max) {
        (1, Some(1)) => format!("1 {noun}"),
        (n, Some(m)) if n == m => format!("{n} {nouns}"),
        (0, Some(1)) => format!("éventuellement 1 {noun}"),
        (n, Some(m)) => format!("{n} à {m} {nouns}"),
        (0 | 1, None) => format!("un ou plusieurs {nouns}"),
        (n, None) => format!("au moins {n} {nouns}"),
    }
}

pub fn pattern_literal(text: &str) -> String {
    format!("« {text} »")
}

/// Pieces of a simple pattern, in order: « W » suivi de 9 chiffres.
pub fn pattern_sequence(pieces: &[String]) -> String {
    match pieces {
        [one] => one.clone(),
        [a, b] => format!("{a} suivi de {b}"),
        many => format!("dans l'ordre : {}", many.join(", ")),
    }
}

pub fn pattern_alternatives(alternatives: &[String]) -> String {
    alternatives.join(", ou ")
}

/// Nouns for the character kinds a simple pattern names: (singular, plural).
pub const DIGIT: (&str, &str) = ("chiffre", "chiffres");
pub const UPPER: (&str, &str) = ("lettre majuscule", "lettres majuscules");
pub const LOWER: (&str, &str) = ("lettre minuscule", "lettres minuscules");
pub const LETTER: (&str, &str) = ("lettre", "lettres");
pub const UPPER_DIGIT: (&str, &str) = ("lettre majuscule ou chiffre", "lettres majuscules ou chiffres");
pub const LETTER_DIGIT: (&str, &str) = ("lettre ou chiffre", "lettres ou chiffres");
