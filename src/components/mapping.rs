use super::field::{EnumMapTable, FieldDoc, FieldTransforms};
use super::recipe::{CollectivityForm, RecipeBar};
use crate::state::AppState;
use crate::text;
use leptos::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The errors of each field with the current mapping.
#[derive(Clone, Copy)]
struct FieldIssues(Memo<BTreeMap<String, usize>>);
use tamis_engine::suggest::{Confidence, FieldSuggestion};
use tamis_engine::{Field, Sheet, Source};

/// The select value of the "constant" choice; a NUL cannot be a column label.
const CONSTANT: &str = "\u{0}constant";

/// Step 3: for every schema field, the source column that fills it, a constant, or nothing.
#[component]
pub fn Mapping() -> impl IntoView {
    let state = expect_context::<AppState>();
    let ready = move || state.sheet.with(Option::is_some) && state.schema.with(Option::is_some);
    // The errors of each field with this mapping, so a wrong column shows at once.
    let issues = Memo::new(move |_| {
        let mut counts = BTreeMap::<String, usize>::new();
        for group in state.with_editor(|e| e.groups()).unwrap_or_default() {
            if let Some(field) = group.field {
                *counts.entry(field).or_default() += group.count;
            }
        }
        counts
    });
    provide_context(FieldIssues(issues));
    let rows = move || {
        let (Some(sheet), Some(chosen)) = (state.sheet.get(), state.schema.get()) else {
            return None;
        };
        // What Tamis would suggest for each field, shown beside the choice (reason and confidence).
        let suggestions = state.suggestions.get();
        let rows = chosen
            .schema
            .fields
            .iter()
            .map(|field| {
                let suggestion = suggestions.iter().find(|s| s.field == field.name).cloned();
                view! { <FieldRow field=field.clone() sheet=sheet.clone() suggestion=suggestion /> }
            })
            .collect_view();
        Some(rows)
    };
    let unused = move || {
        let sheet = state.sheet.get()?;
        let unused: Vec<String> = state.recipe.with(|recipe| {
            let used = |header: &String| {
                recipe.mapping.values().flatten().any(|s| matches!(s, Source::Column(c) if c == header))
            };
            sheet.headers.iter().filter(|h| !used(h)).cloned().collect()
        });
        (!unused.is_empty()).then(|| {
            view! { <p class="muted" data-testid="unused">{text::UNUSED_COLUMNS} " " {unused.join(", ")}</p> }
        })
    };
    view! {
        <Show when=ready>
            <super::AsIsOffer />
            <Show when=move || state.mode.get() == crate::state::Mode::Mapped>
                <p class="muted">{text::MAPPING_HELP}</p>
                <RecipeBar />
                <CollectivityForm />
                <table class="mapping" data-testid="mapping">
                    <thead>
                        <tr>
                            <th scope="col">{text::FIELD}</th>
                            <th scope="col">{text::SOURCE}</th>
                            <th scope="col"></th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
                {unused}
            </Show>
        </Show>
    }
}

/// One schema field: its name and title, the choice of source, and a sample value.
#[component]
fn FieldRow(
    /// The schema field.
    field: Field,
    /// The source sheet, for the column list and the sample.
    sheet: Arc<Sheet>,
    /// What Tamis suggests for this field.
    suggestion: Option<FieldSuggestion>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let FieldIssues(issues) = expect_context::<FieldIssues>();
    let name = StoredValue::new(field.name.clone());
    let source = Memo::new(move |_| state.recipe.with(|r| name.with_value(|n| r.source(n).cloned())));
    let on_change = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let source = match value.as_str() {
            "" => None,
            CONSTANT => Some(Source::Constant(String::new())),
            column => Some(Source::Column(column.to_owned())),
        };
        name.with_value(|n| state.set_source(n, source));
    };
    let on_constant = move |ev: leptos::ev::Event| {
        name.with_value(|n| state.set_source(n, Some(Source::Constant(event_target_value(&ev)))))
    };
    let sample = {
        let sheet = sheet.clone();
        move || match source.get() {
            Some(Source::Column(label)) => sheet.headers.iter().position(|h| *h == label).and_then(|c| {
                (0..sheet.rows.len())
                    .map(|r| sheet.cell(r, c))
                    .find(|v| !v.trim().is_empty())
                    .map(|v| format!("ex. : {v}"))
            }),
            _ => None,
        }
    };
    let hint = {
        let suggestion = suggestion.clone();
        move || {
            let s = suggestion.as_ref()?;
            let column = s.column.clone()?;
            let applied = source.get() == Some(Source::Column(column.clone()));
            let level = match s.confidence {
                Confidence::High => text::SUGGESTION_SURE,
                Confidence::Medium => text::SUGGESTION_LIKELY,
                Confidence::Low => text::SUGGESTION_CHECK,
            };
            let reason = s.reason.clone();
            Some(if applied {
                view! { <div class="suggestion small" data-testid="suggestion">{format!("{level} : {reason}")}</div> }
                    .into_any()
            } else {
                let use_it = move |_| name.with_value(|n| state.set_source(n, Some(Source::Column(column.clone()))));
                view! {
                    <div class="suggestion small other" data-testid="suggestion">
                        {format!("{} « {} » ({level} : {reason}) ", text::SUGGESTION_OTHER, s.column.clone().unwrap_or_default())}
                        <button type="button" class="secondary small" on:click=use_it>{text::SUGGESTION_USE}</button>
                    </div>
                }
                .into_any()
            })
        }
    };
    let options = sheet
        .headers
        .iter()
        .map(|header| {
            let column = Some(Source::Column(header.clone()));
            view! { <option value=header.clone() selected=move || source.get() == column>{header.clone()}</option> }
        })
        .collect_view();
    let label = format!("{} {}", text::SOURCE, field.name);
    let constant_label = format!("{} {}", text::CONSTANT, field.name);
    view! {
        <tr data-field=field.name.clone()>
            <th scope="row">
                <code>{field.name.clone()}</code>
                {field.required().then(|| view! { <span class="badge">{text::REQUIRED}</span> })}
                <div class="muted small">{field.title.clone().unwrap_or_default()}</div>
                <FieldDoc field=field.clone() />
            </th>
            <td>
                <select aria-label=label data-testid="source-select" on:change=on_change>
                    <option value="" selected=move || source.get().is_none()>{text::NO_COLUMN}</option>
                    {options}
                    <option value=CONSTANT selected=move || matches!(source.get(), Some(Source::Constant(_)))>
                        {text::CONSTANT}
                    </option>
                </select>
                <Show when=move || matches!(source.get(), Some(Source::Constant(_)))>
                    <input
                        type="text"
                        class="constant"
                        aria-label=constant_label.clone()
                        placeholder=text::CONSTANT_PLACEHOLDER
                        prop:value=move || match source.get() {
                            Some(Source::Constant(value)) => value,
                            _ => String::new(),
                        }
                        on:change=on_constant
                    />
                </Show>
                {hint}
                {move || {
                    let n = issues.with(|c| name.with_value(|n| c.get(n).copied()))?;
                    Some(view! { <div class="field-issues small" data-testid="field-issues">{text::field_issues(n)}</div> })
                }}
                <FieldTransforms field=field.clone() sheet=sheet.clone() />
                <EnumMapTable field=field.clone() sheet=sheet.clone() />
            </td>
            <td class="muted sample">{sample}</td>
        </tr>
    }
}
