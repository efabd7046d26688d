//! One message per operational error and per issue code, as the person reads it: a change of wording
//! shows in review as a change of these snapshots (insta, inline).

use super::issues;
use crate::error::ErrorKind;
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
        ErrorKind::Siren { text: "1234".into(), reason: super::export::SIREN_LENGTH },
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

#[test]
fn one_message_per_issue_code() {
    let strings = |values: &[&str]| values.iter().map(|v| (*v).to_owned()).collect::<Vec<_>>();
    let messages: Vec<(&str, String)> = vec![
        ("type-error", issues::number_with_comma("12.5")),
        ("constraint-error", issues::enumeration(&strings(&["oui", "non"]))),
        ("blank-row", issues::BLANK_ROW.to_owned()),
        ("unique-error", issues::unique(3)),
        ("primary-key-error", issues::primary_key(3)),
        ("extra-cell", issues::EXTRA_CELL.to_owned()),
        ("missing-cell", issues::MISSING_CELL.to_owned()),
        ("missing-required-header", issues::missing_required_header("id")),
        ("blank-label", issues::blank_label(2)),
        ("general-error", issues::duplicate_labels(&["id", ""])),
        ("schema-error", issues::primary_key_absent(&strings(&["id", "annee"]))),
        ("field-error", issues::unknown_type("montant", "money")),
        ("check-error", issues::check_error("sum-columns-value", &issues::check_too_few_columns())),
        ("french-siret-value", issues::siret("1234")),
        ("french-siren-value", issues::siren("1234")),
        ("one-of-required", issues::one_of_required("siret", "rna")),
        ("year-interval-value", issues::year_interval("2024/2020", "la seconde année est avant la première")),
        ("cohesive-columns-value", issues::cohesive(&["lat", "lon"])),
        ("compare-columns-value", issues::compare("debut", "2024-02-01", "inférieure ou égale", "fin", "2024-01-01")),
        ("sum-columns-value", issues::sum(&[("a", "1"), ("b", "2")], 3, "total", "4")),
        ("nomenclature-actes-value", issues::nomenclature("Urbanisme", "le code doit commencer par un chiffre")),
        ("french-gps-coordinates", issues::gps("0.0,0.0")),
        ("reversed-french-gps-coordinates", issues::gps_reversed("48.85,2.35")),
        ("phone-number-value", issues::phone("12")),
        ("opening-hours-value", issues::opening_hours("lundi 9h")),
        ("missing-header-warn", issues::missing_header_warn("email")),
        ("extra-header-warn", issues::extra_header_warn("notes")),
        ("disordered-header-warn", issues::disordered_header_warn(&["id", "nom"])),
        ("pattern-undecided", issues::pattern_undecided("code")),
    ];
    let lines = messages.into_iter().map(|(code, message)| (format!("{code} ({})", issues::code_name(code)), message));
    insta::assert_snapshot!(listing(lines), @r##"
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
