//! Suggestions: which column of the commune's sheet likely fills each schema field, and which schemas
//! the sheet likely follows. Three signals, combined per (field, column):
//!
//! - the header's similarity to the field's name, its title and the variants the project knows
//!   ([`aliases`]), ignoring case, accents, punctuation, word order and common abbreviations;
//! - the column's values (sampled): SIRETs with checksum, dates in any common format, amounts, INSEE
//!   codes, e-mails… against the kind of values the field expects, type compatibility included;
//! - for the producer's own fields (`nomAttribuant`, `COLL_SIRET`…), whether the column holds the
//!   same value on every row.
//!
//! Then one global assignment, best pairs first, so a column never fills two fields; a column named
//! exactly like a field goes to that field. When the evidence is thin or two choices are close, the
//! confidence drops, or no column is suggested.

mod aliases;
mod content;
mod names;

pub use content::Content;

use crate::fr;
use crate::read::Sheet;
use crate::schema::{Field, Schema};
use content::Profile;
use regex::Regex;
use serde::{Deserialize, Serialize};

/// How sure a suggestion is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Confidence {
    /// Unsure: shown, never applied without the user's look.
    Low,
    Medium,
    High,
}

/// The suggested source of one schema field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldSuggestion {
    /// The schema field.
    pub field: String,
    /// A header label of the sheet, exactly as in `sheet.headers`; `None` when no column fits.
    pub column: Option<String>,
    pub confidence: Confidence,
    /// 0 to 1.
    pub score: f32,
    /// One French line: why this column (or why none).
    pub reason: String,
    /// The next best columns with their scores, best first (at most 3).
    pub alternatives: Vec<(String, f32)>,
}

/// Below this, a column is not suggested at all.
const MIN_SCORE: f32 = 0.5;
/// From this, a suggestion is at least Medium.
const MEDIUM_SCORE: f32 = 0.68;
/// From this (and with a name that says so), High.
const HIGH_SCORE: f32 = 0.85;
/// Two candidates closer than this are ambiguous.
const AMBIGUITY: f32 = 0.06;

/// Where a header's likeness to a field comes from.
#[derive(Debug, Clone, PartialEq)]
enum NameEvidence {
    Identical,
    SameLoosely,
    Variant,
    CloseToVariant(&'static str),
    CloseToTitle(String),
    CloseToName,
    None,
}

/// One (field, column) pair, scored.
#[derive(Debug, Clone)]
struct Candidate {
    field: usize,
    column: usize,
    score: f32,
    name: f32,
    exact: bool,
    evidence: NameEvidence,
    content: f32,
    content_reason: Option<String>,
}

/// A column's label and what its values look like, computed once per sheet.
struct Column<'a> {
    label: &'a str,
    name: names::Label,
    profile: Profile,
}

fn columns(sheet: &Sheet) -> Vec<Column<'_>> {
    sheet
        .headers
        .iter()
        .enumerate()
        .map(|(i, label)| Column { label, name: names::Label::new(label), profile: Profile::of_column(sheet, i) })
        .collect()
}

/// What a field is called (its name, its known variants, its title), made ready for comparison once
/// per field.
struct FieldNames<'a> {
    name: names::Label,
    variants: Vec<(&'static str, names::Label)>,
    title: Option<(&'a str, names::Label)>,
}

impl FieldNames<'_> {
    fn of(field: &Field) -> FieldNames<'_> {
        FieldNames {
            name: names::Label::new(&field.name),
            variants: aliases::of(&field.name).iter().map(|v| (*v, names::Label::new(v))).collect(),
            title: field.title.as_deref().filter(|t| !t.trim().is_empty()).map(|t| (t, names::Label::new(t))),
        }
    }
}

/// One suggestion per schema field, in schema order. A column fills at most one field.
pub fn suggest_mapping(schema: &Schema, sheet: &Sheet) -> Vec<FieldSuggestion> {
    suggest_with(schema, &columns(sheet))
}

/// The likely schemas for the sheet, best first, each with a score from 0 to 1: how many of its
/// required fields (all fields if none is required) get a confident suggestion, and how much of the
/// sheet they use.
pub fn suggest_schema(catalog: &[(&str, &Schema)], sheet: &Sheet) -> Vec<(String, f32)> {
    let columns = columns(sheet);
    let used_columns = columns.iter().filter(|c| c.profile.values > 0).count().max(1);
    let mut ranked: Vec<(String, f32)> = catalog
        .iter()
        .map(|(name, schema)| {
            let suggestions = suggest_with(schema, &columns);
            let weight = |s: &FieldSuggestion| match (&s.column, s.confidence) {
                (None, _) => 0.0,
                (Some(_), Confidence::High) => 1.0,
                (Some(_), Confidence::Medium) => 0.7,
                (Some(_), Confidence::Low) => 0.2,
            };
            let required: Vec<&FieldSuggestion> =
                suggestions.iter().zip(&schema.fields).filter(|(_, f)| f.required()).map(|(s, _)| s).collect();
            let considered: Vec<&FieldSuggestion> =
                if required.is_empty() { suggestions.iter().collect() } else { required };
            let coverage = considered.iter().map(|s| weight(s)).sum::<f32>() / considered.len().max(1) as f32;
            let sheet_use =
                suggestions.iter().filter(|s| s.column.is_some() && s.confidence >= Confidence::Medium).count() as f32
                    / used_columns as f32;
            ((*name).to_owned(), 0.7 * coverage + 0.3 * sheet_use.min(1.0))
        })
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    ranked
}

fn suggest_with(schema: &Schema, columns: &[Column]) -> Vec<FieldSuggestion> {
    let kinds: Vec<Content> = schema.fields.iter().map(content::expected_content).collect();
    let allowed: Vec<Vec<String>> = schema.fields.iter().map(content::allowed_values).collect();
    let patterns: Vec<Option<Regex>> = schema
        .fields
        .iter()
        .map(|f| f.constraints.pattern.as_deref().and_then(|p| Regex::new(&format!("^(?:{p})$")).ok()))
        .collect();
    let mut candidates: Vec<Candidate> = Vec::new();
    for (f, field) in schema.fields.iter().enumerate() {
        let kind = kinds.get(f).copied().unwrap_or(Content::Text);
        let allowed = allowed.get(f).map_or(&[][..], Vec::as_slice);
        let pattern = patterns.get(f).and_then(Option::as_ref);
        let names = FieldNames::of(field);
        for (c, column) in columns.iter().enumerate() {
            candidates.push(score(f, (field, &names), (kind, allowed, pattern), c, column));
        }
    }
    // Exact names first, then by score; a stable order for ties (schema order, then sheet order).
    let mut order: Vec<&Candidate> = candidates.iter().filter(|c| c.exact || c.score >= MIN_SCORE).collect();
    order.sort_by(|a, b| {
        b.exact
            .cmp(&a.exact)
            .then_with(|| b.score.total_cmp(&a.score))
            .then_with(|| a.field.cmp(&b.field))
            .then_with(|| a.column.cmp(&b.column))
    });
    let mut field_taken: Vec<Option<&Candidate>> = vec![None; schema.fields.len()];
    let mut column_taken = vec![false; columns.len()];
    for candidate in order {
        let field_free = field_taken.get(candidate.field).is_some_and(Option::is_none);
        let column_free = column_taken.get(candidate.column).is_some_and(|taken| !taken);
        if field_free && column_free {
            if let Some(slot) = field_taken.get_mut(candidate.field) {
                *slot = Some(candidate);
            }
            if let Some(slot) = column_taken.get_mut(candidate.column) {
                *slot = true;
            }
        }
    }
    schema
        .fields
        .iter()
        .enumerate()
        .map(|(f, field)| {
            let mut others: Vec<&Candidate> = candidates.iter().filter(|c| c.field == f && c.score >= 0.3).collect();
            others.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.column.cmp(&b.column)));
            let chosen = field_taken.get(f).copied().flatten();
            let alternatives: Vec<(String, f32)> = others
                .iter()
                .filter(|c| chosen.is_none_or(|ch| ch.column != c.column))
                .take(3)
                .filter_map(|c| Some((columns.get(c.column)?.label.to_owned(), c.score.clamp(0.0, 1.0))))
                .collect();
            match chosen {
                Some(choice) => {
                    let label = columns.get(choice.column).map_or("", |c| c.label);
                    // A rival: another column almost as good for this field, or another field that
                    // wanted this column almost as much.
                    let rival_column = others
                        .iter()
                        .find(|c| c.column != choice.column && !choice.exact && c.score >= choice.score - AMBIGUITY)
                        .and_then(|c| columns.get(c.column))
                        .map(|c| c.label);
                    let rival_field = candidates
                        .iter()
                        .find(|c| {
                            c.column == choice.column
                                && c.field != f
                                && !choice.exact
                                && c.score >= choice.score - AMBIGUITY
                                && c.score >= MIN_SCORE
                        })
                        .and_then(|c| schema.fields.get(c.field))
                        .map(|f| f.name.as_str());
                    let mut confidence = confidence(choice);
                    let mut reason = reason(field, choice);
                    if let Some(other) = rival_column.or(rival_field) {
                        confidence = confidence.min(Confidence::Low);
                        reason = format!("{reason} ; {}", fr::suggest::ambiguous(other));
                    }
                    FieldSuggestion {
                        field: field.name.clone(),
                        column: Some(label.to_owned()),
                        confidence,
                        score: choice.score.clamp(0.0, 1.0),
                        reason,
                        alternatives,
                    }
                }
                None => FieldSuggestion {
                    field: field.name.clone(),
                    column: None,
                    confidence: Confidence::Low,
                    score: 0.0,
                    reason: fr::suggest::no_column(),
                    alternatives,
                },
            }
        })
        .collect()
}

/// Scores one (field, column) pair.
fn score(
    f: usize,
    (field, names): (&Field, &FieldNames),
    (kind, allowed, pattern): (Content, &[String], Option<&Regex>),
    c: usize,
    column: &Column,
) -> Candidate {
    let (name, evidence) = name_likeness(field, names, column);
    let exact = matches!(evidence, NameEvidence::Identical | NameEvidence::SameLoosely);
    let (content, content_reason) = content_evidence(field, kind, allowed, pattern, &column.profile, name);
    Candidate { field: f, column: c, score: name + content, name, exact, evidence, content, content_reason }
}

/// How much a header looks like a field: its name, its title, a known variant.
fn name_likeness(field: &Field, names: &FieldNames, column: &Column) -> (f32, NameEvidence) {
    if column.label == field.name {
        return (1.0, NameEvidence::Identical);
    }
    let header = &column.name;
    if !header.compact.is_empty() && header.compact == names.name.compact {
        return (1.0, NameEvidence::SameLoosely);
    }
    let mut best = (header.similarity(&names.name), NameEvidence::CloseToName);
    for (variant, label) in &names.variants {
        if label.compact == header.compact {
            return (0.95, NameEvidence::Variant);
        }
        let similarity = 0.9 * header.similarity(label);
        if similarity > best.0 {
            best = (similarity, NameEvidence::CloseToVariant(variant));
        }
    }
    if let Some((title, label)) = &names.title {
        let similarity = 0.9 * header.similarity(label);
        if similarity > best.0 {
            best = (similarity, NameEvidence::CloseToTitle((*title).to_owned()));
        }
    }
    if best.0 < 0.2 {
        best.1 = NameEvidence::None;
    }
    best
}

/// Whether the field is the producer's own (the same on every row): its name or SIRET.
fn producer_field(field: &Field) -> bool {
    let name = field.name.to_lowercase();
    name.contains("attribuant")
        || name.starts_with("coll_")
        || name.starts_with("menucoll")
        || name == "bgt_siret"
        || name == "bgt_nom"
}

/// Whether the field names something (a name, a title, an object) rather than holding a code.
fn prose_field(field: &Field) -> bool {
    let words = names::tokens(&field.name);
    ["nom", "objet", "titre", "libelle", "description", "prenom", "intitule"]
        .iter()
        .any(|w| words.iter().any(|x| x == w))
}

/// What the values say about the pair: a bonus when they fit the field's kind, a penalty when they
/// cannot, with the reason.
fn content_evidence(
    field: &Field,
    kind: Content,
    allowed: &[String],
    pattern: Option<&Regex>,
    profile: &Profile,
    name: f32,
) -> (f32, Option<String>) {
    if profile.values == 0 {
        return (-0.05, Some(fr::suggest::empty_column()));
    }
    let mut delta = 0.0;
    let mut reason = None;
    let share = profile.share(kind, allowed);
    let percent = (share * 100.0).round() as u32;
    match kind {
        Content::Text => {
            if prose_field(field) && profile.mostly_not_prose() {
                delta -= 0.3;
                reason = Some(fr::suggest::values_not_text());
            } else if let Some(pattern) = pattern {
                // A field with a pattern (`^W\d{9}$`): the values should mostly follow it.
                let matching = profile.pattern_share(pattern);
                if matching >= 0.5 {
                    delta += 0.15 * matching;
                    reason = Some(fr::suggest::values_match_pattern((matching * 100.0).round() as u32));
                } else if matching < 0.2 {
                    delta -= 0.2;
                    reason = Some(fr::suggest::values_miss_pattern((matching * 100.0).round() as u32));
                }
            }
        }
        Content::Enum => {
            if share >= 0.5 {
                delta += 0.15 * share;
                reason = Some(fr::suggest::values_fit(percent, kind.described(), kind.checked()));
            } else if share < 0.05 && profile.values >= 3 {
                // Values to translate (codes, other words): possible, but worth a look.
                delta -= 0.25;
                reason = Some(fr::suggest::values_do_not_fit(percent, kind.described()));
            }
        }
        _ => {
            let strong = if kind.distinctive() { 0.3 } else { 0.15 };
            if share >= 0.5 {
                delta += strong * share;
                reason = Some(fr::suggest::values_fit(percent, kind.described(), kind.checked()));
            } else if share < 0.2 {
                delta -= 0.35;
                reason = Some(fr::suggest::values_do_not_fit(percent, kind.described()));
            }
        }
    }
    if producer_field(field) {
        if profile.constant() {
            delta += 0.1;
            reason.get_or_insert_with(fr::suggest::constant_column);
        } else if profile.values >= 5 && profile.distinct >= 2 {
            delta -= 0.25;
            reason = Some(fr::suggest::varying_column());
        }
    } else if field.name.to_lowercase().contains("beneficiaire") && profile.values >= 5 && profile.constant() {
        delta -= 0.15;
    }
    // Values alone never make a suggestion: without a name that points to the field, the bonus is
    // halved so the pair stays below the threshold unless the name helps.
    if name < 0.3 && delta > 0.0 {
        delta *= 0.5;
    }
    (delta, reason)
}

fn confidence(choice: &Candidate) -> Confidence {
    let named = choice.exact || matches!(choice.evidence, NameEvidence::Variant);
    if choice.content < -0.2 {
        // The values contradict the name: worth a look.
        return if choice.score >= MEDIUM_SCORE { Confidence::Medium } else { Confidence::Low };
    }
    if (named && choice.score >= HIGH_SCORE - 0.1) || (choice.score >= HIGH_SCORE && choice.name >= 0.7) {
        Confidence::High
    } else if choice.score >= MEDIUM_SCORE && choice.name >= 0.45 {
        Confidence::Medium
    } else {
        Confidence::Low
    }
}

fn reason(field: &Field, choice: &Candidate) -> String {
    let name = match &choice.evidence {
        NameEvidence::Identical => fr::suggest::same_name(),
        NameEvidence::SameLoosely => fr::suggest::same_name_loosely(),
        NameEvidence::Variant => fr::suggest::known_variant(&field.name),
        NameEvidence::CloseToVariant(variant) => fr::suggest::close_to_variant(variant),
        NameEvidence::CloseToTitle(title) => fr::suggest::close_to_title(title),
        NameEvidence::CloseToName => fr::suggest::close_to_name(&field.name),
        NameEvidence::None => fr::suggest::by_values_only(),
    };
    match &choice.content_reason {
        Some(content) => format!("{name} ; {content}"),
        None => name,
    }
}

#[cfg(test)]
mod tests;
