use crate::browser;
use crate::catalog::{catalog, Entry, Group};
use crate::state::{AppState, ChosenSchema, MappingChoice};
use crate::text;
use leptos::prelude::*;
use tamis_engine::Schema;
use wasm_bindgen::JsCast;

/// Step 2: the bundled catalog (SCDL first, then every other Table Schema of schema.data.gouv.fr),
/// searchable, each schema at its latest version unless the user picks another; or a schema from a
/// file or a URL (fetched only when the user asks).
///
/// `suggested`: catalog names to offer first (the schema the file looks like), best first; unknown
/// names are ignored.
#[component]
pub fn SchemaPicker(#[prop(optional, into)] suggested: Option<Signal<Vec<String>>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let query = RwSignal::new(String::new());
    let fetching = RwSignal::new(false);
    let url = RwSignal::new(String::new());

    // A schema chosen moves the user on; another version of it keeps them here. Its descriptor may still
    // be on its way (see catalog::schemas): a choice made meanwhile gives way to a later one.
    let choices = StoredValue::new(0_u64);
    let select = NodeRef::<leptos::html::Select>::new();
    let waiting = RwSignal::new(false);
    let choose = move |name: &str, version: Option<&str>| {
        choices.update_value(|n| *n += 1);
        let choice = choices.get_value();
        let (name, version) = (name.to_owned(), version.map(str::to_owned));
        waiting.set(crate::catalog::loaded().is_none());
        leptos::task::spawn_local(async move {
            let chosen = ChosenSchema::from_catalog(&name, version.as_deref()).await;
            if choices.get_value() != choice {
                return;
            }
            waiting.set(false);
            match chosen {
                Ok(chosen) if version.is_some() => state.set_schema(chosen, MappingChoice::Suggested),
                Ok(chosen) => state.choose_schema(chosen, MappingChoice::Suggested),
                Err(e) => {
                    // The list shows the schema in use again, so the same choice can be made anew.
                    if let Some(select) = select.get_untracked() {
                        select.set_value(
                            &state.schema.with_untracked(|s| s.as_ref().map(|s| s.name.clone())).unwrap_or_default(),
                        );
                    }
                    state.error.set(Some(e));
                }
            }
        });
    };
    let on_change = move |ev: leptos::ev::Event| {
        let name = event_target_value(&ev);
        if !name.is_empty() {
            choose(&name, None);
        }
    };
    let current = move || state.schema.with(|s| s.as_ref().map(|s| s.name.clone()).unwrap_or_default());
    let current_version = move || state.schema.with(|s| s.as_ref().and_then(|s| s.version.clone()));
    let current_entry = move || catalog().find(&current());
    let on_version = move |ev: leptos::ev::Event| {
        let version = event_target_value(&ev);
        if let Some(entry) = current_entry() {
            choose(&entry.name, Some(&version));
        }
    };

    // A schema the user brings: a file, or a URL fetched when they click.
    let use_schema = move |label: String, parsed: Result<Schema, String>| {
        let result = parsed.and_then(|schema| {
            let name = schema.name.clone().filter(|n| !n.trim().is_empty()).unwrap_or(label);
            ChosenSchema::new(name, schema.version.clone(), schema).map_err(|e| e.to_string())
        });
        match result {
            Ok(chosen) => {
                state.error.set(None);
                state.choose_schema(chosen, MappingChoice::Suggested);
            }
            Err(message) => state.error.set(Some(message)),
        }
    };
    let on_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
        // Choosing the same file again must reload it.
        input.set_value("");
        leptos::task::spawn_local(async move {
            let parsed = match browser::file_bytes(&file).await {
                Ok(bytes) => schema_from_bytes(&bytes),
                Err(_) => Err(text::SCHEMA_FILE_UNREADABLE.to_owned()),
            };
            use_schema(file.name(), parsed);
        });
    };
    let on_url = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let address = url.get_untracked().trim().to_owned();
        if let Err(message) = browser::fetchable(&address) {
            state.error.set(Some(message));
            return;
        }
        fetching.set(true);
        leptos::task::spawn_local(async move {
            let parsed = match browser::fetch_text(&address).await {
                Ok(body) => schema_from_bytes(body.as_bytes()),
                Err(e) => Err(text::schema_url_failed(&e)),
            };
            fetching.set(false);
            use_schema(address, parsed);
        });
    };

    let suggestions = move || {
        let names = suggested.map(|s| s.get()).unwrap_or_default();
        names.iter().filter_map(|n| catalog().find(n)).collect::<Vec<&'static Entry>>()
    };
    let option = move |entry: &'static Entry| {
        let name = entry.name.clone();
        view! {
            <option value=name.clone() selected=move || current() == name>
                {text::schema_option(&entry.title, &entry.name)}
            </option>
        }
    };
    // The chosen schema stays listed whatever the search, so the list never shows another one.
    let group = move |group: Group| {
        let q = query.get();
        let chosen = current();
        catalog()
            .entries
            .iter()
            .filter(|e| e.group() == group && (e.matches(&q) || e.name == chosen))
            .collect::<Vec<_>>()
    };
    let matches = move || {
        let q = query.get();
        catalog().entries.iter().filter(|e| e.matches(&q)).count()
    };

    // The file the schema is for, as the reader saw it (its controls are in the Fichier step).
    let file = move || {
        let sheet = state.sheet.get()?;
        let name = state.file.with(|f| f.as_ref().map(|f| f.name.clone()).unwrap_or_default());
        Some(view! {
            <p class="summary" data-testid="source-summary"><strong>{name}</strong> " — " {text::source_summary(&sheet.source)}</p>
        })
    };
    view! {
        <div class="schema-picker">
            {file}
            {move || {
                let found = suggestions();
                (!found.is_empty()).then(|| {
                    let intro = if found.len() == 1 { text::SCHEMA_SUGGESTED } else { text::SCHEMA_SUGGESTED_MANY };
                    view! {
                        <p class="note" data-testid="schema-suggested">
                            {intro}" "
                            {found
                                .into_iter()
                                .map(|entry| {
                                    let name = entry.name.clone();
                                    view! {
                                        <button type="button" data-testid="schema-suggestion" data-name=name.clone()
                                            on:click=move |_| choose(&name, None)>
                                            {entry.title.clone()}
                                        </button>" "
                                    }
                                })
                                .collect_view()}
                        </p>
                    }
                })
            }}
            {if catalog().entries.is_empty() {
                view! { <p class="notice">{text::SCHEMA_EMPTY}</p> }.into_any()
            } else {
                view! {
                    <div class="controls">
                        <label>
                            {text::SCHEMA_SEARCH}
                            <input type="search" data-testid="schema-search" placeholder=text::SCHEMA_SEARCH_PLACEHOLDER
                                prop:value=move || query.get()
                                on:input=move |ev| query.set(event_target_value(&ev)) />
                        </label>
                        {move || (!query.get().trim().is_empty())
                            .then(|| view! { <span class="muted small" role="status">{text::schema_match_count(matches())}</span> })}
                    </div>
                    <div class="controls">
                        <select data-testid="schema-select" aria-label=text::STEP_SCHEMA on:change=on_change node_ref=select>
                            <option value="" selected=move || current_entry().is_none()>{text::SCHEMA_PLACEHOLDER}</option>
                            <optgroup label=text::SCHEMA_GROUP_SCDL>
                                {move || group(Group::Scdl).into_iter().map(option).collect_view()}
                            </optgroup>
                            <optgroup label=text::SCHEMA_GROUP_OTHER>
                                {move || group(Group::Other).into_iter().map(option).collect_view()}
                            </optgroup>
                        </select>
                        {move || waiting.get().then(|| view! {
                            <span class="muted small" role="status" data-testid="catalog-loading">{text::CATALOG_LOADING}</span>
                        })}
                        {move || current_entry().map(|entry| {
                            let latest = entry.latest().to_owned();
                            let chosen = current_version().unwrap_or_else(|| latest.clone());
                            view! {
                                <label>
                                    {text::SCHEMA_VERSION}
                                    <select data-testid="schema-version" on:change=on_version>
                                        {entry.versions.iter().rev().map(|v| {
                                            let is_latest = v.version == latest;
                                            view! {
                                                <option value=v.version.clone() selected=chosen == v.version>
                                                    {text::schema_version_option(&v.version, is_latest)}
                                                </option>
                                            }
                                        }).collect_view()}
                                    </select>
                                </label>
                            }
                        })}
                    </div>
                }
                .into_any()
            }}
            {move || current_entry().map(|e| view! { <p class="muted">{e.description.clone()}</p> })}
            {move || {
                let name = current();
                (!name.is_empty() && current_entry().is_none()).then(|| {
                    let version = current_version().map(|v| format!(" — version {v}")).unwrap_or_default();
                    view! { <p data-testid="schema-own">{format!("{} : {name}{version}", text::SCHEMA_FROM_FILE_OR_URL)}</p> }
                })
            }}
            <details>
                <summary>{text::SCHEMA_OWN}</summary>
                <p class="muted small">{text::SCHEMA_OWN_HELP}</p>
                <div class="controls">
                    <label>
                        {text::SCHEMA_FILE}
                        <input type="file" accept=".json,application/json" data-testid="schema-file" on:change=on_file />
                    </label>
                </div>
                <form class="controls" on:submit=on_url>
                    <label>
                        {text::SCHEMA_URL}
                        <input type="url" data-testid="schema-url" placeholder=text::SCHEMA_URL_PLACEHOLDER
                            prop:value=move || url.get() on:input=move |ev| url.set(event_target_value(&ev)) />
                    </label>
                    <button type="submit" data-testid="schema-url-load" disabled=move || fetching.get()>
                        {move || if fetching.get() { text::SCHEMA_URL_LOADING } else { text::SCHEMA_URL_LOAD }}
                    </button>
                </form>
            </details>
        </div>
    }
}

/// A Table Schema from a file's bytes (UTF-8, with or without BOM), with a French error.
fn schema_from_bytes(bytes: &[u8]) -> Result<Schema, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| text::SCHEMA_FILE_NOT_TEXT.to_owned())?;
    Schema::from_json(text).map_err(|e| e.to_string())
}
