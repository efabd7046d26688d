use crate::text;
use leptos::prelude::*;

/// Says that a new version of Tamis is ready, with a button to switch to it when the user chooses.
#[component]
pub fn UpdateNotice(ready: RwSignal<bool>) -> impl IntoView {
    view! {
        <Show when=move || ready.get()>
            <div class="notice info" role="status" data-testid="update">
                <p>{text::UPDATE_READY}</p>
                <button type="button" data-testid="update-reload" on:click=|_| crate::offline::take_update()>
                    {text::UPDATE_RELOAD}
                </button>
            </div>
        </Show>
    }
}
