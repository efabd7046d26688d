//! The engine's layers (issue #16): the order `src/lib.rs` states in its crate documentation is the
//! one its modules keep.
//!
//! Every `.rs` file under `src/` belongs to a top-level module (`src/read/text.rs` to `read`,
//! `src/mapping.rs` to `mapping`). The test collects each module's references to another one: the
//! paths `crate::x…` anywhere in code (in `use` lines, brace groups included, and in expressions and
//! types), the paths `super::…` that climb out of a top-level module, and the crate root's re-exports
//! (`crate::Table` is a reference to the module that defines `Table`). Comments, doc comments and
//! string and character literals are ignored; test code (`#[cfg(test)]` modules, `tests.rs` files) is
//! counted like the rest. Then it fails:
//!
//! - on a cycle between top-level modules (printed);
//! - on an import of a module in the same layer or one above;
//! - when `read` imports anything but the leaves, `fr` and `error` ([`READ_ALSO`]);
//! - when a leaf imports any module at all;
//! - when a top-level module is missing from the stated layers, or named there but absent.
//!
//! There is no exception: `fr` takes plain data, and each `match` on an enum lives next to the enum.

// A test's helpers may panic: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The modules `read` may import besides the leaves: the French text and the error every reader
/// returns, the two layers right above the leaves.
const READ_ALSO: &[&str] = &["fr", "error"];

/// One reference from a file to a top-level module, where it is written.
#[derive(Debug, Clone)]
struct Reference {
    to: String,
    file: String,
    line: usize,
}

fn src() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap_or_else(|e| panic!("{}: {e}", dir.display())).path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module path of a file: `src/read/text.rs` → `[read, text]`, `src/read/mod.rs` → `[read]`,
/// `src/lib.rs` → `[]`.
fn module_path(relative: &Path) -> Vec<String> {
    let mut parts: Vec<String> = relative.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    let file = parts.pop().unwrap_or_default();
    let stem = file.strip_suffix(".rs").unwrap_or(&file).to_owned();
    if stem != "mod" && stem != "lib" {
        parts.push(stem);
    }
    parts
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The source with comments and the contents of string and character literals blanked (newlines
/// kept, so line numbers stay right).
fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let next = chars.get(i + 1).copied();
        let before = i.checked_sub(1).and_then(|p| chars.get(p)).copied();
        if c == '/' && next == Some('/') {
            while let Some(&c) = chars.get(i).filter(|c| **c != '\n') {
                blank(&mut out, c);
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while let Some(&c) = chars.get(i) {
                let next = chars.get(i + 1).copied();
                if c == '/' && next == Some('*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if c == '*' && next == Some('/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    blank(&mut out, c);
                    i += 1;
                }
            }
        } else if (c == 'r' || (c == 'b' && next == Some('r')))
            && !before.is_some_and(is_ident)
            && raw_string_start(&chars, i + usize::from(c == 'b') + 1).is_some()
        {
            // r"…", r#"…"#, br"…"
            let start = i + usize::from(c == 'b') + 1;
            let hashes = raw_string_start(&chars, start).unwrap_or(0);
            let closing: Vec<char> = std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
            let mut j = start + hashes + 1;
            while j < chars.len() && !chars[j..].starts_with(&closing) {
                j += 1;
            }
            let end = (j + closing.len()).min(chars.len());
            for &c in &chars[i..end] {
                blank(&mut out, c);
            }
            i = end;
        } else if c == '"' {
            i = blank_quoted(&chars, i, &mut out);
        } else if c == '\'' && (next == Some('\\') || chars.get(i + 2) == Some(&'\'')) {
            // A character literal ('x', '"', '\n', '\u{a0}'); a lifetime ('a) is kept.
            i = blank_quoted(&chars, i, &mut out);
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// A character of a comment or a literal, blanked (a newline stays, so line numbers hold).
fn blank(out: &mut String, c: char) {
    out.push(if c == '\n' { '\n' } else { ' ' });
}

/// Blanks the quoted literal opening at `chars[at]` (a string or a character, escapes included) and
/// returns the position after its closing quote.
fn blank_quoted(chars: &[char], at: usize, out: &mut String) -> usize {
    let quote = chars.get(at).copied().unwrap_or('"');
    let mut i = at;
    blank(out, quote);
    i += 1;
    while let Some(&c) = chars.get(i) {
        blank(out, c);
        i += 1;
        if c == '\\' {
            if let Some(&escaped) = chars.get(i) {
                blank(out, escaped);
                i += 1;
            }
        } else if c == quote {
            break;
        }
    }
    i
}

/// At `chars[at]`, the number of `#` of a raw string's opening (`#…#"`), if one starts there.
fn raw_string_start(chars: &[char], at: usize) -> Option<usize> {
    let hashes = chars.get(at..)?.iter().take_while(|c| **c == '#').count();
    (chars.get(at + hashes) == Some(&'"')).then_some(hashes)
}

/// The code as tokens: identifiers, `::`, and single punctuation characters, each with its line.
fn tokens(code: &str) -> Vec<(String, usize)> {
    let chars: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut line) = (0, 1);
    while let Some(&c) = chars.get(i) {
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if is_ident(c) {
            let start = i;
            while chars.get(i).is_some_and(|c| is_ident(*c)) {
                i += 1;
            }
            out.push((chars[start..i].iter().collect(), line));
        } else if c == ':' && chars.get(i + 1) == Some(&':') {
            out.push(("::".to_owned(), line));
            i += 2;
        } else {
            out.push((c.to_string(), line));
            i += 1;
        }
    }
    out
}

/// The crate root's re-exports (`pub use mapping::{Recipe, Table}` → `Table` is in `mapping`).
fn root_reexports(lib: &str, modules: &BTreeSet<String>) -> BTreeMap<String, String> {
    let code = code_only(lib);
    let toks = tokens(&code);
    let mut names = BTreeMap::new();
    let mut i = 0;
    while i < toks.len() {
        if toks[i].0 == "use" && toks.get(i + 2).is_some_and(|t| t.0 == "::") {
            let module = toks[i + 1].0.as_str();
            if modules.contains(module) {
                let mut j = i + 3;
                while j < toks.len() && toks[j].0 != ";" {
                    let t = toks[j].0.as_str();
                    let is_name = t.chars().next().is_some_and(is_ident) && t != "self" && t != "as";
                    if is_name && toks.get(j + 1).is_none_or(|n| n.0 != "::") {
                        names.insert(t.to_owned(), module.to_owned());
                    }
                    j += 1;
                }
                i = j;
            }
        }
        i += 1;
    }
    names
}

/// The first segment of each path of a brace group that starts at `toks[open]` (`{a::b, c}` → a, c).
fn group_heads(toks: &[(String, usize)], open: usize) -> Vec<(String, usize)> {
    let mut heads = Vec::new();
    let mut depth = 0;
    let mut expect_head = true;
    for (text, line) in toks.iter().skip(open) {
        match text.as_str() {
            "{" => {
                depth += 1;
                expect_head = depth == 1;
            }
            "}" => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            "," if depth == 1 => expect_head = true,
            other if expect_head && depth == 1 => {
                heads.push((other.to_owned(), *line));
                expect_head = false;
            }
            _ => {}
        }
    }
    heads
}

/// Every reference a file makes to a top-level module (its own included).
fn references(
    relative: &Path,
    text: &str,
    modules: &BTreeSet<String>,
    root: &BTreeMap<String, String>,
) -> Vec<Reference> {
    let file = relative.display().to_string();
    let file_path = module_path(relative);
    let code = code_only(text);
    let toks = tokens(&code);
    let mut found = Vec::new();
    let mut unresolved = Vec::new();
    // Inline modules (`mod tests { … }`) open at a brace depth; `super::` climbs out of them first.
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    let resolve_head = |head: &str, line: usize, found: &mut Vec<Reference>, unresolved: &mut Vec<String>| {
        if head == "self" || head == "*" {
            return;
        }
        let to = if modules.contains(head) { Some(head.to_owned()) } else { root.get(head).cloned() };
        match to {
            Some(to) => found.push(Reference { to, file: file.clone(), line }),
            None => unresolved.push(format!("{file}:{line}: crate::{head}")),
        }
    };
    let mut i = 0;
    while i < toks.len() {
        let text = &toks[i].0;
        let previous = i.checked_sub(1).map(|p| toks[p].0.as_str());
        match text.as_str() {
            "{" => depth += 1,
            "}" => {
                depth = depth.saturating_sub(1);
                if inline.last().is_some_and(|(_, d)| *d == depth) {
                    inline.pop();
                }
            }
            "mod" if toks.get(i + 2).is_some_and(|t| t.0 == "{") => {
                inline.push((toks[i + 1].0.clone(), depth));
            }
            // `crate::x`, `crate::{x, y::z}`; not `$crate` nor `foo::crate`.
            "crate"
                if previous != Some("::") && previous != Some("$") && toks.get(i + 1).is_some_and(|t| t.0 == "::") =>
            {
                match toks.get(i + 2) {
                    Some((open, _)) if open == "{" => {
                        for (head, line) in group_heads(&toks, i + 2) {
                            resolve_head(&head, line, &mut found, &mut unresolved);
                        }
                    }
                    Some((head, line)) => resolve_head(head, *line, &mut found, &mut unresolved),
                    None => {}
                }
            }
            "super" if previous != Some("::") => {
                let mut path: Vec<String> =
                    file_path.iter().cloned().chain(inline.iter().map(|(n, _)| n.clone())).collect();
                let mut j = i;
                while toks.get(j).is_some_and(|t| t.0 == "super") && toks.get(j + 1).is_some_and(|t| t.0 == "::") {
                    path.pop();
                    j += 2;
                }
                if path.is_empty() {
                    // Climbed to the crate root: the next segment names a top-level module.
                    match toks.get(j) {
                        Some((open, _)) if open == "{" => {
                            for (head, line) in group_heads(&toks, j) {
                                resolve_head(&head, line, &mut found, &mut unresolved);
                            }
                        }
                        Some((head, line)) => resolve_head(head, *line, &mut found, &mut unresolved),
                        None => {}
                    }
                }
                i = j.max(i + 1);
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    assert!(unresolved.is_empty(), "paths the layer test cannot resolve to a module:\n{}", unresolved.join("\n"));
    found
}

/// The layers stated in `lib.rs`, bottom first: the module names at the start of each line of the
/// `text` block under `# Layers` (top first there; two spaces or more before a line's comment).
fn stated_layers(lib: &str, modules: &BTreeSet<String>) -> Result<Vec<Vec<String>>, String> {
    let doc: Vec<&str> = lib
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("//!"))
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect();
    let heading =
        doc.iter().position(|l| l.trim() == "# Layers").ok_or("lib.rs states no layers (a `# Layers` heading)")?;
    let open = heading
        + doc
            .get(heading..)
            .unwrap_or_default()
            .iter()
            .position(|l| l.trim() == "```text")
            .ok_or("lib.rs's `# Layers` has no ```text block")?;
    let mut layers = Vec::new();
    for line in doc.get(open + 1..).unwrap_or_default().iter().take_while(|l| l.trim() != "```") {
        let names = line.trim_start().split("  ").next().unwrap_or("");
        let layer: Vec<String> = names.split_whitespace().map(str::to_owned).collect();
        if let Some(name) = layer.iter().find(|name| !modules.contains(*name)) {
            return Err(format!("lib.rs's `# Layers` names `{name}`, which src/ does not have"));
        }
        if !layer.is_empty() {
            layers.push(layer);
        }
    }
    layers.reverse();
    Ok(layers)
}

/// A cycle of the graph, if it has one (`[a, b, a]`).
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(node.to_owned(), 1);
        stack.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            match state.get(next.as_str()).copied().unwrap_or(0) {
                1 => {
                    let start = stack.iter().position(|n| n == next).unwrap_or(0);
                    let mut cycle = stack[start..].to_vec();
                    cycle.push(next.clone());
                    return Some(cycle);
                }
                0 => {
                    if let Some(cycle) = visit(next, graph, state, stack) {
                        return Some(cycle);
                    }
                }
                _ => {}
            }
        }
        stack.pop();
        state.insert(node.to_owned(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for node in graph.keys() {
        if state.get(node.as_str()).copied().unwrap_or(0) == 0 {
            if let Some(cycle) = visit(node, graph, &mut state, &mut Vec::new()) {
                return Some(cycle);
            }
        }
    }
    None
}

#[test]
fn top_level_modules_keep_the_layers_lib_rs_states() {
    let src = src();
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let relative = |path: &Path| path.strip_prefix(&src).unwrap_or(path).to_path_buf();
    let modules: BTreeSet<String> = files.iter().filter_map(|f| module_path(&relative(f)).first().cloned()).collect();
    let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap_or_else(|e| panic!("lib.rs: {e}"));
    let root = root_reexports(&lib, &modules);

    // Every reference between two top-level modules, lib.rs (the root, which re-exports) aside.
    let mut edges: BTreeMap<(String, String), Vec<Reference>> = BTreeMap::new();
    for path in &files {
        let relative = relative(path);
        let Some(from) = module_path(&relative).first().cloned() else { continue };
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for reference in references(&relative, &text, &modules, &root) {
            if reference.to != from {
                edges.entry((from.clone(), reference.to.clone())).or_default().push(reference);
            }
        }
    }

    let mut failures = Vec::new();
    let at = |reference: &Reference| format!("{}:{}", reference.file, reference.line);
    let graph: BTreeMap<String, BTreeSet<String>> = modules
        .iter()
        .map(|m| (m.clone(), edges.keys().filter(|(from, _)| from == m).map(|(_, to)| to.clone()).collect()))
        .collect();
    let mut listing = String::new();
    for (from, tos) in &graph {
        let _ = writeln!(listing, "  {from} -> {}", tos.iter().cloned().collect::<Vec<_>>().join(", "));
    }
    println!("top-level modules and the modules they import:\n{listing}");

    if let Some(cycle) = find_cycle(&graph) {
        let mut text = format!("a cycle between top-level modules: {}", cycle.join(" -> "));
        for pair in cycle.windows(2) {
            if let [from, to] = pair {
                if let Some(first) = edges.get(&(from.clone(), to.clone())).and_then(|r| r.first()) {
                    let _ = write!(text, "\n  {from} -> {to} at {}", at(first));
                }
            }
        }
        failures.push(text);
    }

    let layers = stated_layers(&lib, &modules).unwrap_or_else(|e| {
        failures.push(e);
        Vec::new()
    });
    let layer_of: BTreeMap<&str, usize> =
        layers.iter().enumerate().flat_map(|(n, layer)| layer.iter().map(move |m| (m.as_str(), n))).collect();
    for module in &modules {
        if !layers.is_empty() && !layer_of.contains_key(module.as_str()) {
            failures.push(format!("`{module}` is in no layer of lib.rs's `# Layers`"));
        }
    }
    let leaves: BTreeSet<&str> = layers.first().into_iter().flatten().map(String::as_str).collect();
    for ((from, to), references) in &edges {
        let (Some(&f), Some(&t)) = (layer_of.get(from.as_str()), layer_of.get(to.as_str())) else { continue };
        if t >= f {
            failures.push(format!("`{from}` (layer {f}) imports `{to}` (layer {t}) at {}", at(&references[0])));
        }
        if leaves.contains(from.as_str()) {
            failures.push(format!("the leaf `{from}` imports `{to}` at {}", at(&references[0])));
        }
        if from == "read" && !leaves.contains(to.as_str()) && !READ_ALSO.contains(&to.as_str()) {
            failures.push(format!("`read` imports `{to}`, which is not a leaf, at {}", at(&references[0])));
        }
    }
    assert!(failures.is_empty(), "the engine's layers are broken:\n{}", failures.join("\n"));
}

#[test]
fn the_scanner_sees_paths_in_code_only() {
    let modules: BTreeSet<String> = ["read", "mapping", "validate", "table"].iter().map(|s| (*s).to_owned()).collect();
    let root: BTreeMap<String, String> = [("Table".to_owned(), "table".to_owned())].into_iter().collect();
    let text = r##"
use crate::{mapping::{self, Recipe}, Table};
// use crate::validate;
/* crate::validate /* nested */ crate::validate */
const A: &str = "crate::validate";
const B: &str = r#"crate::validate "quoted""#;
const C: char = '"';
fn f<'a>(x: &'a str) -> bool { crate::read::check(x) }
mod tests {
    use super::super::validate::Report;
}
"##;
    let found: Vec<(String, usize)> =
        references(Path::new("edit/editor.rs"), text, &modules, &root).into_iter().map(|r| (r.to, r.line)).collect();
    let expected = [("mapping", 2), ("table", 2), ("read", 8)];
    assert_eq!(found, expected.map(|(m, l)| (m.to_owned(), l)));
    // From a top-level module's own file, `super::` reaches the crate root.
    let found = references(Path::new("read/mod.rs"), "mod t { use super::super::mapping; }", &modules, &root);
    assert_eq!(found.iter().map(|r| r.to.as_str()).collect::<Vec<_>>(), ["mapping"]);
}
