//! Export (issue #7): file names, SIREN, the validation report, the XLSX copy.

use super::thousands;

/// Before the extension of a file that still has errors (upper case, as the data.gouv.fr guide's
/// readers will spot it).
pub const NOT_CONFORMING: &str = "NON-CONFORME";
/// The suffix of the copies for Excel: they are not the file to publish.
pub const FOR_EXCEL: &str = "pour-excel";
/// The suffix of the validation report.
pub const REPORT: &str = "rapport";
/// File name suffix of the recipe saved with an export.
pub const RECIPE: &str = "recette";
/// The data set name when nothing usable is left of the one given.
pub const DEFAULT_DATASET: &str = "donnees";

pub const SIREN_EMPTY: &str = "le numéro est vide.";
pub const SIREN_NOT_DIGITS: &str = "un SIREN ne contient que des chiffres (les espaces sont acceptés).";
pub const SIREN_LENGTH: &str = "un SIREN compte 9 chiffres.";
pub const SIREN_CHECKSUM: &str = "la clé de contrôle ne correspond pas (un chiffre est sans doute erroné).";

/// A SIREN typed by the user that is not one; `reason` is one of the above.
pub fn siren(text: &str, reason: &str) -> String {
    format!(
        "« {text} » n'est pas un numéro SIREN valide : {reason} Le SIREN de votre collectivité figure sur \
         l'annuaire des entreprises (annuaire-entreprises.data.gouv.fr)."
    )
}

pub fn xlsx(detail: &str) -> String {
    format!("La copie au format Excel (XLSX) ne peut pas être produite ({detail}). Téléchargez le fichier CSV.")
}

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
        (false, n) => format!("{} erreurs restent à corriger pour respecter le schéma « {schema} ».", thousands(n)),
    }
}

/// Above a list cut short: how many are listed, of how many.
pub fn report_listed(listed: usize, total: usize) -> String {
    let (listed, total) = (thousands(listed), thousands(total));
    format!(
        "Ce rapport liste les {listed} premières, sur {total} : corrigez-les (souvent une colonne ou un schéma à \
         revoir), puis validez à nouveau."
    )
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
    format!("{field} — {kind} : {}", thousands(count))
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
/// The table did not reach the worker that writes the copy whole (never expected: a bug).
pub const XLSX_DAMAGED: &str = "le tableau n'est pas arrivé entier au module qui écrit le classeur";
/// The note on a cell whose text exceeded what an Excel cell holds.
pub fn xlsx_truncated(chars: usize) -> String {
    format!("Texte tronqué : une cellule Excel contient au plus 32 767 caractères (celle-ci en a {chars}).")
}

pub fn xlsx_too_many_rows(rows: usize) -> String {
    format!("{} lignes, plus qu'une feuille Excel ne peut en contenir", thousands(rows))
}

/// Notes beyond the first ones are left out of the XLSX copy, to keep it light.
pub fn xlsx_more_errors(count: usize) -> String {
    format!("et {} autre(s) erreur(s) dans ce fichier : voir le rapport de validation", thousands(count))
}
