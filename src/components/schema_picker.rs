use crate::catalog::catalog;
use crate::state::{AppState, ChosenSchema, MappingChoice};
use crate::text;
use leptos::prelude::*;

/// Step 2: the bundled SCDL schemas, latest version.
#[component]
pub fn SchemaPicker() -> impl IntoView {
    let state = expect_context::<AppState>();
    let on_change = move |ev: leptos::ev::Event| {
        let name = event_target_value(&ev);
        if name.is_empty() {
            return;
        }
        match ChosenSchema::from_catalog(&name) {
            Ok(chosen) => state.choose_schema(chosen, MappingChoice::Suggested),
            Err(e) => state.error.set(Some(e.to_string())),
        }
    };
    let current = move || state.schema.with(|s| s.as_ref().map(|s| s.name.clone()).unwrap_or_default());
    let description = move || {
        let name = current();
        catalog().entries.iter().find(|e| e.name == name).map(|e| e.description.clone())
    };
    view! {
        <section class="step" aria-labelledby="step-schema">
            <h2 id="step-schema">{text::STEP_SCHEMA}</h2>
            {if catalog().entries.is_empty() {
                view! { <p class="notice">{text::SCHEMA_EMPTY}</p> }.into_any()
            } else {
                view! {
                    <select data-testid="schema-select" aria-label=text::STEP_SCHEMA on:change=on_change>
                        <option value="" selected=move || current().is_empty()>{text::SCHEMA_PLACEHOLDER}</option>
                        {catalog()
                            .entries
                            .iter()
                            .map(|entry| {
                                let name = entry.name.clone();
                                let label = format!("{} ({} — v{})", entry.title, entry.name, entry.version);
                                view! {
                                    <option value=name.clone() selected=move || current() == name>{label}</option>
                                }
                            })
                            .collect_view()}
                    </select>
                }
                .into_any()
            }}
            {move || description().map(|d| view! { <p class="muted">{d}</p> })}
        </section>
    }
}
