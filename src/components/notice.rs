use crate::state::AppState;
use crate::text;
use leptos::prelude::*;

/// The last failure, in French, until the user dismisses it or the next action succeeds; and what Tamis
/// did on its own (a recipe replayed), until dismissed.
#[component]
pub fn Notice() -> impl IntoView {
    let state = expect_context::<AppState>();
    let info = move || {
        state.info.get().map(|message| {
            view! {
                <div class="notice info" role="status" data-testid="info">
                    <p>{message}</p>
                    <button type="button" on:click=move |_| state.info.set(None)>{text::DISMISS}</button>
                </div>
            }
        })
    };
    let error = move || {
        state.error.get().map(|message| {
            view! {
                <div class="notice" role="alert" data-testid="error">
                    <p>{message}</p>
                    <button type="button" on:click=move |_| state.error.set(None)>{text::DISMISS}</button>
                </div>
            }
        })
    };
    view! { {info} {error} }
}
