use crate::browser;
use crate::recipes::{self, Collectivity};
use crate::state::AppState;
use crate::text;
use leptos::prelude::*;
use tamis_engine::{mapping, Recipe, Source};

/// Saves the mapping, with the edits, as a recipe: in this browser and as a file.
#[component]
pub fn SaveRecipe() -> impl IntoView {
    let state = expect_context::<AppState>();
    let save = move |_| {
        let Some((recipe, kept)) = state.save_recipe() else { return };
        let name = recipe.schema.as_ref().map_or("recette", |s| s.name.rsplit('/').next().unwrap_or("recette"));
        let json = serde_json::to_string_pretty(&recipe).unwrap_or_default();
        if browser::download(&format!("recette-tamis_{name}.json"), json.as_bytes(), "application/json").is_err() {
            state.error.set(Some(text::DOWNLOAD_FAILED.to_owned()));
        }
        match kept {
            Ok(0) => state.info.set(Some(text::RECIPE_SAVED.to_owned())),
            Ok(dropped) => state.info.set(Some(text::recipe_saved_dropping(dropped))),
            Err(()) => state.error.set(Some(text::RECIPE_NOT_KEPT.to_owned())),
        }
    };
    view! { <button type="button" data-testid="save-recipe" on:click=save>{text::RECIPE_SAVE}</button> }
}

/// Save the mapping as a recipe (in this browser and as a file), or load one from a file or an address.
#[component]
pub fn RecipeBar() -> impl IntoView {
    let state = expect_context::<AppState>();
    let url = RwSignal::new(String::new());
    let apply = move |json: Result<String, String>| async move {
        let recipe = json
            .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).map_err(|e| e.to_string()))
            .and_then(|value| Recipe::from_value(value).map_err(|e| e.to_string()));
        match recipe {
            Ok(recipe) => {
                if let Err(message) = state.use_recipe(recipe, text::RECIPE_LOADED).await {
                    state.error.set(Some(message));
                }
            }
            Err(detail) => state.error.set(Some(format!("{} ({detail})", text::RECIPE_BAD))),
        }
    };
    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|files| files.get(0)) {
            leptos::task::spawn_local(async move {
                let bytes = browser::file_bytes(&file).await.map_err(|_| text::FILE_READ_FAILED.to_owned());
                apply(bytes.map(|b| String::from_utf8_lossy(&b).into_owned())).await;
            });
        }
        input.set_value("");
    };
    let on_url = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let address = url.get_untracked();
        if address.trim().is_empty() {
            return;
        }
        if let Err(message) = browser::fetchable(&address) {
            state.error.set(Some(message));
            return;
        }
        leptos::task::spawn_local(async move {
            let fetched =
                browser::fetch_text(address.trim()).await.map_err(|e| format!("{} : {e}", text::RECIPE_URL_FAILED));
            apply(fetched).await;
        });
    };
    view! {
        <div class="recipe-bar" data-testid="recipe-bar">
            <SaveRecipe />
            <label class="button secondary">
                {text::RECIPE_LOAD}
                <input type="file" accept=".json,application/json" data-testid="recipe-file" on:change=on_file />
            </label>
            <form class="inline" on:submit=on_url>
                <input
                    type="url"
                    placeholder=text::RECIPE_URL_PLACEHOLDER
                    aria-label=text::RECIPE_URL_PLACEHOLDER
                    prop:value=move || url.get()
                    on:input=move |ev| url.set(event_target_value(&ev))
                />
                <button type="submit" class="secondary">{text::RECIPE_URL_BUTTON}</button>
            </form>
        </div>
    }
}

/// The collectivity's name and SIRET, typed once (kept in this browser), put into the schema's fields
/// for them (`COLL_NOM`, `COLL_SIRET`, `nomAttribuant`, `idAttribuant`…) as fixed values.
#[component]
pub fn CollectivityForm() -> impl IntoView {
    let state = expect_context::<AppState>();
    let fields = Memo::new(move |_| {
        state.schema.with(|chosen| {
            chosen.as_ref().map_or((None, None), |c| {
                let (name, siret) = mapping::collectivity_fields(&c.schema);
                (name.map(str::to_owned), siret.map(str::to_owned))
            })
        })
    });
    let name = RwSignal::new(String::new());
    let siret = RwSignal::new(String::new());
    // What this browser keeps, read again when it is forgotten.
    Effect::new(move |_| {
        state.stored.track();
        let saved = recipes::collectivity();
        name.set(saved.name);
        siret.set(saved.siret);
    });
    let fill = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let collectivity = Collectivity {
            name: name.get_untracked().trim().to_owned(),
            siret: siret.get_untracked().trim().to_owned(),
        };
        if recipes::save_collectivity(&collectivity) {
            state.stored.update(|n| *n += 1);
        } else {
            state.error.set(Some(text::COLLECTIVITY_NOT_KEPT.to_owned()));
        }
        let (name_field, siret_field) = fields.get_untracked();
        if let (Some(field), false) = (name_field, collectivity.name.is_empty()) {
            state.set_source(&field, Some(Source::Constant(collectivity.name.clone())));
        }
        if let (Some(field), false) = (siret_field, collectivity.siret.is_empty()) {
            state.set_source(&field, Some(Source::Constant(collectivity.siret.clone())));
        }
    };
    let shown = move || {
        let (a, b) = fields.get();
        a.is_some() || b.is_some()
    };
    view! {
        <Show when=shown>
            <form class="collectivity" data-testid="collectivity" on:submit=fill>
                <span>{text::COLLECTIVITY_HELP}</span>
                <input
                    type="text"
                    aria-label=text::COLLECTIVITY_NAME
                    placeholder=text::COLLECTIVITY_NAME
                    prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))
                />
                <input
                    type="text"
                    inputmode="numeric"
                    aria-label=text::COLLECTIVITY_SIRET
                    placeholder=text::COLLECTIVITY_SIRET
                    prop:value=move || siret.get()
                    on:input=move |ev| siret.set(event_target_value(&ev))
                />
                <button type="submit" class="secondary">{text::COLLECTIVITY_FILL}</button>
            </form>
        </Show>
    }
}
