//! Text below everything: labels compared without case or accents, the spaces French spreadsheets
//! write, and cells a spreadsheet would run as formulas.
//!
//! A leaf: it imports no other module of the engine.

/// A label reduced for comparison: no accents, lower case, trimmed.
pub fn normalize_label(label: &str) -> String {
    let label = label.trim();
    let mut out = String::with_capacity(label.len());
    without_marks(label, |c| out.extend(c.to_lowercase()));
    out
}

/// Calls `f` on each character of `text` decomposed (NFD) with its combining marks dropped: `é` gives
/// `e`. Each character is decomposed alone: once the marks are dropped, that is the NFD of the whole
/// text (its reordering moves marks only), without its buffer. This runs on every sampled cell of a
/// file when it is opened, and on cells being checked.
pub(crate) fn without_marks(text: &str, mut f: impl FnMut(char)) {
    for c in text.chars() {
        if c.is_ascii() {
            f(c);
        } else {
            unicode_normalization::char::decompose_canonical(c, |d| {
                if !unicode_normalization::char::is_combining_mark(d) {
                    f(d);
                }
            });
        }
    }
}

/// A space as French spreadsheets write them: Unicode white space, and the no-break (U+00A0), narrow
/// no-break (U+202F), thin (U+2009) and figure (U+2007) spaces that group digits. Unicode's White_Space
/// already has those four: they are named for the reader.
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{a0}' | '\u{202f}' | '\u{2009}' | '\u{2007}')
}

/// `text` without its leading and trailing whitespace, as [`str::trim`], quicker on text that has none
/// (nearly every cell of a file: the reader trims millions of them).
pub(crate) fn trimmed(text: &str) -> &str {
    let plain = |b: &u8| *b > b' ' && *b < 0x80;
    match (text.as_bytes().first(), text.as_bytes().last()) {
        (Some(first), Some(last)) if plain(first) && plain(last) => text,
        _ => text.trim(),
    }
}

/// Whether a spreadsheet would read `cell` as a formula: it starts with `=`, `+`, `-`, `@`, a tab or a
/// carriage return, and is not a plain number (`-12.5`, `+3`, `-0,5`, `-1e5`, which Excel reads as
/// numbers). `+33 1 23 45 67 89` is not a number: Excel runs it.
pub fn formula_like(cell: &str) -> bool {
    match cell.as_bytes().first() {
        Some(b'=' | b'@' | b'\t' | b'\r') => true,
        Some(b'+' | b'-') => !signed_number(cell),
        _ => false,
    }
}

/// `[+-]` then digits with at most one decimal separator (`.` or `,`), then an optional exponent.
fn signed_number(cell: &str) -> bool {
    let Some(rest) = cell.strip_prefix(['+', '-']) else { return false };
    let (mantissa, exponent) = match rest.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => (mantissa, Some(exponent.strip_prefix(['+', '-']).unwrap_or(exponent))),
        None => (rest, None),
    };
    let (int, frac) = mantissa.split_once(['.', ',']).unwrap_or((mantissa, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    !(int.is_empty() && frac.is_empty())
        && digits(int)
        && digits(frac)
        && exponent.is_none_or(|e| !e.is_empty() && digits(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trimmed_is_trim() {
        for text in ["", " ", "a", " a ", "a b", "\u{a0}x", "x\u{3000}", "\ta\n", "é", " é", "a\u{85}", "\u{7f}"] {
            assert_eq!(trimmed(text), text.trim(), "{text:?}");
        }
    }
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn without_marks_is_the_text_s_nfd_without_its_marks() {
        let by_nfd = |text: &str| -> String {
            text.nfd().filter(|c| !unicode_normalization::char::is_combining_mark(*c)).collect()
        };
        let mine = |text: &str| {
            let mut out = String::new();
            without_marks(text, |c| out.push(c));
            out
        };
        let mut samples: Vec<String> = [
            "Délibération n°12 du Conseil municipal",
            "ÉCOLE MATERNELLE Œuvre ÇA Ğ ǅ ﬁ Ⅻ ẞ İstanbul",
            "e\u{301}e\u{327}\u{301}a\u{30A}\u{316} ḍ̇ ệ \u{345}\u{301}",
            "한국어 日本語 Ωμέγα АБВ ١٢٣ x² ﬀ",
            "",
        ]
        .map(str::to_owned)
        .into();
        // Every character of the planes people write in, alone and after a letter.
        samples.extend((0..0x3_0000u32).filter_map(char::from_u32).map(|c| format!("a{c}\u{301}{c}")));
        for sample in &samples {
            assert_eq!(mine(sample), by_nfd(sample), "{sample:?}");
        }
    }

    #[test]
    fn formula_like_cells() {
        for yes in ["=A1", "+", "-", "+33 6", "-1-1", "--1", "-1.2.3", "-1e", "-e5", "@x", "\t", "\r\n", "-1 234"] {
            assert!(formula_like(yes), "{yes:?}");
        }
        for no in ["", "1", "a", " =1", "-1", "+1,5", "-0.5", "-5.", "-1E+05", "\n=1", "é"] {
            assert!(!formula_like(no), "{no:?}");
        }
    }

    #[test]
    fn spaces_that_group_digits() {
        for space in [' ', '\t', '\n', '\u{a0}', '\u{202f}', '\u{2009}', '\u{2007}', '\u{3000}'] {
            assert!(is_space(space), "{space:?}");
        }
        for other in ['.', ',', '\'', '_', '\u{200b}'] {
            assert!(!is_space(other), "{other:?}");
        }
    }
}
