//! Header similarity: labels reduced to comparable tokens (accents, case, punctuation, camelCase,
//! DBF type suffixes, abbreviations, English words), then compared token by token.

use crate::text::without_marks;

/// Words that carry no meaning in a header.
const STOPWORDS: &[&str] = &[
    "de", "du", "des", "la", "le", "les", "l", "d", "en", "au", "aux", "a", "et", "ou", "s", "par", "sur", "the", "of",
    "n", "un", "une", "dans", "est", "qui",
];

/// Abbreviations and English words, expanded to the French words SCDL titles use.
const EXPANSIONS: &[(&str, &[&str])] = &[
    ("nb", &["nombre"]),
    ("nbr", &["nombre"]),
    ("nbre", &["nombre"]),
    ("num", &["numero"]),
    ("no", &["numero"]),
    ("ndeg", &["numero"]),
    ("dt", &["date"]),
    ("mt", &["montant"]),
    ("mtt", &["montant"]),
    ("lib", &["libelle"]),
    ("libel", &["libelle"]),
    ("lbl", &["libelle"]),
    ("adr", &["adresse"]),
    ("cp", &["code", "postal"]),
    ("codepostal", &["code", "postal"]),
    ("tel", &["telephone"]),
    ("coll", &["collectivite"]),
    ("lat", &["latitude"]),
    ("long", &["longitude"]),
    ("lon", &["longitude"]),
    ("lng", &["longitude"]),
    ("ref", &["reference"]),
    ("delib", &["deliberation"]),
    ("benef", &["beneficiaire"]),
    ("id", &["identifiant"]),
    ("ident", &["identifiant"]),
    ("identification", &["identifiant"]),
    ("obj", &["objet"]),
    ("subv", &["subvention"]),
    ("pct", &["pourcentage"]),
    ("pourcent", &["pourcentage"]),
    ("cm", &["conseil", "municipal"]),
    ("equip", &["equipement"]),
    ("com", &["commune"]),
    ("ville", &["commune"]),
    ("mail", &["email"]),
    ("courriel", &["email"]),
    ("mel", &["email"]),
    ("web", &["site"]),
    ("insee", &["insee"]),
    ("name", &["nom"]),
    ("amount", &["montant"]),
    ("phone", &["telephone"]),
    ("city", &["commune"]),
    ("town", &["commune"]),
    ("zip", &["code", "postal"]),
    ("zipcode", &["code", "postal"]),
    ("postcode", &["code", "postal"]),
    ("address", &["adresse"]),
    ("title", &["titre"]),
    ("street", &["voie"]),
    ("number", &["numero"]),
    ("firstname", &["prenom"]),
    ("count", &["nombre"]),
    ("sex", &["sexe"]),
    ("gender", &["sexe"]),
    ("year", &["annee"]),
    ("latitude", &["latitude"]),
    ("longitude", &["longitude"]),
    ("hours", &["horaires"]),
    ("opening", &["ouverture"]),
    ("keywords", &["mot", "cle"]),
    ("licence", &["licence"]),
    ("license", &["licence"]),
    ("updated", &["mise", "jour"]),
    ("maj", &["mise", "jour"]),
    ("siret", &["siret"]),
];

/// A label reduced to its meaningful, comparable tokens.
pub(crate) fn tokens(label: &str) -> Vec<String> {
    let mut out = Vec::new();
    for raw in words(label) {
        if STOPWORDS.contains(&raw.as_str()) {
            continue;
        }
        if let Some((_, expanded)) = EXPANSIONS.iter().find(|(abbr, _)| *abbr == raw) {
            out.extend(expanded.iter().map(|w| (*w).to_owned()));
        } else {
            out.push(singular(raw));
        }
    }
    out
}

/// A label with everything but letters and digits removed, lower case, no accents: `Date(s) CM` →
/// `datescm`. Two labels with the same compact form differ only in case, accents or punctuation.
pub(crate) fn compact(label: &str) -> String {
    let label = strip_dbf_suffix(label);
    let mut out = String::with_capacity(label.len());
    // ASCII has no marks and lowers simply: most labels and values are ASCII.
    if label.is_ascii() {
        out.extend(label.bytes().filter(u8::is_ascii_alphanumeric).map(|b| char::from(b.to_ascii_lowercase())));
        return out;
    }
    without_marks(label, |c| {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        }
    });
    out
}

/// The lower-case, accent-free words of a label, camelCase split.
fn words(label: &str) -> Vec<String> {
    // `N°`, `n°` is "numéro"; the degree sign would otherwise leave a lone `n`.
    let label = strip_dbf_suffix(label).replace("N°", "numero ").replace("n°", "numero ");
    let mut spaced = String::with_capacity(label.len() + 8);
    let mut previous: Option<char> = None;
    for c in label.chars() {
        // nomAttribuant → nom Attribuant; COLL_NOM stays one word per part; IdRAE → Id RAE.
        if c.is_uppercase() && previous.is_some_and(char::is_lowercase) {
            spaced.push(' ');
        }
        spaced.push(c);
        previous = Some(c);
    }
    let mut reduced = String::with_capacity(spaced.len());
    without_marks(&spaced, |c| reduced.extend(c.to_lowercase().map(|c| if c.is_alphanumeric() { c } else { ' ' })));
    reduced.split_whitespace().map(str::to_owned).collect()
}

/// `LIBEL,C,254` → `LIBEL`: the field type a DBF export appends to shapefile headers.
fn strip_dbf_suffix(label: &str) -> &str {
    match label.split_once(',') {
        Some((name, rest))
            if !name.is_empty()
                && rest.chars().next().is_some_and(|c| "CNDLF".contains(c))
                && rest.chars().all(|c| "CNDLF,0123456789".contains(c)) =>
        {
            name
        }
        _ => label,
    }
}

fn singular(word: String) -> String {
    if word.len() > 3 && word.ends_with('s') && !word.ends_with("ss") {
        word.get(..word.len() - 1).map_or(word.clone(), str::to_owned)
    } else {
        word
    }
}

/// How alike two tokens are, 0 to 1: equal, one a prefix of the other (`benef`, `beneficiaire`), or a
/// close spelling (`accessibilite`, `acessibilite`).
fn token_similarity(a: &str, b: &str) -> f32 {
    if a == b {
        return 1.0;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() >= 4 && long.starts_with(short) {
        return 0.85;
    }
    if short.len() >= 5 {
        let ratio = levenshtein_ratio(a, b);
        if ratio >= 0.8 {
            return ratio;
        }
    }
    0.0
}

fn levenshtein_ratio(a: &str, b: &str) -> f32 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = i;
        let mut left = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let up = row.get(j + 1).copied().unwrap_or(usize::MAX);
            let cost = diagonal + usize::from(ca != cb);
            let value = cost.min(up + 1).min(left + 1);
            diagonal = up;
            left = value;
            if let Some(cell) = row.get_mut(j + 1) {
                *cell = value;
            }
        }
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
    }
    let distance = row.last().copied().unwrap_or(0);
    let longest = a.len().max(b.len()).max(1);
    1.0 - distance as f32 / longest as f32
}

/// Soft Dice coefficient of two token lists: every token counts its best match on the other side.
/// Word order does not matter.
pub(crate) fn token_set_similarity(a: &[String], b: &[String]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let best = |x: &String, ys: &[String]| ys.iter().map(|y| token_similarity(x, y)).fold(0.0_f32, f32::max);
    let from_a: f32 = a.iter().map(|x| best(x, b)).sum();
    let from_b: f32 = b.iter().map(|y| best(y, a)).sum();
    (from_a + from_b) / (a.len() + b.len()) as f32
}

/// The similarity of two labels, 0 to 1: 1 when they differ only in case, accents and punctuation.
#[cfg(test)]
pub(crate) fn label_similarity(a: &str, b: &str) -> f32 {
    Label::new(a).similarity(&Label::new(b))
}

/// A label made ready for comparison once (its compact form and its tokens), rather than once for
/// every label it is compared with.
#[derive(Debug, Clone)]
pub(crate) struct Label {
    pub(crate) compact: String,
    tokens: Vec<String>,
}

impl Label {
    pub(crate) fn new(label: &str) -> Label {
        Label { compact: compact(label), tokens: tokens(label) }
    }

    /// How alike two labels are, from 0 to 1: by their words, or as whole strings for glued words.
    pub(crate) fn similarity(&self, other: &Label) -> f32 {
        let (ca, cb) = (&self.compact, &other.compact);
        if !ca.is_empty() && ca == cb {
            return 1.0;
        }
        let by_tokens = token_set_similarity(&self.tokens, &other.tokens);
        // Glued words (`datesperiodeVersement`) compare best as whole strings.
        let by_chars = if ca.len() >= 6 && cb.len() >= 6 { levenshtein_ratio(ca, cb) } else { 0.0 };
        let by_chars = if by_chars >= 0.85 { by_chars * 0.95 } else { 0.0 };
        by_tokens.max(by_chars)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_split_case_accents_punctuation_and_expand_abbreviations() {
        assert_eq!(tokens("nomAttribuant"), ["nom", "attribuant"]);
        assert_eq!(tokens("N° SIRET attributaire"), ["numero", "siret", "attributaire"]);
        assert_eq!(tokens("N°"), ["numero"]);
        assert_eq!(tokens("NB_POUR"), ["nombre", "pour"]);
        assert_eq!(tokens("Date(s) ou période(s) de versement"), ["date", "periode", "versement"]);
        assert_eq!(tokens("LIBEL,C,254"), ["libelle"]);
        assert_eq!(tokens("Nb de votants"), ["nombre", "votant"]);
        assert_eq!(tokens("COLL_NOM"), ["collectivite", "nom"]);
        assert_eq!(tokens(" Nom attributaire* "), ["nom", "attributaire"]);
    }

    #[test]
    fn compact_ignores_case_accents_and_punctuation_only() {
        assert_eq!(compact("datesperiodeVersement"), compact("datesPeriodeVersement"));
        assert_eq!(compact("IdRAE"), "idrae");
        assert_eq!(compact("Montant  total"), "montanttotal");
        assert_ne!(compact("Montant demandé"), compact("montant"));
    }

    #[test]
    fn similarity_tolerates_order_abbreviations_and_typos() {
        assert_eq!(label_similarity("NomAttribuant", "nomAttribuant"), 1.0);
        assert!(label_similarity("Nom du bénéficiaire", "nomBeneficiaire") > 0.99);
        assert!(label_similarity("beneficiaire nom", "Nom du bénéficiaire") > 0.99);
        assert!(label_similarity("Nb votants pour", "nombre votant pour") > 0.99);
        assert!(label_similarity("dateperiodedversement", "datesPeriodeVersement") > 0.8);
        assert!(label_similarity("Date convention", "Date de la convention de subvention") > 0.6);
        assert!(label_similarity("Titre", "Montant") < 0.1);
        assert!(label_similarity("Montant demandé", "montant") < 0.7);
    }

    #[test]
    fn levenshtein_ratio_is_symmetric_and_bounded() {
        assert_eq!(levenshtein_ratio("abc", "abc"), 1.0);
        assert!((levenshtein_ratio("kitten", "sitting") - levenshtein_ratio("sitting", "kitten")).abs() < 1e-6);
        assert_eq!(levenshtein_ratio("", ""), 1.0);
        assert!(levenshtein_ratio("abcd", "wxyz") <= 0.0);
    }
}
