use std::fmt;

/// An operational failure: the file cannot be read, or the schema cannot be loaded.
///
/// Findings about the data itself are never errors: they are [`crate::Issue`]s. Display renders the
/// error in plain French for the person using the app ([`ErrorKind::message`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Error(Box<ErrorKind>);

/// What went wrong, with what is known of where.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The file has no bytes, or only whitespace.
    EmptyFile,
    /// The file is larger than Tamis can hold in a browser tab.
    TooLarge { size: usize, max: usize },
    /// The user chose an encoding Tamis does not know.
    UnknownEncoding { name: String },
    /// The bytes are a known non-tabular format (PDF, image, archive…); `what` names it in French.
    NotTabular { what: &'static str },
    /// The bytes are binary and not a workbook Tamis knows.
    Binary,
    /// A workbook container (zip or OLE) that cannot be read: truncated or damaged.
    DamagedWorkbook { detail: String },
    /// A password-protected or encrypted workbook.
    Encrypted,
    /// A sheet spans more rows × columns than Tamis builds a table for (`rows` and `columns` as far as
    /// the reader went: it stops as soon as the limit is passed).
    SheetTooLarge { sheet: String, rows: usize, columns: usize },
    /// A text file with more cells than `max` (the reader stopped at source row `row`), or a workbook
    /// whose sheets hold more than `max` non-empty cells together (`row` is `None`).
    TooManyCells { max: usize, row: Option<usize> },
    /// The workbook has no sheet with any cell.
    NoData,
    /// The requested sheet does not exist.
    SheetNotFound { name: String, available: Vec<String> },
    /// A CSV record could not be parsed.
    Csv { record: u64, detail: String },
    /// The schema is not valid JSON or not a Table Schema.
    Schema { detail: String },
    /// A schema field uses something Tamis cannot check; names the field and the part.
    SchemaUnsupported { field: String, detail: String },
    /// No bundled schema has this name.
    UnknownSchema { name: String },
    /// A recipe that is not valid JSON or not a Tamis recipe.
    Recipe { detail: String },
    /// A SIREN typed by the user that is not one; `reason` says why, in French.
    Siren { text: String, reason: &'static str },
    /// The XLSX copy cannot be written (the table exceeds a limit of the format).
    Xlsx { detail: String },
}

impl ErrorKind {
    /// The message for the person using the app: what is wrong and what to do, in French.
    pub fn message(&self) -> String {
        use crate::fr::{export, read};
        match self {
            ErrorKind::EmptyFile => read::EMPTY_FILE.into(),
            ErrorKind::TooLarge { size, max } => read::too_large(*size, *max),
            ErrorKind::UnknownEncoding { name } => read::unknown_encoding(name),
            ErrorKind::NotTabular { what } => read::not_tabular(what),
            ErrorKind::Binary => read::BINARY.into(),
            ErrorKind::DamagedWorkbook { detail } => read::damaged_workbook(detail),
            ErrorKind::Encrypted => read::ENCRYPTED.into(),
            ErrorKind::SheetTooLarge { sheet, rows, columns } => read::sheet_too_large(sheet, *rows, *columns),
            ErrorKind::TooManyCells { max, row: Some(row) } => read::too_many_cells(*max, *row),
            ErrorKind::TooManyCells { max, row: None } => read::too_many_cells_in_workbook(*max),
            ErrorKind::NoData => read::NO_DATA.into(),
            ErrorKind::SheetNotFound { name, available } => read::sheet_not_found(name, available),
            ErrorKind::Csv { record, detail } => read::csv(*record, detail),
            ErrorKind::Schema { detail } => read::schema(detail),
            ErrorKind::SchemaUnsupported { field, detail } => read::schema_unsupported(field, detail),
            ErrorKind::UnknownSchema { name } => read::unknown_schema(name),
            ErrorKind::Recipe { detail } => read::recipe(detail),
            ErrorKind::Siren { text, reason } => export::siren(text, reason),
            ErrorKind::Xlsx { detail } => export::xlsx(detail),
        }
    }
}

impl Error {
    pub(crate) fn new(kind: ErrorKind) -> Self {
        Error(Box::new(kind))
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.0
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Self {
        Error::new(kind)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.message())
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    //! One message per kind of operational error, as the person reads it: a change of wording shows in
    //! review as a change of this snapshot (insta, inline).

    use super::ErrorKind;
    use std::fmt::Write as _;

    /// Every kind of operational error, with plausible details.
    fn error_kinds() -> Vec<ErrorKind> {
        vec![
            ErrorKind::EmptyFile,
            ErrorKind::TooLarge { size: 300 * 1024 * 1024, max: 200 * 1024 * 1024 },
            ErrorKind::UnknownEncoding { name: "klingon".into() },
            ErrorKind::NotTabular { what: "un document PDF" },
            ErrorKind::Binary,
            ErrorKind::DamagedWorkbook { detail: "archive tronquée".into() },
            ErrorKind::Encrypted,
            ErrorKind::SheetTooLarge { sheet: "Feuil1".into(), rows: 1_048_576, columns: 16_384 },
            ErrorKind::TooManyCells { max: 20_000_000, row: Some(1_250_001) },
            ErrorKind::TooManyCells { max: 20_000_000, row: None },
            ErrorKind::NoData,
            ErrorKind::SheetNotFound { name: "2024".into(), available: vec!["2022".into(), "2023".into()] },
            ErrorKind::Csv { record: 12, detail: "guillemet non fermé".into() },
            ErrorKind::Schema { detail: "« fields » manque".into() },
            ErrorKind::SchemaUnsupported { field: "date".into(), detail: "motif invalide".into() },
            ErrorKind::UnknownSchema { name: "scdl/inconnu".into() },
            ErrorKind::Recipe { detail: "JSON invalide".into() },
            ErrorKind::Siren { text: "1234".into(), reason: crate::fr::export::SIREN_LENGTH },
            ErrorKind::Xlsx { detail: "trop de lignes".into() },
        ]
    }

    fn listing(lines: impl IntoIterator<Item = (String, String)>) -> String {
        let mut out = String::new();
        for (what, message) in lines {
            let _ = writeln!(out, "{what}: {message}");
        }
        out
    }

    #[test]
    fn one_message_per_error_kind() {
        let lines = error_kinds().into_iter().map(|kind| {
            let name = format!("{kind:?}");
            let name = name.split([' ', '{', '(']).next().unwrap_or_default().to_owned();
            (name, kind.message())
        });
        insta::assert_snapshot!(listing(lines), @r##"
            EmptyFile: Le fichier est vide : il ne contient aucune donnée. Vérifiez que vous avez choisi le bon fichier, ou enregistrez-le à nouveau depuis votre tableur.
            TooLarge: Ce fichier est trop volumineux (300 Mo) : Tamis lit les fichiers jusqu'à 200 Mo. Découpez-le (par exemple par année) ou retirez les colonnes inutiles, puis réessayez.
            UnknownEncoding: L'encodage « klingon » est inconnu. Choisissez UTF-8, windows-1252 ou un autre encodage de la liste.
            NotTabular: Ce fichier est un document PDF, pas un tableau. Ouvrez les données dans votre tableur (Excel, LibreOffice) et enregistrez-les au format CSV, XLSX ou ODS, puis choisissez ce fichier.
            Binary: Ce fichier n'est ni un texte (CSV) ni un classeur que Tamis sait lire. Enregistrez-le depuis votre tableur au format CSV, XLSX, XLS ou ODS.
            DamagedWorkbook: Ce classeur est endommagé ou incomplet et ne peut pas être lu (archive tronquée). Ouvrez-le dans votre tableur, enregistrez-le à nouveau, puis réessayez.
            Encrypted: Ce classeur est protégé par un mot de passe. Ouvrez-le dans votre tableur, retirez la protection (ou enregistrez une copie sans mot de passe), puis réessayez.
            SheetTooLarge: La feuille « Feuil1 » s'étend sur 1048576 lignes et 16384 colonnes : c'est trop pour Tamis. Des cellules isolées loin du tableau en sont souvent la cause : supprimez les lignes et colonnes vides après vos données dans votre tableur, enregistrez, puis réessayez.
            TooManyCells: Ce fichier compte plus de 20 000 000 cellules (limite atteinte à la ligne 1 250 001) : c'est trop pour Tamis. Découpez-le en plusieurs fichiers (par exemple par année) ou retirez les colonnes inutiles, puis réessayez.
            TooManyCells: Les feuilles de ce classeur comptent ensemble plus de 20 000 000 cellules remplies : c'est trop pour Tamis. Enregistrez la feuille à traiter seule dans un nouveau classeur (ou en CSV), puis réessayez.
            NoData: Ce classeur ne contient aucune feuille avec des données.
            SheetNotFound: La feuille « 2024 » n'existe pas dans ce classeur. Feuilles disponibles : 2022, 2023.
            Csv: La ligne 12 du fichier ne peut pas être lue (guillemet non fermé). Enregistrez le fichier à nouveau depuis votre tableur au format CSV.
            Schema: Le schéma n'est pas un Table Schema valide (« fields » manque).
            SchemaUnsupported: Le champ « date » du schéma utilise une règle que Tamis ne sait pas appliquer : motif invalide.
            UnknownSchema: Le schéma « scdl/inconnu » est inconnu. Indiquez un nom du catalogue (par exemple « scdl/deliberations »), une adresse ou le schéma lui-même.
            Recipe: La recette n'est pas valide (JSON invalide). Vérifiez qu'il s'agit bien d'une recette Tamis.
            Siren: « 1234 » n'est pas un numéro SIREN valide : un SIREN compte 9 chiffres. Le SIREN de votre collectivité figure sur l'annuaire des entreprises (annuaire-entreprises.data.gouv.fr).
            Xlsx: La copie au format Excel (XLSX) ne peut pas être produite (trop de lignes). Téléchargez le fichier CSV.
            "##);
    }
}
