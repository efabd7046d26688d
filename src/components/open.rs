use super::SourceSummary;
use crate::browser;
use crate::state::{AppState, MappingChoice};
use crate::text;
use leptos::prelude::*;
use tamis_engine::read::MAX_BYTES;
use tamis_engine::{Failure, ReadOptions};

/// Step 1: pick or drop a file; then what was detected, with controls to override it.
#[component]
pub fn OpenFile() -> impl IntoView {
    let state = expect_context::<AppState>();
    let dragging = RwSignal::new(false);
    let load = move |file: web_sys::File| {
        // A file too large for the tab is refused before its bytes are read into memory.
        if file.size() > MAX_BYTES as f64 {
            let error = tamis_engine::Error::from(Failure::TooLarge { size: file.size() as usize, max: MAX_BYTES });
            state.error.set(Some(error.to_string()));
            return;
        }
        state.busy.set(true);
        leptos::task::spawn_local(async move {
            let result = match browser::file_bytes(&file).await {
                Ok(bytes) => state
                    .open(file.name(), bytes, &ReadOptions::default(), None, MappingChoice::Suggested)
                    .await
                    .map(|()| {
                        state.replay_saved_recipe();
                    }),
                Err(_) => Err(text::FILE_READ_FAILED.to_owned()),
            };
            if let Err(message) = result {
                state.error.set(Some(message));
            }
            state.busy.set(false);
        });
    };
    let on_change = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|files| files.get(0)) {
            load(file);
        }
        // Choosing the same file again must reload it.
        input.set_value("");
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(file) = ev.data_transfer().and_then(|d| d.files()).and_then(|files| files.get(0)) {
            load(file);
        }
    };
    view! {
        <section class="step" aria-labelledby="step-open">
            <h2 id="step-open">{text::STEP_OPEN}</h2>
            <label
                class="dropzone"
                class:dragging=move || dragging.get()
                on:dragover=move |ev: leptos::ev::DragEvent| {
                    ev.prevent_default();
                    dragging.set(true);
                }
                on:dragleave=move |_| dragging.set(false)
                on:drop=on_drop
            >
                <span>{text::OPEN_HINT}</span>
                <span class="button">{text::OPEN_BUTTON}</span>
                <input
                    type="file"
                    data-testid="file-input"
                    accept=".csv,.tsv,.txt,.xlsx,.xlsm,.xls,.ods"
                    on:change=on_change
                />
            </label>
            <Show when=move || state.busy.get()>
                <p class="muted">{text::READING}</p>
            </Show>
            <SourceSummary />
        </section>
    }
}
