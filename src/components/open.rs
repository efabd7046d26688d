use super::SourceSummary;
use crate::browser;
use crate::catalog::catalog;
use crate::reader::ReadError;
use crate::recipes;
use crate::state::{AppState, MappingChoice, Mode};
use crate::text;
use leptos::prelude::*;
use tamis_engine::read::MAX_BYTES;
use tamis_engine::{Failure, ReadOptions, Recipe};

/// Opens `file`, then replays `recipe` on it, or else the recipe saved for its columns.
fn load(state: AppState, file: web_sys::File, recipe: Option<Recipe>) {
    // A file too large for the tab is refused before its bytes are read into memory.
    if file.size() > MAX_BYTES as f64 {
        let error = tamis_engine::Error::from(Failure::TooLarge { size: file.size() as usize, max: MAX_BYTES });
        state.error.set(Some(error.to_string()));
        return;
    }
    leptos::task::spawn_local(async move {
        let result = match browser::FileBytes::of_blob(&file).await {
            Ok(bytes) => state
                .open(
                    file.name(),
                    bytes,
                    &ReadOptions::default(),
                    std::future::ready(Ok(None)),
                    MappingChoice::Suggested,
                    Mode::Mapped,
                )
                .await
                .map(|()| recipe),
            Err(_) => Err(ReadError::Failed(text::FILE_READ_FAILED.to_owned())),
        };
        match result {
            Ok(Some(recipe)) => {
                if let Err(message) = state.use_recipe(recipe, text::RECIPE_LOADED).await {
                    state.error.set(Some(message));
                }
            }
            Ok(None) => {
                state.replay_saved_recipe().await;
            }
            Err(error) => state.say_read_error(&error),
        }
    });
}

/// The recipes saved in this browser, on the first screen: next month's file is one drop away.
#[component]
pub fn SavedRecipes() -> impl IntoView {
    let state = expect_context::<AppState>();
    let saved = Memo::new(move |_| {
        state.stored.track();
        recipes::saved()
    });
    move || {
        let saved = saved.get();
        (!saved.is_empty()).then(|| {
            let items = saved
                .into_iter()
                .map(|recipe| {
                    let schema = recipe.schema.as_ref().map_or_else(String::new, |s| {
                        catalog().find(&s.name).map_or_else(|| s.name.clone(), |e| e.title.clone())
                    });
                    let line = text::recipe_line(&schema, &recipe.headers, recipe.edits.edits.len());
                    let recipe = StoredValue::new(recipe);
                    let on_change = move |ev: leptos::ev::Event| {
                        let input: web_sys::HtmlInputElement = event_target(&ev);
                        if let Some(file) = input.files().and_then(|files| files.get(0)) {
                            load(state, file, Some(recipe.get_value()));
                        }
                        input.set_value("");
                    };
                    view! {
                        <li>
                            <span>{line.clone()}</span>
                            " "
                            <label class="button secondary small">
                                {text::RECIPE_OPEN}
                                <input type="file" data-testid="recipe-open" aria-label=format!("{} : {line}", text::RECIPE_OPEN)
                                    accept=".csv,.tsv,.txt,.xlsx,.xlsm,.xls,.ods" on:change=on_change />
                            </label>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="recipes" aria-labelledby="recipes-title" data-testid="saved-recipes">
                    <h3 id="recipes-title">{text::RECIPES_TITLE}</h3>
                    <p class="muted small">{text::RECIPES_HELP}</p>
                    <ul class="plain">{items}</ul>
                </section>
            }
        })
    }
}

/// Step 1: pick or drop a file; then what was detected, with controls to override it.
#[component]
pub fn OpenFile() -> impl IntoView {
    let state = expect_context::<AppState>();
    let dragging = RwSignal::new(false);
    let load = move |file: web_sys::File| load(state, file, None);
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
        <div class="open">
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
            <SourceSummary />
        </div>
    }
}
