//! Bulk tools of the error panel: fill a column, and replace a column's wrong values in one table.
//! Each one prepares an edit and its preview; the panel shows it and applies it on the user's go.

use super::model::{self, Tool};
use super::tools::{ToolDetails, Tools};
use super::{Pending, Selection};
use crate::state::AppState;
use crate::text;
use leptos::prelude::*;
use std::collections::BTreeMap;
use tamis_engine::edit::{Edit, Editor, Rows};
use tamis_engine::transform;

/// Shows `edit`'s preview in the panel, or says in `problem` why there is nothing to do (`nothing`
/// when it would change no cell).
pub fn prepare(problem: RwSignal<Option<String>>, nothing: &str, edit: impl FnOnce(&Editor) -> Edit) {
    let state = expect_context::<AppState>();
    let pending = expect_context::<Pending>();
    let prepared = state.with_editor_untracked(|e| {
        let edit = edit(e);
        e.preview(&edit, 5).map(|preview| model::Pending { edit, preview })
    });
    match prepared {
        Some(Ok(prepared)) if prepared.preview.total == 0 => {
            pending.set(None);
            problem.set(Some(nothing.to_owned()));
        }
        Some(Ok(prepared)) => {
            problem.set(None);
            pending.set(Some(prepared));
        }
        Some(Err(error)) => {
            pending.set(None);
            problem.set(Some(error.to_string()));
        }
        None => {}
    }
}

/// The rows of a fill.
#[derive(Clone, Copy, PartialEq)]
enum Scope {
    Empty,
    Errors,
    Selected,
    All,
}

/// Put one value in a column: in its empty cells, in its cells with an error, or everywhere.
#[component]
pub fn FillColumn(fields: Memo<Vec<String>>, tools: Tools) -> impl IntoView {
    let field = tools.field;
    let value = RwSignal::new(String::new());
    let scope = RwSignal::new(Scope::Empty);
    let problem = RwSignal::new(None::<String>);
    let selection = expect_context::<Selection>();
    let look = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let field = field.get_untracked();
        let value = value.get_untracked();
        let scope = scope.get_untracked();
        if scope == Scope::Selected && selection.rows().is_empty() {
            problem.set(Some(text::SELECT_FIRST.to_owned()));
            return;
        }
        prepare(problem, text::NOTHING_TO_CHANGE, |e| {
            // Empty cells and cells in error are found anew when the recipe replays on next month's file.
            let rows = match scope {
                Scope::All => Rows::All,
                Scope::Empty => Rows::Empty,
                Scope::Errors => Rows::Errors,
                Scope::Selected => Rows::Only(selection.rows().into_iter().filter_map(|i| e.row_ref(i)).collect()),
            };
            Edit::Fill { field, value, rows }
        });
    };
    view! {
        <ToolDetails tools=tools tool=Tool::Fill testid="fill" class="bulk small" problem=problem>
            <form class="inline wrap" on:submit=look>
                <FieldSelect fields=fields field=field />
                <select aria-label=text::FILL_SCOPE on:change=move |ev| scope.set(match event_target_value(&ev).as_str() {
                    "errors" => Scope::Errors,
                    "selected" => Scope::Selected,
                    "all" => Scope::All,
                    _ => Scope::Empty,
                })>
                    <option value="empty">{text::FILL_EMPTY}</option>
                    <option value="errors">{text::FILL_ERRORS}</option>
                    <option value="selected">{move || text::fill_selected(selection.count())}</option>
                    <option value="all">{text::FILL_ALL}</option>
                </select>
                <input type="text" aria-label=text::FILL_VALUE placeholder=text::FILL_VALUE
                    on:input=move |ev| value.set(event_target_value(&ev)) />
                <button type="submit" class="secondary small">{text::REPLACE_LOOK}</button>
            </form>
        </ToolDetails>
    }
}

/// The column's values that have an error, each with the value to write instead (the suggested fix,
/// or the closest allowed value), changed in every row at once.
#[component]
pub fn MapValues(fields: Memo<Vec<String>>, tools: Tools) -> impl IntoView {
    let state = expect_context::<AppState>();
    let field = tools.field;
    // The replacement typed or chosen for each wrong value of the field.
    let chosen = RwSignal::new(BTreeMap::<String, String>::new());
    let problem = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        field.track();
        chosen.set(BTreeMap::new());
    });
    // (value, rows, proposed replacement), and the allowed values when the field has a list.
    // Listing a column's distinct values reads every row: only while the table is open.
    let wrong = Memo::new(move |_| {
        if !tools.is_open(Tool::MapValues) {
            return (Vec::new(), None);
        }
        let name = field.get();
        let allowed =
            state.schema.with(|s| s.as_ref().and_then(|s| s.schema.field(&name).and_then(transform::enum_values)));
        let values = state
            .with_editor(|e| e.distinct(&name).unwrap_or_default())
            .unwrap_or_default()
            .into_iter()
            .filter(|d| d.invalid && !d.value.is_empty())
            .take(MAX_VALUES)
            .collect::<Vec<_>>();
        let refs: Vec<&str> = values.iter().map(|d| d.value.as_str()).collect();
        let closest = allowed.as_ref().map(|a| transform::suggest_enum_map(&refs, a)).unwrap_or_default();
        let rows: Vec<(String, usize, String)> = values
            .iter()
            .map(|d| {
                let near = closest.iter().find(|(v, _, score)| *v == d.value && *score >= transform::ENUM_CONFIDENT);
                let proposed = d.fix.clone().or_else(|| near.and_then(|(_, s, _)| s.clone())).unwrap_or_default();
                (d.value.clone(), d.count, proposed)
            })
            .collect();
        (rows, allowed)
    });
    let look = move |_| {
        let name = field.get_untracked();
        let typed = chosen.get_untracked();
        let values: BTreeMap<String, String> = wrong.with_untracked(|(rows, _)| {
            rows.iter()
                .filter_map(|(value, _, proposed)| {
                    let to = typed.get(value).unwrap_or(proposed);
                    (!to.is_empty() && to != value).then(|| (value.clone(), to.clone()))
                })
                .collect()
        });
        prepare(problem, text::NOTHING_TO_CHANGE, |_| Edit::MapValues { field: name, values, rows: Rows::All });
    };
    let table = move || {
        let (rows, allowed) = wrong.get();
        if rows.is_empty() {
            return view! { <p class="muted">{text::MAP_NONE}</p> }.into_any();
        }
        let list_id = "map-values-allowed";
        let options = allowed
            .map(|a| view! { <datalist id=list_id>{a.into_iter().map(|v| view! { <option value=v /> }).collect_view()}</datalist> });
        let lines = rows
            .into_iter()
            .map(|(value, count, proposed)| {
                let key = value.clone();
                view! {
                    <tr>
                        <td class="cell-value">{value.clone()}</td>
                        <td>{tamis_engine::thousands(count)}</td>
                        <td>
                            <input type="text" list=list_id value=proposed aria-label=format!("{} « {value} »", text::MAP_TO)
                                on:input=move |ev| { let to = event_target_value(&ev); chosen.update(|c| { c.insert(key.clone(), to); }); } />
                        </td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            {options}
            <table class="values" data-testid="map-values-table">
                <thead><tr><th scope="col">{text::MAP_VALUE}</th><th scope="col">{text::MAP_ROWS}</th><th scope="col">{text::MAP_TO}</th></tr></thead>
                <tbody>{lines}</tbody>
            </table>
            <button type="button" class="secondary small" on:click=look>{text::REPLACE_LOOK}</button>
        }
        .into_any()
    };
    view! {
        <ToolDetails tools=tools tool=Tool::MapValues testid="map-values" class="bulk small" problem=problem>
            <FieldSelect fields=fields field=field />
            {table}
        </ToolDetails>
    }
}

/// How many wrong values the table lists (the most frequent first).
const MAX_VALUES: usize = 50;

/// A choice of column, kept in `field`.
#[component]
pub fn FieldSelect(fields: Memo<Vec<String>>, field: RwSignal<String>) -> impl IntoView {
    view! {
        <select aria-label=text::REPLACE_FIELD on:change=move |ev| field.set(event_target_value(&ev))>
            {move || fields.get().into_iter().map(|f| {
                let selected = field.get() == f;
                view! { <option value=f.clone() selected=selected>{f.clone()}</option> }
            }).collect_view()}
        </select>
    }
}
