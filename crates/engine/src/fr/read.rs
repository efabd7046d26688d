//! Reading the inputs: why a file, a schema or a recipe cannot be read ([`crate::Failure`]), and what
//! the reader noticed in the data ([`crate::Finding`]).

use super::thousands;

pub const EMPTY_FILE: &str = "Le fichier est vide : il ne contient aucune donnée. Vérifiez que vous avez \
    choisi le bon fichier, ou enregistrez-le à nouveau depuis votre tableur.";

/// `size` and `max` in bytes.
pub fn too_large(size: usize, max: usize) -> String {
    format!(
        "Ce fichier est trop volumineux ({} Mo) : Tamis lit les fichiers jusqu'à {} Mo. Découpez-le \
         (par exemple par année) ou retirez les colonnes inutiles, puis réessayez.",
        size / (1024 * 1024),
        max / (1024 * 1024)
    )
}

pub fn unknown_encoding(name: &str) -> String {
    format!("L'encodage « {name} » est inconnu. Choisissez UTF-8, windows-1252 ou un autre encodage de la liste.")
}

/// `what` names the format in French (« un PDF »).
pub fn not_tabular(what: &str) -> String {
    format!(
        "Ce fichier est {what}, pas un tableau. Ouvrez les données dans votre tableur (Excel, \
         LibreOffice) et enregistrez-les au format CSV, XLSX ou ODS, puis choisissez ce fichier."
    )
}

pub const BINARY: &str = "Ce fichier n'est ni un texte (CSV) ni un classeur que Tamis sait lire. \
    Enregistrez-le depuis votre tableur au format CSV, XLSX, XLS ou ODS.";

pub fn damaged_workbook(detail: &str) -> String {
    format!(
        "Ce classeur est endommagé ou incomplet et ne peut pas être lu ({detail}). Ouvrez-le dans \
         votre tableur, enregistrez-le à nouveau, puis réessayez."
    )
}

pub const ENCRYPTED: &str = "Ce classeur est protégé par un mot de passe. Ouvrez-le dans votre \
    tableur, retirez la protection (ou enregistrez une copie sans mot de passe), puis réessayez.";

pub fn sheet_too_large(sheet: &str, rows: usize, columns: usize) -> String {
    format!(
        "La feuille « {sheet} » s'étend sur {rows} lignes et {columns} colonnes : c'est trop pour Tamis. \
         Des cellules isolées loin du tableau en sont souvent la cause : supprimez les lignes et colonnes \
         vides après vos données dans votre tableur, enregistrez, puis réessayez."
    )
}

/// A text file with more than `max` cells, the limit reached at source row `row`.
pub fn too_many_cells(max: usize, row: usize) -> String {
    format!(
        "Ce fichier compte plus de {} cellules (limite atteinte à la ligne {}) : c'est trop pour Tamis. \
         Découpez-le en plusieurs fichiers (par exemple par année) ou retirez les colonnes inutiles, puis \
         réessayez.",
        thousands(max),
        thousands(row)
    )
}

/// A workbook whose sheets hold more than `max` cells together.
pub fn too_many_cells_in_workbook(max: usize) -> String {
    format!(
        "Les feuilles de ce classeur comptent ensemble plus de {} cellules remplies : c'est trop pour Tamis. \
         Enregistrez la feuille à traiter seule dans un nouveau classeur (ou en CSV), puis réessayez.",
        thousands(max)
    )
}

pub const NO_DATA: &str = "Ce classeur ne contient aucune feuille avec des données.";

pub fn sheet_not_found(name: &str, available: &[String]) -> String {
    format!("La feuille « {name} » n'existe pas dans ce classeur. Feuilles disponibles : {}.", available.join(", "))
}

pub fn csv(record: u64, detail: &str) -> String {
    format!(
        "La ligne {record} du fichier ne peut pas être lue ({detail}). Enregistrez le fichier à \
         nouveau depuis votre tableur au format CSV."
    )
}

pub fn schema(detail: &str) -> String {
    format!("Le schéma n'est pas un Table Schema valide ({detail}).")
}

pub fn schema_unsupported(field: &str, detail: &str) -> String {
    format!("Le champ « {field} » du schéma utilise une règle que Tamis ne sait pas appliquer : {detail}.")
}

pub fn unknown_schema(name: &str) -> String {
    format!(
        "Le schéma « {name} » est inconnu. Indiquez un nom du catalogue (par exemple \
         « scdl/deliberations »), une adresse ou le schéma lui-même."
    )
}

pub fn recipe(detail: &str) -> String {
    format!("La recette n'est pas valide ({detail}). Vérifiez qu'il s'agit bien d'une recette Tamis.")
}

// What the reader noticed in the data: `n` cells, `example` one of their values as it is in the file.

pub fn scientific_notation(n: usize, example: &str) -> String {
    let n = thousands(n);
    format!(
        "{n} nombre(s) écrit(s) en notation scientifique (ex. « {example} ») : le tableur a arrondi ces \
         nombres et leurs derniers chiffres sont perdus. Reprenez ces valeurs depuis la source d'origine."
    )
}

pub fn float_identifier(n: usize, example: &str) -> String {
    let n = thousands(n);
    format!(
        "{n} identifiant(s) passé(s) par un nombre à virgule (ex. « {example} ») : les derniers chiffres \
         peuvent être faux. Vérifiez-les dans la source d'origine."
    )
}

pub fn lost_leading_zero(n: usize, example: &str) -> String {
    format!("{} code(s) auquel(s) il manque sans doute le zéro initial (ex. « {example} »).", thousands(n))
}

pub fn error_cell(n: usize, example: &str) -> String {
    format!("{} cellule(s) contiennent une erreur du tableur (ex. « {example} »).", thousands(n))
}

pub fn ooxml_escape(n: usize, example: &str) -> String {
    format!(
        "{} valeur(s) contiennent un code Excel « _x…_ » à la place d'un caractère (ex. « {example} »).",
        thousands(n)
    )
}

pub fn control_character(n: usize) -> String {
    format!("{} valeur(s) contiennent un caractère invisible de contrôle.", thousands(n))
}

pub const MISLEADING_BOM: &str = "Le fichier se déclare en UTF-8 mais il est écrit dans un autre encodage : \
    Tamis l'a lu comme tel.";

/// Values Excel would run as formulas, with the characters they start with (`leading`, each once).
pub fn formula_like(n: usize, leading: &str, example: &str) -> String {
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
        let n = thousands(n);
        format!(
            "{n} cellules commencent par {starts} (ex. « {example} ») : Excel les prendrait pour des formules. \
             Si ce sont des formules, remplacez-les par leur résultat dans votre tableur ; sinon, rien à faire : \
             Tamis les garde telles quelles, et sa copie pour Excel les fait précéder d'une apostrophe."
        )
    }
}

/// A finding in one sentence: `what` (one of the above) after its column, if it has one, and before the
/// first rows where it was seen (`count` cells in all), unless `rows` is empty.
pub fn finding(column: Option<&str>, what: &str, rows: &[usize], count: usize) -> String {
    let column = column.map(|c| format!("Colonne « {c} » : ")).unwrap_or_default();
    if rows.is_empty() {
        format!("{column}{what}")
    } else {
        let more = if count > rows.len() { "…" } else { "." };
        let rows = rows.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
        format!("{column}{what} Ligne(s) {rows}{more}")
    }
}
