//! The check of a file as it is: offered in the Colonnes step (at once when the file's columns are
//! the schema's fields), and said in the Corrections step with the structure warnings and the way back
//! to mapping.

use crate::state::{in_schema_layout, AppState, Mode};
use crate::text;
use leptos::prelude::*;

/// The offer to check the file as it is, or, once it is, what that means and the way back to the
/// mapping. `only_in_layout`: offer it only when the file's columns are the schema's fields (in the
/// Corrections step, where a file named like the schema lands at once; the Colonnes step always offers).
#[component]
pub fn AsIsOffer(#[prop(optional)] only_in_layout: bool) -> impl IntoView {
    let state = expect_context::<AppState>();
    let in_layout = Memo::new(move |_| {
        state.sheet.with(|sheet| {
            state.schema.with(|chosen| match (sheet, chosen) {
                (Some(sheet), Some(chosen)) => in_schema_layout(&sheet.headers, &chosen.schema),
                _ => false,
            })
        })
    });
    move || match state.mode.get() {
        Mode::AsIs => view! { <AsIsNote /> }.into_any(),
        Mode::Mapped if only_in_layout && !in_layout.get() => ().into_any(),
        Mode::Mapped => {
            let said = if in_layout.get() { text::AS_IS_OFFER_LAYOUT } else { text::AS_IS_OFFER };
            view! {
                <div class=if in_layout.get() { "as-is-offer notice info" } else { "as-is-offer muted" } data-testid="as-is-offer">
                    <p>{said}</p>
                    <button type="button" class="secondary" data-testid="as-is" on:click=move |_| state.set_mode(Mode::AsIs)>
                        {text::AS_IS_CHECK}
                    </button>
                </div>
            }
            .into_any()
        }
    }
}

/// While the file is checked as it is: what that means, its structure warnings, the way back.
#[component]
fn AsIsNote() -> impl IntoView {
    let state = expect_context::<AppState>();
    let warnings = Memo::new(move |_| {
        state
            .with_editor(|e| {
                e.report()
                    .warnings
                    .iter()
                    .filter(|w| w.row.is_none())
                    .map(|w| w.message.to_string())
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let warning_list = move || {
        let warnings = warnings.get();
        (!warnings.is_empty()).then(|| {
            view! {
                <p class="small">{text::AS_IS_WARNINGS}</p>
                <ul class="small" data-testid="as-is-warnings">
                    {warnings.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}
                </ul>
            }
        })
    };
    view! {
        <div class="as-is-note notice info" role="status" data-testid="as-is-note">
            <div>
                <p>{text::AS_IS_ON}</p>
                {warning_list}
            </div>
            <button type="button" class="secondary" data-testid="back-to-mapping" on:click=move |_| state.set_mode(Mode::Mapped)>
                {text::AS_IS_BACK}
            </button>
        </div>
    }
}
