//! The grid's table: the header, the rows in view (the others are blank heights), the cell being
//! edited, and the mouse. It takes the height it is given by the page and measures it.

use super::model::{Place, Window, ROW_HEIGHT};
use super::{keys, Grid};
use crate::text;
use leptos::prelude::*;
use tamis_engine::edit::Edit;

/// One row in view, read from the editor: its place, cells and each cell's messages (each issue's
/// explanation, then Validata's message and the fix).
struct RowView {
    position: usize,
    index: usize,
    source_row: Option<usize>,
    cells: Vec<String>,
    messages: Vec<Option<String>>,
}

/// The rows `window` shows, read from the editor.
fn rows_in(grid: Grid, window: Window) -> Vec<RowView> {
    let listed = grid.listed.get();
    grid.state
        .with_editor(|editor| {
            let table = editor.table();
            (window.first..window.last)
                .filter_map(|position| {
                    let index = listed.get(position)?;
                    let cells = table.rows.get(index)?.to_vec();
                    let mut messages: Vec<Option<String>> = vec![None; cells.len()];
                    for issue in editor.row_issues(index) {
                        let column = issue.field.as_ref().and_then(|f| table.fields.iter().position(|n| **n == **f));
                        if let Some(slot) = column.and_then(|c| messages.get_mut(c)) {
                            // The plain sentence first, Validata's wording after it.
                            let mut said = editor.explanation(issue);
                            said.push_str(&format!("\n{} : {}", text::DETAIL, issue.message));
                            if let Some(fix) = &issue.fix {
                                said.push_str(&format!("\n{} : « {fix} »", text::FIX));
                            }
                            match slot {
                                Some(text) => {
                                    text.push('\n');
                                    text.push_str(&said);
                                }
                                None => *slot = Some(said),
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
        .unwrap_or_default()
}

/// Saves what was typed in cell (`index`, `column`), if it changed.
fn commit(grid: Grid, index: usize, column: usize, value: String) {
    grid.editing.set(None);
    // The input goes away with the edit: the grid takes the focus back.
    grid.focus();
    let edit = grid.state.with_editor_untracked(|e| {
        let changed = e.table().rows.get(index).and_then(|r| r.get(column)) != Some(value.as_str());
        let field = e.table().fields.get(column)?.clone();
        Some(Edit::SetCell { row: e.row_ref(index)?, field, value }).filter(|_| changed)
    });
    if let Some(edit) = edit.flatten() {
        grid.state.edit(edit);
    }
}

/// The input of the cell being edited: Enter saves, Escape cancels.
fn cell_input(grid: Grid, index: usize, column: usize, id: String, original: String) -> AnyView {
    // The input takes the focus as soon as it is in the page.
    let input = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let Some(input) = input.get() {
            let _ = input.focus();
            input.select();
        }
    });
    view! {
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
                        "Enter" => commit(grid, index, column, event_target_value(&ev)),
                        "Escape" => {
                            grid.editing.set(None);
                            grid.focus();
                        }
                        _ => {}
                    }
                }
            />
        </td>
    }
    .into_any()
}

/// The scrolling table of the mapped rows.
#[component]
pub fn Table(grid: Grid) -> impl IntoView {
    let Grid { place, listed, fields, editing, viewport, .. } = grid;
    let header =
        move || fields.get().into_iter().map(|f| view! { <th role="columnheader" scope="col">{f}</th> }).collect_view();
    let first_row = Memo::new(move |_| place.with(Place::first_drawn));
    let selection = Memo::new(move |_| place.with(Place::selection));
    let focused_row = Memo::new(move |_| place.with(|p| p.focused_row));
    let height = Memo::new(move |_| place.with(|p| p.view_height));
    let body = move || {
        editing.track();
        height.track();
        let cursor_now = place.with_untracked(|p| p.cursor);
        let selected_range = selection.get();
        let window = place.with_untracked(|p| p.window(first_row.get(), listed.with(|l| l.len())));
        let rows = rows_in(grid, window)
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
                        if editing.get_untracked() == Some((index, column)) {
                            return cell_input(grid, index, column, id, value);
                        }
                        // The cursor cell is marked here once, then moved by `keys::follow_cursor` (no
                        // per-cell subscription: hundreds of cells are drawn on each scroll step).
                        let here = cursor_now == (position, column);
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
            <tr class="spacer" aria-hidden="true" style:height=format!("{}px", window.above)></tr>
            {rows}
            <tr class="spacer" aria-hidden="true" style:height=format!("{}px", window.below)></tr>
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
        place.update(|p| p.click(position, column, ev.shift_key()));
    };
    // A double-click edits the cell.
    let on_double_click = move |ev: leptos::ev::MouseEvent| {
        let Some((index, position, column)) = cell_at(&ev) else { return };
        place.update(|p| p.click(position, column, false));
        editing.set(Some((index, column)));
    };
    let active = keys::follow_cursor(grid);
    // Back where the user was when the grid is drawn again; its height is the page's to set.
    let measure = move || {
        if let Some(viewport) = viewport.get_untracked() {
            let height = f64::from(viewport.client_height()) - ROW_HEIGHT;
            if (height - place.with_untracked(|p| p.view_height)).abs() >= 1.0 {
                place.update(|p| p.measured(height));
            }
        }
    };
    Effect::new(move |_| {
        if let Some(viewport) = viewport.get() {
            viewport.set_scroll_top(place.with_untracked(|p| p.scroll_top) as i32);
            measure();
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());
    view! {
        <div
            class="grid preview"
            data-testid="preview"
            tabindex="0"
            role="grid"
            aria-label=text::PREVIEW
            aria-rowcount=move || (listed.with(|l| l.len()) + 1).to_string()
            aria-colcount=move || (fields.with(Vec::len) + 1).to_string()
            aria-activedescendant=active
            aria-multiselectable="true"
            on:keydown=keys::on_key(grid)
            node_ref=viewport
            on:scroll=move |_| {
                if let Some(viewport) = viewport.get_untracked() {
                    let top = f64::from(viewport.scroll_top());
                    place.update(|p| p.scrolled(top));
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
