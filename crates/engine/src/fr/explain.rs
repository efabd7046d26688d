//! Issues in plain words (`describe::explain`): one sentence a person understands for every issue,
//! naming the field and the form it expects, with an example where the schema gives one. Validata's
//! own wording stays the issue's `message`; these sentences are made when shown, never stored.

/// « A, B et C ».
pub fn and_list(items: &[&str]) -> String {
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} et {last}", rest.join(", ")),
        Some((last, _)) => (*last).to_owned(),
        None => String::new(),
    }
}

/// « , par exemple X » when there is an example.
fn for_example(example: Option<&str>) -> String {
    example.map(str::trim).filter(|e| !e.is_empty()).map(|e| format!(", par exemple {e}")).unwrap_or_default()
}

/// The cell as quoted in a sentence.
fn quoted(cell: &str) -> String {
    if cell.is_empty() {
        "la valeur vide".to_owned()
    } else {
        format!("« {cell} »")
    }
}

pub fn type_error(field: &str, cell: &str, expected: &str, example: Option<&str>) -> String {
    format!("Dans {field}, {} n'a pas la forme attendue : {expected}{}.", quoted(cell), for_example(example))
}

pub fn required(field: &str, expected: &str, example: Option<&str>) -> String {
    format!("{field} est obligatoire et cette cellule est vide : remplissez-la ({expected}{}).", for_example(example))
}

pub fn enumeration(field: &str, cell: &str, allowed: &str) -> String {
    format!("Dans {field}, {} n'est pas une valeur autorisée : choisissez parmi {allowed}.", quoted(cell))
}

pub fn pattern(field: &str, cell: &str, expected: &str, example: Option<&str>) -> String {
    let example = example.map(str::trim).filter(|e| !e.is_empty()).map(|e| format!(" (par exemple {e})"));
    format!("Dans {field}, {} n'a pas la forme attendue : {expected}{}.", quoted(cell), example.unwrap_or_default())
}

fn characters(n: usize) -> &'static str {
    if n > 1 {
        "caractères"
    } else {
        "caractère"
    }
}

pub fn min_length(field: &str, cell: &str, min: usize) -> String {
    let n = cell.chars().count();
    format!("Dans {field}, {} compte {n} {} : il en faut au moins {min}.", quoted(cell), characters(n))
}

pub fn max_length(field: &str, cell: &str, max: usize) -> String {
    let n = cell.chars().count();
    format!("Dans {field}, {} compte {n} {} : il en faut au plus {max}.", quoted(cell), characters(n))
}

pub fn minimum(field: &str, cell: &str, min: &str, temporal: bool) -> String {
    if temporal {
        format!("Dans {field}, {} est trop tôt : la date doit être le {min} ou après.", quoted(cell))
    } else {
        format!("Dans {field}, {} est trop petit : la valeur doit être au moins {min}.", quoted(cell))
    }
}

pub fn maximum(field: &str, cell: &str, max: &str, temporal: bool) -> String {
    if temporal {
        format!("Dans {field}, {} est trop tard : la date doit être le {max} ou avant.", quoted(cell))
    } else {
        format!("Dans {field}, {} est trop grand : la valeur doit être au plus {max}.", quoted(cell))
    }
}

pub fn array_item(field: &str, cell: &str, expected: &str) -> String {
    format!(
        "Dans {field}, un élément de la liste {} ne convient pas : chaque élément doit être : {expected}.",
        quoted(cell)
    )
}

/// A constraint-error whose rule could not be found again (the schema changed since): Validata's words.
pub fn constraint(field: &str, message: &str) -> String {
    format!("Dans {field}, la valeur ne respecte pas une règle du champ : {message}")
}

pub const BLANK_ROW: &str =
    "Cette ligne est entièrement vide : supprimez-la, un fichier publié ne doit pas contenir de ligne vide.";

pub fn unique(field: &str, cell: &str, earlier: Option<usize>) -> String {
    match earlier {
        Some(row) => format!(
            "Dans {field}, {} est déjà présent ligne {row} : chaque ligne doit avoir une valeur différente dans {field}.",
            quoted(cell)
        ),
        None => format!("Dans {field}, {} est en double : chaque ligne doit avoir une valeur différente.", quoted(cell)),
    }
}

pub fn primary_key(fields: &[&str], cell: &str, earlier: Option<usize>) -> String {
    let fields = and_list(fields);
    match earlier {
        Some(row) => format!(
            "L'identifiant de cette ligne ({fields} : {}) est déjà celui de la ligne {row} : chaque ligne doit \
             avoir un identifiant différent.",
            quoted(cell)
        ),
        None => {
            format!("L'identifiant de cette ligne ({fields}) est en double : chaque ligne doit en avoir un différent.")
        }
    }
}

pub fn primary_key_empty(fields: &[&str]) -> String {
    format!(
        "L'identifiant de cette ligne ({}) est vide : remplissez-le, chaque ligne doit en avoir un.",
        and_list(fields)
    )
}

pub fn extra_cell(cell: &str) -> String {
    format!(
        "Cette ligne a une cellule de plus que l'en-tête n'a de colonnes ({}) : retirez-la, ou donnez-lui une colonne.",
        quoted(cell)
    )
}

pub fn missing_cell(field: &str) -> String {
    format!("Cette ligne s'arrête avant la colonne {field} : ajoutez la cellule manquante, même vide.")
}

pub fn missing_required_header(field: &str, expected: &str) -> String {
    format!("La colonne obligatoire {field} manque dans le fichier : ajoutez-la ({expected}).")
}

pub const BLANK_LABEL: &str =
    "Une colonne n'a pas de nom dans l'en-tête : donnez-lui le nom d'un champ du schéma, ou retirez-la.";

pub const GENERAL_ERROR: &str = "Plusieurs colonnes du fichier portent le même nom : donnez à chacune un nom \
    différent. Tant que ce n'est pas fait, aucune valeur ne peut être vérifiée.";

pub fn schema_error(fields: &[&str]) -> String {
    format!(
        "Le schéma identifie chaque ligne par {}, mais une de ces colonnes manque dans le fichier : ajoutez-la.",
        and_list(fields)
    )
}

pub const FIELD_ERROR: &str = "Le schéma lui-même est incorrect : ce n'est pas votre fichier qui est en cause. \
    Signalez-le à l'auteur du schéma ; d'ici là, les données ne peuvent pas être vérifiées.";

pub const CHECK_ERROR: &str = "Un contrôle que demande le schéma ne peut pas s'appliquer à ce fichier (une de \
    ses colonnes manque, ou le schéma le décrit mal) : les données ne peuvent pas être déclarées conformes.";

pub fn siret(field: &str, cell: &str, example: &str) -> String {
    format!(
        "Dans {field}, {} n'est pas un numéro SIRET existant : il faut les 14 chiffres de l'établissement, \
         sans espace, par exemple {example}.",
        quoted(cell)
    )
}

pub fn siren(field: &str, cell: &str, example: &str) -> String {
    format!(
        "Dans {field}, {} n'est pas un numéro SIREN existant : il faut les 9 chiffres de l'entreprise ou \
         de la collectivité, sans espace, par exemple {example}.",
        quoted(cell)
    )
}

pub fn one_of_required(column1: &str, column2: &str) -> String {
    format!("Au moins une des colonnes {column1} et {column2} doit être remplie : ici les deux sont vides.")
}

pub fn one_of_required_absent(column1: &str, column2: &str) -> String {
    format!("Les colonnes {column1} et {column2} manquent toutes les deux dans le fichier : ajoutez au moins l'une d'elles.")
}

pub fn year_interval(field: &str, cell: &str, year_only: bool) -> String {
    let also = if year_only { " ou une année seule, par exemple 2024" } else { "" };
    format!(
        "Dans {field}, {} n'est pas un intervalle d'années correct : écrivez deux années séparées par « / », \
         la seconde après la première, par exemple 2023/2024{also}.",
        quoted(cell)
    )
}

/// `filled` of `columns.len()` are filled.
pub fn cohesive(columns: &[&str], filled: usize) -> String {
    let all = columns.len();
    let here = match filled {
        0 => format!("aucun des {all} ne l'est"),
        1 => format!("seul 1 sur {all} l'est"),
        n => format!("seuls {n} sur {all} le sont"),
    };
    format!("{} doivent être tous remplis ou tous vides : ici {here}.", and_list(columns))
}

/// `relation`: « inférieure ou égale »…
pub fn compare(column: &str, value: &str, relation: &str, column2: &str, value2: &str) -> String {
    format!("{column} ({value}) doit être {relation} à {column2} ({value2}) : corrigez l'une des deux valeurs.")
}

pub fn not_comparable(column: &str, value: &str, column2: &str, value2: &str) -> String {
    format!(
        "{column} ({value}) et {column2} ({value2}) ne peuvent pas être comparées : écrivez-les de la même \
         façon (deux dates, ou deux nombres)."
    )
}

/// `terms`: (column, value); `sum` is theirs.
pub fn sum(total: (&str, &str), terms: &[(&str, &str)], sum: &str) -> String {
    let names: Vec<&str> = terms.iter().map(|(c, _)| *c).collect();
    let values: Vec<&str> = terms.iter().map(|(_, v)| *v).collect();
    format!(
        "{} ({}) doit être égal à la somme de {} : ici {} = {sum}.",
        total.0,
        total.1,
        and_list(&names),
        values.join(" + ")
    )
}

pub fn nomenclature(field: &str, cell: &str) -> String {
    format!(
        "Dans {field}, {} ne suit pas la nomenclature des actes : écrivez la matière, « / », puis la \
         sous-matière, par exemple « Finances locales/Subventions ».",
        quoted(cell)
    )
}

pub fn gps(field: &str, cell: &str) -> String {
    format!(
        "Dans {field}, {} n'est pas un point situé en France : écrivez la longitude puis la latitude en degrés \
         décimaux, par exemple 2.3522,48.8566.",
        quoted(cell)
    )
}

pub fn gps_reversed(field: &str, cell: &str) -> String {
    format!(
        "Dans {field}, {} a la latitude et la longitude inversées : écrivez d'abord la longitude, puis la \
         latitude, par exemple 2.3522,48.8566 pour Paris.",
        quoted(cell)
    )
}

pub fn phone(field: &str, cell: &str) -> String {
    format!(
        "Dans {field}, {} n'est pas un numéro de téléphone : 10 chiffres, par exemple 01 99 00 27 37, ou le \
         format international, par exemple +33 1 99 00 27 37.",
        quoted(cell)
    )
}

pub fn opening_hours(field: &str, cell: &str) -> String {
    format!(
        "Dans {field}, {} n'est pas écrit dans la syntaxe des horaires d'OpenStreetMap : jours en anglais \
         abrégés, heures sur deux chiffres, par exemple Mo-Fr 08:30-12:00,13:30-17:00; Sa 09:00-12:00.",
        quoted(cell)
    )
}

pub fn missing_header_warn(field: &str) -> String {
    format!("La colonne facultative {field} n'est pas dans le fichier : ajoutez-la, même vide si vous n'avez pas l'information.")
}

pub fn extra_header_warn(label: &str) -> String {
    format!("La colonne {label} n'est pas un champ du schéma : elle n'est pas vérifiée ; retirez-la avant de publier.")
}

pub fn disordered_header_warn(fields: &[&str]) -> String {
    format!("Les colonnes ne sont pas dans l'ordre du schéma : remettez-les dans cet ordre : {}.", fields.join(", "))
}

pub fn pattern_undecided(field: &str, cell: &str, expected: &str) -> String {
    format!(
        "Tamis n'a pas pu vérifier si {} a la forme attendue dans {field} ({expected}) : vérifiez-le vous-même.",
        quoted(cell)
    )
}
