//! The validation report: what was checked, the verdict, what remains wrong and what was changed, as
//! data (serialized to JSON by the app) and as a self-contained HTML page that prints to PDF.

use crate::edit::Edit;
use crate::fr;
use crate::mapping::{Recipe, Source};
use crate::schema::Schema;
use crate::validate::{Code, Issue, Report};
use chrono::NaiveDate;
use serde::Serialize;
use std::fmt::Write as _;

/// What the report is about, given by the caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportContext {
    /// The name of the file the user opened.
    pub source_file: String,
    /// The name of the exported file ([`super::file_name`]).
    pub exported_file: String,
    /// The schema's catalog name (`scdl/deliberations`), or a label for a schema from elsewhere.
    pub schema_name: String,
    /// The export's date (the caller's today).
    pub date: NaiveDate,
}

/// The schema the file was checked against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SchemaSummary {
    pub name: String,
    pub title: Option<String>,
    pub version: Option<String>,
}

/// How many issues of one code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CodeCount {
    pub code: Code,
    /// The code's French name ([`Code::name`]).
    pub label: &'static str,
    pub count: usize,
}

/// How one field was filled and which transforms rewrote its values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldSummary {
    pub field: String,
    /// « colonne « Date CM » », « valeur fixe « … » » or « non renseigné », in French.
    pub source: String,
    /// One French line per transform ([`crate::transform::Transform::describe`]), in order.
    pub transforms: Vec<String>,
}

/// The validation report of an export.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ValidationReport {
    pub source_file: String,
    pub exported_file: String,
    pub schema: SchemaSummary,
    /// ISO date (`2026-11-23`).
    pub date: String,
    /// The date in words, as the report shows it (« 23 novembre 2026 »).
    pub date_label: String,
    pub valid: bool,
    /// « Conforme » or « Non conforme ».
    pub verdict: String,
    pub row_count: usize,
    /// Issue counts by code, most frequent first.
    pub counts: Vec<CodeCount>,
    /// The first issues (at most [`ValidationReport::MAX_LISTED`], or what [`ValidationReport::at_most`]
    /// asks), in row order; `issue_count` says how many there are, `truncated` whether some are left out.
    pub issues: Vec<Issue>,
    pub warnings: Vec<Issue>,
    pub issue_count: usize,
    pub warning_count: usize,
    pub truncated: bool,
    /// Schema rules Tamis does not check.
    pub unchecked: Vec<String>,
    /// Every schema field: its source and transforms (empty without a recipe).
    pub fields: Vec<FieldSummary>,
    /// The edits made in the grid, in order ([`Edit::describe`]).
    pub edits: Vec<String>,
}

impl ValidationReport {
    /// The most issues (and warnings) a report lists: a wrong schema gives an error on every row, and
    /// a million rows of them would make a report no one can open. The counts are always complete.
    pub const MAX_LISTED: usize = 10_000;

    /// The report of `report` on the table exported as `context.exported_file`, mapped by `recipe`
    /// (`None`: a file validated as it is) and edited by `edits` (`EditLog::edits`, oldest first).
    pub fn new(
        context: &ReportContext,
        schema: &Schema,
        report: &Report,
        recipe: Option<&Recipe>,
        edits: &[Edit],
    ) -> ValidationReport {
        let fields = match recipe {
            Some(recipe) => schema
                .fields
                .iter()
                .map(|field| FieldSummary {
                    field: field.name.clone(),
                    source: match recipe.source(&field.name) {
                        Some(Source::Column(label)) => fr::export::report_column(label),
                        Some(Source::Constant(text)) => fr::export::report_constant(text),
                        None => fr::export::REPORT_NOT_FILLED.to_owned(),
                    },
                    transforms: recipe.transforms_of(&field.name).iter().map(|t| t.describe()).collect(),
                })
                .collect(),
            None => Vec::new(),
        };
        ValidationReport {
            source_file: context.source_file.clone(),
            exported_file: context.exported_file.clone(),
            schema: SchemaSummary {
                name: context.schema_name.clone(),
                title: schema.title.clone(),
                version: schema.version.clone(),
            },
            date: context.date.format("%Y-%m-%d").to_string(),
            date_label: fr::export::date_in_words(context.date),
            valid: report.valid,
            verdict: if report.valid { fr::export::REPORT_VALID } else { fr::export::REPORT_INVALID }.to_owned(),
            row_count: report.row_count,
            counts: report
                .counts()
                .into_iter()
                .map(|(code, count)| CodeCount { code, label: code.name(), count })
                .collect(),
            issues: report.issues.iter().take(Self::MAX_LISTED).cloned().collect(),
            warnings: report.warnings.iter().take(Self::MAX_LISTED).cloned().collect(),
            issue_count: report.issues.len(),
            warning_count: report.warnings.len(),
            truncated: report.issues.len() > Self::MAX_LISTED || report.warnings.len() > Self::MAX_LISTED,
            unchecked: report.unchecked.clone(),
            fields,
            edits: edits.iter().map(Edit::describe).collect(),
        }
    }

    /// The same report listing at most `max` issues and `max` warnings.
    pub fn at_most(mut self, max: usize) -> ValidationReport {
        self.issues.truncate(max);
        self.warnings.truncate(max);
        self.truncated = self.issues.len() < self.issue_count || self.warnings.len() < self.warning_count;
        self
    }

    /// The report as one HTML page: inline CSS, no script, no external resource, every piece of data
    /// escaped; readable on screen and printed on A4 (rows never split across pages).
    pub fn to_html(&self) -> String {
        let mut html = String::with_capacity(4096 + self.issues.len() * 96);
        let schema_label = self.schema.title.as_deref().unwrap_or(&self.schema.name);
        html.push_str("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        // No request may leave the page, even if a value slipped through: a strict policy as a second lock.
        html.push_str(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n",
        );
        let _ = writeln!(html, "<title>{} — {}</title>", fr::export::REPORT_TITLE, esc(&self.exported_file));
        html.push_str(STYLE);
        html.push_str("</head>\n<body>\n<header>\n");
        let _ = writeln!(html, "<p class=\"kicker\">{}</p>", fr::export::REPORT_TITLE);
        let _ = writeln!(html, "<h1>{}</h1>", esc(schema_label));
        let (class, mark) = if self.valid { ("ok", "✔") } else { ("ko", "✘") };
        let _ = writeln!(
            html,
            "<div class=\"verdict {class}\"><span class=\"mark\" aria-hidden=\"true\">{mark}</span> {}</div>",
            esc(&self.verdict)
        );
        let _ = writeln!(
            html,
            "<p class=\"verdict-line\">{}</p>",
            esc(&fr::export::report_verdict_line(self.valid, self.issue_count, &self.schema.name))
        );
        html.push_str("<dl class=\"meta\">\n");
        let schema_line = match &self.schema.version {
            Some(version) => format!("{} ({} {})", self.schema.name, fr::export::REPORT_VERSION, version),
            None => self.schema.name.clone(),
        };
        for (term, value) in [
            (fr::export::REPORT_SOURCE_FILE, self.source_file.as_str()),
            (fr::export::REPORT_EXPORTED_FILE, self.exported_file.as_str()),
            (fr::export::REPORT_SCHEMA, schema_line.as_str()),
            (fr::export::REPORT_DATE, self.date_label.as_str()),
            (fr::export::REPORT_ROWS, &self.row_count.to_string()),
        ] {
            let _ = writeln!(html, "<div><dt>{term}</dt><dd>{}</dd></div>", esc(value));
        }
        html.push_str("</dl>\n</header>\n<main>\n");

        // Counts.
        let _ = writeln!(html, "<section>\n<h2>{}</h2>", fr::export::REPORT_SUMMARY);
        if self.counts.is_empty() {
            let _ = writeln!(html, "<p>{}</p>", fr::export::REPORT_NO_ERROR);
        } else {
            let _ = writeln!(
                html,
                "<table class=\"counts\"><thead><tr><th>{}</th><th class=\"num\">{}</th></tr></thead><tbody>",
                fr::export::REPORT_KIND,
                fr::export::REPORT_COUNT
            );
            for count in &self.counts {
                let _ = writeln!(
                    html,
                    "<tr><th scope=\"row\">{} <code>{}</code></th><td class=\"num\">{}</td></tr>",
                    esc(count.label),
                    esc(count.code.as_str()),
                    count.count
                );
            }
            let _ = writeln!(
                html,
                "</tbody><tfoot><tr><th>{}</th><th class=\"num\">{}</th></tr></tfoot></table>",
                fr::export::REPORT_TOTAL,
                self.issue_count
            );
        }
        html.push_str("</section>\n");

        issue_section(&mut html, fr::export::REPORT_ERRORS, &self.issues, self.issue_count);
        issue_section(&mut html, fr::export::REPORT_WARNINGS, &self.warnings, self.warning_count);
        if !self.unchecked.is_empty() {
            let _ = writeln!(html, "<section>\n<h2>{}</h2>\n<ul>", fr::export::REPORT_UNCHECKED);
            for rule in &self.unchecked {
                let _ = writeln!(html, "<li>{}</li>", esc(rule));
            }
            html.push_str("</ul>\n</section>\n");
        }
        if !self.fields.is_empty() {
            let _ = writeln!(
                html,
                "<section>\n<h2>{}</h2>\n<table class=\"fields\"><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
                fr::export::REPORT_MAPPING,
                fr::export::REPORT_FIELD,
                fr::export::REPORT_SOURCE,
                fr::export::REPORT_TRANSFORMS
            );
            for field in &self.fields {
                let transforms = if field.transforms.is_empty() {
                    format!("<span class=\"muted\">{}</span>", fr::export::REPORT_NONE)
                } else {
                    field.transforms.iter().map(|t| esc(t)).collect::<Vec<_>>().join("<br>")
                };
                let _ = writeln!(
                    html,
                    "<tr><th scope=\"row\"><code>{}</code></th><td>{}</td><td>{transforms}</td></tr>",
                    esc(&field.field),
                    esc(&field.source)
                );
            }
            html.push_str("</tbody></table>\n</section>\n");
        }
        let _ = writeln!(html, "<section>\n<h2>{}</h2>", fr::export::REPORT_EDITS);
        if self.edits.is_empty() {
            let _ = writeln!(html, "<p>{}</p>", fr::export::REPORT_NO_EDIT);
        } else {
            html.push_str("<ol>\n");
            for edit in &self.edits {
                let _ = writeln!(html, "<li>{}</li>", esc(&shorten(edit, 400)));
            }
            html.push_str("</ol>\n");
        }
        html.push_str("</section>\n</main>\n");
        let _ = writeln!(html, "<footer><p>{}</p></footer>", esc(&fr::export::report_footer(&self.date_label)));
        html.push_str("</body>\n</html>\n");
        html
    }
}

/// A section of the issues listed (the first `total`), saying where the list was cut; nothing when
/// there are none.
fn issue_section(html: &mut String, title: &str, listed: &[Issue], total: usize) {
    if listed.is_empty() {
        return;
    }
    let _ = writeln!(html, "<section>\n<h2>{title} ({total})</h2>");
    if listed.len() < total {
        let _ = writeln!(html, "<p class=\"msg\">{}</p>", esc(&fr::export::report_listed(listed.len(), total)));
    }
    issue_groups(html, listed);
    html.push_str("</section>\n");
}

/// Issues grouped by field and code, in order of first appearance: one heading per group, the message
/// once when the whole group shares it, then one compact table row per issue.
fn issue_groups(html: &mut String, issues: &[Issue]) {
    type Key<'a> = (Option<&'a str>, Code);
    let mut groups: Vec<(Key, Vec<&Issue>)> = Vec::new();
    for issue in issues {
        let key = (issue.field.as_deref(), issue.code);
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, members)) => members.push(issue),
            None => groups.push((key, vec![issue])),
        }
    }
    for ((field, code), members) in groups {
        let shared = members.first().map(|i| &*i.message).filter(|m| members.iter().all(|i| &*i.message == *m));
        let field_label = field.unwrap_or(fr::export::REPORT_WHOLE_TABLE);
        let with_fix = members.iter().any(|i| i.fix.is_some());
        let _ = writeln!(
            html,
            "<div class=\"group\">\n<h3>{} <code>{}</code></h3>",
            esc(&fr::export::report_group(field_label, code.name(), members.len())),
            esc(code.as_str())
        );
        if let Some(message) = shared {
            let _ = writeln!(html, "<p class=\"msg\">{}</p>", esc(message));
        }
        // Empty cells with nothing to suggest (a required column left unfilled): the rows as ranges,
        // not a table of « (vide) ».
        let rows: Option<Vec<usize>> = members.iter().map(|i| i.row.filter(|_| i.cell.is_empty())).collect();
        if let (Some(rows), Some(_), false, Some(_)) = (rows, shared, with_fix, field) {
            let _ = writeln!(
                html,
                "<p class=\"rows\">{} <span class=\"muted\">{}</span></p>\n</div>",
                esc(&fr::export::report_rows(&ranges(&rows))),
                fr::export::REPORT_EMPTY_VALUE
            );
            continue;
        }
        let _ = write!(html, "<table class=\"issues\"><thead><tr><th class=\"num\">{}</th>", fr::export::REPORT_ROW);
        if field.is_none() {
            let _ = write!(html, "<th>{}</th>", fr::export::REPORT_FIELD);
        }
        let _ = write!(html, "<th>{}</th>", fr::export::REPORT_VALUE);
        if shared.is_none() {
            let _ = write!(html, "<th>{}</th>", fr::export::REPORT_MESSAGE);
        }
        if with_fix {
            let _ = write!(html, "<th>{}</th>", fr::export::REPORT_FIX);
        }
        html.push_str("</tr></thead><tbody>\n");
        // One line per issue, with HTML's optional end tags left out (`</td>`, `</tr>`): tens of
        // thousands of issues stay a few megabytes.
        for issue in members {
            let row = issue.row.map_or_else(|| "—".to_owned(), |r| r.to_string());
            let _ = write!(html, "<tr><td>{row}");
            if field.is_none() {
                let _ = write!(html, "<td>{}", if issue.row.is_some() { fr::export::REPORT_WHOLE_ROW } else { "" });
            }
            let _ = write!(html, "<td class=v>{}", cell(&issue.cell));
            if shared.is_none() {
                let _ = write!(html, "<td class=m>{}", esc(&issue.message));
            }
            if with_fix {
                let _ = write!(html, "<td class=v>{}", issue.fix.as_deref().map(cell).unwrap_or_default());
            }
            html.push('\n');
        }
        html.push_str("</tbody></table>\n</div>\n");
    }
}

/// Row numbers as ranges: `[(2, 161), (170, 170)]`.
fn ranges(rows: &[usize]) -> Vec<(usize, usize)> {
    let mut sorted = rows.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let mut out: Vec<(usize, usize)> = Vec::new();
    for row in sorted {
        match out.last_mut() {
            Some((_, end)) if *end + 1 == row => *end = row,
            _ => out.push((row, row)),
        }
    }
    out
}

/// Longest cell shown in full in the report, in characters.
const CELL_SHOWN: usize = 200;

/// A cell as the report shows it: escaped, cut short when long, `(vide)` when empty.
fn cell(text: &str) -> String {
    if text.is_empty() {
        return format!("<span class=\"muted\">{}</span>", fr::export::REPORT_EMPTY_VALUE);
    }
    esc(&shorten(text, CELL_SHOWN))
}

fn shorten(text: &str, max: usize) -> String {
    let count = text.chars().count();
    if count <= max {
        return text.to_owned();
    }
    let mut short: String = text.chars().take(max).collect();
    short.push_str(&fr::export::report_truncated(count));
    short
}

/// Text escaped for HTML content and attribute values.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"<style>
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1e1e1e;
  margin: 0 auto; max-width: 1100px; padding: 24px 32px 48px; background: #fff; }
header { border-bottom: 2px solid #ddd; padding-bottom: 12px; margin-bottom: 20px; }
.kicker { margin: 0; text-transform: uppercase; letter-spacing: .08em; font-size: 12px; color: #555; }
h1 { font-size: 26px; margin: 4px 0 14px; }
h2 { font-size: 20px; margin: 28px 0 10px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
code { font: 12px/1.3 ui-monospace, "Cascadia Mono", Consolas, monospace; color: #555; }
.verdict { display: inline-block; font-size: 30px; font-weight: 700; padding: 8px 22px; border-radius: 8px;
  border: 3px solid; }
.verdict.ok { color: #18753c; background: #e8f6ec; border-color: #18753c; }
.verdict.ko { color: #b3261e; background: #fdecea; border-color: #b3261e; }
.verdict-line { font-size: 17px; margin: 10px 0 14px; }
dl.meta { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 4px 24px; margin: 0; }
dl.meta div { display: flex; gap: 8px; }
dt { font-weight: 600; white-space: nowrap; }
dt::after { content: " :"; }
dd { margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 8px; font-size: 13px; }
th, td { border: 1px solid #d6d6d6; padding: 3px 6px; text-align: left; vertical-align: top; }
thead th { background: #f1f1f1; }
tfoot th { background: #f7f7f7; }
table.counts { width: auto; min-width: 360px; }
.num { text-align: right; white-space: nowrap; width: 1%; font-variant-numeric: tabular-nums; }
.v { font-family: ui-monospace, "Cascadia Mono", Consolas, monospace; white-space: pre-wrap; overflow-wrap: anywhere; }
.m, .msg { white-space: pre-wrap; overflow-wrap: anywhere; }
table.issues td:first-child { text-align: right; white-space: nowrap; width: 1%; font-variant-numeric: tabular-nums; }
th[scope="row"] { font-weight: normal; background: none; }
p.msg { margin: 0 0 4px; color: #333; }
p.rows { margin: 0; }
.muted { color: #777; font-style: italic; font-family: inherit; }
.group { margin-bottom: 10px; }
footer { margin-top: 32px; font-size: 12px; color: #555; border-top: 1px solid #ddd; padding-top: 8px; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  table { font-size: 9pt; }
  thead { display: table-header-group; }
  tr, .verdict, dl.meta div { break-inside: avoid; page-break-inside: avoid; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  .verdict { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
</style>
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::Table;
    use crate::validate::CompiledSchema;

    #[test]
    fn rows_as_ranges() {
        assert_eq!(ranges(&[5, 2, 3, 4, 9, 11, 10, 3]), [(2, 5), (9, 11)]);
        assert_eq!(fr::export::report_rows(&ranges(&[2, 3, 4, 7])), "Lignes 2 à 4, 7");
        assert_eq!(fr::export::report_rows(&ranges(&[7])), "Ligne 7");
    }

    #[test]
    fn html_escapes_every_value() {
        let schema = Schema::from_json(r#"{"fields": [{"name": "n", "type": "integer"}]}"#).unwrap();
        let table = Table {
            fields: vec!["n".into()],
            rows: vec![["<script>alert(1)</script>"].into(), ["\"'&"].into()],
            source_rows: vec![2, 3],
        };
        let report = CompiledSchema::compile(&schema).unwrap().validate(&table);
        let context = ReportContext {
            source_file: "<img src=x onerror=alert(1)>.csv".into(),
            exported_file: "x.csv".into(),
            schema_name: "<b>s</b>".into(),
            date: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        };
        let html = ValidationReport::new(&context, &schema, &report, None, &[]).to_html();
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"));
        assert!(!html.contains("<b>"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(html.contains("&quot;&#39;&amp;"));
        assert!(html.contains("23 novembre 2026"));
    }

    #[test]
    fn a_table_with_undecided_cells_and_no_issue_is_not_said_conformant() {
        // Look-ahead with a backreference: a run of `a` has 2^n readings, the cell is left undecided.
        let schema =
            Schema::from_json(r#"{"fields": [{"name": "code", "constraints": {"pattern": "(?=(a|a)*\\1b)a+b?"}}]}"#)
                .unwrap();
        let table =
            Table { fields: vec!["code".into()], rows: vec![vec!["a".repeat(40)].into()], source_rows: vec![2] };
        let report = CompiledSchema::compile(&schema).unwrap().validate(&table);
        assert!(!report.valid && report.issues.is_empty());
        let context = ReportContext {
            source_file: "f.csv".into(),
            exported_file: "x_NON-CONFORME.csv".into(),
            schema_name: "s".into(),
            date: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        };
        let html = ValidationReport::new(&context, &schema, &report, None, &[]).to_html();
        assert!(html.contains(fr::export::REPORT_INVALID));
        assert!(html.contains("Aucune erreur trouvée, mais des valeurs n&#39;ont pas pu être vérifiées"), "{html}");
        assert!(!html.contains("0 erreurs"), "{html}");
        assert!(html.contains("Valeur non vérifiée"), "the warning is listed: {html}");
    }
}
