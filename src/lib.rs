//! Tamis, the app: a Leptos single-page app over the engine (`tamis-engine`).
//!
//! `state` holds the one app state and the actions that call the engine; `components` are thin views
//! over it; `protocol` lets a host page drive the same actions through `postMessage`; `browser` is the
//! only module that touches the DOM APIs directly (files, downloads, messages, fetch).

mod browser;
pub mod catalog;
mod components;
pub mod protocol;
mod reader;
mod recipes;
pub mod state;
mod text;

use leptos::prelude::*;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let state = state::AppState::new();
    provide_context(state);
    protocol::install(state);
    view! {
        <header class="top">
            <h1>"Tamis"</h1>
            <p class="tagline">{text::TAGLINE}</p>
        </header>
        <main>
            <components::Notice />
            <components::OpenFile />
            <components::SchemaPicker />
            <components::Mapping />
            <components::Results />
        </main>
        <footer>{text::FOOTER}</footer>
    }
}
