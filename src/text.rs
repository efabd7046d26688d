//! The app's French text, in one place.

use tamis_engine::thousands;

pub const TAGLINE: &str = "Publiez les données de votre collectivité au format SCDL, sans rien installer : \
    votre fichier ne quitte jamais votre ordinateur.";
pub const FOOTER: &str = "Tamis fonctionne entièrement dans votre navigateur. Aucune donnée n'est envoyée.";

pub const STEP_OPEN: &str = "Ouvrir votre fichier";
pub const OPEN_HINT: &str = "Glissez-déposez un fichier ici, ou cliquez pour le choisir (CSV, XLSX, XLS, ODS).";
pub const OPEN_BUTTON: &str = "Choisir un fichier";
/// While a file is read for more than half a second, above its progress bar.
pub fn reading(name: &str) -> String {
    format!("Lecture de {name}…")
}
/// While a large table is checked: how far the check is.
pub fn checking(done: usize, rows: usize) -> String {
    let percent = (done * 100).checked_div(rows).unwrap_or(100);
    format!("Vérification des {} lignes… {percent} %", thousands(rows))
}
pub const CHECK_CANCEL_LABEL: &str = "Annuler la vérification et revenir à ce qui était affiché";
/// After the user cancelled a check: what is on screen is what was there before the change.
pub fn check_cancelled(name: &str, previous: Option<&str>) -> String {
    match previous {
        Some(previous) if previous != name => format!(
            "Vérification de {name} annulée : votre fichier {previous} et votre travail sont restés tels qu'ils étaient."
        ),
        Some(_) => "Vérification annulée : le fichier, les colonnes et votre travail sont revenus à ce qu'ils étaient."
            .to_owned(),
        None => format!("Vérification de {name} annulée."),
    }
}
pub const READ_CANCEL: &str = "Annuler";
pub const READ_CANCEL_LABEL: &str = "Annuler la lecture du fichier";
/// After the user cancelled a read: what is on screen is what was there before.
pub fn read_cancelled(name: &str, previous: Option<&str>) -> String {
    match previous {
        Some(previous) if previous == name => {
            format!("Lecture de {name} annulée : le fichier et votre travail sont restés tels qu'ils étaient.")
        }
        Some(previous) => {
            format!("Lecture de {name} annulée : votre fichier {previous} et votre travail sont restés tels qu'ils étaient.")
        }
        None => format!("Lecture de {name} annulée."),
    }
}
/// To a host page whose `tamis:open` was cancelled by the user, or overtaken by another file.
pub const READ_CANCELLED: &str = "La lecture du fichier a été annulée par la personne qui utilise Tamis : le fichier \
    précédent est conservé.";
pub const READ_SUPERSEDED: &str = "La lecture du fichier a été abandonnée : un autre fichier a été ouvert entre-temps.";
pub const SHEET: &str = "Feuille";
pub const ENCODING: &str = "Encodage";
pub const DELIMITER: &str = "Séparateur";
pub const HEADER_ROW: &str = "Ligne d'en-tête";
pub const HEADER_ROW_HINT: &str = "(0 : pas d'en-tête)";
pub const REMOVE_TOTALS: &str = "Retirer ces lignes";

pub const STEP_SCHEMA: &str = "Choisir le schéma";
pub const SCHEMA_PLACEHOLDER: &str = "— Choisissez le schéma de vos données —";
pub const SCHEMA_EMPTY: &str = "Aucun schéma n'a été intégré à cette version de Tamis.";

pub const STEP_MAPPING: &str = "Associer vos colonnes aux champs du schéma";
pub const MAPPING_HELP: &str = "Pour chaque champ du schéma, choisissez la colonne de votre fichier qui le \
    remplit, ou saisissez une valeur identique pour toutes les lignes.";
pub const FIELD: &str = "Champ du schéma";
pub const SOURCE: &str = "Colonne de votre fichier";
pub const NO_COLUMN: &str = "— aucune —";
pub const CONSTANT: &str = "Valeur fixe…";
pub const CONSTANT_PLACEHOLDER: &str = "valeur pour toutes les lignes";
pub const REQUIRED: &str = "obligatoire";
pub const UNUSED_COLUMNS: &str = "Colonnes non utilisées :";
pub const AS_IS_OFFER_LAYOUT: &str = "Les colonnes de ce fichier portent exactement les noms des champs du \
    schéma : vous pouvez le vérifier tel quel, comme le ferait Validata, sans rien associer ni transformer.";
pub const AS_IS_OFFER: &str = "Votre fichier suit déjà le schéma (un fichier publié à vérifier, par exemple) ? \
    Vérifiez-le tel quel, comme le ferait Validata : ses propres colonnes, sans association ni transformation.";
pub const AS_IS_CHECK: &str = "Vérifier le fichier tel quel";
pub const AS_IS_ON: &str = "Le fichier est vérifié tel quel, comme le ferait Validata : ses propres colonnes \
    (même inconnues du schéma), dans leur ordre, sans association ni transformation ; les numéros de ligne sont \
    ceux du fichier. Vous pouvez corriger des cellules ; le fichier téléchargé garde alors ses colonnes telles \
    quelles. Pour remettre les colonnes dans l'ordre et les noms du schéma, revenez à l'association.";
pub const AS_IS_WARNINGS: &str = "Avertissements sur la structure (ils ne rendent pas le fichier non conforme) :";
pub const AS_IS_BACK: &str = "Revenir à l'association des colonnes";
pub const BAD_MODE: &str = "Mode inconnu : « mode » vaut \"mapped\" (par défaut) ou \"as-is\".";

pub const STEP_FIX: &str = "Corriger les erreurs";
pub const STEP_RESULTS: &str = "Télécharger et publier";
pub const VALID: &str = "Votre fichier est conforme au schéma.";
pub const DOWNLOAD: &str = "Télécharger le fichier à publier (CSV)";
pub const DOWNLOAD_INVALID: &str = "Télécharger le CSV (non conforme)";

// Export.
pub fn export_not_conforming(errors: usize, undecided: usize) -> String {
    format!(
        "{} : ce fichier ne doit pas être publié tel quel. Vous pouvez le télécharger pour continuer plus tard ; \
         son nom se termine par « NON-CONFORME » pour que personne ne le publie par erreur.",
        problems(errors, undecided)
    )
}
pub const SIREN_LABEL: &str = "SIREN de la collectivité";
pub const SIREN_FROM_DATA: &str = "(lu dans les données)";
pub const SIREN_MISSING: &str = "Saisissez le SIREN (9 chiffres) : le nom du fichier publié le contient.";
pub const DATASET_LABEL: &str = "Nom du jeu de données";
pub const OTHER_FILES: &str = "Autres fichiers : rapport de validation, recette, copies pour Excel";
pub const DOWNLOAD_REPORT: &str = "Rapport de validation (page à imprimer en PDF)";
pub const DOWNLOAD_REPORT_JSON: &str = "Rapport de validation (JSON)";
pub const DOWNLOAD_RECIPE: &str = "Recette, avec les corrections (JSON)";
pub const DOWNLOAD_XLSX: &str = "Copie XLSX pour vos archives (erreurs surlignées)";
pub const DOWNLOAD_EXCEL: &str = "Copie CSV pour Excel (point-virgule, BOM)";
pub const EXCEL_NOT_FOR_PUBLICATION: &str = "Les copies pour Excel servent à relire le fichier : ne les publiez pas, \
    publiez le fichier CSV ci-dessus.";
pub const CHECKLIST_TITLE: &str = "Publier le fichier";
pub const CHECK_WHERE: &str = "Déposez le fichier CSV sur";
pub const CHECK_WHERE_ATD: &str = " (ou sur le portail de données de votre territoire), puis renseignez :";
pub const CHECK_SCHEMA: &str = "Schéma à déclarer sur la ressource";
pub const CHECK_VERSION: &str = "Version du schéma";
pub const CHECK_LICENCE: &str = "Licence";
pub const LICENCE: &str = "Licence Ouverte / Open Licence version 2.0";
pub const CHECK_TITLE: &str = "Titre proposé";
pub const CHECK_DESCRIPTION: &str = "Description proposée";
pub const COPY: &str = "Copier";
pub const COPIED: &str = "Copié.";
pub const COPY_FAILED: &str = "Copie impossible : sélectionnez le texte et copiez-le (Ctrl+C).";

pub fn dataset_title(schema_title: &str, collectivity: &str) -> String {
    match collectivity.trim() {
        "" => schema_title.to_owned(),
        name => format!("{schema_title} — {name}"),
    }
}

pub fn dataset_description(schema_title: &str, schema: &str, version: &str, date: &str) -> String {
    format!(
        "Données publiées selon le schéma « {schema_title} » ({schema}, version {version}) du Socle commun des \
         données locales. Fichier vérifié conforme au schéma le {date}."
    )
}
pub const DOWNLOAD_FAILED: &str = "Le téléchargement n'a pas pu démarrer. Autorisez les téléchargements \
    pour cette page dans votre navigateur, puis cliquez à nouveau.";
pub const ROW: &str = "Ligne";
pub const PREVIEW: &str = "Aperçu du fichier produit";
pub const DISMISS: &str = "Fermer";

// The host page (protocol.rs, components/host.rs).
pub fn host_asks(origin: &str) -> String {
    format!(
        "{origin} souhaite recevoir le fichier et le rapport. La page qui affiche Tamis appartient à ce site : \
         n'autorisez que si vous le connaissez et lui confiez ces données."
    )
}
pub const HOST_ALLOW: &str = "Autoriser";
pub const HOST_REFUSE: &str = "Refuser";
pub const HOST_REFUSED: &str = "Refusé : rien ne sera transmis à la page qui affiche Tamis.";

pub fn delimiter_name(delimiter: char) -> String {
    match delimiter {
        ';' => "point-virgule".into(),
        ',' => "virgule".into(),
        '\t' => "tabulation".into(),
        '|' => "barre verticale".into(),
        other => format!("« {other} »"),
    }
}

pub fn source_summary(info: &tamis_engine::SourceInfo) -> String {
    let mut parts = vec![format!("Format {}", info.format.to_uppercase())];
    if let Some(encoding) = &info.encoding {
        parts.push(format!("encodage {encoding}"));
    }
    if let Some(delimiter) = info.delimiter.as_deref().and_then(|d| d.chars().next()) {
        parts.push(format!("séparateur {}", delimiter_name(delimiter)));
    }
    if let Some(sheet) = &info.sheet {
        parts.push(format!("feuille « {sheet} »"));
    }
    parts.push(match info.header_row {
        0 => "pas de ligne d'en-tête".to_owned(),
        row => format!("en-tête ligne {row}"),
    });
    parts.push(format!("{} lignes × {} colonnes", thousands(info.row_count), info.column_count));
    parts.join(" · ")
}

pub fn sheet_label(sheet: &tamis_engine::SheetSummary) -> String {
    if sheet.rows == 0 {
        format!("{} (vide)", sheet.name)
    } else {
        format!("{} ({} × {})", sheet.name, sheet.rows, sheet.columns)
    }
}

pub fn totals_found(rows: &[usize]) -> String {
    let list = rows.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
    match rows.len() {
        1 => format!("Une ligne de total a été repérée (ligne {list}) : ce n'est pas une donnée à publier."),
        n => format!("{n} lignes de total ont été repérées (lignes {list}) : ce ne sont pas des données à publier."),
    }
}

pub fn renamed(renamed: &[tamis_engine::read::RenamedLabel]) -> String {
    let list: Vec<String> = renamed
        .iter()
        .map(|r| {
            if r.original.trim().is_empty() {
                format!("colonne {} sans titre → « {} »", r.column, r.label)
            } else {
                format!("« {} » en double → « {} »", r.original.trim(), r.label)
            }
        })
        .collect();
    format!("Titres de colonnes renommés pour les distinguer : {}.", list.join(" ; "))
}

/// What keeps a file from being conformant: its errors, and the cells Tamis could not check.
pub fn problems(errors: usize, undecided: usize) -> String {
    let unchecked = match undecided {
        1 => "1 cellule que Tamis n'a pas pu vérifier (à vérifier à la main)".to_owned(),
        n => format!("{} cellules que Tamis n'a pas pu vérifier (à vérifier à la main)", thousands(n)),
    };
    match (errors, undecided) {
        (errors, 0) => issue_count(errors),
        (0, _) => unchecked,
        (errors, _) => format!("{}, et {unchecked}", issue_count(errors)),
    }
}

pub fn issue_count(n: usize) -> String {
    match n {
        1 => "1 erreur à corriger".into(),
        n => format!("{} erreurs à corriger", thousands(n)),
    }
}

pub fn unchecked_note(rules: &[String]) -> String {
    tamis_engine::validate::unchecked_note(rules)
}

/// Heading of the column of suggested fixes in the issues table.
pub const FIX: &str = "Correction proposée";
/// Before Validata's own wording of an issue, shown after the plain sentence.
pub const DETAIL: &str = "Détail (Validata)";

pub const SCHEMA_URL_FAILED: &str = "Le schéma n'a pas pu être téléchargé depuis cette adresse";
pub const NO_FILE_FOR_EXPORT: &str = "Aucun fichier n'est prêt : ouvrez un fichier et choisissez un schéma d'abord.";
pub const BAD_OPTIONS: &str = "Options de lecture invalides";
pub const BAD_MESSAGE: &str = "Message incomplet : il manque";
pub const READER_CRASHED: &str = "Ce fichier n'a pas pu être lu : il semble endommagé. Ouvrez-le dans votre \
    tableur, enregistrez-le à nouveau (au format XLSX ou CSV), puis réessayez.";
pub const NO_WORKER: &str = "Ce navigateur n'a pas pu lancer la lecture du fichier (les « workers » y sont \
    bloqués, par un réglage ou par la page qui affiche Tamis). Ouvrez Tamis dans un onglet à lui, ou dans un autre \
    navigateur.";
pub const CSV_MAKING: &str = "Préparation du fichier CSV…";
pub const CSV_CANCEL_LABEL: &str = "Annuler la préparation du fichier CSV";
pub const XLSX_MAKING: &str = "Préparation de la copie XLSX…";
pub const XLSX_CANCEL_LABEL: &str = "Annuler la copie XLSX";
pub const XLSX_NO_WORKER: &str = "Ce navigateur n'a pas pu lancer la préparation de la copie XLSX (les « workers » \
    y sont bloqués). Téléchargez plutôt le fichier CSV pour Excel, ou ouvrez Tamis dans un onglet à lui.";
pub const XLSX_CRASHED: &str = "La copie XLSX n'a pas pu être faite (le module qui l'écrit s'est arrêté). Votre \
    travail est intact. Réessayez, ou téléchargez le fichier CSV, qui s'ouvre aussi dans Excel.";
pub const XLSX_TIMED_OUT: &str = "La copie XLSX a pris plus de cinq minutes : elle a été arrêtée. Votre travail est \
    intact. Téléchargez plutôt le fichier CSV pour Excel.";
pub const READ_TIMED_OUT: &str = "La lecture de ce fichier a duré plus d'une minute : elle a été arrêtée. Votre \
    travail en cours est intact. Enregistrez le fichier au format CSV depuis votre tableur (ou retirez les feuilles \
    inutiles), puis ouvrez-le à nouveau.";
pub const FILE_READ_FAILED: &str = "Le fichier n'a pas pu être lu par le navigateur.";

// Recipes and the collectivity.
pub const RECIPE_SAVE: &str = "Enregistrer la recette";
pub const RECIPE_LOAD: &str = "Charger une recette…";
pub const RECIPE_URL_PLACEHOLDER: &str = "ou l'adresse d'une recette partagée";
pub const RECIPE_URL_BUTTON: &str = "Charger";
pub const RECIPE_URL_FAILED: &str = "La recette n'a pas pu être téléchargée depuis cette adresse";
pub const RECIPE_SAVED: &str = "Recette enregistrée dans ce navigateur et téléchargée : le prochain fichier avec \
    les mêmes colonnes sera préparé de la même façon, sans rien refaire.";
pub const RECIPE_NOT_KEPT: &str = "Recette téléchargée, mais ce navigateur n'a pas pu la garder (navigation \
    privée, ou espace de stockage plein) : chargez le fichier de recette la prochaine fois.";
pub fn recipe_saved_dropping(dropped: usize) -> String {
    let dropped = match dropped {
        1 => "la recette la plus ancienne a été retirée".to_owned(),
        n => format!("les {n} recettes les plus anciennes ont été retirées"),
    };
    format!("{RECIPE_SAVED} L'espace de ce navigateur étant plein, {dropped} pour lui faire place.")
}
pub const COLLECTIVITY_NOT_KEPT: &str = "Ce navigateur n'a pas pu garder votre collectivité (navigation privée, ou \
    espace de stockage plein) : il faudra la saisir à nouveau la prochaine fois.";

// What this browser keeps (components/forget.rs).
pub const FORGET: &str = "Effacer les données gardées dans ce navigateur";
pub const FORGET_CONFIRM: &str = "Oui, tout effacer";
pub const FORGET_CANCEL: &str = "Annuler";
pub const FORGET_DONE: &str = "Les données que Tamis gardait dans ce navigateur ont été effacées.";
pub const FORGET_FAILED: &str = "Ce navigateur a refusé d'effacer ces données : effacez les données du site dans \
    ses réglages.";
pub const KEPT_NOTHING: &str = "Tamis ne garde rien dans ce navigateur.";
fn sessions_kept(sessions: usize) -> Option<String> {
    match sessions {
        0 => None,
        1 => Some("1 travail en cours (le fichier ouvert et ses corrections)".to_owned()),
        n => Some(format!("{n} travaux en cours (les fichiers ouverts et leurs corrections)")),
    }
}

fn list_fr(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} et {last}", rest.join(", ")),
    }
}

pub fn kept(sessions: usize, recipes: usize, edits: usize, collectivity: bool) -> String {
    let mut parts: Vec<String> = sessions_kept(sessions).into_iter().collect();
    match (recipes, edits) {
        (0, _) => {}
        (1, 0) => parts.push("1 recette".to_owned()),
        (n, 0) => parts.push(format!("{n} recettes")),
        (1, e) => {
            parts.push(format!("1 recette avec ses {e} correction(s) (qui contiennent des valeurs de vos fichiers)"))
        }
        (n, e) => parts
            .push(format!("{n} recettes avec leurs {e} correction(s) (qui contiennent des valeurs de vos fichiers)")),
    }
    if collectivity {
        parts.push("le nom et le SIRET de votre collectivité".to_owned());
    }
    format!(
        "Gardé dans ce navigateur, sur cet ordinateur seulement : {}. Sur un ordinateur partagé, effacez-les en partant.",
        list_fr(&parts)
    )
}

pub fn forget_question(sessions: usize, recipes: usize, collectivity: bool) -> String {
    let mut parts: Vec<String> = sessions_kept(sessions).into_iter().collect();
    match recipes {
        0 => {}
        1 => parts.push("la recette gardée".to_owned()),
        n => parts.push(format!("les {n} recettes gardées")),
    }
    if collectivity {
        parts.push("votre collectivité".to_owned());
    }
    format!(
        "Effacer {} de ce navigateur ? Les fichiers que vous avez téléchargés ne sont pas touchés.",
        list_fr(&parts)
    )
}

// A new version (offline.rs, components/update.rs).
pub const UPDATE_READY: &str = "Une nouvelle version de Tamis est disponible. Votre travail est sauvegardé : \
    rechargez quand vous voulez pour l'utiliser.";
pub const UPDATE_RELOAD: &str = "Recharger avec la nouvelle version";

// Autosave and resume (autosave.rs, components/resume.rs).
pub const AUTOSAVE_FAILED: &str = "Ce navigateur n'a pas pu sauvegarder votre travail (navigation privée, ou espace \
    de stockage plein) : s'il se ferme, il sera perdu. Téléchargez la recette et le fichier pour le garder.";
pub const RESUME_GONE: &str = "Ce travail n'est plus gardé dans ce navigateur.";
pub const RESUME_TITLE: &str = "Reprendre votre travail";
pub const RESUME: &str = "Reprendre";
pub const RESUME_IGNORE: &str = "Ignorer";
pub fn resume_label(name: &str, minutes_ago: f64) -> String {
    let ago = match minutes_ago.max(0.0).round() as u64 {
        0 => "à l'instant".to_owned(),
        1 => "il y a 1 min".to_owned(),
        m if m < 60 => format!("il y a {m} min"),
        m if m < 60 * 24 => format!("il y a {} h", m / 60),
        m => match m / (60 * 24) {
            1 => "hier".to_owned(),
            d => format!("il y a {d} jours"),
        },
    };
    format!("{name}, modifié {ago}")
}
pub fn resumed(name: &str) -> String {
    format!("Travail repris : {name}.")
}
pub const RECIPE_REPLAYED: &str = "La recette enregistrée pour ces colonnes a été réappliquée : vérifiez le \
    résultat ci-dessous.";
/// After a recipe's edit log was replayed on the new table.
pub fn edits_replayed(applied: usize, skipped: usize) -> String {
    let applied = match applied {
        0 => "Aucune des corrections de la recette n'a pu être rejouée".to_owned(),
        1 => "1 correction de la recette rejouée".to_owned(),
        n => format!("{} corrections de la recette rejouées", thousands(n)),
    };
    match skipped {
        0 => format!("{applied}."),
        1 => format!("{applied} ; 1 ligne ou correction introuvable dans ce fichier, à refaire si besoin."),
        n => format!(
            "{applied} ; {} lignes ou corrections introuvables dans ce fichier, à refaire si besoin.",
            thousands(n)
        ),
    }
}

pub const RECIPE_LOADED: &str = "Recette chargée et appliquée.";
pub const RECIPE_BAD: &str = "Ce fichier n'est pas une recette Tamis lisible";
pub const RECIPE_NEEDS_SCHEMA: &str = "Choisissez d'abord le schéma auquel cette recette s'applique.";
/// A recipe names a schema the catalog could not be loaded for (`why`: the French reason, a sentence).
pub fn recipe_schema_unavailable(schema: &str, why: &str) -> String {
    format!("La recette a été faite pour le schéma « {schema} », qui n'a pas pu être chargé : {why}")
}
/// A recipe names a schema the catalog does not have (one from a file or an address, or a newer one).
pub fn recipe_schema_unknown(schema: &str) -> String {
    format!("La recette a été faite pour le schéma « {schema} », que le catalogue de Tamis n'a pas.")
}
/// The same, when the recipe was applied to the schema chosen before.
pub fn recipe_applied_to(chosen: &str) -> String {
    format!("Elle est appliquée au schéma choisi, « {chosen} » : vérifiez les colonnes.")
}
pub const COLLECTIVITY_HELP: &str = "Votre collectivité (saisie une fois, gardée dans ce navigateur) :";
pub const COLLECTIVITY_NAME: &str = "Nom de la collectivité";
pub const COLLECTIVITY_SIRET: &str = "SIRET de la collectivité";
pub const COLLECTIVITY_FILL: &str = "Remplir les champs de la collectivité";

// Mapping suggestions.
pub const SUGGESTION_SURE: &str = "Suggestion sûre";
pub const SUGGESTION_LIKELY: &str = "Suggestion probable";
pub const SUGGESTION_CHECK: &str = "À vérifier";
pub const SUGGESTION_OTHER: &str = "Tamis suggère la colonne";
pub const SUGGESTION_USE: &str = "Utiliser";
pub const TRANSFORM_REMOVE: &str = "Retirer";
pub const TRANSFORM_ADD: &str = "Appliquer";

// ---------------------------------------------------------------------------------------------------
// Schema picker (components/schema_picker.rs): groups, search, versions, a schema from a file or a URL.
// ---------------------------------------------------------------------------------------------------

pub const SCHEMA_GROUP_SCDL: &str = "Socle commun des données locales (SCDL)";
pub const SCHEMA_GROUP_OTHER: &str = "Autres schémas de schema.data.gouv.fr";
pub const SCHEMA_SEARCH: &str = "Rechercher un schéma";
pub const SCHEMA_SEARCH_PLACEHOLDER: &str = "titre, nom ou mot-clé (par exemple : subventions)";
pub const SCHEMA_NO_MATCH: &str = "Aucun schéma ne correspond à cette recherche.";
pub const SCHEMA_VERSION: &str = "Version";
pub const SCHEMA_LATEST: &str = "dernière";
pub const SCHEMA_SUGGESTED: &str = "D'après votre fichier, ce schéma semble convenir :";
pub const SCHEMA_SUGGESTED_MANY: &str = "D'après votre fichier, ces schémas semblent convenir :";
pub const SCHEMA_OWN: &str = "Utiliser un autre schéma (fichier ou adresse)";
pub const SCHEMA_OWN_HELP: &str = "Un schéma au format Table Schema (fichier JSON), par exemple celui que vous a \
    transmis votre animateur territorial des données.";
pub const SCHEMA_FILE: &str = "Fichier de schéma (JSON)";
pub const SCHEMA_URL: &str = "Adresse du schéma";
pub const SCHEMA_URL_PLACEHOLDER: &str = "https://…/schema.json";
pub const SCHEMA_URL_LOAD: &str = "Télécharger ce schéma";
pub const SCHEMA_URL_LOADING: &str = "Téléchargement du schéma…";
pub const ADDRESS_INVALID: &str = "Cette adresse n'est pas acceptée : elle doit commencer par https:// (une adresse \
    http:// n'est acceptée que sur ce site ou sur cet ordinateur). Vérifiez-la, ou enregistrez le fichier sur votre \
    ordinateur et choisissez-le.";
pub const SCHEMA_URL_HINT: &str = "Vérifiez l'adresse et votre connexion ; le site qui publie le schéma doit aussi \
    autoriser son téléchargement depuis une autre page. Sinon, enregistrez le fichier du schéma sur votre ordinateur \
    et choisissez-le ci-dessus.";
pub const SCHEMA_FILE_UNREADABLE: &str = "Ce fichier n'a pas pu être lu. Choisissez-le à nouveau.";
pub const SCHEMA_FILE_NOT_TEXT: &str = "Ce fichier n'est pas un schéma : un schéma est un fichier texte au format \
    JSON (extension .json).";
pub const SCHEMA_FROM_FILE_OR_URL: &str = "Schéma utilisé (hors catalogue)";

pub fn schema_option(title: &str, name: &str) -> String {
    format!("{title} ({name})")
}

pub fn schema_version_option(version: &str, latest: bool) -> String {
    if latest {
        format!("{version} ({SCHEMA_LATEST})")
    } else {
        version.to_owned()
    }
}

pub fn schema_match_count(count: usize) -> String {
    match count {
        0 => SCHEMA_NO_MATCH.to_owned(),
        1 => "1 schéma correspond.".to_owned(),
        n => format!("{n} schémas correspondent."),
    }
}

pub const CATALOG_LOADING: &str = "Chargement du catalogue des schémas…";
pub const CATALOG_STALE: &str = "Le catalogue des schémas ne correspond pas à cette version de Tamis : une \
    nouvelle version vient sans doute d'être installée. Rechargez la page.";

/// A `phone.json` of another version of Tamis (left in a cache): said inside [`phone_metadata_failed`].
pub const PHONE_METADATA_STALE: &str = "elles viennent d'une autre version de Tamis";

/// Why the phone numbers of a table are reported as not checked: their metadata did not load.
pub fn phone_metadata_failed(detail: &str) -> String {
    format!(
        "Les données qui servent à vérifier les numéros de téléphone n'ont pas pu être chargées ({detail}) : \
         les numéros sont signalés comme non vérifiés. Vérifiez votre connexion, puis rechargez la page."
    )
}

/// The schema bundle could not be loaded (`detail`: the browser's reason).
pub fn catalog_failed(detail: &str) -> String {
    format!(
        "Le catalogue des schémas n'a pas pu être chargé ({detail}). Vérifiez votre connexion, puis choisissez à \
         nouveau le schéma."
    )
}

pub fn schema_url_failed(detail: &str) -> String {
    format!("{SCHEMA_URL_FAILED} ({detail}). {SCHEMA_URL_HINT}")
}
pub const FIELD_DOC: &str = "Ce que le schéma attend";
pub const FIELD_EXAMPLE: &str = "Exemple :";
pub const TRANSFORM_CHOOSE: &str = "Ajouter une transformation…";
pub const ENUM_OUTSIDE: &str = "Valeurs hors de la liste autorisée";
pub const ENUM_KEEP: &str = "— garder telle quelle —";
pub const ENUM_REPLACE: &str = "Remplacer";
pub const ENUM_SUGGESTED: &str = "suggestion :";
pub const ENUM_ACCEPT: &str = "Accepter les suggestions sûres";

// The grid and its error panel.
pub const PREVIOUS: &str = "◀ Précédente";
pub const NEXT: &str = "Suivante ▶";
pub const ONLY_ERRORS: &str = "Seulement les lignes en erreur";
pub const SOURCE_ROW: &str = "Ligne de votre fichier :";
pub const EDIT_CELL: &str = "Nouvelle valeur de la cellule (Entrée pour valider, Échap pour annuler)";
pub const UNDO: &str = "Annuler";
pub const REDO: &str = "Rétablir";
pub const FIX_ALL: &str = "Corriger";
pub const FIX_APPLY: &str = "Appliquer à";
pub const FIX_CELLS: &str = "cellule(s)";
pub const EDIT_HINT: &str = "Double-cliquez sur une cellule (ou Entrée) pour la modifier ; Maj + flèches ou Maj + clic sélectionnent des lignes, à remplir ou supprimer.";
pub const REPLACE_TITLE: &str = "Rechercher et remplacer dans une colonne";
pub const REPLACE_FIELD: &str = "Colonne";
pub const REPLACE_FIND: &str = "Rechercher";
pub const REPLACE_WITH: &str = "Remplacer par";
pub const REPLACE_REGEX: &str = "expression régulière";
pub const REPLACE_LOOK: &str = "Voir le résultat";
pub const NO_ISSUE_LEFT: &str = "Plus aucune erreur : le fichier est conforme.";
pub const FIX_PREVIEW: &str = "Aperçu de la modification";
pub const DELETE: &str = "Supprimer";
pub const ROWS: &str = "ligne(s)";
pub const DELETE_ROWS: &str = "Supprimer ces lignes";
pub const DELETE_ROW: &str = "Supprimer la ligne";
pub const NOTHING_TO_CHANGE: &str = "Aucune cellule ne changerait.";
pub const FILL_TITLE: &str = "Remplir une colonne";
pub const FILL_SCOPE: &str = "Cellules à remplir";
pub const FILL_EMPTY: &str = "les cellules vides";
pub const FILL_ERRORS: &str = "les cellules en erreur";
pub const FILL_ALL: &str = "toutes les cellules";
pub const SELECT_FIRST: &str = "Sélectionnez d'abord des lignes dans la grille : Maj + flèches, ou Maj + clic.";

pub fn fill_selected(rows: usize) -> String {
    match rows {
        0 => "les lignes sélectionnées (aucune : Maj + flèches)".to_owned(),
        1 => "la ligne sélectionnée".to_owned(),
        n => format!("les {} lignes sélectionnées", thousands(n)),
    }
}

pub fn delete_selected(rows: usize) -> String {
    match rows {
        1 => "Supprimer la ligne sélectionnée".to_owned(),
        n => format!("Supprimer les {} lignes sélectionnées", thousands(n)),
    }
}
pub const FILL_VALUE: &str = "Valeur";
pub const MAP_TITLE: &str = "Remplacer les valeurs erronées d'une colonne";
pub const MAP_NONE: &str = "Aucune valeur erronée dans cette colonne.";
pub const MAP_VALUE: &str = "Valeur erronée";
pub const MAP_ROWS: &str = "Lignes";
pub const MAP_TO: &str = "Écrire à la place";
pub const REPLACE_NOTHING: &str = "Aucune cellule de cette colonne ne contient ce texte.";

// The steps (components/stepbar.rs).
pub const STEPS_LABEL: &str = "Étapes";
pub const STEP_TODO: &str = "à faire";
pub const STEP_DONE: &str = "terminée";
pub const STEP_KEYS: &str = "Alt + Page suivante / Alt + Page précédente : étape suivante / précédente.";

/// The step bar's short name of a step.
pub fn step_name(step: crate::steps::Step) -> &'static str {
    use crate::steps::Step;
    match step {
        Step::Open => "Fichier",
        Step::Schema => "Schéma",
        Step::Mapping => "Colonnes",
        Step::Fix => "Corrections",
        Step::Publish => "Publication",
    }
}

/// The heading of a step.
pub fn step_title(step: crate::steps::Step) -> String {
    use crate::steps::Step;
    let title = match step {
        Step::Open => STEP_OPEN,
        Step::Schema => STEP_SCHEMA,
        Step::Mapping => STEP_MAPPING,
        Step::Fix => STEP_FIX,
        Step::Publish => STEP_RESULTS,
    };
    format!("{}. {title}", step.index() + 1)
}

/// What the step bar says of a step's state (`None`: nothing).
pub fn step_status(status: crate::steps::Status) -> Option<String> {
    use crate::steps::Status;
    match status {
        Status::Unavailable => None,
        Status::Todo => Some(STEP_TODO.to_owned()),
        Status::Done => Some("✔".to_owned()),
        Status::Notes(1) => Some("1 remarque".to_owned()),
        Status::Notes(n) => Some(format!("{n} remarques")),
        Status::ToCheck(1) => Some("1 colonne à vérifier".to_owned()),
        Status::ToCheck(n) => Some(format!("{n} colonnes à vérifier")),
        Status::Errors(1) => Some("1 erreur".to_owned()),
        Status::Errors(n) => Some(format!("{} erreurs", thousands(n))),
        Status::Unchecked(1) => Some("1 cellule à vérifier".to_owned()),
        Status::Unchecked(n) => Some(format!("{} cellules à vérifier", thousands(n))),
    }
}

pub fn step_next(step: crate::steps::Step) -> String {
    format!("Suivant : {} ▶", step_name(step))
}

pub fn step_previous(step: crate::steps::Step) -> String {
    format!("◀ Retour : {}", step_name(step))
}

/// Under a field of the Colonnes step: the errors its values have with this mapping.
pub fn field_issues(n: usize) -> String {
    match n {
        1 => "1 erreur dans ce champ".to_owned(),
        n => format!("{} erreurs dans ce champ", thousands(n)),
    }
}

// The saved recipes on the first screen (components/open.rs).
pub const RECIPES_TITLE: &str = "Vos recettes";
pub const RECIPES_HELP: &str = "Déposez le fichier du mois : la recette qui correspond à ses colonnes est \
    réappliquée d'elle-même (colonnes, transformations et corrections).";
pub const RECIPE_OPEN: &str = "Ouvrir un fichier avec cette recette";
pub fn recipe_line(schema: &str, columns: &[String], edits: usize) -> String {
    let shown: Vec<&str> = columns.iter().take(4).map(String::as_str).collect();
    let more = if columns.len() > shown.len() { format!("… ({} colonnes)", columns.len()) } else { String::new() };
    let edits = match edits {
        0 => String::new(),
        1 => ", 1 correction".to_owned(),
        n => format!(", {} corrections", thousands(n)),
    };
    format!("{schema} — colonnes {}{more}{edits}", shown.join(", "))
}

// The panel's tools (components/grid/tools.rs).
pub const WALK_LABEL: &str = "Parcourir et modifier le tableau";
pub const PANEL_TITLE: &str = "Erreurs à corriger";
pub fn tool_title(tool: crate::components::Tool) -> &'static str {
    use crate::components::Tool;
    match tool {
        Tool::Replace => REPLACE_TITLE,
        Tool::Fill => FILL_TITLE,
        Tool::MapValues => MAP_TITLE,
    }
}
pub fn tool_hint(fit: crate::components::Fit) -> &'static str {
    use crate::components::{Fit, Tool};
    match fit {
        Fit::FixAll => "Tamis connaît la correction de ces valeurs : « Corriger » les corrige toutes, après un aperçu.",
        Fit::DeleteBlank => "Des lignes vides : « Supprimer ces lignes » les retire toutes, après un aperçu.",
        Fit::ByHand => {
            "Des valeurs en double : corrigez-les dans la grille (double-clic ou Entrée), ou supprimez les \
            lignes en trop."
        }
        Fit::Tool(Tool::Fill) => "Des cellules vides : remplissez-les d'une même valeur.",
        Fit::Tool(Tool::MapValues) => {
            "Des valeurs hors de la liste autorisée : remplacez chacune par la bonne, en \
            une fois."
        }
        Fit::Tool(Tool::Replace) => {
            "Un même défaut qui se répète (un séparateur, un mot…) : rechercher et \
            remplacer le corrige dans toute la colonne."
        }
    }
}

// The guided fix (« Corriger pas à pas »), in the error panel.
pub const GUIDED: &str = "Corriger pas à pas";
pub const GUIDED_OPEN_HINT: &str = "Les groupes d'erreurs un par un, avec l'action qui convient.";
pub const GUIDED_CLOSE: &str = "Quitter le pas à pas";
pub const GUIDED_PASS: &str = "Passer";
pub const GUIDED_EMPTY: &str = "(vide)";
pub const GUIDED_VALUES: &str = "Les valeurs refusées, le nombre de lignes, et la correction proposée";
pub const GUIDED_PROPOSED: &str = "Correction proposée";
pub const GUIDED_PREVIEW: &str = "Avant → après :";
pub const GUIDED_BY_HAND: &str =
    "Tamis ne peut pas deviner la bonne valeur : corrigez ces cellules à la main dans le tableau (double-clic ou \
    Entrée), ou passez au groupe suivant.";
pub const GUIDED_FIRST: &str = "Aller à la première";
pub const GUIDED_PUBLISH: &str = "Publier le fichier";
pub const GUIDED_DONE: &str = "Tous les groupes d'erreurs sont corrigés : il ne reste qu'à publier le fichier.";
pub const GUIDED_LEFT: &str = "Il reste des erreurs que Tamis ne sait pas corriger seul ; à corriger à la main :";
pub const GUIDED_GENERAL_LEFT: &str =
    "Le fichier a aussi des erreurs qui ne sont pas dans une cellule (voir en haut du panneau) : elles se \
    corrigent à l'étape Colonnes.";
pub const GUIDED_RESTART: &str = "Revoir les groupes passés";

/// « Groupe 2 sur 5 — encore 3 après celui-ci »: where the walk is, counted on the groups it met (those
/// fixed or passed come before), so the numbers stay put as groups get fixed.
pub fn guided_position(progress: crate::components::Progress) -> String {
    let crate::components::Progress { at, total, after } = progress;
    match after {
        0 => format!("Groupe {at} sur {total} — le dernier"),
        after => format!("Groupe {at} sur {total} — encore {after} après celui-ci"),
    }
}

/// « 13 ligne(s) concernée(s). »
pub fn guided_count(count: usize) -> String {
    format!("{} ligne(s) concernée(s).", thousands(count))
}

/// The question of a fill: the value to write in the empty cells of `field`.
pub fn guided_fill(field: &str, count: usize) -> String {
    format!("Quelle valeur mettre dans les {} cellule(s) vide(s) de {field} ? ", thousands(count))
}

/// What the proposed action does.
pub fn guided_action(action: crate::components::Action) -> &'static str {
    use crate::components::Action;
    match action {
        Action::FixAll => "Tamis connaît la correction de ces valeurs : vérifiez l'aperçu, puis appliquez.",
        Action::DeleteBlank => "Ces lignes sont vides : vérifiez l'aperçu, puis supprimez-les.",
        Action::Map => {
            "Chaque valeur refusée sera remplacée par la correction proposée : vérifiez l'aperçu, puis appliquez."
        }
        Action::Fill => "Ces cellules sont vides : tapez la valeur qu'il leur faut, vérifiez l'aperçu, puis appliquez.",
        Action::ByHand => "Pas de correction automatique pour ce groupe.",
    }
}
