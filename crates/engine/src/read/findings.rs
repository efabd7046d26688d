//! What the reader notices in the values: damage done by spreadsheets that the mapping and fixing
//! steps must know about. The reader keeps the text as it is; it only reports.

use super::{Anomaly, Finding, Row, Sheet};
use crate::fr;
use crate::text::{normalize_label, trimmed};

const EXAMPLES: usize = 5;

impl Finding {
    /// What the finding means for the user, in one French sentence.
    pub fn message(&self) -> String {
        let (n, example) = (self.count, self.example.as_str());
        let what = match self.kind {
            Anomaly::ScientificNotation => fr::read::scientific_notation(n, example),
            Anomaly::FloatIdentifier => fr::read::float_identifier(n, example),
            Anomaly::LostLeadingZero => fr::read::lost_leading_zero(n, example),
            Anomaly::ErrorCell => fr::read::error_cell(n, example),
            Anomaly::OoxmlEscape => fr::read::ooxml_escape(n, example),
            Anomaly::ControlCharacter => fr::read::control_character(n),
            Anomaly::MisleadingBom => fr::read::MISLEADING_BOM.to_owned(),
            Anomaly::FormulaLike => fr::read::formula_like(n, &self.leading, example),
        };
        // The whole file is concerned by a misleading byte-order mark, not rows.
        let rows: &[usize] = if self.kind == Anomaly::MisleadingBom { &[] } else { &self.rows };
        fr::read::finding(self.column.as_deref(), &what, rows, self.count)
    }
}

/// The anomalies seen in a value (all but the file's misleading byte-order mark).
const KINDS: [Anomaly; 7] = [
    Anomaly::ScientificNotation,
    Anomaly::FloatIdentifier,
    Anomaly::LostLeadingZero,
    Anomaly::ErrorCell,
    Anomaly::OoxmlEscape,
    Anomaly::ControlCharacter,
    Anomaly::FormulaLike,
];

/// Every column of the sheet, checked for damaged values, in one pass over the cells as they lie in
/// memory (a column at a time reads them out of order: it took 0.8 s on 100,000 rows × 22). Whether a
/// column holds identifiers is known only at the end: the digit strings one digit short of an
/// identifier are kept aside until then.
pub(super) fn scan(sheet: &Sheet) -> Vec<Finding> {
    let width = sheet.headers.len();
    let mut shapes = vec![Shapes::default(); width];
    let mut short: Vec<Vec<(usize, &str, usize)>> = vec![Vec::new(); width];
    let mut hits: Vec<[Vec<(usize, &str)>; 7]> = vec![Default::default(); width];
    // Most files have no control character and no `_x` escape at all: one look at all the text says so.
    let controls = has_control_character(sheet.rows.text());
    let escapes = sheet.rows.text().contains("_x");
    for (r, row) in sheet.rows.iter().enumerate() {
        let source_row = sheet.source_rows.get(r).copied().unwrap_or(0);
        for (col, raw, trimmed) in filled(row, width) {
            let (Some(found), Some(shape), Some(short)) = (hits.get_mut(col), shapes.get_mut(col), short.get_mut(col))
            else {
                continue;
            };
            shape.add(trimmed);
            let lost = |n: &&usize| matches(Anomaly::LostLeadingZero, raw, trimmed, Some(**n));
            if let Some(&length) = Shapes::LENGTHS.iter().find(lost) {
                short.push((source_row, raw, length));
            }
            let any = may_be_damaged(raw, trimmed);
            for (kind, found) in KINDS.iter().zip(found.iter_mut()) {
                let possible = match kind {
                    Anomaly::ControlCharacter => controls,
                    Anomaly::OoxmlEscape => escapes && any,
                    Anomaly::LostLeadingZero => false,
                    _ => any,
                };
                if possible && matches(*kind, raw, trimmed, None) {
                    found.push((source_row, raw));
                }
            }
        }
    }
    let lost = KINDS.iter().position(|k| *k == Anomaly::LostLeadingZero).unwrap_or_default();
    for (((label, shape), short), found) in sheet.headers.iter().zip(&shapes).zip(short).zip(hits.iter_mut()) {
        if let (Some(expected), Some(found)) = (identifier_length(label, shape), found.get_mut(lost)) {
            found.extend(short.into_iter().filter(|(_, _, n)| *n == expected).map(|(row, raw, _)| (row, raw)));
        }
    }
    let mut findings = Vec::new();
    for (label, column) in sheet.headers.iter().zip(hits) {
        for (kind, found) in KINDS.into_iter().zip(column) {
            if let Some((_, example)) = found.first() {
                let mut leading = String::new();
                if kind == Anomaly::FormulaLike {
                    for c in found.iter().filter_map(|(_, value)| value.chars().next()) {
                        if !leading.contains(c) {
                            leading.push(c);
                        }
                    }
                }
                findings.push(Finding {
                    kind,
                    column: Some(label.clone()),
                    count: found.len(),
                    rows: found.iter().take(EXAMPLES).map(|(row, _)| *row).collect(),
                    example: (*example).to_owned(),
                    leading,
                });
            }
        }
    }
    findings
}

/// The row's non-empty cells under a header: (column, as written, trimmed).
fn filled(row: Row<'_>, width: usize) -> impl Iterator<Item = (usize, &str, &str)> {
    row.iter().take(width).enumerate().map(|(c, raw)| (c, raw, trimmed(raw))).filter(|(_, _, t)| !t.is_empty())
}

/// What a column's non-empty values look like, for [`identifier_length`].
#[derive(Debug, Clone, Default)]
struct Shapes {
    values: usize,
    /// Digit strings of 14, 9 and 5 characters.
    digits: [usize; 3],
}

impl Shapes {
    const LENGTHS: [usize; 3] = [14, 9, 5];

    fn add(&mut self, trimmed: &str) {
        self.values += 1;
        if let Some(i) = Self::LENGTHS.iter().position(|n| *n == trimmed.len()) {
            if digits(trimmed) {
                if let Some(count) = self.digits.get_mut(i) {
                    *count += 1;
                }
            }
        }
    }

    #[cfg(test)]
    fn of<'a>(values: impl IntoIterator<Item = &'a str>) -> Shapes {
        let mut shapes = Shapes::default();
        values.into_iter().for_each(|v| shapes.add(v));
        shapes
    }
}

fn matches(kind: Anomaly, value: &str, v: &str, expected_length: Option<usize>) -> bool {
    match kind {
        Anomaly::ScientificNotation => {
            v.bytes().next().is_some_and(|b| b.is_ascii_digit() || b == b'-') && is_scientific(v)
        }
        Anomaly::FloatIdentifier => {
            if !v.as_bytes().first().is_some_and(u8::is_ascii_digit) {
                return false;
            }
            let (int, frac) = v.split_once('.').unwrap_or((v, "x"));
            int.len() >= 9 && digits(int) && !frac.is_empty() && frac.bytes().all(|b| b == b'0')
        }
        Anomaly::LostLeadingZero => expected_length.is_some_and(|n| v.len() + 1 == n && digits(v)),
        Anomaly::ErrorCell => {
            v.starts_with('#')
                && matches!(
                    v,
                    "#N/A" | "#DIV/0!" | "#VALUE!" | "#REF!" | "#NAME?" | "#NUM!" | "#NULL!" | "#GETTING_DATA"
                )
        }
        Anomaly::OoxmlEscape => v.as_bytes().contains(&b'_') && has_ooxml_escape(v),
        Anomaly::ControlCharacter => has_control_character(value),
        Anomaly::MisleadingBom => false,
        // A sign alone (a placeholder for "none") is text for Excel too.
        Anomaly::FormulaLike => !matches!(value, "-" | "+") && crate::text::formula_like(value),
    }
}

/// Whether a value may hold an anomaly other than a control character: most cells of a file (words,
/// sentences) start with a letter and hold no `_`, and are ruled out by this one look.
fn may_be_damaged(value: &str, v: &str) -> bool {
    let first = |s: &str| s.bytes().next().is_some_and(|b| !b.is_ascii_alphabetic() && b < 0x80);
    first(v) || first(value) || v.as_bytes().contains(&b'_')
}

/// A control character other than tab and line breaks: C0 (bytes below 0x20), DEL, or C1 (U+0080 to
/// U+009F, `C2 80`–`C2 9F` in UTF-8). Scanned as bytes: every cell of the file goes through here.
fn has_control_character(value: &str) -> bool {
    let bytes = value.as_bytes();
    let control_at = |i: usize| match bytes.get(i) {
        Some(&b) if b < 0x20 => !matches!(b, b'\n' | b'\r' | b'\t'),
        Some(0x7F) => true,
        Some(0xC2) => bytes.get(i + 1).is_some_and(|n| (0x80..=0x9F).contains(n)),
        _ => false,
    };
    // Eight bytes at a time are first looked at as one word (no SIMD needed, so it is fast in wasm too):
    // nearly every word has none of these bytes, and the few that have (line breaks, `°`, no-break
    // spaces) are looked at closely.
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    let below = |word: u64, n: u8| word.wrapping_sub(ONES * u64::from(n)) & !word & HIGHS;
    let has_byte = |word: u64, b: u8| below(word ^ (ONES * u64::from(b)), 1);
    let mut words = bytes.chunks_exact(8);
    let mut start = 0;
    for chunk in words.by_ref() {
        let word = u64::from_ne_bytes(chunk.try_into().unwrap_or_default());
        if below(word, 0x20) | has_byte(word, 0x7F) | has_byte(word, 0xC2) != 0 && (start..start + 8).any(control_at) {
            return true;
        }
        start += 8;
    }
    (start..bytes.len()).any(control_at)
}

fn digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// `2,43E+13`, `2.186E13`: what Excel shows for a long number, whose last digits are lost.
fn is_scientific(v: &str) -> bool {
    let Some(at) = v.bytes().position(|b| b == b'E' || b == b'e') else { return false };
    let (Some(mantissa), Some(exponent)) = (v.get(..at), v.get(at + 1..)) else { return false };
    let exponent = exponent.strip_prefix('+').or_else(|| exponent.strip_prefix('-')).unwrap_or(exponent);
    let mantissa = mantissa.strip_prefix('-').unwrap_or(mantissa);
    let (int, frac) = mantissa.split_once([',', '.']).unwrap_or((mantissa, ""));
    digits(int) && (frac.is_empty() || digits(frac)) && digits(exponent)
}

fn has_ooxml_escape(v: &str) -> bool {
    v.as_bytes().windows(7).any(|w| {
        w.starts_with(b"_x")
            && w.get(6) == Some(&b'_')
            && w.get(2..6).is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit))
    })
}

/// The length of the identifiers or codes a column holds, when it holds some: from its label (SIRET,
/// SIREN, INSEE code, postcode) or from its values (most are digit strings of 5, 9 or 14 characters).
fn identifier_length(label: &str, shapes: &Shapes) -> Option<usize> {
    let label = normalize_label(label);
    let words: Vec<&str> = label.split(|c: char| !c.is_alphanumeric()).collect();
    let named = if label.contains("siret") {
        Some(14)
    } else if label.contains("siren") {
        Some(9)
    } else if label.contains("insee") || words.contains(&"cp") || label.contains("postal") {
        Some(5)
    } else {
        None
    };
    named.or_else(|| {
        // 9- and 14-digit values are identifiers (SIREN, SIRET) as soon as most values are; 5-digit
        // values could be amounts, so codes need nearly all of them.
        Shapes::LENGTHS
            .into_iter()
            .zip(shapes.digits)
            .zip([(2, 3), (2, 3), (9, 10)])
            .find_map(|((n, full), (num, den))| (full * den >= shapes.values * num && shapes.values >= 3).then_some(n))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The protocol's `findings: [{kind, …}]` strings (docs/PROTOCOL.md): they must not change.
    #[test]
    fn anomalies_serialise_as_the_protocol_kinds() {
        let all = KINDS.into_iter().chain([Anomaly::MisleadingBom]);
        let kinds: Vec<String> = all.map(|a| serde_json::to_value(a).unwrap().as_str().unwrap().to_owned()).collect();
        assert_eq!(
            kinds,
            [
                "scientific-notation",
                "float-identifier",
                "lost-leading-zero",
                "error-cell",
                "ooxml-escape",
                "control-character",
                "formula-like",
                "misleading-bom"
            ]
        );
        let finding = Finding {
            kind: Anomaly::ErrorCell,
            column: None,
            count: 1,
            rows: vec![2],
            example: "#N/A".into(),
            leading: String::new(),
        };
        assert_eq!(serde_json::to_value(&finding).unwrap()["kind"], "error-cell");
    }

    #[test]
    fn scientific_notation_is_recognised() {
        for yes in ["2,43E+13", "2.186E13", "1E+5", "3,26e+13"] {
            assert!(is_scientific(yes), "{yes}");
        }
        for no in ["E+13", "2,43", "Exposition", "12e", "a1E5"] {
            assert!(!is_scientific(no), "{no}");
        }
    }

    #[test]
    fn ooxml_escapes_are_recognised() {
        assert!(has_ooxml_escape("ligne_x000D_suivante"));
        assert!(!has_ooxml_escape("_x00_"));
    }

    #[test]
    fn control_characters_are_found_as_bytes() {
        for yes in ["a\u{1}b", "\u{7f}", "x\u{85}y", "\u{9f}"] {
            assert!(has_control_character(yes), "{yes:?}");
        }
        for no in ["a\tb\r\n", "é à ç", "\u{a0}", "€"] {
            assert!(!has_control_character(no), "{no:?}");
        }
        // Long texts go by words of 8 bytes: a control anywhere is found, a C1 control even when its
        // two bytes straddle two words; line breaks, `°` and no-break spaces in every block are not.
        for at in 0..40 {
            for control in ["\u{1}", "\u{7f}", "\u{85}"] {
                let text = format!("{}{control}{}", "a".repeat(at), "b".repeat(40 - at));
                assert!(has_control_character(&text), "{text:?}");
            }
            let text = format!("{}\u{a0}°\n\r\t{}", "a".repeat(at), "é".repeat(20));
            assert!(!has_control_character(&text), "{text:?}");
        }
    }

    #[test]
    fn formula_like_values_are_found_with_their_leading_characters() {
        let mut sheet = Sheet { headers: vec!["tel".into(), "montant".into()], ..Sheet::default() };
        let cells =
            [["+33 1 23 45 67 89", "-12.5"], ["=SOMME(A1)", "-0,5"], ["\t=1", "+3"], ["-", "-"], ["+33 6", "12"]];
        sheet.rows = cells.iter().map(|row| row.iter().map(|c| (*c).to_owned()).collect()).collect();
        sheet.source_rows = (2..7).collect();
        let found: Vec<Finding> = scan(&sheet).into_iter().filter(|f| f.kind == Anomaly::FormulaLike).collect();
        assert_eq!(found.len(), 1, "numbers and a lone sign are not formulas: {found:?}");
        let finding = &found[0];
        assert_eq!(finding.column.as_deref(), Some("tel"));
        assert_eq!((finding.count, finding.rows.as_slice()), (4, &[2, 3, 4, 6][..]));
        assert_eq!((finding.example.as_str(), finding.leading.as_str()), ("+33 1 23 45 67 89", "+=\t"));
    }

    #[test]
    fn lost_leading_zeros_are_found_in_identifier_columns_only() {
        let mut sheet = Sheet { headers: vec!["code insee".into(), "n".into(), "montant".into()], ..Sheet::default() };
        let cells = [
            ["34172", "21740042300018", "1200"],
            ["6002", "2174004230001", "800"],
            ["1053", "21740042300018", "12345"],
            ["abc", "21740042300018", "5000"],
        ];
        sheet.rows = cells.iter().map(|row| row.iter().map(|c| (*c).to_owned()).collect()).collect();
        sheet.source_rows = (2..6).collect();
        let found: Vec<(Option<String>, Vec<usize>)> = scan(&sheet)
            .into_iter()
            .filter(|f| f.kind == Anomaly::LostLeadingZero)
            .map(|f| (f.column, f.rows))
            .collect();
        // The INSEE column by its label, the SIRET column by its values (most have 14 digits); 4-digit
        // amounts are not codes (too few 5-digit values).
        assert_eq!(found, [(Some("code insee".to_owned()), vec![3, 4]), (Some("n".to_owned()), vec![3])]);
    }

    #[test]
    fn formula_like_findings_say_the_leading_characters_in_french() {
        let mut finding = Finding {
            kind: Anomaly::FormulaLike,
            column: Some("tel".into()),
            count: 3,
            rows: vec![2, 3, 4],
            example: "+33 6".into(),
            leading: "+=\t".into(),
        };
        let text = finding.message();
        let plural = "Colonne « tel » : 3 cellules commencent par +, = ou une tabulation (ex. « +33 6 ») : Excel les \
            prendrait pour des formules.";
        assert!(text.starts_with(plural), "{text}");
        assert!(text.ends_with("Ligne(s) 2, 3, 4."), "{text}");
        (finding.count, finding.rows, finding.example, finding.leading) = (1, vec![7], "=A1".into(), "=".into());
        let text = finding.message();
        assert!(
            text.contains(" : 1 cellule commence par = (« =A1 ») : Excel la prendrait pour une formule."),
            "{text}"
        );
    }

    #[test]
    fn identifier_length_from_label_or_values() {
        assert_eq!(identifier_length("N° SIRET attributaire", &Shapes::default()), Some(14));
        assert_eq!(identifier_length("code_insee", &Shapes::default()), Some(5));
        let codes = Shapes::of(std::iter::repeat_n("34172", 9).chain(["6002"]));
        assert_eq!(identifier_length("code", &codes), Some(5));
        let amounts = Shapes::of(["10000", "25000", "6000", "150000"]);
        assert_eq!(identifier_length("Montant", &amounts), None, "amounts are not codes");
        assert!(matches(Anomaly::LostLeadingZero, " 6002", "6002", Some(5)));
    }
}
