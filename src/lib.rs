//! Tamis, the app: a Leptos single-page app over the engine (`tamis-engine`).
//!
//! `state` holds the one app state and the actions that call the engine; `components` are thin views
//! over it; `protocol` lets a host page drive the same actions through `postMessage`; `browser` is the
//! only module that touches the DOM APIs directly (files, downloads, messages, fetch).

mod autosave;
mod browser;
pub mod catalog;
mod components;
pub mod export;
mod offline;
pub mod protocol;
pub mod reader;
mod recipes;
pub mod state;
mod text;

use leptos::prelude::*;

/// A schema is suggested for a file when at least this share of what it asks for is found in the file.
const SCHEMA_SUGGESTION_SCORE: f32 = 0.25;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let state = state::AppState::new();
    provide_context(state);
    protocol::install(state);
    autosave::install(state);
    let update = RwSignal::new(false);
    offline::install(update);
    // The schemas the opened file looks like (SCDL ones, latest versions), offered first in the picker.
    let suggested = Signal::derive(move || {
        let Some(sheet) = state.sheet.get() else { return Vec::new() };
        let scdl: Vec<(String, tamis_engine::Schema)> = catalog::catalog()
            .entries
            .iter()
            .filter(|e| e.group() == catalog::Group::Scdl)
            .filter_map(|e| Some((e.name.clone(), e.schema(None).ok()?.schema)))
            .collect();
        let candidates: Vec<(&str, &tamis_engine::Schema)> = scdl.iter().map(|(n, s)| (n.as_str(), s)).collect();
        tamis_engine::suggest::suggest_schema(&candidates, &sheet)
            .into_iter()
            .filter(|(_, score)| *score >= SCHEMA_SUGGESTION_SCORE)
            .take(2)
            .map(|(name, _)| name)
            .collect()
    });
    view! {
        <header class="top">
            <h1>"Tamis"</h1>
            <p class="tagline">{text::TAGLINE}</p>
        </header>
        <main>
            <components::UpdateNotice ready=update />
            <components::HostConsent />
            <components::Notice />
            <components::Resume />
            <components::OpenFile />
            <components::SchemaPicker suggested=suggested />
            <components::Mapping />
            <components::Results />
        </main>
        <footer>
            <p>{text::FOOTER}</p>
            <components::ForgetBrowser />
        </footer>
    }
}
