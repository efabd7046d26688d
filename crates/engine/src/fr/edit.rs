//! Editing (issue #6): error panel groups, edit history, edit errors, replay.

use super::thousands;

/// What is wrong in a group of issues of the error panel (« format de date »): for type errors, from the
/// field's type and format; otherwise the issue code's `name`, in lower case.
pub fn group_label(type_error: bool, name: &str, field_type: &str, format: Option<&str>) -> String {
    if type_error {
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
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A line of the error panel: « DELIB_DATE — format de date : 312 ».
pub fn group_line(field: Option<&str>, label: &str, count: usize) -> String {
    match field {
        Some(field) => format!("{field} — {label} : {}", thousands(count)),
        None => {
            let mut chars = label.chars();
            let label: String = chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default();
            format!("{label} : {}", thousands(count))
        }
    }
}

pub fn set_cell(row: usize, field: &str, value: &str) -> String {
    format!("Ligne {row}, {field} : « {value} »")
}

/// `name` is the issue code's name.
pub fn fix_group(field: &str, name: &str) -> String {
    format!("Correction suggérée appliquée à {field} ({})", name.to_lowercase())
}

pub fn replace(field: &str, find: &str, replacement: &str) -> String {
    format!("Dans {field}, « {find} » remplacé par « {replacement} »")
}

pub fn fill(field: &str, value: &str) -> String {
    format!("{field} rempli avec « {value} »")
}

pub fn map_values(field: &str, count: usize) -> String {
    if count == 1 {
        format!("Dans {field}, 1 valeur remplacée par une valeur autorisée")
    } else {
        format!("Dans {field}, {} valeurs remplacées par des valeurs autorisées", thousands(count))
    }
}

pub fn delete_rows(count: usize) -> String {
    if count == 1 {
        "1 ligne supprimée".to_owned()
    } else {
        format!("{} lignes supprimées", thousands(count))
    }
}

pub fn unknown_field(field: &str) -> String {
    format!("Le tableau n'a pas de colonne « {field} ».")
}

pub fn no_such_row(row: usize) -> String {
    format!("Le tableau n'a pas de ligne {row}.")
}

pub fn bad_regex(pattern: &str, detail: &str) -> String {
    format!("L'expression de recherche « {pattern} » n'est pas une expression régulière valide ({detail}).")
}

pub fn empty_match(pattern: &str) -> String {
    format!(
        "L'expression de recherche « {pattern} » peut correspondre à un texte vide : elle insérerait le \
         remplacement entre chaque caractère. Précisez-la pour qu'elle désigne au moins un caractère (par \
         exemple « x+ » au lieu de « x* », ou « ^x » au lieu de « ^ »)."
    )
}

/// An edit that would make a cell too long; `row` is the row number in the file (header = 1).
pub fn cell_too_long(row: usize, field: &str, max: usize) -> String {
    format!(
        "Cette modification donnerait à la cellule de la ligne {row} (colonne « {field} ») plus de {} \
         caractères, la limite de Tamis : rien n'a été modifié. Vérifiez le texte recherché et le \
         remplacement.",
        thousands(max)
    )
}

/// A row of the edit log that is not in the new table.
/// `key` is [`row_key`] or [`source_row`].
pub fn row_not_found(key: &str) -> String {
    format!("La ligne {key} n'existe pas dans ce fichier : la modification ne s'y applique pas.")
}

/// An edit of a row named by its number, not replayed on another file (`what` is [`crate::edit::Edit::describe`]).
pub fn other_file(what: &str) -> String {
    format!("« {what} » n'est pas rejouée : ce fichier n'est pas celui où elle a été faite, et la ligne y est repérée par son numéro.")
}

/// A `fixGroup` edit of the log whose issue code this version of Tamis does not know (a recipe saved
/// by another version).
pub fn unknown_code(code: &str) -> String {
    format!("La correction des erreurs « {code} » n'est pas rejouée : Tamis ne connaît pas ce type d'erreur.")
}

/// A row of the edit log whose key appears several times in the new table.
pub fn row_ambiguous(key: &str) -> String {
    format!("La ligne {key} apparaît plusieurs fois dans ce fichier : la modification ne s'y applique pas.")
}

/// A row known by its number in the source file.
pub fn source_row(row: usize) -> String {
    format!("n° {row} du fichier d'origine")
}

/// A row known by its primary key's values.
pub fn row_key(values: &[String]) -> String {
    format!("« {} »", values.join(", "))
}
