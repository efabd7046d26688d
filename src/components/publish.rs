use super::export::ExportPanel;
use super::recipe::SaveRecipe;
use crate::state::AppState;
use crate::text;
use leptos::prelude::*;

/// The verdict on the mapped table: conformant, or how many errors are left. Shown above the error
/// panel (Corrections) and in the Publication step.
#[component]
pub fn Verdict() -> impl IntoView {
    let state = expect_context::<AppState>();
    // What the verdict shows, kept apart from the table: an edit that leaves it unchanged draws nothing.
    let summary =
        Memo::new(move |_| state.with_editor(|e| (e.report().valid, e.report().issues.len(), e.report().undecided())));
    move || {
        let (valid, count, undecided) = summary.get()?;
        Some(view! {
            <p class=if valid { "verdict ok" } else { "verdict ko" } data-testid="verdict" role="status">
                {if valid { text::VALID.to_owned() } else { text::problems(count, undecided) }}
            </p>
        })
    }
}

/// Step 5: the verdict and the counts by kind, then the download, the other files and the recipe to
/// keep for next month.
#[component]
pub fn Publish() -> impl IntoView {
    let state = expect_context::<AppState>();
    let details = Memo::new(move |_| state.with_editor(|e| (e.report().counts(), e.report().unchecked.clone())));
    let counts = move || {
        let (counts, unchecked) = details.get()?;
        Some(view! {
            {(!unchecked.is_empty()).then(|| view! {
                <p class="muted small" data-testid="unchecked">{text::unchecked_note(&unchecked)}</p>
            })}
            {(!counts.is_empty()).then(|| view! {
                <ul class="counts" data-testid="counts">
                    {counts.iter().map(|(code, n)| view! {
                        <li><span class="code">{code.name()}</span> " (" <code>{code.as_str()}</code> ") : " {tamis_engine::thousands(*n)}</li>
                    }).collect_view()}
                </ul>
            })}
        })
    };
    view! {
        <Verdict />
        {counts}
        <ExportPanel />
        <SaveRecipe />
    }
}
