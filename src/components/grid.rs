//! The produced table as a grid that draws only the rows in view (so 100,000 rows scroll), with every
//! erroneous cell marked (colour and an icon, its messages on hover and to screen readers), and the
//! error panel: issues grouped by field and kind, a click goes to the first one, next and previous walk
//! through them, and a filter keeps only the rows with errors.

use super::replace::FindReplace;
use crate::state::{AppState, Outcome};
use crate::text;
use leptos::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use tamis_engine::edit::Edit;

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
    /// How many have a suggested fix.
    fixable: usize,
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
    let mut groups: BTreeMap<(String, &'static str), (Vec<usize>, usize)> = BTreeMap::new();
    for issue in &outcome.report().issues {
        let Some(index) = issue.row.and_then(|r| r.checked_sub(2)) else { continue };
        if rows_with_issues.last() != Some(&index) {
            rows_with_issues.push(index);
        }
        let field = issue.field.clone().unwrap_or_default();
        if let Some(column) = outcome.table().fields.iter().position(|f| *f == field) {
            cells.entry((index, column)).or_default().push(issue.message.clone());
        }
        let group = groups.entry((field, issue.code)).or_default();
        group.0.push(index);
        group.1 += usize::from(issue.fix.is_some());
    }
    rows_with_issues.sort_unstable();
    rows_with_issues.dedup();
    let mut groups: Vec<Group> =
        groups.into_iter().map(|((field, code), (rows, fixable))| Group { field, code, rows, fixable }).collect();
    groups.sort_by(|a, b| b.rows.len().cmp(&a.rows.len()).then_with(|| a.field.cmp(&b.field)));
    Marks { cells, rows_with_issues, groups }
}

/// Where the user is in the grid: kept across validations, so an edit does not send them back to the top.
#[derive(Clone, Copy)]
pub struct GridPlace {
    scroll_top: RwSignal<f64>,
    only_errors: RwSignal<bool>,
    focused_row: RwSignal<Option<usize>>,
    /// The keyboard's cell: (position among the listed rows, column).
    cursor: RwSignal<(usize, usize)>,
    /// Whether the grid must take the focus back once drawn again (after an edit made from it).
    refocus: RwSignal<bool>,
}

impl GridPlace {
    pub fn new() -> GridPlace {
        GridPlace {
            scroll_top: RwSignal::new(0.0),
            only_errors: RwSignal::new(false),
            focused_row: RwSignal::new(None),
            cursor: RwSignal::new((0, 0)),
            refocus: RwSignal::new(false),
        }
    }
}

/// The grid and its error panel for one outcome.
#[component]
pub fn Grid(outcome: Outcome, place: GridPlace) -> impl IntoView {
    let state = expect_context::<AppState>();
    let marks = Arc::new(marks(&outcome));
    // The cell being edited (row index, column), if any.
    let editing = RwSignal::new(None::<(usize, usize)>);
    let viewport = NodeRef::<leptos::html::Div>::new();
    // The editor holds the table and the report: borrowed where needed, never copied.
    let editor = outcome.editor.clone();
    let fields = Arc::new(outcome.table().fields.clone());
    let commit = {
        let editor = editor.clone();
        let fields = fields.clone();
        move |index: usize, column: usize, value: String| {
            editing.set(None);
            // The grid is drawn anew after the edit: it takes the focus back then (and now, if unchanged).
            place.refocus.set(true);
            if let Some(viewport) = viewport.get_untracked() {
                let _ = viewport.focus();
            }
            let (Some(row), Some(field)) = (editor.row_ref(index), fields.get(column)) else { return };
            if editor.table().rows.get(index).and_then(|r| r.get(column)) != Some(&value) {
                state.edit(Edit::SetCell { row, field: field.clone(), value });
            }
        }
    };
    let GridPlace { scroll_top, only_errors, focused_row, cursor, refocus } = place;
    // The selected group and the occurrence shown (index into its rows).
    let selected = RwSignal::new(None::<(usize, usize)>);
    // Back where the user was once the grid is drawn again after an edit.
    Effect::new(move |_| {
        if let Some(viewport) = viewport.get() {
            viewport.set_scroll_top(scroll_top.get_untracked() as i32);
            if refocus.get_untracked() {
                refocus.set(false);
                // Once the new grid is in the page (the node exists before it is attached).
                request_animation_frame(move || {
                    let _ = viewport.focus();
                });
            }
        }
    });
    // The rows listed: all of them, or only those with issues.
    let listed: Memo<Arc<Vec<usize>>> = {
        let marks = marks.clone();
        let count = editor.table().rows.len();
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
    // Ctrl+Z / Ctrl+Y (or Ctrl+Maj+Z) undo and redo, except while typing in a field (its own undo).
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        let typing = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA"));
        if typing || !(ev.ctrl_key() || ev.meta_key()) {
            return;
        }
        match (ev.key().to_lowercase().as_str(), ev.shift_key()) {
            ("z", false) => state.undo(),
            ("y", _) | ("z", true) => state.redo(),
            _ => return,
        }
        ev.prevent_default();
    });
    on_cleanup(move || keys.remove());
    // A fix-all waiting for the user's go, with its before → after sample.
    let pending = RwSignal::new(None::<(Edit, Option<tamis_engine::edit::Preview>)>);
    let pending_view = move || {
        let (edit, preview) = pending.get()?;
        let preview = preview.unwrap_or_default();
        let total = preview.total;
        let sample = preview
            .sample
            .into_iter()
            .map(|cell| {
                let after = cell.after.unwrap_or_default();
                view! { <li>{format!("{} {} : « {} » → « {} »", text::ROW, cell.row + 2, cell.before, after)}</li> }
            })
            .collect_view();
        let apply = move |_| {
            state.edit(edit.clone());
            pending.set(None);
        };
        Some(view! {
            <div class="fix-preview" data-testid="fix-preview" role="dialog" aria-label=text::FIX_ALL>
                <ul>{sample}</ul>
                <button type="button" class="primary small" data-testid="fix-apply" on:click=apply>
                    {format!("{} {total} {}", text::FIX_APPLY, text::FIX_CELLS)}
                </button>
                " "
                <button type="button" class="secondary small" on:click=move |_| pending.set(None)>{text::DISMISS}</button>
            </div>
        })
    };
    let panel = {
        let marks = marks.clone();
        let editor = editor.clone();
        let fields = fields.clone();
        move || {
            let groups = marks
                .groups
                .iter()
                .enumerate()
                .map(|(i, group)| {
                    let editor = editor.clone();
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
                    let fix = (group.fixable > 0 && !group.field.is_empty()).then(|| {
                        let edit = editor.fix_group(&group.field, group.code);
                        let preview = editor.preview(&edit, 5).ok();
                        let open = move |_| pending.set(Some((edit.clone(), preview.clone())));
                        view! {
                            <button type="button" class="secondary small" data-testid="fix-group" on:click=open>
                                {format!("{} ({})", text::FIX_ALL, group.fixable)}
                            </button>
                        }
                    });
                    view! {
                        <li>
                            <button type="button" class="group" class:current=current aria-pressed=move || current().to_string() on:click=choose>
                                {label}
                            </button>
                            {fix}
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
                    {pending_view}
                    <FindReplace editor=editor.clone() fields=fields.to_vec() />
                    <p class="muted small">{text::EDIT_HINT}</p>
                    <div class="walk">
                        <button type="button" class="secondary small" data-testid="previous-issue" on:click={let step = step.clone(); move |_| step(-1)}>{text::PREVIOUS}</button>
                        <button type="button" class="secondary small" data-testid="next-issue" on:click={let step = step.clone(); move |_| step(1)}>{text::NEXT}</button>
                        <span class="muted" role="status">{position}</span>
                        <button type="button" class="secondary small" data-testid="undo" disabled=move || state.edits.with(Vec::is_empty) on:click=move |_| state.undo()>{text::UNDO}</button>
                        <button type="button" class="secondary small" data-testid="redo" disabled=move || state.undone.with(Vec::is_empty) on:click=move |_| state.redo()>{text::REDO}</button>
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
    let header = editor
        .table()
        .fields
        .iter()
        .map(|f| view! { <th role="columnheader" scope="col">{f.clone()}</th> })
        .collect_view();
    let body = {
        let marks = marks.clone();
        let editor = editor.clone();
        let commit = commit.clone();
        move || {
            editing.track();
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
                .enumerate()
                .map(|(offset, &index)| {
                    let position = first + offset;
                    let cells = editor.table().rows.get(index).cloned().unwrap_or_default();
                    let source_row = editor.table().source_rows.get(index).copied();
                    let focused = move || focused_row.get() == Some(index);
                    let cells = cells
                        .into_iter()
                        .enumerate()
                        .map(|(column, value)| {
                            let start = move |_| {
                                cursor.set((position, column));
                                editing.set(Some((index, column)));
                            };
                            let id = format!("cell-{index}-{column}");
                            let here = move || cursor.get() == (position, column);
                            if editing.get_untracked() == Some((index, column)) {
                                let commit = commit.clone();
                                let original = value.clone();
                                // The input takes the focus as soon as it is in the page.
                                let input = NodeRef::<leptos::html::Input>::new();
                                Effect::new(move |_| {
                                    if let Some(input) = input.get() {
                                        let _ = input.focus();
                                        input.select();
                                    }
                                });
                                return view! {
                                    <td class="editing" role="gridcell" id=id>
                                        <input
                                            node_ref=input
                                            type="text"
                                            data-testid="cell-input"
                                            aria-label=text::EDIT_CELL
                                            value=original
                                            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                                                // The grid's own keys (Enter opens a cell) are not for the input's.
                                                ev.stop_propagation();
                                                match ev.key().as_str() {
                                                "Enter" => commit(index, column, event_target_value(&ev)),
                                                "Escape" => {
                                                    editing.set(None);
                                                    if let Some(viewport) = viewport.get_untracked() {
                                                        let _ = viewport.focus();
                                                    }
                                                }
                                                _ => {}
                                                }
                                            }
                                        />
                                    </td>
                                }
                                .into_any();
                            }
                            match marks.cells.get(&(index, column)) {
                                Some(messages) => {
                                    let messages = messages.join("\n");
                                    view! {
                                        <td class="error" class:cursor=here role="gridcell" id=id aria-selected=move || here().to_string() title=messages.clone() data-testid="error-cell" on:dblclick=start>
                                            <span aria-hidden="true" class="icon">"⚠ "</span>
                                            {value}
                                            <span class="visually-hidden">{format!(" ({messages})")}</span>
                                        </td>
                                    }
                                    .into_any()
                                }
                                None => view! {
                                    <td class:cursor=here role="gridcell" id=id aria-selected=move || here().to_string() on:dblclick=start>{value}</td>
                                }
                                .into_any(),
                            }
                        })
                        .collect_view();
                    view! {
                        <tr role="row" class:focused=focused aria-rowindex=(index + 2).to_string()>
                            <th role="rowheader" scope="row" title=source_row.map(|r| format!("{} {r}", text::SOURCE_ROW))>{index + 2}</th>
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
    let row_count = (editor.table().rows.len() + 1).to_string();
    let column_count = editor.table().fields.len();
    // The ARIA grid pattern: the grid keeps the focus, the keyboard moves a cursor cell
    // (aria-activedescendant), Enter or F2 edits it.
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if editing.get_untracked().is_some() || column_count == 0 {
            return;
        }
        let rows = listed.with_untracked(|l| l.len());
        if rows == 0 {
            return;
        }
        let page = (VIEW_HEIGHT / ROW_HEIGHT) as usize - 1;
        let (row, column) = cursor.get_untracked();
        let control = ev.ctrl_key() || ev.meta_key();
        let moved = match ev.key().as_str() {
            "ArrowDown" => (row + 1, column),
            "ArrowUp" => (row.saturating_sub(1), column),
            "ArrowRight" => (row, column + 1),
            "ArrowLeft" => (row, column.saturating_sub(1)),
            "PageDown" => (row + page, column),
            "PageUp" => (row.saturating_sub(page), column),
            "Home" if control => (0, 0),
            "End" if control => (rows - 1, column_count - 1),
            "Home" => (row, 0),
            "End" => (row, column_count - 1),
            "Enter" | "F2" => {
                if let Some(index) = listed.with_untracked(|l| l.get(row).copied()) {
                    editing.set(Some((index, column)));
                }
                ev.prevent_default();
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        let moved = (moved.0.min(rows - 1), moved.1.min(column_count - 1));
        cursor.set(moved);
        // Keep the cursor row in view.
        let top = moved.0 as f64 * ROW_HEIGHT;
        let bottom = top + 2.0 * ROW_HEIGHT;
        let shown = scroll_top.get_untracked();
        let wanted = if top < shown {
            Some(top)
        } else if bottom > shown + VIEW_HEIGHT {
            Some(bottom - VIEW_HEIGHT)
        } else {
            None
        };
        if let (Some(wanted), Some(viewport)) = (wanted, viewport.get_untracked()) {
            viewport.set_scroll_top(wanted as i32);
            scroll_top.set(wanted);
        }
    };
    let active = move || {
        let (row, column) = cursor.get();
        listed.with(|l| l.get(row).map(|index| format!("cell-{index}-{column}")))
    };
    view! {
        {(!marks.groups.is_empty()).then(panel)}
        <div
            class="grid preview"
            data-testid="preview"
            tabindex="0"
            role="grid"
            aria-label=text::PREVIEW
            aria-rowcount=row_count.clone()
            aria-colcount=(column_count + 1).to_string()
            aria-activedescendant=active
            on:keydown=on_key
            node_ref=viewport
            style:max-height=format!("{VIEW_HEIGHT}px")
            on:scroll=move |_| {
                if let Some(viewport) = viewport.get_untracked() {
                    scroll_top.set(f64::from(viewport.scroll_top()));
                }
            }
        >
            <table role="presentation">
                <thead role="rowgroup">
                    <tr role="row" aria-rowindex="1">
                        <th role="columnheader" scope="col">"#"</th>
                        {header}
                    </tr>
                </thead>
                <tbody role="rowgroup">{body}</tbody>
            </table>
        </div>
    }
}
