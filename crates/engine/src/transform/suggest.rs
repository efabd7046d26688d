//! Which transforms a column's content calls for, and fuzzy suggestions onto an enum.

use super::{Case, DateOrder, DecimalSource, Outcome, Percent, Transform};
use crate::schema::Field;
use crate::text::normalize_label;
use std::collections::{BTreeMap, HashSet};

/// A similarity from which an enum suggestion is applied without asking.
pub const ENUM_CONFIDENT: f32 = 0.8;

/// Below this, no enum suggestion at all.
const ENUM_MINIMUM: f32 = 0.5;

/// Two candidates closer than this are a tie: the suggestion is not confident.
const TIE: f32 = 0.02;

/// The safe transforms a field's column calls for, given a sample of its values: each one leaves a
/// valid value valid and with the same meaning, and changes at least one value of the sample.
pub fn suggest_transforms(field: &Field, values: &[&str]) -> Vec<Transform> {
    let filled: Vec<&str> = values.iter().copied().filter(|v| !v.trim().is_empty()).collect();
    if filled.is_empty() {
        return Vec::new();
    }
    let changes = |transform: &Transform| {
        filled.iter().any(|v| matches!(transform.apply(v), Outcome::Changed(_) | Outcome::Unrecoverable(_)))
    };
    let mut out = Vec::new();
    match field.field_type.as_str() {
        "date" | "datetime" => out.extend(date_transform(field, &filled).filter(|t| changes(t))),
        "number" | "integer" => out.extend(Some(number_transform(field)).filter(|t| changes(t))),
        "boolean" => {
            let transform = Transform::Boolean {
                true_value: first(&field.true_values).unwrap_or_else(|| "true".into()),
                false_value: first(&field.false_values).unwrap_or_else(|| "false".into()),
            };
            let words = filled.iter().filter(|v| super::is_boolean_word(v)).count();
            if words * 5 >= filled.len() * 4 && changes(&transform) {
                out.push(transform);
            }
        }
        "string" => {
            if let Some((length, checksum)) = identifier_spec(field) {
                out.extend(Some(Transform::Identifier { length, checksum }).filter(|t| changes(t)));
            } else if let Some(allowed) = enum_values(field) {
                let trim = Transform::Trim;
                let collapse = Transform::CollapseSpaces;
                let collapse_needed = filled.iter().any(|v| collapse.apply(v).value_or(v) != v.trim());
                let prepared: Vec<String> =
                    filled
                        .iter()
                        .map(|v| {
                            if collapse_needed {
                                collapse.apply(v).value_or(v).to_owned()
                            } else {
                                v.trim().to_owned()
                            }
                        })
                        .collect();
                if collapse_needed {
                    out.push(collapse);
                } else if changes(&trim) {
                    out.push(trim);
                }
                let sources: Vec<&str> =
                    prepared.iter().map(String::as_str).filter(|v| !allowed.iter().any(|a| a == v)).collect();
                let suggestions = suggest_enum_map(&sources, &allowed);
                let confident = suggestions.iter().all(|(_, to, score)| to.is_some() && *score >= ENUM_CONFIDENT);
                if !suggestions.is_empty() && confident {
                    let map: BTreeMap<String, String> =
                        suggestions.into_iter().filter_map(|(from, to, _)| Some((from, to?))).collect();
                    out.push(Transform::EnumMap { map });
                }
            } else if field.constraints.pattern.is_none()
                && field.constraints.min_length.is_none()
                && changes(&Transform::Trim)
            {
                out.push(Transform::Trim);
            }
        }
        _ => {}
    }
    out
}

/// Every transform a person may choose for `field`, whatever the data: the general ones (spaces, case)
/// and those of the field's type (dates read day first or month first, or from Excel serial numbers;
/// French numbers; yes/no words; identifiers). The app lists them; the preview shows what each does.
pub fn manual_transforms(field: &Field) -> Vec<Transform> {
    let mut out = vec![
        Transform::Trim,
        Transform::CollapseSpaces,
        Transform::Case { to: Case::Upper },
        Transform::Case { to: Case::Lower },
        Transform::Case { to: Case::Sentence },
    ];
    match field.field_type.as_str() {
        "date" | "datetime" => {
            if let Some(to) = target_format(field) {
                let pivot = super::default_pivot();
                for (order, excel_serial) in
                    [(DateOrder::DayFirst, false), (DateOrder::MonthFirst, false), (DateOrder::DayFirst, true)]
                {
                    out.push(Transform::Date { order, excel_serial, pivot, to: to.clone() });
                }
            }
        }
        "number" | "integer" => out.push(number_transform(field)),
        "boolean" => {
            let true_value = first(&field.true_values).unwrap_or_else(|| "true".into());
            let false_value = first(&field.false_values).unwrap_or_else(|| "false".into());
            out.push(Transform::Boolean { true_value, false_value });
        }
        _ => {}
    }
    if let Some((length, checksum)) = identifier_spec(field) {
        out.push(Transform::Identifier { length, checksum });
    }
    out
}

fn first(values: &Option<Vec<String>>) -> Option<String> {
    values.as_ref().and_then(|v| v.first().cloned())
}

/// The allowed values of a field with an `enum` constraint, as text.
pub fn enum_values(field: &Field) -> Option<Vec<String>> {
    let values = field.constraints.enumeration.as_ref()?;
    Some(
        values
            .iter()
            .map(|v| match v {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            })
            .collect(),
    )
}

/// The strftime format a date or datetime field is written in.
fn target_format(field: &Field) -> Option<String> {
    let format = field.format.as_deref().map(|f| f.strip_prefix("fmt:").unwrap_or(f));
    match format {
        None | Some("default") | Some("any") => {
            Some(if field.field_type == "datetime" { "%Y-%m-%dT%H:%M:%S%z" } else { "%Y-%m-%d" }.to_owned())
        }
        Some(f) if f.contains('%') => Some(f.to_owned()),
        Some(_) => None,
    }
}

fn date_transform(field: &Field, values: &[&str]) -> Option<Transform> {
    let to = target_format(field)?;
    // Which of the first two numbers is the day: one above 12 says so.
    let (mut day_first, mut month_first) = (0usize, 0usize);
    for value in values {
        let date = value.trim().split([' ', 'T']).next().unwrap_or("");
        let parts: Vec<&str> = date.split(['/', '-', '.']).collect();
        if let [a, b, c] = parts.as_slice() {
            if a.len() <= 2 && (c.len() == 4 || c.len() == 2) {
                let (a, b) = (a.parse::<u32>().unwrap_or(0), b.parse::<u32>().unwrap_or(0));
                day_first += usize::from(a > 12 && b <= 12);
                month_first += usize::from(b > 12 && a <= 12);
            }
        }
    }
    let any_format = matches!(field.format.as_deref(), Some("any"));
    let order = if day_first > month_first {
        DateOrder::DayFirst
    } else if month_first > day_first {
        DateOrder::MonthFirst
    } else if any_format {
        // dateutil reads an ambiguous date month first: only unambiguous evidence is safe.
        return None;
    } else {
        // No evidence: the field's own format decides, then France.
        match (to.find("%m").or_else(|| to.find("%-m")), to.find("%d").or_else(|| to.find("%-d"))) {
            (Some(m), Some(d)) if m < d && !to.starts_with("%Y") => DateOrder::MonthFirst,
            _ => DateOrder::DayFirst,
        }
    };
    let serials = values.iter().filter(|v| is_serial(v.trim())).count();
    let excel_serial = to.contains("%d") && serials * 2 >= values.len();
    let pivot = super::default_pivot();
    Some(Transform::Date { order, excel_serial, pivot, to })
}

fn is_serial(text: &str) -> bool {
    let whole = text.split(['.', ',']).next().unwrap_or("");
    whole.len() == 5 && whole.bytes().all(|b| b.is_ascii_digit()) && text.len() <= 20
}

fn number_transform(field: &Field) -> Transform {
    let decimal_char = field.decimal_char.clone().unwrap_or_else(|| ".".into());
    let decimal = match (decimal_char.as_str(), field.group_char.as_deref()) {
        (",", _) | (_, Some(".")) => DecimalSource::Comma,
        (_, Some(",")) => DecimalSource::Point,
        _ => DecimalSource::Auto,
    };
    // A share between 0 and 1 (SCDL pourcentageSubvention), unless a non-bare number field already reads
    // `12%` as 12.
    let maximum = field.constraints.maximum.as_ref().and_then(serde_json::Value::as_f64);
    let percent = if maximum.is_some_and(|m| m <= 1.0) && field.bare_number != Some(false) {
        Percent::Fraction
    } else {
        Percent::Hundred
    };
    Transform::Number { decimal, percent, integer: field.field_type == "integer", decimal_char }
}

/// The words of a field's name and title (`codePostal`, `COM_CP`, `Code SIRET` → code, postal, com, cp, siret).
fn words(text: &str) -> Vec<String> {
    let mut spaced = String::with_capacity(text.len() + 8);
    let mut previous_lower = false;
    for c in text.chars() {
        if c.is_uppercase() && previous_lower {
            spaced.push(' ');
        }
        previous_lower = c.is_lowercase();
        spaced.push(c);
    }
    normalize_label(&spaced)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// For an identifier field: its length when known, and whether it carries a SIRET/SIREN checksum.
fn identifier_spec(field: &Field) -> Option<(Option<usize>, bool)> {
    let mut words = words(&field.name);
    words.extend(field.title.as_deref().map(self::words).unwrap_or_default());
    let has = |w: &str| words.iter().any(|x| x == w);
    let pattern = field.constraints.pattern.as_deref().unwrap_or("");
    let fixed = [14usize, 9, 5].into_iter().find(|n| {
        let bare = pattern.trim_start_matches('^').trim_end_matches('$');
        bare == format!(r"\d{{{n}}}") || bare == format!("[0-9]{{{n}}}")
    });
    if has("siret") || fixed == Some(14) {
        Some((Some(14), true))
    } else if has("siren") || fixed == Some(9) {
        Some((Some(9), true))
    } else if has("insee") || has("postal") || has("cp") || has("postcode") || fixed == Some(5) {
        Some((Some(5), false))
    } else {
        None
    }
}

/// For each distinct value (in order of appearance), the closest allowed value, if any is close, and
/// the similarity (1 = the same but for case, accents, spacing or punctuation). Ties between two allowed
/// values lower the similarity below [`ENUM_CONFIDENT`].
pub fn suggest_enum_map(values: &[&str], allowed: &[String]) -> Vec<(String, Option<String>, f32)> {
    let mut seen = HashSet::new();
    let allowed_keys: Vec<Key> = allowed.iter().map(|a| Key::new(a)).collect();
    values
        .iter()
        .filter(|v| !v.trim().is_empty() && seen.insert(**v))
        .map(|value| {
            let key = Key::new(value);
            let mut scored: Vec<(f32, &String)> =
                allowed_keys.iter().zip(allowed).map(|(a, name)| (similarity(&key, a), name)).collect();
            scored.sort_by(|x, y| y.0.total_cmp(&x.0));
            match scored.as_slice() {
                [(best, name), rest @ ..] if *best >= ENUM_MINIMUM => {
                    let runner_up = rest.first().map_or(0.0, |(score, _)| *score);
                    let score =
                        if *best < 1.0 && *best - runner_up < TIE { best.min(ENUM_CONFIDENT - 0.1) } else { *best };
                    ((*value).to_owned(), Some((*name).clone()), score)
                }
                [(best, _), ..] => ((*value).to_owned(), None, *best),
                [] => ((*value).to_owned(), None, 0.0),
            }
        })
        .collect()
}

/// Short words that say nothing about which value is meant.
const STOP_WORDS: &[&str] =
    &["a", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les", "un", "une"];

struct Key {
    /// Lower case, no accents, punctuation as spaces, spaces collapsed.
    text: String,
    /// Its words, short connecting words left out (unless there is nothing else).
    words: Vec<String>,
}

impl Key {
    fn new(value: &str) -> Key {
        let lowered = normalize_label(value);
        let text =
            lowered.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
        let all: Vec<String> = text.split(' ').filter(|w| !w.is_empty()).map(str::to_owned).collect();
        let meaningful: Vec<String> = all.iter().filter(|w| !STOP_WORDS.contains(&w.as_str())).cloned().collect();
        Key { text, words: if meaningful.is_empty() { all } else { meaningful } }
    }
}

fn similarity(source: &Key, allowed: &Key) -> f32 {
    if source.text.is_empty() || allowed.text.is_empty() {
        return 0.0;
    }
    if source.text == allowed.text {
        return 1.0;
    }
    let (a, b) = (&source.words, &allowed.words);
    let shared = a.iter().filter(|w| b.contains(w)).count();
    let ratio = |x: usize, y: usize| x as f32 / y.max(1) as f32;
    let mut score = edit_similarity(&source.text, &allowed.text);
    // `Numéraire` → `aide en numéraire`: every word of the source is in the allowed value.
    if shared == a.len() && !a.is_empty() {
        score = score.max(0.85 + 0.1 * ratio(a.len(), b.len()));
    } else if shared == b.len() && !b.is_empty() {
        // `non concerné` → `non`: the allowed value is in the source, which says more.
        score = score.max(0.6 + 0.1 * ratio(b.len(), a.len()));
    }
    // `échel` → `échelonné`, `num` → `numéraire`: every word abbreviates a word of the allowed value.
    let abbreviates = !a.is_empty() && a.iter().all(|w| w.len() >= 3 && b.iter().any(|x| x.starts_with(w.as_str())));
    if abbreviates {
        let letters: usize = a.iter().map(String::len).sum();
        let total: usize = b.iter().map(String::len).sum();
        score = score.max(0.7 + 0.2 * ratio(letters, total));
    }
    let union = a.len() + b.len() - shared;
    score.max(0.8 * ratio(shared, union))
}

/// 1 − Levenshtein distance / longer length, on characters.
fn edit_similarity(a: &str, b: &str) -> f32 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let longest = a.len().max(b.len());
    if longest == 0 || longest > 200 {
        return 0.0;
    }
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        if let Some(first) = current.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous.get(j).copied().unwrap_or(0) + usize::from(ca != cb);
            let deletion = previous.get(j + 1).copied().unwrap_or(0) + 1;
            let insertion = current.get(j).copied().unwrap_or(0) + 1;
            if let Some(cell) = current.get_mut(j + 1) {
                *cell = substitution.min(deletion).min(insertion);
            }
        }
        std::mem::swap(&mut previous, &mut current);
    }
    let distance = previous.get(b.len()).copied().unwrap_or(longest);
    1.0 - distance as f32 / longest as f32
}
