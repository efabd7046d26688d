use super::*;

/// The backreference patterns of the catalog (cnigfr: friches, sites économiques), as the schemas write them.
const CATALOG: [&str; 6] = [
    r"(?:(?:^|\|)(http[s]?://(?:[a-zA-Z]|[0-9]|[$-_@.&+]|[!*\(\),]|(?:%[0-9a-fA-F][0-9a-fA-F]))+|)\1+http[s]?://(?:[a-zA-Z]|[0-9]|[$-_@.&+]|[!*\(\),]|(?:%[0-9a-fA-F][0-9a-fA-F]))+)+$",
    r"(?:(?:^|\|)([0-9A-B]{2}\d{6}[0-9A-Z]{2}\d{4}|)\1+[0-9A-B]{2}\d{6}[0-9A-Z]{2}\d{4})+$",
    r"(?:(?:^|\|)(\d{8}[0-9A-Z]{2}\d{4}|)\1+\d{8}[0-9A-Z]{2}\d{4})+$",
    r"(?:(?:^|\|)([A-Z]\d\d.\d\d[A-Z]|)\1+[A-Z]\d\d.\d\d[A-Z])+$",
    r"(?:(?:^|\|)(\d{8}[A-Z]{2}\d{4}|)\1+\d{8}[A-Z]{2}\d{4})+$",
    r"(?:(?:^|\|)([A-Z]\d[a-z]|)\1+[A-Z]\d[a-z])+$",
];

/// Pieces each catalog pattern's cells are made of: a valid item, a near miss (same order as CATALOG).
const ITEMS: [(&str, &str); 6] = [
    ("https://www.ville.fr/AB12", "http:/a"),
    ("01000000AB0001", "0100000AB0001"),
    ("01000000AB0001", "01000000AB001"),
    ("C10.71B", "C10.7B"),
    ("01000000AB0001", "01000000A10001"),
    ("A1b", "A1"),
];

/// Separators, blanks and stray characters.
const GLUE: [&str; 5] = ["|", " ", "x", "\n", "A"];

/// The pattern run by fancy-regex alone, with a budget large enough for the texts of these tests.
fn reference(pattern: &str) -> FieldPattern {
    FieldPattern::compile_with(pattern, PatternOptions { backtrack_limit: 5_000_000, bounds: false }).unwrap()
}

fn fancy(pattern: &FieldPattern) -> &FancyPattern {
    match pattern {
        FieldPattern::Fancy(fancy) => fancy,
        FieldPattern::Plain(_) => panic!("not a backtracking pattern"),
    }
}

/// Every text made of up to `n` of `pieces`.
fn texts(pieces: &[&str], n: usize) -> Vec<String> {
    let mut all = vec![String::new()];
    let mut last = vec![String::new()];
    for _ in 0..n {
        last = last.iter().flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}"))).collect();
        last.dedup();
        all.extend(last.iter().cloned());
    }
    all.sort();
    all.dedup();
    all
}

/// The bounds never contradict the backtracking engine: a text the upper bound rejects does not
/// match, a text the lower bound accepts matches, and the verdict is the engine's.
fn assert_bounds_agree(pattern: &str, texts: &[String]) {
    let bounded = FieldPattern::compile(pattern).unwrap();
    let reference = reference(pattern);
    let FieldPattern::Fancy(with) = &bounded else { panic!("{pattern}: not a backtracking pattern") };
    for text in texts {
        let Some(expected) = reference.decide(text) else { continue };
        if let Some(upper) = &with.upper {
            assert!(upper.is_match(text) || !expected, "{pattern}: the upper bound rejects {text:?}, which matches");
        }
        if let Some(lower) = &with.lower {
            assert!(
                !lower.is_match(text) || expected,
                "{pattern}: the lower bound accepts {text:?}, which does not match"
            );
        }
        assert_eq!(bounded.decide(text), Some(expected), "{pattern}: {text:?}");
    }
}

#[test]
fn the_catalog_patterns_have_both_bounds_and_agree_with_the_backtracking_engine() {
    for (pattern, (item, near)) in CATALOG.into_iter().zip(ITEMS) {
        let mut pieces = vec![item, near];
        pieces.extend(GLUE);
        let texts = texts(&pieces, 4);
        let compiled = FieldPattern::compile(pattern).unwrap();
        let with = fancy(&compiled);
        assert!(with.upper.is_some() && with.lower.is_some(), "{pattern}");
        assert_bounds_agree(pattern, &texts);
    }
}

#[test]
fn bounds_agree_on_every_short_text_for_varied_patterns() {
    let patterns = [
        r"(a|b)\1",
        r"(a*)b\1",
        r"((a)|b)\2",
        r"(?:(a)|b)\1c?",
        r"(a|)\1+b",
        r"(?:(a|)\1b)+$",
        r"(a+)+\1",
        r"((a)(b)?)\3?c",
        r"(?P<x>a|)(?P=x)b",
        r"(a|)(?:\1c)+",
        r"^(a|)\1|c$",
        r"(?=a)\w+",
        r"(?!ab)[abc]*",
        r"a(?=b|$)",
        r"(?<=a)b|c(?<!a)",
        r"(?i)(A)\1",
        r"(?i:(a))\1",
        r"(a)(?i:\1)",
        r"(.)\1",
        r"((?s:.))\1?",
        r"(\w)(?:\1|c)*",
        r"(a|b)\1{2,3}",
        r"(?:(a)|(b))(?:\1|\2)",
        r"(a)((b)\3)\2",
        r"(a|)(b|)\2\1c",
        r"(^a|b)\1",
        r"(a\b|b)\1",
        r"(a|)\1(?=c)c",
        r"(?>a|ab)c",
        r"(ab|a)(?=b)\1?b",
    ];
    let texts = texts(&["a", "b", "c", "A", "\n"], 6);
    for pattern in patterns {
        assert_bounds_agree(pattern, &texts);
    }
}

#[test]
fn the_lower_bound_is_only_built_when_it_is_sound() {
    let lower = |pattern: &str| fancy(&FieldPattern::compile(pattern).unwrap()).lower.is_some();
    assert!(lower(r"(a|)\1b"), "a group that can be empty, set before its backreference");
    assert!(!lower(r"(a)\1"), "a group that cannot be empty");
    assert!(!lower(r"(?:(a|)|b)\1"), "a group not always set before its backreference");
    assert!(!lower(r"(a|)?\1"), "an optional group");
    assert!(!lower(r"(^|a)\1"), "an assertion inside the group");
    assert!(!lower(r"(?=a)(a|)\1"), "a look-around");
}

#[test]
fn an_undecided_cell_is_never_valid() {
    // Without its bounds, and with a budget a few steps long, the backtracking engine gives up on a
    // long cell; the verdict is then "undecided", never "valid".
    let tiny = PatternOptions { backtrack_limit: 10, bounds: false };
    let url = FieldPattern::compile_with(CATALOG[0], tiny).unwrap();
    let long = "https://www.ville.fr/DOCS/A1B2C3D4E5F6G7H8I9J0".to_owned();
    assert_eq!(url.decide(&long), None);
    assert_eq!(FieldPattern::compile(CATALOG[0]).unwrap().decide(&long), Some(true), "the bounds decide it");
}

#[test]
fn adversarial_cells_are_decided_by_the_bounds_or_left_undecided() {
    // Cells crafted to make backtracking explode: many characters two alternatives of the URL
    // pattern both match, then a bad tail; long lists with a bad last separator.
    let cells: Vec<String> = vec![
        format!("http://{} ", "A1".repeat(40)),
        format!("https://{}|", "9Z".repeat(500)),
        format!("{}|x", vec!["http://AB12"; 300].join("|")),
        format!("{}|", vec!["A1b"; 2000].join("|")),
        format!("{}x", "|".repeat(5000)),
        format!("{}!", "A1b".repeat(3000)),
    ];
    for pattern in CATALOG {
        let bounded = FieldPattern::compile(pattern).unwrap();
        let unbounded =
            FieldPattern::compile_with(pattern, PatternOptions { bounds: false, ..PatternOptions::default() }).unwrap();
        for cell in &cells {
            assert_eq!(bounded.decide(cell), Some(false), "{pattern}: {cell:.40}");
            assert_ne!(unbounded.decide(cell), Some(true), "{pattern}: {cell:.40}");
        }
    }
    // Without bounds, the URL pattern gives up on the first cell (2^80 ways to read it).
    let unbounded =
        FieldPattern::compile_with(CATALOG[0], PatternOptions { bounds: false, ..PatternOptions::default() }).unwrap();
    assert_eq!(unbounded.decide(&cells[0]), None);
}

#[test]
fn a_pattern_too_large_to_compile_is_refused() {
    assert!(FieldPattern::compile(r"\w{1,100}").is_ok(), "8 MiB: accepted");
    let error = FieldPattern::compile(r"\w{1000}{1000}").unwrap_err();
    assert!(error.contains("size limit") || error.contains("exceeds"), "{error}");
}
