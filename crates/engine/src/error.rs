use std::fmt;

/// An operational failure: the file cannot be read, or the schema cannot be loaded.
///
/// Findings about the data itself are never errors: they are [`crate::Issue`]s. Display renders the
/// error in plain French for the person using the app ([`Failure::message`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Error(Box<Failure>);

/// What went wrong, with what is known of where.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Failure {
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

impl Failure {
    /// The message for the person using the app: what is wrong and what to do, in French.
    pub fn message(&self) -> String {
        use crate::fr::{export, read};
        match self {
            Failure::EmptyFile => read::EMPTY_FILE.into(),
            Failure::TooLarge { size, max } => read::too_large(*size, *max),
            Failure::UnknownEncoding { name } => read::unknown_encoding(name),
            Failure::NotTabular { what } => read::not_tabular(what),
            Failure::Binary => read::BINARY.into(),
            Failure::DamagedWorkbook { detail } => read::damaged_workbook(detail),
            Failure::Encrypted => read::ENCRYPTED.into(),
            Failure::SheetTooLarge { sheet, rows, columns } => read::sheet_too_large(sheet, *rows, *columns),
            Failure::TooManyCells { max, row: Some(row) } => read::too_many_cells(*max, *row),
            Failure::TooManyCells { max, row: None } => read::too_many_cells_in_workbook(*max),
            Failure::NoData => read::NO_DATA.into(),
            Failure::SheetNotFound { name, available } => read::sheet_not_found(name, available),
            Failure::Csv { record, detail } => read::csv(*record, detail),
            Failure::Schema { detail } => read::schema(detail),
            Failure::SchemaUnsupported { field, detail } => read::schema_unsupported(field, detail),
            Failure::UnknownSchema { name } => read::unknown_schema(name),
            Failure::Recipe { detail } => read::recipe(detail),
            Failure::Siren { text, reason } => export::siren(text, reason),
            Failure::Xlsx { detail } => export::xlsx(detail),
        }
    }
}

impl Error {
    pub(crate) fn new(failure: Failure) -> Self {
        Error(Box::new(failure))
    }

    /// What went wrong.
    pub fn failure(&self) -> &Failure {
        &self.0
    }
}

impl From<Failure> for Error {
    fn from(failure: Failure) -> Self {
        Error::new(failure)
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
    //! One message per operational failure, as the person reads it: a change of wording shows in
    //! review as a change of this snapshot (insta, inline).

    use super::Failure;
    use std::fmt::Write as _;

    /// Every operational failure, with plausible details.
    fn failures() -> Vec<Failure> {
        vec![
            Failure::EmptyFile,
            Failure::TooLarge { size: 300 * 1024 * 1024, max: 200 * 1024 * 1024 },
            Failure::UnknownEncoding { name: "klingon".into() },
            Failure::NotTabular { what: "un document PDF" },
            Failure::Binary,
            Failure::DamagedWorkbook { detail: "archive tronquée".into() },
            Failure::Encrypted,
            Failure::SheetTooLarge { sheet: "Feuil1".into(), rows: 1_048_576, columns: 16_384 },
            Failure::TooManyCells { max: 20_000_000, row: Some(1_250_001) },
            Failure::TooManyCells { max: 20_000_000, row: None },
            Failure::NoData,
            Failure::SheetNotFound { name: "2024".into(), available: vec!["2022".into(), "2023".into()] },
            Failure::Csv { record: 12, detail: "guillemet non fermé".into() },
            Failure::Schema { detail: "« fields » manque".into() },
            Failure::SchemaUnsupported { field: "date".into(), detail: "motif invalide".into() },
            Failure::UnknownSchema { name: "scdl/inconnu".into() },
            Failure::Recipe { detail: "JSON invalide".into() },
            Failure::Siren { text: "1234".into(), reason: crate::fr::export::SIREN_LENGTH },
            Failure::Xlsx { detail: "trop de lignes".into() },
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
    fn one_message_per_failure() {
        let lines = failures().into_iter().map(|failure| {
            let name = format!("{failure:?}");
            let name = name.split([' ', '{', '(']).next().unwrap_or_default().to_owned();
            (name, failure.message())
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
            TooManyCells: Ce fichier compte plus de 20 000 000 cellules (limite atteinte à la ligne 1 250 001) : c'est trop pour Tamis. Découpez-le en plusieurs fichiers (par exemple par année) ou retirez les colonnes inutiles, puis réessayez.
            TooManyCells: Les feuilles de ce classeur comptent ensemble plus de 20 000 000 cellules remplies : c'est trop pour Tamis. Enregistrez la feuille à traiter seule dans un nouveau classeur (ou en CSV), puis réessayez.
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
