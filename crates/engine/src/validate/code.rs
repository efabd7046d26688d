//! The code of an issue: Validata's (frictionless's) codes, one variant each, so a code is never a
//! misspelt string and every `match` on it is exhaustive.

use crate::fr::issues::names;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::cmp::Ordering;
use std::fmt;

/// What kind of issue: serialised as Validata's exact string (`type-error`, `blank-row`…), ordered as
/// those strings are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Code {
    /// A cell that is not of its field's type.
    TypeError,
    /// A cell that breaks a constraint of its field (required, enum, pattern, bounds, lengths).
    ConstraintError,
    BlankRow,
    UniqueError,
    PrimaryKeyError,
    ExtraCell,
    MissingCell,
    MissingRequiredHeader,
    BlankLabel,
    /// Columns with the same name (Validata's code for it).
    GeneralError,
    /// The schema cannot be applied to the file (its primary key's columns are missing).
    SchemaError,
    /// A field of the schema that frictionless refuses (unknown type, constraint not for its type).
    FieldError,
    /// A custom check of the schema that cannot be applied.
    CheckError,
    /// A file the reference validator cannot read (Tamis says it with an [`crate::Error`] instead).
    SourceError,
    /// A file whose bytes the reference validator cannot decode in the encoding it detects (a UTF-8
    /// byte order mark over a body that is not UTF-8): Tamis reads it, checked as it is it is refused.
    EncodingError,
    FrenchSiretValue,
    FrenchSirenValue,
    OneOfRequired,
    YearIntervalValue,
    CohesiveColumnsValue,
    CompareColumnsValue,
    SumColumnsValue,
    NomenclatureActesValue,
    FrenchGpsCoordinates,
    ReversedFrenchGpsCoordinates,
    PhoneNumberValue,
    OpeningHoursValue,
    MissingHeaderWarn,
    ExtraHeaderWarn,
    DisorderedHeaderWarn,
    /// A cell that could not be checked against its field's pattern (too costly to decide): a warning
    /// that still keeps the file from being conformant (see [`crate::Report`]).
    PatternUndecided,
}

impl Code {
    /// Every code.
    pub const ALL: [Code; 31] = [
        Code::TypeError,
        Code::ConstraintError,
        Code::BlankRow,
        Code::UniqueError,
        Code::PrimaryKeyError,
        Code::ExtraCell,
        Code::MissingCell,
        Code::MissingRequiredHeader,
        Code::BlankLabel,
        Code::GeneralError,
        Code::SchemaError,
        Code::FieldError,
        Code::CheckError,
        Code::SourceError,
        Code::EncodingError,
        Code::FrenchSiretValue,
        Code::FrenchSirenValue,
        Code::OneOfRequired,
        Code::YearIntervalValue,
        Code::CohesiveColumnsValue,
        Code::CompareColumnsValue,
        Code::SumColumnsValue,
        Code::NomenclatureActesValue,
        Code::FrenchGpsCoordinates,
        Code::ReversedFrenchGpsCoordinates,
        Code::PhoneNumberValue,
        Code::OpeningHoursValue,
        Code::MissingHeaderWarn,
        Code::ExtraHeaderWarn,
        Code::DisorderedHeaderWarn,
        Code::PatternUndecided,
    ];

    /// Validata's code, as it is in its reports and in Tamis's JSON.
    pub const fn as_str(self) -> &'static str {
        match self {
            Code::TypeError => "type-error",
            Code::ConstraintError => "constraint-error",
            Code::BlankRow => "blank-row",
            Code::UniqueError => "unique-error",
            Code::PrimaryKeyError => "primary-key-error",
            Code::ExtraCell => "extra-cell",
            Code::MissingCell => "missing-cell",
            Code::MissingRequiredHeader => "missing-required-header",
            Code::BlankLabel => "blank-label",
            Code::GeneralError => "general-error",
            Code::SchemaError => "schema-error",
            Code::FieldError => "field-error",
            Code::CheckError => "check-error",
            Code::SourceError => "source-error",
            Code::EncodingError => "encoding-error",
            Code::FrenchSiretValue => "french-siret-value",
            Code::FrenchSirenValue => "french-siren-value",
            Code::OneOfRequired => "one-of-required",
            Code::YearIntervalValue => "year-interval-value",
            Code::CohesiveColumnsValue => "cohesive-columns-value",
            Code::CompareColumnsValue => "compare-columns-value",
            Code::SumColumnsValue => "sum-columns-value",
            Code::NomenclatureActesValue => "nomenclature-actes-value",
            Code::FrenchGpsCoordinates => "french-gps-coordinates",
            Code::ReversedFrenchGpsCoordinates => "reversed-french-gps-coordinates",
            Code::PhoneNumberValue => "phone-number-value",
            Code::OpeningHoursValue => "opening-hours-value",
            Code::MissingHeaderWarn => "missing-header-warn",
            Code::ExtraHeaderWarn => "extra-header-warn",
            Code::DisorderedHeaderWarn => "disordered-header-warn",
            Code::PatternUndecided => "pattern-undecided",
        }
    }

    /// The code of Validata's string, if it is one.
    pub fn parse(code: &str) -> Option<Code> {
        Code::ALL.into_iter().find(|c| c.as_str() == code)
    }

    /// A short French name, for counts and headings (Validata's names where they are French).
    pub fn name(self) -> &'static str {
        match self {
            Code::TypeError => names::TYPE_ERROR,
            Code::ConstraintError => names::CONSTRAINT_ERROR,
            Code::BlankRow => names::BLANK_ROW,
            Code::UniqueError => names::UNIQUE_ERROR,
            Code::PrimaryKeyError => names::PRIMARY_KEY_ERROR,
            Code::ExtraCell => names::EXTRA_CELL,
            Code::MissingCell => names::MISSING_CELL,
            Code::MissingRequiredHeader => names::MISSING_REQUIRED_HEADER,
            Code::BlankLabel => names::BLANK_LABEL,
            Code::GeneralError => names::GENERAL_ERROR,
            Code::SchemaError | Code::FieldError => names::SCHEMA_ERROR,
            Code::CheckError => names::CHECK_ERROR,
            Code::SourceError => names::SOURCE_ERROR,
            Code::EncodingError => names::ENCODING_ERROR,
            Code::FrenchSiretValue => names::FRENCH_SIRET_VALUE,
            Code::FrenchSirenValue => names::FRENCH_SIREN_VALUE,
            Code::OneOfRequired => names::ONE_OF_REQUIRED,
            Code::YearIntervalValue => names::YEAR_INTERVAL_VALUE,
            Code::CohesiveColumnsValue => names::COHESIVE_COLUMNS_VALUE,
            Code::CompareColumnsValue => names::COMPARE_COLUMNS_VALUE,
            Code::SumColumnsValue => names::SUM_COLUMNS_VALUE,
            Code::NomenclatureActesValue => names::NOMENCLATURE_ACTES_VALUE,
            Code::FrenchGpsCoordinates => names::FRENCH_GPS_COORDINATES,
            Code::ReversedFrenchGpsCoordinates => names::REVERSED_FRENCH_GPS_COORDINATES,
            Code::PhoneNumberValue => names::PHONE_NUMBER_VALUE,
            Code::OpeningHoursValue => names::OPENING_HOURS_VALUE,
            Code::MissingHeaderWarn => names::MISSING_HEADER_WARN,
            Code::ExtraHeaderWarn => names::EXTRA_HEADER_WARN,
            Code::DisorderedHeaderWarn => names::DISORDERED_HEADER_WARN,
            Code::PatternUndecided => names::PATTERN_UNDECIDED,
        }
    }
}

/// Codes sort as their strings do (reports list codes in that order).
impl Ord for Code {
    fn cmp(&self, other: &Self) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl PartialOrd for Code {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Code::parse(&text).ok_or_else(|| serde::de::Error::custom(format!("unknown issue code `{text}`")))
    }
}

#[cfg(test)]
mod tests {
    use super::Code;
    use crate::fr;
    use std::fmt::Write as _;

    /// An example of the message of each code (a new code must come with one).
    fn example(code: Code) -> String {
        let strings = |values: &[&str]| values.iter().map(|v| (*v).to_owned()).collect::<Vec<_>>();
        match code {
            Code::TypeError => fr::issues::number_with_comma("12.5"),
            Code::ConstraintError => fr::issues::enumeration(&strings(&["oui", "non"])),
            Code::BlankRow => fr::issues::BLANK_ROW.to_owned(),
            Code::UniqueError => fr::issues::unique(3),
            Code::PrimaryKeyError => fr::issues::primary_key(3),
            Code::ExtraCell => fr::issues::EXTRA_CELL.to_owned(),
            Code::MissingCell => fr::issues::MISSING_CELL.to_owned(),
            Code::MissingRequiredHeader => fr::issues::missing_required_header("id"),
            Code::BlankLabel => fr::issues::blank_label(2),
            Code::GeneralError => fr::issues::duplicate_labels(&["id", ""]),
            Code::SchemaError => fr::issues::primary_key_absent(&strings(&["id", "annee"])),
            Code::FieldError => fr::issues::unknown_type("montant", "money"),
            Code::CheckError => {
                fr::issues::check_error(Code::SumColumnsValue.as_str(), &fr::issues::check_too_few_columns())
            }
            Code::FrenchSiretValue => fr::issues::siret("1234"),
            Code::FrenchSirenValue => fr::issues::siren("1234"),
            Code::OneOfRequired => fr::issues::one_of_required("siret", "rna"),
            Code::YearIntervalValue => fr::issues::year_interval("2024/2020", "la seconde année est avant la première"),
            Code::CohesiveColumnsValue => fr::issues::cohesive(&["lat", "lon"]),
            Code::CompareColumnsValue => {
                fr::issues::compare("debut", "2024-02-01", "inférieure ou égale", "fin", "2024-01-01")
            }
            Code::SumColumnsValue => fr::issues::sum(&[("a", "1"), ("b", "2")], 3, "total", "4"),
            Code::NomenclatureActesValue => {
                fr::issues::nomenclature("Urbanisme", "le code doit commencer par un chiffre")
            }
            Code::FrenchGpsCoordinates => fr::issues::gps("0.0,0.0"),
            Code::ReversedFrenchGpsCoordinates => fr::issues::gps_reversed("48.85,2.35"),
            Code::PhoneNumberValue => fr::issues::phone("12"),
            Code::OpeningHoursValue => fr::issues::opening_hours("lundi 9h"),
            Code::MissingHeaderWarn => fr::issues::missing_header_warn("email"),
            Code::ExtraHeaderWarn => fr::issues::extra_header_warn("notes"),
            Code::DisorderedHeaderWarn => fr::issues::disordered_header_warn(&["id", "nom"]),
            Code::PatternUndecided => fr::issues::pattern_undecided("code"),
            Code::SourceError => fr::issues::first_sheet_empty("Feuil1", "Données"),
            Code::EncodingError => fr::issues::misleading_bom_refused("windows-1252"),
        }
    }

    /// One message per issue code, with the code's name, as the person reads them: a change of wording
    /// shows in review as a change of this snapshot (insta, inline).
    #[test]
    fn one_message_per_issue_code() {
        let mut out = String::new();
        for code in Code::ALL {
            let _ = writeln!(out, "{code} ({}): {}", code.name(), example(code));
        }
        insta::assert_snapshot!(out, @r##"
            type-error (Format incorrect): Le séparateur décimal à utiliser est le point (« 12.5 »).
            constraint-error (Contrainte non respectée): Les seules valeurs autorisées sont :
            - oui
            - non
            blank-row (Ligne vide): Les lignes vides doivent être retirées de la table.
            unique-error (Valeur en double): Cette valeur est déjà présente à la ligne 3 : chaque valeur de cette colonne doit être unique.
            primary-key-error (Identifiant de ligne en double): Cette ligne a la même clé que la ligne 3 : chaque ligne doit avoir une clé (identifiant) différente.
            extra-cell (Valeur surnuméraire): Cette ligne a plus de cellules que l'en-tête n'a de colonnes : retirez la valeur en trop ou ajoutez la colonne.
            missing-cell (Cellule manquante): Cette ligne s'arrête avant cette colonne : la cellule manque.
            missing-required-header (Colonne obligatoire manquante): La colonne obligatoire « id » est manquante.
            blank-label (Colonne sans nom): La colonne n° 2 n'a pas de nom dans l'en-tête : donnez-lui le nom d'un champ du schéma.
            general-error (Colonnes en double): Plusieurs colonnes portent le même nom (« id », (vide)) : renommez-les pour que chaque nom soit unique. Tant que ce n'est pas fait, les données ne peuvent pas être vérifiées.
            schema-error (Schéma inapplicable): La clé primaire du schéma (id, annee) ne peut pas être vérifiée : une de ses colonnes manque dans le fichier.
            field-error (Schéma inapplicable): Le schéma est incorrect : le champ « montant » a un type inconnu « money ». Validata refuse alors de vérifier les données.
            check-error (Contrôle du schéma inapplicable): Le contrôle « sum-columns-value » du schéma ne peut pas être appliqué : il faut au moins deux colonnes à additionner.
            source-error (Lecture impossible): Validata ne lit que la première feuille du classeur, « Feuil1 », et elle est vide : les données sont dans la feuille « Données ». Placez-les en première feuille, ou revenez à la mise en correspondance : Tamis vous fait télécharger un CSV de la feuille « Données ».
            encoding-error (Encodage incorrect): Le fichier commence par la marque d'un texte UTF-8 (BOM), mais il est écrit en windows-1252 : Validata ne peut pas le lire tel quel. Enregistrez-le depuis votre tableur au format « CSV UTF-8 », ou revenez à la mise en correspondance : Tamis le lit et vous fait télécharger un CSV en UTF-8.
            french-siret-value (Numéro SIRET invalide): La valeur 1234 n'est pas un numéro SIRET français valide.
            french-siren-value (Numéro SIREN invalide): La valeur 1234 n'est pas un numéro SIREN français valide.
            one-of-required (Valeur manquante): incohérence relevée (Au moins l'une des colonnes 'siret' ou 'rna' doit comporter une valeur.).
            year-interval-value (Année ou intervalle d'années): L'année ou l'intervalle d'années « 2024/2020 » est incorrect (la seconde année est avant la première).
            cohesive-columns-value (Cohérence entre colonnes): incohérence relevée (Les colonnes lat, lon doivent toutes comporter une valeur ou toutes être vides).
            compare-columns-value (Comparaison de colonnes): La valeur de la colonne debut « 2024-02-01 » devrait être inférieure ou égale à la valeur de la colonne fin « 2024-01-01 ».
            sum-columns-value (Somme de colonnes): La somme des colonnes a (1), b (2) vaut 3, ce qui est différent de la valeur de la colonne total (4).
            nomenclature-actes-value (Nomenclature Actes): La valeur « Urbanisme » ne respecte pas le format des nomenclatures d'actes (le code doit commencer par un chiffre).
            french-gps-coordinates (Coordonnées GPS hors de France): La valeur 0.0,0.0 ne correspond pas à des coordonnées GPS françaises valides.
            reversed-french-gps-coordinates (Coordonnées GPS inversées): La valeur 48.85,2.35 correspond à des coordonnées GPS françaises inversées : la longitude doit venir en premier, puis la latitude.
            phone-number-value (Numéro de téléphone invalide): La valeur « 12 » n'est pas un numéro de téléphone valide. Les numéros acceptés sont les numéros français à 10 chiffres (« 01 99 00 27 37 ») ou au format international avec l'indicatif du pays (« +33 1 99 00 27 37 »). Les numéros courts (« 115 » ou « 3949 ») sont également acceptés.
            opening-hours-value (Horaires d'ouverture incorrects): La valeur « lundi 9h » n'est pas une définition d'horaires d'ouverture correcte. Elle doit suivre la syntaxe OpenStreetMap (https://wiki.openstreetmap.org/wiki/Key:opening_hours), par exemple « Mo-Fr 08:30-12:00,13:30-17:00; Sa 09:00-12:00; PH off ».
            missing-header-warn (Colonne manquante): Ajoutez la colonne manquante « email ».
            extra-header-warn (Colonne surnuméraire): Retirez la colonne « notes » non définie dans le schéma.
            disordered-header-warn (Colonnes désordonnées): Réordonnez les colonnes du fichier pour respecter le schéma : id, nom.
            pattern-undecided (Valeur non vérifiée): Tamis n'a pas pu vérifier cette valeur contre le motif du champ « code » (trop complexe à analyser) : vérifiez-la à la main.
            "##);
    }

    #[test]
    fn codes_serialise_as_validata_strings_and_back() {
        for code in Code::ALL {
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
            assert_eq!(serde_json::from_str::<Code>(&json).unwrap(), code);
        }
        let distinct: std::collections::BTreeSet<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(distinct.len(), Code::ALL.len());
        assert!(serde_json::from_str::<Code>("\"no-such-code\"").is_err());
    }
}
