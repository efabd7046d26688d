//! The error panel beside the grid (the verdict, the issues grouped by field and kind, the bulk edit
//! waiting for the user's go, the bulk tools), and the bar above the grid that walks through the
//! issues, undoes, deletes rows and filters.

use super::model::{Guide, Place};
use super::{tools, Grid};
use crate::text;
use leptos::prelude::*;
use tamis_engine::edit::Edit;
use tamis_engine::Code;

/// Previous and next issue of the selected group, undo and redo, delete rows, only the rows in error.
#[component]
pub fn Walk(grid: Grid) -> impl IntoView {
    let Grid { state, place, listed, group, .. } = grid;
    // « 3 / 20 »: the issue shown among its group's.
    let position = move || {
        let (field, code) = group.get()?;
        let row = place.with(|p| p.focused_row)?;
        state
            .with_editor(|e| {
                let rows = e.issue_rows(Some((field.as_deref(), code)));
                let at = rows.iter().position(|r| *r == row)?;
                Some(format!("{} / {}", at + 1, rows.len()))
            })
            .flatten()
    };
    let selected = Memo::new(move |_| place.with(Place::selected));
    let cursor_row = Memo::new(move |_| {
        let at = place.with(|p| p.cursor.0);
        listed.with(|l| l.get(at))
    });
    // The selected rows, or else the cursor's.
    let delete_rows = move |_| {
        let mut indexes = place.with_untracked(Place::selection).map(|r| listed.with_untracked(|l| l.rows(r)));
        if indexes.as_ref().is_none_or(Vec::is_empty) {
            indexes = Some(cursor_row.get_untracked().into_iter().collect());
        }
        let indexes = indexes.unwrap_or_default();
        grid.propose(|e| Some(Edit::DeleteRows { rows: indexes.iter().filter_map(|&i| e.row_ref(i)).collect() }));
    };
    let delete_label = move || match selected.get() {
        0 => format!("{} {}", text::DELETE_ROW, cursor_row.get().map_or(0, |i| i + 2)),
        n => text::delete_selected(n),
    };
    let only_errors = Memo::new(move |_| place.with(|p| p.only_errors));
    view! {
        <div class="walk" role="toolbar" aria-label=text::WALK_LABEL>
            <button type="button" class="secondary small" data-testid="previous-issue" on:click=move |_| grid.walk(false)>{text::PREVIOUS}</button>
            <button type="button" class="secondary small" data-testid="next-issue" on:click=move |_| grid.walk(true)>{text::NEXT}</button>
            <span class="muted" role="status" data-testid="walk-position">{position}</span>
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
                        let on = event_target_checked(&ev);
                        place.update(|p| p.filter(on));
                        grid.scroll_to(Some(0.0));
                    } />
                " " {text::ONLY_ERRORS}
            </label>
        </div>
    }
}

/// The panel beside the grid.
#[component]
pub fn Panel(grid: Grid) -> impl IntoView {
    let Grid { state, group, .. } = grid;
    let tools = tools::Tools::new(grid.fields);
    // « Corriger pas à pas »: shown in place of the groups and tools while on.
    let guided = RwSignal::new(false);
    let guide = RwSignal::new(Guide::default());
    let groups = Memo::new(move |_| state.with_editor(|e| e.groups()).unwrap_or_default());
    // Issues about the whole file (not a row): said once, above the groups, in plain words, with
    // Validata's wording as their detail.
    let general = Memo::new(move |_| {
        state
            .with_editor(|e| {
                let general = e.report().issues.iter().filter(|i| i.row.is_none());
                general.map(|i| (e.explanation(i), i.message.to_string())).collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let valid = Memo::new(move |_| state.with_editor(|e| e.report().valid).unwrap_or(false));
    let group_list = move || {
        groups
            .get()
            .into_iter()
            .map(|g| {
                let key = (g.field.clone(), g.code);
                let line = g.line();
                let current = {
                    let key = key.clone();
                    move || group.with(|s| s.as_ref() == Some(&key))
                };
                let choose = {
                    let key = key.clone();
                    move |_| {
                        group.set(Some(key.clone()));
                        let only = Some((key.0.as_deref(), key.1));
                        if let Some(position) = state.with_editor_untracked(|e| e.next_issue(None, only)).flatten() {
                            grid.go_to(position);
                        }
                    }
                };
                // A fix for every issue that has one; blank rows go away.
                let action = match &g.field {
                    Some(field) if g.fixable > 0 => {
                        let (field, code) = (field.clone(), g.code);
                        let open = move |_| grid.propose(|e| Some(e.fix_group(&field, code)));
                        Some(view! {
                            <button type="button" class="secondary small" data-testid="fix-group" on:click=open>
                                {format!("{} ({})", text::FIX_ALL, g.fixable)}
                            </button>
                        }.into_any())
                    }
                    None if g.code == Code::BlankRow => {
                        let open = move |_| {
                            grid.propose(|e| {
                                let blank = e.issue_rows(Some((None, Code::BlankRow)));
                                Some(Edit::DeleteRows { rows: blank.into_iter().filter_map(|i| e.row_ref(i)).collect() })
                            })
                        };
                        Some(view! {
                            <button type="button" class="secondary small" data-testid="delete-group" on:click=open>
                                {format!("{} ({})", text::DELETE_ROWS, g.count)}
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
    view! {
        <aside class="error-panel" data-testid="error-panel" aria-labelledby="error-panel-title">
            <h3 id="error-panel-title" class="visually-hidden">{text::PANEL_TITLE}</h3>
            <crate::components::publish::Verdict />
            {move || {
                let general = general.get();
                (!general.is_empty()).then(|| view! {
                    <ul class="general" data-testid="general-issues">
                        {general.into_iter().map(|(plain, detail)| {
                            // Validata's wording, unless the plain words are already the message.
                            let detail = (detail != plain).then(|| view! {
                                <span class="detail muted small">{format!("{} : {detail}", text::DETAIL)}</span>
                            });
                            view! { <li>{plain}{detail}</li> }
                        }).collect_view()}
                    </ul>
                })
            }}
            {move || valid.get().then(|| view! { <p class="muted">{text::NO_ISSUE_LEFT}</p> })}
            // The bar's edits (a row deleted) are previewed here too while the guided fix is on.
            <Show when=move || guided.get()>
                <PendingEdit grid=grid />
                <super::guided::Guided grid=grid guide=guide on=guided />
            </Show>
            <div class="panel-groups" hidden=move || guided.get()>
                {move || (!groups.with(Vec::is_empty)).then(|| view! {
                    <p class="guided-offer">
                        <button type="button" class="primary small" data-testid="guided-start"
                            on:click=move |_| { grid.pending.set(None); guide.update(Guide::restart); guided.set(true); }>
                            {text::GUIDED}
                        </button>
                        " " <span class="muted small">{text::GUIDED_OPEN_HINT}</span>
                    </p>
                })}
                <ul class="groups">{group_list}</ul>
                <tools::Hint grid=grid tools=tools />
                {move || (!guided.get()).then(|| view! { <PendingEdit grid=grid /> })}
                <tools::ToolList grid=grid tools=tools />
                <p class="muted small">{text::EDIT_HINT}</p>
            </div>
        </aside>
    }
}

/// The bulk edit waiting for the user's go: its before → after sample, apply or dismiss.
#[component]
fn PendingEdit(grid: Grid) -> impl IntoView {
    let Grid { state, pending, .. } = grid;
    move || {
        let proposed = pending.get()?;
        let sample = proposed.sample_lines().into_iter().map(|line| view! { <li>{line}</li> }).collect_view();
        let label = proposed.apply_label();
        let apply = move |_| {
            state.edit(proposed.edit.clone());
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
