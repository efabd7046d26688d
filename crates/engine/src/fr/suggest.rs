//! Mapping suggestions (`suggest`): the one-line reason shown beside each suggested column.

/// The column has the field's very name.
pub fn same_name() -> String {
    "nom identique".into()
}

/// The column has the field's name, up to case, accents or punctuation.
pub fn same_name_loosely() -> String {
    "même nom, aux majuscules, accents ou signes près".into()
}

/// The column's name is one the project knows producers use for this field.
pub fn known_variant(field: &str) -> String {
    format!("variante connue de {field}")
}

/// The column's name is close to a known variant.
pub fn close_to_variant(variant: &str) -> String {
    format!("nom proche de « {variant} », variante connue")
}

/// The column's name is close to the field's title.
pub fn close_to_title(title: &str) -> String {
    format!("nom proche du titre « {title} »")
}

/// The column's name is close to the field's name.
pub fn close_to_name(field: &str) -> String {
    format!("nom proche de {field}")
}

/// Only the values point to this column.
pub fn by_values_only() -> String {
    "nom différent, choisi d'après les valeurs".into()
}

/// What the values of a column are, for "98 % des valeurs sont …" (see [`crate::suggest::Content`]).
pub const SIRETS: &str = "des SIRET";
pub const SIRENS: &str = "des SIREN";
pub const INSEE_CODES: &str = "des codes INSEE de commune";
pub const POSTCODES: &str = "des codes postaux";
pub const DATES: &str = "des dates";
pub const DATES_OR_PERIODS: &str = "des dates ou des périodes";
pub const YEARS: &str = "des années";
pub const INTEGERS: &str = "des nombres entiers";
pub const NUMBERS: &str = "des nombres ou des montants";
pub const BOOLEANS: &str = "des oui/non";
pub const EMAILS: &str = "des adresses e-mail";
pub const URLS: &str = "des adresses web";
pub const LATITUDES: &str = "des latitudes";
pub const LONGITUDES: &str = "des longitudes";
pub const PHONES: &str = "des numéros de téléphone";
pub const ENUM_VALUES: &str = "des valeurs autorisées";
pub const TEXT: &str = "du texte";

/// The share of a column's values that fit the field: "98 % des valeurs sont des SIRET valides";
/// `kind` is one of the above, `checked` when the values were checked (SIRET and SIREN keys).
pub fn values_fit(percent: u32, kind: &str, checked: bool) -> String {
    let valid = if checked { " valides" } else { "" };
    format!("{percent} % des valeurs sont {kind}{valid}")
}

/// Few of the column's values fit the field.
pub fn values_do_not_fit(percent: u32, kind: &str) -> String {
    format!("attention : seulement {percent} % des valeurs sont {kind}")
}

/// The share of values that follow the field's pattern.
pub fn values_match_pattern(percent: u32) -> String {
    format!("{percent} % des valeurs ont la forme attendue")
}

/// Few values follow the field's pattern.
pub fn values_miss_pattern(percent: u32) -> String {
    format!("attention : seulement {percent} % des valeurs ont la forme attendue")
}

/// The column holds identifiers, dates or numbers where the field expects a name or a text.
pub fn values_not_text() -> String {
    "attention : les valeurs ressemblent à des codes, des dates ou des nombres, pas à du texte".into()
}

/// The column is empty in the file.
pub fn empty_column() -> String {
    "la colonne est vide".into()
}

/// The same value on every row, as the producer's name or SIRET is.
pub fn constant_column() -> String {
    "même valeur sur toutes les lignes".into()
}

/// The values change from row to row where the field is the producer's, the same on every row.
pub fn varying_column() -> String {
    "attention : les valeurs changent d'une ligne à l'autre".into()
}

/// Two columns, or two fields, are about as likely.
pub fn ambiguous(other: &str) -> String {
    format!("« {other} » conviendrait presque autant")
}

/// No column looks like the field.
pub fn no_column() -> String {
    "aucune colonne ne ressemble à ce champ".into()
}
