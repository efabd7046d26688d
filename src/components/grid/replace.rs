use super::bulk::{prepare, FieldSelect};
use super::model::Tool;
use super::tools::{ToolDetails, Tools};
use crate::text;
use leptos::prelude::*;
use tamis_engine::edit::{Edit, Rows};

/// Find and replace within a column (plain text or a regular expression), shown before → after on a
/// sample first, then applied to every row (an edit like the others: it can be undone).
#[component]
pub fn FindReplace(fields: Memo<Vec<String>>, tools: Tools) -> impl IntoView {
    let field = tools.field;
    let find = RwSignal::new(String::new());
    let replacement = RwSignal::new(String::new());
    let regex = RwSignal::new(false);
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
        prepare(problem, text::REPLACE_NOTHING, |_| edit);
    };
    view! {
        <ToolDetails tools=tools tool=Tool::Replace testid="find-replace" class="find-replace small" problem=problem>
            <form class="inline wrap" on:submit=look>
                <FieldSelect fields=fields field=field />
                <input type="text" aria-label=text::REPLACE_FIND placeholder=text::REPLACE_FIND
                    on:input=move |ev| find.set(event_target_value(&ev)) />
                <input type="text" aria-label=text::REPLACE_WITH placeholder=text::REPLACE_WITH
                    on:input=move |ev| replacement.set(event_target_value(&ev)) />
                <label><input type="checkbox" on:change=move |ev| regex.set(event_target_checked(&ev)) /> " " {text::REPLACE_REGEX}</label>
                <button type="submit" class="secondary small">{text::REPLACE_LOOK}</button>
            </form>
        </ToolDetails>
    }
}
