use crate::state::AppState;
use crate::text;
use leptos::prelude::*;

/// The last failure, in French, until the user dismisses it or the next action succeeds.
#[component]
pub fn Notice() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        state.error.get().map(|message| {
            view! {
                <div class="notice" role="alert" data-testid="error">
                    <p>{message}</p>
                    <button type="button" on:click=move |_| state.error.set(None)>{text::DISMISS}</button>
                </div>
            }
        })
    }
}
