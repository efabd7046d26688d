//! Transforms (`transform`): one line describing each transform, and why a value cannot be repaired.

use super::thousands;

pub fn trim() -> String {
    "Espaces retirés en début et en fin de valeur".into()
}

pub fn collapse_spaces() -> String {
    "Espaces en trop retirés (un seul espace entre les mots, aucun en début ni en fin)".into()
}

/// The letter cases (see [`crate::transform::Case`]).
pub const UPPER_CASE: &str = "Texte en MAJUSCULES";
pub const LOWER_CASE: &str = "Texte en minuscules";
pub const TITLE_CASE: &str = "Une Majuscule À Chaque Mot";
pub const SENTENCE_CASE: &str = "Une majuscule en début de texte, le reste en minuscules";

/// `source`: `jj/mm/aaaa`; `to`: the written format in the same words (`aaaa-mm-jj`).
pub fn date(source: &str, excel_serial: bool, to: &str) -> String {
    let serial = if excel_serial { " et numéros de série Excel" } else { "" };
    format!("Dates {source}{serial} → {to}")
}

/// `12 %` becomes `percent`, when given.
pub fn number(example: &str, example_out: &str, percent: Option<&str>) -> String {
    match percent {
        Some(percent) => format!(
            "Nombres écrits à la française (espaces, virgule, unités) : {example} → {example_out}, 12 % → {percent}"
        ),
        None => format!("Nombres écrits à la française (espaces, virgule, unités) : {example} → {example_out}"),
    }
}

pub fn boolean(true_value: &str, false_value: &str) -> String {
    format!("Oui/non (oui, vrai, x, 1… / non, faux, 0…) → {true_value}/{false_value}")
}

pub fn enum_map(count: usize) -> String {
    match count {
        1 => "1 valeur remplacée par une valeur autorisée".into(),
        n => format!("{} valeurs remplacées par des valeurs autorisées", thousands(n)),
    }
}

pub fn identifier(length: Option<usize>) -> String {
    match length {
        Some(n) => {
            format!("Identifiants nettoyés (espaces, points et tirets retirés ; zéro initial rétabli sur {n} chiffres)")
        }
        None => "Identifiants nettoyés (espaces, points et tirets retirés)".into(),
    }
}

pub fn excel_1900_02_29() -> String {
    "Ce numéro de série Excel (60) désigne le 29 février 1900, un jour qui n'existe pas : saisissez la date \
     voulue."
        .into()
}

pub fn scientific(value: &str) -> String {
    format!(
        "« {value} » est écrit en notation scientifique : le tableur a arrondi le nombre et ses derniers chiffres \
         sont perdus. Reprenez l'identifiant complet dans votre logiciel d'origine (ou saisissez-le), puis mettez \
         la colonne au format Texte dans le tableur avant d'enregistrer."
    )
}

pub fn float_digits(value: &str) -> String {
    format!(
        "« {value} » a plus de 15 chiffres et a été enregistré comme un nombre : le tableur n'en garde que 15, les \
         suivants sont perdus. Reprenez l'identifiant complet dans votre logiciel d'origine, puis mettez la colonne \
         au format Texte dans le tableur avant d'enregistrer."
    )
}

pub fn zeroed_digits(value: &str) -> String {
    format!(
        "« {value} » a été enregistré comme un nombre arrondi : ses derniers chiffres ont été remplacés par des \
         zéros et ne peuvent pas être retrouvés. Reprenez l'identifiant complet dans votre logiciel d'origine, \
         puis mettez la colonne au format Texte dans le tableur avant d'enregistrer."
    )
}
