//! The mapped table as a grid that draws only the rows in view (so 100,000 rows scroll), with every
//! erroneous cell marked (colour and an icon, its messages on hover and to screen readers), and the
//! error panel: issues grouped by field and kind, a click goes to the first one, next and previous walk
//! through them, a filter keeps only the rows with errors, and the bulk tools (fix-all, find and
//! replace, fill, values to replace, row deletion) preview what they would do before doing it.
//!
//! The grid lives as long as the table: an edit changes the editor in place, and only what reads the
//! changed parts is drawn again (the rows in view, the counts, the groups).

use super::bulk::{FillColumn, MapValues};
use super::replace::FindReplace;
use crate::state::AppState;
use crate::text;
use leptos::prelude::*;
use std::sync::Arc;
use tamis_engine::edit::{Edit, Position, Preview};
use tamis_engine::Code;

/// Height of a row in pixels (fixed, so the rows in view follow from the scroll position).
const ROW_HEIGHT: f64 = 28.0;
/// Height of the scrolling area in pixels.
const VIEW_HEIGHT: f64 = 448.0;
/// Rows drawn above and below those in view, so a fast scroll does not show blanks.
const OVERSCAN: usize = 6;

/// Where the user is in the grid: kept while the grid is drawn again (another mapping, a new table).
#[derive(Clone, Copy)]
pub struct GridPlace {
    scroll_top: RwSignal<f64>,
    only_errors: RwSignal<bool>,
    focused_row: RwSignal<Option<usize>>,
    /// The keyboard's cell: (position among the listed rows, column).
    cursor: RwSignal<(usize, usize)>,
    /// Where a selection of rows started (Maj + arrows or Maj + click): the rows from there to the
    /// cursor's are selected, for a fill or a deletion.
    anchor: RwSignal<Option<usize>>,
}

impl GridPlace {
    pub fn new() -> GridPlace {
        GridPlace {
            scroll_top: RwSignal::new(0.0),
            only_errors: RwSignal::new(false),
            focused_row: RwSignal::new(None),
            cursor: RwSignal::new((0, 0)),
            anchor: RwSignal::new(None),
        }
    }
}

/// The rows the grid lists, in order: every row, or only those with issues.
#[derive(Clone, Debug, PartialEq)]
enum Listed {
    All(usize),
    Only(Arc<Vec<usize>>),
}

impl Listed {
    fn len(&self) -> usize {
        match self {
            Listed::All(count) => *count,
            Listed::Only(rows) => rows.len(),
        }
    }

    /// The row index listed at `position`.
    fn get(&self, position: usize) -> Option<usize> {
        match self {
            Listed::All(count) => (position < *count).then_some(position),
            Listed::Only(rows) => rows.get(position).copied(),
        }
    }

    /// Where row `index` is listed.
    fn position(&self, index: usize) -> Option<usize> {
        match self {
            Listed::All(count) => (index < *count).then_some(index),
            Listed::Only(rows) => rows.binary_search(&index).ok(),
        }
    }
}

/// The rows selected in the grid (Maj + arrows or Maj + click), for the bulk tools.
#[derive(Clone, Copy)]
pub struct Selection {
    /// First and last listed positions.
    range: Memo<Option<(usize, usize)>>,
    listed: Memo<Listed>,
}

impl Selection {
    /// How many rows are selected (tracked; 0: none).
    pub fn count(&self) -> usize {
        self.range.get().map_or(0, |(from, to)| to - from + 1)
    }

    /// The selected rows' indexes, in order (untracked).
    pub fn rows(&self) -> Vec<usize> {
        let Some((from, to)) = self.range.get_untracked() else { return Vec::new() };
        self.listed.with_untracked(|l| (from..=to).filter_map(|p| l.get(p)).collect())
    }
}

/// One row in view, read from the editor: its place, cells and each cell's messages.
struct RowView {
    position: usize,
    index: usize,
    source_row: Option<usize>,
    cells: Vec<String>,
    messages: Vec<Option<String>>,
}

/// A bulk edit waiting for the user's go, with its before → after sample.
pub type Pending = RwSignal<Option<(Edit, Preview)>>;

/// The grid and its error panel, for the table in the state's editor.
#[component]
pub fn Grid(place: GridPlace) -> impl IntoView {
    let state = expect_context::<AppState>();
    let GridPlace { scroll_top, only_errors, focused_row, cursor, anchor } = place;
    // The cell being edited (row index, column), if any.
    let editing = RwSignal::new(None::<(usize, usize)>);
    let viewport = NodeRef::<leptos::html::Div>::new();
    let fields = Memo::new(move |_| state.with_editor(|e| e.table().fields.clone()).unwrap_or_default());
    let groups = Memo::new(move |_| state.with_editor(|e| e.groups()).unwrap_or_default());
    let listed = Memo::new(move |_| {
        if only_errors.get() {
            let rows = state.with_editor(|e| e.issue_rows(None));
            Listed::Only(Arc::new(rows.unwrap_or_default()))
        } else {
            Listed::All(state.with_editor(|e| e.table().rows.len()).unwrap_or(0))
        }
    });
    let range = Memo::new(move |_| {
        let at = cursor.get().0;
        anchor.get().map(|from| (from.min(at), from.max(at)))
    });
    let selection = Selection { range, listed };
    provide_context(selection);
    // Rows deleted or put back, the filter changed: the selection no longer means the same rows.
    Effect::new(move |before: Option<usize>| {
        let count = listed.with(Listed::len);
        if before.is_some_and(|before| before != count) {
            anchor.set(None);
        }
        count
    });
    // The selected group (field, code): next and previous walk through its issues.
    let selected = RwSignal::new(None::<(Option<String>, Code)>);
    let pending: Pending = RwSignal::new(None);
    provide_context(pending);
    let commit = move |index: usize, column: usize, value: String| {
        editing.set(None);
        // The input goes away with the edit: the grid takes the focus back.
        if let Some(viewport) = viewport.get_untracked() {
            let _ = viewport.focus();
        }
        let edit = state.with_editor_untracked(|e| {
            let changed = e.table().rows.get(index).and_then(|r| r.get(column)) != Some(&value);
            let field = e.table().fields.get(column)?.clone();
            Some(Edit::SetCell { row: e.row_ref(index)?, field, value }).filter(|_| changed)
        });
        if let Some(edit) = edit.flatten() {
            state.edit(edit);
        }
    };
    // Back where the user was when the grid is drawn again.
    Effect::new(move |_| {
        if let Some(viewport) = viewport.get() {
            viewport.set_scroll_top(scroll_top.get_untracked() as i32);
        }
    });
    let go_to = move |position: Position| {
        focused_row.set(Some(position.row));
        let Some(at) = listed.with_untracked(|l| l.position(position.row)) else { return };
        cursor.set((at, position.column.unwrap_or(0)));
        if let Some(viewport) = viewport.get_untracked() {
            let top = (at as f64 * ROW_HEIGHT - VIEW_HEIGHT / 3.0).max(0.0);
            viewport.set_scroll_top(top as i32);
            scroll_top.set(top);
        }
    };
    // Next (or previous) issue of the selected group from the row shown, wrapping around.
    let step = move |forward: bool| {
        let Some((field, code)) = selected.get_untracked() else { return };
        // From the row shown: past all its cells going forward, before them going back.
        let column = forward.then_some(usize::MAX);
        let here = focused_row.get_untracked().map(|row| Position { row, column });
        let only = Some((field.as_deref(), code));
        let found = state
            .with_editor_untracked(|e| if forward { e.next_issue(here, only) } else { e.previous_issue(here, only) })
            .flatten();
        if let Some(position) = found {
            go_to(position);
        }
    };
    // « 3 / 20 »: the issue shown among its group's.
    let position = move || {
        let (field, code) = selected.get()?;
        let row = focused_row.get()?;
        state
            .with_editor(|e| {
                let rows = e.issue_rows(Some((field.as_deref(), code)));
                let at = rows.iter().position(|r| *r == row)?;
                Some(format!("{} / {}", at + 1, rows.len()))
            })
            .flatten()
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
    let group_list = move || {
        groups
            .get()
            .into_iter()
            .map(|group| {
                let key = (group.field.clone(), group.code);
                let line = group.line();
                let current = {
                    let key = key.clone();
                    move || selected.with(|s| s.as_ref() == Some(&key))
                };
                let choose = {
                    let key = key.clone();
                    move |_| {
                        selected.set(Some(key.clone()));
                        let first = state
                            .with_editor_untracked(|e| e.next_issue(None, Some((key.0.as_deref(), key.1))))
                            .flatten();
                        if let Some(position) = first {
                            go_to(position);
                        }
                    }
                };
                // A fix for every issue that has one; blank rows go away.
                let action = match &group.field {
                    Some(field) if group.fixable > 0 => {
                        let field = field.clone();
                        let code = group.code;
                        let open = move |_| {
                            let prepared = state.with_editor_untracked(|e| {
                                let edit = e.fix_group(&field, code);
                                e.preview(&edit, 5).ok().map(|preview| (edit, preview))
                            });
                            pending.set(prepared.flatten());
                        };
                        Some(view! {
                            <button type="button" class="secondary small" data-testid="fix-group" on:click=open>
                                {format!("{} ({})", text::FIX_ALL, group.fixable)}
                            </button>
                        }.into_any())
                    }
                    None if group.code == Code::BlankRow => {
                        let open = move |_| {
                            let prepared = state.with_editor_untracked(|e| {
                                let blank = e.issue_rows(Some((None, Code::BlankRow)));
                                let rows = blank.into_iter().filter_map(|i| e.row_ref(i)).collect();
                                let edit = Edit::DeleteRows { rows };
                                e.preview(&edit, 5).ok().map(|preview| (edit, preview))
                            });
                            pending.set(prepared.flatten());
                        };
                        Some(view! {
                            <button type="button" class="secondary small" data-testid="delete-group" on:click=open>
                                {format!("{} ({})", text::DELETE_ROWS, group.count)}
                            </button>
                        }.into_any())
                    }
                    _ => None,
                };
                view! {
                    <li>
                        <button type="button" class="group" class:current=current.clone() aria-pressed=move || current().to_string() on:click=choose>
                            {line}
                        </button>
                        {action}
                    </li>
                }
            })
            .collect_view()
    };
    // The selected rows, or else the cursor's.
    let delete_rows = move |_| {
        let mut indexes = selection.rows();
        if indexes.is_empty() {
            indexes.extend(listed.with_untracked(|l| l.get(cursor.get_untracked().0)));
        }
        let prepared = state.with_editor_untracked(|e| {
            let edit = Edit::DeleteRows { rows: indexes.iter().filter_map(|&i| e.row_ref(i)).collect() };
            e.preview(&edit, 5).ok().map(|preview| (edit, preview))
        });
        pending.set(prepared.flatten());
    };
    let delete_label = move || match selection.count() {
        0 => format!("{} {}", text::DELETE_ROW, listed.with(|l| l.get(cursor.get().0)).map_or(0, |i| i + 2)),
        n => text::delete_selected(n),
    };
    let panel = view! {
        <div class="error-panel" data-testid="error-panel">
            {move || groups.with(Vec::is_empty).then(|| view! { <p class="muted">{text::NO_ISSUE_LEFT}</p> })}
            <ul class="groups">{group_list}</ul>
            <PendingEdit />
            <div class="tools">
                <FindReplace fields=fields />
                <FillColumn fields=fields />
                <MapValues fields=fields />
            </div>
            <p class="muted small">{text::EDIT_HINT}</p>
            <div class="walk">
                <button type="button" class="secondary small" data-testid="previous-issue" on:click=move |_| step(false)>{text::PREVIOUS}</button>
                <button type="button" class="secondary small" data-testid="next-issue" on:click=move |_| step(true)>{text::NEXT}</button>
                <span class="muted" role="status">{position}</span>
                <button type="button" class="secondary small" data-testid="undo"
                    disabled=move || !state.with_editor(|e| e.can_undo()).unwrap_or(false) on:click=move |_| state.undo()>{text::UNDO}</button>
                <button type="button" class="secondary small" data-testid="redo"
                    disabled=move || !state.with_editor(|e| e.can_redo()).unwrap_or(false) on:click=move |_| state.redo()>{text::REDO}</button>
                <button type="button" class="secondary small" data-testid="delete-row" on:click=delete_rows>
                    {delete_label}
                </button>
                <label class="small">
                    <input type="checkbox" data-testid="only-errors" prop:checked=move || only_errors.get()
                        on:change=move |ev| {
                            only_errors.set(event_target_checked(&ev));
                            scroll_top.set(0.0);
                            cursor.set((0, cursor.get_untracked().1));
                            if let Some(v) = viewport.get_untracked() { v.set_scroll_top(0); }
                        } />
                    " " {text::ONLY_ERRORS}
                </label>
            </div>
        </div>
    };
    let header =
        move || fields.get().into_iter().map(|f| view! { <th role="columnheader" scope="col">{f}</th> }).collect_view();
    // The first row drawn: the rows are drawn again when it changes, not on every scroll event.
    let first_row = Memo::new(move |_| ((scroll_top.get() / ROW_HEIGHT) as usize).saturating_sub(OVERSCAN));
    let body = move || {
        editing.track();
        let cursor_now = cursor.get_untracked();
        let selected_range = range.get();
        let listed = listed.get();
        let first = first_row.get();
        let shown = (VIEW_HEIGHT / ROW_HEIGHT) as usize + 2 * OVERSCAN;
        let last = (first + shown).min(listed.len());
        let above = first as f64 * ROW_HEIGHT;
        let below = listed.len().saturating_sub(last) as f64 * ROW_HEIGHT;
        let rows: Vec<RowView> = state
            .with_editor(|editor| {
                let table = editor.table();
                (first..last)
                    .filter_map(|position| {
                        let index = listed.get(position)?;
                        let cells = table.rows.get(index)?.clone();
                        let mut messages: Vec<Option<String>> = vec![None; cells.len()];
                        for issue in editor.row_issues(index) {
                            let column =
                                issue.field.as_ref().and_then(|f| table.fields.iter().position(|n| **n == **f));
                            if let Some(slot) = column.and_then(|c| messages.get_mut(c)) {
                                match slot {
                                    Some(text) => {
                                        text.push('\n');
                                        text.push_str(&issue.message);
                                    }
                                    None => *slot = Some(issue.message.to_string()),
                                }
                            }
                        }
                        Some(RowView {
                            position,
                            index,
                            source_row: table.source_rows.get(index).copied(),
                            cells,
                            messages,
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        let rows = rows
            .into_iter()
            .map(|RowView { position, index, source_row, cells, messages }| {
                let focused = move || focused_row.get() == Some(index);
                let selected = selected_range.is_some_and(|(from, to)| (from..=to).contains(&position));
                let cells = cells
                    .into_iter()
                    .zip(messages)
                    .enumerate()
                    .map(|(column, (value, messages))| {
                        let id = format!("cell-{index}-{column}");
                        // The cursor cell is marked here once, then moved by the effect below (no
                        // per-cell subscription: hundreds of cells are drawn on each scroll step).
                        let here = cursor_now == (position, column);
                            if editing.get_untracked() == Some((index, column)) {
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
                        match messages {
                            Some(messages) => view! {
                                <td class="error" class:cursor=here role="gridcell" id=id aria-selected=here.to_string() aria-invalid="true" title=messages.clone() data-testid="error-cell">
                                    <span aria-hidden="true" class="icon">"⚠ "</span>
                                    {value}
                                    <span class="visually-hidden">{format!(" ({messages})")}</span>
                                </td>
                            }
                            .into_any(),
                            None => view! {
                                <td class:cursor=here role="gridcell" id=id aria-selected=here.to_string()>{value}</td>
                            }
                            .into_any(),
                        }
                    })
                    .collect_view();
                view! {
                    <tr role="row" class:focused=focused class:selected=selected aria-selected=selected.then_some("true") aria-rowindex=(index + 2).to_string()>
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
    };
    // Before the cursor moves: with Maj the selection grows from where it started, without it ends.
    let extend = move |shift: bool| {
        if !shift {
            anchor.set(None);
        } else if anchor.get_untracked().is_none() {
            anchor.set(Some(cursor.get_untracked().0));
        }
    };
    // The cell under the mouse: (row index, its listed position, column). One listener for the whole
    // grid: cells are drawn anew on every scroll step.
    let cell_at = move |ev: &leptos::ev::MouseEvent| -> Option<(usize, usize, usize)> {
        let cell = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .and_then(|e| e.closest("td[id^='cell-']").ok().flatten())?;
        let id = cell.id();
        let mut parts = id.trim_start_matches("cell-").split('-').map(str::parse::<usize>);
        let (Some(Ok(index)), Some(Ok(column))) = (parts.next(), parts.next()) else { return None };
        Some((index, listed.with_untracked(|l| l.position(index))?, column))
    };
    // A click moves the cursor there; with Maj, the rows in between are selected.
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some((_, position, column)) = cell_at(&ev) else { return };
        extend(ev.shift_key());
        cursor.set((position, column));
    };
    // A double-click edits the cell.
    let on_double_click = move |ev: leptos::ev::MouseEvent| {
        let Some((index, position, column)) = cell_at(&ev) else { return };
        cursor.set((position, column));
        editing.set(Some((index, column)));
    };
    // The ARIA grid pattern: the grid keeps the focus, the keyboard moves a cursor cell
    // (aria-activedescendant), Enter or F2 edits it.
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let column_count = fields.with_untracked(Vec::len);
        if editing.get_untracked().is_some() || column_count == 0 {
            return;
        }
        let rows = listed.with_untracked(Listed::len);
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
                if let Some(index) = listed.with_untracked(|l| l.get(row)) {
                    editing.set(Some((index, column)));
                }
                ev.prevent_default();
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        extend(ev.shift_key());
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
    // Moves the cursor mark from cell to cell as the keyboard goes.
    Effect::new(move |previous: Option<Option<String>>| {
        let id = active();
        let document = gloo::utils::document();
        let mark = |id: &str, on: bool| {
            if let Some(cell) = document.get_element_by_id(id) {
                let _ = if on { cell.class_list().add_1("cursor") } else { cell.class_list().remove_1("cursor") };
                let _ = cell.set_attribute("aria-selected", if on { "true" } else { "false" });
            }
        };
        if let Some(Some(before)) = previous.filter(|before| *before != id) {
            mark(&before, false);
        }
        if let Some(id) = &id {
            mark(id, true);
        }
        id
    });
    view! {
        {panel}
        <div
            class="grid preview"
            data-testid="preview"
            tabindex="0"
            role="grid"
            aria-label=text::PREVIEW
            aria-rowcount=move || (listed.with(Listed::len) + 1).to_string()
            aria-colcount=move || (fields.with(Vec::len) + 1).to_string()
            aria-activedescendant=active
            aria-multiselectable="true"
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
                <tbody role="rowgroup" on:click=on_click on:dblclick=on_double_click
                    on:mousedown=move |ev: leptos::ev::MouseEvent| if ev.shift_key() { ev.prevent_default() }>{body}</tbody>
            </table>
        </div>
    }
}

/// The bulk edit waiting for the user's go: its before → after sample, apply or dismiss.
#[component]
fn PendingEdit() -> impl IntoView {
    let state = expect_context::<AppState>();
    let pending = expect_context::<Pending>();
    move || {
        let (edit, preview) = pending.get()?;
        let deletes = matches!(edit, Edit::DeleteRows { .. });
        let sample = preview
            .sample
            .into_iter()
            .map(|cell| {
                let line = match cell.after {
                    Some(after) => format!("{} {} : « {} » → « {} »", text::ROW, cell.row + 2, cell.before, after),
                    None => format!("{} {} : {}", text::ROW, cell.row + 2, cell.before),
                };
                view! { <li>{line}</li> }
            })
            .collect_view();
        let label = if deletes {
            format!("{} {} {}", text::DELETE, preview.total, text::ROWS)
        } else {
            format!("{} {} {}", text::FIX_APPLY, preview.total, text::FIX_CELLS)
        };
        let apply = move |_| {
            state.edit(edit.clone());
            pending.set(None);
        };
        Some(view! {
            <div class="fix-preview" data-testid="fix-preview" role="dialog" aria-label=text::FIX_PREVIEW>
                <ul>{sample}</ul>
                <button type="button" class="primary small" data-testid="fix-apply" on:click=apply>{label}</button>
                " "
                <button type="button" class="secondary small" on:click=move |_| pending.set(None)>{text::DISMISS}</button>
            </div>
        })
    }
}
