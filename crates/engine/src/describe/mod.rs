//! Field documentation: a field's type and constraints in plain French, and schema descriptions
//! (Markdown) rendered to HTML that is safe to insert into the page.

mod explain;

pub use explain::Context;

use crate::dates::strftime_in_french;
use crate::fr;
use crate::schema::Field;
use pulldown_cmark::{html, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};
use regex_syntax::ast::{self, Ast};
use serde_json::Value;

/// How many allowed values are listed before « … et N autres ».
const ENUM_SHOWN: usize = 15;
/// Simple patterns with more pieces than this are shown as written.
const MAX_PIECES: usize = 6;

/// The field's type (and format) then each of its constraints, as short French phrases, e.g.
/// `["obligatoire", "texte", "14 chiffres"]`. The first phrase says whether a value is required.
pub fn constraints_in_french(field: &Field) -> Vec<String> {
    let c = &field.constraints;
    let mut out = vec![if c.required { fr::doc::REQUIRED } else { fr::doc::OPTIONAL }.to_owned()];
    out.extend(type_in_french(field));
    out.extend(value_constraints(field));
    if c.unique {
        out.push(fr::doc::UNIQUE.to_owned());
    }
    out
}

/// The type line(s): « texte », « date au format aaaa-mm-jj », « nombre décimal avec un point »…
fn type_in_french(field: &Field) -> Vec<String> {
    let format = field.format.as_deref().map(|f| f.strip_prefix("fmt:").unwrap_or(f));
    let format = format.filter(|f| !f.is_empty() && *f != "default");
    let mut out = Vec::new();
    match field.field_type.as_str() {
        "string" => out.push(
            match format {
                Some("email") => fr::doc::EMAIL,
                Some("uri") => fr::doc::URI,
                Some("uuid") => fr::doc::UUID,
                Some("binary") => fr::doc::BINARY,
                _ => fr::doc::TEXT,
            }
            .to_owned(),
        ),
        "integer" => {
            out.push(fr::doc::INTEGER.to_owned());
            if field.bare_number == Some(false) {
                out.push(fr::doc::NOT_BARE_NUMBER.to_owned());
            }
        }
        "number" => {
            out.push(fr::doc::number(field.decimal_char.as_deref().unwrap_or(".")));
            if let Some(group) = field.group_char.as_deref().filter(|g| !g.is_empty()) {
                out.push(fr::doc::group_char(group));
            }
            if field.bare_number == Some(false) {
                out.push(fr::doc::NOT_BARE_NUMBER.to_owned());
            }
        }
        "boolean" => {
            let trues = field.true_values.clone().unwrap_or_else(|| strings(&["true", "True", "TRUE", "1"]));
            let falses = field.false_values.clone().unwrap_or_else(|| strings(&["false", "False", "FALSE", "0"]));
            if let (Some(t), Some(f)) = (trues.first(), falses.first()) {
                out.push(fr::doc::boolean(t, f));
                let others: Vec<&str> = trues.iter().skip(1).chain(falses.iter().skip(1)).map(String::as_str).collect();
                if !others.is_empty() {
                    out.push(fr::doc::boolean_also(&others.join(", ")));
                }
            }
        }
        "date" => out.push(match format {
            None => fr::doc::date("aaaa-mm-jj"),
            Some("any") => fr::doc::DATE_ANY.to_owned(),
            Some(f) => fr::doc::date(&strftime_in_french(f)),
        }),
        "datetime" => out.push(match format {
            None => fr::doc::DATETIME_DEFAULT.to_owned(),
            Some("any") => fr::doc::DATETIME_ANY.to_owned(),
            Some(f) => fr::doc::datetime(&strftime_in_french(f)),
        }),
        "time" => out.push(match format {
            None => fr::doc::TIME_DEFAULT.to_owned(),
            Some("any") => fr::doc::TIME_ANY.to_owned(),
            Some(f) => fr::doc::time(&strftime_in_french(f)),
        }),
        "year" => out.push(fr::doc::YEAR.to_owned()),
        "yearmonth" => out.push(fr::doc::YEARMONTH.to_owned()),
        "duration" => out.push(fr::doc::DURATION.to_owned()),
        "geopoint" => out.push(
            match format {
                Some("array") => fr::doc::GEOPOINT_ARRAY,
                Some("object") => fr::doc::GEOPOINT_OBJECT,
                _ => fr::doc::GEOPOINT,
            }
            .to_owned(),
        ),
        "geojson" => out.push(fr::doc::GEOJSON.to_owned()),
        "object" => out.push(fr::doc::OBJECT.to_owned()),
        "array" => {
            out.push(fr::doc::ARRAY.to_owned());
            if let Some(item) = &field.array_item {
                let mut parts = type_in_french(item);
                parts.extend(value_constraints(item));
                if !parts.is_empty() {
                    out.push(fr::doc::array_item(&parts.join(", ")));
                }
            }
        }
        "any" => out.push(fr::doc::ANY.to_owned()),
        other => out.push(fr::doc::unknown_type(other, format)),
    }
    out
}

/// Every constraint on the value itself (not `required` nor `unique`).
fn value_constraints(field: &Field) -> Vec<String> {
    let c = &field.constraints;
    let mut out = Vec::new();
    if let Some(values) = &c.enumeration {
        out.push(fr::doc::one_of(&list_values(&values.iter().map(value_text).collect::<Vec<_>>())));
    }
    let items = field.field_type == "array";
    out.extend(fr::doc::length(c.min_length, c.max_length, items));
    let temporal = matches!(field.field_type.as_str(), "date" | "datetime" | "time" | "yearmonth");
    let (min, max) = (c.minimum.as_ref().map(value_text), c.maximum.as_ref().map(value_text));
    out.extend(fr::doc::bounds(min.as_deref(), max.as_deref(), temporal));
    if let Some(pattern) = &c.pattern {
        let example = field.example.as_ref().map(value_text).filter(|e| !e.is_empty());
        out.push(pattern_in_french(pattern, example.as_deref()));
    }
    for (name, value) in &c.other {
        out.push(fr::doc::other_constraint(name, &value_text(value)));
    }
    out
}

fn strings(values: &[&str]) -> Vec<String> {
    values.iter().map(|v| (*v).to_owned()).collect()
}

/// A JSON value as a person reads it: strings without quotes.
fn value_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Values joined with commas (semicolons when a value has a comma), the first ones only if many.
fn list_values(values: &[String]) -> String {
    let separator = if values.iter().any(|v| v.contains(',')) { " ; " } else { ", " };
    let mut shown = values.iter().take(ENUM_SHOWN).map(String::as_str).collect::<Vec<_>>().join(separator);
    if values.len() > ENUM_SHOWN {
        shown.push(' ');
        shown.push_str(&fr::doc::and_more(values.len() - ENUM_SHOWN));
    }
    shown
}

/// A pattern constraint in French: simple ones said in words (« 14 chiffres », « une des valeurs… »),
/// the others as written, with the field's example when it has one.
pub fn pattern_in_french(pattern: &str, example: Option<&str>) -> String {
    known_pattern(pattern)
        .map(str::to_owned)
        .or_else(|| simple_pattern(pattern))
        .unwrap_or_else(|| fr::doc::pattern(pattern, example))
}

/// Patterns the SCDL schemas share, said by what they mean.
fn known_pattern(pattern: &str) -> Option<&'static str> {
    match pattern {
        r"^([013-9]\d|2[AB1-9])\d{3}$" => Some(fr::doc::INSEE_COMMUNE),
        r"^(https?)://[^\s/$.?#].[^\s]*$" | r"^https?://[^|\s]*$" => Some(fr::doc::HTTP_URL),
        r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$" => Some(fr::doc::ISO_DATETIME_TZ),
        _ => None,
    }
}

/// A kind of character a simple pattern asks for.
#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Digit,
    Upper,
    Lower,
    Letter,
    UpperDigit,
    LetterDigit,
    Literal(String),
}

#[derive(Debug, Clone, PartialEq)]
struct Piece {
    kind: Kind,
    min: u32,
    max: Option<u32>,
}

fn simple_pattern(pattern: &str) -> Option<String> {
    let ast = ast::parse::Parser::new().parse(pattern).ok()?;
    // A whole-value alternation of sequences: `^(\d+|N/A)$`.
    let items = without_anchors(&ast);
    if let [Ast::Group(group)] = items.as_slice() {
        if let Ast::Alternation(alt) = group.ast.as_ref() {
            return alternatives(&alt.asts);
        }
    }
    if let Ast::Alternation(alt) = &ast {
        return alternatives(&alt.asts);
    }
    if let Some(text) = value_list(&items) {
        return Some(text);
    }
    sequence(&items)
}

fn alternatives(asts: &[Ast]) -> Option<String> {
    if let Some(values) = asts.iter().map(literal_string).collect::<Option<Vec<_>>>() {
        return Some(fr::doc::one_of(&list_values(&values)));
    }
    let parts = asts.iter().map(|a| sequence(&without_anchors(a))).collect::<Option<Vec<_>>>()?;
    Some(fr::doc::pattern_alternatives(&parts))
}

/// The items of a concatenation (or the one item), without `^` and `$`.
fn without_anchors(ast: &Ast) -> Vec<&Ast> {
    let items: Vec<&Ast> = match ast {
        Ast::Concat(concat) => concat.asts.iter().collect(),
        other => vec![other],
    };
    items.into_iter().filter(|a| !is_anchor(a)).collect()
}

fn is_anchor(ast: &Ast) -> bool {
    matches!(
        ast,
        Ast::Assertion(a) if matches!(
            a.kind,
            ast::AssertionKind::StartLine
                | ast::AssertionKind::EndLine
                | ast::AssertionKind::StartText
                | ast::AssertionKind::EndText
        )
    )
}

/// Skips groups around a single expression.
fn ungroup(ast: &Ast) -> &Ast {
    match ast {
        Ast::Group(group) => ungroup(&group.ast),
        other => other,
    }
}

/// A fixed string: a literal or a concatenation of literals (in groups or not).
fn literal_string(ast: &Ast) -> Option<String> {
    match ungroup(ast) {
        Ast::Literal(literal) => Some(literal.c.to_string()),
        Ast::Concat(concat) => concat.asts.iter().map(literal_string).collect(),
        _ => None,
    }
}

/// The strings of an alternation of fixed strings: `(a|b|c)`.
fn literal_choices(ast: &Ast) -> Option<Vec<String>> {
    match ungroup(ast) {
        Ast::Alternation(alt) => alt.asts.iter().map(literal_string).collect(),
        other => literal_string(other).map(|s| vec![s]),
    }
}

/// The SCDL idioms for a list of allowed values: `^(a|b)(\|(a|b))*$` and `(?:(?:^|\|)(a|b))+$`.
fn value_list(items: &[&Ast]) -> Option<String> {
    match items {
        [first, Ast::Repetition(rep)] if rep.op.kind == ast::RepetitionKind::ZeroOrMore => {
            let choices = literal_choices(first)?;
            let Ast::Concat(rest) = ungroup(&rep.ast) else { return None };
            let [separator, again] = rest.asts.as_slice() else { return None };
            let separator = literal_string(separator)?;
            (literal_choices(again)? == choices).then(|| fr::doc::several_of(&list_values(&choices), &separator))
        }
        [Ast::Repetition(rep)] if rep.op.kind == ast::RepetitionKind::OneOrMore => {
            let Ast::Concat(inner) = ungroup(&rep.ast) else { return None };
            let [start, values] = inner.asts.as_slice() else { return None };
            let Ast::Alternation(start) = ungroup(start) else { return None };
            let separator = match start.asts.as_slice() {
                [anchor, separator] if is_anchor(anchor) => literal_string(separator)?,
                _ => return None,
            };
            Some(fr::doc::several_of(&list_values(&literal_choices(values)?), &separator))
        }
        _ => None,
    }
}

/// A sequence of character kinds and fixed text: `\d{14}`, `W\d{9}`, `[A-Z]{2}[0-9]{3}`.
fn sequence(items: &[&Ast]) -> Option<String> {
    let mut pieces: Vec<Piece> = Vec::new();
    for item in items {
        for piece in pieces_of(item)? {
            match (pieces.last_mut(), &piece.kind) {
                (Some(Piece { kind: Kind::Literal(text), min: 1, max: Some(1) }), Kind::Literal(more))
                    if piece.min == 1 && piece.max == Some(1) =>
                {
                    text.push_str(more)
                }
                _ => pieces.push(piece),
            }
        }
    }
    if pieces.is_empty() || pieces.len() > MAX_PIECES {
        return None;
    }
    let words = pieces.iter().map(piece_in_french).collect::<Option<Vec<_>>>()?;
    Some(fr::doc::pattern_sequence(&words))
}

fn piece_in_french(piece: &Piece) -> Option<String> {
    let (noun, nouns) = match &piece.kind {
        Kind::Digit => fr::doc::DIGIT,
        Kind::Upper => fr::doc::UPPER,
        Kind::Lower => fr::doc::LOWER,
        Kind::Letter => fr::doc::LETTER,
        Kind::UpperDigit => fr::doc::UPPER_DIGIT,
        Kind::LetterDigit => fr::doc::LETTER_DIGIT,
        // Fixed text said once; a repeated one is too unusual to put in words.
        Kind::Literal(text) => return (piece.min == 1 && piece.max == Some(1)).then(|| fr::doc::pattern_literal(text)),
    };
    Some(fr::doc::pattern_count(piece.min, piece.max, noun, nouns))
}

fn pieces_of(ast: &Ast) -> Option<Vec<Piece>> {
    match ast {
        Ast::Group(group) => {
            let items = without_anchors(&group.ast);
            let mut out = Vec::new();
            for item in items {
                out.extend(pieces_of(item)?);
            }
            Some(out)
        }
        Ast::Concat(_) => {
            let mut out = Vec::new();
            for item in without_anchors(ast) {
                out.extend(pieces_of(item)?);
            }
            Some(out)
        }
        Ast::Repetition(rep) => {
            let [one] = pieces_of(&rep.ast)?.try_into().ok()?;
            if one.min != 1 || one.max != Some(1) {
                return None;
            }
            let (min, max) = match &rep.op.kind {
                ast::RepetitionKind::ZeroOrOne => (0, Some(1)),
                ast::RepetitionKind::ZeroOrMore => (0, None),
                ast::RepetitionKind::OneOrMore => (1, None),
                ast::RepetitionKind::Range(ast::RepetitionRange::Exactly(n)) => (*n, Some(*n)),
                ast::RepetitionKind::Range(ast::RepetitionRange::AtLeast(n)) => (*n, None),
                ast::RepetitionKind::Range(ast::RepetitionRange::Bounded(a, b)) => (*a, Some(*b)),
            };
            // `x*` (none allowed) is not worth saying in words.
            if min == 0 && max.is_none() {
                return None;
            }
            Some(vec![Piece { kind: one.kind, min, max }])
        }
        Ast::Literal(literal) => Some(vec![Piece { kind: Kind::Literal(literal.c.to_string()), min: 1, max: Some(1) }]),
        Ast::ClassPerl(class) if class.kind == ast::ClassPerlKind::Digit && !class.negated => {
            Some(vec![Piece { kind: Kind::Digit, min: 1, max: Some(1) }])
        }
        Ast::ClassBracketed(class) if !class.negated => {
            Some(vec![Piece { kind: bracket_kind(&class.kind)?, min: 1, max: Some(1) }])
        }
        _ => None,
    }
}

/// `[0-9]`, `[A-Z]`, `[a-z]`, `[A-Za-z]`, `[A-Z0-9]`, `[a-zA-Z0-9]` (in any order); others are not simple.
fn bracket_kind(set: &ast::ClassSet) -> Option<Kind> {
    let ast::ClassSet::Item(item) = set else { return None };
    let items: Vec<&ast::ClassSetItem> = match item {
        ast::ClassSetItem::Union(union) => union.items.iter().collect(),
        other => vec![other],
    };
    let (mut digit, mut upper, mut lower) = (false, false, false);
    for item in items {
        match item {
            ast::ClassSetItem::Range(r) => match (r.start.c, r.end.c) {
                ('0', '9') => digit = true,
                ('A', 'Z') => upper = true,
                ('a', 'z') => lower = true,
                _ => return None,
            },
            ast::ClassSetItem::Perl(p) if p.kind == ast::ClassPerlKind::Digit && !p.negated => digit = true,
            _ => return None,
        }
    }
    match (digit, upper, lower) {
        (true, false, false) => Some(Kind::Digit),
        (false, true, false) => Some(Kind::Upper),
        (false, false, true) => Some(Kind::Lower),
        (false, true, true) => Some(Kind::Letter),
        (true, true, false) => Some(Kind::UpperDigit),
        (true, true, true) => Some(Kind::LetterDigit),
        _ => None,
    }
}

/// Renders a schema description (Markdown) to HTML that is safe to insert into the page: raw HTML is
/// shown as text, links keep only http, https and mailto addresses (opened in a new tab, with
/// `rel="noopener noreferrer"`), other links keep their text only, images are replaced by their text.
pub fn markdown_to_html(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    // For each open link: whether its opening tag was written (so its closing tag must be).
    let mut links: Vec<bool> = Vec::new();
    let events = Parser::new_ext(markdown, options).filter_map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        Event::Start(Tag::Link { link_type, dest_url, title, .. }) => {
            let href = safe_href(link_type, &dest_url);
            links.push(href.is_some());
            href.map(|href| Event::InlineHtml(CowStr::from(anchor(&href, &title))))
        }
        Event::End(TagEnd::Link) => links.pop().unwrap_or(false).then(|| Event::InlineHtml(CowStr::from("</a>"))),
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        other => Some(other),
    });
    let mut out = String::new();
    html::push_html(&mut out, events);
    out
}

/// A schema description (Markdown) as plain text, for a sentence: links and images give their text
/// only (an address written as a link stays), emphasis marks and backticks go, paragraphs are separated
/// by a blank line and list items start a line of their own (« - », or their number). What looks like
/// HTML stays as written, as [`markdown_to_html`] shows it: in descriptions it is a placeholder
/// (« <numero_voie> »), not markup.
pub fn markdown_to_text(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut out = String::new();
    // The lists open: the next item's number, for ordered ones.
    let mut lists: Vec<Option<u64>> = Vec::new();
    // Right after an item's mark: its first paragraph goes on the mark's line.
    let mut item_start = false;
    for event in Parser::new_ext(markdown, options) {
        if item_start && matches!(event, Event::Start(Tag::Paragraph)) {
            continue;
        }
        item_start = false;
        match event {
            Event::Text(text) | Event::Code(text) | Event::Html(text) | Event::InlineHtml(text) => out.push_str(&text),
            Event::SoftBreak | Event::End(TagEnd::TableCell) => out.push(' '),
            Event::HardBreak | Event::End(TagEnd::TableHead | TagEnd::TableRow) => new_line(&mut out, "\n"),
            Event::Start(
                Tag::Paragraph | Tag::Heading { .. } | Tag::BlockQuote(_) | Tag::CodeBlock(_) | Tag::Table(_),
            )
            | Event::Rule => new_line(&mut out, "\n\n"),
            Event::Start(Tag::List(first)) => {
                new_line(&mut out, "\n\n");
                lists.push(first);
            }
            Event::End(TagEnd::List(_)) => {
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                new_line(&mut out, "\n");
                match lists.last_mut() {
                    Some(Some(number)) => {
                        out.push_str(&format!("{number}. "));
                        *number += 1;
                    }
                    _ => out.push_str("- "),
                }
                item_start = true;
            }
            _ => {}
        }
    }
    out.trim().to_owned()
}

/// Ends the text's current line with `separator` (a line break or a blank line), unless it is empty
/// or already ends so.
fn new_line(out: &mut String, separator: &str) {
    let kept = out.trim_end_matches([' ', '\t']).len();
    out.truncate(kept);
    if out.is_empty() {
        return;
    }
    let breaks = out.len() - out.trim_end_matches('\n').len();
    if breaks < separator.len() {
        out.push_str(&separator[breaks..]);
    }
}

/// The address of a link, if it is one a schema description may point to.
fn safe_href(link_type: LinkType, dest: &str) -> Option<String> {
    let dest = dest.trim();
    if link_type == LinkType::Email {
        return Some(format!("mailto:{dest}"));
    }
    let lower = dest.to_ascii_lowercase();
    ["http://", "https://", "mailto:"].iter().any(|scheme| lower.starts_with(scheme)).then(|| dest.to_owned())
}

fn anchor(href: &str, title: &str) -> String {
    let mut out = String::from("<a href=\"");
    // Writing to a String cannot fail.
    let _ = pulldown_cmark_escape::escape_href(&mut out, href);
    out.push('"');
    if !title.is_empty() {
        out.push_str(" title=\"");
        let _ = pulldown_cmark_escape::escape_html(&mut out, title);
        out.push('"');
    }
    out.push_str(" target=\"_blank\" rel=\"noopener noreferrer\">");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Schema;
    use std::path::PathBuf;

    fn snapshot() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/schema.data.gouv.fr/schemas")
    }

    fn index() -> Value {
        serde_json::from_str(&std::fs::read_to_string(snapshot().join("schemas.json")).unwrap()).unwrap()
    }

    /// The latest version of the catalog schema `name`, from the snapshot.
    fn schema(name: &str) -> Schema {
        let index = index();
        let entry = index["schemas"].as_array().unwrap().iter().find(|e| e["name"] == name).unwrap();
        let url = entry["versions"].as_array().unwrap().last().unwrap()["schema_url"].as_str().unwrap();
        let path = snapshot().join(url.strip_prefix("https://schema.data.gouv.fr/schemas/").unwrap());
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        Schema::from_json(&text).unwrap()
    }

    fn doc(schema: &Schema, field: &str) -> Vec<String> {
        constraints_in_french(schema.field(field).unwrap_or_else(|| panic!("no field {field}")))
    }

    #[test]
    fn subventions_fields_in_plain_french() {
        let s = schema("scdl/subventions");
        let siret = doc(&s, "idAttribuant");
        assert_eq!(siret, ["obligatoire", "texte", "14 chiffres"]);
        let date = doc(&s, "dateConvention");
        assert!(date.contains(&"date au format aaaa-mm-jj".to_owned()), "{date:?}");
        let montant = doc(&s, "montant");
        assert!(montant.contains(&"nombre décimal avec un point (par exemple 1234.5)".to_owned()), "{montant:?}");
        assert_eq!(doc(&s, "pourcentageSubvention")[2..], ["entre 0.01 et 1"]);
        assert_eq!(doc(&s, "rnaBeneficiaire"), ["facultatif", "texte", "« W » suivi de 9 chiffres"]);
        assert_eq!(doc(&s, "objet"), ["obligatoire", "texte", "au plus 256 caractères"]);
        assert!(doc(&s, "notificationUE")[1].starts_with("oui ou non : « oui » pour oui, « non » pour non"));
        let nature = doc(&s, "nature");
        let values = nature.iter().find(|d| d.starts_with("une des valeurs : ")).unwrap();
        assert!(values.contains("aide en numéraire"), "{values}");
        assert!(values.contains("aide en numéraire;aide en nature"), "{values}");
    }

    #[test]
    fn deliberations_fields_in_plain_french() {
        let s = schema("scdl/deliberations");
        let code = doc(&s, "COLL_SIRET");
        assert!(code.contains(&"14 chiffres".to_owned()), "{code:?}");
        let id = doc(&s, "DELIB_ID");
        assert_eq!(id.first().map(String::as_str), Some("obligatoire"));
        let date = doc(&s, "DELIB_DATE");
        assert!(date.contains(&"date au format aaaa-mm-jj".to_owned()), "{date:?}");
    }

    #[test]
    fn every_field_of_every_latest_tableschema_is_described() {
        let index = index();
        let (mut fields, mut patterns, mut in_words) = (0, 0, 0);
        for entry in index["schemas"].as_array().unwrap() {
            if entry["schema_type"] != "tableschema" {
                continue;
            }
            let s = schema(entry["name"].as_str().unwrap());
            for field in &s.fields {
                let doc = constraints_in_french(field);
                assert!(doc.len() >= 2, "{}: {doc:?}", field.name);
                assert!(doc.iter().all(|d| !d.trim().is_empty()), "{}: {doc:?}", field.name);
                fields += 1;
                if let Some(pattern) = &field.constraints.pattern {
                    patterns += 1;
                    if !pattern_in_french(pattern, None).starts_with("doit respecter") {
                        in_words += 1;
                    }
                }
            }
        }
        println!("{fields} fields described; {in_words} of {patterns} patterns said in words");
        assert!(fields > 1000);
        assert!(in_words * 2 > patterns, "{in_words} of {patterns} patterns in words");
    }

    #[test]
    fn patterns_in_words() {
        let cases = [
            (r"^\d{14}$", "14 chiffres"),
            (r"^[0-9]{9}$", "9 chiffres"),
            (r"^W\d{9}$", "« W » suivi de 9 chiffres"),
            (r"^\d\.\d{1,2}$", "dans l'ordre : 1 chiffre, « . », 1 à 2 chiffres"),
            (r"^[A-Z]{2}[A-Z0-9]{4,33}$", "2 lettres majuscules suivi de 4 à 33 lettres majuscules ou chiffres"),
            (r"^(\d+|N/A)$", "un ou plusieurs chiffres, ou « N/A »"),
            (
                r"^(MIC|PME|ETI|GE)(\|(MIC|PME|ETI|GE))*$",
                "une ou plusieurs des valeurs : MIC, PME, ETI, GE (séparées par « | »)",
            ),
            (r"(?:(?:^|\|)(Itinérant|Fixe))+$", "une ou plusieurs des valeurs : Itinérant, Fixe (séparées par « | »)"),
            (r"^([013-9]\d|2[AB1-9])\d{3}$", fr::doc::INSEE_COMMUNE),
            (r"^(https?)://[^\s/$.?#].[^\s]*$", fr::doc::HTTP_URL),
        ];
        for (pattern, expected) in cases {
            assert_eq!(pattern_in_french(pattern, None), expected, "{pattern}");
        }
        assert_eq!(
            pattern_in_french(r"^[\w.]+-[\w]+-\d{4}-\d{2}-\d{2}$", Some("pm.a-b-2020-01-01")),
            r"doit respecter le format « ^[\w.]+-[\w]+-\d{4}-\d{2}-\d{2}$ » (exemple : pm.a-b-2020-01-01)"
        );
        // A backreference is not a regex-syntax pattern: shown as written.
        assert!(pattern_in_french(r"(\w)\1", None).starts_with("doit respecter"));
    }

    #[test]
    fn types_lengths_bounds_and_other_constraints() {
        let s = Schema::from_json(
            r#"{"fields": [
                {"name": "d", "type": "date", "format": "%d/%m/%Y", "constraints": {"minimum": "2020-01-01"}},
                {"name": "n", "type": "number", "decimalChar": ",", "groupChar": " "},
                {"name": "b", "type": "boolean", "trueValues": ["oui"], "falseValues": ["non"]},
                {"name": "t", "constraints": {"minLength": 2, "maxLength": 2, "unique": true, "required": true}},
                {"name": "a", "type": "array", "arrayItem": {"type": "integer"}, "constraints": {"maxLength": 3}},
                {"name": "x", "type": "integer", "constraints": {"minimum": 0, "maximum": 10, "jsonSchema": {}}}
            ]}"#,
        )
        .unwrap();
        assert_eq!(doc(&s, "d"), ["facultatif", "date au format jj/mm/aaaa", "au plus tôt le 2020-01-01"]);
        assert_eq!(
            doc(&s, "n"),
            ["facultatif", "nombre décimal avec une virgule (par exemple 1234,5)", "espace accepté entre les milliers"]
        );
        assert_eq!(doc(&s, "b"), ["facultatif", "oui ou non : « oui » pour oui, « non » pour non"]);
        assert_eq!(
            doc(&s, "t"),
            ["obligatoire", "texte", "exactement 2 caractères", "valeurs uniques (pas de doublon)"]
        );
        assert_eq!(
            doc(&s, "a"),
            ["facultatif", "liste au format JSON", "chaque élément : nombre entier", "au plus 3 éléments"]
        );
        assert_eq!(doc(&s, "x"), ["facultatif", "nombre entier", "entre 0 et 10", "règle « jsonSchema » : {}"]);
    }

    #[test]
    fn markdown_is_rendered_safely() {
        let html = markdown_to_html("Le **SIRET** de la [commune](https://annuaire-entreprises.data.gouv.fr).");
        assert_eq!(
            html,
            "<p>Le <strong>SIRET</strong> de la <a href=\"https://annuaire-entreprises.data.gouv.fr\" \
             target=\"_blank\" rel=\"noopener noreferrer\">commune</a>.</p>\n"
        );
        let html = markdown_to_html("<script>alert(1)</script>\n\nvoir <b onclick=\"x()\">ici</b>");
        assert!(!html.contains("<script") && !html.contains("<b "), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        let html = markdown_to_html("[clic](javascript:alert(1)) ![logo](https://x.fr/a.png) [rel](/page)");
        assert!(!html.contains("javascript") && !html.contains("<img") && !html.contains("href=\"/page"), "{html}");
        assert!(html.contains("clic") && html.contains("logo") && html.contains("rel"), "{html}");
        let html = markdown_to_html("<contact@commune.fr> [m](MAILTO:a@b.fr)");
        assert!(html.contains("href=\"mailto:contact@commune.fr\""), "{html}");
        assert!(html.contains("href=\"MAILTO:a@b.fr\""), "{html}");
        let html = markdown_to_html("[x](https://a.fr/?q=\"><script>)");
        assert!(!html.contains("\"><script>"), "{html}");
    }

    /// The description of `field` in the catalog schema `schema`.
    fn description(schema_name: &str, field: &str) -> String {
        schema(schema_name).field(field).and_then(|f| f.description.clone()).unwrap()
    }

    #[test]
    fn markdown_as_plain_text_on_real_descriptions() {
        // A link: its text only.
        assert_eq!(
            markdown_to_text(&description("scdl/deliberations", "BUDGET_ANNEE")),
            "Année de l'exercice budgétaire sur lequel s'applique la décision si celle-ci a un impact budgétaire. \
             Format AAAA pour une année ou AAAA/AAAA pour un intervalle entre deux années suivant la norme \
             internationale ISO 8601."
        );
        assert!(markdown_to_text(&description("scdl/subventions", "idAttribuant")).starts_with(
            "Identifiant du Système d'Identification du Répertoire des Etablissements (SIRET) de la collectivité"
        ));
        // Code spans: without their backticks.
        assert_eq!(
            markdown_to_text(&description("etalab/schema-stationnement", "id")),
            "L'identifiant unique du parking, délivré par le Point d’accès national. INSEE-P-xxx où INSEE est le \
             code INSEE de la commune et xxx est le numéro d’ordre sur 3 chiffres."
        );
        // Emphasis inside links, and two links in a sentence.
        let prenom = markdown_to_text(&description("scdl/prenoms", "ENFANT_PRENOM"));
        assert!(
            prenom.contains(
                "le législateur a prévu que \"tout prénom inscrit dans l'acte de naissance peut être choisi comme \
                 prénom usuel"
            ),
            "{prenom}"
        );
        assert!(!prenom.contains("](") && !prenom.contains("https://") && !prenom.contains("_l'"), "{prenom}");
        let crit_air = markdown_to_text(&description("CEREMA/schema-arrete-circulation-marchandises", "VEH_CQAS"));
        assert_eq!(
            crit_air,
            "Vignettes crit'air. Voir la classification des vignettes Crit'Air sur le site certificat-air.gouv.fr. \
             Séparer les étiquettes CQA par le caractère '|'"
        );
        // A list: one item a line, after the sentence it follows.
        let classe = markdown_to_text(&description("etalab/schema-passage-a-niveau", "classe"));
        assert!(
            classe.starts_with(
                "La classe du PN, selon la nomenclature SNCF Réseau mentionnée ci-dessous, sous la forme « CLASSE XX \
                 ».\n\n- 10 : PN public pour voitures sans barrières protection assurée par un agent\n- 11 : PN public"
            ),
            "{classe}"
        );
        // Placeholders written like tags stay as written.
        let adresse = markdown_to_text(&description("LaMednum/standard-mediation-num", "adresse"));
        assert!(
            adresse.contains("Typiquement, <numero_voie> <indice_de_repetition> <type_voie> <libelle_voie>."),
            "{adresse}"
        );
    }

    #[test]
    fn markdown_as_plain_text() {
        assert_eq!(
            markdown_to_text("Le **SIRET** de la _commune_, voir <https://a.fr> ou [ici](https://b.fr)."),
            "Le SIRET de la commune, voir https://a.fr ou ici."
        );
        assert_eq!(
            markdown_to_text("# Titre\n\nUn ![logo](https://x.fr/a.png) et ~~rien~~."),
            "Titre\n\nUn logo et rien."
        );
        assert_eq!(markdown_to_text("Valeurs :\n\n1. un\n2. deux\n\nFin"), "Valeurs :\n\n1. un\n2. deux\n\nFin");
        assert_eq!(markdown_to_text("- a\n\n- b\n\n  suite"), "- a\n- b\n\nsuite");
        assert_eq!(markdown_to_text("ligne une\nligne deux  \nligne trois"), "ligne une ligne deux\nligne trois");
        assert_eq!(markdown_to_text("| a | b |\n|---|---|\n| 1 | 2 |"), "a b\n1 2");
        assert_eq!(markdown_to_text("a \\* b, 2 * 3, `x*y`"), "a * b, 2 * 3, x*y");
        assert_eq!(markdown_to_text("  "), "");
    }

    #[test]
    fn no_description_of_the_catalog_keeps_markdown_as_text() {
        let index = index();
        let mut described = 0;
        for entry in index["schemas"].as_array().unwrap() {
            if entry["schema_type"] != "tableschema" {
                continue;
            }
            for field in &schema(entry["name"].as_str().unwrap()).fields {
                let Some(description) = &field.description else { continue };
                let text = markdown_to_text(description);
                assert!(!text.contains("](") && !text.contains("**") && !text.contains('`'), "{}: {text}", field.name);
                described += 1;
            }
        }
        assert!(described > 1000, "{described}");
    }

    #[test]
    fn every_catalog_description_renders() {
        let s = schema("scdl/subventions");
        let description = s.fields.iter().filter_map(|f| f.description.as_deref()).collect::<Vec<_>>().join("\n\n");
        let html = markdown_to_html(&description);
        assert!(html.starts_with("<p>") && !html.contains("<script"), "{html}");
    }

    /// Prints every field's documentation for a few schemas (`--nocapture`), to read the wording.
    #[test]
    fn print_documentation() {
        for name in ["scdl/subventions", "scdl/deliberations", "scdl/equipements"] {
            let s = schema(name);
            println!("== {name}");
            for field in &s.fields {
                println!("{}: {}", field.name, constraints_in_french(field).join(" · "));
            }
        }
    }
}
