use crate::state::AppState;
use crate::text;
use leptos::prelude::*;
use std::sync::Arc;
use tamis_engine::edit::{Edit, Editor, Preview, Rows};

/// Find and replace within a column (plain text or a regular expression), shown before → after on a
/// sample first, then applied to every row (an edit like the others: it can be undone).
#[component]
pub fn FindReplace(editor: Arc<Editor>, fields: Vec<String>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let field = RwSignal::new(fields.first().cloned().unwrap_or_default());
    let find = RwSignal::new(String::new());
    let replacement = RwSignal::new(String::new());
    let regex = RwSignal::new(false);
    let pending = RwSignal::new(None::<(Edit, Preview)>);
    let problem = RwSignal::new(None::<String>);
    let look = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let edit = Edit::Replace {
            field: field.get_untracked(),
            find: find.get_untracked(),
            replacement: replacement.get_untracked(),
            regex: regex.get_untracked(),
            rows: Rows::All,
        };
        match editor.preview(&edit, 5) {
            Ok(preview) if preview.total > 0 => {
                problem.set(None);
                pending.set(Some((edit, preview)));
            }
            Ok(_) => {
                pending.set(None);
                problem.set(Some(text::REPLACE_NOTHING.to_owned()));
            }
            Err(error) => {
                pending.set(None);
                problem.set(Some(error.to_string()));
            }
        }
    };
    let preview = move || {
        let (edit, preview) = pending.get()?;
        let sample = preview
            .sample
            .iter()
            .map(|cell| {
                let after = cell.after.clone().unwrap_or_default();
                view! { <li>{format!("{} {} : « {} » → « {} »", text::ROW, cell.row + 2, cell.before, after)}</li> }
            })
            .collect_view();
        let total = preview.total;
        let apply = move |_| {
            state.edit(edit.clone());
            pending.set(None);
        };
        Some(view! {
            <div class="fix-preview" data-testid="replace-preview">
                <ul>{sample}</ul>
                <button type="button" class="primary small" data-testid="replace-apply" on:click=apply>
                    {format!("{} {total} {}", text::REPLACE_IN, text::FIX_CELLS)}
                </button>
            </div>
        })
    };
    view! {
        <details class="find-replace small" data-testid="find-replace">
            <summary>{text::REPLACE_TITLE}</summary>
            <form class="inline wrap" on:submit=look>
                <select aria-label=text::REPLACE_FIELD on:change=move |ev| field.set(event_target_value(&ev))>
                    {fields.into_iter().map(|f| view! { <option value=f.clone()>{f.clone()}</option> }).collect_view()}
                </select>
                <input type="text" aria-label=text::REPLACE_FIND placeholder=text::REPLACE_FIND
                    on:input=move |ev| find.set(event_target_value(&ev)) />
                <input type="text" aria-label=text::REPLACE_WITH placeholder=text::REPLACE_WITH
                    on:input=move |ev| replacement.set(event_target_value(&ev)) />
                <label><input type="checkbox" on:change=move |ev| regex.set(event_target_checked(&ev)) /> " " {text::REPLACE_REGEX}</label>
                <button type="submit" class="secondary small">{text::REPLACE_LOOK}</button>
            </form>
            {move || problem.get().map(|p| view! { <p class="muted" role="status">{p}</p> })}
            {preview}
        </details>
    }
}
