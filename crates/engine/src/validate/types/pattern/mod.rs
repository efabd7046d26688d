//! A field's `pattern`: Python `re` syntax and semantics, run by the `regex` crate (linear time) when it
//! can, by `fancy-regex` (backtracking) for backreferences and look-arounds.
//!
//! A backtracking engine can take exponential time on a crafted cell (and Python's `re`, which
//! Validata runs, does). fancy-regex stops after [`BACKTRACK_LIMIT`] backtracking steps: the cell is then
//! **undecided**, never counted as valid (the validation reports it, see `validate::run`). Before
//! backtracking, two linear-time regexes derived from the pattern's syntax tree decide most cells:
//! - an **upper bound**, which matches every text the pattern matches (look-arounds and assertions
//!   other than the start and end of the text dropped, each backreference replaced by its group's
//!   expression): a text it rejects does not match;
//! - a **lower bound**, which matches only texts the pattern matches (each backreferenced group forced
//!   to capture the empty text, when its expression can and the group is surely set before its
//!   backreferences): a text it accepts matches.
//!
//! The catalog's backreference patterns (cnigfr's "values separated by `|`",
//! `(?:(?:^|\|)(X|)\1+X)+$`) are decided by the bounds alone, whatever the cell.

use fancy_regex::{Assertion, Expr};
use regex::{Regex, RegexBuilder};
use std::collections::BTreeSet;

/// Backtracking steps fancy-regex may take on one cell before the cell is left undecided. One step
/// costs 40 to 70 ns natively (release build; the browser's wasm is 2 to 3 times slower), so an
/// undecided cell costs at most about 3 ms natively. The catalog's backreference patterns are decided
/// by their bounds without backtracking; a legitimate cell that reaches the backtracking engine (a
/// list of 20 URLs for cnigfr's `site_url`, 820 characters) needs about 26,000 steps.
pub const BACKTRACK_LIMIT: usize = 50_000;

/// The compiled size a schema pattern may take (the `regex` crate's default is 10 MiB). The catalog's
/// largest takes under 256 KiB; `\w{1,100}` (Unicode word characters) takes 8 MiB and is still accepted.
const SIZE_LIMIT: usize = 8 << 20;
/// The lazy DFA cache of each pattern (the `regex` crate's default is 2 MiB): beyond it the regex
/// switches to slower engines, never to a wrong answer.
const DFA_SIZE_LIMIT: usize = 1 << 20;
/// The instructions of a backtracking program (a counted repetition of a backreference is unrolled).
const MAX_PROGRAM: usize = 100_000;
/// The derived bounds are only worth building when small.
const BOUND_SIZE_LIMIT: usize = 1 << 20;
const BOUND_MAX_CHARS: usize = 64 * 1024;

/// A field's `pattern`, compiled with Python's `re.match("^{pattern}$")` semantics.
#[derive(Debug, Clone)]
pub enum FieldPattern {
    Plain(Regex),
    Fancy(Box<FancyPattern>),
}

/// A pattern that needs backtracking, with the linear bounds that decide most cells without it.
#[derive(Debug, Clone)]
pub struct FancyPattern {
    regex: fancy_regex::Regex,
    /// Matches every text the pattern matches: a text it rejects does not match.
    upper: Option<Regex>,
    /// Matches only texts the pattern matches: a text it accepts matches.
    lower: Option<Regex>,
}

/// How a pattern is compiled (tests lower the limit, or turn the bounds off, to reach the backtracking
/// engine on purpose).
#[derive(Debug, Clone, Copy)]
pub(crate) struct PatternOptions {
    pub backtrack_limit: usize,
    pub bounds: bool,
}

impl Default for PatternOptions {
    fn default() -> Self {
        PatternOptions { backtrack_limit: BACKTRACK_LIMIT, bounds: true }
    }
}

impl FieldPattern {
    /// Compiles a schema pattern; the error says why, in the engines' words.
    pub fn compile(pattern: &str) -> Result<FieldPattern, String> {
        FieldPattern::compile_with(pattern, PatternOptions::default())
    }

    pub(crate) fn compile_with(pattern: &str, options: PatternOptions) -> Result<FieldPattern, String> {
        let translated = format!("^(?:^{})", python_pattern(pattern));
        let plain = RegexBuilder::new(&translated).size_limit(SIZE_LIMIT).dfa_size_limit(DFA_SIZE_LIMIT).build();
        match plain {
            Ok(regex) => Ok(FieldPattern::Plain(regex)),
            Err(plain) => {
                let regex = fancy_regex::RegexBuilder::new(&translated)
                    .backtrack_limit(options.backtrack_limit)
                    .delegate_size_limit(SIZE_LIMIT)
                    .delegate_dfa_size_limit(DFA_SIZE_LIMIT)
                    .max_prog_size(MAX_PROGRAM)
                    .build()
                    .map_err(|fancy| format!("{fancy}; {plain}"))?;
                let (upper, lower) = match options.bounds.then(|| Expr::parse_tree(&translated).ok()).flatten() {
                    Some(tree) => {
                        let bounds = Bounds::new(&tree.expr);
                        (bounds.upper(), bounds.lower())
                    }
                    None => (None, None),
                };
                Ok(FieldPattern::Fancy(Box::new(FancyPattern { regex, upper, lower })))
            }
        }
    }

    /// Whether `text` matches; `None` when it cannot be decided (the backtracking engine gave up).
    pub fn decide(&self, text: &str) -> Option<bool> {
        match self {
            FieldPattern::Plain(regex) => Some(regex.is_match(text)),
            FieldPattern::Fancy(fancy) => {
                if fancy.upper.as_ref().is_some_and(|upper| !upper.is_match(text)) {
                    return Some(false);
                }
                if fancy.lower.as_ref().is_some_and(|lower| lower.is_match(text)) {
                    return Some(true);
                }
                fancy.regex.is_match(text).ok()
            }
        }
    }
}

/// A Python `re` pattern in the syntax of the Rust engines:
/// - `$` (outside a class) is Python's: the end, or before a final "\n" → `(?:\n?\z)`;
/// - `\Z` is `\z`;
/// - Python lets any character be escaped, Rust only meta characters: an escaped non-ASCII
///   character (`\–`) becomes the character itself.
fn python_pattern(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars().peekable();
    let mut in_class = false;
    let mut class_start = false;
    while let Some(c) = chars.next() {
        let at_class_start = std::mem::take(&mut class_start);
        match c {
            '\\' => match chars.next() {
                Some(next) if !next.is_ascii() => out.push(next),
                Some('Z') if !in_class => out.push_str(r"\z"),
                Some(next) => {
                    out.push('\\');
                    out.push(next);
                }
                None => out.push('\\'),
            },
            '[' if !in_class => {
                in_class = true;
                class_start = true;
                out.push('[');
                if chars.peek() == Some(&'^') {
                    out.push('^');
                    chars.next();
                }
            }
            // Python reads a `]` right after `[` or `[^` as a literal.
            ']' if in_class && at_class_start => out.push_str(r"\]"),
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            '[' if in_class => out.push_str(r"\["),
            '$' if !in_class => out.push_str(r"(?:\n?\z)"),
            _ => out.push(c),
        }
    }
    out.push_str(r"(?:\n?\z)");
    out
}

/// The linear bounds of a backtracking pattern, written in the `regex` crate's syntax from
/// fancy-regex's syntax tree. Anything unknown gives no bound (`None`), never a wrong one.
struct Bounds<'a> {
    /// The bodies of the capturing groups, by number - 1 (groups are numbered by their opening
    /// parenthesis, which is the tree's pre-order).
    groups: Vec<&'a Expr>,
    /// The groups some backreference names.
    referenced: BTreeSet<usize>,
    root: &'a Expr,
}

/// How deep backreferences may be substituted into each other (a group referring to another).
const MAX_SUBSTITUTION_DEPTH: u8 = 4;

impl<'a> Bounds<'a> {
    fn new(root: &'a Expr) -> Bounds<'a> {
        let (mut groups, mut referenced) = (Vec::new(), BTreeSet::new());
        collect_groups(root, &mut groups, &mut referenced);
        Bounds { groups, referenced, root }
    }

    fn number(&self, body: &Expr) -> Option<usize> {
        self.groups.iter().position(|g| std::ptr::eq(*g, body)).map(|i| i + 1)
    }

    fn body(&self, group: usize) -> Option<&'a Expr> {
        self.groups.get(group.checked_sub(1)?).copied()
    }

    /// The upper bound: matches every text the pattern matches.
    fn upper(&self) -> Option<Regex> {
        let mut out = String::new();
        self.write_upper(self.root, false, 0, &mut out)?;
        build_bound(&out)
    }

    /// The lower bound: matches only texts the pattern matches. Each backreferenced group is forced to
    /// capture the empty text, which is sound only when its expression can match the empty text
    /// anywhere (no assertion inside) and the group is surely set before each of its backreferences.
    fn lower(&self) -> Option<Regex> {
        for &group in &self.referenced {
            if nullable(self.body(group)?) != Some(true) {
                return None;
            }
        }
        if !self.backrefs_dominated(self.root, &BTreeSet::new())? {
            return None;
        }
        let mut out = String::new();
        self.write_lower(self.root, &mut out)?;
        build_bound(&out)
    }

    /// `free`: inside a substituted backreference, where the start and end of the text mean nothing.
    fn write_upper(&self, expr: &Expr, free: bool, depth: u8, out: &mut String) -> Option<()> {
        if out.len() > BOUND_MAX_CHARS {
            return None;
        }
        match expr {
            Expr::Empty | Expr::LookAround(..) => out.push_str("(?:)"),
            Expr::Any { .. } => out.push_str("(?s:.)"),
            Expr::Assertion(Assertion::StartText) if !free => out.push_str(r"\A"),
            Expr::Assertion(Assertion::EndText) if !free => out.push_str(r"\z"),
            Expr::Assertion(_) => out.push_str("(?:)"),
            Expr::Literal { val, casei } => literal(val, *casei, out),
            Expr::Delegate { inner, casei } => delegate(inner, *casei, out),
            Expr::Concat(children) => {
                sequence(children, "", out, |child, out| self.write_upper(child, free, depth, out))?
            }
            Expr::Alt(children) => {
                sequence(children, "|", out, |child, out| self.write_upper(child, free, depth, out))?
            }
            Expr::Group(body) => {
                out.push_str("(?:");
                self.write_upper(body, free, depth, out)?;
                out.push(')');
            }
            Expr::AtomicGroup(body) => {
                out.push_str("(?:");
                self.write_upper(body, free, depth, out)?;
                out.push(')');
            }
            Expr::Repeat { child, lo, hi, .. } => {
                out.push_str("(?:");
                self.write_upper(child, free, depth, out)?;
                out.push(')');
                repetition(*lo, *hi, out);
            }
            // What the group matched is a text its expression matches. (A case-insensitive backreference
            // compares with fancy-regex's own folding: no bound.)
            Expr::Backref { group, casei: false } => {
                if depth >= MAX_SUBSTITUTION_DEPTH {
                    return None;
                }
                out.push_str("(?:");
                self.write_upper(self.body(*group)?, true, depth + 1, out)?;
                out.push(')');
            }
            _ => return None,
        }
        Some(())
    }

    fn write_lower(&self, expr: &Expr, out: &mut String) -> Option<()> {
        if out.len() > BOUND_MAX_CHARS {
            return None;
        }
        match expr {
            Expr::Empty => out.push_str("(?:)"),
            Expr::Any { newline: true, .. } => out.push_str("(?s:.)"),
            Expr::Any { newline: false, crlf: false } => out.push('.'),
            Expr::Any { newline: false, crlf: true } => out.push_str(r"[^\r\n]"),
            Expr::Assertion(Assertion::StartText) => out.push_str(r"\A"),
            Expr::Assertion(Assertion::EndText) => out.push_str(r"\z"),
            Expr::Literal { val, casei } => literal(val, *casei, out),
            Expr::Delegate { inner, casei } => delegate(inner, *casei, out),
            Expr::Concat(children) => sequence(children, "", out, |child, out| self.write_lower(child, out))?,
            Expr::Alt(children) => sequence(children, "|", out, |child, out| self.write_lower(child, out))?,
            Expr::Group(body) if self.number(body).is_some_and(|n| self.referenced.contains(&n)) => {
                out.push_str("(?:)");
            }
            Expr::Group(body) => {
                out.push_str("(?:");
                self.write_lower(body, out)?;
                out.push(')');
            }
            Expr::Repeat { child, lo, hi, .. } => {
                out.push_str("(?:");
                self.write_lower(child, out)?;
                out.push(')');
                repetition(*lo, *hi, out);
            }
            // The group captured the empty text (checked by `lower`).
            Expr::Backref { .. } => out.push_str("(?:)"),
            _ => return None,
        }
        Some(())
    }

    /// Whether every backreference in `expr` comes after its group surely matched, given the groups
    /// `set` before `expr` starts. `None` for what this does not know.
    fn backrefs_dominated(&self, expr: &Expr, set: &BTreeSet<usize>) -> Option<bool> {
        Some(match expr {
            Expr::Backref { group, .. } => set.contains(group),
            Expr::Concat(children) => {
                let mut set = set.clone();
                for child in children {
                    if !self.backrefs_dominated(child, &set)? {
                        return Some(false);
                    }
                    set.extend(self.surely_set(child));
                }
                true
            }
            Expr::Alt(children) => {
                for child in children {
                    if !self.backrefs_dominated(child, set)? {
                        return Some(false);
                    }
                }
                true
            }
            // Within its own group a backreference refers to an earlier iteration: not dominated.
            Expr::Group(body) => self.backrefs_dominated(body, set)?,
            Expr::Repeat { child, .. } => self.backrefs_dominated(child, set)?,
            Expr::Empty | Expr::Any { .. } | Expr::Assertion(_) | Expr::Literal { .. } | Expr::Delegate { .. } => true,
            _ => return None,
        })
    }

    /// The groups that have surely matched once `expr` has.
    fn surely_set(&self, expr: &Expr) -> BTreeSet<usize> {
        match expr {
            Expr::Group(body) => {
                let mut set = self.surely_set(body);
                set.extend(self.number(body));
                set
            }
            Expr::Concat(children) => children.iter().flat_map(|child| self.surely_set(child)).collect(),
            Expr::Alt(children) => {
                let mut sets = children.iter().map(|child| self.surely_set(child));
                let first = sets.next().unwrap_or_default();
                sets.fold(first, |acc, set| acc.intersection(&set).copied().collect())
            }
            Expr::Repeat { child, lo, .. } if *lo >= 1 => self.surely_set(child),
            _ => BTreeSet::new(),
        }
    }
}

/// The capturing groups' bodies in pre-order (the order of their opening parentheses), and the groups
/// backreferences name.
fn collect_groups<'a>(expr: &'a Expr, groups: &mut Vec<&'a Expr>, referenced: &mut BTreeSet<usize>) {
    match expr {
        Expr::Group(body) => groups.push(body),
        Expr::Backref { group, .. } => {
            referenced.insert(*group);
        }
        _ => {}
    }
    for child in expr.children_iter() {
        collect_groups(child, groups, referenced);
    }
}

/// Whether `expr` matches the empty text, wherever it is; `None` when that depends on the position
/// (assertions, look-arounds, backreferences) or on what this does not know.
fn nullable(expr: &Expr) -> Option<bool> {
    Some(match expr {
        Expr::Empty => true,
        Expr::Any { .. } | Expr::Delegate { .. } => false,
        Expr::Literal { val, .. } => val.is_empty(),
        Expr::Concat(children) => {
            let mut all = true;
            for child in children {
                all &= nullable(child)?;
            }
            all
        }
        Expr::Alt(children) => {
            let mut any = false;
            for child in children {
                any |= nullable(child)?;
            }
            any
        }
        Expr::Group(body) => nullable(body)?,
        Expr::Repeat { child, lo, .. } => *lo == 0 || nullable(child)?,
        _ => return None,
    })
}

/// Writes `children` one after the other (`separator` "") or as alternatives ("|"), in a group.
fn sequence(
    children: &[Expr],
    separator: &str,
    out: &mut String,
    mut write: impl FnMut(&Expr, &mut String) -> Option<()>,
) -> Option<()> {
    out.push_str("(?:");
    for (i, child) in children.iter().enumerate() {
        if i > 0 {
            out.push_str(separator);
        }
        write(child, out)?;
    }
    out.push(')');
    Some(())
}

fn literal(val: &str, casei: bool, out: &mut String) {
    out.push_str(if casei { "(?i:" } else { "(?:" });
    out.push_str(&regex::escape(val));
    out.push(')');
}

/// A delegate is one character's class or escape, in the `regex` crate's syntax already.
fn delegate(inner: &str, casei: bool, out: &mut String) {
    out.push_str(if casei { "(?i:" } else { "(?:" });
    out.push_str(inner);
    out.push(')');
}

fn repetition(lo: usize, hi: usize, out: &mut String) {
    use std::fmt::Write;
    let _ = match hi {
        usize::MAX => write!(out, "{{{lo},}}"),
        hi => write!(out, "{{{lo},{hi}}}"),
    };
}

fn build_bound(pattern: &str) -> Option<Regex> {
    RegexBuilder::new(pattern).size_limit(BOUND_SIZE_LIMIT).dfa_size_limit(DFA_SIZE_LIMIT).build().ok()
}

#[cfg(test)]
mod tests;
