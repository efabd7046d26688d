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
pub mod steps;
mod text;
mod warm;

use leptos::prelude::*;
use steps::Step;

/// A schema is suggested for a file when at least this share of what it asks for is found in the file.
const SCHEMA_SUGGESTION_SCORE: f32 = 0.25;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let state = state::AppState::new();
    provide_context(state);
    protocol::install(state);
    autosave::install(state);
    reader::warm_when_idle();
    // The page's engine code warms up on a made-up sheet while the page is idle, until a file comes.
    leptos::task::spawn_local(async move {
        let no_file =
            move || state.reading.with_untracked(Option::is_none) && state.file.with_untracked(Option::is_none);
        let mut warm = warm::Warm::default();
        loop {
            browser::idle().await;
            if !no_file() || !warm.step() {
                break;
            }
        }
    });
    let update = RwSignal::new(false);
    offline::install(update);
    // The schema descriptors are fetched now that the first screen is up.
    leptos::task::spawn_local(async move {
        let _ = catalog::schemas().await;
    });
    // The schemas the opened file looks like (SCDL ones, latest versions), offered first in the picker.
    let suggested = Signal::derive(move || {
        let Some(sheet) = state.sheet.get() else { return Vec::new() };
        let Some(schemas) = catalog::loaded() else { return Vec::new() };
        let scdl: Vec<(String, tamis_engine::Schema)> = catalog::catalog()
            .entries
            .iter()
            .filter(|e| e.group() == catalog::Group::Scdl)
            .filter_map(|e| Some((e.name.clone(), e.schema(&schemas, None).ok()?.schema)))
            .collect();
        let candidates: Vec<(&str, &tamis_engine::Schema)> = scdl.iter().map(|(n, s)| (n.as_str(), s)).collect();
        tamis_engine::suggest::suggest_schema(&candidates, &sheet)
            .into_iter()
            .filter(|(_, score)| *score >= SCHEMA_SUGGESTION_SCORE)
            .take(2)
            .map(|(name, _)| name)
            .collect()
    });
    // Where the user was in the grid, kept while other steps are shown.
    let place = RwSignal::new(components::Place::new());
    let step = Memo::new(move |_| state.shown_step());
    let content = move || {
        let shown = step.get();
        let body = match shown {
            Step::Open => view! {
                <components::Resume />
                <components::SavedRecipes />
                <components::OpenFile />
            }
            .into_any(),
            Step::Schema => view! { <components::SchemaPicker suggested=suggested /> }.into_any(),
            Step::Mapping => view! { <components::Mapping /> }.into_any(),
            Step::Fix => view! { <components::FixStep place=place /> }.into_any(),
            Step::Publish => view! { <components::Publish /> }.into_any(),
        };
        view! {
            <section class=format!("step step-{}", shown.id()) aria-labelledby="step-title" data-testid=format!("step-view-{}", shown.id())>
                <components::StepHead step=shown />
                {body}
            </section>
        }
    };
    view! {
        <header class="top">
            <h1>"Tamis"</h1>
            <Show when=move || step.get() == Step::Open>
                <p class="tagline">{text::TAGLINE}</p>
            </Show>
        </header>
        <components::StepBar />
        <main class=move || format!("on-{}", step.get().id())>
            <components::UpdateNotice ready=update />
            <components::HostConsent />
            <components::Notice />
            <components::ReadProgress />
            <components::CheckProgress />
            {content}
        </main>
        <footer>
            <p>{text::FOOTER}</p>
            <p class="small">{text::STEP_KEYS}</p>
            <components::ForgetBrowser />
        </footer>
    }
}
