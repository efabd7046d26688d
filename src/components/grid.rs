//! The produced table as a grid that draws only the rows in view (so 100,000 rows scroll), with every
//! erroneous cell marked (colour and an icon, its messages on hover and to screen readers), and the
//! error panel: issues grouped by field and kind, a click goes to the first one, next and previous walk
//! through them, and a filter keeps only the rows with errors.

use crate::state::Outcome;
use crate::text;
use leptos::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// Height of a row in pixels (fixed, so the rows in view follow from the scroll position).
const ROW_HEIGHT: f64 = 28.0;
/// Height of the scrolling area in pixels.
const VIEW_HEIGHT: f64 = 448.0;
/// Rows drawn above and below those in view, so a fast scroll does not show blanks.
const OVERSCAN: usize = 10;

/// One group of the error panel: a field and a kind of issue.
#[derive(Clone, Debug, PartialEq)]
struct Group {
    field: String,
    code: &'static str,
    /// Table row indexes (0-based) of the occurrences, in order.
    rows: Vec<usize>,
}

/// What the grid needs from the outcome, computed once per validation.
#[derive(Clone, Debug)]
struct Marks {
    /// (row index, column) → messages.
    cells: HashMap<(usize, usize), Vec<String>>,
    /// Row indexes that have at least one issue, in order.
    rows_with_issues: Vec<usize>,
    groups: Vec<Group>,
}

fn marks(outcome: &Outcome) -> Marks {
    let mut cells: HashMap<(usize, usize), Vec<String>> = HashMap::new();
    let mut rows_with_issues = Vec::new();
    let mut groups: BTreeMap<(String, &'static str), Vec<usize>> = BTreeMap::new();
    for issue in &outcome.report.issues {
        let Some(index) = issue.row.and_then(|r| r.checked_sub(2)) else { continue };
        if rows_with_issues.last() != Some(&index) {
            rows_with_issues.push(index);
        }
        let field = issue.field.clone().unwrap_or_default();
        if let Some(column) = outcome.table.fields.iter().position(|f| *f == field) {
            cells.entry((index, column)).or_default().push(issue.message.clone());
        }
        groups.entry((field, issue.code)).or_default().push(index);
    }
    rows_with_issues.sort_unstable();
    rows_with_issues.dedup();
    let mut groups: Vec<Group> = groups.into_iter().map(|((field, code), rows)| Group { field, code, rows }).collect();
    groups.sort_by(|a, b| b.rows.len().cmp(&a.rows.len()).then_with(|| a.field.cmp(&b.field)));
    Marks { cells, rows_with_issues, groups }
}

/// The grid and its error panel for one outcome.
#[component]
pub fn Grid(outcome: Outcome) -> impl IntoView {
    let marks = Arc::new(marks(&outcome));
    let table = outcome.table.clone();
    let scroll_top = RwSignal::new(0.0_f64);
    let only_errors = RwSignal::new(false);
    // The selected group and the occurrence shown (index into its rows).
    let selected = RwSignal::new(None::<(usize, usize)>);
    let focused_row = RwSignal::new(None::<usize>);
    let viewport = NodeRef::<leptos::html::Div>::new();
    // The rows listed: all of them, or only those with issues.
    let listed: Memo<Arc<Vec<usize>>> = {
        let marks = marks.clone();
        let count = table.rows.len();
        Memo::new(move |_| {
            Arc::new(if only_errors.get() { marks.rows_with_issues.clone() } else { (0..count).collect() })
        })
    };
    let go_to = move |row: usize| {
        focused_row.set(Some(row));
        let position = listed.with_untracked(|l| l.iter().position(|r| *r == row));
        if let (Some(position), Some(viewport)) = (position, viewport.get_untracked()) {
            let top = (position as f64 * ROW_HEIGHT - VIEW_HEIGHT / 3.0).max(0.0);
            viewport.set_scroll_top(top as i32);
            scroll_top.set(top);
        }
    };
    let step = {
        let marks = marks.clone();
        move |delta: isize| {
            let Some((group, at)) = selected.get_untracked() else { return };
            let Some(rows) = marks.groups.get(group).map(|g| &g.rows) else { return };
            let next = (at as isize + delta).rem_euclid(rows.len().max(1) as isize) as usize;
            selected.set(Some((group, next)));
            if let Some(row) = rows.get(next) {
                go_to(*row);
            }
        }
    };
    let panel = {
        let marks = marks.clone();
        move || {
            let groups = marks
                .groups
                .iter()
                .enumerate()
                .map(|(i, group)| {
                    let first = group.rows.first().copied();
                    let choose = move |_| {
                        selected.set(Some((i, 0)));
                        if let Some(row) = first {
                            go_to(row);
                        }
                    };
                    let label = format!(
                        "{} — {} : {}",
                        if group.field.is_empty() { text::WHOLE_ROW } else { group.field.as_str() },
                        tamis_engine::fr::code_name(group.code),
                        group.rows.len()
                    );
                    let current = move || selected.get().is_some_and(|(g, _)| g == i);
                    view! {
                        <li>
                            <button type="button" class="group" class:current=current aria-pressed=move || current().to_string() on:click=choose>
                                {label}
                            </button>
                        </li>
                    }
                })
                .collect_view();
            let position = {
                let marks = marks.clone();
                move || {
                    let (group, at) = selected.get()?;
                    let total = marks.groups.get(group)?.rows.len();
                    Some(format!("{} / {total}", at + 1))
                }
            };
            view! {
                <div class="error-panel" data-testid="error-panel">
                    <ul class="groups">{groups}</ul>
                    <div class="walk">
                        <button type="button" class="secondary small" data-testid="previous-issue" on:click={let step = step.clone(); move |_| step(-1)}>{text::PREVIOUS}</button>
                        <button type="button" class="secondary small" data-testid="next-issue" on:click={let step = step.clone(); move |_| step(1)}>{text::NEXT}</button>
                        <span class="muted" role="status">{position}</span>
                        <label class="small">
                            <input type="checkbox" data-testid="only-errors" prop:checked=move || only_errors.get()
                                on:change=move |ev| { only_errors.set(event_target_checked(&ev)); scroll_top.set(0.0); if let Some(v) = viewport.get_untracked() { v.set_scroll_top(0); } } />
                            " " {text::ONLY_ERRORS}
                        </label>
                    </div>
                </div>
            }
        }
    };
    let header = table.fields.iter().map(|f| view! { <th scope="col">{f.clone()}</th> }).collect_view();
    let body = {
        let marks = marks.clone();
        let table = table.clone();
        move || {
            let listed = listed.get();
            let first = ((scroll_top.get() / ROW_HEIGHT) as usize).saturating_sub(OVERSCAN);
            let shown = (VIEW_HEIGHT / ROW_HEIGHT) as usize + 2 * OVERSCAN;
            let last = (first + shown).min(listed.len());
            let above = first as f64 * ROW_HEIGHT;
            let below = listed.len().saturating_sub(last) as f64 * ROW_HEIGHT;
            let rows = listed
                .get(first..last)
                .unwrap_or_default()
                .iter()
                .map(|&index| {
                    let cells = table.rows.get(index).cloned().unwrap_or_default();
                    let source_row = table.source_rows.get(index).copied();
                    let focused = move || focused_row.get() == Some(index);
                    let cells = cells
                        .into_iter()
                        .enumerate()
                        .map(|(column, value)| match marks.cells.get(&(index, column)) {
                            Some(messages) => {
                                let messages = messages.join("\n");
                                view! {
                                    <td class="error" title=messages.clone() data-testid="error-cell">
                                        <span aria-hidden="true" class="icon">"⚠ "</span>
                                        {value}
                                        <span class="visually-hidden">{format!(" ({messages})")}</span>
                                    </td>
                                }
                                .into_any()
                            }
                            None => view! { <td>{value}</td> }.into_any(),
                        })
                        .collect_view();
                    view! {
                        <tr class:focused=focused aria-rowindex=(index + 2).to_string()>
                            <th scope="row" title=source_row.map(|r| format!("{} {r}", text::SOURCE_ROW))>{index + 2}</th>
                            {cells}
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <tr class="spacer" aria-hidden="true" style:height=format!("{above}px")></tr>
                {rows}
                <tr class="spacer" aria-hidden="true" style:height=format!("{below}px")></tr>
            }
        }
    };
    let row_count = (table.rows.len() + 1).to_string();
    view! {
        {(!marks.groups.is_empty()).then(panel)}
        <div
            class="grid preview"
            data-testid="preview"
            node_ref=viewport
            style:max-height=format!("{VIEW_HEIGHT}px")
            on:scroll=move |_| {
                if let Some(viewport) = viewport.get_untracked() {
                    scroll_top.set(f64::from(viewport.scroll_top()));
                }
            }
        >
            <table aria-rowcount=row_count>
                <thead>
                    <tr>
                        <th scope="col">"#"</th>
                        {header}
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}
